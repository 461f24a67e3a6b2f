//! Mutations: their success paths, the write rows of the permission matrix for every role and
//! ownership, validation, optimistic concurrency, and idempotency keys.

use entity::ParticipantRole;
use serde_json::{Value, json};
use wijkhub::seed::hague;

use crate::helpers::{TestApp, error_codes, single_error, spawn_app};

/// How the caller's organisation relates to the project acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ownership {
    Lead,
    Contributor,
    /// Not taking part; the project is SHARED, so the caller can read it.
    OutsideShared,
    /// Not taking part; the project is INTERNAL, so it does not exist for a partner.
    OutsideInternal,
}

fn project_where(org: &str, ownership: Ownership) -> &'static hague::Project {
    hague::PROJECTS
        .iter()
        .find(|p| {
            let role = p
                .participants
                .iter()
                .find(|x| x.organisation == org)
                .map(|x| x.role);
            match ownership {
                Ownership::Lead => role == Some(ParticipantRole::Lead),
                Ownership::Contributor => role == Some(ParticipantRole::Contributor),
                Ownership::OutsideShared => role.is_none() && p.visibility == "SHARED",
                Ownership::OutsideInternal => role.is_none() && p.visibility == "INTERNAL",
            }
        })
        .unwrap_or_else(|| panic!("demo data has a project where {org} is {ownership:?}"))
}

#[derive(Debug, Clone, Copy)]
enum Write {
    Update,
    AddBudgetLine,
    Assess,
    AddEvaluation,
    Review,
    Delete,
}

const WRITES: [Write; 6] = [
    Write::Update,
    Write::AddBudgetLine,
    Write::Assess,
    Write::AddEvaluation,
    Write::Review,
    Write::Delete,
];

fn mutation(write: Write) -> (&'static str, Value) {
    match write {
        Write::Update => (
            "mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, input: { summary: \"Bijgewerkt door de test.\" }) { version } }",
            json!({}),
        ),
        Write::AddBudgetLine => (
            "mutation($id: ID!, $v: Int) { setBudgetLine(projectId: $id, expectedVersion: $v, input: { year: 2026, source: FUND, amount: \"1250.50\", status: REQUESTED }) { version } }",
            json!({}),
        ),
        Write::Assess => (
            "mutation($id: ID!, $v: Int) { assessEffect(projectId: $id, expectedVersion: $v, input: { effectCode: \"SOCIAL_COHESION\", expectedScore: 2 }) { version } }",
            json!({}),
        ),
        Write::AddEvaluation => (
            "mutation($id: ID!, $v: Int) { addEvaluation(projectId: $id, expectedVersion: $v, input: { kind: MIDTERM, evaluatedOn: \"2027-06-01\", results: \"Goed bezocht.\", lessonsLearned: \"Eerder beginnen.\" }) { version } }",
            json!({}),
        ),
        Write::Review => (
            "mutation($id: ID!, $v: Int) { reviewProject(projectId: $id, expectedVersion: $v, input: { coherence: 2, cooperation: 3, impact: 2, continuation: 1, decision: HOLD, explanation: \"Borging nog onduidelijk.\" }) { version } }",
            json!({}),
        ),
        Write::Delete => (
            "mutation($id: ID!, $v: Int!) { deleteProject(id: $id, expectedVersion: $v) { id version } }",
            json!({}),
        ),
    }
}

/// The write rows of API.md's matrix, stated independently of the policy module.
fn expected(city: bool, role: &str, ownership: Ownership, write: Write) -> &'static str {
    let readable = city || ownership != Ownership::OutsideInternal;
    if !readable {
        return "NOT_FOUND";
    }
    if role == "VIEWER" {
        return "FORBIDDEN";
    }
    let allowed = match write {
        Write::Update => city || matches!(ownership, Ownership::Lead | Ownership::Contributor),
        Write::AddBudgetLine | Write::Assess | Write::Delete => {
            city || ownership == Ownership::Lead
        }
        Write::AddEvaluation => {
            city || matches!(ownership, Ownership::Lead | Ownership::Contributor)
        }
        Write::Review => city,
    };
    if allowed { "OK" } else { "FORBIDDEN" }
}

async fn attempt(app: &TestApp, token: Option<&str>, write: Write, id: &str) -> (String, Value) {
    let version = app.project_state(id).await["version"].clone();
    let (query, _) = mutation(write);
    let body = app
        .graphql(token, query, json!({ "id": id, "v": version }))
        .await;
    let outcome = match error_codes(&body).as_slice() {
        [] => "OK".to_owned(),
        [code] => code.clone(),
        codes => panic!("several errors: {codes:?}"),
    };
    (outcome, body)
}

#[tokio::test]
async fn project_writes_follow_the_matrix_for_every_role_and_ownership() {
    let callers: [Option<(&str, &str)>; 6] = [
        None,
        Some(("programmabureau", "ADMIN")),
        Some(("dpz", "EDITOR")),
        Some(("ocw", "VIEWER")),
        Some(("haag-wonen", "EDITOR")),
        Some(("haag-wonen", "VIEWER")),
    ];
    let ownerships = [
        Ownership::Lead,
        Ownership::Contributor,
        Ownership::OutsideShared,
        Ownership::OutsideInternal,
    ];
    for caller in callers {
        // A fresh database per caller: allowed deletes must not hide projects from the next.
        let app = spawn_app().await;
        let token = caller.map(|(org, role)| app.token(org, role));
        for ownership in ownerships {
            // Ownership is that of haag-wonen; city callers act on the same projects.
            let project = project_where("haag-wonen", ownership);
            let id = app.project_id(&project.title).await;
            for write in WRITES {
                let before = app.project_state(&id).await;
                let trail = app.trail().await;
                let refusals = app.refusals().await.len();
                let (outcome, body) = attempt(&app, token.as_deref(), write, &id).await;
                let want = match caller {
                    None => "UNAUTHENTICATED",
                    Some((org, role)) => expected(org != "haag-wonen", role, ownership, write),
                };
                assert_eq!(outcome, want, "{caller:?} {ownership:?} {write:?}: {body}");
                if outcome == "OK" {
                    let (audit, changes) = app.trail().await;
                    assert_eq!(
                        (audit, changes),
                        (trail.0 + 1, trail.1 + 1),
                        "one audit and one change per write"
                    );
                    if !matches!(write, Write::Delete) {
                        let after = app.project_state(&id).await;
                        assert_eq!(
                            after["version"],
                            json!(before["version"].as_i64().unwrap_or_default() + 1)
                        );
                    }
                } else {
                    assert_eq!(
                        app.project_state(&id).await,
                        before,
                        "a refused write changes nothing"
                    );
                    assert_eq!(
                        app.trail().await,
                        trail,
                        "a refused write leaves no audit or change row"
                    );
                    let audited =
                        usize::from(matches!(outcome.as_str(), "FORBIDDEN" | "UNAUTHENTICATED"));
                    let now_refused = app.refusals().await;
                    assert_eq!(
                        now_refused.len(),
                        refusals + audited,
                        "refused access is audited"
                    );
                    if audited == 1 {
                        let newest = now_refused
                            .iter()
                            .max_by_key(|r| (r.occurred_at, r.id))
                            .and_then(|r| r.details.clone());
                        assert_eq!(
                            newest.map(|d| d["code"].clone()),
                            Some(json!(outcome)),
                            "the audit record names the code the caller got"
                        );
                    }
                }
                if matches!(write, Write::Delete) && outcome == "OK" {
                    let gone = app
                        .graphql(
                            Some(&app.token("programmabureau", "ADMIN")),
                            "query($id: ID!) { project(id: $id) { id } }",
                            json!({ "id": id }),
                        )
                        .await;
                    assert_eq!(
                        single_error(&gone).0,
                        "NOT_FOUND",
                        "a deleted project is gone for readers"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn a_partner_editor_creates_a_project_and_leads_it() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let data = app
        .data(
            Some(&token),
            r#"mutation { createProject(input: { title: "Groene binnentuinen Moerwijk", summary: "Bewoners vergroenen samen hun binnentuinen.",
                 wijkCodes: ["WK051836"], themes: [LIVING_ENVIRONMENT, MEETING], visibility: INTERNAL }) {
                 id version phase visibility lead { code } wijken { code } themes } }"#,
            json!({}),
        )
        .await;
    let project = &data["createProject"];
    assert_eq!(project["version"], 1);
    assert_eq!(project["phase"], "IDEA");
    assert_eq!(project["lead"]["code"], "haag-wonen");
    assert_eq!(project["wijken"], json!([{ "code": "WK051836" }]));
    // INTERNAL: readable for the creator, invisible for an outsider.
    let outsider = app.token("staedion", "EDITOR");
    let hidden = app
        .graphql(
            Some(&outsider),
            "query($id: ID!) { project(id: $id) { id } }",
            json!({ "id": project["id"] }),
        )
        .await;
    assert_eq!(single_error(&hidden).0, "NOT_FOUND");
    let viewer = app.token("haag-wonen", "VIEWER");
    let refused = app
        .graphql(Some(&viewer), r#"mutation { createProject(input: { title: "x", summary: "", wijkCodes: ["WK051836"], themes: [WORK] }) { id } }"#, json!({}))
        .await;
    assert_eq!(single_error(&refused).0, "FORBIDDEN");
}

#[tokio::test]
async fn invalid_input_is_refused_with_the_field_and_writes_nothing() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let id = app
        .project_id(&project_where("haag-wonen", Ownership::Lead).title)
        .await;
    let version = app.project_state(&id).await["version"].clone();
    let trail = app.trail().await;
    let create = |input: &str| format!("mutation {{ createProject(input: {input}) {{ id }} }}");
    let cases: Vec<(String, Value, &str)> = vec![
        (create(r#"{ title: "  ", summary: "", wijkCodes: ["WK051836"], themes: [WORK] }"#), json!({}), "input.title"),
        (create(r#"{ title: "x", summary: "", wijkCodes: [], themes: [WORK] }"#), json!({}), "input.wijkCodes"),
        (create(r#"{ title: "x", summary: "", wijkCodes: ["WK999999"], themes: [WORK] }"#), json!({}), "input.wijkCodes"),
        (create(r#"{ title: "x", summary: "", wijkCodes: ["WK051836"], themes: [] }"#), json!({}), "input.themes"),
        (
            create(r#"{ title: "x", summary: "", wijkCodes: ["WK051836"], themes: [WORK], startsOn: "2027-01-01", endsOn: "2026-01-01" }"#),
            json!({}),
            "input.endsOn",
        ),
        (create(r#"{ title: "x", summary: "", wijkCodes: ["WK051836"], themes: [WORK], phase: RUNNING }"#), json!({}), "input.phase"),
        (
            "mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, input: { phase: EMBEDDED }) { id } }".into(),
            json!({ "id": id, "v": version }),
            "input.phase",
        ),
        (
            "mutation($id: ID!) { assessEffect(projectId: $id, input: { effectCode: \"SOCIAL_COHESION\", expectedScore: 4 }) { id } }".into(),
            json!({ "id": id }),
            "input.expectedScore",
        ),
        (
            "mutation($id: ID!) { assessEffect(projectId: $id, input: { effectCode: \"NO_SUCH_EFFECT\", expectedScore: 1 }) { id } }".into(),
            json!({ "id": id }),
            "input.effectCode",
        ),
        (
            "mutation($id: ID!) { setBudgetLine(projectId: $id, input: { year: 1999, source: FUND, amount: \"10.00\", status: BUDGETED }) { id } }".into(),
            json!({ "id": id }),
            "input.year",
        ),
        (
            "mutation($id: ID!) { setBudgetLine(projectId: $id, input: { year: 2026, source: FUND, amount: \"-10.00\", status: BUDGETED }) { id } }".into(),
            json!({ "id": id }),
            "input.amount",
        ),
        (
            r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "", description: "x", urgency: LOW }) { id } }"#.into(),
            json!({}),
            "input.title",
        ),
        (
            r#"mutation { createContactPerson(input: { name: "A. Jansen", function: OTHER, email: "geen-adres" }) { id } }"#.into(),
            json!({}),
            "input.email",
        ),
        (
            r#"mutation { createMeetingPlace(input: { name: "Buurtkamer", kind: NEIGHBOURHOOD_ROOM, street: "Straat", houseNumber: "1", postcode: "12345", wijkCode: "WK051836", management: SELF_MANAGED }) { id } }"#.into(),
            json!({}),
            "input.postcode",
        ),
    ];
    for (query, variables, field) in cases {
        let body = app.graphql(Some(&token), &query, variables).await;
        assert_eq!(
            single_error(&body),
            ("BAD_USER_INPUT".to_owned(), Some(field.to_owned())),
            "{query}: {body}"
        );
    }
    assert_eq!(app.trail().await, trail, "refused input leaves no trace");
    assert_eq!(app.project_state(&id).await["version"], version);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_and_the_retry_succeeds() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let id = app.project_id(&hague::PROJECTS[0].title).await;
    let update = "mutation($id: ID!, $v: Int!, $s: String!) { updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { version summary } }";
    let first = app
        .data(
            Some(&token),
            update,
            json!({ "id": id, "v": 1, "s": "Eerste." }),
        )
        .await;
    assert_eq!(first["updateProject"]["version"], 2);
    let trail = app.trail().await;
    let stale = app
        .graphql(
            Some(&token),
            update,
            json!({ "id": id, "v": 1, "s": "Tweede." }),
        )
        .await;
    assert_eq!(single_error(&stale).0, "CONFLICT");
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 2);
    assert_eq!(app.trail().await, trail);
    assert_eq!(app.project_state(&id).await["summary"], "Eerste.");
    let retry = app
        .data(
            Some(&token),
            update,
            json!({ "id": id, "v": 2, "s": "Tweede." }),
        )
        .await;
    assert_eq!(
        retry["updateProject"],
        json!({ "version": 3, "summary": "Tweede." })
    );
}

/// The audit record of an update holds the fields that changed (before and after), and its
/// change-log row who could read the project before; on PostgreSQL the everyday update is one
/// statement, a patch with links takes the general path, and both record the same.
#[tokio::test]
async fn an_update_records_what_changed_and_who_read_the_project_before() {
    use sea_orm::{EntityTrait, QueryOrder};
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let project = project_where("haag-wonen", Ownership::Lead);
    let id = app.project_id(&project.title).await;
    let admin = app.token("programmabureau", "ADMIN");
    let read = "query($id: ID!) { project(id: $id) { version title summary visibility targetGroups
        participants { organisation { code } } } }";
    let newest = |app: &TestApp| {
        let db = app.state.db.clone();
        async move {
            let audit = entity::audit_log::Entity::find()
                .order_by_desc(entity::audit_log::Column::Id)
                .one(&db)
                .await
                .expect("audit")
                .expect("an audit row");
            let change = entity::change_log::Entity::find()
                .order_by_desc(entity::change_log::Column::Id)
                .one(&db)
                .await
                .expect("change")
                .expect("a change row");
            (audit, change)
        }
    };
    let readers = |state: &Value| {
        let mut ids: Vec<String> = state["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .map(|p| {
                app.org_id(p["organisation"]["code"].as_str().expect("code"))
                    .to_string()
            })
            .collect();
        ids.sort();
        ids
    };
    let ids_of = |value: &Value| {
        let mut ids: Vec<String> = value
            .as_array()
            .expect("participants")
            .iter()
            .map(|v| v.as_str().expect("id").to_owned())
            .collect();
        ids.sort();
        ids
    };

    // The everyday patch: the title given unchanged, three fields changed.
    let before = app.data(Some(&admin), read, json!({ "id": id })).await["project"].clone();
    let visibility = if before["visibility"] == "SHARED" {
        "INTERNAL"
    } else {
        "SHARED"
    };
    let updated = app
        .data(
            Some(&token),
            r#"mutation($id: ID!, $v: Int!, $t: String!, $vis: Visibility!) {
               updateProject(id: $id, expectedVersion: $v, input: {
                 title: $t, summary: "Met de bewoners van de Morgenstond.", visibility: $vis,
                 targetGroups: ["huurders", "eigenaar-bewoners"] }) { version visibility } }"#,
            json!({ "id": id, "v": before["version"], "t": before["title"], "vis": visibility }),
        )
        .await;
    assert_eq!(updated["updateProject"]["visibility"], visibility);
    let (audit, change) = newest(&app).await;
    assert_eq!(audit.action, "updateProject");
    assert_eq!(audit.object_id.map(|u| u.to_string()), Some(id.clone()));
    assert_eq!(audit.actor_organisation_id, Some(app.org_id("haag-wonen")));
    assert_eq!(
        audit.details,
        Some(json!({
            "before": {
                "summary": before["summary"],
                "visibility": before["visibility"],
                "targetGroups": before["targetGroups"],
            },
            "after": {
                "summary": "Met de bewoners van de Morgenstond.",
                "visibility": visibility,
                "targetGroups": ["huurders", "eigenaar-bewoners"],
            },
        })),
        "the changed fields, and not the title given unchanged"
    );
    assert_eq!(change.entity_id.to_string(), id);
    assert_eq!(change.operation, entity::ChangeOperation::Updated);
    assert_eq!(
        Value::from(change.version),
        updated["updateProject"]["version"]
    );
    let readers_before = change.readers_before.expect("readers before");
    assert_eq!(
        readers_before["shared"],
        json!(before["visibility"] == "SHARED")
    );
    assert_eq!(ids_of(&readers_before["participants"]), readers(&before));

    // A patch with links: the general path, the same record.
    let before = app.data(Some(&admin), read, json!({ "id": id })).await["project"].clone();
    app.data(
        Some(&token),
        r#"mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, input: {
           summary: "Samen met de bewoners.", themes: [LIVING_ENVIRONMENT] }) { version } }"#,
        json!({ "id": id, "v": before["version"] }),
    )
    .await;
    let (audit, change) = newest(&app).await;
    assert_eq!(
        audit.details,
        Some(json!({
            "before": { "summary": before["summary"] },
            "after": { "summary": "Samen met de bewoners.", "themes": ["LIVING_ENVIRONMENT"] },
        }))
    );
    let readers_before = change.readers_before.expect("readers before");
    assert_eq!(
        readers_before["shared"],
        json!(before["visibility"] == "SHARED")
    );
    assert_eq!(ids_of(&readers_before["participants"]), readers(&before));
}

#[tokio::test]
async fn fifty_simultaneous_updates_at_one_version_let_exactly_one_through() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let id = app.project_id(&hague::PROJECTS[1].title).await;
    let before = app.project_state(&id).await["version"]
        .as_i64()
        .expect("version");
    let (audit_before, _) = app.trail().await;
    let update = "mutation($id: ID!, $v: Int!, $s: String!) { updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { version } }";
    let mut clients = Vec::new();
    for n in 0..50 {
        let client = app.client.clone();
        let url = format!("{}/graphql", app.address);
        let body = json!({ "query": update, "variables": { "id": id, "v": before, "s": format!("Versie van client {n}.") } });
        let token = token.clone();
        clients.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .expect("send");
            response.json::<Value>().await.expect("json")
        }));
    }
    let mut succeeded = 0;
    let mut conflicts = 0;
    for client in clients {
        let body = client.await.expect("client task");
        match error_codes(&body).as_slice() {
            [] => succeeded += 1,
            [code] if code == "CONFLICT" => conflicts += 1,
            other => panic!("unexpected outcome {other:?}: {body}"),
        }
    }
    assert_eq!((succeeded, conflicts), (1, 49));
    assert_eq!(app.project_state(&id).await["version"], json!(before + 1));
    assert_eq!(
        app.trail().await.0,
        audit_before + 1,
        "exactly one audit entry"
    );
}

#[tokio::test]
async fn a_retried_request_with_the_same_idempotency_key_writes_once() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let body = json!({ "query": r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "Donkere steeg", description: "Verlichting in de steeg achter de winkels is kapot.", urgency: MEDIUM }) { id version } }"# });
    let send = |body: Value, key: &'static str| {
        let request = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .header("Idempotency-Key", key)
            .json(&body);
        async move { request.send().await.expect("send") }
    };
    let trail = app.trail().await;
    let first: Value = send(body.clone(), "report-1")
        .await
        .json()
        .await
        .expect("json");
    let replay = send(body.clone(), "report-1").await;
    assert_eq!(
        replay
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let second: Value = replay.json().await.expect("json");
    assert!(first.get("errors").is_none(), "{first}");
    assert_eq!(
        first, second,
        "the retry answers what the first request answered"
    );
    assert_eq!(
        app.trail().await,
        (trail.0 + 1, trail.1 + 1),
        "written once"
    );

    let other = json!({ "query": r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "Iets anders", description: "x", urgency: LOW }) { id } }"# });
    let misuse = send(other, "report-1").await;
    assert_eq!(misuse.status(), 422);
    let misuse: Value = misuse.json().await.expect("json");
    assert_eq!(
        misuse["errors"][0]["extensions"]["field"],
        "Idempotency-Key"
    );
    assert_eq!(app.trail().await, (trail.0 + 1, trail.1 + 1));
}

#[tokio::test]
async fn mutations_are_refused_over_get() {
    let app = spawn_app().await;
    let token = app.token("dpz", "EDITOR");
    let response = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", "mutation { reportSignal(input: { wijkCode: \"WK051836\", theme: SAFETY, title: \"x\", description: \"y\", urgency: LOW }) { id } }")])
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 405);
    let trail = app.trail().await;
    assert_eq!(trail, (0, 0), "nothing was written");
}

#[tokio::test]
async fn meeting_places_contacts_and_signals_round_trip() {
    let app = spawn_app().await;
    let partner = app.token("mooi-welzijn", "EDITOR");
    let place = app
        .data(
            Some(&partner),
            r#"mutation { createMeetingPlace(input: { name: "Buurtkamer Zuiderpark", kind: NEIGHBOURHOOD_ROOM, street: "Erasmusweg", houseNumber: "12", postcode: "2532ab", wijkCode: "WK051836", management: WELFARE_ORGANISATION, wheelchairAccessible: true }) { id version postcode: address { postcode } operator { code } } }"#,
            json!({}),
        )
        .await["createMeetingPlace"]
        .clone();
    assert_eq!(place["operator"]["code"], "mooi-welzijn");
    assert_eq!(place["postcode"]["postcode"], "2532 AB");
    // Another partner may read the place but not change it.
    let other = app.token("haag-wonen", "EDITOR");
    let refused = app
        .graphql(
            Some(&other),
            "mutation($id: ID!) { deleteMeetingPlace(id: $id, expectedVersion: 1) { id } }",
            json!({ "id": place["id"] }),
        )
        .await;
    assert_eq!(single_error(&refused).0, "FORBIDDEN");
    let deleted = app
        .data(
            Some(&partner),
            "mutation($id: ID!) { deleteMeetingPlace(id: $id, expectedVersion: 1) { id version } }",
            json!({ "id": place["id"] }),
        )
        .await;
    assert_eq!(deleted["deleteMeetingPlace"]["version"], 2);
    let gone = app
        .graphql(
            None,
            "query($id: ID!) { meetingPlace(id: $id) { id } }",
            json!({ "id": place["id"] }),
        )
        .await;
    assert_eq!(single_error(&gone).0, "NOT_FOUND");

    let contact = app
        .data(
            Some(&partner),
            r#"mutation { createContactPerson(input: { name: "S. de Vries", function: COMMUNITY_WORKER, email: "S.deVries@mooiwelzijn.example", wijkCodes: ["WK051836"] }) { id version email organisation { code } wijken { code } } }"#,
            json!({}),
        )
        .await["createContactPerson"]
        .clone();
    assert_eq!(contact["email"], "s.devries@mooiwelzijn.example");
    assert_eq!(contact["organisation"]["code"], "mooi-welzijn");
    let removed = app
        .data(
            Some(&partner),
            "mutation($id: ID!) { deleteContactPerson(id: $id, expectedVersion: 1) { id } }",
            json!({ "id": contact["id"] }),
        )
        .await;
    assert_eq!(removed["deleteContactPerson"]["id"], contact["id"]);
    let row = entity::contact_person::Entity::find_by_id(
        uuid::Uuid::parse_str(contact["id"].as_str().expect("id")).expect("uuid"),
    );
    use sea_orm::EntityTrait;
    assert!(
        row.one(&app.state.db).await.expect("query").is_none(),
        "contact persons are deleted for real"
    );

    let signal = app
        .data(
            Some(&partner),
            r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: POVERTY, title: "Lege voedselbank", description: "De voedselbank heeft te weinig voorraad.", urgency: HIGH }) { id version status reportingOrganisation { code } } }"#,
            json!({}),
        )
        .await["reportSignal"]
        .clone();
    assert_eq!(signal["status"], "NEW");
    let triage = "mutation($id: ID!, $v: Int!, $s: SignalStatus!) { updateSignalStatus(id: $id, expectedVersion: $v, input: { status: $s, followUpNote: \"Opgepakt.\" }) { version status } }";
    let refused = app
        .graphql(
            Some(&partner),
            triage,
            json!({ "id": signal["id"], "v": 1, "s": "IN_PROGRESS" }),
        )
        .await;
    assert_eq!(
        single_error(&refused).0,
        "FORBIDDEN",
        "only the city triages"
    );
    let city = app.token("dpz", "EDITOR");
    let skipped = app
        .graphql(
            Some(&city),
            triage,
            json!({ "id": signal["id"], "v": 1, "s": "CLOSED" }),
        )
        .await;
    assert_eq!(
        single_error(&skipped),
        ("BAD_USER_INPUT".to_owned(), Some("input.status".to_owned()))
    );
    let moved = app
        .data(
            Some(&city),
            triage,
            json!({ "id": signal["id"], "v": 1, "s": "IN_PROGRESS" }),
        )
        .await;
    assert_eq!(
        moved["updateSignalStatus"],
        json!({ "version": 2, "status": "IN_PROGRESS" })
    );
}

#[tokio::test]
async fn the_lead_manages_participants_budget_links_and_continuation() {
    let app = spawn_app().await;
    let lead = project_where("haag-wonen", Ownership::Lead);
    let token = app.token("haag-wonen", "EDITOR");
    let id = app.project_id(&lead.title).await;
    let other = app
        .project_id(&project_where("haag-wonen", Ownership::OutsideShared).title)
        .await;
    let xtra = app.org_id("xtra").to_string();
    let staedion = app.org_id("staedion").to_string();

    let added = app
        .data(
            Some(&token),
            "mutation($p: ID!, $o: ID!) { setProjectParticipant(projectId: $p, organisationId: $o, role: ADVISER, contribution: \"Advies over bewonersparticipatie\") { version participants { role organisation { code } } } }",
            json!({ "p": id, "o": xtra }),
        )
        .await;
    let participants = added["setProjectParticipant"]["participants"]
        .as_array()
        .expect("participants");
    assert!(
        participants
            .iter()
            .any(|p| p["organisation"]["code"] == "xtra" && p["role"] == "ADVISER")
    );

    // Handing over the lead keeps exactly one LEAD.
    let handed = app
        .data(
            Some(&token),
            "mutation($p: ID!, $o: ID!) { setProjectParticipant(projectId: $p, organisationId: $o, role: LEAD) { lead { code } participants { role organisation { code } } } }",
            json!({ "p": id, "o": staedion }),
        )
        .await["setProjectParticipant"]
        .clone();
    assert_eq!(handed["lead"]["code"], "staedion");
    let leads = handed["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .filter(|p| p["role"] == "LEAD")
        .count();
    assert_eq!(leads, 1);
    assert!(
        handed["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .any(|p| p["organisation"]["code"] == "haag-wonen" && p["role"] == "CONTRIBUTOR")
    );

    // haag-wonen now contributes: it may update, no longer manage.
    let refused = app
        .graphql(Some(&token), "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { version } }", json!({ "p": id, "o": xtra }))
        .await;
    assert_eq!(single_error(&refused).0, "FORBIDDEN");
    let new_lead = app.token("staedion", "EDITOR");
    let removed = app
        .data(Some(&new_lead), "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { participants { organisation { code } } } }", json!({ "p": id, "o": xtra }))
        .await;
    assert!(
        !removed["removeProjectParticipant"]["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .any(|p| p["organisation"]["code"] == "xtra")
    );
    let lead_gone = app
        .graphql(Some(&new_lead), "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { version } }", json!({ "p": id, "o": staedion }))
        .await;
    assert_eq!(
        single_error(&lead_gone),
        (
            "BAD_USER_INPUT".to_owned(),
            Some("organisationId".to_owned())
        )
    );

    let with_line = app
        .data(
            Some(&new_lead),
            "mutation($p: ID!) { setBudgetLine(projectId: $p, input: { year: 2027, source: HOUSING_CORPORATION, amount: \"15000\", status: BUDGETED, scheme: \"Opwaartse kracht\" }) { budget { lines { id amount scheme } } } }",
            json!({ "p": id }),
        )
        .await;
    let line = with_line["setBudgetLine"]["budget"]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["amount"] == "15000.00")
        .expect("the new line")
        .clone();
    let changed = app
        .data(
            Some(&new_lead),
            "mutation($p: ID!, $l: ID!) { setBudgetLine(projectId: $p, id: $l, input: { year: 2027, source: HOUSING_CORPORATION, amount: \"17500.25\", status: GRANTED }) { budget { lines { id amount status } } } }",
            json!({ "p": id, "l": line["id"] }),
        )
        .await;
    assert!(
        changed["setBudgetLine"]["budget"]["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .any(|l| l["id"] == line["id"]
                && l["amount"] == "17500.25"
                && l["status"] == "GRANTED")
    );
    let without = app
        .data(
            Some(&new_lead),
            "mutation($l: ID!) { removeBudgetLine(id: $l) { budget { lines { id } } } }",
            json!({ "l": line["id"] }),
        )
        .await;
    assert!(
        !without["removeBudgetLine"]["budget"]["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .any(|l| l["id"] == line["id"])
    );

    let linked = app
        .data(Some(&new_lead), "mutation($a: ID!, $b: ID!) { linkProjects(fromProjectId: $a, toProjectId: $b, kind: COMPLEMENTS) { links { kind direction project { id } } } }", json!({ "a": id, "b": other }))
        .await;
    assert!(
        linked["linkProjects"]["links"]
            .as_array()
            .expect("links")
            .iter()
            .any(|l| l["project"]["id"] == json!(other) && l["direction"] == "OUTGOING")
    );
    let unlinked = app
        .data(Some(&new_lead), "mutation($a: ID!, $b: ID!) { unlinkProjects(fromProjectId: $a, toProjectId: $b) { links { project { id } } } }", json!({ "a": id, "b": other }))
        .await;
    assert!(
        !unlinked["unlinkProjects"]["links"]
            .as_array()
            .expect("links")
            .iter()
            .any(|l| l["project"]["id"] == json!(other))
    );

    let continued = app
        .data(Some(&new_lead), "mutation($p: ID!, $o: ID) { setContinuation(projectId: $p, input: { carrierOrganisationId: $o, funding: \"Reguliere begroting welzijn\", status: PREPARING }) { continuation { status funding carrier { code } } } }", json!({ "p": id, "o": xtra }))
        .await;
    assert_eq!(
        continued["setContinuation"]["continuation"],
        json!({ "status": "PREPARING", "funding": "Reguliere begroting welzijn", "carrier": { "code": "xtra" } })
    );
}

#[tokio::test]
async fn places_contacts_and_signal_links_can_be_updated() {
    let app = spawn_app().await;
    let city = app.token("dpz", "EDITOR");
    let places = app
        .data(
            Some(&city),
            "{ meetingPlaces { nodes { id name version wijk { code } } } }",
            json!({}),
        )
        .await;
    let place = places["meetingPlaces"]["nodes"][0].clone();
    let update = "mutation($id: ID!, $v: Int!, $w: String!) { updateMeetingPlace(id: $id, expectedVersion: $v, input: { name: \"Nieuwe naam\", kind: COMMUNITY_CENTRE, street: \"Straat\", houseNumber: \"2\", postcode: \"2521 AB\", wijkCode: $w, management: MUNICIPALITY, capacity: 120 }) { name version capacity } }";
    let updated = app
        .data(
            Some(&city),
            update,
            json!({ "id": place["id"], "v": place["version"], "w": place["wijk"]["code"] }),
        )
        .await;
    assert_eq!(updated["updateMeetingPlace"]["name"], "Nieuwe naam");
    assert_eq!(
        updated["updateMeetingPlace"]["version"],
        json!(place["version"].as_i64().unwrap_or_default() + 1)
    );
    let stale = app
        .graphql(
            Some(&city),
            update,
            json!({ "id": place["id"], "v": place["version"], "w": place["wijk"]["code"] }),
        )
        .await;
    assert_eq!(single_error(&stale).0, "CONFLICT");

    let contacts = app
        .data(
            Some(&city),
            "{ contactPersons(first: 1) { nodes { id version organisation { id } } } }",
            json!({}),
        )
        .await;
    let contact = contacts["contactPersons"]["nodes"][0].clone();
    let renamed = app
        .data(
            Some(&city),
            "mutation($id: ID!, $v: Int!) { updateContactPerson(id: $id, expectedVersion: $v, input: { name: \"J. Bakker\", function: WIJKMANAGER, email: \"j.bakker@denhaag.example\", phone: \"070 123 45 67\", wijkCodes: [\"WK051836\"] }) { name version phone wijken { code } } }",
            json!({ "id": contact["id"], "v": contact["version"] }),
        )
        .await;
    assert_eq!(renamed["updateContactPerson"]["name"], "J. Bakker");
    assert_eq!(
        renamed["updateContactPerson"]["wijken"],
        json!([{ "code": "WK051836" }])
    );

    let signals = app
        .data(
            Some(&city),
            "{ signals(first: 1) { nodes { id version } } }",
            json!({}),
        )
        .await;
    let signal = signals["signals"]["nodes"][0].clone();
    let project = app.project_id(&hague::PROJECTS[2].title).await;
    let linked = app
        .data(Some(&city), "mutation($s: ID!, $p: ID!) { linkSignalToProject(signalId: $s, projectId: $p) { version projects { id } } }", json!({ "s": signal["id"], "p": project }))
        .await;
    assert!(
        linked["linkSignalToProject"]["projects"]
            .as_array()
            .expect("projects")
            .iter()
            .any(|p| p["id"] == json!(project))
    );
    assert_eq!(
        linked["linkSignalToProject"]["version"],
        json!(signal["version"].as_i64().unwrap_or_default() + 1)
    );
}

#[tokio::test]
async fn history_shows_who_changed_what_without_city_only_fields_for_partners() {
    let app = spawn_app().await;
    let city = app.token("dpz", "EDITOR");
    let lead = project_where("haag-wonen", Ownership::Lead);
    let id = app.project_id(&lead.title).await;
    app.data(
        Some(&city),
        "mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, input: { summary: \"Nieuwe samenvatting.\", internalNotes: \"Alleen voor de gemeente.\" }) { version } }",
        json!({ "id": id, "v": 1 }),
    )
    .await;
    let query = "query($id: ID!) { project(id: $id) { history { totalCount nodes { action organisation { code } changes { field before after } } } } }";
    let seen_by_city = app.data(Some(&city), query, json!({ "id": id })).await;
    let entry = &seen_by_city["project"]["history"]["nodes"][0];
    assert_eq!(seen_by_city["project"]["history"]["totalCount"], 1);
    assert_eq!(entry["action"], "updateProject");
    assert_eq!(entry["organisation"]["code"], "dpz");
    let fields: Vec<&str> = entry["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"summary") && fields.contains(&"internalNotes"),
        "{fields:?}"
    );

    let partner = app.token("haag-wonen", "VIEWER");
    let seen_by_partner = app.data(Some(&partner), query, json!({ "id": id })).await;
    let fields: Vec<&str> = seen_by_partner["project"]["history"]["nodes"][0]["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["field"].as_str())
        .collect();
    assert!(fields.contains(&"summary"));
    assert!(
        !fields.contains(&"internalNotes"),
        "partners do not see internal notes in history"
    );
}

/// The rows of the matrix on contact persons, meeting places, signals and organisations, for
/// every role and organisation kind, on objects of the caller's own organisation and of others.
#[tokio::test]
async fn the_other_write_rows_follow_the_matrix() {
    let callers = [
        ("programmabureau", "ADMIN"),
        ("dpz", "EDITOR"),
        ("ocw", "VIEWER"),
        ("mooi-welzijn", "EDITOR"),
        ("mooi-welzijn", "VIEWER"),
    ];
    let app = spawn_app().await;
    let admin = app.token("programmabureau", "ADMIN");
    // One meeting place and one contact of mooi-welzijn, and one of another organisation.
    let place = |operator: &str, name: &str| {
        format!(
            r#"mutation {{ createMeetingPlace(input: {{ name: "{name}", kind: NEIGHBOURHOOD_ROOM, street: "Straat", houseNumber: "1", postcode: "2532 AB", wijkCode: "WK051836", management: WELFARE_ORGANISATION, operatorOrganisationId: "{operator}" }}) {{ id version }} }}"#
        )
    };
    let own_place = app
        .data(
            Some(&admin),
            &place(&app.org_id("mooi-welzijn").to_string(), "Eigen plek"),
            json!({}),
        )
        .await["createMeetingPlace"]["id"]
        .clone();
    let other_place = app
        .data(
            Some(&admin),
            &place(&app.org_id("xtra").to_string(), "Andere plek"),
            json!({}),
        )
        .await["createMeetingPlace"]["id"]
        .clone();
    let contact = |org: &str, email: &str| {
        format!(
            r#"mutation {{ createContactPerson(input: {{ organisationId: "{org}", name: "N. N.", function: OTHER, email: "{email}" }}) {{ id }} }}"#
        )
    };
    let own_contact = app
        .data(
            Some(&admin),
            &contact(&app.org_id("mooi-welzijn").to_string(), "a@mooi.example"),
            json!({}),
        )
        .await["createContactPerson"]["id"]
        .clone();
    let other_contact = app
        .data(
            Some(&admin),
            &contact(&app.org_id("xtra").to_string(), "b@xtra.example"),
            json!({}),
        )
        .await["createContactPerson"]["id"]
        .clone();

    for (org, role) in callers {
        let token = app.token(org, role);
        let city = org != "mooi-welzijn";
        let writer = role != "VIEWER";
        let outcome = |allowed: bool| if allowed { "OK" } else { "FORBIDDEN" };
        let version = |kind: &'static str, id: Value| {
            let app = &app;
            let admin = admin.clone();
            async move {
                let (query, variables) = match kind {
                    "place" => (
                        "query($id: ID!) { meetingPlace(id: $id) { version } }",
                        json!({ "id": id }),
                    ),
                    _ => (
                        "{ contactPersons(first: 500) { nodes { id version } } }",
                        json!({}),
                    ),
                };
                let data = app.data(Some(&admin), query, variables).await;
                match kind {
                    "place" => data["meetingPlace"]["version"].clone(),
                    _ => data["contactPersons"]["nodes"]
                        .as_array()
                        .expect("nodes")
                        .iter()
                        .find(|n| n["id"] == id)
                        .expect("contact")["version"]
                        .clone(),
                }
            }
        };
        let cases: Vec<(&str, String, Value, &str)> = vec![
            (
                "update own place",
                "mutation($id: ID!, $v: Int!) { updateMeetingPlace(id: $id, expectedVersion: $v, input: { name: \"Eigen plek\", kind: NEIGHBOURHOOD_ROOM, street: \"Straat\", houseNumber: \"2\", postcode: \"2532 AB\", wijkCode: \"WK051836\", management: WELFARE_ORGANISATION, operatorOrganisationId: $op }) { id } }".replace("$op", &format!("\"{}\"", app.org_id("mooi-welzijn"))),
                json!({ "id": own_place, "v": version("place", own_place.clone()).await }),
                outcome(writer),
            ),
            (
                "update another's place",
                "mutation($id: ID!, $v: Int!) { updateMeetingPlace(id: $id, expectedVersion: $v, input: { name: \"Andere plek\", kind: NEIGHBOURHOOD_ROOM, street: \"Straat\", houseNumber: \"2\", postcode: \"2532 AB\", wijkCode: \"WK051836\", management: WELFARE_ORGANISATION, operatorOrganisationId: $op }) { id } }".replace("$op", &format!("\"{}\"", app.org_id("xtra"))),
                json!({ "id": other_place, "v": version("place", other_place.clone()).await }),
                outcome(writer && city),
            ),
            (
                "update own contact",
                "mutation($id: ID!, $v: Int!) { updateContactPerson(id: $id, expectedVersion: $v, input: { name: \"N. N.\", function: OTHER, email: \"a@mooi.example\" }) { id } }".into(),
                json!({ "id": own_contact, "v": version("contact", own_contact.clone()).await }),
                outcome(writer),
            ),
            (
                "update another's contact",
                "mutation($id: ID!, $v: Int!) { updateContactPerson(id: $id, expectedVersion: $v, input: { name: \"N. N.\", function: OTHER, email: \"b@xtra.example\" }) { id } }".into(),
                json!({ "id": other_contact, "v": version("contact", other_contact.clone()).await }),
                outcome(writer && city),
            ),
            (
                "report a signal",
                r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: HOUSING, title: "Vocht in portiekflats", description: "Veel meldingen van schimmel.", urgency: MEDIUM }) { id } }"#.into(),
                json!({}),
                outcome(writer),
            ),
            (
                "create an organisation",
                format!(r#"mutation {{ createOrganisation(input: {{ code: "org-{}", name: "Nieuw", kind: PARTNER, partnerType: OTHER }}) {{ id }} }}"#, org),
                json!({}),
                outcome(role == "ADMIN"),
            ),
        ];
        for (what, query, variables, want) in cases {
            let trail = app.trail().await;
            let body = app.graphql(Some(&token), &query, variables).await;
            let got = match error_codes(&body).as_slice() {
                [] => "OK".to_owned(),
                [code] => code.clone(),
                other => panic!("{other:?}"),
            };
            assert_eq!(got, want, "{org} {role}: {what}: {body}");
            if got != "OK" {
                assert_eq!(
                    app.trail().await,
                    trail,
                    "{org} {role}: {what} changed nothing"
                );
            }
        }
        // Triage belongs to city editors.
        let signal = app
            .data(
                Some(&admin),
                "{ signals(first: 1, filter: { status: NEW }) { nodes { id version } } }",
                json!({}),
            )
            .await["signals"]["nodes"][0]
            .clone();
        let body = app
            .graphql(
                Some(&token),
                "mutation($id: ID!, $v: Int!) { updateSignalStatus(id: $id, expectedVersion: $v, input: { status: IN_PROGRESS }) { version } }",
                json!({ "id": signal["id"], "v": signal["version"] }),
            )
            .await;
        let got = error_codes(&body)
            .first()
            .cloned()
            .unwrap_or_else(|| "OK".into());
        let want = if city && writer { "OK" } else { "FORBIDDEN" };
        assert_eq!(got, want, "{org} {role}: triage: {body}");
    }
}
