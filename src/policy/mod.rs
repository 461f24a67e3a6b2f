//! The permission matrix of API.md, as code: the one place that decides who may read or do what.
//!
//! Three faces of the same rules: [`decide`] answers "may this caller do this to this object?"
//! (with the rule that decided, for `explainAccess`); [`rows`] turns the read rules into SQL
//! conditions, so lists are filtered by the database and never after a fetch; [`fields`] says
//! which fields of an object a caller reads once it reads the object.

mod fields;
mod rows;
#[cfg(test)]
mod tests;

use entity::{ParticipantRole, Role, Visibility};
use uuid::Uuid;

use crate::{auth::Principal, error::ApiError};

pub use fields::{
    FieldAccess, FieldRead, FieldRule, ObjectType, audit_rule, field_access, field_rules,
    field_visible,
};
pub use rows::{
    ReadScope, project_cases_allowed, project_detail_condition, project_read_condition,
    project_read_condition_in, signal_read_condition,
};

/// Hands the list of actions, one per row of the matrix with its description, to the macro
/// `$then`. It is the one list: [`Action`], [`Action::ALL`] and the API's `AccessAction` (with
/// these descriptions) are all made from it, so an action added here is in all of them and a
/// `match` that forgets it does not build.
macro_rules! with_actions {
    ($then:ident) => {
        $then! {
            /// Read stadsdelen, wijken, effects and meeting places.
            ReadReferenceData,
            /// Read organisations and contact persons.
            ReadOrganisations,
            /// Read a project.
            ReadProject,
            /// Read a project's budget.
            ReadProjectBudget,
            /// Read internal notes of projects and signals.
            ReadInternalNotes,
            /// Create a project.
            CreateProject,
            /// Update a project.
            UpdateProject,
            /// Delete a project, manage its participants, budget, effect assessments and continuation.
            ManageProject,
            /// Add an evaluation to a project.
            AddEvaluation,
            /// Read a project's review.
            ReadReview,
            /// Review a project (the programme office's test).
            ReviewProject,
            /// Read non-public evaluations.
            ReadNonPublicEvaluations,
            /// Create, update or delete a contact person.
            ManageContactPerson,
            /// Create, update or delete a meeting place.
            ManageMeetingPlace,
            /// Report a signal.
            ReportSignal,
            /// Read a signal.
            ReadSignal,
            /// Read signal statistics.
            ReadSignalStatistics,
            /// Change a signal's status (triage, escalate).
            ChangeSignalStatus,
            /// Manage organisations and API clients.
            ManageOrganisations,
            /// Read an organisation's webhooks and their deliveries.
            ReadWebhooks,
            /// Create, update, delete, rotate and replay an organisation's webhooks.
            ManageWebhooks,
        }
    };
}
pub(crate) use with_actions;

macro_rules! action_enum {
    ($($(#[doc = $doc:literal])* $variant:ident,)+) => {
        /// What a caller may want to do; one variant per row of the matrix.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[doc = $doc])* $variant,)+
        }

        impl Action {
            /// Every action, in the order of the matrix.
            pub const ALL: [Action; [$(Action::$variant),+].len()] = [$(Action::$variant),+];
        }
    };
}
with_actions!(action_enum);

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
        ReadWebhooks => {
            if role == Role::Admin && city {
                allow("the programme office (ADMIN) reads every organisation's webhooks")
            } else if owns {
                allow("an organisation's callers read its own webhooks")
            } else {
                deny("webhooks are read by their own organisation and ADMIN only")
            }
        }
        ManageWebhooks => match (role, city) {
            (Role::Admin, true) => {
                allow("the programme office (ADMIN) manages every organisation's webhooks")
            }
            (Role::Viewer, _) => deny("viewers write nothing"),
            _ if owns => allow("editors manage their own organisation's webhooks"),
            _ => deny("editors manage only their own organisation's webhooks"),
        },
    }
}

/// Which webhooks the caller may read, as a SQL condition on `webhook`: all of them for ADMIN,
/// its own organisation's for everyone else signed in.
pub fn webhook_read_condition(caller: Option<&Principal>) -> Result<sea_orm::Condition, ApiError> {
    use sea_orm::ColumnTrait;
    let caller = require_caller(caller)?;
    if decide(Some(caller), Action::ReadWebhooks, Target::None).allowed {
        return Ok(sea_orm::Condition::all());
    }
    Ok(sea_orm::Condition::all()
        .add(entity::webhook::Column::OrganisationId.eq(caller.organisation_id)))
}

/// `Ok(principal)` for a signed-in caller, `UNAUTHENTICATED` otherwise.
pub fn require_caller(caller: Option<&Principal>) -> Result<&Principal, ApiError> {
    caller.ok_or(ApiError::Unauthenticated)
}
