//! How much of one caller's budget the instances have leased in the current window.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_limit_lease")]
pub struct Model {
    /// Whose budget: the organisation and token subject, or an anonymous client address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub caller: String,
    /// When the current window started, by the database's clock (so every instance agrees).
    pub window_start: DateTimeUtc,
    /// Leased by all instances together in that window; never above the caller's budget.
    pub leased: i64,
    /// What the last lease granted (read back by the instance that asked for it).
    pub last_grant: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
