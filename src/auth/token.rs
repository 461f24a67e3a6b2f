//! Issuing and verifying HS256 bearer JWTs signed with `WIJKHUB_JWT_SECRET`.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use entity::{OrganisationKind, Role, api_client, organisation};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Principal,
    keys::{KeyError, PublicKeys},
    provider::ProviderKeys,
};
use crate::config::Settings;
use crate::db::Db;

/// Clock skew tolerated on `exp` and `nbf`, in seconds (RFC 8725 asks for little).
const LEEWAY_SECONDS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// Organisation id.
    pub org: Uuid,
    pub role: Role,
    pub iss: String,
    /// One audience or several: identity providers often send an array (RFC 7519 §4.1.3).
    pub aud: Audience,
    pub exp: u64,
    pub iat: u64,
    /// Not before (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<u64>,
    /// The API client a token was issued to, so revoking the client stops its tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cid: Option<Uuid>,
}

/// The `aud` claim: a string or an array of strings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Callers answer every variant alike (a refused token never says which check failed);
    /// only an open WebSocket tells expiry (close 4401) from a lock-out (4403).
    #[error("invalid token: {0}")]
    Invalid(String),
    #[error("the token has expired")]
    Expired,
    #[error("database error while verifying a token")]
    Database(#[from] sea_orm::DbErr),
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    public: PublicKeys,
    /// The identity provider's keys fetched over HTTPS, when configured.
    provider: Option<Arc<ProviderKeys>>,
    issuer: String,
    audience: String,
    /// Built once: the rules an HS256 token is checked by.
    hs256: Validation,
    verified: Arc<Verified>,
    /// HS256 tokens whose signature and claims were checked, by their text: a partner's app
    /// sends the same token with every request for its lifetime, and checking it again (two
    /// base64 decodes, an HMAC and two JSON parses) was a tenth of a lookup's CPU. Time-bound
    /// claims are checked again on every hit; the secret never changes while the process runs.
    signatures: Mutex<lru::LruCache<Box<str>, Claims>>,
}

/// How many checked tokens are kept (about 500 bytes each).
const SIGNATURES_KEPT: usize = 4096;

/// Validation for one algorithm: the key decides the algorithm, never the token.
fn validation(algorithm: Algorithm, issuer: &str, audience: &str) -> Validation {
    let mut validation = Validation::new(algorithm);
    validation.algorithms = vec![algorithm];
    validation.leeway = LEEWAY_SECONDS;
    validation.validate_nbf = true;
    validation.set_issuer(&[issuer]);
    validation.set_audience(&[audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation
}

/// How long a verified organisation or API client is trusted without asking the database again.
/// Every request checks both, so without this each request would begin with a lookup; with it,
/// a deactivation or revocation made on another instance takes effect within this time (on the
/// instance that made it, at once: it forgets the entry). The window is fixed from the database
/// check: a hit never extends it, so a client that calls without pause is re-checked too.
const VERIFIED_FOR: Duration = Duration::from_secs(2);

/// Past this many entries, expired ones are swept.
const VERIFIED_SWEEP_AT: usize = 10_000;

#[derive(Default)]
struct Verified {
    organisations: Mutex<HashMap<Uuid, (Instant, organisation::Model)>>,
    /// Client id → (when verified, its organisation).
    clients: Mutex<HashMap<Uuid, (Instant, Uuid)>>,
}

fn fresh<V: Clone>(map: &Mutex<HashMap<Uuid, (Instant, V)>>, id: Uuid) -> Option<V> {
    let map = map.lock().unwrap_or_else(|p| p.into_inner());
    map.get(&id)
        .filter(|(at, _)| at.elapsed() < VERIFIED_FOR)
        .map(|(_, value)| value.clone())
}

fn remember<V>(map: &Mutex<HashMap<Uuid, (Instant, V)>>, id: Uuid, value: V) {
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= VERIFIED_SWEEP_AT {
        map.retain(|_, (at, _)| at.elapsed() < VERIFIED_FOR);
    }
    map.insert(id, (Instant::now(), value));
}

fn forget<V>(map: &Mutex<HashMap<Uuid, (Instant, V)>>, id: Uuid) {
    map.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
}

/// Why a token was not decoded: refused, or signed with a key not (yet) known.
enum Undecoded {
    Token(TokenError),
    /// The `kid`, and the generation of the fetched set it was looked for in.
    UnknownKid(String, u64),
}

impl From<Undecoded> for TokenError {
    fn from(undecoded: Undecoded) -> Self {
        match undecoded {
            Undecoded::Token(error) => error,
            Undecoded::UnknownKid(kid, _) => TokenError::Invalid(format!("unknown kid `{kid}`")),
        }
    }
}

fn invalid(error: jsonwebtoken::errors::Error) -> Undecoded {
    Undecoded::Token(match error.kind() {
        jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
        _ => TokenError::Invalid(error.to_string()),
    })
}

impl From<KeyError> for TokenError {
    fn from(error: KeyError) -> Self {
        TokenError::Invalid(error.to_string())
    }
}

impl TokenKeys {
    pub fn from_settings(settings: &Settings) -> Result<Self, TokenError> {
        let secret = settings.jwt_secret.expose().as_bytes();
        let unusable =
            |e: jsonwebtoken::errors::Error| TokenError::Invalid(format!("unusable secret: {e}"));
        Ok(Self {
            encoding: EncodingKey::from_secret(secret).map_err(unusable)?,
            decoding: DecodingKey::from_secret(secret).map_err(unusable)?,
            public: PublicKeys::load(&settings.jwt_public_keys)?,
            provider: ProviderKeys::from_settings(settings),
            hs256: validation(
                Algorithm::HS256,
                &settings.jwt_issuer,
                &settings.jwt_audience,
            ),
            issuer: settings.jwt_issuer.clone(),
            audience: settings.jwt_audience.clone(),
            verified: Arc::default(),
            signatures: Mutex::new(lru::LruCache::new(
                std::num::NonZeroUsize::new(SIGNATURES_KEPT).unwrap_or(std::num::NonZeroUsize::MIN),
            )),
        })
    }

    /// A token whose signature was checked before, with its time-bound claims checked now as
    /// `jsonwebtoken` checks them (expired past `exp` + leeway, immature before `nbf` − leeway).
    fn checked_before(&self, token: &str) -> Option<Result<Claims, TokenError>> {
        let claims = self
            .signatures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(token)
            .cloned()?;
        let now = jsonwebtoken::get_current_timestamp();
        Some(if claims.exp.saturating_add(LEEWAY_SECONDS) < now {
            Err(TokenError::Expired)
        } else if claims
            .nbf
            .is_some_and(|nbf| nbf > now.saturating_add(LEEWAY_SECONDS))
        {
            Err(TokenError::Invalid("ImmatureSignature".into()))
        } else {
            Ok(claims)
        })
    }

    /// Checks signature and claims with the one key the token's header points at.
    fn decode(&self, token: &str) -> Result<Claims, Undecoded> {
        if let Some(claims) = self.checked_before(token) {
            return claims.map_err(Undecoded::Token);
        }
        // An `alg` outside the known set (such as `none`) fails here already.
        let header = jsonwebtoken::decode_header(token).map_err(invalid)?;
        if header.alg == Algorithm::HS256 {
            let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.hs256)
                .map(|data| data.claims)
                .map_err(invalid)?;
            self.signatures
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .put(token.into(), claims.clone());
            return Ok(claims);
        }
        let keys = self.public.current();
        let fetched_set = self.provider.as_ref().map(|p| p.current());
        let fetched = fetched_set
            .as_ref()
            .map_or(&[][..], |set| set.keys.as_slice());
        let candidates: Vec<_> = keys
            .iter()
            .chain(fetched)
            .filter(|k| k.algorithm == header.alg)
            .filter(|k| match &header.kid {
                Some(kid) => k.kid.as_deref() == Some(kid.as_str()),
                None => true,
            })
            .collect();
        let key = match (candidates.as_slice(), &header.kid) {
            ([key], _) => *key,
            ([], Some(kid)) => {
                let seen = fetched_set.as_ref().map_or(0, |set| set.generation());
                return Err(Undecoded::UnknownKid(kid.clone(), seen));
            }
            ([], None) => {
                return Err(Undecoded::Token(TokenError::Invalid(format!(
                    "no key for {:?}",
                    header.alg
                ))));
            }
            (_, _) => {
                return Err(Undecoded::Token(TokenError::Invalid(
                    "several keys fit; the token must name its kid".into(),
                )));
            }
        };
        let validation = validation(key.algorithm, &self.issuer, &self.audience);
        jsonwebtoken::decode::<Claims>(token, &key.key, &validation)
            .map(|data| data.claims)
            .map_err(invalid)
    }

    /// [`Self::decode`], fetching the identity provider's keys again when the token names a
    /// `kid` they lack (it may have rotated its key; at most once a minute, see
    /// [`ProviderKeys::unknown_kid`]).
    async fn decode_fetching(&self, token: &str) -> Result<Claims, TokenError> {
        match self.decode(token) {
            Err(Undecoded::UnknownKid(kid, seen)) => match &self.provider {
                Some(provider) if provider.unknown_kid(seen).await => {
                    self.decode(token).map_err(Into::into)
                }
                _ => Err(TokenError::Invalid(format!("unknown kid `{kid}`"))),
            },
            other => other.map_err(Into::into),
        }
    }

    /// The identity provider's keys, when they are fetched over HTTPS.
    pub fn provider(&self) -> Option<&Arc<ProviderKeys>> {
        self.provider.as_ref()
    }

    pub fn issue(
        &self,
        subject: &str,
        organisation_id: Uuid,
        role: Role,
        ttl: Duration,
    ) -> Result<String, TokenError> {
        self.issue_for(subject, organisation_id, role, ttl, None)
    }

    /// A token for an API client: revoking the client stops it.
    pub fn issue_for(
        &self,
        subject: &str,
        organisation_id: Uuid,
        role: Role,
        ttl: Duration,
        client: Option<Uuid>,
    ) -> Result<String, TokenError> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = Claims {
            sub: subject.to_owned(),
            org: organisation_id,
            role,
            iss: self.issuer.clone(),
            aud: Audience::One(self.audience.clone()),
            iat: now,
            exp: now + ttl.as_secs(),
            nbf: None,
            cid: client,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }

    /// Forgets a verified organisation, after a change that may lock it out.
    pub fn forget_organisation(&self, id: Uuid) {
        forget(&self.verified.organisations, id);
    }

    /// Forgets a verified API client, after its revocation.
    pub fn forget_client(&self, id: Uuid) {
        forget(&self.verified.clients, id);
    }

    /// Verifies signature and claims, then that the organisation exists, is active, and may hold
    /// the role (`ADMIN` is for city departments only).
    pub async fn verify(&self, db: &Db, token: &str) -> Result<Principal, TokenError> {
        let claims = self.decode_fetching(token).await?;
        // Every write names its actor: a token without a subject is no caller at all.
        if claims.sub.trim().is_empty() {
            return Err(TokenError::Invalid("empty subject".into()));
        }
        let org = match fresh(&self.verified.organisations, claims.org) {
            Some(org) => {
                tracing::debug!(organisation = %org.code, "organisation trusted from its last check (under 2 s)");
                org
            }
            None => {
                let org = organisation::Entity::find_by_id(claims.org)
                    .filter(organisation::Column::Active.eq(true))
                    .filter(organisation::Entity::is_live())
                    .one(db)
                    .await?
                    .ok_or_else(|| {
                        TokenError::Invalid("unknown or inactive organisation".into())
                    })?;
                tracing::debug!(organisation = %org.code, "organisation checked in the database");
                remember(&self.verified.organisations, org.id, org.clone());
                org
            }
        };
        if claims.role == Role::Admin && org.kind != OrganisationKind::CityDepartment {
            return Err(TokenError::Invalid(
                "ADMIN claimed by a non-city organisation".into(),
            ));
        }
        if let Some(client) = claims.cid
            && fresh(&self.verified.clients, client) != Some(org.id)
        {
            let active = api_client::Entity::find_by_id(client)
                .filter(api_client::Column::RevokedAt.is_null())
                .filter(api_client::Column::OrganisationId.eq(org.id))
                .one(db)
                .await?
                .is_some();
            if !active {
                return Err(TokenError::Invalid("revoked or unknown API client".into()));
            }
            tracing::debug!(%client, "API client checked in the database");
            remember(&self.verified.clients, client, org.id);
        }
        Ok(Principal {
            subject: claims.sub,
            organisation_id: org.id,
            organisation_code: org.code,
            organisation_kind: org.kind,
            role: claims.role,
            client: claims.cid,
        })
    }
}
