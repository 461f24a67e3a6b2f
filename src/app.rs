//! The HTTP application: shared state and the router production serves (tests drive the same).

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::{
    Json, Router,
    extract::{FromRequest, Request, State},
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
};

/// The semver of the schema, sent as `API-Version` on every response.
pub const API_VERSION: &str = "0.1.0";

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
        let mut db = db::connect(&settings.database_url, settings.database_max_connections).await?;
        let sql_statements = Arc::new(AtomicU64::new(0));
        let counter = sql_statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Ok(Self {
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
    let Some(token) = token else {
        tracing::warn!("refused request: malformed Authorization header");
        return Err(unauthorized());
    };
    match state.keys.verify(&state.db, token).await {
        Ok(principal) => Ok(Some(principal)),
        Err(error) => {
            tracing::warn!(%error, "refused request: token failed verification");
            Err(unauthorized())
        }
    }
}

async fn execute(
    state: &AppState,
    caller: Option<Principal>,
    request: async_graphql::Request,
) -> Response {
    let mut request = request;
    if caller.is_none() {
        request = request.disable_introspection();
    }
    let request = request.data(RequestContext::new(state.db.clone(), caller));
    let mut response = state.schema.execute(request).await;
    for error in &mut response.errors {
        graphql::error::classify_uncoded(error);
    }
    GraphQLResponse::from(response).into_response()
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
    match GraphQLRequest::<async_graphql_axum::rejection::GraphQLRejection>::from_request(
        request, &state,
    )
    .await
    {
        Ok(request) => execute(&state, caller, request.into_inner()).await,
        Err(rejection) => rejection.into_response(),
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
    graphql_post(State(state), headers, request).await
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
