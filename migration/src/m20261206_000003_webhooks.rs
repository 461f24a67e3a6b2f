//! Webhooks: a partner's endpoint that receives the change feed as signed HTTP calls, and the
//! record of each event's delivery to it.
//!
//! A webhook keeps its own place in the feed (`cursor`, the feed's cursor after the last event
//! its endpoint acknowledged) and a lease (`lease_owner`, `lease_until`) so that one server
//! instance at a time delivers for it; a lease that is not renewed (the instance died) lapses
//! and another instance takes over. The signing secret is stored encrypted (`secret_sealed`),
//! with the previous one kept for a day after a rotation.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000003_webhooks"
    }
}

const WEBHOOK: &str = "webhook";
const DELIVERY: &str = "webhook_delivery";
const ORGANISATION_INDEX: &str = "ix_webhook_organisation_id";
const DELIVERY_INDEX: &str = "ux_webhook_delivery_webhook_event";

fn at(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WEBHOOK)
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("organisation_id").uuid().not_null())
                    .col(ColumnDef::new("url").string_len(2048).not_null())
                    .col(ColumnDef::new("entity_types").json().not_null())
                    .col(ColumnDef::new("description").string_len(500).null())
                    .col(ColumnDef::new("active").boolean().not_null())
                    .col(ColumnDef::new("secret_sealed").text().not_null())
                    .col(ColumnDef::new("previous_secret_sealed").text().null())
                    .col(at_null("previous_secret_until"))
                    .col(ColumnDef::new("start_cursor").text().not_null())
                    .col(ColumnDef::new("cursor").text().not_null())
                    .col(at_null("next_attempt_at"))
                    .col(at_null("failing_since"))
                    .col(ColumnDef::new("last_error").text().null())
                    .col(ColumnDef::new("lease_owner").uuid().null())
                    .col(at_null("lease_until"))
                    .col(at("created_at"))
                    .col(at("updated_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WEBHOOK, "organisation_id")
                            .to("organisation", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ORGANISATION_INDEX)
                    .table(WEBHOOK)
                    .col("organisation_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DELIVERY)
                    .col(ColumnDef::new("id").uuid().not_null().primary_key())
                    .col(ColumnDef::new("webhook_id").uuid().not_null())
                    .col(ColumnDef::new("event_id").string_len(64).not_null())
                    .col(ColumnDef::new("sequence").string_len(64).not_null())
                    .col(ColumnDef::new("cursor").text().not_null())
                    .col(ColumnDef::new("entity_type").string_len(32).not_null())
                    .col(ColumnDef::new("entity_id").uuid().not_null())
                    .col(ColumnDef::new("operation").string_len(16).not_null())
                    .col(ColumnDef::new("version").integer().not_null())
                    .col(ColumnDef::new("status").string_len(16).not_null())
                    .col(ColumnDef::new("attempts").integer().not_null())
                    .col(ColumnDef::new("last_status_code").integer().null())
                    .col(ColumnDef::new("last_error").text().null())
                    .col(at_null("next_attempt_at"))
                    .col(at_null("delivered_at"))
                    .col(at("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DELIVERY, "webhook_id")
                            .to(WEBHOOK, "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(DELIVERY_INDEX)
                    .table(DELIVERY)
                    .col("webhook_id")
                    .col("event_id")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Indexes go explicitly before their tables (see m20261206_000001 on pooled SQLite).
        manager
            .drop_index(
                Index::drop()
                    .name(DELIVERY_INDEX)
                    .table(DELIVERY)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(DELIVERY).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(ORGANISATION_INDEX)
                    .table(WEBHOOK)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(WEBHOOK).to_owned())
            .await
    }
}
