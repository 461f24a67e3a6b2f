//! Where the change log stands, for live readers of the change feed. What wakes them is the
//! database's change signal ([`crate::db::Changes`]).

use std::{sync::OnceLock, time::Duration};

use sea_orm::DbBackend;
use tokio::sync::watch;

use crate::db::{Db, wait_for_change};

/// Where the change log stands, as one task per database sees it: live subscribers wait on it
/// instead of each asking the database, so an idle instance asks once a second however many
/// subscriptions are open. It moves when a row is added and, on PostgreSQL, when the horizon of
/// running transactions passes a change's transaction (a change held back because an older
/// transaction was still running must wake readers when that one ends).
pub struct LogHead {
    db: Db,
    moved: watch::Sender<u64>,
    started: OnceLock<()>,
}

impl LogHead {
    pub fn new(db: Db) -> std::sync::Arc<Self> {
        std::sync::Arc::new(Self {
            db,
            moved: watch::channel(0).0,
            started: OnceLock::new(),
        })
    }

    /// A receiver that changes whenever the log moves; starts the watching task on first use.
    pub fn subscribe(self: &std::sync::Arc<Self>) -> watch::Receiver<u64> {
        self.started.get_or_init(|| {
            let weak = std::sync::Arc::downgrade(self);
            tokio::spawn(watch_head(weak, self.db.changes().subscribe()));
        });
        self.moved.subscribe()
    }
}

async fn watch_head(head: std::sync::Weak<LogHead>, mut wake: watch::Receiver<u64>) {
    let mut last: Option<(i64, i64)> = None;
    loop {
        let Some(head) = head.upgrade() else { return };
        match read_head(&head.db).await {
            Ok(now) if Some(now) != last => {
                last = Some(now);
                head.moved.send_modify(|n| *n = n.wrapping_add(1));
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot read the change log's head"),
        }
        drop(head);
        wait_for_change(&mut wake, Duration::from_secs(1)).await;
    }
}

async fn read_head(db: &Db) -> Result<(i64, i64), sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, Statement};
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    // The horizon counts only up to the newest change's transaction: past it, transactions
    // of other tables and databases move it without revealing anything to a reader.
    let sql = if postgres {
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM change_log) AS head, \
         LEAST(pg_snapshot_xmin(pg_current_snapshot())::text::bigint, \
               (SELECT COALESCE(MAX(tx_id), 0) FROM change_log) + 1) AS horizon"
    } else {
        "SELECT COALESCE(MAX(id), 0) AS head, 0 AS horizon FROM change_log"
    };
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    Ok(match row {
        Some(row) => (row.try_get("", "head")?, row.try_get("", "horizon")?),
        None => (0, 0),
    })
}
