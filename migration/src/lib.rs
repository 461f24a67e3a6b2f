//! The database schema of wijkhub. The same migrations run on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261130_000001_initial;
mod m20261130_000002_change_feed;
mod m20261130_000003_wijk_order;
mod m20261206_000001_idempotency_claims;
mod m20261206_000002_change_log_tx_default;
mod m20261206_000003_webhooks;
mod m20261206_000004_client_keys;
mod m20261206_000010_rate_limit_leases;
mod m20261207_000001_organisation_generation;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261130_000001_initial::Migration),
            Box::new(m20261130_000002_change_feed::Migration),
            Box::new(m20261130_000003_wijk_order::Migration),
            Box::new(m20261206_000001_idempotency_claims::Migration),
            Box::new(m20261206_000002_change_log_tx_default::Migration),
            Box::new(m20261206_000003_webhooks::Migration),
            Box::new(m20261206_000004_client_keys::Migration),
            Box::new(m20261206_000010_rate_limit_leases::Migration),
            Box::new(m20261207_000001_organisation_generation::Migration),
        ]
    }
}
