//! API clients: the credentials of a partner's app or sync job, managed by the programme office
//! (ADMIN). The secret is shown once and stored only as a hash; a client may instead register a
//! public key and sign its token requests (`private_key_jwt`).

use entity::{OrganisationKind, Role, api_client};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    found, now,
    organisations::{known_organisation, require_admin},
    validate,
    write::{Change, WriteContext},
};
use crate::{
    auth::Principal,
    db::Db,
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
    let client = insert(
        cx,
        organisation_id,
        name,
        role,
        Credential::Secret(secret_hash),
    )
    .await?;
    Ok((client, secret))
}

/// Creates an API client that authenticates with assertions signed by its private key
/// (`private_key_jwt`): only the public key (PEM or JWK) is kept, and the client has no secret.
#[tracing::instrument(skip_all, fields(organisation = %organisation_id, role = role.as_str()))]
pub async fn create_with_key(
    cx: &WriteContext<'_>,
    organisation_id: Uuid,
    name: &str,
    role: Role,
    public_key: &str,
) -> ApiResult<api_client::Model> {
    require_admin(&cx.writer)?;
    let name = validate::text("input.name", name, 1, 200)?;
    let public_key = validate::text("input.publicKey", public_key, 1, 16_384)?;
    let key = crate::auth::keys::client_key(&public_key).map_err(|reason| {
        ApiError::bad_input(
            "input.publicKey",
            format!("input.publicKey: {reason} (an RSA, P-256 or Ed25519 public key, PEM or JWK)"),
        )
    })?;
    let algorithm = format!("{:?}", key.algorithm);
    insert(
        cx,
        organisation_id,
        name,
        role,
        Credential::Key(public_key, algorithm),
    )
    .await
}

/// How a new client authenticates: the hash of its secret, or its public key and algorithm.
enum Credential {
    Secret(String),
    Key(String, String),
}

async fn insert(
    cx: &WriteContext<'_>,
    organisation_id: Uuid,
    name: String,
    role: Role,
    credential: Credential,
) -> ApiResult<api_client::Model> {
    let write = cx.begin().await?;
    let txn = &write.txn;
    let org = known_organisation(txn, "input.organisationId", organisation_id).await?;
    if role == Role::Admin && org.kind != OrganisationKind::CityDepartment {
        return Err(ApiError::bad_input(
            "input.role",
            "ADMIN is only for a city department",
        ));
    }
    let (secret_hash, public_key, key_algorithm, operation) = match credential {
        Credential::Secret(hash) => (hash, None, None, "createApiClient"),
        // No secret: an empty hash never matches one.
        Credential::Key(key, algorithm) => (
            String::new(),
            Some(key),
            Some(algorithm),
            "createApiClientWithKey",
        ),
    };
    let client = api_client::Model {
        id: Uuid::now_v7(),
        organisation_id,
        name,
        role,
        secret_hash,
        created_at: now(),
        revoked_at: None,
        last_used_at: None,
        public_key,
        key_algorithm,
    }
    .into_active_model()
    .insert(txn)
    .await?;
    let mut after = json!({ "after": {
        "organisationId": organisation_id,
        "name": client.name,
        "role": role.as_str(),
    } });
    if let Some(algorithm) = &client.key_algorithm {
        after["after"]["keyAlgorithm"] = json!(algorithm);
    }
    write
        .finish(Change::created(operation, ENTITY, client.id, after))
        .await?;
    Ok(client)
}

/// Revokes an API client: its tokens stop working at their next request.
#[tracing::instrument(skip_all, fields(client = %id))]
pub async fn revoke(cx: &WriteContext<'_>, id: Uuid) -> ApiResult<api_client::Model> {
    require_admin(&cx.writer)?;
    let write = cx.begin().await?;
    let txn = &write.txn;
    let client = found(txn, api_client::Entity::find_by_id(id)).await?;
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
    db: &Db,
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
