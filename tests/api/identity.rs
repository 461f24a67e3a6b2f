//! Who may call: tokens by RFC 8725 (and the attacks on them), API clients with OAuth2 client
//! credentials, deactivation and revocation, refusals in the audit log, and `viewerCan`.

use std::{path::PathBuf, time::Duration};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use wijkhub::seed::hague;

use crate::helpers::{TestApp, single_error, spawn_app, spawn_app_with};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keys")
        .join(name)
}

fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

fn claims(app: &TestApp, org: &str, role: &str) -> Value {
    json!({
        "sub": format!("idp-user-{org}"),
        "org": app.org_id(org),
        "role": role,
        "iss": "wijkhub",
        "aud": "wijkhub",
        "iat": now(),
        "exp": now() + 600,
    })
}

fn sign(alg: Algorithm, kid: Option<&str>, key_file: &str, claims: &Value) -> String {
    let pem = std::fs::read(fixture(key_file)).expect("key fixture");
    let key = match alg {
        Algorithm::RS256 => EncodingKey::from_rsa_pem(&pem),
        Algorithm::ES256 => EncodingKey::from_ec_pem(&pem),
        Algorithm::EdDSA => EncodingKey::from_ed_pem(&pem),
        _ => EncodingKey::from_secret(&pem),
    }
    .expect("encoding key");
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, &key).expect("sign")
}

fn sign_hs(secret: &[u8], claims: &Value) -> String {
    let key = EncodingKey::from_secret(secret).expect("secret");
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &key).expect("sign")
}

const ME: &str = "{ me { role organisation { code } } }";

async fn status(app: &TestApp, token: &str) -> u16 {
    app.post(Some(token), &json!({ "query": ME }))
        .await
        .status()
        .as_u16()
}

async fn spawn_with_jwks() -> TestApp {
    let jwks = fixture("jwks.json").display().to_string();
    spawn_app_with(move |s| s.jwt_public_keys = jwks).await
}

#[tokio::test]
async fn tokens_of_the_city_identity_provider_are_accepted_with_each_algorithm() {
    let app = spawn_with_jwks().await;
    let cases = [
        (Algorithm::RS256, "city-rsa-2026", "rsa-private.pem"),
        (Algorithm::ES256, "city-ec-2026", "ec-private.pem"),
        (Algorithm::EdDSA, "city-ed-2026", "ed-private.pem"),
    ];
    for (alg, kid, key) in cases {
        let token = sign(alg, Some(kid), key, &claims(&app, "dpz", "EDITOR"));
        let data = app.data(Some(&token), ME, json!({})).await;
        assert_eq!(data["me"]["organisation"]["code"], "dpz", "{alg:?}");
    }
    // A PEM file works too; its key type pins the algorithm.
    let pem = fixture("ec-public.pem").display().to_string();
    let app = spawn_app_with(move |s| s.jwt_public_keys = pem).await;
    let token = sign(
        Algorithm::ES256,
        None,
        "ec-private.pem",
        &claims(&app, "ocw", "VIEWER"),
    );
    assert_eq!(status(&app, &token).await, 200);
}

#[tokio::test]
async fn forged_expired_and_misdirected_tokens_are_refused_without_saying_why() {
    let app = spawn_with_jwks().await;
    let good = claims(&app, "haag-wonen", "EDITOR");
    let with = |patch: Value| {
        let mut c = good.clone();
        for (k, v) in patch.as_object().expect("object") {
            c[k] = v.clone();
        }
        c
    };
    let secret = wijkhub::config::DEVELOPMENT_JWT_SECRET.as_bytes();
    let rsa_public = std::fs::read(fixture("rsa-public.pem")).expect("public key");
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(good.to_string())
    );
    let valid = sign(
        Algorithm::RS256,
        Some("city-rsa-2026"),
        "rsa-private.pem",
        &good,
    );
    let tampered = {
        let parts: Vec<&str> = valid.split('.').collect();
        let payload = URL_SAFE_NO_PAD.encode(with(json!({ "role": "ADMIN" })).to_string());
        format!("{}.{}.{}", parts[0], payload, parts[2])
    };
    let attacks: Vec<(&str, String)> = vec![
        ("alg none", none),
        (
            "HS256 signed with the RSA public key",
            sign_hs(&rsa_public, &good),
        ),
        (
            "expired",
            sign_hs(secret, &with(json!({ "exp": now() - 120 }))),
        ),
        (
            "not yet valid",
            sign_hs(secret, &with(json!({ "nbf": now() + 120 }))),
        ),
        (
            "wrong issuer",
            sign_hs(secret, &with(json!({ "iss": "evil" }))),
        ),
        (
            "wrong audience",
            sign_hs(secret, &with(json!({ "aud": "another-api" }))),
        ),
        (
            "no audience",
            sign_hs(
                secret,
                &json!({ "sub": "x", "org": good["org"], "role": "EDITOR", "iss": "wijkhub", "exp": now() + 60 }),
            ),
        ),
        (
            "unknown kid",
            sign(
                Algorithm::RS256,
                Some("stolen-key"),
                "rsa-private.pem",
                &good,
            ),
        ),
        ("tampered payload", tampered),
        (
            "ADMIN claimed by a partner",
            sign_hs(secret, &with(json!({ "role": "ADMIN" }))),
        ),
        (
            "unknown organisation",
            sign_hs(secret, &with(json!({ "org": uuid::Uuid::now_v7() }))),
        ),
        (
            "wrong secret",
            sign_hs(b"another-secret-of-at-least-32-characters", &good),
        ),
    ];
    assert_eq!(
        status(&app, &valid).await,
        200,
        "the untampered token works"
    );
    for (attack, token) in attacks {
        let response = app.post(Some(&token), &json!({ "query": ME })).await;
        assert_eq!(response.status(), 401, "{attack}");
        assert!(
            response.headers().get("www-authenticate").is_some(),
            "{attack}"
        );
        let body: Value = response.json().await.expect("json");
        assert_eq!(
            body["errors"][0]["message"], "invalid or expired token",
            "{attack}: no hint which check failed"
        );
    }
    // Refusals from one origin are counted into few rows; every one is in a count.
    app.state.refusals.flush().await;
    let counted: u64 = app
        .refusals()
        .await
        .iter()
        .filter(|r| r.action == "authenticate")
        .filter_map(|r| r.details.as_ref()?["count"].as_u64())
        .sum();
    assert_eq!(counted, 12, "refused tokens are audited");
    let metrics = app
        .client
        .get(format!("{}/metrics", app.address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    assert!(
        metrics.contains("wijkhub_token_failures_total"),
        "failed token attempts are counted: {metrics}"
    );
}

#[tokio::test]
async fn changed_key_files_are_picked_up_without_a_restart() {
    let dir = std::env::temp_dir().join(format!("wijkhub-keys-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("jwks.json");
    let all: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("jwks.json")).expect("jwks"))
            .expect("json");
    let only_ec = json!({ "keys": [all["keys"][1].clone()] });
    std::fs::write(&file, only_ec.to_string()).expect("write");
    let path = file.display().to_string();
    let app = spawn_app_with(move |s| s.jwt_public_keys = path).await;
    let rsa = sign(
        Algorithm::RS256,
        Some("city-rsa-2026"),
        "rsa-private.pem",
        &claims(&app, "dpz", "VIEWER"),
    );
    assert_eq!(
        status(&app, &rsa).await,
        401,
        "the RSA key is not configured yet"
    );
    std::fs::write(&file, all.to_string()).expect("rewrite");
    // The files are looked at every two seconds.
    tokio::time::sleep(Duration::from_millis(2_300)).await;
    assert_eq!(
        status(&app, &rsa).await,
        200,
        "the new key works without a restart"
    );
    let _ = std::fs::remove_dir_all(dir);
}

async fn token_request(app: &TestApp, form: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(format!("{}/oauth/token", app.address))
        .form(form)
        .send()
        .await
        .expect("token request")
}

#[tokio::test]
async fn an_api_client_gets_short_lived_tokens_until_it_is_revoked() {
    let app = spawn_app().await;
    let (id, secret) = app.create_api_client("haag-wonen", "EDITOR").await;
    let response = token_request(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let token = body["access_token"].as_str().expect("token").to_owned();
    let me = app.data(Some(&token), ME, json!({})).await;
    assert_eq!(
        me["me"],
        json!({ "role": "EDITOR", "organisation": { "code": "haag-wonen" } })
    );

    // HTTP Basic works too (RFC 6749 §2.3.1).
    let basic = app
        .client
        .post(format!("{}/oauth/token", app.address))
        .basic_auth(&id, Some(&secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("basic");
    assert_eq!(basic.status(), 200);

    let wrong = token_request(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", "whs_wrong"),
        ],
    )
    .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(
        wrong.json::<Value>().await.expect("json")["error"],
        "invalid_client"
    );
    let grant = token_request(
        &app,
        &[
            ("grant_type", "password"),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
    )
    .await;
    assert_eq!(grant.status(), 400);
    assert_eq!(
        grant.json::<Value>().await.expect("json")["error"],
        "unsupported_grant_type"
    );
    let missing = token_request(&app, &[("client_id", &id)]).await;
    assert_eq!(
        missing.json::<Value>().await.expect("json")["error"],
        "invalid_request"
    );

    let admin = app.token("programmabureau", "ADMIN");
    app.data(
        Some(&admin),
        "mutation($id: ID!) { revokeApiClient(id: $id) { revokedAt } }",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(
        status(&app, &token).await,
        401,
        "a revoked client's token stops working at once"
    );
    let again = token_request(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
    )
    .await;
    assert_eq!(again.status(), 401);
}

#[tokio::test]
async fn only_admin_manages_organisations_and_clients() {
    let app = spawn_app().await;
    let create = "mutation { createOrganisation(input: { code: \"buurtcooperatie-moerwijk\", name: \"Buurtcoöperatie Moerwijk\", kind: PARTNER, partnerType: RESIDENTS_ORGANISATION }) { id code version } }";
    for (org, role) in [
        ("dpz", "EDITOR"),
        ("haag-wonen", "EDITOR"),
        ("ocw", "VIEWER"),
    ] {
        let token = app.token(org, role);
        assert_eq!(
            single_error(&app.graphql(Some(&token), create, json!({})).await).0,
            "FORBIDDEN",
            "{org} {role}"
        );
    }
    let admin = app.token("programmabureau", "ADMIN");
    let created = app.data(Some(&admin), create, json!({})).await;
    assert_eq!(
        created["createOrganisation"]["code"],
        "buurtcooperatie-moerwijk"
    );
    let duplicate = app.graphql(Some(&admin), create, json!({})).await;
    assert_eq!(
        single_error(&duplicate),
        ("BAD_USER_INPUT".to_owned(), Some("input.code".to_owned()))
    );
    let admin_for_partner = app
        .graphql(
            Some(&admin),
            "mutation($o: ID!) { createApiClient(input: { organisationId: $o, name: \"x\", role: ADMIN }) { secret } }",
            json!({ "o": app.org_id("staedion") }),
        )
        .await;
    assert_eq!(
        single_error(&admin_for_partner),
        ("BAD_USER_INPUT".to_owned(), Some("input.role".to_owned()))
    );
}

#[tokio::test]
async fn a_deactivated_organisation_is_locked_out() {
    let app = spawn_app().await;
    let token = app.token("staedion", "EDITOR");
    let (id, secret) = app.create_api_client("staedion", "VIEWER").await;
    assert_eq!(status(&app, &token).await, 200);
    let admin = app.token("programmabureau", "ADMIN");
    let org = app.org_id("staedion").to_string();
    let version = app
        .data(
            Some(&admin),
            "query($id: ID!) { organisation(id: $id) { ... on Partner { version } } }",
            json!({ "id": org }),
        )
        .await;
    app.data(
        Some(&admin),
        "mutation($id: ID!, $v: Int!) { updateOrganisation(id: $id, expectedVersion: $v, input: { active: false }) { active } }",
        json!({ "id": org, "v": version["organisation"]["version"] }),
    )
    .await;
    assert_eq!(status(&app, &token).await, 401, "its tokens stop working");
    let request = token_request(
        &app,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
    )
    .await;
    assert_eq!(request.status(), 401, "its clients get no new tokens");
}

#[tokio::test]
async fn viewer_can_shows_exactly_what_the_mutations_allow() {
    let app = spawn_app().await;
    let lead = hague::PROJECTS
        .iter()
        .find(|p| {
            p.participants
                .iter()
                .any(|x| x.organisation == "haag-wonen" && x.role == "LEAD")
        })
        .expect("a project haag-wonen leads");
    let contributes = hague::PROJECTS
        .iter()
        .find(|p| {
            p.participants
                .iter()
                .any(|x| x.organisation == "haag-wonen" && x.role == "CONTRIBUTOR")
        })
        .expect("a project haag-wonen contributes to");
    let query = "query($id: ID!) { project(id: $id) { viewerCan { update delete manageBudget addEvaluation review } } }";
    let cases = [
        (
            lead.title.as_str(),
            "haag-wonen",
            "EDITOR",
            json!({ "update": true, "delete": true, "manageBudget": true, "addEvaluation": true, "review": false }),
        ),
        (
            contributes.title.as_str(),
            "haag-wonen",
            "EDITOR",
            json!({ "update": true, "delete": false, "manageBudget": false, "addEvaluation": true, "review": false }),
        ),
        (
            lead.title.as_str(),
            "haag-wonen",
            "VIEWER",
            json!({ "update": false, "delete": false, "manageBudget": false, "addEvaluation": false, "review": false }),
        ),
        (
            lead.title.as_str(),
            "dpz",
            "EDITOR",
            json!({ "update": true, "delete": true, "manageBudget": true, "addEvaluation": true, "review": true }),
        ),
    ];
    for (title, org, role, expected) in cases {
        let id = app.project_id(title).await;
        let token = app.token(org, role);
        let data = app.data(Some(&token), query, json!({ "id": id })).await;
        assert_eq!(
            data["project"]["viewerCan"], expected,
            "{org} {role} on {title}"
        );
    }
}
