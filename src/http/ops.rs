//! What operators and orchestrators call: `/metrics`, `/healthz`, `/readyz`.

use axum::{
    Router,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use tokio::sync::watch;

use super::{AppState, layers, negotiation::error_response};
use crate::{db, error::ErrorCode};

/// Prometheus text exposition of the process's metrics.
pub async fn metrics(State(state): State<AppState>) -> Response {
    record_pool(&state);
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::prometheus().render(),
    )
        .into_response()
}

/// The pool's gauges, read when scraped.
fn record_pool(state: &AppState) {
    let status = state.db.pool_status();
    metrics::gauge!("wijkhub_db_pool_connections").set(f64::from(status.open));
    metrics::gauge!("wijkhub_db_pool_idle_connections").set(status.idle as f64);
    metrics::gauge!("wijkhub_db_pool_max_connections")
        .set(f64::from(state.settings.database_max_connections));
    metrics::gauge!("wijkhub_sql_statements").set(state.statements_executed() as f64);
}

/// Alive: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers, every migration has run and, when keys come from an
/// identity provider, a key set was fetched.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if let Some(reason) = state.keys.provider().and_then(|p| p.not_ready()) {
        return (StatusCode::SERVICE_UNAVAILABLE, reason).into_response();
    }
    match db::migrations_current(&state.db).await {
        Ok(true) => (StatusCode::OK, "ready").into_response(),
        Ok(false) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending").into_response(),
        Err(error) => {
            tracing::error!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// What the process serves while it waits for its database at start: `/healthz` (the process
/// lives), `/readyz` with why it is not ready (`status`), and `503` with `Retry-After` for
/// everything else, so an orchestrator keeps it out of rotation instead of restarting it.
pub fn starting(status: watch::Receiver<String>) -> Router {
    let routes = Router::new()
        .route("/healthz", get(healthz))
        .route(
            "/readyz",
            get(move || {
                let status = status.borrow().clone();
                async move { (StatusCode::SERVICE_UNAVAILABLE, status) }
            }),
        )
        .fallback(|| async {
            let mut response = error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Internal,
                "the server is starting and cannot reach its database yet; retry shortly",
                None,
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            response
        });
    layers::around(routes, None, Default::default())
}

/// What `WIJKHUB_METRICS_LISTEN` serves: `/metrics`, and the probes, for a port only the
/// monitoring network reaches.
pub fn internal(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(state)
}
