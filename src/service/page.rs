//! Keyset pagination: opaque cursors over `(sort key, id)`, never OFFSET.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
    sea_query::{Expr, ExprTrait, SimpleExpr},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;

pub const DEFAULT_PAGE_SIZE: u64 = 50;
pub const MAX_PAGE_SIZE: u64 = 500;

/// `first`/`after` of a connection, checked.
#[derive(Debug, Clone)]
pub struct PageArgs {
    pub first: u64,
    after: Option<String>,
}

impl PageArgs {
    pub fn new(first: Option<i32>, after: Option<String>) -> Result<Self, ApiError> {
        let first = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) if n < 0 => {
                return Err(ApiError::bad_input("first", "first must not be negative"));
            }
            Some(n) if n as u64 > MAX_PAGE_SIZE => {
                return Err(ApiError::bad_input(
                    "first",
                    format!("first must be at most {MAX_PAGE_SIZE}"),
                ));
            }
            Some(n) => n as u64,
        };
        Ok(Self { first, after })
    }
}

/// The type of a sort key, so a cursor's value is bound with the column's own type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Text,
    Time,
    Int,
}

/// A sort key's value as carried in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KeyValue {
    Int(i64),
    Text(String),
}

impl KeyValue {
    pub fn time(value: DateTime<Utc>) -> Self {
        Self::Text(value.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    }

    fn into_expr(self, kind: KeyKind) -> Option<SimpleExpr> {
        match (kind, self) {
            (KeyKind::Text, Self::Text(text)) => Some(Expr::val(text)),
            (KeyKind::Int, Self::Int(n)) => Some(Expr::val(n)),
            (KeyKind::Time, Self::Text(text)) => DateTime::parse_from_rfc3339(&text)
                .ok()
                .map(|t| Expr::val(t.with_timezone(&Utc))),
            _ => None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct CursorData {
    /// The order the cursor was made for: a cursor of another order is refused, not misread.
    o: String,
    k: KeyValue,
    i: Uuid,
}

/// A keyset order: a named sort key plus the id as tie-breaker.
pub struct KeysetOrder<C: ColumnTrait> {
    pub name: &'static str,
    pub key: C,
    pub kind: KeyKind,
    pub id: C,
    pub descending: bool,
}

impl<C: ColumnTrait> KeysetOrder<C> {
    fn cursor_name(&self) -> String {
        format!(
            "{}:{}",
            self.name,
            if self.descending { "desc" } else { "asc" }
        )
    }

    pub fn encode(&self, key: KeyValue, id: Uuid) -> String {
        let data = CursorData {
            o: self.cursor_name(),
            k: key,
            i: id,
        };
        // Serialising this plain struct cannot fail.
        let json = serde_json::to_vec(&data).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    fn decode(&self, cursor: &str) -> Result<(SimpleExpr, Uuid), ApiError> {
        let invalid = || ApiError::bad_input("after", "malformed or foreign cursor");
        let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
        let data: CursorData = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if data.o != self.cursor_name() {
            return Err(invalid());
        }
        let key = data.k.into_expr(self.kind).ok_or_else(invalid)?;
        Ok((key, data.i))
    }

    /// Adds the keyset condition, the order and `LIMIT first + 1` (the extra row answers
    /// `hasNextPage`).
    pub fn apply<E>(&self, select: Select<E>, page: &PageArgs) -> Result<Select<E>, ApiError>
    where
        E: EntityTrait<Column = C>,
    {
        self.apply_on(select, page, Expr::col(self.key), Expr::col(self.id))
    }

    /// [`KeysetOrder::apply`] on copies of the key and id in a joined table (the same values,
    /// so cursors stay interchangeable), where an index of that table serves the order.
    pub fn apply_via<E, K>(
        &self,
        select: Select<E>,
        page: &PageArgs,
        key: K,
        id: K,
    ) -> Result<Select<E>, ApiError>
    where
        E: EntityTrait,
        K: ColumnTrait,
    {
        let table = || K::EntityName::default();
        self.apply_on(
            select,
            page,
            Expr::col((table(), key)),
            Expr::col((table(), id)),
        )
    }

    fn apply_on<E: EntityTrait>(
        &self,
        select: Select<E>,
        page: &PageArgs,
        key: Expr,
        id: Expr,
    ) -> Result<Select<E>, ApiError> {
        let mut select = select;
        if let Some(after) = &page.after {
            let (value, after_id) = self.decode(after)?;
            // Row-value comparison lets both backends walk the (key, id) index as a range.
            let left = Expr::tuple([key.clone(), id.clone()]);
            let right = Expr::tuple([value, Expr::val(after_id)]);
            select = select.filter(if self.descending {
                left.lt(right)
            } else {
                left.gt(right)
            });
        }
        let order = if self.descending {
            Order::Desc
        } else {
            Order::Asc
        };
        Ok(select
            .order_by(key, order.clone())
            .order_by(id, order)
            .limit(page.first + 1))
    }
}

/// One fetched page: rows with their cursors.
pub struct Page<M> {
    pub items: Vec<(String, M)>,
    pub has_next_page: bool,
}

impl<M> Page<M> {
    pub fn from_rows<C: ColumnTrait>(
        mut rows: Vec<M>,
        page: &PageArgs,
        order: &KeysetOrder<C>,
        key_of: impl Fn(&M) -> (KeyValue, Uuid),
    ) -> Self {
        let has_next_page = rows.len() as u64 > page.first;
        rows.truncate(page.first as usize);
        let items = rows
            .into_iter()
            .map(|row| {
                let (key, id) = key_of(&row);
                (order.encode(key, id), row)
            })
            .collect();
        Self {
            items,
            has_next_page,
        }
    }

    pub fn end_cursor(&self) -> Option<String> {
        self.items.last().map(|(cursor, _)| cursor.clone())
    }
}

#[cfg(test)]
mod tests {
    use entity::project;

    use super::*;

    fn order() -> KeysetOrder<project::Column> {
        KeysetOrder {
            name: "TITLE",
            key: project::Column::Title,
            kind: KeyKind::Text,
            id: project::Column::Id,
            descending: false,
        }
    }

    #[test]
    fn cursors_round_trip() {
        let id = Uuid::now_v7();
        let cursor = order().encode(KeyValue::Text("Taalcafé".into()), id);
        let (_, decoded) = order().decode(&cursor).expect("own cursor decodes");
        assert_eq!(decoded, id);
    }

    #[test]
    fn foreign_and_malformed_cursors_are_bad_input() {
        let mut other = order();
        other.descending = true;
        let cursor = other.encode(KeyValue::Text("x".into()), Uuid::nil());
        for bad in [cursor.as_str(), "not base64!", "eyJ9", ""] {
            assert!(matches!(
                order().decode(bad),
                Err(ApiError::BadInput { ref field, .. }) if field == "after"
            ));
        }
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(PageArgs::new(None, None).map(|p| p.first).ok(), Some(50));
        assert!(PageArgs::new(Some(501), None).is_err());
        assert!(PageArgs::new(Some(-1), None).is_err());
        assert_eq!(PageArgs::new(Some(0), None).map(|p| p.first).ok(), Some(0));
    }
}
