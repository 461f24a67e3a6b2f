//! Meeting places. Their public fields are open to anonymous callers; the operator and the
//! projects using a place follow the rules for organisations and projects.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::meeting_place;

use crate::graphql::{
    enums::{Management, MeetingPlaceKind},
    ids::{parse_id, to_id},
    organisations::{Organisation, load_organisation},
    pipeline::connection::connection,
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::{ProjectsOfPlace, readable_projects},
    projects::Project,
    reference::{Wijk, load_wijk},
    viewer_can::WriteRights,
};
use crate::{
    error::ApiError,
    policy::{self, Action, ObjectType, Target},
    service::places::{self as service, PlaceFilter},
};

object_over_row!(
    /// A public meeting place (ontmoetingsplek): community centre, buurthuis, library, …
    #[derive(Clone)]
    MeetingPlace(meeting_place::Model)
);

impl MeetingPlace {
    /// The place as the policy sees it: owned by its operator.
    fn target(&self) -> Target {
        Target::OwnedBy(self.0.operator_organisation_id)
    }

    /// Whether the caller may read a field of this place, by the policy's field rules.
    fn visible(&self, ctx: &Context<'_>, field: &str) -> bool {
        policy::field_visible(
            request(ctx).caller(),
            ObjectType::MeetingPlace,
            field,
            self.target(),
        )
    }
}

/// A postal address in The Hague.
#[derive(SimpleObject)]
pub struct Address {
    /// Street name.
    street: String,
    /// House number with any addition, e.g. `12a`.
    house_number: String,
    /// Postcode, e.g. `2533 AB`.
    postcode: String,
    /// City.
    city: String,
}

/// A point on the map (WGS 84).
#[derive(SimpleObject)]
pub struct Coordinates {
    /// Latitude in degrees.
    latitude: f64,
    /// Longitude in degrees.
    longitude: f64,
}

/// What a place offers people with a disability or a sensitivity.
#[derive(SimpleObject)]
pub struct Accessibility {
    /// Accessible by wheelchair.
    wheelchair: bool,
    /// Has a lift.
    lift: bool,
    /// Has an adapted toilet.
    adapted_toilet: bool,
    /// Has a hearing loop (ringleiding).
    hearing_loop: bool,
    /// Offers a low-stimulus (prikkelarm) space or time.
    low_stimulus: bool,
}

/// A public meeting place (ontmoetingsplek): community centre, buurthuis, library, …
#[Object]
impl MeetingPlace {
    /// Stable identifier.
    pub(crate) async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Name, e.g. `Wijkcentrum Bouwlust`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What kind of place it is.
    async fn kind(&self) -> MeetingPlaceKind {
        self.0.kind.into()
    }
    /// Postal address.
    async fn address(&self) -> Address {
        Address {
            street: self.0.street.clone(),
            house_number: self.0.house_number.clone(),
            postcode: self.0.postcode.clone(),
            city: self.0.city.clone(),
        }
    }
    /// Location on the map, when known.
    async fn coordinates(&self) -> Option<Coordinates> {
        Some(Coordinates {
            latitude: self.0.latitude?,
            longitude: self.0.longitude?,
        })
    }
    /// The wijk the place is in.
    async fn wijk(&self, ctx: &Context<'_>) -> GqlResult<Option<Wijk>> {
        load_wijk(ctx, self.0.wijk_id).await
    }
    /// The organisation running the place; null for anonymous callers.
    async fn operator(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        if !self.visible(ctx, "operator") {
            return Ok(None);
        }
        load_organisation(ctx, self.0.operator_organisation_id).await
    }
    /// Who manages the place.
    async fn management(&self) -> Management {
        self.0.management.into()
    }
    /// Opening hours per week.
    async fn opening_hours_per_week(&self) -> Option<i32> {
        self.0.opening_hours_per_week
    }
    /// How many people fit.
    async fn capacity(&self) -> Option<i32> {
        self.0.capacity
    }
    /// Accessibility.
    async fn accessibility(&self) -> Accessibility {
        Accessibility {
            wheelchair: self.0.wheelchair_accessible,
            lift: self.0.lift,
            adapted_toilet: self.0.adapted_toilet,
            hearing_loop: self.0.hearing_loop,
            low_stimulus: self.0.low_stimulus,
        }
    }
    /// Projects using the place that you may read. Needs a signed-in caller.
    async fn projects(&self, ctx: &Context<'_>) -> GqlResult<Vec<Project>> {
        let req = request(ctx);
        if req.caller().is_none() {
            return Err(ApiError::Unauthenticated.into());
        }
        // The projects are checked by the read condition (the `ReadableProject` loader).
        if !self.visible(ctx, "projects") {
            return Ok(Vec::new());
        }
        readable_projects(&req.loader, ProjectsOfPlace(self.0.id)).await
    }
    /// What you may do to this place, by the same rules the mutations apply.
    async fn viewer_can(&self, ctx: &Context<'_>) -> WriteRights {
        WriteRights::of(
            ctx,
            Action::ManageMeetingPlace,
            self.0.operator_organisation_id,
        )
    }
    /// Who changed what and when, newest first.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries to return (default 50, at most 500).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return the entries after this cursor.")] after: Option<String>,
    ) -> GqlResult<crate::graphql::history::HistoryConnection> {
        crate::graphql::history::load(
            ctx,
            ObjectType::MeetingPlace,
            self.target(),
            self.0.id,
            first,
            after,
        )
        .await
    }
    /// Optimistic-concurrency version: bumped by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the place last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

connection!(
    MeetingPlaceConnection,
    MeetingPlaceEdge,
    MeetingPlace,
    meeting_place::Entity,
    "meeting places"
);

/// Narrows `meetingPlaces`.
#[derive(InputObject, Default)]
pub struct MeetingPlaceFilter {
    /// Only places in this wijk (CBS code).
    pub wijk_code: Option<String>,
    /// Only places of this kind.
    pub kind: Option<MeetingPlaceKind>,
    /// Only places run by this organisation.
    pub operator_id: Option<ID>,
    /// Only places that are (or are not) wheelchair accessible.
    pub wheelchair_accessible: Option<bool>,
}

#[derive(Default)]
pub struct PlaceQuery;

#[Object]
impl PlaceQuery {
    /// Meeting places, by name.
    async fn meeting_places(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Narrow the list.")] filter: Option<MeetingPlaceFilter>,
    ) -> GqlResult<MeetingPlaceConnection> {
        let db = &request(ctx).db;
        MeetingPlaceConnection::page(first, after, async |page| {
            let filter = filter.unwrap_or_default();
            let filter = PlaceFilter {
                wijk_code: filter.wijk_code,
                kind: filter.kind.map(Into::into),
                operator_id: filter
                    .operator_id
                    .as_ref()
                    .map(|id| parse_id("filter.operatorId", id))
                    .transpose()?,
                wheelchair_accessible: filter.wheelchair_accessible,
            };
            service::list(db, &filter, page).await
        })
        .await
    }

    /// One meeting place by id; `NOT_FOUND` when there is none.
    async fn meeting_place(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The meeting place's id.")] id: ID,
    ) -> GqlResult<MeetingPlace> {
        let id = parse_id("id", &id)?;
        Ok(MeetingPlace(service::get(&request(ctx).db, id).await?))
    }
}
