//! `history` of projects, meeting places and signals: who changed what and when, newest first,
//! read from the audit log and shown only to those who may read the object.

use std::collections::HashSet;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entity::{AuditResult, audit_log, project};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde_json::Value;
use uuid::Uuid;

use super::page::PageArgs;
use crate::{
    auth::Principal,
    error::{ApiError, ApiResult},
    policy::{self, FieldAccess, ObjectType, Target},
};

pub struct HistoryPage {
    pub entries: Vec<(String, audit_log::Model)>,
    pub has_next_page: bool,
    pub count: Select<audit_log::Entity>,
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

/// The successful changes of one object. The caller has already been found to read the object.
pub async fn of(
    db: &DatabaseConnection,
    object_type: &str,
    object_id: Uuid,
    first: Option<i32>,
    after: Option<String>,
) -> ApiResult<HistoryPage> {
    let after_id = after.as_deref().map(decode).transpose()?;
    let page = PageArgs::new(first, None)?;
    let base = audit_log::Entity::find()
        .filter(audit_log::Column::ObjectType.eq(object_type))
        .filter(audit_log::Column::ObjectId.eq(object_id))
        .filter(audit_log::Column::Result.eq(AuditResult::Success));
    let mut select = base.clone();
    if let Some(id) = after_id {
        select = select.filter(audit_log::Column::Id.lt(id));
    }
    let mut rows = select
        .order_by_desc(audit_log::Column::Id)
        .limit(page.first + 1)
        .all(db)
        .await?;
    let has_next_page = rows.len() as u64 > page.first;
    rows.truncate(page.first as usize);
    Ok(HistoryPage {
        entries: rows.into_iter().map(|row| (cursor(row.id), row)).collect(),
        has_next_page,
        count: base,
    })
}

impl HistoryPage {
    pub async fn total(&self, db: &DatabaseConnection) -> ApiResult<u64> {
        Ok(self.count.clone().count(db).await?)
    }
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
    db: &DatabaseConnection,
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
