//! `wijkOverview`: the programme office's per-wijk picture for the political level.

use async_graphql::{Context, Object, SimpleObject};

use crate::graphql::{
    enums::{FundingSource, Phase, SignalStatus, Theme},
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::EffectById,
    reference::{Effect, Wijk},
    scalars::{Euro, count},
    signals::ThemeCount,
};
use crate::service::{overview, reference};

/// Number of projects in one phase.
#[derive(SimpleObject)]
pub struct PhaseCount {
    /// The phase.
    pub phase: Phase,
    /// Number of projects.
    pub count: i32,
}

/// How the projects of a wijk score on one effect.
#[derive(SimpleObject)]
pub struct EffectCoverage {
    /// The effect.
    effect: Effect,
    /// Projects assessed on this effect.
    projects_assessed: i32,
    /// Projects with an observed score on this effect.
    projects_observed: i32,
    /// Mean observed score (0–3) over the projects with one; null when none has one.
    mean_observed_score: Option<f64>,
}

/// Number of signals with one theme and status.
#[derive(SimpleObject)]
pub struct SignalThemeStatusCount {
    /// The theme.
    theme: Theme,
    /// The status.
    status: SignalStatus,
    /// Number of signals.
    count: i32,
}

/// Money per kind of funder.
#[derive(SimpleObject)]
pub struct FunderAmount {
    /// Where the money comes from.
    pub source: FundingSource,
    /// The amount (which budget lines count is said by the field that lists it).
    pub amount: Euro,
}

/// What the programme office needs for the political level, per wijk. Project figures count the
/// projects you may read.
pub struct WijkOverview(overview::WijkOverview);

/// The figures as API rows, in the order of `key` (the service's order is the database's).
fn sorted<T, K: Ord>(rows: impl Iterator<Item = T>, key: impl FnMut(&T) -> K) -> Vec<T> {
    let mut rows: Vec<T> = rows.collect();
    rows.sort_by_key(key);
    rows
}

/// What the programme office needs for the political level, per wijk. Project figures count the
/// projects you may read.
#[Object]
impl WijkOverview {
    /// The wijk.
    async fn wijk(&self) -> Wijk {
        Wijk(self.0.wijk.clone())
    }
    /// Number of projects running in the wijk.
    async fn project_count(&self) -> i32 {
        count(self.0.projects_by_phase.iter().map(|p| p.count).sum())
    }
    /// Projects per phase.
    async fn projects_by_phase(&self) -> Vec<PhaseCount> {
        let rows = self.0.projects_by_phase.iter().map(|p| PhaseCount {
            phase: p.phase.into(),
            count: count(p.count),
        });
        sorted(rows, |r| r.phase)
    }
    /// Projects per theme (a project with several themes counts once for each).
    async fn projects_by_theme(&self) -> Vec<ThemeCount> {
        let rows = self.0.projects_by_theme.iter().map(|t| ThemeCount {
            theme: t.theme.into(),
            count: count(t.count),
        });
        sorted(rows, |r| r.theme)
    }
    /// Coverage and mean observed score per effect.
    async fn effects(&self, ctx: &Context<'_>) -> GqlResult<Vec<EffectCoverage>> {
        let effects = request(ctx)
            .loader
            .load_many(self.0.effects.iter().map(|e| EffectById(e.effect_id)))
            .await?;
        let rows = self.0.effects.iter().filter_map(|figures| {
            let effect = effects.get(&EffectById(figures.effect_id))?.clone();
            Some(EffectCoverage {
                effect: Effect(effect),
                projects_assessed: count(figures.assessed),
                projects_observed: count(figures.observed),
                mean_observed_score: figures.mean_observed(),
            })
        });
        Ok(sorted(rows, |r| r.effect.0.sort_order))
    }
    /// Signals from the wijk per theme and status (counts of all signals).
    async fn signals(&self) -> Vec<SignalThemeStatusCount> {
        let rows = self.0.signals.iter().map(|s| SignalThemeStatusCount {
            theme: s.theme.into(),
            status: s.status.into(),
            count: count(s.count),
        });
        sorted(rows, |r| (r.theme, r.status))
    }
    /// Budget per kind of funder, rejected lines included, over the projects whose budget you
    /// may read (all for the city; a partner's own projects for partners).
    async fn budget_by_funder_kind(&self) -> Vec<FunderAmount> {
        let rows = self.0.budget.iter().map(|b| FunderAmount {
            source: b.source.into(),
            amount: Euro::from_cents(b.amount_cents),
        });
        sorted(rows, |r| r.source)
    }
}

#[derive(Default)]
pub struct OverviewQuery;

#[Object]
impl OverviewQuery {
    /// The per-wijk picture for the political level; null when no wijk has the code. Needs a
    /// signed-in caller.
    async fn wijk_overview(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "CBS code, e.g. `WK051836`.")] code: String,
    ) -> GqlResult<Option<WijkOverview>> {
        let req = request(ctx);
        crate::policy::require_caller(req.caller())?;
        let Some(wijk) = reference::wijk_by_code(&req.db, &code).await? else {
            return Ok(None);
        };
        Ok(Some(WijkOverview(
            overview::wijk_overview(&req.db, req.caller(), wijk).await?,
        )))
    }
}
