//! The demo signals.
use super::*;

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
