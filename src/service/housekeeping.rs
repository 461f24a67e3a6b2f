//! The background sweep: expired idempotency keys, finished webhook delivery records past
//! their retention, counted refusals (the audit rows [`super::audit::RefusalLog`] writes) past
//! theirs, and the shared rate-limit rows of callers not seen for a week.
//!
//! Never the audit log's own records (writes, and refusals written one by one): BIO asks for
//! them to be kept for years, and wijkhub does not prune them (docs/operations.md, §9).
//!
//! Every instance sweeps on its own schedule. Each statement deletes at most [`BATCH`] rows, so
//! no statement holds locks for long or blocks the writers; on PostgreSQL the rows are chosen
//! with `FOR UPDATE SKIP LOCKED`, so instances sweeping at the same moment split the work
//! instead of waiting for each other.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

use super::{
    now,
    webhooks::{DELIVERED, WITHDRAWN},
};
use crate::config::Housekeeping;
use crate::db::Db;

/// A caller's shared rate-limit row whose window started this long ago belongs to a caller
/// not seen since: a window is minutes, and the caller's next request starts a fresh row.
const LEASES_UNUSED: Duration = Duration::from_secs(7 * 24 * 3600);

/// Rows one statement deletes at most.
const BATCH: u64 = 500;

/// What one sweep deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub idempotency_keys: u64,
    pub deliveries: u64,
    pub refusals: u64,
    pub rate_limit_leases: u64,
}

/// One sweep, now.
#[tracing::instrument(skip_all)]
pub async fn sweep(db: &Db, settings: &Housekeeping) -> Result<Swept, DbErr> {
    let now = now();
    let before = |retention: Duration| {
        chrono::Duration::from_std(retention)
            .ok()
            .and_then(|retention| now.checked_sub_signed(retention))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    };
    let swept = Swept {
        idempotency_keys: delete_in_batches(
            db,
            "idempotency_key",
            "(scope, \"key\")",
            "scope, \"key\"",
            "expires_at < {cutoff}",
            now,
        )
        .await?,
        deliveries: delete_in_batches(
            db,
            "webhook_delivery",
            "id",
            "id",
            &format!("status IN ('{DELIVERED}', '{WITHDRAWN}') AND created_at < {{cutoff}}"),
            before(settings.deliveries_retention),
        )
        .await?,
        refusals: delete_in_batches(
            db,
            "audit_log",
            "id",
            "id",
            &format!(
                "result = 'DENIED' AND actor_organisation_id IS NULL AND occurred_at < {{cutoff}} AND {}",
                counted(db.get_database_backend())
            ),
            before(settings.refusals_retention),
        )
        .await?,
        rate_limit_leases: delete_in_batches(
            db,
            super::rate_limit::LEASE_TABLE,
            "caller",
            "caller",
            "window_start < {cutoff}",
            before(LEASES_UNUSED),
        )
        .await?,
    };
    if swept != Swept::default() {
        tracing::info!(
            idempotency_keys = swept.idempotency_keys,
            deliveries = swept.deliveries,
            refusals = swept.refusals,
            rate_limit_leases = swept.rate_limit_leases,
            "housekeeping deleted expired rows"
        );
    }
    Ok(swept)
}

/// The rows [`super::audit::RefusalLog`] writes, and only those: they carry `details.count` and
/// no organisation; a refusal written on its own has no count.
fn counted(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "details->>'count' IS NOT NULL",
        _ => "json_extract(details, '$.count') IS NOT NULL",
    }
}

/// Deletes the rows of `table` that match `condition` (with `{cutoff}` bound to `cutoff`), at
/// most [`BATCH`] per statement, until none is left.
async fn delete_in_batches(
    db: &Db,
    table: &str,
    key: &str,
    key_columns: &str,
    condition: &str,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let (placeholder, lock) = match backend {
        DbBackend::Postgres => ("$1", " FOR UPDATE SKIP LOCKED"),
        _ => ("?", ""),
    };
    let sql = format!(
        "DELETE FROM {table} WHERE {key} IN \
         (SELECT {key_columns} FROM {table} WHERE {condition} LIMIT {BATCH}{lock})",
        condition = condition.replace("{cutoff}", placeholder),
    );
    let mut deleted = 0;
    loop {
        let statement = Statement::from_sql_and_values(backend, &sql, [cutoff.into()]);
        let rows = db.execute_raw(statement).await?.rows_affected();
        deleted += rows;
        if rows < BATCH {
            return Ok(deleted);
        }
        // Let writers waiting for the table go first between batches.
        tokio::task::yield_now().await;
    }
}

/// Runs [`sweep`] every `settings.interval`, for as long as the server runs; a failed sweep is
/// logged and tried again at the next one.
pub fn sweep_every(db: Db, settings: Housekeeping) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(settings.interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = sweep(&db, &settings).await {
                metrics::counter!("wijkhub_housekeeping_failures_total").increment(1);
                tracing::warn!(%error, "housekeeping failed; trying again at the next interval");
            }
        }
    });
}
