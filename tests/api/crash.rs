//! Crash safety: a server killed with SIGKILL in the middle of a write load loses no write it
//! acknowledged, and after a restart versions, audit log and change log still agree.

use std::{
    collections::HashMap,
    process::Stdio,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use entity::{AuditResult, audit_log, change_log, project};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{ServerProcess, spawn_app};

async fn call(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    query: &str,
    variables: Value,
) -> Option<Value> {
    let response = client
        .post(format!("{address}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?;
    let body: Value = response.json().await.ok()?;
    body.get("errors").is_none().then(|| body["data"].clone())
}

const CREATE: &str = r#"mutation($title: String!) {
  createProject(input: { title: $title, summary: "crash test", wijkCodes: ["WK051836"], themes: [HOUSING], visibility: SHARED }) { id version }
}"#;
const UPDATE: &str = r#"mutation($id: ID!, $v: Int!, $s: String!) {
  updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { id version }
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let mut server = ServerProcess::start(&app.database_url, &[], Stdio::null()).await;

    // Project id → the highest version a response acknowledged.
    let acknowledged: Arc<Mutex<HashMap<String, i32>>> = Arc::default();
    let mut writers = Vec::new();
    for writer in 0..6 {
        let (address, token, acknowledged) =
            (server.address.clone(), token.clone(), acknowledged.clone());
        writers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            for round in 0.. {
                let title = format!("Crash {writer}-{round}");
                let Some(data) =
                    call(&client, &address, &token, CREATE, json!({ "title": title })).await
                else {
                    return;
                };
                let id = data["createProject"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let mut version = data["createProject"]["version"].as_i64().unwrap_or(0) as i32;
                acknowledged
                    .lock()
                    .expect("lock")
                    .insert(id.clone(), version);
                for n in 0..3 {
                    let variables = json!({ "id": id, "v": version, "s": format!("update {n}") });
                    let Some(data) = call(&client, &address, &token, UPDATE, variables).await
                    else {
                        return;
                    };
                    version = data["updateProject"]["version"].as_i64().unwrap_or(0) as i32;
                    acknowledged
                        .lock()
                        .expect("lock")
                        .insert(id.clone(), version);
                }
            }
        }));
    }
    // Let the load build up, then kill the server without warning.
    let deadline = Instant::now() + Duration::from_secs(20);
    while acknowledged.lock().expect("lock").len() < 20 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.child.kill().expect("SIGKILL");
    let _ = tokio::task::spawn_blocking(move || server.child.wait()).await;
    for writer in writers {
        let _ = writer.await;
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(acknowledged.len() >= 20, "the load never got going");

    // Restart on the same data: it must come up and serve.
    let mut restarted = ServerProcess::start(&app.database_url, &[], Stdio::null()).await;
    let client = reqwest::Client::new();
    let db = &app.state.db;
    for (id, version) in &acknowledged {
        let uuid = Uuid::parse_str(id).expect("uuid");
        let row = project::Entity::find_by_id(uuid)
            .one(db)
            .await
            .expect("read project")
            .unwrap_or_else(|| panic!("acknowledged project {id} is gone"));
        // A write may have committed without its answer reaching us, never the other way round.
        assert!(
            row.version >= *version,
            "{id}: version {} < acknowledged {version}",
            row.version
        );
        let changes = change_log::Entity::find()
            .filter(change_log::Column::EntityId.eq(uuid))
            .count(db)
            .await
            .expect("count changes");
        let audits = audit_log::Entity::find()
            .filter(audit_log::Column::ObjectId.eq(uuid))
            .filter(audit_log::Column::Result.eq(AuditResult::Success))
            .count(db)
            .await
            .expect("count audit");
        assert_eq!(changes, row.version as u64, "{id}: one change per version");
        assert_eq!(
            audits, row.version as u64,
            "{id}: one audit record per version"
        );
        let data = call(
            &client,
            &restarted.address,
            &token,
            "query($id: ID!) { project(id: $id) { version } }",
            json!({ "id": id }),
        )
        .await
        .expect("the restarted server answers");
        assert_eq!(data["project"]["version"], row.version);
    }
    restarted.child.kill().expect("stop");
    let _ = tokio::task::spawn_blocking(move || restarted.child.wait()).await;
}
