//! Signals from the wijken. Partners read the ones their organisation reported; statistics
//! (counts only) are for every signed-in caller.

use entity::{SignalStatus, Theme, Urgency, signal, signal_project, wijk};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, EntityTrait, FromQueryResult, IntoActiveModel, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use serde_json::json;
use uuid::Uuid;

use super::{
    Listing, found, now,
    page::{KeyKind, KeyValue, KeysetOrder, PageArgs},
    reference, validate,
    write::{self, Change, WriteContext},
};

const ENTITY: &str = "signal";
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

#[derive(Debug, Default, Clone)]
pub struct SignalFilter {
    pub wijk_code: Option<String>,
    pub theme: Option<Theme>,
    pub status: Option<SignalStatus>,
    pub urgency: Option<Urgency>,
}

/// `select` narrowed by `filter`; an unknown wijk code is `BAD_USER_INPUT` on `wijk_field`.
pub(crate) async fn filtered(
    db: &Db,
    mut select: sea_orm::Select<signal::Entity>,
    filter: &SignalFilter,
    wijk_field: &str,
) -> ApiResult<sea_orm::Select<signal::Entity>> {
    if let Some(code) = &filter.wijk_code {
        let wijk = reference::known_wijk(db, wijk_field, code).await?;
        select = select.filter(signal::Column::WijkId.eq(wijk.id));
    }
    if let Some(theme) = filter.theme {
        select = select.filter(signal::Column::Theme.eq(theme));
    }
    if let Some(status) = filter.status {
        select = select.filter(signal::Column::Status.eq(status));
    }
    if let Some(urgency) = filter.urgency {
        select = select.filter(signal::Column::Urgency.eq(urgency));
    }
    Ok(select)
}

/// Newest first.
#[tracing::instrument(skip_all)]
pub async fn list(
    db: &Db,
    caller: Option<&Principal>,
    filter: &SignalFilter,
    page: &PageArgs,
) -> ApiResult<Listing<signal::Entity>> {
    let order = KeysetOrder {
        name: "CREATED_AT",
        key: signal::Column::CreatedAt,
        kind: KeyKind::Time,
        id: signal::Column::Id,
        descending: true,
    };
    let base = signal::Entity::find().filter(policy::signal_read_condition(caller)?);
    let base = filtered(db, base, filter, "filter.wijkCode").await?;
    Listing::read(db, base, &order, page, |s| {
        (KeyValue::time(s.created_at), s.id)
    })
    .await
}

#[tracing::instrument(skip_all, fields(signal = %id))]
pub async fn get(db: &Db, caller: Option<&Principal>, id: Uuid) -> ApiResult<signal::Model> {
    found(
        db,
        signal::Entity::find_by_id(id).filter(policy::signal_read_condition(caller)?),
    )
    .await
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct SignalCount {
    pub wijk_id: Uuid,
    pub theme: Theme,
    pub status: SignalStatus,
    pub count: i64,
}

/// Counts of live signals per wijk, theme and status: one grouped query; callers aggregate the
/// dimensions they need.
#[tracing::instrument(skip_all)]
pub async fn statistics(
    db: &Db,
    caller: Option<&Principal>,
    filter: &SignalFilter,
) -> ApiResult<Vec<SignalCount>> {
    if !policy::decide(caller, Action::ReadSignalStatistics, Target::None).allowed {
        return Err(ApiError::Unauthenticated);
    }
    let base = signal::Entity::live();
    let select = filtered(db, base, filter, "filter.wijkCode").await?;
    Ok(select
        .select_only()
        .column(signal::Column::WijkId)
        .column(signal::Column::Theme)
        .column(signal::Column::Status)
        .column_as(Expr::col(signal::Column::Id).count(), "count")
        .group_by(signal::Column::WijkId)
        .group_by(signal::Column::Theme)
        .group_by(signal::Column::Status)
        .into_model::<SignalCount>()
        .all(db)
        .await?)
}

/// The wijk codes of the given wijk ids, for statistics output.
pub async fn wijken_by_id(db: &Db, ids: Vec<Uuid>) -> ApiResult<Vec<wijk::Model>> {
    Ok(wijk::Entity::find()
        .filter(wijk::Column::Id.is_in(ids))
        .all(db)
        .await?)
}

/// A new signal, as `reportSignal` takes it.
#[derive(Debug, Clone)]
pub struct SignalReport {
    pub wijk_code: String,
    pub theme: Theme,
    pub title: String,
    pub description: String,
    pub urgency: Urgency,
}

/// The moves of a signal: NEW → IN_PROGRESS → ESCALATED → POLICY_ADJUSTED → CLOSED, or
/// DISMISSED while still open.
pub fn status_move_allowed(from: SignalStatus, to: SignalStatus) -> bool {
    use SignalStatus::*;
    from == to
        || matches!(
            (from, to),
            (New, InProgress)
                | (InProgress, Escalated)
                | (Escalated, PolicyAdjusted)
                | (PolicyAdjusted, Closed)
                | (New | InProgress | Escalated, Dismissed)
        )
}

#[tracing::instrument(skip_all, fields(theme = input.theme.as_str(), urgency = input.urgency.as_str()))]
pub async fn report(cx: &WriteContext<'_>, input: SignalReport) -> ApiResult<signal::Model> {
    cx.writer.authorize(Action::ReportSignal, Target::None)?;
    let title = validate::text("input.title", &input.title, 1, 200)?;
    let description = validate::text("input.description", &input.description, 1, 5000)?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let wijk = reference::known_wijk(txn, "input.wijkCode", &input.wijk_code).await?;
    let at = now();
    let signal = signal::Model {
        id: Uuid::now_v7(),
        wijk_id: wijk.id,
        theme: input.theme,
        title,
        description,
        reporting_organisation_id: cx.writer.caller.organisation_id,
        urgency: input.urgency,
        status: SignalStatus::New,
        follow_up_note: None,
        internal_notes: None,
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    let details = json!({ "after": { "wijkId": signal.wijk_id, "theme": signal.theme.as_str(), "title": signal.title, "urgency": signal.urgency.as_str() } });
    write
        .finish(Change::created("reportSignal", ENTITY, signal.id, details))
        .await?;
    Ok(signal)
}

/// Triage and escalation by the city.
/// A signal's next status, with notes (`None` leaves a note, `Some(None)` clears it).
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub status: SignalStatus,
    pub follow_up_note: Option<Option<String>>,
    pub internal_notes: Option<Option<String>>,
}

#[tracing::instrument(skip_all, fields(signal = %id, expected_version, status = change.status.as_str()))]
pub async fn update_status(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    change: StatusChange,
) -> ApiResult<signal::Model> {
    let StatusChange {
        status,
        follow_up_note,
        internal_notes,
    } = change;
    cx.writer
        .authorize(Action::ChangeSignalStatus, Target::None)?;
    let follow_up_note = follow_up_note
        .map(|n| validate::optional_text("input.followUpNote", n.as_deref(), 5000))
        .transpose()?;
    let internal_notes = internal_notes
        .map(|n| validate::optional_text("input.internalNotes", n.as_deref(), 5000))
        .transpose()?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let before = found(txn, signal::Entity::live_by_id(id)).await?;
    if !status_move_allowed(before.status, status) {
        return Err(ApiError::bad_input(
            "input.status",
            format!(
                "a signal cannot move from {} to {}",
                before.status.as_str(),
                status.as_str()
            ),
        ));
    }
    let mut row = signal::ActiveModel {
        status: Set(status),
        ..Default::default()
    };
    if let Some(note) = follow_up_note {
        row.follow_up_note = Set(note);
    }
    if let Some(notes) = internal_notes {
        row.internal_notes = Set(notes);
    }
    let after = write::save::<signal::Entity, _>(txn, id, expected_version, row).await?;
    let details = json!({
        "before": { "status": before.status.as_str(), "followUpNote": before.follow_up_note },
        "after": { "status": after.status.as_str(), "followUpNote": after.follow_up_note },
    });
    write
        .finish(Change::updated(
            "updateSignalStatus",
            ENTITY,
            id,
            after.version,
            details,
        ))
        .await?;
    Ok(after)
}

#[tracing::instrument(skip_all, fields(signal = %signal_id, project = %project_id, expected_version))]
pub async fn link_to_project(
    cx: &WriteContext<'_>,
    signal_id: Uuid,
    project_id: Uuid,
    expected_version: Option<i32>,
) -> ApiResult<signal::Model> {
    cx.writer
        .authorize(Action::ChangeSignalStatus, Target::None)?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let signal = found(txn, signal::Entity::live_by_id(signal_id)).await?;
    let project_exists = entity::project::Entity::live_by_id(project_id)
        .one(txn)
        .await?
        .is_some();
    if !project_exists {
        return Err(ApiError::bad_input("projectId", "unknown project"));
    }
    signal_project::Entity::insert(
        signal_project::Model {
            signal_id,
            project_id,
        }
        .into_active_model(),
    )
    .on_conflict(
        OnConflict::columns([
            signal_project::Column::SignalId,
            signal_project::Column::ProjectId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    let after = write::bump::<signal::Entity, _>(
        txn,
        signal_id,
        expected_version.unwrap_or(signal.version),
    )
    .await?;
    write
        .finish(Change::updated(
            "linkSignalToProject",
            ENTITY,
            signal_id,
            after.version,
            json!({ "linkedProject": project_id }),
        ))
        .await?;
    Ok(after)
}
