//! Settings from `WIJKHUB_*` environment variables, each with a default that works on a laptop.

use std::{collections::HashMap, fmt, net::SocketAddr, path::PathBuf, time::Duration};

use figment::{
    Figment,
    providers::{Env, Serialized},
};
use serde::{Deserialize, Serialize};

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
    /// Connections in the pool (PostgreSQL; a file SQLite database uses it for readers).
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
        "WIJKHUB_TRUSTED_DOCUMENTS__ENFORCE needs WIJKHUB_TRUSTED_DOCUMENTS__MANIFEST, the file of allowed operations"
    )]
    EnforceWithoutManifest,
}

impl Settings {
    /// Defaults, overridden by `WIJKHUB_*` environment variables.
    pub fn load() -> Result<Self, SettingsError> {
        Self::from_figment(
            Figment::from(Serialized::defaults(Settings::default()))
                .merge(Env::prefixed("WIJKHUB_").split("__")),
        )
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
        Ok(())
    }

    pub fn playground_enabled(&self) -> bool {
        self.playground
            .unwrap_or(self.env == Environment::Development)
    }

    pub fn is_production(&self) -> bool {
        self.env == Environment::Production
    }
}

/// Durations as humans write them (`15m`, `12h`) in settings.
mod humantime_serde_compat {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&humantime::format_duration(*value).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        humantime::parse_duration(&text).map_err(serde::de::Error::custom)
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
        ])
        .expect("a real secret is accepted");
        assert!(!ok.playground_enabled());
    }

    #[test]
    fn secrets_do_not_print() {
        let settings = with(&[]).expect("defaults are valid");
        assert!(!format!("{settings:?}").contains(DEVELOPMENT_JWT_SECRET));
    }
}
