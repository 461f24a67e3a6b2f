//! `explainAccess` (ADMIN only): the permission matrix, asked about a hypothetical caller.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};

use crate::graphql::{
    enums::Role, ids::parse_id, organisations::Organisation, pipeline::context::request,
    pipeline::error::GqlResult,
};
use crate::{policy::Action, service::access};

/// A row of the permission matrix.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessAction {
    /// Read stadsdelen, wijken, effects and meeting places.
    ReadReferenceData,
    /// Read organisations and contact persons.
    ReadOrganisations,
    /// Read a project.
    ReadProject,
    /// Read a project's budget.
    ReadProjectBudget,
    /// Read internal notes of projects and signals.
    ReadInternalNotes,
    /// Create a project.
    CreateProject,
    /// Update a project.
    UpdateProject,
    /// Delete a project, manage its participants, budget, effect assessments and continuation.
    ManageProject,
    /// Add an evaluation to a project.
    AddEvaluation,
    /// Read a project's review.
    ReadReview,
    /// Review a project (the programme office's test).
    ReviewProject,
    /// Read non-public evaluations.
    ReadNonPublicEvaluations,
    /// Create, update or delete a contact person.
    ManageContactPerson,
    /// Create, update or delete a meeting place.
    ManageMeetingPlace,
    /// Report a signal.
    ReportSignal,
    /// Read a signal.
    ReadSignal,
    /// Read signal statistics.
    ReadSignalStatistics,
    /// Change a signal's status (triage, escalate).
    ChangeSignalStatus,
    /// Manage organisations and API clients.
    ManageOrganisations,
}

impl From<AccessAction> for Action {
    fn from(action: AccessAction) -> Self {
        match action {
            AccessAction::ReadReferenceData => Action::ReadReferenceData,
            AccessAction::ReadOrganisations => Action::ReadOrganisations,
            AccessAction::ReadProject => Action::ReadProject,
            AccessAction::ReadProjectBudget => Action::ReadProjectBudget,
            AccessAction::ReadInternalNotes => Action::ReadInternalNotes,
            AccessAction::CreateProject => Action::CreateProject,
            AccessAction::UpdateProject => Action::UpdateProject,
            AccessAction::ManageProject => Action::ManageProject,
            AccessAction::AddEvaluation => Action::AddEvaluation,
            AccessAction::ReadReview => Action::ReadReview,
            AccessAction::ReviewProject => Action::ReviewProject,
            AccessAction::ReadNonPublicEvaluations => Action::ReadNonPublicEvaluations,
            AccessAction::ManageContactPerson => Action::ManageContactPerson,
            AccessAction::ManageMeetingPlace => Action::ManageMeetingPlace,
            AccessAction::ReportSignal => Action::ReportSignal,
            AccessAction::ReadSignal => Action::ReadSignal,
            AccessAction::ReadSignalStatistics => Action::ReadSignalStatistics,
            AccessAction::ChangeSignalStatus => Action::ChangeSignalStatus,
            AccessAction::ManageOrganisations => Action::ManageOrganisations,
        }
    }
}

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
