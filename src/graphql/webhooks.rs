//! Webhooks: a partner's endpoint receiving the change feed as signed CloudEvents. Managed by
//! the organisation's editors (ADMIN: any organisation's), read by its viewers.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{webhook, webhook_delivery};

use crate::graphql::{
    feed::{ChangeOperation, EntityType},
    ids::{parse_id, to_id},
    organisations::{Organisation, load_organisation},
    pipeline::connection::connection,
    pipeline::context::request,
    pipeline::error::GqlResult,
    project_mutations::optional_id,
    viewer_can::WriteRights,
};
use crate::{
    policy::Action,
    service::{
        idempotency::SecretPaths,
        webhooks::{self as service, NewWebhook, WebhookPatch},
    },
};

object_over_row!(Webhook(webhook::Model));

/// An endpoint that receives the change feed: every change its organisation may see, in commit
/// order, as a signed CloudEvent.
#[Object]
impl Webhook {
    /// Stable identifier.
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Where events are posted.
    async fn url(&self) -> &str {
        &self.0.url
    }
    /// The kinds of object whose changes are delivered.
    async fn entity_types(&self) -> Vec<EntityType> {
        service::entity_types(&self.0)
            .into_iter()
            .filter_map(EntityType::from_stored)
            .collect()
    }
    /// Whether events are being delivered. A webhook failing for 24 hours turns itself off
    /// (`lastError` says why); turned on again it resumes where it stopped.
    async fn active(&self) -> bool {
        self.0.active
    }
    /// What the webhook is for.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    /// The organisation whose view of the feed is delivered.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, Some(self.0.organisation_id)).await
    }
    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Why the last delivery failed, or why the webhook was turned off; null after a success.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// Since when deliveries fail without a success in between.
    async fn failing_since(&self) -> Option<DateTime<Utc>> {
        self.0.failing_since
    }
    /// When the next attempt is due after a failure.
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        self.0.next_attempt_at
    }
    /// Until when the secret before the last rotation still signs, beside the new one.
    async fn previous_secret_valid_until(&self) -> Option<DateTime<Utc>> {
        service::previous_secret_until(&self.0, Utc::now())
    }
    /// What you may do to this webhook.
    async fn viewer_can(&self, ctx: &Context<'_>) -> WriteRights {
        WriteRights::of(ctx, Action::ManageWebhooks, Some(self.0.organisation_id))
    }
    /// The deliveries of events, newest first.
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> GqlResult<WebhookDeliveryConnection> {
        let req = request(ctx);
        let id = self.0.id;
        WebhookDeliveryConnection::page(first, after, async |page| {
            service::deliveries(&req.db, id, page).await
        })
        .await
    }
}

/// Where a delivery stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or a retry.
    Pending,
    /// The endpoint acknowledged it with a 2xx answer.
    Delivered,
    /// Not sent after all: the organisation may no longer see the change.
    Withdrawn,
}

object_over_row!(WebhookDelivery(webhook_delivery::Model));

/// One event's delivery to a webhook.
#[Object]
impl WebhookDelivery {
    /// The event's id: the CloudEvents `id` and the `webhook-id` header. The same for every
    /// attempt and replay of the same change: deduplicate on it.
    async fn event_id(&self) -> &str {
        &self.0.event_id
    }
    /// The event's place in the feed (the CloudEvents `sequence`), orderable as text.
    async fn sequence(&self) -> &str {
        &self.0.sequence
    }
    /// The feed cursor just after this event: pass it to `redeliverWebhook` to replay what
    /// followed.
    async fn cursor(&self) -> &str {
        &self.0.cursor
    }
    /// What kind of object changed.
    async fn entity_type(&self) -> Option<EntityType> {
        EntityType::from_stored(&self.0.entity_type)
    }
    /// Its id.
    async fn entity_id(&self) -> ID {
        to_id(self.0.entity_id)
    }
    /// What happened, as the webhook's organisation sees it.
    async fn operation(&self) -> Option<ChangeOperation> {
        entity::ChangeOperation::parse(&self.0.operation).map(ChangeOperation::from)
    }
    /// The object's version after the change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Where the delivery stands.
    async fn status(&self) -> DeliveryStatus {
        match self.0.status.as_str() {
            service::DELIVERED => DeliveryStatus::Delivered,
            service::WITHDRAWN => DeliveryStatus::Withdrawn,
            _ => DeliveryStatus::Pending,
        }
    }
    /// Attempts made so far.
    async fn attempts(&self) -> i32 {
        self.0.attempts
    }
    /// The HTTP status of the last answer, if there was one.
    async fn last_status_code(&self) -> Option<i32> {
        self.0.last_status_code
    }
    /// Why the last attempt failed.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }
    /// When the next attempt is due.
    async fn next_attempt_at(&self) -> Option<DateTime<Utc>> {
        self.0.next_attempt_at
    }
    /// When the endpoint acknowledged it.
    async fn delivered_at(&self) -> Option<DateTime<Utc>> {
        self.0.delivered_at
    }
    /// When the event was first taken up for this webhook.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

connection!(
    WebhookConnection,
    WebhookEdge,
    Webhook,
    webhook::Entity,
    "webhooks"
);
connection!(
    WebhookDeliveryConnection,
    WebhookDeliveryEdge,
    WebhookDelivery,
    webhook_delivery::Entity,
    "webhook deliveries"
);

/// A webhook with a signing secret: the only time the secret is shown.
pub struct WebhookWithSecret {
    webhook: Webhook,
    secret: String,
}

impl WebhookWithSecret {
    fn secret(&self, ctx: &Context<'_>) -> &str {
        // Where the secret sits in the answer, so a stored copy for replays leaves it out.
        if let (Some(paths), Some(node)) = (ctx.data_opt::<SecretPaths>(), ctx.path_node) {
            paths.record(node.to_string_vec());
        }
        &self.secret
    }
}

/// A new webhook with its signing secret: the only time the secret is shown.
pub struct CreatedWebhook(WebhookWithSecret);

/// A new webhook with its signing secret: the only time the secret is shown.
#[Object]
impl CreatedWebhook {
    /// The webhook.
    async fn webhook(&self) -> &Webhook {
        &self.0.webhook
    }
    /// The signing secret (`whsec_…`) for the `standardwebhooks` libraries. Store it now: it
    /// cannot be shown again. A replayed answer (`Idempotency-Key`) never repeats it: there it
    /// is empty, and `extensions.secretWithheld` says so.
    async fn secret(&self, ctx: &Context<'_>) -> &str {
        self.0.secret(ctx)
    }
}

/// A webhook's new signing secret: the only time it is shown.
pub struct RotatedWebhookSecret(WebhookWithSecret);

/// A webhook's new signing secret: the only time it is shown.
#[Object]
impl RotatedWebhookSecret {
    /// The webhook; `previousSecretValidUntil` says how long the old secret still signs.
    async fn webhook(&self) -> &Webhook {
        &self.0.webhook
    }
    /// The new signing secret (`whsec_…`). Until `previousSecretValidUntil` every event carries
    /// a signature by each secret, so receivers can switch at any moment within a day.
    async fn secret(&self, ctx: &Context<'_>) -> &str {
        self.0.secret(ctx)
    }
}

/// What is left of a deleted webhook.
#[derive(SimpleObject)]
pub struct DeletedWebhook {
    /// The id of the deleted webhook.
    pub id: ID,
}

/// A new webhook.
#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// Where events are posted: an `https` URL on a public address.
    pub url: String,
    /// The kinds of object whose changes are delivered (default: all).
    pub entity_types: Option<Vec<EntityType>>,
    /// What the webhook is for.
    pub description: Option<String>,
    /// The organisation whose view of the feed is delivered (default: yours; another one only
    /// for ADMIN).
    pub organisation_id: Option<ID>,
}

/// Changes to a webhook: fields left out stay as they are.
#[derive(InputObject, Default)]
pub struct UpdateWebhookInput {
    /// Where events are posted.
    pub url: Option<String>,
    /// The kinds of object whose changes are delivered.
    pub entity_types: Option<Vec<EntityType>>,
    /// What the webhook is for.
    pub description: Option<String>,
    /// `false` pauses deliveries; `true` resumes them where they stopped.
    pub active: Option<bool>,
}

fn stored_types(types: Option<Vec<EntityType>>) -> Option<Vec<&'static str>> {
    types.map(|types| types.into_iter().map(EntityType::stored).collect())
}

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// The webhooks you may read: your organisation's (ADMIN: all).
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> GqlResult<WebhookConnection> {
        let req = request(ctx);
        WebhookConnection::page(first, after, async |page| {
            service::list(&req.db, req.caller(), page).await
        })
        .await
    }

    /// One webhook by id.
    async fn webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> GqlResult<Webhook> {
        let req = request(ctx);
        let id = parse_id("id", &id)?;
        Ok(Webhook(service::get(&req.db, req.caller(), id).await?))
    }
}

#[derive(Default)]
pub struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers a webhook and shows its signing secret once. Changes committed from now on are
    /// delivered.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook.")] input: CreateWebhookInput,
    ) -> GqlResult<CreatedWebhook> {
        let req = request(ctx);
        let cx = req.begin_write()?;
        let new = NewWebhook {
            organisation_id: optional_id("input.organisationId", input.organisation_id.as_ref())?,
            url: input.url,
            entity_types: stored_types(input.entity_types),
            description: input.description,
        };
        let (row, secret) = service::create(&cx, &req.shared.webhooks, new).await?;
        Ok(CreatedWebhook(WebhookWithSecret {
            webhook: Webhook(row),
            secret,
        }))
    }

    /// Changes a webhook; `active: true` resumes a paused or turned-off one where it stopped.
    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
        #[graphql(desc = "The changes.")] input: UpdateWebhookInput,
    ) -> GqlResult<Webhook> {
        let req = request(ctx);
        let cx = req.begin_write()?;
        let id = parse_id("id", &id)?;
        let patch = WebhookPatch {
            url: input.url,
            entity_types: stored_types(input.entity_types),
            description: input.description,
            active: input.active,
        };
        Ok(Webhook(
            service::update(&cx, &req.shared.webhooks, id, patch).await?,
        ))
    }

    /// Deletes a webhook; nothing more is sent to it.
    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> GqlResult<DeletedWebhook> {
        let cx = request(ctx).begin_write()?;
        let row = service::delete(&cx, parse_id("id", &id)?).await?;
        Ok(DeletedWebhook { id: to_id(row.id) })
    }

    /// A new signing secret, shown once. The previous one keeps signing beside it for 24
    /// hours (each event then carries two signatures).
    async fn rotate_webhook_secret(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> GqlResult<RotatedWebhookSecret> {
        let req = request(ctx);
        let cx = req.begin_write()?;
        let (row, secret) =
            service::rotate_secret(&cx, &req.shared.webhooks, parse_id("id", &id)?).await?;
        Ok(RotatedWebhookSecret(WebhookWithSecret {
            webhook: Webhook(row),
            secret,
        }))
    }

    /// Delivers again every change after a place in the feed: `after` is a cursor of
    /// `changes` or a delivery's `cursor`; without it, from when the webhook was created. Events
    /// keep their ids, so a receiver that deduplicates on `webhook-id` can tell repeats.
    async fn redeliver_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
        #[graphql(desc = "Replay the changes after this feed cursor.")] after: Option<String>,
    ) -> GqlResult<Webhook> {
        let cx = request(ctx).begin_write()?;
        Ok(Webhook(
            service::redeliver(&cx, parse_id("id", &id)?, after.as_deref()).await?,
        ))
    }
}
