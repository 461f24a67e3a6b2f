//! The HTTP application: shared state and the router production serves (tests drive the same).

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
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
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

use crate::{
    auth::{Principal, token::TokenKeys},
    config::Settings,
    db,
    graphql::{self, AppSchema, context::RequestContext},
    playground,
    service::{
        audit,
        idempotency::{self, Claim},
        write::{Origin, WriteGate},
    },
};

/// The semver of the schema, sent as `API-Version` on every response.
pub const API_VERSION: &str = "0.1.0";

/// Execution time allowed per request.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Request bodies past this size are refused with 413.
const MAX_BODY_BYTES: usize = 1024 * 1024;

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
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot use the JWT settings: {0}")]
    Keys(#[from] crate::auth::token::TokenError),
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
            db,
            schema: graphql::schema(),
            keys: TokenKeys::from_settings(&settings)?,
            settings: Arc::new(settings),
            sql_statements,
        })
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
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
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
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// A refused token refuses the whole request: 401 with `WWW-Authenticate: Bearer`. The message
/// never says which check failed; the log does.
fn unauthorized() -> Response {
    let body = json!({
        "errors": [{
            "message": "invalid or expired token",
            "extensions": { "code": "UNAUTHENTICATED" }
        }]
    });
    let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
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
) -> Result<Option<Principal>, Response> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let reason = match token {
        None => "malformed Authorization header".to_owned(),
        Some(token) => match state.keys.verify(&state.db, token).await {
            Ok(principal) => return Ok(Some(principal)),
            Err(error) => error.to_string(),
        },
    };
    // The caller learns only that the token was refused; the log and the audit say why.
    tracing::warn!(%reason, "refused request: token failed verification");
    metrics::counter!("wijkhub_token_failures_total", "kind" => "bearer").increment(1);
    audit::refused(
        &state.db,
        &Origin {
            ip: None,
            client: headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            request_id: headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        },
        None,
        "authenticate",
        json!({ "reason": "token refused" }),
    )
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
    }
}

async fn execute(
    state: &AppState,
    caller: Option<Principal>,
    origin: Origin,
    request: async_graphql::Request,
) -> async_graphql::Response {
    let mut request = request;
    if caller.is_none() {
        request = request.disable_introspection();
    }
    let context = RequestContext::new(
        state.db.clone(),
        caller.clone(),
        state.gate.clone(),
        origin.clone(),
    );
    let mut response = state.schema.execute(request.data(context)).await;
    for error in &mut response.errors {
        graphql::error::classify_uncoded(error);
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .cloned();
        let refused = [
            async_graphql::Value::from("FORBIDDEN"),
            async_graphql::Value::from("UNAUTHENTICATED"),
        ];
        if code.as_ref().is_some_and(|c| refused.contains(c)) {
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
                json!({ "path": path, "code": code.map(|c| c.to_string()) }),
            )
            .await;
        }
    }
    response
}

fn error_response(status: StatusCode, code: &str, message: &str, field: Option<&str>) -> Response {
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
    let caller = match authenticate(&state, &headers).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let origin = origin(&request, &headers);
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            "BAD_USER_INPUT",
            "the request body is too large",
            None,
        );
    };
    let idempotency = match (headers.get("idempotency-key"), &caller) {
        (Some(key), Some(caller)) => {
            let Some(key) = key
                .to_str()
                .ok()
                .filter(|k| idempotency::valid_key(k).is_ok())
            else {
                return error_response(
                    StatusCode::BAD_REQUEST,
                    "BAD_USER_INPUT",
                    "an idempotency key is 1 to 200 visible ASCII characters",
                    Some("Idempotency-Key"),
                );
            };
            let scope = format!("{}:{}", caller.organisation_id, caller.subject);
            let hash = idempotency::fingerprint(&bytes);
            match idempotency::claim(&state.db, &scope, key, &hash).await {
                Ok(Claim::Fresh) => Some((scope, key.to_owned())),
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
                        "BAD_USER_INPUT",
                        "this Idempotency-Key was used with a different request",
                        Some("Idempotency-Key"),
                    );
                }
                Ok(Claim::InProgress) => {
                    return error_response(
                        StatusCode::CONFLICT,
                        "CONFLICT",
                        "a request with this Idempotency-Key is still running; retry shortly",
                        Some("Idempotency-Key"),
                    );
                }
                Err(error) => {
                    tracing::error!(?error, "idempotency check failed");
                    return error_response(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "INTERNAL",
                        "internal error",
                        None,
                    );
                }
            }
        }
        _ => None,
    };
    let request = Request::from_parts(parts, axum::body::Body::from(bytes));
    let graphql_request =
        match GraphQLRequest::<async_graphql_axum::rejection::GraphQLRejection>::from_request(
            request, &state,
        )
        .await
        {
            Ok(request) => request.into_inner(),
            Err(rejection) => {
                if let Some((scope, key)) = &idempotency {
                    let _ = idempotency::release(&state.db, scope, key).await;
                }
                return rejection.into_response();
            }
        };
    if let Err(refusal) = graphql::guard::check(&graphql_request.query, &state.settings.limits) {
        if let Some((scope, key)) = &idempotency {
            let _ = idempotency::release(&state.db, scope, key).await;
        }
        return error_response(
            StatusCode::BAD_REQUEST,
            "QUERY_TOO_COMPLEX",
            &refusal.to_string(),
            None,
        );
    }
    let response = execute(&state, caller, origin, graphql_request).await;
    if let Some((scope, key)) = idempotency {
        let failed_here = response.errors.iter().any(|e| {
            e.extensions.as_ref().and_then(|x| x.get("code"))
                == Some(&async_graphql::Value::from("INTERNAL"))
        });
        let stored = match serde_json::to_string(&response) {
            Ok(body) if !failed_here => {
                idempotency::complete(&state.db, &scope, &key, 200, body).await
            }
            _ => idempotency::release(&state.db, &scope, &key).await,
        };
        if let Err(error) = stored {
            tracing::error!(?error, "could not store the idempotent answer");
        }
    }
    respond(&headers, response)
}

/// GraphQL-over-HTTP: `application/graphql-response+json` when the client accepts it, and then
/// 400 for a document that never executed (parse or validation errors, which have no path);
/// plain `application/json` with 200 otherwise.
fn respond(headers: &HeaderMap, response: async_graphql::Response) -> Response {
    const MEDIA_TYPE: &str = "application/graphql-response+json";
    let wants_new = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains(MEDIA_TYPE));
    let never_executed = response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty());
    let mut http = GraphQLResponse::from(response).into_response();
    if wants_new {
        http.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(MEDIA_TYPE));
        if never_executed {
            *http.status_mut() = StatusCode::BAD_REQUEST;
        }
    }
    http
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
    let caller = match authenticate(&state, &headers).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let origin = origin(&request, &headers);
    let graphql_request =
        match GraphQLRequest::<async_graphql_axum::rejection::GraphQLRejection>::from_request(
            request, &state,
        )
        .await
        {
            Ok(request) => request.into_inner(),
            Err(rejection) => return rejection.into_response(),
        };
    if let Err(refusal) = graphql::guard::check(&graphql_request.query, &state.settings.limits) {
        return error_response(
            StatusCode::BAD_REQUEST,
            "QUERY_TOO_COMPLEX",
            &refusal.to_string(),
            None,
        );
    }
    if is_mutation(&graphql_request) {
        let mut response = error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "BAD_USER_INPUT",
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
        execute(&state, caller, origin, graphql_request).await,
    )
}

/// The close code of `graphql-transport-ws` for a refused `connection_init` (the library's
/// default is 1002); the refusal message marks which close frames to rewrite.
const REFUSED_INIT: &str = "Forbidden";

/// `GET /graphql/ws`: subscriptions over `graphql-transport-ws`; the token travels in the
/// `connection_init` payload as `{ "Authorization": "Bearer …" }`.
async fn graphql_ws(
    State(state): State<AppState>,
    protocol: async_graphql_axum::GraphQLProtocol,
    upgrade: axum::extract::ws::WebSocketUpgrade,
) -> Response {
    use axum::extract::ws::{CloseFrame, Message};
    use futures_util::{SinkExt, StreamExt};

    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| async move {
            let (sink, stream) = socket.split();
            let sink = sink.with(|message: Message| async move {
                Ok::<_, axum::Error>(match message {
                    Message::Close(Some(frame))
                        if frame.code == 1002 && frame.reason == REFUSED_INIT =>
                    {
                        Message::Close(Some(CloseFrame {
                            code: 4403,
                            reason: REFUSED_INIT.into(),
                        }))
                    }
                    other => other,
                })
            });
            let schema = state.schema.clone();
            async_graphql_axum::GraphQLWebSocket::new_with_pair(sink, stream, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let token = payload
                        .get("Authorization")
                        .or_else(|| payload.get("authorization"))
                        .and_then(|v| v.as_str())
                        .and_then(|v| v.strip_prefix("Bearer "))
                        .map(str::trim);
                    let principal = match token {
                        Some(token) => state.keys.verify(&state.db, token).await.ok(),
                        None => None,
                    };
                    let Some(principal) = principal else {
                        metrics::counter!("wijkhub_token_failures_total", "kind" => "websocket")
                            .increment(1);
                        audit::refused(
                            &state.db,
                            &Origin::default(),
                            None,
                            "subscribe",
                            json!({ "reason": "connection_init refused" }),
                        )
                        .await;
                        return Err(async_graphql::Error::new(REFUSED_INIT));
                    };
                    let mut data = async_graphql::Data::default();
                    data.insert(RequestContext::new(
                        state.db.clone(),
                        Some(principal),
                        state.gate.clone(),
                        Origin::default(),
                    ));
                    Ok(data)
                })
                .serve()
                .await;
        })
}

/// Prometheus text exposition of the process's metrics.
async fn metrics_text() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::prometheus().render(),
    )
        .into_response()
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
