//! The read rows of the permission matrix, walked for every role and organisation kind, with the
//! expected answers computed from the demo data itself.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use wijkhub::seed::hague;

use crate::helpers::{TestApp, error_codes, single_error, spawn_app};

/// Every kind of caller: (organisation, role); `None` is anonymous.
const CALLERS: &[Option<(&str, &str)>] = &[
    None,
    Some(("programmabureau", "ADMIN")),
    Some(("dpz", "EDITOR")),
    Some(("ocw", "VIEWER")),
    Some(("haag-wonen", "EDITOR")),
    Some(("haag-wonen", "VIEWER")),
    Some(("staedion", "VIEWER")),
    Some(("xtra", "EDITOR")),
];

const CITY: &[&str] = &["programmabureau", "dpz", "ocw", "szw", "dso", "dsb"];

fn is_city(org: &str) -> bool {
    CITY.contains(&org)
}

fn participates(project: &hague::Project, org: &str) -> bool {
    project.participants.iter().any(|p| p.organisation == org)
}

const PROJECTS: &str = r#"
query {
  projects(first: 100) {
    totalCount
    nodes {
      title visibility internalNotes
      budget { total }
      review { decision }
      evaluations { isPublic }
    }
  }
}"#;

async fn token(app: &TestApp, caller: Option<(&str, &str)>) -> Option<String> {
    caller.map(|(org, role)| app.token(org, role))
}

#[tokio::test]
async fn project_reads_follow_the_matrix_for_every_role() {
    let app = spawn_app().await;
    let titles: BTreeSet<&str> = hague::PROJECTS.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        titles.len(),
        hague::PROJECTS.len(),
        "demo titles are unique"
    );

    for caller in CALLERS {
        let token = token(&app, *caller).await;
        let body = app.graphql(token.as_deref(), PROJECTS, json!({})).await;
        let Some((org, role)) = caller else {
            assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "anonymous: {body}");
            continue;
        };
        assert!(body.get("errors").is_none(), "{org} {role}: {body}");
        let city = is_city(org);
        let expected: BTreeMap<&str, &hague::Project> = hague::PROJECTS
            .iter()
            .filter(|p| city || p.visibility == "SHARED" || participates(p, org))
            .map(|p| (p.title.as_str(), p))
            .collect();
        let nodes = body["data"]["projects"]["nodes"].as_array().expect("nodes");
        let seen: BTreeSet<&str> = nodes.iter().filter_map(|n| n["title"].as_str()).collect();
        assert_eq!(
            seen,
            expected.keys().copied().collect::<BTreeSet<_>>(),
            "{org} {role}: readable projects"
        );
        assert_eq!(
            body["data"]["projects"]["totalCount"],
            json!(expected.len())
        );
        if !city {
            assert!(
                expected.values().any(|p| p.visibility == "INTERNAL"),
                "{org} takes part in an INTERNAL project, so the test proves that rule"
            );
        }

        for node in nodes {
            let title = node["title"].as_str().expect("title");
            let project = expected[title];
            let insider = city || participates(project, org);
            assert_eq!(
                !node["budget"].is_null(),
                insider,
                "{org} {role}: budget of {title}"
            );
            assert_eq!(
                !node["internalNotes"].is_null(),
                city && project.internal_notes.is_some(),
                "{org} {role}: internal notes of {title}"
            );
            assert_eq!(
                !node["review"].is_null(),
                insider && project.review.is_some(),
                "{org} {role}: review of {title}"
            );
            let evaluations = node["evaluations"].as_array().expect("evaluations").len();
            let expected_evaluations = project
                .evaluations
                .iter()
                .filter(|e| insider || e.is_public)
                .count();
            assert_eq!(
                evaluations, expected_evaluations,
                "{org} {role}: evaluations of {title}"
            );
        }
    }
}

/// A lookup by id asks the database with a statement made once per read scope and reused
/// (`db::templates`); callers take turns here, so a statement that served the wrong scope would
/// show a hidden project or hide a readable one.
#[tokio::test]
async fn a_lookup_by_id_follows_the_matrix_for_every_caller_in_turn() {
    let app = spawn_app().await;
    // Asking for the wijken is what takes the one-statement lookup.
    let query = "query($id: ID!) { project(id: $id) { title wijken { code } } }";
    for project in hague::PROJECTS.iter() {
        let id = app.project_id(&project.title).await;
        for &(org, role) in CALLERS.iter().flatten() {
            let token = app.token(org, role);
            let body = app.graphql(Some(&token), query, json!({ "id": id })).await;
            let readable =
                is_city(org) || project.visibility == "SHARED" || participates(project, org);
            if readable {
                assert_eq!(
                    body["data"]["project"]["title"], project.title,
                    "{org} {role} reads {}: {body}",
                    project.title
                );
                let mut wijken: Vec<&str> = body["data"]["project"]["wijken"]
                    .as_array()
                    .expect("wijken")
                    .iter()
                    .filter_map(|w| w["code"].as_str())
                    .collect();
                wijken.sort_unstable();
                let mut expected: Vec<&str> = project.wijken.iter().map(String::as_str).collect();
                expected.sort_unstable();
                assert_eq!(
                    wijken, expected,
                    "{org} {role}: wijken of {}",
                    project.title
                );
            } else {
                assert_eq!(
                    single_error(&body).0,
                    "NOT_FOUND",
                    "{org} {role} must not find {}: {body}",
                    project.title
                );
            }
        }
    }
}

#[tokio::test]
async fn an_unreadable_project_does_not_exist_for_the_caller() {
    let app = spawn_app().await;
    let admin = app.token("programmabureau", "ADMIN");
    let partner = app.token("haag-wonen", "EDITOR");
    let hidden = hague::PROJECTS
        .iter()
        .find(|p| p.visibility == "INTERNAL" && !participates(p, "haag-wonen"))
        .expect("an INTERNAL project without haag-wonen");
    let all = app
        .data(
            Some(&admin),
            "{ projects(first: 100) { nodes { id title } } }",
            json!({}),
        )
        .await;
    let id = all["projects"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["title"] == hidden.title)
        .map(|n| n["id"].clone())
        .expect("admin sees it");

    let query = "query($id: ID!) { project(id: $id) { title } }";
    let seen_by_admin = app.data(Some(&admin), query, json!({ "id": id })).await;
    assert_eq!(seen_by_admin["project"]["title"], hidden.title);

    let hidden_body = app
        .graphql(Some(&partner), query, json!({ "id": id }))
        .await;
    let missing_body = app
        .graphql(
            Some(&partner),
            query,
            json!({ "id": uuid::Uuid::now_v7().to_string() }),
        )
        .await;
    assert_eq!(single_error(&hidden_body).0, "NOT_FOUND");
    // Exactly the same answer as for an id that does not exist at all.
    assert_eq!(
        hidden_body["errors"][0]["message"],
        missing_body["errors"][0]["message"]
    );
    assert_eq!(hidden_body["data"], missing_body["data"]);
}

#[tokio::test]
async fn partners_read_only_the_signals_their_organisation_reported() {
    let app = spawn_app().await;
    let query = "{ signals(first: 100) { totalCount nodes { id title internalNotes reportingOrganisation { code } } } }";
    for caller in CALLERS {
        let token = token(&app, *caller).await;
        let body = app.graphql(token.as_deref(), query, json!({})).await;
        let Some((org, role)) = caller else {
            assert_eq!(error_codes(&body), ["UNAUTHENTICATED"]);
            continue;
        };
        let expected: BTreeSet<&str> = hague::SIGNALS
            .iter()
            .filter(|s| is_city(org) || s.reporter == *org)
            .map(|s| s.title.as_str())
            .collect();
        let nodes = body["data"]["signals"]["nodes"].as_array().expect("nodes");
        let seen: BTreeSet<&str> = nodes.iter().filter_map(|n| n["title"].as_str()).collect();
        assert_eq!(seen, expected, "{org} {role}: readable signals");
        for node in nodes {
            let title = node["title"].as_str().expect("title");
            let signal = hague::SIGNALS
                .iter()
                .find(|s| s.title == title)
                .expect("known signal");
            assert_eq!(
                !node["internalNotes"].is_null(),
                is_city(org) && signal.internal_notes.is_some(),
                "{org} {role}: internal notes of signal {title}"
            );
        }
    }
    assert!(
        CALLERS
            .iter()
            .flatten()
            .any(|(org, _)| !is_city(org) && hague::SIGNALS.iter().any(|s| s.reporter == *org)),
        "a partner caller reported signals, so the test proves partners see their own"
    );

    // Another organisation's signal does not exist for a partner.
    let admin = app.token("programmabureau", "ADMIN");
    let all = app.data(Some(&admin), query, json!({})).await;
    let foreign = all["signals"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["reportingOrganisation"]["code"] != "haag-wonen")
        .expect("a signal of another organisation")["id"]
        .clone();
    let partner = app.token("haag-wonen", "VIEWER");
    let body = app
        .graphql(
            Some(&partner),
            "query($id: ID!) { signal(id: $id) { title } }",
            json!({ "id": foreign }),
        )
        .await;
    assert_eq!(single_error(&body).0, "NOT_FOUND");
}

#[tokio::test]
async fn statistics_count_every_signal_for_every_signed_in_caller() {
    let app = spawn_app().await;
    let query = "{ signalStatistics { total byTheme { theme count } byStatus { status count } byWijk { wijk { code } count } } }";
    for caller in CALLERS {
        let token = token(&app, *caller).await;
        let body = app.graphql(token.as_deref(), query, json!({})).await;
        if caller.is_none() {
            assert_eq!(error_codes(&body), ["UNAUTHENTICATED"]);
            continue;
        }
        let stats = &body["data"]["signalStatistics"];
        assert_eq!(stats["total"], json!(hague::SIGNALS.len()), "{caller:?}");
        let per_wijk: i64 = stats["byWijk"]
            .as_array()
            .expect("byWijk")
            .iter()
            .map(|w| w["count"].as_i64().unwrap_or_default())
            .sum();
        assert_eq!(per_wijk, hague::SIGNALS.len() as i64);
    }
}

#[tokio::test]
async fn reference_data_is_public_and_organisations_need_a_caller() {
    let app = spawn_app().await;
    let public = "{ stadsdelen { totalCount } wijken(first: 100) { totalCount } effects { totalCount } \
                  focusAreas { totalCount } meetingPlaces(first: 100) { totalCount nodes { name operator { code } } } }";
    let members = [
        "{ partners { totalCount } }",
        "{ departments { totalCount } }",
        "{ contactPersons(first: 100) { nodes { email phone } } }",
    ];
    for caller in CALLERS {
        let token = token(&app, *caller).await;
        let data = app.data(token.as_deref(), public, json!({})).await;
        assert_eq!(data["stadsdelen"]["totalCount"], json!(8));
        assert_eq!(data["wijken"]["totalCount"], json!(hague::WIJKEN.len()));
        assert_eq!(data["effects"]["totalCount"], json!(6));
        assert_eq!(data["focusAreas"]["totalCount"], json!(7));
        let places = data["meetingPlaces"]["nodes"].as_array().expect("places");
        assert_eq!(places.len(), hague::MEETING_PLACES.len());
        let operators_shown = places.iter().filter(|p| !p["operator"].is_null()).count();
        let operators_known = hague::MEETING_PLACES
            .iter()
            .filter(|p| p.operator.is_some())
            .count();
        assert!(operators_known > 0);
        // An operator is an organisation: anonymous callers get null, without an error.
        assert_eq!(
            operators_shown,
            if caller.is_some() { operators_known } else { 0 }
        );

        for query in members {
            let body = app.graphql(token.as_deref(), query, json!({})).await;
            if caller.is_some() {
                assert!(body.get("errors").is_none(), "{caller:?} {query}: {body}");
            } else {
                assert_eq!(error_codes(&body), ["UNAUTHENTICATED"], "{query}");
            }
        }
    }
}

#[tokio::test]
async fn explain_access_is_for_admin_only_and_names_the_rule() {
    let app = spawn_app().await;
    let hidden = hague::PROJECTS
        .iter()
        .find(|p| {
            p.participants
                .iter()
                .any(|x| x.organisation == "haag-wonen" && x.role == "CONTRIBUTOR")
        })
        .expect("a project haag-wonen contributes to");
    let admin = app.token("programmabureau", "ADMIN");
    let all = app
        .data(
            Some(&admin),
            "{ projects(first: 100) { nodes { id title } } }",
            json!({}),
        )
        .await;
    let id = all["projects"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["title"] == hidden.title)
        .expect("found")["id"]
        .clone();
    let query = "query($id: ID, $action: AccessAction!) { explainAccess(organisationCode: \"haag-wonen\", role: EDITOR, action: $action, objectId: $id) { allowed rule organisation { code } } }";
    let update = app
        .data(
            Some(&admin),
            query,
            json!({ "id": id, "action": "UPDATE_PROJECT" }),
        )
        .await;
    assert_eq!(update["explainAccess"]["allowed"], json!(true));
    let manage = app
        .data(
            Some(&admin),
            query,
            json!({ "id": id, "action": "MANAGE_PROJECT" }),
        )
        .await;
    assert_eq!(manage["explainAccess"]["allowed"], json!(false));
    assert!(
        manage["explainAccess"]["rule"]
            .as_str()
            .is_some_and(|r| r.contains("LEAD"))
    );

    for caller in CALLERS
        .iter()
        .flatten()
        .filter(|(_, role)| *role != "ADMIN")
    {
        let token = app.token(caller.0, caller.1);
        let body = app
            .graphql(
                Some(&token),
                query,
                json!({ "id": id, "action": "READ_PROJECT" }),
            )
            .await;
        assert_eq!(single_error(&body).0, "FORBIDDEN", "{caller:?}");
    }
    let anonymous = app
        .graphql(None, query, json!({ "id": id, "action": "READ_PROJECT" }))
        .await;
    assert_eq!(single_error(&anonymous).0, "UNAUTHENTICATED");
}

#[tokio::test]
async fn me_tells_who_is_calling() {
    let app = spawn_app().await;
    let query = "{ me { role isCity organisation { code kind } } }";
    assert_eq!(app.data(None, query, json!({})).await["me"], Value::Null);
    let token = app.token("haag-wonen", "VIEWER");
    let me = app.data(Some(&token), query, json!({})).await;
    assert_eq!(
        me["me"],
        json!({ "role": "VIEWER", "isCity": false, "organisation": { "code": "haag-wonen", "kind": "PARTNER" } })
    );
}

/// The changes of an object's history in one response, as `(field, after)` pairs.
fn history_changes(object: &Value) -> Vec<(String, String)> {
    object["history"]["nodes"]
        .as_array()
        .expect("history")
        .iter()
        .flat_map(|entry| entry["changes"].as_array().cloned().unwrap_or_default())
        .map(|c| {
            (
                c["field"].as_str().unwrap_or_default().to_owned(),
                c["after"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn fields_of(changes: &[(String, String)]) -> BTreeSet<&str> {
    changes.iter().map(|(f, _)| f.as_str()).collect()
}

/// `history` shows exactly what the object shows: a partner outside a SHARED project sees no
/// budget line, review, non-public evaluation or link to a project it may not read in its
/// history; a participant does; a signal's history names no project the reporter may not read;
/// anonymous callers do not learn a meeting place's operator from its history.
#[tokio::test]
async fn history_shows_no_field_or_id_the_object_hides() {
    let app = spawn_app().await;
    let owner = app.token("staedion", "EDITOR");
    let city = app.token("dpz", "EDITOR");
    let outsider = app.token("haag-wonen", "VIEWER");
    let create = "mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }";
    let project = |title: &str, visibility: &str| {
        json!({ "input": { "title": title, "summary": "Voor de historie.", "wijkCodes": ["WK051836"],
            "themes": ["HOUSING"], "visibility": visibility } })
    };
    let shared = app
        .data(
            Some(&owner),
            create,
            project("Gedeeld met historie", "SHARED"),
        )
        .await["createProject"]["id"]
        .clone();
    let internal = app
        .data(
            Some(&owner),
            create,
            project("Intern met historie", "INTERNAL"),
        )
        .await["createProject"]["id"]
        .clone();
    let internal_id = internal.as_str().expect("id").to_owned();
    for (token, mutation) in [
        (
            &owner,
            "mutation($p: ID!) { setBudgetLine(projectId: $p, input: { year: 2026, source: FUND, amount: \"4321.00\", status: GRANTED }) { id } }",
        ),
        (
            &city,
            "mutation($p: ID!) { reviewProject(projectId: $p, input: { coherence: 1, cooperation: 1, impact: 1, continuation: 1, decision: HOLD, explanation: \"Nog niet.\" }) { id } }",
        ),
        (
            &owner,
            "mutation($p: ID!) { addEvaluation(projectId: $p, input: { kind: MIDTERM, evaluatedOn: \"2026-06-01\", results: \"Binnenskamers.\", lessonsLearned: \"Intern.\", isPublic: false }) { id } }",
        ),
        (
            &owner,
            "mutation($p: ID!) { addEvaluation(projectId: $p, input: { kind: FINAL, evaluatedOn: \"2026-07-01\", results: \"Openbaar.\", lessonsLearned: \"Voor iedereen.\", isPublic: true }) { id } }",
        ),
    ] {
        app.data(Some(token), mutation, json!({ "p": shared }))
            .await;
    }
    app.data(
        Some(&owner),
        "mutation($from: ID!, $to: ID!) { linkProjects(fromProjectId: $from, toProjectId: $to, kind: COMPLEMENTS) { id } }",
        json!({ "from": shared, "to": internal }),
    )
    .await;

    let query = "query($id: ID!) { project(id: $id) { budget { total } review { decision }
        evaluations { isPublic } links { project { id } }
        history { totalCount nodes { action changes { field after } } } } }";
    let seen_by_outsider = app
        .graphql(Some(&outsider), query, json!({ "id": shared }))
        .await;
    assert!(
        seen_by_outsider.get("errors").is_none(),
        "{seen_by_outsider}"
    );
    let object = &seen_by_outsider["data"]["project"];
    assert!(object["budget"].is_null() && object["review"].is_null());
    assert_eq!(object["evaluations"], json!([{ "isPublic": true }]));
    assert_eq!(object["links"], json!([]));
    let changes = history_changes(object);
    let fields = fields_of(&changes);
    for hidden in ["budgetLine", "review", "link"] {
        assert!(
            !fields.contains(hidden),
            "outsider sees {hidden}: {changes:?}"
        );
    }
    let evaluations: Vec<&String> = changes
        .iter()
        .filter(|(f, _)| f == "evaluation")
        .map(|(_, after)| after)
        .collect();
    assert_eq!(
        evaluations.len(),
        1,
        "only the public evaluation: {changes:?}"
    );
    assert!(evaluations[0].contains("\"isPublic\":true"));
    assert!(
        fields.contains("title"),
        "the readable fields stay: {changes:?}"
    );
    // An entry with nothing readable left is left out whole: its action alone would tell
    // that a budget line, a review or a link exists.
    let actions: Vec<&str> = object["history"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        ["addEvaluation", "createProject"],
        "the public evaluation and the creation, newest first"
    );
    assert_eq!(object["history"]["totalCount"], 2, "and the count says so");
    let paged = app
        .data(
            Some(&outsider),
            "query($id: ID!) { project(id: $id) { history(first: 1) { pageInfo { hasNextPage } nodes { action } } } }",
            json!({ "id": shared }),
        )
        .await;
    assert_eq!(
        paged["project"]["history"],
        json!({ "pageInfo": { "hasNextPage": true }, "nodes": [{ "action": "addEvaluation" }] }),
        "a page skips hidden entries and is full while more follow"
    );
    assert!(
        !seen_by_outsider.to_string().contains(&internal_id),
        "the INTERNAL project's id does not leak: {seen_by_outsider}"
    );

    // A participant reads all of it, in the object and in its history.
    let insider = app.token("staedion", "VIEWER");
    let seen_by_insider = app
        .data(Some(&insider), query, json!({ "id": shared }))
        .await;
    assert_eq!(seen_by_insider["project"]["history"]["totalCount"], 6);
    let changes = history_changes(&seen_by_insider["project"]);
    let fields = fields_of(&changes);
    for shown in ["budgetLine", "review", "link"] {
        assert!(
            fields.contains(shown),
            "participant misses {shown}: {changes:?}"
        );
    }
    assert_eq!(changes.iter().filter(|(f, _)| f == "evaluation").count(), 2);
    assert!(seen_by_insider.to_string().contains(&internal_id));

    // A signal's history names only projects its reader may read.
    let reporter = app.token("haag-wonen", "EDITOR");
    let signal = app
        .data(
            Some(&reporter),
            "mutation { reportSignal(input: { wijkCode: \"WK051836\", theme: HOUSING, title: \"Vocht\", description: \"Schimmel in portieken.\", urgency: LOW }) { id } }",
            json!({}),
        )
        .await["reportSignal"]["id"]
        .clone();
    app.data(
        Some(&city),
        "mutation($s: ID!, $p: ID!) { linkSignalToProject(signalId: $s, projectId: $p) { id } }",
        json!({ "s": signal, "p": internal }),
    )
    .await;
    let query = "query($id: ID!) { signal(id: $id) { projects { id } history { nodes { changes { field after } } } } }";
    let seen_by_reporter = app
        .data(Some(&reporter), query, json!({ "id": signal }))
        .await;
    assert_eq!(seen_by_reporter["signal"]["projects"], json!([]));
    assert!(
        !fields_of(&history_changes(&seen_by_reporter["signal"])).contains("linkedProject"),
        "{seen_by_reporter}"
    );
    assert!(!seen_by_reporter.to_string().contains(&internal_id));
    let seen_by_city = app.data(Some(&city), query, json!({ "id": signal })).await;
    assert!(fields_of(&history_changes(&seen_by_city["signal"])).contains("linkedProject"));

    // A meeting place's operator is for signed-in callers, in its history too.
    let operator = app.org_id("staedion").to_string();
    let place = app
        .data(
            Some(&city),
            "mutation($op: ID!) { createMeetingPlace(input: { name: \"Buurtkamer Historie\", kind: NEIGHBOURHOOD_ROOM, street: \"Laan\", houseNumber: \"2\", postcode: \"2532 AB\", wijkCode: \"WK051836\", operatorOrganisationId: $op, management: HOUSING_CORPORATION }) { id } }",
            json!({ "op": operator }),
        )
        .await["createMeetingPlace"]["id"]
        .clone();
    let query = "query($id: ID!) { meetingPlace(id: $id) { name operator { id } history { nodes { changes { field after } } } } }";
    let anonymous = app.data(None, query, json!({ "id": place })).await;
    assert!(anonymous["meetingPlace"]["operator"].is_null());
    let changes = history_changes(&anonymous["meetingPlace"]);
    assert!(fields_of(&changes).contains("name"), "{anonymous}");
    assert!(!anonymous.to_string().contains(&operator), "{anonymous}");
    let signed_in = app
        .data(Some(&outsider), query, json!({ "id": place }))
        .await;
    assert!(
        fields_of(&history_changes(&signed_in["meetingPlace"])).contains("operatorOrganisationId")
    );
}
