//! `history` of projects, meeting places and signals: who changed what and when, newest first,
//! read from the audit log and shown only to those who may read the object.

use std::collections::HashSet;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entity::{AuditResult, audit_log, project};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use serde_json::Value;
use uuid::Uuid;

use super::page::PageArgs;
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{self, FieldAccess, ObjectType, Target},
};

/// One entry of a history page: an audit row and the changes of it the caller may read.
pub struct Entry {
    pub cursor: String,
    pub row: audit_log::Model,
    pub changes: Vec<Change>,
}

pub struct HistoryPage {
    pub entries: Vec<Entry>,
    pub has_next_page: bool,
}

/// Whose history: an object the caller has been found to read, described to the policy.
#[derive(Debug, Clone, Copy)]
pub struct Subject {
    pub object: ObjectType,
    pub id: Uuid,
    pub target: Target,
}

/// The name the audit log files an object type under.
fn audit_name(object: ObjectType) -> &'static str {
    match object {
        ObjectType::Project => "project",
        ObjectType::MeetingPlace => "meeting_place",
        ObjectType::Signal => "signal",
    }
}

fn rows_of(subject: Subject) -> Select<audit_log::Entity> {
    audit_log::Entity::find()
        .filter(audit_log::Column::ObjectType.eq(audit_name(subject.object)))
        .filter(audit_log::Column::ObjectId.eq(subject.id))
        .filter(audit_log::Column::Result.eq(AuditResult::Success))
}

/// Whether an entry is shown: one that recorded changes, none of which the caller may read,
/// is left out whole, or its action (`reviewProject`, `linkProjects`) would still tell that
/// the hidden part exists. An entry that recorded no changes (a delete) is shown.
fn shown(row: &audit_log::Model, readable: &[Change]) -> bool {
    !readable.is_empty() || recorded_changes(row.details.as_ref()).is_empty()
}

fn cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("history:{id}"))
}

fn decode(cursor: &str) -> ApiResult<i64> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("history:").and_then(|n| n.parse().ok()))
        .ok_or_else(|| ApiError::bad_input("after", "malformed or foreign cursor"))
}

/// A page of the entries of an object's history the caller may see, newest first. Entries
/// left out whole (see [`shown`]) are skipped, reading on until the page is full, so a page is
/// never short while more entries follow.
#[tracing::instrument(skip_all)]
pub async fn page(
    db: &Db,
    caller: Option<&Principal>,
    subject: Subject,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<HistoryPage> {
    let mut after_id = after.as_deref().map(decode).transpose()?;
    let page = PageArgs::new(first, None)?;
    let wanted = usize::try_from(page.first).unwrap_or(usize::MAX);
    let mut entries = Vec::new();
    loop {
        let mut select = rows_of(subject);
        if let Some(id) = after_id {
            select = select.filter(audit_log::Column::Id.lt(id));
        }
        let rows = select
            .order_by_desc(audit_log::Column::Id)
            .limit(page.first + 1)
            .all(db)
            .await?;
        let exhausted = rows.len() as u64 <= page.first;
        after_id = rows.last().map(|row| row.id);
        let changes = readable_changes(db, caller, subject.object, subject.target, &rows).await?;
        for (row, changes) in rows.into_iter().zip(changes) {
            if shown(&row, &changes) {
                entries.push(Entry {
                    cursor: cursor(row.id),
                    row,
                    changes,
                });
            }
        }
        if entries.len() > wanted || exhausted {
            break;
        }
    }
    let has_next_page = entries.len() > wanted;
    entries.truncate(wanted);
    Ok(HistoryPage {
        entries,
        has_next_page,
    })
}

/// How many entries of the object's history the caller sees. Counting what is shown means
/// reading every entry, as a page does; a count of the rows would tell how many are hidden.
#[tracing::instrument(skip_all)]
pub async fn total(db: &Db, caller: Option<&Principal>, subject: Subject) -> ApiResult<u64> {
    let rows = rows_of(subject).all(db).await?;
    let changes = readable_changes(db, caller, subject.object, subject.target, &rows).await?;
    let count = rows
        .iter()
        .zip(&changes)
        .filter(|(row, changes)| shown(row, changes))
        .count();
    Ok(u64::try_from(count).unwrap_or(u64::MAX))
}

/// One field changed by an audit entry, as stored: a key of `details` with its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The changes an audit entry records, field by field: `{ before: {…}, after: {…} }` for
/// updates of plain fields, `{ part: value }` for changes to a part of the object.
fn recorded_changes(details: Option<&Value>) -> Vec<Change> {
    let Some(details) = details else {
        return Vec::new();
    };
    match (details.get("before"), details.get("after")) {
        (before, Some(Value::Object(after))) => after
            .iter()
            .map(|(field, value)| Change {
                field: field.clone(),
                before: before.and_then(|b| b.get(field)).cloned(),
                after: Some(value.clone()),
            })
            .collect(),
        _ => match details {
            Value::Object(parts) => parts
                .iter()
                .map(|(field, value)| Change {
                    field: field.clone(),
                    before: None,
                    after: Some(value.clone()),
                })
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// Every id in a value, wherever it sits (a bare id, `{ to: id }`, a list of ids).
fn ids_in(value: &Value, ids: &mut Vec<Uuid>) {
    match value {
        Value::String(text) => ids.extend(Uuid::parse_str(text).ok()),
        Value::Array(items) => items.iter().for_each(|item| ids_in(item, ids)),
        Value::Object(map) => map.values().for_each(|item| ids_in(item, ids)),
        _ => {}
    }
}

fn ids_of(change: &Change) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for value in [&change.before, &change.after].into_iter().flatten() {
        ids_in(value, &mut ids);
    }
    ids
}

/// Whether every value of a change is an item marked public (a missing mark is not public).
fn all_public(change: &Change) -> bool {
    [&change.before, &change.after]
        .into_iter()
        .flatten()
        .filter(|value| !value.is_null())
        .all(|value| value.get("isPublic") == Some(&Value::Bool(true)))
}

/// The changes of each entry that the caller may read, by the field rules of the policy
/// module: a change whose field the caller may not read is left out, and so is one naming a
/// project the caller may not read. The caller has already been found to read the object
/// (`target` describes it); the project ids of the whole page are checked in one statement.
pub async fn readable_changes(
    db: &Db,
    caller: Option<&Principal>,
    object: ObjectType,
    target: Target,
    rows: &[audit_log::Model],
) -> ApiResult<Vec<Vec<Change>>> {
    let ruled: Vec<Vec<(FieldAccess, Change)>> = rows
        .iter()
        .map(|row| {
            recorded_changes(row.details.as_ref())
                .into_iter()
                .filter_map(|change| {
                    let rule = policy::audit_rule(object, &change.field)?;
                    let access = rule.read.access(caller, target);
                    (access != FieldAccess::Hidden).then_some((access, change))
                })
                .collect()
        })
        .collect();
    let mut wanted: Vec<Uuid> = ruled
        .iter()
        .flatten()
        .filter(|(access, _)| *access == FieldAccess::ReadableProjects)
        .flat_map(|(_, change)| ids_of(change))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let readable: HashSet<Uuid> = if wanted.is_empty() {
        HashSet::new()
    } else {
        project::Entity::find()
            .select_only()
            .column(project::Column::Id)
            .filter(project::Column::Id.is_in(wanted))
            .filter(policy::project_read_condition(caller)?)
            .into_tuple::<Uuid>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(ruled
        .into_iter()
        .map(|changes| {
            changes
                .into_iter()
                .filter(|(access, change)| match access {
                    FieldAccess::Full => true,
                    FieldAccess::PublicItems => all_public(change),
                    // No id at all is nothing to show either: deny what cannot be checked.
                    FieldAccess::ReadableProjects => {
                        let ids = ids_of(change);
                        !ids.is_empty() && ids.iter().all(|id| readable.contains(id))
                    }
                    FieldAccess::Hidden => false,
                })
                .map(|(_, change)| change)
                .collect()
        })
        .collect())
}
