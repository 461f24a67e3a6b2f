//! A professional contact (work details only; hard-deleted when removed).

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact_person")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub function: ContactFunction,
    pub email: String,
    pub phone: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Contact persons are personal data: deleted for real, so every row is live.
impl crate::Versioned for Entity {
    const ID: Column = Column::Id;
    const VERSION: Column = Column::Version;
    const UPDATED_AT: Column = Column::UpdatedAt;

    fn live_condition() -> Option<sea_orm::sea_query::Expr> {
        None
    }

    fn version(row: &Model) -> i32 {
        row.version
    }

    fn is_deleted(_: &Model) -> bool {
        false
    }
}
