//! The GraphQL schema: one module per domain area, merged here; `pipeline` holds what every
//! operation passes through before and around the resolvers.

/// A GraphQL object over one stored row: the wrapper and its `From` the row, so loaders and
/// services hand rows to the schema without naming the wrapper. The object's description is the
/// doc comment of its `#[Object]` impl.
macro_rules! object_over_row {
    ($(#[$meta:meta])* $object:ident($row:ty)) => {
        $(#[$meta])*
        pub struct $object(pub $row);

        impl From<$row> for $object {
            fn from(row: $row) -> Self {
                Self(row)
            }
        }
    };
}

pub mod access;
pub mod admin;
pub mod budget;
pub mod contact_mutations;
pub mod enums;
pub mod feed;
pub mod history;
pub mod ids;
pub mod node;
pub mod organisations;
pub mod overview;
pub mod pipeline;
pub mod place_mutations;
pub mod places;
pub mod project_mutations;
pub mod projects;
pub mod reference;
pub mod report;
pub mod scalars;
pub mod signal_mutations;
pub mod signals;
pub mod sync;
pub mod viewer_can;
pub mod webhooks;

use std::sync::Arc;

use async_graphql::{
    MergedObject, MergedSubscription, SDLExportOptions, Schema, SchemaBuilder, ValidationMode,
};

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
    report::ReportQuery,
    access::AccessQuery,
    feed::FeedQuery,
    budget::BudgetQuery,
    node::NodeQuery,
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

/// `DateTime` is the engine's scalar for `chrono::DateTime<Utc>`; its own description names the
/// Rust type, which says nothing to a client.
const DATE_TIME: &str = "A point in time as an RFC 3339 `date-time` string. Answers are in \
UTC with the offset written out and the fractions of a second as stored, e.g. \
`2026-03-01T09:30:00.123456+00:00`; input may carry any offset (`Z`, `+01:00`).";

/// The schema's types and fields with the descriptions the engine's own types lack.
fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .override_output_type_description::<chrono::DateTime<chrono::Utc>>(DATE_TIME)
}

/// The schema, independent of any database and settings: `wijkhub schema` prints it without
/// connecting.
pub fn schema() -> AppSchema {
    builder().finish()
}

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error(transparent)]
    Manifest(#[from] pipeline::trusted::ManifestError),
    #[error("cannot index the schema's types: {0}")]
    Types(String),
}

/// The schema as served: behind the gate (`pipeline::served`), with no "did you mean"
/// suggestions in production (they map the schema for whoever probes it).
/// The limiter holds the callers' budgets; other doors that spend them (exports) share it.
pub fn served(
    settings: &Settings,
    limiter: Arc<RateLimiter>,
) -> Result<pipeline::served::ServedSchema, SchemaError> {
    let documents = pipeline::trusted::DocumentStore::load(&settings.trusted_documents)?;
    let build = |mode: ValidationMode| {
        let builder = builder().data(limiter.clone()).validation_mode(mode);
        if settings.is_production() {
            builder.disable_suggestions().finish()
        } else {
            builder.finish()
        }
    };
    // The second engine skips the document's rules for documents the first has validated
    // (`pipeline::validated`).
    let (schema, fast) = (build(ValidationMode::Strict), build(ValidationMode::Fast));
    let types = pipeline::cost::TypeIndex::from_sdl(&schema.sdl())
        .map_err(|e| SchemaError::Types(e.to_string()))?;
    let admission = pipeline::admission::Admission::new(settings.limits, limiter, documents, types);
    Ok(pipeline::served::ServedSchema::new(schema, fast, admission))
}

/// The SDL as served, for `schema.graphql`, with `@specifiedBy` on the scalars that have a
/// specification (introspection reports the same URLs as `specifiedByURL`).
pub fn sdl() -> String {
    schema().sdl_with_options(SDLExportOptions::new().include_specified_by())
}
