//! GraphQL-over-HTTP: which media types a request may send and accept, and how an engine
//! response becomes an HTTP answer (status, media type, headers).

use async_graphql::BatchResponse;
use axum::{
    Json,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use crate::error::ErrorCode;

/// The GraphQL-over-HTTP media type, answered when the client accepts it.
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// An answer with one error, for a request refused before any GraphQL ran; `field` names the
/// header or part of the request at fault.
pub fn error_response(
    status: StatusCode,
    code: ErrorCode,
    message: &str,
    field: Option<&str>,
) -> Response {
    let mut extensions = json!({ "code": code });
    if let Some(field) = field {
        extensions["field"] = json!(field);
    }
    (
        status,
        Json(json!({ "errors": [{ "message": message, "extensions": extensions }] })),
    )
        .into_response()
}

/// A body over the size limit: 413 with `BAD_USER_INPUT`, whether its declared length or its
/// reading found it.
pub fn body_too_large() -> Response {
    error_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::BadUserInput,
        "the request body is too large",
        None,
    )
}

/// `application/graphql-response+json` when the client accepts it, and then 400 for a document
/// that never executed (parse or validation errors, which have no path); plain
/// `application/json` with 200 otherwise. An operation refused by admission control is refused
/// at the HTTP level too, whatever the media type (see [`ErrorCode::refuses_request`]), with
/// `Retry-After` for `RATE_LIMITED`.
pub fn respond(headers: &HeaderMap, response: BatchResponse) -> Response {
    let wants_new = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(GRAPHQL_RESPONSE));
    let mut status = StatusCode::OK;
    let mut retry_after = None;
    let mut never_executed = false;
    let mut extra_headers = HeaderMap::new();
    if let BatchResponse::Batch(answers) = &response {
        // The budget after the last operation is where the caller stands.
        if let Some(last) = answers
            .iter()
            .rev()
            .find(|a| a.http_headers.contains_key("x-ratelimit-remaining"))
        {
            extra_headers = last.http_headers.clone();
        }
    }
    if let BatchResponse::Single(single) = &response {
        extra_headers = single.http_headers.clone();
        if single.data == async_graphql::Value::Null && !single.errors.is_empty() {
            // Errors without a path come from before execution: parsing, validation, admission.
            never_executed = single.errors.iter().all(|e| e.path.is_empty());
            let first = single.errors.first();
            match first.and_then(ErrorCode::of) {
                Some(code) if code.refuses_request() => {
                    status = code.http_status();
                    retry_after = first
                        .filter(|_| code == ErrorCode::RateLimited)
                        .and_then(|e| e.extensions.as_ref())
                        .and_then(|x| x.get("retryAfterSeconds"))
                        .map(|v| v.to_string());
                }
                _ if wants_new && never_executed => status = StatusCode::BAD_REQUEST,
                _ => {}
            }
        }
    }
    let body = match body_bytes(&response, never_executed) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "could not serialise a response");
            return internal_error();
        }
    };
    let mut http = (status, body).into_response();
    let content_type = if wants_new {
        GRAPHQL_RESPONSE
    } else {
        "application/json"
    };
    http.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    for (name, value) in extra_headers.iter() {
        http.headers_mut().insert(name.clone(), value.clone());
    }
    if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
        http.headers_mut().insert(header::RETRY_AFTER, value);
    }
    http
}

/// The answer's bytes, serialised once: going through a `serde_json::Value` first cost a wijk
/// page a second walk of the answer and as many allocations as it has fields (4 % of its CPU in
/// `bench/results/2026-12-06-flamegraphs/q1-round2-cd3c6e3.svg`). A request that never executed
/// has no `data` entry at all (GraphQL spec, "Response"); that rare answer takes the long way.
fn body_bytes(response: &BatchResponse, never_executed: bool) -> serde_json::Result<Vec<u8>> {
    if !never_executed {
        return serde_json::to_vec(response);
    }
    let mut body = serde_json::to_value(response)?;
    if let Some(object) = body.as_object_mut() {
        object.remove("data");
    }
    serde_json::to_vec(&body)
}

/// `500` with `INTERNAL`: the details are in the log, never in the answer.
pub fn internal_error() -> Response {
    let code = ErrorCode::Internal;
    error_response(code.http_status(), code, "internal error", None)
}

/// The answer is JSON, so a client that accepts neither JSON media type (nor a wildcard) gets
/// 406. No `Accept` at all means anything goes.
pub fn accepts_json(headers: &HeaderMap) -> bool {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    accept.split(',').any(|range| {
        let essence = range
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        matches!(
            essence.as_str(),
            "application/json" | GRAPHQL_RESPONSE | "application/*" | "*/*"
        )
    })
}

pub fn not_acceptable() -> Response {
    error_response(
        StatusCode::NOT_ACCEPTABLE,
        ErrorCode::BadUserInput,
        "the answer is application/graphql-response+json or application/json; accept one of them",
        Some("Accept"),
    )
}

/// A POST body is `application/json` (any charset parameter aside).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}
