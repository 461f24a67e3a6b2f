//! The matrix over every role, organisation kind and ownership, and the field table against the
//! served schema.

use entity::{OrganisationKind, ParticipantRole, Role, Visibility};
use uuid::Uuid;

use super::*;
use crate::auth::Principal;

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
        Action::ManageWebhooks,
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
    let sdl = include_str!("../../schema.graphql");
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

/// Webhooks over every role, organisation kind and ownership: an organisation's EDITOR manages
/// its own, its VIEWER reads them, ADMIN manages every organisation's, nobody else sees them.
#[test]
fn webhooks_belong_to_their_organisation_and_the_programme_office() {
    let own = Target::OwnedBy(Some(Uuid::from_u128(1)));
    let other = Target::OwnedBy(Some(Uuid::from_u128(2)));
    // (kind, role, target, read, manage)
    let cases = [
        (OrganisationKind::Partner, Role::Editor, own, true, true),
        (OrganisationKind::Partner, Role::Editor, other, false, false),
        (OrganisationKind::Partner, Role::Viewer, own, true, false),
        (OrganisationKind::Partner, Role::Viewer, other, false, false),
        (
            OrganisationKind::CityDepartment,
            Role::Editor,
            own,
            true,
            true,
        ),
        (
            OrganisationKind::CityDepartment,
            Role::Editor,
            other,
            false,
            false,
        ),
        (
            OrganisationKind::CityDepartment,
            Role::Viewer,
            own,
            true,
            false,
        ),
        (
            OrganisationKind::CityDepartment,
            Role::Viewer,
            other,
            false,
            false,
        ),
        (
            OrganisationKind::CityDepartment,
            Role::Admin,
            own,
            true,
            true,
        ),
        (
            OrganisationKind::CityDepartment,
            Role::Admin,
            other,
            true,
            true,
        ),
        (
            OrganisationKind::CityDepartment,
            Role::Admin,
            Target::None,
            true,
            true,
        ),
        (
            OrganisationKind::Partner,
            Role::Editor,
            Target::None,
            false,
            false,
        ),
    ];
    for (kind, role, target, read, manage) in cases {
        let caller = principal(kind, role);
        assert_eq!(
            decide(Some(&caller), Action::ReadWebhooks, target).allowed,
            read,
            "read: {kind:?} {role:?} {target:?}"
        );
        assert_eq!(
            decide(Some(&caller), Action::ManageWebhooks, target).allowed,
            manage,
            "manage: {kind:?} {role:?} {target:?}"
        );
        // Whoever may manage a webhook reads it.
        if manage {
            assert!(read, "{kind:?} {role:?} {target:?}");
        }
    }
    assert!(!decide(None, Action::ReadWebhooks, own).allowed);
    assert!(!decide(None, Action::ManageWebhooks, own).allowed);
}
