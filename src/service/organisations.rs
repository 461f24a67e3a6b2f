//! Organisations (departments and partners) and their contact persons. Signed-in callers only.

use entity::{
    ContactFunction, OrganisationKind, PartnerType, contact_person, contact_person_wijk,
    organisation,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, QueryTrait};
use uuid::Uuid;

use super::{
    Listing,
    page::{KeyKind, KeyValue, KeysetOrder, Page, PageArgs},
    reference,
};
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
        .filter(organisation::Column::DeletedAt.is_null());
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
        .filter(organisation::Column::DeletedAt.is_null())
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
