//! Who carries a project on after its end (borging).

use entity::{ContinuationStatus, project, project_continuation};
use sea_orm::{EntityTrait, IntoActiveModel, sea_query::OnConflict};
use serde_json::json;
use uuid::Uuid;

use super::access::{begin_part, finish_part};
use crate::{
    error::ApiResult,
    policy::Action,
    service::{
        now,
        organisations::known_organisation,
        validate::{optional_text, text},
        write::WriteContext,
    },
};

#[derive(Debug, Clone)]
pub struct ContinuationInput {
    pub carrier_organisation_id: Option<Uuid>,
    pub funding: String,
    pub status: ContinuationStatus,
    pub note: Option<String>,
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version))]
pub async fn set_continuation(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: ContinuationInput,
) -> ApiResult<project::Model> {
    let funding = text("input.funding", &input.funding, 1, 1000)?;
    let note = optional_text("input.note", input.note.as_deref(), 2000)?;
    let (write, target) = begin_part(cx, project_id, Action::ManageProject).await?;
    if let Some(carrier) = input.carrier_organisation_id {
        known_organisation(&write.txn, "input.carrierOrganisationId", carrier).await?;
    }
    project_continuation::Entity::insert(
        project_continuation::Model {
            project_id,
            carrier_organisation_id: input.carrier_organisation_id,
            funding: funding.clone(),
            status: input.status,
            note,
            updated_at: now(),
        }
        .into_active_model(),
    )
    .on_conflict(
        OnConflict::column(project_continuation::Column::ProjectId)
            .update_columns([
                project_continuation::Column::CarrierOrganisationId,
                project_continuation::Column::Funding,
                project_continuation::Column::Status,
                project_continuation::Column::Note,
                project_continuation::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&write.txn)
    .await?;
    let details =
        json!({ "continuation": { "status": input.status.as_str(), "funding": funding } });
    finish_part(write, &target, expected_version, "setContinuation", details).await
}
