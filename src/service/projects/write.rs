//! Changing projects: the project itself and everything it holds. Each function is one
//! transaction: the rows, the project's new version, the audit record and the change-log row.

use chrono::NaiveDate;
use entity::{
    BudgetStatus, ChangeOperation, ContinuationStatus, EvaluationKind, FundingSource, LinkKind,
    ParticipantRole, Phase, ReviewDecision, Theme, Visibility, budget_line, contact_person, effect,
    effect_assessment, evaluation, meeting_place, organisation, project, project_continuation,
    project_link, project_meeting_place, project_participant, project_review, project_theme,
    project_wijk,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::{Expr, OnConflict},
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::service::{
    now,
    validate::{self, dates_in_order, distinct, optional_text, score, text},
    write::{self, Write, WriteGate, Writer, bump_version},
};
use crate::{
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

const ENTITY: &str = "project";

/// A new project. Fields named as in the GraphQL input, for the error's `field`.
#[derive(Debug, Clone)]
pub struct NewProject {
    pub title: String,
    pub summary: String,
    pub wijk_codes: Vec<String>,
    pub themes: Vec<Theme>,
    pub visibility: Visibility,
    pub phase: Option<Phase>,
    pub target_groups: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
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

fn target_groups(field: &str, groups: &[String]) -> ApiResult<Value> {
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
    crate::service::reference::wijk_ids_by_code(db, field, codes, 1, 50).await
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

async fn check_organisation<C: ConnectionTrait>(
    db: &C,
    field: &str,
    id: Uuid,
) -> ApiResult<organisation::Model> {
    organisation::Entity::find_by_id(id)
        .filter(organisation::Entity::is_live())
        .one(db)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, "unknown organisation"))
}

async fn replace_themes<C: ConnectionTrait>(db: &C, id: Uuid, themes: &[Theme]) -> ApiResult<()> {
    project_theme::Entity::delete_many()
        .filter(project_theme::Column::ProjectId.eq(id))
        .exec(db)
        .await?;
    crate::seed::insert_all(
        db,
        themes
            .iter()
            .map(|t| {
                project_theme::Model {
                    project_id: id,
                    theme: *t,
                }
                .into_active_model()
            })
            .collect(),
    )
    .await?;
    Ok(())
}

async fn replace_wijken<C: ConnectionTrait>(db: &C, id: Uuid, wijken: &[Uuid]) -> ApiResult<()> {
    project_wijk::Entity::delete_many()
        .filter(project_wijk::Column::ProjectId.eq(id))
        .exec(db)
        .await?;
    crate::seed::insert_all(
        db,
        wijken
            .iter()
            .map(|w| {
                project_wijk::Model {
                    project_id: id,
                    wijk_id: *w,
                    // Filled from the project by a database trigger.
                    project_updated_at: None,
                }
                .into_active_model()
            })
            .collect(),
    )
    .await?;
    Ok(())
}

async fn replace_places<C: ConnectionTrait>(db: &C, id: Uuid, places: &[Uuid]) -> ApiResult<()> {
    project_meeting_place::Entity::delete_many()
        .filter(project_meeting_place::Column::ProjectId.eq(id))
        .exec(db)
        .await?;
    crate::seed::insert_all(
        db,
        places
            .iter()
            .map(|m| {
                project_meeting_place::Model {
                    project_id: id,
                    meeting_place_id: *m,
                }
                .into_active_model()
            })
            .collect(),
    )
    .await?;
    Ok(())
}

pub async fn create(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    input: NewProject,
) -> ApiResult<project::Model> {
    let write = write::begin(db, gate, writer).await?;
    let model = create_in(&write, input).await?;
    write.commit().await?;
    Ok(model)
}

/// [`create`] inside an open write (the sync path adds its external id in the same one).
pub async fn create_in(write: &Write<'_>, input: NewProject) -> ApiResult<project::Model> {
    let writer = write.writer;
    let caller = &writer.caller;
    if !policy::decide(Some(caller), Action::CreateProject, Target::None).allowed {
        return Err(ApiError::Forbidden);
    }
    let title = text("input.title", &input.title, 1, 200)?;
    let summary = text("input.summary", &input.summary, 0, 5000)?;
    let themes = distinct("input.themes", &input.themes, 1, 10)?;
    let groups = target_groups("input.targetGroups", &input.target_groups)?;
    dates_in_order("input.endsOn", input.starts_on, input.ends_on)?;
    let phase = input.phase.unwrap_or(Phase::Idea);
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
    check_organisation(txn, "input.leadOrganisationId", lead).await?;
    let wijken = wijk_ids(txn, "input.wijkCodes", &input.wijk_codes).await?;
    let places = check_places(txn, "input.meetingPlaceIds", &input.meeting_place_ids).await?;
    check_contact(txn, "input.contactPersonId", input.contact_person_id).await?;

    let at = now();
    let id = Uuid::now_v7();
    let model = project::Model {
        id,
        title,
        summary,
        phase,
        visibility: input.visibility,
        starts_on: input.starts_on,
        ends_on: input.ends_on,
        contact_person_id: input.contact_person_id,
        internal_notes: notes,
        target_groups: groups,
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    };
    let model = model.into_active_model().insert(txn).await?;
    replace_themes(txn, id, &themes).await?;
    replace_wijken(txn, id, &wijken).await?;
    replace_places(txn, id, &places).await?;
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
        .record(
            "createProject",
            ENTITY,
            id,
            ChangeOperation::Created,
            1,
            json!({ "after": snapshot(&model) }),
        )
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

/// Who can read a project now: the feed keeps this with each change, so mirrors that lose
/// access are told to drop the project.
pub async fn readers<C: ConnectionTrait>(db: &C, project: &project::Model) -> ApiResult<Value> {
    let participants = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.eq(project.id))
        .all(db)
        .await?;
    Ok(readers_of(project, &participants))
}

/// [`readers`] from participants already read.
fn readers_of(project: &project::Model, participants: &[project_participant::Model]) -> Value {
    let ids: Vec<Uuid> = participants.iter().map(|p| p.organisation_id).collect();
    json!({
        "shared": project.visibility == Visibility::Shared && project.deleted_at.is_none(),
        "participants": ids,
    })
}

/// A live project the caller may read, with who reads it now (for the change feed), read
/// together: an update needs both, and one statement serves both.
async fn readable_with_readers<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
) -> ApiResult<(project::Model, Option<ParticipantRole>, Value)> {
    let project = project::Entity::find_by_id(id)
        .filter(project::Entity::is_live())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let participants = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.eq(id))
        .all(db)
        .await?;
    let participation = participants
        .iter()
        .find(|p| p.organisation_id == writer.caller.organisation_id)
        .map(|p| p.role);
    let target = Target::Project {
        visibility: project.visibility,
        participation,
    };
    if !policy::decide(Some(&writer.caller), Action::ReadProject, target).allowed {
        return Err(ApiError::NotFound);
    }
    let readers = readers_of(&project, &participants);
    Ok((project, participation, readers))
}

/// A live project the caller may read, with the caller organisation's role in it; anything
/// else does not exist for the caller.
async fn readable<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
) -> ApiResult<(project::Model, Option<ParticipantRole>)> {
    let project = project::Entity::find_by_id(id)
        .filter(project::Entity::is_live())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let participation =
        project_participant::Entity::find_by_id((id, writer.caller.organisation_id))
            .one(db)
            .await?
            .map(|p| p.role);
    let target = Target::Project {
        visibility: project.visibility,
        participation,
    };
    if !policy::decide(Some(&writer.caller), Action::ReadProject, target).allowed {
        return Err(ApiError::NotFound);
    }
    Ok((project, participation))
}

fn authorize(
    writer: &Writer,
    action: Action,
    project: &project::Model,
    participation: Option<ParticipantRole>,
) -> ApiResult<()> {
    let target = Target::Project {
        visibility: project.visibility,
        participation,
    };
    if policy::decide(Some(&writer.caller), action, target).allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Compare and increment in one statement: the version moves on only from the version the
/// caller saw (or, without one, the version read in this transaction).
/// Writes a project's changed columns, bumps its version and `updatedAt`, and returns the row,
/// in one statement that only succeeds at the expected version.
async fn save<C: ConnectionTrait>(
    db: &C,
    row: project::ActiveModel,
    before: &project::Model,
    expected: i32,
) -> ApiResult<project::Model> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    let updated = project::Entity::update_many()
        .set(row)
        .col_expr(
            project::Column::Version,
            Expr::col(project::Column::Version).add(1),
        )
        .col_expr(project::Column::UpdatedAt, Expr::val(crate::service::now()))
        .filter(project::Column::Id.eq(before.id))
        .filter(project::Column::Version.eq(expected))
        .filter(project::Entity::is_live())
        .exec_with_returning(db)
        .await?;
    match updated.into_iter().next() {
        Some(row) => Ok(row),
        None => match project::Entity::find_by_id(before.id).one(db).await? {
            Some(row) if row.deleted_at.is_none() => Err(ApiError::Conflict {
                current_version: row.version,
            }),
            _ => Err(ApiError::NotFound),
        },
    }
}

async fn bump<C: ConnectionTrait>(
    db: &C,
    project: &project::Model,
    expected: i32,
) -> ApiResult<project::Model> {
    bump_version!(entity::project, db, project.id, expected)
}

pub async fn update(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
    patch: ProjectPatch,
) -> ApiResult<project::Model> {
    let write = write::begin(db, gate, writer).await?;
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

    let after = save(txn, row, &before, expected_version).await?;
    let mut details = diff(&snapshot(&before), &snapshot(&after));
    if let Some(themes) = themes {
        replace_themes(txn, id, &themes).await?;
        details["after"]["themes"] = json!(themes.iter().map(|t| t.as_str()).collect::<Vec<_>>());
    }
    if let Some(wijken) = wijken {
        replace_wijken(txn, id, &wijken).await?;
        details["after"]["wijkCodes"] = json!(patch.wijk_codes);
    }
    if let Some(places) = places {
        replace_places(txn, id, &places).await?;
        details["after"]["meetingPlaceIds"] = json!(places);
    }
    write
        .record_with_readers(
            "updateProject",
            ENTITY,
            id,
            ChangeOperation::Updated,
            after.version,
            details,
            Some(readers_before),
        )
        .await?;
    Ok(after)
}

pub async fn delete(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<project::Model> {
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    let (before, participation, readers_before) = readable_with_readers(txn, writer, id).await?;
    authorize(writer, Action::ManageProject, &before, participation)?;
    let bumped = bump(txn, &before, expected_version).await?;
    let mut row = bumped.into_active_model();
    row.deleted_at = Set(Some(now()));
    let deleted = row.update(txn).await?;
    write
        .record_with_readers(
            "deleteProject",
            ENTITY,
            id,
            ChangeOperation::Deleted,
            deleted.version,
            json!({}),
            Some(readers_before),
        )
        .await?;
    write.commit().await?;
    Ok(deleted)
}

/// Opens a write on a project's parts: the project must be readable, the action allowed, and
/// the version (when the caller names one) current.
async fn begin_part<'a>(
    db: &DatabaseConnection,
    gate: &'a WriteGate,
    writer: &'a Writer,
    project_id: Uuid,
    action: Action,
) -> ApiResult<(Write<'a>, PartTarget)> {
    let write = write::begin(db, gate, writer).await?;
    let (project, participation) = readable(&write.txn, writer, project_id).await?;
    authorize(writer, action, &project, participation)?;
    let readers_before = readers(&write.txn, &project).await?;
    Ok((
        write,
        PartTarget {
            project,
            readers_before,
        },
    ))
}

/// A project whose parts are being changed, with who could read it before.
struct PartTarget {
    project: project::Model,
    readers_before: Value,
}

/// Bumps the project's version for a change to one of its parts and records it.
async fn finish_part(
    write: Write<'_>,
    target: &PartTarget,
    expected_version: Option<i32>,
    action: &str,
    details: Value,
) -> ApiResult<project::Model> {
    let project = &target.project;
    let bumped = bump(
        &write.txn,
        project,
        expected_version.unwrap_or(project.version),
    )
    .await?;
    write
        .record_with_readers(
            action,
            ENTITY,
            project.id,
            ChangeOperation::Updated,
            bumped.version,
            details,
            Some(target.readers_before.clone()),
        )
        .await?;
    write.commit().await?;
    Ok(bumped)
}

/// An organisation's part in a project.
#[derive(Debug, Clone)]
pub struct ParticipantInput {
    pub organisation_id: Uuid,
    pub role: ParticipantRole,
    pub contribution: Option<String>,
}

pub async fn set_participant(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
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
    let (write, target) = begin_part(db, gate, writer, project_id, Action::ManageProject).await?;
    let txn = &write.txn;
    check_organisation(txn, "input.organisationId", organisation_id).await?;
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

pub async fn remove_participant(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    project_id: Uuid,
    expected_version: Option<i32>,
    organisation_id: Uuid,
) -> ApiResult<project::Model> {
    let (write, target) = begin_part(db, gate, writer, project_id, Action::ManageProject).await?;
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

#[derive(Debug, Clone)]
pub struct BudgetLineInput {
    pub year: i32,
    pub source: FundingSource,
    pub funder_organisation_id: Option<Uuid>,
    pub scheme: Option<String>,
    pub amount_cents: i64,
    pub status: BudgetStatus,
}

pub async fn set_budget_line(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    project_id: Uuid,
    expected_version: Option<i32>,
    line_id: Option<Uuid>,
    input: BudgetLineInput,
) -> ApiResult<(project::Model, budget_line::Model)> {
    if !(2000..=2100).contains(&input.year) {
        return Err(ApiError::bad_input(
            "input.year",
            "year must be between 2000 and 2100",
        ));
    }
    if input.amount_cents < 0 {
        return Err(ApiError::bad_input(
            "input.amount",
            "amount must not be negative",
        ));
    }
    if input.amount_cents > 1_000_000_000_000 {
        return Err(ApiError::bad_input(
            "input.amount",
            "amount must be at most 10 billion euros",
        ));
    }
    let scheme = optional_text("input.scheme", input.scheme.as_deref(), 200)?;
    let (write, target) = begin_part(db, gate, writer, project_id, Action::ManageProject).await?;
    let txn = &write.txn;
    if let Some(funder) = input.funder_organisation_id {
        check_organisation(txn, "input.funderOrganisationId", funder).await?;
    }
    let at = now();
    let line = match line_id {
        Some(id) => {
            let existing = budget_line::Entity::find_by_id(id)
                .filter(budget_line::Column::ProjectId.eq(project_id))
                .one(txn)
                .await?
                .ok_or_else(|| ApiError::bad_input("id", "no such budget line on this project"))?;
            let mut row = existing.into_active_model();
            row.year = Set(input.year);
            row.source = Set(input.source);
            row.funder_organisation_id = Set(input.funder_organisation_id);
            row.scheme = Set(scheme);
            row.amount_cents = Set(input.amount_cents);
            row.status = Set(input.status);
            row.updated_at = Set(at);
            row.update(txn).await?
        }
        None => {
            budget_line::Model {
                id: Uuid::now_v7(),
                project_id,
                year: input.year,
                source: input.source,
                funder_organisation_id: input.funder_organisation_id,
                scheme,
                amount_cents: input.amount_cents,
                status: input.status,
                created_at: at,
                updated_at: at,
            }
            .into_active_model()
            .insert(txn)
            .await?
        }
    };
    let details = json!({ "budgetLine": { "id": line.id, "year": line.year, "source": line.source.as_str(), "amountCents": line.amount_cents, "status": line.status.as_str() } });
    let project = finish_part(write, &target, expected_version, "setBudgetLine", details).await?;
    Ok((project, line))
}

pub async fn remove_budget_line(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    line_id: Uuid,
    expected_version: Option<i32>,
) -> ApiResult<project::Model> {
    let line = budget_line::Entity::find_by_id(line_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (write, target) =
        begin_part(db, gate, writer, line.project_id, Action::ManageProject).await?;
    let removed = budget_line::Entity::delete_by_id(line_id)
        .exec(&write.txn)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ApiError::NotFound);
    }
    let details =
        json!({ "removedBudgetLine": { "id": line_id, "amountCents": line.amount_cents } });
    finish_part(
        write,
        &target,
        expected_version,
        "removeBudgetLine",
        details,
    )
    .await
}

/// A project's scores on one effect.
#[derive(Debug, Clone)]
pub struct AssessmentInput {
    pub effect_code: String,
    pub expected_score: i32,
    pub observed_score: Option<i32>,
    pub evidence: Option<String>,
}

pub async fn assess_effect(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
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
    let (write, target) = begin_part(db, gate, writer, project_id, Action::ManageProject).await?;
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
            assessed_by_organisation_id: Some(writer.caller.organisation_id),
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

pub async fn link_projects(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
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
    let (write, target) = begin_part(db, gate, writer, from, Action::ManageProject).await?;
    readable(&write.txn, writer, to)
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

pub async fn unlink_projects(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    from: Uuid,
    to: Uuid,
    expected_version: Option<i32>,
) -> ApiResult<project::Model> {
    let (write, target) = begin_part(db, gate, writer, from, Action::ManageProject).await?;
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

#[derive(Debug, Clone)]
pub struct ReviewInput {
    pub coherence: i32,
    pub cooperation: i32,
    pub impact: i32,
    pub continuation: i32,
    pub decision: ReviewDecision,
    pub explanation: String,
}

pub async fn review(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
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
        reviewed_by_organisation_id: Some(writer.caller.organisation_id),
        updated_at: now(),
    };
    let (write, target) = begin_part(db, gate, writer, project_id, Action::ReviewProject).await?;
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

#[derive(Debug, Clone)]
pub struct ContinuationInput {
    pub carrier_organisation_id: Option<Uuid>,
    pub funding: String,
    pub status: ContinuationStatus,
    pub note: Option<String>,
}

pub async fn set_continuation(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: ContinuationInput,
) -> ApiResult<project::Model> {
    let funding = text("input.funding", &input.funding, 1, 1000)?;
    let note = optional_text("input.note", input.note.as_deref(), 2000)?;
    let (write, target) = begin_part(db, gate, writer, project_id, Action::ManageProject).await?;
    if let Some(carrier) = input.carrier_organisation_id {
        check_organisation(&write.txn, "input.carrierOrganisationId", carrier).await?;
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

pub async fn add_evaluation(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    project_id: Uuid,
    expected_version: Option<i32>,
    input: EvaluationInput,
) -> ApiResult<(project::Model, evaluation::Model)> {
    let results = text("input.results", &input.results, 1, 10_000)?;
    let lessons = text("input.lessonsLearned", &input.lessons_learned, 0, 10_000)?;
    let participants = validate::count("input.participantsCount", input.participants_count)?;
    let activities = validate::count("input.activitiesCount", input.activities_count)?;
    let (write, target) = begin_part(db, gate, writer, project_id, Action::AddEvaluation).await?;
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
        author_organisation_id: Some(writer.caller.organisation_id),
        created_at: now(),
    }
    .into_active_model()
    .insert(&write.txn)
    .await?;
    let details = json!({ "evaluation": { "id": row.id, "kind": row.kind.as_str(), "isPublic": row.is_public } });
    let project = finish_part(write, &target, expected_version, "addEvaluation", details).await?;
    Ok((project, row))
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
