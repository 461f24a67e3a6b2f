//! `Idempotency-Key`: a retried mutation request returns the first answer instead of writing
//! twice. Keys are scoped to the caller and kept for 24 hours.

use chrono::Duration;
use entity::idempotency_key;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, sea_query::OnConflict,
};
use sha2::{Digest, Sha256};

use super::now;
use crate::error::{ApiError, ApiResult};

/// How long a stored answer is replayed.
const KEEP: Duration = Duration::hours(24);
/// A claim older than this without an answer belongs to a request that died; it may be taken over.
const ABANDONED: Duration = Duration::seconds(60);

pub enum Claim {
    /// First use of the key: execute, then [`complete`].
    Fresh,
    /// The stored answer of the first request with this key and body.
    Replay { status: u16, body: String },
    /// The key was used with another request body.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

pub fn fingerprint(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Checks a key: 1–200 visible ASCII characters.
pub fn valid_key(key: &str) -> ApiResult<()> {
    if (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            "Idempotency-Key",
            "an idempotency key is 1 to 200 visible ASCII characters",
        ))
    }
}

pub async fn claim(
    db: &DatabaseConnection,
    scope: &str,
    key: &str,
    hash: &str,
) -> ApiResult<Claim> {
    let at = now();
    let fresh = idempotency_key::Model {
        scope: scope.to_owned(),
        key: key.to_owned(),
        request_hash: hash.to_owned(),
        response_status: 0,
        response_body: String::new(),
        created_at: at,
        expires_at: at + KEEP,
    };
    // Expired claims are cleared lazily, so a key can be used again after a day.
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::Scope.eq(scope))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::ExpiresAt.lt(at))
        .exec(db)
        .await?;
    let inserted = idempotency_key::Entity::insert(fresh.into_active_model())
        .on_conflict(
            OnConflict::columns([idempotency_key::Column::Scope, idempotency_key::Column::Key])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh);
    }
    let existing = idempotency_key::Entity::find_by_id((scope.to_owned(), key.to_owned()))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::Internal("idempotency key vanished".into()))?;
    if existing.request_hash != hash {
        return Ok(Claim::Mismatch);
    }
    if existing.response_status == 0 {
        if existing.created_at < at - ABANDONED {
            let mut row = existing.into_active_model();
            row.created_at = Set(at);
            row.update(db).await?;
            return Ok(Claim::Fresh);
        }
        return Ok(Claim::InProgress);
    }
    Ok(Claim::Replay {
        status: u16::try_from(existing.response_status).unwrap_or(200),
        body: existing.response_body,
    })
}

pub async fn complete(
    db: &DatabaseConnection,
    scope: &str,
    key: &str,
    status: u16,
    body: String,
) -> ApiResult<()> {
    idempotency_key::Entity::update_many()
        .col_expr(
            idempotency_key::Column::ResponseStatus,
            sea_orm::sea_query::Expr::val(i32::from(status)),
        )
        .col_expr(
            idempotency_key::Column::ResponseBody,
            sea_orm::sea_query::Expr::val(body),
        )
        .filter(idempotency_key::Column::Scope.eq(scope))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives a key back after a failure on our side, so the client's retry runs again.
pub async fn release(db: &DatabaseConnection, scope: &str, key: &str) -> ApiResult<()> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::Scope.eq(scope))
        .filter(idempotency_key::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
