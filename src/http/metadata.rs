//! `GET /.well-known/oauth-authorization-server`: what a partner's OAuth library needs to know
//! of `/oauth/token` (RFC 8414), and the addresses this server answers to as an authorization
//! server, which a client's assertion must name in `aud`.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::AppState;
use crate::{config::Settings, error::ErrorCode};

/// How long clients and caches may keep the metadata.
const CACHE: &str = "public, max-age=300";

/// This server's address: `WIJKHUB_PUBLIC_URL`, or in development the request's own `Host`
/// over plain http (a laptop has no public address; in production a `Host` header is the
/// caller's word, and metadata and audiences must not follow it).
pub fn base_url(settings: &Settings, headers: &HeaderMap) -> Option<String> {
    let configured = settings.identity.public_url.trim_end_matches('/');
    if !configured.is_empty() {
        return Some(configured.to_owned());
    }
    if settings.is_production() {
        return None;
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    plain.then(|| format!("http://{host}"))
}

/// The `aud` values a client assertion may name: the token endpoint's URL (as RFC 7523 asks),
/// the server's issuer URL, and the issuer of its own tokens (`WIJKHUB_JWT_ISSUER`).
pub fn audiences(settings: &Settings, headers: &HeaderMap) -> Vec<String> {
    let mut audiences = Vec::new();
    if let Some(base) = base_url(settings, headers) {
        audiences.push(format!("{base}/oauth/token"));
        audiences.push(base);
    }
    if !audiences.contains(&settings.jwt_issuer) {
        audiences.push(settings.jwt_issuer.clone());
    }
    audiences
}

/// The authorization server metadata (RFC 8414 §2). Only the client-credentials grant is
/// served, so there is no authorization endpoint and no response type; this server's tokens are
/// signed with its own secret (HS256), so it publishes no keys (`jwks_uri`).
pub async fn authorization_server(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(base) = base_url(&state.settings, &headers) else {
        return super::negotiation::error_response(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no metadata: the operator has not set WIJKHUB_PUBLIC_URL",
            None,
        );
    };
    let mut response = Json(json!({
        "issuer": base,
        "token_endpoint": format!("{base}/oauth/token"),
        "grant_types_supported": ["client_credentials"],
        "response_types_supported": [],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic",
            "client_secret_post",
            "private_key_jwt",
        ],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256", "EdDSA"],
    }))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE));
    response
}
