//! Organisations (an interface over partners and departments), contact persons, and `me`.

use async_graphql::{Context, ID, InputObject, Interface, Object};
use entity::{OrganisationKind as StoredKind, contact_person, organisation};

use crate::graphql::{
    enums::{ContactFunction, OrganisationKind, PartnerType, Role},
    ids::parse_id,
    pipeline::connection::connection,
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::{
        ChildrenOfOrganisation, ContactsOfOrganisation, OrganisationById, WijkenOfContact, load_all,
    },
    reference::Wijk,
    viewer_can::WriteRights,
};
use crate::policy::Action;
use crate::service::{
    contacts::{self, ContactFilter},
    organisations as service,
};

/// Who takes part and who logs in: a city department or a partner.
// The derive's `field(...)` lists repeat `ty = "String"` by design; that is not a duplicate.
#[allow(clippy::duplicated_attributes)]
#[derive(Interface)]
#[graphql(
    field(name = "id", ty = "ID", desc = "Stable identifier."),
    field(
        name = "code",
        ty = "String",
        desc = "Stable, human-readable code, e.g. `haag-wonen`."
    ),
    field(name = "name", ty = "String", desc = "Display name."),
    field(
        name = "kind",
        ty = "OrganisationKind",
        desc = "City department or partner."
    ),
    field(name = "website", ty = "Option<String>", desc = "Public website."),
    field(
        name = "description",
        ty = "Option<String>",
        desc = "What the organisation does in the wijken."
    ),
    field(
        name = "active",
        ty = "bool",
        desc = "Inactive organisations can no longer sign in."
    ),
    field(
        name = "version",
        ty = "i32",
        desc = "Optimistic-concurrency version: bumped by every change."
    )
)]
pub enum Organisation {
    Partner(Partner),
    Department(Department),
}

impl From<organisation::Model> for Organisation {
    fn from(model: organisation::Model) -> Self {
        match model.kind {
            StoredKind::CityDepartment => Organisation::Department(Department(model)),
            StoredKind::Partner => Organisation::Partner(Partner(model)),
        }
    }
}

/// Loads an organisation for a nested field; null for anonymous callers, who may not read
/// organisations.
pub async fn load_organisation(
    ctx: &Context<'_>,
    id: Option<uuid::Uuid>,
) -> GqlResult<Option<Organisation>> {
    let req = request(ctx);
    let (Some(id), Some(_)) = (id, req.caller()) else {
        return Ok(None);
    };
    Ok(req
        .loader
        .load_one(OrganisationById(id))
        .await?
        .map(Organisation::from))
}

/// Fields every organisation has, implemented on both kinds alike.
macro_rules! organisation_object {
    ($(#[doc = $doc:literal])* $name:ident { $($extra:tt)* }) => {
        $(#[doc = $doc])*
        #[derive(Clone)]
        pub struct $name(pub organisation::Model);

        impl From<organisation::Model> for $name {
            fn from(model: organisation::Model) -> Self {
                Self(model)
            }
        }

        $(#[doc = $doc])*
        #[Object]
        impl $name {
            /// Stable identifier.
            pub(crate) async fn id(&self) -> ID {
                ID(self.0.id.to_string())
            }
            /// Stable, human-readable code, e.g. `haag-wonen`.
            async fn code(&self) -> String {
                self.0.code.clone()
            }
            /// Display name.
            async fn name(&self) -> String {
                self.0.name.clone()
            }
            /// City department or partner.
            async fn kind(&self) -> OrganisationKind {
                self.0.kind.into()
            }
            /// Public website.
            async fn website(&self) -> Option<String> {
                self.0.website.clone()
            }
            /// What the organisation does in the wijken.
            async fn description(&self) -> Option<String> {
                self.0.description.clone()
            }
            /// Inactive organisations can no longer sign in.
            async fn active(&self) -> bool {
                self.0.active
            }
            /// What you may do to this organisation (ADMIN manages organisations).
            async fn viewer_can(&self, ctx: &Context<'_>) -> WriteRights {
                WriteRights::of(ctx, Action::ManageOrganisations, None)
            }
            /// Optimistic-concurrency version: bumped by every change.
            async fn version(&self) -> i32 {
                self.0.version
            }
            /// The organisation's API clients (ADMIN only; others get an error).
            async fn api_clients(&self, ctx: &Context<'_>) -> GqlResult<Vec<crate::graphql::admin::ApiClient>> {
                let req = request(ctx);
                Ok(crate::service::api_clients::list(&req.db, req.caller(), self.0.id)
                    .await?
                    .into_iter()
                    .map(crate::graphql::admin::ApiClient)
                    .collect())
            }
            /// The organisation's contact persons, by name.
            async fn contact_persons(&self, ctx: &Context<'_>) -> GqlResult<Vec<ContactPerson>> {
                load_all(&request(ctx).loader, ContactsOfOrganisation(self.0.id)).await
            }
            $($extra)*
        }
    };
}

organisation_object!(
    /// A partner: a housing corporation, welfare organisation, fund, school, the police, …
    Partner {
        /// What kind of partner this is.
        async fn partner_type(&self) -> Option<PartnerType> {
            self.0.partner_type.map(Into::into)
        }
        /// The umbrella organisation, e.g. Xtra for Zebra Welzijn.
        async fn parent(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
            load_organisation(ctx, self.0.parent_id).await
        }
        /// Organisations under this one.
        async fn children(&self, ctx: &Context<'_>) -> GqlResult<Vec<Organisation>> {
            load_all(&request(ctx).loader, ChildrenOfOrganisation(self.0.id)).await
        }
    }
);

organisation_object!(
    /// A city department (vakdienst), or the programme office.
    Department {
        /// The department's own code, e.g. `DPZ`.
        async fn department_code(&self) -> Option<String> {
            self.0.department_code.clone()
        }
    }
);

object_over_row!(ContactPerson(contact_person::Model));

/// A professional contact: work e-mail and phone only. Deleted (not archived) when removed.
#[Object]
impl ContactPerson {
    /// Stable identifier.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// Full name.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// What the person does.
    async fn function(&self) -> ContactFunction {
        self.0.function.into()
    }
    /// Work e-mail address.
    async fn email(&self) -> &str {
        &self.0.email
    }
    /// Work phone number.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// The organisation the person works for.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, Some(self.0.organisation_id)).await
    }
    /// The wijken the person works in.
    async fn wijken(&self, ctx: &Context<'_>) -> GqlResult<Vec<Wijk>> {
        load_all(&request(ctx).loader, WijkenOfContact(self.0.id)).await
    }
    /// Optimistic-concurrency version: bumped by every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// What you may do to this person, by the same rules the mutations apply.
    async fn viewer_can(&self, ctx: &Context<'_>) -> WriteRights {
        WriteRights::of(
            ctx,
            Action::ManageContactPerson,
            Some(self.0.organisation_id),
        )
    }
}

connection!(
    PartnerConnection,
    PartnerEdge,
    Partner,
    organisation::Entity,
    "partners"
);
connection!(
    DepartmentConnection,
    DepartmentEdge,
    Department,
    organisation::Entity,
    "departments"
);
connection!(
    ContactPersonConnection,
    ContactPersonEdge,
    ContactPerson,
    contact_person::Entity,
    "contact persons"
);

/// Narrows `contactPersons`.
#[derive(InputObject, Default)]
pub struct ContactPersonFilter {
    /// Only people of this organisation.
    pub organisation_id: Option<ID>,
    /// Only people working in this wijk (CBS code).
    pub wijk_code: Option<String>,
    /// Only people with this function.
    pub function: Option<ContactFunction>,
}

/// The signed-in caller.
pub struct Viewer(pub crate::auth::Principal);

/// The signed-in caller.
#[Object]
impl Viewer {
    /// The token's subject: a user or API client id.
    async fn subject(&self) -> &str {
        &self.0.subject
    }
    /// The caller's role.
    async fn role(&self) -> Role {
        self.0.role.into()
    }
    /// True for callers from a city department.
    async fn is_city(&self) -> bool {
        self.0.is_city()
    }
    /// The caller's organisation.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, Some(self.0.organisation_id)).await
    }
}

#[derive(Default)]
pub struct OrganisationQuery;

#[Object]
impl OrganisationQuery {
    /// Who is calling; null for anonymous callers.
    async fn me(&self, ctx: &Context<'_>) -> Option<Viewer> {
        request(ctx).caller.clone().map(Viewer)
    }

    /// Partner organisations, by name. Needs a signed-in caller.
    async fn partners(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Only partners of this type.")] partner_type: Option<PartnerType>,
    ) -> GqlResult<PartnerConnection> {
        let req = request(ctx);
        let partner_type = partner_type.map(Into::into);
        PartnerConnection::page(first, after, async |page| {
            service::list(
                &req.db,
                req.caller(),
                StoredKind::Partner,
                partner_type,
                page,
            )
            .await
        })
        .await
    }

    /// City departments, by name. Needs a signed-in caller.
    async fn departments(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> GqlResult<DepartmentConnection> {
        let req = request(ctx);
        DepartmentConnection::page(first, after, async |page| {
            service::list(
                &req.db,
                req.caller(),
                StoredKind::CityDepartment,
                None,
                page,
            )
            .await
        })
        .await
    }

    /// One organisation by id. Needs a signed-in caller.
    async fn organisation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organisation's id.")] id: ID,
    ) -> GqlResult<Organisation> {
        let req = request(ctx);
        let id = parse_id("id", &id)?;
        Ok(service::get(&req.db, req.caller(), id).await?.into())
    }

    /// Contact persons, by name. Needs a signed-in caller.
    async fn contact_persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Narrow the list.")] filter: Option<ContactPersonFilter>,
    ) -> GqlResult<ContactPersonConnection> {
        let req = request(ctx);
        ContactPersonConnection::page(first, after, async |page| {
            let filter = filter.unwrap_or_default();
            let filter = ContactFilter {
                organisation_id: filter
                    .organisation_id
                    .as_ref()
                    .map(|id| parse_id("filter.organisationId", id))
                    .transpose()?,
                wijk_code: filter.wijk_code,
                function: filter.function.map(Into::into),
            };
            contacts::list(&req.db, req.caller(), &filter, page).await
        })
        .await
    }
}
