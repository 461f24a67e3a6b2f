//! Mutations on contact persons. Deletes are real: contact details are personal data.

use async_graphql::{Context, ID, InputObject, Object};

use crate::graphql::{
    enums::ContactFunction,
    ids::{parse_id, to_id},
    organisations::ContactPerson,
    pipeline::context::request,
    pipeline::error::GqlResult,
    project_mutations::DeletedObject,
};
use crate::{
    error::ApiResult,
    service::organisations::{self as service, ContactInput},
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
            organisation_id: self
                .organisation_id
                .as_ref()
                .map(|id| parse_id("input.organisationId", id))
                .transpose()?,
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
        let req = request(ctx);
        let writer = req.writer()?;
        Ok(ContactPerson(
            service::create_contact(&req.db, &req.gate, &writer, input.into_service()?).await?,
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
        let req = request(ctx);
        let writer = req.writer()?;
        let id = parse_id("id", &id)?;
        Ok(ContactPerson(
            service::update_contact(
                &req.db,
                &req.gate,
                &writer,
                id,
                expected_version,
                input.into_service()?,
            )
            .await?,
        ))
    }

    /// Removes a contact person for good.
    async fn delete_contact_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
    ) -> GqlResult<DeletedObject> {
        let req = request(ctx);
        let writer = req.writer()?;
        let (id, version) = service::delete_contact(
            &req.db,
            &req.gate,
            &writer,
            parse_id("id", &id)?,
            expected_version,
        )
        .await?;
        Ok(DeletedObject {
            id: to_id(id),
            version,
        })
    }
}
