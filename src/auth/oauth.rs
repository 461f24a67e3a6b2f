//! `POST /oauth/token`: the OAuth2 client-credentials grant (RFC 6749 §4.4) for partners' apps
//! and sync jobs. Errors use the RFC's format (§5.2).

use std::collections::HashMap;

use std::net::SocketAddr;

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{ConnectInfo, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use entity::{api_client, organisation};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    app::AppState,
    service::{now, write::Origin},
};

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

/// The one answer to every failed client authentication: which check failed is for the log
/// and the audit, never for the caller (RFC 6749 §5.2).
const CLIENT_REFUSED: &str = "client authentication failed";

fn server_error() -> Response {
    oauth_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server_error",
        "the server could not answer; try again later",
        false,
    )
}

/// Client credentials from HTTP Basic (preferred by the RFC) or from the form.
fn credentials(
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Option<(String, String, bool)> {
    if let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(encoded) = value.strip_prefix("Basic ")
    {
        let decoded = STANDARD.decode(encoded.trim()).ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (id, secret) = text.split_once(':')?;
        return Some((id.to_owned(), secret.to_owned(), true));
    }
    Some((
        form.get("client_id")?.clone(),
        form.get("client_secret")?.clone(),
        false,
    ))
}

pub async fn token(
    State(state): State<AppState>,
    connection: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(200).collect::<String>())
    };
    let ip = connection.map(|Extension(ConnectInfo(address))| address.ip());
    let origin = Origin {
        ip: ip.map(|ip| ip.to_string()),
        client: text("user-agent"),
        request_id: text("x-request-id"),
        idempotency: None,
    };
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "send the request as application/x-www-form-urlencoded (RFC 6749 §4.4.2)",
            false,
        );
    }
    let Ok(form) = serde_urlencoded::from_bytes::<HashMap<String, String>>(&body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the form cannot be read",
            false,
        );
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
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "grant_type is missing",
                false,
            );
        }
    }
    let Some((client_id, secret, basic)) = credentials(&headers, &form) else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "send client_id and client_secret, in the form or with HTTP Basic",
            true,
        );
    };
    let guard = &state.token_guard;
    // Each refusal is logged, audited (counted per origin, see `audit::RefusalLog`) and counted
    // against the client id and the address.
    let refused = async |reason: &str, subject: Option<String>| {
        tracing::warn!(client_id = %client_id, reason, "token request refused");
        metrics::counter!("wijkhub_token_failures_total", "kind" => "client_credentials")
            .increment(1);
        guard.failed(&client_id, ip);
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
    };
    if let Some(wait) = guard.throttled(&client_id, ip) {
        // Refused before any check: past the limit, guessing costs the server nothing.
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
        return response;
    }
    let client = match Uuid::parse_str(&client_id) {
        Ok(id) => match api_client::Entity::find_by_id(id)
            .filter(api_client::Column::RevokedAt.is_null())
            .one(&state.db)
            .await
        {
            Ok(client) => client,
            Err(error) => {
                tracing::error!(%error, "token request failed");
                return server_error();
            }
        },
        Err(_) => None,
    };
    // An unknown id costs one argon2 check too (against a dummy hash), so the time an answer
    // takes does not tell which client ids exist.
    let stored = client.as_ref().map(|c| c.secret_hash.clone());
    if !guard.check(secret, stored).await {
        return match &client {
            Some(client) => refused("wrong secret", Some(format!("client:{}", client.id))).await,
            None => refused("unknown or revoked client", None).await,
        };
    }
    let Some(client) = client else {
        return refused("unknown or revoked client", None).await;
    };
    let org = match organisation::Entity::find_by_id(client.organisation_id)
        .filter(organisation::Column::Active.eq(true))
        .filter(organisation::Entity::is_live())
        .one(&state.db)
        .await
    {
        Ok(Some(org)) => org,
        Ok(None) => {
            return refused(
                "organisation inactive",
                Some(format!("client:{}", client.id)),
            )
            .await;
        }
        Err(error) => {
            tracing::error!(%error, "token request failed");
            return server_error();
        }
    };
    let ttl = state.settings.client_token_ttl;
    let token = match state.keys.issue_for(
        &format!("client:{}", client.id),
        org.id,
        client.role,
        ttl,
        Some(client.id),
    ) {
        Ok(token) => token,
        Err(error) => {
            tracing::error!(%error, "cannot sign a token");
            return server_error();
        }
    };
    let mut used = client.into_active_model();
    used.last_used_at = Set(Some(now()));
    if let Err(error) = used.update(&state.db).await {
        tracing::warn!(%error, "cannot record the client's last use");
    }
    let mut response = Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": ttl.as_secs(),
    }))
    .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}
