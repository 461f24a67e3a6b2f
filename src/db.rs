//! Opening the database: SQLite (the embedded default) or PostgreSQL.

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Connects with settings fit for the backend: SQLite with WAL, foreign keys and a busy timeout;
/// an in-memory SQLite database on exactly one connection (each connection would get its own).
///
/// SQLite runs with `synchronous = FULL`: each commit is synced to disk before the write is
/// acknowledged, so an acknowledged write survives not only a killed process (which WAL with
/// `NORMAL` would already survive) but also a power cut. PostgreSQL's defaults
/// (`synchronous_commit = on`) give the same promise.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    // A pooled connection is pinged before use only when it has been idle for a second: the
    // default pings on every checkout, one more round trip for every statement (the checkout
    // was 5.8 % of a lookup's CPU with it, 1.2 % without; bench/results/2026-12-06-100k-round2.md),
    // while a busy connection was proven alive a moment ago. A connection idle long enough to
    // have been dropped by the server, a proxy or a firewall is still checked first.
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire_if_idle_for(Duration::from_secs(1));
    if url.starts_with("sqlite:") {
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        options.max_connections(if in_memory { 1 } else { max_connections.max(1) });
        options.map_sqlx_sqlite_opts(move |opts| {
            let opts = opts
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full);
            if in_memory {
                opts
            } else {
                opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            }
        });
    } else {
        options.max_connections(max_connections.max(1));
    }
    Database::connect(options).await
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// True when every known migration has been applied.
pub async fn migrations_current(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(Migrator::get_pending_migrations(db).await?.is_empty())
}
