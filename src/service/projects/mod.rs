//! Projects: the heart of the register. Reads here, every list filtered by the policy in SQL;
//! writes in `write` (the project itself) and one module for each part it holds.

mod access;
pub mod budget;
pub mod continuation;
pub mod evaluations;
pub mod links;
mod one_statement;
pub mod participants;
pub mod review;
pub mod write;

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use entity::{Phase, Theme, project, project_participant, project_theme, project_wijk};
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};
use uuid::Uuid;

use super::{
    Listing, found, like_pattern,
    page::{KeyKind, KeyValue, KeysetOrder, Page, PageArgs},
    reference,
};
use crate::{
    auth::Principal,
    db::{Db, Templates},
    error::{ApiError, ApiResult},
    policy,
};

#[derive(Debug, Default, Clone)]
pub struct ProjectFilter {
    pub wijk_code: Option<String>,
    /// The wijk by id, for callers that hold it already (a wijk's own `projects`).
    pub wijk_id: Option<Uuid>,
    pub phase: Option<Phase>,
    pub theme: Option<Theme>,
    pub organisation_id: Option<Uuid>,
    pub updated_since: Option<DateTime<Utc>>,
    pub search: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectOrderField {
    UpdatedAt,
    Title,
}

pub fn order(field: ProjectOrderField, descending: bool) -> KeysetOrder<project::Column> {
    let (name, key, kind) = match field {
        ProjectOrderField::UpdatedAt => ("UPDATED_AT", project::Column::UpdatedAt, KeyKind::Time),
        ProjectOrderField::Title => ("TITLE", project::Column::Title, KeyKind::Text),
    };
    KeysetOrder {
        name,
        key,
        kind,
        id: project::Column::Id,
        descending,
    }
}

fn sort_key(field: ProjectOrderField, p: &project::Model) -> (KeyValue, Uuid) {
    match field {
        ProjectOrderField::UpdatedAt => (KeyValue::time(p.updated_at), p.id),
        ProjectOrderField::Title => (KeyValue::Text(p.title.clone()), p.id),
    }
}

#[tracing::instrument(skip_all)]
pub async fn list(
    db: &Db,
    caller: Option<&Principal>,
    filter: &ProjectFilter,
    field: ProjectOrderField,
    descending: bool,
    page: &PageArgs,
) -> ApiResult<Listing<project::Entity>> {
    let mut base = project::Entity::find().filter(policy::project_read_condition(caller)?);
    let mut wijk_id = filter.wijk_id;
    if let Some(code) = filter.wijk_code.as_ref().filter(|_| wijk_id.is_none()) {
        wijk_id = Some(reference::known_wijk(db, "filter.wijkCode", code).await?.id);
    }
    if let Some(phase) = filter.phase {
        base = base.filter(project::Column::Phase.eq(phase));
    }
    if let Some(theme) = filter.theme {
        base = base.filter(with_theme(theme));
    }
    if let Some(org) = filter.organisation_id {
        base = base.filter(
            project::Column::Id.in_subquery(
                project_participant::Entity::find()
                    .select_only()
                    .column(project_participant::Column::ProjectId)
                    .filter(project_participant::Column::OrganisationId.eq(org))
                    .into_query(),
            ),
        );
    }
    if let Some(since) = filter.updated_since {
        base = base.filter(project::Column::UpdatedAt.gte(since));
    }
    if let Some(term) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if term.chars().count() > 200 {
            return Err(ApiError::bad_input(
                "filter.search",
                "search text must be at most 200 characters",
            ));
        }
        let pattern = like_pattern(term);
        let matches = |column: project::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        base = base.filter(
            sea_orm::Condition::any()
                .add(matches(project::Column::Title))
                .add(matches(project::Column::Summary)),
        );
    }
    let order = order(field, descending);
    let counted = match wijk_id {
        Some(wijk) => base.clone().filter(in_wijk(wijk)),
        None => base.clone(),
    };
    let rows = match (wijk_id, field) {
        // A wijk's projects by last change come from the index on `project_wijk`.
        (Some(wijk), ProjectOrderField::UpdatedAt) => {
            let via_wijk = project::Entity::belongs_to(project_wijk::Entity)
                .from(project::Column::Id)
                .to(project_wijk::Column::ProjectId)
                .into();
            let select = base
                .join(JoinType::InnerJoin, via_wijk)
                .filter(project_wijk::Column::WijkId.eq(wijk));
            order
                .apply_via(
                    select,
                    page,
                    project_wijk::Column::ProjectUpdatedAt,
                    project_wijk::Column::ProjectId,
                )?
                .all(db)
                .await?
        }
        _ => order.apply(counted.clone(), page)?.all(db).await?,
    };
    Ok(Listing {
        page: Page::from_rows(rows, page, &order, |p| sort_key(field, p)),
        count: counted,
    })
}

/// Projects with a theme, as a condition on `project`.
pub fn with_theme(theme: entity::Theme) -> sea_orm::sea_query::SimpleExpr {
    project::Column::Id.in_subquery(
        project_theme::Entity::find()
            .select_only()
            .column(project_theme::Column::ProjectId)
            .filter(project_theme::Column::Theme.eq(theme))
            .into_query(),
    )
}

/// Projects running in a wijk, as a condition on `project`.
pub fn in_wijk(wijk_id: Uuid) -> sea_orm::sea_query::SimpleExpr {
    project::Column::Id.in_subquery(
        project_wijk::Entity::find()
            .select_only()
            .column(project_wijk::Column::ProjectId)
            .filter(project_wijk::Column::WijkId.eq(wijk_id))
            .into_query(),
    )
}

/// The statements of [`get_with_wijken`], one per database kind (PostgreSQL or not) and read
/// scope: the text depends on nothing else, so one built statement serves every lookup of them.
static LOOKUPS: LazyLock<Templates<(bool, policy::ReadScope)>> = LazyLock::new(Templates::default);

/// A project the caller may read, with the ids of its wijken, in one statement: a lookup asks
/// for both, and a second round trip for the wijken was a third of its database time.
/// `NOT_FOUND` when it does not exist *or* the caller may not read it.
#[tracing::instrument(skip_all, fields(project = %id))]
pub async fn get_with_wijken(
    db: &Db,
    caller: Option<&Principal>,
    id: Uuid,
) -> ApiResult<(project::Model, Vec<Uuid>)> {
    use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult};
    let backend = db.get_database_backend();
    let postgres = backend == DbBackend::Postgres;
    let scope = policy::ReadScope::of(policy::require_caller(caller)?);
    // PostgreSQL writes a uuid as text; SQLite keeps it as 16 bytes, written here in hex.
    let wijk_ids = if postgres {
        "(SELECT string_agg(w.wijk_id::text, ',') FROM project_wijk w WHERE w.project_id = project.id)"
    } else {
        "(SELECT group_concat(hex(w.wijk_id), ',') FROM project_wijk w WHERE w.project_id = project.id)"
    };
    let statement = LOOKUPS.with_id(&(postgres, scope), id, |id| {
        Ok::<_, ApiError>(
            project::Entity::find_by_id(id)
                .filter(policy::project_read_condition_in(scope))
                .expr_as(Expr::cust(wijk_ids), "wijk_ids")
                .build(backend),
        )
    })?;
    let row = db
        .query_one_raw(statement)
        .await?
        .ok_or(ApiError::NotFound)?;
    let project = project::Model::from_query_result(&row, "")?;
    let listed: Option<String> = row.try_get("", "wijk_ids")?;
    let wijken = listed
        .iter()
        .flat_map(|list| list.split(','))
        .map(|id| {
            Uuid::parse_str(id)
                .map_err(|e| ApiError::Internal(format!("a wijk id `{id}` in the database: {e}")))
        })
        .collect::<ApiResult<Vec<Uuid>>>()?;
    Ok((project, wijken))
}

pub async fn get(db: &Db, caller: Option<&Principal>, id: Uuid) -> ApiResult<project::Model> {
    found(
        db,
        project::Entity::find_by_id(id).filter(policy::project_read_condition(caller)?),
    )
    .await
}
