//! What every write shares: who writes from where, one transaction per mutation holding the
//! entity rows, the audit record and the change-log row, and the compare-and-increment of
//! versions.

use std::sync::Arc;

use entity::{AuditResult, ChangeOperation, audit_log, change_log};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use serde_json::Value;
use tokio::sync::{Mutex, MutexGuard};
use uuid::Uuid;

use super::now;
use crate::{auth::Principal, error::ApiResult};

/// Where a write came from, for the audit record (BIO: origin and actor).
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub ip: Option<String>,
    pub client: Option<String>,
    pub request_id: Option<String>,
    /// The `Idempotency-Key` the request holds: each of its writes marks it applied in the
    /// write's own transaction, so a retry never runs a committed write again.
    pub idempotency: Option<super::idempotency::Held>,
}

/// A signed-in caller about to write.
#[derive(Debug, Clone)]
pub struct Writer {
    pub caller: Principal,
    pub origin: Origin,
}

/// SQLite allows one writer at a time; taking turns in the process, instead of letting
/// transactions collide on the database lock, turns contention into waiting rather than
/// `database is locked` errors. PostgreSQL needs no gate.
#[derive(Clone, Default)]
pub struct WriteGate(Option<Arc<Mutex<()>>>);

impl WriteGate {
    pub fn for_backend(backend: DbBackend) -> Self {
        match backend {
            DbBackend::Sqlite => Self(Some(Arc::new(Mutex::new(())))),
            _ => Self(None),
        }
    }
}

/// An open write transaction: commit it, or drop it to roll everything back.
pub struct Write<'a> {
    pub txn: DatabaseTransaction,
    pub writer: &'a Writer,
    _turn: Option<MutexGuard<'a, ()>>,
}

pub async fn begin<'a>(
    db: &DatabaseConnection,
    gate: &'a WriteGate,
    writer: &'a Writer,
) -> ApiResult<Write<'a>> {
    let turn = match &gate.0 {
        Some(lock) => Some(lock.lock().await),
        None => None,
    };
    // IMMEDIATE takes SQLite's write lock at BEGIN (waiting out a previous writer's rollback
    // under the busy timeout), so a read at the start of the transaction can never make the
    // later upgrade to writer fail with "database is locked". PostgreSQL ignores the mode.
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    Ok(Write {
        txn: db.begin_with_options(options).await?,
        writer,
        _turn: turn,
    })
}

impl Write<'_> {
    /// Records the change for the audit log and the change feed, in this transaction.
    pub async fn record(
        &self,
        action: &str,
        entity_type: &str,
        entity_id: Uuid,
        operation: ChangeOperation,
        version: i32,
        details: Value,
    ) -> ApiResult<()> {
        self.record_with_readers(
            action,
            entity_type,
            entity_id,
            operation,
            version,
            details,
            None,
        )
        .await
    }

    /// [`Write::record`], noting who could read the object before the change (see the feed).
    #[allow(clippy::too_many_arguments)]
    pub async fn record_with_readers(
        &self,
        action: &str,
        entity_type: &str,
        entity_id: Uuid,
        operation: ChangeOperation,
        version: i32,
        details: Value,
        readers_before: Option<Value>,
    ) -> ApiResult<()> {
        let at = now();
        audit_log::ActiveModel {
            occurred_at: Set(at),
            request_id: Set(self.writer.origin.request_id.clone()),
            action: Set(action.to_owned()),
            object_type: Set(Some(entity_type.to_owned())),
            object_id: Set(Some(entity_id)),
            result: Set(AuditResult::Success),
            actor_subject: Set(Some(self.writer.caller.subject.clone())),
            actor_organisation_id: Set(Some(self.writer.caller.organisation_id)),
            origin_ip: Set(self.writer.origin.ip.clone()),
            client: Set(self.writer.origin.client.clone()),
            details: Set(Some(details)),
            ..Default::default()
        }
        .insert(&self.txn)
        .await?;
        change_log::ActiveModel {
            entity_type: Set(entity_type.to_owned()),
            entity_id: Set(entity_id),
            operation: Set(operation),
            version: Set(version),
            changed_at: Set(at),
            tx_id: Set(self.tx_id().await?),
            readers_before: Set(readers_before),
            ..Default::default()
        }
        .insert(&self.txn)
        .await?;
        Ok(())
    }

    /// The PostgreSQL transaction id, kept with each change so the feed can order by commit.
    async fn tx_id(&self) -> ApiResult<Option<i64>> {
        if self.txn.get_database_backend() != DbBackend::Postgres {
            return Ok(None);
        }
        let row = self
            .txn
            .query_one_raw(sea_orm::Statement::from_string(
                DbBackend::Postgres,
                "SELECT txid_current() AS id",
            ))
            .await?;
        Ok(match row {
            Some(row) => Some(row.try_get::<i64>("", "id")?),
            None => None,
        })
    }

    pub async fn commit(self) -> ApiResult<()> {
        if let Some(held) = &self.writer.origin.idempotency {
            super::idempotency::mark_applied(&self.txn, held).await?;
        }
        if self.txn.get_database_backend() == DbBackend::Postgres {
            // Delivered at commit, to every instance listening.
            self.txn
                .execute_unprepared(&format!("NOTIFY {}", super::notify::CHANNEL))
                .await?;
        }
        self.txn.commit().await?;
        super::notify::wake();
        Ok(())
    }
}

/// Compare-and-increment of `version` (and `updated_at`) in one statement on a soft-deletable
/// table: `CONFLICT` with the current version when it moved on, `NOT_FOUND` when the row is gone.
macro_rules! bump_version {
    ($module:path, $db:expr, $id:expr, $expected:expr) => {{
        use sea_orm::sea_query::{Expr, ExprTrait};
        use $module as m;
        let at = $crate::service::now();
        let updated = m::Entity::update_many()
            .col_expr(m::Column::Version, Expr::col(m::Column::Version).add(1))
            .col_expr(m::Column::UpdatedAt, Expr::val(at).into())
            .filter(m::Column::Id.eq($id))
            .filter(m::Column::Version.eq($expected))
            .filter(m::Entity::is_live())
            .exec_with_returning($db)
            .await?;
        match updated.into_iter().next() {
            Some(row) => Ok(row),
            // Only a refusal needs to know why: a newer version, or no such live row.
            None => match m::Entity::find_by_id($id).one($db).await? {
                Some(row) if row.deleted_at.is_none() => Err($crate::error::ApiError::Conflict {
                    current_version: row.version,
                }),
                _ => Err($crate::error::ApiError::NotFound),
            },
        }
    }};
}

pub(crate) use bump_version;
