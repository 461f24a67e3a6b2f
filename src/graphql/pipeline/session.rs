//! A WebSocket connection's caller, checked again for every operation it runs.
//!
//! Over HTTP every request authenticates before it executes. A socket authenticates once, at
//! `connection_init`, and may stay open for hours; so each operation on it (and each delivery of
//! a live subscription) verifies the token again, exactly as a new HTTP request would: signature
//! and expiry, then the organisation and API client (with the same 2 s window), and builds a
//! fresh [`RequestContext`] with its own request cache. A token that no longer passes closes the
//! socket: 4401 when it expired (connect again with a fresh token), 4403 when the caller was
//! locked out (revoked client, deactivated organisation).

use std::{
    any::TypeId,
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
};

use async_graphql::{Data, Request, ServerError, ServerResult};
use serde_json::json;
use tokio::sync::watch;

use crate::db::Db;
use crate::graphql::pipeline::context::{RequestContext, Shared};
use crate::{
    auth::{Principal, token::TokenError},
    config::WebSocketLimits,
    error::ApiError,
    service::{
        audit,
        write::{Origin, WriteGate},
    },
};

/// Close code of `graphql-transport-ws` for a caller that must authenticate again.
pub const CLOSE_UNAUTHORIZED: u16 = 4401;
/// Close code of `graphql-transport-ws` for a caller that is no longer let in.
pub const CLOSE_FORBIDDEN: u16 = 4403;

/// Why an open socket's caller no longer passes.
#[derive(Debug, thiserror::Error)]
pub enum Lapsed {
    #[error("the token has expired; connect again with a fresh token")]
    Expired,
    #[error("the token is no longer accepted (revoked client or deactivated organisation)")]
    LockedOut,
    /// The database could not be asked; the socket stays open and the caller may retry.
    #[error("the caller could not be verified")]
    Unavailable(#[source] sea_orm::DbErr),
}

impl Lapsed {
    fn close_code(&self) -> Option<u16> {
        match self {
            Self::Expired => Some(CLOSE_UNAUTHORIZED),
            Self::LockedOut => Some(CLOSE_FORBIDDEN),
            Self::Unavailable(_) => None,
        }
    }
}

impl From<Lapsed> for ApiError {
    fn from(lapsed: Lapsed) -> Self {
        match lapsed {
            Lapsed::Unavailable(error) => ApiError::Database(error),
            _ => ApiError::Unauthenticated,
        }
    }
}

/// One open socket: its token, where it came from, and how to close it.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

/// What a socket's session holds from `connection_init` on.
pub struct Opened {
    /// The token `connection_init` carried, verified again for every operation.
    pub token: String,
    pub origin: Origin,
    pub db: Db,
    pub gate: WriteGate,
    pub shared: Shared,
    pub limits: WebSocketLimits,
    /// Tells the socket's writer when to close and with which code (the first one wins).
    pub close: watch::Sender<Option<u16>>,
}

struct Inner {
    opened: Opened,
    operations_started: AtomicU64,
    running: AtomicUsize,
}

impl Session {
    pub fn new(opened: Opened) -> Self {
        Self {
            inner: Arc::new(Inner {
                opened,
                operations_started: AtomicU64::new(0),
                running: AtomicUsize::new(0),
            }),
        }
    }

    /// The caller as the token says now, verified as an HTTP request would be.
    pub async fn caller(&self) -> Result<Principal, Lapsed> {
        let opened = &self.inner.opened;
        match opened.shared.keys.verify(&opened.db, &opened.token).await {
            Ok(principal) => Ok(principal),
            Err(TokenError::Expired) => Err(Lapsed::Expired),
            Err(TokenError::Invalid(_)) => Err(Lapsed::LockedOut),
            Err(TokenError::Database(error)) => Err(Lapsed::Unavailable(error)),
        }
    }

    /// Verifies the caller for a delivery or an operation; a caller that no longer passes
    /// closes the socket (after the message that tells it why) and is audited once.
    pub async fn recheck(&self) -> Result<Principal, Lapsed> {
        let lapsed = match self.caller().await {
            Ok(principal) => return Ok(principal),
            Err(lapsed) => lapsed,
        };
        if let Some(code) = lapsed.close_code() {
            let first = self.inner.opened.close.send_if_modified(|current| {
                let first = current.is_none();
                if first {
                    *current = Some(code);
                }
                first
            });
            if first {
                metrics::counter!("wijkhub_token_failures_total", "kind" => "websocket")
                    .increment(1);
                tracing::info!(reason = %lapsed, code, "closing a socket whose caller lapsed");
                audit::refused(
                    &self.inner.opened.db,
                    &self.inner.opened.origin,
                    None,
                    "subscribe",
                    json!({ "reason": lapsed.to_string(), "closeCode": code }),
                )
                .await;
            }
        }
        Err(lapsed)
    }

    /// A fresh context for one operation on this socket, or the refusal to send instead.
    async fn open_operation(&self) -> Result<RequestContext, ApiError> {
        let slot = OperationSlot::take(&self.inner)?;
        let caller = self.recheck().await?;
        let inner = &self.inner;
        let number = inner.operations_started.fetch_add(1, Ordering::Relaxed) + 1;
        let mut origin = inner.opened.origin.clone();
        // Each operation gets its own request id: the socket's, numbered.
        origin.request_id = Some(format!(
            "{}#{number}",
            inner.opened.origin.request_id.as_deref().unwrap_or("ws")
        ));
        let mut context = RequestContext::new(
            inner.opened.db.clone(),
            Some(caller),
            inner.opened.gate.clone(),
            origin,
            inner.opened.shared.clone(),
        );
        context.session = Some(self.clone());
        context.operation_slot = Some(slot);
        Ok(context)
    }
}

/// Counts an operation running on a socket for as long as its context lives (a subscription's
/// for as long as it is open).
pub struct OperationSlot {
    inner: Arc<Inner>,
}

impl OperationSlot {
    fn take(inner: &Arc<Inner>) -> Result<Self, ApiError> {
        let limit = inner.opened.limits.operations_per_socket;
        let taken = inner
            .running
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |running| {
                (running < limit).then_some(running + 1)
            });
        match taken {
            Ok(_) => Ok(Self {
                inner: inner.clone(),
            }),
            Err(_) => Err(ApiError::TooComplex(format!(
                "at most {limit} operations run at once on one socket; complete one first"
            ))),
        }
    }
}

impl Drop for OperationSlot {
    fn drop(&mut self) {
        self.inner.running.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Live subscriptions per caller on this instance, so one caller cannot hold the poller's
/// attention with thousands of them.
#[derive(Default)]
pub struct Subscribers {
    open: Mutex<HashMap<String, usize>>,
}

/// One caller's live subscription; dropping it frees the place.
pub struct SubscriberSlot {
    registry: Arc<Subscribers>,
    key: String,
}

impl Subscribers {
    pub fn take(
        registry: &Arc<Subscribers>,
        caller: &Principal,
        limit: usize,
    ) -> Result<SubscriberSlot, ApiError> {
        let key = format!(
            "{}:{}:{:?}:{}",
            caller.organisation_id,
            caller.subject,
            caller.role,
            caller.client.map(|c| c.to_string()).unwrap_or_default()
        );
        let mut open = registry.open.lock().unwrap_or_else(|p| p.into_inner());
        let count = open.entry(key.clone()).or_default();
        if *count >= limit {
            return Err(ApiError::RateLimited(format!(
                "at most {limit} live subscriptions per caller; complete one first"
            )));
        }
        *count += 1;
        Ok(SubscriberSlot {
            registry: registry.clone(),
            key,
        })
    }
}

impl Drop for SubscriberSlot {
    fn drop(&mut self) {
        let mut open = self.registry.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// Gives a WebSocket operation its fresh, re-verified context. It runs before admission, so
/// limits, cost and budgets see the caller as it is now. HTTP requests arrive with their context
/// already built and pass straight through.
pub async fn open(mut request: Request, session_data: Option<&Data>) -> ServerResult<Request> {
    if !request.data.contains_key(&TypeId::of::<RequestContext>())
        && let Some(session) = session_data
            .and_then(|data| data.get(&TypeId::of::<Session>()))
            .and_then(|data| data.downcast_ref::<Session>())
    {
        let context = session.open_operation().await.map_err(refusal)?;
        request.data.insert(context);
    }
    Ok(request)
}

fn refusal(error: ApiError) -> ServerError {
    let message = match &error {
        ApiError::Unauthenticated => {
            "the token is no longer accepted; connect again with a fresh token".to_owned()
        }
        ApiError::Database(_) => "the caller could not be verified; try again".to_owned(),
        other => other.to_string(),
    };
    let mut server_error = ServerError::new(message, None);
    server_error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", error.code());
    server_error
}
