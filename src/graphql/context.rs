//! What every resolver can reach: the caller, the database, and the request's DataLoaders.

use async_graphql::{Context, dataloader::DataLoader};
use sea_orm::DatabaseConnection;

use super::loaders::Loaders;
use crate::auth::Principal;

pub struct RequestContext {
    pub caller: Option<Principal>,
    pub db: DatabaseConnection,
    /// Per request: the cache must not outlive the request, and some loads depend on the caller.
    pub loader: DataLoader<Loaders>,
}

impl RequestContext {
    pub fn new(db: DatabaseConnection, caller: Option<Principal>) -> Self {
        let loader = DataLoader::new(Loaders::new(db.clone(), caller.clone()), tokio::spawn);
        Self { caller, db, loader }
    }

    pub fn caller(&self) -> Option<&Principal> {
        self.caller.as_ref()
    }
}

/// The request context. Every request the server executes carries one; the schema is never
/// executed without it.
pub fn request<'a>(ctx: &Context<'a>) -> &'a RequestContext {
    ctx.data_unchecked::<RequestContext>()
}
