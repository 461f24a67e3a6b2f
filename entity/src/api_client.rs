//! An API client of an organisation (OAuth2 client credentials): a secret, kept only as a hash,
//! or a public key it signs its assertions with (`private_key_jwt`).

use sea_orm::entity::prelude::*;

use crate::enums::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_client")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub role: Role,
    /// Empty for a client with a key: it never matches a secret.
    pub secret_hash: String,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    /// The public key (PEM or JWK) of a client that authenticates with signed assertions.
    pub public_key: Option<String>,
    /// The one algorithm its assertions are signed with (`RS256`, `ES256`).
    pub key_algorithm: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
