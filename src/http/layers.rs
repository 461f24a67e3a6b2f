//! What wraps every route: CORS, the body limit, security and version headers, the timeout,
//! request ids and the request span with its metrics.

use std::{
    future::{Ready, ready},
    net::SocketAddr,
    sync::Arc,
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    Router,
    body::Body,
    http::{HeaderName, HeaderValue, StatusCode, header},
    response::Response,
};
use futures_util::future::Either;
use http_body_util::Limited;
use tower::{Layer, Service, ServiceBuilder};
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use super::{
    API_VERSION, MAX_BODY_BYTES,
    negotiation::{body_too_large, error_response},
};
use crate::{
    config::{Settings, TrustedProxies},
    error::ErrorCode,
};

/// Execution time allowed per request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The layers outside the routes. They are composed into two stacks rather than added one by
/// one: axum boxes the routes at every `Router::layer` and clones each box, with everything
/// below it, at every request, so thirteen single layers cost about ninety boxes a request
/// (bench/results/2026-12-07-100k-round10.md). Two stacks keep a box between the request's
/// bookkeeping and the answer's headers, so no single future nests all of them. `proxies`
/// decide whose forwarding headers name the client (see [`super::client_address`]); `cors`, when
/// given, answers browsers' preflights and marks what they may read ([`cors`]).
pub fn around(routes: Router, cors: Option<CorsLayer>, proxies: Arc<TrustedProxies>) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    // Each stack lists its layers outermost first. The headers are set inside the compression,
    // on the small body type: outside it the response carries the encoder's state, kilobytes
    // moved at every step.
    let answer = ServiceBuilder::new()
        .layer(CompressionLayer::new())
        .layer(axum::middleware::map_response(finish_headers))
        .layer(BodyLimitLayer)
        .option_layer(cors);
    let bookkeeping = ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
        // Before the request span, so its line carries the client, not the proxy.
        .layer(axum::middleware::from_fn_with_state(
            proxies,
            super::client_address::layer,
        ))
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
        .layer(PropagateRequestIdLayer::new(request_id))
        // A request that takes longer than this is cut off rather than holding a worker.
        .layer(axum::middleware::from_fn(cut_off));
    routes.layer(answer).layer(bookkeeping)
}

/// Bounds every request body to [`MAX_BODY_BYTES`]. A body that declares a larger length is
/// refused before it is read, in the error format of every other refusal; one that does not
/// declare its length is cut off once it passes the limit, and its reader answers with
/// [`body_too_large`]. Written as a plain tower layer rather than tower-http's body limit (which
/// answers in plain text) behind an axum `from_fn`: the latter boxes and clones everything below
/// it at each request, 2 % of a lookup's instructions (bench/results/2026-12-07-100k-round10.md).
#[derive(Clone, Copy)]
struct BodyLimitLayer;

impl<S> Layer<S> for BodyLimitLayer {
    type Service = BodyLimit<S>;

    fn layer(&self, inner: S) -> Self::Service {
        BodyLimit { inner }
    }
}

#[derive(Clone)]
struct BodyLimit<S> {
    inner: S,
}

impl<S> Service<axum::extract::Request> for BodyLimit<S>
where
    S: Service<axum::extract::Request, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Either<Ready<Result<Response, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: axum::extract::Request) -> Self::Future {
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
            return Either::Left(ready(Ok(body_too_large())));
        }
        let request = request.map(|body| Body::new(Limited::new(body, MAX_BODY_BYTES)));
        Either::Right(self.inner.call(request))
    }
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

/// The headers every answer carries, unless its handler set its own: no sniffing, framing or
/// referrer, a policy that lets nothing load, and the API's version (always ours).
///
/// A refusal sent before the request body was read (wrong method, media type, or size) leaves
/// the rest of the body on the connection; saying `Connection: close` lets the client know the
/// connection ends here, instead of finding out on its next pooled request.
async fn finish_headers<B>(mut response: axum::http::Response<B>) -> axum::http::Response<B> {
    let unread = matches!(
        response.status(),
        StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::UNSUPPORTED_MEDIA_TYPE
            | StatusCode::NOT_ACCEPTABLE
    );
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    headers.insert(
        HeaderName::from_static("api-version"),
        HeaderValue::from_static(API_VERSION),
    );
    if unread {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
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
