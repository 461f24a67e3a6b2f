//! The `history` field of projects, meeting places and signals.

use async_graphql::{Context, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::audit_log;
use serde_json::Value;

use crate::graphql::{
    organisations::{Organisation, load_organisation},
    pipeline::connection::PageInfo,
    pipeline::context::request,
    pipeline::error::GqlResult,
};
use crate::{
    policy::{ObjectType, Target},
    service::history::{self, Change, HistoryPage, Subject},
};

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
    /// The changes the caller may read, by the policy's field rules.
    changes: Vec<Change>,
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
        let text = |v: &Option<Value>| v.as_ref().filter(|v| !v.is_null()).map(Value::to_string);
        self.changes
            .iter()
            .map(|change| FieldChange {
                field: change.field.clone(),
                before: text(&change.before),
                after: text(&change.after),
            })
            .collect()
    }
}

/// A page of an object's history, newest first.
pub struct HistoryConnection {
    page: HistoryPage,
    subject: Subject,
    after_given: bool,
}

impl HistoryConnection {
    fn entries(&self) -> impl Iterator<Item = (&String, HistoryEntry)> {
        self.page.entries.iter().map(|entry| {
            (
                &entry.cursor,
                HistoryEntry {
                    row: entry.row.clone(),
                    changes: entry.changes.clone(),
                },
            )
        })
    }
}

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
    async fn edges(&self) -> Vec<HistoryEdge> {
        self.entries()
            .map(|(cursor, node)| HistoryEdge {
                cursor: cursor.clone(),
                node,
            })
            .collect()
    }
    /// The entries of this page.
    async fn nodes(&self) -> Vec<HistoryEntry> {
        self.entries().map(|(_, node)| node).collect()
    }
    /// Where this page sits in the whole history.
    async fn page_info(&self) -> PageInfo {
        PageInfo {
            has_next_page: self.page.has_next_page,
            has_previous_page: self.after_given,
            start_cursor: self.page.entries.first().map(|e| e.cursor.clone()),
            end_cursor: self.page.entries.last().map(|e| e.cursor.clone()),
        }
    }
    /// How many entries the whole history holds.
    async fn total_count(&self, ctx: &Context<'_>) -> GqlResult<i64> {
        let req = request(ctx);
        let total = history::total(&req.db, req.caller(), self.subject).await?;
        Ok(i64::try_from(total).unwrap_or(i64::MAX))
    }
}

/// The history of an object the caller has been found to read; `target` describes the object
/// to the policy, whose field rules decide which changes the caller sees.
pub async fn load(
    ctx: &Context<'_>,
    object: ObjectType,
    target: Target,
    object_id: uuid::Uuid,
    first: Option<i32>,
    after: Option<String>,
) -> GqlResult<HistoryConnection> {
    let req = request(ctx);
    let subject = Subject {
        object,
        id: object_id,
        target,
    };
    let after_given = after.is_some();
    // Boxed: inline, the page's statements would make every field future of the objects that
    // carry `history` (a project's, a place's, a signal's) as large as this one, copied at each
    // field of a list (2.3 KB of a project field's 2.9, bench/results/2026-12-07-100k-round10.md).
    let page = Box::pin(history::page(&req.db, req.caller(), subject, first, after)).await?;
    Ok(HistoryConnection {
        page,
        subject,
        after_given,
    })
}
