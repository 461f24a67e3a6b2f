//! The HTTP edge: the state the server shares, the router production serves (tests drive the
//! same), and one module per endpoint. Nothing below this edge knows about HTTP.
//!
//! - [`graphql`]: `GET`/`POST /graphql`, authentication and execution;
//! - [`negotiation`]: media types and how an engine response becomes an HTTP answer;
//! - [`idempotency`]: `Idempotency-Key`, and the guard that gives a key back;
//! - [`ws`]: `GET /graphql/ws`, GraphQL over WebSocket;
//! - [`token`]: `POST /oauth/token`;
//! - [`metadata`]: `GET /.well-known/oauth-authorization-server`;
//! - [`ops`]: metrics, health, readiness;
//! - [`layers`]: what wraps every route (CORS, headers, timeout, request span);
//! - [`bearer`]: reading `Authorization: Bearer`, over HTTP and WebSocket alike;
//! - [`client_address`]: who the client is behind trusted reverse proxies;
//! - [`export`]: `GET /export/projects` and `/export/signals`, XLSX and CSV.

pub mod bearer;
pub mod client_address;
pub mod export;
pub mod graphql;
pub mod idempotency;
pub mod layers;
pub mod metadata;
pub mod negotiation;
pub mod ops;
pub mod token;
pub mod ws;

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use axum::{
    Router,
    http::HeaderMap,
    routing::{get, post},
};

use crate::{
    auth::{throttle::TokenGuard, token::TokenKeys},
    config::{Settings, TrustedProxies},
    db::{self, Db},
    graphql::{SchemaError, pipeline::context::Shared, pipeline::served::ServedSchema},
    playground, report_page,
    service::{
        audit,
        log_head::LogHead,
        rate_limit::RateLimiter,
        reference::ReferenceCache,
        write::{Origin, WriteGate},
    },
};

/// The semver of the schema, sent as `API-Version` on every response: the crate's version, so
/// `wijkhub --version`, the header and the release tag tell one story.
pub const API_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Request bodies past this size are refused with 413.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Refused tokens from one origin for one reason leave at most one audit row per this window.
const REFUSAL_WINDOW: Duration = Duration::from_secs(60);

/// What the server shares between requests. Every request clones it (axum's `State`), so it is
/// one pointer to what it holds, never a copy of the keys and settings.
#[derive(Clone)]
pub struct AppState(Arc<Parts>);

impl std::ops::Deref for AppState {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

pub struct Parts {
    pub db: Db,
    pub schema: ServedSchema,
    pub keys: Arc<TokenKeys>,
    pub settings: Arc<Settings>,
    /// SQL statements executed since start: for `/metrics` and for tests that prove there is
    /// no N+1.
    pub sql_statements: Arc<AtomicU64>,
    /// Takes turns between writers where the database allows only one (SQLite).
    pub gate: WriteGate,
    pub reference: Arc<ReferenceCache>,
    /// The live organisations, for pages that name them.
    pub organisations: Arc<crate::service::organisation_directory::OrganisationDirectory>,
    pub subscribers: Arc<crate::graphql::pipeline::session::Subscribers>,
    pub log_head: Arc<LogHead>,
    /// Counts refusals with nobody known behind them instead of writing each (see the type).
    pub refusals: Arc<audit::RefusalLog>,
    /// Throttling and argon2 slots of `/oauth/token`.
    pub token_guard: Arc<TokenGuard>,
    /// What managing webhooks needs from the settings, derived once (the sealing key).
    pub webhooks: crate::service::webhooks::Options,
    /// `WIJKHUB_TRUSTED_PROXIES`, read once.
    pub proxies: Arc<TrustedProxies>,
    /// The callers' rate-limit budgets, shared by the schema's admission and the exports.
    pub limiter: Arc<RateLimiter>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("cannot use the JWT settings: {0}")]
    Keys(#[from] crate::auth::token::TokenError),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error(transparent)]
    Settings(#[from] crate::config::SettingsError),
}

impl AppState {
    /// Opens the database (without migrating) and builds the schema.
    pub async fn new(settings: Settings) -> Result<Self, StartError> {
        crate::telemetry::prometheus();
        let mut db = db::connect(&settings.database_url, settings.database_max_connections).await?;
        let sql_statements = Arc::new(AtomicU64::new(0));
        let counter = sql_statements.clone();
        db.set_metric_callback(move |info| {
            crate::telemetry::record_statement(info);
            // A rate-limit lease is taken once per slice of a caller's budget, not per request
            // (`service::rate_limit`); counting it would make a request's statement count depend
            // on where the window stands. Leases have their own metric.
            if info
                .statement
                .sql
                .contains(crate::service::rate_limit::LEASE_TABLE)
            {
                metrics::counter!("wijkhub_rate_limit_leases_total").increment(1);
                return;
            }
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let keys = Arc::new(TokenKeys::from_settings(&settings)?);
        // The identity provider's keys are fetched once before the first request; a failure
        // does not stop the start (see `/readyz`).
        if let Some(provider) = keys.provider() {
            provider.start().await;
        }
        let limiter = Arc::new(RateLimiter::new(settings.rate_limit.clone()));
        Ok(Self(Arc::new(Parts {
            gate: WriteGate::for_backend(db.get_database_backend()),
            log_head: LogHead::new(db.clone()),
            refusals: audit::RefusalLog::new(db.clone(), REFUSAL_WINDOW),
            token_guard: Arc::new(TokenGuard::for_this_machine()),
            db,
            webhooks: crate::service::webhooks::Options::from_settings(&settings),
            proxies: Arc::new(settings.proxies()?),
            schema: crate::graphql::served(&settings, limiter.clone())?,
            limiter,
            keys,
            settings: Arc::new(settings),
            sql_statements,
            reference: Arc::default(),
            organisations: Arc::default(),
            subscribers: Arc::default(),
        })))
    }

    /// What each request's context shares with the process.
    pub fn shared(&self) -> Shared {
        Shared {
            keys: self.keys.clone(),
            reference: self.reference.clone(),
            organisations: self.organisations.clone(),
            subscribers: self.subscribers.clone(),
            websocket: self.settings.websocket,
            log_head: self.log_head.clone(),
            refusals: self.refusals.clone(),
            webhooks: self.webhooks,
        }
    }

    pub fn statements_executed(&self) -> u64 {
        self.sql_statements.load(Ordering::Relaxed)
    }
}

/// The public router. `/metrics` is on it only while no `WIJKHUB_METRICS_LISTEN` gives it an
/// address of its own ([`ops::internal`]).
pub fn router(state: AppState) -> Router {
    let mut routes = Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphql/ws", get(ws::upgrade))
        .route("/oauth/token", post(token::token))
        .route(
            "/.well-known/oauth-authorization-server",
            get(metadata::authorization_server),
        )
        .route("/export/projects", get(export::projects))
        .route("/export/signals", get(export::signals));
    if state.settings.metrics_listen.is_none() {
        routes = routes.route("/metrics", get(ops::metrics));
    }
    let proxies = state.proxies.clone();
    let routes = routes
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .merge(playground::routes())
        .merge(report_page::routes());
    let cors = layers::cors(&state.settings);
    layers::around(routes.with_state(state), Some(cors), proxies)
}

/// Where a request came from, for the audit log, the rate limits and the log: the client's
/// address (when the server was started with connection info; behind a trusted proxy, the one
/// [`client_address`] found) and what the request says of itself. Every door builds its
/// origin here.
fn origin(address: Option<SocketAddr>, headers: &HeaderMap) -> Origin {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(200).collect::<String>())
    };
    Origin {
        ip: address.map(|address| address.ip().to_string()),
        client: text("user-agent"),
        request_id: text("x-request-id"),
        idempotency: None,
    }
}

/// The client's address of a request, when the server was started with connection info
/// (behind a trusted proxy, the address it forwarded: see [`client_address`]).
fn peer(request: &axum::extract::Request) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0)
}
