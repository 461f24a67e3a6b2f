//! Rate-limit budgets that hold across instances: one row per caller records how much of the
//! current window's budget the instances have leased between them (see
//! `service::rate_limit` in the server). Instances lease slices, so the table is written once
//! per slice of a caller's budget, not once per request.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000010_rate_limit_leases"
    }
}

const TABLE: &str = "rate_limit_lease";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TABLE)
                    .if_not_exists()
                    .col(
                        ColumnDef::new("caller")
                            .string_len(400)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new("window_start")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new("leased").big_integer().not_null())
                    .col(ColumnDef::new("last_grant").big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TABLE).if_exists().to_owned())
            .await
    }
}
