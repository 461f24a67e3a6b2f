//! Reference data: stadsdelen, wijken, focus areas, effects. Public to every caller.

use async_graphql::{Context, ID, InputObject, Object};
use entity::{effect, focus_area, stadsdeel, wijk};

use crate::graphql::{
    pipeline::connection::connection,
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::{WijkenOfFocusArea, load_all},
    projects::{ProjectConnection, ProjectOrder},
    scalars::Date,
};
use crate::service::{
    projects::{self as project_service, ProjectFilter},
    reference::{self, WijkFilter},
};

object_over_row!(Stadsdeel(stadsdeel::Model));

/// One of the eight city districts of The Hague.
#[Object]
impl Stadsdeel {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Short code, e.g. `ESC` for Escamp.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name, e.g. `Escamp`.
    async fn name(&self) -> &str {
        &self.0.name
    }
}

object_over_row!(
    #[derive(Clone)]
    Wijk(wijk::Model)
);

/// A CBS neighbourhood (wijk). Reference data: only administrators change it.
#[Object]
impl Wijk {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// CBS code, e.g. `WK051836`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name, e.g. `Moerwijk`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Number of residents on `populationDate`.
    async fn population(&self) -> Option<i32> {
        self.0.population
    }
    /// The reference date of `population`.
    async fn population_date(&self) -> Option<Date> {
        self.0.population_date.map(Date)
    }
    /// The stadsdeel the wijk lies in.
    async fn stadsdeel(&self, ctx: &Context<'_>) -> GqlResult<Option<Stadsdeel>> {
        // Reference data is in memory: no batch to wait for.
        let req = request(ctx);
        let found = req
            .shared
            .reference
            .stadsdelen(&req.db, &[self.0.stadsdeel_id])
            .await?;
        Ok(found.into_iter().next().map(Stadsdeel))
    }
    /// Projects running in this wijk that you may read. Needs a signed-in caller.
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many projects to return (default 50, at most 500).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return the projects after this cursor.")] after: Option<String>,
        #[graphql(desc = "The order (default: most recently updated first).")] order_by: Option<
            ProjectOrder,
        >,
    ) -> GqlResult<ProjectConnection> {
        let req = request(ctx);
        ProjectConnection::page(first, after, async |page| {
            let order = order_by.unwrap_or_default();
            let filter = ProjectFilter {
                wijk_id: Some(self.0.id),
                ..ProjectFilter::default()
            };
            let (field, descending) = (order.field.into(), order.is_descending());
            project_service::list(&req.db, req.caller(), &filter, field, descending, page).await
        })
        .await
    }
}

object_over_row!(FocusArea(focus_area::Model));

/// A programme area (aanpakgebied) of a programme such as *Opwaartse kracht*, covering one or
/// more wijken. Programme areas and CBS wijken do not line up, hence both.
#[Object]
impl FocusArea {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Stable code, e.g. `zuidwest`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Name, e.g. `Zuidwest`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The programme the area belongs to, e.g. `Opwaartse kracht`.
    async fn programme(&self) -> &str {
        &self.0.programme
    }
    /// First day the area is in focus.
    async fn starts_on(&self) -> Date {
        Date(self.0.starts_on)
    }
    /// Last day the area is in focus; null while open-ended.
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    /// The wijken the area covers, by code.
    async fn wijken(&self, ctx: &Context<'_>) -> GqlResult<Vec<Wijk>> {
        load_all(&request(ctx).loader, WijkenOfFocusArea(self.0.id)).await
    }
}

object_over_row!(Effect(effect::Model));

/// One of the effects every project is weighed against. The programme office edits this table.
#[Object]
impl Effect {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Stable code, e.g. `SOCIAL_COHESION`.
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Dutch display name, e.g. `Sociale cohesie`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the effect means.
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// Position in lists.
    async fn order(&self) -> i32 {
        self.0.sort_order
    }
    /// Whether new assessments use this effect.
    async fn active(&self) -> bool {
        self.0.active
    }
}

connection!(
    StadsdeelConnection,
    StadsdeelEdge,
    Stadsdeel,
    stadsdeel::Entity,
    "stadsdelen"
);
connection!(WijkConnection, WijkEdge, Wijk, wijk::Entity, "wijken");
connection!(
    FocusAreaConnection,
    FocusAreaEdge,
    FocusArea,
    focus_area::Entity,
    "focus areas"
);
connection!(
    EffectConnection,
    EffectEdge,
    Effect,
    effect::Entity,
    "effects"
);

/// Narrows `wijken`.
#[derive(InputObject, Default)]
pub struct WijkFilterInput {
    /// Only wijken in this stadsdeel (code, e.g. `ESC`).
    pub stadsdeel_code: Option<String>,
    /// Only wijken covered by this focus area (code, e.g. `zuidwest`).
    pub focus_area_code: Option<String>,
}

#[derive(Default)]
pub struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// The eight stadsdelen, by code.
    async fn stadsdelen(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> GqlResult<StadsdeelConnection> {
        let db = &request(ctx).db;
        StadsdeelConnection::page(first, after, async |page| {
            reference::stadsdelen(db, page).await
        })
        .await
    }

    /// CBS wijken, by code.
    async fn wijken(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Narrow the list.")] filter: Option<WijkFilterInput>,
    ) -> GqlResult<WijkConnection> {
        let db = &request(ctx).db;
        WijkConnection::page(first, after, async |page| {
            let filter = filter.unwrap_or_default();
            let filter = WijkFilter {
                stadsdeel_code: filter.stadsdeel_code,
                focus_area_code: filter.focus_area_code,
            };
            reference::wijken(db, &filter, page).await
        })
        .await
    }

    /// One wijk by its CBS code; null when no wijk has that code.
    async fn wijk(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "CBS code, e.g. `WK051836`.")] code: String,
    ) -> GqlResult<Option<Wijk>> {
        let req = request(ctx);
        Ok(req
            .shared
            .reference
            .wijk_by_code(&req.db, &code)
            .await?
            .map(Wijk))
    }

    /// The focus areas (aanpakgebieden), by code.
    async fn focus_areas(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> GqlResult<FocusAreaConnection> {
        let db = &request(ctx).db;
        FocusAreaConnection::page(first, after, async |page| {
            reference::focus_areas(db, page).await
        })
        .await
    }

    /// One focus area by its code; null when no area has that code.
    async fn focus_area(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Code, e.g. `zuidwest`.")] code: String,
    ) -> GqlResult<Option<FocusArea>> {
        Ok(reference::focus_area_by_code(&request(ctx).db, &code)
            .await?
            .map(FocusArea))
    }

    /// The effects projects are weighed against, in their order.
    async fn effects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Also list effects no longer in use.", default = false)] include_inactive: bool,
    ) -> GqlResult<EffectConnection> {
        let db = &request(ctx).db;
        EffectConnection::page(first, after, async |page| {
            reference::effects(db, include_inactive, page).await
        })
        .await
    }
}

/// Loads a wijk for a nested field.
pub async fn load_wijk(ctx: &Context<'_>, id: uuid::Uuid) -> GqlResult<Option<Wijk>> {
    let req = request(ctx);
    let found = req.shared.reference.wijken(&req.db, &[id]).await?;
    Ok(found.into_iter().next().map(Wijk))
}
