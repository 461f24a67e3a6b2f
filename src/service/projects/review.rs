//! How a project is judged: the programme office's review and its scores on the effects.

use entity::{ReviewDecision, effect, effect_assessment, project, project_review};
use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, sea_query::OnConflict};
use serde_json::json;
use uuid::Uuid;

use super::access::{begin_part, finish_part};
use crate::{
    error::{ApiError, ApiResult},
    policy::Action,
    service::{
        now,
        validate::{optional_text, score, text},
        write::WriteContext,
    },
};

#[derive(Debug, Clone)]
pub struct ReviewInput {
    pub coherence: i32,
    pub cooperation: i32,
    pub impact: i32,
    pub continuation: i32,
    pub decision: ReviewDecision,
    pub explanation: String,
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version))]
pub async fn review(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: ReviewInput,
) -> ApiResult<project::Model> {
    let row = project_review::Model {
        project_id,
        coherence: score("input.coherence", input.coherence)?,
        cooperation: score("input.cooperation", input.cooperation)?,
        impact: score("input.impact", input.impact)?,
        continuation: score("input.continuation", input.continuation)?,
        decision: input.decision,
        explanation: text("input.explanation", &input.explanation, 1, 5000)?,
        reviewed_on: now().date_naive(),
        reviewed_by_organisation_id: Some(cx.writer.caller.organisation_id),
        updated_at: now(),
    };
    let (write, target) = begin_part(cx, project_id, Action::ReviewProject).await?;
    project_review::Entity::insert(row.clone().into_active_model())
        .on_conflict(
            OnConflict::column(project_review::Column::ProjectId)
                .update_columns([
                    project_review::Column::Coherence,
                    project_review::Column::Cooperation,
                    project_review::Column::Impact,
                    project_review::Column::Continuation,
                    project_review::Column::Decision,
                    project_review::Column::Explanation,
                    project_review::Column::ReviewedOn,
                    project_review::Column::ReviewedByOrganisationId,
                    project_review::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&write.txn)
        .await?;
    let details = json!({ "review": { "decision": row.decision.as_str(), "coherence": row.coherence, "cooperation": row.cooperation, "impact": row.impact, "continuation": row.continuation } });
    finish_part(write, &target, expected_version, "reviewProject", details).await
}

/// A project's scores on one effect.
#[derive(Debug, Clone)]
pub struct AssessmentInput {
    pub effect_code: String,
    pub expected_score: i32,
    pub observed_score: Option<i32>,
    pub evidence: Option<String>,
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version, effect = %input.effect_code))]
pub async fn assess_effect(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: AssessmentInput,
) -> ApiResult<project::Model> {
    let AssessmentInput {
        effect_code,
        expected_score,
        observed_score,
        evidence,
    } = input;
    let expected_score = score("input.expectedScore", expected_score)?;
    let observed_score = observed_score
        .map(|s| score("input.observedScore", s))
        .transpose()?;
    let evidence = optional_text("input.evidence", evidence.as_deref(), 2000)?;
    let (write, target) = begin_part(cx, project_id, Action::ManageProject).await?;
    let txn = &write.txn;
    let effect = effect::Entity::find()
        .filter(effect::Column::Code.eq(effect_code.as_str()))
        .filter(effect::Column::Active.eq(true))
        .one(txn)
        .await?
        .ok_or_else(|| ApiError::bad_input("input.effectCode", "unknown or inactive effect"))?;
    let at = now();
    effect_assessment::Entity::insert(
        effect_assessment::Model {
            id: Uuid::now_v7(),
            project_id,
            effect_id: effect.id,
            expected_score,
            observed_score,
            evidence: evidence.clone(),
            assessed_by_organisation_id: Some(cx.writer.caller.organisation_id),
            assessed_on: at.date_naive(),
            updated_at: at,
        }
        .into_active_model(),
    )
    .on_conflict(
        OnConflict::columns([
            effect_assessment::Column::ProjectId,
            effect_assessment::Column::EffectId,
        ])
        .update_columns([
            effect_assessment::Column::ExpectedScore,
            effect_assessment::Column::ObservedScore,
            effect_assessment::Column::Evidence,
            effect_assessment::Column::AssessedByOrganisationId,
            effect_assessment::Column::AssessedOn,
            effect_assessment::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    let details = json!({ "assessment": { "effect": effect.code, "expectedScore": expected_score, "observedScore": observed_score } });
    finish_part(write, &target, expected_version, "assessEffect", details).await
}
