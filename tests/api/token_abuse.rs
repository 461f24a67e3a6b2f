//! What a stranger can make the server do with bad credentials: a flood of bad bearer tokens
//! leaves a count, not a flood, in the audit log; `/oauth/token` does not tell which client ids
//! exist, throttles failed attempts and audits them.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

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

async fn token_request(app: &TestApp, id: &str, secret: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/oauth/token", app.address))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", secret),
        ])
        .send()
        .await
        .expect("token request")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::test]
async fn an_unknown_client_id_takes_as_long_as_a_wrong_secret() {
    let app = spawn_app().await;
    let (id, _) = app.create_api_client("haag-wonen", "EDITOR").await;
    let (mut unknown, mut known) = (Vec::new(), Vec::new());
    // Interleaved, so load on the machine falls on both alike.
    for _ in 0..7 {
        let started = Instant::now();
        let response = token_request(&app, &uuid::Uuid::now_v7().to_string(), "whs_guess").await;
        unknown.push(started.elapsed());
        assert_eq!(response.status(), 401);
        let started = Instant::now();
        let response = token_request(&app, &id, "whs_guess").await;
        known.push(started.elapsed());
        assert_eq!(response.status(), 401);
    }
    let (unknown, known) = (median(unknown), median(known));
    eprintln!(
        "median answer: unknown client {unknown:?}, known client with a wrong secret {known:?}"
    );
    assert!(
        unknown * 2 >= known && known * 2 >= unknown,
        "the answer time tells whether the id exists: unknown {unknown:?}, known {known:?}"
    );
}

#[tokio::test]
async fn failed_client_authentications_are_throttled_and_audited() {
    let app = spawn_app().await;
    let (id, secret) = app.create_api_client("haag-wonen", "EDITOR").await;
    for _ in 0..10 {
        assert_eq!(token_request(&app, &id, "whs_guess").await.status(), 401);
    }
    let throttled = token_request(&app, &id, "whs_guess").await;
    assert_eq!(throttled.status(), 429);
    let wait: u64 = throttled.headers()["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let body: Value = throttled.json().await.expect("json");
    assert_eq!(body["error"], "slow_down");
    assert!(body["error_description"].is_string());
    // While throttled even the right secret is not checked: guessing gains nothing.
    assert_eq!(token_request(&app, &id, &secret).await.status(), 429);

    app.state.refusals.flush().await;
    let (rows, count) = counted(&app, "oauth.token").await;
    assert_eq!(count, 12, "every failed attempt is audited");
    assert!(rows.len() <= 4, "counted, not one row each: {}", rows.len());
    assert!(
        rows.iter()
            .all(|r| r.origin_ip.as_deref() == Some("127.0.0.1"))
    );
    assert!(
        rows.iter()
            .any(|r| r.actor_subject.as_deref() == Some(&format!("client:{id}")[..])),
        "the audit names the client whose secret was guessed"
    );
}

#[tokio::test]
async fn a_token_request_in_json_is_told_what_to_send() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("{}/oauth/token", app.address))
        .json(
            &json!({ "grant_type": "client_credentials", "client_id": "x", "client_secret": "y" }),
        )
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"], "invalid_request");
    assert!(
        body["error_description"]
            .as_str()
            .is_some_and(|d| d.contains("application/x-www-form-urlencoded")),
        "{body}"
    );
}

/// Operations refused before they run (over a limit, over the cost, over the budget, a
/// document that does not parse, an oversized batch) are audited too, with their origin,
/// subject and code, counted per window like refused tokens: 60 refusals are a row per code
/// at once and one more per code when the window ends, not 60 writes.
#[tokio::test]
async fn refused_operations_leave_counted_audit_rows_with_their_origin() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.rate_limit.editor = 150;
        s.limits.batch = 2;
    })
    .await;
    let token = app.token("haag-wonen", "EDITOR");
    let flood: Vec<String> = (0..16).map(|i| format!("a{i}: __typename")).collect();
    let flood = format!("{{ {} }}", flood.join(" "));
    let batch = json!([{ "query": ME }, { "query": ME }, { "query": ME }]);
    for _ in 0..10 {
        // Over the alias limit (QUERY_TOO_COMPLEX), charged 100 of the budget at first.
        app.post(Some(&token), &json!({ "query": flood })).await;
        // Does not parse (BAD_USER_INPUT).
        app.post(Some(&token), &json!({ "query": "{ me { " })).await;
        // Too many operations in one batch (QUERY_TOO_COMPLEX, before admission).
        app.post(Some(&token), &batch).await;
    }
    // The budget is spent by now: RATE_LIMITED.
    let spent = app
        .post(
            Some(&token),
            &json!({ "query": "{ projects(first: 100) { totalCount } }" }),
        )
        .await;
    assert_eq!(spent.status(), 429);

    app.state.refusals.flush().await;
    let (rows, count) = counted(&app, "graphql").await;
    let code = |r: &entity::audit_log::Model| {
        r.details
            .as_ref()
            .map(|d| d["reason"].to_string())
            .unwrap_or_default()
    };
    for wanted in ["QUERY_TOO_COMPLEX", "BAD_USER_INPUT", "RATE_LIMITED"] {
        assert!(
            rows.iter().any(|r| code(r).contains(wanted)),
            "{wanted} audited: {:?}",
            rows.iter().map(code).collect::<Vec<_>>()
        );
    }
    assert!(count >= 31, "every refusal is counted: {count}");
    assert!(
        rows.len() <= 6,
        "counted, not written one by one: {}",
        rows.len()
    );
    for row in &rows {
        assert_eq!(row.origin_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(row.actor_subject.as_deref(), Some("test:haag-wonen"));
    }
}
