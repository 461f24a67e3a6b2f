//! Reference data: stadsdelen, wijken, focus areas and effects. Public to every caller.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use entity::{effect, focus_area, focus_area_wijk, stadsdeel, wijk};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use uuid::Uuid;

use super::{
    Listing,
    page::{KeyKind, KeyValue, KeysetOrder, PageArgs},
};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};

#[tracing::instrument(skip_all)]
pub async fn stadsdelen(db: &Db, page: &PageArgs) -> ApiResult<Listing<stadsdeel::Entity>> {
    let order = KeysetOrder {
        name: "CODE",
        key: stadsdeel::Column::Code,
        kind: KeyKind::Text,
        id: stadsdeel::Column::Id,
        descending: false,
    };
    let base = stadsdeel::Entity::find();
    Listing::read(db, base, &order, page, |s| {
        (KeyValue::Text(s.code.clone()), s.id)
    })
    .await
}

#[derive(Debug, Default, Clone)]
pub struct WijkFilter {
    pub stadsdeel_code: Option<String>,
    pub focus_area_code: Option<String>,
}

#[tracing::instrument(skip_all)]
pub async fn wijken(
    db: &Db,
    filter: &WijkFilter,
    page: &PageArgs,
) -> ApiResult<Listing<wijk::Entity>> {
    let order = KeysetOrder {
        name: "CODE",
        key: wijk::Column::Code,
        kind: KeyKind::Text,
        id: wijk::Column::Id,
        descending: false,
    };
    let mut base = wijk::Entity::find();
    if let Some(code) = &filter.stadsdeel_code {
        let stadsdeel = stadsdeel::Entity::find()
            .filter(stadsdeel::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .ok_or_else(|| ApiError::bad_input("filter.stadsdeelCode", "unknown stadsdeel code"))?;
        base = base.filter(wijk::Column::StadsdeelId.eq(stadsdeel.id));
    }
    if let Some(code) = &filter.focus_area_code {
        let area = focus_area_by_code(db, code).await?.ok_or_else(|| {
            ApiError::bad_input("filter.focusAreaCode", "unknown focus area code")
        })?;
        base = base.filter(
            wijk::Column::Id.in_subquery(
                focus_area_wijk::Entity::find()
                    .select_only()
                    .column(focus_area_wijk::Column::WijkId)
                    .filter(focus_area_wijk::Column::FocusAreaId.eq(area.id))
                    .into_query(),
            ),
        );
    }
    Listing::read(db, base, &order, page, |w| {
        (KeyValue::Text(w.code.clone()), w.id)
    })
    .await
}

pub async fn wijk_by_code(db: &Db, code: &str) -> ApiResult<Option<wijk::Model>> {
    Ok(wijk::Entity::find()
        .filter(wijk::Column::Code.eq(code))
        .one(db)
        .await?)
}

/// The wijk with this code, on any connection (a transaction included), or `BAD_USER_INPUT`
/// on `field`: for a code a caller sent.
pub async fn known_wijk<C: sea_orm::ConnectionTrait>(
    db: &C,
    field: &str,
    code: &str,
) -> ApiResult<wijk::Model> {
    wijk::Entity::find()
        .filter(wijk::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, "unknown wijk code"))
}

#[tracing::instrument(skip_all)]
pub async fn focus_areas(db: &Db, page: &PageArgs) -> ApiResult<Listing<focus_area::Entity>> {
    let order = KeysetOrder {
        name: "CODE",
        key: focus_area::Column::Code,
        kind: KeyKind::Text,
        id: focus_area::Column::Id,
        descending: false,
    };
    let base = focus_area::Entity::find();
    Listing::read(db, base, &order, page, |a| {
        (KeyValue::Text(a.code.clone()), a.id)
    })
    .await
}

pub async fn focus_area_by_code(db: &Db, code: &str) -> ApiResult<Option<focus_area::Model>> {
    Ok(focus_area::Entity::find()
        .filter(focus_area::Column::Code.eq(code))
        .one(db)
        .await?)
}

#[tracing::instrument(skip_all)]
pub async fn effects(
    db: &Db,
    include_inactive: bool,
    page: &PageArgs,
) -> ApiResult<Listing<effect::Entity>> {
    let order = KeysetOrder {
        name: "ORDER",
        key: effect::Column::SortOrder,
        kind: KeyKind::Int,
        id: effect::Column::Id,
        descending: false,
    };
    let mut base = effect::Entity::find();
    if !include_inactive {
        base = base.filter(effect::Column::Active.eq(true));
    }
    Listing::read(db, base, &order, page, |e| {
        (KeyValue::Int(e.sort_order.into()), e.id)
    })
    .await
}

/// The ids of the wijken with these codes: `min..=max` distinct codes, each known, or
/// `BAD_USER_INPUT` on `field`.
pub async fn wijk_ids_by_code<C: sea_orm::ConnectionTrait>(
    db: &C,
    field: &str,
    codes: &[String],
    min: usize,
    max: usize,
) -> ApiResult<Vec<uuid::Uuid>> {
    let codes = super::validate::distinct(field, codes, min, max)?;
    let found = wijk::Entity::find()
        .filter(wijk::Column::Code.is_in(codes.clone()))
        .all(db)
        .await?;
    if let Some(unknown) = codes.iter().find(|c| !found.iter().any(|w| &w.code == *c)) {
        return Err(ApiError::bad_input(
            field,
            format!("unknown wijk code `{unknown}`"),
        ));
    }
    Ok(found.into_iter().map(|w| w.id).collect())
}

/// Wijken and stadsdelen, held in memory: they change only when data is seeded, and nearly every
/// project page and lookup names them, so reading them from the database each time would be a
/// round trip per request for nothing. A snapshot is reloaded when it is older than
/// [`FRESH_FOR`] or lacks an asked id (a wijk seeded since), so it is never wrong for longer
/// than that.
#[derive(Default)]
pub struct ReferenceCache {
    snapshot: std::sync::RwLock<Option<Arc<Snapshot>>>,
}

struct Snapshot {
    loaded: Instant,
    wijken: HashMap<Uuid, wijk::Model>,
    stadsdelen: HashMap<Uuid, stadsdeel::Model>,
}

const FRESH_FOR: Duration = Duration::from_secs(30);
const MISS_RELOAD_AFTER: Duration = Duration::from_secs(1);

impl ReferenceCache {
    /// The wijken with these ids that exist.
    pub async fn wijken(&self, db: &Db, ids: &[Uuid]) -> Result<Vec<wijk::Model>, DbErr> {
        let snapshot = self
            .snapshot(db, |s| ids.iter().all(|id| s.wijken.contains_key(id)))
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| snapshot.wijken.get(id).cloned())
            .collect())
    }

    /// The wijk with this CBS code, if there is one.
    pub async fn wijk_by_code(&self, db: &Db, code: &str) -> Result<Option<wijk::Model>, DbErr> {
        let snapshot = self
            .snapshot(db, |s| s.wijken.values().any(|w| w.code == code))
            .await?;
        Ok(snapshot.wijken.values().find(|w| w.code == code).cloned())
    }

    /// The stadsdelen with these ids that exist.
    pub async fn stadsdelen(&self, db: &Db, ids: &[Uuid]) -> Result<Vec<stadsdeel::Model>, DbErr> {
        let snapshot = self
            .snapshot(db, |s| ids.iter().all(|id| s.stadsdelen.contains_key(id)))
            .await?;
        Ok(ids
            .iter()
            .filter_map(|id| snapshot.stadsdelen.get(id).cloned())
            .collect())
    }

    async fn snapshot(
        &self,
        db: &Db,
        covers: impl Fn(&Snapshot) -> bool,
    ) -> Result<Arc<Snapshot>, DbErr> {
        let current = self
            .snapshot
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(snapshot) = current {
            let age = snapshot.loaded.elapsed();
            // A miss reloads, but at most once a second: asking for codes that do not exist
            // must not turn every request into a reload.
            if age < FRESH_FOR && (covers(&snapshot) || age < MISS_RELOAD_AFTER) {
                return Ok(snapshot);
            }
        }
        let snapshot = Arc::new(Snapshot {
            loaded: Instant::now(),
            wijken: wijk::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|w| (w.id, w))
                .collect(),
            stadsdelen: stadsdeel::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|s| (s.id, s))
                .collect(),
        });
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Some(snapshot.clone());
        Ok(snapshot)
    }
}
