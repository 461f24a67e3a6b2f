//! Idempotency keys belong to the exact caller and commit with the write they guard.
//!
//! The table is rebuilt rather than altered: the scope of a key changed (organisation and
//! subject became organisation, subject, role and API client, stored as a digest), so the rows
//! of before can never be matched again, and some of them hold an API client's secret in their
//! stored answer. Nothing worth keeping is lost; the secrets go at once instead of in 24 hours.
//!
//! New: `claim_id` names the request that holds the key (a write commits only while its request
//! still holds it), and `applied_at` is set inside the write's own transaction, so a retry after a
//! crash between the commit and storing the answer knows the write happened.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000001_idempotency_claims"
    }
}

const TABLE: &str = "idempotency_key";
const EXPIRY_INDEX: &str = "ix_idempotency_key_expires_at";

fn timestamp(name: &'static str) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn expiry_index() -> IndexCreateStatement {
    Index::create()
        .name(EXPIRY_INDEX)
        .table(TABLE)
        .col("expires_at")
        .if_not_exists()
        .to_owned()
}

/// The index goes explicitly before its table: on SQLite with a pool, a connection other than
/// the one that dropped the table could still see the index by its name (seen at start-up of
/// `serve`, never with a pool of one).
async fn drop_table_and_index(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .drop_index(
            Index::drop()
                .name(EXPIRY_INDEX)
                .table(TABLE)
                .if_exists()
                .to_owned(),
        )
        .await?;
    manager
        .drop_table(Table::drop().table(TABLE).to_owned())
        .await
}

/// The columns both shapes share.
fn table(scope_len: u32) -> TableCreateStatement {
    Table::create()
        .table(TABLE)
        .col(ColumnDef::new("scope").string_len(scope_len).not_null())
        .col(ColumnDef::new("key").string_len(200).not_null())
        .col(ColumnDef::new("request_hash").string_len(128).not_null())
        .col(ColumnDef::new("response_status").integer().not_null())
        .col(ColumnDef::new("response_body").text().not_null())
        .col(timestamp("created_at"))
        .col(timestamp("expires_at"))
        .primary_key(Index::create().col("scope").col("key"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table_and_index(manager).await?;
        let mut create = table(64);
        create
            .col(ColumnDef::new("claim_id").uuid().not_null())
            .col(
                ColumnDef::new("applied_at")
                    .timestamp_with_time_zone()
                    .null(),
            );
        manager.create_table(create).await?;
        manager.create_index(expiry_index()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_table_and_index(manager).await?;
        manager.create_table(table(200)).await?;
        manager.create_index(expiry_index()).await
    }
}
