//! The published contract: `schema.graphql` is what the server serves, every part of it is
//! described, and the service answers its health checks and headers.

use serde_json::{Value, json};

use crate::helpers::{spawn_app, spawn_app_with};

#[test]
fn committed_schema_equals_the_served_schema() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql at the top of the repository");
    let served = wijkhub::graphql::sdl();
    assert!(
        committed == served,
        "schema.graphql is stale: run `cargo run -- schema > schema.graphql` and review the diff"
    );
}

const INTROSPECTION: &str = r#"
{ __schema { types {
    name kind description
    fields(includeDeprecated: true) { name description args { name description } }
    inputFields { name description }
    enumValues(includeDeprecated: true) { name description }
} } }"#;

fn described(value: &Value) -> bool {
    value["description"]
        .as_str()
        .is_some_and(|d| !d.trim().is_empty())
}

#[tokio::test]
async fn every_type_field_argument_and_enum_value_is_described() {
    // Every field of every type, with their arguments: introspection costs like any other
    // field, and this walk is far above the default operation limit.
    let app = spawn_app_with(|s| {
        s.limits.cost = 100_000;
        s.rate_limit.enabled = false;
    })
    .await;
    let token = app.token("ocw", "VIEWER");
    let data = app.data(Some(&token), INTROSPECTION, json!({})).await;
    let mut missing = Vec::new();
    let builtin = ["String", "Int", "Float", "Boolean", "ID"];
    for ty in data["__schema"]["types"].as_array().expect("types") {
        let name = ty["name"].as_str().unwrap_or_default();
        if name.starts_with("__") || builtin.contains(&name) {
            continue;
        }
        if !described(ty) {
            missing.push(name.to_owned());
        }
        for field in ty["fields"].as_array().into_iter().flatten() {
            let field_name = format!("{name}.{}", field["name"].as_str().unwrap_or_default());
            if !described(field) {
                missing.push(field_name.clone());
            }
            for arg in field["args"].as_array().into_iter().flatten() {
                if !described(arg) {
                    missing.push(format!(
                        "{field_name}({})",
                        arg["name"].as_str().unwrap_or_default()
                    ));
                }
            }
        }
        for input in ty["inputFields"].as_array().into_iter().flatten() {
            if !described(input) {
                missing.push(format!(
                    "{name}.{}",
                    input["name"].as_str().unwrap_or_default()
                ));
            }
        }
        for value in ty["enumValues"].as_array().into_iter().flatten() {
            if !described(value) {
                missing.push(format!(
                    "{name}.{}",
                    value["name"].as_str().unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "undocumented schema elements: {missing:#?}"
    );
}

#[tokio::test]
async fn introspection_is_off_for_anonymous_callers() {
    let app = spawn_app().await;
    let body = app
        .graphql(None, "{ __schema { queryType { name } } }", json!({}))
        .await;
    assert!(
        body["data"]["__schema"].is_null() || body.get("errors").is_some(),
        "anonymous introspection must not answer: {body}"
    );
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn responses_carry_the_api_version_and_a_request_id() {
    let app = spawn_app().await;
    let response = app
        .post(None, &json!({ "query": "{ stadsdelen { totalCount } }" }))
        .await;
    assert_eq!(
        response
            .headers()
            .get("api-version")
            .and_then(|v| v.to_str().ok()),
        Some(wijkhub::http::API_VERSION)
    );
    assert!(response.headers().get("x-request-id").is_some());
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(
            response.headers().get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_token_that_fails_verification_refuses_the_whole_request() {
    let app = spawn_app().await;
    let good = app.token("dpz", "EDITOR");
    let tampered = format!("{}x", &good[..good.len() - 1]);
    for token in ["not-a-jwt", tampered.as_str()] {
        let response = app
            .post(
                Some(token),
                &json!({ "query": "{ stadsdelen { totalCount } }" }),
            )
            .await;
        assert_eq!(response.status(), 401);
        assert!(
            response
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("Bearer"))
        );
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn graphql_response_json_is_answered_with_its_status_codes() {
    let app = spawn_app().await;
    let send = |query: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .header(
                "accept",
                "application/graphql-response+json, application/json;q=0.9",
            )
            .json(&json!({ "query": query }))
            .send()
    };
    let ok = send("{ stadsdelen { totalCount } }").await.expect("send");
    assert_eq!(ok.status(), 200);
    assert_eq!(
        ok.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/graphql-response+json")
    );
    let invalid = send("{ noSuchField }").await.expect("send");
    assert_eq!(
        invalid.status(),
        400,
        "a document that fails validation never executed"
    );
    let partial = send("{ stadsdelen { totalCount } projects { totalCount } }")
        .await
        .expect("send");
    assert_eq!(
        partial.status(),
        200,
        "a field error leaves the rest of the answer standing"
    );
    // Plain JSON clients keep 200 for validation errors.
    let legacy = app.post(None, &json!({ "query": "{ noSuchField }" })).await;
    assert_eq!(legacy.status(), 200);
}

/// Code generators read `schema.graphql`, GraphiQL and Apollo read introspection: both say the
/// same of every scalar (description and `@specifiedBy`) and list the same directives.
#[tokio::test]
async fn schema_file_and_introspection_agree_on_scalars_and_directives() {
    let app = spawn_app().await;
    let token = app.token("ocw", "VIEWER");
    let data = app
        .data(
            Some(&token),
            "{ __schema { types { name kind description specifiedByURL }
                          directives { name locations args { name } } } }",
            json!({}),
        )
        .await;
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql");
    let mut specified = 0;
    for ty in data["__schema"]["types"].as_array().expect("types") {
        if ty["kind"] != "SCALAR" {
            continue;
        }
        let name = ty["name"].as_str().expect("name");
        if ["String", "Int", "Float", "Boolean", "ID"].contains(&name) {
            continue;
        }
        let line = match ty["specifiedByURL"].as_str() {
            Some(url) => {
                specified += 1;
                format!("scalar {name} @specifiedBy(url: \"{url}\")\n")
            }
            None => format!("scalar {name}\n"),
        };
        let description = ty["description"].as_str().expect("described");
        assert!(
            !description.contains("Implement the"),
            "{name}: the engine's description is left: {description}"
        );
        let block = format!("\"\"\"\n{description}\n\"\"\"\n{line}");
        assert!(
            committed.contains(&block),
            "schema.graphql does not say what introspection says of {name}:\n{block}"
        );
    }
    assert!(
        specified >= 3,
        "Date, DateTime and Euro name their specifications"
    );
    for directive in data["__schema"]["directives"]
        .as_array()
        .expect("directives")
    {
        let name = directive["name"].as_str().expect("name");
        if committed.contains(&format!("directive @{name}(")) {
            continue;
        }
        // The specification's own `@deprecated` and `@oneOf` are declared in the file only where
        // the schema uses them; every other directive must be declared.
        assert!(
            ["deprecated", "oneOf"].contains(&name) && !committed.contains(&format!("@{name}")),
            "schema.graphql lacks @{name}"
        );
    }
}

/// One version story: the binary's `--version` and the `API-Version` header are one number.
#[test]
fn the_binary_and_the_header_tell_one_version() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_wijkhub"))
        .arg("--version")
        .output()
        .expect("run wijkhub --version");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        printed.trim(),
        format!("wijkhub {}", wijkhub::http::API_VERSION)
    );
}
