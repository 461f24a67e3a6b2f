//! The change log's transaction id comes from the row's own default on PostgreSQL, so a write
//! records its change in one statement instead of asking for `txid_current()` first. The default
//! is evaluated inside the inserting transaction, so the value is the same one the separate
//! query returned. SQLite keeps no transaction ids (the column stays NULL there).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000002_change_log_tx_default"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE change_log ALTER COLUMN tx_id SET DEFAULT txid_current()",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared("ALTER TABLE change_log ALTER COLUMN tx_id DROP DEFAULT")
                .await?;
        }
        Ok(())
    }
}
