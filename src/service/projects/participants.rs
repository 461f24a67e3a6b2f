//! The organisations taking part in a project: one LEAD, and contributors.

use entity::{ParticipantRole, project, project_participant};
use sea_orm::{
    ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::{Expr, OnConflict},
};
use serde_json::json;
use uuid::Uuid;

use super::access::{begin_part, finish_part};
use crate::{
    error::{ApiError, ApiResult},
    policy::Action,
    service::{
        now, organisations::known_organisation, validate::optional_text, write::WriteContext,
    },
};

/// An organisation's part in a project.
#[derive(Debug, Clone)]
pub struct ParticipantInput {
    pub organisation_id: Uuid,
    pub role: ParticipantRole,
    pub contribution: Option<String>,
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version, organisation = %input.organisation_id, role = input.role.as_str()))]
pub async fn set_participant(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: ParticipantInput,
) -> ApiResult<project::Model> {
    let ParticipantInput {
        organisation_id,
        role,
        contribution,
    } = input;
    let contribution = optional_text("input.contribution", contribution.as_deref(), 1000)?;
    let (write, target) = begin_part(cx, project_id, Action::ManageProject).await?;
    let txn = &write.txn;
    known_organisation(txn, "input.organisationId", organisation_id).await?;
    let existing = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.eq(project_id))
        .all(txn)
        .await?;
    let current_lead = existing.iter().find(|p| p.role == ParticipantRole::Lead);
    if let Some(lead) = current_lead {
        if lead.organisation_id == organisation_id && role != ParticipantRole::Lead {
            return Err(ApiError::bad_input(
                "input.role",
                "a project has exactly one LEAD: make another organisation LEAD first",
            ));
        }
        if role == ParticipantRole::Lead && lead.organisation_id != organisation_id {
            // Handing over the lead: the former lead stays on as a contributor.
            project_participant::Entity::update_many()
                .col_expr(
                    project_participant::Column::Role,
                    Expr::val(ParticipantRole::Contributor.as_str()),
                )
                .filter(project_participant::Column::ProjectId.eq(project_id))
                .filter(project_participant::Column::OrganisationId.eq(lead.organisation_id))
                .exec(txn)
                .await?;
        }
    }
    project_participant::Entity::insert(
        project_participant::Model {
            project_id,
            organisation_id,
            role,
            contribution: contribution.clone(),
            created_at: now(),
        }
        .into_active_model(),
    )
    .on_conflict(
        OnConflict::columns([
            project_participant::Column::ProjectId,
            project_participant::Column::OrganisationId,
        ])
        .update_columns([
            project_participant::Column::Role,
            project_participant::Column::Contribution,
        ])
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    let details = json!({ "participant": { "organisationId": organisation_id, "role": role.as_str(), "contribution": contribution } });
    finish_part(
        write,
        &target,
        expected_version,
        "setProjectParticipant",
        details,
    )
    .await
}

#[tracing::instrument(skip_all, fields(project = %project_id, expected_version, organisation = %organisation_id))]
pub async fn remove_participant(
    cx: &WriteContext<'_>,
    project_id: Uuid,
    expected_version: Option<i32>,
    organisation_id: Uuid,
) -> ApiResult<project::Model> {
    let (write, target) = begin_part(cx, project_id, Action::ManageProject).await?;
    let existing = project_participant::Entity::find_by_id((project_id, organisation_id))
        .one(&write.txn)
        .await?
        .ok_or_else(|| {
            ApiError::bad_input("organisationId", "the organisation does not take part")
        })?;
    if existing.role == ParticipantRole::Lead {
        return Err(ApiError::bad_input(
            "organisationId",
            "the LEAD cannot be removed: make another organisation LEAD first",
        ));
    }
    project_participant::Entity::delete_by_id((project_id, organisation_id))
        .exec(&write.txn)
        .await?;
    let details = json!({ "removedParticipant": { "organisationId": organisation_id, "role": existing.role.as_str() } });
    finish_part(
        write,
        &target,
        expected_version,
        "removeProjectParticipant",
        details,
    )
    .await
}
