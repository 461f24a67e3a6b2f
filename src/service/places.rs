//! Meeting places (ontmoetingsplekken). Their public fields are open to every caller.

use entity::{MeetingPlaceKind, meeting_place};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{
    Listing,
    page::{KeyKind, KeyValue, KeysetOrder, Page, PageArgs},
    reference,
};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Default, Clone)]
pub struct PlaceFilter {
    pub wijk_code: Option<String>,
    pub kind: Option<MeetingPlaceKind>,
    pub operator_id: Option<Uuid>,
    pub wheelchair_accessible: Option<bool>,
}

pub async fn list(
    db: &DatabaseConnection,
    filter: &PlaceFilter,
    page: &PageArgs,
) -> ApiResult<Listing<meeting_place::Entity>> {
    let order = KeysetOrder {
        name: "NAME",
        key: meeting_place::Column::Name,
        kind: KeyKind::Text,
        id: meeting_place::Column::Id,
        descending: false,
    };
    let mut base = meeting_place::Entity::find().filter(meeting_place::Column::DeletedAt.is_null());
    if let Some(code) = &filter.wijk_code {
        let wijk = reference::wijk_by_code(db, code)
            .await?
            .ok_or_else(|| ApiError::bad_input("filter.wijkCode", "unknown wijk code"))?;
        base = base.filter(meeting_place::Column::WijkId.eq(wijk.id));
    }
    if let Some(kind) = filter.kind {
        base = base.filter(meeting_place::Column::Kind.eq(kind));
    }
    if let Some(operator) = filter.operator_id {
        base = base.filter(meeting_place::Column::OperatorOrganisationId.eq(operator));
    }
    if let Some(accessible) = filter.wheelchair_accessible {
        base = base.filter(meeting_place::Column::WheelchairAccessible.eq(accessible));
    }
    let rows = order.apply(base.clone(), page)?.all(db).await?;
    Ok(Listing {
        page: Page::from_rows(rows, page, &order, |m| {
            (KeyValue::Text(m.name.clone()), m.id)
        }),
        count: base,
    })
}

pub async fn get(db: &DatabaseConnection, id: Uuid) -> ApiResult<meeting_place::Model> {
    meeting_place::Entity::find_by_id(id)
        .filter(meeting_place::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}
