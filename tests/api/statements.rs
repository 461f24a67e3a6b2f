//! No N+1: nested fields load in batches, so a bigger page costs no more statements.

use std::{sync::Arc, time::Duration};

use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::{helpers::spawn_app_with, wire::Wire};

const PAGE: &str = r#"query($first: Int) { projects(first: $first) { nodes {
    title
    wijken { code name stadsdeel { name } }
    lead { name }
    participants { role organisation { name } }
    meetingPlaces { name wijk { code } }
    themes
    budget { total }
} } }"#;

#[tokio::test]
async fn a_page_of_many_projects_costs_as_many_statements_as_a_page_of_five() {
    // A page of 50 with four plain lists costs about 1,350, above the default operation limit,
    // which is not what this test is about.
    let app = spawn_app_with(|s| s.limits.cost = 5_000).await;
    for (org, role) in [("programmabureau", "ADMIN"), ("haag-wonen", "EDITOR")] {
        let token = app.token(org, role);
        // Warm the process's caches (verified callers, reference data): what is measured is the
        // page itself.
        app.data(Some(&token), PAGE, json!({ "first": 1 })).await;
        let mut costs = Vec::new();
        for first in [5, 50] {
            let before = app.statements();
            let data = app
                .data(Some(&token), PAGE, json!({ "first": first }))
                .await;
            costs.push(app.statements() - before);
            let nodes = data["projects"]["nodes"].as_array().expect("nodes").len();
            assert!(nodes >= first.min(20), "{org}: the page holds projects");
        }
        assert_eq!(
            costs[0], costs[1],
            "{org}: statements for 5 vs 50 projects: {costs:?}"
        );
        assert!(
            costs[1] <= 12,
            "{org}: a page costs a small fixed number of statements: {costs:?}"
        );
    }
}

/// The lookup and the update the benchmark measures (Q3, M1), as a partner makes them: each a
/// fixed number of statements, so a later change cannot quietly add a round trip.
#[tokio::test]
async fn a_lookup_and_an_update_cost_a_fixed_number_of_statements() {
    let app = spawn_app_with(|_| {}).await;
    let token = app.token("haag-wonen", "EDITOR");
    let id = app
        .project_id("Gevelrenovatie en energiebesparing Morgenstond")
        .await;
    const LOOKUP: &str = "query($id: ID!) { project(id: $id) { id title phase wijken { name stadsdeel { name } } } }";
    const UPDATE: &str = "mutation($id: ID!, $v: Int!, $s: String!) { updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { id version updatedAt } }";
    // Warm the process's caches (verified callers, reference data, checked documents).
    let warm = app.data(Some(&token), LOOKUP, json!({ "id": id })).await;
    assert_eq!(warm["project"]["id"], json!(id));
    let mut lookups = Vec::new();
    for _ in 0..3 {
        let before = app.statements();
        let data = app.data(Some(&token), LOOKUP, json!({ "id": id })).await;
        lookups.push(app.statements() - before);
        assert_eq!(
            data["project"]["wijken"][0]["stadsdeel"]["name"],
            json!("Escamp")
        );
    }
    assert_eq!(
        lookups,
        [1, 1, 1],
        "a lookup: the project with its wijken in one statement (stadsdelen are in memory)"
    );
    // Q1: a wijk page of 20 projects with their lead and participants.
    const WIJK_PAGE: &str = "query($code: String!) { wijk(code: $code) { id code name population
        projects(first: 20, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes {
          id title phase updatedAt lead { name } participants { role organisation { name } } } } } }";
    // The first page also fills the directory of organisations.
    app.data(Some(&token), WIJK_PAGE, json!({ "code": "WK051836" }))
        .await;
    let mut pages = Vec::new();
    for _ in 0..3 {
        let before = app.statements();
        let data = app
            .data(Some(&token), WIJK_PAGE, json!({ "code": "WK051836" }))
            .await;
        pages.push(app.statements() - before);
        let nodes = data["wijk"]["projects"]["nodes"].as_array().expect("nodes");
        assert!(!nodes.is_empty(), "the demo wijk has projects");
        assert!(
            nodes.iter().all(|n| n["lead"]["name"].is_string()
                && n["participants"][0]["organisation"]["name"].is_string()),
            "every project with its lead and participants: {data}"
        );
    }
    assert_eq!(
        pages,
        [2, 2, 2],
        "a wijk page: the projects, then their participants (the wijk and the organisations are in memory)"
    );
    let mut version = 1;
    let mut updates = Vec::new();
    for n in 0..3 {
        let before = app.statements();
        let data = app
            .data(
                Some(&token),
                UPDATE,
                json!({ "id": id, "v": version, "s": format!("bench update {n}") }),
            )
            .await;
        updates.push(app.statements() - before);
        version = data["updateProject"]["version"].as_i64().expect("version") as i32;
    }
    // On PostgreSQL one statement checks the caller's right and the version, updates, writes
    // the audit record and the change-log row. On SQLite: read the project and its
    // participants, update it (compare-and-increment), the audit record, the change-log row;
    // BEGIN and COMMIT are not counted.
    let m1: u64 = match app.state.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => 1,
        _ => 5,
    };
    assert_eq!(
        updates, [m1; 3],
        "an update: statements per write {updates:?}"
    );
}

/// A load ends with the planner's statistics of what it loaded: PostgreSQL would otherwise plan
/// for empty tables until autovacuum gets round to them, and SQLite never gathers them itself.
/// On PostgreSQL the load is vacuumed too.
#[tokio::test]
async fn a_load_leaves_the_planner_statistics_of_what_it_loaded() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app_with(|_| {}).await;
    let db = &app.state.db;
    let backend = db.get_database_backend();
    // What the planner believes the project table holds.
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT CAST(reltuples AS BIGINT) AS n FROM pg_class WHERE relname = 'project' AND relkind = 'r'"
        }
        _ => {
            "SELECT CAST(substr(stat, 1, instr(stat || ' ', ' ') - 1) AS INTEGER) AS n \
             FROM sqlite_stat1 WHERE tbl = 'project' LIMIT 1"
        }
    };
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await
        .expect("the planner's statistics can be read")
        .expect("the planner has statistics for the project table");
    let believed: i64 = row.try_get("", "n").expect("a row count");
    assert_eq!(
        believed,
        wijkhub::seed::hague::PROJECTS.len() as i64,
        "the planner knows how many projects were loaded"
    );
    if backend != DbBackend::Postgres {
        return;
    }
    // And the loaded pages are marked all-visible: without that the planner prices every
    // index-only scan as a heap scan, and planned a wijk page over 100,000 projects as a scan of
    // all of them (20–40 ms instead of 0.1 ms).
    for table in ["project", "project_participant", "project_wijk"] {
        let row = db
            .query_one_raw(Statement::from_string(
                backend,
                format!(
                    "SELECT CAST(relallvisible AS BIGINT) AS n FROM pg_class \
                     WHERE relname = '{table}' AND relkind = 'r'"
                ),
            ))
            .await
            .expect("the visibility map's count can be read")
            .expect("the table exists");
        let visible: i64 = row.try_get("", "n").expect("a page count");
        assert!(
            visible > 0,
            "{table}: no page of the load is marked all-visible"
        );
    }
}

/// A page's organisations come from memory, checked in the page's own statement against the
/// database's count of organisation changes. So a change shows on the very next page whoever
/// made it: here a plain UPDATE beside the server, as another instance or an operator would
/// write it, which this process hears nothing of.
#[tokio::test]
async fn a_page_shows_an_organisations_change_made_elsewhere_at_once() {
    use entity::organisation;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    const PAGE: &str = "query($code: String!) { wijk(code: $code) {
        projects(first: 20) { nodes { participants { organisation { id name } } } } } }";
    let app = spawn_app_with(|_| {}).await;
    let token = app.token("programmabureau", "ADMIN");
    let page = || async {
        let before = app.statements();
        let data = app
            .data(Some(&token), PAGE, json!({ "code": "WK051836" }))
            .await;
        let organisations: Vec<serde_json::Value> = data["wijk"]["projects"]["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .flat_map(|n| n["participants"].as_array().cloned().unwrap_or_default())
            .map(|p| p["organisation"].clone())
            .collect();
        (organisations, app.statements() - before)
    };
    let (first, _) = page().await;
    let (again, statements) = page().await;
    assert_eq!(first, again);
    assert_eq!(
        statements, 2,
        "a warm page: the projects, then their participants"
    );
    let shown = &first[0];
    let id: uuid::Uuid = shown["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .expect("an organisation's id");

    // Writes the organisation's row as another instance would: this process is not told.
    let write_beside_the_server = |column: organisation::Column, value: sea_orm::Value| {
        organisation::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(organisation::Column::Id.eq(id))
            .exec(&app.state.db)
    };
    write_beside_the_server(organisation::Column::Name, "Hernoemd elders".into())
        .await
        .expect("rename the organisation beside the server");
    let (renamed, _) = page().await;
    assert!(
        renamed
            .iter()
            .any(|o| o["id"] == shown["id"] && o["name"] == json!("Hernoemd elders")),
        "the next page shows the new name: {renamed:?}"
    );
    assert!(
        !renamed.iter().any(|o| o["name"] == shown["name"]),
        "and not the old one anywhere: {renamed:?}"
    );
    let (_, statements) = page().await;
    assert_eq!(
        statements, 2,
        "once reloaded, pages read no more than before"
    );

    write_beside_the_server(organisation::Column::DeletedAt, chrono::Utc::now().into())
        .await
        .expect("delete the organisation beside the server");
    let (deleted, _) = page().await;
    assert!(
        deleted
            .iter()
            .all(|o| o.is_null() || o["id"] != shown["id"]),
        "a deleted organisation is on no page: {deleted:?}"
    );
    assert!(
        deleted.iter().any(|o| o.is_null()),
        "its participations show no organisation: {deleted:?}"
    );
}

/// On PostgreSQL a statement outside a transaction is one round trip: the server gets one
/// `Sync` per statement, and no second one when the connection goes back to its pool (sqlx's
/// pool sends one on every return; `src/db/statements.rs`). Counted on the wire, through a
/// relay. SQLite has no wire: there is nothing to count.
#[tokio::test]
async fn a_statement_outside_a_transaction_is_one_round_trip_to_postgresql() {
    let wire = Arc::new(Wire::default());
    let app = spawn_app_with(|s| {
        if s.database_url.starts_with("postgres") {
            s.database_url = wire.route(&s.database_url);
        }
    })
    .await;
    if app.state.db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    let token = app.token("haag-wonen", "EDITOR");
    let id = app
        .project_id("Gevelrenovatie en energiebesparing Morgenstond")
        .await;
    const LOOKUP: &str = "query($id: ID!) { project(id: $id) { id title } }";
    // Warm: the caller, and every statement prepared once (preparing is a round trip of its own).
    for _ in 0..2 {
        app.data(Some(&token), LOOKUP, json!({ "id": id })).await;
    }
    let settled = || async {
        // A pool hands a connection back after the answer is sent: give it the moment.
        tokio::time::sleep(Duration::from_millis(300)).await;
        wire.counts()
    };
    let before = settled().await;
    let statements_before = app.statements();
    for _ in 0..10 {
        let data = app.data(Some(&token), LOOKUP, json!({ "id": id })).await;
        assert_eq!(data["project"]["id"], json!(id));
    }
    let sent = settled().await - before;
    assert_eq!(
        sent.executes,
        app.statements() - statements_before,
        "every statement counted is on the wire"
    );
    assert!(sent.executes >= 10, "ten lookups: {sent:?}");
    assert_eq!(
        sent.syncs, sent.executes,
        "one round trip per statement, none to hand a connection back: {sent:?}"
    );
}

/// A statement whose request went away halfway leaves its connection owing an answer. The
/// pool takes it back without asking the server, so the next statement on it must still get
/// its own answer, not the abandoned one.
#[tokio::test]
async fn a_statement_abandoned_halfway_leaves_a_connection_the_next_one_can_use() {
    // Two connections in all: one for single statements, so the next one gets the same.
    let app = spawn_app_with(|s| s.database_max_connections = 2).await;
    let db = &app.state.db;
    let slow = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "SELECT pg_sleep(0.5) IS NULL AS answer",
        _ => {
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) = 0 AS answer FROM n"
        }
    };
    let abandoned = tokio::time::timeout(
        Duration::from_millis(50),
        db.query_one_raw(Statement::from_string(db.get_database_backend(), slow)),
    )
    .await;
    assert!(abandoned.is_err(), "the slow statement was abandoned");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT 42 AS answer",
        ))
        .await
        .expect("the next statement runs")
        .expect("a row");
    assert_eq!(row.try_get::<i32>("", "answer").expect("an int"), 42);
    let token = app.token("haag-wonen", "EDITOR");
    let data = app
        .data(
            Some(&token),
            "{ wijk(code: \"WK051836\") { code } }",
            json!({}),
        )
        .await;
    assert_eq!(data["wijk"]["code"], json!("WK051836"));
}

/// The API's statements are planned once per connection, not at each execution: PostgreSQL's
/// default plans a prepared statement anew at every execution while the plan it would keep looks
/// dearer, and a page's bound `LIMIT` always made it look so (the wijk page was planned again at
/// every request, to the same plan). Transactions keep PostgreSQL's default.
#[tokio::test]
async fn the_statements_of_a_page_are_planned_once_not_at_every_request() {
    // Two connections in all: one for single statements, so every page runs on the one asked.
    let app = spawn_app_with(|s| s.database_max_connections = 2).await;
    let db = &app.state.db;
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    let token = app.token("haag-wonen", "EDITOR");
    const WIJK_PAGE: &str = "query($code: String!) { wijk(code: $code) { code
        projects(first: 20, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes {
          title lead { name } participants { role organisation { name } } } } } }";
    for _ in 0..8 {
        let data = app
            .data(Some(&token), WIJK_PAGE, json!({ "code": "WK051836" }))
            .await;
        assert!(
            !data["wijk"]["projects"]["nodes"]
                .as_array()
                .expect("nodes")
                .is_empty(),
            "the demo wijk has projects: {data}"
        );
    }
    let plans = |sql: &'static str| async move {
        db.query_one_raw(Statement::from_string(sea_orm::DbBackend::Postgres, sql))
            .await
            .expect("pg_prepared_statements")
            .expect("a row")
    };
    let row = plans(
        "SELECT count(*) FILTER (WHERE custom_plans > 0) AS replanned, \
                COALESCE(max(generic_plans), 0) AS most_reused \
           FROM pg_prepared_statements",
    )
    .await;
    let replanned: i64 = row.try_get("", "replanned").expect("count");
    let most_reused: i64 = row.try_get("", "most_reused").expect("max");
    assert_eq!(
        replanned, 0,
        "no statement of the statements connection was planned for its values"
    );
    assert!(
        most_reused >= 8,
        "the page's statements ran on one plan eight times: {most_reused}"
    );
    let tx = db.begin().await.expect("a transaction");
    let row = tx
        .query_one_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT current_setting('plan_cache_mode') AS mode",
        ))
        .await
        .expect("the setting")
        .expect("a row");
    let in_transaction: String = row.try_get("", "mode").expect("text");
    tx.rollback().await.expect("rollback");
    assert_eq!(
        in_transaction, "auto",
        "transactions keep PostgreSQL's default"
    );
}
