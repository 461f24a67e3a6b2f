//! Client authentication with a signed assertion instead of a secret: `private_key_jwt` (RFC
//! 7523 §2.2, OpenID Connect Core §9), as the NL GOV OAuth profile prefers. The client signs a
//! short-lived JWT with its private key; this server holds only the public half.
//!
//! The assertion must say `iss` = `sub` = the client id, name this server's token endpoint (or
//! its issuer) in `aud`, expire within five minutes, and carry a `jti` never used before: each
//! `jti` is stored until the assertion expires, under a unique key, so a replay fails on every
//! instance that shares the database.

use std::{net::IpAddr, time::Duration};

use chrono::{TimeZone, Utc};
use entity::client_assertion;
use jsonwebtoken::{Validation, errors::ErrorKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, SqlErr};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    keys::client_key,
    oauth::{Grant, GrantError, Issued, subject},
};

/// `client_assertion_type` of a JWT assertion (RFC 7523 §2.2).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Longest an assertion may live, from `iat` (or now) to `exp`.
pub const MAX_LIFETIME: Duration = Duration::from_secs(300);

/// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
const LEEWAY_SECONDS: u64 = 30;

/// The longest `jti` remembered; a longer one is refused.
const MAX_JTI_CHARS: usize = 200;

/// What is read of an assertion beyond what the validation checks (`iss`, `sub`, `aud`).
#[derive(Deserialize)]
struct Claims {
    exp: u64,
    #[serde(default)]
    iat: Option<u64>,
    #[serde(default)]
    jti: Option<String>,
}

/// What the client sent: the assertion, and the `client_id` if it named itself in the form too.
pub struct ClientAssertion {
    pub client_id: Option<String>,
    pub assertion: String,
    /// The `aud` values that name this server: its token endpoint URL, its public URL, its
    /// configured token issuer.
    pub audiences: Vec<String>,
}

impl Grant<'_> {
    /// Authenticates the client by its signed assertion and issues its token. Every refusal
    /// counts against the client id and the address in the throttle, as wrong secrets do.
    pub async fn private_key_jwt(
        &self,
        sent: ClientAssertion,
        ip: Option<IpAddr>,
    ) -> Result<Issued, GrantError> {
        // Who claims to be asking: `sub` of the (not yet verified) assertion, which must agree
        // with a `client_id` in the form.
        #[derive(Deserialize)]
        struct Named {
            sub: Option<String>,
        }
        let named = jsonwebtoken::dangerous::insecure_decode_claims::<Named>(&sent.assertion)
            .ok()
            .and_then(|n| n.sub);
        let client_id = sent.client_id.clone().or(named.clone()).unwrap_or_default();
        if let Some(wait) = self.guard.throttled(&client_id, ip) {
            return Err(GrantError::Throttled(wait));
        }
        let refused = |reason, subject| {
            self.guard.failed(&client_id, ip);
            GrantError::Refused { reason, subject }
        };
        if named.as_deref() != Some(client_id.as_str()) {
            return Err(refused("assertion sub is not the client_id", None));
        }
        let client = self.unrevoked_client(&client_id).await?;
        let Some(client) = client else {
            return Err(refused("unknown or revoked client", None));
        };
        let Some(registered) = client.public_key.as_deref() else {
            return Err(refused(
                "an assertion from a client that authenticates with a secret",
                Some(subject(&client)),
            ));
        };
        let Ok(key) = client_key(registered) else {
            tracing::error!(client = %client.id, "the client's registered key cannot be read");
            return Err(refused("unusable registered key", Some(subject(&client))));
        };
        let mut validation = Validation::new(key.algorithm);
        validation.algorithms = vec![key.algorithm];
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&client_id]);
        validation.sub = Some(client_id.clone());
        validation.set_audience(&sent.audiences);
        validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
        let claims = match jsonwebtoken::decode::<Claims>(&sent.assertion, &key.key, &validation) {
            Ok(data) => data.claims,
            Err(error) => {
                let reason = match error.kind() {
                    ErrorKind::ExpiredSignature => "assertion expired",
                    ErrorKind::InvalidAudience => "assertion aud names another server",
                    ErrorKind::InvalidSignature | ErrorKind::InvalidAlgorithm => {
                        "assertion not signed with the client's key"
                    }
                    _ => "assertion invalid",
                };
                return Err(refused(reason, Some(subject(&client))));
            }
        };
        let now = jsonwebtoken::get_current_timestamp();
        let limit = MAX_LIFETIME.as_secs() + LEEWAY_SECONDS;
        let lifetime_from = claims
            .iat
            .unwrap_or(now)
            .min(now.saturating_add(LEEWAY_SECONDS));
        if claims.exp > now.saturating_add(limit)
            || claims.exp.saturating_sub(lifetime_from) > limit
        {
            return Err(refused(
                "assertion lives longer than five minutes",
                Some(subject(&client)),
            ));
        }
        let Some(jti) = claims
            .jti
            .filter(|jti| !jti.is_empty() && jti.chars().count() <= MAX_JTI_CHARS)
        else {
            return Err(refused(
                "assertion without a usable jti",
                Some(subject(&client)),
            ));
        };
        if !self.first_use(client.id, jti, claims.exp).await? {
            return Err(refused("assertion replayed", Some(subject(&client))));
        }
        self.issue(client, refused).await
    }

    /// Remembers the `jti` until `exp`; `false` when it was used before. Assertions past their
    /// expiry are forgotten first: they are refused by `exp` already.
    async fn first_use(&self, client: Uuid, jti: String, exp: u64) -> Result<bool, GrantError> {
        let now = Utc::now();
        client_assertion::Entity::delete_many()
            .filter(client_assertion::Column::ExpiresAt.lt(now))
            .exec(self.db)
            .await?;
        // Kept past `exp` by the leeway, so the assertion cannot come back while it still
        // passes the expiry check.
        let expires_at = i64::try_from(exp.saturating_add(LEEWAY_SECONDS))
            .ok()
            .and_then(|secs| Utc.timestamp_opt(secs, 0).single())
            .unwrap_or(now);
        let row = client_assertion::ActiveModel {
            client_id: sea_orm::ActiveValue::Set(client),
            jti: sea_orm::ActiveValue::Set(jti),
            expires_at: sea_orm::ActiveValue::Set(expires_at),
        };
        match client_assertion::Entity::insert(row)
            .exec_without_returning(self.db)
            .await
        {
            Ok(_) => Ok(true),
            Err(error) => match error.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => Ok(false),
                _ => Err(error.into()),
            },
        }
    }
}
