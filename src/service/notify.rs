//! Waking live readers of the change feed: in process after every commit, and across instances
//! through PostgreSQL `LISTEN`/`NOTIFY`. A wake-up only says "look again": the change log stays
//! the truth, and readers also look every second, so a lost notification loses nothing.

use std::{sync::OnceLock, time::Duration};

use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::watch;

/// The channel every instance listens on.
pub const CHANNEL: &str = "wijkhub_changes";

fn sender() -> &'static watch::Sender<u64> {
    static SENDER: OnceLock<watch::Sender<u64>> = OnceLock::new();
    SENDER.get_or_init(|| watch::channel(0).0)
}

/// Tells every live reader in this process to look again.
pub fn wake() {
    sender().send_modify(|n| *n = n.wrapping_add(1));
}

/// A receiver that wakes up after [`wake`].
pub fn subscribe() -> watch::Receiver<u64> {
    sender().subscribe()
}

/// Waits for a wake-up, or at most `timeout`.
pub async fn wait(receiver: &mut watch::Receiver<u64>, timeout: Duration) {
    let _ = tokio::time::timeout(timeout, receiver.changed()).await;
}

/// On PostgreSQL, relays other instances' notifications into this process, reconnecting when
/// the connection drops.
pub fn listen_across_instances(db: &DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let pool = db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        loop {
            match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(CHANNEL).await {
                        tracing::warn!(%error, "cannot LISTEN for changes");
                    } else {
                        while listener.recv().await.is_ok() {
                            wake();
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "cannot connect to LISTEN for changes"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}
