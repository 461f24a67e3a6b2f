//! `POST /oauth/token`: the OAuth2 client-credentials grant (RFC 6749 §4.4) for partners' apps
//! and sync jobs. Errors use the RFC's format (§5.2).

use std::collections::HashMap;

use axum::{
    Json,
    body::Bytes,
    extract::State,
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

use super::clients;
use crate::{app::AppState, service::now};

fn oauth_error(status: StatusCode, error: &str, basic: bool) -> Response {
    let mut response = (status, Json(json!({ "error": error }))).into_response();
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

pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", false);
    }
    let Ok(form) = serde_urlencoded::from_bytes::<HashMap<String, String>>(&body) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", false);
    };
    match form.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some(_) => return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", false),
        None => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", false),
    }
    let Some((client_id, secret, basic)) = credentials(&headers, &form) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", true);
    };
    let refused = |reason: &str| {
        tracing::warn!(client_id = %client_id, reason, "token request refused");
        metrics::counter!("wijkhub_token_failures_total", "kind" => "client_credentials")
            .increment(1);
        oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", basic)
    };
    let Ok(id) = Uuid::parse_str(&client_id) else {
        return refused("malformed client id");
    };
    let client = match api_client::Entity::find_by_id(id)
        .filter(api_client::Column::RevokedAt.is_null())
        .one(&state.db)
        .await
    {
        Ok(Some(client)) => client,
        Ok(None) => return refused("unknown or revoked client"),
        Err(error) => {
            tracing::error!(%error, "token request failed");
            return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", false);
        }
    };
    let stored = client.secret_hash.clone();
    // Argon2 is slow on purpose: keep it off the async workers.
    let matches = tokio::task::spawn_blocking(move || clients::matches(&secret, &stored))
        .await
        .unwrap_or(false);
    if !matches {
        return refused("wrong secret");
    }
    let org = match organisation::Entity::find_by_id(client.organisation_id)
        .filter(organisation::Column::Active.eq(true))
        .filter(organisation::Column::DeletedAt.is_null())
        .one(&state.db)
        .await
    {
        Ok(Some(org)) => org,
        Ok(None) => return refused("organisation inactive"),
        Err(error) => {
            tracing::error!(%error, "token request failed");
            return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", false);
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
            return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", false);
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
