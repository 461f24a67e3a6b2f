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
pub mod notify;
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
use sea_orm::{EntityTrait, Select};

use page::Page;

/// A page of a list, plus the query that counts the whole list (run only when asked).
pub struct Listing<E: EntityTrait> {
    pub page: Page<E::Model>,
    pub count: Select<E>,
}

/// The current time at the precision both backends store (microseconds), so that a value read
/// back compares equal to the one written and cursors stay exact.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
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
