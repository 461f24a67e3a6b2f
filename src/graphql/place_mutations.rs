//! Mutations on meeting places.

use async_graphql::{Context, ID, InputObject, Object};

use crate::graphql::{
    enums::{Management, MeetingPlaceKind},
    ids::parse_id,
    pipeline::context::request,
    pipeline::error::GqlResult,
    places::MeetingPlace,
    project_mutations::{DeletedObject, optional_id},
};
use crate::{
    error::ApiResult,
    service::places::{self as service, PlaceInput},
};

/// A meeting place, whole: creating and updating both send every field.
#[derive(InputObject)]
pub struct MeetingPlaceInput {
    /// Name, e.g. `Wijkcentrum Bouwlust`.
    pub name: String,
    /// What kind of place it is.
    pub kind: MeetingPlaceKind,
    /// Street name.
    pub street: String,
    /// House number with any addition.
    pub house_number: String,
    /// Postcode, e.g. `2533 AB`.
    pub postcode: String,
    /// City.
    #[graphql(default_with = "\"Den Haag\".to_owned()")]
    pub city: String,
    /// Latitude (give both or neither).
    pub latitude: Option<f64>,
    /// Longitude (give both or neither).
    pub longitude: Option<f64>,
    /// The wijk it is in (CBS code).
    pub wijk_code: String,
    /// The organisation running it (a partner: its own, the default).
    pub operator_organisation_id: Option<ID>,
    /// Who manages it.
    pub management: Management,
    /// Opening hours per week, 0–168.
    pub opening_hours_per_week: Option<i32>,
    /// How many people fit.
    pub capacity: Option<i32>,
    /// Accessible by wheelchair.
    #[graphql(default)]
    pub wheelchair_accessible: bool,
    /// Has a lift.
    #[graphql(default)]
    pub lift: bool,
    /// Has an adapted toilet.
    #[graphql(default)]
    pub adapted_toilet: bool,
    /// Has a hearing loop.
    #[graphql(default)]
    pub hearing_loop: bool,
    /// Offers a low-stimulus space or time.
    #[graphql(default)]
    pub low_stimulus: bool,
}

impl MeetingPlaceInput {
    fn into_service(self) -> ApiResult<PlaceInput> {
        Ok(PlaceInput {
            operator_organisation_id: optional_id(
                "input.operatorOrganisationId",
                self.operator_organisation_id.as_ref(),
            )?,
            name: self.name,
            kind: self.kind.into(),
            street: self.street,
            house_number: self.house_number,
            postcode: self.postcode,
            city: self.city,
            latitude: self.latitude,
            longitude: self.longitude,
            wijk_code: self.wijk_code,
            management: self.management.into(),
            opening_hours_per_week: self.opening_hours_per_week,
            capacity: self.capacity,
            wheelchair_accessible: self.wheelchair_accessible,
            lift: self.lift,
            adapted_toilet: self.adapted_toilet,
            hearing_loop: self.hearing_loop,
            low_stimulus: self.low_stimulus,
        })
    }
}

#[derive(Default)]
pub struct PlaceMutation;

#[Object]
impl PlaceMutation {
    /// Registers a meeting place (city editors; partner editors for places they operate).
    async fn create_meeting_place(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The place.")] input: MeetingPlaceInput,
    ) -> GqlResult<MeetingPlace> {
        let cx = request(ctx).begin_write()?;
        Ok(MeetingPlace(
            service::create(&cx, input.into_service()?).await?,
        ))
    }

    /// Replaces a meeting place's fields. `expectedVersion` must be the version you read.
    async fn update_meeting_place(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The place's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
        #[graphql(desc = "The place.")] input: MeetingPlaceInput,
    ) -> GqlResult<MeetingPlace> {
        let cx = request(ctx).begin_write()?;
        let id = parse_id("id", &id)?;
        Ok(MeetingPlace(
            service::update(&cx, id, expected_version, input.into_service()?).await?,
        ))
    }

    /// Deletes a meeting place (softly).
    async fn delete_meeting_place(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The place's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
    ) -> GqlResult<DeletedObject> {
        let cx = request(ctx).begin_write()?;
        let deleted = service::delete(&cx, parse_id("id", &id)?, expected_version).await?;
        Ok(DeletedObject::of(deleted.id, deleted.version))
    }
}
