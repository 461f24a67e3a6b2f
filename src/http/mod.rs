//! The HTTP edge, beside `app.rs`: how a bearer token is read, and the WebSocket endpoint.

pub mod bearer;
pub mod ws;
