//! Evaluations of a project: what came out of it, and what we learn.

use chrono::NaiveDate;
use entity::{EvaluationKind, evaluation, project};
use sea_orm::{ActiveModelTrait, IntoActiveModel};
use serde_json::json;
use uuid::Uuid;

use super::access::{begin_part, finish_part};
use crate::{
    error::{ApiError, ApiResult},
    policy::Action,
    service::{
        now,
        validate::{self, text},
        write::WriteContext,
    },
};

#[derive(Debug, Clone)]
pub struct EvaluationInput {
    pub kind: EvaluationKind,
    pub evaluated_on: NaiveDate,
    pub results: String,
    pub participants_count: Option<i32>,
    pub activities_count: Option<i32>,
    pub lessons_learned: String,
    pub is_public: bool,
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version, kind = input.kind.as_str()))]
pub async fn add_evaluation(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: EvaluationInput,
) -> ApiResult<(project::Model, evaluation::Model)> {
    let results = text("input.results", &input.results, 1, 10_000)?;
    let lessons = text("input.lessonsLearned", &input.lessons_learned, 0, 10_000)?;
    let participants = validate::count("input.participantsCount", input.participants_count)?;
    let activities = validate::count("input.activitiesCount", input.activities_count)?;
    let (write, target) = begin_part(cx, project_id, Action::AddEvaluation).await?;
    if target
        .project
        .starts_on
        .is_some_and(|start| input.evaluated_on < start)
    {
        return Err(ApiError::bad_input(
            "input.evaluatedOn",
            "an evaluation cannot precede the project's start",
        ));
    }
    let row = evaluation::Model {
        id: Uuid::now_v7(),
        project_id,
        kind: input.kind,
        evaluated_on: input.evaluated_on,
        results,
        participants_count: participants,
        activities_count: activities,
        lessons_learned: lessons,
        is_public: input.is_public,
        author_organisation_id: Some(cx.writer.caller.organisation_id),
        created_at: now(),
    }
    .into_active_model()
    .insert(&write.txn)
    .await?;
    let details = json!({ "evaluation": { "id": row.id, "kind": row.kind.as_str(), "isPublic": row.is_public } });
    let project = finish_part(write, &target, expected_version, "addEvaluation", details).await?;
    Ok((project, row))
}
