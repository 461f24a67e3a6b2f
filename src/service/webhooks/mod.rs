//! Webhooks: a partner's endpoint that receives the change feed, managed by the organisation's
//! editors (and the programme office), read by its viewers. The delivery itself lives in
//! [`crate::webhooks`]; this module holds the rules of managing them: who may, what a valid
//! target is, and the secret that is shown once.
//!
//! Webhooks are configuration, not a feed entity: each write leaves an audit record (and, as every
//! write does, a change-log row of type `webhook`, which no feed reader asks for).

pub mod secret;
pub mod target;

use chrono::{DateTime, Utc};
use entity::{webhook, webhook_delivery};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::json;
use uuid::Uuid;

use super::{
    Listing, feed, now, organisations,
    page::{KeyKind, KeyValue, KeysetOrder, PageArgs},
    validate,
    write::{Change, WriteContext},
};
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

const ENTITY: &str = "webhook";

/// How long the secret before a rotation still signs, beside the new one.
pub const ROTATION_OVERLAP: chrono::Duration = chrono::Duration::hours(24);

/// What managing webhooks needs from the settings.
#[derive(Clone, Copy)]
pub struct Options {
    /// Seals signing secrets at rest.
    pub sealing_key: [u8; 32],
    /// Private addresses and plain `http` are allowed (development).
    pub allow_private: bool,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("sealing_key", &"***")
            .field("allow_private", &self.allow_private)
            .finish()
    }
}

impl Options {
    pub fn from_settings(settings: &crate::config::Settings) -> Self {
        Self {
            sealing_key: settings.webhooks.sealing_key(),
            allow_private: settings.webhooks_allow_private(),
        }
    }
}

/// A new webhook.
pub struct NewWebhook {
    pub url: String,
    /// `None`: every kind of object in the feed.
    pub entity_types: Option<Vec<&'static str>>,
    pub description: Option<String>,
    /// `None`: the caller's own organisation.
    pub organisation_id: Option<Uuid>,
}

/// Changes to a webhook: fields left out stay as they are.
#[derive(Default)]
pub struct WebhookPatch {
    pub url: Option<String>,
    pub entity_types: Option<Vec<&'static str>>,
    pub description: Option<String>,
    pub active: Option<bool>,
}

/// The entity types of a webhook row, as the feed names them.
pub fn entity_types(row: &webhook::Model) -> Vec<&'static str> {
    let stored: Vec<String> = serde_json::from_value(row.entity_types.clone()).unwrap_or_default();
    feed::ENTITY_TYPES
        .into_iter()
        .filter(|t| stored.iter().any(|s| s == t))
        .collect()
}

fn checked_types(field: &str, types: Option<Vec<&'static str>>) -> ApiResult<Vec<&'static str>> {
    let Some(types) = types else {
        return Ok(feed::ENTITY_TYPES.to_vec());
    };
    if types.is_empty() {
        return Err(ApiError::bad_input(
            field,
            "name at least one entity type, or leave it out for all",
        ));
    }
    // In the feed's order, each once.
    Ok(feed::ENTITY_TYPES
        .into_iter()
        .filter(|t| types.contains(t))
        .collect())
}

/// The URL, checked for shape and for where it resolves now.
async fn checked_url(field: &str, raw: &str, options: &Options) -> ApiResult<String> {
    let url = target::parse(raw, options.allow_private)
        .map_err(|e| ApiError::bad_input(field, e.to_string()))?;
    target::resolve(&url, options.allow_private)
        .await
        .map_err(|e| ApiError::bad_input(field, e.to_string()))?;
    Ok(url.to_string())
}

fn readable(caller: Option<&Principal>, row: &webhook::Model) -> bool {
    policy::decide(
        caller,
        Action::ReadWebhooks,
        Target::OwnedBy(Some(row.organisation_id)),
    )
    .allowed
}

/// A webhook the caller may read; `NOT_FOUND` for one it may not, as for one that does not
/// exist.
pub async fn get(db: &Db, caller: Option<&Principal>, id: Uuid) -> ApiResult<webhook::Model> {
    let caller = policy::require_caller(caller)?;
    webhook::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|row| readable(Some(caller), row))
        .ok_or(ApiError::NotFound)
}

/// The webhooks the caller may read, oldest first.
pub async fn list(
    db: &Db,
    caller: Option<&Principal>,
    page: &PageArgs,
) -> ApiResult<Listing<webhook::Entity>> {
    let base = webhook::Entity::find().filter(policy::webhook_read_condition(caller)?);
    let order = KeysetOrder {
        name: "CREATED_AT",
        key: webhook::Column::CreatedAt,
        kind: KeyKind::Time,
        id: webhook::Column::Id,
        descending: false,
    };
    Listing::read(db, base, &order, page, |w| {
        (KeyValue::time(w.created_at), w.id)
    })
    .await
}

/// A webhook's deliveries, newest first.
pub async fn deliveries(
    db: &Db,
    webhook_id: Uuid,
    page: &PageArgs,
) -> ApiResult<Listing<webhook_delivery::Entity>> {
    let base =
        webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(webhook_id));
    let order = KeysetOrder {
        name: "CREATED_AT",
        key: webhook_delivery::Column::CreatedAt,
        kind: KeyKind::Time,
        id: webhook_delivery::Column::Id,
        descending: true,
    };
    Listing::read(db, base, &order, page, |d| {
        (KeyValue::time(d.created_at), d.id)
    })
    .await
}

/// Creates a webhook; returns it with its signing secret, shown this once.
#[tracing::instrument(skip_all)]
pub async fn create(
    cx: &WriteContext<'_>,
    options: &Options,
    input: NewWebhook,
) -> ApiResult<(webhook::Model, String)> {
    let organisation_id = input.organisation_id.unwrap_or(cx.caller().organisation_id);
    cx.writer.authorize(
        Action::ManageWebhooks,
        Target::OwnedBy(Some(organisation_id)),
    )?;
    let url = checked_url("input.url", &input.url, options).await?;
    let types = checked_types("input.entityTypes", input.entity_types)?;
    let description =
        validate::optional_text("input.description", input.description.as_deref(), 500)?;
    organisations::known_organisation(cx.db, "input.organisationId", organisation_id).await?;
    let id = Uuid::now_v7();
    let secret = secret::new_secret().map_err(|e| ApiError::Internal(e.to_string()))?;
    let sealed = secret::seal(&options.sealing_key, id, &secret)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    // From now on: changes committed before the webhook existed are not its business.
    let cursor = feed::log_end_cursor(cx.db).await?;
    let at = now();
    let write = cx.begin().await?;
    let row = webhook::Model {
        id,
        organisation_id,
        url,
        entity_types: json!(types),
        description,
        active: true,
        secret_sealed: sealed,
        previous_secret_sealed: None,
        previous_secret_until: None,
        start_cursor: cursor.clone(),
        cursor,
        next_attempt_at: None,
        failing_since: None,
        last_error: None,
        lease_owner: None,
        lease_until: None,
        created_at: at,
        updated_at: at,
    }
    .into_active_model()
    .insert(&write.txn)
    .await?;
    write
        .finish(Change::created(
            "createWebhook",
            ENTITY,
            id,
            json!({ "after": { "organisationId": organisation_id, "url": row.url, "entityTypes": types, "description": row.description } }),
        ))
        .await?;
    Ok((row, secret))
}

/// The webhook for a write: `NOT_FOUND` when the caller may not read it, `FORBIDDEN` when it
/// reads but may not manage it.
async fn for_write(cx: &WriteContext<'_>, id: Uuid) -> ApiResult<webhook::Model> {
    let row = get(cx.db, Some(cx.caller()), id).await?;
    cx.writer.authorize(
        Action::ManageWebhooks,
        Target::OwnedBy(Some(row.organisation_id)),
    )?;
    Ok(row)
}

/// Changes a webhook. Turning it on again (`active: true`) resumes where it stopped.
#[tracing::instrument(skip_all, fields(webhook = %id))]
pub async fn update(
    cx: &WriteContext<'_>,
    options: &Options,
    id: Uuid,
    patch: WebhookPatch,
) -> ApiResult<webhook::Model> {
    let current = for_write(cx, id).await?;
    let url = match &patch.url {
        Some(raw) => Some(checked_url("input.url", raw, options).await?),
        None => None,
    };
    let types = match patch.entity_types {
        Some(types) => Some(checked_types("input.entityTypes", Some(types))?),
        None => None,
    };
    let description = match &patch.description {
        Some(text) => Some(validate::optional_text(
            "input.description",
            Some(text),
            500,
        )?),
        None => None,
    };
    let write = cx.begin().await?;
    let mut row = current.clone().into_active_model();
    let mut after = serde_json::Map::new();
    if let Some(url) = url {
        after.insert("url".into(), json!(url));
        row.url = Set(url);
    }
    if let Some(types) = types {
        after.insert("entityTypes".into(), json!(types));
        row.entity_types = Set(json!(types));
    }
    if let Some(description) = description {
        after.insert("description".into(), json!(description));
        row.description = Set(description);
    }
    if let Some(active) = patch.active {
        after.insert("active".into(), json!(active));
        row.active = Set(active);
        if active && !current.active {
            // A fresh start for the retries; the place in the feed is kept.
            row.failing_since = Set(None);
            row.next_attempt_at = Set(None);
        }
    }
    row.updated_at = Set(now());
    let updated = row.update(&write.txn).await?;
    write
        .finish(Change::updated(
            "updateWebhook",
            ENTITY,
            id,
            1,
            json!({ "after": after }),
        ))
        .await?;
    Ok(updated)
}

/// Deletes a webhook and the record of its deliveries; nothing more is sent to it.
#[tracing::instrument(skip_all, fields(webhook = %id))]
pub async fn delete(cx: &WriteContext<'_>, id: Uuid) -> ApiResult<webhook::Model> {
    let current = for_write(cx, id).await?;
    let write = cx.begin().await?;
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .exec(&write.txn)
        .await?;
    webhook::Entity::delete_by_id(id).exec(&write.txn).await?;
    write
        .finish(Change::deleted("deleteWebhook", ENTITY, id, 1))
        .await?;
    Ok(current)
}

/// A new signing secret, shown this once; the previous one keeps signing beside it for 24
/// hours, so receivers can switch without losing a delivery.
#[tracing::instrument(skip_all, fields(webhook = %id))]
pub async fn rotate_secret(
    cx: &WriteContext<'_>,
    options: &Options,
    id: Uuid,
) -> ApiResult<(webhook::Model, String)> {
    let current = for_write(cx, id).await?;
    let secret = secret::new_secret().map_err(|e| ApiError::Internal(e.to_string()))?;
    let sealed = secret::seal(&options.sealing_key, id, &secret)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let until = now() + ROTATION_OVERLAP;
    let write = cx.begin().await?;
    let mut row = current.clone().into_active_model();
    row.previous_secret_sealed = Set(Some(current.secret_sealed.clone()));
    row.previous_secret_until = Set(Some(until));
    row.secret_sealed = Set(sealed);
    row.updated_at = Set(now());
    let updated = row.update(&write.txn).await?;
    write
        .finish(Change::updated(
            "rotateWebhookSecret",
            ENTITY,
            id,
            1,
            json!({ "after": { "previousSecretValidUntil": until } }),
        ))
        .await?;
    Ok((updated, secret))
}

/// Starts the webhook again from a place in the feed (`after`, a cursor of `changes` or of a
/// delivery), or from where it began: every change after it is delivered again.
#[tracing::instrument(skip_all, fields(webhook = %id))]
pub async fn redeliver(
    cx: &WriteContext<'_>,
    id: Uuid,
    after: Option<&str>,
) -> ApiResult<webhook::Model> {
    let current = for_write(cx, id).await?;
    let cursor = match after {
        Some(cursor) => {
            if feed::log_position(cursor)?.is_none() {
                return Err(ApiError::bad_input(
                    "after",
                    "a cursor of a first sync's copy cannot start a replay; use a cursor of a change",
                ));
            }
            cursor.to_owned()
        }
        None => current.start_cursor.clone(),
    };
    let write = cx.begin().await?;
    let mut row = current.into_active_model();
    row.cursor = Set(cursor.clone());
    row.next_attempt_at = Set(None);
    row.failing_since = Set(None);
    row.updated_at = Set(now());
    let updated = row.update(&write.txn).await?;
    // Deliveries still waiting belong to the old place; the replay makes its own.
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .filter(webhook_delivery::Column::Status.eq(PENDING))
        .exec(&write.txn)
        .await?;
    write
        .finish(Change::updated(
            "redeliverWebhook",
            ENTITY,
            id,
            1,
            json!({ "after": { "cursor": cursor } }),
        ))
        .await?;
    Ok(updated)
}

/// Delivery states, as stored and as the API names them.
pub const PENDING: &str = "PENDING";
pub const DELIVERED: &str = "DELIVERED";
pub const WITHDRAWN: &str = "WITHDRAWN";

/// The previous secret while it still signs.
pub fn previous_secret_until(row: &webhook::Model, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    row.previous_secret_until.filter(|until| *until > at)
}
