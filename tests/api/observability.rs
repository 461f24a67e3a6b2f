//! What operators see: JSON log lines that carry the request id, the operation, the caller and
//! the result but never a token, and the metrics `/metrics` exposes.

use std::{
    io::{BufRead, BufReader},
    process::Stdio,
};

use serde_json::{Value, json};

use crate::helpers::{ServerProcess, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_carry_the_request_and_never_the_token() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let mut server = ServerProcess::start(
        &app.database_url,
        // `wijkhub=debug`, as the operations guide suggests for investigating.
        &[
            ("WIJKHUB_LOG_FORMAT", "json"),
            ("WIJKHUB_LOG", "info,wijkhub=debug"),
            ("WIJKHUB_TRUSTED_PROXIES", "127.0.0.1"),
        ],
        Stdio::piped(),
    )
    .await;
    let client = reqwest::Client::new();
    let response = client
        .post(format!("{}/graphql", server.address))
        .bearer_auth(&token)
        .header("x-request-id", "req-observability-1")
        .header("forwarded", "for=198.51.100.7;proto=https")
        .json(&json!({ "query": "query Mine { me { organisation { code } } }" }))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "req-observability-1");
    let aliases: Vec<String> = (0..16).map(|i| format!("a{i}: __typename")).collect();
    let refused = client
        .post(format!("{}/graphql", server.address))
        .bearer_auth(&token)
        .json(&json!({ "query": format!("{{ {} }}", aliases.join(" ")) }))
        .send()
        .await
        .expect("send");
    assert_eq!(refused.status(), 400);
    let metrics = client
        .get(format!("{}/metrics", server.address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    server.child.kill().expect("stop");
    let stderr = server.child.stderr.take().expect("stderr");
    let lines: Vec<String> = tokio::task::spawn_blocking(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .collect()
    })
    .await
    .expect("read the log");

    assert!(!lines.is_empty());
    let records: Vec<Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let operation = records
        .iter()
        .find(|r| r["message"] == "graphql operation")
        .expect("a line per operation");
    assert_eq!(operation["operation"], "query me");
    assert_eq!(operation["operation_name"], "Mine");
    assert_eq!(operation["caller"], "haag-wonen");
    assert_eq!(operation["result"], "OK");
    assert!(operation["duration_ms"].is_number());
    assert_eq!(operation["span"]["request_id"], "req-observability-1");
    // Behind a trusted proxy, the line names the client it forwarded, not the proxy.
    assert_eq!(operation["span"]["client.address"], "198.51.100.7");
    assert!(
        lines.iter().all(|line| !line.contains(&token)),
        "a token reached the log"
    );
    // An operation refused before it runs has a line of its own, with the code and why.
    let refused = records
        .iter()
        .find(|r| r["message"] == "graphql operation refused")
        .expect("a line per refused operation");
    assert_eq!(refused["result"], "QUERY_TOO_COMPLEX");
    assert_eq!(refused["caller"], "haag-wonen");
    assert!(
        refused["reason"]
            .as_str()
            .is_some_and(|r| r.contains("alias"))
    );
    // `wijkhub=debug` shows what admission and authentication decided.
    for message in ["operation admitted", "organisation checked in the database"] {
        assert!(
            records
                .iter()
                .any(|r| r["message"] == message && r["level"] == "DEBUG"),
            "no debug line `{message}`"
        );
    }

    for name in [
        "wijkhub_graphql_operations_total",
        "wijkhub_graphql_operation_duration_seconds_bucket",
        "wijkhub_http_requests_total",
        "wijkhub_http_request_duration_seconds_bucket",
        "wijkhub_db_pool_connections",
    ] {
        assert!(metrics.contains(name), "{name} missing from /metrics");
    }
}

/// With `WIJKHUB_OTLP_ENDPOINT`, a request's spans reach the collector over OTLP/HTTP: the
/// request continuing the caller's `traceparent`, its GraphQL operation and its database
/// statements, in the caller's trace.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn traces_reach_a_collector_in_the_callers_trace() {
    use std::sync::{Arc, Mutex};
    /// Each export's media type and body.
    type Exports = Arc<Mutex<Vec<(String, Vec<u8>)>>>;
    let received: Exports = Arc::default();
    let sink = received.clone();
    let collector = axum::Router::new().route(
        "/v1/traces",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| async move {
                let kind = headers
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                sink.lock().expect("sink").push((kind, body.to_vec()));
                (
                    [("content-type", "application/x-protobuf")],
                    Vec::<u8>::new(),
                )
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind the collector");
    let endpoint = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, collector).await });

    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let server = ServerProcess::start(
        &app.database_url,
        &[
            ("WIJKHUB_OTLP_ENDPOINT", endpoint.as_str()),
            // The SDK's own variable: export every 100 ms instead of every 5 s.
            ("OTEL_BSP_SCHEDULE_DELAY", "100"),
        ],
        Stdio::null(),
    )
    .await;
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let parent_id = "00f067aa0ba902b7";
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", server.address))
        .bearer_auth(&token)
        .header("traceparent", format!("00-{trace_id}-{parent_id}-01"))
        .json(&json!({ "query": "query Mine { projects(first: 2) { nodes { title } } }" }))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);

    let raw = |hex: &str| hex::decode(hex).expect("hex");
    let contains =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
    let wanted: Vec<(&str, Vec<u8>)> = vec![
        ("the caller's trace id", raw(trace_id)),
        ("the caller's span as parent", raw(parent_id)),
        ("the request span", b"request".to_vec()),
        ("the operation span", b"graphql operation".to_vec()),
        ("a database statement span", b"db statement".to_vec()),
        ("the statement's text", b"SELECT".to_vec()),
        ("the service name", b"wijkhub".to_vec()),
    ];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let bodies = received.lock().expect("sink").clone();
        let all: Vec<u8> = bodies.iter().flat_map(|(_, b)| b.clone()).collect();
        let missing: Vec<&str> = wanted
            .iter()
            .filter(|(_, needle)| !contains(&all, needle))
            .map(|(what, _)| *what)
            .collect();
        if missing.is_empty() {
            assert!(
                bodies
                    .iter()
                    .all(|(kind, _)| kind == "application/x-protobuf"),
                "OTLP/HTTP with protobuf bodies"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the collector did not receive {missing:?} ({} exports)",
            bodies.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// With `WIJKHUB_METRICS_LISTEN`, `/metrics` is served on that address only: the public one
/// answers 404, so the metrics never leave the monitoring network.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_on_their_own_address_are_not_on_the_public_one() {
    let app = spawn_app().await;
    let internal = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let internal_address = internal.to_string();
    let mut server = ServerProcess::start(
        &app.database_url,
        &[("WIJKHUB_METRICS_LISTEN", internal_address.as_str())],
        Stdio::null(),
    )
    .await;
    let client = reqwest::Client::new();
    let public = client
        .get(format!("{}/metrics", server.address))
        .send()
        .await
        .expect("public /metrics");
    let scraped = client
        .get(format!("http://{internal}/metrics"))
        .send()
        .await
        .expect("internal /metrics");
    let ready = client
        .get(format!("http://{internal}/readyz"))
        .send()
        .await
        .expect("internal /readyz");
    let _ = server.child.kill();
    let _ = server.child.wait();
    assert_eq!(public.status(), 404);
    assert_eq!(scraped.status(), 200);
    assert!(
        scraped
            .text()
            .await
            .expect("text")
            .contains("wijkhub_db_pool_connections")
    );
    assert_eq!(ready.status(), 200);
}
