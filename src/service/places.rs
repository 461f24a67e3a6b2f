//! Meeting places (ontmoetingsplekken). Their public fields are open to every caller.

use entity::{MeetingPlaceKind, meeting_place, organisation};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    Listing, found, now,
    page::{KeyKind, KeyValue, KeysetOrder, PageArgs},
    reference,
    validate::{self, text},
    write::{self, Change, WriteContext, Writer},
};
use crate::{
    db::Db,
    error::{ApiError, ApiResult},
    policy::{Action, Target},
};

const ENTITY: &str = "meeting_place";

#[derive(Debug, Default, Clone)]
pub struct PlaceFilter {
    pub wijk_code: Option<String>,
    pub kind: Option<MeetingPlaceKind>,
    pub operator_id: Option<Uuid>,
    pub wheelchair_accessible: Option<bool>,
}

#[tracing::instrument(skip_all)]
pub async fn list(
    db: &Db,
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
    let mut base = meeting_place::Entity::live();
    if let Some(code) = &filter.wijk_code {
        let wijk = reference::known_wijk(db, "filter.wijkCode", code).await?;
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
    Listing::read(db, base, &order, page, |m| {
        (KeyValue::Text(m.name.clone()), m.id)
    })
    .await
}

#[tracing::instrument(skip_all, fields(meeting_place = %id))]
pub async fn get(db: &Db, id: Uuid) -> ApiResult<meeting_place::Model> {
    found(db, meeting_place::Entity::live_by_id(id)).await
}

/// A meeting place as written by `createMeetingPlace` / `updateMeetingPlace`.
#[derive(Debug, Clone)]
pub struct PlaceInput {
    pub name: String,
    pub kind: MeetingPlaceKind,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub city: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub wijk_code: String,
    pub operator_organisation_id: Option<Uuid>,
    pub management: entity::Management,
    pub opening_hours_per_week: Option<i32>,
    pub capacity: Option<i32>,
    pub wheelchair_accessible: bool,
    pub lift: bool,
    pub adapted_toilet: bool,
    pub hearing_loop: bool,
    pub low_stimulus: bool,
}

fn authorize(writer: &Writer, operator: Option<Uuid>) -> ApiResult<()> {
    writer.authorize(Action::ManageMeetingPlace, Target::OwnedBy(operator))
}

/// Checks the input and fills a row with it (id and bookkeeping left to the caller).
async fn fill<C: ConnectionTrait>(
    db: &C,
    row: &mut meeting_place::ActiveModel,
    input: &PlaceInput,
) -> ApiResult<()> {
    row.name = Set(text("input.name", &input.name, 1, 200)?);
    row.kind = Set(input.kind);
    row.street = Set(text("input.street", &input.street, 1, 200)?);
    row.house_number = Set(text("input.houseNumber", &input.house_number, 1, 20)?);
    row.postcode = Set(postcode(&input.postcode)?);
    row.city = Set(text("input.city", &input.city, 1, 100)?);
    match (input.latitude, input.longitude) {
        (Some(lat), Some(lon)) => {
            if !(-90.0..=90.0).contains(&lat) {
                return Err(ApiError::bad_input(
                    "input.latitude",
                    "latitude must be between -90 and 90",
                ));
            }
            if !(-180.0..=180.0).contains(&lon) {
                return Err(ApiError::bad_input(
                    "input.longitude",
                    "longitude must be between -180 and 180",
                ));
            }
        }
        (None, None) => {}
        _ => {
            return Err(ApiError::bad_input(
                "input.longitude",
                "give both latitude and longitude, or neither",
            ));
        }
    }
    row.latitude = Set(input.latitude);
    row.longitude = Set(input.longitude);
    let wijk = reference::known_wijk(db, "input.wijkCode", &input.wijk_code).await?;
    row.wijk_id = Set(wijk.id);
    if let Some(operator) = input.operator_organisation_id
        && organisation::Entity::find_by_id(operator)
            .one(db)
            .await?
            .is_none()
    {
        return Err(ApiError::bad_input(
            "input.operatorOrganisationId",
            "unknown organisation",
        ));
    }
    row.operator_organisation_id = Set(input.operator_organisation_id);
    row.management = Set(input.management);
    if input
        .opening_hours_per_week
        .is_some_and(|h| !(0..=168).contains(&h))
    {
        return Err(ApiError::bad_input(
            "input.openingHoursPerWeek",
            "opening hours per week must be between 0 and 168",
        ));
    }
    row.opening_hours_per_week = Set(input.opening_hours_per_week);
    row.capacity = Set(validate::count("input.capacity", input.capacity)?);
    row.wheelchair_accessible = Set(input.wheelchair_accessible);
    row.lift = Set(input.lift);
    row.adapted_toilet = Set(input.adapted_toilet);
    row.hearing_loop = Set(input.hearing_loop);
    row.low_stimulus = Set(input.low_stimulus);
    Ok(())
}

/// A Dutch postcode, `1234 AB`, normalised to that spelling.
fn postcode(value: &str) -> ApiResult<String> {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (digits, letters) = compact.split_at(compact.len().min(4));
    if digits.len() == 4
        && letters.len() == 2
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
        && letters.bytes().all(|b| b.is_ascii_uppercase())
    {
        Ok(format!("{digits} {letters}"))
    } else {
        Err(ApiError::bad_input(
            "input.postcode",
            "a postcode looks like 2525 AB",
        ))
    }
}

fn place_snapshot(m: &meeting_place::Model) -> serde_json::Value {
    serde_json::to_value(PlaceAudit::from(m)).unwrap_or_default()
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct PlaceAudit {
    name: String,
    kind: &'static str,
    street: String,
    house_number: String,
    postcode: String,
    wijk_id: Uuid,
    operator_organisation_id: Option<Uuid>,
    management: &'static str,
    opening_hours_per_week: Option<i32>,
    capacity: Option<i32>,
}

impl From<&meeting_place::Model> for PlaceAudit {
    fn from(m: &meeting_place::Model) -> Self {
        Self {
            name: m.name.clone(),
            kind: m.kind.as_str(),
            street: m.street.clone(),
            house_number: m.house_number.clone(),
            postcode: m.postcode.clone(),
            wijk_id: m.wijk_id,
            operator_organisation_id: m.operator_organisation_id,
            management: m.management.as_str(),
            opening_hours_per_week: m.opening_hours_per_week,
            capacity: m.capacity,
        }
    }
}

/// The live place to change, if the writer may.
async fn for_write<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
) -> ApiResult<meeting_place::Model> {
    let before = found(db, meeting_place::Entity::live_by_id(id)).await?;
    authorize(writer, before.operator_organisation_id)?;
    Ok(before)
}

#[tracing::instrument(skip_all, fields(kind = input.kind.as_str()))]
pub async fn create(
    cx: &WriteContext<'_>,
    mut input: PlaceInput,
) -> ApiResult<meeting_place::Model> {
    if !cx.writer.caller.is_city() && input.operator_organisation_id.is_none() {
        // A partner creates places it operates itself.
        input.operator_organisation_id = Some(cx.writer.caller.organisation_id);
    }
    authorize(&cx.writer, input.operator_organisation_id)?;
    let write = cx.begin().await?;
    let at = now();
    let mut row = meeting_place::ActiveModel {
        id: Set(Uuid::now_v7()),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
        deleted_at: Set(None),
        ..Default::default()
    };
    fill(&write.txn, &mut row, &input).await?;
    let place = row.insert(&write.txn).await?;
    write
        .finish(Change::created(
            "createMeetingPlace",
            ENTITY,
            place.id,
            json!({ "after": place_snapshot(&place) }),
        ))
        .await?;
    Ok(place)
}

#[tracing::instrument(skip_all, fields(meeting_place = %id, expected_version))]
pub async fn update(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    input: PlaceInput,
) -> ApiResult<meeting_place::Model> {
    let write = cx.begin().await?;
    let txn = &write.txn;
    let before = for_write(txn, &cx.writer, id).await?;
    // A partner may not hand its place to someone else (it would lose the right to fix that).
    authorize(&cx.writer, input.operator_organisation_id)?;
    let mut row = before.clone().into_active_model();
    fill(txn, &mut row, &input).await?;
    let after = write::save::<meeting_place::Entity, _>(txn, id, expected_version, row).await?;
    write
        .finish(Change::updated(
            "updateMeetingPlace",
            ENTITY,
            id,
            after.version,
            json!({ "before": place_snapshot(&before), "after": place_snapshot(&after) }),
        ))
        .await?;
    Ok(after)
}

#[tracing::instrument(skip_all, fields(meeting_place = %id, expected_version))]
pub async fn delete(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<meeting_place::Model> {
    let write = cx.begin().await?;
    let txn = &write.txn;
    for_write(txn, &cx.writer, id).await?;
    let deleted = write::save::<meeting_place::Entity, _>(
        txn,
        id,
        expected_version,
        meeting_place::ActiveModel {
            deleted_at: Set(Some(now())),
            ..Default::default()
        },
    )
    .await?;
    write
        .finish(Change::deleted(
            "deleteMeetingPlace",
            ENTITY,
            id,
            deleted.version,
        ))
        .await?;
    Ok(deleted)
}
