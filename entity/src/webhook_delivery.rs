//! One event's delivery to one webhook: its attempts and outcome.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_delivery")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub webhook_id: Uuid,
    /// The CloudEvents `id` and `webhook-id`: the change's stable id.
    pub event_id: String,
    /// The CloudEvents `sequence`: the change's place in the feed, orderable as text.
    pub sequence: String,
    /// The feed cursor just after this event.
    pub cursor: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    /// `CREATED`, `UPDATED` or `DELETED`, as the webhook's organisation sees the change.
    pub operation: String,
    pub version: i32,
    /// `PENDING`, `DELIVERED` or `WITHDRAWN` (the organisation may no longer see the change).
    pub status: String,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
