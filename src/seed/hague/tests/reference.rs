//! The reference data: stadsdelen, wijken, focus areas, organisations, contact persons, effects
//! and meeting places.
use super::*;

const DEPARTMENT_CODES: &[&str] = &["PB", "DPZ", "OCW", "SZW", "DSO", "DSB"];

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
