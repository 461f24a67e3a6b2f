//! A project of the neighbourhood approach: the heart of the register.

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "project")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub phase: Phase,
    pub visibility: Visibility,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub contact_person_id: Option<Uuid>,
    pub internal_notes: Option<String>,
    pub target_groups: Json,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::live::soft_deleted!();
