//! The change feed's three promises: a first sync starts from nothing, no change is skipped
//! however writers interleave, and a mirror converges to exactly what its caller may read.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};
use wijkhub::seed::hague;

use crate::helpers::{TestApp, error_codes, spawn_app};

const FEED: &str = "query($after: String, $first: Int) { changes(after: $after, first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes { cursor entityType entityId operation version object { __typename ... on Project { id title visibility } } }
} }";

/// Pages the feed until it has nothing more; returns the entries and the cursor to keep.
async fn drain(app: &TestApp, token: &str, after: Value, first: i64) -> (Vec<Value>, Value) {
    let mut after = after;
    let mut seen = Vec::new();
    loop {
        let data = app
            .data(Some(token), FEED, json!({ "after": after, "first": first }))
            .await;
        let page = &data["changes"];
        seen.extend(page["nodes"].as_array().expect("nodes").iter().cloned());
        after = page["pageInfo"]["endCursor"].clone();
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            return (seen, after);
        }
    }
}

/// Drains until `done` holds for what was read (or ten seconds pass). On PostgreSQL a change
/// enters the feed once every older transaction of the cluster has ended, so under load from
/// other databases it may take a moment.
async fn drain_until(
    app: &TestApp,
    token: &str,
    after: Value,
    done: impl Fn(&[Value]) -> bool,
) -> (Vec<Value>, Value) {
    let started = std::time::Instant::now();
    let (mut seen, mut cursor) = drain(app, token, after, 100).await;
    while !done(&seen) && started.elapsed() < std::time::Duration::from_secs(10) {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let (more, next) = drain(app, token, cursor, 100).await;
        seen.extend(more);
        cursor = next;
    }
    (seen, cursor)
}

/// Applies feed entries to a mirror of project ids, as a sync job would.
fn apply(mirror: &mut BTreeSet<String>, entries: &[Value]) {
    for e in entries.iter().filter(|e| e["entityType"] == "PROJECT") {
        let id = e["entityId"].as_str().expect("id").to_owned();
        if e["operation"] == "DELETED" {
            mirror.remove(&id);
        } else {
            mirror.insert(id);
        }
    }
}

/// Follows the feed until the mirror equals what `projects` answers the caller, and says so.
async fn assert_mirror_converges(
    app: &TestApp,
    token: &str,
    mirror: &mut BTreeSet<String>,
    cursor: &mut Value,
    step: &str,
) {
    let data = app
        .data(
            Some(token),
            "{ projects(first: 500) { nodes { id } } }",
            json!({}),
        )
        .await;
    let readable: BTreeSet<String> = data["projects"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect();
    let started = std::time::Instant::now();
    loop {
        let (entries, next) = drain(app, token, cursor.clone(), 100).await;
        apply(mirror, &entries);
        *cursor = next;
        if *mirror == readable || started.elapsed() > std::time::Duration::from_secs(10) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        *mirror, readable,
        "after {step}: the mirror built from the feed equals what the partner may read"
    );
}

fn ids_of(entries: &[Value], kind: &str) -> BTreeSet<String> {
    entries
        .iter()
        .filter(|e| e["entityType"] == kind && e["operation"] != "DELETED")
        .map(|e| e["entityId"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn a_first_sync_from_nothing_receives_everything_the_caller_may_read() {
    let app = spawn_app().await;
    let token = app.token("staedion", "VIEWER");
    let (entries, _) = drain(&app, &token, Value::Null, 17).await;
    let readable = hague::PROJECTS
        .iter()
        .filter(|p| {
            p.visibility == "SHARED" || p.participants.iter().any(|x| x.organisation == "staedion")
        })
        .count();
    assert_eq!(ids_of(&entries, "PROJECT").len(), readable);
    assert_eq!(
        ids_of(&entries, "MEETING_PLACE").len(),
        hague::MEETING_PLACES.len()
    );
    assert_eq!(
        ids_of(&entries, "ORGANISATION").len(),
        hague::ORGANISATIONS.len()
    );
    assert_eq!(
        ids_of(&entries, "CONTACT_PERSON").len(),
        hague::CONTACT_PERSONS.len()
    );
    let own_signals = hague::SIGNALS
        .iter()
        .filter(|s| s.reporter == "staedion")
        .count();
    assert_eq!(ids_of(&entries, "SIGNAL").len(), own_signals);
    assert!(
        entries.iter().all(|e| !e["object"].is_null()),
        "every entry of a first sync carries its object"
    );
    let anonymous = app.graphql(None, FEED, json!({ "after": null })).await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"]);
}

#[tokio::test]
async fn a_mirror_drops_what_its_caller_may_no_longer_read_and_learns_nothing_else() {
    let app = spawn_app().await;
    let partner = app.token("staedion", "VIEWER");
    let city = app.token("dpz", "EDITOR");
    let (first_sync, cursor) = drain(&app, &partner, Value::Null, 100).await;
    let mut mirror = BTreeSet::new();
    apply(&mut mirror, &first_sync);
    let mut follow = cursor.clone();
    assert_mirror_converges(&app, &partner, &mut mirror, &mut follow, "the first sync").await;

    let shared_outside = hague::PROJECTS
        .iter()
        .find(|p| {
            p.visibility == "SHARED" && !p.participants.iter().any(|x| x.organisation == "staedion")
        })
        .expect("a SHARED project without staedion");
    let contributed = hague::PROJECTS
        .iter()
        .find(|p| {
            p.visibility == "INTERNAL"
                && p.participants
                    .iter()
                    .any(|x| x.organisation == "staedion" && x.role != "LEAD")
        })
        .expect("an INTERNAL project staedion takes part in, not as lead");
    let deleted = hague::PROJECTS
        .iter()
        .filter(|p| {
            p.visibility == "SHARED" && !p.participants.iter().any(|x| x.organisation == "staedion")
        })
        .nth(1)
        .expect("another SHARED project");
    let hidden = hague::PROJECTS
        .iter()
        .find(|p| {
            p.visibility == "INTERNAL"
                && !p.participants.iter().any(|x| x.organisation == "staedion")
        })
        .expect("an INTERNAL project without staedion");
    let ids: HashMap<&str, String> = [
        ("internal", app.project_id(&shared_outside.title).await),
        ("removed", app.project_id(&contributed.title).await),
        ("deleted", app.project_id(&deleted.title).await),
        ("hidden", app.project_id(&hidden.title).await),
    ]
    .into_iter()
    .collect();
    let version = |id: &str| {
        let id = id.to_owned();
        let app = &app;
        async move { app.project_state(&id).await["version"].clone() }
    };
    let update = "mutation($id: ID!, $v: Int!, $input: UpdateProjectInput!) { updateProject(id: $id, expectedVersion: $v, input: $input) { version } }";
    app.data(Some(&city), update, json!({ "id": ids["internal"], "v": version(&ids["internal"]).await, "input": { "visibility": "INTERNAL" } })).await;
    assert_mirror_converges(
        &app,
        &partner,
        &mut mirror,
        &mut follow,
        "making a project INTERNAL",
    )
    .await;
    app.data(
        Some(&city),
        "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { version } }",
        json!({ "p": ids["removed"], "o": app.org_id("staedion") }),
    )
    .await;
    assert_mirror_converges(
        &app,
        &partner,
        &mut mirror,
        &mut follow,
        "removing the partner",
    )
    .await;
    app.data(
        Some(&city),
        "mutation($id: ID!, $v: Int!) { deleteProject(id: $id, expectedVersion: $v) { id } }",
        json!({ "id": ids["deleted"], "v": version(&ids["deleted"]).await }),
    )
    .await;
    assert_mirror_converges(
        &app,
        &partner,
        &mut mirror,
        &mut follow,
        "deleting a project",
    )
    .await;
    app.data(Some(&city), update, json!({ "id": ids["hidden"], "v": version(&ids["hidden"]).await, "input": { "summary": "Geheim." } })).await;
    // A change the partner may see, committed last: once it arrives, everything before it has.
    let marker = app
        .project_id(
            &hague::PROJECTS
                .iter()
                .filter(|p| {
                    p.visibility == "SHARED"
                        && !p.participants.iter().any(|x| x.organisation == "staedion")
                })
                .nth(2)
                .expect("a third SHARED project")
                .title,
        )
        .await;
    app.data(
        Some(&city),
        update,
        json!({ "id": marker, "v": version(&marker).await, "input": { "summary": "Markering." } }),
    )
    .await;

    let (entries, cursor) = drain_until(&app, &partner, cursor, |seen| {
        seen.iter().any(|e| e["entityId"] == json!(marker))
    })
    .await;
    let about = |key: &str| {
        entries
            .iter()
            .filter(|e| e["entityId"] == json!(ids[key]))
            .cloned()
            .collect::<Vec<_>>()
    };
    for key in ["internal", "removed", "deleted"] {
        let seen = about(key);
        assert_eq!(seen.len(), 1, "{key}: one entry");
        assert_eq!(seen[0]["operation"], "DELETED", "{key}: drop it");
        assert!(seen[0]["object"].is_null(), "{key}: and nothing else");
    }
    assert!(
        about("hidden").is_empty(),
        "a project the partner never could read leaves no trace"
    );

    // Made readable again, it comes back with its content.
    app.data(Some(&city), update, json!({ "id": ids["internal"], "v": version(&ids["internal"]).await, "input": { "visibility": "SHARED" } })).await;
    let (entries, _) = drain_until(&app, &partner, cursor, |seen| {
        seen.iter().any(|e| e["entityId"] == json!(ids["internal"]))
    })
    .await;
    let back = entries
        .iter()
        .find(|e| e["entityId"] == json!(ids["internal"]))
        .expect("delivered again");
    assert_eq!(back["operation"], "UPDATED");
    assert_eq!(back["object"]["visibility"], "SHARED");
}

#[tokio::test]
async fn no_change_is_skipped_while_many_writers_commit() {
    let app = spawn_app().await;
    let reader = app.token("programmabureau", "ADMIN");
    let (_, mut cursor) = drain(&app, &reader, Value::Null, 400).await;
    let writer = app.token("dpz", "EDITOR");
    let titles: Vec<&str> = hague::PROJECTS
        .iter()
        .take(16)
        .map(|p| p.title.as_str())
        .collect();
    let mut project_ids = Vec::new();
    for title in &titles {
        project_ids.push(app.project_id(title).await);
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for id in project_ids.clone() {
        let (client, url, token, stop) = (
            app.client.clone(),
            format!("{}/graphql", app.address),
            writer.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut version = 1;
            let mut committed = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let body = json!({ "query": "mutation($id: ID!, $v: Int!, $s: String!) { updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { version } }",
                    "variables": { "id": id, "v": version, "s": format!("versie {version}") } });
                let answer: Value = client.post(&url).bearer_auth(&token).json(&body).send().await.expect("send").json().await.expect("json");
                let next = answer["data"]["updateProject"]["version"].as_i64().expect("the writer owns its project") as i32;
                committed.push((id.clone(), next));
                version = next;
            }
            committed
        }));
    }
    let mut seen: Vec<(String, i64)> = Vec::new();
    let started = std::time::Instant::now();
    // While the writers run, read one page at a time, as a sync job polling the feed does.
    while started.elapsed() < std::time::Duration::from_secs(3) {
        let data = app
            .data(Some(&reader), FEED, json!({ "after": cursor, "first": 50 }))
            .await;
        let page = &data["changes"];
        seen.extend(page["nodes"].as_array().expect("nodes").iter().map(|e| {
            (
                e["entityId"].as_str().expect("id").to_owned(),
                e["version"].as_i64().expect("version"),
            )
        }));
        cursor = page["pageInfo"]["endCursor"].clone();
        // A sync job that has caught up waits before it polls again; one that polls in a
        // tight loop spends its rate-limit budget (102 per page) within a few seconds.
        if page["pageInfo"]["hasNextPage"] != json!(true) {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut committed = Vec::new();
    for writer in writers {
        committed.extend(writer.await.expect("writer"));
    }
    let expected: BTreeSet<(String, i64)> = committed
        .into_iter()
        .map(|(id, v)| (id, i64::from(v)))
        .collect();
    let key = |e: &Value| {
        (
            e["entityId"].as_str().expect("id").to_owned(),
            e["version"].as_i64().expect("version"),
        )
    };
    let before: BTreeSet<(String, i64)> = seen.iter().cloned().collect();
    let (entries, _) = drain_until(&app, &reader, cursor, |more| {
        let mut all = before.clone();
        all.extend(more.iter().map(key));
        expected.is_subset(&all)
    })
    .await;
    seen.extend(entries.iter().map(key));
    assert!(
        expected.len() > 16,
        "the writers committed changes: {}",
        expected.len()
    );
    let unique: BTreeSet<(String, i64)> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "every change exactly once");
    assert_eq!(unique, expected, "no committed change is skipped");
}

const UPSERT: &str = "mutation($items: [UpsertProjectInput!]!) { upsertProjects(input: $items) {
    externalId status error { code field } project { id version title lead { code } } } }";

fn item(external_id: &str, title: &str) -> Value {
    json!({ "externalId": external_id, "title": title, "summary": "Uit het systeem van Haag Wonen.",
            "wijkCodes": ["WK051836", "WK051834"], "themes": ["HOUSING"], "visibility": "SHARED",
            "targetGroups": ["huurders"] })
}

#[tokio::test]
async fn upserting_the_same_batch_twice_writes_once() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let batch = json!([
        item("HW-001", "Portiekgesprekken"),
        item("HW-002", "Tuinen opknappen")
    ]);
    let first = app
        .data(Some(&token), UPSERT, json!({ "items": batch }))
        .await;
    let statuses: Vec<&str> = first["upsertProjects"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["status"].as_str())
        .collect();
    assert_eq!(statuses, ["CREATED", "CREATED"]);
    assert_eq!(
        first["upsertProjects"][0]["project"]["lead"]["code"],
        "haag-wonen"
    );
    let trail = app.trail().await;
    let again = app
        .data(Some(&token), UPSERT, json!({ "items": batch }))
        .await;
    let statuses: Vec<&str> = again["upsertProjects"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["status"].as_str())
        .collect();
    assert_eq!(statuses, ["UNCHANGED", "UNCHANGED"]);
    assert_eq!(app.trail().await, trail, "re-sending writes nothing");
    assert_eq!(
        again["upsertProjects"][0]["project"]["version"], 1,
        "and bumps no version"
    );

    let changed = json!([
        item("HW-001", "Portiekgesprekken Moerwijk"),
        item("HW-002", "Tuinen opknappen"),
        item("HW-003", " ")
    ]);
    let third = app
        .data(Some(&token), UPSERT, json!({ "items": changed }))
        .await;
    let results = third["upsertProjects"].as_array().expect("results");
    assert_eq!(results[0]["status"], "UPDATED");
    assert_eq!(results[0]["project"]["version"], 2);
    assert_eq!(results[1]["status"], "UNCHANGED");
    assert_eq!(results[2]["status"], "ERROR");
    assert_eq!(
        results[2]["error"],
        json!({ "code": "BAD_USER_INPUT", "field": "title" })
    );

    // External ids belong to their organisation: another one gets its own project.
    let other = app.token("staedion", "EDITOR");
    let theirs = app
        .data(
            Some(&other),
            UPSERT,
            json!({ "items": [item("HW-001", "Eigen project")] }),
        )
        .await;
    assert_eq!(theirs["upsertProjects"][0]["status"], "CREATED");
    assert_ne!(
        theirs["upsertProjects"][0]["project"]["id"],
        first["upsertProjects"][0]["project"]["id"]
    );

    let viewer = app.token("haag-wonen", "VIEWER");
    let refused = app
        .data(
            Some(&viewer),
            UPSERT,
            json!({ "items": [item("HW-009", "Niet toegestaan")] }),
        )
        .await;
    assert_eq!(refused["upsertProjects"][0]["error"]["code"], "FORBIDDEN");
}

/// A sync job whose project was handed to another organisation (which then removed the job's
/// own) gets "not found" for it, whether its item matches the project or not: the answer
/// carries nothing the job may no longer read, and is no oracle for the current values.
#[tokio::test]
async fn an_upsert_for_a_project_handed_over_and_no_longer_readable_is_not_found() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let owner = app.token("staedion", "EDITOR");
    let mut mine = item("HW-100", "Portiekgesprekken");
    mine["visibility"] = json!("INTERNAL");
    let created = app
        .data(Some(&token), UPSERT, json!({ "items": [mine] }))
        .await;
    let id = created["upsertProjects"][0]["project"]["id"].clone();
    app.data(
        Some(&token),
        "mutation($p: ID!, $o: ID!) { setProjectParticipant(projectId: $p, organisationId: $o, role: LEAD) { id } }",
        json!({ "p": id, "o": app.org_id("staedion").to_string() }),
    )
    .await;
    app.data(
        Some(&owner),
        "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { id } }",
        json!({ "p": id, "o": app.org_id("haag-wonen").to_string() }),
    )
    .await;

    let trail = app.trail().await;
    let mut changed = mine.clone();
    changed["summary"] = json!("Een andere samenvatting.");
    let query = "mutation($items: [UpsertProjectInput!]!) { upsertProjects(input: $items) {
        externalId status error { code message field } project { id title summary participants { role } } } }";
    let same = app
        .data(Some(&token), query, json!({ "items": [mine] }))
        .await;
    let other = app
        .data(Some(&token), query, json!({ "items": [changed] }))
        .await;
    let answer = &same["upsertProjects"][0];
    assert_eq!(answer["status"], "ERROR", "{same}");
    assert_eq!(answer["error"]["code"], "NOT_FOUND");
    assert!(answer["project"].is_null(), "{same}");
    assert_eq!(
        same, other,
        "a matching and a changed item answer alike: no oracle for the current values"
    );
    assert_eq!(app.trail().await, trail, "and nothing is written");

    // The scenario holds: the project lives on, led by the organisation it was handed to.
    let seen_by_owner = app
        .data(
            Some(&owner),
            "query($id: ID!) { project(id: $id) { title lead { code } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(seen_by_owner["project"]["lead"]["code"], "staedion");
}
