//! The OAuth2 client-credentials grant (RFC 6749 §4.4) for partners' apps and sync jobs: which
//! client asks, whether it may have a token, and the token. Clients authenticate with a secret
//! here, or with a signed assertion ([`super::assertion`]). The HTTP edge serves it at
//! `POST /oauth/token` and answers in the RFC's format (§5.2); nothing here knows HTTP.

use std::{net::IpAddr, time::Duration};

use entity::{api_client, organisation};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use uuid::Uuid;

use super::{
    throttle::TokenGuard,
    token::{TokenError, TokenKeys},
};
use crate::db::Db;
use crate::service::now;

/// What the grant needs from the server.
pub struct Grant<'a> {
    pub db: &'a Db,
    pub keys: &'a TokenKeys,
    pub guard: &'a TokenGuard,
    /// How long an issued token lives.
    pub ttl: Duration,
}

/// A client's id and secret, as sent (HTTP Basic or the form).
pub struct ClientCredentials {
    pub client_id: String,
    pub secret: String,
}

/// A token issued to a client.
pub struct Issued {
    pub access_token: String,
    pub expires_in: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    /// Past the limit of failed authentications for this client id or address: refused before
    /// any check, so guessing costs the server nothing.
    #[error("throttled for {0:?}")]
    Throttled(Duration),
    /// The client was not authenticated. The reason is for the log and the audit, never for
    /// the caller (RFC 6749 §5.2); `subject` names the client when it exists.
    #[error("{reason}")]
    Refused {
        reason: &'static str,
        subject: Option<String>,
    },
    #[error("token request failed: {0}")]
    Database(#[from] DbErr),
    #[error("cannot sign a token: {0}")]
    Signing(#[from] TokenError),
}

impl Grant<'_> {
    /// Authenticates the client and issues its token. Every refusal counts against the client
    /// id and the address in the throttle.
    pub async fn client_credentials(
        &self,
        credentials: ClientCredentials,
        ip: Option<IpAddr>,
    ) -> Result<Issued, GrantError> {
        let ClientCredentials { client_id, secret } = credentials;
        if let Some(wait) = self.guard.throttled(&client_id, ip) {
            return Err(GrantError::Throttled(wait));
        }
        let refused = |reason, subject| {
            self.guard.failed(&client_id, ip);
            GrantError::Refused { reason, subject }
        };
        let client = self.unrevoked_client(&client_id).await?;
        // An unknown id costs one argon2 check too (against a dummy hash), so the time an answer
        // takes does not tell which client ids exist; so does a client with a key, which has
        // no secret to match.
        let stored = client
            .as_ref()
            .filter(|c| c.public_key.is_none())
            .map(|c| c.secret_hash.clone());
        if !self.guard.check(secret, stored).await {
            return Err(match &client {
                Some(client) if client.public_key.is_some() => refused(
                    "a secret from a client that authenticates with a key",
                    Some(subject(client)),
                ),
                Some(client) => refused("wrong secret", Some(subject(client))),
                None => refused("unknown or revoked client", None),
            });
        }
        let Some(client) = client else {
            return Err(refused("unknown or revoked client", None));
        };
        self.issue(client, refused).await
    }

    /// The client a request names, unless it is revoked; an id that is no UUID names none.
    pub(super) async fn unrevoked_client(
        &self,
        client_id: &str,
    ) -> Result<Option<api_client::Model>, DbErr> {
        let Ok(id) = Uuid::parse_str(client_id) else {
            return Ok(None);
        };
        api_client::Entity::find_by_id(id)
            .filter(api_client::Column::RevokedAt.is_null())
            .one(self.db)
            .await
    }

    /// The token for an authenticated client, if its organisation is active.
    pub(super) async fn issue(
        &self,
        client: api_client::Model,
        refused: impl FnOnce(&'static str, Option<String>) -> GrantError,
    ) -> Result<Issued, GrantError> {
        let org = organisation::Entity::find_by_id(client.organisation_id)
            .filter(organisation::Column::Active.eq(true))
            .filter(organisation::Entity::is_live())
            .one(self.db)
            .await?;
        let Some(org) = org else {
            return Err(refused("organisation inactive", Some(subject(&client))));
        };
        let access_token = self.keys.issue_for(
            &subject(&client),
            org.id,
            client.role,
            self.ttl,
            Some(client.id),
        )?;
        let mut used = client.into_active_model();
        used.last_used_at = Set(Some(now()));
        if let Err(error) = used.update(self.db).await {
            tracing::warn!(%error, "cannot record the client's last use");
        }
        Ok(Issued {
            access_token,
            expires_in: self.ttl,
        })
    }
}

/// The `sub` of a client's tokens, and the subject of its audit rows.
pub(super) fn subject(client: &api_client::Model) -> String {
    format!("client:{}", client.id)
}
