//! What GraphQL clients (Apollo Client, urql) read from answers: the status and code of every
//! refusal, the rate-limit and cache headers, the CORS preflight of a browser app that names
//! itself, and one-line syntax errors with their field and location.

use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_app_with};

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// `{ a0: __typename … }` with one alias more than the limit of 15.
fn alias_flood() -> String {
    let fields: Vec<String> = (0..16).map(|i| format!("a{i}: __typename")).collect();
    format!("{{ {} }}", fields.join(" "))
}

fn now_epoch() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[tokio::test]
async fn rate_limit_headers_come_with_refusals_and_batches() {
    let app = spawn_app_with(|s| s.rate_limit.editor = 130).await;
    let token = app.token("haag-wonen", "EDITOR");
    let send = |body: Value| {
        app.client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .header("accept", GRAPHQL_RESPONSE)
            .json(&body)
            .send()
    };
    let budget = |response: &reqwest::Response| {
        let number = |name| {
            header(response, name)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or_else(|| panic!("{name} missing on {}", response.status()))
        };
        (
            number("x-ratelimit-limit"),
            number("x-ratelimit-remaining"),
            number("x-ratelimit-reset"),
        )
    };

    // A document refused for its shape: 400, and it cost 100 of the budget.
    let refused = send(json!({ "query": alias_flood() })).await.expect("send");
    assert_eq!(refused.status(), 400);
    let (limit, remaining, reset) = budget(&refused);
    assert_eq!((limit, remaining), (130, 30));
    // Epoch seconds, within the one-minute window.
    let now = now_epoch();
    assert!(
        reset >= now && reset <= now + 61,
        "reset {reset}, now {now}"
    );

    // A batch: the headers say where the caller stands after its last operation.
    let batch = send(json!([
        { "query": "{ projects(first: 5) { nodes { title } } }" },
        { "query": "{ projects(first: 5) { nodes { title } } }" },
    ]))
    .await
    .expect("send");
    assert_eq!(batch.status(), 200);
    assert_eq!(budget(&batch).1, 30 - 2 * 7);

    // Over the budget: 429 with Retry-After and the budget that refused it.
    let over = send(json!({ "query": "{ projects(first: 20) { nodes { title } } }" }))
        .await
        .expect("send");
    assert_eq!(over.status(), 429);
    assert!(header(&over, "retry-after").is_some());
    assert_eq!(budget(&over).1, 16);
    let body: Value = over.json().await.expect("json");
    assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
}

#[tokio::test]
async fn get_answers_tell_caches_what_they_depend_on() {
    let app = spawn_app().await;
    let get = |token: Option<String>| {
        let mut request = app
            .client
            .get(format!("{}/graphql", app.address))
            .query(&[("query", "{ effects { totalCount } }")])
            .header("accept", "application/json");
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let public = get(None).await.expect("send");
    assert_eq!(public.status(), 200);
    assert_eq!(header(&public, "cache-control"), Some("public, max-age=60"));
    let vary = header(&public, "vary").unwrap_or_default().to_lowercase();
    assert!(
        vary.contains("accept") && vary.contains("authorization"),
        "{vary}"
    );

    let private = get(Some(app.token("haag-wonen", "VIEWER")))
        .await
        .expect("send");
    assert_eq!(private.status(), 200);
    assert_eq!(header(&private, "cache-control"), Some("private, no-store"));
    assert!(header(&private, "vary").is_some());

    // An answer with errors is never shared.
    let failed = app
        .client
        .get(format!("{}/graphql", app.address))
        .query(&[("query", "{ projects { totalCount } }")])
        .send()
        .await
        .expect("send");
    assert_eq!(header(&failed, "cache-control"), Some("private, no-store"));
}

#[tokio::test]
async fn a_browser_app_that_names_itself_passes_the_preflight() {
    let app = spawn_app_with(|s| s.cors_origins = "https://app.haagwonen.nl".into()).await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/graphql", app.address))
        .header("origin", "https://app.haagwonen.nl")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,apollographql-client-name,apollographql-client-version",
        )
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let allowed = header(&preflight, "access-control-allow-headers")
        .unwrap_or_default()
        .to_lowercase();
    for name in [
        "authorization",
        "content-type",
        "apollographql-client-name",
        "apollographql-client-version",
    ] {
        assert!(allowed.contains(name), "{name} not in {allowed}");
    }
}

#[tokio::test]
async fn syntax_and_validation_errors_are_one_line_with_field_and_location() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "VIEWER");
    let send = |query: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&token)
            .header("accept", GRAPHQL_RESPONSE)
            .json(&json!({ "query": query }))
            .send()
    };
    let syntax = send("{ projects(first: ) { totalCount } }")
        .await
        .expect("send");
    assert_eq!(syntax.status(), 400);
    let body: Value = syntax.json().await.expect("json");
    let error = &body["errors"][0];
    let message = error["message"].as_str().expect("message");
    assert!(!message.contains('\n'), "{message:?}");
    assert!(
        message.starts_with("syntax error at line 1, column 19"),
        "{message}"
    );
    assert_eq!(error["locations"][0], json!({ "line": 1, "column": 19 }));
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "query");

    let unknown = send("{ projcts { totalCount } }").await.expect("send");
    assert_eq!(unknown.status(), 400);
    let body: Value = unknown.json().await.expect("json");
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "query");
    assert!(error["locations"][0]["line"].is_number(), "{body}");
}
