//! The demo projects: references, participants, budgets, assessments, the phase rules, dates,
//! coverage of the vocabularies and the cases the access tests rely on.
use super::*;

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
