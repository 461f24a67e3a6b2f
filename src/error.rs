//! The domain error every service returns; the GraphQL edge maps it to `extensions.code` once.

use sea_orm::DbErr;

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

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::BadInput { .. } => "BAD_USER_INPUT",
            Self::Conflict { .. } => "CONFLICT",
            Self::TooComplex(_) => "QUERY_TOO_COMPLEX",
            Self::RateLimited(_) => "RATE_LIMITED",
            Self::Database(_) | Self::Shared(_) | Self::Internal(_) => "INTERNAL",
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
