//! What keeps `/oauth/token` from being a guessing machine or a CPU sink:
//!
//! - every answer costs one argon2 check, also for a client id that does not exist (checked
//!   against a dummy hash), so the time taken does not tell which ids exist;
//! - at most [`TokenGuard::parallel`] argon2 checks run at once (by default one per core); the
//!   rest wait their turn instead of starving the server;
//! - failed client authentications are counted per client id and per origin IP; past the limit
//!   within the window, further attempts are refused with `slow_down` until the window ends,
//!   without an argon2 check.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Arc, LazyLock, Mutex},
    time::{Duration, Instant},
};

use tokio::sync::Semaphore;

use super::clients;

/// Failures allowed within [`Limits::window`], and the window.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_client: u32,
    pub per_ip: u32,
    pub window: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_client: 10,
            per_ip: 30,
            window: Duration::from_secs(60),
        }
    }
}

/// Past this many tracked ids and addresses, expired entries are swept; if none expired, a new
/// client id is not tracked (its origin IP still is), so memory stays bounded.
const MAX_TRACKED: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Who {
    Client(String),
    Ip(IpAddr),
}

struct Failures {
    since: Instant,
    count: u32,
}

pub struct TokenGuard {
    checks: Arc<Semaphore>,
    parallel: usize,
    limits: Limits,
    failures: Mutex<HashMap<Who, Failures>>,
}

/// A hash to check unknown client ids against, made like every stored one, so an unknown id
/// costs what a known one does.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    clients::new_secret()
        .and_then(|secret| clients::hash(&secret))
        .inspect_err(|error| tracing::error!(%error, "cannot make the dummy client hash"))
        .ok()
});

impl TokenGuard {
    pub fn new(parallel: usize, limits: Limits) -> Self {
        let parallel = parallel.max(1);
        Self {
            checks: Arc::new(Semaphore::new(parallel)),
            parallel,
            limits,
            failures: Mutex::default(),
        }
    }

    /// One argon2 check at a time per core.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self::new(cores, Limits::default())
    }

    /// How many argon2 checks may run at once.
    pub fn parallel(&self) -> usize {
        self.parallel
    }

    fn failures(&self) -> std::sync::MutexGuard<'_, HashMap<Who, Failures>> {
        self.failures.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `Some(wait)` while the client id or the address has used up its failures.
    pub fn throttled(&self, client_id: &str, ip: Option<IpAddr>) -> Option<Duration> {
        let now = Instant::now();
        let failures = self.failures();
        let wait = |who: Who, limit: u32| {
            failures
                .get(&who)
                .filter(|f| f.count >= limit)
                .and_then(|f| (f.since + self.limits.window).checked_duration_since(now))
                .filter(|wait| !wait.is_zero())
        };
        let by_client = wait(Who::Client(tracked_id(client_id)), self.limits.per_client);
        let by_ip = ip.and_then(|ip| wait(Who::Ip(ip), self.limits.per_ip));
        by_client.max(by_ip)
    }

    /// Counts a failed client authentication against the client id and the address.
    pub fn failed(&self, client_id: &str, ip: Option<IpAddr>) {
        let now = Instant::now();
        let window = self.limits.window;
        let mut failures = self.failures();
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, f| now.duration_since(f.since) < window);
        }
        let mut count = |who: Who| {
            if failures.len() >= MAX_TRACKED && !failures.contains_key(&who) {
                return;
            }
            let entry = failures.entry(who).or_insert(Failures {
                since: now,
                count: 0,
            });
            if now.duration_since(entry.since) >= window {
                *entry = Failures {
                    since: now,
                    count: 0,
                };
            }
            entry.count = entry.count.saturating_add(1);
        };
        if let Some(ip) = ip {
            count(Who::Ip(ip));
        }
        count(Who::Client(tracked_id(client_id)));
    }

    /// Checks a secret against the stored hash, or against the dummy hash when there is no
    /// client (then it never matches, in the same time), waiting for a free argon2 slot.
    pub async fn check(&self, secret: String, stored: Option<String>) -> bool {
        let known = stored.is_some();
        let Some(hash) = stored.or_else(|| DUMMY_HASH.clone()) else {
            return false;
        };
        self.run(move || clients::matches(&secret, &hash) && known)
            .await
            .unwrap_or(false)
    }

    /// Runs `work` on the blocking pool once a check slot is free: argon2 is slow on purpose,
    /// so it stays off the async workers, and at most [`TokenGuard::parallel`] run at once.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let permit = self.checks.clone().acquire_owned().await.ok()?;
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .ok()
    }
}

/// Client ids are kept at most 64 characters long (a real one is a 36-character UUID).
fn tracked_id(client_id: &str) -> String {
    client_id
        .chars()
        .take(64)
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_checks_run_at_once_than_allowed() {
        let guard = Arc::new(TokenGuard::new(2, Limits::default()));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (guard, running, most) = (guard.clone(), running.clone(), most.clone());
                tokio::spawn(async move {
                    guard
                        .run(move || {
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(30));
                            running.fetch_sub(1, Ordering::SeqCst);
                        })
                        .await
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("task").expect("ran");
        }
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn failures_past_the_limit_throttle_the_id_and_the_address_for_the_window() {
        let guard = TokenGuard::new(
            1,
            Limits {
                per_client: 2,
                per_ip: 3,
                window: Duration::from_secs(60),
            },
        );
        let ip: IpAddr = "192.0.2.7".parse().expect("ip");
        let other: IpAddr = "192.0.2.8".parse().expect("ip");
        guard.failed("a", Some(ip));
        assert_eq!(guard.throttled("a", Some(ip)), None);
        guard.failed("A", Some(other));
        let wait = guard.throttled("a", None).expect("the id is throttled");
        assert!(wait <= Duration::from_secs(60) && wait > Duration::from_secs(55));
        assert_eq!(guard.throttled("b", Some(ip)), None, "another id is not");
        guard.failed("b", Some(ip));
        guard.failed("c", Some(ip));
        assert!(guard.throttled("d", Some(ip)).is_some(), "the address is");
        assert_eq!(guard.throttled("d", Some(other)), None);
    }
}
