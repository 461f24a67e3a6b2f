//! Production limits: cost, batching, rate limits per caller, trusted documents, and the HTTP
//! hygiene a public deployment needs (CORS, compression, suggestions, introspection).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_app_with};

const DEEP_PAGE: &str = "{ projects(first: 500) { nodes { title lead { name } participants { organisation { name } } wijken { stadsdeel { name } } } } }";

#[tokio::test]
async fn every_response_reports_its_cost() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let body = app
        .graphql(
            Some(&token),
            "{ projects(first: 20) { nodes { title lead { name } } } }",
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["extensions"]["cost"], 2 + 20 * 2);
}

#[tokio::test]
async fn an_operation_above_the_cost_limit_is_refused_before_any_sql() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    // Warm the token check's statements out of the count: only the operation's own matter.
    app.data(Some(&token), "{ __typename }", json!({})).await;
    for (query, variables) in [
        (DEEP_PAGE, json!({})),
        // A huge `first`, literally or by variable.
        ("{ projects(first: 1000000) { nodes { id } } }", json!({})),
        (
            "query($n: Int) { wijken(first: $n) { nodes { projects(first: 500) { nodes { id } } } } }",
            json!({ "n": 100 }),
        ),
    ] {
        let before = app.statements();
        let started = Instant::now();
        let response = app
            .post(
                Some(&token),
                &json!({ "query": query, "variables": variables }),
            )
            .await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
        assert!(body["errors"][0]["extensions"]["cost"].as_u64() > Some(1_000));
        assert!(body.get("data").is_none_or(Value::is_null), "{body}");
        // Only the token check ran: one lookup of the caller's organisation.
        assert!(
            app.statements() - before <= 1,
            "SQL ran for a refused operation"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    // The limit is configurable, and ordinary pages are unaffected by it.
    // 2 + 500 × (project, lead, 4 participants with their organisation, 4 wijken with their
    // stadsdeel) = 9,002.
    let lenient = spawn_app_with(|s| s.limits.cost = 20_000).await;
    let token = lenient.token("haag-wonen", "EDITOR");
    let data = lenient.data(Some(&token), DEEP_PAGE, json!({})).await;
    assert!(
        data["projects"]["nodes"]
            .as_array()
            .is_some_and(|n| !n.is_empty())
    );
}

#[tokio::test]
async fn a_batch_runs_each_operation_up_to_the_limit() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let one = json!({ "query": "{ me { organisation { code } } }" });
    let response = app
        .post(
            Some(&token),
            &json!([one, { "query": "{ stadsdelen { totalCount } }" }]),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body[0]["data"]["me"]["organisation"]["code"], "haag-wonen");
    assert_eq!(body[1]["data"]["stadsdelen"]["totalCount"], 8);
    // A connection of scalars only costs its fixed 2.
    assert_eq!(body[1]["extensions"]["cost"], 2);

    let before = app.statements();
    let eleven: Vec<Value> = (0..11).map(|_| one.clone()).collect();
    let response = app.post(Some(&token), &json!(eleven)).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
    assert!(app.statements() - before <= 1);

    let off = spawn_app_with(|s| s.limits.batch = 0).await;
    let token = off.token("haag-wonen", "EDITOR");
    let response = off.post(Some(&token), &json!([one])).await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn oversized_and_slow_bodies_are_cut_off() {
    let app = spawn_app().await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let response = app
        .post(
            None,
            &json!({ "query": "{ __typename }", "variables": { "pad": huge } }),
        )
        .await;
    assert_eq!(response.status(), 413);
    // Refused on its declared length, before it is read, in the format of every refusal.
    assert_eq!(response.headers()["connection"], "close");
    let body: Value = response.json().await.expect("a JSON error");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(
        body["errors"][0]["message"],
        "the request body is too large"
    );

    // A body that trickles in slower than the request timeout is cut off with 503.
    let address = app.address.trim_start_matches("http://").to_owned();
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let body = br#"{"query":"{ __typename }"}"#;
        let mut stream = std::net::TcpStream::connect(&address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            stream,
            "POST /graphql HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .expect("headers");
        // One byte a second: the whole body would take 26 s.
        for byte in body {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_secs(1));
            stream.set_nonblocking(true).expect("nonblocking");
            let mut peek = [0u8; 12];
            let cut_off = matches!(stream.peek(&mut peek), Ok(n) if n > 0);
            stream.set_nonblocking(false).expect("blocking");
            if cut_off {
                break;
            }
        }
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    })
    .await
    .expect("the slow client ran");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    // Like every error: a JSON body with its code, and when to come back.
    assert!(answer.contains(r#""code":"QUERY_TOO_COMPLEX""#), "{answer}");
    assert!(answer.to_lowercase().contains("retry-after: 1"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(15));
}

/// With several instances on one PostgreSQL database a caller has one budget, not one per
/// instance: what it spends through either counts against the same window.
#[tokio::test]
async fn a_budget_holds_across_instances_on_one_database() {
    let Some((app, other)) = two_instances(100).await else {
        return;
    };
    let token = app.token("haag-wonen", "EDITOR");
    let spend_on_other = || spend_on(&other, &token);
    // Each page costs 22: four fit in a budget of 100, spent on the two instances in turn.
    for n in 0..4 {
        let response = if n % 2 == 0 {
            spend(&app, &token).await
        } else {
            spend_on_other().await
        };
        assert_eq!(response.status(), 200, "page {n} is within the budget");
    }
    // The fifth fits on neither: each instance alone has seen only two pages.
    assert_eq!(spend(&app, &token).await.status(), 429);
    let refused = spend_on_other().await;
    assert_eq!(refused.status(), 429);
    let body: Value = refused.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    assert!(
        body["errors"][0]["extensions"]["remaining"]
            .as_u64()
            .is_some_and(|left| left < 22),
        "the other instance reports what is left of the one budget: {body}"
    );
    // Another caller is not touched by it, on either instance.
    let other_caller = app.token("xtra", "EDITOR");
    assert_eq!(spend(&app, &other_caller).await.status(), 200);
}

/// A burst of one caller's requests on one instance leases what the burst spends, not the whole
/// budget: each request that found the lease spent used to ask the ledger for a slice of its own,
/// so the caller's requests to another instance (or to this one after a restart) were refused
/// for the rest of the window with most of the budget unspent.
#[tokio::test]
async fn a_burst_on_one_instance_leaves_the_budget_to_the_others() {
    use sea_orm::EntityTrait;
    // Slices of 200; a page costs 22, so the burst spends about 1,100 of 2,000.
    let Some((app, other)) = two_instances(2000).await else {
        return;
    };
    let token = app.token("haag-wonen", "EDITOR");
    assert_eq!(spend(&app, &token).await.status(), 200, "the first page");
    let burst = futures_util::future::join_all((0..48).map(|_| spend(&app, &token))).await;
    assert!(
        burst.iter().all(|r| r.status() == 200),
        "the burst fits in the budget: {:?}",
        burst.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
    assert_eq!(
        spend_on(&other, &token).await.status(),
        200,
        "the other instance still has the budget's rest to lease"
    );
    // The one caller of this test's database.
    let leased: i64 = entity::rate_limit_lease::Entity::find()
        .all(&app.state.db)
        .await
        .expect("the ledger")
        .iter()
        .map(|row| row.leased)
        .sum();
    // 50 pages spent (1,100); one slice's rest on each instance at most beside them.
    assert!(leased <= 1100 + 2 * 200, "leased {leased} for 1,100 spent");
}

/// Two instances on one database, with `editor` as an editor's budget; `None` (the test skips)
/// on SQLite, where instances do not share a database.
async fn two_instances(
    editor: u64,
) -> Option<(crate::helpers::TestApp, crate::helpers::OtherServer)> {
    let budget = move |s: &mut wijkhub::config::Settings| s.rate_limit.editor = editor;
    let app = spawn_app_with(budget).await;
    if !app.database_url.starts_with("postgres") {
        eprintln!(
            "SKIPPED: instances share a database only on PostgreSQL (set WIJKHUB_TEST_DATABASE_URL)"
        );
        return None;
    }
    let other = crate::helpers::second_instance_with(&app, budget).await;
    Some((app, other))
}

/// A page of projects (cost 22) through the other instance.
async fn spend_on(other: &crate::helpers::OtherServer, token: &str) -> reqwest::Response {
    other
        .client
        .post(format!("{}/graphql", other.address))
        .bearer_auth(token)
        .json(&json!({ "query": "{ projects(first: 20) { nodes { title } } }" }))
        .send()
        .await
        .expect("the other instance answers")
}

async fn spend(app: &crate::helpers::TestApp, token: &str) -> reqwest::Response {
    app.post(
        Some(token),
        &json!({ "query": "{ projects(first: 20) { nodes { title } } }" }),
    )
    .await
}

#[tokio::test]
async fn an_exhausted_partner_is_refused_while_another_is_served() {
    let app = spawn_app_with(|s| s.rate_limit.editor = 100).await;
    let hungry = app.token("haag-wonen", "EDITOR");
    let other = app.token("xtra", "EDITOR");

    // Each page costs 22: four fit in a budget of 100, the fifth does not.
    for _ in 0..4 {
        let response = spend(&app, &hungry).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers().contains_key("x-ratelimit-remaining"));
    }
    let before = app.statements();
    let refused = spend(&app, &hungry).await;
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry_after));
    let body: Value = refused.json().await.expect("JSON");
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "RATE_LIMITED");
    assert!(error["extensions"]["retryAfterSeconds"].as_u64().is_some());
    assert!(app.statements() - before <= 1, "a refused request ran SQL");

    // The other partner still has its whole budget.
    let served = spend(&app, &other).await;
    assert_eq!(served.status(), 200);
    let data = app
        .data(
            Some(&other),
            "{ rateLimit { limit remaining resetAt cost enforced } }",
            json!({}),
        )
        .await;
    assert_eq!(data["rateLimit"]["limit"], 100);
    assert_eq!(data["rateLimit"]["cost"], 1);
    assert_eq!(data["rateLimit"]["remaining"], 100 - 22 - 1);
    assert_eq!(data["rateLimit"]["enforced"], true);

    // A budget of its own for one API client replaces its role's.
    let generous = spawn_app_with(|s| {
        s.rate_limit.editor = 10;
        s.rate_limit.clients.insert("tester".into(), 1_000);
    })
    .await;
    let token = generous
        .state
        .keys
        .issue_for(
            "tester",
            generous.org_id("haag-wonen"),
            entity::Role::Editor,
            Duration::from_secs(600),
            None,
        )
        .expect("token");
    assert_eq!(spend(&generous, &token).await.status(), 200);
}

#[tokio::test]
async fn persisted_queries_are_registered_then_sent_by_hash() {
    use sha2::Digest;
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let query = "{ me { organisation { code } } }";
    let hash = hex::encode(sha2::Sha256::digest(query.as_bytes()));
    let by_hash =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });

    let response = app.post(Some(&token), &json!({ "variables": {} })).await;
    assert_eq!(
        response.status(),
        400,
        "a request without a document is refused"
    );
    let response = app.post(Some(&token), &by_hash).await;
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");

    let mut register = by_hash.clone();
    register["query"] = json!(query);
    let body: Value = app
        .post(Some(&token), &register)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["data"]["me"]["organisation"]["code"], "haag-wonen");

    let body: Value = app
        .post(Some(&token), &by_hash)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        body["data"]["me"]["organisation"]["code"], "haag-wonen",
        "{body}"
    );

    let mut wrong = by_hash.clone();
    wrong["query"] = json!("{ stadsdelen { totalCount } }");
    let body: Value = app
        .post(Some(&token), &wrong)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[tokio::test]
async fn the_allow_list_holds_partner_apps_to_their_trusted_documents() {
    use sha2::Digest;
    let allowed = "query Mine { me { organisation { code } } }";
    let hash = hex::encode(sha2::Sha256::digest(allowed.as_bytes()));
    let manifest =
        std::env::temp_dir().join(format!("wijkhub-manifest-{}.json", uuid::Uuid::now_v7()));
    std::fs::write(&manifest, json!({ hash.clone(): allowed }).to_string())
        .expect("write manifest");
    let path = manifest.clone();
    let app = spawn_app_with(move |s| {
        s.trusted_documents.manifest = Some(path);
        s.trusted_documents.enforce = true;
    })
    .await;
    let partner = app.token("haag-wonen", "EDITOR");
    let staff = app.token("programmabureau", "EDITOR");
    let other = "{ stadsdelen { totalCount } }";

    let body = app.graphql(Some(&partner), other, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert!(body["data"].is_null());
    let data = app.data(Some(&partner), allowed, json!({})).await;
    assert_eq!(data["me"]["organisation"]["code"], "haag-wonen");
    let body: Value = app
        .post(
            Some(&partner),
            &json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }),
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["data"]["me"]["organisation"]["code"], "haag-wonen");
    // City staff keep the playground: any document.
    let data = app.data(Some(&staff), other, json!({})).await;
    assert_eq!(data["stadsdelen"]["totalCount"], 8);
    let _ = std::fs::remove_file(manifest);
}

#[tokio::test]
async fn production_hides_the_schema_from_strangers() {
    let app = spawn_app_with(|s| {
        s.env = wijkhub::config::Environment::Production;
        s.jwt_secret = wijkhub::config::Secret::new("a-production-secret-of-more-than-32-chars");
    })
    .await;
    let body = app
        .graphql(
            None,
            r#"{ __schema { types { name } } __type(name: "Project") { name } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        crate::helpers::single_error(&body).0,
        "UNAUTHENTICATED",
        "anonymous introspection is refused, never a silent null: {body}"
    );
    let token = app.token("haag-wonen", "EDITOR");
    let response = app
        .post(
            Some(&token),
            &json!({ "query": "{ projcts { totalCount } }" }),
        )
        .await;
    let body: Value = response.json().await.expect("JSON");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("projcts"), "{message}");
    assert!(
        !message.contains("Did you mean"),
        "suggestions leak the schema: {message}"
    );

    // In development they help.
    let dev = spawn_app().await;
    let token = dev.token("haag-wonen", "EDITOR");
    let body = dev
        .graphql(Some(&token), "{ projcts { totalCount } }", json!({}))
        .await;
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Did you mean"), "{message}");
}

#[tokio::test]
async fn cors_compression_and_headers() {
    let app = spawn_app_with(|s| s.cors_origins = "https://app.haagwonen.nl".into()).await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, format!("{}/graphql", app.address))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };
    let allowed = preflight("https://app.haagwonen.nl")
        .await
        .expect("preflight");
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.haagwonen.nl"
    );
    assert!(
        !allowed
            .headers()
            .contains_key("access-control-allow-credentials")
    );
    let refused = preflight("https://evil.example").await.expect("preflight");
    assert!(
        !refused
            .headers()
            .contains_key("access-control-allow-origin")
    );

    let token = app.token("haag-wonen", "EDITOR");
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&token)
        .header("accept-encoding", "gzip")
        .json(&json!({ "query": "{ projects(first: 100) { nodes { title summary } } }" }))
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    // GraphQL over HTTP: 415 for a body that is not JSON, 406 for a client that takes no JSON.
    let post = |content_type: &'static str, accept: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .header("content-type", content_type)
            .header("accept", accept)
            .body(r#"{"query":"{ __typename }"}"#)
            .send()
    };
    assert_eq!(
        post("text/plain", "application/json")
            .await
            .expect("send")
            .status(),
        415
    );
    assert_eq!(
        post("application/json", "text/html")
            .await
            .expect("send")
            .status(),
        406
    );
    let ok = post(
        "application/json; charset=utf-8",
        "application/graphql-response+json;q=1",
    )
    .await
    .expect("send");
    assert_eq!(ok.status(), 200);
    assert_eq!(
        ok.headers()["content-type"],
        "application/graphql-response+json"
    );
    for header in [
        "x-request-id",
        "api-version",
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
    ] {
        assert!(response.headers().contains_key(header), "{header} missing");
    }
}

#[tokio::test]
async fn dates_must_be_exactly_yyyy_mm_dd() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let create = "mutation($d: Date) { createProject(input: { title: \"Datumproef\", summary: \"\", wijkCodes: [\"WK051836\"], themes: [WORK], startsOn: $d }) { startsOn } }";
    for sloppy in ["2023-2-3", "+2023-01-01", " 2023-01-01", "2023-02-30"] {
        // By variable and as a literal: both doors refuse it before it runs, naming the input.
        let body = app
            .graphql(Some(&token), create, json!({ "d": sloppy }))
            .await;
        assert_eq!(
            crate::helpers::single_error(&body),
            (
                "BAD_USER_INPUT".to_owned(),
                Some("input.startsOn".to_owned())
            ),
            "{sloppy:?}: {body}"
        );
        let literal = create
            .replace("($d: Date)", "")
            .replace("$d", &json!(sloppy).to_string());
        let body = app.graphql(Some(&token), &literal, json!({})).await;
        assert_eq!(
            crate::helpers::single_error(&body),
            (
                "BAD_USER_INPUT".to_owned(),
                Some("input.startsOn".to_owned())
            ),
            "{sloppy:?}: {body}"
        );
    }
    let data = app
        .data(Some(&token), create, json!({ "d": "2026-03-01" }))
        .await;
    assert_eq!(data["createProject"]["startsOn"], "2026-03-01");
}

#[tokio::test]
async fn a_persisted_query_is_known_only_to_the_organisation_that_registered_it() {
    use sha2::Digest;
    let app = spawn_app().await;
    let query = "{ stadsdelen { totalCount } }";
    let hash = hex::encode(sha2::Sha256::digest(query.as_bytes()));
    let by_hash =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    let mut register = by_hash.clone();
    register["query"] = json!(query);
    let registrar = app.token("haag-wonen", "EDITOR");
    let body: Value = app
        .post(Some(&registrar), &register)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["data"]["stadsdelen"]["totalCount"], 8, "{body}");

    // Another organisation, and anyone without a token, cannot tell it was ever run.
    let stranger = app.token("xtra", "EDITOR");
    for token in [Some(stranger.as_str()), None] {
        let body: Value = app.post(token, &by_hash).await.json().await.expect("JSON");
        assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
        assert!(body["data"].is_null(), "{body}");
    }
    // A colleague in the same organisation shares its registrations.
    let colleague = app.token("haag-wonen", "VIEWER");
    let body: Value = app
        .post(Some(&colleague), &by_hash)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["data"]["stadsdelen"]["totalCount"], 8, "{body}");
}

/// The text GraphiQL sends to load the schema (see `src/graphql/pipeline/introspection.rs`).
const GRAPHIQL_INTROSPECTION: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/graphiql-introspection.graphql"
));

#[tokio::test]
async fn anonymous_introspection_is_refused_with_a_reason() {
    let app = spawn_app().await;
    for query in [
        "{ __schema { queryType { name } } }",
        r#"{ __type(name: "Project") { name } }"#,
        "query { ...S } fragment S on Query { __schema { types { name } } }",
        GRAPHIQL_INTROSPECTION,
    ] {
        let body = app.graphql(None, query, json!({})).await;
        assert_eq!(
            crate::helpers::single_error(&body).0,
            "UNAUTHENTICATED",
            "{query}: {body}"
        );
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("token"), "{message}");
        assert!(body["data"].is_null(), "{body}");
    }
    // `__typename` is not the schema: anyone may ask it.
    let data = app.data(None, "{ __typename }", json!({})).await;
    assert_eq!(data["__typename"], "Query");
}

#[tokio::test]
async fn introspection_counts_for_aliases_depth_and_cost() {
    let app = spawn_app().await;
    let token = app.token("programmabureau", "EDITOR");
    let aliases: String = (0..30).map(|i| format!("t{i}: __typename ")).collect();
    let deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }";
    // One 80 MB answer used to be: 197 aliased schema walks in each of a batch of 10.
    let walk = "__schema { types { name kind description fields { name description args { name } type { name kind ofType { name } } } } }";
    let bomb: String = (0..197).map(|i| format!("s{i}: {walk} ")).collect();
    let one_walk = format!("{{ {walk} }}");
    for query in [
        format!("{{ {aliases} }}"),
        deep.to_owned(),
        format!("{{ {bomb} }}"),
        one_walk.clone(),
    ] {
        let started = Instant::now();
        let response = app.post(Some(&token), &json!({ "query": query })).await;
        assert_eq!(response.status(), 400, "{query}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(
            crate::helpers::single_error(&body).0,
            "QUERY_TOO_COMPLEX",
            "{body}"
        );
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    let batch: Vec<Value> = (0..10)
        .map(|_| json!({ "query": format!("{{ {bomb} }}") }))
        .collect();
    let started = Instant::now();
    let response = app.post(Some(&token), &json!(batch)).await;
    let text = response.text().await.expect("text");
    assert!(
        text.len() < 100_000,
        "the bomb answered {} bytes",
        text.len()
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    eprintln!(
        "introspection bomb (batch of 10): {} bytes in {:?}",
        text.len(),
        started.elapsed()
    );

    // What does pass is charged: every type of the schema is an object.
    let body = app
        .graphql(Some(&token), "{ __schema { types { name } } }", json!({}))
        .await;
    let types = body["data"]["__schema"]["types"]
        .as_array()
        .map_or(0, Vec::len) as u64;
    assert!(types > 100, "{body}");
    let cost = body["extensions"]["cost"].as_u64().unwrap_or(0);
    assert!(
        (types + 1..=types + 10).contains(&cost),
        "1 + about one per type, got {cost} for {types} types"
    );
}

#[tokio::test]
async fn graphiqls_schema_query_passes_and_is_answered_from_one_copy() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "VIEWER");
    let request = json!({ "query": GRAPHIQL_INTROSPECTION, "operationName": "IntrospectionQuery" });
    let first: Value = app
        .post(Some(&token), &request)
        .await
        .json()
        .await
        .expect("JSON");
    assert!(first.get("errors").is_none(), "{first}");
    let types = first["data"]["__schema"]["types"]
        .as_array()
        .expect("types");
    assert!(types.iter().any(|t| t["name"] == "Project"));
    assert_eq!(first["extensions"]["cost"], 100);
    let before = app.statements();
    let started = Instant::now();
    let again: Value = app
        .post(Some(&token), &request)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(again["data"], first["data"]);
    assert_eq!(again["extensions"]["cost"], 100);
    assert!(app.statements() - before <= 1);
    eprintln!(
        "standard introspection answer: {} bytes, repeated in {:?}",
        again["data"].to_string().len(),
        started.elapsed()
    );
    // The copy answers only what the engine would run: an operation name the document lacks is
    // the engine's error, copy or no copy.
    let misnamed: Value = app
        .post(
            Some(&token),
            &json!({ "query": GRAPHIQL_INTROSPECTION, "operationName": "Other" }),
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert!(misnamed["data"].is_null(), "{misnamed}");
    let message = misnamed["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("Unknown operation"), "{misnamed}");
}

#[tokio::test]
async fn an_oversized_answer_is_refused_not_sent() {
    let app = spawn_app_with(|s| s.limits.response_bytes = 2_000).await;
    let token = app.token("programmabureau", "EDITOR");
    let response = app
        .post(
            Some(&token),
            &json!({ "query": "{ projects(first: 100) { nodes { title summary } } }" }),
        )
        .await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(
        crate::helpers::single_error(&body).0,
        "QUERY_TOO_COMPLEX",
        "{body}"
    );
    assert!(body.get("data").is_none_or(Value::is_null), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["maximumBytes"], 2_000);
    // Small answers are unaffected, and a mutation's answer is never withheld: its write is done.
    let data = app
        .data(Some(&token), "{ stadsdelen { totalCount } }", json!({}))
        .await;
    assert_eq!(data["stadsdelen"]["totalCount"], 8);
    let summary = "x".repeat(3_000);
    let data = app
        .data(
            Some(&token),
            "mutation($s: String!) { createProject(input: { title: \"Groot\", summary: $s, wijkCodes: [\"WK051836\"], themes: [WORK] }) { summary } }",
            json!({ "s": summary }),
        )
        .await;
    assert_eq!(data["createProject"]["summary"], summary);
}

#[tokio::test]
async fn cost_counts_variable_defaults_plain_lists_and_unparsable_documents() {
    let app = spawn_app_with(|s| s.rate_limit.anonymous = 3).await;
    let token = app.token("programmabureau", "EDITOR");
    // A default of 500 is a page of 500: 2 + 500 × (project 1 + lead 1).
    let body: Value = app
        .post(
            Some(&token),
            &json!({ "query": "query($n: Int = 500) { projects(first: $n) { nodes { id lead { name } } } }" }),
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "QUERY_TOO_COMPLEX");
    assert_eq!(body["errors"][0]["extensions"]["cost"], 1_002);
    // A plain list counts as its expected size (4): 2 + 10 × (place 1 + 4 × project 1).
    let body = app
        .graphql(
            Some(&token),
            "{ meetingPlaces(first: 10) { nodes { projects { title } } } }",
            json!({}),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["extensions"]["cost"], 52);
    // A document that does not parse still costs 1: three fit in a budget of 3, the fourth not.
    for _ in 0..3 {
        let body = app.graphql(None, "{ stadsdelen {", json!({})).await;
        assert_eq!(
            crate::helpers::single_error(&body).0,
            "BAD_USER_INPUT",
            "{body}"
        );
    }
    let response = app.post(None, &json!({ "query": "{ stadsdelen {" })).await;
    assert_eq!(response.status(), 429);
}
