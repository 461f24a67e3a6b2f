//! `programmeReport`: the programme office's figures for a scope and a period.

use std::collections::BTreeMap;

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::BudgetStatus as StoredBudgetStatus;
use sea_orm::Iterable;

use crate::graphql::{
    enums::{
        BudgetStatus, ContinuationStatus, EvaluationKind, FundingSource, SignalStatus, Theme,
        Urgency,
    },
    organisations::Organisation,
    overview::{FunderAmount, PhaseCount},
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::OrganisationById,
    reference::Effect,
    scalars::{Date, Euro, count},
    signals::ThemeCount,
};
use crate::service::report::{self, Period, Scope, ScopeInput};

/// What a report covers: the whole programme (no code), or one stadsdeel, focus area or wijk.
/// At most one code may be given.
#[derive(InputObject, Default)]
#[graphql(name = "ReportScopeInput")]
pub struct ReportScopeInput {
    /// A stadsdeel's code, e.g. `ESC`.
    pub stadsdeel_code: Option<String>,
    /// A focus area's code.
    pub focus_area_code: Option<String>,
    /// A wijk's CBS code, e.g. `WK051836`.
    pub wijk_code: Option<String>,
}

/// A period, both days included; a year is `from: "2025-01-01", to: "2025-12-31"`.
#[derive(InputObject, Clone, Copy)]
#[graphql(name = "ReportPeriodInput")]
pub struct ReportPeriodInput {
    /// The first day.
    pub from: Date,
    /// The last day; not before `from`.
    pub to: Date,
}

impl ReportScopeInput {
    fn into_service(self) -> ScopeInput {
        ScopeInput {
            stadsdeel_code: self.stadsdeel_code,
            focus_area_code: self.focus_area_code,
            wijk_code: self.wijk_code,
        }
    }
}

impl ReportPeriodInput {
    fn into_service(self) -> Period {
        Period {
            from: self.from.0,
            to: self.to.0,
        }
    }
}

/// The kind of area a report covers.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ReportScopeKind {
    /// The whole programme.
    Programme,
    /// One stadsdeel.
    Stadsdeel,
    /// One focus area.
    FocusArea,
    /// One wijk.
    Wijk,
}

/// The area a report covers.
#[derive(SimpleObject)]
pub struct ReportScope {
    /// What kind of area.
    kind: ReportScopeKind,
    /// Its code; null for the whole programme.
    code: Option<String>,
    /// Its name.
    name: String,
}

/// The period a report covers, both days included.
#[derive(SimpleObject)]
pub struct ReportPeriod {
    /// The first day.
    from: Date,
    /// The last day.
    to: Date,
}

/// How the projects in a report score on one effect.
#[derive(SimpleObject)]
pub struct EffectScores {
    /// The effect.
    effect: Effect,
    /// Projects aiming at the effect (an expected score above 0).
    projects_aiming: i32,
    /// Projects with an assessed (observed) score on the effect.
    assessed_count: i32,
    /// Mean assessed score (0–3); null when none is assessed.
    mean_score: Option<f64>,
    /// Number of assessed scores of 0, 1, 2 and 3, in that order.
    distribution: Vec<i32>,
}

/// Money with one source, status and year.
#[derive(SimpleObject)]
pub struct BudgetAmount {
    /// Where the money comes from.
    source: FundingSource,
    /// How far the money is.
    status: BudgetStatus,
    /// The budget year.
    year: i32,
    /// The amount.
    amount: Euro,
}

/// Signals reported in one month with one theme, urgency and status.
#[derive(SimpleObject)]
pub struct SignalMonthCount {
    /// The month of reporting, `YYYY-MM` (UTC).
    month: String,
    /// The theme.
    theme: Theme,
    /// The urgency.
    urgency: Urgency,
    /// The status now.
    status: SignalStatus,
    /// Number of signals.
    count: i32,
}

/// How often one organisation leads or contributes to the projects in a report.
pub struct OrganisationParticipation {
    row: report::ParticipationRow,
}

/// How often one organisation leads or contributes to the projects in a report.
#[Object]
impl OrganisationParticipation {
    /// The organisation; null if it has since been deactivated.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        Ok(request(ctx)
            .loader
            .load_one(OrganisationById(self.row.organisation_id))
            .await?
            .map(Organisation::from))
    }
    /// Projects it leads.
    async fn lead_count(&self) -> i32 {
        count(self.row.lead)
    }
    /// Projects it contributes to.
    async fn contributor_count(&self) -> i32 {
        count(self.row.contributor)
    }
}

/// Number of continuation (borging) decisions with one status.
#[derive(SimpleObject)]
pub struct ContinuationCount {
    /// The status.
    status: ContinuationStatus,
    /// Number of projects.
    count: i32,
}

/// What a public evaluation learned.
#[derive(SimpleObject)]
pub struct LessonLearned {
    /// The project's title.
    project_title: String,
    /// The kind of evaluation.
    kind: EvaluationKind,
    /// When it was evaluated.
    evaluated_on: Date,
    /// The lessons learned.
    lessons: String,
}

/// The programme office's figures for a scope and a period, over what you may read: projects
/// you may read, budgets you may read, signals you may read.
pub struct ProgrammeReport(report::ProgrammeReport);

/// The programme office's figures for a scope and a period, over what you may read: projects
/// you may read, budgets you may read, signals you may read.
#[Object]
impl ProgrammeReport {
    /// The area covered.
    async fn scope(&self) -> ReportScope {
        let (kind, code, name) = match &self.0.scope {
            Scope::Programme => (ReportScopeKind::Programme, None, "Wijkprogramma".to_owned()),
            Scope::Stadsdeel(s) => (
                ReportScopeKind::Stadsdeel,
                Some(s.code.clone()),
                s.name.clone(),
            ),
            Scope::FocusArea(f) => (
                ReportScopeKind::FocusArea,
                Some(f.code.clone()),
                f.name.clone(),
            ),
            Scope::Wijk(w) => (ReportScopeKind::Wijk, Some(w.code.clone()), w.name.clone()),
        };
        ReportScope { kind, code, name }
    }
    /// The period covered; null for all time.
    async fn period(&self) -> Option<ReportPeriod> {
        self.0.period.map(|p| ReportPeriod {
            from: Date(p.from),
            to: Date(p.to),
        })
    }
    /// When the figures were read (the "stand van de gegevens").
    async fn data_as_of(&self) -> DateTime<Utc> {
        self.0.data_as_of
    }
    /// Projects in the report: readable, in the area, running at some time in the period (a
    /// project without dates counts as running).
    async fn project_count(&self) -> i32 {
        count(self.0.projects_by_phase.iter().map(|p| p.count).sum())
    }
    /// Projects per phase, every phase in the order of the process (zero where none).
    async fn projects_by_phase(&self) -> Vec<PhaseCount> {
        entity::Phase::iter()
            .map(|phase| PhaseCount {
                phase: phase.into(),
                count: count(
                    self.0
                        .projects_by_phase
                        .iter()
                        .filter(|p| p.phase == phase)
                        .map(|p| p.count)
                        .sum(),
                ),
            })
            .collect()
    }
    /// Projects per theme (a project with several themes counts once for each).
    async fn projects_by_theme(&self) -> Vec<ThemeCount> {
        let mut rows: Vec<ThemeCount> = self
            .0
            .projects_by_theme
            .iter()
            .map(|t| ThemeCount {
                theme: t.theme.into(),
                count: count(t.count),
            })
            .collect();
        rows.sort_by_key(|r| r.theme);
        rows
    }
    /// Every active effect, in its order: projects aiming at it and their assessed scores.
    async fn effects(&self) -> Vec<EffectScores> {
        self.0
            .effects
            .iter()
            .map(|e| EffectScores {
                effect: Effect(e.effect.clone()),
                projects_aiming: count(e.projects_aiming),
                assessed_count: count(e.assessed),
                mean_score: e.mean_score,
                distribution: e.distribution.iter().map(|&n| count(n)).collect(),
            })
            .collect()
    }
    /// Budget per source, status and year, over the projects whose budget you may read (all
    /// for the city; a partner's own projects for partners), in the period's years.
    async fn budget(&self) -> Vec<BudgetAmount> {
        let mut rows: Vec<BudgetAmount> = self
            .0
            .budget
            .iter()
            .map(|b| BudgetAmount {
                source: b.source.into(),
                status: b.status.into(),
                year: b.year,
                amount: Euro::from_cents(b.amount_cents),
            })
            .collect();
        rows.sort_by_key(|r| (r.year, r.source, r.status));
        rows
    }
    /// Budget per source, rejected lines left out.
    async fn budget_by_source(&self) -> Vec<FunderAmount> {
        let mut sums: BTreeMap<FundingSource, i64> = BTreeMap::new();
        for line in self
            .0
            .budget
            .iter()
            .filter(|b| b.status != StoredBudgetStatus::Rejected)
        {
            *sums.entry(line.source.into()).or_default() += line.amount_cents;
        }
        sums.into_iter()
            .map(|(source, cents)| FunderAmount {
                source,
                amount: Euro::from_cents(cents),
            })
            .collect()
    }
    /// Signals you may read from the area, reported in the period.
    async fn signal_count(&self) -> i32 {
        count(self.0.signals.iter().map(|s| s.count).sum())
    }
    /// Those signals per month of reporting, theme, urgency and status.
    async fn signals_by_month(&self) -> Vec<SignalMonthCount> {
        let mut rows: Vec<SignalMonthCount> = self
            .0
            .signals
            .iter()
            .map(|s| SignalMonthCount {
                month: s.month.clone(),
                theme: s.theme.into(),
                urgency: s.urgency.into(),
                status: s.status.into(),
                count: count(s.count),
            })
            .collect();
        rows.sort_by(|a, b| {
            (&a.month, a.theme, a.urgency, a.status).cmp(&(&b.month, b.theme, b.urgency, b.status))
        });
        rows
    }
    /// Median days from report to closing, over those signals that are closed; null when none is.
    async fn median_days_to_close(&self) -> Option<f64> {
        self.0.median_days_to_close
    }
    /// Per organisation, how many of the projects it leads and contributes to; most leads first.
    async fn participation(&self) -> Vec<OrganisationParticipation> {
        let mut rows: Vec<_> = self.0.participation.clone();
        rows.sort_by_key(|r| {
            (
                std::cmp::Reverse(r.lead),
                std::cmp::Reverse(r.contributor),
                r.organisation_id,
            )
        });
        rows.into_iter()
            .map(|row| OrganisationParticipation { row })
            .collect()
    }
    /// Continuation (borging) decisions per status.
    async fn continuation(&self) -> Vec<ContinuationCount> {
        let mut rows: Vec<ContinuationCount> = self
            .0
            .continuation
            .iter()
            .map(|c| ContinuationCount {
                status: c.status.into(),
                count: count(c.count),
            })
            .collect();
        rows.sort_by_key(|r| r.status);
        rows
    }
    /// Lessons learned of public evaluations in the period, newest first (at most 50).
    async fn lessons_learned(&self) -> Vec<LessonLearned> {
        self.0
            .lessons
            .iter()
            .map(|l| LessonLearned {
                project_title: l.project_title.clone(),
                kind: l.kind.into(),
                evaluated_on: Date(l.evaluated_on),
                lessons: l.lessons_learned.clone(),
            })
            .collect()
    }
}

#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// The programme office's report for an area and a period, over what you may read. Needs a
    /// signed-in caller. An unknown code, more than one code, or a period that ends before it
    /// starts is `BAD_USER_INPUT`.
    async fn programme_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The area; the whole programme when left out or empty.")] scope: Option<
            ReportScopeInput,
        >,
        #[graphql(desc = "The period; all time when left out.")] period: Option<ReportPeriodInput>,
    ) -> GqlResult<ProgrammeReport> {
        let req = request(ctx);
        let scope = scope.unwrap_or_default().into_service();
        let period = period.map(ReportPeriodInput::into_service);
        Ok(ProgrammeReport(
            report::programme_report(&req.db, req.caller(), scope, period).await?,
        ))
    }
}
