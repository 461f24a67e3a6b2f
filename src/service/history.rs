//! `history` of projects, meeting places and signals: who changed what and when, newest first,
//! read from the audit log and shown only to those who may read the object.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entity::{AuditResult, audit_log};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use uuid::Uuid;

use super::page::PageArgs;
use crate::error::{ApiError, ApiResult};

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
