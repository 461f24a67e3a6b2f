//! Links between projects: coherence made visible.

use entity::{LinkKind, project, project_link};
use sea_orm::{EntityTrait, IntoActiveModel, sea_query::OnConflict};
use serde_json::json;
use uuid::Uuid;

use super::access::{begin_part, finish_part, readable};
use crate::{
    error::{ApiError, ApiResult},
    policy::Action,
    service::{now, write::WriteContext},
};

#[tracing::instrument(skip_all, fields(from = %from, to = %to, kind = kind.as_str(), expected_version))]
pub async fn link_projects(
    cx: &WriteContext<'_>,
    from: Uuid,
    to: Uuid,
    kind: LinkKind,
    expected_version: Option<i32>,
) -> ApiResult<project::Model> {
    if from == to {
        return Err(ApiError::bad_input(
            "toProjectId",
            "a project cannot link to itself",
        ));
    }
    let (write, target) = begin_part(cx, from, Action::ManageProject).await?;
    readable(&write.txn, &cx.writer, to)
        .await
        .map_err(|_| ApiError::bad_input("toProjectId", "unknown project"))?;
    project_link::Entity::insert(
        project_link::Model {
            from_project_id: from,
            to_project_id: to,
            kind,
            created_at: now(),
        }
        .into_active_model(),
    )
    .on_conflict(
        OnConflict::columns([
            project_link::Column::FromProjectId,
            project_link::Column::ToProjectId,
        ])
        .update_column(project_link::Column::Kind)
        .to_owned(),
    )
    .exec_without_returning(&write.txn)
    .await?;
    let details = json!({ "link": { "to": to, "kind": kind.as_str() } });
    finish_part(write, &target, expected_version, "linkProjects", details).await
}

#[tracing::instrument(skip_all, fields(from = %from, to = %to, expected_version))]
pub async fn unlink_projects(
    cx: &WriteContext<'_>,
    from: Uuid,
    to: Uuid,
    expected_version: Option<i32>,
) -> ApiResult<project::Model> {
    let (write, target) = begin_part(cx, from, Action::ManageProject).await?;
    let removed = project_link::Entity::delete_by_id((from, to))
        .exec(&write.txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ApiError::bad_input(
            "toProjectId",
            "the projects are not linked",
        ));
    }
    finish_part(
        write,
        &target,
        expected_version,
        "unlinkProjects",
        json!({ "unlinked": to }),
    )
    .await
}
