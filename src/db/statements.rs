//! PostgreSQL connections for statements outside a transaction.
//!
//! sqlx's pool tests every connection it takes back with a `Sync` round trip (`return_to_pool`
//! → `ping`, sqlx-core 0.9). Outside a transaction that is one more round trip for every
//! statement: PostgreSQL wakes, reads the `Sync`, answers `ReadyForQuery`, and the server wakes
//! again to read it. Beside a lookup by key that made PostgreSQL's CPU per statement 1.7 times
//! as much (pgbench, `bench/results/2026-12-07-100k-round6.md`).
//!
//! This pool (deadpool) hands the connection back as it is. Nothing is lost by that:
//! - sqlx reads whatever is still owed before it sends the next statement (`wait_until_ready`),
//!   so a statement whose future was dropped halfway leaves a connection the next one can use;
//! - only single statements run here, never `BEGIN`, so no connection comes back inside a
//!   transaction;
//! - a connection that failed other than with the database's own error (a constraint, a
//!   cancelled statement) is closed, not returned;
//! - one idle for a second is pinged before it is used again, as sea-orm's pool does.

use std::{sync::Arc, time::Duration};

use deadpool::managed::{self, Metrics, Object, PoolError, RecycleResult};
use sea_orm::sea_query::Values;
use sea_orm::{
    ConnAcquireErr, DbErr, ExecResult, QueryResult, RuntimeErr, Statement,
    sqlx::{
        self, AssertSqlSafe, Connection, Executor,
        postgres::{PgConnectOptions, PgConnection},
    },
};
use sea_query_sqlx::SqlxValues;

use super::{ACQUIRE_TIMEOUT, IDLE_CHECK};

/// Every statement here is prepared once per connection and planned once, not at each execution.
///
/// PostgreSQL's default (`auto`) plans a prepared statement anew at every execution whenever the
/// plan it would keep looks dearer than the ones it makes for the values at hand. A page's bound
/// `LIMIT $n` is where that goes wrong: a kept plan cannot see that the page stops after 21 rows,
/// so its estimate is priced for a tenth of the table, and the wijk page was planned again at
/// every request, to the same plan (the index walk of the wijk's projects), for 0.3–0.6 ms of
/// PostgreSQL's CPU. The statements that run here are the API's own: lookups by key and keyset
/// pages over indexed orders, whose plan rarely depends on the values bound. The exception is a
/// filter on a value almost no row holds (a phase no project is in: 45-106 ms against 0.03 ms at
/// 100,000 projects), which the kept plan answers by walking the order's index
/// (`bench/results/2026-12-07-100k-round9.md`). Transactions, on sea-orm's pool, keep `auto`.
const PLAN_ONCE: &str = "SET plan_cache_mode = force_generic_plan";

#[derive(Clone)]
pub(super) struct Statements(managed::Pool<Manager>);

pub(super) struct Manager {
    server: PgConnectOptions,
}

impl managed::Manager for Manager {
    type Type = PgConnection;
    type Error = sqlx::Error;

    async fn create(&self) -> Result<PgConnection, sqlx::Error> {
        // Boxed, because the pool's `get` holds this future inline: unboxed, connecting (7 KB
        // of state) made every statement's future 21 KB, copied each time it moved, where
        // almost every `get` finds a connection open.
        Box::pin(async {
            let mut connection = PgConnection::connect_with(&self.server).await?;
            sqlx::raw_sql(PLAN_ONCE).execute(&mut connection).await?;
            Ok(connection)
        })
        .await
    }

    async fn recycle(
        &self,
        connection: &mut PgConnection,
        metrics: &Metrics,
    ) -> RecycleResult<sqlx::Error> {
        if metrics.last_used() >= IDLE_CHECK {
            connection.ping().await?;
        }
        Ok(())
    }
}

impl Statements {
    pub(super) fn new(server: PgConnectOptions, size: u32) -> Result<Self, DbErr> {
        let pool = managed::Pool::builder(Manager { server })
            .max_size(size as usize)
            .wait_timeout(Some(ACQUIRE_TIMEOUT))
            .create_timeout(Some(ACQUIRE_TIMEOUT))
            .recycle_timeout(Some(Duration::from_secs(5)))
            .runtime(deadpool::Runtime::Tokio1)
            .build()
            .map_err(|error| DbErr::Conn(RuntimeErr::Internal(error.to_string())))?;
        Ok(Self(pool))
    }

    /// Closes the pool: the idle connections say goodbye to the server (a database cannot be
    /// copied or dropped while a connection to it is open), one in use closes when handed back.
    pub(super) async fn close(&self) {
        let idle = self.0.retain(|_, _| false).removed;
        self.0.close();
        for connection in idle {
            let _ = connection.close().await;
        }
    }

    /// Connections open, and of those idle.
    pub(super) fn status(&self) -> (u32, usize) {
        let status = self.0.status();
        (
            u32::try_from(status.size).unwrap_or(u32::MAX),
            status.available,
        )
    }

    async fn connection(&self) -> Result<Object<Manager>, DbErr> {
        self.0.get().await.map_err(|error| match error {
            PoolError::Timeout(_) => DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            PoolError::Closed => DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            PoolError::Backend(error) => DbErr::Conn(RuntimeErr::SqlxError(Arc::new(error))),
            other => DbErr::Conn(RuntimeErr::Internal(other.to_string())),
        })
    }

    pub(super) async fn query_all(&self, statement: &Statement) -> Result<Vec<QueryResult>, DbErr> {
        let mut connection = self.connection().await?;
        let rows = query(statement).fetch_all(&mut *connection).await;
        let rows = settle(connection, rows).map_err(query_error)?;
        Ok(rows.into_iter().map(QueryResult::from).collect())
    }

    pub(super) async fn query_one(
        &self,
        statement: &Statement,
    ) -> Result<Option<QueryResult>, DbErr> {
        let mut connection = self.connection().await?;
        let row = query(statement).fetch_optional(&mut *connection).await;
        let row = settle(connection, row).map_err(query_error)?;
        Ok(row.map(QueryResult::from))
    }

    pub(super) async fn execute(&self, statement: &Statement) -> Result<ExecResult, DbErr> {
        let mut connection = self.connection().await?;
        let done = query(statement).execute(&mut *connection).await;
        let done = settle(connection, done).map_err(exec_error)?;
        Ok(done.into())
    }

    pub(super) async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let mut connection = self.connection().await?;
        let done = Executor::execute(&mut *connection, AssertSqlSafe(sql.to_owned())).await;
        let done = settle(connection, done).map_err(exec_error)?;
        Ok(done.into())
    }
}

fn query(statement: &Statement) -> sqlx::query::Query<'_, sqlx::Postgres, SqlxValues> {
    let values = statement.values.clone().unwrap_or(Values(Vec::new()));
    sqlx::query_with(AssertSqlSafe(statement.sql.as_str()), SqlxValues(values))
}

/// Returns the connection to the pool unless the statement failed in a way that leaves it in
/// doubt (the socket, the protocol); the database's own errors leave it ready for the next.
fn settle<T>(
    connection: Object<Manager>,
    result: Result<T, sqlx::Error>,
) -> Result<T, sqlx::Error> {
    if let Err(error) = &result
        && !matches!(error, sqlx::Error::Database(_) | sqlx::Error::RowNotFound)
    {
        drop(Object::take(connection));
    }
    result
}

fn query_error(error: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(Arc::new(error)))
}

fn exec_error(error: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(Arc::new(error)))
}

#[cfg(test)]
mod tests {
    use sea_orm::DbBackend;

    use super::*;

    /// Every statement's future is moved several times on its way to the engine (into the
    /// timing wrapper, into the boxed trait call), and each move copies it whole; what connecting
    /// needs must not travel with it. Opening the pool connects to nothing, so this needs no
    /// database.
    #[test]
    fn a_statement_does_not_carry_the_state_of_connecting() {
        let statements = Statements::new(PgConnectOptions::new(), 1).expect("a pool");
        let statement = Statement::from_string(DbBackend::Postgres, "SELECT 1");
        let one = statements.query_one(&statement);
        let all = statements.query_all(&statement);
        let execute = statements.execute(&statement);
        for (name, size) in [
            ("query_one", size_of_val(&one)),
            ("query_all", size_of_val(&all)),
            ("execute", size_of_val(&execute)),
        ] {
            assert!(size <= 4096, "{name}'s future is {size} bytes");
        }
    }
}
