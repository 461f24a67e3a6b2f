//! The field rules: which fields of which object a caller may read, once it reads the object.
//! The object's resolvers, `history`, the answers of upserts and the feed all ask this table.

use super::{Action, Target, decide};
use crate::auth::Principal;

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
