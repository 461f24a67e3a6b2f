//! What every resolver can reach: the caller, the database, and the request's DataLoaders.

use async_graphql::{
    Context,
    dataloader::{DataLoader, HashMapCache},
};

use crate::db::Db;
use crate::graphql::{
    pipeline::loaders::{Loaders, RequestLoader},
    pipeline::session::{OperationSlot, Session, Subscribers},
};
use std::sync::Arc;

use crate::{
    auth::{Principal, token::TokenKeys},
    config::WebSocketLimits,
    error::{ApiError, ApiResult},
    service::write::{Origin, WriteContext, WriteGate, Writer},
    service::{
        log_head::LogHead, organisation_directory::OrganisationDirectory, reference::ReferenceCache,
    },
};

/// What every request shares with the process: token verification (whose cache writes to
/// organisations and API clients must clear), the reference data and the organisations held in
/// memory.
#[derive(Clone)]
pub struct Shared {
    pub keys: Arc<TokenKeys>,
    pub reference: Arc<ReferenceCache>,
    pub organisations: Arc<OrganisationDirectory>,
    /// Live subscriptions per caller on this instance.
    pub subscribers: Arc<Subscribers>,
    pub websocket: WebSocketLimits,
    /// Where the change log stands, watched once for every live subscription.
    pub log_head: Arc<LogHead>,
    /// Refusals of operations counted per origin and reason (see `audit::RefusalLog`).
    pub refusals: Arc<crate::service::audit::RefusalLog>,
    /// What managing webhooks needs from the settings (the key sealing their secrets).
    pub webhooks: crate::service::webhooks::Options,
}

pub struct RequestContext {
    pub caller: Option<Principal>,
    pub shared: Shared,
    pub db: Db,
    /// Per request: loads depend on the caller. Shared with a subscription's stream, which
    /// empties it before each delivery so every delivery reads afresh.
    pub loader: Arc<RequestLoader>,
    pub gate: WriteGate,
    pub origin: Origin,
    /// The socket an operation runs on, for re-checking its caller before each delivery.
    pub session: Option<Session>,
    /// Holds the operation's place among the socket's running operations.
    pub operation_slot: Option<OperationSlot>,
}

impl RequestContext {
    pub fn new(
        db: Db,
        caller: Option<Principal>,
        gate: WriteGate,
        origin: Origin,
        shared: Shared,
    ) -> Self {
        // Cached for the request, so a page primes each relation once for all its nodes.
        let loader = Arc::new(DataLoader::with_cache(
            Loaders::new(db.clone(), caller.clone(), &shared),
            tokio::spawn,
            HashMapCache::default(),
        ));
        Self {
            caller,
            shared,
            db,
            loader,
            gate,
            origin,
            session: None,
            operation_slot: None,
        }
    }

    pub fn caller(&self) -> Option<&Principal> {
        self.caller.as_ref()
    }

    /// The write path of a mutation: the database, the turn to write and the caller as a
    /// writer; anonymous callers write nothing. Every mutation starts here, so this also forgets
    /// what the request loaded so far: the write may change it.
    pub fn begin_write(&self) -> ApiResult<WriteContext<'_>> {
        let caller = self.caller.clone().ok_or(ApiError::Unauthenticated)?;
        crate::graphql::pipeline::loaders::forget_all(&self.loader);
        let writer = Writer {
            caller,
            origin: self.origin.clone(),
        };
        Ok(WriteContext::new(&self.db, &self.gate, writer))
    }
}

/// The request context. Every request the server executes carries one; the schema is never
/// executed without it.
pub fn request<'a>(ctx: &Context<'a>) -> &'a RequestContext {
    ctx.data_unchecked::<RequestContext>()
}
