//! API clients that authenticate with a key pair instead of a secret (`private_key_jwt`, RFC
//! 7523): the client's public key, and the assertions already used, so none is accepted twice.
//!
//! `api_client.public_key` holds the key as registered (PEM or JWK) and `key_algorithm` the one
//! algorithm its assertions must use; a client with a key has an empty `secret_hash`, which never
//! matches a secret.
//!
//! `client_assertion` remembers each assertion's `jti` until its `exp`: the primary key on
//! (client, jti) makes a replay fail on every instance sharing the database, and rows past their
//! expiry are deleted (`expires_at` is indexed for that).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000004_client_keys"
    }
}

const CLIENT: &str = "api_client";
const ASSERTION: &str = "client_assertion";
const EXPIRY_INDEX: &str = "ix_client_assertion_expires_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(CLIENT)
                    .add_column(ColumnDef::new("public_key").text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CLIENT)
                    .add_column(ColumnDef::new("key_algorithm").string_len(16).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ASSERTION)
                    .col(ColumnDef::new("client_id").uuid().not_null())
                    .col(ColumnDef::new("jti").string_len(200).not_null())
                    .col(
                        ColumnDef::new("expires_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(Index::create().col("client_id").col("jti"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(EXPIRY_INDEX)
                    .table(ASSERTION)
                    .col("expires_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(EXPIRY_INDEX).table(ASSERTION).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ASSERTION).to_owned())
            .await?;
        for column in ["key_algorithm", "public_key"] {
            manager
                .alter_table(Table::alter().table(CLIENT).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
