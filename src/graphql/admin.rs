//! Organisation and API-client management (ADMIN: the programme office).

use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use entity::api_client;

use crate::graphql::{
    enums::{OrganisationKind, PartnerType, Role},
    ids::{parse_id, to_id},
    organisations::{Organisation, load_organisation},
    pipeline::context::request,
    pipeline::error::GqlResult,
};
use crate::{
    error::ApiResult,
    graphql::project_mutations::optional_id,
    service::{
        api_clients,
        idempotency::SecretPaths,
        organisations::{self, NewOrganisation, OrganisationPatch},
    },
};

/// An API client: the credentials of a partner's app or sync job for `POST /oauth/token`.
pub struct ApiClient(pub api_client::Model);

/// An API client: the credentials of a partner's app or sync job for `POST /oauth/token`.
#[Object]
impl ApiClient {
    /// The `client_id`.
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// What the client is for, e.g. `Nachtelijke sync Haag Wonen`.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The role its tokens carry.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    /// The organisation it acts for.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, Some(self.0.organisation_id)).await
    }
    /// When it was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When it last obtained a token.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }
    /// When it was revoked; its tokens stop working at once.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
    /// How it authenticates at `POST /oauth/token`.
    async fn authentication(&self) -> ClientAuthentication {
        if self.0.public_key.is_some() {
            ClientAuthentication::PrivateKeyJwt
        } else {
            ClientAuthentication::ClientSecret
        }
    }
    /// The public key it signs its assertions with (PEM or JWK, as registered); none for a
    /// client with a secret.
    async fn public_key(&self) -> Option<&str> {
        self.0.public_key.as_deref()
    }
}

/// How an API client authenticates at `POST /oauth/token`.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuthentication {
    /// With its `client_secret` (HTTP Basic or the form).
    ClientSecret,
    /// With a JWT signed by its private key (`private_key_jwt`, RFC 7523).
    PrivateKeyJwt,
}

/// A new API client with its secret: the only time the secret is shown.
pub struct CreatedApiClient {
    client: ApiClient,
    secret: String,
}

/// A new API client with its secret: the only time the secret is shown.
#[Object]
impl CreatedApiClient {
    /// The client.
    async fn client(&self) -> &ApiClient {
        &self.client
    }
    /// The `client_secret`. Store it now: it is kept only as a hash and cannot be shown again.
    /// A replayed answer (`Idempotency-Key`) never repeats it: there it is empty, and
    /// `extensions.secretWithheld` says so.
    async fn secret(&self, ctx: &Context<'_>) -> &str {
        // Where the secret sits in the answer, so a stored copy for replays leaves it out.
        if let (Some(paths), Some(node)) = (ctx.data_opt::<SecretPaths>(), ctx.path_node) {
            paths.record(node.to_string_vec());
        }
        &self.secret
    }
}

/// A new organisation.
#[derive(InputObject)]
pub struct CreateOrganisationInput {
    /// Stable, human-readable code: lower-case letters, digits and hyphens (`haag-wonen`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// City department or partner.
    pub kind: OrganisationKind,
    /// For partners: what kind of partner.
    pub partner_type: Option<PartnerType>,
    /// For departments: the department's own code (`DPZ`).
    pub department_code: Option<String>,
    /// The umbrella organisation.
    pub parent_id: Option<ID>,
    /// Public website.
    pub website: Option<String>,
    /// What the organisation does in the wijken.
    pub description: Option<String>,
}

/// Changes to an organisation: fields left out stay as they are.
#[derive(InputObject, Default)]
pub struct UpdateOrganisationInput {
    /// Display name.
    pub name: Option<String>,
    /// For partners: what kind of partner.
    pub partner_type: Option<PartnerType>,
    /// Public website.
    pub website: Option<String>,
    /// What the organisation does.
    pub description: Option<String>,
    /// `false` deactivates the organisation: its tokens and API clients stop working.
    pub active: Option<bool>,
}

/// A new API client.
#[derive(InputObject)]
pub struct CreateApiClientInput {
    /// The organisation it acts for.
    pub organisation_id: ID,
    /// What it is for.
    pub name: String,
    /// The role its tokens carry (ADMIN only for a city department).
    pub role: Role,
}

/// A new API client that authenticates with a key pair instead of a secret.
#[derive(InputObject)]
pub struct CreateApiClientWithKeyInput {
    /// The organisation it acts for.
    pub organisation_id: ID,
    /// What it is for.
    pub name: String,
    /// The role its tokens carry (ADMIN only for a city department).
    pub role: Role,
    /// Its public key: PEM (`-----BEGIN PUBLIC KEY-----`) or one JWK; RSA (RS256), P-256
    /// (ES256) or Ed25519 (EdDSA). Never the private key.
    pub public_key: String,
}

impl CreateOrganisationInput {
    fn into_service(self) -> ApiResult<NewOrganisation> {
        Ok(NewOrganisation {
            code: self.code,
            name: self.name,
            kind: self.kind.into(),
            partner_type: self.partner_type.map(Into::into),
            department_code: self.department_code,
            parent_id: optional_id("input.parentId", self.parent_id.as_ref())?,
            website: self.website,
            description: self.description,
        })
    }
}

impl UpdateOrganisationInput {
    fn into_service(self) -> OrganisationPatch {
        OrganisationPatch {
            name: self.name,
            partner_type: self.partner_type.map(Into::into),
            website: self.website.map(Some),
            description: self.description.map(Some),
            active: self.active,
        }
    }
}

#[derive(Default)]
pub struct AdminMutation;

#[Object]
impl AdminMutation {
    /// Registers an organisation (ADMIN).
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation.")] input: CreateOrganisationInput,
    ) -> GqlResult<Organisation> {
        let cx = request(ctx).begin_write()?;
        Ok(organisations::create(&cx, input.into_service()?)
            .await?
            .into())
    }

    /// Changes an organisation, or deactivates it (ADMIN).
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
        #[graphql(desc = "The changes.")] input: UpdateOrganisationInput,
    ) -> GqlResult<Organisation> {
        let req = request(ctx);
        let cx = req.begin_write()?;
        let patch = input.into_service();
        let id = parse_id("id", &id)?;
        let updated = organisations::update(&cx, id, expected_version, patch).await?;
        // A deactivation locks out the organisation's tokens at once on this instance.
        req.shared.keys.forget_organisation(id);
        Ok(updated.into())
    }

    /// Creates an API client and shows its secret once (ADMIN).
    async fn create_api_client(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The client.")] input: CreateApiClientInput,
    ) -> GqlResult<CreatedApiClient> {
        let cx = request(ctx).begin_write()?;
        let organisation_id = parse_id("input.organisationId", &input.organisation_id)?;
        let (client, secret) =
            api_clients::create(&cx, organisation_id, &input.name, input.role.into()).await?;
        Ok(CreatedApiClient {
            client: ApiClient(client),
            secret,
        })
    }

    /// Creates an API client that authenticates with assertions signed by its private key
    /// (`private_key_jwt`) instead of a secret; only the public key is kept (ADMIN).
    async fn create_api_client_with_key(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The client and its public key.")] input: CreateApiClientWithKeyInput,
    ) -> GqlResult<ApiClient> {
        let cx = request(ctx).begin_write()?;
        let organisation_id = parse_id("input.organisationId", &input.organisation_id)?;
        let client = api_clients::create_with_key(
            &cx,
            organisation_id,
            &input.name,
            input.role.into(),
            &input.public_key,
        )
        .await?;
        Ok(ApiClient(client))
    }

    /// Revokes an API client: its tokens stop working at their next request, on other server
    /// instances within 2 seconds (ADMIN).
    async fn revoke_api_client(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The client's id.")] id: ID,
    ) -> GqlResult<ApiClient> {
        let req = request(ctx);
        let cx = req.begin_write()?;
        let id = parse_id("id", &id)?;
        let revoked = api_clients::revoke(&cx, id).await?;
        req.shared.keys.forget_client(id);
        Ok(ApiClient(revoked))
    }
}
