//! Exports of projects and signals for staff and partners' analysts: the rows a list would give
//! the caller (the policy's SQL conditions), each cell shown or left empty by the policy's field
//! rules, read in keyset pages so an export of any size holds one page in memory.
//!
//! This module produces typed cells; how they become a file (XLSX, CSV) is the edge's business.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    BudgetStatus, ParticipantRole, Phase, Theme, budget_line, organisation, project,
    project_participant, project_theme, project_wijk, signal, wijk,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use uuid::Uuid;

use super::{reference, signals::SignalFilter};
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{self, Action, FieldAccess, ObjectType, Target},
};

/// Rows read per statement: large enough that 100,000 rows take a few hundred round trips,
/// small enough that a page is a few hundred kilobytes.
pub const PAGE_ROWS: u64 = 500;

/// The language of the column headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Dutch, for the programme office's staff.
    #[default]
    Dutch,
    English,
}

impl Language {
    /// `nl` or `en`; anything else is refused with the field it came in.
    pub fn parse(value: &str, field: &str) -> ApiResult<Self> {
        match value.to_ascii_lowercase().as_str() {
            "nl" => Ok(Self::Dutch),
            "en" => Ok(Self::English),
            _ => Err(ApiError::bad_input(field, "the language is `nl` or `en`")),
        }
    }
}

/// What a cell holds, typed, so a spreadsheet gets numbers and dates rather than text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// An amount in euro cents.
    Euro(i64),
    Date(NaiveDate),
    Time(DateTime<Utc>),
}

impl Cell {
    fn text(value: impl Into<String>) -> Self {
        Self::Text(value.into())
    }

    fn optional(value: Option<impl Into<String>>) -> Self {
        value.map_or(Self::Empty, |v| Self::Text(v.into()))
    }
}

/// A column: its header in each language, and its kind (for the width and format of XLSX).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub dutch: &'static str,
    pub english: &'static str,
    /// A width in characters that fits most values.
    pub width: u16,
}

impl Column {
    pub fn header(&self, language: Language) -> &'static str {
        match language {
            Language::Dutch => self.dutch,
            Language::English => self.english,
        }
    }
}

const fn column(dutch: &'static str, english: &'static str, width: u16) -> Column {
    Column {
        dutch,
        english,
        width,
    }
}

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Projects,
    Signals,
}

impl Dataset {
    pub fn columns(self) -> &'static [Column] {
        match self {
            Self::Projects => PROJECT_COLUMNS,
            Self::Signals => SIGNAL_COLUMNS,
        }
    }

    /// The stem of the file name and the sheet's name.
    pub fn name(self, language: Language) -> &'static str {
        match (self, language) {
            (Self::Projects, Language::Dutch) => "projecten",
            (Self::Projects, Language::English) => "projects",
            (Self::Signals, Language::Dutch) => "signalen",
            (Self::Signals, Language::English) => "signals",
        }
    }
}

const PROJECT_COLUMNS: &[Column] = &[
    column("ID", "ID", 38),
    column("Titel", "Title", 40),
    column("Fase", "Phase", 12),
    column("Zichtbaarheid", "Visibility", 14),
    column("Thema's", "Themes", 30),
    column("Wijken", "Wijken", 24),
    column("Startdatum", "Starts on", 12),
    column("Einddatum", "Ends on", 12),
    column("Penvoerder", "Lead", 30),
    column("Begroting totaal", "Budget total", 16),
    column("Interne notities", "Internal notes", 40),
    column("Versie", "Version", 8),
    column("Laatst gewijzigd", "Updated at", 20),
];

const SIGNAL_COLUMNS: &[Column] = &[
    column("ID", "ID", 38),
    column("Gemeld op", "Reported at", 20),
    column("Wijk", "Wijk", 10),
    column("Thema", "Theme", 22),
    column("Titel", "Title", 40),
    column("Beschrijving", "Description", 50),
    column("Urgentie", "Urgency", 10),
    column("Status", "Status", 16),
    column("Opvolging", "Follow-up note", 40),
    column("Melder", "Reported by", 30),
    column("Interne notities", "Internal notes", 40),
    column("Laatst gewijzigd", "Updated at", 20),
];

/// The filters of a projects export, as the `projects` list takes them.
#[derive(Debug, Default, Clone)]
pub struct ProjectExportFilter {
    pub wijk_code: Option<String>,
    pub phase: Option<Phase>,
    pub theme: Option<Theme>,
}

/// Names of the small reference tables, loaded once per export (a few hundred rows at most).
struct Names {
    wijken: HashMap<Uuid, String>,
    organisations: HashMap<Uuid, String>,
}

impl Names {
    async fn load(db: &Db) -> ApiResult<Self> {
        let wijken = wijk::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|w| (w.id, w.code))
            .collect();
        let organisations = organisation::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        Ok(Self {
            wijken,
            organisations,
        })
    }
}

async fn wijk_id(db: &Db, code: Option<&str>) -> ApiResult<Option<Uuid>> {
    let Some(code) = code else {
        return Ok(None);
    };
    Ok(Some(reference::known_wijk(db, "wijk", code).await?.id))
}

/// The page of `select` that follows the row `after`, in the order of `id`.
async fn page_after<E: EntityTrait>(
    db: &Db,
    select: &Select<E>,
    id: E::Column,
    after: Option<Uuid>,
) -> ApiResult<Vec<E::Model>> {
    let mut select = select.clone();
    if let Some(after) = after {
        select = select.filter(id.gt(after));
    }
    Ok(select.order_by_asc(id).limit(PAGE_ROWS).all(db).await?)
}

/// An export being read, one page at a time.
pub struct Export {
    db: Db,
    caller: Principal,
    source: Source,
    names: Names,
    after: Option<Uuid>,
    done: bool,
}

enum Source {
    Projects(Select<project::Entity>),
    Signals(Select<signal::Entity>),
}

impl Export {
    /// Checks the filters and the caller's right to read the rows; nothing is read yet but the
    /// names of wijken and organisations.
    #[tracing::instrument(skip_all, fields(organisation = %caller.organisation_id))]
    pub async fn projects(
        db: &Db,
        caller: &Principal,
        filter: &ProjectExportFilter,
    ) -> ApiResult<Self> {
        let mut select =
            project::Entity::find().filter(policy::project_read_condition(Some(caller))?);
        if let Some(wijk) = wijk_id(db, filter.wijk_code.as_deref()).await? {
            select = select.filter(super::projects::in_wijk(wijk));
        }
        if let Some(phase) = filter.phase {
            select = select.filter(project::Column::Phase.eq(phase));
        }
        if let Some(theme) = filter.theme {
            select = select.filter(super::projects::with_theme(theme));
        }
        Self::open(db, caller, Source::Projects(select)).await
    }

    /// Like [`Export::projects`], for signals.
    #[tracing::instrument(skip_all, fields(organisation = %caller.organisation_id))]
    pub async fn signals(db: &Db, caller: &Principal, filter: &SignalFilter) -> ApiResult<Self> {
        // The same filters as the `signals` list; only the name of a wrong wijk differs.
        let select = super::signals::filtered(
            db,
            signal::Entity::find().filter(policy::signal_read_condition(Some(caller))?),
            filter,
            "wijk",
        )
        .await?;
        Self::open(db, caller, Source::Signals(select)).await
    }

    async fn open(db: &Db, caller: &Principal, source: Source) -> ApiResult<Self> {
        Ok(Self {
            names: Names::load(db).await?,
            db: db.clone(),
            caller: caller.clone(),
            source,
            after: None,
            done: false,
        })
    }

    /// The next page of rows, `None` after the last. Pages follow the id (UUIDv7, so roughly
    /// the order of creation): a keyset on the primary key, never OFFSET.
    pub async fn next_page(&mut self) -> ApiResult<Option<Vec<Vec<Cell>>>> {
        if self.done {
            return Ok(None);
        }
        let rows = match &self.source {
            Source::Projects(select) => {
                let page = page_after(&self.db, select, project::Column::Id, self.after).await?;
                self.after = page.last().map(|p| p.id);
                self.done = (page.len() as u64) < PAGE_ROWS;
                self.project_rows(page).await?
            }
            Source::Signals(select) => {
                let page = page_after(&self.db, select, signal::Column::Id, self.after).await?;
                self.after = page.last().map(|s| s.id);
                self.done = (page.len() as u64) < PAGE_ROWS;
                page.into_iter().map(|s| self.signal_row(s)).collect()
            }
        };
        if rows.is_empty() {
            self.done = true;
            return Ok(None);
        }
        Ok(Some(rows))
    }

    /// A page of projects as rows: their themes, wijken, participants and budget totals read in
    /// one statement each for the whole page.
    async fn project_rows(&self, page: Vec<project::Model>) -> ApiResult<Vec<Vec<Cell>>> {
        let ids: Vec<Uuid> = page.iter().map(|p| p.id).collect();
        let mut themes: HashMap<Uuid, Vec<Theme>> = HashMap::new();
        for row in project_theme::Entity::find()
            .filter(project_theme::Column::ProjectId.is_in(ids.clone()))
            .all(&self.db)
            .await?
        {
            themes.entry(row.project_id).or_default().push(row.theme);
        }
        let mut wijken: HashMap<Uuid, Vec<&str>> = HashMap::new();
        for row in project_wijk::Entity::find()
            .filter(project_wijk::Column::ProjectId.is_in(ids.clone()))
            .all(&self.db)
            .await?
        {
            if let Some(code) = self.names.wijken.get(&row.wijk_id) {
                wijken.entry(row.project_id).or_default().push(code);
            }
        }
        let mut participants: HashMap<Uuid, Vec<project_participant::Model>> = HashMap::new();
        for row in project_participant::Entity::find()
            .filter(project_participant::Column::ProjectId.is_in(ids))
            .all(&self.db)
            .await?
        {
            participants.entry(row.project_id).or_default().push(row);
        }
        let caller = Some(&self.caller);
        let access = |project: &project::Model, field: &str| {
            let participation = participants.get(&project.id).and_then(|ps| {
                ps.iter()
                    .find(|p| p.organisation_id == self.caller.organisation_id)
                    .map(|p| p.role)
            });
            let target = Target::Project {
                visibility: project.visibility,
                participation,
            };
            policy::field_access(caller, ObjectType::Project, field, target)
        };
        // Budgets only of the projects whose budget the caller reads.
        let with_budget: Vec<Uuid> = page
            .iter()
            .filter(|p| access(p, "budget") == FieldAccess::Full)
            .map(|p| p.id)
            .collect();
        let totals = budget_totals(&self.db, with_budget).await?;
        let organisations_readable =
            policy::decide(caller, Action::ReadOrganisations, Target::None).allowed;
        let rows = page
            .iter()
            .map(|p| {
                let mut themes: Vec<&str> = themes
                    .get(&p.id)
                    .map(|t| t.iter().map(|t| t.as_str()).collect())
                    .unwrap_or_default();
                themes.sort_unstable();
                let mut codes = wijken.get(&p.id).cloned().unwrap_or_default();
                codes.sort_unstable();
                let lead = participants
                    .get(&p.id)
                    .and_then(|ps| ps.iter().find(|x| x.role == ParticipantRole::Lead))
                    .filter(|_| organisations_readable)
                    .and_then(|lead| self.names.organisations.get(&lead.organisation_id));
                let budget = if access(p, "budget") == FieldAccess::Full {
                    Cell::Euro(totals.get(&p.id).copied().unwrap_or(0))
                } else {
                    Cell::Empty
                };
                let notes = if access(p, "internalNotes") == FieldAccess::Full {
                    Cell::optional(p.internal_notes.clone())
                } else {
                    Cell::Empty
                };
                vec![
                    Cell::text(p.id.to_string()),
                    Cell::text(p.title.clone()),
                    Cell::text(p.phase.as_str()),
                    Cell::text(p.visibility.as_str()),
                    Cell::text(themes.join(", ")),
                    Cell::text(codes.join(", ")),
                    p.starts_on.map_or(Cell::Empty, Cell::Date),
                    p.ends_on.map_or(Cell::Empty, Cell::Date),
                    Cell::optional(lead.cloned()),
                    budget,
                    notes,
                    Cell::Integer(i64::from(p.version)),
                    Cell::Time(p.updated_at),
                ]
            })
            .collect();
        Ok(rows)
    }

    fn signal_row(&self, s: signal::Model) -> Vec<Cell> {
        let caller = Some(&self.caller);
        let target = Target::OwnedBy(Some(s.reporting_organisation_id));
        let visible = |field| policy::field_visible(caller, ObjectType::Signal, field, target);
        let reporter = if visible("reportingOrganisation") {
            Cell::optional(
                self.names
                    .organisations
                    .get(&s.reporting_organisation_id)
                    .cloned(),
            )
        } else {
            Cell::Empty
        };
        let notes = if visible("internalNotes") {
            Cell::optional(s.internal_notes)
        } else {
            Cell::Empty
        };
        vec![
            Cell::text(s.id.to_string()),
            Cell::Time(s.created_at),
            Cell::optional(self.names.wijken.get(&s.wijk_id).cloned()),
            Cell::text(s.theme.as_str()),
            Cell::text(s.title),
            Cell::text(s.description),
            Cell::text(s.urgency.as_str()),
            Cell::text(s.status.as_str()),
            Cell::optional(s.follow_up_note),
            reporter,
            notes,
            Cell::Time(s.updated_at),
        ]
    }
}

/// The sum of each project's budget lines except rejected ones (as the API's `budget.total`), in
/// cents: the page's lines in one statement, summed here (a handful per project; no numeric type
/// differences between the backends to bridge).
async fn budget_totals(db: &Db, ids: Vec<Uuid>) -> ApiResult<HashMap<Uuid, i64>> {
    let mut totals = HashMap::new();
    if ids.is_empty() {
        return Ok(totals);
    }
    for line in budget_line::Entity::find()
        .filter(budget_line::Column::ProjectId.is_in(ids))
        .filter(budget_line::Column::Status.ne(BudgetStatus::Rejected))
        .all(db)
        .await?
    {
        *totals.entry(line.project_id).or_insert(0i64) += line.amount_cents;
    }
    Ok(totals)
}
