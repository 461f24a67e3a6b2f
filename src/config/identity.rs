//! Settings of the city's identity provider (keys fetched over HTTPS) and of this server as an
//! OAuth authorization server (its public address). Flattened into [`Settings`]: the variables
//! are `WIJKHUB_JWT_JWKS_URL` and so on, without a prefix of their own.

use std::{net::IpAddr, time::Duration};

use serde::{Deserialize, Serialize};

use super::SettingsError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdentitySettings {
    /// The identity provider's JWKS (`https://…/jwks.json`), fetched and kept fresh. Empty:
    /// none (unless `jwt_oidc_issuer` finds it).
    pub jwt_jwks_url: String,
    /// The identity provider's OIDC issuer: its JWKS is found through
    /// `<issuer>/.well-known/openid-configuration` (`jwks_uri`). Ignored when `jwt_jwks_url`
    /// is set.
    pub jwt_oidc_issuer: String,
    /// Shortest time a fetched key set is kept before it is fetched again, whatever its
    /// `Cache-Control` says.
    #[serde(with = "super::humantime_serde_compat")]
    pub jwt_jwks_min_cache: Duration,
    /// Longest time a fetched key set is kept before it is fetched again.
    #[serde(with = "super::humantime_serde_compat")]
    pub jwt_jwks_max_cache: Duration,
    /// The address partners reach this server at (`https://wijkhub.denhaag.nl`): the issuer in
    /// `/.well-known/oauth-authorization-server`, and with `/oauth/token` the audience a
    /// client's assertion names. Empty: taken from the request's `Host` in development only.
    pub public_url: String,
}

impl Default for IdentitySettings {
    fn default() -> Self {
        Self {
            jwt_jwks_url: String::new(),
            jwt_oidc_issuer: String::new(),
            jwt_jwks_min_cache: Duration::from_secs(5 * 60),
            jwt_jwks_max_cache: Duration::from_secs(24 * 3600),
            public_url: String::new(),
        }
    }
}

/// Whether a URL may be fetched for keys: `https`, or plain `http` to a loopback address outside
/// production (a test's or a laptop's identity provider).
pub fn fetchable(url: &str, production: bool) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    match parsed.scheme() {
        "https" => parsed.host().is_some(),
        "http" if !production => match parsed.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            None => false,
        },
        _ => false,
    }
}

impl IdentitySettings {
    pub(super) fn validate(&self, production: bool) -> Result<(), SettingsError> {
        let out_of_range = |name, expected| Err(SettingsError::OutOfRange { name, expected });
        const URL: &str =
            "an https URL (plain http only to 127.0.0.1, ::1 or localhost, outside production)";
        if !self.jwt_jwks_url.is_empty() && !fetchable(&self.jwt_jwks_url, production) {
            return out_of_range("WIJKHUB_JWT_JWKS_URL", URL);
        }
        if !self.jwt_oidc_issuer.is_empty() && !fetchable(&self.jwt_oidc_issuer, production) {
            return out_of_range("WIJKHUB_JWT_OIDC_ISSUER", URL);
        }
        if self.jwt_jwks_min_cache.is_zero() || self.jwt_jwks_min_cache > self.jwt_jwks_max_cache {
            return out_of_range(
                "WIJKHUB_JWT_JWKS_MIN_CACHE and WIJKHUB_JWT_JWKS_MAX_CACHE",
                "longer than 0 s, the minimum at most the maximum",
            );
        }
        if !self.public_url.is_empty()
            && !url::Url::parse(&self.public_url)
                .is_ok_and(|u| matches!(u.scheme(), "https" | "http") && u.host().is_some())
        {
            return out_of_range(
                "WIJKHUB_PUBLIC_URL",
                "the server's address, e.g. https://wijkhub.denhaag.nl",
            );
        }
        Ok(())
    }

    /// Whether keys are fetched from an identity provider.
    pub fn fetches_keys(&self) -> bool {
        !self.jwt_jwks_url.is_empty() || !self.jwt_oidc_issuer.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_over_https_or_from_loopback_outside_production() {
        assert!(fetchable("https://login.denhaag.nl/jwks", true));
        assert!(fetchable("http://127.0.0.1:9000/jwks", false));
        assert!(fetchable("http://[::1]:9000/jwks", false));
        assert!(!fetchable("http://127.0.0.1:9000/jwks", true));
        assert!(!fetchable("http://10.0.0.5/jwks", false));
        assert!(!fetchable("http://login.denhaag.nl/jwks", false));
        assert!(!fetchable("ftp://login.denhaag.nl/jwks", false));
        assert!(!fetchable("not a url", false));
    }

    #[test]
    fn the_settings_are_flat_variables_checked_at_start() {
        use figment::{Figment, providers::Serialized};

        use crate::config::{Settings, setting_variables};

        let read = |pairs: &[(&str, &str)]| {
            let mut figment = Figment::from(Serialized::defaults(Settings::default()));
            for (key, value) in pairs {
                figment = figment.merge((*key, *value));
            }
            Settings::from_figment(figment)
        };
        let settings = read(&[
            ("jwt_jwks_url", "https://login.example.nl/jwks"),
            ("jwt_jwks_min_cache", "1m"),
            ("public_url", "https://wijkhub.example.nl"),
        ])
        .expect("valid");
        assert_eq!(
            settings.identity.jwt_jwks_url,
            "https://login.example.nl/jwks"
        );
        assert_eq!(
            settings.identity.jwt_jwks_min_cache,
            Duration::from_secs(60)
        );
        let known = setting_variables();
        for name in [
            "WIJKHUB_JWT_JWKS_URL",
            "WIJKHUB_JWT_OIDC_ISSUER",
            "WIJKHUB_JWT_JWKS_MIN_CACHE",
            "WIJKHUB_JWT_JWKS_MAX_CACHE",
            "WIJKHUB_PUBLIC_URL",
        ] {
            assert!(known.contains(&name.to_owned()), "{name}");
        }
        let production = [
            ("env", "production"),
            ("jwt_secret", "a-real-secret-of-at-least-32-characters!"),
            (
                "webhooks.secret_key",
                "a-real-webhook-key-of-32-characters!",
            ),
        ];
        let mut loopback = production.to_vec();
        loopback.push(("jwt_jwks_url", "http://127.0.0.1:9000/jwks"));
        assert!(matches!(
            read(&loopback),
            Err(SettingsError::OutOfRange {
                name: "WIJKHUB_JWT_JWKS_URL",
                ..
            })
        ));
        assert!(matches!(
            read(&[("jwt_jwks_min_cache", "2d")]),
            Err(SettingsError::OutOfRange { .. })
        ));
    }
}
