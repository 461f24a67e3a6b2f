//! A link between two projects: coherence made visible.

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_link")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub from_project_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub to_project_id: Uuid,
    pub kind: LinkKind,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
