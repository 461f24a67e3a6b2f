//! Who may change a project, and who reads it: every write on a project or its parts starts
//! from a live project the caller may read, and the change feed keeps who read it before.

use entity::{ParticipantRole, Visibility, project, project_participant};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
    service::{
        found,
        write::{self, Change, Write, WriteContext, Writer},
    },
};

pub(super) const ENTITY: &str = "project";

/// Who can read a project now: the feed keeps this with each change, so mirrors that lose
/// access are told to drop the project.
fn readers_of(project: &project::Model, participants: &[project_participant::Model]) -> Value {
    let ids: Vec<Uuid> = participants.iter().map(|p| p.organisation_id).collect();
    json!({
        "shared": project.visibility == Visibility::Shared && project.deleted_at.is_none(),
        "participants": ids,
    })
}

/// A live project the caller may read, with who reads it now (for the change feed), read
/// together: an update needs both, and one statement serves both.
pub(super) async fn readable_with_readers<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
) -> ApiResult<(project::Model, Option<ParticipantRole>, Value)> {
    let project = live(db, id).await?;
    let participants = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.eq(id))
        .all(db)
        .await?;
    let participation = participants
        .iter()
        .find(|p| p.organisation_id == writer.caller.organisation_id)
        .map(|p| p.role);
    may_read(writer, &project, participation)?;
    let readers = readers_of(&project, &participants);
    Ok((project, participation, readers))
}

/// A live project the caller may read, with the caller organisation's role in it; anything
/// else does not exist for the caller.
pub(super) async fn readable<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
) -> ApiResult<(project::Model, Option<ParticipantRole>)> {
    let project = live(db, id).await?;
    let participation =
        project_participant::Entity::find_by_id((id, writer.caller.organisation_id))
            .one(db)
            .await?
            .map(|p| p.role);
    may_read(writer, &project, participation)?;
    Ok((project, participation))
}

async fn live<C: ConnectionTrait>(db: &C, id: Uuid) -> ApiResult<project::Model> {
    found(db, project::Entity::live_by_id(id)).await
}

/// What the caller may not read does not exist for it: `NOT_FOUND`, never `FORBIDDEN`.
fn may_read(
    writer: &Writer,
    project: &project::Model,
    participation: Option<ParticipantRole>,
) -> ApiResult<()> {
    if policy::decide(
        Some(&writer.caller),
        Action::ReadProject,
        target(project, participation),
    )
    .allowed
    {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The policy's view of a project, for the caller organisation's `participation`.
fn target(project: &project::Model, participation: Option<ParticipantRole>) -> Target {
    Target::Project {
        visibility: project.visibility,
        participation,
    }
}

/// `FORBIDDEN` unless the writer may do `action` to the project.
pub(super) fn authorize(
    writer: &Writer,
    action: Action,
    project: &project::Model,
    participation: Option<ParticipantRole>,
) -> ApiResult<()> {
    writer.authorize(action, target(project, participation))
}

/// Opens a write on a project's parts: the project must be readable, the action allowed, and
/// the version (when the caller names one) current.
pub(super) async fn begin_part<'a>(
    cx: &'a WriteContext<'_>,
    project_id: Uuid,
    action: Action,
) -> ApiResult<(Write<'a>, PartTarget)> {
    let write = cx.begin().await?;
    let (project, participation, readers_before) =
        readable_with_readers(&write.txn, &cx.writer, project_id).await?;
    authorize(&cx.writer, action, &project, participation)?;
    Ok((
        write,
        PartTarget {
            project,
            readers_before,
        },
    ))
}

/// A project whose parts are being changed, with who could read it before.
pub(super) struct PartTarget {
    pub(super) project: project::Model,
    readers_before: Value,
}

/// Bumps the project's version for a change to one of its parts and records it.
pub(super) async fn finish_part(
    write: Write<'_>,
    target: &PartTarget,
    expected_version: Option<i32>,
    action: &str,
    details: Value,
) -> ApiResult<project::Model> {
    let project = &target.project;
    let bumped = write::bump::<project::Entity, _>(
        &write.txn,
        project.id,
        expected_version.unwrap_or(project.version),
    )
    .await?;
    write
        .finish(
            Change::updated(action, ENTITY, project.id, bumped.version, details)
                .readers_before(target.readers_before.clone()),
        )
        .await?;
    Ok(bumped)
}
