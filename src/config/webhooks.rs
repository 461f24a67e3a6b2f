//! Webhook delivery settings (`WIJKHUB_WEBHOOKS__*`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Secret, humantime_serde_compat};

/// Webhooks (`WIJKHUB_WEBHOOKS__SECRET_KEY=…`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookSettings {
    /// Encrypts the webhooks' signing secrets at rest (at least 32 characters). Required in
    /// production; development uses a fixed key.
    pub secret_key: Secret,
    /// Deliver to loopback, private, link-local and metadata addresses and over plain `http`
    /// (default: in development only, so the demo and tests can use 127.0.0.1).
    pub allow_private: Option<bool>,
    /// The CloudEvents `source` of every event: this installation, as a URN (NL GOV profile).
    pub source: String,
    /// Waits before the attempts after a failure, comma-separated; the last one repeats. Each
    /// wait varies by up to a fifth either way (jitter).
    pub backoff: String,
    /// A webhook failing for this long without a success is turned off.
    #[serde(with = "humantime_serde_compat")]
    pub disable_after: Duration,
    /// Time allowed for one delivery (connect, send, answer).
    #[serde(with = "humantime_serde_compat")]
    pub timeout: Duration,
    /// How long an instance holds a webhook between renewals; when it dies, another instance
    /// takes the webhook over after this.
    #[serde(with = "humantime_serde_compat")]
    pub lease: Duration,
    /// How often the deliverer looks for work when nothing woke it.
    #[serde(with = "humantime_serde_compat")]
    pub poll: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            secret_key: Secret::new(""),
            allow_private: None,
            source: "urn:nld:gemeente-den-haag.wijkhub".into(),
            backoff: "10s,1m,5m,30m,2h,6h".into(),
            disable_after: Duration::from_secs(24 * 3600),
            timeout: Duration::from_secs(10),
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(1),
        }
    }
}

/// Encrypts signing secrets where `WIJKHUB_WEBHOOKS__SECRET_KEY` is not set (development only).
const DEVELOPMENT_WEBHOOK_KEY: &str = "wijkhub-development-webhook-key-change-me-in-production";

impl WebhookSettings {
    /// The waits between attempts, checked by [`Settings::validate`].
    pub fn backoff_schedule(&self) -> Vec<Duration> {
        self.backoff
            .split(',')
            .filter_map(|step| humantime::parse_duration(step.trim()).ok())
            .collect()
    }

    /// The 256-bit key that seals signing secrets: the SHA-256 of the configured key.
    pub fn sealing_key(&self) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let key = match self.secret_key.expose() {
            "" => DEVELOPMENT_WEBHOOK_KEY,
            key => key,
        };
        Sha256::digest(key.as_bytes()).into()
    }
}
