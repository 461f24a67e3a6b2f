//! Issuing and verifying HS256 bearer JWTs signed with `WIJKHUB_JWT_SECRET`.

use std::time::Duration;

use entity::{OrganisationKind, Role, organisation};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Principal;
use crate::config::Settings;

/// Clock skew tolerated on `exp`, in seconds.
const LEEWAY_SECONDS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// Organisation id.
    pub org: Uuid,
    pub role: Role,
    pub iss: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Deliberately one variant for callers: a refused token never says which check failed.
    #[error("invalid token: {0}")]
    Invalid(String),
    #[error("database error while verifying a token")]
    Database(#[from] sea_orm::DbErr),
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
}

impl TokenKeys {
    pub fn from_settings(settings: &Settings) -> Result<Self, TokenError> {
        let secret = settings.jwt_secret.expose().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.leeway = LEEWAY_SECONDS;
        validation.set_issuer(&[settings.jwt_issuer.as_str()]);
        validation.set_audience(&[settings.jwt_audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let unusable =
            |e: jsonwebtoken::errors::Error| TokenError::Invalid(format!("unusable secret: {e}"));
        Ok(Self {
            encoding: EncodingKey::from_secret(secret).map_err(unusable)?,
            decoding: DecodingKey::from_secret(secret).map_err(unusable)?,
            validation,
            issuer: settings.jwt_issuer.clone(),
            audience: settings.jwt_audience.clone(),
        })
    }

    pub fn issue(
        &self,
        subject: &str,
        organisation_id: Uuid,
        role: Role,
        ttl: Duration,
    ) -> Result<String, TokenError> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = Claims {
            sub: subject.to_owned(),
            org: organisation_id,
            role,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: now + ttl.as_secs(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }

    /// Verifies signature and claims, then that the organisation exists, is active, and may hold
    /// the role (`ADMIN` is for city departments only).
    pub async fn verify(
        &self,
        db: &DatabaseConnection,
        token: &str,
    ) -> Result<Principal, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| TokenError::Invalid(e.to_string()))?;
        let claims = data.claims;
        let org = organisation::Entity::find_by_id(claims.org)
            .filter(organisation::Column::Active.eq(true))
            .filter(organisation::Column::DeletedAt.is_null())
            .one(db)
            .await?
            .ok_or_else(|| TokenError::Invalid("unknown or inactive organisation".into()))?;
        if claims.role == Role::Admin && org.kind != OrganisationKind::CityDepartment {
            return Err(TokenError::Invalid(
                "ADMIN claimed by a non-city organisation".into(),
            ));
        }
        Ok(Principal {
            subject: claims.sub,
            organisation_id: org.id,
            organisation_code: org.code,
            organisation_kind: org.kind,
            role: claims.role,
        })
    }
}
