//! The one edge where domain errors become GraphQL errors with `extensions.code`.
//!
//! Resolvers return [`GqlResult`]. `GqlError` deliberately does not implement `Display`: that way
//! async-graphql's blanket `From<T: Display>` cannot turn an error into one without a code.

use async_graphql::ErrorExtensions;

use crate::error::ApiError;

#[derive(Clone)]
pub struct GqlError(async_graphql::Error);

pub type GqlResult<T> = Result<T, GqlError>;

impl<E: Into<ApiError>> From<E> for GqlError {
    fn from(error: E) -> Self {
        Self(to_graphql(error.into()))
    }
}

impl From<GqlError> for async_graphql::Error {
    fn from(GqlError(error): GqlError) -> Self {
        error
    }
}

fn to_graphql(error: ApiError) -> async_graphql::Error {
    {
        let code = error.code();
        let message = match &error {
            ApiError::Database(_) | ApiError::Shared(_) | ApiError::Internal(_) => {
                // The details go to the log (with the request id of the surrounding span), never
                // to the caller.
                tracing::error!(error = ?error, "internal error");
                "internal error; the server log has the details under this response's request id"
                    .to_owned()
            }
            other => other.to_string(),
        };
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", code);
            match &error {
                ApiError::BadInput { field, .. } => ext.set("field", field.as_str()),
                ApiError::Conflict { current_version } => {
                    ext.set("currentVersion", *current_version)
                }
                _ => {}
            }
        })
    }
}
