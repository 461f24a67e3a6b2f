//! Mutations on contact persons. Deletes are real: contact details are personal data.

use async_graphql::{Context, ID, InputObject, Object};

use crate::graphql::{
    enums::ContactFunction,
    ids::parse_id,
    organisations::ContactPerson,
    pipeline::context::request,
    pipeline::error::GqlResult,
    project_mutations::{DeletedObject, optional_id},
};
use crate::{
    error::ApiResult,
    service::contacts::{self as service, ContactInput},
};

/// A contact person, whole: work details only.
#[derive(InputObject)]
pub struct ContactPersonInput {
    /// The organisation they work for (a partner: its own, the default).
    pub organisation_id: Option<ID>,
    /// Full name.
    pub name: String,
    /// What they do.
    pub function: ContactFunction,
    /// Work e-mail address.
    pub email: String,
    /// Work phone number.
    pub phone: Option<String>,
    /// The wijken they work in (CBS codes).
    #[graphql(default)]
    pub wijk_codes: Vec<String>,
}

impl ContactPersonInput {
    fn into_service(self) -> ApiResult<ContactInput> {
        Ok(ContactInput {
            organisation_id: optional_id("input.organisationId", self.organisation_id.as_ref())?,
            name: self.name,
            function: self.function.into(),
            email: self.email,
            phone: self.phone,
            wijk_codes: self.wijk_codes,
        })
    }
}

#[derive(Default)]
pub struct ContactMutation;

#[Object]
impl ContactMutation {
    /// Adds a contact person (city editors; partner editors for their own organisation).
    async fn create_contact_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person.")] input: ContactPersonInput,
    ) -> GqlResult<ContactPerson> {
        let cx = request(ctx).begin_write()?;
        Ok(ContactPerson(
            service::create(&cx, input.into_service()?).await?,
        ))
    }

    /// Replaces a contact person's details. `expectedVersion` must be the version you read.
    async fn update_contact_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
        #[graphql(desc = "The person.")] input: ContactPersonInput,
    ) -> GqlResult<ContactPerson> {
        let cx = request(ctx).begin_write()?;
        let id = parse_id("id", &id)?;
        Ok(ContactPerson(
            service::update(&cx, id, expected_version, input.into_service()?).await?,
        ))
    }

    /// Removes a contact person for good.
    async fn delete_contact_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
    ) -> GqlResult<DeletedObject> {
        let cx = request(ctx).begin_write()?;
        let (id, version) = service::delete(&cx, parse_id("id", &id)?, expected_version).await?;
        Ok(DeletedObject::of(id, version))
    }
}
