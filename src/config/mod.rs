//! Settings from `WIJKHUB_*` environment variables, each with a default that works on a laptop.

use std::{collections::HashMap, fmt, net::SocketAddr, path::PathBuf, time::Duration};

use figment::{
    Figment,
    providers::{Env, Serialized},
};
use serde::{Deserialize, Serialize};

mod housekeeping;
mod humantime_serde_compat;
mod identity;
mod proxies;
mod variables;
mod webhooks;

pub use housekeeping::Housekeeping;
pub use identity::{IdentitySettings, fetchable};
pub use proxies::TrustedProxies;
pub use variables::setting_variables;
use variables::{MAP_SETTINGS, check_variables};
pub use webhooks::WebhookSettings;

/// The development signing secret. Production mode refuses to start with it.
pub const DEVELOPMENT_JWT_SECRET: &str = "wijkhub-development-secret-change-me-in-production";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

/// A secret whose `Debug` never prints it, so settings can be logged.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Connections in all (PostgreSQL: a quarter for transactions, the rest for single statements;
    /// a file SQLite database uses it for readers).
    pub database_max_connections: u32,
    pub listen: SocketAddr,
    pub env: Environment,
    pub jwt_secret: Secret,
    /// Comma-separated PEM or JWKS files with the city identity provider's public keys.
    pub jwt_public_keys: String,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    /// Lifetime of tokens from `POST /oauth/token`.
    #[serde(with = "humantime_serde_compat")]
    pub client_token_ttl: Duration,
    /// Lifetime of tokens issued by `wijkhub token` and `serve --demo`, e.g. `12h`.
    #[serde(with = "humantime_serde_compat")]
    pub token_ttl: Duration,
    /// Serve the GraphiQL playground at `GET /graphql` (default: on in development only).
    pub playground: Option<bool>,
    /// Limits on GraphQL documents, checked before the engine parses or validates them.
    pub limits: Limits,
    /// Cost budgets per caller and minute.
    pub rate_limit: RateLimits,
    /// Persisted queries and the allow-list of trusted documents.
    pub trusted_documents: TrustedDocuments,
    /// Origins a browser app may call from, comma-separated (`https://app.example.nl`), or `*`.
    /// Empty: no cross-origin access.
    pub cors_origins: String,
    /// `text` (readable) or `json` (one object per line, for log collectors).
    pub log_format: LogFormat,
    /// Base URL of an OpenTelemetry collector (`http://127.0.0.1:4318`): traces go to
    /// `<url>/v1/traces` over OTLP/HTTP (protobuf). Unset: no traces leave the process.
    pub otlp_endpoint: Option<String>,
    /// Limits on `/graphql/ws` connections.
    pub websocket: WebSocketLimits,
    /// Delivery of webhooks.
    pub webhooks: WebhookSettings,
    /// The identity provider's keys over HTTPS, and this server's public address.
    #[serde(flatten)]
    pub identity: IdentitySettings,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` headers name the client, as
    /// addresses and CIDR ranges, comma-separated. Empty: those headers are ignored.
    pub trusted_proxies: String,
    /// A second address that serves `/metrics` (and `/healthz`, `/readyz`); when set,
    /// `/metrics` is not served on `listen`.
    pub metrics_listen: Option<SocketAddr>,
    /// The background sweep of expired and delivered rows.
    pub housekeeping: Housekeeping,
}

/// Limits on WebSocket connections (`WIJKHUB_WEBSOCKET__OPERATIONS_PER_SOCKET=25`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebSocketLimits {
    /// Operations running at once on one socket (live subscriptions included).
    pub operations_per_socket: usize,
    /// Live subscriptions one caller (token subject, role, organisation) holds open on this
    /// instance, over all its sockets.
    pub subscriptions_per_caller: usize,
    /// How often the server pings an open socket, so proxies keep it and dead peers are found.
    #[serde(with = "humantime_serde_compat")]
    pub keepalive: Duration,
}

impl Default for WebSocketLimits {
    fn default() -> Self {
        Self {
            operations_per_socket: 25,
            subscriptions_per_caller: 100,
            keepalive: Duration::from_secs(30),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Cost budgets per caller and window (`WIJKHUB_RATE_LIMIT__EDITOR=50000`). A caller is an
/// organisation's user or API client (the token's subject); each has its own budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RateLimits {
    pub enabled: bool,
    /// The window a budget covers.
    #[serde(with = "humantime_serde_compat")]
    pub window: Duration,
    /// Per client address, for requests without a token.
    pub anonymous: u64,
    pub viewer: u64,
    pub editor: u64,
    pub admin: u64,
    /// Budgets for particular API clients, by client id; they replace the role's budget.
    pub clients: HashMap<String, u64>,
    /// On PostgreSQL, one budget per caller across all instances on the database (leased in
    /// slices from a shared row); off, each instance counts its own.
    pub shared: bool,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            enabled: true,
            window: Duration::from_secs(60),
            anonymous: 1_000,
            viewer: 20_000,
            editor: 20_000,
            admin: 100_000,
            clients: HashMap::new(),
            shared: true,
        }
    }
}

/// Trusted documents: automatic persisted queries and, when `enforce` is on, an allow-list that
/// partner callers' operations must come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrustedDocuments {
    /// A JSON file mapping SHA-256 hashes (hex) to documents: `{ "<hash>": "query …" }`.
    pub manifest: Option<PathBuf>,
    /// Partner callers may run only documents from the manifest; city staff are not held to it.
    pub enforce: bool,
    /// Accept automatic persisted queries (`extensions.persistedQuery`).
    pub apq: bool,
    /// Documents the persisted-query cache keeps, least recently used dropped first.
    pub apq_cache_size: usize,
}

impl Default for TrustedDocuments {
    fn default() -> Self {
        Self {
            manifest: None,
            enforce: false,
            apq: true,
            apq_cache_size: 2_000,
        }
    }
}

/// Limits on GraphQL documents (`WIJKHUB_LIMITS__DEPTH=12` and so on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// Characters in a document.
    pub document_chars: usize,
    /// Brace, bracket and parenthesis nesting.
    pub nesting: usize,
    /// Field selections once fragments are expanded.
    pub selections: u64,
    /// Depth of field selections (introspection counted too).
    pub depth: usize,
    /// Aliased fields.
    pub aliases: usize,
    /// Estimated cost of an operation: each object 1, scalars 0, a connection 2 + `first` × the
    /// cost of one item.
    pub cost: u64,
    /// Operations in one JSON batch; 0 turns batching off.
    pub batch: usize,
    /// Bytes of JSON in one operation's answer (`data`); a query whose answer is larger is
    /// refused with `QUERY_TOO_COMPLEX` instead of sent. Mutations' answers are never withheld.
    pub response_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            document_chars: 15_000,
            nesting: 64,
            selections: 10_000,
            depth: 10,
            aliases: 15,
            cost: 1_000,
            batch: 10,
            // Twenty times the standard schema query's answer (190 kB), and far above any
            // page the cost limit admits.
            response_bytes: 4 * 1024 * 1024,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: "sqlite://wijkhub.db?mode=rwc".into(),
            database_max_connections: 8,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            env: Environment::Development,
            jwt_secret: Secret::new(DEVELOPMENT_JWT_SECRET),
            jwt_public_keys: String::new(),
            client_token_ttl: Duration::from_secs(15 * 60),
            jwt_issuer: "wijkhub".into(),
            jwt_audience: "wijkhub".into(),
            token_ttl: Duration::from_secs(12 * 3600),
            playground: None,
            limits: Limits::default(),
            rate_limit: RateLimits::default(),
            trusted_documents: TrustedDocuments::default(),
            cors_origins: String::new(),
            log_format: LogFormat::Text,
            otlp_endpoint: None,
            websocket: WebSocketLimits::default(),
            webhooks: WebhookSettings::default(),
            identity: IdentitySettings::default(),
            trusted_proxies: String::new(),
            metrics_listen: None,
            housekeeping: Housekeeping::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("invalid settings: {0}")]
    Invalid(#[from] Box<figment::Error>),
    #[error(
        "WIJKHUB_ENV=production refuses the development JWT secret: set WIJKHUB_JWT_SECRET (32 characters or more)"
    )]
    DefaultSecretInProduction,
    #[error("WIJKHUB_JWT_SECRET must be at least 32 characters")]
    WeakSecret,
    #[error(
        "WIJKHUB_ENV=production needs WIJKHUB_WEBHOOKS__SECRET_KEY (32 characters or more), the key that encrypts webhook signing secrets"
    )]
    WebhookKeyMissing,
    #[error(
        "WIJKHUB_TRUSTED_DOCUMENTS__ENFORCE needs WIJKHUB_TRUSTED_DOCUMENTS__MANIFEST, the file of allowed operations"
    )]
    EnforceWithoutManifest,
    #[error("{name} is not a wijkhub setting{}", suggestion.as_ref().map(|s| format!("; did you mean {s}?")).unwrap_or_default())]
    UnknownVariable {
        name: String,
        suggestion: Option<String>,
    },
    #[error(
        "WIJKHUB_TRUSTED_PROXIES: `{0}` is neither an IP address nor a CIDR range (write e.g. 10.0.0.0/8, 192.168.1.10, fd00::/8, separated by commas)"
    )]
    BadProxy(String),
    #[error("{name} must be {expected}")]
    OutOfRange {
        name: &'static str,
        expected: &'static str,
    },
}

impl Settings {
    /// Defaults, overridden by `WIJKHUB_*` environment variables. An unknown `WIJKHUB_*`
    /// variable is refused.
    pub fn load() -> Result<Self, SettingsError> {
        let present: Vec<(String, String)> = std::env::vars()
            .filter(|(name, _)| name.to_ascii_uppercase().starts_with("WIJKHUB_"))
            .collect();
        check_variables(present.iter().map(|(n, _)| n.clone()), &setting_variables())?;
        // Map keys are taken whole: a client id may hold a dot, which a path would split.
        let mut figment = Figment::from(Serialized::defaults(Settings::default())).merge(
            Env::prefixed("WIJKHUB_").split("__").filter(|key| {
                let key = key.as_str().to_ascii_lowercase();
                !key.starts_with("rate_limit__clients__") && !key.starts_with("rate_limit.clients.")
            }),
        );
        let clients: HashMap<String, u64> = present
            .iter()
            .filter_map(|(name, value)| {
                let key = name
                    .to_ascii_uppercase()
                    .strip_prefix(MAP_SETTINGS[0])
                    .map(|_| name[MAP_SETTINGS[0].len()..].to_owned())?;
                Some((key, value.trim().parse::<u64>().ok()?))
            })
            .collect();
        if clients.len()
            != present
                .iter()
                .filter(|(n, _)| n.to_ascii_uppercase().starts_with(MAP_SETTINGS[0]))
                .count()
        {
            return Err(SettingsError::OutOfRange {
                name: "WIJKHUB_RATE_LIMIT__CLIENTS__<client id>",
                expected: "a whole number of cost units per window",
            });
        }
        if !clients.is_empty() {
            figment = figment.merge(Serialized::default("rate_limit.clients", clients));
        }
        Self::from_figment(figment)
    }

    pub fn from_figment(figment: Figment) -> Result<Self, SettingsError> {
        let settings: Settings = figment.extract().map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), SettingsError> {
        if self.env == Environment::Production && self.jwt_secret.expose() == DEVELOPMENT_JWT_SECRET
        {
            return Err(SettingsError::DefaultSecretInProduction);
        }
        if self.jwt_secret.expose().len() < 32 {
            return Err(SettingsError::WeakSecret);
        }
        if self.trusted_documents.enforce && self.trusted_documents.manifest.is_none() {
            return Err(SettingsError::EnforceWithoutManifest);
        }
        if self.env == Environment::Production && self.webhooks.secret_key.expose().is_empty() {
            return Err(SettingsError::WebhookKeyMissing);
        }
        self.identity.validate(self.is_production())?;
        let range = |ok: bool, name: &'static str, expected: &'static str| {
            if ok {
                Ok(())
            } else {
                Err(SettingsError::OutOfRange { name, expected })
            }
        };
        // A write holds one connection while a request's reads take another; with one
        // connection every request would wait for itself until the timeout.
        range(
            (2..=1_000).contains(&self.database_max_connections),
            "WIJKHUB_DATABASE_MAX_CONNECTIONS",
            "between 2 and 1000",
        )?;
        let limits = &self.limits;
        range(
            limits.document_chars > 0,
            "WIJKHUB_LIMITS__DOCUMENT_CHARS",
            "above 0",
        )?;
        range(limits.nesting > 0, "WIJKHUB_LIMITS__NESTING", "above 0")?;
        range(
            limits.selections > 0,
            "WIJKHUB_LIMITS__SELECTIONS",
            "above 0",
        )?;
        range(limits.depth > 0, "WIJKHUB_LIMITS__DEPTH", "above 0")?;
        range(limits.cost > 0, "WIJKHUB_LIMITS__COST", "above 0")?;
        // The exporter speaks plain HTTP to a collector beside the service (an agent or
        // sidecar), which forwards over TLS; a typo'd URL would only show as missing traces.
        range(
            self.otlp_endpoint.as_deref().is_none_or(|url| {
                url::Url::parse(url).is_ok_and(|u| u.scheme() == "http" && u.host().is_some())
            }),
            "WIJKHUB_OTLP_ENDPOINT",
            "an http:// URL of a collector, e.g. http://127.0.0.1:4318",
        )?;
        range(
            !self.rate_limit.window.is_zero(),
            "WIJKHUB_RATE_LIMIT__WINDOW",
            "longer than 0 s",
        )?;
        range(
            self.websocket.operations_per_socket > 0,
            "WIJKHUB_WEBSOCKET__OPERATIONS_PER_SOCKET",
            "above 0",
        )?;
        range(
            self.websocket.subscriptions_per_caller > 0,
            "WIJKHUB_WEBSOCKET__SUBSCRIPTIONS_PER_CALLER",
            "above 0",
        )?;
        range(
            self.websocket.keepalive >= Duration::from_secs(1),
            "WIJKHUB_WEBSOCKET__KEEPALIVE",
            "at least 1s",
        )?;
        let webhooks = &self.webhooks;
        range(
            webhooks.secret_key.expose().is_empty() || webhooks.secret_key.expose().len() >= 32,
            "WIJKHUB_WEBHOOKS__SECRET_KEY",
            "at least 32 characters",
        )?;
        let steps = webhooks.backoff.split(',').count();
        range(
            steps > 0 && webhooks.backoff_schedule().len() == steps,
            "WIJKHUB_WEBHOOKS__BACKOFF",
            "durations separated by commas, e.g. 10s,1m,5m",
        )?;
        range(
            !webhooks.timeout.is_zero() && webhooks.lease > webhooks.timeout,
            "WIJKHUB_WEBHOOKS__TIMEOUT and WIJKHUB_WEBHOOKS__LEASE",
            "a timeout above 0 s and a lease longer than the timeout",
        )?;
        range(
            !webhooks.poll.is_zero() && !webhooks.disable_after.is_zero(),
            "WIJKHUB_WEBHOOKS__POLL and WIJKHUB_WEBHOOKS__DISABLE_AFTER",
            "longer than 0 s",
        )?;
        range(
            !webhooks.source.trim().is_empty(),
            "WIJKHUB_WEBHOOKS__SOURCE",
            "a URN, e.g. urn:nld:gemeente-den-haag.wijkhub",
        )?;
        self.proxies()?;
        range(
            self.metrics_listen != Some(self.listen),
            "WIJKHUB_METRICS_LISTEN",
            "an address other than WIJKHUB_LISTEN's",
        )?;
        self.housekeeping.validate()?;
        range(
            !self.token_ttl.is_zero() && !self.client_token_ttl.is_zero(),
            "WIJKHUB_TOKEN_TTL and WIJKHUB_CLIENT_TOKEN_TTL",
            "longer than 0 s",
        )?;
        Ok(())
    }

    /// The settings as JSON for the start-up log line, the signing secret left out.
    pub fn redacted(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(secret) = value.get_mut("jwt_secret") {
            *secret = serde_json::Value::from("***");
        }
        if let Some(key) = value.pointer_mut("/webhooks/secret_key") {
            *key = serde_json::Value::from("***");
        }
        if let Some(url) = value.get_mut("database_url") {
            *url = serde_json::Value::from(redact_password(&self.database_url));
        }
        value
    }

    /// `WIJKHUB_TRUSTED_PROXIES`, read (checked at start by [`Settings::validate`]).
    pub fn proxies(&self) -> Result<TrustedProxies, SettingsError> {
        TrustedProxies::parse(&self.trusted_proxies).map_err(SettingsError::BadProxy)
    }

    pub fn playground_enabled(&self) -> bool {
        self.playground
            .unwrap_or(self.env == Environment::Development)
    }

    pub fn is_production(&self) -> bool {
        self.env == Environment::Production
    }

    /// Whether webhooks may go to private addresses and plain `http`.
    pub fn webhooks_allow_private(&self) -> bool {
        self.webhooks
            .allow_private
            .unwrap_or(self.env == Environment::Development)
    }
}

/// `postgres://user:password@host/db` → `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        for (key, value) in pairs {
            figment = figment.merge((*key, *value));
        }
        Settings::from_figment(figment)
    }

    #[test]
    fn defaults_work_on_a_laptop() {
        let settings = with(&[]).expect("defaults are valid");
        assert!(settings.database_url.starts_with("sqlite://"));
        assert_eq!(settings.listen.to_string(), "127.0.0.1:8080");
        assert!(settings.playground_enabled());
    }

    #[test]
    fn production_refuses_the_development_secret() {
        assert!(matches!(
            with(&[("env", "production")]),
            Err(SettingsError::DefaultSecretInProduction)
        ));
        let ok = with(&[
            ("env", "production"),
            ("jwt_secret", "a-real-secret-of-at-least-32-characters!"),
            (
                "webhooks.secret_key",
                "a-real-webhook-key-of-32-characters!",
            ),
        ])
        .expect("a real secret is accepted");
        assert!(!ok.playground_enabled());
        assert!(!ok.webhooks_allow_private());
    }

    #[test]
    fn production_needs_a_key_for_webhook_secrets() {
        assert!(matches!(
            with(&[
                ("env", "production"),
                ("jwt_secret", "a-real-secret-of-at-least-32-characters!"),
            ]),
            Err(SettingsError::WebhookKeyMissing)
        ));
        assert!(matches!(
            with(&[("webhooks.secret_key", "short")]),
            Err(SettingsError::OutOfRange {
                name: "WIJKHUB_WEBHOOKS__SECRET_KEY",
                ..
            })
        ));
        assert!(matches!(
            with(&[("webhooks.backoff", "10s,soon")]),
            Err(SettingsError::OutOfRange {
                name: "WIJKHUB_WEBHOOKS__BACKOFF",
                ..
            })
        ));
        let settings = with(&[("webhooks.backoff", "50ms, 1s")]).expect("valid");
        assert_eq!(
            settings.webhooks.backoff_schedule(),
            [Duration::from_millis(50), Duration::from_secs(1)]
        );
        assert!(settings.webhooks_allow_private());
        let line = with(&[(
            "webhooks.secret_key",
            "a-real-webhook-key-of-32-characters!",
        )])
        .expect("valid")
        .redacted()
        .to_string();
        assert!(!line.contains("a-real-webhook-key"), "{line}");
    }

    #[test]
    fn a_misspelt_variable_is_refused_with_the_setting_it_resembles() {
        let known = setting_variables();
        for (name, meant) in [
            ("WIJKHUB_LIMIT__COST", "WIJKHUB_LIMITS__COST"),
            ("WIJKHUB_JWT_PUBLIC_KEY", "WIJKHUB_JWT_PUBLIC_KEYS"),
            (
                "WIJKHUB_DATABASE_MAX_CONNECTION",
                "WIJKHUB_DATABASE_MAX_CONNECTIONS",
            ),
        ] {
            match check_variables([name.to_owned()], &known) {
                Err(SettingsError::UnknownVariable { suggestion, .. }) => {
                    assert_eq!(suggestion.as_deref(), Some(meant), "{name}")
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        let fine = [
            "WIJKHUB_LIMITS__COST",
            "WIJKHUB_WEBSOCKET__KEEPALIVE",
            "WIJKHUB_TRUSTED_DOCUMENTS__MANIFEST",
            "WIJKHUB_PLAYGROUND",
            "WIJKHUB_RATE_LIMIT__CLIENTS__0190a1b2.c3d4",
            "wijkhub_listen",
            "WIJKHUB_LOG",
        ];
        check_variables(fine.map(str::to_owned), &known).expect("all known");
    }

    #[test]
    fn the_otlp_endpoint_is_a_collector_over_plain_http() {
        let with = |url: &str| Settings {
            otlp_endpoint: Some(url.to_owned()),
            ..Settings::default()
        };
        assert!(with("http://127.0.0.1:4318").validate().is_ok());
        for wrong in ["https://collector.example.nl", "127.0.0.1:4318", "http://"] {
            assert!(
                matches!(
                    with(wrong).validate(),
                    Err(SettingsError::OutOfRange {
                        name: "WIJKHUB_OTLP_ENDPOINT",
                        ..
                    })
                ),
                "{wrong} is refused"
            );
        }
    }

    #[test]
    fn ranges_are_checked() {
        let mut settings = Settings {
            database_max_connections: 1,
            ..Settings::default()
        };
        assert!(matches!(
            settings.validate(),
            Err(SettingsError::OutOfRange {
                name: "WIJKHUB_DATABASE_MAX_CONNECTIONS",
                ..
            })
        ));
        settings.database_max_connections = 2;
        settings.limits.cost = 0;
        assert!(matches!(
            settings.validate(),
            Err(SettingsError::OutOfRange {
                name: "WIJKHUB_LIMITS__COST",
                ..
            })
        ));
        settings.limits.cost = 1;
        settings.validate().expect("in range");
    }

    #[test]
    fn the_start_up_line_shows_no_secret() {
        let mut settings = with(&[]).expect("defaults are valid");
        settings.database_url = "postgres://wijkhub:hunter2-secret@db.internal/wijkhub".into();
        let line = settings.redacted().to_string();
        assert!(!line.contains(DEVELOPMENT_JWT_SECRET), "{line}");
        assert!(!line.contains("hunter2-secret"), "{line}");
        assert!(
            line.contains("postgres://wijkhub:***@db.internal/wijkhub"),
            "{line}"
        );
    }

    #[test]
    fn secrets_do_not_print() {
        let settings = with(&[]).expect("defaults are valid");
        assert!(!format!("{settings:?}").contains(DEVELOPMENT_JWT_SECRET));
    }
}
