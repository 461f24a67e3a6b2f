//! The `history` field of projects, meeting places and signals.

use async_graphql::{Context, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::audit_log;
use serde_json::Value;

use super::{
    connection::PageInfo,
    context::request,
    error::GqlResult,
    organisations::{Organisation, load_organisation},
};
use crate::{
    policy::{self, Action, Target},
    service::history::{self, HistoryPage},
};

/// Fields of audit details that only those who may read internal notes see.
const CITY_ONLY: &[&str] = &["internalNotes"];

/// One field changed by an entry.
#[derive(SimpleObject, Clone)]
pub struct FieldChange {
    /// The field, as named in the API (e.g. `summary`, `phase`, `budgetLine`).
    field: String,
    /// The value before, as JSON text; null when the field was not set or is not a plain field.
    before: Option<String>,
    /// The value after, as JSON text.
    after: Option<String>,
}

/// One change to an object: who did what, when.
pub struct HistoryEntry {
    row: audit_log::Model,
    show_city_only: bool,
}

/// One change to an object: who did what, when.
#[Object]
impl HistoryEntry {
    /// The mutation that made the change, e.g. `updateProject`.
    async fn action(&self) -> &str {
        &self.row.action
    }
    /// When.
    async fn at(&self) -> DateTime<Utc> {
        self.row.occurred_at
    }
    /// The organisation of whoever made the change; null for anonymous readers.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, self.row.actor_organisation_id).await
    }
    /// What changed, field by field (fields you may not read are left out).
    async fn changes(&self) -> Vec<FieldChange> {
        let Some(details) = &self.row.details else {
            return Vec::new();
        };
        let visible = |field: &str| self.show_city_only || !CITY_ONLY.contains(&field);
        let text = |v: Option<&Value>| v.filter(|v| !v.is_null()).map(Value::to_string);
        let mut changes = Vec::new();
        match (details.get("before"), details.get("after")) {
            (before, Some(Value::Object(after))) => {
                for (field, value) in after {
                    if visible(field) {
                        changes.push(FieldChange {
                            field: field.clone(),
                            before: text(before.and_then(|b| b.get(field))),
                            after: text(Some(value)),
                        });
                    }
                }
            }
            _ => {
                if let Value::Object(parts) = details {
                    for (field, value) in parts {
                        if visible(field) {
                            changes.push(FieldChange {
                                field: field.clone(),
                                before: None,
                                after: text(Some(value)),
                            });
                        }
                    }
                }
            }
        }
        changes
    }
}

/// A page of an object's history, newest first.
pub struct HistoryConnection(HistoryPage, bool);

/// One entry of an object's history with its cursor.
#[derive(SimpleObject)]
pub struct HistoryEdge {
    /// Pass as `after` to continue after this entry.
    cursor: String,
    /// The entry.
    node: HistoryEntry,
}

/// A page of an object's history, newest first.
#[Object]
impl HistoryConnection {
    /// The entries of this page with their cursors.
    async fn edges(&self, ctx: &Context<'_>) -> Vec<HistoryEdge> {
        let show = city_only_visible(ctx);
        self.0
            .entries
            .iter()
            .map(|(cursor, row)| HistoryEdge {
                cursor: cursor.clone(),
                node: HistoryEntry {
                    row: row.clone(),
                    show_city_only: show,
                },
            })
            .collect()
    }
    /// The entries of this page.
    async fn nodes(&self, ctx: &Context<'_>) -> Vec<HistoryEntry> {
        let show = city_only_visible(ctx);
        self.0
            .entries
            .iter()
            .map(|(_, row)| HistoryEntry {
                row: row.clone(),
                show_city_only: show,
            })
            .collect()
    }
    /// Where this page sits in the whole history.
    async fn page_info(&self) -> PageInfo {
        PageInfo {
            has_next_page: self.0.has_next_page,
            has_previous_page: self.1,
            start_cursor: self.0.entries.first().map(|(c, _)| c.clone()),
            end_cursor: self.0.entries.last().map(|(c, _)| c.clone()),
        }
    }
    /// How many entries the whole history holds.
    async fn total_count(&self, ctx: &Context<'_>) -> GqlResult<i64> {
        let total = self.0.total(&request(ctx).db).await?;
        Ok(i64::try_from(total).unwrap_or(i64::MAX))
    }
}

fn city_only_visible(ctx: &Context<'_>) -> bool {
    policy::decide(
        request(ctx).caller(),
        Action::ReadInternalNotes,
        Target::None,
    )
    .allowed
}

/// The history of an object the caller has been found to read.
pub async fn load(
    ctx: &Context<'_>,
    object_type: &str,
    object_id: uuid::Uuid,
    first: Option<i32>,
    after: Option<String>,
) -> GqlResult<HistoryConnection> {
    let after_given = after.is_some();
    let page = history::of(&request(ctx).db, object_type, object_id, first, after).await?;
    Ok(HistoryConnection(page, after_given))
}
