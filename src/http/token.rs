//! `POST /oauth/token`: the client-credentials grant of [`crate::auth::oauth`] over HTTP, with
//! the RFC's form encoding, client authentication by HTTP Basic, form or signed assertion
//! (`private_key_jwt`, RFC 7523), and error format (RFC 6749 §4.4, §5.2).

use std::{collections::HashMap, net::SocketAddr};

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{ConnectInfo, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde_json::json;

use super::{AppState, metadata, origin};
use crate::auth::{
    assertion::{ClientAssertion, JWT_BEARER},
    oauth::{ClientCredentials, Grant, GrantError},
};

/// The one answer to every failed client authentication: which check failed is for the log
/// and the audit, never for the caller (RFC 6749 §5.2).
const CLIENT_REFUSED: &str = "client authentication failed";

pub async fn token(
    State(state): State<AppState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let address = connection.map(|Extension(ConnectInfo(address))| address);
    let ip = address.map(|address| address.ip());
    let origin = origin(address, &headers);
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return invalid_request(
            "send the request as application/x-www-form-urlencoded (RFC 6749 §4.4.2)",
        );
    }
    let Ok(form) = serde_urlencoded::from_bytes::<HashMap<String, String>>(&body) else {
        return invalid_request("the form cannot be read");
    };
    match form.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only grant_type=client_credentials is supported",
                false,
            );
        }
        None => return invalid_request("grant_type is missing"),
    }
    let grant = Grant {
        db: &state.db,
        keys: &state.keys,
        guard: &state.token_guard,
        ttl: state.settings.client_token_ttl,
    };
    let assertion_type = form.get("client_assertion_type").map(String::as_str);
    let (client_id, basic, outcome) = if assertion_type.is_some()
        || form.contains_key("client_assertion")
    {
        // RFC 6749 §2.3: one way of authenticating per request.
        if headers.contains_key(header::AUTHORIZATION) || form.contains_key("client_secret") {
            return invalid_request("authenticate with one method: a client assertion or a secret");
        }
        if assertion_type != Some(JWT_BEARER) {
            return invalid_request(&format!("client_assertion_type must be {JWT_BEARER}"));
        }
        let Some(assertion) = form.get("client_assertion").filter(|a| !a.is_empty()) else {
            return invalid_request("client_assertion is missing");
        };
        let sent = ClientAssertion {
            client_id: form.get("client_id").cloned(),
            assertion: assertion.clone(),
            audiences: metadata::audiences(&state.settings, &headers),
        };
        let client_id = sent.client_id.clone().unwrap_or_default();
        (client_id, false, grant.private_key_jwt(sent, ip).await)
    } else {
        let Some((credentials, basic)) = credentials(&headers, &form) else {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "send client_id and client_secret (in the form or with HTTP Basic), or a client_assertion",
                true,
            );
        };
        let client_id = credentials.client_id.clone();
        (
            client_id,
            basic,
            grant.client_credentials(credentials, ip).await,
        )
    };
    let error = match outcome {
        Ok(issued) => {
            let mut response = Json(json!({
                "access_token": issued.access_token,
                "token_type": "Bearer",
                "expires_in": issued.expires_in.as_secs(),
            }))
            .into_response();
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            return response;
        }
        Err(error) => error,
    };
    match error {
        GrantError::Throttled(wait) => {
            let seconds = wait.as_secs().max(1);
            metrics::counter!("wijkhub_token_failures_total", "kind" => "throttled").increment(1);
            state
                .refusals
                .refused(&origin, None, "oauth.token", "throttled")
                .await;
            let mut response = oauth_error(
                StatusCode::TOO_MANY_REQUESTS,
                "slow_down",
                &format!("too many failed client authentications; retry in {seconds} seconds"),
                false,
            );
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        // Each refusal is logged, audited (counted per origin, see `audit::RefusalLog`) and
        // counted against the client id and the address (by the grant).
        GrantError::Refused { reason, subject } => {
            tracing::warn!(client_id = %client_id, reason, "token request refused");
            metrics::counter!("wijkhub_token_failures_total", "kind" => "client_credentials")
                .increment(1);
            state
                .refusals
                .refused(&origin, subject.as_deref(), "oauth.token", reason)
                .await;
            oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                CLIENT_REFUSED,
                basic,
            )
        }
        GrantError::Database(error) => {
            tracing::error!(%error, "token request failed");
            server_error()
        }
        GrantError::Signing(error) => {
            tracing::error!(%error, "cannot sign a token");
            server_error()
        }
    }
}

fn oauth_error(status: StatusCode, error: &str, description: &str, basic: bool) -> Response {
    let body = json!({ "error": error, "error_description": description });
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if basic && status == StatusCode::UNAUTHORIZED {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"wijkhub\""),
        );
    }
    response
}

fn invalid_request(description: &str) -> Response {
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        description,
        false,
    )
}

fn server_error() -> Response {
    oauth_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server_error",
        "the server could not answer; try again later",
        false,
    )
}

/// Client credentials from HTTP Basic (preferred by the RFC) or from the form, and whether they
/// came by Basic (a refusal then asks for Basic again).
fn credentials(
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Option<(ClientCredentials, bool)> {
    if let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(encoded) = value.strip_prefix("Basic ")
    {
        let decoded = STANDARD.decode(encoded.trim()).ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (id, secret) = text.split_once(':')?;
        let credentials = ClientCredentials {
            client_id: id.to_owned(),
            secret: secret.to_owned(),
        };
        return Some((credentials, true));
    }
    let credentials = ClientCredentials {
        client_id: form.get("client_id")?.clone(),
        secret: form.get("client_secret")?.clone(),
    };
    Some((credentials, false))
}
