//! Telling live readers that the database changed: this process's readers at once after each
//! commit, other instances through PostgreSQL's `LISTEN`/`NOTIFY`. A signal only says "look
//! again": the change log stays the truth, and readers also look every second, so a lost signal
//! loses nothing.
//!
//! A write does not `NOTIFY` in its own transaction. PostgreSQL serialises the commits of all
//! notifying transactions of a database on one lock, held until the commit has been flushed to
//! disk (`PreCommit_Notify` in `async.c`), so concurrent writes that notify commit one at a time:
//! pgbench, 32 clients, an `UPDATE` by key, median of three runs: 7,841 a second alone, 3,313
//! with a `pg_notify` in the same statement (`bench/results/2026-12-07-100k-round8.md`). Each
//! process instead announces its commits from a connection of its own, one `NOTIFY` at a time
//! however many commits it covers and at most a hundred a second, with `synchronous_commit =
//! off`: an announcement need not survive a crash.

use std::{
    sync::{Arc, OnceLock},
    time::Duration,
};

use sea_orm::sqlx::{
    Connection, PgConnection,
    postgres::{PgConnectOptions, PgListener, PgPoolOptions},
};
use tokio::sync::watch;

/// The channel every instance listens on.
pub const CHANNEL: &str = "wijkhub_changes";

/// One database's change signal, shared by every clone of its [`super::Db`].
#[derive(Clone)]
pub struct Changes(Arc<Inner>);

struct Inner {
    /// Moves on after every commit in this process, and when another instance announces one.
    readers: watch::Sender<u64>,
    /// Moves on after every commit in this process: what the announcer waits on.
    commits: watch::Sender<u64>,
    /// The PostgreSQL server to announce on and listen to; `None` on SQLite, whose database
    /// only this process writes.
    server: Option<PgConnectOptions>,
    announcer: OnceLock<()>,
    /// This process's announcements carry it, so that its own listener passes them over.
    instance: String,
}

impl Changes {
    pub(super) fn new(server: Option<PgConnectOptions>) -> Self {
        Self(Arc::new(Inner {
            readers: watch::channel(0).0,
            commits: watch::channel(0).0,
            server,
            announcer: OnceLock::new(),
            instance: uuid::Uuid::now_v7().simple().to_string(),
        }))
    }

    /// A write committed: wakes this process's readers and has other instances told.
    pub fn committed(&self) {
        self.0.readers.send_modify(bump);
        if let Some(server) = &self.0.server {
            self.0.commits.send_modify(bump);
            self.0.announcer.get_or_init(|| {
                tokio::spawn(announce(
                    server.clone(),
                    self.0.instance.clone(),
                    self.0.commits.subscribe(),
                ));
            });
        }
    }

    /// A receiver that changes after every commit this process or, once
    /// [`Changes::listen_across_instances`] runs, another instance makes.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.0.readers.subscribe()
    }

    /// On PostgreSQL, relays other instances' announcements to this process's readers,
    /// reconnecting when the connection drops; ends when the database handle is gone.
    pub fn listen_across_instances(&self) {
        let Some(server) = self.0.server.clone() else {
            return;
        };
        let inner = Arc::downgrade(&self.0);
        let own = self.0.instance.clone();
        // A connection of its own, outside both pools: it is held for as long as the process runs.
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with(server);
        tokio::spawn(async move {
            loop {
                match PgListener::connect_with(&pool).await {
                    Ok(mut listener) => {
                        if let Err(error) = listener.listen(CHANNEL).await {
                            tracing::warn!(%error, "cannot LISTEN for changes");
                        } else {
                            while let Ok(notification) = listener.recv().await {
                                if notification.payload() == own {
                                    continue;
                                }
                                let Some(inner) = inner.upgrade() else { return };
                                inner.readers.send_modify(bump);
                            }
                        }
                    }
                    Err(error) => tracing::warn!(%error, "cannot connect to LISTEN for changes"),
                }
                if inner.strong_count() == 0 {
                    return;
                }
                tokio::time::sleep(RETRY).await;
            }
        });
    }
}

/// The announcer's `application_name`, as `pg_stat_activity` shows it.
pub const ANNOUNCER: &str = "wijkhub announcer";

/// The least time between two announcements of one instance.
const SPACING: Duration = Duration::from_millis(10);

/// How long the announcer and the listener wait before they connect again.
const RETRY: Duration = Duration::from_secs(1);

/// Waits for a change signal's `receiver` to move, or at most `timeout`.
pub async fn wait_for_change(receiver: &mut watch::Receiver<u64>, timeout: Duration) {
    let _ = tokio::time::timeout(timeout, receiver.changed()).await;
}

fn bump(n: &mut u64) {
    *n = n.wrapping_add(1);
}

/// Sends one `NOTIFY` for however many commits happened since the last one, retrying until it
/// is sent; ends when the database handle is gone (its sender drops).
async fn announce(server: PgConnectOptions, instance: String, mut commits: watch::Receiver<u64>) {
    let server = server
        .options([("synchronous_commit", "off")])
        .application_name(ANNOUNCER);
    let mut connection: Option<PgConnection> = None;
    while commits.changed().await.is_ok() {
        while let Err(error) = send(&server, &mut connection, &instance).await {
            tracing::warn!(%error, "cannot announce changes to other instances");
            connection = None;
            tokio::time::sleep(RETRY).await;
            if commits.has_changed().is_err() {
                return;
            }
        }
        // Commits during the pause share the next announcement: under write load an instance
        // sends a hundred a second, not one per commit, and a quiet one still sends at once.
        tokio::time::sleep(SPACING).await;
    }
}

async fn send(
    server: &PgConnectOptions,
    connection: &mut Option<PgConnection>,
    instance: &str,
) -> Result<(), sea_orm::sqlx::Error> {
    let open = match connection {
        Some(open) => open,
        None => connection.insert(PgConnection::connect_with(server).await?),
    };
    sea_orm::sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(instance)
        .execute(&mut *open)
        .await?;
    Ok(())
}
