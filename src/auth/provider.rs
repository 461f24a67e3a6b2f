//! The city identity provider's signing keys, fetched over HTTPS from its JWKS
//! (`WIJKHUB_JWT_JWKS_URL`, or found through OIDC discovery from `WIJKHUB_JWT_OIDC_ISSUER`).
//!
//! - The set is kept as long as its `Cache-Control: max-age` says, within
//!   `WIJKHUB_JWT_JWKS_MIN_CACHE` and `…_MAX_CACHE`, and fetched again in the background.
//! - A token naming a `kid` the set does not hold makes one fetch at once (the provider may have
//!   rotated its key), at most once a minute however many such tokens arrive: a caller
//!   inventing `kid`s cannot make this server hammer the provider.
//! - A failed fetch keeps the last good set; a server that has never fetched one answers
//!   `/readyz` with 503 and the reason, and keeps trying.
//! - Requests with a known key never wait for a fetch: they read the current set, a pointer
//!   swapped when a fetch succeeds. Only requests with an unknown `kid` wait, for the one fetch
//!   in flight (single flight), never for more.

use std::{
    sync::{Arc, RwLock, Weak},
    time::{Duration, Instant},
};

use jsonwebtoken::jwk::{Jwk, PublicKeyUse};
use reqwest::header;
use serde::Deserialize;

use super::keys::{VerifyingKey, from_jwk};
use crate::config::{Settings, fetchable};

/// An unknown `kid` fetches the set again at most this often.
pub const UNKNOWN_KID_REFETCH: Duration = Duration::from_secs(60);

/// How long a set without `Cache-Control: max-age` is kept (then bounded by the settings).
const DEFAULT_CACHE: Duration = Duration::from_secs(3600);

/// Time allowed for one fetch (connect, send, answer).
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest wait between attempts after failures.
const RETRY_MAX: Duration = Duration::from_secs(60);

/// A key set is small; anything larger is not one.
const MAX_BODY_BYTES: usize = 512 * 1024;

/// Where the keys come from.
#[derive(Debug, Clone)]
enum Source {
    Jwks(String),
    /// The OIDC issuer; its discovery document names the JWKS.
    Discovery(String),
}

/// The keys as last fetched, replaced whole by each successful fetch.
#[derive(Default)]
pub struct KeySet {
    pub keys: Vec<VerifyingKey>,
    /// Successful fetches so far: a request that waited for a fetch sees whether one happened.
    generation: u64,
    /// When the set is due to be fetched again.
    fresh_until: Option<Instant>,
    /// Why the last fetch failed, while it is the last word.
    last_error: Option<String>,
}

pub struct ProviderKeys {
    source: Source,
    production: bool,
    client: reqwest::Client,
    min_cache: Duration,
    max_cache: Duration,
    current: RwLock<Arc<KeySet>>,
    /// Held for the length of one fetch, so there is one at a time; holds when the last fetch
    /// for an unknown `kid` began.
    fetching: tokio::sync::Mutex<Option<Instant>>,
}

/// Why a fetch failed: for the log and `/readyz`, never for a caller.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}: not https (plain http only to a loopback address outside production)")]
    NotAllowed(String),
    #[error("{url}: {what}")]
    Transport { url: String, what: &'static str },
    #[error("{url}: answered {status}")]
    Status {
        url: String,
        status: reqwest::StatusCode,
    },
    #[error("{0}: larger than {MAX_BODY_BYTES} bytes")]
    TooLarge(String),
    #[error("{url}: not an OpenID configuration: {reason}")]
    Configuration { url: String, reason: String },
    #[error("{url}: names issuer `{found}`, not `{configured}`")]
    OtherIssuer {
        url: String,
        found: String,
        configured: String,
    },
    #[error("{url}: {error}")]
    Jwks { url: String, error: JwksError },
}

/// A document that is no usable key set.
#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    #[error("not a JWKS: {0}")]
    NotJwks(String),
    #[error("no RS256, ES256 or EdDSA signing key in the JWKS")]
    NoUsableKey,
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    jwks_uri: String,
}

impl KeySet {
    /// Which fetch this set came from (0: none yet).
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

impl ProviderKeys {
    /// `None` when no identity provider is configured.
    pub fn from_settings(settings: &Settings) -> Option<Arc<Self>> {
        let identity = &settings.identity;
        let source = if !identity.jwt_jwks_url.is_empty() {
            Source::Jwks(identity.jwt_jwks_url.clone())
        } else if !identity.jwt_oidc_issuer.is_empty() {
            Source::Discovery(identity.jwt_oidc_issuer.clone())
        } else {
            return None;
        };
        // As the webhooks' client: rustls, no redirects (a redirect could lead to a plain-http
        // or internal address the settings never allowed), bounded in time.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(FETCH_TIMEOUT)
            .connect_timeout(FETCH_TIMEOUT)
            .user_agent(concat!("wijkhub/", env!("CARGO_PKG_VERSION")))
            .build()
            .inspect_err(|error| tracing::error!(%error, "cannot build the JWKS client"))
            .ok()?;
        Some(Arc::new(Self {
            source,
            production: settings.is_production(),
            client,
            min_cache: identity.jwt_jwks_min_cache,
            max_cache: identity.jwt_jwks_max_cache,
            current: RwLock::default(),
            fetching: tokio::sync::Mutex::new(None),
        }))
    }

    /// The keys as last fetched.
    pub fn current(&self) -> Arc<KeySet> {
        self.current
            .read()
            .map(|set| set.clone())
            .unwrap_or_default()
    }

    /// Why the server is not ready yet: no key set was ever fetched.
    pub fn not_ready(&self) -> Option<String> {
        let set = self.current();
        (set.generation == 0).then(|| {
            format!(
                "identity provider keys not fetched yet: {}",
                set.last_error.as_deref().unwrap_or("first fetch pending")
            )
        })
    }

    /// The first fetch, before the server takes requests, then the background refreshes.
    pub async fn start(self: &Arc<Self>) {
        {
            let _one = self.fetching.lock().await;
            self.refresh().await;
        }
        let keys = Arc::downgrade(self);
        tokio::spawn(refresh_in_background(keys));
    }

    /// A token named a `kid` the set of generation `seen` does not hold: fetch again, unless a
    /// fetch for an unknown `kid` happened within the last minute. `true` when a newer set has
    /// arrived since (fetched now, or by another request while this one waited).
    pub async fn unknown_kid(&self, seen: u64) -> bool {
        let mut last = self.fetching.lock().await;
        // Another request's fetch finished while this one waited: its set is the news.
        if self.current().generation != seen {
            return true;
        }
        if last.is_some_and(|at| at.elapsed() < UNKNOWN_KID_REFETCH) {
            return false;
        }
        *last = Some(Instant::now());
        self.refresh().await
    }

    /// One fetch; the caller holds `fetching`. A failure keeps the keys there were.
    async fn refresh(&self) -> bool {
        let outcome = self.fetch().await;
        let mut current = match self.current.write() {
            Ok(current) => current,
            Err(poisoned) => poisoned.into_inner(),
        };
        let before = current.clone();
        match outcome {
            Ok((keys, cache_for)) => {
                metrics::counter!("wijkhub_jwks_fetches_total", "result" => "ok").increment(1);
                tracing::info!(
                    count = keys.len(),
                    cache_s = cache_for.as_secs(),
                    "identity provider keys fetched"
                );
                *current = Arc::new(KeySet {
                    keys,
                    generation: before.generation + 1,
                    fresh_until: Some(Instant::now() + cache_for),
                    last_error: None,
                });
                true
            }
            Err(error) => {
                metrics::counter!("wijkhub_jwks_fetches_total", "result" => "failed").increment(1);
                tracing::warn!(
                    %error,
                    kept = before.keys.len(),
                    "cannot fetch the identity provider's keys; keeping the last good ones"
                );
                *current = Arc::new(KeySet {
                    keys: before.keys.clone(),
                    generation: before.generation,
                    fresh_until: before.fresh_until,
                    last_error: Some(error.to_string()),
                });
                false
            }
        }
    }

    /// The JWKS and how long to keep it.
    async fn fetch(&self) -> Result<(Vec<VerifyingKey>, Duration), FetchError> {
        let jwks_url = match &self.source {
            Source::Jwks(url) => url.clone(),
            Source::Discovery(issuer) => {
                let base = issuer.trim_end_matches('/');
                let url = format!("{base}/.well-known/openid-configuration");
                let (body, _) = self.get(&url).await?;
                let found: Discovery =
                    serde_json::from_slice(&body).map_err(|e| FetchError::Configuration {
                        url: url.clone(),
                        reason: e.to_string(),
                    })?;
                // OIDC Discovery §4.3: the document must be the issuer's own.
                if found.issuer.trim_end_matches('/') != base {
                    return Err(FetchError::OtherIssuer {
                        url,
                        found: found.issuer,
                        configured: issuer.clone(),
                    });
                }
                found.jwks_uri
            }
        };
        let (body, cache_control) = self.get(&jwks_url).await?;
        let keys = parse_jwks(&body).map_err(|error| FetchError::Jwks {
            url: jwks_url.clone(),
            error,
        })?;
        Ok((keys, self.cache_for(cache_control.as_deref())))
    }

    async fn get(&self, url: &str) -> Result<(Vec<u8>, Option<String>), FetchError> {
        if !fetchable(url, self.production) {
            return Err(FetchError::NotAllowed(url.to_owned()));
        }
        let transport = |e: reqwest::Error| FetchError::Transport {
            url: url.to_owned(),
            what: describe(&e),
        };
        let mut response = self
            .client
            .get(url)
            .header(header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(transport)?;
        if !response.status().is_success() {
            return Err(FetchError::Status {
                url: url.to_owned(),
                status: response.status(),
            });
        }
        let cache_control = response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(FetchError::TooLarge(url.to_owned()));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((body, cache_control))
    }

    fn cache_for(&self, cache_control: Option<&str>) -> Duration {
        cache_for(cache_control, self.min_cache, self.max_cache)
    }
}

/// Refreshes the set when it is due, and retries failures with a growing wait; ends with the
/// server (the last strong reference gone).
async fn refresh_in_background(keys: Weak<ProviderKeys>) {
    let mut failures: u32 = 0;
    loop {
        let wait = {
            let Some(keys) = keys.upgrade() else { return };
            let set = keys.current();
            if set.last_error.is_some() || set.generation == 0 {
                Duration::from_secs(1u64 << failures.min(6)).min(RETRY_MAX)
            } else {
                set.fresh_until.map_or(keys.min_cache, |at| {
                    at.saturating_duration_since(Instant::now())
                })
            }
        };
        tokio::time::sleep(wait).await;
        let Some(keys) = keys.upgrade() else { return };
        let _one = keys.fetching.lock().await;
        let set = keys.current();
        // A fetch for an unknown `kid` may have renewed the set while this one slept.
        if set.last_error.is_none() && set.fresh_until.is_some_and(|at| at > Instant::now()) {
            continue;
        }
        failures = if keys.refresh().await {
            0
        } else {
            failures.saturating_add(1)
        };
    }
}

/// The signing keys of a JWKS. Keys for encryption, and of algorithms this server does not
/// take, are passed over (a provider publishes several); a set with none left is an error.
pub fn parse_jwks(body: &[u8]) -> Result<Vec<VerifyingKey>, JwksError> {
    #[derive(Deserialize)]
    struct Set {
        keys: Vec<serde_json::Value>,
    }
    let set: Set = serde_json::from_slice(body).map_err(|e| JwksError::NotJwks(e.to_string()))?;
    let keys: Vec<VerifyingKey> = set
        .keys
        .into_iter()
        .filter_map(|value| serde_json::from_value::<Jwk>(value).ok())
        .filter(|jwk| !matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)))
        .filter_map(|jwk| from_jwk(&jwk).ok())
        .collect();
    if keys.is_empty() {
        return Err(JwksError::NoUsableKey);
    }
    Ok(keys)
}

/// How long to keep a set by its `Cache-Control`, within the bounds: `max-age`, the minimum for
/// `no-cache` or `no-store`, an hour without either.
pub fn cache_for(cache_control: Option<&str>, min: Duration, max: Duration) -> Duration {
    let mut wanted = DEFAULT_CACHE;
    for directive in cache_control.unwrap_or("").split(',') {
        let directive = directive.trim().to_ascii_lowercase();
        if directive == "no-cache" || directive == "no-store" {
            return min;
        }
        if let Some(seconds) = directive
            .strip_prefix("max-age=")
            .and_then(|s| s.trim_matches('"').parse::<u64>().ok())
        {
            wanted = Duration::from_secs(seconds);
        }
    }
    wanted.clamp(min, max)
}

fn describe(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "no answer within the timeout"
    } else if error.is_connect() {
        "cannot connect"
    } else if error.is_redirect() {
        "redirects are not followed"
    } else {
        "the request failed"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(300);
    const MAX: Duration = Duration::from_secs(86_400);

    #[test]
    fn the_cache_follows_max_age_within_the_bounds() {
        let secs = |header| cache_for(header, MIN, MAX).as_secs();
        assert_eq!(secs(Some("public, max-age=3600")), 3600);
        assert_eq!(secs(Some("max-age=7200, must-revalidate")), 7200);
        assert_eq!(secs(Some("max-age=10")), 300, "raised to the minimum");
        assert_eq!(
            secs(Some("max-age=9999999")),
            86_400,
            "lowered to the maximum"
        );
        assert_eq!(secs(Some("no-store")), 300);
        assert_eq!(secs(Some("no-cache, max-age=7200")), 300);
        assert_eq!(secs(None), 3600);
        assert_eq!(secs(Some("max-age=soon")), 3600);
    }

    #[test]
    fn only_usable_signing_keys_are_taken_from_a_jwks() {
        let jwks = br#"{"keys": [
            {"kty": "OKP", "crv": "Ed25519", "kid": "sig", "use": "sig",
             "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
            {"kty": "OKP", "crv": "Ed25519", "kid": "enc", "use": "enc",
             "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
            {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"},
            {"kty": "unknown", "kid": "odd"}
        ]}"#;
        let keys = parse_jwks(jwks).expect("one usable key");
        let kids: Vec<_> = keys.iter().map(|k| k.kid.as_deref()).collect();
        assert_eq!(kids, [Some("sig")]);
        assert!(parse_jwks(br#"{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}"#).is_err());
        assert!(parse_jwks(b"<html>").is_err());
    }
}
