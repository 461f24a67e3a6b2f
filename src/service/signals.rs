//! Signals from the wijken. Partners read the ones their organisation reported; statistics
//! (counts only) are for every signed-in caller.

use entity::{SignalStatus, Theme, Urgency, signal, wijk};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    Listing,
    page::{KeyKind, KeyValue, KeysetOrder, Page, PageArgs},
    reference,
};
use crate::{
    auth::Principal,
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

async fn filtered(
    db: &DatabaseConnection,
    mut select: sea_orm::Select<signal::Entity>,
    filter: &SignalFilter,
) -> ApiResult<sea_orm::Select<signal::Entity>> {
    if let Some(code) = &filter.wijk_code {
        let wijk = reference::wijk_by_code(db, code)
            .await?
            .ok_or_else(|| ApiError::bad_input("filter.wijkCode", "unknown wijk code"))?;
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
pub async fn list(
    db: &DatabaseConnection,
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
    let base = filtered(db, base, filter).await?;
    let rows = order.apply(base.clone(), page)?.all(db).await?;
    Ok(Listing {
        page: Page::from_rows(rows, page, &order, |s| (KeyValue::time(s.created_at), s.id)),
        count: base,
    })
}

pub async fn get(
    db: &DatabaseConnection,
    caller: Option<&Principal>,
    id: Uuid,
) -> ApiResult<signal::Model> {
    signal::Entity::find_by_id(id)
        .filter(policy::signal_read_condition(caller)?)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
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
pub async fn statistics(
    db: &DatabaseConnection,
    caller: Option<&Principal>,
    filter: &SignalFilter,
) -> ApiResult<Vec<SignalCount>> {
    if !policy::decide(caller, Action::ReadSignalStatistics, Target::None).allowed {
        return Err(ApiError::Unauthenticated);
    }
    let base = signal::Entity::find().filter(signal::Column::DeletedAt.is_null());
    let select = filtered(db, base, filter).await?;
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
pub async fn wijken_by_id(db: &DatabaseConnection, ids: Vec<Uuid>) -> ApiResult<Vec<wijk::Model>> {
    Ok(wijk::Entity::find()
        .filter(wijk::Column::Id.is_in(ids))
        .all(db)
        .await?)
}
