//! `programmeReport`: the programme office's figures for a scope (the programme, a stadsdeel, a
//! focus area or a wijk) and a period. Every figure is a GROUP BY over what the caller may read
//! (the policy's SQL conditions), so a report costs the same fixed number of statements however
//! much data there is, and a partner's report is the report of its own world.

use chrono::{DateTime, Days, NaiveDate, Utc};
use entity::{
    BudgetStatus, ContinuationStatus, EvaluationKind, FundingSource, ParticipantRole, SignalStatus,
    Theme, Urgency, budget_line, effect, effect_assessment, evaluation, focus_area,
    focus_area_wijk, project, project_continuation, project_participant, project_wijk, signal,
    stadsdeel, wijk,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement},
};
use uuid::Uuid;

use super::overview::{PhaseCount, ThemeCount, project_ids, projects_by_phase, projects_by_theme};
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy,
};

/// At most this many lessons learned are listed, newest first: the report is read, not mined.
pub const MAX_LESSONS: u64 = 50;

/// What the report covers, as asked: at most one code may be given (a wijk lies in one stadsdeel
/// and possibly in several focus areas, so two codes would be either redundant or contradictory).
#[derive(Debug, Clone, Default)]
pub struct ScopeInput {
    pub stadsdeel_code: Option<String>,
    pub focus_area_code: Option<String>,
    pub wijk_code: Option<String>,
}

/// The period, both days included.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The scope the report covers, resolved.
#[derive(Debug, Clone)]
pub enum Scope {
    Programme,
    Stadsdeel(stadsdeel::Model),
    FocusArea(focus_area::Model),
    Wijk(wijk::Model),
}

impl Scope {
    /// The wijken of the scope as a sub-select of ids; `None` for the whole programme.
    fn wijk_ids(&self) -> Option<SelectStatement> {
        let ids = match self {
            Scope::Programme => return None,
            Scope::Stadsdeel(s) => wijk::Entity::find()
                .select_only()
                .column(wijk::Column::Id)
                .filter(wijk::Column::StadsdeelId.eq(s.id))
                .into_query(),
            Scope::FocusArea(f) => focus_area_wijk::Entity::find()
                .select_only()
                .column(focus_area_wijk::Column::WijkId)
                .filter(focus_area_wijk::Column::FocusAreaId.eq(f.id))
                .into_query(),
            Scope::Wijk(w) => wijk::Entity::find()
                .select_only()
                .column(wijk::Column::Id)
                .filter(wijk::Column::Id.eq(w.id))
                .into_query(),
        };
        Some(ids)
    }
}

#[derive(Debug, Clone, FromQueryResult)]
struct EffectScoreRow {
    effect_id: Uuid,
    observed_score: Option<i16>,
    assessments: i64,
    aiming: i64,
}

/// One effect's figures over the projects in the report.
#[derive(Debug, Clone)]
pub struct EffectFigures {
    pub effect: effect::Model,
    /// Projects with an expected score above 0 on the effect.
    pub projects_aiming: i64,
    /// Projects with an observed (assessed) score.
    pub assessed: i64,
    pub mean_score: Option<f64>,
    /// How many observed scores are 0, 1, 2 and 3.
    pub distribution: [i64; 4],
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct BudgetRow {
    pub source: FundingSource,
    pub status: BudgetStatus,
    pub year: i32,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct SignalMonthRow {
    /// `YYYY-MM` of the report date, UTC.
    pub month: String,
    pub theme: Theme,
    pub urgency: Urgency,
    pub status: SignalStatus,
    pub count: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ParticipationRow {
    pub organisation_id: Uuid,
    pub lead: i64,
    pub contributor: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct ContinuationCount {
    pub status: ContinuationStatus,
    pub count: i64,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Lesson {
    pub project_id: Uuid,
    pub project_title: String,
    pub kind: EvaluationKind,
    pub evaluated_on: NaiveDate,
    pub lessons_learned: String,
}

pub struct ProgrammeReport {
    pub scope: Scope,
    pub period: Option<Period>,
    /// When the figures were read.
    pub data_as_of: DateTime<Utc>,
    pub projects_by_phase: Vec<PhaseCount>,
    pub projects_by_theme: Vec<ThemeCount>,
    /// Every active effect, in its order, also those no project aims at.
    pub effects: Vec<EffectFigures>,
    /// Over the projects whose budget the caller may read.
    pub budget: Vec<BudgetRow>,
    pub signals: Vec<SignalMonthRow>,
    /// Median days from report to closing over the closed signals in the report.
    pub median_days_to_close: Option<f64>,
    pub participation: Vec<ParticipationRow>,
    pub continuation: Vec<ContinuationCount>,
    pub lessons: Vec<Lesson>,
}

/// The scope's one code looked up; `BAD_USER_INPUT` on the code's field when it is unknown, or on
/// `scope` when more than one code is given.
async fn resolve_scope(db: &Db, input: &ScopeInput) -> ApiResult<Scope> {
    let given = [
        input.stadsdeel_code.is_some(),
        input.focus_area_code.is_some(),
        input.wijk_code.is_some(),
    ];
    if given.iter().filter(|&&g| g).count() > 1 {
        return Err(ApiError::bad_input(
            "scope",
            "give at most one of stadsdeelCode, focusAreaCode and wijkCode",
        ));
    }
    if let Some(code) = &input.stadsdeel_code {
        let found = stadsdeel::Entity::find()
            .filter(stadsdeel::Column::Code.eq(code.as_str()))
            .one(db)
            .await?;
        return found
            .map(Scope::Stadsdeel)
            .ok_or_else(|| ApiError::bad_input("scope.stadsdeelCode", "unknown stadsdeel code"));
    }
    if let Some(code) = &input.focus_area_code {
        let found = super::reference::focus_area_by_code(db, code).await?;
        return found
            .map(Scope::FocusArea)
            .ok_or_else(|| ApiError::bad_input("scope.focusAreaCode", "unknown focus area code"));
    }
    if let Some(code) = &input.wijk_code {
        let wijk = super::reference::known_wijk(db, "scope.wijkCode", code).await?;
        return Ok(Scope::Wijk(wijk));
    }
    Ok(Scope::Programme)
}

/// `BAD_USER_INPUT` on `period.to` when the period ends before it starts.
fn check_period(period: Option<Period>) -> ApiResult<Option<Period>> {
    match period {
        Some(p) if p.to < p.from => Err(ApiError::bad_input(
            "period.to",
            "the period ends before it starts",
        )),
        other => Ok(other),
    }
}

/// The projects in the report: readable, in the scope's wijken, running at some time in the
/// period (a project without dates counts as running).
fn project_condition(
    caller: Option<&Principal>,
    scope: &Scope,
    period: Option<Period>,
) -> ApiResult<Condition> {
    let mut condition = policy::project_read_condition(caller)?;
    if let Some(wijken) = scope.wijk_ids() {
        condition = condition.add(
            project::Column::Id.in_subquery(
                project_wijk::Entity::find()
                    .select_only()
                    .column(project_wijk::Column::ProjectId)
                    .filter(project_wijk::Column::WijkId.in_subquery(wijken))
                    .into_query(),
            ),
        );
    }
    if let Some(p) = period {
        condition = condition
            .add(
                Condition::any()
                    .add(project::Column::StartsOn.is_null())
                    .add(project::Column::StartsOn.lte(p.to)),
            )
            .add(
                Condition::any()
                    .add(project::Column::EndsOn.is_null())
                    .add(project::Column::EndsOn.gte(p.from)),
            );
    }
    Ok(condition)
}

/// The signals in the report: readable, from the scope's wijken, reported in the period.
fn signal_condition(
    caller: Option<&Principal>,
    scope: &Scope,
    period: Option<Period>,
) -> ApiResult<Condition> {
    let mut condition = policy::signal_read_condition(caller)?;
    if let Some(wijken) = scope.wijk_ids() {
        condition = condition.add(signal::Column::WijkId.in_subquery(wijken));
    }
    if let Some(p) = period {
        condition = condition.add(signal::Column::CreatedAt.gte(start_of(p.from)));
        if let Some(after) = p.to.checked_add_days(Days::new(1)) {
            condition = condition.add(signal::Column::CreatedAt.lt(start_of(after)));
        }
    }
    Ok(condition)
}

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// The backend's spelling of a signal's report month and of the days from report to last change.
fn signal_sql(backend: DbBackend) -> (&'static str, &'static str) {
    match backend {
        DbBackend::Postgres => (
            "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM')",
            "CAST(EXTRACT(EPOCH FROM (updated_at - created_at)) AS DOUBLE PRECISION) / 86400.0",
        ),
        // Timestamps are stored as `YYYY-MM-DD HH:MM:SS…+00:00` text on SQLite.
        _ => (
            "substr(created_at, 1, 7)",
            "julianday(updated_at) - julianday(created_at)",
        ),
    }
}

#[tracing::instrument(skip_all, fields(
    stadsdeel = scope.stadsdeel_code.as_deref(),
    focus_area = scope.focus_area_code.as_deref(),
    wijk = scope.wijk_code.as_deref(),
))]
pub async fn programme_report(
    db: &Db,
    caller: Option<&Principal>,
    scope: ScopeInput,
    period: Option<Period>,
) -> ApiResult<ProgrammeReport> {
    policy::require_caller(caller)?;
    let period = check_period(period)?;
    let scope = resolve_scope(db, &scope).await?;
    let in_report = project_condition(caller, &scope, period)?;
    let signals_in_report = signal_condition(caller, &scope, period)?;
    let principal = policy::require_caller(caller)?;
    let data_as_of = super::now();

    let projects_by_phase = projects_by_phase(db, in_report.clone()).await?;
    let projects_by_theme = projects_by_theme(db, in_report.clone()).await?;
    let effects = effect_figures(db, in_report.clone()).await?;

    let with_budget = in_report
        .clone()
        .add(policy::project_detail_condition(principal));
    let mut budget = budget_line::Entity::find()
        .filter(budget_line::Column::ProjectId.in_subquery(project_ids(with_budget)));
    if let Some(p) = period {
        budget = budget.filter(budget_line::Column::Year.between(
            chrono::Datelike::year(&p.from),
            chrono::Datelike::year(&p.to),
        ));
    }
    let budget = budget
        .select_only()
        .column(budget_line::Column::Source)
        .column(budget_line::Column::Status)
        .column(budget_line::Column::Year)
        // SUM of a BIGINT is NUMERIC on PostgreSQL; the cast keeps one type on both.
        .column_as(
            Expr::cust("CAST(SUM(amount_cents) AS BIGINT)"),
            "amount_cents",
        )
        .group_by(budget_line::Column::Source)
        .group_by(budget_line::Column::Status)
        .group_by(budget_line::Column::Year)
        .into_model::<BudgetRow>()
        .all(db)
        .await?;

    let (month_sql, days_sql) = signal_sql(db.get_database_backend());
    let signals = signal::Entity::find()
        .filter(signals_in_report.clone())
        .select_only()
        .column_as(Expr::cust(month_sql), "month")
        .column(signal::Column::Theme)
        .column(signal::Column::Urgency)
        .column(signal::Column::Status)
        .column_as(Expr::col(signal::Column::Id).count(), "count")
        .group_by(Expr::cust(month_sql))
        .group_by(signal::Column::Theme)
        .group_by(signal::Column::Urgency)
        .group_by(signal::Column::Status)
        .into_model::<SignalMonthRow>()
        .all(db)
        .await?;
    let median_days_to_close = median_days_to_close(
        db,
        signals_in_report.add(signal::Column::Status.eq(SignalStatus::Closed)),
        days_sql,
    )
    .await?;

    let participation = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.in_subquery(project_ids(in_report.clone())))
        .filter(
            project_participant::Column::Role
                .is_in([ParticipantRole::Lead, ParticipantRole::Contributor]),
        )
        .select_only()
        .column(project_participant::Column::OrganisationId)
        .column_as(count_of_role(ParticipantRole::Lead), "lead")
        .column_as(count_of_role(ParticipantRole::Contributor), "contributor")
        .group_by(project_participant::Column::OrganisationId)
        .into_model::<ParticipationRow>()
        .all(db)
        .await?;

    let continuation = project_continuation::Entity::find()
        .filter(project_continuation::Column::ProjectId.in_subquery(project_ids(in_report.clone())))
        .select_only()
        .column(project_continuation::Column::Status)
        .column_as(
            Expr::col(project_continuation::Column::ProjectId).count(),
            "count",
        )
        .group_by(project_continuation::Column::Status)
        .into_model::<ContinuationCount>()
        .all(db)
        .await?;

    let mut lessons = evaluation::Entity::find()
        .filter(evaluation::Column::ProjectId.in_subquery(project_ids(in_report)))
        .filter(evaluation::Column::IsPublic.eq(true))
        .filter(evaluation::Column::LessonsLearned.ne(""));
    if let Some(p) = period {
        lessons = lessons.filter(evaluation::Column::EvaluatedOn.between(p.from, p.to));
    }
    let lessons = lessons
        .select_only()
        .column(evaluation::Column::ProjectId)
        .column_as(
            Expr::cust("(SELECT p.title FROM project p WHERE p.id = evaluation.project_id)"),
            "project_title",
        )
        .column(evaluation::Column::Kind)
        .column(evaluation::Column::EvaluatedOn)
        .column(evaluation::Column::LessonsLearned)
        .order_by_desc(evaluation::Column::EvaluatedOn)
        .order_by_asc(evaluation::Column::Id)
        .limit(MAX_LESSONS)
        .into_model::<Lesson>()
        .all(db)
        .await?;

    Ok(ProgrammeReport {
        scope,
        period,
        data_as_of,
        projects_by_phase,
        projects_by_theme,
        effects,
        budget,
        signals,
        median_days_to_close,
        participation,
        continuation,
        lessons,
    })
}

/// How many of a group's participations have `role` (the vocabulary's stored spelling, so the
/// literal cannot drift from what is written).
fn count_of_role(role: ParticipantRole) -> Expr {
    Expr::cust(format!(
        "CAST(SUM(CASE WHEN role = '{}' THEN 1 ELSE 0 END) AS BIGINT)",
        role.as_str()
    ))
}

/// Per active effect: projects aiming at it and the observed scores, from one GROUP BY over
/// (effect, score) and one read of the six effects.
async fn effect_figures(db: &Db, in_report: Condition) -> ApiResult<Vec<EffectFigures>> {
    let effects = effect::Entity::find()
        .filter(effect::Column::Active.eq(true))
        .order_by_asc(effect::Column::SortOrder)
        .all(db)
        .await?;
    let rows = effect_assessment::Entity::find()
        .filter(effect_assessment::Column::ProjectId.in_subquery(project_ids(in_report)))
        .select_only()
        .column(effect_assessment::Column::EffectId)
        .column(effect_assessment::Column::ObservedScore)
        .column_as(
            Expr::col(effect_assessment::Column::Id).count(),
            "assessments",
        )
        .column_as(
            Expr::cust("CAST(SUM(CASE WHEN expected_score > 0 THEN 1 ELSE 0 END) AS BIGINT)"),
            "aiming",
        )
        .group_by(effect_assessment::Column::EffectId)
        .group_by(effect_assessment::Column::ObservedScore)
        .into_model::<EffectScoreRow>()
        .all(db)
        .await?;
    Ok(effects
        .into_iter()
        .map(|effect| {
            let mut figures = EffectFigures {
                projects_aiming: 0,
                assessed: 0,
                mean_score: None,
                distribution: [0; 4],
                effect,
            };
            let mut total = 0;
            for row in rows.iter().filter(|r| r.effect_id == figures.effect.id) {
                figures.projects_aiming += row.aiming;
                let Some(score) = row.observed_score else {
                    continue;
                };
                figures.assessed += row.assessments;
                total += i64::from(score) * row.assessments;
                if let Some(slot) = usize::try_from(score)
                    .ok()
                    .and_then(|s| figures.distribution.get_mut(s))
                {
                    *slot += row.assessments;
                }
            }
            if figures.assessed > 0 {
                figures.mean_score = Some(total as f64 / figures.assessed as f64);
            }
            figures
        })
        .collect())
}

/// The median in SQL, so only one number crosses the wire: the durations ranked by a window
/// function (SQLite 3.25+ and PostgreSQL both have `ROW_NUMBER` and `COUNT(*) OVER ()`), then the
/// mean of the middle one or two. A closed signal takes no further status move, so its last change
/// is its closing.
async fn median_days_to_close(
    db: &Db,
    closed: Condition,
    days_sql: &'static str,
) -> ApiResult<Option<f64>> {
    let durations = signal::Entity::find()
        .filter(closed)
        .select_only()
        .column_as(Expr::cust(days_sql), "d")
        .into_query();
    let ranked = Query::select()
        .expr_as(Expr::cust("d"), Alias::new("d"))
        .expr_as(
            Expr::cust("ROW_NUMBER() OVER (ORDER BY d)"),
            Alias::new("rn"),
        )
        .expr_as(Expr::cust("COUNT(*) OVER ()"), Alias::new("n"))
        .from_subquery(durations, Alias::new("durations"))
        .to_owned();
    let median = Query::select()
        .expr_as(
            Expr::cust("CAST(AVG(d) AS DOUBLE PRECISION)"),
            Alias::new("median_days"),
        )
        .from_subquery(ranked, Alias::new("ranked"))
        .and_where(Expr::cust("rn IN ((n + 1) / 2, (n + 2) / 2)"))
        .to_owned();
    let statement = db.get_database_backend().build(&median);
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    Ok(row.try_get::<Option<f64>>("", "median_days")?)
}
