//! The domain error every service returns, and the one list of codes the API answers with: the
//! GraphQL edge maps an error to `extensions.code` once, the HTTP edge a code to its status.

use std::{fmt, str::FromStr};

use axum::http::StatusCode;
use sea_orm::DbErr;

/// Every `extensions.code` the API emits. [`ErrorCode::as_str`] is the only place a code is
/// spelled; clients match on these strings, so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The caller's input: a document that does not parse or validate, a wrong argument, a
    /// request the HTTP edge cannot take (media type, size, method, headers).
    BadUserInput,
    Unauthenticated,
    Forbidden,
    NotFound,
    /// A stale `expectedVersion`, or an `Idempotency-Key` that cannot be used now.
    Conflict,
    /// Past a limit on what one operation or connection may take.
    QueryTooComplex,
    /// Past a limit on what one caller may spend.
    RateLimited,
    Internal,
}

impl ErrorCode {
    pub const ALL: [Self; 8] = [
        Self::BadUserInput,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::Conflict,
        Self::QueryTooComplex,
        Self::RateLimited,
        Self::Internal,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict => "CONFLICT",
            Self::QueryTooComplex => "QUERY_TOO_COMPLEX",
            Self::RateLimited => "RATE_LIMITED",
            Self::Internal => "INTERNAL",
        }
    }

    /// The status an HTTP answer carries when this code refuses the request as a whole. The HTTP
    /// edge may be more precise for the caller's input (406, 413, 415, …).
    pub const fn http_status(self) -> StatusCode {
        match self {
            Self::BadUserInput | Self::QueryTooComplex => StatusCode::BAD_REQUEST,
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict => StatusCode::CONFLICT,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Whether an operation refused with this code before it ran refuses its HTTP request too,
    /// whatever the media type (GraphQL-over-HTTP otherwise answers such errors with 200): a
    /// client that ignores the body still sees it went over a limit.
    pub const fn refuses_request(self) -> bool {
        matches!(self, Self::QueryTooComplex | Self::RateLimited)
    }

    /// The code of a GraphQL error, when it carries one this API knows.
    pub fn of(error: &async_graphql::ServerError) -> Option<Self> {
        match error.extensions.as_ref()?.get("code")? {
            async_graphql::Value::String(code) => code.parse().ok(),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown error code {0:?}")]
pub struct UnknownCode(String);

impl FromStr for ErrorCode {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|code| code.as_str() == text)
            .ok_or_else(|| UnknownCode(text.to_owned()))
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl From<ErrorCode> for async_graphql::Value {
    fn from(code: ErrorCode) -> Self {
        Self::from(code.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("authentication required")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    BadInput { field: String, message: String },
    #[error("the object was changed by someone else (current version {current_version})")]
    Conflict { current_version: i32 },
    #[error("database error")]
    Database(#[from] DbErr),
    /// A database error shared by every field a batched load served.
    #[error("database error")]
    Shared(std::sync::Arc<DbErr>),
    /// Past a limit on what one operation or connection may take.
    #[error("{0}")]
    TooComplex(String),
    /// Past a limit on what one caller may hold or spend.
    #[error("{0}")]
    RateLimited(String),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::BadInput { .. } => ErrorCode::BadUserInput,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::TooComplex(_) => ErrorCode::QueryTooComplex,
            Self::RateLimited(_) => ErrorCode::RateLimited,
            Self::Database(_) | Self::Shared(_) | Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use super::ErrorCode;

    #[test]
    fn every_code_round_trips_through_its_string() {
        for code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>().ok(), Some(code));
            assert_eq!(code.to_string(), code.as_str());
            let json = serde_json::to_value(code).expect("serialise");
            assert_eq!(json, serde_json::json!(code.as_str()));
            assert_eq!(serde_json::from_value::<ErrorCode>(json).ok(), Some(code));
        }
        assert!("OK".parse::<ErrorCode>().is_err());
    }

    /// What the HTTP edge has always answered: 401 for a refused token, 409 for an unusable
    /// idempotency key, 500 for an internal error, 400 and 429 for an operation over a limit.
    #[test]
    fn codes_keep_the_statuses_the_edge_answered() {
        let expected = [
            (ErrorCode::BadUserInput, StatusCode::BAD_REQUEST, false),
            (ErrorCode::Unauthenticated, StatusCode::UNAUTHORIZED, false),
            (ErrorCode::Forbidden, StatusCode::FORBIDDEN, false),
            (ErrorCode::NotFound, StatusCode::NOT_FOUND, false),
            (ErrorCode::Conflict, StatusCode::CONFLICT, false),
            (ErrorCode::QueryTooComplex, StatusCode::BAD_REQUEST, true),
            (ErrorCode::RateLimited, StatusCode::TOO_MANY_REQUESTS, true),
            (
                ErrorCode::Internal,
                StatusCode::INTERNAL_SERVER_ERROR,
                false,
            ),
        ];
        assert_eq!(expected.len(), ErrorCode::ALL.len());
        for (code, status, refuses) in expected {
            assert_eq!(code.http_status(), status, "{code}");
            assert_eq!(code.refuses_request(), refuses, "{code}");
        }
    }
}
