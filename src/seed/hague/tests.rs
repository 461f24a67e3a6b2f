//! Integrity of the demo data: every reference resolves, every rule of the domain holds.
//! The helpers and the loading of the files are here; the checks stand by what they check.
use super::*;
use sea_orm::Iterable;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

mod projects;
mod reference;
mod signals;

const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(2022, 1, 1).expect("a date");
const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2027, 12, 31).expect("a date");

// --- helpers -------------------------------------------------------------------------------

/// A date inside the demo window.
fn check_date(ctx: &str, d: NaiveDate) {
    assert!(
        (EARLIEST..=LATEST).contains(&d),
        "{ctx}: `{d}` is outside {EARLIEST}..={LATEST}"
    );
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

fn assert_unique<'a>(what: &str, items: impl IntoIterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for item in items {
        assert!(seen.insert(item), "duplicate {what}: `{item}`");
    }
}

fn wijk(code: &str) -> Option<&'static Wijk> {
    WIJKEN.iter().find(|w| w.code == code)
}

fn org(code: &str) -> Option<&'static Organisation> {
    ORGANISATIONS.iter().find(|o| o.code == code)
}

fn project(key: &str) -> Option<&'static Project> {
    PROJECTS.iter().find(|p| p.key == key)
}

fn place(key: &str) -> Option<&'static MeetingPlace> {
    MEETING_PLACES.iter().find(|m| m.key == key)
}

fn contact(email: &str) -> Option<&'static ContactPerson> {
    CONTACT_PERSONS.iter().find(|c| c.email == email)
}

fn focus_wijken() -> BTreeSet<&'static str> {
    FOCUS_AREAS
        .iter()
        .flat_map(|f| f.wijken.iter().map(String::as_str))
        .collect()
}

fn participates(p: &Project, org: &str) -> bool {
    p.participants.iter().any(|x| x.organisation == org)
}

fn has_role(p: &Project, org: &str, role: ParticipantRole) -> bool {
    p.participants
        .iter()
        .any(|x| x.organisation == org && x.role == role)
}

// --- loading -------------------------------------------------------------------------------

/// Touches every data file, so a file that no longer loads fails here under its own name, and
/// an emptied file is caught too (it would load, and seed nothing).
#[test]
fn every_data_file_loads() {
    let loaded = [
        ("stadsdelen.json", STADSDELEN.len()),
        ("wijken.json", WIJKEN.len()),
        ("focus_areas.json", FOCUS_AREAS.len()),
        ("organisations.json", ORGANISATIONS.len()),
        ("contact_persons.json", CONTACT_PERSONS.len()),
        ("effects.json", EFFECTS.len()),
        ("meeting_places.json", MEETING_PLACES.len()),
        ("projects.json", PROJECTS.len()),
        ("signals.json", SIGNALS.len()),
    ];
    for (file, records) in loaded {
        assert!(records > 0, "src/seed/hague/{file} holds no records");
    }
}

/// The vocabularies live in the types, not in these tests: what programme staff mistype in a
/// file must be refused when it loads rather than reach the database.
#[test]
fn mistakes_in_a_file_are_refused() {
    let projects: serde_json::Value =
        serde_json::from_str(include_str!("projects.json")).expect("projects.json is JSON");
    let valid = projects[0].clone();
    serde_json::from_value::<Project>(valid.clone()).expect("the first project loads");
    for (field, value) in [
        ("phase", "RUNING"),
        ("visibility", "shared"),
        ("starts_on", "2024-02-30"),
        ("starts_on", "01-03-2024"),
        ("phse", "RUNNING"),
    ] {
        let mut broken = valid.clone();
        broken[field] = value.into();
        assert!(
            serde_json::from_value::<Project>(broken).is_err(),
            "{field}: `{value}` was accepted"
        );
    }
}

#[test]
#[should_panic(expected = "src/seed/hague/stadsdelen.json does not load")]
fn a_file_that_does_not_load_is_named() {
    load::<Stadsdeel>("stadsdelen.json", r#"[{"code": "CEN"}]"#);
}
