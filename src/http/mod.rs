//! The HTTP edge: the router production serves (tests drive the same), how a bearer token is
//! read, and the WebSocket endpoint.

pub mod bearer;
pub mod graphql;
pub mod ws;

pub use graphql::{API_VERSION, AppState, StartError, router};
