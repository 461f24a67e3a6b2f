//! `Idempotency-Key`: a key belongs to the exact caller, a replay never shows a secret, only an
//! answer that wrote something is kept, and a write and its key's state commit together.

use entity::idempotency_key;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

const REPORT: &str = r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "Donkere steeg", description: "Verlichting in de steeg is kapot.", urgency: MEDIUM }) { id version } }"#;

async fn send(app: &TestApp, token: &str, key: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .expect("send")
}

fn replayed(response: &reqwest::Response) -> bool {
    response.headers().contains_key("idempotent-replayed")
}

fn create_client_body(app: &TestApp) -> Value {
    json!({
        "query": "mutation($o: ID!) { createApiClient(input: { organisationId: $o, name: \"Sync\", role: EDITOR }) { secret client { id } } }",
        "variables": { "o": app.org_id("haag-wonen") },
    })
}

async fn stored_keys(app: &TestApp) -> Vec<idempotency_key::Model> {
    idempotency_key::Entity::find()
        .all(&app.state.db)
        .await
        .expect("keys")
}

async fn api_clients(app: &TestApp) -> u64 {
    entity::api_client::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_viewer_with_the_admins_subject_does_not_get_the_admins_answer() {
    let app = spawn_app().await;
    // The test tokens of one organisation share their subject, whatever the role.
    let admin = app.token("programmabureau", "ADMIN");
    let viewer = app.token("programmabureau", "VIEWER");
    let body = create_client_body(&app);
    let first: Value = send(&app, &admin, "client-1", &body)
        .await
        .json()
        .await
        .expect("json");
    assert!(
        first["data"]["createApiClient"]["secret"].is_string(),
        "{first}"
    );

    let stolen = send(&app, &viewer, "client-1", &body).await;
    assert!(!replayed(&stolen), "the viewer's request is its own");
    let stolen: Value = stolen.json().await.expect("json");
    assert_eq!(stolen["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert!(!stolen.to_string().contains("whs_"), "{stolen}");
    assert_eq!(api_clients(&app).await, 1, "one client, created once");
}

#[tokio::test]
async fn a_replayed_create_api_client_answer_withholds_the_secret() {
    let app = spawn_app().await;
    let admin = app.token("programmabureau", "ADMIN");
    let body = create_client_body(&app);
    let first: Value = send(&app, &admin, "client-2", &body)
        .await
        .json()
        .await
        .expect("json");
    let secret = first["data"]["createApiClient"]["secret"]
        .as_str()
        .expect("the first answer shows the secret")
        .to_owned();

    for key in stored_keys(&app).await {
        assert!(
            !key.response_body.contains(&secret),
            "the stored answer holds the secret"
        );
    }
    let replay = send(&app, &admin, "client-2", &body).await;
    assert!(replayed(&replay));
    let replay: Value = replay.json().await.expect("json");
    assert_eq!(
        replay["data"]["createApiClient"]["client"]["id"],
        first["data"]["createApiClient"]["client"]["id"],
        "the same client"
    );
    // Empty, not null: the field is `String!` and a replay still matches the schema.
    assert_eq!(replay["data"]["createApiClient"]["secret"], "");
    let withheld = &replay["extensions"]["secretWithheld"];
    assert!(
        withheld["message"]
            .as_str()
            .is_some_and(|m| m.contains("shown once")),
        "{replay}"
    );
    assert_eq!(withheld["paths"], json!([["createApiClient", "secret"]]));
    assert_eq!(api_clients(&app).await, 1, "created once");
}

#[tokio::test]
async fn an_answer_that_wrote_nothing_is_not_kept() {
    // No budget at all: every operation of an editor is refused.
    let app = spawn_app_with(|s| s.rate_limit.editor = 0).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let body = json!({ "query": REPORT });
    let limited = send(&app, &editor, "report-1", &body).await;
    assert_eq!(limited.status(), 429);
    let again = send(&app, &editor, "report-1", &body).await;
    assert!(!replayed(&again), "a refusal is not replayed");
    assert_eq!(again.status(), 429, "the retry is judged afresh");

    // A refusal by the permission matrix is not kept either.
    let viewer = app.token("haag-wonen", "VIEWER");
    let forbidden: Value = send(&app, &viewer, "report-2", &body)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(forbidden["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert!(stored_keys(&app).await.is_empty(), "every key was released");
    assert_eq!(app.trail().await, (0, 0), "nothing was written");
}

#[tokio::test]
async fn a_retry_after_a_crash_between_commit_and_answer_does_not_write_again() {
    let app = spawn_app().await;
    let editor = app.token("haag-wonen", "EDITOR");
    let body = json!({ "query": REPORT });
    let first = send(&app, &editor, "report-3", &body).await;
    assert_eq!(first.status(), 200);
    assert_eq!(app.trail().await, (1, 1));

    // What a crash right after the write's commit leaves: no answer stored, and by the time the
    // client retries (after a restart) the claim looks abandoned.
    let long_ago = chrono::Utc::now() - chrono::Duration::minutes(5);
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::ResponseStatus, Expr::val(0))
        .col_expr(idempotency_key::Column::ResponseBody, Expr::val(""))
        .col_expr(idempotency_key::Column::CreatedAt, Expr::val(long_ago))
        .filter(idempotency_key::Column::Key.eq("report-3"))
        .exec(&app.state.db)
        .await
        .expect("simulate the crash");

    let retry = send(&app, &editor, "report-3", &body).await;
    assert_eq!(retry.status(), 409);
    let retry: Value = retry.json().await.expect("json");
    let extensions = &retry["errors"][0]["extensions"];
    assert_eq!(extensions["code"], "CONFLICT");
    assert_eq!(extensions["field"], "Idempotency-Key");
    assert_eq!(extensions["idempotency"], "APPLIED", "{retry}");
    assert_eq!(app.trail().await, (1, 1), "written once");
}

#[tokio::test]
async fn expired_idempotency_keys_are_swept() {
    let app = spawn_app().await;
    let editor = app.token("haag-wonen", "EDITOR");
    let body = json!({ "query": REPORT });
    for key in ["old", "new"] {
        assert_eq!(send(&app, &editor, key, &body).await.status(), 200);
    }
    let yesterday = chrono::Utc::now() - chrono::Duration::hours(25);
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::ExpiresAt, Expr::val(yesterday))
        .filter(idempotency_key::Column::Key.eq("old"))
        .exec(&app.state.db)
        .await
        .expect("age a key");

    let swept =
        wijkhub::service::housekeeping::sweep(&app.state.db, &app.state.settings.housekeeping)
            .await
            .expect("sweep");
    assert_eq!(swept.idempotency_keys, 1);
    let left: Vec<String> = stored_keys(&app).await.into_iter().map(|k| k.key).collect();
    assert_eq!(left, ["new"]);
}

/// The everyday project update (one statement on PostgreSQL) marks its key applied with the
/// write: a retry gets the stored answer and writes nothing again.
#[tokio::test]
async fn a_retried_project_update_with_the_same_key_writes_once() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let id = app
        .project_id("Gevelrenovatie en energiebesparing Morgenstond")
        .await;
    let version = app.project_state(&id).await["version"].clone();
    let body = json!({
        "query": "mutation($id: ID!, $v: Int!) { updateProject(id: $id, expectedVersion: $v, input: { summary: \"Eenmaal.\" }) { version summary } }",
        "variables": { "id": id, "v": version },
    });
    let first = send(&app, &token, "update-1", &body).await;
    assert!(!replayed(&first));
    let first: Value = first.json().await.expect("json");
    assert_eq!(
        first["data"]["updateProject"]["version"],
        json!(version.as_i64().expect("version") + 1),
        "{first}"
    );
    let trail = app.trail().await;
    let keys = stored_keys(&app).await;
    assert_eq!(keys.len(), 1);
    assert!(keys[0].applied_at.is_some(), "the key is marked applied");

    let again = send(&app, &token, "update-1", &body).await;
    assert!(replayed(&again), "the retry is a replay");
    let again: Value = again.json().await.expect("json");
    assert_eq!(again, first, "the stored answer");
    assert_eq!(app.trail().await, trail, "nothing written again");
    assert_eq!(
        app.project_state(&id).await["version"],
        first["data"]["updateProject"]["version"]
    );
}
