//! A partner's webhook: where the change feed is delivered, its place in the feed, and the
//! signing secret (encrypted at rest).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub url: String,
    /// The feed's entity types delivered (`["project", "signal"]`).
    pub entity_types: Json,
    pub description: Option<String>,
    pub active: bool,
    /// The signing secret, encrypted with the server's webhook key.
    pub secret_sealed: String,
    /// The secret before the last rotation, which also signs until `previous_secret_until`.
    pub previous_secret_sealed: Option<String>,
    pub previous_secret_until: Option<DateTimeUtc>,
    /// The feed cursor at creation: where `redeliverWebhook` without `after` starts again.
    pub start_cursor: String,
    /// The feed cursor after the last event the endpoint acknowledged.
    pub cursor: String,
    /// When the next attempt is due after a failure.
    pub next_attempt_at: Option<DateTimeUtc>,
    /// Since when deliveries fail without a success in between.
    pub failing_since: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    /// The server instance delivering for this webhook, until `lease_until`.
    pub lease_owner: Option<Uuid>,
    pub lease_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
