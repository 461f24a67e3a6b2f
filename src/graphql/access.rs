//! `explainAccess` (ADMIN only): the permission matrix, asked about a hypothetical caller.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};

use crate::graphql::{
    enums::Role, ids::parse_id, organisations::Organisation, pipeline::context::request,
    pipeline::error::GqlResult,
};
use crate::{
    policy::{self, Action},
    service::access,
};

macro_rules! access_action {
    ($($(#[doc = $doc:literal])* $variant:ident,)+) => {
        /// A row of the permission matrix.
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
        pub enum AccessAction {
            $($(#[doc = $doc])* $variant,)+
        }

        impl From<AccessAction> for Action {
            fn from(action: AccessAction) -> Self {
                match action {
                    $(AccessAction::$variant => Action::$variant,)+
                }
            }
        }
    };
}
// The API's names and descriptions of the actions are those of the policy's one list.
policy::with_actions!(access_action);

/// The answer of `explainAccess`.
#[derive(SimpleObject)]
pub struct AccessExplanation {
    /// Whether the action would be allowed.
    allowed: bool,
    /// The rule of the permission matrix that decides.
    rule: String,
    /// The organisation asked about.
    organisation: Organisation,
    /// The role asked about.
    role: Role,
    /// The action asked about.
    action: AccessAction,
}

#[derive(Default)]
pub struct AccessQuery;

#[Object]
impl AccessQuery {
    /// ADMIN only: would a caller of this organisation with this role be allowed this action
    /// (on this object), and by which rule?
    async fn explain_access(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The caller's organisation code, e.g. `haag-wonen`.")]
        organisation_code: String,
        #[graphql(desc = "The caller's role.")] role: Role,
        #[graphql(desc = "The action.")] action: AccessAction,
        #[graphql(desc = "The project, meeting place, contact person or signal acted on.")]
        object_id: Option<ID>,
    ) -> GqlResult<AccessExplanation> {
        let req = request(ctx);
        let object_id = object_id
            .as_ref()
            .map(|id| parse_id("objectId", id))
            .transpose()?;
        let explanation = access::explain(
            &req.db,
            req.caller(),
            &organisation_code,
            role.into(),
            action.into(),
            object_id,
        )
        .await?;
        Ok(AccessExplanation {
            allowed: explanation.decision.allowed,
            rule: explanation.decision.rule.to_owned(),
            organisation: explanation.organisation.into(),
            role,
            action,
        })
    }
}
