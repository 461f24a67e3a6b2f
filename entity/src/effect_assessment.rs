//! A project's expected and observed score on one effect.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "effect_assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    pub effect_id: Uuid,
    pub expected_score: i16,
    pub observed_score: Option<i16>,
    pub evidence: Option<String>,
    pub assessed_by_organisation_id: Option<Uuid>,
    pub assessed_on: Date,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
