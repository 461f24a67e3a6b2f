//! The permission matrix of API.md, as code: the one place that decides who may read or do what.
//!
//! Two faces of the same rules: [`decide`] answers "may this caller do this to this object?"
//! (with the rule that decided, for `explainAccess`), and the `*_condition` functions turn the
//! read rules into SQL conditions, so lists are filtered by the database and never after a fetch.

use entity::{ParticipantRole, Role, Visibility, project, project_participant, signal};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use uuid::Uuid;

use crate::{auth::Principal, error::ApiError};

/// What a caller may want to do; one variant per row of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ReadReferenceData,
    ReadOrganisations,
    ReadProject,
    ReadProjectBudget,
    ReadInternalNotes,
    CreateProject,
    UpdateProject,
    /// Delete a project, manage its participants, budget, effect assessments, continuation.
    ManageProject,
    AddEvaluation,
    ReadReview,
    ReviewProject,
    ReadNonPublicEvaluations,
    ManageContactPerson,
    ManageMeetingPlace,
    ReportSignal,
    ReadSignal,
    ReadSignalStatistics,
    ChangeSignalStatus,
    ManageOrganisations,
}

impl Action {
    pub const ALL: [Action; 19] = [
        Action::ReadReferenceData,
        Action::ReadOrganisations,
        Action::ReadProject,
        Action::ReadProjectBudget,
        Action::ReadInternalNotes,
        Action::CreateProject,
        Action::UpdateProject,
        Action::ManageProject,
        Action::AddEvaluation,
        Action::ReadReview,
        Action::ReviewProject,
        Action::ReadNonPublicEvaluations,
        Action::ManageContactPerson,
        Action::ManageMeetingPlace,
        Action::ReportSignal,
        Action::ReadSignal,
        Action::ReadSignalStatistics,
        Action::ChangeSignalStatus,
        Action::ManageOrganisations,
    ];
}

/// What the rules need to know about the object acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    None,
    Project {
        visibility: Visibility,
        /// The caller organisation's role in the project, if it takes part.
        participation: Option<ParticipantRole>,
    },
    /// An object owned by one organisation: a contact person's organisation, a meeting place's
    /// operator, a signal's reporter.
    OwnedBy(Option<Uuid>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// The rule of the matrix that decided, in words an administrator can pass on.
    pub rule: &'static str,
}

const fn allow(rule: &'static str) -> Decision {
    Decision {
        allowed: true,
        rule,
    }
}

const fn deny(rule: &'static str) -> Decision {
    Decision {
        allowed: false,
        rule,
    }
}

/// The permission matrix. `caller` is `None` for an anonymous request.
pub fn decide(caller: Option<&Principal>, action: Action, target: Target) -> Decision {
    use Action::*;
    if action == ReadReferenceData {
        return allow("public reference data: everyone may read it");
    }
    let Some(caller) = caller else {
        return deny("anonymous callers see public reference data only");
    };
    let city = caller.is_city();
    let role = caller.role;
    let writer = matches!(role, Role::Admin | Role::Editor);
    let participation = match target {
        Target::Project { participation, .. } => participation,
        _ => None,
    };
    let owns = matches!(target, Target::OwnedBy(Some(owner)) if owner == caller.organisation_id);

    match action {
        ReadReferenceData => allow("public reference data: everyone may read it"),
        ReadOrganisations => allow("every signed-in caller may read organisations and contacts"),
        ReadProject => match target {
            Target::Project {
                visibility: Visibility::Shared,
                ..
            } => allow("SHARED projects are readable by every signed-in caller"),
            _ if city => allow("city callers read every project"),
            _ if participation.is_some() => {
                allow("partners read INTERNAL projects their organisation takes part in")
            }
            _ => deny("INTERNAL projects are for their participants and the city"),
        },
        ReadProjectBudget | ReadReview | ReadNonPublicEvaluations => {
            if city {
                allow("city callers read budgets, reviews and evaluations")
            } else if participation.is_some() {
                allow(
                    "partners read budgets, reviews and evaluations of projects they take part in",
                )
            } else {
                deny(
                    "budgets, reviews and non-public evaluations are for participants and the city",
                )
            }
        }
        ReadInternalNotes => {
            if city {
                allow("internal notes are for the city")
            } else {
                deny("internal notes are for the city only")
            }
        }
        CreateProject => {
            if writer {
                allow("editors create projects (a partner's organisation becomes LEAD)")
            } else {
                deny("viewers write nothing")
            }
        }
        UpdateProject => match (writer, city, participation) {
            (false, _, _) => deny("viewers write nothing"),
            (true, true, _) => allow("city editors update every project"),
            (true, false, Some(ParticipantRole::Lead | ParticipantRole::Contributor)) => {
                allow("partner editors update projects their organisation leads or contributes to")
            }
            _ => deny(
                "partner editors update only projects their organisation leads or contributes to",
            ),
        },
        ManageProject => match (writer, city, participation) {
            (false, _, _) => deny("viewers write nothing"),
            (true, true, _) => allow("city editors manage every project"),
            (true, false, Some(ParticipantRole::Lead)) => {
                allow("the LEAD organisation's editors manage the project")
            }
            _ => deny("only the LEAD organisation's editors manage a project"),
        },
        AddEvaluation => match (writer, city, participation) {
            (false, _, _) => deny("viewers write nothing"),
            (true, true, _) => allow("city editors add evaluations"),
            (true, false, Some(_)) => allow("participants' editors add evaluations"),
            _ => deny("only participants add evaluations"),
        },
        ReviewProject => {
            if city && writer {
                allow("the programme office and city editors review projects")
            } else {
                deny("only the city reviews projects")
            }
        }
        ManageContactPerson | ManageMeetingPlace => match (writer, city) {
            (false, _) => deny("viewers write nothing"),
            (true, true) => allow("city editors manage contact persons and meeting places"),
            (true, false) if owns => allow(
                "partner editors manage their own contact persons and the places they operate",
            ),
            _ => deny(
                "partner editors manage only their own contact persons and the places they operate",
            ),
        },
        ReportSignal => {
            if writer {
                allow("editors report signals")
            } else {
                deny("viewers write nothing")
            }
        }
        ReadSignal => {
            if city {
                allow("city callers read every signal")
            } else if owns {
                allow("partners read the signals their organisation reported")
            } else {
                deny("partners read only the signals their organisation reported")
            }
        }
        ReadSignalStatistics => allow("every signed-in caller reads signal statistics"),
        ChangeSignalStatus => {
            if city && writer {
                allow("city editors triage and escalate signals")
            } else {
                deny("only city editors change a signal's status")
            }
        }
        ManageOrganisations => {
            if role == Role::Admin && city {
                allow("the programme office (ADMIN) manages organisations and API clients")
            } else {
                deny("only ADMIN manages organisations and API clients")
            }
        }
    }
}

/// `Ok(principal)` for a signed-in caller, `UNAUTHENTICATED` otherwise.
pub fn require_caller(caller: Option<&Principal>) -> Result<&Principal, ApiError> {
    caller.ok_or(ApiError::Unauthenticated)
}

/// Project ids the caller's organisation takes part in, as a sub-select.
fn participating_projects(organisation_id: Uuid) -> sea_orm::sea_query::SelectStatement {
    project_participant::Entity::find()
        .select_only()
        .column(project_participant::Column::ProjectId)
        .filter(project_participant::Column::OrganisationId.eq(organisation_id))
        .into_query()
}

/// Which projects the caller may read, as a SQL condition on `project`.
pub fn project_read_condition(caller: Option<&Principal>) -> Result<Condition, ApiError> {
    let caller = require_caller(caller)?;
    let live = Condition::all().add(project::Column::DeletedAt.is_null());
    if caller.is_city() {
        return Ok(live);
    }
    Ok(live.add(
        Condition::any()
            .add(project::Column::Visibility.eq(Visibility::Shared))
            .add(project::Column::Id.in_subquery(participating_projects(caller.organisation_id))),
    ))
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
    let live = Condition::all().add(signal::Column::DeletedAt.is_null());
    if caller.is_city() {
        return Ok(live);
    }
    Ok(live.add(signal::Column::ReportingOrganisationId.eq(caller.organisation_id)))
}

#[cfg(test)]
mod tests {
    use entity::OrganisationKind;

    use super::*;

    fn principal(kind: OrganisationKind, role: Role) -> Principal {
        Principal {
            subject: "test".into(),
            organisation_id: Uuid::from_u128(1),
            organisation_code: "org".into(),
            organisation_kind: kind,
            role,
            client: None,
        }
    }

    #[test]
    fn anonymous_callers_read_reference_data_only() {
        for action in Action::ALL {
            let decision = decide(None, action, Target::None);
            assert_eq!(
                decision.allowed,
                action == Action::ReadReferenceData,
                "{action:?}"
            );
        }
    }

    #[test]
    fn viewers_write_nothing() {
        let writes = [
            Action::CreateProject,
            Action::UpdateProject,
            Action::ManageProject,
            Action::AddEvaluation,
            Action::ReviewProject,
            Action::ManageContactPerson,
            Action::ManageMeetingPlace,
            Action::ReportSignal,
            Action::ChangeSignalStatus,
            Action::ManageOrganisations,
        ];
        for kind in [OrganisationKind::CityDepartment, OrganisationKind::Partner] {
            let viewer = principal(kind, Role::Viewer);
            for action in writes {
                for target in [
                    Target::None,
                    Target::OwnedBy(Some(viewer.organisation_id)),
                    Target::Project {
                        visibility: Visibility::Shared,
                        participation: Some(ParticipantRole::Lead),
                    },
                ] {
                    assert!(
                        !decide(Some(&viewer), action, target).allowed,
                        "{kind:?} {action:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn partner_rights_follow_participation() {
        let editor = principal(OrganisationKind::Partner, Role::Editor);
        let project = |participation| Target::Project {
            visibility: Visibility::Internal,
            participation,
        };
        let cases = [
            (Action::ReadProject, None, false),
            (Action::ReadProject, Some(ParticipantRole::Adviser), true),
            (Action::ReadProjectBudget, None, false),
            (
                Action::ReadProjectBudget,
                Some(ParticipantRole::Funder),
                true,
            ),
            (
                Action::UpdateProject,
                Some(ParticipantRole::Contributor),
                true,
            ),
            (Action::UpdateProject, Some(ParticipantRole::Funder), false),
            (Action::ManageProject, Some(ParticipantRole::Lead), true),
            (
                Action::ManageProject,
                Some(ParticipantRole::Contributor),
                false,
            ),
            (Action::AddEvaluation, Some(ParticipantRole::Adviser), true),
            (Action::AddEvaluation, None, false),
            (Action::ReviewProject, Some(ParticipantRole::Lead), false),
            (
                Action::ReadInternalNotes,
                Some(ParticipantRole::Lead),
                false,
            ),
        ];
        for (action, participation, allowed) in cases {
            assert_eq!(
                decide(Some(&editor), action, project(participation)).allowed,
                allowed,
                "{action:?} as {participation:?}"
            );
        }
    }

    #[test]
    fn admin_is_for_the_city_only() {
        let city_admin = principal(OrganisationKind::CityDepartment, Role::Admin);
        let city_editor = principal(OrganisationKind::CityDepartment, Role::Editor);
        assert!(decide(Some(&city_admin), Action::ManageOrganisations, Target::None).allowed);
        assert!(
            !decide(
                Some(&city_editor),
                Action::ManageOrganisations,
                Target::None
            )
            .allowed
        );
    }
}
