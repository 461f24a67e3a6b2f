//! The rules of the domain, one module per aggregate, callable without GraphQL (the CLI and the
//! sync path use the same services).

pub mod access;
pub mod api_clients;
pub mod audit;
pub mod contacts;
pub mod export;
pub mod feed;
pub mod history;
pub mod housekeeping;
pub mod idempotency;
pub mod log_head;
pub mod organisation_directory;
pub mod organisations;
pub mod overview;
pub mod page;
pub mod places;
pub mod projects;
pub mod rate_limit;
pub mod reference;
pub mod report;
pub mod signals;
pub mod sync;
pub mod validate;
pub mod webhooks;
pub mod write;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, Select};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use page::{KeyValue, KeysetOrder, Page, PageArgs};

/// A page of a list, plus the query that counts the whole list (run only when asked).
pub struct Listing<E: EntityTrait> {
    pub page: Page<E::Model>,
    pub count: Select<E>,
}

impl<E: EntityTrait> Listing<E> {
    /// The page of `base` that `page` asks for, in `order` (`key_of` gives a row's cursor
    /// key), with `base` kept to count the whole list.
    pub async fn read<C: ConnectionTrait>(
        db: &C,
        base: Select<E>,
        order: &KeysetOrder<E::Column>,
        page: &PageArgs,
        key_of: impl Fn(&E::Model) -> (KeyValue, Uuid),
    ) -> ApiResult<Self> {
        let rows = order.apply(base.clone(), page)?.all(db).await?;
        Ok(Self {
            page: Page::from_rows(rows, page, order, key_of),
            count: base,
        })
    }
}

/// The current time at the precision both backends store (microseconds), so that a value read
/// back compares equal to the one written and cursors stay exact.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// The one row `select` finds (a row by its id, live or as the caller may read it), or
/// `NOT_FOUND`.
pub async fn found<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    select: Select<E>,
) -> ApiResult<E::Model> {
    select.one(db).await?.ok_or(ApiError::NotFound)
}

/// `%term%` for a case-insensitive LIKE, with the user's `%`, `_` and `\` taken literally.
pub fn like_pattern(term: &str) -> String {
    let mut pattern = String::with_capacity(term.len() + 2);
    pattern.push('%');
    for c in term.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
