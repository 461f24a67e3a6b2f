//! What a stranger can make the server do with bad credentials: a flood of bad bearer tokens
//! leaves a count, not a flood, in the audit log.

use std::time::Instant;

use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

const ME: &str = "{ me { role } }";

/// The audit rows of an action and the refusals their counts add up to.
async fn counted(app: &TestApp, action: &str) -> (Vec<entity::audit_log::Model>, u64) {
    let rows: Vec<_> = app
        .refusals()
        .await
        .into_iter()
        .filter(|r| r.action == action)
        .collect();
    let count = rows
        .iter()
        .filter_map(|r| r.details.as_ref()?["count"].as_u64())
        .sum();
    (rows, count)
}

#[tokio::test]
async fn a_flood_of_garbage_tokens_leaves_a_count_with_its_origin_not_a_flood() {
    let app = spawn_app().await;
    let started = Instant::now();
    for i in 0..200 {
        let response = app
            .post(Some(&format!("garbage-{i}")), &json!({ "query": ME }))
            .await;
        assert_eq!(response.status(), 401);
    }
    let took = started.elapsed();
    let (rows, _) = counted(&app, "authenticate").await;
    eprintln!(
        "200 garbage tokens in {took:?}: {} audit row(s) before the window ends",
        rows.len()
    );
    assert_eq!(rows.len(), 1, "the first refusal is written at once");
    assert_eq!(rows[0].origin_ip.as_deref(), Some("127.0.0.1"));

    // When the window ends (here: at once) the rest is written as one row with its count.
    app.state.refusals.flush().await;
    let (rows, count) = counted(&app, "authenticate").await;
    assert_eq!(rows.len(), 2);
    assert_eq!(count, 200, "every refusal is accounted for");
    assert!(
        rows.iter()
            .all(|r| r.origin_ip.as_deref() == Some("127.0.0.1"))
    );
}
