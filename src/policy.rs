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

/// The objects whose fields have rules of their own. Every door that shows such a field (the
/// object's resolvers, a `history` entry) asks the same table, [`field_rules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectType {
    Project,
    MeetingPlace,
    Signal,
}

/// Who may read one field of an object the caller already reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRead {
    /// Whoever reads the object reads the field.
    WithObject,
    /// Only callers the matrix allows this action on the object.
    Needs(Action),
    /// Items marked public go with the object; the others need this action (evaluations).
    PublicItemsOr(Action),
    /// Ids of projects, each shown only where the caller reads that project by
    /// [`project_read_condition`] (links, a signal's or a place's projects).
    ReadableProjects,
}

/// One field of an object: its name in the API, the keys its changes carry in the audit log
/// (what `history` shows), and who may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRule {
    pub field: &'static str,
    pub audit_keys: &'static [&'static str],
    pub read: FieldRead,
}

/// What a caller gets of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldAccess {
    /// All of it.
    Full,
    /// Only the items marked public.
    PublicItems,
    /// Only the ids of projects the caller reads; checking them is the caller's job, in SQL.
    ReadableProjects,
    /// Nothing: the field answers null (or empty) and `history` leaves its changes out.
    Hidden,
}

const fn rule(
    field: &'static str,
    audit_keys: &'static [&'static str],
    read: FieldRead,
) -> FieldRule {
    FieldRule {
        field,
        audit_keys,
        read,
    }
}

use FieldRead::{Needs, PublicItemsOr, ReadableProjects, WithObject};

const PROJECT_FIELDS: &[FieldRule] = &[
    rule("id", &[], WithObject),
    rule("title", &["title"], WithObject),
    rule("summary", &["summary"], WithObject),
    rule("phase", &["phase"], WithObject),
    rule("visibility", &["visibility"], WithObject),
    rule("themes", &["themes"], WithObject),
    rule("targetGroups", &["targetGroups"], WithObject),
    rule("startsOn", &["startsOn"], WithObject),
    rule("endsOn", &["endsOn"], WithObject),
    rule("wijken", &["wijkCodes"], WithObject),
    // Meeting places are public.
    rule("meetingPlaces", &["meetingPlaceIds"], WithObject),
    rule(
        "contact",
        &["contactPersonId"],
        Needs(Action::ReadOrganisations),
    ),
    rule(
        "internalNotes",
        &["internalNotes"],
        Needs(Action::ReadInternalNotes),
    ),
    rule("version", &[], WithObject),
    rule("createdAt", &[], WithObject),
    rule("updatedAt", &[], WithObject),
    rule(
        "participants",
        &["participant", "removedParticipant"],
        WithObject,
    ),
    rule("lead", &[], WithObject),
    rule(
        "budget",
        &["budgetLine", "removedBudgetLine"],
        Needs(Action::ReadProjectBudget),
    ),
    rule("effectAssessments", &["assessment"], WithObject),
    rule("review", &["review"], Needs(Action::ReadReview)),
    rule("continuation", &["continuation"], WithObject),
    rule("links", &["link", "unlinked"], ReadableProjects),
    rule("viewerCan", &[], WithObject),
    rule("history", &[], WithObject),
    rule(
        "evaluations",
        &["evaluation"],
        PublicItemsOr(Action::ReadNonPublicEvaluations),
    ),
];

const MEETING_PLACE_FIELDS: &[FieldRule] = &[
    rule("id", &[], WithObject),
    rule("name", &["name"], WithObject),
    rule("kind", &["kind"], WithObject),
    rule(
        "address",
        &["street", "houseNumber", "postcode", "city"],
        WithObject,
    ),
    rule("coordinates", &["latitude", "longitude"], WithObject),
    rule("wijk", &["wijkId"], WithObject),
    // Organisations are for signed-in callers, and a place is public: its operator is not.
    rule(
        "operator",
        &["operatorOrganisationId"],
        Needs(Action::ReadOrganisations),
    ),
    rule("management", &["management"], WithObject),
    rule("openingHoursPerWeek", &["openingHoursPerWeek"], WithObject),
    rule("capacity", &["capacity"], WithObject),
    rule("accessibility", &[], WithObject),
    rule("projects", &[], ReadableProjects),
    rule("viewerCan", &[], WithObject),
    rule("history", &[], WithObject),
    rule("version", &[], WithObject),
    rule("updatedAt", &[], WithObject),
];

const SIGNAL_FIELDS: &[FieldRule] = &[
    rule("id", &[], WithObject),
    rule("wijk", &["wijkId"], WithObject),
    rule("theme", &["theme"], WithObject),
    rule("title", &["title"], WithObject),
    rule("description", &["description"], WithObject),
    rule(
        "reportingOrganisation",
        &[],
        Needs(Action::ReadOrganisations),
    ),
    rule("urgency", &["urgency"], WithObject),
    rule("status", &["status"], WithObject),
    rule("followUpNote", &["followUpNote"], WithObject),
    rule(
        "internalNotes",
        &["internalNotes"],
        Needs(Action::ReadInternalNotes),
    ),
    rule("projects", &["linkedProject"], ReadableProjects),
    rule("viewerCan", &[], WithObject),
    rule("history", &[], WithObject),
    rule("version", &[], WithObject),
    rule("reportedAt", &[], WithObject),
    rule("updatedAt", &[], WithObject),
];

/// The field rules of an object type, one row per field of its API type.
pub fn field_rules(object: ObjectType) -> &'static [FieldRule] {
    match object {
        ObjectType::Project => PROJECT_FIELDS,
        ObjectType::MeetingPlace => MEETING_PLACE_FIELDS,
        ObjectType::Signal => SIGNAL_FIELDS,
    }
}

/// The rule of the field whose changes the audit log keeps under `key`; `None` for a key no
/// rule names, which `history` must then leave out (deny by default: a part added later cannot
/// leak through history before someone decides who may read it).
pub fn audit_rule(object: ObjectType, key: &str) -> Option<&'static FieldRule> {
    field_rules(object)
        .iter()
        .find(|rule| rule.audit_keys.contains(&key))
}

impl FieldRead {
    /// What this caller gets of a field with this rule, on an object it reads.
    pub fn access(self, caller: Option<&Principal>, target: Target) -> FieldAccess {
        match self {
            WithObject => FieldAccess::Full,
            Needs(action) => {
                if decide(caller, action, target).allowed {
                    FieldAccess::Full
                } else {
                    FieldAccess::Hidden
                }
            }
            PublicItemsOr(action) => {
                if decide(caller, action, target).allowed {
                    FieldAccess::Full
                } else {
                    FieldAccess::PublicItems
                }
            }
            // Anonymous callers read no project at all.
            ReadableProjects if caller.is_none() => FieldAccess::Hidden,
            ReadableProjects => FieldAccess::ReadableProjects,
        }
    }
}

/// What the caller gets of `field` (named as in the API) of an object it reads; a field the
/// table does not name is hidden.
pub fn field_access(
    caller: Option<&Principal>,
    object: ObjectType,
    field: &str,
    target: Target,
) -> FieldAccess {
    field_rules(object)
        .iter()
        .find(|rule| rule.field == field)
        .map_or(FieldAccess::Hidden, |rule| rule.read.access(caller, target))
}

/// Whether the caller may read anything of `field` of an object it reads.
pub fn field_visible(
    caller: Option<&Principal>,
    object: ObjectType,
    field: &str,
    target: Target,
) -> bool {
    field_access(caller, object, field, target) != FieldAccess::Hidden
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
    let live = Condition::all().add(project::Entity::is_live());
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
    let live = Condition::all().add(signal::Entity::is_live());
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

    /// The fields of an object type in the served schema (`schema.graphql` equals it, see the
    /// contract test), so a field added to the API without a rule fails here.
    fn schema_fields(type_name: &str) -> Vec<String> {
        use async_graphql::parser::types::{TypeKind, TypeSystemDefinition};
        let sdl = include_str!("../schema.graphql");
        let document = async_graphql::parser::parse_schema(sdl).expect("schema.graphql parses");
        document
            .definitions
            .into_iter()
            .find_map(|definition| match definition {
                TypeSystemDefinition::Type(ty) if ty.node.name.node == type_name => {
                    match &ty.node.kind {
                        TypeKind::Object(object) => Some(
                            object
                                .fields
                                .iter()
                                .map(|f| f.node.name.node.to_string())
                                .collect(),
                        ),
                        _ => None,
                    }
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no object type {type_name} in schema.graphql"))
    }

    #[test]
    fn every_field_of_the_ruled_types_has_exactly_one_rule() {
        for (object, type_name) in [
            (ObjectType::Project, "Project"),
            (ObjectType::MeetingPlace, "MeetingPlace"),
            (ObjectType::Signal, "Signal"),
        ] {
            let mut fields = schema_fields(type_name);
            fields.sort();
            let mut ruled: Vec<String> = field_rules(object)
                .iter()
                .map(|r| r.field.to_owned())
                .collect();
            ruled.sort();
            assert_eq!(ruled, fields, "{type_name}: one rule per field of the API");
            let mut keys: Vec<&str> = field_rules(object)
                .iter()
                .flat_map(|r| r.audit_keys.iter().copied())
                .collect();
            let count = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(
                keys.len(),
                count,
                "{type_name}: an audit key belongs to one field"
            );
        }
    }

    #[test]
    fn an_audit_key_without_a_rule_is_hidden() {
        assert!(audit_rule(ObjectType::Project, "somethingAddedLater").is_none());
        assert!(audit_rule(ObjectType::Project, "budgetLine").is_some());
        let city = principal(OrganisationKind::CityDepartment, Role::Admin);
        assert_eq!(
            field_access(
                Some(&city),
                ObjectType::Project,
                "noSuchField",
                Target::None
            ),
            FieldAccess::Hidden
        );
    }

    #[test]
    fn field_rules_follow_the_matrix() {
        let partner = principal(OrganisationKind::Partner, Role::Viewer);
        let city = principal(OrganisationKind::CityDepartment, Role::Viewer);
        let shared = |participation| Target::Project {
            visibility: Visibility::Shared,
            participation,
        };
        let project = |caller: &Principal, participation, field| {
            field_access(
                Some(caller),
                ObjectType::Project,
                field,
                shared(participation),
            )
        };
        use FieldAccess::*;
        let cases = [
            ("budget", None, Hidden, Full),
            ("review", None, Hidden, Full),
            ("internalNotes", None, Hidden, Full),
            ("evaluations", None, PublicItems, Full),
            ("links", None, ReadableProjects, ReadableProjects),
            ("title", None, Full, Full),
            ("budget", Some(ParticipantRole::Funder), Full, Full),
            ("review", Some(ParticipantRole::Adviser), Full, Full),
            ("evaluations", Some(ParticipantRole::Adviser), Full, Full),
            ("internalNotes", Some(ParticipantRole::Lead), Hidden, Full),
        ];
        for (field, participation, for_partner, for_city) in cases {
            assert_eq!(
                project(&partner, participation, field),
                for_partner,
                "partner, {field} as {participation:?}"
            );
            assert_eq!(
                project(&city, participation, field),
                for_city,
                "city, {field}"
            );
        }
        let place = Target::OwnedBy(Some(Uuid::from_u128(7)));
        assert!(!field_visible(
            None,
            ObjectType::MeetingPlace,
            "operator",
            place
        ));
        assert!(field_visible(None, ObjectType::MeetingPlace, "name", place));
        assert!(field_visible(
            Some(&partner),
            ObjectType::MeetingPlace,
            "operator",
            place
        ));
        assert_eq!(
            field_access(None, ObjectType::Signal, "projects", place),
            Hidden
        );
    }

    /// `upsertProjects` answers with the project it updated without checking again that the
    /// caller reads it: that holds only while every caller who may update a project reads it.
    #[test]
    fn whoever_may_update_a_project_reads_it() {
        let roles = [
            None,
            Some(ParticipantRole::Lead),
            Some(ParticipantRole::Contributor),
            Some(ParticipantRole::Funder),
            Some(ParticipantRole::Adviser),
        ];
        for kind in [OrganisationKind::CityDepartment, OrganisationKind::Partner] {
            for role in [Role::Admin, Role::Editor, Role::Viewer] {
                let caller = principal(kind, role);
                for visibility in [Visibility::Shared, Visibility::Internal] {
                    for participation in roles {
                        let target = Target::Project {
                            visibility,
                            participation,
                        };
                        if decide(Some(&caller), Action::UpdateProject, target).allowed {
                            assert!(
                                decide(Some(&caller), Action::ReadProject, target).allowed,
                                "{kind:?} {role:?} {visibility:?} {participation:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
