//! `programmeReport`: its figures equal the same figures worked out here from the demo data read
//! row by row (the test's own reading and its own statement of the read rules, not the service's
//! SQL), for the city and for a partner; a partner's report never counts another partner's
//! INTERNAL project; bad input is refused with its field; a report costs a fixed number of
//! statements.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use entity::{
    BudgetStatus, OrganisationKind, ParticipantRole, SignalStatus, Visibility, budget_line, effect,
    effect_assessment, evaluation, focus_area, focus_area_wijk, organisation, project,
    project_continuation, project_participant, project_theme, project_wijk, signal, stadsdeel,
    wijk,
};
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, single_error, spawn_app};

pub const REPORT: &str = r#"query($scope: ReportScopeInput, $period: ReportPeriodInput) {
  programmeReport(scope: $scope, period: $period) {
    scope { kind code name }
    period { from to }
    dataAsOf projectCount signalCount medianDaysToClose
    projectsByPhase { phase count }
    projectsByTheme { theme count }
    effects { effect { code name } projectsAiming assessedCount meanScore distribution }
    budget { source status year amount }
    budgetBySource { source amount }
    signalsByMonth { month theme urgency status count }
    participation { organisation { code } leadCount contributorCount }
    continuation { status count }
    lessonsLearned { projectTitle kind evaluatedOn lessons }
  }
}"#;

/// Every row the figures come from, read once.
struct Demo {
    projects: Vec<project::Model>,
    participants: Vec<project_participant::Model>,
    project_wijken: Vec<project_wijk::Model>,
    themes: Vec<project_theme::Model>,
    effects: Vec<effect::Model>,
    assessments: Vec<effect_assessment::Model>,
    budget: Vec<budget_line::Model>,
    signals: Vec<signal::Model>,
    continuation: Vec<project_continuation::Model>,
    evaluations: Vec<evaluation::Model>,
    organisations: Vec<organisation::Model>,
    wijken: Vec<wijk::Model>,
    stadsdelen: Vec<stadsdeel::Model>,
    focus_areas: Vec<focus_area::Model>,
    focus_area_wijken: Vec<focus_area_wijk::Model>,
}

async fn read_demo(app: &TestApp) -> Demo {
    let db = &app.state.db;
    Demo {
        projects: project::Entity::find().all(db).await.expect("projects"),
        participants: project_participant::Entity::find()
            .all(db)
            .await
            .expect("participants"),
        project_wijken: project_wijk::Entity::find()
            .all(db)
            .await
            .expect("project wijken"),
        themes: project_theme::Entity::find().all(db).await.expect("themes"),
        effects: effect::Entity::find().all(db).await.expect("effects"),
        assessments: effect_assessment::Entity::find()
            .all(db)
            .await
            .expect("assessments"),
        budget: budget_line::Entity::find().all(db).await.expect("budget"),
        signals: signal::Entity::find().all(db).await.expect("signals"),
        continuation: project_continuation::Entity::find()
            .all(db)
            .await
            .expect("continuation"),
        evaluations: evaluation::Entity::find()
            .all(db)
            .await
            .expect("evaluations"),
        organisations: organisation::Entity::find()
            .all(db)
            .await
            .expect("organisations"),
        wijken: wijk::Entity::find().all(db).await.expect("wijken"),
        stadsdelen: stadsdeel::Entity::find().all(db).await.expect("stadsdelen"),
        focus_areas: focus_area::Entity::find()
            .all(db)
            .await
            .expect("focus areas"),
        focus_area_wijken: focus_area_wijk::Entity::find()
            .all(db)
            .await
            .expect("fa wijken"),
    }
}

/// A period, both days included.
type Period = Option<(NaiveDate, NaiveDate)>;

#[derive(Clone, Copy)]
enum Within<'a> {
    Programme,
    Stadsdeel(&'a str),
    FocusArea(&'a str),
    Wijk(&'a str),
}

/// The report as API.md's read rules give it, worked out row by row.
fn expected(demo: &Demo, org: &str, area: Within, period: Period) -> Value {
    let me = demo
        .organisations
        .iter()
        .find(|o| o.code == org)
        .expect("organisation");
    let city = me.kind == OrganisationKind::CityDepartment;
    let participates = |project: Uuid| {
        demo.participants
            .iter()
            .any(|p| p.project_id == project && p.organisation_id == me.id)
    };
    let area_wijken: Option<HashSet<Uuid>> = match area {
        Within::Programme => None,
        Within::Stadsdeel(code) => {
            let s = demo
                .stadsdelen
                .iter()
                .find(|s| s.code == code)
                .expect("stadsdeel");
            Some(
                demo.wijken
                    .iter()
                    .filter(|w| w.stadsdeel_id == s.id)
                    .map(|w| w.id)
                    .collect(),
            )
        }
        Within::FocusArea(code) => {
            let f = demo
                .focus_areas
                .iter()
                .find(|f| f.code == code)
                .expect("focus area");
            Some(
                demo.focus_area_wijken
                    .iter()
                    .filter(|l| l.focus_area_id == f.id)
                    .map(|l| l.wijk_id)
                    .collect(),
            )
        }
        Within::Wijk(code) => Some(
            demo.wijken
                .iter()
                .filter(|w| w.code == code)
                .map(|w| w.id)
                .collect(),
        ),
    };
    let in_area = |project: Uuid| match &area_wijken {
        None => true,
        Some(wijken) => demo
            .project_wijken
            .iter()
            .any(|l| l.project_id == project && wijken.contains(&l.wijk_id)),
    };
    let projects: Vec<&project::Model> = demo
        .projects
        .iter()
        .filter(|p| p.deleted_at.is_none())
        .filter(|p| city || p.visibility == Visibility::Shared || participates(p.id))
        .filter(|p| in_area(p.id))
        .filter(|p| match period {
            None => true,
            Some((from, to)) => {
                p.starts_on.is_none_or(|s| s <= to) && p.ends_on.is_none_or(|e| e >= from)
            }
        })
        .collect();
    let ids: HashSet<Uuid> = projects.iter().map(|p| p.id).collect();

    let mut phases: BTreeMap<String, i64> = BTreeMap::new();
    for p in &projects {
        *phases.entry(p.phase.as_str().to_owned()).or_default() += 1;
    }
    let mut themes: BTreeMap<String, i64> = BTreeMap::new();
    for t in demo.themes.iter().filter(|t| ids.contains(&t.project_id)) {
        *themes.entry(t.theme.as_str().to_owned()).or_default() += 1;
    }

    let mut effects = BTreeMap::new();
    for e in demo.effects.iter().filter(|e| e.active) {
        let rows: Vec<_> = demo
            .assessments
            .iter()
            .filter(|a| a.effect_id == e.id && ids.contains(&a.project_id))
            .collect();
        let aiming = rows.iter().filter(|a| a.expected_score > 0).count();
        let scores: Vec<i16> = rows.iter().filter_map(|a| a.observed_score).collect();
        let mut distribution = [0; 4];
        for &s in &scores {
            distribution[s as usize] += 1;
        }
        let mean = (!scores.is_empty())
            .then(|| scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64);
        effects.insert(
            e.code.clone(),
            json!({ "aiming": aiming, "assessed": scores.len(), "mean": mean.map(round), "distribution": distribution }),
        );
    }

    let budget_projects: HashSet<Uuid> = ids
        .iter()
        .copied()
        .filter(|&id| city || participates(id))
        .collect();
    let lines: Vec<_> = demo
        .budget
        .iter()
        .filter(|b| budget_projects.contains(&b.project_id))
        .filter(|b| period.is_none_or(|(from, to)| (from.year()..=to.year()).contains(&b.year)))
        .collect();
    let mut budget: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_source: BTreeMap<String, i64> = BTreeMap::new();
    for b in &lines {
        *budget
            .entry(format!(
                "{} {} {}",
                b.year,
                b.source.as_str(),
                b.status.as_str()
            ))
            .or_default() += b.amount_cents;
        if b.status != BudgetStatus::Rejected {
            *by_source.entry(b.source.as_str().to_owned()).or_default() += b.amount_cents;
        }
    }

    let signals: Vec<_> = demo
        .signals
        .iter()
        .filter(|s| s.deleted_at.is_none())
        .filter(|s| city || s.reporting_organisation_id == me.id)
        .filter(|s| area_wijken.as_ref().is_none_or(|w| w.contains(&s.wijk_id)))
        .filter(|s| {
            period.is_none_or(|(from, to)| (from..=to).contains(&s.created_at.date_naive()))
        })
        .collect();
    let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
    for s in &signals {
        let key = format!(
            "{} {} {} {}",
            s.created_at.format("%Y-%m"),
            s.theme.as_str(),
            s.urgency.as_str(),
            s.status.as_str()
        );
        *by_month.entry(key).or_default() += 1;
    }
    let mut days: Vec<f64> = signals
        .iter()
        .filter(|s| s.status == SignalStatus::Closed)
        .map(|s| (s.updated_at - s.created_at).num_milliseconds() as f64 / 86_400_000.0)
        .collect();
    days.sort_by(f64::total_cmp);
    let median = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2]),
        n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    };

    let code_of: HashMap<Uuid, &str> = demo
        .organisations
        .iter()
        .map(|o| (o.id, o.code.as_str()))
        .collect();
    let mut participation: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for p in demo
        .participants
        .iter()
        .filter(|p| ids.contains(&p.project_id))
    {
        let entry = participation
            .entry(code_of[&p.organisation_id].to_owned())
            .or_default();
        match p.role {
            ParticipantRole::Lead => entry.0 += 1,
            ParticipantRole::Contributor => entry.1 += 1,
            _ => {}
        }
    }
    participation.retain(|_, (lead, contributor)| *lead + *contributor > 0);

    let mut continuation: BTreeMap<String, i64> = BTreeMap::new();
    for c in demo
        .continuation
        .iter()
        .filter(|c| ids.contains(&c.project_id))
    {
        *continuation
            .entry(c.status.as_str().to_owned())
            .or_default() += 1;
    }

    let title_of: HashMap<Uuid, &str> = demo
        .projects
        .iter()
        .map(|p| (p.id, p.title.as_str()))
        .collect();
    let lessons: BTreeSet<String> = demo
        .evaluations
        .iter()
        .filter(|e| ids.contains(&e.project_id) && e.is_public && !e.lessons_learned.is_empty())
        .filter(|e| period.is_none_or(|(from, to)| (from..=to).contains(&e.evaluated_on)))
        .map(|e| format!("{} {}", e.evaluated_on, title_of[&e.project_id]))
        .collect();

    json!({
        "projectCount": projects.len(),
        "phases": phases,
        "themes": themes,
        "effects": effects,
        "budget": budget.into_iter().map(|(k, v)| (k, euro(v))).collect::<BTreeMap<_, _>>(),
        "budgetBySource": by_source.into_iter().map(|(k, v)| (k, euro(v))).collect::<BTreeMap<_, _>>(),
        "signalCount": signals.len(),
        "signalsByMonth": by_month,
        "median": median.map(round),
        "participation": participation,
        "continuation": continuation,
        "lessons": lessons,
    })
}

/// The API's answer in the shape of [`expected`].
fn observed(report: &Value) -> Value {
    let rows = |field: &str| report[field].as_array().cloned().unwrap_or_default();
    let phases: BTreeMap<String, i64> = rows("projectsByPhase")
        .iter()
        .filter(|r| r["count"].as_i64() != Some(0))
        .map(|r| (text(&r["phase"]), r["count"].as_i64().unwrap_or(-1)))
        .collect();
    let themes: BTreeMap<String, i64> = rows("projectsByTheme")
        .iter()
        .map(|r| (text(&r["theme"]), r["count"].as_i64().unwrap_or(-1)))
        .collect();
    let effects: BTreeMap<String, Value> = rows("effects")
        .iter()
        .map(|r| {
            (
                text(&r["effect"]["code"]),
                json!({ "aiming": r["projectsAiming"], "assessed": r["assessedCount"],
                        "mean": r["meanScore"].as_f64().map(round), "distribution": r["distribution"] }),
            )
        })
        .collect();
    let budget: BTreeMap<String, String> = rows("budget")
        .iter()
        .map(|r| {
            (
                format!(
                    "{} {} {}",
                    r["year"],
                    text(&r["source"]),
                    text(&r["status"])
                ),
                text(&r["amount"]),
            )
        })
        .collect();
    let by_source: BTreeMap<String, String> = rows("budgetBySource")
        .iter()
        .map(|r| (text(&r["source"]), text(&r["amount"])))
        .collect();
    let by_month: BTreeMap<String, i64> = rows("signalsByMonth")
        .iter()
        .map(|r| {
            (
                format!(
                    "{} {} {} {}",
                    text(&r["month"]),
                    text(&r["theme"]),
                    text(&r["urgency"]),
                    text(&r["status"])
                ),
                r["count"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    let participation: BTreeMap<String, (i64, i64)> = rows("participation")
        .iter()
        .map(|r| {
            (
                text(&r["organisation"]["code"]),
                (
                    r["leadCount"].as_i64().unwrap_or(-1),
                    r["contributorCount"].as_i64().unwrap_or(-1),
                ),
            )
        })
        .collect();
    let continuation: BTreeMap<String, i64> = rows("continuation")
        .iter()
        .map(|r| (text(&r["status"]), r["count"].as_i64().unwrap_or(-1)))
        .collect();
    let lessons: BTreeSet<String> = rows("lessonsLearned")
        .iter()
        .map(|r| format!("{} {}", text(&r["evaluatedOn"]), text(&r["projectTitle"])))
        .collect();
    json!({
        "projectCount": report["projectCount"],
        "phases": phases,
        "themes": themes,
        "effects": effects,
        "budget": budget,
        "budgetBySource": by_source,
        "signalCount": report["signalCount"],
        "signalsByMonth": by_month,
        "median": report["medianDaysToClose"].as_f64().map(round),
        "participation": participation,
        "continuation": continuation,
        "lessons": lessons,
    })
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn euro(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

async fn report(app: &TestApp, token: &str, variables: Value) -> Value {
    let data = app.data(Some(token), REPORT, variables).await;
    data["programmeReport"].clone()
}

#[tokio::test]
async fn the_report_equals_the_figures_worked_out_from_the_demo_data_per_role() {
    let app = spawn_app().await;
    // The demo's three closed signals were closed when they were reported; three more closed now
    // make the median (of six: the mean of the middle two) a figure that depends on durations.
    for _ in 0..3 {
        close_a_new_signal(&app).await;
    }
    let demo = read_demo(&app).await;
    let cases: [(&str, &str, Within, Value, Period); 6] = [
        (
            "programmabureau",
            "ADMIN",
            Within::Programme,
            json!({}),
            None,
        ),
        ("haag-wonen", "VIEWER", Within::Programme, json!({}), None),
        (
            "programmabureau",
            "VIEWER",
            Within::Stadsdeel("ESC"),
            json!({ "scope": { "stadsdeelCode": "ESC" }, "period": { "from": "2025-01-01", "to": "2025-12-31" } }),
            Some((day("2025-01-01"), day("2025-12-31"))),
        ),
        (
            "haag-wonen",
            "EDITOR",
            Within::Wijk("WK051836"),
            json!({ "scope": { "wijkCode": "WK051836" }, "period": { "from": "2024-03-01", "to": "2025-06-30" } }),
            Some((day("2024-03-01"), day("2025-06-30"))),
        ),
        (
            "programmabureau",
            "ADMIN",
            Within::FocusArea("zuidwest"),
            json!({ "scope": { "focusAreaCode": "zuidwest" } }),
            None,
        ),
        (
            "mooi-welzijn",
            "VIEWER",
            Within::Programme,
            json!({ "period": { "from": "2022-01-01", "to": "2026-12-31" } }),
            Some((day("2022-01-01"), day("2026-12-31"))),
        ),
    ];
    for (org, role, area, variables, period) in cases {
        let token = app.token(org, role);
        let answer = report(&app, &token, variables.clone()).await;
        let want = expected(&demo, org, area, period);
        assert_eq!(
            observed(&answer),
            want,
            "{org} {role} {variables}: the report differs from the demo data"
        );
        assert!(
            want["projectCount"].as_i64() > Some(0),
            "{org} {variables}: a case that counts nothing proves little"
        );
    }

    // The cases are not all the same picture: the partner sees less than the city.
    let city = report(&app, &app.token("programmabureau", "ADMIN"), json!({})).await;
    let partner = report(&app, &app.token("haag-wonen", "VIEWER"), json!({})).await;
    assert!(partner["projectCount"].as_i64() < city["projectCount"].as_i64());
    assert!(partner["signalCount"].as_i64() < city["signalCount"].as_i64());
    assert_eq!(
        city["scope"],
        json!({ "kind": "PROGRAMME", "code": null, "name": "Wijkprogramma" })
    );
    assert_eq!(
        city["effects"].as_array().map(Vec::len),
        Some(6),
        "the six effects"
    );
    assert!(
        city["medianDaysToClose"].as_f64() > Some(0.0),
        "the signals closed today move the median: {}",
        city["medianDaysToClose"]
    );
}

#[tokio::test]
async fn a_partners_report_never_counts_another_partners_internal_project() {
    let app = spawn_app().await;
    let city = app.token("programmabureau", "ADMIN");
    let partner = app.token("haag-wonen", "VIEWER");
    let other = app.token("mooi-welzijn", "EDITOR");
    let scope = json!({ "scope": { "wijkCode": "WK051836" } });
    let before_city = report(&app, &city, scope.clone()).await;
    let before_partner = report(&app, &partner, scope.clone()).await;

    let created = app
        .data(
            Some(&other),
            r#"mutation { createProject(input: { title: "Interne verkenning Moerwijk", summary: "Alleen voor de eigen organisatie.",
                wijkCodes: ["WK051836"], themes: [POVERTY], visibility: INTERNAL }) { id } }"#,
            json!({}),
        )
        .await;
    assert!(created["createProject"]["id"].is_string(), "{created}");

    let after_city = report(&app, &city, scope.clone()).await;
    let after_partner = report(&app, &partner, scope).await;
    assert_eq!(
        after_city["projectCount"].as_i64(),
        before_city["projectCount"].as_i64().map(|n| n + 1),
        "the city counts the new INTERNAL project"
    );
    for field in [
        "projectCount",
        "projectsByPhase",
        "projectsByTheme",
        "participation",
        "effects",
    ] {
        assert_eq!(
            after_partner[field], before_partner[field],
            "haag-wonen's {field} changed by another partner's INTERNAL project"
        );
    }
    let counted_other = after_partner["participation"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|r| {
            r["organisation"]["code"] == "mooi-welzijn"
                && r["leadCount"].as_i64()
                    > before_partner["participation"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|b| b["organisation"]["code"] == "mooi-welzijn")
                        .and_then(|b| b["leadCount"].as_i64())
        });
    assert!(
        !counted_other,
        "the INTERNAL project's lead leaked into participation"
    );
}

#[tokio::test]
async fn bad_scope_and_period_are_refused_with_their_field() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "ADMIN");
    let cases = [
        (
            json!({ "scope": { "wijkCode": "WK999999" } }),
            "scope.wijkCode",
        ),
        (
            json!({ "scope": { "stadsdeelCode": "NOPE" } }),
            "scope.stadsdeelCode",
        ),
        (
            json!({ "scope": { "focusAreaCode": "nergens" } }),
            "scope.focusAreaCode",
        ),
        (
            json!({ "scope": { "wijkCode": "WK051836", "stadsdeelCode": "ESC" } }),
            "scope",
        ),
        (
            json!({ "period": { "from": "2025-06-01", "to": "2025-05-31" } }),
            "period.to",
        ),
    ];
    for (variables, field) in cases {
        let body = app.graphql(Some(&token), REPORT, variables.clone()).await;
        assert_eq!(
            single_error(&body),
            ("BAD_USER_INPUT".to_owned(), Some(field.to_owned())),
            "{variables}: {body}"
        );
        assert!(body["data"].is_null() || body["data"]["programmeReport"].is_null());
    }
    // A one-day period is a period.
    let one_day = app
        .graphql(
            Some(&token),
            REPORT,
            json!({ "period": { "from": "2025-06-01", "to": "2025-06-01" } }),
        )
        .await;
    assert!(one_day["errors"].is_null(), "{one_day}");
    // Cost-counted like every field: the page's whole query is charged, and stays far below the
    // default limit (1,000) so a partner's report is never refused for its size.
    let cost = one_day["extensions"]["cost"].as_u64().unwrap_or_default();
    eprintln!("the report page's query costs {cost}");
    assert!((20..=200).contains(&cost), "cost {cost}");
    // No token, no report.
    let anonymous = app.graphql(None, REPORT, json!({})).await;
    assert_eq!(single_error(&anonymous).0, "UNAUTHENTICATED", "{anonymous}");
}

#[tokio::test]
async fn a_report_costs_a_fixed_number_of_statements_however_much_data() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let scoped = json!({ "scope": { "stadsdeelCode": "ESC" }, "period": { "from": "2020-01-01", "to": "2030-12-31" } });
    // Warm the process's caches (verified callers, checked documents).
    report(&app, &token, scoped.clone()).await;
    let (first, answer) = counted(&app, &token, scoped.clone()).await;
    let projects_before = answer["projectCount"].as_i64().unwrap_or_default();

    // More projects and signals in the scope: the same statements.
    for i in 0..5 {
        app.data(
            Some(&token),
            "mutation($t: String!) { createProject(input: { title: $t, summary: \"Meer.\", wijkCodes: [\"WK051836\"], themes: [HOUSING], visibility: SHARED }) { id } }",
            json!({ "t": format!("Extra project {i}") }),
        )
        .await;
        app.data(
            Some(&token),
            "mutation($t: String!) { reportSignal(input: { wijkCode: \"WK051836\", theme: HOUSING, title: $t, description: \"Meer.\", urgency: LOW }) { id } }",
            json!({ "t": format!("Extra signaal {i}") }),
        )
        .await;
    }
    let (second, answer) = counted(&app, &token, scoped).await;
    assert_eq!(
        answer["projectCount"].as_i64(),
        Some(projects_before + 5),
        "the new projects are counted"
    );
    assert_eq!(first, second, "statements before and after more data");
    // The scope lookup, the six effects, phases, themes, effect scores, budget, signals by
    // month, the median, participation, continuation, lessons, and the participating
    // organisations in one batch.
    assert_eq!(second, 12, "a report costs a fixed number of statements");
}

/// A report and the statements it cost.
async fn counted(app: &TestApp, token: &str, variables: Value) -> (u64, Value) {
    let before = app.statements();
    let answer = report(app, token, variables).await;
    (app.statements() - before, answer)
}

/// Walks one of the demo's NEW signals through every status to CLOSED, as the city.
async fn close_a_new_signal(app: &TestApp) {
    let token = app.token("programmabureau", "ADMIN");
    let signals = app
        .data(
            Some(&token),
            "{ signals(first: 100) { nodes { id status version } } }",
            json!({}),
        )
        .await;
    let new = signals["signals"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["status"] == "NEW")
        .expect("a NEW signal in the demo data")
        .clone();
    let mut version = new["version"].clone();
    for status in ["IN_PROGRESS", "ESCALATED", "POLICY_ADJUSTED", "CLOSED"] {
        let moved = app
            .data(
                Some(&token),
                "mutation($id: ID!, $v: Int!, $s: SignalStatus!) { updateSignalStatus(id: $id, expectedVersion: $v, input: { status: $s }) { version status } }",
                json!({ "id": new["id"], "v": version, "s": status }),
            )
            .await;
        assert_eq!(moved["updateSignalStatus"]["status"], status, "{moved}");
        version = moved["updateSignalStatus"]["version"].clone();
    }
}
