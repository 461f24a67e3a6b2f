//! `explainAccess`: which rule of the matrix allows or refuses an action, for the programme
//! office answering a partner's "why can't I edit this?".

use entity::{
    OrganisationKind, Role, contact_person, meeting_place, organisation, project,
    project_participant, signal,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{self, Action, Decision, Target},
};

pub struct Explanation {
    pub organisation: organisation::Model,
    pub decision: Decision,
}

/// Only ADMIN may ask; anyone else is told the field is forbidden.
#[tracing::instrument(skip_all, fields(organisation = organisation_code, object = ?object_id))]
pub async fn explain(
    db: &Db,
    caller: Option<&Principal>,
    organisation_code: &str,
    role: Role,
    action: Action,
    object_id: Option<Uuid>,
) -> ApiResult<Explanation> {
    let caller = policy::require_caller(caller)?;
    if !(caller.role == Role::Admin && caller.is_city()) {
        return Err(ApiError::Forbidden);
    }
    let org = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(organisation_code))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::bad_input("organisationCode", "unknown organisation code"))?;
    let subject = Principal {
        subject: format!("explain:{}", org.code),
        organisation_id: org.id,
        organisation_code: org.code.clone(),
        organisation_kind: org.kind,
        role,
        client: None,
    };
    if role == Role::Admin && org.kind != OrganisationKind::CityDepartment {
        return Ok(Explanation {
            organisation: org,
            decision: Decision {
                allowed: false,
                rule: "ADMIN is only for a city department: such a token is refused",
            },
        });
    }
    let target = match object_id {
        None => Target::None,
        Some(id) => target_of(db, org.id, id).await?,
    };
    let decision = policy::decide(Some(&subject), action, target);
    Ok(Explanation {
        organisation: org,
        decision,
    })
}

/// The facts the policy needs about the object with `id`, whatever kind it is.
async fn target_of(db: &Db, org: Uuid, id: Uuid) -> ApiResult<Target> {
    if let Some(p) = project::Entity::find_by_id(id)
        .filter(project::Entity::is_live())
        .one(db)
        .await?
    {
        let participation = project_participant::Entity::find_by_id((p.id, org))
            .one(db)
            .await?
            .map(|row| row.role);
        return Ok(Target::Project {
            visibility: p.visibility,
            participation,
        });
    }
    if let Some(m) = meeting_place::Entity::find_by_id(id)
        .filter(meeting_place::Entity::is_live())
        .one(db)
        .await?
    {
        return Ok(Target::OwnedBy(m.operator_organisation_id));
    }
    if let Some(c) = contact_person::Entity::find_by_id(id).one(db).await? {
        return Ok(Target::OwnedBy(Some(c.organisation_id)));
    }
    if let Some(s) = signal::Entity::find_by_id(id)
        .filter(signal::Entity::is_live())
        .one(db)
        .await?
    {
        return Ok(Target::OwnedBy(Some(s.reporting_organisation_id)));
    }
    if let Some(w) = entity::webhook::Entity::find_by_id(id).one(db).await? {
        return Ok(Target::OwnedBy(Some(w.organisation_id)));
    }
    Err(ApiError::NotFound)
}
