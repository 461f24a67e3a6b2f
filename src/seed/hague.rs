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
//! Pure static data with no dependencies beyond `core`; the seeding code maps it onto the
//! database. All enum-like values are the UPPER_SNAKE strings of `shared/design/DOMAIN.md`,
//! amounts are in euro cents, dates are `YYYY-MM-DD`.

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stadsdeel {
    pub code: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wijk {
    pub code: &'static str,
    pub name: &'static str,
    /// Stadsdeel code.
    pub stadsdeel: &'static str,
    pub population: i32,
    /// `YYYY-MM-DD`.
    pub population_date: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FocusArea {
    /// Lower-case, hyphenated, e.g. `zuidwest`.
    pub code: &'static str,
    pub name: &'static str,
    pub programme: &'static str,
    pub starts_on: &'static str,
    pub ends_on: Option<&'static str>,
    /// Wijk codes.
    pub wijken: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Organisation {
    pub code: &'static str,
    pub name: &'static str,
    /// `CITY_DEPARTMENT` or `PARTNER`.
    pub kind: &'static str,
    /// `None` for departments.
    pub partner_type: Option<&'static str>,
    /// `DPZ`, `OCW`, `SZW`, `DSO`, `DSB`, or `PB` for the programme office; `None` for partners.
    pub department_code: Option<&'static str>,
    /// Parent organisation code (zebra-welzijn -> xtra).
    pub parent: Option<&'static str>,
    pub website: Option<&'static str>,
    pub description: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContactPerson {
    /// Fictional professional.
    pub name: &'static str,
    pub function: &'static str,
    /// Organisation code.
    pub organisation: &'static str,
    /// Fictional work e-mail on the `.example` TLD; unique.
    pub email: &'static str,
    pub phone: Option<&'static str>,
    /// Wijk codes.
    pub wijken: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeetingPlace {
    /// Stable slug, referenced by projects.
    pub key: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub street: &'static str,
    pub house_number: &'static str,
    /// `2532 AB` style.
    pub postcode: &'static str,
    pub city: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    /// Wijk code.
    pub wijk: &'static str,
    /// Operator organisation code.
    pub operator: Option<&'static str>,
    pub management: &'static str,
    pub opening_hours_per_week: Option<i32>,
    pub capacity: Option<i32>,
    pub wheelchair_accessible: bool,
    pub lift: bool,
    pub adapted_toilet: bool,
    pub hearing_loop: bool,
    pub low_stimulus: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Participant {
    /// Organisation code.
    pub organisation: &'static str,
    /// `LEAD` (exactly one per project), `CONTRIBUTOR`, `FUNDER`, `ADVISER`.
    pub role: &'static str,
    pub contribution: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetLine {
    pub year: i32,
    pub source: &'static str,
    /// Funder organisation code.
    pub funder: Option<&'static str>,
    pub scheme: Option<&'static str>,
    pub amount_cents: i64,
    pub status: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessment {
    /// Effect code.
    pub effect: &'static str,
    /// 0..=3.
    pub expected: i16,
    /// 0..=3; only for projects that are RUNNING or later.
    pub observed: Option<i16>,
    pub evidence: &'static str,
    /// Organisation code.
    pub assessed_by: &'static str,
    pub assessed_on: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Review {
    pub coherence: i16,
    pub cooperation: i16,
    pub impact: i16,
    pub continuation: i16,
    /// `APPROVE`, `REJECT`, `HOLD`.
    pub decision: &'static str,
    pub explanation: &'static str,
    pub reviewed_on: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Continuation {
    /// Organisation code.
    pub carrier: Option<&'static str>,
    pub funding: &'static str,
    /// `NOT_STARTED`, `PREPARING`, `SECURED`, `NOT_SECURED`.
    pub status: &'static str,
    pub note: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// `MIDTERM`, `FINAL`, `FOLLOW_UP`.
    pub kind: &'static str,
    pub evaluated_on: &'static str,
    pub results: &'static str,
    pub participants_count: Option<i32>,
    pub activities_count: Option<i32>,
    pub lessons_learned: &'static str,
    pub is_public: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The other project's key.
    pub to: &'static str,
    /// `BUILDS_ON`, `COMPLEMENTS`, `OVERLAPS`.
    pub kind: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Project {
    /// Stable slug.
    pub key: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub phase: &'static str,
    /// `SHARED` or `INTERNAL`.
    pub visibility: &'static str,
    pub themes: &'static [&'static str],
    pub target_groups: &'static [&'static str],
    pub starts_on: Option<&'static str>,
    pub ends_on: Option<&'static str>,
    /// Wijk codes.
    pub wijken: &'static [&'static str],
    /// Meeting place keys.
    pub meeting_places: &'static [&'static str],
    /// Contact person e-mail.
    pub contact: Option<&'static str>,
    /// City-only remarks (budget, politics), never about residents.
    pub internal_notes: Option<&'static str>,
    pub participants: &'static [Participant],
    pub budget: &'static [BudgetLine],
    pub assessments: &'static [Assessment],
    pub review: Option<Review>,
    pub continuation: Option<Continuation>,
    pub evaluations: &'static [Evaluation],
    pub links: &'static [Link],
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Signal {
    /// Wijk code.
    pub wijk: &'static str,
    pub theme: &'static str,
    pub title: &'static str,
    /// Describes situations, never people.
    pub description: &'static str,
    /// Organisation code.
    pub reporter: &'static str,
    /// `LOW`, `MEDIUM`, `HIGH`.
    pub urgency: &'static str,
    /// `NEW`, `IN_PROGRESS`, `ESCALATED`, `POLICY_ADJUSTED`, `CLOSED`, `DISMISSED`.
    pub status: &'static str,
    pub follow_up_note: Option<&'static str>,
    pub internal_notes: Option<&'static str>,
    /// Project keys.
    pub projects: &'static [&'static str],
    pub reported_on: &'static str,
}

// ---------------------------------------------------------------------------------------------
// Reference data: stadsdelen, wijken, focus areas
// ---------------------------------------------------------------------------------------------

pub const STADSDELEN: &[Stadsdeel] = &[
    Stadsdeel {
        code: "CEN",
        name: "Centrum",
    },
    Stadsdeel {
        code: "ESC",
        name: "Escamp",
    },
    Stadsdeel {
        code: "HHT",
        name: "Haagse Hout",
    },
    Stadsdeel {
        code: "LAK",
        name: "Laak",
    },
    Stadsdeel {
        code: "LYP",
        name: "Leidschenveen-Ypenburg",
    },
    Stadsdeel {
        code: "LOS",
        name: "Loosduinen",
    },
    Stadsdeel {
        code: "SCH",
        name: "Scheveningen",
    },
    Stadsdeel {
        code: "SEG",
        name: "Segbroek",
    },
];

/// Real CBS wijken of The Hague (gemeente 0518). Populations are rounded approximations.
pub const WIJKEN: &[Wijk] = &[
    Wijk {
        code: "WK051804",
        name: "Benoordenhout",
        stadsdeel: "HHT",
        population: 15_390,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051807",
        name: "Scheveningen",
        stadsdeel: "SCH",
        population: 19_850,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051809",
        name: "Geuzen- en Statenkwartier",
        stadsdeel: "SCH",
        population: 12_960,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051812",
        name: "Bomen- en Bloemenbuurt",
        stadsdeel: "SEG",
        population: 14_910,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051817",
        name: "Loosduinen",
        stadsdeel: "LOS",
        population: 17_880,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051818",
        name: "Waldeck",
        stadsdeel: "LOS",
        population: 17_950,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051820",
        name: "Valkenboskwartier",
        stadsdeel: "SEG",
        population: 18_160,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051821",
        name: "Regentessekwartier",
        stadsdeel: "SEG",
        population: 14_380,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051825",
        name: "Mariahoeve en Marlot",
        stadsdeel: "HHT",
        population: 15_760,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051826",
        name: "Bezuidenhout",
        stadsdeel: "HHT",
        population: 19_250,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051827",
        name: "Stationsbuurt",
        stadsdeel: "CEN",
        population: 12_950,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051828",
        name: "Centrum",
        stadsdeel: "CEN",
        population: 21_960,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051829",
        name: "Schildersbuurt",
        stadsdeel: "CEN",
        population: 30_100,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051830",
        name: "Transvaalkwartier",
        stadsdeel: "CEN",
        population: 16_340,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051831",
        name: "Rustenburg en Oostbroek",
        stadsdeel: "ESC",
        population: 18_990,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051832",
        name: "Leyenburg",
        stadsdeel: "ESC",
        population: 17_140,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051833",
        name: "Bouwlust en Vrederust",
        stadsdeel: "ESC",
        population: 29_010,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051834",
        name: "Morgenstond",
        stadsdeel: "ESC",
        population: 20_550,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051836",
        name: "Moerwijk",
        stadsdeel: "ESC",
        population: 21_970,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051838",
        name: "Laakkwartier en Spoorwijk",
        stadsdeel: "LAK",
        population: 44_680,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051840",
        name: "Wateringse Veld",
        stadsdeel: "ESC",
        population: 24_630,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051842",
        name: "Ypenburg",
        stadsdeel: "LYP",
        population: 26_360,
        population_date: "2024-01-01",
    },
    Wijk {
        code: "WK051844",
        name: "Leidschenveen",
        stadsdeel: "LYP",
        population: 20_050,
        population_date: "2024-01-01",
    },
];

/// The focus areas (*aanpakgebieden*) of *Opwaartse kracht*.
pub const FOCUS_AREAS: &[FocusArea] = &[
    FocusArea {
        code: "schilderswijk",
        name: "Schilderswijk",
        programme: "Opwaartse kracht",
        starts_on: "2022-01-01",
        ends_on: None,
        wijken: &["WK051829"],
    },
    FocusArea {
        code: "transvaal",
        name: "Transvaal",
        programme: "Opwaartse kracht",
        starts_on: "2022-01-01",
        ends_on: None,
        wijken: &["WK051830"],
    },
    FocusArea {
        code: "zuidwest",
        name: "Zuidwest",
        programme: "Opwaartse kracht",
        starts_on: "2022-01-01",
        ends_on: None,
        wijken: &["WK051836", "WK051834", "WK051833"],
    },
    FocusArea {
        code: "laak",
        name: "Laak",
        programme: "Opwaartse kracht",
        starts_on: "2022-01-01",
        ends_on: None,
        wijken: &["WK051838"],
    },
    FocusArea {
        code: "mariahoeve",
        name: "Mariahoeve",
        programme: "Opwaartse kracht",
        starts_on: "2023-01-01",
        ends_on: Some("2027-12-31"),
        wijken: &["WK051825"],
    },
    FocusArea {
        code: "nieuw-waldeck",
        name: "Nieuw Waldeck",
        programme: "Opwaartse kracht",
        starts_on: "2023-01-01",
        ends_on: Some("2027-12-31"),
        wijken: &["WK051818"],
    },
    FocusArea {
        code: "regentesse-valkenbos-zuid",
        name: "Regentesse/Valkenbos-Zuid",
        programme: "Opwaartse kracht",
        starts_on: "2024-01-01",
        ends_on: Some("2027-12-31"),
        wijken: &["WK051821", "WK051820"],
    },
];

// ---------------------------------------------------------------------------------------------
// Organisations, contact persons, effects
// ---------------------------------------------------------------------------------------------

/// The city departments and partners. Parents come before their children.
pub const ORGANISATIONS: &[Organisation] = &[
    Organisation {
        code: "programmabureau",
        name: "Programmabureau Opwaartse kracht",
        kind: "CITY_DEPARTMENT",
        partner_type: None,
        department_code: Some("PB"),
        parent: None,
        website: Some("https://www.denhaag.nl"),
        description: "Klein programmabureau op het stadhuis dat de wijkaanpak stuurt: weegt projecten op de zes effecten, toetst samenhang, samenwerking, impact en borging, en brengt signalen uit de wijken naar het bestuur.",
    },
    Organisation {
        code: "dpz",
        name: "Dienst Publiekszaken",
        kind: "CITY_DEPARTMENT",
        partner_type: None,
        department_code: Some("DPZ"),
        parent: None,
        website: Some("https://www.denhaag.nl"),
        description: "Stadsdeelorganisaties en wijkmanagers; beheert de wijkbudgetten en het bewonersinitiatievenbudget.",
    },
    Organisation {
        code: "ocw",
        name: "Dienst Onderwijs, Cultuur en Welzijn",
        kind: "CITY_DEPARTMENT",
        partner_type: None,
        department_code: Some("OCW"),
        parent: None,
        website: Some("https://www.denhaag.nl"),
        description: "Welzijn, onderwijs, sport, cultuur en publieke gezondheid; subsidieert welzijnsorganisaties en de bibliotheek.",
    },
    Organisation {
        code: "szw",
        name: "Dienst Sociale Zaken en Werkgelegenheid",
        kind: "CITY_DEPARTMENT",
        partner_type: None,
        department_code: Some("SZW"),
        parent: None,
        website: Some("https://www.denhaag.nl"),
        description: "Werk en inkomen, schuldhulpverlening en armoedebeleid.",
    },
    Organisation {
        code: "dso",
        name: "Dienst Stedelijke Ontwikkeling",
        kind: "CITY_DEPARTMENT",
        partner_type: None,
        department_code: Some("DSO"),
        parent: None,
        website: Some("https://www.denhaag.nl"),
        description: "Stedelijke ontwikkeling, wonen, vergunningen en gebiedsontwikkeling.",
    },
    Organisation {
        code: "dsb",
        name: "Dienst Stadsbeheer",
        kind: "CITY_DEPARTMENT",
        partner_type: None,
        department_code: Some("DSB"),
        parent: None,
        website: Some("https://www.denhaag.nl"),
        description: "Beheer van de openbare ruimte: reiniging, groen, verlichting en straatmeubilair.",
    },
    Organisation {
        code: "haag-wonen",
        name: "Haag Wonen",
        kind: "PARTNER",
        partner_type: Some("HOUSING_CORPORATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.haagwonen.nl"),
        description: "Woningcorporatie met veel sociale huurwoningen in Zuidwest en Laak.",
    },
    Organisation {
        code: "staedion",
        name: "Staedion",
        kind: "PARTNER",
        partner_type: Some("HOUSING_CORPORATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.staedion.nl"),
        description: "Woningcorporatie met een groot bezit in Centrum, Mariahoeve en andere Haagse wijken.",
    },
    Organisation {
        code: "vestia",
        name: "Vestia",
        kind: "PARTNER",
        partner_type: Some("HOUSING_CORPORATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.vestia.nl"),
        description: "Woningcorporatie met bezit in onder meer Bouwlust en Vrederust.",
    },
    Organisation {
        code: "arcade",
        name: "Arcade",
        kind: "PARTNER",
        partner_type: Some("HOUSING_CORPORATION"),
        department_code: None,
        parent: None,
        website: None,
        description: "Woningcorporatie in de regio Haaglanden.",
    },
    Organisation {
        code: "hof-wonen",
        name: "Hof Wonen",
        kind: "PARTNER",
        partner_type: Some("HOUSING_CORPORATION"),
        department_code: None,
        parent: None,
        website: None,
        description: "Woningcorporatie in de regio Haaglanden.",
    },
    Organisation {
        code: "xtra",
        name: "Xtra",
        kind: "PARTNER",
        partner_type: Some("WELFARE_ORGANISATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.xtra.nl"),
        description: "Welzijnsconcern met opbouwwerk, jongerenwerk en sociaal raadsliedenwerk; moederorganisatie van Zebra Welzijn.",
    },
    Organisation {
        code: "zebra-welzijn",
        name: "Zebra Welzijn",
        kind: "PARTNER",
        partner_type: Some("WELFARE_ORGANISATION"),
        department_code: None,
        parent: Some("xtra"),
        website: Some("https://www.zebrawelzijn.nl"),
        description: "Welzijnsorganisatie binnen Xtra, actief in onder meer Transvaal en Laak.",
    },
    Organisation {
        code: "voor-welzijn",
        name: "VOOR Welzijn",
        kind: "PARTNER",
        partner_type: Some("WELFARE_ORGANISATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.voorwelzijn.nl"),
        description: "Welzijnsorganisatie met buurthuizen, ouderenwerk en jongerenwerk.",
    },
    Organisation {
        code: "mooi-welzijn",
        name: "MOOI Welzijn",
        kind: "PARTNER",
        partner_type: Some("WELFARE_ORGANISATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.mooiwelzijn.nl"),
        description: "Welzijnsorganisatie met wijkcentra, opbouwwerk en mantelzorgondersteuning.",
    },
    Organisation {
        code: "welzijn-scheveningen",
        name: "Welzijn Scheveningen",
        kind: "PARTNER",
        partner_type: Some("WELFARE_ORGANISATION"),
        department_code: None,
        parent: None,
        website: Some("https://www.welzijnscheveningen.nl"),
        description: "Welzijnsorganisatie voor stadsdeel Scheveningen.",
    },
    Organisation {
        code: "bibliotheek-den-haag",
        name: "Bibliotheek Den Haag",
        kind: "PARTNER",
        partner_type: Some("LIBRARY"),
        department_code: None,
        parent: None,
        website: Some("https://www.bibliotheekdenhaag.nl"),
        description: "Openbare bibliotheek met wijkvestigingen, Taalhuizen en het Informatiepunt Digitale Overheid.",
    },
    Organisation {
        code: "ggd-haaglanden",
        name: "GGD Haaglanden",
        kind: "PARTNER",
        partner_type: Some("HEALTH"),
        department_code: None,
        parent: None,
        website: Some("https://www.ggdhaaglanden.nl"),
        description: "Publieke gezondheidszorg: jeugdgezondheidszorg, gezondheidsbevordering en monitoring.",
    },
    Organisation {
        code: "politie-den-haag",
        name: "Politie Den Haag",
        kind: "PARTNER",
        partner_type: Some("POLICE"),
        department_code: None,
        parent: None,
        website: Some("https://www.politie.nl"),
        description: "Politie-eenheid Den Haag, met wijkagenten in elke wijk.",
    },
    Organisation {
        code: "oranje-fonds",
        name: "Oranje Fonds",
        kind: "PARTNER",
        partner_type: Some("FUND"),
        department_code: None,
        parent: None,
        website: Some("https://www.oranjefonds.nl"),
        description: "Landelijk fonds dat sociale initiatieven en vrijwilligersprojecten steunt.",
    },
];

/// Fictional professionals with work details only.
pub const CONTACT_PERSONS: &[ContactPerson] = &[
    ContactPerson {
        name: "Ellen Verhoeven",
        function: "WIJKMANAGER",
        organisation: "dpz",
        email: "e.verhoeven@denhaag.example",
        phone: Some("+31 70 000 0101"),
        wijken: &["WK051833", "WK051834", "WK051836"],
    },
    ContactPerson {
        name: "Karim Bouzid",
        function: "WIJKMANAGER",
        organisation: "dpz",
        email: "k.bouzid@denhaag.example",
        phone: Some("+31 70 000 0102"),
        wijken: &["WK051829", "WK051830", "WK051827"],
    },
    ContactPerson {
        name: "Marieke de Groot",
        function: "WIJKMANAGER",
        organisation: "dpz",
        email: "m.degroot@denhaag.example",
        phone: Some("+31 70 000 0103"),
        wijken: &["WK051838"],
    },
    ContactPerson {
        name: "Ruud Hofstede",
        function: "WIJKMANAGER",
        organisation: "dpz",
        email: "r.hofstede@denhaag.example",
        phone: Some("+31 70 000 0104"),
        wijken: &["WK051820", "WK051821", "WK051812"],
    },
    ContactPerson {
        name: "Sanne Koster",
        function: "WIJKMANAGER",
        organisation: "dpz",
        email: "s.koster@denhaag.example",
        phone: Some("+31 70 000 0105"),
        wijken: &["WK051818", "WK051817"],
    },
    ContactPerson {
        name: "Hanneke Willems",
        function: "WIJKMANAGER",
        organisation: "dpz",
        email: "h.willems@denhaag.example",
        phone: None,
        wijken: &["WK051825", "WK051826"],
    },
    ContactPerson {
        name: "Priya Ramdin",
        function: "POLICY_ADVISER",
        organisation: "programmabureau",
        email: "p.ramdin@denhaag.example",
        phone: Some("+31 70 000 0110"),
        wijken: &[
            "WK051829", "WK051830", "WK051833", "WK051834", "WK051836", "WK051838", "WK051825",
            "WK051818", "WK051820", "WK051821",
        ],
    },
    ContactPerson {
        name: "Lotte Brouwer",
        function: "POLICY_ADVISER",
        organisation: "ocw",
        email: "l.brouwer@denhaag.example",
        phone: Some("+31 70 000 0120"),
        wijken: &["WK051833", "WK051838", "WK051818"],
    },
    ContactPerson {
        name: "Marco Pinas",
        function: "PROJECT_LEAD",
        organisation: "szw",
        email: "m.pinas@denhaag.example",
        phone: Some("+31 70 000 0130"),
        wijken: &["WK051833", "WK051834", "WK051836", "WK051838"],
    },
    ContactPerson {
        name: "Youssef El Amrani",
        function: "COMMUNITY_WORKER",
        organisation: "voor-welzijn",
        email: "y.elamrani@voorwelzijn.example",
        phone: Some("+31 6 0000 0201"),
        wijken: &["WK051829", "WK051825"],
    },
    ContactPerson {
        name: "Linda Bakker",
        function: "COMMUNITY_WORKER",
        organisation: "mooi-welzijn",
        email: "l.bakker@mooiwelzijn.example",
        phone: Some("+31 6 0000 0202"),
        wijken: &["WK051834", "WK051836"],
    },
    ContactPerson {
        name: "Dennis Vermeulen",
        function: "YOUTH_WORKER",
        organisation: "mooi-welzijn",
        email: "d.vermeulen@mooiwelzijn.example",
        phone: Some("+31 6 0000 0203"),
        wijken: &["WK051833", "WK051834", "WK051836"],
    },
    ContactPerson {
        name: "Noor Hassan",
        function: "SITE_MANAGER",
        organisation: "mooi-welzijn",
        email: "n.hassan@mooiwelzijn.example",
        phone: Some("+31 70 000 0204"),
        wijken: &["WK051833"],
    },
    ContactPerson {
        name: "Fatma Yilmaz",
        function: "COMMUNITY_WORKER",
        organisation: "zebra-welzijn",
        email: "f.yilmaz@zebrawelzijn.example",
        phone: Some("+31 6 0000 0205"),
        wijken: &["WK051830", "WK051838"],
    },
    ContactPerson {
        name: "Mirjam Dekker",
        function: "COMMUNITY_WORKER",
        organisation: "xtra",
        email: "m.dekker@xtra.example",
        phone: Some("+31 6 0000 0206"),
        wijken: &["WK051818", "WK051820", "WK051821"],
    },
    ContactPerson {
        name: "Jeroen Smits",
        function: "YOUTH_WORKER",
        organisation: "xtra",
        email: "j.smits@xtra.example",
        phone: None,
        wijken: &["WK051818", "WK051830"],
    },
    ContactPerson {
        name: "Anouk Visser",
        function: "NEIGHBOURHOOD_OFFICER",
        organisation: "politie-den-haag",
        email: "a.visser@politie.example",
        phone: Some("+31 70 000 0300"),
        wijken: &["WK051838", "WK051836"],
    },
    ContactPerson {
        name: "Tom Hendriks",
        function: "PROJECT_LEAD",
        organisation: "haag-wonen",
        email: "t.hendriks@haagwonen.example",
        phone: Some("+31 70 000 0401"),
        wijken: &["WK051834", "WK051836", "WK051838"],
    },
    ContactPerson {
        name: "Ilse Jansen",
        function: "PROJECT_LEAD",
        organisation: "staedion",
        email: "i.jansen@staedion.example",
        phone: Some("+31 70 000 0402"),
        wijken: &["WK051829", "WK051830", "WK051825"],
    },
    ContactPerson {
        name: "Bas van Dijk",
        function: "PROJECT_LEAD",
        organisation: "vestia",
        email: "b.vandijk@vestia.example",
        phone: Some("+31 70 000 0403"),
        wijken: &["WK051833"],
    },
    ContactPerson {
        name: "Gerda Mulder",
        function: "OTHER",
        organisation: "bibliotheek-den-haag",
        email: "g.mulder@bibliotheekdenhaag.example",
        phone: Some("+31 70 000 0500"),
        wijken: &["WK051834", "WK051836"],
    },
    ContactPerson {
        name: "Esther van Leeuwen",
        function: "PROJECT_LEAD",
        organisation: "ggd-haaglanden",
        email: "e.vanleeuwen@ggdhaaglanden.example",
        phone: None,
        wijken: &["WK051833", "WK051834", "WK051836"],
    },
];

/// The six effects every project is weighed against.
pub const EFFECTS: &[Effect] = &[
    Effect {
        code: "PARTICIPATION",
        name: "Participatie",
        description: "Residents take part and use their own strength.",
        sort_order: 1,
    },
    Effect {
        code: "SOCIAL_COHESION",
        name: "Sociale cohesie",
        description: "Meeting, contact and trust between residents.",
        sort_order: 2,
    },
    Effect {
        code: "EDUCATION_AND_TALENT",
        name: "Onderwijs en talent",
        description: "Children, young people and adults develop their talents and educational disadvantage shrinks.",
        sort_order: 3,
    },
    Effect {
        code: "WORK_AND_INCOME",
        name: "Werk en inkomen",
        description: "Residents find paid work, a traineeship or a step towards it, and have a stable income.",
        sort_order: 4,
    },
    Effect {
        code: "POVERTY_AND_HEALTH",
        name: "Armoede en gezondheid",
        description: "Fewer households live in poverty or debt, and residents live healthier lives.",
        sort_order: 5,
    },
    Effect {
        code: "LIVEABILITY_AND_SAFETY",
        name: "Leefbaarheid en veiligheid",
        description: "A clean, whole and safe neighbourhood with decent housing.",
        sort_order: 6,
    },
];

// ---------------------------------------------------------------------------------------------
// Meeting places
// ---------------------------------------------------------------------------------------------

pub const MEETING_PLACES: &[MeetingPlace] = &[
    MeetingPlace {
        key: "wijkcentrum-bouwlust",
        name: "Wijkcentrum Bouwlust",
        kind: "COMMUNITY_CENTRE",
        street: "Melis Blokstraat",
        house_number: "100",
        postcode: "2541 VR",
        city: "Den Haag",
        latitude: 52.0398,
        longitude: 4.2612,
        wijk: "WK051833",
        operator: Some("mooi-welzijn"),
        management: "WELFARE_ORGANISATION",
        opening_hours_per_week: Some(55),
        capacity: Some(200),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: true,
        hearing_loop: true,
        low_stimulus: false,
    },
    MeetingPlace {
        key: "trefpunt-laakhage",
        name: "Trefpunt Laakhage",
        kind: "NEIGHBOURHOOD_HOUSE",
        street: "Goeverneurlaan",
        house_number: "300",
        postcode: "2524 BP",
        city: "Den Haag",
        latitude: 52.0628,
        longitude: 4.3139,
        wijk: "WK051838",
        operator: None,
        management: "SELF_MANAGED",
        opening_hours_per_week: Some(30),
        capacity: Some(60),
        wheelchair_accessible: true,
        lift: false,
        adapted_toilet: true,
        hearing_loop: false,
        low_stimulus: false,
    },
    MeetingPlace {
        key: "buurtkamer-de-spruijt",
        name: "Buurtkamer De Spruijt",
        kind: "NEIGHBOURHOOD_ROOM",
        street: "Erasmusweg",
        house_number: "285",
        postcode: "2532 CR",
        city: "Den Haag",
        latitude: 52.0497,
        longitude: 4.2889,
        wijk: "WK051836",
        operator: Some("haag-wonen"),
        management: "HOUSING_CORPORATION",
        opening_hours_per_week: Some(24),
        capacity: Some(30),
        wheelchair_accessible: true,
        lift: false,
        adapted_toilet: true,
        hearing_loop: false,
        low_stimulus: true,
    },
    MeetingPlace {
        key: "de-mussen",
        name: "De Mussen",
        kind: "COMMUNITY_CENTRE",
        street: "Van Ravesteynstraat",
        house_number: "25",
        postcode: "2525 SB",
        city: "Den Haag",
        latitude: 52.0690,
        longitude: 4.2968,
        wijk: "WK051829",
        operator: Some("voor-welzijn"),
        management: "WELFARE_ORGANISATION",
        opening_hours_per_week: Some(60),
        capacity: Some(250),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: true,
        hearing_loop: true,
        low_stimulus: false,
    },
    MeetingPlace {
        key: "wdc-transvaal",
        name: "Wijk- en Dienstencentrum Transvaal",
        kind: "COMMUNITY_CENTRE",
        street: "Kempstraat",
        house_number: "113",
        postcode: "2572 GC",
        city: "Den Haag",
        latitude: 52.0622,
        longitude: 4.2910,
        wijk: "WK051830",
        operator: Some("zebra-welzijn"),
        management: "WELFARE_ORGANISATION",
        opening_hours_per_week: Some(50),
        capacity: Some(180),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: true,
        hearing_loop: false,
        low_stimulus: false,
    },
    MeetingPlace {
        key: "bibliotheek-escamp",
        name: "Bibliotheek Escamp",
        kind: "LIBRARY",
        street: "Leyweg",
        house_number: "813",
        postcode: "2545 GR",
        city: "Den Haag",
        latitude: 52.0436,
        longitude: 4.2741,
        wijk: "WK051834",
        operator: Some("bibliotheek-den-haag"),
        management: "MUNICIPALITY",
        opening_hours_per_week: Some(48),
        capacity: Some(120),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: true,
        hearing_loop: true,
        low_stimulus: true,
    },
    MeetingPlace {
        key: "sportcampus-zuiderpark",
        name: "Sportcampus Zuiderpark",
        kind: "SPORTS",
        street: "Mr. P. Droogleever Fortuynweg",
        house_number: "30",
        postcode: "2533 SR",
        city: "Den Haag",
        latitude: 52.0563,
        longitude: 4.2852,
        wijk: "WK051836",
        operator: Some("ocw"),
        management: "MUNICIPALITY",
        opening_hours_per_week: Some(90),
        capacity: Some(1200),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: true,
        hearing_loop: true,
        low_stimulus: false,
    },
    MeetingPlace {
        key: "moestuin-nieuw-waldeck",
        name: "Buurtmoestuin Nieuw Waldeck",
        kind: "OUTDOOR",
        street: "Kijkduinsestraat",
        house_number: "ong.",
        postcode: "2554 AM",
        city: "Den Haag",
        latitude: 52.0659,
        longitude: 4.2405,
        wijk: "WK051818",
        operator: Some("xtra"),
        management: "SELF_MANAGED",
        opening_hours_per_week: Some(20),
        capacity: Some(40),
        wheelchair_accessible: true,
        lift: false,
        adapted_toilet: false,
        hearing_loop: false,
        low_stimulus: true,
    },
    MeetingPlace {
        key: "wijkcentrum-mariahoeve",
        name: "Wijkcentrum Mariahoeve",
        kind: "COMMUNITY_CENTRE",
        street: "Hofzichtlaan",
        house_number: "116",
        postcode: "2592 BL",
        city: "Den Haag",
        latitude: 52.0877,
        longitude: 4.3561,
        wijk: "WK051825",
        operator: Some("voor-welzijn"),
        management: "WELFARE_ORGANISATION",
        opening_hours_per_week: Some(45),
        capacity: Some(150),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: true,
        hearing_loop: true,
        low_stimulus: false,
    },
    MeetingPlace {
        key: "buurtkamer-de-hoeve",
        name: "Buurtkamer De Hoeve",
        kind: "NEIGHBOURHOOD_ROOM",
        street: "Diamanthorst",
        house_number: "180",
        postcode: "2592 GB",
        city: "Den Haag",
        latitude: 52.0845,
        longitude: 4.3630,
        wijk: "WK051825",
        operator: Some("staedion"),
        management: "HOUSING_CORPORATION",
        opening_hours_per_week: Some(16),
        capacity: Some(25),
        wheelchair_accessible: true,
        lift: true,
        adapted_toilet: false,
        hearing_loop: false,
        low_stimulus: true,
    },
    MeetingPlace {
        key: "buurthuis-valkenbos",
        name: "Buurthuis Valkenbos",
        kind: "NEIGHBOURHOOD_HOUSE",
        street: "Valkenboslaan",
        house_number: "122",
        postcode: "2563 CM",
        city: "Den Haag",
        latitude: 52.0716,
        longitude: 4.2731,
        wijk: "WK051820",
        operator: Some("xtra"),
        management: "WELFARE_ORGANISATION",
        opening_hours_per_week: Some(40),
        capacity: Some(90),
        wheelchair_accessible: true,
        lift: false,
        adapted_toilet: true,
        hearing_loop: false,
        low_stimulus: false,
    },
];

// ---------------------------------------------------------------------------------------------
// Projects (fictional). Amounts are euro cents, written as `euros * 100`.
// ---------------------------------------------------------------------------------------------

pub const PROJECTS: &[Project] = &[
    // ----- Zuidwest: Moerwijk, Morgenstond, Bouwlust en Vrederust -----------------------------
    Project {
        key: "taalcafe-moerwijk",
        title: "Taalcafé Moerwijk",
        summary: "Wekelijks taalcafé waar bewoners in een ontspannen setting Nederlands oefenen met vrijwillige taalmaatjes, gekoppeld aan het Taalhuis van de bibliotheek.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["EDUCATION", "PARTICIPATION", "MEETING"],
        target_groups: &[
            "volwassenen met een taalachterstand",
            "statushouders",
            "vrijwillige taalmaatjes",
        ],
        starts_on: Some("2024-02-01"),
        ends_on: Some("2027-06-30"),
        wijken: &["WK051836"],
        meeting_places: &["buurtkamer-de-spruijt", "bibliotheek-escamp"],
        contact: Some("g.mulder@bibliotheekdenhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "bibliotheek-den-haag",
                role: "LEAD",
                contribution: "Coördinatie, Taalhuis-materiaal en training van taalmaatjes",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Werving van deelnemers via opbouwwerk en vrijwilligerscoördinatie",
            },
            Participant {
                organisation: "haag-wonen",
                role: "CONTRIBUTOR",
                contribution: "Kosteloos gebruik van Buurtkamer De Spruijt",
            },
            Participant {
                organisation: "oranje-fonds",
                role: "FUNDER",
                contribution: "Bijdrage aan de training van vrijwilligers",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 38_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 40_000 * 100,
                status: "ADVANCED",
            },
            BudgetLine {
                year: 2025,
                source: "FUND",
                funder: Some("oranje-fonds"),
                scheme: Some("Oranje Fonds"),
                amount_cents: 12_500 * 100,
                status: "GRANTED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 42_000 * 100,
                status: "GRANTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 3,
                observed: Some(2),
                evidence: "14 van de 62 deelnemers stroomden in 2025 door naar een formele taalcursus.",
                assessed_by: "programmabureau",
                assessed_on: "2025-12-10",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: Some(3),
                evidence: "Vaste groep van circa 40 bezoekers die ook buiten het taalcafé afspreekt.",
                assessed_by: "programmabureau",
                assessed_on: "2025-12-10",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: Some(2),
                evidence: "Acht oud-deelnemers zijn zelf taalmaatje geworden.",
                assessed_by: "bibliotheek-den-haag",
                assessed_on: "2025-11-28",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Sluit aan op het Taalhuis en het opbouwwerk in Moerwijk; borging via de bibliotheekbegroting is bespreekbaar.",
            reviewed_on: "2023-11-20",
        }),
        continuation: Some(Continuation {
            carrier: Some("bibliotheek-den-haag"),
            funding: "Opname in de reguliere Taalhuis-begroting vanaf medio 2027",
            status: "PREPARING",
            note: "Gesprek met OCW over structurele dekking loopt.",
        }),
        evaluations: &[Evaluation {
            kind: "MIDTERM",
            evaluated_on: "2025-09-15",
            results: "Het taalcafé draait elke week met gemiddeld 25 bezoekers; de combinatie met de buurtkamer verlaagt de drempel.",
            participants_count: Some(62),
            activities_count: Some(78),
            lessons_learned: "Vaste taalmaatjes per tafel werken beter dan wisselende koppels; kinderopvang tijdens het taalcafé vergroot het bereik.",
            is_public: true,
        }],
        links: &[Link {
            to: "werkplaats-zuidwest",
            kind: "COMPLEMENTS",
        }],
    },
    Project {
        key: "schoon-en-heel-bouwlust",
        title: "Schoon en heel Bouwlust",
        summary: "Bewoners, Stadsbeheer en corporaties pakken samen zwerfafval, grofvuil en kapot straatmeubilair aan met maandelijkse schouwrondes en buurtschoonmaakacties.",
        phase: "EMBEDDED",
        visibility: "SHARED",
        themes: &["LIVING_ENVIRONMENT", "PARTICIPATION", "SAFETY"],
        target_groups: &["bewoners", "bewonerscommissies", "basisschoolleerlingen"],
        starts_on: Some("2022-03-01"),
        ends_on: Some("2023-12-31"),
        wijken: &["WK051833"],
        meeting_places: &["wijkcentrum-bouwlust"],
        contact: Some("e.verhoeven@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "dsb",
                role: "LEAD",
                contribution: "Schouwrondes, extra veegrondes en herstel van straatmeubilair",
            },
            Participant {
                organisation: "vestia",
                role: "CONTRIBUTOR",
                contribution: "Inzet van huismeesters en opruimacties in bergingen",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Organisatie van buurtschoonmaakacties met bewoners",
            },
            Participant {
                organisation: "dpz",
                role: "ADVISER",
                contribution: "Wijkmanager verbindt de aanpak met het wijkoverleg",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2022,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 45_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 45_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2023,
                source: "HOUSING_CORPORATION",
                funder: Some("vestia"),
                scheme: None,
                amount_cents: 15_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 3,
                observed: Some(3),
                evidence: "Het aantal meldingen over zwerfafval daalde tussen 2022 en 2023 met ruim een derde.",
                assessed_by: "dsb",
                assessed_on: "2024-02-01",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: Some(2),
                evidence: "Zes vaste straatteams van bewoners lopen mee met de schouw.",
                assessed_by: "programmabureau",
                assessed_on: "2024-02-15",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: Some(2),
                evidence: "Schoonmaakacties zijn uitgegroeid tot buurtmomenten met koffie en muziek.",
                assessed_by: "programmabureau",
                assessed_on: "2024-02-15",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Heldere rolverdeling tussen Stadsbeheer, corporatie en welzijn; let op borging na 2023.",
            reviewed_on: "2022-01-20",
        }),
        continuation: Some(Continuation {
            carrier: Some("dsb"),
            funding: "Reguliere begroting Stadsbeheer en wijkbudget Escamp",
            status: "SECURED",
            note: "De schouwrondes zijn opgenomen in het reguliere beheerprogramma van Escamp.",
        }),
        evaluations: &[
            Evaluation {
                kind: "FINAL",
                evaluated_on: "2024-01-30",
                results: "Schonere straten en snellere afhandeling van meldingen; bewoners weten de weg naar de meldapp beter te vinden.",
                participants_count: Some(310),
                activities_count: Some(96),
                lessons_learned: "Vaste schouwrondes met dezelfde mensen bouwen vertrouwen op; zonder terugkoppeling op meldingen haken bewoners af.",
                is_public: true,
            },
            Evaluation {
                kind: "FOLLOW_UP",
                evaluated_on: "2025-03-20",
                results: "Een jaar na afloop lopen vier van de zes straatteams nog mee; het meldingenniveau is stabiel gebleven.",
                participants_count: Some(120),
                activities_count: Some(24),
                lessons_learned: "Straatteams hebben een vast aanspreekpunt bij Stadsbeheer nodig om actief te blijven.",
                is_public: false,
            },
        ],
        links: &[],
    },
    Project {
        key: "werkplaats-zuidwest",
        title: "Werkplaats Zuidwest",
        summary: "Wijkgericht werkgeverspunt waar werkzoekenden met een bijstandsuitkering begeleid worden naar leerbanen in zorg, techniek en onderhoud bij werkgevers in de regio.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["WORK", "POVERTY"],
        target_groups: &["werkzoekenden met een bijstandsuitkering", "jongeren 18-27"],
        starts_on: Some("2024-09-01"),
        ends_on: Some("2027-08-31"),
        wijken: &["WK051833", "WK051834", "WK051836"],
        meeting_places: &["wijkcentrum-bouwlust"],
        contact: Some("m.pinas@denhaag.example"),
        internal_notes: Some(
            "De Regio Deal-middelen lopen af in 2027; verlenging hangt af van een kabinetsbesluit. Dekking vanaf 2028 nog niet in de meerjarenbegroting.",
        ),
        participants: &[
            Participant {
                organisation: "szw",
                role: "LEAD",
                contribution: "Werkgeversbenadering, trajectbegeleiding en uitkeringsregie",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Toeleiding via opbouwwerk en het inloopspreekuur",
            },
            Participant {
                organisation: "haag-wonen",
                role: "CONTRIBUTOR",
                contribution: "Leerbanen in onderhoud en renovatie",
            },
            Participant {
                organisation: "vestia",
                role: "CONTRIBUTOR",
                contribution: "Leerwerkplekken bij onderhoudsaannemers",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2024,
                source: "NATIONAL_GOVERNMENT",
                funder: None,
                scheme: Some("Regio Deal Zuidwest"),
                amount_cents: 120_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "NATIONAL_GOVERNMENT",
                funder: None,
                scheme: Some("Regio Deal Zuidwest"),
                amount_cents: 150_000 * 100,
                status: "ADVANCED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 80_000 * 100,
                status: "GRANTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 3,
                observed: Some(2),
                evidence: "In 2025 startten 48 deelnemers in een leerbaan; 31 waren na zes maanden nog in dienst.",
                assessed_by: "szw",
                assessed_on: "2026-03-01",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: Some(1),
                evidence: "Uitstroom uit de bijstand is nog beperkt zichtbaar in de wijkcijfers.",
                assessed_by: "programmabureau",
                assessed_on: "2026-03-15",
            },
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 1,
                observed: Some(1),
                evidence: "Twaalf deelnemers behaalden een mbo-certificaat.",
                assessed_by: "szw",
                assessed_on: "2026-03-01",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 3,
            continuation: 1,
            decision: "APPROVE",
            explanation: "Sterke samenwerking met werkgevers en corporaties; borging na de Regio Deal is onzeker.",
            reviewed_on: "2024-06-10",
        }),
        continuation: Some(Continuation {
            carrier: Some("szw"),
            funding: "Structurele inzet van het re-integratiebudget, aangevraagd voor de begroting 2028",
            status: "PREPARING",
            note: "Besluit valt bij de voorjaarsnota 2027.",
        }),
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "energiecoaches-moerwijk",
        title: "Energiecoaches Moerwijk",
        summary: "Getrainde energiecoaches bezoeken huurders, geven bespaartips, plaatsen kleine energiebesparende maatregelen en signaleren achterstallig onderhoud.",
        phase: "COMPLETED",
        visibility: "SHARED",
        themes: &["POVERTY", "HOUSING"],
        target_groups: &["huurders met een laag inkomen", "ouderen"],
        starts_on: Some("2023-10-01"),
        ends_on: Some("2025-12-31"),
        wijken: &["WK051836"],
        meeting_places: &["buurtkamer-de-spruijt"],
        contact: Some("t.hendriks@haagwonen.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "haag-wonen",
                role: "LEAD",
                contribution: "Projectleiding, kleine maatregelen en opvolging van onderhoudssignalen",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Werving en begeleiding van vrijwillige energiecoaches",
            },
            Participant {
                organisation: "szw",
                role: "FUNDER",
                contribution: "Bijdrage uit de middelen tegen energiearmoede",
            },
            Participant {
                organisation: "dso",
                role: "ADVISER",
                contribution: "Koppeling met het isolatieprogramma",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2023,
                source: "HOUSING_CORPORATION",
                funder: Some("haag-wonen"),
                scheme: None,
                amount_cents: 20_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 60_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 55_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 3,
                observed: Some(3),
                evidence: "Geschatte besparing van gemiddeld 280 euro per jaar per bezocht huishouden, op basis van meterstanden.",
                assessed_by: "haag-wonen",
                assessed_on: "2026-02-10",
            },
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 1,
                observed: Some(2),
                evidence: "190 onderhoudssignalen (vocht, tocht) doorgezet en opgevolgd.",
                assessed_by: "haag-wonen",
                assessed_on: "2026-02-10",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: Some(2),
                evidence: "22 bewoners getraind tot energiecoach.",
                assessed_by: "programmabureau",
                assessed_on: "2026-02-24",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 3,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Combineert de armoedeaanpak met woningverbetering; goede inzet van bewoners als coach.",
            reviewed_on: "2023-08-28",
        }),
        continuation: Some(Continuation {
            carrier: Some("haag-wonen"),
            funding: "Opname in de reguliere huurdersondersteuning van de corporatie",
            status: "PREPARING",
            note: "Financiering van de vrijwilligersvergoedingen is nog niet rond.",
        }),
        evaluations: &[Evaluation {
            kind: "FINAL",
            evaluated_on: "2026-03-05",
            results: "640 huishoudens bezocht, 1.020 kleine maatregelen geplaatst en 190 onderhoudssignalen opgevolgd.",
            participants_count: Some(640),
            activities_count: Some(1020),
            lessons_learned: "Coaches uit de eigen flat worden sneller binnengelaten; maak vooraf afspraken over opvolging van onderhoudssignalen.",
            is_public: true,
        }],
        links: &[],
    },
    Project {
        key: "bewonersdialoog-moerwijk-oost",
        title: "Bewonersdialoog renovatie Moerwijk-Oost",
        summary: "Begeleiding van bewoners bij de renovatie van portiekflats: keukentafelgesprekken, wisselwoningen en een klankbordgroep per complex.",
        phase: "RUNNING",
        visibility: "INTERNAL",
        themes: &["HOUSING", "PARTICIPATION"],
        target_groups: &["huurders van te renoveren complexen", "ouderen"],
        starts_on: Some("2025-01-15"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051836"],
        meeting_places: &["buurtkamer-de-spruijt"],
        contact: Some("t.hendriks@haagwonen.example"),
        internal_notes: Some(
            "Planning van fase 2 hangt af van de vergunningverlening; de wethouder wil voor de raadsverkiezingen een eerste opgeleverd complex kunnen laten zien.",
        ),
        participants: &[
            Participant {
                organisation: "haag-wonen",
                role: "LEAD",
                contribution: "Renovatieplanning, bewonersbegeleiding en wisselwoningen",
            },
            Participant {
                organisation: "dso",
                role: "ADVISER",
                contribution: "Vergunningen en afstemming met de gebiedsontwikkeling Zuidwest",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Opbouwwerker ondersteunt de klankbordgroepen",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "HOUSING_CORPORATION",
                funder: Some("haag-wonen"),
                scheme: None,
                amount_cents: 150_000 * 100,
                status: "ADVANCED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dso"),
                scheme: Some("Regio Deal Zuidwest"),
                amount_cents: 40_000 * 100,
                status: "GRANTED",
            },
            BudgetLine {
                year: 2026,
                source: "HOUSING_CORPORATION",
                funder: Some("haag-wonen"),
                scheme: None,
                amount_cents: 150_000 * 100,
                status: "BUDGETED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: Some(2),
                evidence: "Klankbordgroepen zijn actief in vier van de zes complexen.",
                assessed_by: "programmabureau",
                assessed_on: "2026-06-01",
            },
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 2,
                observed: Some(1),
                evidence: "Het eerste complex is nog in uitvoering; effect op woonkwaliteit nog niet zichtbaar.",
                assessed_by: "haag-wonen",
                assessed_on: "2026-06-01",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Goede aansluiting op de gebiedsvisie Zuidwest; de samenwerking met welzijn kan sterker.",
            reviewed_on: "2024-11-04",
        }),
        continuation: Some(Continuation {
            carrier: Some("haag-wonen"),
            funding: "Bewonersbegeleiding is onderdeel van de renovatiebegroting",
            status: "SECURED",
            note: "Loopt mee tot de oplevering van het laatste complex.",
        }),
        evaluations: &[],
        links: &[Link {
            to: "energiecoaches-moerwijk",
            kind: "BUILDS_ON",
        }],
    },
    Project {
        key: "jongerenplek-morgenstond",
        title: "Jongerenplek Morgenstond",
        summary: "Een vaste, door jongeren mede ingerichte plek met ambulant en ruimtegebonden jongerenwerk op vier avonden per week.",
        phase: "PAUSED",
        visibility: "SHARED",
        themes: &["YOUTH", "SAFETY"],
        target_groups: &["jongeren 12-18", "jongeren 18-23"],
        starts_on: Some("2024-04-01"),
        ends_on: Some("2027-06-30"),
        wijken: &["WK051834"],
        meeting_places: &[],
        contact: Some("d.vermeulen@mooiwelzijn.example"),
        internal_notes: Some(
            "Gepauzeerd sinds juni 2026: het huurcontract voor de locatie is beëindigd. DSO onderzoekt een tijdelijke unit; geen extra budget beschikbaar.",
        ),
        participants: &[
            Participant {
                organisation: "mooi-welzijn",
                role: "LEAD",
                contribution: "Jongerenwerkers en programmering",
            },
            Participant {
                organisation: "politie-den-haag",
                role: "ADVISER",
                contribution: "Wijkagent sluit aan bij het periodieke overleg",
            },
            Participant {
                organisation: "ocw",
                role: "FUNDER",
                contribution: "Subsidie jongerenwerk",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 85_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 90_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 90_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 2,
                observed: Some(1),
                evidence: "Huiswerkhulp op de jongerenplek kwam moeizaam op gang.",
                assessed_by: "mooi-welzijn",
                assessed_on: "2025-10-01",
            },
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 2,
                observed: Some(2),
                evidence: "Minder meldingen van overlast rond het winkelplein in 2025.",
                assessed_by: "programmabureau",
                assessed_on: "2025-10-20",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: Some(2),
                evidence: "Jongeren organiseerden zelf twee buurtfeesten.",
                assessed_by: "mooi-welzijn",
                assessed_on: "2025-10-01",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 1,
            decision: "APPROVE",
            explanation: "Nodig in Morgenstond, maar kwetsbaar door afhankelijkheid van één locatie; zoek een tweede plek.",
            reviewed_on: "2024-02-12",
        }),
        continuation: Some(Continuation {
            carrier: Some("mooi-welzijn"),
            funding: "Onderdeel van de subsidieaanvraag jongerenwerk 2027",
            status: "NOT_SECURED",
            note: "Zonder vaste locatie is borging niet mogelijk.",
        }),
        evaluations: &[Evaluation {
            kind: "MIDTERM",
            evaluated_on: "2025-10-01",
            results: "De plek wordt goed bezocht op doordeweekse avonden; het weekendaanbod bereikt minder jongeren.",
            participants_count: Some(180),
            activities_count: Some(320),
            lessons_learned: "Laat jongeren de inrichting en het programma mee bepalen; een vaste locatie is voorwaarde.",
            is_public: false,
        }],
        links: &[Link {
            to: "huiswerkklas-bouwlust",
            kind: "COMPLEMENTS",
        }],
    },
    Project {
        key: "gezonde-wijk-zuidwest",
        title: "Gezonde Wijk Zuidwest",
        summary: "Wijkgerichte aanpak voor bewegen en gezond eten: gratis sportinstuiven, kookworkshops in wijkcentra en een gezondheidsspreekuur van de GGD.",
        phase: "EVALUATED",
        visibility: "SHARED",
        themes: &["HEALTH", "MEETING"],
        target_groups: &["gezinnen met kinderen 4-12", "ouderen"],
        starts_on: Some("2023-01-09"),
        ends_on: Some("2025-06-30"),
        wijken: &["WK051833", "WK051834", "WK051836"],
        meeting_places: &["wijkcentrum-bouwlust", "sportcampus-zuiderpark"],
        contact: Some("e.vanleeuwen@ggdhaaglanden.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "ggd-haaglanden",
                role: "LEAD",
                contribution: "Gezondheidsspreekuur, monitoring en projectleiding",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Kookworkshops en werving in de wijkcentra",
            },
            Participant {
                organisation: "ocw",
                role: "FUNDER",
                contribution: "Subsidie uit gezondheids- en sportbeleid",
            },
            Participant {
                organisation: "oranje-fonds",
                role: "FUNDER",
                contribution: "Bijdrage aan de kookworkshops",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 110_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 120_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "FUND",
                funder: Some("oranje-fonds"),
                scheme: Some("Oranje Fonds"),
                amount_cents: 25_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 3,
                observed: Some(2),
                evidence: "Hoge deelname; effect op gezondheid is op deze termijn nog niet meetbaar.",
                assessed_by: "ggd-haaglanden",
                assessed_on: "2025-09-30",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: Some(3),
                evidence: "Vijf kookgroepen gaan zelfstandig door.",
                assessed_by: "programmabureau",
                assessed_on: "2025-10-20",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: Some(2),
                evidence: "Bewoners geven zelf kookworkshops in twee wijkcentra.",
                assessed_by: "programmabureau",
                assessed_on: "2025-10-20",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Past in de gezondheidsaanpak van de stad en bundelt sport, welzijn en GGD in één wijkprogramma.",
            reviewed_on: "2022-11-14",
        }),
        continuation: Some(Continuation {
            carrier: Some("mooi-welzijn"),
            funding: "Kookgroepen als zelforganisatie; sportinstuiven in het reguliere buurtsportaanbod",
            status: "SECURED",
            note: "Het gezondheidsspreekuur is opgegaan in het reguliere GGD-aanbod.",
        }),
        evaluations: &[
            Evaluation {
                kind: "MIDTERM",
                evaluated_on: "2024-02-20",
                results: "Sportinstuiven trekken vooral kinderen; ouderen worden beter bereikt via de kookworkshops.",
                participants_count: Some(520),
                activities_count: Some(180),
                lessons_learned: "Stem het aanbod per doelgroep af en werf via vertrouwde sleutelfiguren.",
                is_public: false,
            },
            Evaluation {
                kind: "FINAL",
                evaluated_on: "2025-10-15",
                results: "1.150 unieke deelnemers en 410 activiteiten; vijf zelfstandige kookgroepen.",
                participants_count: Some(1150),
                activities_count: Some(410),
                lessons_learned: "Gezondheidseffecten vragen een langere looptijd dan een projectperiode; meet tussentijds ook ervaren gezondheid.",
                is_public: true,
            },
        ],
        links: &[],
    },
    Project {
        key: "buurtconcierges-bouwlust",
        title: "Buurtconciërges Bouwlust",
        summary: "Werkzoekenden uit de wijk worden opgeleid tot buurtconciërge: aanspreekpunt in de flat, klein onderhoud en signalering van problemen achter de voordeur.",
        phase: "APPROVED",
        visibility: "INTERNAL",
        themes: &["LIVING_ENVIRONMENT", "WORK", "HOUSING"],
        target_groups: &["werkzoekenden met een bijstandsuitkering", "huurders"],
        starts_on: Some("2027-01-04"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051833"],
        meeting_places: &["wijkcentrum-bouwlust"],
        contact: Some("b.vandijk@vestia.example"),
        internal_notes: Some(
            "Vestia start de pilot pas als de verdeling van de loonkosten met SZW bestuurlijk is vastgelegd.",
        ),
        participants: &[
            Participant {
                organisation: "vestia",
                role: "LEAD",
                contribution: "Projectleiding en werkplekken in de complexen",
            },
            Participant {
                organisation: "szw",
                role: "FUNDER",
                contribution: "Loonkostensubsidie en trajectbegeleiding",
            },
            Participant {
                organisation: "haag-wonen",
                role: "CONTRIBUTOR",
                contribution: "Twee complexen en begeleiding door huismeesters",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "ADVISER",
                contribution: "Advies over werving en signalering",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2027,
                source: "HOUSING_CORPORATION",
                funder: Some("vestia"),
                scheme: None,
                amount_cents: 60_000 * 100,
                status: "BUDGETED",
            },
            BudgetLine {
                year: 2027,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 90_000 * 100,
                status: "GRANTED",
            },
            BudgetLine {
                year: 2027,
                source: "HOUSING_CORPORATION",
                funder: Some("haag-wonen"),
                scheme: None,
                amount_cents: 30_000 * 100,
                status: "REQUESTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 3,
                observed: None,
                evidence: "Acht leerwerkplekken voor werkzoekenden uit Bouwlust en Vrederust.",
                assessed_by: "programmabureau",
                assessed_on: "2026-09-22",
            },
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 2,
                observed: None,
                evidence: "Vast aanspreekpunt in de flat; sneller herstel van kleine gebreken verwacht.",
                assessed_by: "vestia",
                assessed_on: "2026-09-15",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: None,
                evidence: "Buurtconciërges kennen de bewoners en brengen buren met elkaar in contact.",
                assessed_by: "programmabureau",
                assessed_on: "2026-09-22",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Combineert werk en leefbaarheid; bewaak de afstemming met Werkplaats Zuidwest.",
            reviewed_on: "2026-09-22",
        }),
        continuation: None,
        evaluations: &[],
        links: &[Link {
            to: "werkplaats-zuidwest",
            kind: "COMPLEMENTS",
        }],
    },
    Project {
        key: "huiswerkklas-bouwlust",
        title: "Huiswerkklas Wijkcentrum Bouwlust",
        summary: "Vier middagen per week huiswerkbegeleiding door studenten en vrijwilligers voor leerlingen van groep 7 tot en met de onderbouw van het voortgezet onderwijs.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["EDUCATION", "YOUTH"],
        target_groups: &["kinderen 10-12", "jongeren 12-15"],
        starts_on: Some("2025-09-01"),
        ends_on: Some("2027-07-15"),
        wijken: &["WK051833"],
        meeting_places: &["wijkcentrum-bouwlust", "bibliotheek-escamp"],
        contact: Some("l.brouwer@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "ocw",
                role: "LEAD",
                contribution: "Regie, subsidie en afstemming met de scholen",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Locatie, werving en coördinatie van vrijwilligers",
            },
            Participant {
                organisation: "bibliotheek-den-haag",
                role: "CONTRIBUTOR",
                contribution: "Studieplekken en lessen mediawijsheid",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 30_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 75_000 * 100,
                status: "ADVANCED",
            },
            BudgetLine {
                year: 2027,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 45_000 * 100,
                status: "BUDGETED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 3,
                observed: Some(2),
                evidence: "Scholen melden betere aansluiting van huiswerk bij 70% van de vaste deelnemers.",
                assessed_by: "ocw",
                assessed_on: "2026-07-01",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: Some(1),
                evidence: "Ouders ontmoeten elkaar bij het ophalen; verder beperkt.",
                assessed_by: "programmabureau",
                assessed_on: "2026-07-10",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: Some(2),
                evidence: "Vijf oud-deelnemers helpen nu zelf als vrijwilliger.",
                assessed_by: "mooi-welzijn",
                assessed_on: "2026-07-01",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 2,
            impact: 3,
            continuation: 1,
            decision: "APPROVE",
            explanation: "Sterk op onderwijskansen; de scholen moeten nog nauwer aansluiten en borging is onduidelijk.",
            reviewed_on: "2025-06-18",
        }),
        continuation: Some(Continuation {
            carrier: Some("ocw"),
            funding: "Mogelijk onderdeel van het reguliere onderwijskansenbeleid",
            status: "NOT_STARTED",
            note: "Borging is nog niet besproken met de schoolbesturen.",
        }),
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "schuldhulp-keukentafel",
        title: "Schuldhulp aan de keukentafel",
        summary: "Outreachende schuldhulpverlening: na een signaal van betalingsachterstand gaan schuldhulpmaatjes en consulenten op huisbezoek om samen een plan te maken.",
        phase: "RUNNING",
        visibility: "INTERNAL",
        themes: &["POVERTY", "HEALTH"],
        target_groups: &["huishoudens met betalingsachterstanden"],
        starts_on: Some("2025-03-01"),
        ends_on: Some("2027-02-28"),
        wijken: &["WK051833", "WK051834", "WK051836", "WK051838"],
        meeting_places: &[],
        contact: Some("m.pinas@denhaag.example"),
        internal_notes: Some(
            "Vroegsignalering levert meer aanmeldingen op dan begroot; mogelijk extra middelen nodig bij de voorjaarsnota.",
        ),
        participants: &[
            Participant {
                organisation: "szw",
                role: "LEAD",
                contribution: "Schuldhulpconsulenten en vroegsignalering",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Schuldhulpmaatjes in Zuidwest",
            },
            Participant {
                organisation: "zebra-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Schuldhulpmaatjes in Laak",
            },
            Participant {
                organisation: "ggd-haaglanden",
                role: "ADVISER",
                contribution: "Doorverwijzing bij gezondheidsklachten door geldzorgen",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 140_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 160_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 3,
                observed: Some(3),
                evidence: "430 huishoudens bereikt, van wie 60% niet eerder bij schuldhulp bekend was.",
                assessed_by: "szw",
                assessed_on: "2026-04-15",
            },
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 1,
                observed: Some(1),
                evidence: "Enkele doorverwijzingen naar werktrajecten.",
                assessed_by: "programmabureau",
                assessed_on: "2026-04-30",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 3,
            impact: 3,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Bouwt voort op vroegsignalering en verbindt welzijn en schuldhulp in twee aanpakgebieden.",
            reviewed_on: "2025-01-27",
        }),
        continuation: Some(Continuation {
            carrier: Some("szw"),
            funding: "Opname in het reguliere schuldhulpbeleid",
            status: "PREPARING",
            note: "Voorstel wordt meegenomen in het nieuwe beleidsplan schuldhulpverlening.",
        }),
        evaluations: &[],
        links: &[Link {
            to: "energiecoaches-moerwijk",
            kind: "COMPLEMENTS",
        }],
    },
    Project {
        key: "wijkagenda-zuidwest",
        title: "Wijkagenda Zuidwest 2027-2030",
        summary: "Samen met bewoners en partners een wijkagenda opstellen met de prioriteiten voor Moerwijk, Morgenstond en Bouwlust en Vrederust.",
        phase: "IDEA",
        visibility: "INTERNAL",
        themes: &["PARTICIPATION", "LIVING_ENVIRONMENT"],
        target_groups: &["bewoners", "bewonersorganisaties", "partners in de wijk"],
        starts_on: Some("2027-02-01"),
        ends_on: None,
        wijken: &["WK051833", "WK051834", "WK051836"],
        meeting_places: &[],
        contact: Some("e.verhoeven@denhaag.example"),
        internal_notes: Some(
            "Eerst de reikwijdte afstemmen met de wethouder; niet delen voor de collegebehandeling.",
        ),
        participants: &[
            Participant {
                organisation: "dpz",
                role: "LEAD",
                contribution: "Wijkmanagers Zuidwest organiseren de wijkgesprekken",
            },
            Participant {
                organisation: "programmabureau",
                role: "ADVISER",
                contribution: "Koppeling met de zes effecten en de andere wijkagenda's",
            },
        ],
        budget: &[BudgetLine {
            year: 2027,
            source: "MUNICIPALITY",
            funder: Some("dpz"),
            scheme: Some("Opwaartse kracht"),
            amount_cents: 25_000 * 100,
            status: "BUDGETED",
        }],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: None,
                evidence: "Bewoners bepalen mee welke opgaven voorrang krijgen.",
                assessed_by: "dpz",
                assessed_on: "2026-10-05",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: None,
                evidence: "Wijkgesprekken brengen bewonersgroepen samen die elkaar weinig spreken.",
                assessed_by: "dpz",
                assessed_on: "2026-10-05",
            },
        ],
        review: None,
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "straatvoetbal-zuiderpark",
        title: "Straatvoetbal Zuiderpark",
        summary: "Wekelijkse straatvoetbalcompetitie voor jongeren uit Zuidwest op de Sportcampus Zuiderpark, met vrijwillige coaches uit de wijk.",
        phase: "STOPPED",
        visibility: "SHARED",
        themes: &["YOUTH", "HEALTH"],
        target_groups: &["jongeren 12-18"],
        starts_on: Some("2024-03-01"),
        ends_on: Some("2025-02-28"),
        wijken: &["WK051836", "WK051834"],
        meeting_places: &["sportcampus-zuiderpark"],
        contact: Some("d.vermeulen@mooiwelzijn.example"),
        internal_notes: Some(
            "Gestopt na het wegvallen van de uitvoerende sportaanbieder; het restant van de subsidie 2025 is niet uitgekeerd.",
        ),
        participants: &[
            Participant {
                organisation: "mooi-welzijn",
                role: "LEAD",
                contribution: "Projectleiding en werving",
            },
            Participant {
                organisation: "ocw",
                role: "FUNDER",
                contribution: "Sportsubsidie",
            },
            Participant {
                organisation: "politie-den-haag",
                role: "ADVISER",
                contribution: "Wijkagenten als scheidsrechter bij de finales",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 35_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 35_000 * 100,
                status: "REJECTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: None,
                evidence: "Meer bewegen voor jongeren die niet bij een club sporten.",
                assessed_by: "programmabureau",
                assessed_on: "2024-01-15",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: None,
                evidence: "Teams gemengd over de drie wijken van Zuidwest.",
                assessed_by: "programmabureau",
                assessed_on: "2024-01-15",
            },
        ],
        review: Some(Review {
            coherence: 1,
            cooperation: 2,
            impact: 2,
            continuation: 1,
            decision: "APPROVE",
            explanation: "Goedgekeurd als pilot van een jaar; de continuïteit van de uitvoerder is een risico.",
            reviewed_on: "2024-01-15",
        }),
        continuation: Some(Continuation {
            carrier: None,
            funding: "Geen",
            status: "NOT_SECURED",
            note: "Project gestopt; deelnemers zijn gewezen op de jongerenplek en het reguliere verenigingsaanbod.",
        }),
        evaluations: &[Evaluation {
            kind: "FINAL",
            evaluated_on: "2025-04-10",
            results: "Tot de stopzetting 26 speelavonden met gemiddeld 35 jongeren.",
            participants_count: Some(140),
            activities_count: Some(26),
            lessons_learned: "Leg de uitvoering niet bij één kleine aanbieder; spreek vooraf een terugvalscenario af.",
            is_public: false,
        }],
        links: &[Link {
            to: "jongerenplek-morgenstond",
            kind: "COMPLEMENTS",
        }],
    },
    // ----- Schilderswijk ------------------------------------------------------------------------
    Project {
        key: "ontmoeten-in-de-mussen",
        title: "Ontmoeten in De Mussen",
        summary: "Open inloop, wijkmaaltijden en activiteiten van bewonersgroepen in De Mussen, met een vast team van vrijwillige gastvrouwen en gastheren.",
        phase: "EMBEDDED",
        visibility: "SHARED",
        themes: &["MEETING", "PARTICIPATION"],
        target_groups: &["bewoners", "ouderen", "vrijwilligers"],
        starts_on: Some("2022-01-10"),
        ends_on: Some("2024-12-31"),
        wijken: &["WK051829"],
        meeting_places: &["de-mussen"],
        contact: Some("y.elamrani@voorwelzijn.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "voor-welzijn",
                role: "LEAD",
                contribution: "Beheer, programmering en vrijwilligerscoördinatie",
            },
            Participant {
                organisation: "staedion",
                role: "CONTRIBUTOR",
                contribution: "Bijdrage aan inrichting en wijkmaaltijden",
            },
            Participant {
                organisation: "ocw",
                role: "FUNDER",
                contribution: "Subsidie ontmoeting",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2022,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 95_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 95_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2023,
                source: "HOUSING_CORPORATION",
                funder: Some("staedion"),
                scheme: None,
                amount_cents: 15_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 100_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 3,
                observed: Some(3),
                evidence: "Gemiddeld 900 bezoeken per maand; bezoekers uit verschillende achtergronden ontmoeten elkaar.",
                assessed_by: "programmabureau",
                assessed_on: "2025-01-20",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: Some(3),
                evidence: "45 vaste vrijwilligers en twaalf bewonersgroepen met eigen activiteiten.",
                assessed_by: "voor-welzijn",
                assessed_on: "2025-01-10",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 1,
                observed: Some(2),
                evidence: "Wijkmaaltijden bereiken huishoudens met een krap budget.",
                assessed_by: "programmabureau",
                assessed_on: "2025-01-20",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 3,
            impact: 3,
            continuation: 3,
            decision: "APPROVE",
            explanation: "Kernvoorziening voor de Schilderswijk met een sterke vrijwilligersbasis.",
            reviewed_on: "2022-01-05",
        }),
        continuation: Some(Continuation {
            carrier: Some("voor-welzijn"),
            funding: "Reguliere welzijnssubsidie voor stadsdeel Centrum",
            status: "SECURED",
            note: "Vanaf 2025 opgenomen in de basissubsidie.",
        }),
        evaluations: &[
            Evaluation {
                kind: "FINAL",
                evaluated_on: "2025-02-14",
                results: "Ruim 30.000 bezoeken in drie jaar; twaalf bewonersgroepen organiseren zelf activiteiten.",
                participants_count: Some(2400),
                activities_count: Some(1350),
                lessons_learned: "Investeer in gastvrouwen en gastheren: zij bepalen of nieuwe bezoekers terugkomen.",
                is_public: true,
            },
            Evaluation {
                kind: "FOLLOW_UP",
                evaluated_on: "2026-05-20",
                results: "Het bezoek is na de overgang naar reguliere financiering op peil gebleven.",
                participants_count: Some(2100),
                activities_count: Some(480),
                lessons_learned: "Borging in de basissubsidie werkt als de vrijwilligerscoördinatie behouden blijft.",
                is_public: true,
            },
        ],
        links: &[],
    },
    Project {
        key: "vrouwen-in-hun-kracht",
        title: "Vrouwen in hun kracht Schilderswijk",
        summary: "Groepsprogramma voor vrouwen over taal, gezondheid, geldzaken en werk, met doorstroom naar vrijwilligerswerk, opleiding of betaald werk.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["PARTICIPATION", "WORK", "EDUCATION"],
        target_groups: &["vrouwen 25-55", "statushouders"],
        starts_on: Some("2025-02-01"),
        ends_on: Some("2027-01-31"),
        wijken: &["WK051829"],
        meeting_places: &["de-mussen"],
        contact: Some("y.elamrani@voorwelzijn.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "voor-welzijn",
                role: "LEAD",
                contribution: "Groepsbegeleiding en coördinatie",
            },
            Participant {
                organisation: "szw",
                role: "CONTRIBUTOR",
                contribution: "Werkcoaches voor de doorstroom naar werk",
            },
            Participant {
                organisation: "bibliotheek-den-haag",
                role: "CONTRIBUTOR",
                contribution: "Taal- en digitale vaardigheden",
            },
            Participant {
                organisation: "oranje-fonds",
                role: "FUNDER",
                contribution: "Bijdrage aan het groepsprogramma",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 55_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "FUND",
                funder: Some("oranje-fonds"),
                scheme: Some("Oranje Fonds"),
                amount_cents: 30_000 * 100,
                status: "GRANTED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 60_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: Some(3),
                evidence: "19 deelnemers doen nu vrijwilligerswerk in de wijk.",
                assessed_by: "voor-welzijn",
                assessed_on: "2026-05-12",
            },
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 2,
                observed: Some(1),
                evidence: "Doorstroom naar betaald werk blijft achter bij de verwachting.",
                assessed_by: "programmabureau",
                assessed_on: "2026-05-26",
            },
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 2,
                observed: Some(2),
                evidence: "Elf deelnemers startten met een taal- of mbo-opleiding.",
                assessed_by: "programmabureau",
                assessed_on: "2026-05-26",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Goede samenwerking tussen welzijn, SZW en bibliotheek; de stap naar betaald werk moet concreter.",
            reviewed_on: "2024-12-09",
        }),
        continuation: Some(Continuation {
            carrier: Some("voor-welzijn"),
            funding: "Aanvraag structurele subsidie en aanvullende fondsenwerving",
            status: "PREPARING",
            note: "Aanvraag wordt in het voorjaar van 2027 ingediend.",
        }),
        evaluations: &[],
        links: &[Link {
            to: "ontmoeten-in-de-mussen",
            kind: "BUILDS_ON",
        }],
    },
    Project {
        key: "groene-binnenterreinen-schilderswijk",
        title: "Groene binnenterreinen Schilderswijk",
        summary: "Verharde binnenterreinen van portiekcomplexen worden samen met bewoners omgevormd tot groene, veilige speel- en ontmoetingsplekken.",
        phase: "APPROVED",
        visibility: "SHARED",
        themes: &["LIVING_ENVIRONMENT", "HOUSING"],
        target_groups: &["huurders", "kinderen 4-12"],
        starts_on: Some("2027-03-01"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051829"],
        meeting_places: &[],
        contact: Some("i.jansen@staedion.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "staedion",
                role: "LEAD",
                contribution: "Ontwerp en uitvoering op eigen terrein",
            },
            Participant {
                organisation: "dsb",
                role: "CONTRIBUTOR",
                contribution: "Advies over groenbeheer en aansluiting op de openbare ruimte",
            },
            Participant {
                organisation: "voor-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Bewonersparticipatie bij ontwerp en beheer",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2027,
                source: "HOUSING_CORPORATION",
                funder: Some("staedion"),
                scheme: None,
                amount_cents: 220_000 * 100,
                status: "BUDGETED",
            },
            BudgetLine {
                year: 2027,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 60_000 * 100,
                status: "GRANTED",
            },
            BudgetLine {
                year: 2027,
                source: "NATIONAL_GOVERNMENT",
                funder: None,
                scheme: Some("Impulsregeling klimaatadaptatie"),
                amount_cents: 40_000 * 100,
                status: "REQUESTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 3,
                observed: None,
                evidence: "Vier binnenterreinen worden vergroend en beter verlicht.",
                assessed_by: "staedion",
                assessed_on: "2026-10-01",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: None,
                evidence: "Gezamenlijk beheer door bewoners van het complex.",
                assessed_by: "programmabureau",
                assessed_on: "2026-10-12",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: None,
                evidence: "Bewoners ontwerpen mee in drie ontwerpsessies per terrein.",
                assessed_by: "programmabureau",
                assessed_on: "2026-10-12",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 3,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Zichtbare verbetering van de woonomgeving; maak afspraken over beheer na oplevering.",
            reviewed_on: "2026-10-12",
        }),
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "onderhoudsschouw-schilderswijk",
        title: "Onderhoudsschouw portiekwoningen Schilderswijk",
        summary: "Systematische schouw van trappenhuizen, bergingen en installaties in portiekcomplexen, met een versneld herstelprogramma voor de gevonden gebreken.",
        phase: "INTAKE",
        visibility: "INTERNAL",
        themes: &["HOUSING", "SAFETY"],
        target_groups: &["huurders van portiekwoningen"],
        starts_on: Some("2027-04-01"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051829"],
        meeting_places: &[],
        contact: Some("i.jansen@staedion.example"),
        internal_notes: Some(
            "Politiek gevoelig na raadsvragen over achterstallig onderhoud; communicatie loopt via de wethouder Wonen.",
        ),
        participants: &[
            Participant {
                organisation: "staedion",
                role: "LEAD",
                contribution: "Schouw en herstelprogramma",
            },
            Participant {
                organisation: "dso",
                role: "ADVISER",
                contribution: "Bouw- en woningtoezicht",
            },
            Participant {
                organisation: "voor-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Bewonersavonden per complex",
            },
        ],
        budget: &[BudgetLine {
            year: 2027,
            source: "HOUSING_CORPORATION",
            funder: Some("staedion"),
            scheme: None,
            amount_cents: 180_000 * 100,
            status: "REQUESTED",
        }],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 3,
                observed: None,
                evidence: "Gebreken in trappenhuizen en installaties worden binnen drie maanden hersteld.",
                assessed_by: "staedion",
                assessed_on: "2026-11-02",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: None,
                evidence: "Bewoners lopen mee met de schouw van hun eigen complex.",
                assessed_by: "staedion",
                assessed_on: "2026-11-02",
            },
        ],
        review: None,
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "avondjongerenwerk-schilderswijk",
        title: "Avondjongerenwerk Schilderswijk",
        summary: "Jongerenwerkers zijn op vrijdag- en zaterdagavond op straat en in De Mussen aanwezig, met sport, gesprekken en doorverwijzing naar hulp en werk.",
        phase: "RUNNING",
        visibility: "INTERNAL",
        themes: &["YOUTH", "SAFETY"],
        target_groups: &["jongeren 12-18", "jongeren 18-23"],
        starts_on: Some("2025-05-01"),
        ends_on: Some("2027-04-30"),
        wijken: &["WK051829"],
        meeting_places: &["de-mussen"],
        contact: Some("y.elamrani@voorwelzijn.example"),
        internal_notes: Some(
            "Extra inzet op verzoek van de burgemeester na de onrust in het voorjaar van 2025; de evaluatie moet voor de zomer van 2027 in de driehoek besproken worden.",
        ),
        participants: &[
            Participant {
                organisation: "voor-welzijn",
                role: "LEAD",
                contribution: "Jongerenwerkers en avondprogramma",
            },
            Participant {
                organisation: "politie-den-haag",
                role: "CONTRIBUTOR",
                contribution: "Afstemming met de wijkagenten",
            },
            Participant {
                organisation: "dpz",
                role: "FUNDER",
                contribution: "Bijdrage uit het wijkbudget Centrum",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 70_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 105_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 3,
                observed: Some(2),
                evidence: "Rustiger weekendavonden op de pleinen volgens de wijkagenten.",
                assessed_by: "politie-den-haag",
                assessed_on: "2026-03-30",
            },
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 1,
                observed: Some(1),
                evidence: "Enkele jongeren begeleid naar een opleiding of stage.",
                assessed_by: "voor-welzijn",
                assessed_on: "2026-03-30",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: Some(2),
                evidence: "Jongeren helpen bij buurtactiviteiten in De Mussen.",
                assessed_by: "programmabureau",
                assessed_on: "2026-04-14",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 1,
            decision: "APPROVE",
            explanation: "Urgent en goed afgestemd met de politie; borging na 2027 is niet geregeld.",
            reviewed_on: "2025-04-14",
        }),
        continuation: Some(Continuation {
            carrier: Some("voor-welzijn"),
            funding: "Afhankelijk van de besluitvorming over het jongerenwerkbudget 2027",
            status: "NOT_SECURED",
            note: "Wordt betrokken bij de herijking van het jongerenwerk.",
        }),
        evaluations: &[],
        links: &[],
    },
    // ----- Transvaal ----------------------------------------------------------------------------
    Project {
        key: "wijkspreekuur-transvaal",
        title: "Wijkspreekuur Transvaal",
        summary: "Laagdrempelig inloopspreekuur voor vragen over geld, post, toeslagen en wonen in het Wijk- en Dienstencentrum, met directe lijnen naar SZW en de corporatie.",
        phase: "EVALUATED",
        visibility: "SHARED",
        themes: &["POVERTY", "PARTICIPATION"],
        target_groups: &["bewoners met vragen over geld en post", "ouderen"],
        starts_on: Some("2023-01-16"),
        ends_on: Some("2025-06-30"),
        wijken: &["WK051830"],
        meeting_places: &["wdc-transvaal"],
        contact: Some("f.yilmaz@zebrawelzijn.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "zebra-welzijn",
                role: "LEAD",
                contribution: "Sociaal raadslieden en vrijwilligers",
            },
            Participant {
                organisation: "szw",
                role: "CONTRIBUTOR",
                contribution: "Vaste contactpersoon inkomensondersteuning",
            },
            Participant {
                organisation: "staedion",
                role: "CONTRIBUTOR",
                contribution: "Spreekuur voor huurzaken",
            },
            Participant {
                organisation: "xtra",
                role: "ADVISER",
                contribution: "Kwaliteitskader sociaal raadsliedenwerk",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 65_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 70_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 35_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 3,
                observed: Some(3),
                evidence: "Ruim 2.400 vragen beantwoord; 38% leidde tot een extra toeslag of regeling.",
                assessed_by: "zebra-welzijn",
                assessed_on: "2025-09-01",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: Some(1),
                evidence: "Zes bezoekers zijn vrijwilliger bij het spreekuur geworden.",
                assessed_by: "programmabureau",
                assessed_on: "2025-09-15",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Laagdrempelig en goed verbonden met SZW en de corporatie.",
            reviewed_on: "2022-12-05",
        }),
        continuation: Some(Continuation {
            carrier: Some("zebra-welzijn"),
            funding: "Reguliere subsidie sociaal raadsliedenwerk",
            status: "SECURED",
            note: "Het spreekuur gaat door op twee dagdelen per week.",
        }),
        evaluations: &[
            Evaluation {
                kind: "MIDTERM",
                evaluated_on: "2024-03-12",
                results: "Het spreekuur wordt druk bezocht; wachttijden lopen op in de eerste week van de maand.",
                participants_count: Some(950),
                activities_count: Some(190),
                lessons_learned: "Extra dagdeel rond de betaaldata van toeslagen.",
                is_public: false,
            },
            Evaluation {
                kind: "FINAL",
                evaluated_on: "2025-09-30",
                results: "Ruim 2.400 vragen beantwoord, 38% met financieel resultaat; vaste lijnen met SZW verkorten de doorlooptijd.",
                participants_count: Some(1700),
                activities_count: Some(410),
                lessons_learned: "Een vaste contactpersoon bij SZW en de corporatie maakt het verschil; registreer vragen op thema, niet op persoon.",
                is_public: true,
            },
        ],
        links: &[],
    },
    Project {
        key: "talentlab-transvaal",
        title: "Talentlab Transvaal",
        summary: "Naschoolse makerspace waar jongeren programmeren, ontwerpen en ondernemen met begeleiding van professionals uit het bedrijfsleven.",
        phase: "INTAKE",
        visibility: "SHARED",
        themes: &["EDUCATION", "YOUTH", "WORK"],
        target_groups: &["jongeren 12-18"],
        starts_on: Some("2027-02-01"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051830"],
        meeting_places: &["wdc-transvaal"],
        contact: Some("j.smits@xtra.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "xtra",
                role: "LEAD",
                contribution: "Projectleiding en jongerenwerk",
            },
            Participant {
                organisation: "ocw",
                role: "ADVISER",
                contribution: "Aansluiting bij onderwijsbeleid en scholen",
            },
            Participant {
                organisation: "zebra-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Ruimte in het Wijk- en Dienstencentrum",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2027,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 80_000 * 100,
                status: "REQUESTED",
            },
            BudgetLine {
                year: 2027,
                source: "FUND",
                funder: Some("oranje-fonds"),
                scheme: Some("Oranje Fonds"),
                amount_cents: 25_000 * 100,
                status: "REQUESTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 3,
                observed: None,
                evidence: "Jongeren ontdekken technische talenten en kiezen gerichter hun vervolgopleiding.",
                assessed_by: "xtra",
                assessed_on: "2026-10-20",
            },
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 1,
                observed: None,
                evidence: "Contact met werkgevers via de begeleiders uit het bedrijfsleven.",
                assessed_by: "xtra",
                assessed_on: "2026-10-20",
            },
        ],
        review: None,
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "werken-aan-de-haagse-markt",
        title: "Werken aan de Haagse Markt",
        summary: "Leerwerktrajecten bij marktkooplieden en winkels rond de Haagse Markt voor werkzoekenden uit Transvaal en de Schilderswijk.",
        phase: "REVIEWED",
        visibility: "INTERNAL",
        themes: &["WORK"],
        target_groups: &["werkzoekenden", "jongeren 18-27"],
        starts_on: Some("2027-03-01"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051830", "WK051829"],
        meeting_places: &[],
        contact: Some("k.bouzid@denhaag.example"),
        internal_notes: Some(
            "Aangehouden tot er duidelijkheid is over de herinrichting van de markt; de wethouder wil geen nieuwe verplichtingen aangaan voor de aanbesteding.",
        ),
        participants: &[
            Participant {
                organisation: "dpz",
                role: "LEAD",
                contribution: "Wijkmanager coördineert met marktbeheer en ondernemers",
            },
            Participant {
                organisation: "szw",
                role: "CONTRIBUTOR",
                contribution: "Trajectbegeleiding en werkgeversdienstverlening",
            },
            Participant {
                organisation: "staedion",
                role: "CONTRIBUTOR",
                contribution: "Bedrijfsruimte in de plint als leerwerkplaats",
            },
        ],
        budget: &[BudgetLine {
            year: 2027,
            source: "MUNICIPALITY",
            funder: Some("szw"),
            scheme: Some("Opwaartse kracht"),
            amount_cents: 120_000 * 100,
            status: "REQUESTED",
        }],
        assessments: &[
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 3,
                observed: None,
                evidence: "Twintig leerwerkplekken bij ondernemers rond de markt.",
                assessed_by: "programmabureau",
                assessed_on: "2026-10-26",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: None,
                evidence: "Ondernemers en bewoners leren elkaar beter kennen.",
                assessed_by: "programmabureau",
                assessed_on: "2026-10-26",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 1,
            decision: "HOLD",
            explanation: "Inhoudelijk kansrijk, maar afhankelijk van de herinrichting van de Haagse Markt; opnieuw agenderen zodra de planning bekend is.",
            reviewed_on: "2026-10-26",
        }),
        continuation: None,
        evaluations: &[],
        links: &[Link {
            to: "vrouwen-in-hun-kracht",
            kind: "COMPLEMENTS",
        }],
    },
    // ----- Laak ---------------------------------------------------------------------------------
    Project {
        key: "vrijwilligersacademie-laakhage",
        title: "Vrijwilligersacademie Trefpunt Laakhage",
        summary: "Trainingen voor de bewoners die Trefpunt Laakhage zelf beheren: gastvrijheid, financiën, veiligheid en het organiseren van activiteiten.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["PARTICIPATION", "MEETING"],
        target_groups: &["vrijwilligers", "bewonersorganisaties"],
        starts_on: Some("2025-10-01"),
        ends_on: Some("2027-09-30"),
        wijken: &["WK051838"],
        meeting_places: &["trefpunt-laakhage"],
        contact: Some("m.degroot@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "dpz",
                role: "LEAD",
                contribution: "Wijkmanager Laak en het bewonersinitiatievenbudget",
            },
            Participant {
                organisation: "zebra-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Opbouwwerker verzorgt de trainingen",
            },
            Participant {
                organisation: "haag-wonen",
                role: "CONTRIBUTOR",
                contribution: "Huurkorting voor het trefpunt",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 18_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 24_000 * 100,
                status: "ADVANCED",
            },
            BudgetLine {
                year: 2026,
                source: "HOUSING_CORPORATION",
                funder: Some("haag-wonen"),
                scheme: None,
                amount_cents: 6_000 * 100,
                status: "GRANTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: Some(3),
                evidence: "28 vrijwilligers volgden minstens drie trainingen; het bestuur is uitgebreid.",
                assessed_by: "dpz",
                assessed_on: "2026-06-30",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: Some(3),
                evidence: "Meer activiteiten en langere openingstijden van het trefpunt.",
                assessed_by: "programmabureau",
                assessed_on: "2026-07-07",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 3,
            decision: "APPROVE",
            explanation: "Versterkt zelfbeheer; klein budget met grote hefboom.",
            reviewed_on: "2025-09-08",
        }),
        continuation: Some(Continuation {
            carrier: None,
            funding: "Bewonersbestuur neemt de trainingen over, met een kleine bijdrage uit het bewonersinitiatievenbudget",
            status: "PREPARING",
            note: "Trainers uit de eigen vrijwilligersgroep worden opgeleid.",
        }),
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "veilig-over-straat-spoorwijk",
        title: "Veilig over straat Spoorwijk",
        summary: "Gezamenlijke schouw van donkere en onveilige plekken, betere verlichting en een vaste inloop van de wijkagent in Spoorwijk.",
        phase: "RUNNING",
        visibility: "INTERNAL",
        themes: &["SAFETY", "LIVING_ENVIRONMENT"],
        target_groups: &["bewoners", "ondernemers"],
        starts_on: Some("2025-04-01"),
        ends_on: Some("2027-03-31"),
        wijken: &["WK051838"],
        meeting_places: &["trefpunt-laakhage"],
        contact: Some("a.visser@politie.example"),
        internal_notes: Some(
            "Onderdeel van de veiligheidsafspraken in de driehoek; cijfers alleen op stadsdeelniveau delen.",
        ),
        participants: &[
            Participant {
                organisation: "politie-den-haag",
                role: "LEAD",
                contribution: "Wijkagenten, schouw en inloop",
            },
            Participant {
                organisation: "dsb",
                role: "CONTRIBUTOR",
                contribution: "Verlichting en herinrichting van onveilige plekken",
            },
            Participant {
                organisation: "dpz",
                role: "CONTRIBUTOR",
                contribution: "Wijkmanager coördineert de schouwrondes",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 85_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 40_000 * 100,
                status: "GRANTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 3,
                observed: Some(2),
                evidence: "Elf donkere plekken aangepakt; bewoners voelen zich veiliger bij de onderdoorgang.",
                assessed_by: "politie-den-haag",
                assessed_on: "2026-05-04",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: Some(1),
                evidence: "Een vaste groep bewoners loopt mee met de schouw.",
                assessed_by: "dpz",
                assessed_on: "2026-05-04",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Concreet en snel zichtbaar; combineer met het beheerprogramma van Stadsbeheer.",
            reviewed_on: "2025-03-03",
        }),
        continuation: Some(Continuation {
            carrier: Some("dsb"),
            funding: "Verlichting in het reguliere onderhoud; inloop binnen de reguliere politie-inzet",
            status: "PREPARING",
            note: "Afspraken worden vastgelegd in het wijkveiligheidsplan Laak.",
        }),
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "kansrijk-opgroeien-laak",
        title: "Kansrijk opgroeien Laak",
        summary: "Versterking van voor- en vroegschoolse educatie met extra plekken, taalstimulering thuis en een inloop van het consultatiebureau bij het kindcentrum.",
        phase: "APPROVED",
        visibility: "SHARED",
        themes: &["EDUCATION", "YOUTH", "HEALTH"],
        target_groups: &["kinderen 0-4", "ouders van jonge kinderen"],
        starts_on: Some("2027-01-11"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051838"],
        meeting_places: &[],
        contact: Some("l.brouwer@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "ocw",
                role: "LEAD",
                contribution: "Regie op voorschoolse educatie en subsidie",
            },
            Participant {
                organisation: "ggd-haaglanden",
                role: "CONTRIBUTOR",
                contribution: "Inloop consultatiebureau en toeleiding",
            },
            Participant {
                organisation: "zebra-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Taalstimulering thuis door vrijwilligers",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2027,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 250_000 * 100,
                status: "GRANTED",
            },
            BudgetLine {
                year: 2027,
                source: "NATIONAL_GOVERNMENT",
                funder: None,
                scheme: Some("Onderwijsachterstandenbeleid"),
                amount_cents: 100_000 * 100,
                status: "BUDGETED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 3,
                observed: None,
                evidence: "Zestig extra VVE-plekken en thuisbezoeken voor taalstimulering.",
                assessed_by: "ocw",
                assessed_on: "2026-10-28",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: None,
                evidence: "Vroegtijdige signalering van gezondheidsvragen via het consultatiebureau.",
                assessed_by: "ggd-haaglanden",
                assessed_on: "2026-10-28",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: None,
                evidence: "Ouders worden betrokken als taalvrijwilliger.",
                assessed_by: "programmabureau",
                assessed_on: "2026-11-09",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 3,
            impact: 3,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Sluit aan op het landelijke onderwijsachterstandenbeleid en verbindt onderwijs, zorg en welzijn.",
            reviewed_on: "2026-11-09",
        }),
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "wooncarriere-laakkwartier",
        title: "Wooncarrière Laakkwartier",
        summary: "Verkenning hoe doorstroming binnen Laakkwartier op gang kan komen: ouderen naar gelijkvloerse woningen, gezinnen naar grotere woningen in de eigen wijk.",
        phase: "IDEA",
        visibility: "SHARED",
        themes: &["HOUSING"],
        target_groups: &["ouderen", "gezinnen"],
        starts_on: None,
        ends_on: None,
        wijken: &["WK051838"],
        meeting_places: &[],
        contact: None,
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "haag-wonen",
                role: "LEAD",
                contribution: "Verkenning van de woningvoorraad en een doorstroomregeling",
            },
            Participant {
                organisation: "dso",
                role: "ADVISER",
                contribution: "Woonbeleid en woonruimteverdeling",
            },
        ],
        budget: &[],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 1,
                observed: None,
                evidence: "Beter passende woningen voor ouderen en gezinnen.",
                assessed_by: "haag-wonen",
                assessed_on: "2026-09-30",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: None,
                evidence: "Bewoners kunnen in hun vertrouwde buurt blijven wonen.",
                assessed_by: "haag-wonen",
                assessed_on: "2026-09-30",
            },
        ],
        review: None,
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "paviljoens-laakhavens",
        title: "Tijdelijke paviljoens Laakhavens",
        summary: "Plaatsing van tijdelijke paviljoens voor ontmoeting en kleinschalige bedrijvigheid op braakliggende kavels in Laakhavens.",
        phase: "STOPPED",
        visibility: "INTERNAL",
        themes: &["MEETING", "WORK"],
        target_groups: &["ondernemers", "bewoners"],
        starts_on: Some("2026-03-01"),
        ends_on: Some("2026-12-31"),
        wijken: &["WK051838"],
        meeting_places: &[],
        contact: None,
        internal_notes: Some(
            "Afgewezen: overlapt met de gebiedsontwikkeling rond de Binckhorst en heeft geen beheerder na 2026. Grondposities zijn gevoelig.",
        ),
        participants: &[
            Participant {
                organisation: "dso",
                role: "LEAD",
                contribution: "Kavels en vergunningen",
            },
            Participant {
                organisation: "dpz",
                role: "ADVISER",
                contribution: "Afstemming met het wijkoverleg Laak",
            },
        ],
        budget: &[BudgetLine {
            year: 2026,
            source: "MUNICIPALITY",
            funder: Some("dso"),
            scheme: Some("Opwaartse kracht"),
            amount_cents: 150_000 * 100,
            status: "REJECTED",
        }],
        assessments: &[
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: None,
                evidence: "Nieuwe ontmoetingsplek, maar ver van de woonbuurten.",
                assessed_by: "programmabureau",
                assessed_on: "2025-12-15",
            },
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 1,
                observed: None,
                evidence: "Enkele startende ondernemers zouden ruimte krijgen.",
                assessed_by: "programmabureau",
                assessed_on: "2025-12-15",
            },
        ],
        review: Some(Review {
            coherence: 1,
            cooperation: 1,
            impact: 1,
            continuation: 0,
            decision: "REJECT",
            explanation: "Weinig samenhang met de bestaande ontmoetingsplekken in Laak, geen partner voor het beheer en geen zicht op borging.",
            reviewed_on: "2025-12-15",
        }),
        continuation: None,
        evaluations: &[],
        links: &[Link {
            to: "vrijwilligersacademie-laakhage",
            kind: "OVERLAPS",
        }],
    },
    // ----- Mariahoeve ---------------------------------------------------------------------------
    Project {
        key: "ontmoeten-in-de-hoeve",
        title: "Buurtkamer De Hoeve: ontmoeten in de flat",
        summary: "Een leegstaande ruimte in de plint van een seniorencomplex wordt een buurtkamer die bewoners zelf openhouden, met koffieochtenden en spelmiddagen.",
        phase: "COMPLETED",
        visibility: "SHARED",
        themes: &["MEETING", "HOUSING"],
        target_groups: &["ouderen", "bewoners"],
        starts_on: Some("2024-05-01"),
        ends_on: Some("2026-04-30"),
        wijken: &["WK051825"],
        meeting_places: &["buurtkamer-de-hoeve"],
        contact: Some("i.jansen@staedion.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "staedion",
                role: "LEAD",
                contribution: "Ruimte, inrichting en huismeester",
            },
            Participant {
                organisation: "voor-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Ondersteuning van de vrijwilligers",
            },
            Participant {
                organisation: "dpz",
                role: "FUNDER",
                contribution: "Bijdrage uit het bewonersinitiatievenbudget",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2024,
                source: "HOUSING_CORPORATION",
                funder: Some("staedion"),
                scheme: None,
                amount_cents: 35_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 12_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 12_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 3,
                observed: Some(2),
                evidence: "Vaste groep van circa 35 bezoekers; bereik buiten het complex blijft beperkt.",
                assessed_by: "programmabureau",
                assessed_on: "2026-06-22",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: Some(2),
                evidence: "Tien bewoners houden de buurtkamer vier dagdelen per week open.",
                assessed_by: "staedion",
                assessed_on: "2026-06-15",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Kleinschalig en dichtbij; zorg voor verbinding met het wijkcentrum.",
            reviewed_on: "2024-03-25",
        }),
        continuation: Some(Continuation {
            carrier: Some("staedion"),
            funding: "Ruimte blijft kosteloos beschikbaar; activiteiten draaien op eigen bijdragen",
            status: "PREPARING",
            note: "Vrijwilligers zoeken een kleine fondsbijdrage voor de activiteiten.",
        }),
        evaluations: &[Evaluation {
            kind: "FINAL",
            evaluated_on: "2026-06-15",
            results: "De buurtkamer is vier dagdelen per week open en trekt vooral ouderen uit het complex.",
            participants_count: Some(85),
            activities_count: Some(300),
            lessons_learned: "Een ruimte in het eigen gebouw verlaagt de drempel, maar trekt weinig buren van buiten; werf actief in de omliggende straten.",
            is_public: false,
        }],
        links: &[],
    },
    Project {
        key: "samen-mariahoeve",
        title: "Samen Mariahoeve: ouderen in beweging",
        summary: "Beweegochtenden, wandelgroepen en huisbezoeken om eenzaamheid onder ouderen in Mariahoeve en Marlot te verminderen.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["HEALTH", "MEETING"],
        target_groups: &["ouderen 65+", "mantelzorgers"],
        starts_on: Some("2025-09-01"),
        ends_on: Some("2027-08-31"),
        wijken: &["WK051825"],
        meeting_places: &["wijkcentrum-mariahoeve", "buurtkamer-de-hoeve"],
        contact: Some("y.elamrani@voorwelzijn.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "voor-welzijn",
                role: "LEAD",
                contribution: "Coördinatie, beweegaanbod en huisbezoeken",
            },
            Participant {
                organisation: "ggd-haaglanden",
                role: "ADVISER",
                contribution: "Advies over valpreventie",
            },
            Participant {
                organisation: "staedion",
                role: "CONTRIBUTOR",
                contribution: "Signalering door huismeesters",
            },
            Participant {
                organisation: "ocw",
                role: "FUNDER",
                contribution: "Subsidie eenzaamheidsaanpak",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 25_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 50_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 3,
                observed: Some(2),
                evidence: "Drie wandelgroepen en een beweegochtend met vaste deelnemers.",
                assessed_by: "voor-welzijn",
                assessed_on: "2026-08-31",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: Some(2),
                evidence: "Deelnemers melden zich fitter te voelen in een korte vragenlijst.",
                assessed_by: "programmabureau",
                assessed_on: "2026-09-14",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Past in de aanpak van eenzaamheid; huismeesters zijn een sterke signaleringsroute.",
            reviewed_on: "2025-07-07",
        }),
        continuation: Some(Continuation {
            carrier: Some("voor-welzijn"),
            funding: "Opname in de stedelijke aanpak eenzaamheid",
            status: "PREPARING",
            note: "Wandelgroepen kunnen zelfstandig verder.",
        }),
        evaluations: &[],
        links: &[Link {
            to: "ontmoeten-in-de-hoeve",
            kind: "BUILDS_ON",
        }],
    },
    Project {
        key: "wijkvernieuwing-mariahoeve",
        title: "Bewonersinspraak wijkvernieuwing Mariahoeve-Centrum",
        summary: "Bewoners praten mee over renovatie en nieuwbouw rond het winkelcentrum via ateliers, een bewonersklankbord en een onafhankelijke bewonersadviseur.",
        phase: "REVIEWED",
        visibility: "INTERNAL",
        themes: &["HOUSING", "LIVING_ENVIRONMENT", "PARTICIPATION"],
        target_groups: &["huurders", "ondernemers", "bewonersorganisaties"],
        starts_on: Some("2027-01-15"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051825"],
        meeting_places: &["wijkcentrum-mariahoeve"],
        contact: Some("i.jansen@staedion.example"),
        internal_notes: Some(
            "De scenario's renovatie versus sloop-nieuwbouw zijn nog niet bestuurlijk besproken; niet extern communiceren.",
        ),
        participants: &[
            Participant {
                organisation: "staedion",
                role: "LEAD",
                contribution: "Planvorming en bewonersbegeleiding",
            },
            Participant {
                organisation: "dso",
                role: "ADVISER",
                contribution: "Stedenbouwkundig kader",
            },
            Participant {
                organisation: "voor-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Ateliers en bereik van minder gehoorde bewoners",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2027,
                source: "HOUSING_CORPORATION",
                funder: Some("staedion"),
                scheme: None,
                amount_cents: 90_000 * 100,
                status: "BUDGETED",
            },
            BudgetLine {
                year: 2027,
                source: "MUNICIPALITY",
                funder: Some("dso"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 30_000 * 100,
                status: "REQUESTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: None,
                evidence: "Bewoners hebben invloed op het programma van eisen.",
                assessed_by: "programmabureau",
                assessed_on: "2026-11-16",
            },
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 2,
                observed: None,
                evidence: "Betere woningen en een veiliger winkelcentrum op termijn.",
                assessed_by: "staedion",
                assessed_on: "2026-11-02",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Noodzakelijk voor draagvlak; betrek de ondernemers van het winkelcentrum vanaf het begin.",
            reviewed_on: "2026-11-16",
        }),
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    // ----- Nieuw Waldeck ------------------------------------------------------------------------
    Project {
        key: "buurtmoestuin-nieuw-waldeck",
        title: "Buurtmoestuin Nieuw Waldeck",
        summary: "Een braakliggend stuk grond tussen de flats is een moestuin geworden die bewoners samen onderhouden, met oogstmaaltijden en schooltuinlessen.",
        phase: "EMBEDDED",
        visibility: "SHARED",
        themes: &["LIVING_ENVIRONMENT", "MEETING", "HEALTH"],
        target_groups: &["bewoners", "kinderen 6-12", "ouderen"],
        starts_on: Some("2022-04-01"),
        ends_on: Some("2024-10-31"),
        wijken: &["WK051818"],
        meeting_places: &["moestuin-nieuw-waldeck"],
        contact: Some("m.dekker@xtra.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "xtra",
                role: "LEAD",
                contribution: "Opbouwwerk en begeleiding van de tuingroep",
            },
            Participant {
                organisation: "dsb",
                role: "CONTRIBUTOR",
                contribution: "Grondbewerking, hekwerk en wateraansluiting",
            },
            Participant {
                organisation: "haag-wonen",
                role: "CONTRIBUTOR",
                contribution: "Beschikbaar stellen van grond bij de flats",
            },
            Participant {
                organisation: "oranje-fonds",
                role: "FUNDER",
                contribution: "Bijdrage aan gereedschap en tuinhuis",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2022,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 30_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 15_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2023,
                source: "FUND",
                funder: Some("oranje-fonds"),
                scheme: Some("Oranje Fonds"),
                amount_cents: 10_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 3,
                observed: Some(3),
                evidence: "Veertig vaste tuinders uit twaalf nationaliteiten; oogstmaaltijden met meer dan honderd bezoekers.",
                assessed_by: "xtra",
                assessed_on: "2024-11-15",
            },
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 2,
                observed: Some(3),
                evidence: "Een plek met dumpingen is een verzorgde tuin geworden.",
                assessed_by: "dsb",
                assessed_on: "2024-11-15",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 1,
                observed: Some(1),
                evidence: "Gezonde voeding in schooltuinlessen; beperkt bereik.",
                assessed_by: "programmabureau",
                assessed_on: "2024-12-02",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 3,
            decision: "APPROVE",
            explanation: "Sterk bewonersinitiatief met een duidelijke route naar zelfbeheer.",
            reviewed_on: "2022-03-07",
        }),
        continuation: Some(Continuation {
            carrier: None,
            funding: "Contributie van de tuinleden en het reguliere groenbudget van Stadsbeheer",
            status: "SECURED",
            note: "De tuingroep is een vereniging geworden en beheert de tuin zelf.",
        }),
        evaluations: &[
            Evaluation {
                kind: "FINAL",
                evaluated_on: "2024-12-10",
                results: "Een actieve tuingroep van veertig leden, schooltuinlessen voor drie scholen en een opgeknapte plek.",
                participants_count: Some(260),
                activities_count: Some(140),
                lessons_learned: "Geef de tuingroep vanaf het begin eigen verantwoordelijkheid en een vaste plek voor gereedschap.",
                is_public: true,
            },
            Evaluation {
                kind: "FOLLOW_UP",
                evaluated_on: "2026-09-01",
                results: "De tuin draait twee jaar na afloop zelfstandig; de vereniging heeft een wachtlijst.",
                participants_count: Some(55),
                activities_count: Some(60),
                lessons_learned: "Zelfbeheer houdt stand als de gemeente het basisonderhoud van de omgeving blijft doen.",
                is_public: true,
            },
        ],
        links: &[],
    },
    Project {
        key: "jongerenraad-nieuw-waldeck",
        title: "Jongerenraad Nieuw Waldeck",
        summary: "Een raad van jongeren die een eigen budget krijgt om activiteiten in de wijk te kiezen en te organiseren.",
        phase: "IDEA",
        visibility: "SHARED",
        themes: &["YOUTH", "PARTICIPATION"],
        target_groups: &["jongeren 12-18"],
        starts_on: None,
        ends_on: None,
        wijken: &["WK051818"],
        meeting_places: &[],
        contact: Some("j.smits@xtra.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "xtra",
                role: "LEAD",
                contribution: "Jongerenwerk begeleidt de jongerenraad",
            },
            Participant {
                organisation: "dpz",
                role: "CONTRIBUTOR",
                contribution: "Wijkbudget voor jongereninitiatieven",
            },
        ],
        budget: &[BudgetLine {
            year: 2027,
            source: "MUNICIPALITY",
            funder: Some("dpz"),
            scheme: Some("Opwaartse kracht"),
            amount_cents: 15_000 * 100,
            status: "BUDGETED",
        }],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 3,
                observed: None,
                evidence: "Jongeren beslissen zelf over een wijkbudget.",
                assessed_by: "xtra",
                assessed_on: "2026-11-03",
            },
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 1,
                observed: None,
                evidence: "Jongeren leren vergaderen, begroten en organiseren.",
                assessed_by: "xtra",
                assessed_on: "2026-11-03",
            },
        ],
        review: None,
        continuation: None,
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "digitaal-meedoen-waldeck",
        title: "Digitaal meedoen Waldeck",
        summary: "Cursussen en inloopspreekuren voor digitale vaardigheden: DigiD, online bankieren, toeslagen aanvragen en veilig internetten.",
        phase: "EVALUATED",
        visibility: "SHARED",
        themes: &["EDUCATION", "POVERTY"],
        target_groups: &[
            "ouderen",
            "laaggeletterden",
            "volwassenen met weinig digitale vaardigheden",
        ],
        starts_on: Some("2023-09-01"),
        ends_on: Some("2025-08-31"),
        wijken: &["WK051818"],
        meeting_places: &[],
        contact: Some("l.brouwer@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "ocw",
                role: "LEAD",
                contribution: "Regie en subsidie digitale inclusie",
            },
            Participant {
                organisation: "bibliotheek-den-haag",
                role: "CONTRIBUTOR",
                contribution: "Cursusmateriaal en het Informatiepunt Digitale Overheid",
            },
            Participant {
                organisation: "xtra",
                role: "CONTRIBUTOR",
                contribution: "Werving en vrijwillige digicoaches",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 20_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 35_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 25_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 2,
                observed: Some(2),
                evidence: "310 cursisten rondden een cursus af.",
                assessed_by: "bibliotheek-den-haag",
                assessed_on: "2025-10-01",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: Some(2),
                evidence: "Deelnemers vragen vaker zelf toeslagen en regelingen aan.",
                assessed_by: "programmabureau",
                assessed_on: "2025-10-14",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: Some(2),
                evidence: "Vijftien cursisten zijn zelf digicoach geworden.",
                assessed_by: "programmabureau",
                assessed_on: "2025-10-14",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Goede aansluiting op het landelijke Informatiepunt Digitale Overheid.",
            reviewed_on: "2023-07-10",
        }),
        continuation: Some(Continuation {
            carrier: Some("bibliotheek-den-haag"),
            funding: "Informatiepunt Digitale Overheid in de bibliotheek, landelijk gefinancierd",
            status: "SECURED",
            note: "Spreekuren gaan door in de bibliotheekvestiging Loosduinen.",
        }),
        evaluations: &[Evaluation {
            kind: "FINAL",
            evaluated_on: "2025-11-20",
            results: "310 cursisten, 640 spreekuurbezoeken en vijftien nieuwe digicoaches.",
            participants_count: Some(310),
            activities_count: Some(220),
            lessons_learned: "Kleine groepen en cursussen in de eigen wijk werken beter dan centrale cursussen; koppel aan concrete vragen zoals toeslagen.",
            is_public: true,
        }],
        links: &[],
    },
    // ----- Regentesse/Valkenbos-Zuid ------------------------------------------------------------
    Project {
        key: "schone-straten-valkenbos-zuid",
        title: "Schone straten Valkenbos-Zuid",
        summary: "Adoptiestraten, extra afvalbakken en handhaving op bijplaatsingen in de zuidelijke straten van het Valkenboskwartier.",
        phase: "RUNNING",
        visibility: "SHARED",
        themes: &["LIVING_ENVIRONMENT", "SAFETY"],
        target_groups: &["bewoners", "ondernemers"],
        starts_on: Some("2025-06-01"),
        ends_on: Some("2027-05-31"),
        wijken: &["WK051820"],
        meeting_places: &["buurthuis-valkenbos"],
        contact: Some("r.hofstede@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "dsb",
                role: "LEAD",
                contribution: "Extra reiniging, afvalbakken en handhaving",
            },
            Participant {
                organisation: "xtra",
                role: "CONTRIBUTOR",
                contribution: "Begeleiding van de adoptieteams",
            },
            Participant {
                organisation: "dpz",
                role: "ADVISER",
                contribution: "Wijkmanager Segbroek",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 45_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("dsb"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 55_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 3,
                observed: Some(2),
                evidence: "Minder bijplaatsingen in de adoptiestraten; in de winkelstraat nog weinig verbetering.",
                assessed_by: "dsb",
                assessed_on: "2026-06-15",
            },
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: Some(2),
                evidence: "Negen straten zijn geadopteerd door bewonersteams.",
                assessed_by: "programmabureau",
                assessed_on: "2026-06-29",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Bouwt voort op de ervaringen uit Bouwlust; betrek de ondernemers nadrukkelijker.",
            reviewed_on: "2025-04-28",
        }),
        continuation: Some(Continuation {
            carrier: Some("dsb"),
            funding: "Regulier reinigingsbudget Segbroek",
            status: "PREPARING",
            note: "Extra afvalbakken worden in het reguliere beheer opgenomen.",
        }),
        evaluations: &[],
        links: &[Link {
            to: "schoon-en-heel-bouwlust",
            kind: "BUILDS_ON",
        }],
    },
    Project {
        key: "regentesse-werkt",
        title: "Regentesse Werkt",
        summary: "Leerwerkplekken voor jongeren bij winkels en horeca in de Weimarstraat en omgeving, met een vaste coach vanuit de wijk.",
        phase: "INTAKE",
        visibility: "SHARED",
        themes: &["WORK", "YOUTH"],
        target_groups: &["jongeren 16-23"],
        starts_on: Some("2027-04-01"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051821"],
        meeting_places: &["buurthuis-valkenbos"],
        contact: Some("r.hofstede@denhaag.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "dpz",
                role: "LEAD",
                contribution: "Wijkmanager verbindt ondernemers en jongeren",
            },
            Participant {
                organisation: "szw",
                role: "CONTRIBUTOR",
                contribution: "Jongerencoach en werkgeversdienstverlening",
            },
            Participant {
                organisation: "xtra",
                role: "CONTRIBUTOR",
                contribution: "Werving via het jongerenwerk",
            },
        ],
        budget: &[BudgetLine {
            year: 2027,
            source: "MUNICIPALITY",
            funder: Some("szw"),
            scheme: Some("Opwaartse kracht"),
            amount_cents: 60_000 * 100,
            status: "REQUESTED",
        }],
        assessments: &[
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 3,
                observed: None,
                evidence: "Vijftien leerwerkplekken bij ondernemers in de wijk.",
                assessed_by: "dpz",
                assessed_on: "2026-11-10",
            },
            Assessment {
                effect: "EDUCATION_AND_TALENT",
                expected: 2,
                observed: None,
                evidence: "Koppeling met een mbo-opleiding in de detailhandel.",
                assessed_by: "dpz",
                assessed_on: "2026-11-10",
            },
        ],
        review: None,
        continuation: None,
        evaluations: &[],
        links: &[Link {
            to: "werkplaats-zuidwest",
            kind: "BUILDS_ON",
        }],
    },
    Project {
        key: "geldzaken-op-orde-regentesse",
        title: "Geldzaken op orde Regentesse/Valkenbos",
        summary: "Groepstrainingen en een maatjesproject om huishoudens te helpen hun administratie op orde te houden en betalingsachterstanden te voorkomen.",
        phase: "PAUSED",
        visibility: "INTERNAL",
        themes: &["POVERTY"],
        target_groups: &["huishoudens met een laag inkomen", "jonge gezinnen"],
        starts_on: Some("2025-01-06"),
        ends_on: Some("2027-06-30"),
        wijken: &["WK051820", "WK051821"],
        meeting_places: &["buurthuis-valkenbos"],
        contact: Some("m.dekker@xtra.example"),
        internal_notes: Some(
            "Gepauzeerd tot de nieuwe subsidieregeling schuldhulp is vastgesteld; fractievragen over mogelijke dubbele financiering met Schuldhulp aan de keukentafel.",
        ),
        participants: &[
            Participant {
                organisation: "xtra",
                role: "LEAD",
                contribution: "Trainers en maatjescoördinatie",
            },
            Participant {
                organisation: "szw",
                role: "FUNDER",
                contribution: "Subsidie uit de armoedemiddelen",
            },
            Participant {
                organisation: "bibliotheek-den-haag",
                role: "CONTRIBUTOR",
                contribution: "Trainingsmateriaal over geldzaken",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 40_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("szw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 40_000 * 100,
                status: "REQUESTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 3,
                observed: Some(2),
                evidence: "85 huishoudens volgden de training; minder nieuwe achterstanden bij de deelnemers.",
                assessed_by: "xtra",
                assessed_on: "2025-12-01",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: Some(1),
                evidence: "Maatjes en deelnemers komen uit dezelfde buurt.",
                assessed_by: "programmabureau",
                assessed_on: "2025-12-15",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 1,
            decision: "APPROVE",
            explanation: "Preventief en laagdrempelig; stem af met de stedelijke schuldhulpaanpak.",
            reviewed_on: "2024-11-25",
        }),
        continuation: Some(Continuation {
            carrier: Some("xtra"),
            funding: "Afhankelijk van de nieuwe subsidieregeling schuldhulp",
            status: "NOT_SECURED",
            note: "Maatjes blijven in afwachting actief via het sociaal raadsliedenwerk.",
        }),
        evaluations: &[],
        links: &[Link {
            to: "schuldhulp-keukentafel",
            kind: "OVERLAPS",
        }],
    },
    // ----- Programme-wide and further Zuidwest projects -----------------------------------------
    Project {
        key: "leernetwerk-opwaartse-kracht",
        title: "Leernetwerk Opwaartse kracht",
        summary: "Kwartaalbijeenkomsten waarin wijkmanagers, opbouwwerkers en partners leren van geslaagde en mislukte projecten in alle aanpakgebieden.",
        phase: "RUNNING",
        visibility: "INTERNAL",
        themes: &["PARTICIPATION"],
        target_groups: &["professionals in de wijk"],
        starts_on: Some("2024-01-15"),
        ends_on: Some("2027-12-31"),
        wijken: &[
            "WK051829", "WK051830", "WK051833", "WK051834", "WK051836", "WK051838", "WK051825",
            "WK051818", "WK051820", "WK051821",
        ],
        meeting_places: &["de-mussen", "wijkcentrum-bouwlust"],
        contact: Some("p.ramdin@denhaag.example"),
        internal_notes: Some(
            "Uitkomsten voeden de raadsinformatiebrief over Opwaartse kracht; lessen uit gestopte projecten eerst intern bespreken.",
        ),
        participants: &[
            Participant {
                organisation: "programmabureau",
                role: "LEAD",
                contribution: "Organisatie en verslaglegging",
            },
            Participant {
                organisation: "dpz",
                role: "CONTRIBUTOR",
                contribution: "Wijkmanagers brengen casuïstiek in",
            },
            Participant {
                organisation: "ocw",
                role: "CONTRIBUTOR",
                contribution: "Beleidsadviseurs welzijn en onderwijs",
            },
            Participant {
                organisation: "mooi-welzijn",
                role: "CONTRIBUTOR",
                contribution: "Opbouwwerkers uit Zuidwest",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("programmabureau"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 12_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("programmabureau"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 12_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2026,
                source: "MUNICIPALITY",
                funder: Some("programmabureau"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 15_000 * 100,
                status: "ADVANCED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 1,
                observed: Some(1),
                evidence: "Indirect effect via betere projecten.",
                assessed_by: "programmabureau",
                assessed_on: "2026-01-20",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 1,
                observed: Some(2),
                evidence: "Meer samenwerking tussen partners, zichtbaar in gezamenlijke aanvragen.",
                assessed_by: "programmabureau",
                assessed_on: "2026-01-20",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 3,
            impact: 1,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Maakt de vraag wat we leren van elk project structureel.",
            reviewed_on: "2023-12-11",
        }),
        continuation: Some(Continuation {
            carrier: Some("programmabureau"),
            funding: "Onderdeel van de programmabegroting",
            status: "SECURED",
            note: "Loopt mee zolang het programma loopt.",
        }),
        evaluations: &[],
        links: &[],
    },
    Project {
        key: "mantelzorgcafe-morgenstond",
        title: "Mantelzorgcafé Morgenstond",
        summary: "Maandelijkse bijeenkomst voor mantelzorgers met informatie, lotgenotencontact en wegwijs in respijtzorg.",
        phase: "EVALUATED",
        visibility: "SHARED",
        themes: &["HEALTH", "MEETING"],
        target_groups: &["mantelzorgers"],
        starts_on: Some("2023-03-01"),
        ends_on: Some("2025-02-28"),
        wijken: &["WK051834"],
        meeting_places: &["bibliotheek-escamp"],
        contact: Some("l.bakker@mooiwelzijn.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "mooi-welzijn",
                role: "LEAD",
                contribution: "Organisatie en mantelzorgconsulent",
            },
            Participant {
                organisation: "ggd-haaglanden",
                role: "ADVISER",
                contribution: "Informatie over gezondheid en zorg",
            },
            Participant {
                organisation: "bibliotheek-den-haag",
                role: "CONTRIBUTOR",
                contribution: "Ruimte in Bibliotheek Escamp",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2023,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 9_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2024,
                source: "MUNICIPALITY",
                funder: Some("ocw"),
                scheme: Some("Opwaartse kracht"),
                amount_cents: 10_000 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: Some(2),
                evidence: "Mantelzorgers weten de weg naar respijtzorg beter te vinden.",
                assessed_by: "mooi-welzijn",
                assessed_on: "2025-04-15",
            },
            Assessment {
                effect: "SOCIAL_COHESION",
                expected: 2,
                observed: Some(3),
                evidence: "Deelnemers spreken ook buiten het café met elkaar af.",
                assessed_by: "programmabureau",
                assessed_on: "2025-04-28",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Klein en doelgericht; sluit aan op de mantelzorgondersteuning.",
            reviewed_on: "2023-02-06",
        }),
        continuation: Some(Continuation {
            carrier: Some("mooi-welzijn"),
            funding: "Reguliere mantelzorgondersteuning",
            status: "SECURED",
            note: "Het café gaat maandelijks door in de bibliotheek.",
        }),
        evaluations: &[Evaluation {
            kind: "FINAL",
            evaluated_on: "2025-05-22",
            results: "22 bijeenkomsten met gemiddeld 18 deelnemers.",
            participants_count: Some(95),
            activities_count: Some(22),
            lessons_learned: "Een neutrale plek als de bibliotheek verlaagt de drempel; plan bijeenkomsten op vaste momenten.",
            is_public: false,
        }],
        links: &[Link {
            to: "gezonde-wijk-zuidwest",
            kind: "COMPLEMENTS",
        }],
    },
    Project {
        key: "fietsles-bouwlust",
        title: "Fietsles voor vrouwen Bouwlust",
        summary: "Fietslessen op het plein bij het wijkcentrum, met verkeersles en een afsluitende fietstocht, gegeven door vrijwillige docenten uit de wijk.",
        phase: "COMPLETED",
        visibility: "SHARED",
        themes: &["PARTICIPATION", "HEALTH"],
        target_groups: &["vrouwen", "statushouders"],
        starts_on: Some("2025-04-01"),
        ends_on: Some("2025-10-31"),
        wijken: &["WK051833"],
        meeting_places: &["wijkcentrum-bouwlust"],
        contact: Some("n.hassan@mooiwelzijn.example"),
        internal_notes: None,
        participants: &[
            Participant {
                organisation: "mooi-welzijn",
                role: "LEAD",
                contribution: "Organisatie en vrijwillige docenten",
            },
            Participant {
                organisation: "dsb",
                role: "CONTRIBUTOR",
                contribution: "Verkeersplein en fietsen uit het depot",
            },
            Participant {
                organisation: "oranje-fonds",
                role: "FUNDER",
                contribution: "Bijdrage aan fietsen en helmen",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2025,
                source: "FUND",
                funder: Some("oranje-fonds"),
                scheme: Some("Oranje Fonds"),
                amount_cents: 7_500 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "MUNICIPALITY",
                funder: Some("dpz"),
                scheme: Some("Bewonersinitiatieven"),
                amount_cents: 4_000 * 100,
                status: "SETTLED",
            },
            BudgetLine {
                year: 2025,
                source: "OWN_CONTRIBUTION",
                funder: None,
                scheme: None,
                amount_cents: 750 * 100,
                status: "SETTLED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "PARTICIPATION",
                expected: 2,
                observed: Some(3),
                evidence: "46 vrouwen haalden het fietsdiploma; zes worden zelf docent.",
                assessed_by: "mooi-welzijn",
                assessed_on: "2025-11-20",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 1,
                observed: Some(2),
                evidence: "Deelnemers bewegen meer en reizen zelfstandig naar werk en school.",
                assessed_by: "programmabureau",
                assessed_on: "2025-12-01",
            },
        ],
        review: Some(Review {
            coherence: 2,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Klein budget, groot effect op zelfstandigheid.",
            reviewed_on: "2025-03-10",
        }),
        continuation: Some(Continuation {
            carrier: Some("mooi-welzijn"),
            funding: "Vrijwillige docenten met eigen bijdragen en fondsen",
            status: "PREPARING",
            note: "Voorjaar 2027 een nieuwe ronde met docenten uit de eerste groep.",
        }),
        evaluations: &[Evaluation {
            kind: "FINAL",
            evaluated_on: "2025-12-05",
            results: "46 fietsdiploma's in twee rondes; een fietstocht naar Kijkduin als afsluiting.",
            participants_count: Some(52),
            activities_count: Some(48),
            lessons_learned: "Docenten uit de eigen gemeenschap maken het verschil; zorg voor opvang voor jonge kinderen.",
            is_public: true,
        }],
        links: &[],
    },
    Project {
        key: "gevelrenovatie-morgenstond",
        title: "Gevelrenovatie en energiebesparing Morgenstond",
        summary: "Isolatie en gevelherstel van galerijflats in Morgenstond, gecombineerd met werkplekken voor werkzoekenden uit de wijk.",
        phase: "REVIEWED",
        visibility: "INTERNAL",
        themes: &["HOUSING", "LIVING_ENVIRONMENT"],
        target_groups: &["huurders", "werkzoekenden"],
        starts_on: Some("2027-05-01"),
        ends_on: Some("2027-12-31"),
        wijken: &["WK051834"],
        meeting_places: &[],
        contact: Some("t.hendriks@haagwonen.example"),
        internal_notes: Some(
            "Cofinanciering uit de Regio Deal alleen als de raad de tweede tranche vrijgeeft.",
        ),
        participants: &[
            Participant {
                organisation: "haag-wonen",
                role: "LEAD",
                contribution: "Renovatie en bewonersbegeleiding",
            },
            Participant {
                organisation: "dso",
                role: "CONTRIBUTOR",
                contribution: "Vergunningen en subsidie voor verduurzaming",
            },
            Participant {
                organisation: "szw",
                role: "ADVISER",
                contribution: "Koppeling met Werkplaats Zuidwest",
            },
        ],
        budget: &[
            BudgetLine {
                year: 2027,
                source: "HOUSING_CORPORATION",
                funder: Some("haag-wonen"),
                scheme: None,
                amount_cents: 300_000 * 100,
                status: "BUDGETED",
            },
            BudgetLine {
                year: 2027,
                source: "NATIONAL_GOVERNMENT",
                funder: None,
                scheme: Some("Regio Deal Zuidwest"),
                amount_cents: 100_000 * 100,
                status: "REQUESTED",
            },
        ],
        assessments: &[
            Assessment {
                effect: "LIVEABILITY_AND_SAFETY",
                expected: 2,
                observed: None,
                evidence: "Betere woningen en een verzorgd aanzien van de galerijflats.",
                assessed_by: "haag-wonen",
                assessed_on: "2026-10-19",
            },
            Assessment {
                effect: "POVERTY_AND_HEALTH",
                expected: 2,
                observed: None,
                evidence: "Lagere energielasten en minder vocht in de woningen.",
                assessed_by: "programmabureau",
                assessed_on: "2026-11-02",
            },
            Assessment {
                effect: "WORK_AND_INCOME",
                expected: 1,
                observed: None,
                evidence: "Zes werkplekken via Werkplaats Zuidwest.",
                assessed_by: "programmabureau",
                assessed_on: "2026-11-02",
            },
        ],
        review: Some(Review {
            coherence: 3,
            cooperation: 2,
            impact: 2,
            continuation: 2,
            decision: "APPROVE",
            explanation: "Goede koppeling van woningverbetering en werk; afhankelijk van cofinanciering.",
            reviewed_on: "2026-11-02",
        }),
        continuation: None,
        evaluations: &[],
        links: &[Link {
            to: "werkplaats-zuidwest",
            kind: "COMPLEMENTS",
        }],
    },
];

// ---------------------------------------------------------------------------------------------
// Signals (fictional). They describe situations, never people.
// ---------------------------------------------------------------------------------------------

pub const SIGNALS: &[Signal] = &[
    Signal {
        wijk: "WK051836",
        theme: "HOUSING",
        title: "Vocht en schimmel in portiekflats Moerwijk-Oost",
        description: "Bij huisbezoeken en op het inloopspreekuur komen steeds vaker meldingen over vocht en schimmel in de portiekflats aan de oostkant van Moerwijk, vooral in complexen die nog op renovatie wachten.",
        reporter: "mooi-welzijn",
        urgency: "HIGH",
        status: "ESCALATED",
        follow_up_note: Some(
            "Besproken in het bestuurlijk overleg met de corporaties; een extra inspectieronde is ingepland voor de winter.",
        ),
        internal_notes: Some(
            "Wethouder Wonen wil voor de begrotingsbehandeling een stand van zaken.",
        ),
        projects: &["bewonersdialoog-moerwijk-oost", "energiecoaches-moerwijk"],
        reported_on: "2024-11-12",
    },
    Signal {
        wijk: "WK051829",
        theme: "YOUTH",
        title: "Te weinig avondaanbod voor jongeren in de weekenden",
        description: "Op vrijdag- en zaterdagavond zijn er in de Schilderswijk nauwelijks open voorzieningen; op pleinen en in portieken ontstaat dan onrust.",
        reporter: "voor-welzijn",
        urgency: "MEDIUM",
        status: "POLICY_ADJUSTED",
        follow_up_note: Some(
            "Extra budget voor avondjongerenwerk vrijgemaakt uit het wijkbudget Centrum.",
        ),
        internal_notes: None,
        projects: &["avondjongerenwerk-schilderswijk"],
        reported_on: "2025-02-03",
    },
    Signal {
        wijk: "WK051830",
        theme: "POVERTY",
        title: "Meer vragen over energierekeningen op het spreekuur",
        description: "Het aantal vragen over hoge eindafrekeningen en betalingsregelingen voor energie is het afgelopen kwartaal verdubbeld.",
        reporter: "zebra-welzijn",
        urgency: "HIGH",
        status: "IN_PROGRESS",
        follow_up_note: Some(
            "SZW onderzoekt of de energietoeslag in Transvaal actief kan worden aangeboden.",
        ),
        internal_notes: None,
        projects: &["wijkspreekuur-transvaal"],
        reported_on: "2024-01-22",
    },
    Signal {
        wijk: "WK051838",
        theme: "SAFETY",
        title: "Slechte verlichting bij de spooronderdoorgang in Spoorwijk",
        description: "De onderdoorgang onder het spoor is 's avonds donker; de plek wordt gemeden en er liggen regelmatig resten van dumpingen.",
        reporter: "politie-den-haag",
        urgency: "MEDIUM",
        status: "CLOSED",
        follow_up_note: Some(
            "Verlichting vervangen en de plek opgenomen in de schouwrondes van Veilig over straat.",
        ),
        internal_notes: None,
        projects: &["veilig-over-straat-spoorwijk"],
        reported_on: "2025-01-14",
    },
    Signal {
        wijk: "WK051833",
        theme: "LIVING_ENVIRONMENT",
        title: "Zwerfafval rond ondergrondse containers",
        description: "Rond meerdere ondergrondse containers in Bouwlust staan structureel zakken en grofvuil naast de container.",
        reporter: "dsb",
        urgency: "LOW",
        status: "CLOSED",
        follow_up_note: Some(
            "Opgepakt in Schoon en heel Bouwlust; de containerlocaties staan in de maandelijkse schouw.",
        ),
        internal_notes: None,
        projects: &["schoon-en-heel-bouwlust"],
        reported_on: "2022-02-08",
    },
    Signal {
        wijk: "WK051834",
        theme: "YOUTH",
        title: "Geen vaste jongerenruimte meer in Morgenstond",
        description: "Sinds het einde van het huurcontract van de jongerenplek is er in Morgenstond geen vaste binnenruimte voor jongerenwerk.",
        reporter: "mooi-welzijn",
        urgency: "MEDIUM",
        status: "IN_PROGRESS",
        follow_up_note: Some("DSO onderzoekt een tijdelijke unit bij het winkelcentrum."),
        internal_notes: Some("Geen dekking in de lopende begroting; mogelijk in de voorjaarsnota."),
        projects: &["jongerenplek-morgenstond"],
        reported_on: "2026-06-18",
    },
    Signal {
        wijk: "WK051825",
        theme: "HEALTH",
        title: "Huisartsenpraktijken in Mariahoeve nemen geen nieuwe patiënten aan",
        description: "Nieuwe bewoners van Mariahoeve kunnen zich niet inschrijven bij een huisarts in de wijk; de dichtstbijzijnde praktijk met ruimte ligt buiten het stadsdeel.",
        reporter: "ggd-haaglanden",
        urgency: "MEDIUM",
        status: "ESCALATED",
        follow_up_note: Some(
            "Aangekaart bij de zorgverzekeraar en meegenomen in het overleg over de wijkvernieuwing.",
        ),
        internal_notes: None,
        projects: &[],
        reported_on: "2026-03-09",
    },
    Signal {
        wijk: "WK051818",
        theme: "MEETING",
        title: "Geen toegankelijke ontmoetingsruimte in Nieuw Waldeck",
        description: "Buiten de moestuin is er in Nieuw Waldeck geen rolstoeltoegankelijke binnenruimte voor bewonersactiviteiten.",
        reporter: "xtra",
        urgency: "LOW",
        status: "NEW",
        follow_up_note: None,
        internal_notes: None,
        projects: &[],
        reported_on: "2026-10-27",
    },
    Signal {
        wijk: "WK051820",
        theme: "LIVING_ENVIRONMENT",
        title: "Overvolle afvalbakken in de winkelstraat",
        description: "De afvalbakken in de winkelstraat zitten in het weekend vol, waardoor afval op straat belandt.",
        reporter: "dpz",
        urgency: "LOW",
        status: "DISMISSED",
        follow_up_note: Some(
            "Geen beleidssignaal: opgelost via de reguliere ledigingsfrequentie van Stadsbeheer.",
        ),
        internal_notes: None,
        projects: &[],
        reported_on: "2025-08-11",
    },
    Signal {
        wijk: "WK051821",
        theme: "POVERTY",
        title: "Meer huurachterstanden bij jonge gezinnen",
        description: "Het aantal nieuwe huurachterstanden in het Regentessekwartier stijgt, vooral in kleinere huurwoningen met gezinnen.",
        reporter: "staedion",
        urgency: "HIGH",
        status: "NEW",
        follow_up_note: None,
        internal_notes: Some(
            "Cijfers zijn alleen geaggregeerd gedeeld; niet doorsturen naar externe partijen.",
        ),
        projects: &["geldzaken-op-orde-regentesse"],
        reported_on: "2026-11-16",
    },
    Signal {
        wijk: "WK051836",
        theme: "WORK",
        title: "Werkgevers vinden moeilijk kandidaten voor leerbanen",
        description: "Werkgevers in zorg en techniek hebben leerbanen open staan, maar de aansluiting met werkzoekenden uit Zuidwest loopt stroef door reistijd en roosters.",
        reporter: "szw",
        urgency: "MEDIUM",
        status: "POLICY_ADJUSTED",
        follow_up_note: Some(
            "Werkplaats Zuidwest biedt nu reiskostenvergoeding en flexibele roosters in de eerste maanden.",
        ),
        internal_notes: None,
        projects: &["werkplaats-zuidwest"],
        reported_on: "2025-05-06",
    },
    Signal {
        wijk: "WK051829",
        theme: "HOUSING",
        title: "Lange doorlooptijd van reparatieverzoeken in portiekwoningen",
        description: "Reparatieverzoeken voor trappenhuizen en gemeenschappelijke installaties blijven in een aantal portiekcomplexen maanden openstaan.",
        reporter: "voor-welzijn",
        urgency: "HIGH",
        status: "IN_PROGRESS",
        follow_up_note: Some(
            "De corporatie bereidt een onderhoudsschouw voor de portiekcomplexen voor.",
        ),
        internal_notes: Some(
            "Onderwerp van raadsvragen; antwoorden worden afgestemd met de corporatie.",
        ),
        projects: &["onderhoudsschouw-schilderswijk"],
        reported_on: "2026-09-02",
    },
    Signal {
        wijk: "WK051838",
        theme: "EDUCATION",
        title: "Te weinig plekken voor voorschoolse educatie in Laakkwartier",
        description: "Voor kinderen met een indicatie voor voorschoolse educatie is in Laakkwartier een wachtlijst van enkele maanden.",
        reporter: "ocw",
        urgency: "MEDIUM",
        status: "ESCALATED",
        follow_up_note: Some(
            "Meegenomen in Kansrijk opgroeien Laak en in het overleg met de schoolbesturen.",
        ),
        internal_notes: None,
        projects: &["kansrijk-opgroeien-laak"],
        reported_on: "2026-04-21",
    },
    Signal {
        wijk: "WK051833",
        theme: "PARTICIPATION",
        title: "Bewonerscommissies zonder vergaderruimte tijdens renovatie",
        description: "Tijdens de renovatie van enkele complexen hebben bewonerscommissies geen plek meer om te vergaderen.",
        reporter: "vestia",
        urgency: "LOW",
        status: "NEW",
        follow_up_note: None,
        internal_notes: None,
        projects: &[],
        reported_on: "2026-11-04",
    },
    Signal {
        wijk: "WK051834",
        theme: "HEALTH",
        title: "Mantelzorgers vinden moeilijk de weg naar respijtzorg",
        description: "Op het spreekuur blijkt dat mantelzorgers in Morgenstond weinig weten van respijtzorg en ondersteuningsmogelijkheden.",
        reporter: "mooi-welzijn",
        urgency: "MEDIUM",
        status: "CLOSED",
        follow_up_note: Some(
            "Opgepakt met het Mantelzorgcafé, dat inmiddels in het reguliere aanbod zit.",
        ),
        internal_notes: None,
        projects: &["mantelzorgcafe-morgenstond"],
        reported_on: "2022-11-28",
    },
    Signal {
        wijk: "WK051827",
        theme: "SAFETY",
        title: "Overlast rond leegstaande winkelpanden in de Stationsbuurt",
        description: "Rond een aantal leegstaande winkelpanden is 's avonds geregeld overlast en vervuiling.",
        reporter: "politie-den-haag",
        urgency: "MEDIUM",
        status: "NEW",
        follow_up_note: None,
        internal_notes: None,
        projects: &[],
        reported_on: "2026-11-20",
    },
];

// ---------------------------------------------------------------------------------------------
// Referential integrity and coverage
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    const PHASES: &[&str] = &[
        "IDEA",
        "INTAKE",
        "REVIEWED",
        "APPROVED",
        "RUNNING",
        "PAUSED",
        "COMPLETED",
        "EVALUATED",
        "EMBEDDED",
        "STOPPED",
    ];
    const BEFORE_REVIEW: &[&str] = &["IDEA", "INTAKE"];
    const BEFORE_RUNNING: &[&str] = &["IDEA", "INTAKE", "REVIEWED", "APPROVED"];
    const RUNNING_OR_LATER: &[&str] = &["RUNNING", "PAUSED", "COMPLETED", "EVALUATED", "EMBEDDED"];
    const FINISHED: &[&str] = &["COMPLETED", "EVALUATED", "EMBEDDED"];
    const VISIBILITIES: &[&str] = &["SHARED", "INTERNAL"];
    const THEMES: &[&str] = &[
        "HOUSING",
        "WORK",
        "EDUCATION",
        "HEALTH",
        "SAFETY",
        "PARTICIPATION",
        "POVERTY",
        "LIVING_ENVIRONMENT",
        "YOUTH",
        "MEETING",
    ];
    const ORG_KINDS: &[&str] = &["CITY_DEPARTMENT", "PARTNER"];
    const PARTNER_TYPES: &[&str] = &[
        "HOUSING_CORPORATION",
        "WELFARE_ORGANISATION",
        "HEALTH",
        "EDUCATION",
        "POLICE",
        "LIBRARY",
        "RESIDENTS_ORGANISATION",
        "FUND",
        "NATIONAL_GOVERNMENT",
        "BUSINESS",
        "OTHER",
    ];
    const DEPARTMENT_CODES: &[&str] = &["PB", "DPZ", "OCW", "SZW", "DSO", "DSB"];
    const FUNCTIONS: &[&str] = &[
        "WIJKMANAGER",
        "COMMUNITY_WORKER",
        "YOUTH_WORKER",
        "NEIGHBOURHOOD_OFFICER",
        "PROJECT_LEAD",
        "POLICY_ADVISER",
        "SITE_MANAGER",
        "OTHER",
    ];
    const PLACE_KINDS: &[&str] = &[
        "COMMUNITY_CENTRE",
        "NEIGHBOURHOOD_HOUSE",
        "NEIGHBOURHOOD_ROOM",
        "LIBRARY",
        "SCHOOL",
        "SPORTS",
        "FAITH",
        "OUTDOOR",
        "OTHER",
    ];
    const MANAGEMENTS: &[&str] = &[
        "WELFARE_ORGANISATION",
        "SELF_MANAGED",
        "MUNICIPALITY",
        "HOUSING_CORPORATION",
        "OTHER",
    ];
    const ROLES: &[&str] = &["LEAD", "CONTRIBUTOR", "FUNDER", "ADVISER"];
    const SOURCES: &[&str] = &[
        "MUNICIPALITY",
        "HOUSING_CORPORATION",
        "NATIONAL_GOVERNMENT",
        "FUND",
        "OWN_CONTRIBUTION",
        "OTHER",
    ];
    const BUDGET_STATUSES: &[&str] = &[
        "BUDGETED",
        "REQUESTED",
        "GRANTED",
        "ADVANCED",
        "SETTLED",
        "REJECTED",
    ];
    const DECISIONS: &[&str] = &["APPROVE", "REJECT", "HOLD"];
    const CONTINUATION_STATUSES: &[&str] = &["NOT_STARTED", "PREPARING", "SECURED", "NOT_SECURED"];
    const EVALUATION_KINDS: &[&str] = &["MIDTERM", "FINAL", "FOLLOW_UP"];
    const LINK_KINDS: &[&str] = &["BUILDS_ON", "COMPLEMENTS", "OVERLAPS"];
    const URGENCIES: &[&str] = &["LOW", "MEDIUM", "HIGH"];
    const SIGNAL_STATUSES: &[&str] = &[
        "NEW",
        "IN_PROGRESS",
        "ESCALATED",
        "POLICY_ADJUSTED",
        "CLOSED",
        "DISMISSED",
    ];

    const EARLIEST: &str = "2022-01-01";
    const LATEST: &str = "2027-12-31";

    // --- helpers -------------------------------------------------------------------------------

    fn is_date(s: &str) -> bool {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return false;
        }
        let digits = |r: core::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && digits(5..7) && digits(8..10)) {
            return false;
        }
        let year: u32 = s[0..4].parse().unwrap();
        let month: u32 = s[5..7].parse().unwrap();
        let day: u32 = s[8..10].parse().unwrap();
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&day)
    }

    /// A valid `YYYY-MM-DD` date inside the demo window.
    fn check_date(ctx: &str, d: &str) {
        assert!(is_date(d), "{ctx}: `{d}` is not a YYYY-MM-DD date");
        assert!(
            (EARLIEST..=LATEST).contains(&d),
            "{ctx}: `{d}` is outside {EARLIEST}..={LATEST}"
        );
    }

    fn check_enum(ctx: &str, value: &str, allowed: &[&str]) {
        assert!(
            allowed.contains(&value),
            "{ctx}: `{value}` is not one of {allowed:?}"
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
            .flat_map(|f| f.wijken.iter().copied())
            .collect()
    }

    fn participates(p: &Project, org: &str) -> bool {
        p.participants.iter().any(|x| x.organisation == org)
    }

    fn has_role(p: &Project, org: &str, role: &str) -> bool {
        p.participants
            .iter()
            .any(|x| x.organisation == org && x.role == role)
    }

    // --- reference data ------------------------------------------------------------------------

    #[test]
    fn stadsdelen_are_the_eight() {
        let codes: Vec<_> = STADSDELEN.iter().map(|s| s.code).collect();
        assert_eq!(
            codes,
            ["CEN", "ESC", "HHT", "LAK", "LYP", "LOS", "SCH", "SEG"]
        );
        assert_unique("stadsdeel name", STADSDELEN.iter().map(|s| s.name));
        assert!(STADSDELEN.iter().all(|s| !s.name.is_empty()));
    }

    #[test]
    fn wijken_are_real_cbs_wijken_in_every_stadsdeel() {
        assert_unique("wijk code", WIJKEN.iter().map(|w| w.code));
        assert_unique("wijk name", WIJKEN.iter().map(|w| w.name));
        for w in WIJKEN {
            assert!(
                w.code.len() == 8
                    && w.code.starts_with("WK0518")
                    && w.code[6..].bytes().all(|c| c.is_ascii_digit()),
                "bad wijk code {}",
                w.code
            );
            assert!(
                STADSDELEN.iter().any(|s| s.code == w.stadsdeel),
                "wijk {} has unknown stadsdeel {}",
                w.code,
                w.stadsdeel
            );
            assert!(
                (1_000..=60_000).contains(&w.population),
                "wijk {} population {}",
                w.code,
                w.population
            );
            assert_eq!(w.population_date, "2024-01-01");
            check_date(w.code, w.population_date);
        }
        for s in STADSDELEN {
            assert!(
                WIJKEN.iter().any(|w| w.stadsdeel == s.code),
                "stadsdeel {} has no wijk",
                s.code
            );
        }
        let required = [
            ("WK051827", "Stationsbuurt", "CEN"),
            ("WK051829", "Schildersbuurt", "CEN"),
            ("WK051830", "Transvaalkwartier", "CEN"),
            ("WK051833", "Bouwlust en Vrederust", "ESC"),
            ("WK051834", "Morgenstond", "ESC"),
            ("WK051836", "Moerwijk", "ESC"),
            ("WK051838", "Laakkwartier en Spoorwijk", "LAK"),
            ("WK051825", "Mariahoeve en Marlot", "HHT"),
            ("WK051818", "Waldeck", "LOS"),
            ("WK051820", "Valkenboskwartier", "SEG"),
            ("WK051821", "Regentessekwartier", "SEG"),
        ];
        for (code, name, stadsdeel) in required {
            let w = wijk(code).unwrap_or_else(|| panic!("missing wijk {code}"));
            assert_eq!((w.name, w.stadsdeel), (name, stadsdeel), "wijk {code}");
        }
    }

    #[test]
    fn focus_areas_are_the_seven() {
        let codes: BTreeSet<_> = FOCUS_AREAS.iter().map(|f| f.code).collect();
        let expected: BTreeSet<_> = [
            "schilderswijk",
            "transvaal",
            "zuidwest",
            "laak",
            "mariahoeve",
            "nieuw-waldeck",
            "regentesse-valkenbos-zuid",
        ]
        .into_iter()
        .collect();
        assert_eq!(codes, expected);
        assert_eq!(FOCUS_AREAS.len(), 7);
        assert_unique("focus area name", FOCUS_AREAS.iter().map(|f| f.name));
        for f in FOCUS_AREAS {
            assert!(is_slug(f.code), "focus area code {}", f.code);
            assert_eq!(f.programme, "Opwaartse kracht");
            assert!(!f.wijken.is_empty(), "focus area {} has no wijken", f.code);
            assert_unique("focus area wijk", f.wijken.iter().copied());
            for w in f.wijken {
                assert!(
                    wijk(w).is_some(),
                    "focus area {} references unknown wijk {w}",
                    f.code
                );
            }
            check_date(f.code, f.starts_on);
            if let Some(end) = f.ends_on {
                check_date(f.code, end);
                assert!(
                    end > f.starts_on,
                    "focus area {} ends before it starts",
                    f.code
                );
            }
        }
        let zuidwest = FOCUS_AREAS.iter().find(|f| f.code == "zuidwest").unwrap();
        let zw: BTreeSet<_> = zuidwest.wijken.iter().copied().collect();
        assert_eq!(
            zw,
            ["WK051833", "WK051834", "WK051836"].into_iter().collect()
        );
    }

    #[test]
    fn organisations_are_the_twenty_with_consistent_kinds() {
        let expected = [
            "programmabureau",
            "dpz",
            "ocw",
            "szw",
            "dso",
            "dsb",
            "haag-wonen",
            "staedion",
            "vestia",
            "arcade",
            "hof-wonen",
            "xtra",
            "zebra-welzijn",
            "voor-welzijn",
            "mooi-welzijn",
            "welzijn-scheveningen",
            "bibliotheek-den-haag",
            "ggd-haaglanden",
            "politie-den-haag",
            "oranje-fonds",
        ];
        let codes: BTreeSet<_> = ORGANISATIONS.iter().map(|o| o.code).collect();
        assert_eq!(codes, expected.into_iter().collect());
        assert_eq!(ORGANISATIONS.len(), 20);
        assert_unique("organisation code", ORGANISATIONS.iter().map(|o| o.code));
        assert_unique("organisation name", ORGANISATIONS.iter().map(|o| o.name));
        assert_unique(
            "department code",
            ORGANISATIONS.iter().filter_map(|o| o.department_code),
        );
        for (i, o) in ORGANISATIONS.iter().enumerate() {
            assert!(is_slug(o.code), "organisation code {}", o.code);
            check_enum(o.code, o.kind, ORG_KINDS);
            assert!(!o.description.is_empty());
            match o.kind {
                "CITY_DEPARTMENT" => {
                    assert!(
                        o.partner_type.is_none(),
                        "{} is a department with a partner type",
                        o.code
                    );
                    check_enum(
                        o.code,
                        o.department_code.expect("department without code"),
                        DEPARTMENT_CODES,
                    );
                }
                _ => {
                    assert!(
                        o.department_code.is_none(),
                        "{} is a partner with a department code",
                        o.code
                    );
                    check_enum(
                        o.code,
                        o.partner_type.expect("partner without type"),
                        PARTNER_TYPES,
                    );
                }
            }
            if let Some(parent) = o.parent {
                let pos = ORGANISATIONS
                    .iter()
                    .position(|x| x.code == parent)
                    .unwrap_or_else(|| panic!("{} has unknown parent {parent}", o.code));
                assert!(pos < i, "parent {parent} must come before {}", o.code);
                assert_eq!(
                    ORGANISATIONS[pos].kind, o.kind,
                    "parent of {} has another kind",
                    o.code
                );
            }
            if let Some(site) = o.website {
                assert!(site.starts_with("https://"), "{} website {site}", o.code);
            }
        }
        assert_eq!(org("zebra-welzijn").unwrap().parent, Some("xtra"));
        assert_eq!(org("programmabureau").unwrap().department_code, Some("PB"));
        for (code, dept) in [
            ("dpz", "DPZ"),
            ("ocw", "OCW"),
            ("szw", "SZW"),
            ("dso", "DSO"),
            ("dsb", "DSB"),
        ] {
            assert_eq!(org(code).unwrap().department_code, Some(dept));
        }
        for corp in ["haag-wonen", "staedion", "vestia", "arcade", "hof-wonen"] {
            assert_eq!(org(corp).unwrap().partner_type, Some("HOUSING_CORPORATION"));
        }
    }

    #[test]
    fn contact_persons_are_professionals_with_unique_example_emails() {
        assert!((12..=25).contains(&CONTACT_PERSONS.len()));
        assert_unique("contact email", CONTACT_PERSONS.iter().map(|c| c.email));
        assert_unique("contact name", CONTACT_PERSONS.iter().map(|c| c.name));
        for c in CONTACT_PERSONS {
            check_enum(c.email, c.function, FUNCTIONS);
            assert!(
                org(c.organisation).is_some(),
                "{} has unknown organisation {}",
                c.email,
                c.organisation
            );
            let (local, domain) = c
                .email
                .split_once('@')
                .unwrap_or_else(|| panic!("bad email {}", c.email));
            assert!(
                !local.is_empty() && !domain.contains('@') && domain.ends_with(".example"),
                "email {} must be on the .example TLD",
                c.email
            );
            assert_eq!(c.email, c.email.to_ascii_lowercase());
            assert!(!c.wijken.is_empty(), "{} works in no wijk", c.email);
            assert_unique("contact wijk", c.wijken.iter().copied());
            for w in c.wijken {
                assert!(wijk(w).is_some(), "{} references unknown wijk {w}", c.email);
            }
        }
        // The functions the demo needs.
        let has = |function: &str, org_kind: Option<&str>| {
            CONTACT_PERSONS.iter().any(|c| {
                c.function == function
                    && org_kind.is_none_or(|k| org(c.organisation).unwrap().partner_type == Some(k))
            })
        };
        assert!(
            CONTACT_PERSONS
                .iter()
                .any(|c| c.function == "WIJKMANAGER" && c.organisation == "dpz")
        );
        assert!(has("COMMUNITY_WORKER", Some("WELFARE_ORGANISATION")));
        assert!(has("NEIGHBOURHOOD_OFFICER", Some("POLICE")));
        assert!(has("PROJECT_LEAD", Some("HOUSING_CORPORATION")));
    }

    #[test]
    fn effects_are_the_six_in_order() {
        let got: Vec<_> = EFFECTS
            .iter()
            .map(|e| (e.sort_order, e.code, e.name))
            .collect();
        assert_eq!(
            got,
            [
                (1, "PARTICIPATION", "Participatie"),
                (2, "SOCIAL_COHESION", "Sociale cohesie"),
                (3, "EDUCATION_AND_TALENT", "Onderwijs en talent"),
                (4, "WORK_AND_INCOME", "Werk en inkomen"),
                (5, "POVERTY_AND_HEALTH", "Armoede en gezondheid"),
                (6, "LIVEABILITY_AND_SAFETY", "Leefbaarheid en veiligheid"),
            ]
        );
        assert!(EFFECTS.iter().all(|e| !e.description.is_empty()));
    }

    #[test]
    fn meeting_places_are_valid_and_in_the_hague() {
        assert_unique("meeting place key", MEETING_PLACES.iter().map(|m| m.key));
        assert_unique("meeting place name", MEETING_PLACES.iter().map(|m| m.name));
        for m in MEETING_PLACES {
            assert!(is_slug(m.key), "meeting place key {}", m.key);
            check_enum(m.key, m.kind, PLACE_KINDS);
            check_enum(m.key, m.management, MANAGEMENTS);
            assert!(
                wijk(m.wijk).is_some(),
                "{} has unknown wijk {}",
                m.key,
                m.wijk
            );
            if let Some(op) = m.operator {
                assert!(org(op).is_some(), "{} has unknown operator {op}", m.key);
            }
            assert_eq!(m.city, "Den Haag");
            assert!(!m.street.is_empty() && !m.house_number.is_empty());
            let pc = m.postcode.as_bytes();
            assert!(
                pc.len() == 7
                    && pc[0] != b'0'
                    && pc[..4].iter().all(u8::is_ascii_digit)
                    && pc[4] == b' '
                    && pc[5..].iter().all(u8::is_ascii_uppercase),
                "{} postcode `{}`",
                m.key,
                m.postcode
            );
            assert!(
                m.postcode.starts_with("25"),
                "{} postcode {} is not a Hague postcode",
                m.key,
                m.postcode
            );
            assert!(
                (52.02..=52.12).contains(&m.latitude) && (4.20..=4.42).contains(&m.longitude),
                "{} lies outside The Hague",
                m.key
            );
            if let Some(h) = m.opening_hours_per_week {
                assert!((1..=168).contains(&h), "{} opening hours {h}", m.key);
            }
            if let Some(c) = m.capacity {
                assert!(c > 0, "{} capacity {c}", m.key);
            }
        }
        for name in [
            "Wijkcentrum Bouwlust",
            "Trefpunt Laakhage",
            "Buurtkamer De Spruijt",
            "De Mussen",
            "Wijk- en Dienstencentrum Transvaal",
        ] {
            assert!(
                MEETING_PLACES.iter().any(|m| m.name == name),
                "missing meeting place {name}"
            );
        }
        let laakhage = MEETING_PLACES
            .iter()
            .find(|m| m.name == "Trefpunt Laakhage")
            .unwrap();
        assert_eq!(laakhage.management, "SELF_MANAGED");
        assert_eq!(place("buurtkamer-de-spruijt").unwrap().wijk, "WK051836");
        assert_eq!(place("de-mussen").unwrap().wijk, "WK051829");
        for kind in ["LIBRARY", "SPORTS", "OUTDOOR"] {
            assert!(
                MEETING_PLACES.iter().any(|m| m.kind == kind),
                "no meeting place of kind {kind}"
            );
        }
    }

    // --- projects ------------------------------------------------------------------------------

    #[test]
    fn project_fields_and_references_resolve() {
        assert!(
            (30..=45).contains(&PROJECTS.len()),
            "{} projects",
            PROJECTS.len()
        );
        assert_unique("project key", PROJECTS.iter().map(|p| p.key));
        assert_unique("project title", PROJECTS.iter().map(|p| p.title));
        let focus = focus_wijken();
        for p in PROJECTS {
            let k = p.key;
            assert!(is_slug(k), "project key {k}");
            assert!(
                !p.title.is_empty() && !p.summary.is_empty(),
                "{k}: empty title or summary"
            );
            check_enum(k, p.phase, PHASES);
            check_enum(k, p.visibility, VISIBILITIES);
            assert!(!p.themes.is_empty(), "{k} has no theme");
            assert_unique("project theme", p.themes.iter().copied());
            for t in p.themes {
                check_enum(k, t, THEMES);
            }
            assert!(!p.target_groups.is_empty(), "{k} has no target group");
            assert!(!p.wijken.is_empty(), "{k} has no wijk");
            assert_unique("project wijk", p.wijken.iter().copied());
            for w in p.wijken {
                assert!(wijk(w).is_some(), "{k} references unknown wijk {w}");
                assert!(
                    focus.contains(w),
                    "{k} runs in {w}, which is in no focus area"
                );
            }
            assert_unique("project meeting place", p.meeting_places.iter().copied());
            for key in p.meeting_places {
                let m = place(key)
                    .unwrap_or_else(|| panic!("{k} references unknown meeting place {key}"));
                let stadsdeel = wijk(m.wijk).unwrap().stadsdeel;
                assert!(
                    p.wijken
                        .iter()
                        .any(|w| wijk(w).unwrap().stadsdeel == stadsdeel),
                    "{k} uses {key}, far from its wijken"
                );
            }
            if let Some(email) = p.contact {
                let c = contact(email)
                    .unwrap_or_else(|| panic!("{k} references unknown contact {email}"));
                assert!(
                    participates(p, c.organisation),
                    "{k}: contact {email} works for a non-participant"
                );
                assert!(
                    c.wijken.iter().any(|w| p.wijken.contains(w)),
                    "{k}: contact {email} does not work in the project's wijken"
                );
            }
            if let Some(note) = p.internal_notes {
                assert!(!note.is_empty());
            }
            assert_unique("link target", p.links.iter().map(|l| l.to));
            for l in p.links {
                check_enum(k, l.kind, LINK_KINDS);
                assert_ne!(l.to, k, "{k} links to itself");
                assert!(
                    project(l.to).is_some(),
                    "{k} links to unknown project {}",
                    l.to
                );
            }
        }
    }

    #[test]
    fn every_project_has_exactly_one_lead_and_a_few_others() {
        for p in PROJECTS {
            let leads = p.participants.iter().filter(|x| x.role == "LEAD").count();
            assert_eq!(leads, 1, "{} has {leads} leads", p.key);
            let others = p.participants.len() - 1;
            assert!(
                (1..=4).contains(&others),
                "{} has {others} non-lead participants",
                p.key
            );
            assert_unique("participant", p.participants.iter().map(|x| x.organisation));
            for x in p.participants {
                check_enum(p.key, x.role, ROLES);
                assert!(
                    org(x.organisation).is_some(),
                    "{} has unknown participant {}",
                    p.key,
                    x.organisation
                );
                assert!(
                    !x.contribution.is_empty(),
                    "{}: {} contributes nothing",
                    p.key,
                    x.organisation
                );
            }
        }
    }

    #[test]
    fn leads_are_spread_over_departments_and_partners() {
        let mut leads: BTreeMap<&str, usize> = BTreeMap::new();
        for p in PROJECTS {
            let lead = p.participants.iter().find(|x| x.role == "LEAD").unwrap();
            *leads.entry(lead.organisation).or_default() += 1;
        }
        for code in [
            "haag-wonen",
            "staedion",
            "xtra",
            "voor-welzijn",
            "mooi-welzijn",
            "dpz",
            "ocw",
        ] {
            assert!(
                leads.get(code).copied().unwrap_or(0) >= 2,
                "{code} leads fewer than two projects: {leads:?}"
            );
        }
        let kinds: BTreeSet<_> = leads.keys().map(|c| org(c).unwrap().kind).collect();
        assert_eq!(
            kinds.len(),
            2,
            "leads should include departments and partners"
        );
        assert!(
            leads.len() >= 10,
            "leads are concentrated in too few organisations: {leads:?}"
        );
    }

    #[test]
    fn budgets_are_realistic_and_consistent() {
        let mut schemes = BTreeSet::new();
        for p in PROJECTS {
            let k = p.key;
            for b in p.budget {
                check_enum(k, b.source, SOURCES);
                check_enum(k, b.status, BUDGET_STATUSES);
                assert!(
                    (2022..=2027).contains(&b.year),
                    "{k}: budget year {}",
                    b.year
                );
                assert!(
                    (250 * 100..=400_000 * 100).contains(&b.amount_cents),
                    "{k}: budget line of {} cents",
                    b.amount_cents
                );
                if let Some(f) = b.funder {
                    let o = org(f).unwrap_or_else(|| panic!("{k} has unknown funder {f}"));
                    match b.source {
                        "MUNICIPALITY" => {
                            assert_eq!(o.kind, "CITY_DEPARTMENT", "{k}: municipal money from {f}")
                        }
                        "HOUSING_CORPORATION" => assert_eq!(
                            o.partner_type,
                            Some("HOUSING_CORPORATION"),
                            "{k}: corporation money from {f}"
                        ),
                        "FUND" => {
                            assert_eq!(o.partner_type, Some("FUND"), "{k}: fund money from {f}")
                        }
                        _ => {}
                    }
                }
                if let Some(s) = b.scheme {
                    assert!(!s.is_empty());
                    schemes.insert(s);
                }
            }
            if !p.budget.is_empty() {
                let total: i64 = p.budget.iter().map(|b| b.amount_cents).sum();
                assert!(
                    (5_000 * 100..=400_000 * 100).contains(&total),
                    "{k}: total budget {total} cents"
                );
            }
        }
        for s in ["Regio Deal Zuidwest", "Opwaartse kracht", "Oranje Fonds"] {
            assert!(schemes.contains(s), "no budget line mentions {s}");
        }
    }

    #[test]
    fn assessments_are_scored_within_range_and_phase() {
        let with_assessments = PROJECTS
            .iter()
            .filter(|p| !p.assessments.is_empty())
            .count();
        assert!(
            with_assessments * 10 >= PROJECTS.len() * 8,
            "most projects should have assessments"
        );
        for p in PROJECTS {
            let k = p.key;
            assert_unique("assessed effect", p.assessments.iter().map(|a| a.effect));
            for a in p.assessments {
                assert!(
                    EFFECTS.iter().any(|e| e.code == a.effect),
                    "{k}: unknown effect {}",
                    a.effect
                );
                assert!(
                    (0..=3).contains(&a.expected),
                    "{k}: expected score {}",
                    a.expected
                );
                if let Some(o) = a.observed {
                    assert!((0..=3).contains(&o), "{k}: observed score {o}");
                    assert!(
                        RUNNING_OR_LATER.contains(&p.phase),
                        "{k}: observed score in phase {}",
                        p.phase
                    );
                    assert!(
                        p.starts_on.is_some_and(|s| a.assessed_on >= s),
                        "{k}: observed before the start"
                    );
                }
                assert!(
                    a.assessed_by == "programmabureau" || participates(p, a.assessed_by),
                    "{k}: assessed by {}, neither the programme office nor a participant",
                    a.assessed_by
                );
                assert!(!a.evidence.is_empty());
                check_date(k, a.assessed_on);
            }
            if RUNNING_OR_LATER.contains(&p.phase) {
                assert!(
                    p.assessments.iter().any(|a| a.observed.is_some()),
                    "{k} is {} without observations",
                    p.phase
                );
            }
        }
    }

    #[test]
    fn reviews_continuations_and_evaluations_follow_the_phase() {
        for p in PROJECTS {
            let k = p.key;
            match &p.review {
                Some(r) => {
                    assert!(
                        !BEFORE_REVIEW.contains(&p.phase),
                        "{k} has a review in phase {}",
                        p.phase
                    );
                    for score in [r.coherence, r.cooperation, r.impact, r.continuation] {
                        assert!((0..=3).contains(&score), "{k}: review score {score}");
                    }
                    check_enum(k, r.decision, DECISIONS);
                    check_date(k, r.reviewed_on);
                    assert!(!r.explanation.is_empty());
                    if let Some(start) = p.starts_on {
                        assert!(r.reviewed_on <= start, "{k}: reviewed after the start");
                    }
                    if r.decision == "REJECT" {
                        assert_eq!(p.phase, "STOPPED", "{k}: rejected but not stopped");
                    }
                    if r.decision == "HOLD" {
                        assert!(
                            BEFORE_RUNNING.contains(&p.phase),
                            "{k}: on hold but {}",
                            p.phase
                        );
                    }
                }
                None => assert!(
                    BEFORE_REVIEW.contains(&p.phase) || p.phase == "STOPPED",
                    "{k} is {} without a review",
                    p.phase
                ),
            }
            match &p.continuation {
                Some(c) => {
                    assert!(
                        !BEFORE_RUNNING.contains(&p.phase),
                        "{k} has a continuation in phase {}",
                        p.phase
                    );
                    check_enum(k, c.status, CONTINUATION_STATUSES);
                    if let Some(carrier) = c.carrier {
                        assert!(org(carrier).is_some(), "{k}: unknown carrier {carrier}");
                    }
                    assert!(!c.funding.is_empty() && !c.note.is_empty());
                }
                None => assert!(
                    !RUNNING_OR_LATER.contains(&p.phase),
                    "{k} is {} without a continuation",
                    p.phase
                ),
            }
            if p.phase == "EMBEDDED" {
                assert_eq!(
                    p.continuation.unwrap().status,
                    "SECURED",
                    "{k} is embedded without secured continuation"
                );
            }
            if !p.evaluations.is_empty() {
                assert!(
                    RUNNING_OR_LATER.contains(&p.phase) || p.phase == "STOPPED",
                    "{k} has evaluations in phase {}",
                    p.phase
                );
            }
            if FINISHED.contains(&p.phase) {
                assert!(
                    !p.evaluations.is_empty(),
                    "{k} is {} without an evaluation",
                    p.phase
                );
            }
            if p.phase == "EVALUATED" || p.phase == "EMBEDDED" {
                assert!(
                    p.evaluations.iter().any(|e| e.kind == "FINAL"),
                    "{k} is {} without a final evaluation",
                    p.phase
                );
            }
            let start = p.starts_on.unwrap_or(EARLIEST);
            let end = p.ends_on.unwrap_or(LATEST);
            for e in p.evaluations {
                check_enum(k, e.kind, EVALUATION_KINDS);
                check_date(k, e.evaluated_on);
                assert!(!e.results.is_empty() && !e.lessons_learned.is_empty());
                assert!(
                    e.participants_count.is_none_or(|n| n >= 0)
                        && e.activities_count.is_none_or(|n| n >= 0)
                );
                match e.kind {
                    "MIDTERM" => assert!(
                        start <= e.evaluated_on && e.evaluated_on <= end,
                        "{k}: midterm outside the project period"
                    ),
                    _ => assert!(
                        e.evaluated_on >= end,
                        "{k}: {} evaluation before the end",
                        e.kind
                    ),
                }
            }
            if let Some(follow_up) = p.evaluations.iter().find(|e| e.kind == "FOLLOW_UP") {
                let fin = p
                    .evaluations
                    .iter()
                    .find(|e| e.kind == "FINAL")
                    .expect("follow-up without final");
                assert!(
                    follow_up.evaluated_on > fin.evaluated_on,
                    "{k}: follow-up before final"
                );
            }
        }
        let evaluations: Vec<_> = PROJECTS.iter().flat_map(|p| p.evaluations.iter()).collect();
        assert!(
            evaluations.iter().any(|e| e.is_public) && evaluations.iter().any(|e| !e.is_public)
        );
    }

    #[test]
    fn project_dates_are_valid() {
        for p in PROJECTS {
            if let Some(s) = p.starts_on {
                check_date(p.key, s);
            }
            if let Some(e) = p.ends_on {
                check_date(p.key, e);
                let s = p
                    .starts_on
                    .unwrap_or_else(|| panic!("{} has an end but no start", p.key));
                assert!(e > s, "{} ends before it starts", p.key);
            }
            if p.phase != "IDEA" {
                assert!(
                    p.starts_on.is_some(),
                    "{} is {} without a start date",
                    p.key,
                    p.phase
                );
            }
        }
    }

    #[test]
    fn every_phase_theme_effect_and_visibility_is_covered() {
        let mut phases: BTreeMap<&str, usize> = BTreeMap::new();
        for p in PROJECTS {
            *phases.entry(p.phase).or_default() += 1;
        }
        for phase in PHASES {
            assert!(phases.contains_key(phase), "no project in phase {phase}");
        }
        assert!(phases["RUNNING"] >= 2);
        for phase in [
            "IDEA",
            "INTAKE",
            "REVIEWED",
            "APPROVED",
            "COMPLETED",
            "EVALUATED",
            "EMBEDDED",
            "PAUSED",
            "STOPPED",
        ] {
            assert!(phases[phase] >= 1, "{phase}: {phases:?}");
        }
        let themes: BTreeSet<_> = PROJECTS
            .iter()
            .flat_map(|p| p.themes.iter().copied())
            .collect();
        assert_eq!(themes, THEMES.iter().copied().collect());
        let effects: BTreeSet<_> = PROJECTS
            .iter()
            .flat_map(|p| p.assessments.iter().map(|a| a.effect))
            .collect();
        assert_eq!(effects, EFFECTS.iter().map(|e| e.code).collect());
        let visibilities: BTreeSet<_> = PROJECTS.iter().map(|p| p.visibility).collect();
        assert_eq!(visibilities, VISIBILITIES.iter().copied().collect());
        let internal = PROJECTS
            .iter()
            .filter(|p| p.visibility == "INTERNAL")
            .count();
        assert!(
            internal * 4 >= PROJECTS.len() && internal * 5 <= PROJECTS.len() * 2,
            "{internal} of {} projects internal",
            PROJECTS.len()
        );
        for f in FOCUS_AREAS {
            assert!(
                PROJECTS
                    .iter()
                    .any(|p| p.wijken.iter().any(|w| f.wijken.contains(w))),
                "no project in focus area {}",
                f.code
            );
        }
        let link_kinds: BTreeSet<_> = PROJECTS
            .iter()
            .flat_map(|p| p.links.iter().map(|l| l.kind))
            .collect();
        assert_eq!(link_kinds, LINK_KINDS.iter().copied().collect());
        let decisions: BTreeSet<_> = PROJECTS
            .iter()
            .filter_map(|p| p.review.map(|r| r.decision))
            .collect();
        assert_eq!(decisions, DECISIONS.iter().copied().collect());
        assert!(
            PROJECTS
                .iter()
                .any(|p| p.phase == "STOPPED" && p.review.is_some_and(|r| r.decision == "REJECT"))
        );
        assert!(
            PROJECTS
                .iter()
                .filter(|p| p.internal_notes.is_some())
                .count()
                >= 5
        );
    }

    /// Fixtures the access tests rely on.
    #[test]
    fn internal_projects_cover_every_access_case() {
        let internal: Vec<_> = PROJECTS
            .iter()
            .filter(|p| p.visibility == "INTERNAL")
            .collect();
        for corp in ["haag-wonen", "staedion"] {
            assert!(
                internal.iter().any(|p| has_role(p, corp, "LEAD")),
                "{corp} leads no internal project"
            );
            assert!(
                internal.iter().any(|p| has_role(p, corp, "CONTRIBUTOR")),
                "{corp} contributes to no internal project"
            );
            assert!(
                internal.iter().any(|p| !participates(p, corp)),
                "{corp} takes part in every internal project"
            );
            assert!(
                PROJECTS
                    .iter()
                    .any(|p| p.visibility == "SHARED" && participates(p, corp)),
                "{corp} takes part in no shared project"
            );
        }
        assert!(
            internal
                .iter()
                .any(|p| !participates(p, "haag-wonen") && !participates(p, "staedion")),
            "every internal project involves a corporation"
        );
    }

    // --- signals -------------------------------------------------------------------------------

    #[test]
    fn signals_are_valid_and_spread() {
        assert!((12..=20).contains(&SIGNALS.len()));
        assert_unique("signal title", SIGNALS.iter().map(|s| s.title));
        for s in SIGNALS {
            let t = s.title;
            assert!(wijk(s.wijk).is_some(), "{t}: unknown wijk {}", s.wijk);
            check_enum(t, s.theme, THEMES);
            check_enum(t, s.urgency, URGENCIES);
            check_enum(t, s.status, SIGNAL_STATUSES);
            assert!(
                org(s.reporter).is_some(),
                "{t}: unknown reporter {}",
                s.reporter
            );
            assert!(!s.description.is_empty());
            check_date(t, s.reported_on);
            assert_unique("signal project", s.projects.iter().copied());
            for key in s.projects {
                let p = project(key).unwrap_or_else(|| panic!("{t}: unknown project {key}"));
                assert!(
                    p.wijken.contains(&s.wijk),
                    "{t}: linked project {key} does not run in {}",
                    s.wijk
                );
            }
            match s.status {
                "NEW" => assert!(
                    s.follow_up_note.is_none(),
                    "{t}: new signal with a follow-up"
                ),
                "POLICY_ADJUSTED" | "CLOSED" | "DISMISSED" | "ESCALATED" => assert!(
                    s.follow_up_note.is_some(),
                    "{t}: {} without a follow-up",
                    s.status
                ),
                _ => {}
            }
        }
        let statuses: BTreeSet<_> = SIGNALS.iter().map(|s| s.status).collect();
        assert_eq!(statuses, SIGNAL_STATUSES.iter().copied().collect());
        let urgencies: BTreeSet<_> = SIGNALS.iter().map(|s| s.urgency).collect();
        assert_eq!(urgencies, URGENCIES.iter().copied().collect());
        let themes: BTreeSet<_> = SIGNALS.iter().map(|s| s.theme).collect();
        assert!(themes.len() >= 8, "signal themes {themes:?}");
        let wijken: BTreeSet<_> = SIGNALS.iter().map(|s| s.wijk).collect();
        assert!(wijken.len() >= 8, "signal wijken {wijken:?}");
        let reporter_kinds: BTreeSet<_> = SIGNALS
            .iter()
            .map(|s| org(s.reporter).unwrap().kind)
            .collect();
        assert_eq!(
            reporter_kinds.len(),
            2,
            "signals should come from departments and partners"
        );
    }
}
