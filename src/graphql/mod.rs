//! The GraphQL schema: one module per domain area, merged here; `pipeline` holds what every
//! operation passes through before and around the resolvers.

pub mod access;
pub mod admin;
pub mod budget;
pub mod contact_mutations;
pub mod enums;
pub mod feed;
pub mod history;
pub mod ids;
pub mod organisations;
pub mod overview;
pub mod pipeline;
pub mod place_mutations;
pub mod places;
pub mod project_mutations;
pub mod projects;
pub mod reference;
pub mod scalars;
pub mod signal_mutations;
pub mod signals;
pub mod sync;
pub mod viewer_can;
pub mod webhooks;

use std::sync::Arc;

use async_graphql::{MergedObject, MergedSubscription, Schema};

use crate::{config::Settings, service::rate_limit::RateLimiter};

/// Every query of the API.
#[derive(MergedObject, Default)]
pub struct Query(
    organisations::OrganisationQuery,
    reference::ReferenceQuery,
    projects::ProjectQuery,
    places::PlaceQuery,
    signals::SignalQuery,
    overview::OverviewQuery,
    access::AccessQuery,
    feed::FeedQuery,
    budget::BudgetQuery,
    webhooks::WebhookQuery,
);

/// Every mutation of the API.
#[derive(MergedObject, Default)]
pub struct Mutation(
    project_mutations::ProjectMutation,
    place_mutations::PlaceMutation,
    contact_mutations::ContactMutation,
    signal_mutations::SignalMutation,
    admin::AdminMutation,
    sync::SyncMutation,
    webhooks::WebhookMutation,
);

/// Every subscription of the API.
#[derive(MergedSubscription, Default)]
pub struct Subscription(feed::FeedSubscription);

pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// The schema, independent of any database and settings: `wijkhub schema` prints it without
/// connecting.
pub fn schema() -> AppSchema {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .finish()
}

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(transparent)]
    Manifest(#[from] pipeline::trusted::ManifestError),
    #[error("cannot index the schema's types: {0}")]
    Types(String),
}

/// The schema as served: admission control (trusted documents, limits, cost, rate limits) in
/// front of every operation, and no "did you mean" suggestions in production (they map the
/// schema for whoever probes it).
pub fn served(settings: &Settings) -> Result<AppSchema, SchemaError> {
    let limiter = Arc::new(RateLimiter::new(settings.rate_limit.clone()));
    let admission = pipeline::admission::Admission::new(
        settings.limits,
        limiter.clone(),
        pipeline::trusted::DocumentStore::load(&settings.trusted_documents)?,
    );
    let mut builder = Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    // First the socket's caller, checked again per operation; then admission, which needs it.
    .extension(pipeline::session::SessionGate)
    .extension(admission.clone())
    .data(limiter);
    if settings.is_production() {
        builder = builder.disable_suggestions();
    }
    let schema = builder.finish();
    admission.know_types(
        pipeline::cost::TypeIndex::from_sdl(&schema.sdl())
            .map_err(|e| SchemaError::Types(e.to_string()))?,
    );
    Ok(schema)
}

/// The SDL as served, for `schema.graphql`.
pub fn sdl() -> String {
    schema().sdl()
}
