//! The read rules as SQL conditions, so lists are filtered by the database and never after a
//! fetch; they must agree with [`decide`](super::decide) on `ReadProject` and `ReadSignal`.
//! And the project rules enumerated, for a write that checks its right inside its one statement.

use entity::{ParticipantRole, Visibility, project, project_participant, signal};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, Iterable, QueryFilter, QuerySelect, QueryTrait,
};
use uuid::Uuid;

use super::{Action, Target, decide, require_caller};
use crate::{auth::Principal, error::ApiError};

/// Project ids the caller's organisation takes part in, as a sub-select.
fn participating_projects(organisation_id: Uuid) -> sea_orm::sea_query::SelectStatement {
    project_participant::Entity::find()
        .select_only()
        .column(project_participant::Column::ProjectId)
        .filter(project_participant::Column::OrganisationId.eq(organisation_id))
        .into_query()
}

/// All that [`project_read_condition`] takes from a caller: the city reads every live project,
/// an organisation the shared ones and those it takes part in. Two callers with one scope get the
/// same condition, so a statement built for one serves the other (`db::templates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadScope {
    City,
    Organisation(Uuid),
}

impl ReadScope {
    pub fn of(caller: &Principal) -> Self {
        if caller.is_city() {
            Self::City
        } else {
            Self::Organisation(caller.organisation_id)
        }
    }
}

/// Which projects the caller may read, as a SQL condition on `project`.
pub fn project_read_condition(caller: Option<&Principal>) -> Result<Condition, ApiError> {
    let caller = require_caller(caller)?;
    Ok(project_read_condition_in(ReadScope::of(caller)))
}

/// [`project_read_condition`] for a caller of this scope.
pub fn project_read_condition_in(scope: ReadScope) -> Condition {
    let live = Condition::all().add(project::Entity::is_live());
    match scope {
        ReadScope::City => live,
        ReadScope::Organisation(organisation) => live.add(
            Condition::any()
                .add(project::Column::Visibility.eq(Visibility::Shared))
                .add(project::Column::Id.in_subquery(participating_projects(organisation))),
        ),
    }
}

/// Projects whose budget (and review, non-public evaluations) the caller may read.
pub fn project_detail_condition(caller: &Principal) -> Condition {
    if caller.is_city() {
        Condition::all()
    } else {
        Condition::all()
            .add(project::Column::Id.in_subquery(participating_projects(caller.organisation_id)))
    }
}

/// Which signals the caller may read, as a SQL condition on `signal`.
pub fn signal_read_condition(caller: Option<&Principal>) -> Result<Condition, ApiError> {
    let caller = require_caller(caller)?;
    let live = Condition::all().add(signal::Entity::is_live());
    if caller.is_city() {
        return Ok(live);
    }
    Ok(live.add(signal::Column::ReportingOrganisationId.eq(caller.organisation_id)))
}

/// The cases (a project's visibility, the caller organisation's role in it) in which the caller
/// may do every one of `actions` to a project: [`decide`] asked for each case, so a statement
/// that checks the caller's right in the database follows these rules without restating them.
pub fn project_cases_allowed(
    caller: &Principal,
    actions: &[Action],
) -> Vec<(Visibility, Option<ParticipantRole>)> {
    let participations = std::iter::once(None).chain(ParticipantRole::iter().map(Some));
    participations
        .flat_map(|participation| Visibility::iter().map(move |v| (v, participation)))
        .filter(|&(visibility, participation)| {
            actions.iter().all(|&action| {
                let target = Target::Project {
                    visibility,
                    participation,
                };
                decide(Some(caller), action, target).allowed
            })
        })
        .collect()
}
