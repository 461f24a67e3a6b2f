//! What wraps every route: CORS, the body limit, security and version headers, the timeout,
//! request ids and the request span with its metrics.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    http::{HeaderName, HeaderValue, StatusCode, header},
    response::Response,
};
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use super::{API_VERSION, MAX_BODY_BYTES, negotiation::error_response};
use crate::{
    config::{Settings, TrustedProxies},
    error::ErrorCode,
};

/// Execution time allowed per request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The layers outside the routes, innermost first. `proxies` decide whose forwarding headers
/// name the client (see [`super::client_address`]).
pub fn around(routes: Router, proxies: Arc<TrustedProxies>) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    routes
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(axum::middleware::map_response(close_when_body_unread))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(API_VERSION),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // A request that takes longer than this is cut off rather than holding a worker.
        .layer(axum::middleware::from_fn(cut_off))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(|response: &Response, latency: Duration, _span: &tracing::Span| {
                    let status = response.status().as_u16();
                    metrics::counter!("wijkhub_http_requests_total", "status" => status.to_string())
                        .increment(1);
                    metrics::histogram!("wijkhub_http_request_duration_seconds")
                        .record(latency.as_secs_f64());
                    tracing::info!(status, duration_ms = latency.as_secs_f64() * 1000.0, "response");
                }),
        )
        // Before the request span, so its line carries the client, not the proxy.
        .layer(axum::middleware::from_fn_with_state(
            proxies,
            super::client_address::layer,
        ))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Cuts a request off after [`REQUEST_TIMEOUT`]: 503 with `QUERY_TOO_COMPLEX` (execution time
/// is one of the limits) and `Retry-After`, a body like every other error's. Dropping the
/// request's future gives its `Idempotency-Key` back (see `idempotency::HeldKey`), unless its
/// write had committed.
async fn cut_off(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                timeout_s = REQUEST_TIMEOUT.as_secs(),
                "request cut off by the timeout"
            );
            metrics::counter!("wijkhub_request_timeouts_total").increment(1);
            let mut response = error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::QueryTooComplex,
                &format!(
                    "the request took longer than {} s and was cut off; ask for less, or retry later",
                    REQUEST_TIMEOUT.as_secs()
                ),
                None,
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
    }
}

/// A refusal sent before the request body was read (wrong method, media type, or size) leaves
/// the rest of the body on the connection; saying `Connection: close` lets the client know the
/// connection ends here, instead of finding out on its next pooled request.
async fn close_when_body_unread(mut response: Response) -> Response {
    if matches!(
        response.status(),
        StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::NOT_ACCEPTABLE
    ) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// The span every log line of a request carries: its id (also in the `x-request-id` response
/// header) and, when the caller sends a W3C `traceparent`, its trace id, so the lines join a
/// distributed trace; and the client's address (behind a trusted proxy, the one it forwarded).
/// Field names follow OpenTelemetry's HTTP conventions.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let text = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let trace_id = text("traceparent")
        .split('-')
        .nth(1)
        .filter(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or("");
    let client = request
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_default();
    let span = tracing::info_span!(
        "request",
        request_id = %text("x-request-id"),
        client.address = %client,
        trace_id = %trace_id,
        http.request.method = %request.method(),
        url.path = %request.uri().path(),
    );
    crate::telemetry::continue_trace(&span, request.headers());
    span
}

/// Cross-origin access for browser apps, from `WIJKHUB_CORS_ORIGINS`. Tokens travel in the
/// `Authorization` header, never in cookies, so credentials are never allowed and `*` is safe
/// to offer.
pub fn cors(settings: &Settings) -> CorsLayer {
    let origins: Vec<&str> = settings
        .cors_origins
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .collect();
    let allow = if origins.contains(&"*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok()),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("traceparent"),
            // Apollo Client names the app with these (`name` and `version` options), and
            // `apollo-require-preflight` is how it asks for a preflight on purpose.
            HeaderName::from_static("apollographql-client-name"),
            HeaderName::from_static("apollographql-client-version"),
            HeaderName::from_static("apollo-require-preflight"),
        ])
        .expose_headers([
            HeaderName::from_static("x-request-id"),
            HeaderName::from_static("api-version"),
            header::RETRY_AFTER,
            HeaderName::from_static("x-ratelimit-limit"),
            HeaderName::from_static("x-ratelimit-remaining"),
            HeaderName::from_static("x-ratelimit-reset"),
            HeaderName::from_static("idempotent-replayed"),
        ])
        .max_age(Duration::from_secs(600))
}
