//! Refused access leaves an audit record too (BIO): action, result, origin, actor, time; never
//! a token or a secret.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use entity::{AuditResult, audit_log};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DbErr};
use serde_json::{Value, json};

use super::{now, write::Origin};
use crate::auth::Principal;
use crate::db::Db;

/// Records a refusal. Failing to audit must not turn a refusal into a different answer, so an
/// error here is logged, not returned.
pub async fn refused(
    db: &Db,
    origin: &Origin,
    caller: Option<&Principal>,
    action: &str,
    details: Value,
) {
    let written = insert(db, origin, caller, action, AuditResult::Denied, details).await;
    if let Err(error) = written {
        tracing::error!(%error, "cannot write the audit record of a refusal");
    }
    metrics::counter!("wijkhub_access_refused_total").increment(1);
}

/// Records a read that hands over many rows at once (an export): who, what and with which
/// filters. Single reads are not audited; a bulk copy of the register is worth knowing about.
/// Like a refusal's, a failure to audit is logged and does not change the answer.
pub async fn read(db: &Db, origin: &Origin, caller: &Principal, action: &str, details: Value) {
    let written = insert(
        db,
        origin,
        Some(caller),
        action,
        AuditResult::Success,
        details,
    )
    .await;
    if let Err(error) = written {
        tracing::error!(%error, "cannot write the audit record of a read");
    }
}

/// An audit row about the request as a whole (no one object), as `origin` and `caller` tell it.
async fn insert(
    db: &Db,
    origin: &Origin,
    caller: Option<&Principal>,
    action: &str,
    result: AuditResult,
    details: Value,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        occurred_at: Set(now()),
        request_id: Set(origin.request_id.clone()),
        action: Set(action.chars().take(100).collect()),
        object_type: Set(None),
        object_id: Set(None),
        result: Set(result),
        actor_subject: Set(caller.map(|c| c.subject.clone())),
        actor_organisation_id: Set(caller.map(|c| c.organisation_id)),
        origin_ip: Set(origin.ip.clone()),
        client: Set(origin.client.clone()),
        details: Set(Some(details)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Refusals with nobody known behind them (a refused bearer token, a failed client
/// authentication at `/oauth/token`) cost an attacker nothing to repeat, so they are counted
/// rather than written one by one: per origin IP, action, reason (and client, where one was
/// named) the first refusal is written at once with `details.count = 1`; later ones within the
/// window are counted in memory and written as one row when the window ends, with
/// `details.count` and `details.since`. While the refusals go on, that is one row per window;
/// the counts of all rows add up to every refusal. Counts not yet written are lost if the
/// process dies (at most one window's worth); [`RefusalLog::flush`] writes them at once.
pub struct RefusalLog {
    db: Db,
    window: Duration,
    open: Mutex<HashMap<WindowKey, Window>>,
}

/// Past this many open windows (distinct origins and reasons), new ones share one window per
/// action and reason with the origin `*`, so memory stays bounded under a spread-out flood.
const MAX_OPEN_WINDOWS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct WindowKey {
    ip: Option<String>,
    action: String,
    reason: String,
    subject: Option<String>,
}

struct Window {
    /// When the first refusal not yet written was counted.
    since: DateTime<Utc>,
    /// Refusals counted since the last row.
    repeats: u64,
    /// The latest refused request's user agent and request id.
    client: Option<String>,
    request_id: Option<String>,
}

impl RefusalLog {
    pub fn new(db: Db, window: Duration) -> Arc<Self> {
        Arc::new(Self {
            db,
            window,
            open: Mutex::default(),
        })
    }

    fn open(&self) -> std::sync::MutexGuard<'_, HashMap<WindowKey, Window>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Accounts for one refusal: `reason` is a short category, never a token or a secret;
    /// `subject` names the client the request tried to act as, where it exists.
    pub async fn refused(
        self: &Arc<Self>,
        origin: &Origin,
        subject: Option<&str>,
        action: &str,
        reason: &str,
    ) {
        metrics::counter!("wijkhub_access_refused_total").increment(1);
        let mut key = WindowKey {
            ip: origin.ip.clone(),
            action: action.chars().take(100).collect(),
            reason: reason.to_owned(),
            subject: subject.map(str::to_owned),
        };
        let first = {
            let mut open = self.open();
            if open.len() >= MAX_OPEN_WINDOWS && !open.contains_key(&key) {
                key.ip = Some("*".into());
                key.subject = None;
            }
            match open.get_mut(&key) {
                Some(window) => {
                    if window.repeats == 0 {
                        window.since = now();
                    }
                    window.repeats += 1;
                    window.client.clone_from(&origin.client);
                    window.request_id.clone_from(&origin.request_id);
                    false
                }
                None => {
                    open.insert(
                        key.clone(),
                        Window {
                            since: now(),
                            repeats: 0,
                            client: None,
                            request_id: None,
                        },
                    );
                    true
                }
            }
        };
        if first {
            self.write(
                &key,
                origin.client.clone(),
                origin.request_id.clone(),
                json!({ "reason": reason, "count": 1 }),
            )
            .await;
            tokio::spawn(self.clone().close_later(key));
        }
    }

    /// Writes the window's count when it ends, for as long as refusals keep coming.
    async fn close_later(self: Arc<Self>, key: WindowKey) {
        loop {
            tokio::time::sleep(self.window).await;
            let due = {
                let mut open = self.open();
                match open.get_mut(&key) {
                    Some(window) if window.repeats > 0 => Some(Self::take(window)),
                    _ => {
                        open.remove(&key);
                        None
                    }
                }
            };
            let Some((details, client, request_id)) = due.map(|d| d.for_key(&key)) else {
                return;
            };
            self.write(&key, client, request_id, details).await;
        }
    }

    /// Writes every count not yet written (on shutdown, or to read the log at once).
    pub async fn flush(&self) {
        let due: Vec<(WindowKey, Due)> = self
            .open()
            .iter_mut()
            .filter(|(_, window)| window.repeats > 0)
            .map(|(key, window)| (key.clone(), Self::take(window)))
            .collect();
        for (key, due) in due {
            let (details, client, request_id) = due.for_key(&key);
            self.write(&key, client, request_id, details).await;
        }
    }

    fn take(window: &mut Window) -> Due {
        Due {
            count: std::mem::take(&mut window.repeats),
            since: window.since,
            client: window.client.take(),
            request_id: window.request_id.take(),
        }
    }

    async fn write(
        &self,
        key: &WindowKey,
        client: Option<String>,
        request_id: Option<String>,
        details: Value,
    ) {
        let row = audit_log::ActiveModel {
            occurred_at: Set(now()),
            request_id: Set(request_id),
            action: Set(key.action.clone()),
            object_type: Set(None),
            object_id: Set(None),
            result: Set(AuditResult::Denied),
            actor_subject: Set(key.subject.clone()),
            actor_organisation_id: Set(None),
            origin_ip: Set(key.ip.clone()),
            client: Set(client),
            details: Set(Some(details)),
            ..Default::default()
        };
        if let Err(error) = row.insert(&self.db).await {
            tracing::error!(%error, "cannot write the audit record of refusals");
        }
    }
}

/// Counted refusals about to be written.
struct Due {
    count: u64,
    since: DateTime<Utc>,
    client: Option<String>,
    request_id: Option<String>,
}

impl Due {
    fn for_key(self, key: &WindowKey) -> (Value, Option<String>, Option<String>) {
        (
            json!({ "reason": key.reason, "count": self.count, "since": self.since }),
            self.client,
            self.request_id,
        )
    }
}
