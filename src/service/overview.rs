//! `wijkOverview`: what the programme office takes to the political level, per wijk. Every figure
//! counts only what the caller may read; budgets only where the caller may see them.

use entity::{
    FundingSource, Phase, SignalStatus, Theme, budget_line, effect_assessment, project,
    project_theme, signal, wijk,
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait, SelectStatement},
};
use uuid::Uuid;

use super::projects::in_wijk;
use crate::db::Db;
use crate::{auth::Principal, error::ApiResult, policy};

#[derive(Debug, Clone, FromQueryResult)]
pub struct PhaseCount {
    pub phase: Phase,
    pub count: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ThemeCount {
    pub theme: Theme,
    pub count: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct EffectFigures {
    pub effect_id: Uuid,
    /// Projects assessed on the effect.
    pub assessed: i64,
    /// Projects with an observed score.
    pub observed: i64,
    pub observed_total: Option<i64>,
}

impl EffectFigures {
    pub fn mean_observed(&self) -> Option<f64> {
        match (self.observed, self.observed_total) {
            (n, Some(total)) if n > 0 => Some(total as f64 / n as f64),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct SignalThemeStatusCount {
    pub theme: Theme,
    pub status: SignalStatus,
    pub count: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct BudgetBySource {
    pub source: FundingSource,
    pub amount_cents: i64,
}

pub struct WijkOverview {
    pub wijk: wijk::Model,
    pub projects_by_phase: Vec<PhaseCount>,
    pub projects_by_theme: Vec<ThemeCount>,
    pub effects: Vec<EffectFigures>,
    pub signals: Vec<SignalThemeStatusCount>,
    /// Over the projects whose budget the caller may read: all for the city, their own for partners.
    pub budget: Vec<BudgetBySource>,
}

/// The ids of the projects meeting `condition`, as a sub-select.
pub(super) fn project_ids(condition: Condition) -> SelectStatement {
    project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .filter(condition)
        .into_query()
}

/// Projects meeting `readable` per phase, in one statement.
pub(super) async fn projects_by_phase(db: &Db, readable: Condition) -> ApiResult<Vec<PhaseCount>> {
    Ok(project::Entity::find()
        .filter(readable)
        .select_only()
        .column(project::Column::Phase)
        .column_as(Expr::col(project::Column::Id).count(), "count")
        .group_by(project::Column::Phase)
        .into_model::<PhaseCount>()
        .all(db)
        .await?)
}

/// Projects meeting `readable` per theme (a project counts once for each of its themes).
pub(super) async fn projects_by_theme(db: &Db, readable: Condition) -> ApiResult<Vec<ThemeCount>> {
    Ok(project_theme::Entity::find()
        .filter(project_theme::Column::ProjectId.in_subquery(project_ids(readable)))
        .select_only()
        .column(project_theme::Column::Theme)
        .column_as(Expr::col(project_theme::Column::ProjectId).count(), "count")
        .group_by(project_theme::Column::Theme)
        .into_model::<ThemeCount>()
        .all(db)
        .await?)
}

#[tracing::instrument(skip_all, fields(wijk = %wijk.code))]
pub async fn wijk_overview(
    db: &Db,
    caller: Option<&Principal>,
    wijk: wijk::Model,
) -> ApiResult<WijkOverview> {
    let readable = policy::project_read_condition(caller)?.add(in_wijk(wijk.id));
    let caller = policy::require_caller(caller)?;

    let projects_by_phase = projects_by_phase(db, readable.clone()).await?;
    let projects_by_theme = projects_by_theme(db, readable.clone()).await?;

    let effects = effect_assessment::Entity::find()
        .filter(effect_assessment::Column::ProjectId.in_subquery(project_ids(readable.clone())))
        .select_only()
        .column(effect_assessment::Column::EffectId)
        .column_as(Expr::col(effect_assessment::Column::Id).count(), "assessed")
        .column_as(
            Expr::col(effect_assessment::Column::ObservedScore).count(),
            "observed",
        )
        // SUM of a small integer is NUMERIC on PostgreSQL; the cast keeps one type on both.
        .column_as(
            Expr::cust("CAST(SUM(observed_score) AS BIGINT)"),
            "observed_total",
        )
        .group_by(effect_assessment::Column::EffectId)
        .into_model::<EffectFigures>()
        .all(db)
        .await?;

    let signals = signal::Entity::find()
        .filter(signal::Entity::is_live())
        .filter(signal::Column::WijkId.eq(wijk.id))
        .select_only()
        .column(signal::Column::Theme)
        .column(signal::Column::Status)
        .column_as(Expr::col(signal::Column::Id).count(), "count")
        .group_by(signal::Column::Theme)
        .group_by(signal::Column::Status)
        .into_model::<SignalThemeStatusCount>()
        .all(db)
        .await?;

    let with_budget = readable.add(policy::project_detail_condition(caller));
    let budget = budget_line::Entity::find()
        .filter(budget_line::Column::ProjectId.in_subquery(project_ids(with_budget)))
        .select_only()
        .column(budget_line::Column::Source)
        .column_as(
            Expr::cust("CAST(SUM(amount_cents) AS BIGINT)"),
            "amount_cents",
        )
        .group_by(budget_line::Column::Source)
        .into_model::<BudgetBySource>()
        .all(db)
        .await?;

    Ok(WijkOverview {
        wijk,
        projects_by_phase,
        projects_by_theme,
        effects,
        signals,
        budget,
    })
}
