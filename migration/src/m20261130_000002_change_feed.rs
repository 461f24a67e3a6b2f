//! The change feed reads in commit order and tells mirrors what to drop: an index on the
//! commit-order key, and who could read each object before its change.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000002_change_feed"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("change_log")
                    // `{"shared": bool, "participants": [organisation ids]}` for projects: who
                    // could read the object before this change, so a mirror that lost access is
                    // told to drop it and nobody else learns anything.
                    .add_column(ColumnDef::new("readers_before").json().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_change_log_tx_id_id")
                    .table("change_log")
                    .col("tx_id")
                    .col("id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_change_log_tx_id_id")
                    .table("change_log")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("change_log")
                    .drop_column("readers_before")
                    .to_owned(),
            )
            .await
    }
}
