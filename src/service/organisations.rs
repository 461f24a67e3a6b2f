//! Organisations (departments and partners) and their contact persons. Signed-in callers only.

use entity::{
    ChangeOperation, ContactFunction, OrganisationKind, PartnerType, contact_person,
    contact_person_wijk, organisation,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait},
};
use serde_json::json;
use uuid::Uuid;

use super::{
    Listing, now,
    page::{KeyKind, KeyValue, KeysetOrder, Page, PageArgs},
    reference, validate,
    write::{self, WriteGate, Writer, bump_version},
};

const CONTACT: &str = "contact_person";
const ORGANISATION: &str = "organisation";

use crate::{
    auth::Principal,
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

fn require_read(caller: Option<&Principal>) -> ApiResult<()> {
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

pub async fn list(
    db: &DatabaseConnection,
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
    let rows = order.apply(base.clone(), page)?.all(db).await?;
    Ok(Listing {
        page: Page::from_rows(rows, page, &order, |o| {
            (KeyValue::Text(o.name.clone()), o.id)
        }),
        count: base,
    })
}

pub async fn get(
    db: &DatabaseConnection,
    caller: Option<&Principal>,
    id: Uuid,
) -> ApiResult<organisation::Model> {
    require_read(caller)?;
    organisation::Entity::find_by_id(id)
        .filter(organisation::Entity::is_live())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

#[derive(Debug, Default, Clone)]
pub struct ContactFilter {
    pub organisation_id: Option<Uuid>,
    pub wijk_code: Option<String>,
    pub function: Option<ContactFunction>,
}

pub async fn contact_persons(
    db: &DatabaseConnection,
    caller: Option<&Principal>,
    filter: &ContactFilter,
    page: &PageArgs,
) -> ApiResult<Listing<contact_person::Entity>> {
    require_read(caller)?;
    let order = KeysetOrder {
        name: "NAME",
        key: contact_person::Column::Name,
        kind: KeyKind::Text,
        id: contact_person::Column::Id,
        descending: false,
    };
    let mut base = contact_person::Entity::find();
    if let Some(org) = filter.organisation_id {
        base = base.filter(contact_person::Column::OrganisationId.eq(org));
    }
    if let Some(function) = filter.function {
        base = base.filter(contact_person::Column::Function.eq(function));
    }
    if let Some(code) = &filter.wijk_code {
        let wijk = reference::wijk_by_code(db, code)
            .await?
            .ok_or_else(|| ApiError::bad_input("filter.wijkCode", "unknown wijk code"))?;
        base = base.filter(
            contact_person::Column::Id.in_subquery(
                contact_person_wijk::Entity::find()
                    .select_only()
                    .column(contact_person_wijk::Column::ContactPersonId)
                    .filter(contact_person_wijk::Column::WijkId.eq(wijk.id))
                    .into_query(),
            ),
        );
    }
    let rows = order.apply(base.clone(), page)?.all(db).await?;
    Ok(Listing {
        page: Page::from_rows(rows, page, &order, |c| {
            (KeyValue::Text(c.name.clone()), c.id)
        }),
        count: base,
    })
}

/// A contact person as written by `createContactPerson` / `updateContactPerson`.
#[derive(Debug, Clone)]
pub struct ContactInput {
    pub organisation_id: Option<Uuid>,
    pub name: String,
    pub function: ContactFunction,
    pub email: String,
    pub phone: Option<String>,
    pub wijk_codes: Vec<String>,
}

fn authorize_contact(writer: &Writer, organisation_id: Uuid) -> ApiResult<()> {
    let target = Target::OwnedBy(Some(organisation_id));
    if policy::decide(Some(&writer.caller), Action::ManageContactPerson, target).allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Work e-mail: one `@`, a dotted domain, no spaces.
fn email(value: &str) -> ApiResult<String> {
    let value = validate::text("input.email", value, 3, 254)?.to_lowercase();
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.contains(char::is_whitespace)
            && value.matches('@').count() == 1
    });
    if valid {
        Ok(value)
    } else {
        Err(ApiError::bad_input(
            "input.email",
            "not a valid e-mail address",
        ))
    }
}

fn phone(value: Option<&str>) -> ApiResult<Option<String>> {
    let Some(value) = validate::optional_text("input.phone", value, 30)? else {
        return Ok(None);
    };
    if value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && value.chars().any(|c| c.is_ascii_digit())
    {
        Ok(Some(value))
    } else {
        Err(ApiError::bad_input(
            "input.phone",
            "a phone number holds digits, spaces, +, - and ()",
        ))
    }
}

async fn contact_wijken<C: ConnectionTrait>(db: &C, codes: &[String]) -> ApiResult<Vec<Uuid>> {
    reference::wijk_ids_by_code(db, "input.wijkCodes", codes, 0, 50).await
}

async fn replace_contact_wijken<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    wijken: &[Uuid],
) -> ApiResult<()> {
    contact_person_wijk::Entity::delete_many()
        .filter(contact_person_wijk::Column::ContactPersonId.eq(id))
        .exec(db)
        .await?;
    crate::seed::insert_all(
        db,
        wijken
            .iter()
            .map(|w| {
                contact_person_wijk::Model {
                    contact_person_id: id,
                    wijk_id: *w,
                }
                .into_active_model()
            })
            .collect(),
    )
    .await?;
    Ok(())
}

fn contact_details(c: &contact_person::Model) -> serde_json::Value {
    // Work details of a professional; still personal data, so the audit keeps only what changed
    // hands, not the address itself.
    json!({ "organisationId": c.organisation_id, "function": c.function.as_str() })
}

pub async fn create_contact(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    input: ContactInput,
) -> ApiResult<contact_person::Model> {
    let organisation_id = input
        .organisation_id
        .unwrap_or(writer.caller.organisation_id);
    authorize_contact(writer, organisation_id)?;
    let name = validate::text("input.name", &input.name, 1, 200)?;
    let email = email(&input.email)?;
    let phone = phone(input.phone.as_deref())?;
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    if organisation::Entity::find_by_id(organisation_id)
        .one(txn)
        .await?
        .is_none()
    {
        return Err(ApiError::bad_input(
            "input.organisationId",
            "unknown organisation",
        ));
    }
    let wijken = contact_wijken(txn, &input.wijk_codes).await?;
    let at = now();
    let contact = contact_person::Model {
        id: Uuid::now_v7(),
        organisation_id,
        name,
        function: input.function,
        email,
        phone,
        version: 1,
        created_at: at,
        updated_at: at,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    replace_contact_wijken(txn, contact.id, &wijken).await?;
    write
        .record(
            "createContactPerson",
            CONTACT,
            contact.id,
            ChangeOperation::Created,
            1,
            contact_details(&contact),
        )
        .await?;
    write.commit().await?;
    Ok(contact)
}

async fn contact_for_write<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<contact_person::Model> {
    let before = contact_person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    authorize_contact(writer, before.organisation_id)?;
    let result = contact_person::Entity::update_many()
        .col_expr(
            contact_person::Column::Version,
            Expr::col(contact_person::Column::Version).add(1),
        )
        .col_expr(contact_person::Column::UpdatedAt, Expr::val(now()))
        .filter(contact_person::Column::Id.eq(id))
        .filter(contact_person::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    let current = contact_person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if result.rows_affected == 0 {
        return Err(ApiError::Conflict {
            current_version: current.version,
        });
    }
    Ok(current)
}

pub async fn update_contact(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
    input: ContactInput,
) -> ApiResult<contact_person::Model> {
    let name = validate::text("input.name", &input.name, 1, 200)?;
    let email = email(&input.email)?;
    let phone = phone(input.phone.as_deref())?;
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    let current = contact_for_write(txn, writer, id, expected_version).await?;
    if let Some(org) = input.organisation_id {
        authorize_contact(writer, org)?;
    }
    let wijken = contact_wijken(txn, &input.wijk_codes).await?;
    let mut row = current.into_active_model();
    row.name = Set(name);
    row.function = Set(input.function);
    row.email = Set(email);
    row.phone = Set(phone);
    if let Some(org) = input.organisation_id {
        row.organisation_id = Set(org);
    }
    let after = row.update(txn).await?;
    replace_contact_wijken(txn, id, &wijken).await?;
    write
        .record(
            "updateContactPerson",
            CONTACT,
            id,
            ChangeOperation::Updated,
            after.version,
            contact_details(&after),
        )
        .await?;
    write.commit().await?;
    Ok(after)
}

/// Contact persons are personal data: removed for real, not archived.
pub async fn delete_contact(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<(Uuid, i32)> {
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    let current = contact_for_write(txn, writer, id, expected_version).await?;
    contact_person::Entity::delete_by_id(id).exec(txn).await?;
    write
        .record(
            "deleteContactPerson",
            CONTACT,
            id,
            ChangeOperation::Deleted,
            current.version,
            json!({}),
        )
        .await?;
    write.commit().await?;
    Ok((id, current.version))
}

fn require_admin(writer: &Writer) -> ApiResult<()> {
    if policy::decide(
        Some(&writer.caller),
        Action::ManageOrganisations,
        Target::None,
    )
    .allowed
    {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
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

pub async fn create_organisation(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    input: NewOrganisation,
) -> ApiResult<organisation::Model> {
    require_admin(writer)?;
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
    let write = write::begin(db, gate, writer).await?;
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
        .record(
            "createOrganisation",
            ORGANISATION,
            created.id,
            ChangeOperation::Created,
            1,
            json!({ "after": organisation_audit(&created) }),
        )
        .await?;
    write.commit().await?;
    Ok(created)
}

pub async fn update_organisation(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
    patch: OrganisationPatch,
) -> ApiResult<organisation::Model> {
    require_admin(writer)?;
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    let before = organisation::Entity::find_by_id(id)
        .filter(organisation::Entity::is_live())
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if patch.active == Some(false) && id == writer.caller.organisation_id {
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
    let bumped = bump_version!(entity::organisation, txn, id, expected_version)?;
    row.version = Set(bumped.version);
    row.updated_at = Set(bumped.updated_at);
    let after = row.update(txn).await?;
    write
        .record(
            "updateOrganisation",
            ORGANISATION,
            id,
            ChangeOperation::Updated,
            after.version,
            json!({ "before": organisation_audit(&before), "after": organisation_audit(&after) }),
        )
        .await?;
    write.commit().await?;
    Ok(after)
}

/// Creates an API client and returns it with its secret, which is stored only as a hash.
pub async fn create_api_client(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    organisation_id: Uuid,
    name: &str,
    role: entity::Role,
) -> ApiResult<(entity::api_client::Model, String)> {
    require_admin(writer)?;
    let name = validate::text("input.name", name, 1, 200)?;
    let secret =
        crate::auth::clients::new_secret().map_err(|e| ApiError::Internal(e.to_string()))?;
    let to_hash = secret.clone();
    let secret_hash = tokio::task::spawn_blocking(move || crate::auth::clients::hash(&to_hash))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    let org = organisation::Entity::find_by_id(organisation_id)
        .filter(organisation::Entity::is_live())
        .one(txn)
        .await?
        .ok_or_else(|| ApiError::bad_input("input.organisationId", "unknown organisation"))?;
    if role == entity::Role::Admin && org.kind != OrganisationKind::CityDepartment {
        return Err(ApiError::bad_input(
            "input.role",
            "ADMIN is only for a city department",
        ));
    }
    let client = entity::api_client::Model {
        id: Uuid::now_v7(),
        organisation_id,
        name,
        role,
        secret_hash,
        created_at: now(),
        revoked_at: None,
        last_used_at: None,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    write
        .record(
            "createApiClient",
            "api_client",
            client.id,
            ChangeOperation::Created,
            1,
            json!({ "after": { "organisationId": organisation_id, "name": client.name, "role": role.as_str() } }),
        )
        .await?;
    write.commit().await?;
    Ok((client, secret))
}

/// Revokes an API client: its tokens stop working at their next request.
pub async fn revoke_api_client(
    db: &DatabaseConnection,
    gate: &WriteGate,
    writer: &Writer,
    id: Uuid,
) -> ApiResult<entity::api_client::Model> {
    require_admin(writer)?;
    let write = write::begin(db, gate, writer).await?;
    let txn = &write.txn;
    let client = entity::api_client::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if client.revoked_at.is_some() {
        return Ok(client);
    }
    let mut row = client.into_active_model();
    row.revoked_at = Set(Some(now()));
    let revoked = row.update(txn).await?;
    write
        .record(
            "revokeApiClient",
            "api_client",
            id,
            ChangeOperation::Updated,
            2,
            json!({ "after": { "revoked": true } }),
        )
        .await?;
    write.commit().await?;
    Ok(revoked)
}

/// API clients of an organisation (ADMIN).
pub async fn api_clients(
    db: &DatabaseConnection,
    caller: Option<&Principal>,
    organisation_id: Uuid,
) -> ApiResult<Vec<entity::api_client::Model>> {
    if !policy::decide(caller, Action::ManageOrganisations, Target::None).allowed {
        return Err(ApiError::Forbidden);
    }
    Ok(entity::api_client::Entity::find()
        .filter(entity::api_client::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?)
}
