//! What every operation passes on its way to the resolvers and back, whatever door it came
//! in by (HTTP, batch, WebSocket): the gate (`served`: the session check, then admission with
//! its limits, cost, budget and trusted documents), the request context and its loaders, and
//! the one mapping of errors to codes.
//! Nothing here knows a domain type; the domain modules beside `pipeline` use it.

pub mod admission;
pub mod answer_size;
pub mod connection;
pub mod context;
pub mod cost;
pub mod error;
pub mod guard;
pub mod introspection;
pub mod loaders;
pub mod served;
pub mod session;
pub mod trusted;
pub mod validated;
