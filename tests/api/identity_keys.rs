//! API clients with a key pair instead of a secret: `private_key_jwt` client authentication at
//! `/oauth/token` (RFC 7523), and the authorization server metadata (RFC 8414) that tells a
//! partner's OAuth library about it.

use std::path::PathBuf;

use entity::client_assertion;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, single_error, spawn_app, spawn_app_with};

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ME: &str = "{ me { role organisation { code } } }";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).expect("fixture")
}

fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

/// The RSA fixture key as a JWK, as a partner might register it.
fn rsa_jwk() -> String {
    let set: Value = serde_json::from_str(&read("jwks.json")).expect("jwks");
    set["keys"][0].to_string()
}

async fn register(app: &TestApp, public_key: &str) -> Value {
    let admin = app.token("programmabureau", "ADMIN");
    app.graphql(
        Some(&admin),
        "mutation($o: ID!, $k: String!) { createApiClientWithKey(input: { organisationId: $o, name: \"Nachtelijke sync\", role: EDITOR, publicKey: $k }) { id role authentication organisation { code } } }",
        json!({ "o": app.org_id("haag-wonen"), "k": public_key }),
    )
    .await
}

async fn register_ok(app: &TestApp, public_key: &str) -> String {
    let body = register(app, public_key).await;
    assert!(body.get("errors").is_none(), "{body}");
    let client = &body["data"]["createApiClientWithKey"];
    assert_eq!(client["authentication"], "PRIVATE_KEY_JWT");
    assert_eq!(client["organisation"]["code"], "haag-wonen");
    client["id"].as_str().expect("id").to_owned()
}

fn assertion(alg: Algorithm, private: &str, claims: &Value) -> String {
    let pem = read(private);
    let key = match alg {
        Algorithm::ES256 => EncodingKey::from_ec_pem(pem.as_bytes()),
        _ => EncodingKey::from_rsa_pem(pem.as_bytes()),
    }
    .expect("key");
    jsonwebtoken::encode(&Header::new(alg), claims, &key).expect("sign")
}

/// Good claims for `client`, aimed at `app`'s token endpoint.
fn claims(app: &TestApp, client: &str) -> Value {
    json!({
        "iss": client, "sub": client,
        "aud": format!("{}/oauth/token", app.address),
        "iat": now(), "exp": now() + 120,
        "jti": Uuid::now_v7().to_string(),
    })
}

fn with(mut claims: Value, patch: Value) -> Value {
    for (key, value) in patch.as_object().expect("object") {
        claims[key] = value.clone();
    }
    claims
}

async fn exchange(app: &TestApp, form: &[(&str, &str)]) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/oauth/token", app.address))
        .form(form)
        .send()
        .await
        .expect("token request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

async fn with_assertion(app: &TestApp, assertion: &str) -> (u16, Value) {
    exchange(
        app,
        &[
            ("grant_type", "client_credentials"),
            ("client_assertion_type", JWT_BEARER),
            ("client_assertion", assertion),
        ],
    )
    .await
}

#[tokio::test]
async fn a_client_with_a_key_gets_a_token_for_each_assertion_once() {
    let app = spawn_app().await;
    let client = register_ok(&app, &read("ec-public.pem")).await;

    // A used assertion past its expiry, to be swept.
    client_assertion::ActiveModel {
        client_id: Set(Uuid::parse_str(&client).expect("uuid")),
        jti: Set("long-gone".into()),
        expires_at: Set(chrono::Utc::now() - chrono::Duration::hours(1)),
    }
    .insert(&app.state.db)
    .await
    .expect("an old assertion");

    let good = assertion(Algorithm::ES256, "ec-private.pem", &claims(&app, &client));
    let (status, body) = with_assertion(&app, &good).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    let token = body["access_token"].as_str().expect("token");
    let me = app.data(Some(token), ME, json!({})).await;
    assert_eq!(
        me["me"],
        json!({ "role": "EDITOR", "organisation": { "code": "haag-wonen" } })
    );
    // The jti is remembered in the database (every instance sees it); the expired one is gone.
    let remembered = client_assertion::Entity::find()
        .all(&app.state.db)
        .await
        .expect("rows");
    assert_eq!(remembered.len(), 1);
    assert_ne!(remembered[0].jti, "long-gone");

    // Replayed: refused, as RFC 6749 §5.2 says.
    let (status, body) = with_assertion(&app, &good).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );

    // The same client with client_id in the form too, and `aud` naming the token issuer.
    let named = assertion(
        Algorithm::ES256,
        "ec-private.pem",
        &with(claims(&app, &client), json!({ "aud": "wijkhub" })),
    );
    let (status, body) = exchange(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &client),
            ("client_assertion_type", JWT_BEARER),
            ("client_assertion", &named),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // An RSA key registered as a JWK works the same.
    let rsa_client = register_ok(&app, &rsa_jwk()).await;
    let rsa = assertion(
        Algorithm::RS256,
        "rsa-private.pem",
        &claims(&app, &rsa_client),
    );
    let (status, body) = with_assertion(&app, &rsa).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn bad_assertions_are_refused_as_invalid_client() {
    let app = spawn_app().await;
    let client = register_ok(&app, &read("ec-public.pem")).await;
    let good = claims(&app, &client);
    let cases = [
        (
            "expired",
            with(
                good.clone(),
                json!({ "iat": now() - 400, "exp": now() - 100 }),
            ),
            Algorithm::ES256,
        ),
        (
            "living an hour",
            with(good.clone(), json!({ "exp": now() + 3600 })),
            Algorithm::ES256,
        ),
        (
            "issued long ago, living ten minutes",
            with(
                good.clone(),
                json!({ "iat": now() - 540, "exp": now() + 60 }),
            ),
            Algorithm::ES256,
        ),
        (
            "without exp",
            {
                let mut c = good.clone();
                c.as_object_mut().expect("object").remove("exp");
                c
            },
            Algorithm::ES256,
        ),
        (
            "without jti",
            {
                let mut c = good.clone();
                c.as_object_mut().expect("object").remove("jti");
                c
            },
            Algorithm::ES256,
        ),
        (
            "for another server",
            with(
                good.clone(),
                json!({ "aud": "https://elders.example.org/oauth/token" }),
            ),
            Algorithm::ES256,
        ),
        (
            "iss is not the client",
            with(good.clone(), json!({ "iss": "someone-else" })),
            Algorithm::ES256,
        ),
        ("signed with another key", good.clone(), Algorithm::RS256),
    ];
    for (case, claims, alg) in cases {
        let private = match alg {
            Algorithm::ES256 => "ec-private.pem",
            _ => "rsa-private.pem",
        };
        let (status, body) = with_assertion(&app, &assertion(alg, private, &claims)).await;
        assert_eq!(status, 401, "{case}: {body}");
        assert_eq!(body["error"], "invalid_client", "{case}");
    }
    // Malformed requests are `invalid_request`.
    let signed = assertion(Algorithm::ES256, "ec-private.pem", &good);
    for (case, form) in [
        (
            "another assertion type",
            vec![
                ("client_assertion_type", "urn:example:saml"),
                ("client_assertion", signed.as_str()),
            ],
        ),
        ("no assertion", vec![("client_assertion_type", JWT_BEARER)]),
        (
            "an assertion and a secret",
            vec![
                ("client_assertion_type", JWT_BEARER),
                ("client_assertion", signed.as_str()),
                ("client_secret", "whs_x"),
            ],
        ),
    ] {
        let mut form = form;
        form.push(("grant_type", "client_credentials"));
        let (status, body) = exchange(&app, &form).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (400, Some("invalid_request")),
            "{case}: {body}"
        );
    }
    // After all that, the good assertion still works once: refusals used nothing up.
    let (status, body) = with_assertion(&app, &signed).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_client_authenticates_only_the_way_it_was_registered() {
    let app = spawn_app().await;
    let keyed = register_ok(&app, &read("ec-public.pem")).await;
    // A client with a key has no secret: no secret works, the empty one neither.
    for secret in ["", "whs_guess"] {
        let (status, body) = exchange(
            &app,
            &[
                ("grant_type", "client_credentials"),
                ("client_id", &keyed),
                ("client_secret", secret),
            ],
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (401, Some("invalid_client"))
        );
    }
    // A client with a secret cannot use an assertion.
    let admin = app.token("programmabureau", "ADMIN");
    let created = app
        .data(
            Some(&admin),
            "mutation($o: ID!) { createApiClient(input: { organisationId: $o, name: \"Met geheim\", role: VIEWER }) { client { id authentication } } }",
            json!({ "o": app.org_id("haag-wonen") }),
        )
        .await;
    let client = &created["createApiClient"]["client"];
    assert_eq!(client["authentication"], "CLIENT_SECRET");
    let id = client["id"].as_str().expect("id");
    let signed = assertion(Algorithm::ES256, "ec-private.pem", &claims(&app, id));
    let (status, _) = with_assertion(&app, &signed).await;
    assert_eq!(status, 401);

    // What is not a public key is refused, and nothing is written.
    let before = entity::api_client::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count");
    for (case, key) in [
        ("not a key", "hello".to_owned()),
        ("a private key", read("ec-private.pem")),
        (
            "a private JWK",
            json!({ "kty": "EC", "crv": "P-256", "x": "a", "y": "b", "d": "c" }).to_string(),
        ),
    ] {
        let body = register(&app, &key).await;
        assert_eq!(
            single_error(&body),
            (
                "BAD_USER_INPUT".to_owned(),
                Some("input.publicKey".to_owned())
            ),
            "{case}: {body}"
        );
    }
    let after = entity::api_client::Entity::find()
        .count(&app.state.db)
        .await
        .expect("count");
    assert_eq!(before, after);
}

#[tokio::test]
async fn the_authorization_server_metadata_describes_the_token_endpoint() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!(
            "{}/.well-known/oauth-authorization-server",
            app.address
        ))
        .send()
        .await
        .expect("metadata");
    assert_eq!(response.status(), 200);
    let metadata: Value = response.json().await.expect("json");
    assert_eq!(metadata["issuer"], app.address);
    let endpoint = format!("{}/oauth/token", app.address);
    assert_eq!(metadata["token_endpoint"], endpoint);
    assert_eq!(
        metadata["grant_types_supported"],
        json!(["client_credentials"])
    );
    let methods = &metadata["token_endpoint_auth_methods_supported"];
    for method in [
        "client_secret_basic",
        "client_secret_post",
        "private_key_jwt",
    ] {
        assert!(
            methods.as_array().expect("array").contains(&json!(method)),
            "{method}: {metadata}"
        );
    }
    let algs = &metadata["token_endpoint_auth_signing_alg_values_supported"];
    for alg in ["RS256", "ES256"] {
        assert!(
            algs.as_array().expect("array").contains(&json!(alg)),
            "{alg}"
        );
    }
    assert!(
        metadata.get("jwks_uri").is_none(),
        "wijkhub signs with a secret and publishes no keys"
    );

    // With the public address configured, that is the issuer, and assertions name it.
    let app =
        spawn_app_with(|s| s.identity.public_url = "https://wijkhub.example.nl/".into()).await;
    let metadata: Value = app
        .client
        .get(format!(
            "{}/.well-known/oauth-authorization-server",
            app.address
        ))
        .send()
        .await
        .expect("metadata")
        .json()
        .await
        .expect("json");
    assert_eq!(metadata["issuer"], "https://wijkhub.example.nl");
    assert_eq!(
        metadata["token_endpoint"],
        "https://wijkhub.example.nl/oauth/token"
    );
    let client = register_ok(&app, &read("ec-public.pem")).await;
    let aimed = |aud: &str| {
        assertion(
            Algorithm::ES256,
            "ec-private.pem",
            &with(claims(&app, &client), json!({ "aud": aud })),
        )
    };
    let (status, _) = with_assertion(&app, &aimed("https://wijkhub.example.nl/oauth/token")).await;
    assert_eq!(status, 200);
    // The address the request came to is no longer taken for this server's own.
    let (status, _) = with_assertion(&app, &aimed(&format!("{}/oauth/token", app.address))).await;
    assert_eq!(status, 401);
}
