//! Ids at the edge: opaque `ID` strings that must be UUIDs.

use async_graphql::ID;
use uuid::Uuid;

use crate::error::ApiError;

pub fn parse_id(field: &str, id: &ID) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id.as_str()).map_err(|_| ApiError::bad_input(field, "not a valid id"))
}

pub fn to_id(id: Uuid) -> ID {
    ID(id.to_string())
}
