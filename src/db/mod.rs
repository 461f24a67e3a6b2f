//! Opening the database: SQLite (the embedded default) or PostgreSQL, and [`Db`], the handle
//! the rest of the code runs its statements on.

mod changes;
mod statements;
mod templates;

use std::{sync::Arc, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, Statement, TransactionOptions, TransactionTrait, metric::Info,
    sqlx::postgres::PgConnectOptions,
};

pub use changes::{ANNOUNCER, CHANNEL, Changes, wait_for_change};
use statements::Statements;
pub use templates::Templates;

/// What every executed statement is reported to (telemetry and the statement count).
pub type StatementCallback = Arc<dyn Fn(&Info<'_>) + Send + Sync>;

/// The database as the code uses it.
///
/// Transactions run on sea-orm's pool. On PostgreSQL a statement outside a transaction runs on
/// a pool of its own ([`statements`]): sea-orm's pool (sqlx) sends a `Sync` and waits for the
/// answer every time it takes a connection back, one more round trip for every statement, which
/// cost PostgreSQL two thirds of what a lookup by key costs it. On SQLite both are sea-orm's
/// pool.
#[derive(Clone)]
pub struct Db {
    pool: DatabaseConnection,
    statements: Option<Statements>,
    callback: Option<StatementCallback>,
    /// Who is told of its commits.
    changes: Changes,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.pool.get_database_backend())
            .finish_non_exhaustive()
    }
}

/// Connects with settings fit for the backend: SQLite with WAL, foreign keys and a busy timeout;
/// an in-memory SQLite database on exactly one connection (each connection would get its own).
/// On PostgreSQL `max_connections` is shared: a quarter (at least one) for transactions, the
/// rest for single statements, which nearly every request runs and which nothing holds for
/// longer than one round trip (four statement connections of eight held lookups at 32
/// connections to 5,334 requests a second, six give 6,030;
/// `bench/results/2026-12-07-100k-round6.md`).
///
/// SQLite runs with `synchronous = FULL`: each commit is synced to disk before the write is
/// acknowledged, so an acknowledged write survives not only a killed process (which WAL with
/// `NORMAL` would already survive) but also a power cut. PostgreSQL's defaults
/// (`synchronous_commit = on`) give the same promise.
pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    // A pooled connection is pinged before use only when it has been idle for a second: the
    // default pings on every checkout, one more round trip for every statement (the checkout
    // was 5.8 % of a lookup's CPU with it, 1.2 % without; bench/results/2026-12-06-100k-round2.md),
    // while a busy connection was proven alive a moment ago. A connection idle long enough to
    // have been dropped by the server, a proxy or a firewall is still checked first.
    options
        .sqlx_logging(false)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .test_before_acquire_if_idle_for(IDLE_CHECK);
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
        return Ok(Db {
            pool: Database::connect(options).await?,
            statements: None,
            callback: None,
            changes: Changes::new(None),
        });
    }
    let for_transactions = (max_connections / 4).max(1);
    let for_statements = max_connections.saturating_sub(for_transactions).max(1);
    options.max_connections(for_transactions);
    let pool = Database::connect(options).await?;
    let server: PgConnectOptions = url
        .parse()
        .map_err(|error| DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("{error}"))))?;
    let server = sea_orm::sqlx::ConnectOptions::disable_statement_logging(server);
    Ok(Db {
        pool,
        statements: Some(Statements::new(server.clone(), for_statements)?),
        callback: None,
        changes: Changes::new(Some(server)),
    })
}

/// How long a statement waits for a free connection before it fails.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection idle for this long is pinged before it is used again.
const IDLE_CHECK: Duration = Duration::from_secs(1);

impl Db {
    /// sea-orm's pool, for what takes it by name (migrations, the pool's own gauges).
    pub fn sea_orm(&self) -> &DatabaseConnection {
        &self.pool
    }

    /// Reports every statement, on either pool, to `callback`.
    pub fn set_metric_callback<F>(&mut self, callback: F)
    where
        F: Fn(&Info<'_>) + Send + Sync + 'static,
    {
        let callback: StatementCallback = Arc::new(callback);
        let for_pool = callback.clone();
        self.pool.set_metric_callback(move |info| for_pool(info));
        self.callback = Some(callback);
    }

    /// Closes both pools.
    pub async fn close(self) -> Result<(), DbErr> {
        if let Some(statements) = &self.statements {
            statements.close().await;
        }
        self.pool.close().await
    }

    /// SQLite or PostgreSQL.
    pub fn get_database_backend(&self) -> DbBackend {
        self.pool.get_database_backend()
    }

    /// Begins a transaction (on sea-orm's pool).
    pub async fn begin(&self) -> Result<DatabaseTransaction, DbErr> {
        self.pool.begin().await
    }

    /// Begins a transaction with `options` (on sea-orm's pool).
    pub async fn begin_with_options(
        &self,
        options: TransactionOptions,
    ) -> Result<DatabaseTransaction, DbErr> {
        self.pool.begin_with_options(options).await
    }

    /// Who is told of the database's commits: this process's live readers and other instances.
    pub fn changes(&self) -> &Changes {
        &self.changes
    }

    /// Connections open and idle, over both pools.
    pub fn pool_status(&self) -> PoolStatus {
        let (mut open, mut idle) = match self.pool.get_database_backend() {
            DbBackend::Postgres => {
                let pool = self.pool.get_postgres_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => {
                let pool = self.pool.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
        };
        if let Some(statements) = &self.statements {
            let (more_open, more_idle) = statements.status();
            open += more_open;
            idle += more_idle;
        }
        PoolStatus { open, idle }
    }

    /// Runs a statement on the statements' pool and reports it, as sea-orm reports its own.
    async fn timed<T>(
        &self,
        statement: &Statement,
        run: impl Future<Output = Result<T, DbErr>>,
    ) -> Result<T, DbErr> {
        let started = std::time::Instant::now();
        let result = run.await;
        if let Some(callback) = &self.callback {
            callback(&Info {
                elapsed: started.elapsed(),
                statement,
                failed: result.is_err(),
            });
        }
        result
    }
}

/// See [`Db::pool_status`].
#[derive(Debug, Clone, Copy)]
pub struct PoolStatus {
    pub open: u32,
    pub idle: usize,
}

#[async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DbBackend {
        self.pool.get_database_backend()
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        match &self.statements {
            Some(statements) => self.timed(&statement, statements.execute(&statement)).await,
            None => self.pool.execute_raw(statement).await,
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match &self.statements {
            Some(statements) => statements.execute_unprepared(sql).await,
            None => self.pool.execute_unprepared(sql).await,
        }
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        match &self.statements {
            Some(statements) => {
                self.timed(&statement, statements.query_one(&statement))
                    .await
            }
            None => self.pool.query_one_raw(statement).await,
        }
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match &self.statements {
            Some(statements) => {
                self.timed(&statement, statements.query_all(&statement))
                    .await
            }
            None => self.pool.query_all_raw(statement).await,
        }
    }

    fn support_returning(&self) -> bool {
        self.pool.support_returning()
    }
}

pub async fn migrate(db: &Db) -> Result<(), DbErr> {
    Migrator::up(db.sea_orm(), None).await
}

/// True when every known migration has been applied.
pub async fn migrations_current(db: &Db) -> Result<bool, DbErr> {
    Ok(Migrator::get_pending_migrations(db.sea_orm())
        .await?
        .is_empty())
}
