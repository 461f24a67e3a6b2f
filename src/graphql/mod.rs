//! The GraphQL schema: one module per domain area, merged here.

pub mod access;
pub mod admin;
pub mod connection;
pub mod contact_mutations;
pub mod context;
pub mod enums;
pub mod error;
pub mod feed;
pub mod guard;
pub mod history;
pub mod ids;
pub mod loaders;
pub mod organisations;
pub mod overview;
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

use async_graphql::{MergedObject, MergedSubscription, Schema};

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
);

/// Every subscription of the API.
#[derive(MergedSubscription, Default)]
pub struct Subscription(feed::FeedSubscription);

pub type AppSchema = Schema<Query, Mutation, Subscription>;

/// The schema, independent of any database: `wijkhub schema` prints it without connecting.
pub fn schema() -> AppSchema {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .finish()
}

/// The SDL as served, for `schema.graphql`.
pub fn sdl() -> String {
    schema().sdl()
}
