//! Integrity of the demo data: every reference resolves, every rule of the domain holds.
use super::*;
use sea_orm::Iterable;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

const BEFORE_REVIEW: &[Phase] = &[Phase::Idea, Phase::Intake];
const BEFORE_RUNNING: &[Phase] = &[Phase::Idea, Phase::Intake, Phase::Reviewed, Phase::Approved];
const RUNNING_OR_LATER: &[Phase] = &[
    Phase::Running,
    Phase::Paused,
    Phase::Completed,
    Phase::Evaluated,
    Phase::Embedded,
];
const FINISHED: &[Phase] = &[Phase::Completed, Phase::Evaluated, Phase::Embedded];
const DEPARTMENT_CODES: &[&str] = &["PB", "DPZ", "OCW", "SZW", "DSO", "DSB"];

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

// --- reference data ------------------------------------------------------------------------

#[test]
fn stadsdelen_are_the_eight() {
    let codes: Vec<_> = STADSDELEN.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(
        codes,
        ["CEN", "ESC", "HHT", "LAK", "LYP", "LOS", "SCH", "SEG"]
    );
    assert_unique("stadsdeel name", STADSDELEN.iter().map(|s| s.name.as_str()));
    assert!(STADSDELEN.iter().all(|s| !s.name.is_empty()));
}

#[test]
fn wijken_are_real_cbs_wijken_in_every_stadsdeel() {
    assert_unique("wijk code", WIJKEN.iter().map(|w| w.code.as_str()));
    assert_unique("wijk name", WIJKEN.iter().map(|w| w.name.as_str()));
    for w in WIJKEN.iter() {
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
        assert_eq!(w.population_date.to_string(), "2024-01-01");
        check_date(&w.code, w.population_date);
    }
    for s in STADSDELEN.iter() {
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
        assert_eq!(
            (w.name.as_str(), w.stadsdeel.as_str()),
            (name, stadsdeel),
            "wijk {code}"
        );
    }
}

#[test]
fn focus_areas_are_the_seven() {
    let codes: BTreeSet<_> = FOCUS_AREAS.iter().map(|f| f.code.as_str()).collect();
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
    assert_unique(
        "focus area name",
        FOCUS_AREAS.iter().map(|f| f.name.as_str()),
    );
    for f in FOCUS_AREAS.iter() {
        assert!(is_slug(&f.code), "focus area code {}", f.code);
        assert_eq!(f.programme, "Opwaartse kracht");
        assert!(!f.wijken.is_empty(), "focus area {} has no wijken", f.code);
        assert_unique("focus area wijk", f.wijken.iter().map(String::as_str));
        for w in &f.wijken {
            assert!(
                wijk(w).is_some(),
                "focus area {} references unknown wijk {w}",
                f.code
            );
        }
        check_date(&f.code, f.starts_on);
        if let Some(end) = f.ends_on {
            check_date(&f.code, end);
            assert!(
                end > f.starts_on,
                "focus area {} ends before it starts",
                f.code
            );
        }
    }
    let zuidwest = FOCUS_AREAS.iter().find(|f| f.code == "zuidwest").unwrap();
    let zw: BTreeSet<_> = zuidwest.wijken.iter().map(String::as_str).collect();
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
    let codes: BTreeSet<_> = ORGANISATIONS.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, expected.into_iter().collect());
    assert_eq!(ORGANISATIONS.len(), 20);
    assert_unique(
        "organisation code",
        ORGANISATIONS.iter().map(|o| o.code.as_str()),
    );
    assert_unique(
        "organisation name",
        ORGANISATIONS.iter().map(|o| o.name.as_str()),
    );
    assert_unique(
        "department code",
        ORGANISATIONS
            .iter()
            .filter_map(|o| o.department_code.as_deref()),
    );
    for (i, o) in ORGANISATIONS.iter().enumerate() {
        assert!(is_slug(&o.code), "organisation code {}", o.code);
        assert!(!o.description.is_empty());
        match o.kind {
            OrganisationKind::CityDepartment => {
                assert!(
                    o.partner_type.is_none(),
                    "{} is a department with a partner type",
                    o.code
                );
                let code = o
                    .department_code
                    .as_deref()
                    .unwrap_or_else(|| panic!("department {} without code", o.code));
                assert!(
                    DEPARTMENT_CODES.contains(&code),
                    "{}: `{code}` is not one of {DEPARTMENT_CODES:?}",
                    o.code
                );
            }
            OrganisationKind::Partner => {
                assert!(
                    o.department_code.is_none(),
                    "{} is a partner with a department code",
                    o.code
                );
                assert!(o.partner_type.is_some(), "partner {} without type", o.code);
            }
        }
        if let Some(parent) = &o.parent {
            let pos = ORGANISATIONS
                .iter()
                .position(|x| x.code == *parent)
                .unwrap_or_else(|| panic!("{} has unknown parent {parent}", o.code));
            assert!(pos < i, "parent {parent} must come before {}", o.code);
            assert_eq!(
                ORGANISATIONS[pos].kind, o.kind,
                "parent of {} has another kind",
                o.code
            );
        }
        if let Some(site) = &o.website {
            assert!(site.starts_with("https://"), "{} website {site}", o.code);
        }
    }
    assert_eq!(
        org("zebra-welzijn").unwrap().parent.as_deref(),
        Some("xtra")
    );
    assert_eq!(
        org("programmabureau").unwrap().department_code.as_deref(),
        Some("PB")
    );
    for (code, dept) in [
        ("dpz", "DPZ"),
        ("ocw", "OCW"),
        ("szw", "SZW"),
        ("dso", "DSO"),
        ("dsb", "DSB"),
    ] {
        assert_eq!(org(code).unwrap().department_code.as_deref(), Some(dept));
    }
    for corp in ["haag-wonen", "staedion", "vestia", "arcade", "hof-wonen"] {
        assert_eq!(
            org(corp).unwrap().partner_type,
            Some(PartnerType::HousingCorporation)
        );
    }
}

#[test]
fn contact_persons_are_professionals_with_unique_example_emails() {
    assert!((12..=25).contains(&CONTACT_PERSONS.len()));
    assert_unique(
        "contact email",
        CONTACT_PERSONS.iter().map(|c| c.email.as_str()),
    );
    assert_unique(
        "contact name",
        CONTACT_PERSONS.iter().map(|c| c.name.as_str()),
    );
    for c in CONTACT_PERSONS.iter() {
        assert!(
            org(&c.organisation).is_some(),
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
        assert_unique("contact wijk", c.wijken.iter().map(String::as_str));
        for w in &c.wijken {
            assert!(wijk(w).is_some(), "{} references unknown wijk {w}", c.email);
        }
    }
    // The functions the demo needs.
    let has = |function: ContactFunction, partner_type: Option<PartnerType>| {
        CONTACT_PERSONS.iter().any(|c| {
            c.function == function
                && partner_type
                    .is_none_or(|t| org(&c.organisation).unwrap().partner_type == Some(t))
        })
    };
    assert!(
        CONTACT_PERSONS
            .iter()
            .any(|c| c.function == ContactFunction::Wijkmanager && c.organisation == "dpz")
    );
    assert!(has(
        ContactFunction::CommunityWorker,
        Some(PartnerType::WelfareOrganisation)
    ));
    assert!(has(
        ContactFunction::NeighbourhoodOfficer,
        Some(PartnerType::Police)
    ));
    assert!(has(
        ContactFunction::ProjectLead,
        Some(PartnerType::HousingCorporation)
    ));
}

#[test]
fn effects_are_the_six_in_order() {
    let got: Vec<_> = EFFECTS
        .iter()
        .map(|e| (e.sort_order, e.code.as_str(), e.name.as_str()))
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
    assert_unique(
        "meeting place key",
        MEETING_PLACES.iter().map(|m| m.key.as_str()),
    );
    assert_unique(
        "meeting place name",
        MEETING_PLACES.iter().map(|m| m.name.as_str()),
    );
    for m in MEETING_PLACES.iter() {
        assert!(is_slug(&m.key), "meeting place key {}", m.key);
        assert!(
            wijk(&m.wijk).is_some(),
            "{} has unknown wijk {}",
            m.key,
            m.wijk
        );
        if let Some(op) = &m.operator {
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
    assert_eq!(laakhage.management, Management::SelfManaged);
    assert_eq!(place("buurtkamer-de-spruijt").unwrap().wijk, "WK051836");
    assert_eq!(place("de-mussen").unwrap().wijk, "WK051829");
    for kind in [
        MeetingPlaceKind::Library,
        MeetingPlaceKind::Sports,
        MeetingPlaceKind::Outdoor,
    ] {
        assert!(
            MEETING_PLACES.iter().any(|m| m.kind == kind),
            "no meeting place of kind {}",
            kind.as_str()
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
    assert_unique("project key", PROJECTS.iter().map(|p| p.key.as_str()));
    assert_unique("project title", PROJECTS.iter().map(|p| p.title.as_str()));
    let focus = focus_wijken();
    for p in PROJECTS.iter() {
        let k = p.key.as_str();
        assert!(is_slug(k), "project key {k}");
        assert!(
            !p.title.is_empty() && !p.summary.is_empty(),
            "{k}: empty title or summary"
        );
        assert!(!p.themes.is_empty(), "{k} has no theme");
        assert_unique("project theme", p.themes.iter().map(|t| t.as_str()));
        assert!(!p.target_groups.is_empty(), "{k} has no target group");
        assert!(!p.wijken.is_empty(), "{k} has no wijk");
        assert_unique("project wijk", p.wijken.iter().map(String::as_str));
        for w in &p.wijken {
            assert!(wijk(w).is_some(), "{k} references unknown wijk {w}");
            assert!(
                focus.contains(w.as_str()),
                "{k} runs in {w}, which is in no focus area"
            );
        }
        assert_unique(
            "project meeting place",
            p.meeting_places.iter().map(String::as_str),
        );
        for key in &p.meeting_places {
            let m =
                place(key).unwrap_or_else(|| panic!("{k} references unknown meeting place {key}"));
            let stadsdeel = &wijk(&m.wijk).unwrap().stadsdeel;
            assert!(
                p.wijken
                    .iter()
                    .any(|w| wijk(w).unwrap().stadsdeel == *stadsdeel),
                "{k} uses {key}, far from its wijken"
            );
        }
        if let Some(email) = &p.contact {
            let c =
                contact(email).unwrap_or_else(|| panic!("{k} references unknown contact {email}"));
            assert!(
                participates(p, &c.organisation),
                "{k}: contact {email} works for a non-participant"
            );
            assert!(
                c.wijken.iter().any(|w| p.wijken.contains(w)),
                "{k}: contact {email} does not work in the project's wijken"
            );
        }
        if let Some(note) = &p.internal_notes {
            assert!(!note.is_empty());
        }
        assert_unique("link target", p.links.iter().map(|l| l.to.as_str()));
        for l in &p.links {
            assert_ne!(l.to, k, "{k} links to itself");
            assert!(
                project(&l.to).is_some(),
                "{k} links to unknown project {}",
                l.to
            );
        }
    }
}

#[test]
fn every_project_has_exactly_one_lead_and_a_few_others() {
    for p in PROJECTS.iter() {
        let leads = p
            .participants
            .iter()
            .filter(|x| x.role == ParticipantRole::Lead)
            .count();
        assert_eq!(leads, 1, "{} has {leads} leads", p.key);
        let others = p.participants.len() - 1;
        assert!(
            (1..=4).contains(&others),
            "{} has {others} non-lead participants",
            p.key
        );
        assert_unique(
            "participant",
            p.participants.iter().map(|x| x.organisation.as_str()),
        );
        for x in &p.participants {
            assert!(
                org(&x.organisation).is_some(),
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
    for p in PROJECTS.iter() {
        let lead = p
            .participants
            .iter()
            .find(|x| x.role == ParticipantRole::Lead)
            .unwrap();
        *leads.entry(lead.organisation.as_str()).or_default() += 1;
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
    let kinds: HashSet<_> = leads.keys().map(|c| org(c).unwrap().kind).collect();
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
    for p in PROJECTS.iter() {
        let k = p.key.as_str();
        for b in &p.budget {
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
            if let Some(f) = &b.funder {
                let o = org(f).unwrap_or_else(|| panic!("{k} has unknown funder {f}"));
                match b.source {
                    FundingSource::Municipality => assert_eq!(
                        o.kind,
                        OrganisationKind::CityDepartment,
                        "{k}: municipal money from {f}"
                    ),
                    FundingSource::HousingCorporation => assert_eq!(
                        o.partner_type,
                        Some(PartnerType::HousingCorporation),
                        "{k}: corporation money from {f}"
                    ),
                    FundingSource::Fund => assert_eq!(
                        o.partner_type,
                        Some(PartnerType::Fund),
                        "{k}: fund money from {f}"
                    ),
                    _ => {}
                }
            }
            if let Some(s) = &b.scheme {
                assert!(!s.is_empty());
                schemes.insert(s.as_str());
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
    for p in PROJECTS.iter() {
        let k = p.key.as_str();
        assert_unique(
            "assessed effect",
            p.assessments.iter().map(|a| a.effect.as_str()),
        );
        for a in &p.assessments {
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
                    p.phase.as_str()
                );
                assert!(
                    p.starts_on.is_some_and(|s| a.assessed_on >= s),
                    "{k}: observed before the start"
                );
            }
            assert!(
                a.assessed_by == "programmabureau" || participates(p, &a.assessed_by),
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
                p.phase.as_str()
            );
        }
    }
}

#[test]
fn reviews_continuations_and_evaluations_follow_the_phase() {
    for p in PROJECTS.iter() {
        let k = p.key.as_str();
        match &p.review {
            Some(r) => {
                assert!(
                    !BEFORE_REVIEW.contains(&p.phase),
                    "{k} has a review in phase {}",
                    p.phase.as_str()
                );
                for score in [r.coherence, r.cooperation, r.impact, r.continuation] {
                    assert!((0..=3).contains(&score), "{k}: review score {score}");
                }
                check_date(k, r.reviewed_on);
                assert!(!r.explanation.is_empty());
                if let Some(start) = p.starts_on {
                    assert!(r.reviewed_on <= start, "{k}: reviewed after the start");
                }
                if r.decision == ReviewDecision::Reject {
                    assert_eq!(p.phase, Phase::Stopped, "{k}: rejected but not stopped");
                }
                if r.decision == ReviewDecision::Hold {
                    assert!(
                        BEFORE_RUNNING.contains(&p.phase),
                        "{k}: on hold but {}",
                        p.phase.as_str()
                    );
                }
            }
            None => assert!(
                BEFORE_REVIEW.contains(&p.phase) || p.phase == Phase::Stopped,
                "{k} is {} without a review",
                p.phase.as_str()
            ),
        }
        match &p.continuation {
            Some(c) => {
                assert!(
                    !BEFORE_RUNNING.contains(&p.phase),
                    "{k} has a continuation in phase {}",
                    p.phase.as_str()
                );
                if let Some(carrier) = &c.carrier {
                    assert!(org(carrier).is_some(), "{k}: unknown carrier {carrier}");
                }
                assert!(!c.funding.is_empty() && !c.note.is_empty());
            }
            None => assert!(
                !RUNNING_OR_LATER.contains(&p.phase),
                "{k} is {} without a continuation",
                p.phase.as_str()
            ),
        }
        if p.phase == Phase::Embedded {
            assert_eq!(
                p.continuation.as_ref().map(|c| c.status),
                Some(ContinuationStatus::Secured),
                "{k} is embedded without secured continuation"
            );
        }
        if !p.evaluations.is_empty() {
            assert!(
                RUNNING_OR_LATER.contains(&p.phase) || p.phase == Phase::Stopped,
                "{k} has evaluations in phase {}",
                p.phase.as_str()
            );
        }
        if FINISHED.contains(&p.phase) {
            assert!(
                !p.evaluations.is_empty(),
                "{k} is {} without an evaluation",
                p.phase.as_str()
            );
        }
        if p.phase == Phase::Evaluated || p.phase == Phase::Embedded {
            assert!(
                p.evaluations
                    .iter()
                    .any(|e| e.kind == EvaluationKind::Final),
                "{k} is {} without a final evaluation",
                p.phase.as_str()
            );
        }
        let start = p.starts_on.unwrap_or(EARLIEST);
        let end = p.ends_on.unwrap_or(LATEST);
        for e in &p.evaluations {
            check_date(k, e.evaluated_on);
            assert!(!e.results.is_empty() && !e.lessons_learned.is_empty());
            assert!(
                e.participants_count.is_none_or(|n| n >= 0)
                    && e.activities_count.is_none_or(|n| n >= 0)
            );
            match e.kind {
                EvaluationKind::Midterm => assert!(
                    start <= e.evaluated_on && e.evaluated_on <= end,
                    "{k}: midterm outside the project period"
                ),
                EvaluationKind::Final | EvaluationKind::FollowUp => assert!(
                    e.evaluated_on >= end,
                    "{k}: {} evaluation before the end",
                    e.kind.as_str()
                ),
            }
        }
        if let Some(follow_up) = p
            .evaluations
            .iter()
            .find(|e| e.kind == EvaluationKind::FollowUp)
        {
            let fin = p
                .evaluations
                .iter()
                .find(|e| e.kind == EvaluationKind::Final)
                .expect("follow-up without final");
            assert!(
                follow_up.evaluated_on > fin.evaluated_on,
                "{k}: follow-up before final"
            );
        }
    }
    let evaluations: Vec<_> = PROJECTS.iter().flat_map(|p| p.evaluations.iter()).collect();
    assert!(evaluations.iter().any(|e| e.is_public) && evaluations.iter().any(|e| !e.is_public));
}

#[test]
fn project_dates_are_valid() {
    for p in PROJECTS.iter() {
        if let Some(s) = p.starts_on {
            check_date(&p.key, s);
        }
        if let Some(e) = p.ends_on {
            check_date(&p.key, e);
            let s = p
                .starts_on
                .unwrap_or_else(|| panic!("{} has an end but no start", p.key));
            assert!(e > s, "{} ends before it starts", p.key);
        }
        if p.phase != Phase::Idea {
            assert!(
                p.starts_on.is_some(),
                "{} is {} without a start date",
                p.key,
                p.phase.as_str()
            );
        }
    }
}

#[test]
fn every_phase_theme_effect_and_visibility_is_covered() {
    let mut phases: HashMap<Phase, usize> = HashMap::new();
    for p in PROJECTS.iter() {
        *phases.entry(p.phase).or_default() += 1;
    }
    for phase in Phase::iter() {
        assert!(
            phases.contains_key(&phase),
            "no project in phase {}: {phases:?}",
            phase.as_str()
        );
    }
    assert!(phases[&Phase::Running] >= 2);
    let themes: HashSet<_> = PROJECTS
        .iter()
        .flat_map(|p| p.themes.iter().copied())
        .collect();
    assert_eq!(themes, Theme::iter().collect());
    let effects: BTreeSet<_> = PROJECTS
        .iter()
        .flat_map(|p| p.assessments.iter().map(|a| a.effect.as_str()))
        .collect();
    assert_eq!(effects, EFFECTS.iter().map(|e| e.code.as_str()).collect());
    let visibilities: HashSet<_> = PROJECTS.iter().map(|p| p.visibility).collect();
    assert_eq!(visibilities, Visibility::iter().collect());
    let internal = PROJECTS
        .iter()
        .filter(|p| p.visibility == Visibility::Internal)
        .count();
    assert!(
        internal * 4 >= PROJECTS.len() && internal * 5 <= PROJECTS.len() * 2,
        "{internal} of {} projects internal",
        PROJECTS.len()
    );
    for f in FOCUS_AREAS.iter() {
        assert!(
            PROJECTS
                .iter()
                .any(|p| p.wijken.iter().any(|w| f.wijken.contains(w))),
            "no project in focus area {}",
            f.code
        );
    }
    let link_kinds: HashSet<_> = PROJECTS
        .iter()
        .flat_map(|p| p.links.iter().map(|l| l.kind))
        .collect();
    assert_eq!(link_kinds, LinkKind::iter().collect());
    let decisions: HashSet<_> = PROJECTS
        .iter()
        .filter_map(|p| p.review.as_ref().map(|r| r.decision))
        .collect();
    assert_eq!(decisions, ReviewDecision::iter().collect());
    assert!(PROJECTS.iter().any(|p| {
        p.phase == Phase::Stopped
            && p.review
                .as_ref()
                .is_some_and(|r| r.decision == ReviewDecision::Reject)
    }));
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
        .filter(|p| p.visibility == Visibility::Internal)
        .collect();
    for corp in ["haag-wonen", "staedion"] {
        assert!(
            internal
                .iter()
                .any(|p| has_role(p, corp, ParticipantRole::Lead)),
            "{corp} leads no internal project"
        );
        assert!(
            internal
                .iter()
                .any(|p| has_role(p, corp, ParticipantRole::Contributor)),
            "{corp} contributes to no internal project"
        );
        assert!(
            internal.iter().any(|p| !participates(p, corp)),
            "{corp} takes part in every internal project"
        );
        assert!(
            PROJECTS
                .iter()
                .any(|p| p.visibility == Visibility::Shared && participates(p, corp)),
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
    assert_unique("signal title", SIGNALS.iter().map(|s| s.title.as_str()));
    for s in SIGNALS.iter() {
        let t = s.title.as_str();
        assert!(wijk(&s.wijk).is_some(), "{t}: unknown wijk {}", s.wijk);
        assert!(
            org(&s.reporter).is_some(),
            "{t}: unknown reporter {}",
            s.reporter
        );
        assert!(!s.description.is_empty());
        check_date(t, s.reported_on);
        assert_unique("signal project", s.projects.iter().map(String::as_str));
        for key in &s.projects {
            let p = project(key).unwrap_or_else(|| panic!("{t}: unknown project {key}"));
            assert!(
                p.wijken.contains(&s.wijk),
                "{t}: linked project {key} does not run in {}",
                s.wijk
            );
        }
        match s.status {
            SignalStatus::New => assert!(
                s.follow_up_note.is_none(),
                "{t}: new signal with a follow-up"
            ),
            SignalStatus::PolicyAdjusted
            | SignalStatus::Closed
            | SignalStatus::Dismissed
            | SignalStatus::Escalated => assert!(
                s.follow_up_note.is_some(),
                "{t}: {} without a follow-up",
                s.status.as_str()
            ),
            SignalStatus::InProgress => {}
        }
    }
    let statuses: HashSet<_> = SIGNALS.iter().map(|s| s.status).collect();
    assert_eq!(statuses, SignalStatus::iter().collect());
    let urgencies: HashSet<_> = SIGNALS.iter().map(|s| s.urgency).collect();
    assert_eq!(urgencies, Urgency::iter().collect());
    let themes: BTreeSet<_> = SIGNALS.iter().map(|s| s.theme.as_str()).collect();
    assert!(themes.len() >= 8, "signal themes {themes:?}");
    let wijken: BTreeSet<_> = SIGNALS.iter().map(|s| s.wijk.as_str()).collect();
    assert!(wijken.len() >= 8, "signal wijken {wijken:?}");
    let reporter_kinds: HashSet<_> = SIGNALS
        .iter()
        .map(|s| org(&s.reporter).unwrap().kind)
        .collect();
    assert_eq!(
        reporter_kinds.len(),
        2,
        "signals should come from departments and partners"
    );
}
