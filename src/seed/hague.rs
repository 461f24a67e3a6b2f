//! Demo data for wijkhub: The Hague's neighbourhood approach (*wijkaanpak*) under the
//! programme *Opwaartse kracht*.
//!
//! The reference data uses real names: the eight stadsdelen, real CBS wijk codes (`WK0518nn`)
//! with rounded, approximate population figures, the programme's focus areas, and the real
//! departments and partner organisations (websites are their public sites). Everything else —
//! projects, budgets, assessments, reviews, evaluations, signals, contact persons, e-mail
//! addresses (all on the reserved `.example` TLD) and phone numbers — is fictional. Nothing here
//! describes a resident: signals, notes and evaluations describe situations, statistics are counts.
//!
//! The data itself lives in `src/seed/hague/*.json`: programme staff edit those files (one per
//! list, in seeding order), not this one, and need no Rust to do so. They are compiled into the
//! binary and read into these types, whose vocabularies are the entity enums: a misspelt phase
//! or theme, an unknown field or an impossible date is refused when the file loads, and the unit
//! tests load every file, so such a mistake fails `cargo test` before it reaches a database.
//! Amounts are in euro cents, dates `YYYY-MM-DD`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use entity::{
    BudgetStatus, ContactFunction, ContinuationStatus, EvaluationKind, FundingSource, LinkKind,
    Management, MeetingPlaceKind, OrganisationKind, ParticipantRole, PartnerType, Phase,
    ReviewDecision, SignalStatus, Theme, Urgency, Visibility,
};
use serde::{Deserialize, de::DeserializeOwned};

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stadsdeel {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wijk {
    pub code: String,
    pub name: String,
    /// Stadsdeel code.
    pub stadsdeel: String,
    pub population: i32,
    pub population_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusArea {
    /// Lower-case, hyphenated, e.g. `zuidwest`.
    pub code: String,
    pub name: String,
    pub programme: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// Wijk codes.
    pub wijken: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub code: String,
    pub name: String,
    pub kind: OrganisationKind,
    /// `None` for departments.
    pub partner_type: Option<PartnerType>,
    /// `DPZ`, `OCW`, `SZW`, `DSO`, `DSB`, or `PB` for the programme office; `None` for partners.
    pub department_code: Option<String>,
    /// Parent organisation code (zebra-welzijn -> xtra).
    pub parent: Option<String>,
    pub website: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPerson {
    /// Fictional professional.
    pub name: String,
    pub function: ContactFunction,
    /// Organisation code.
    pub organisation: String,
    /// Fictional work e-mail on the `.example` TLD; unique.
    pub email: String,
    pub phone: Option<String>,
    /// Wijk codes.
    pub wijken: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    pub code: String,
    pub name: String,
    pub description: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingPlace {
    /// Stable slug, referenced by projects.
    pub key: String,
    pub name: String,
    pub kind: MeetingPlaceKind,
    pub street: String,
    pub house_number: String,
    /// `2532 AB` style.
    pub postcode: String,
    pub city: String,
    pub latitude: f64,
    pub longitude: f64,
    /// Wijk code.
    pub wijk: String,
    /// Operator organisation code.
    pub operator: Option<String>,
    pub management: Management,
    pub opening_hours_per_week: Option<i32>,
    pub capacity: Option<i32>,
    pub wheelchair_accessible: bool,
    pub lift: bool,
    pub adapted_toilet: bool,
    pub hearing_loop: bool,
    pub low_stimulus: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Organisation code.
    pub organisation: String,
    /// Exactly one `LEAD` per project.
    pub role: ParticipantRole,
    pub contribution: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub year: i32,
    pub source: FundingSource,
    /// Funder organisation code.
    pub funder: Option<String>,
    pub scheme: Option<String>,
    pub amount_cents: i64,
    pub status: BudgetStatus,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Effect code.
    pub effect: String,
    /// 0..=3.
    pub expected: i16,
    /// 0..=3; only for projects that are RUNNING or later.
    pub observed: Option<i16>,
    pub evidence: String,
    /// Organisation code.
    pub assessed_by: String,
    pub assessed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub coherence: i16,
    pub cooperation: i16,
    pub impact: i16,
    pub continuation: i16,
    pub decision: ReviewDecision,
    pub explanation: String,
    pub reviewed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Continuation {
    /// Organisation code.
    pub carrier: Option<String>,
    pub funding: String,
    pub status: ContinuationStatus,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    pub kind: EvaluationKind,
    pub evaluated_on: NaiveDate,
    pub results: String,
    pub participants_count: Option<i32>,
    pub activities_count: Option<i32>,
    pub lessons_learned: String,
    pub is_public: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The other project's key.
    pub to: String,
    pub kind: LinkKind,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Stable slug.
    pub key: String,
    pub title: String,
    pub summary: String,
    pub phase: Phase,
    pub visibility: Visibility,
    pub themes: Vec<Theme>,
    pub target_groups: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    /// Wijk codes.
    pub wijken: Vec<String>,
    /// Meeting place keys.
    pub meeting_places: Vec<String>,
    /// Contact person e-mail.
    pub contact: Option<String>,
    /// City-only remarks (budget, politics), never about residents.
    pub internal_notes: Option<String>,
    pub participants: Vec<Participant>,
    pub budget: Vec<BudgetLine>,
    pub assessments: Vec<Assessment>,
    pub review: Option<Review>,
    pub continuation: Option<Continuation>,
    pub evaluations: Vec<Evaluation>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    /// Wijk code.
    pub wijk: String,
    pub theme: Theme,
    pub title: String,
    /// Describes situations, never people.
    pub description: String,
    /// Organisation code.
    pub reporter: String,
    pub urgency: Urgency,
    pub status: SignalStatus,
    pub follow_up_note: Option<String>,
    pub internal_notes: Option<String>,
    /// Project keys.
    pub projects: Vec<String>,
    pub reported_on: NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// The data
// ---------------------------------------------------------------------------------------------

/// Reads one embedded data file. The files are part of the binary and every one is loaded by
/// the unit tests, so a mistake in them fails the build's tests, not a running server.
fn load<T: DeserializeOwned>(name: &str, text: &str) -> Vec<T> {
    serde_json::from_str(text)
        .unwrap_or_else(|error| panic!("src/seed/hague/{name} does not load: {error}"))
}

macro_rules! data {
    ($(#[$doc:meta])* $name:ident: $ty:ty = $file:literal) => {
        $(#[$doc])*
        pub static $name: LazyLock<Vec<$ty>> =
            LazyLock::new(|| load($file, include_str!(concat!("hague/", $file))));
    };
}

data!(
    /// The eight stadsdelen.
    STADSDELEN: Stadsdeel = "stadsdelen.json"
);
data!(
    /// Wijken with CBS codes.
    WIJKEN: Wijk = "wijken.json"
);
data!(
    /// The programme's focus areas.
    FOCUS_AREAS: FocusArea = "focus_areas.json"
);
data!(
    /// City departments and partner organisations.
    ORGANISATIONS: Organisation = "organisations.json"
);
data!(
    /// Fictional contact persons.
    CONTACT_PERSONS: ContactPerson = "contact_persons.json"
);
data!(
    /// The six effects projects are weighed against.
    EFFECTS: Effect = "effects.json"
);
data!(
    /// Meeting places.
    MEETING_PLACES: MeetingPlace = "meeting_places.json"
);
data!(
    /// Fictional projects.
    PROJECTS: Project = "projects.json"
);
data!(
    /// Fictional signals.
    SIGNALS: Signal = "signals.json"
);

#[cfg(test)]
mod tests;
