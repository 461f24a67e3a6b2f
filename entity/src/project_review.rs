//! The programme office's test of a project.

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_review")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: Uuid,
    pub coherence: i16,
    pub cooperation: i16,
    pub impact: i16,
    pub continuation: i16,
    pub decision: ReviewDecision,
    pub explanation: String,
    pub reviewed_on: Date,
    pub reviewed_by_organisation_id: Option<Uuid>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
