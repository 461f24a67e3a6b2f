//! API clients: the credentials of a partner's app or sync job, managed by the programme office
//! (ADMIN). The secret is shown once and stored only as a hash.

use entity::{OrganisationKind, Role, api_client, organisation};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    now,
    organisations::require_admin,
    validate,
    write::{Change, WriteContext},
};
use crate::{
    auth::Principal,
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

const ENTITY: &str = "api_client";

/// Creates an API client and returns it with its secret, which is stored only as a hash.
#[tracing::instrument(skip_all, fields(organisation = %organisation_id, role = role.as_str()))]
pub async fn create(
    cx: &WriteContext<'_>,
    organisation_id: Uuid,
    name: &str,
    role: Role,
) -> ApiResult<(api_client::Model, String)> {
    require_admin(&cx.writer)?;
    let name = validate::text("input.name", name, 1, 200)?;
    let secret =
        crate::auth::clients::new_secret().map_err(|e| ApiError::Internal(e.to_string()))?;
    let to_hash = secret.clone();
    let secret_hash = tokio::task::spawn_blocking(move || crate::auth::clients::hash(&to_hash))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let org = organisation::Entity::live_by_id(organisation_id)
        .one(txn)
        .await?
        .ok_or_else(|| ApiError::bad_input("input.organisationId", "unknown organisation"))?;
    if role == Role::Admin && org.kind != OrganisationKind::CityDepartment {
        return Err(ApiError::bad_input(
            "input.role",
            "ADMIN is only for a city department",
        ));
    }
    let client = api_client::Model {
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
    write.finish(Change::created("createApiClient", ENTITY, client.id, json!({ "after": { "organisationId": organisation_id, "name": client.name, "role": role.as_str() } }))).await?;
    Ok((client, secret))
}

/// Revokes an API client: its tokens stop working at their next request.
#[tracing::instrument(skip_all, fields(client = %id))]
pub async fn revoke(cx: &WriteContext<'_>, id: Uuid) -> ApiResult<api_client::Model> {
    require_admin(&cx.writer)?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let client = api_client::Entity::find_by_id(id)
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
        .finish(Change::updated(
            "revokeApiClient",
            ENTITY,
            id,
            2,
            json!({ "after": { "revoked": true } }),
        ))
        .await?;
    Ok(revoked)
}

/// API clients of an organisation (ADMIN).
#[tracing::instrument(skip_all, fields(organisation = %organisation_id))]
pub async fn list(
    db: &DatabaseConnection,
    caller: Option<&Principal>,
    organisation_id: Uuid,
) -> ApiResult<Vec<api_client::Model>> {
    if !policy::decide(caller, Action::ManageOrganisations, Target::None).allowed {
        return Err(ApiError::Forbidden);
    }
    Ok(api_client::Entity::find()
        .filter(api_client::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?)
}
