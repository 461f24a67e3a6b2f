//! Contact persons of the organisations: work details of professionals, still personal data, so
//! deleted for real and audited without the details themselves. Signed-in callers only.

use entity::{ContactFunction, contact_person, contact_person_wijk, organisation};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QuerySelect, QueryTrait,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    Listing, found, now,
    page::{KeyKind, KeyValue, KeysetOrder, PageArgs},
    reference, validate,
    write::{self, Change, WriteContext, Writer},
};
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{Action, Target},
};

const ENTITY: &str = "contact_person";

#[derive(Debug, Default, Clone)]
pub struct ContactFilter {
    pub organisation_id: Option<Uuid>,
    pub wijk_code: Option<String>,
    pub function: Option<ContactFunction>,
}

#[tracing::instrument(skip_all)]
pub async fn list(
    db: &Db,
    caller: Option<&Principal>,
    filter: &ContactFilter,
    page: &PageArgs,
) -> ApiResult<Listing<contact_person::Entity>> {
    super::organisations::require_read(caller)?;
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
        let wijk = reference::known_wijk(db, "filter.wijkCode", code).await?;
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
    Listing::read(db, base, &order, page, |c| {
        (KeyValue::Text(c.name.clone()), c.id)
    })
    .await
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

fn authorize(writer: &Writer, organisation_id: Uuid) -> ApiResult<()> {
    writer.authorize(
        Action::ManageContactPerson,
        Target::OwnedBy(Some(organisation_id)),
    )
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

async fn replace_wijken<C: ConnectionTrait>(db: &C, id: Uuid, wijken: &[Uuid]) -> ApiResult<()> {
    write::replace_links::<contact_person_wijk::Entity, _, _>(
        db,
        contact_person_wijk::Column::ContactPersonId.eq(id),
        wijken,
        |w| contact_person_wijk::Model {
            contact_person_id: id,
            wijk_id: *w,
        },
    )
    .await
}

fn contact_details(c: &contact_person::Model) -> serde_json::Value {
    // Work details of a professional; still personal data, so the audit keeps only what changed
    // hands, not the address itself.
    json!({ "organisationId": c.organisation_id, "function": c.function.as_str() })
}

#[tracing::instrument(skip_all)]
pub async fn create(
    cx: &WriteContext<'_>,
    input: ContactInput,
) -> ApiResult<contact_person::Model> {
    let organisation_id = input
        .organisation_id
        .unwrap_or(cx.writer.caller.organisation_id);
    authorize(&cx.writer, organisation_id)?;
    let name = validate::text("input.name", &input.name, 1, 200)?;
    let email = email(&input.email)?;
    let phone = phone(input.phone.as_deref())?;
    let write = cx.begin().await?;
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
    replace_wijken(txn, contact.id, &wijken).await?;
    write
        .finish(Change::created(
            "createContactPerson",
            ENTITY,
            contact.id,
            contact_details(&contact),
        ))
        .await?;
    Ok(contact)
}

/// The contact person to change, if the writer may, moved on from the version the writer read.
async fn for_write<C: ConnectionTrait>(
    db: &C,
    writer: &Writer,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<contact_person::Model> {
    let before = found(db, contact_person::Entity::find_by_id(id)).await?;
    authorize(writer, before.organisation_id)?;
    write::bump::<contact_person::Entity, _>(db, id, expected_version).await
}

#[tracing::instrument(skip_all, fields(contact_person = %id, expected_version))]
pub async fn update(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
    input: ContactInput,
) -> ApiResult<contact_person::Model> {
    let name = validate::text("input.name", &input.name, 1, 200)?;
    let email = email(&input.email)?;
    let phone = phone(input.phone.as_deref())?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let current = for_write(txn, &cx.writer, id, expected_version).await?;
    if let Some(org) = input.organisation_id {
        authorize(&cx.writer, org)?;
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
    replace_wijken(txn, id, &wijken).await?;
    write
        .finish(Change::updated(
            "updateContactPerson",
            ENTITY,
            id,
            after.version,
            contact_details(&after),
        ))
        .await?;
    Ok(after)
}

/// Contact persons are personal data: removed for real, not archived.
#[tracing::instrument(skip_all, fields(contact_person = %id, expected_version))]
pub async fn delete(
    cx: &WriteContext<'_>,
    id: Uuid,
    expected_version: i32,
) -> ApiResult<(Uuid, i32)> {
    let write = cx.begin().await?;
    let txn = &write.txn;
    let current = for_write(txn, &cx.writer, id, expected_version).await?;
    contact_person::Entity::delete_by_id(id).exec(txn).await?;
    write
        .finish(Change::deleted(
            "deleteContactPerson",
            ENTITY,
            id,
            current.version,
        ))
        .await?;
    Ok((id, current.version))
}
