//! Something noticed in a wijk that policy should hear (signaal).

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signal")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub wijk_id: Uuid,
    pub theme: Theme,
    pub title: String,
    pub description: String,
    pub reporting_organisation_id: Uuid,
    pub urgency: Urgency,
    pub status: SignalStatus,
    pub follow_up_note: Option<String>,
    pub internal_notes: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::live::soft_deleted!();
