//! The project itself: creating, changing and deleting it. Each function is one transaction:
//! the rows, the project's new version, the audit record and the change-log row.

use chrono::NaiveDate;
use entity::{
    ParticipantRole, Phase, Theme, Visibility, contact_person, meeting_place, project,
    project_meeting_place, project_participant, project_theme, project_wijk,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::access::{ENTITY, authorize, readable_with_readers};
use crate::{
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
    service::{
        now,
        organisations::known_organisation,
        reference,
        validate::{dates_in_order, distinct, optional_text, text},
        write::{self, Change, Write, WriteContext},
    },
};

/// What a project holds of its own, as a registration and a partner's sync job both send it.
/// Fields named as in the GraphQL input, for the error's `field`.
#[derive(Debug, Clone)]
pub struct ProjectFields {
    pub title: String,
    pub summary: String,
    pub wijk_codes: Vec<String>,
    pub themes: Vec<Theme>,
    pub visibility: Visibility,
    pub phase: Option<Phase>,
    pub target_groups: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

/// A new project: its own fields and what it is tied to.
#[derive(Debug, Clone)]
pub struct NewProject {
    pub fields: ProjectFields,
    pub meeting_place_ids: Vec<Uuid>,
    pub contact_person_id: Option<Uuid>,
    pub internal_notes: Option<String>,
    /// The leading organisation; a partner's own organisation always leads what it creates.
    pub lead_organisation_id: Option<Uuid>,
}

/// Changes to a project; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProjectPatch {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub phase: Option<Phase>,
    pub visibility: Option<Visibility>,
    pub wijk_codes: Option<Vec<String>>,
    pub themes: Option<Vec<Theme>>,
    pub target_groups: Option<Vec<String>>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
    pub meeting_place_ids: Option<Vec<Uuid>>,
    pub contact_person_id: Option<Option<Uuid>>,
    pub internal_notes: Option<Option<String>>,
}

/// The phase moves of DOMAIN.md.
pub fn phase_move_allowed(from: Phase, to: Phase) -> bool {
    use Phase::*;
    if from == to {
        return true;
    }
    matches!(
        (from, to),
        (Idea, Intake)
            | (Intake, Reviewed)
            | (Reviewed, Approved)
            | (Approved, Running)
            | (Running, Paused)
            | (Paused, Running)
            | (Running | Paused, Completed)
            | (Completed, Evaluated)
            | (Evaluated, Embedded)
            | (
                Idea | Intake | Reviewed | Approved | Running | Paused,
                Stopped
            )
    )
}

pub(super) fn target_groups(field: &str, groups: &[String]) -> ApiResult<Value> {
    let groups: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| text(&format!("{field}.{i}"), g, 1, 100))
        .collect::<ApiResult<_>>()?;
    let groups = distinct(field, &groups, 0, 20)?;
    Ok(json!(groups))
}

async fn wijk_ids<C: ConnectionTrait>(
    db: &C,
    field: &str,
    codes: &[String],
) -> ApiResult<Vec<Uuid>> {
    reference::wijk_ids_by_code(db, field, codes, 1, 50).await
}

async fn check_places<C: ConnectionTrait>(
    db: &C,
    field: &str,
    ids: &[Uuid],
) -> ApiResult<Vec<Uuid>> {
    let ids = distinct(field, ids, 0, 50)?;
    let found = meeting_place::Entity::find()
        .filter(meeting_place::Column::Id.is_in(ids.clone()))
        .filter(meeting_place::Entity::is_live())
        .all(db)
        .await?;
    if found.len() != ids.len() {
        return Err(ApiError::bad_input(field, "unknown meeting place"));
    }
    Ok(ids)
}

async fn check_contact<C: ConnectionTrait>(db: &C, field: &str, id: Option<Uuid>) -> ApiResult<()> {
    if let Some(id) = id
        && contact_person::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_none()
    {
        return Err(ApiError::bad_input(field, "unknown contact person"));
    }
    Ok(())
}

/// Replaces the project's themes, wijken and meeting places that are given.
async fn replace_parts<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    themes: Option<&[Theme]>,
    wijken: Option<&[Uuid]>,
    places: Option<&[Uuid]>,
) -> ApiResult<()> {
    if let Some(themes) = themes {
        write::replace_links::<project_theme::Entity, _, _>(
            db,
            project_theme::Column::ProjectId.eq(id),
            themes,
            |t| project_theme::Model {
                project_id: id,
                theme: *t,
            },
        )
        .await?;
    }
    if let Some(wijken) = wijken {
        write::replace_links::<project_wijk::Entity, _, _>(
            db,
            project_wijk::Column::ProjectId.eq(id),
            wijken,
            |w| project_wijk::Model {
                project_id: id,
                wijk_id: *w,
                // Filled from the project by a database trigger.
                project_updated_at: None,
            },
        )
        .await?;
    }
    if let Some(places) = places {
        write::replace_links::<project_meeting_place::Entity, _, _>(
            db,
            project_meeting_place::Column::ProjectId.eq(id),
            places,
            |m| project_meeting_place::Model {
                project_id: id,
                meeting_place_id: *m,
            },
        )
        .await?;
    }
    Ok(())
}

#[tracing::instrument(skip_all)]
pub async fn create(cx: &WriteContext<'_>, input: NewProject) -> ApiResult<project::Model> {
    let write = cx.begin().await?;
    let model = create_in(&write, input).await?;
    write.commit().await?;
    Ok(model)
}

/// [`create`] inside an open write (the sync path adds its external id in the same one).
pub async fn create_in(write: &Write<'_>, input: NewProject) -> ApiResult<project::Model> {
    let writer = write.writer;
    let caller = &writer.caller;
    writer.authorize(Action::CreateProject, Target::None)?;
    let fields = &input.fields;
    let title = text("input.title", &fields.title, 1, 200)?;
    let summary = text("input.summary", &fields.summary, 0, 5000)?;
    let themes = distinct("input.themes", &fields.themes, 1, 10)?;
    let groups = target_groups("input.targetGroups", &fields.target_groups)?;
    dates_in_order("input.endsOn", fields.starts_on, fields.ends_on)?;
    let phase = fields.phase.unwrap_or(Phase::Idea);
    if !matches!(phase, Phase::Idea | Phase::Intake) {
        return Err(ApiError::bad_input(
            "input.phase",
            "a new project starts as IDEA or INTAKE",
        ));
    }
    let notes = optional_text("input.internalNotes", input.internal_notes.as_deref(), 5000)?;
    if notes.is_some()
        && !policy::decide(Some(caller), Action::ReadInternalNotes, Target::None).allowed
    {
        return Err(ApiError::bad_input(
            "input.internalNotes",
            "internal notes are for the city only",
        ));
    }
    let lead = match input.lead_organisation_id {
        Some(id) if caller.is_city() => id,
        Some(id) if id != caller.organisation_id => {
            return Err(ApiError::bad_input(
                "input.leadOrganisationId",
                "a partner's own organisation leads the projects it creates",
            ));
        }
        _ => caller.organisation_id,
    };

    let txn = &write.txn;
    known_organisation(txn, "input.leadOrganisationId", lead).await?;
    let wijken = wijk_ids(txn, "input.wijkCodes", &fields.wijk_codes).await?;
    let places = check_places(txn, "input.meetingPlaceIds", &input.meeting_place_ids).await?;
    check_contact(txn, "input.contactPersonId", input.contact_person_id).await?;

    let at = now();
    let id = Uuid::now_v7();
    let model = project::Model {
        id,
        title,
        summary,
        phase,
        visibility: fields.visibility,
        starts_on: fields.starts_on,
        ends_on: fields.ends_on,
        contact_person_id: input.contact_person_id,
        internal_notes: notes,
        target_groups: groups,
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    };
    let model = model.into_active_model().insert(txn).await?;
    replace_parts(txn, id, Some(&themes), Some(&wijken), Some(&places)).await?;
    project_participant::Model {
        project_id: id,
        organisation_id: lead,
        role: ParticipantRole::Lead,
        contribution: None,
        created_at: at,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    write
        .record(Change::created(
            "createProject",
            ENTITY,
            id,
            json!({ "after": snapshot(&model) }),
        ))
        .await?;
    Ok(model)
}

/// The audited fields of a project (internal notes included: the audit log is for the city).
fn snapshot(p: &project::Model) -> Value {
    json!({
        "title": p.title,
        "summary": p.summary,
        "phase": p.phase.as_str(),
        "visibility": p.visibility.as_str(),
        "startsOn": p.starts_on,
        "endsOn": p.ends_on,
        "contactPersonId": p.contact_person_id,
        "internalNotes": p.internal_notes,
        "targetGroups": p.target_groups,
    })
}

/// Only the fields that differ, as `{ before: {…}, after: {…} }`.
fn diff(before: &Value, after: &Value) -> Value {
    let (mut old, mut new) = (serde_json::Map::new(), serde_json::Map::new());
    if let (Some(b), Some(a)) = (before.as_object(), after.as_object()) {
        for (key, value) in a {
            if b.get(key) != Some(value) {
                old.insert(key.clone(), b.get(key).cloned().unwrap_or(Value::Null));
                new.insert(key.clone(), value.clone());
            }
        }
    }
    json!({ "before": old, "after": new })
}

#[tracing::instrument(skip_all, fields(project = %id, expected_version))]
pub async fn update(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    patch: ProjectPatch,
) -> ApiResult<project::Model> {
    if let Some(updated) =
        super::one_statement::try_update(cx, id, expected_version, &patch).await?
    {
        return Ok(updated);
    }
    let write = cx.begin().await?;
    let after = update_in(&write, id, expected_version, patch).await?;
    write.commit().await?;
    Ok(after)
}

/// [`update`] inside an open write.
pub async fn update_in(
    write: &Write<'_>,
    id: Uuid,
    expected_version: i32,
    patch: ProjectPatch,
) -> ApiResult<project::Model> {
    let writer = write.writer;
    let txn = &write.txn;
    let (before, participation, readers_before) = readable_with_readers(txn, writer, id).await?;
    authorize(writer, Action::UpdateProject, &before, participation)?;

    let mut row = before.clone().into_active_model();
    if let Some(title) = &patch.title {
        row.title = Set(text("input.title", title, 1, 200)?);
    }
    if let Some(summary) = &patch.summary {
        row.summary = Set(text("input.summary", summary, 0, 5000)?);
    }
    if let Some(phase) = patch.phase {
        if !phase_move_allowed(before.phase, phase) {
            return Err(ApiError::bad_input(
                "input.phase",
                format!(
                    "a project cannot move from {} to {}",
                    before.phase.as_str(),
                    phase.as_str()
                ),
            ));
        }
        if phase != before.phase
            && matches!(phase, Phase::Reviewed | Phase::Approved)
            && !writer.caller.is_city()
        {
            return Err(ApiError::bad_input(
                "input.phase",
                "only the city moves a project to REVIEWED or APPROVED",
            ));
        }
        row.phase = Set(phase);
    }
    if let Some(visibility) = patch.visibility {
        row.visibility = Set(visibility);
    }
    if let Some(groups) = &patch.target_groups {
        row.target_groups = Set(target_groups("input.targetGroups", groups)?);
    }
    let starts_on = patch.starts_on.unwrap_or(before.starts_on);
    let ends_on = patch.ends_on.unwrap_or(before.ends_on);
    dates_in_order("input.endsOn", starts_on, ends_on)?;
    row.starts_on = Set(starts_on);
    row.ends_on = Set(ends_on);
    if let Some(contact) = patch.contact_person_id {
        check_contact(txn, "input.contactPersonId", contact).await?;
        row.contact_person_id = Set(contact);
    }
    if let Some(notes) = &patch.internal_notes {
        if !writer.caller.is_city() {
            return Err(ApiError::bad_input(
                "input.internalNotes",
                "internal notes are for the city only",
            ));
        }
        row.internal_notes = Set(optional_text(
            "input.internalNotes",
            notes.as_deref(),
            5000,
        )?);
    }
    let themes = patch
        .themes
        .as_ref()
        .map(|t| distinct("input.themes", t, 1, 10))
        .transpose()?;
    let wijken = match &patch.wijk_codes {
        Some(codes) => Some(wijk_ids(txn, "input.wijkCodes", codes).await?),
        None => None,
    };
    let places = match &patch.meeting_place_ids {
        Some(ids) => Some(check_places(txn, "input.meetingPlaceIds", ids).await?),
        None => None,
    };

    let after = write::save::<project::Entity, _>(txn, id, expected_version, row).await?;
    let mut details = diff(&snapshot(&before), &snapshot(&after));
    replace_parts(
        txn,
        id,
        themes.as_deref(),
        wijken.as_deref(),
        places.as_deref(),
    )
    .await?;
    if let Some(themes) = &themes {
        details["after"]["themes"] = json!(themes.iter().map(|t| t.as_str()).collect::<Vec<_>>());
    }
    if wijken.is_some() {
        details["after"]["wijkCodes"] = json!(patch.wijk_codes);
    }
    if let Some(places) = &places {
        details["after"]["meetingPlaceIds"] = json!(places);
    }
    write
        .record(
            Change::updated("updateProject", ENTITY, id, after.version, details)
                .readers_before(readers_before),
        )
        .await?;
    Ok(after)
}

#[tracing::instrument(skip_all, fields(project = %id, expected_version))]
pub async fn delete(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<project::Model> {
    let write = cx.begin().await?;
    let txn = &write.txn;
    let (before, participation, readers_before) =
        readable_with_readers(txn, &cx.writer, id).await?;
    authorize(&cx.writer, Action::ManageProject, &before, participation)?;
    let deleted = write::save::<project::Entity, _>(
        txn,
        id,
        expected_version,
        project::ActiveModel {
            deleted_at: Set(Some(now())),
            ..Default::default()
        },
    )
    .await?;
    write
        .finish(
            Change::deleted("deleteProject", ENTITY, id, deleted.version)
                .readers_before(readers_before),
        )
        .await?;
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_move_as_the_domain_says() {
        use Phase::*;
        assert!(phase_move_allowed(Idea, Intake));
        assert!(phase_move_allowed(Running, Paused));
        assert!(phase_move_allowed(Paused, Running));
        assert!(phase_move_allowed(Evaluated, Embedded));
        assert!(phase_move_allowed(Approved, Stopped));
        assert!(!phase_move_allowed(Idea, Running));
        assert!(!phase_move_allowed(Completed, Stopped));
        assert!(!phase_move_allowed(Embedded, Idea));
        assert!(!phase_move_allowed(Stopped, Running));
    }
}
