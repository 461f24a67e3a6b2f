//! Organisations: the city's departments and the partners. Reads for signed-in callers;
//! creating and changing them is the programme office's (ADMIN).

use entity::{OrganisationKind, PartnerType, organisation};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    Listing, found, now,
    page::{KeyKind, KeyValue, KeysetOrder, PageArgs},
    validate,
    write::{self, Change, WriteContext, Writer},
};
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

const ENTITY: &str = "organisation";

pub(super) fn require_read(caller: Option<&Principal>) -> ApiResult<()> {
    if policy::decide(caller, Action::ReadOrganisations, Target::None).allowed {
        Ok(())
    } else {
        Err(ApiError::Unauthenticated)
    }
}

fn by_name() -> KeysetOrder<organisation::Column> {
    KeysetOrder {
        name: "NAME",
        key: organisation::Column::Name,
        kind: KeyKind::Text,
        id: organisation::Column::Id,
        descending: false,
    }
}

#[tracing::instrument(skip_all, fields(kind = kind.as_str()))]
pub async fn list(
    db: &Db,
    caller: Option<&Principal>,
    kind: OrganisationKind,
    partner_type: Option<PartnerType>,
    page: &PageArgs,
) -> ApiResult<Listing<organisation::Entity>> {
    require_read(caller)?;
    let order = by_name();
    let mut base = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(kind))
        .filter(organisation::Entity::is_live());
    if let Some(partner_type) = partner_type {
        base = base.filter(organisation::Column::PartnerType.eq(partner_type));
    }
    Listing::read(db, base, &order, page, |o| {
        (KeyValue::Text(o.name.clone()), o.id)
    })
    .await
}

/// The live organisation with this id, or `BAD_USER_INPUT` on `field`: for an id a caller sent.
pub(crate) async fn known_organisation<C: ConnectionTrait>(
    db: &C,
    field: &str,
    id: Uuid,
) -> ApiResult<organisation::Model> {
    organisation::Entity::live_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::bad_input(field, "unknown organisation"))
}

#[tracing::instrument(skip_all, fields(organisation = %id))]
pub async fn get(db: &Db, caller: Option<&Principal>, id: Uuid) -> ApiResult<organisation::Model> {
    require_read(caller)?;
    found(db, organisation::Entity::live_by_id(id)).await
}

/// Organisations and API clients are the programme office's (ADMIN).
pub(super) fn require_admin(writer: &Writer) -> ApiResult<()> {
    writer.authorize(Action::ManageOrganisations, Target::None)
}

/// A new organisation, as `createOrganisation` takes it.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub code: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub partner_type: Option<PartnerType>,
    pub department_code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub website: Option<String>,
    pub description: Option<String>,
}

/// Changes to an organisation; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub partner_type: Option<PartnerType>,
    pub website: Option<Option<String>>,
    pub description: Option<Option<String>>,
    /// `false` locks out the organisation's tokens and API clients.
    pub active: Option<bool>,
}

/// A stable, human-readable code: lower-case letters, digits and hyphens.
fn organisation_code(value: &str) -> ApiResult<String> {
    let valid = (2..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if valid {
        Ok(value.to_owned())
    } else {
        Err(ApiError::bad_input(
            "input.code",
            "a code is 2–64 lower-case letters, digits and hyphens, e.g. `haag-wonen`",
        ))
    }
}

fn organisation_audit(o: &organisation::Model) -> serde_json::Value {
    json!({
        "code": o.code,
        "name": o.name,
        "kind": o.kind.as_str(),
        "partnerType": o.partner_type.map(|t| t.as_str()),
        "active": o.active,
        "website": o.website,
    })
}

#[tracing::instrument(skip_all, fields(kind = input.kind.as_str()))]
pub async fn create(
    cx: &WriteContext<'_>,
    input: NewOrganisation,
) -> ApiResult<organisation::Model> {
    require_admin(&cx.writer)?;
    let code = organisation_code(&input.code)?;
    let name = validate::text("input.name", &input.name, 1, 200)?;
    let website = validate::optional_text("input.website", input.website.as_deref(), 300)?;
    let description =
        validate::optional_text("input.description", input.description.as_deref(), 2000)?;
    let department_code =
        validate::optional_text("input.departmentCode", input.department_code.as_deref(), 16)?;
    match (input.kind, input.partner_type, &department_code) {
        (OrganisationKind::Partner, None, _) => {
            return Err(ApiError::bad_input(
                "input.partnerType",
                "a partner needs a partner type",
            ));
        }
        (OrganisationKind::Partner, Some(_), Some(_)) => {
            return Err(ApiError::bad_input(
                "input.departmentCode",
                "only departments have a department code",
            ));
        }
        (OrganisationKind::CityDepartment, Some(_), _) => {
            return Err(ApiError::bad_input(
                "input.partnerType",
                "a department has no partner type",
            ));
        }
        _ => {}
    }
    let write = cx.begin().await?;
    let txn = &write.txn;
    if organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code.as_str()))
        .one(txn)
        .await?
        .is_some()
    {
        return Err(ApiError::bad_input(
            "input.code",
            "an organisation with this code exists",
        ));
    }
    if let Some(parent) = input.parent_id
        && organisation::Entity::find_by_id(parent)
            .one(txn)
            .await?
            .is_none()
    {
        return Err(ApiError::bad_input(
            "input.parentId",
            "unknown organisation",
        ));
    }
    let at = now();
    let created = organisation::Model {
        id: Uuid::now_v7(),
        code,
        name,
        kind: input.kind,
        partner_type: input.partner_type,
        department_code,
        parent_id: input.parent_id,
        website,
        description,
        active: true,
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    write
        .finish(Change::created(
            "createOrganisation",
            ENTITY,
            created.id,
            json!({ "after": organisation_audit(&created) }),
        ))
        .await?;
    Ok(created)
}

#[tracing::instrument(skip_all, fields(organisation = %id, expected_version))]
pub async fn update(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    patch: OrganisationPatch,
) -> ApiResult<organisation::Model> {
    require_admin(&cx.writer)?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let before = found(txn, organisation::Entity::live_by_id(id)).await?;
    if patch.active == Some(false) && id == cx.writer.caller.organisation_id {
        return Err(ApiError::bad_input(
            "input.active",
            "you cannot deactivate your own organisation",
        ));
    }
    let mut row = before.clone().into_active_model();
    if let Some(name) = &patch.name {
        row.name = Set(validate::text("input.name", name, 1, 200)?);
    }
    if let Some(partner_type) = patch.partner_type {
        if before.kind != OrganisationKind::Partner {
            return Err(ApiError::bad_input(
                "input.partnerType",
                "a department has no partner type",
            ));
        }
        row.partner_type = Set(Some(partner_type));
    }
    if let Some(website) = &patch.website {
        row.website = Set(validate::optional_text(
            "input.website",
            website.as_deref(),
            300,
        )?);
    }
    if let Some(description) = &patch.description {
        row.description = Set(validate::optional_text(
            "input.description",
            description.as_deref(),
            2000,
        )?);
    }
    if let Some(active) = patch.active {
        row.active = Set(active);
    }
    let after = write::save::<organisation::Entity, _>(txn, id, expected_version, row).await?;
    write
        .finish(Change::updated(
            "updateOrganisation",
            ENTITY,
            id,
            after.version,
            json!({ "before": organisation_audit(&before), "after": organisation_audit(&after) }),
        ))
        .await?;
    Ok(after)
}
