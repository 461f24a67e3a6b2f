//! The HTTP application: shared state and the router production serves (tests drive the same).

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use async_graphql::{BatchRequest, BatchResponse};
use async_graphql_axum::{GraphQLBatchRequest, GraphQLRequest};
use std::net::SocketAddr;

use axum::{
    Json, Router,
    extract::{ConnectInfo, FromRequest, Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use sea_orm::DatabaseConnection;
use serde_json::json;
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::{
    auth::{Principal, throttle::TokenGuard, token::TokenKeys},
    config::Settings,
    db,
    error::ErrorCode,
    graphql::{
        self, AppSchema,
        pipeline::context::{RequestContext, Shared},
    },
    playground,
    service::{
        audit,
        idempotency::{self, Claim},
        reference::ReferenceCache,
        write::{Origin, WriteGate},
    },
};

/// The semver of the schema, sent as `API-Version` on every response: the crate's version, so
/// `wijkhub --version`, the header and the release tag tell one story.
pub const API_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Execution time allowed per request.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Request bodies past this size are refused with 413.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Refused tokens from one origin for one reason leave at most one audit row per this window.
const REFUSAL_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: AppSchema,
    pub keys: TokenKeys,
    pub settings: Arc<Settings>,
    /// SQL statements executed since start: for `/metrics` and for tests that prove there is
    /// no N+1.
    pub sql_statements: Arc<AtomicU64>,
    /// Takes turns between writers where the database allows only one (SQLite).
    pub gate: WriteGate,
    pub reference: Arc<ReferenceCache>,
    pub subscribers: Arc<crate::graphql::pipeline::session::Subscribers>,
    pub log_head: Arc<crate::service::notify::LogHead>,
    /// Counts refusals with nobody known behind them instead of writing each (see the type).
    pub refusals: Arc<audit::RefusalLog>,
    /// Throttling and argon2 slots of `/oauth/token`.
    pub token_guard: Arc<TokenGuard>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot use the JWT settings: {0}")]
    Keys(#[from] crate::auth::token::TokenError),
    #[error(transparent)]
    Schema(#[from] graphql::SchemaError),
}

impl AppState {
    /// Opens the database (without migrating) and builds the schema.
    pub async fn new(settings: Settings) -> Result<Self, StartError> {
        crate::telemetry::prometheus();
        let mut db = db::connect(&settings.database_url, settings.database_max_connections).await?;
        let sql_statements = Arc::new(AtomicU64::new(0));
        let counter = sql_statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Ok(Self {
            gate: WriteGate::for_backend(db.get_database_backend()),
            log_head: crate::service::notify::LogHead::new(db.clone()),
            refusals: audit::RefusalLog::new(db.clone(), REFUSAL_WINDOW),
            token_guard: Arc::new(TokenGuard::for_this_machine()),
            db,
            schema: graphql::served(&settings)?,
            keys: TokenKeys::from_settings(&settings)?,
            settings: Arc::new(settings),
            sql_statements,
            reference: Arc::default(),
            subscribers: Arc::default(),
        })
    }

    /// What each request's context shares with the process.
    pub fn shared(&self) -> Shared {
        Shared {
            keys: self.keys.clone(),
            reference: self.reference.clone(),
            subscribers: self.subscribers.clone(),
            websocket: self.settings.websocket,
            log_head: self.log_head.clone(),
        }
    }

    pub fn statements_executed(&self) -> u64 {
        self.sql_statements.load(Ordering::Relaxed)
    }
}

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .route("/graphql", get(graphql_get).post(graphql_post))
        .route("/graphql/ws", get(graphql_ws))
        .route(
            "/oauth/token",
            axum::routing::post(crate::auth::oauth::token),
        )
        .route("/metrics", get(metrics_text))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(playground::routes())
        .layer(cors(&state.settings))
        .with_state(state)
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
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(
                    |response: &Response, latency: std::time::Duration, _span: &tracing::Span| {
                        let status = response.status().as_u16();
                        metrics::counter!("wijkhub_http_requests_total", "status" => status.to_string())
                            .increment(1);
                        metrics::histogram!("wijkhub_http_request_duration_seconds")
                            .record(latency.as_secs_f64());
                        tracing::info!(status, duration_ms = latency.as_secs_f64() * 1000.0, "response");
                    },
                ),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
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
/// distributed trace. Field names follow OpenTelemetry's HTTP conventions.
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
    tracing::info_span!(
        "request",
        request_id = %text("x-request-id"),
        trace_id = %trace_id,
        http.request.method = %request.method(),
        url.path = %request.uri().path(),
    )
}

/// Cross-origin access for browser apps, from `WIJKHUB_CORS_ORIGINS`. Tokens travel in the
/// `Authorization` header, never in cookies, so credentials are never allowed and `*` is safe
/// to offer.
fn cors(settings: &Settings) -> CorsLayer {
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
        .max_age(std::time::Duration::from_secs(600))
}

/// A refused token refuses the whole request: 401 with `WWW-Authenticate: Bearer`. The message
/// never says which check failed; the log does.
fn unauthorized() -> Response {
    let body = json!({
        "errors": [{
            "message": "invalid or expired token",
            "extensions": { "code": ErrorCode::Unauthenticated }
        }]
    });
    let mut response = (ErrorCode::Unauthenticated.http_status(), Json(body)).into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer error=\"invalid_token\""),
    );
    response
}

/// `None` for a request without `Authorization`; a 401 response for a token that fails.
async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    origin: &Origin,
) -> Result<Option<Principal>, Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value.to_str().ok().and_then(crate::http::bearer::token);
    let (reason, category) = match token {
        None => (
            "malformed Authorization header".to_owned(),
            "malformed Authorization header",
        ),
        Some(token) => match state.keys.verify(&state.db, token).await {
            Ok(principal) => return Ok(Some(principal)),
            Err(error) => (error.to_string(), "token refused"),
        },
    };
    // The caller learns only that the token was refused; the log and the audit say why.
    tracing::warn!(%reason, "refused request: token failed verification");
    metrics::counter!("wijkhub_token_failures_total", "kind" => "bearer").increment(1);
    // Counted per origin and reason, so a flood of bad tokens cannot flood the audit log.
    state
        .refusals
        .refused(origin, None, "authenticate", category)
        .await;
    Err(unauthorized())
}

/// Where the request came from, for the audit log.
fn origin(request: &Request, headers: &HeaderMap) -> Origin {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(200).collect::<String>())
    };
    Origin {
        ip: request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip().to_string()),
        client: text("user-agent"),
        request_id: text("x-request-id"),
        idempotency: None,
    }
}

async fn execute(
    state: &AppState,
    caller: Option<Principal>,
    origin: Origin,
    request: async_graphql::Request,
) -> async_graphql::Response {
    let context = RequestContext::new(
        state.db.clone(),
        caller.clone(),
        state.gate.clone(),
        origin.clone(),
        state.shared(),
    );
    let mut response = state.schema.execute(request.data(context)).await;
    for error in &mut response.errors {
        graphql::pipeline::error::classify_uncoded(error);
        let code = ErrorCode::of(error)
            .filter(|code| matches!(code, ErrorCode::Forbidden | ErrorCode::Unauthenticated));
        if let Some(code) = code {
            let path: Vec<String> = error
                .path
                .iter()
                .map(|p| match p {
                    async_graphql::PathSegment::Field(name) => name.clone(),
                    async_graphql::PathSegment::Index(i) => i.to_string(),
                })
                .collect();
            let action = path
                .first()
                .cloned()
                .unwrap_or_else(|| "graphql".to_owned());
            audit::refused(
                &state.db,
                &origin,
                caller.as_ref(),
                &action,
                // The code as GraphQL writes it (quoted), as the audit log has always held it.
                json!({ "path": path, "code": async_graphql::Value::from(code).to_string() }),
            )
            .await;
        }
    }
    response
}

fn error_response(
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

async fn graphql_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let origin = origin(&request, &headers);
    let caller = match authenticate(&state, &headers, &origin).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    if !accepts_json(&headers) {
        return not_acceptable();
    }
    if !is_json(&headers) {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::BadUserInput,
            "send the request as application/json",
            Some("Content-Type"),
        );
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::BadUserInput,
            "the request body is too large",
            None,
        );
    };
    let held = match (headers.get("idempotency-key"), &caller) {
        (Some(key), Some(caller)) => {
            let Some(key) = key
                .to_str()
                .ok()
                .filter(|k| idempotency::valid_key(k).is_ok())
            else {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::BadUserInput,
                    "an idempotency key is 1 to 200 visible ASCII characters",
                    Some("Idempotency-Key"),
                );
            };
            let scope = idempotency::scope(caller);
            let hash = idempotency::fingerprint(&bytes);
            match idempotency::claim(&state.db, &scope, key, &hash).await {
                Ok(Claim::Fresh(held)) => Some(held),
                Ok(Claim::Replay { status, body }) => {
                    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                    let mut response = (status, body).into_response();
                    let headers = response.headers_mut();
                    headers.insert(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    );
                    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
                    return response;
                }
                Ok(Claim::Mismatch) => {
                    return error_response(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        ErrorCode::BadUserInput,
                        "this Idempotency-Key was used with a different request",
                        Some("Idempotency-Key"),
                    );
                }
                Ok(Claim::InProgress) => {
                    return idempotency_conflict(
                        "IN_PROGRESS",
                        "a request with this Idempotency-Key is still running; retry shortly",
                    );
                }
                Ok(Claim::AppliedWithoutAnswer) => {
                    return idempotency_conflict(
                        "APPLIED",
                        "the request with this Idempotency-Key was carried out, but its answer \
                         was lost; do not send it again: read the current state instead",
                    );
                }
                Err(error) => {
                    tracing::error!(?error, "idempotency check failed");
                    return error_response(
                        ErrorCode::Internal.http_status(),
                        ErrorCode::Internal,
                        "internal error",
                        None,
                    );
                }
            }
        }
        _ => None,
    };
    // Gives the key back when the request ends before anything could be written.
    let release = |held: Option<idempotency::Held>| {
        let db = state.db.clone();
        async move {
            if let Some(held) = held
                && let Err(error) = idempotency::release(&db, &held).await
            {
                tracing::error!(?error, "cannot release an idempotency key");
            }
        }
    };
    // The request's writes carry the key, to mark it applied in their own transactions.
    let origin = Origin {
        idempotency: held.clone(),
        ..origin
    };
    // Secret fields record where they answered, so the stored copy can leave them out.
    let mut secrets = Vec::new();
    let mut watch = |request: async_graphql::Request| {
        if held.is_none() {
            return request;
        }
        let paths = idempotency::SecretPaths::default();
        secrets.push(paths.clone());
        request.data(paths)
    };
    let request = Request::from_parts(parts, axum::body::Body::from(bytes));
    let batch =
        match GraphQLBatchRequest::<async_graphql_axum::rejection::GraphQLRejection>::from_request(
            request, &state,
        )
        .await
        {
            Ok(batch) => batch.into_inner(),
            Err(rejection) => {
                release(held).await;
                return rejection.into_response();
            }
        };
    let response = match batch {
        BatchRequest::Single(request)
            if request.query.is_empty() && !request.extensions.contains_key("persistedQuery") =>
        {
            release(held).await;
            return error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                "the request has no query",
                Some("query"),
            );
        }
        BatchRequest::Single(request) => {
            BatchResponse::Single(execute(&state, caller, origin, watch(request)).await)
        }
        BatchRequest::Batch(requests) => {
            let allowed = state.settings.limits.batch;
            if requests.len() > allowed {
                release(held).await;
                let message = if allowed == 0 {
                    "batching is switched off: send one operation per request".to_owned()
                } else {
                    format!("a batch holds at most {allowed} operations")
                };
                return error_response(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::QueryTooComplex,
                    &message,
                    None,
                );
            }
            // One after another: a batch must not take more of the pool than a single request.
            let mut responses = Vec::with_capacity(requests.len());
            for request in requests {
                let request = watch(request);
                responses.push(execute(&state, caller.clone(), origin.clone(), request).await);
            }
            BatchResponse::Batch(responses)
        }
    };
    let Some(held) = held else {
        return respond(&headers, response);
    };
    let stored = stored_answer(&response, &secrets);
    let http = respond(&headers, response);
    // Stored only when a write committed; an answer that changed nothing frees the key.
    let finished = match stored {
        Ok(body) => idempotency::finish(&state.db, &held, http.status().as_u16(), body).await,
        Err(error) => {
            // Without a storable answer a retry gets 409 if something was written, else runs.
            tracing::error!(%error, "cannot serialise the answer to store");
            idempotency::release(&state.db, &held)
                .await
                .map(|()| idempotency::Finished::Released)
        }
    };
    if let Err(error) = finished {
        tracing::error!(?error, "could not store the idempotent answer");
    }
    http
}

/// `409 CONFLICT` for a key that cannot be used now; `extensions.idempotency` says why:
/// `IN_PROGRESS` (retry shortly) or `APPLIED` (done, answer lost: never retry).
fn idempotency_conflict(state: &str, message: &str) -> Response {
    (
        ErrorCode::Conflict.http_status(),
        Json(json!({ "errors": [{ "message": message, "extensions": {
            "code": ErrorCode::Conflict, "field": "Idempotency-Key", "idempotency": state
        } }] })),
    )
        .into_response()
}

/// The answer as stored for replays: JSON with every secret the operations showed set to null.
fn stored_answer(
    response: &BatchResponse,
    secrets: &[idempotency::SecretPaths],
) -> Result<String, serde_json::Error> {
    let mut body = serde_json::to_value(response)?;
    match &mut body {
        serde_json::Value::Array(items) => {
            for (item, paths) in items.iter_mut().zip(secrets) {
                idempotency::without_secrets(item, paths);
            }
        }
        single => {
            if let Some(paths) = secrets.first() {
                idempotency::without_secrets(single, paths);
            }
        }
    }
    serde_json::to_string(&body)
}

/// GraphQL-over-HTTP: `application/graphql-response+json` when the client accepts it, and then
/// 400 for a document that never executed (parse or validation errors, which have no path);
/// plain `application/json` with 200 otherwise. An operation refused by admission control is
/// refused at the HTTP level too, whatever the media type (see [`ErrorCode::refuses_request`]),
/// with `Retry-After` for `RATE_LIMITED`.
fn respond(headers: &HeaderMap, response: BatchResponse) -> Response {
    const MEDIA_TYPE: &str = "application/graphql-response+json";
    let wants_new = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(MEDIA_TYPE));
    let mut status = StatusCode::OK;
    let mut retry_after = None;
    let mut never_executed = false;
    let mut extra_headers = HeaderMap::new();
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
    let mut body = match serde_json::to_value(&response) {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "could not serialise a response");
            return error_response(
                ErrorCode::Internal.http_status(),
                ErrorCode::Internal,
                "internal error",
                None,
            );
        }
    };
    // A request that never executed has no `data` entry at all (GraphQL spec, "Response").
    if let Some(object) = body.as_object_mut().filter(|_| never_executed) {
        object.remove("data");
    }
    let mut http = (status, Json(body)).into_response();
    let content_type = if wants_new {
        MEDIA_TYPE
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

/// GraphQL-over-HTTP: the answer is JSON, so a client that accepts neither JSON media type (nor
/// a wildcard) gets 406. No `Accept` at all means anything goes.
fn accepts_json(headers: &HeaderMap) -> bool {
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
            "application/json" | "application/graphql-response+json" | "application/*" | "*/*"
        )
    })
}

fn not_acceptable() -> Response {
    error_response(
        StatusCode::NOT_ACCEPTABLE,
        ErrorCode::BadUserInput,
        "the answer is application/graphql-response+json or application/json; accept one of them",
        Some("Accept"),
    )
}

/// GraphQL-over-HTTP: a POST body is `application/json` (any charset parameter aside).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// True when the operation a GET request would run is a mutation (GET never changes anything).
fn is_mutation(request: &async_graphql::Request) -> bool {
    use async_graphql::parser::types::{DocumentOperations, OperationType};
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return false;
    };
    let is =
        |op: &async_graphql::parser::types::OperationDefinition| op.ty == OperationType::Mutation;
    match &document.operations {
        DocumentOperations::Single(op) => is(&op.node),
        DocumentOperations::Multiple(ops) => match &request.operation_name {
            Some(name) => ops.iter().any(|(n, op)| n.as_str() == name && is(&op.node)),
            None => ops.values().any(|op| is(&op.node)),
        },
    }
}

/// `GET /graphql`: the playground for a browser, a query for everyone else.
async fn graphql_get(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    if playground::wants_html(&headers) && state.settings.playground_enabled() {
        return playground::page();
    }
    if !accepts_json(&headers) {
        return not_acceptable();
    }
    let origin = origin(&request, &headers);
    let caller = match authenticate(&state, &headers, &origin).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let graphql_request =
        match GraphQLRequest::<async_graphql_axum::rejection::GraphQLRejection>::from_request(
            request, &state,
        )
        .await
        {
            Ok(request) => request.into_inner(),
            Err(rejection) => return rejection.into_response(),
        };
    if is_mutation(&graphql_request) {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::BadUserInput,
            "mutations are sent with POST",
            None,
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    respond(
        &headers,
        BatchResponse::Single(execute(&state, caller, origin, graphql_request).await),
    )
}

/// `GET /graphql/ws`: GraphQL over WebSocket, served by [`crate::http::ws`].
async fn graphql_ws(
    State(state): State<AppState>,
    upgrade: axum::extract::ws::WebSocketUpgrade,
    request: Request,
) -> Response {
    let Some(protocol) = crate::http::ws::protocol(request.headers()) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            "offer the graphql-transport-ws subprotocol",
            Some("Sec-WebSocket-Protocol"),
        );
    };
    let origin = origin(&request, request.headers());
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| crate::http::ws::serve(socket, state, protocol, origin))
}

/// Prometheus text exposition of the process's metrics.
async fn metrics_text(State(state): State<AppState>) -> Response {
    record_pool(&state);
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::prometheus().render(),
    )
        .into_response()
}

/// The pool's gauges, read when scraped.
fn record_pool(state: &AppState) {
    let (size, idle) = match state.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = state.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        sea_orm::DatabaseBackend::Sqlite => {
            let pool = state.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    metrics::gauge!("wijkhub_db_pool_connections").set(f64::from(size));
    metrics::gauge!("wijkhub_db_pool_idle_connections").set(idle as f64);
    metrics::gauge!("wijkhub_db_pool_max_connections")
        .set(f64::from(state.settings.database_max_connections));
    metrics::gauge!("wijkhub_sql_statements").set(state.statements_executed() as f64);
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers and every migration has run.
async fn readyz(State(state): State<AppState>) -> Response {
    match db::migrations_current(&state.db).await {
        Ok(true) => (StatusCode::OK, "ready").into_response(),
        Ok(false) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending").into_response(),
        Err(error) => {
            tracing::error!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}
