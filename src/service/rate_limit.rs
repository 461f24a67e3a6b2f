//! Cost budgets per caller: each caller may spend a budget of query cost per window (a minute by
//! default), like GitHub's GraphQL API. A request that would overspend is refused whole and
//! spends nothing.
//!
//! The windows live in this process. Keeping them in the database would add a write to every
//! request, the hottest path there is; behind a load balancer with N instances a caller may
//! therefore spend up to N budgets per window (docs/operations.md says how to size them).

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};

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

pub struct RateLimiter {
    settings: RateLimits,
    windows: Mutex<HashMap<Caller, Window>>,
}

/// Past this many callers, expired windows are swept on the next charge.
const SWEEP_AT: usize = 10_000;

impl RateLimiter {
    pub fn new(settings: RateLimits) -> Self {
        Self {
            settings,
            windows: Mutex::new(HashMap::new()),
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

    /// Spends `cost` from the caller's budget, or refuses and spends nothing.
    pub fn charge(&self, caller: &Caller, limit: u64, cost: u64) -> Result<Budget, Exhausted> {
        self.apply(caller, limit, cost, true)
    }

    /// The caller's budget without spending any.
    pub fn peek(&self, caller: &Caller, limit: u64) -> Budget {
        match self.apply(caller, limit, 0, false) {
            Ok(budget) => budget,
            Err(exhausted) => exhausted.budget,
        }
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
            limiter.charge(&a, 100, 60).map(|b| b.remaining).ok(),
            Some(40)
        );
        let refused = limiter.charge(&a, 100, 50).expect_err("50 > 40 remaining");
        assert_eq!(refused.budget.remaining, 40);
        assert!(refused.budget.retry_after_seconds() >= 1);
        assert_eq!(
            limiter.charge(&a, 100, 40).map(|b| b.remaining).ok(),
            Some(0)
        );
        assert_eq!(limiter.peek(&a, 100).remaining, 0);
    }

    #[test]
    fn callers_do_not_share_a_budget() {
        let limiter = limiter(Duration::from_secs(60));
        let a = Caller::Anonymous("10.0.0.1".into());
        let b = Caller::Anonymous("10.0.0.2".into());
        assert!(limiter.charge(&a, 10, 10).is_ok());
        assert!(limiter.charge(&a, 10, 1).is_err());
        assert!(limiter.charge(&b, 10, 10).is_ok());
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
        assert!(limiter.charge(&a, 10, 10).is_ok());
        assert!(limiter.charge(&a, 10, 1).is_err());
        std::thread::sleep(Duration::from_millis(1_050));
        assert_eq!(limiter.charge(&a, 10, 1).map(|b| b.remaining).ok(), Some(9));
    }
}
