//! Cost budgets per caller: each caller may spend a budget of query cost per window (a minute by
//! default), like GitHub's GraphQL API. A request that would overspend is refused whole and
//! spends nothing.
//!
//! On PostgreSQL a budget holds across every instance on the database: instances *lease* slices
//! of a caller's budget from one shared row per caller (`rate_limit_lease`) and spend them in
//! memory, so the database is written once per slice (a tenth of the budget, or what one request
//! needs), not once per request. Windows are then counted from the Unix epoch, so all instances
//! agree on when one ends. What an instance leased and did not spend is not handed back within
//! the window: with N instances a caller may find up to N slices unusable at the end of a
//! window, never more than its budget spent. On SQLite (one process per file) the windows live
//! in this process and start at a caller's first request.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::db::Db;
use crate::{auth::Principal, config::RateLimits};

/// Whose budget a request spends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Caller {
    /// An organisation's user or API client (the token's subject).
    Token {
        organisation: uuid::Uuid,
        subject: String,
    },
    /// A request without a token, by client address.
    Anonymous(String),
}

impl Caller {
    /// The caller as the shared ledger names it; long subjects go in as a digest, so a key fits
    /// its column whatever a token says.
    fn ledger_key(&self) -> String {
        let key = match self {
            Self::Token {
                organisation,
                subject,
            } => format!("o:{organisation}:{subject}"),
            Self::Anonymous(address) => format!("a:{address}"),
        };
        if key.len() <= 200 {
            return key;
        }
        use sha2::Digest;
        format!("h:{}", hex::encode(sha2::Sha256::digest(key.as_bytes())))
    }

    pub fn of(principal: Option<&Principal>, address: Option<&str>) -> Self {
        match principal {
            Some(p) => Self::Token {
                organisation: p.organisation_id,
                subject: p.subject.clone(),
            },
            None => Self::Anonymous(address.unwrap_or("unknown").to_owned()),
        }
    }
}

/// A caller's budget as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub limit: u64,
    pub remaining: u64,
    pub reset_at: DateTime<Utc>,
}

impl Budget {
    /// Whole seconds until the window resets, at least 1 (for `Retry-After`).
    pub fn retry_after_seconds(&self) -> u64 {
        let millis = (self.reset_at - Utc::now()).num_milliseconds().max(0) as u64;
        millis.div_ceil(1000).max(1)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the rate limit is spent: this request costs {cost}, {} of {} remain until {}", budget.remaining, budget.limit, budget.reset_at.to_rfc3339())]
pub struct Exhausted {
    pub cost: u64,
    pub budget: Budget,
}

struct Window {
    started: Instant,
    spent: u64,
}

/// A caller's share of a window's budget leased by this instance (shared budgets). The window
/// is the one the shared row records, started by the database's clock at the caller's first
/// request on any instance, so every instance counts the same window.
struct Lease {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    leased: u64,
    spent: u64,
    /// Leased by other instances in this window, as of this instance's last lease.
    elsewhere: u64,
}

impl Lease {
    fn current(&self, now: DateTime<Utc>) -> bool {
        now < self.end
    }
}

/// What the ledger granted: this lease, all instances' leases together after it, and the
/// window's start.
struct Grant {
    granted: u64,
    total: u64,
    start: DateTime<Utc>,
}

enum Attempt {
    Spent(Budget),
    Short { need: u64, budget: Budget },
}

impl Attempt {
    /// Spent, or refused: others' leases only grow within a window, so what is known to be gone
    /// is gone.
    fn into_result(self, cost: u64) -> Result<Budget, Exhausted> {
        match self {
            Attempt::Spent(budget) => Ok(budget),
            Attempt::Short { budget, .. } => Err(Exhausted { cost, budget }),
        }
    }
}

pub struct RateLimiter {
    settings: RateLimits,
    windows: Mutex<HashMap<Caller, Window>>,
    leases: Mutex<HashMap<Caller, Lease>>,
    /// One lease in flight per caller in this instance. Without it every request that found
    /// the caller's lease spent asked the ledger for a slice of its own at once: a burst of
    /// ten leased the whole budget into this instance, and the caller's requests to any other
    /// instance, or to this one's successor after a restart, were refused until the window
    /// ended, with almost nothing spent.
    leasing: Mutex<HashMap<Caller, Arc<tokio::sync::Mutex<()>>>>,
}

/// Past this many callers, expired windows are swept on the next charge.
const SWEEP_AT: usize = 10_000;

impl RateLimiter {
    pub fn new(settings: RateLimits) -> Self {
        Self {
            settings,
            windows: Mutex::new(HashMap::new()),
            leases: Mutex::new(HashMap::new()),
            leasing: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.settings.enabled
    }

    /// The budget per window of a caller: its API client's own, else its role's.
    pub fn limit_for(&self, principal: Option<&Principal>) -> u64 {
        let Some(principal) = principal else {
            return self.settings.anonymous;
        };
        // API clients' tokens name them as `client:<id>`; the settings name them by id.
        let subject = principal.subject.to_lowercase();
        let client = subject.strip_prefix("client:").unwrap_or(&subject);
        if let Some(limit) = self.settings.clients.get(client) {
            return *limit;
        }
        match principal.role {
            entity::Role::Admin => self.settings.admin,
            entity::Role::Editor => self.settings.editor,
            entity::Role::Viewer => self.settings.viewer,
        }
    }

    /// Whether budgets are kept with the other instances on `db` (PostgreSQL, unless turned off).
    fn shares(&self, db: Option<&Db>) -> bool {
        self.settings.shared
            && db.is_some_and(|db| db.get_database_backend() == DbBackend::Postgres)
    }

    /// Spends `cost` from the caller's budget, or refuses and spends nothing. With `db` on
    /// PostgreSQL the budget is the one all instances share.
    pub async fn charge(
        &self,
        caller: &Caller,
        limit: u64,
        cost: u64,
        db: Option<&Db>,
    ) -> Result<Budget, Exhausted> {
        match db.filter(|_| self.shares(db)) {
            Some(db) => self.charge_shared(db, caller, limit, cost).await,
            None => self.apply(caller, limit, cost, true),
        }
    }

    /// Spends as much of `cost` as the caller's budget has left, never refusing: for a charge
    /// that must be made even when it cannot be made whole (a refused document's parse).
    pub async fn charge_up_to(
        &self,
        caller: &Caller,
        limit: u64,
        cost: u64,
        db: Option<&Db>,
    ) -> Budget {
        let mut left = self.peek(caller, limit, db).remaining;
        // A shared budget may have less left than this instance knew: one more try with what
        // the ledger says is left.
        for _ in 0..2 {
            match self.charge(caller, limit, cost.min(left), db).await {
                Ok(budget) => return budget,
                Err(exhausted) if exhausted.budget.remaining < left => {
                    left = exhausted.budget.remaining;
                }
                Err(exhausted) => return exhausted.budget,
            }
        }
        self.peek(caller, limit, db)
    }

    /// The caller's budget without spending any (shared budgets: as this instance knows it).
    pub fn peek(&self, caller: &Caller, limit: u64, db: Option<&Db>) -> Budget {
        if self.shares(db) {
            let now = Utc::now();
            let leases = self.lock_leases();
            let lease = leases.get(caller).filter(|l| l.current(now));
            return self.leased_budget(lease, limit, now);
        }
        match self.apply(caller, limit, 0, false) {
            Ok(budget) => budget,
            Err(exhausted) => exhausted.budget,
        }
    }

    fn window(&self) -> Duration {
        self.settings.window.max(Duration::from_secs(1))
    }

    fn lock_leases(&self) -> std::sync::MutexGuard<'_, HashMap<Caller, Lease>> {
        // A poisoned lock only means another request panicked mid-update of plain counters.
        self.leases
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A caller's budget as this instance knows it; without a current lease, the whole budget
    /// in a window that would start now.
    fn leased_budget(&self, lease: Option<&Lease>, limit: u64, now: DateTime<Utc>) -> Budget {
        match lease {
            Some(lease) => Budget {
                limit,
                remaining: limit.saturating_sub(lease.spent.saturating_add(lease.elsewhere)),
                reset_at: lease.end,
            },
            None => Budget {
                limit,
                remaining: limit,
                reset_at: now + chrono::Duration::from_std(self.window()).unwrap_or_default(),
            },
        }
    }

    fn spend_leased(&self, caller: &Caller, limit: u64, cost: u64) -> Attempt {
        let now = Utc::now();
        let mut leases = self.lock_leases();
        if leases.len() >= SWEEP_AT {
            leases.retain(|_, lease| lease.current(now));
        }
        let Some(lease) = leases.get_mut(caller).filter(|l| l.current(now)) else {
            return Attempt::Short {
                need: cost,
                budget: self.leased_budget(None, limit, now),
            };
        };
        let spendable = lease.leased - lease.spent;
        if cost <= spendable {
            lease.spent += cost;
            return Attempt::Spent(self.leased_budget(Some(lease), limit, now));
        }
        Attempt::Short {
            need: cost - spendable,
            budget: self.leased_budget(Some(lease), limit, now),
        }
    }

    /// Adds what the ledger granted to this instance's lease, or starts the lease of the window
    /// the ledger says is running.
    fn take(&self, caller: &Caller, grant: Grant) {
        let end = grant.start + chrono::Duration::from_std(self.window()).unwrap_or_default();
        let mut leases = self.lock_leases();
        let lease = leases.entry(caller.clone()).or_insert(Lease {
            start: grant.start,
            end,
            leased: 0,
            spent: 0,
            elsewhere: 0,
        });
        if lease.start != grant.start {
            *lease = Lease {
                start: grant.start,
                end,
                leased: 0,
                spent: 0,
                elsewhere: 0,
            };
        }
        lease.leased += grant.granted;
        lease.elsewhere = lease
            .elsewhere
            .max(grant.total.saturating_sub(lease.leased));
    }

    async fn charge_shared(
        &self,
        db: &Db,
        caller: &Caller,
        limit: u64,
        cost: u64,
    ) -> Result<Budget, Exhausted> {
        if let Err(settled) = self.still_to_lease(caller, limit, cost) {
            return settled;
        }
        let gate = self.lease_gate(caller);
        let _leasing = gate.lock().await;
        // The request that held the gate may have leased enough for this one too.
        let need = match self.still_to_lease(caller, limit, cost) {
            Ok(need) => need,
            Err(settled) => return settled,
        };
        let ask = need.max(limit / 10).min(limit);
        match lease(db, &caller.ledger_key(), ask, limit, self.window()).await {
            Ok(grant) => self.take(caller, grant),
            Err(error) => {
                // The database is what every request needs anyway: a caller is not refused for
                // its hiccup, and this instance still counts what it lets through.
                tracing::warn!(%error, "could not lease a rate-limit budget; counting in this instance");
                metrics::counter!("wijkhub_rate_limit_ledger_errors_total").increment(1);
                return self.apply(caller, limit, cost, true);
            }
        }
        self.spend_leased(caller, limit, cost).into_result(cost)
    }

    /// What this instance must lease before it can spend `cost`, or the answer when it need not
    /// lease: spent from its lease, or refused.
    fn still_to_lease(
        &self,
        caller: &Caller,
        limit: u64,
        cost: u64,
    ) -> Result<u64, Result<Budget, Exhausted>> {
        match self.spend_leased(caller, limit, cost) {
            Attempt::Short { need, budget } if budget.remaining >= cost => Ok(need),
            settled => Err(settled.into_result(cost)),
        }
    }

    /// The caller's lease gate, made on first use; gates no request holds are swept with the
    /// other per-caller maps.
    fn lease_gate(&self, caller: &Caller) -> Arc<tokio::sync::Mutex<()>> {
        // A poisoned lock only means another request panicked while taking a gate.
        let mut gates = self
            .leasing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if gates.len() >= SWEEP_AT {
            gates.retain(|_, gate| Arc::strong_count(gate) > 1);
        }
        gates.entry(caller.clone()).or_default().clone()
    }

    fn apply(
        &self,
        caller: &Caller,
        limit: u64,
        cost: u64,
        spend: bool,
    ) -> Result<Budget, Exhausted> {
        let now = Instant::now();
        let window = self.settings.window.max(Duration::from_secs(1));
        // A poisoned lock only means another request panicked mid-update of plain counters.
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() >= SWEEP_AT {
            windows.retain(|_, w| now.duration_since(w.started) < window);
        }
        let entry = windows.entry(caller.clone()).or_insert(Window {
            started: now,
            spent: 0,
        });
        if now.duration_since(entry.started) >= window {
            *entry = Window {
                started: now,
                spent: 0,
            };
        }
        let left = window.saturating_sub(now.duration_since(entry.started));
        let reset_at = Utc::now() + chrono::Duration::from_std(left).unwrap_or_default();
        let remaining = limit.saturating_sub(entry.spent);
        if spend && cost > remaining {
            return Err(Exhausted {
                cost,
                budget: Budget {
                    limit,
                    remaining,
                    reset_at,
                },
            });
        }
        if spend {
            entry.spent = entry.spent.saturating_add(cost);
        }
        Ok(Budget {
            limit,
            remaining: limit.saturating_sub(entry.spent),
            reset_at,
        })
    }
}

/// The shared ledger's table (the statement counter tells lease statements by it).
pub const LEASE_TABLE: &str = "rate_limit_lease";

/// Leases up to `ask` of a caller's budget from the shared row, never more than the budget
/// over all instances together. A window starts by the database's clock at the first lease after
/// the last one ended, so instances whose clocks differ still count one window. One statement;
/// the row is locked only for its own update.
async fn lease(
    db: &Db,
    caller: &str,
    ask: u64,
    limit: u64,
    window: Duration,
) -> Result<Grant, sea_orm::DbErr> {
    let ask = i64::try_from(ask).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let window_secs = window.as_secs_f64();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            r#"INSERT INTO rate_limit_lease AS held (caller, window_start, leased, last_grant)
               VALUES ($1, now(), LEAST($2, $3), LEAST($2, $3))
               ON CONFLICT (caller) DO UPDATE SET
                 last_grant = CASE WHEN held.window_start > now() - make_interval(secs => $4)
                   THEN LEAST($2, GREATEST($3 - held.leased, 0)) ELSE EXCLUDED.last_grant END,
                 leased = CASE WHEN held.window_start > now() - make_interval(secs => $4)
                   THEN held.leased + LEAST($2, GREATEST($3 - held.leased, 0)) ELSE EXCLUDED.leased END,
                 window_start = CASE WHEN held.window_start > now() - make_interval(secs => $4)
                   THEN held.window_start ELSE EXCLUDED.window_start END
               RETURNING last_grant, leased, window_start"#,
            [caller.into(), ask.into(), limit.into(), window_secs.into()],
        ))
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound(LEASE_TABLE.into()))?;
    let granted: i64 = row.try_get("", "last_grant")?;
    let total: i64 = row.try_get("", "leased")?;
    let start: DateTime<Utc> = row.try_get("", "window_start")?;
    Ok(Grant {
        granted: u64::try_from(granted).unwrap_or_default(),
        total: u64::try_from(total).unwrap_or_default(),
        start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(window: Duration) -> RateLimiter {
        RateLimiter::new(RateLimits {
            window,
            ..RateLimits::default()
        })
    }

    #[test]
    fn a_budget_is_spent_then_refused_without_spending() {
        let limiter = limiter(Duration::from_secs(60));
        let a = Caller::Anonymous("10.0.0.1".into());
        assert_eq!(
            limiter.apply(&a, 100, 60, true).map(|b| b.remaining).ok(),
            Some(40)
        );
        let refused = limiter
            .apply(&a, 100, 50, true)
            .expect_err("50 > 40 remaining");
        assert_eq!(refused.budget.remaining, 40);
        assert!(refused.budget.retry_after_seconds() >= 1);
        assert_eq!(
            limiter.apply(&a, 100, 40, true).map(|b| b.remaining).ok(),
            Some(0)
        );
        assert_eq!(limiter.peek(&a, 100, None).remaining, 0);
    }

    #[test]
    fn callers_do_not_share_a_budget() {
        let limiter = limiter(Duration::from_secs(60));
        let a = Caller::Anonymous("10.0.0.1".into());
        let b = Caller::Anonymous("10.0.0.2".into());
        assert!(limiter.apply(&a, 10, 10, true).is_ok());
        assert!(limiter.apply(&a, 10, 1, true).is_err());
        assert!(limiter.apply(&b, 10, 10, true).is_ok());
    }

    #[test]
    fn an_api_client_has_its_own_budget_by_id() {
        let limiter = RateLimiter::new(RateLimits {
            clients: [("0193a1b2-0000-7000-8000-000000000001".to_owned(), 7)].into(),
            ..RateLimits::default()
        });
        let caller = |subject: &str| Principal {
            subject: subject.to_owned(),
            organisation_id: uuid::Uuid::nil(),
            organisation_code: "haag-wonen".into(),
            organisation_kind: entity::OrganisationKind::Partner,
            role: entity::Role::Editor,
            client: None,
        };
        // Tokens from /oauth/token name the client as `client:<id>`.
        let client = caller("client:0193A1B2-0000-7000-8000-000000000001");
        assert_eq!(limiter.limit_for(Some(&client)), 7);
        assert_eq!(limiter.limit_for(Some(&caller("someone"))), 20_000);
        assert_eq!(limiter.limit_for(None), 1_000);
    }

    #[test]
    fn a_new_window_restores_the_budget() {
        let limiter = limiter(Duration::from_secs(1));
        let a = Caller::Anonymous("10.0.0.1".into());
        assert!(limiter.apply(&a, 10, 10, true).is_ok());
        assert!(limiter.apply(&a, 10, 1, true).is_err());
        std::thread::sleep(Duration::from_millis(1_050));
        assert_eq!(
            limiter.apply(&a, 10, 1, true).map(|b| b.remaining).ok(),
            Some(9)
        );
    }
}
