//! Who is calling: bearer tokens turned into a [`Principal`].

pub mod assertion;
pub mod clients;
pub mod keys;
pub mod oauth;
pub mod provider;
pub mod throttle;
pub mod token;

use entity::{OrganisationKind, Role};
use uuid::Uuid;

/// A verified caller. Anonymous callers have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The token's `sub`: a user or API client id.
    pub subject: String,
    pub organisation_id: Uuid,
    pub organisation_code: String,
    pub organisation_kind: OrganisationKind,
    pub role: Role,
    /// The API client the token was issued to (its `cid`), for tokens from `/oauth/token`.
    pub client: Option<Uuid>,
}

impl Principal {
    /// A caller from a city department (as opposed to a partner).
    pub fn is_city(&self) -> bool {
        self.organisation_kind == OrganisationKind::CityDepartment
    }
}
