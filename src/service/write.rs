//! What every write shares: who writes from where, one transaction per mutation holding the
//! entity rows, the audit record and the change-log row, and the compare-and-increment of
//! versions.

use std::sync::Arc;

use entity::{AuditResult, ChangeOperation, Versioned, audit_log, change_log};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, SqliteTransactionMode, TransactionOptions,
    sea_query::{Expr, ExprTrait, IntoCondition},
};
use serde_json::{Value, json};
use tokio::sync::{Mutex, MutexGuard};
use uuid::Uuid;

use super::now;
use crate::{
    auth::Principal,
    db::{Changes, Db},
    error::{ApiError, ApiResult},
    policy::{self, Action, Target},
};

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

impl Writer {
    /// `FORBIDDEN` unless the policy lets the writer do `action` to `target`.
    pub fn authorize(&self, action: Action, target: Target) -> ApiResult<()> {
        if policy::decide(Some(&self.caller), action, target).allowed {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// Everything a write needs before it begins: the database, the turn to write and who writes.
/// Services check their input first and begin the transaction ([`WriteContext::begin`]) only
/// when there is something to write.
pub struct WriteContext<'a> {
    pub db: &'a Db,
    pub gate: &'a WriteGate,
    pub writer: Writer,
}

impl<'a> WriteContext<'a> {
    pub fn new(db: &'a Db, gate: &'a WriteGate, writer: Writer) -> Self {
        Self { db, gate, writer }
    }

    pub fn caller(&self) -> &Principal {
        &self.writer.caller
    }

    /// Waits for the turn to write and opens the transaction.
    pub async fn begin(&self) -> ApiResult<Write<'_>> {
        begin(self.db, self.gate, &self.writer).await
    }
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
    changes: &'a Changes,
    _turn: Option<MutexGuard<'a, ()>>,
}

async fn begin<'a>(db: &'a Db, gate: &'a WriteGate, writer: &'a Writer) -> ApiResult<Write<'a>> {
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
        changes: db.changes(),
        _turn: turn,
    })
}

/// One change, as the audit log and the change feed record it.
pub struct Change<'a> {
    action: &'a str,
    entity_type: &'a str,
    entity_id: Uuid,
    operation: ChangeOperation,
    version: i32,
    details: Value,
    readers_before: Option<Value>,
}

impl<'a> Change<'a> {
    /// A new object, at version 1.
    pub fn created(action: &'a str, entity_type: &'a str, entity_id: Uuid, details: Value) -> Self {
        Self::new(
            action,
            entity_type,
            entity_id,
            ChangeOperation::Created,
            1,
            details,
        )
    }

    pub fn updated(
        action: &'a str,
        entity_type: &'a str,
        entity_id: Uuid,
        version: i32,
        details: Value,
    ) -> Self {
        Self::new(
            action,
            entity_type,
            entity_id,
            ChangeOperation::Updated,
            version,
            details,
        )
    }

    /// A deleted object; what it held is not repeated in the audit.
    pub fn deleted(action: &'a str, entity_type: &'a str, entity_id: Uuid, version: i32) -> Self {
        Self::new(
            action,
            entity_type,
            entity_id,
            ChangeOperation::Deleted,
            version,
            json!({}),
        )
    }

    fn new(
        action: &'a str,
        entity_type: &'a str,
        entity_id: Uuid,
        operation: ChangeOperation,
        version: i32,
        details: Value,
    ) -> Self {
        Self {
            action,
            entity_type,
            entity_id,
            operation,
            version,
            details,
            readers_before: None,
        }
    }

    /// Who could read the object before the change, so the feed can tell mirrors that lost
    /// access to drop it.
    pub fn readers_before(mut self, readers: Value) -> Self {
        self.readers_before = Some(readers);
        self
    }
}

impl Write<'_> {
    /// Records the change for the audit log and the change feed, in this transaction.
    pub async fn record(&self, change: Change<'_>) -> ApiResult<()> {
        let at = now();
        audit_log::ActiveModel {
            occurred_at: Set(at),
            request_id: Set(self.writer.origin.request_id.clone()),
            action: Set(change.action.to_owned()),
            object_type: Set(Some(change.entity_type.to_owned())),
            object_id: Set(Some(change.entity_id)),
            result: Set(AuditResult::Success),
            actor_subject: Set(Some(self.writer.caller.subject.clone())),
            actor_organisation_id: Set(Some(self.writer.caller.organisation_id)),
            origin_ip: Set(self.writer.origin.ip.clone()),
            client: Set(self.writer.origin.client.clone()),
            details: Set(Some(change.details)),
            ..Default::default()
        }
        .insert(&self.txn)
        .await?;
        change_log::ActiveModel {
            entity_type: Set(change.entity_type.to_owned()),
            entity_id: Set(change.entity_id),
            operation: Set(change.operation),
            version: Set(change.version),
            changed_at: Set(at),
            // `tx_id` is the column's default: the inserting transaction's id on PostgreSQL
            // (migration m20261206_000002), NULL on SQLite.
            readers_before: Set(change.readers_before),
            ..Default::default()
        }
        .insert(&self.txn)
        .await?;
        Ok(())
    }

    /// Records the change and commits: the last step of every write.
    pub async fn finish(self, change: Change<'_>) -> ApiResult<()> {
        self.record(change).await?;
        self.commit().await
    }

    pub async fn commit(self) -> ApiResult<()> {
        if let Some(held) = &self.writer.origin.idempotency {
            super::idempotency::mark_applied(&self.txn, held).await?;
        }
        self.txn.commit().await?;
        self.changes.committed();
        Ok(())
    }
}

/// Compare-and-increment in one statement on a versioned table: writes the columns `changes`
/// sets, moves `version` on by one and `updated_at` to now, and returns the row, only from the
/// `expected` version of a live row. Otherwise `CONFLICT` with the current version when it moved
/// on, `NOT_FOUND` when the row is gone.
pub async fn save<E, C>(
    db: &C,
    id: Uuid,
    expected: i32,
    changes: E::ActiveModel,
) -> ApiResult<E::Model>
where
    E: Versioned,
    C: ConnectionTrait,
{
    let mut update = E::update_many()
        .set(changes)
        .col_expr(E::VERSION, Expr::col(E::VERSION).add(1))
        .col_expr(E::UPDATED_AT, Expr::val(now()))
        .filter(E::ID.eq(id))
        .filter(E::VERSION.eq(expected));
    if let Some(live) = E::live_condition() {
        update = update.filter(live);
    }
    let updated = update.exec_with_returning(db).await?;
    match updated.into_iter().next() {
        Some(row) => Ok(row),
        // Only a refusal needs to know why: a newer version, or no such live row.
        None => match E::find().filter(E::ID.eq(id)).one(db).await? {
            Some(row) if !E::is_deleted(&row) => Err(ApiError::Conflict {
                current_version: E::version(&row),
            }),
            _ => Err(ApiError::NotFound),
        },
    }
}

/// [`save`] with no other change: the version and `updated_at` move on.
pub async fn bump<E, C>(db: &C, id: Uuid, expected: i32) -> ApiResult<E::Model>
where
    E: Versioned,
    C: ConnectionTrait,
{
    save::<E, C>(
        db,
        id,
        expected,
        <E::ActiveModel as ActiveModelTrait>::default(),
    )
    .await
}

/// Inserts rows in batches that stay under both backends' bind-parameter limits.
pub async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    const BATCH: usize = 500;
    let mut rows = rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(BATCH));
        <A::Entity as EntityTrait>::insert_many(rows)
            .exec_without_returning(db)
            .await?;
        rows = rest;
    }
    Ok(())
}

/// Replaces an owner's set of link rows (a project's wijken, themes or places, a contact's
/// wijken): deletes the rows `of_owner` selects and inserts one row per item.
pub async fn replace_links<E, C, T>(
    db: &C,
    of_owner: impl IntoCondition,
    items: &[T],
    row: impl Fn(&T) -> E::Model,
) -> ApiResult<()>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
    C: ConnectionTrait,
{
    E::delete_many().filter(of_owner).exec(db).await?;
    insert_all(
        db,
        items.iter().map(|i| row(i).into_active_model()).collect(),
    )
    .await?;
    Ok(())
}
