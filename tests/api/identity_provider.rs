//! The city identity provider's keys fetched from its JWKS (`WIJKHUB_JWT_JWKS_URL`, or OIDC
//! discovery from `WIJKHUB_JWT_OIDC_ISSUER`), against a provider stub on 127.0.0.1 that rotates
//! its key and counts how often it is asked.

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use axum::{
    Json, Router,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

/// The EC key, published as `2026-a`, and the RSA key that replaces it, `2026-b`.
const OLD: (&str, Algorithm, &str, &str) =
    ("2026-a", Algorithm::ES256, "city-ec-2026", "ec-private.pem");
const NEW: (&str, Algorithm, &str, &str) = (
    "2026-b",
    Algorithm::RS256,
    "city-rsa-2026",
    "rsa-private.pem",
);

/// The public half of a fixture key as a JWK, under the `kid` the provider gives it now.
fn jwk((kid, _, fixture_kid, _): (&str, Algorithm, &str, &str)) -> Value {
    let set: Value =
        serde_json::from_slice(&std::fs::read(fixture("jwks.json")).expect("jwks")).expect("json");
    let mut key = set["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["kid"] == fixture_kid)
        .expect("fixture key")
        .clone();
    key["kid"] = json!(kid);
    key
}

fn token(app: &TestApp, (_, alg, _, private): (&str, Algorithm, &str, &str), kid: &str) -> String {
    let pem = std::fs::read(fixture(private)).expect("private key");
    let key = match alg {
        Algorithm::ES256 => EncodingKey::from_ec_pem(&pem),
        _ => EncodingKey::from_rsa_pem(&pem),
    }
    .expect("key");
    let now = jsonwebtoken::get_current_timestamp();
    let claims = json!({
        "sub": "idp-user-42", "org": app.org_id("dpz"), "role": "EDITOR",
        "iss": "wijkhub", "aud": "wijkhub", "iat": now, "exp": now + 600,
    });
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, &claims, &key).expect("sign")
}

async fn status(app: &TestApp, token: &str) -> u16 {
    app.post(Some(token), &json!({ "query": "{ me { role } }" }))
        .await
        .status()
        .as_u16()
}

async fn readyz(app: &TestApp) -> (u16, String) {
    let response = app
        .client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .expect("readyz");
    let status = response.status().as_u16();
    (status, response.text().await.expect("text"))
}

#[derive(Default)]
struct Published {
    keys: Vec<Value>,
    failing: bool,
}

/// An identity provider on 127.0.0.1: its JWKS, its OIDC configuration, a count of JWKS fetches.
#[derive(Clone)]
struct Provider {
    base: String,
    published: Arc<Mutex<Published>>,
    fetches: Arc<AtomicUsize>,
}

impl Provider {
    async fn start(keys: Vec<Value>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let provider = Provider {
            base,
            published: Arc::new(Mutex::new(Published {
                keys,
                failing: false,
            })),
            fetches: Arc::default(),
        };
        let routes = Router::new()
            .route("/jwks.json", get(jwks))
            .route("/.well-known/openid-configuration", get(configuration))
            .with_state(provider.clone());
        tokio::spawn(axum::serve(listener, routes).into_future());
        provider
    }

    fn publish(&self, keys: Vec<Value>) {
        self.published.lock().expect("lock").keys = keys;
    }

    fn fail(&self, failing: bool) {
        self.published.lock().expect("lock").failing = failing;
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

async fn jwks(State(provider): State<Provider>) -> Response {
    provider.fetches.fetch_add(1, Ordering::SeqCst);
    let published = provider.published.lock().expect("lock");
    if published.failing {
        return (StatusCode::SERVICE_UNAVAILABLE, "down for maintenance").into_response();
    }
    (
        [(header::CACHE_CONTROL, "public, max-age=3600")],
        Json(json!({ "keys": published.keys })),
    )
        .into_response()
}

async fn configuration(State(provider): State<Provider>) -> Json<Value> {
    Json(json!({
        "issuer": provider.base,
        "jwks_uri": format!("{}/jwks.json", provider.base),
        "token_endpoint": format!("{}/token", provider.base),
    }))
}

async fn spawn_with_jwks_url(provider: &Provider) -> TestApp {
    let url = format!("{}/jwks.json", provider.base);
    spawn_app_with(move |s| s.identity.jwt_jwks_url = url).await
}

#[tokio::test]
async fn a_rotated_key_is_fetched_at_its_first_token_and_unknown_kids_fetch_at_most_once_a_minute()
{
    let provider = Provider::start(vec![jwk(OLD)]).await;
    let app = spawn_with_jwks_url(&provider).await;
    assert_eq!(provider.fetches(), 1, "fetched once at start");
    assert_eq!(readyz(&app).await.0, 200);
    let old = token(&app, OLD, "2026-a");
    assert_eq!(status(&app, &old).await, 200);

    // The provider rotates. The set this server holds is still fresh (max-age=3600): the old
    // key keeps working without a fetch.
    provider.publish(vec![jwk(NEW)]);
    assert_eq!(status(&app, &old).await, 200);
    assert_eq!(provider.fetches(), 1, "a cached set is not fetched again");

    // The first requests with the new key fetch the set again, once for all of them (one
    // fetch in flight, the others wait for it), and are accepted.
    let new = token(&app, NEW, "2026-b");
    let at_once: Vec<u16> =
        futures_util::future::join_all((0..6).map(|_| status(&app, &new))).await;
    assert_eq!(at_once, [200; 6], "the new key after rotation");
    assert_eq!(provider.fetches(), 2, "one fetch for the six");
    assert_eq!(status(&app, &new).await, 200);
    assert_eq!(provider.fetches(), 2, "a known kid fetches nothing");

    // The set fetched is the set used: the retired key is gone from it.
    assert_eq!(status(&app, &old).await, 401, "the retired key");

    // Invented kids within the minute fetch nothing more.
    for kid in ["invented-1", "invented-2", "invented-3"] {
        assert_eq!(status(&app, &token(&app, NEW, kid)).await, 401, "{kid}");
    }
    assert_eq!(
        provider.fetches(),
        2,
        "unknown kids fetch at most once a minute"
    );
}

#[tokio::test]
async fn a_failed_fetch_keeps_the_last_good_keys() {
    let provider = Provider::start(vec![jwk(OLD)]).await;
    let app = spawn_with_jwks_url(&provider).await;
    assert_eq!(provider.fetches(), 1);
    provider.fail(true);

    // An unknown kid makes the one fetch, which fails: that token is refused…
    assert_eq!(status(&app, &token(&app, NEW, "2026-b")).await, 401);
    assert_eq!(provider.fetches(), 2);
    // …and the keys fetched before still work, and the server stays ready.
    assert_eq!(status(&app, &token(&app, OLD, "2026-a")).await, 200);
    assert_eq!(readyz(&app).await.0, 200);
    // Within the minute, no further fetch for another unknown kid.
    assert_eq!(status(&app, &token(&app, NEW, "2026-c")).await, 401);
    assert_eq!(provider.fetches(), 2);
}

#[tokio::test]
async fn keys_are_found_through_oidc_discovery_and_a_start_without_them_is_not_ready() {
    let provider = Provider::start(vec![jwk(OLD)]).await;
    provider.fail(true);
    let issuer = provider.base.clone();
    let app = spawn_app_with(move |s| s.identity.jwt_oidc_issuer = issuer).await;
    let (status_code, reason) = readyz(&app).await;
    assert_eq!(status_code, 503, "no key set yet");
    assert!(
        reason.contains("identity provider keys not fetched yet") && reason.contains("503"),
        "{reason}"
    );
    // Tokens wijkhub signs itself are not held up meanwhile.
    assert_eq!(status(&app, &app.token("dpz", "EDITOR")).await, 200);

    // The provider is back: the first token it signed finds its key (through the issuer's
    // configuration), and the server is ready.
    provider.fail(false);
    assert_eq!(status(&app, &token(&app, OLD, "2026-a")).await, 200);
    assert_eq!(readyz(&app).await.0, 200);
}
