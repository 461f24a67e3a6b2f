//! What a project holds, as the API shows it: participants, budget, effect assessments, review,
//! continuation, links and evaluations.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use entity::{
    budget_line, effect_assessment, evaluation, project_continuation, project_participant,
    project_review,
};

use super::Project;
use crate::graphql::{
    enums::{
        BudgetStatus, ContinuationStatus, EvaluationKind, FundingSource, LinkKind, ParticipantRole,
        ReviewDecision,
    },
    ids::to_id,
    organisations::{Organisation, load_organisation},
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::EffectById,
    reference::Effect,
    scalars::{Date, Euro},
};

/// An organisation taking part in a project.
pub struct ProjectParticipant(pub(crate) project_participant::Model);

/// An organisation taking part in a project.
#[Object]
impl ProjectParticipant {
    /// The organisation.
    async fn organisation(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, Some(self.0.organisation_id)).await
    }
    /// Its role in the project.
    async fn role(&self) -> ParticipantRole {
        self.0.role.into()
    }
    /// What it contributes.
    async fn contribution(&self) -> Option<&str> {
        self.0.contribution.as_deref()
    }
}

/// A project's budget.
pub struct ProjectBudget {
    pub(crate) lines: Vec<budget_line::Model>,
}

/// A project's budget.
#[Object]
impl ProjectBudget {
    /// Sum of all lines except rejected ones.
    async fn total(&self) -> Euro {
        Euro::from_cents(
            self.lines
                .iter()
                .filter(|l| l.status != entity::BudgetStatus::Rejected)
                .map(|l| l.amount_cents)
                .sum(),
        )
    }
    /// The budget lines, by year.
    async fn lines(&self) -> Vec<BudgetLine> {
        self.lines.iter().cloned().map(BudgetLine).collect()
    }
}

/// One line of a project's budget.
pub struct BudgetLine(pub(crate) budget_line::Model);

/// One line of a project's budget.
#[Object]
impl BudgetLine {
    /// Stable identifier.
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Budget year.
    async fn year(&self) -> i32 {
        self.0.year
    }
    /// Where the money comes from.
    async fn source(&self) -> FundingSource {
        self.0.source.into()
    }
    /// The organisation paying, when known.
    async fn funder(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, self.0.funder_organisation_id).await
    }
    /// The funding scheme, e.g. `Regio Deal Zuidwest`.
    async fn scheme(&self) -> Option<&str> {
        self.0.scheme.as_deref()
    }
    /// Amount in euros.
    async fn amount(&self) -> Euro {
        Euro::from_cents(self.0.amount_cents)
    }
    /// Where the money is in its cycle.
    async fn status(&self) -> BudgetStatus {
        self.0.status.into()
    }
}

/// A project's score on one effect (0 = none, 3 = strong).
pub struct EffectAssessment(pub(crate) effect_assessment::Model);

/// A project's score on one effect (0 = none, 3 = strong).
#[Object]
impl EffectAssessment {
    /// The effect.
    async fn effect(&self, ctx: &Context<'_>) -> GqlResult<Option<Effect>> {
        Ok(request(ctx)
            .loader
            .load_one(EffectById(self.0.effect_id))
            .await?
            .map(Effect))
    }
    /// The score expected at the start, 0–3.
    async fn expected_score(&self) -> i32 {
        self.0.expected_score.into()
    }
    /// The score observed so far, 0–3; null until observed.
    async fn observed_score(&self) -> Option<i32> {
        self.0.observed_score.map(Into::into)
    }
    /// What the scores rest on.
    async fn evidence(&self) -> Option<&str> {
        self.0.evidence.as_deref()
    }
    /// Who assessed.
    async fn assessed_by(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, self.0.assessed_by_organisation_id).await
    }
    /// When.
    async fn assessed_on(&self) -> Date {
        Date(self.0.assessed_on)
    }
}

/// The programme office's test of a project: coherence, cooperation, impact and continuation,
/// each 0–3, and a decision.
pub struct ProjectReview(pub(crate) project_review::Model);

/// The programme office's test of a project: coherence, cooperation, impact and continuation,
/// each 0–3, and a decision.
#[Object]
impl ProjectReview {
    /// Coherence with other initiatives, 0–3.
    async fn coherence(&self) -> i32 {
        self.0.coherence.into()
    }
    /// Cooperation between the parties, 0–3.
    async fn cooperation(&self) -> i32 {
        self.0.cooperation.into()
    }
    /// Expected impact, 0–3.
    async fn impact(&self) -> i32 {
        self.0.impact.into()
    }
    /// Chance of continuation after the money stops, 0–3.
    async fn continuation(&self) -> i32 {
        self.0.continuation.into()
    }
    /// The decision.
    async fn decision(&self) -> ReviewDecision {
        self.0.decision.into()
    }
    /// Why.
    async fn explanation(&self) -> &str {
        &self.0.explanation
    }
    /// When.
    async fn reviewed_on(&self) -> Date {
        Date(self.0.reviewed_on)
    }
    /// Who reviewed.
    async fn reviewed_by(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, self.0.reviewed_by_organisation_id).await
    }
}

/// How a project is carried on after its end (borging).
pub struct Continuation(pub(crate) project_continuation::Model);

/// How a project is carried on after its end (borging).
#[Object]
impl Continuation {
    /// Who carries it on.
    async fn carrier(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        load_organisation(ctx, self.0.carrier_organisation_id).await
    }
    /// With what money.
    async fn funding(&self) -> &str {
        &self.0.funding
    }
    /// How far it is arranged.
    async fn status(&self) -> ContinuationStatus {
        self.0.status.into()
    }
    /// Remarks.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

/// Whether a link starts at this project or at the other one.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkDirection {
    /// This project → the other (e.g. this project builds on the other).
    Outgoing,
    /// The other project → this one.
    Incoming,
}

/// A link to another project: coherence made visible.
#[derive(SimpleObject)]
pub struct ProjectLink {
    /// How the projects relate.
    pub(crate) kind: LinkKind,
    /// Which way the link points.
    pub(crate) direction: LinkDirection,
    /// The other project.
    pub(crate) project: Project,
}

/// An evaluation of a project.
pub struct Evaluation(pub(crate) evaluation::Model);

/// An evaluation of a project.
#[Object]
impl Evaluation {
    /// Stable identifier.
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Midterm, final or follow-up.
    async fn kind(&self) -> EvaluationKind {
        self.0.kind.into()
    }
    /// When.
    async fn evaluated_on(&self) -> Date {
        Date(self.0.evaluated_on)
    }
    /// What came out of it.
    async fn results(&self) -> &str {
        &self.0.results
    }
    /// How many residents took part (a count, never names).
    async fn participants_count(&self) -> Option<i32> {
        self.0.participants_count
    }
    /// How many activities were held.
    async fn activities_count(&self) -> Option<i32> {
        self.0.activities_count
    }
    /// What we learn for next time.
    async fn lessons_learned(&self) -> &str {
        &self.0.lessons_learned
    }
    /// Whether everyone who may read the project may read this evaluation.
    async fn is_public(&self) -> bool {
        self.0.is_public
    }
}
