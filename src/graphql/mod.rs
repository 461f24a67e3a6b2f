//! The GraphQL schema: one module per domain area, merged here.

pub mod access;
pub mod connection;
pub mod context;
pub mod enums;
pub mod error;
pub mod ids;
pub mod loaders;
pub mod organisations;
pub mod overview;
pub mod places;
pub mod projects;
pub mod reference;
pub mod scalars;
pub mod signals;

use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};

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
);

pub type AppSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// The schema, independent of any database: `wijkhub schema` prints it without connecting.
pub fn schema() -> AppSchema {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription).finish()
}

/// The SDL as served, for `schema.graphql`.
pub fn sdl() -> String {
    schema().sdl()
}
