//! A midterm, final or follow-up evaluation of a project.

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub project_id: Uuid,
    pub kind: EvaluationKind,
    pub evaluated_on: Date,
    pub results: String,
    pub participants_count: Option<i32>,
    pub activities_count: Option<i32>,
    pub lessons_learned: String,
    pub is_public: bool,
    pub author_organisation_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
