//! Mutations on projects and what they hold. Thin: input → service → the changed project.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::graphql::{
    enums::{
        BudgetStatus, ContinuationStatus, EvaluationKind, FundingSource, LinkKind, ParticipantRole,
        Phase, ReviewDecision, Theme, Visibility,
    },
    ids::{parse_id, to_id},
    pipeline::context::request,
    pipeline::error::GqlResult,
    projects::Project,
    scalars::{Date, Euro},
};
use crate::{
    error::ApiResult,
    service::projects::{
        budget::{self, BudgetLineInput},
        continuation::{self, ContinuationInput},
        evaluations::{self, EvaluationInput},
        links,
        participants::{self, ParticipantInput},
        review::{self, AssessmentInput, ReviewInput},
        write::{self, NewProject, ProjectFields, ProjectPatch},
    },
};

/// A new project. A partner's own organisation becomes its LEAD.
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// Title, 1–200 characters.
    pub title: String,
    /// What the project does and for whom, at most 5,000 characters.
    pub summary: String,
    /// CBS codes of the wijken it runs in (at least one).
    pub wijk_codes: Vec<String>,
    /// Policy themes (at least one).
    pub themes: Vec<Theme>,
    /// Who may read it.
    #[graphql(default_with = "Visibility::Shared")]
    pub visibility: Visibility,
    /// IDEA (default) or INTAKE.
    pub phase: Option<Phase>,
    /// Who it is for, in words (groups, never persons).
    #[graphql(default)]
    pub target_groups: Vec<String>,
    /// First day.
    pub starts_on: Option<Date>,
    /// Last day; not before `startsOn`.
    pub ends_on: Option<Date>,
    /// Meeting places it uses.
    #[graphql(default)]
    pub meeting_place_ids: Vec<ID>,
    /// Its contact person.
    pub contact_person_id: Option<ID>,
    /// Notes for the city only (city callers only).
    pub internal_notes: Option<String>,
    /// The leading organisation (city callers only; default: your own).
    pub lead_organisation_id: Option<ID>,
}

/// Changes to a project: fields left out stay as they are; `null` clears a clearable field.
#[derive(InputObject, Default)]
pub struct UpdateProjectInput {
    /// New title.
    pub title: Option<String>,
    /// New summary.
    pub summary: Option<String>,
    /// New phase, by the allowed moves (only the city moves to REVIEWED or APPROVED).
    pub phase: Option<Phase>,
    /// New visibility.
    pub visibility: Option<Visibility>,
    /// The wijken, replacing the current list.
    pub wijk_codes: Option<Vec<String>>,
    /// The themes, replacing the current list.
    pub themes: Option<Vec<Theme>>,
    /// The target groups, replacing the current list.
    pub target_groups: Option<Vec<String>>,
    /// First day (`null` clears it).
    pub starts_on: MaybeUndefined<Date>,
    /// Last day (`null` clears it).
    pub ends_on: MaybeUndefined<Date>,
    /// The meeting places, replacing the current list.
    pub meeting_place_ids: Option<Vec<ID>>,
    /// The contact person (`null` clears it).
    pub contact_person_id: MaybeUndefined<ID>,
    /// Notes for the city only (city callers only; `null` clears them).
    pub internal_notes: MaybeUndefined<String>,
}

/// A field of a patch: left out (`None`), cleared (`Some(None)`) or set (`Some(Some(…))`).
pub(crate) fn patch<T, U>(
    value: MaybeUndefined<T>,
    f: impl FnOnce(T) -> ApiResult<U>,
) -> ApiResult<Option<Option<U>>> {
    Ok(match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(f(v)?)),
    })
}

/// An optional id of an input; `field` names it in the error.
pub(crate) fn optional_id(field: &str, id: Option<&ID>) -> ApiResult<Option<Uuid>> {
    id.map(|id| parse_id(field, id)).transpose()
}

fn ids(field: &str, ids: &[ID]) -> ApiResult<Vec<Uuid>> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| parse_id(&format!("{field}.{i}"), id))
        .collect()
}

fn date(d: Date) -> NaiveDate {
    d.0
}

impl CreateProjectInput {
    fn into_service(self) -> ApiResult<NewProject> {
        Ok(NewProject {
            fields: ProjectFields {
                title: self.title,
                summary: self.summary,
                wijk_codes: self.wijk_codes,
                themes: self.themes.into_iter().map(Into::into).collect(),
                visibility: self.visibility.into(),
                phase: self.phase.map(Into::into),
                target_groups: self.target_groups,
                starts_on: self.starts_on.map(date),
                ends_on: self.ends_on.map(date),
            },
            meeting_place_ids: ids("input.meetingPlaceIds", &self.meeting_place_ids)?,
            contact_person_id: optional_id(
                "input.contactPersonId",
                self.contact_person_id.as_ref(),
            )?,
            internal_notes: self.internal_notes,
            lead_organisation_id: optional_id(
                "input.leadOrganisationId",
                self.lead_organisation_id.as_ref(),
            )?,
        })
    }
}

impl UpdateProjectInput {
    fn into_service(self) -> ApiResult<ProjectPatch> {
        Ok(ProjectPatch {
            title: self.title,
            summary: self.summary,
            phase: self.phase.map(Into::into),
            visibility: self.visibility.map(Into::into),
            wijk_codes: self.wijk_codes,
            themes: self.themes.map(|t| t.into_iter().map(Into::into).collect()),
            target_groups: self.target_groups,
            starts_on: patch(self.starts_on, |d| Ok(date(d)))?,
            ends_on: patch(self.ends_on, |d| Ok(date(d)))?,
            meeting_place_ids: self
                .meeting_place_ids
                .as_deref()
                .map(|v| ids("input.meetingPlaceIds", v))
                .transpose()?,
            contact_person_id: patch(self.contact_person_id, |id| {
                parse_id("input.contactPersonId", &id)
            })?,
            internal_notes: patch(self.internal_notes, Ok)?,
        })
    }
}

/// What is left of a deleted object: its id and final version.
#[derive(SimpleObject)]
pub struct DeletedObject {
    /// The id of the deleted object.
    pub id: ID,
    /// Its version after the delete.
    pub version: i32,
}

impl DeletedObject {
    pub fn of(id: Uuid, version: i32) -> Self {
        Self {
            id: to_id(id),
            version,
        }
    }
}

/// A line of a project's budget, as set by `setBudgetLine`.
#[derive(InputObject)]
#[graphql(name = "BudgetLineInput")]
pub struct BudgetLineFields {
    /// Budget year, 2000–2100.
    pub year: i32,
    /// Where the money comes from.
    pub source: FundingSource,
    /// The organisation paying.
    pub funder_organisation_id: Option<ID>,
    /// The funding scheme, e.g. `Regio Deal Zuidwest`.
    pub scheme: Option<String>,
    /// Amount in euros.
    pub amount: Euro,
    /// Where the money is in its cycle.
    pub status: BudgetStatus,
}

/// A project's scores on one effect (0 = none, 3 = strong).
#[derive(InputObject)]
pub struct AssessEffectInput {
    /// The effect's code, e.g. `SOCIAL_COHESION`.
    pub effect_code: String,
    /// Expected score, 0–3.
    pub expected_score: i32,
    /// Observed score so far, 0–3.
    pub observed_score: Option<i32>,
    /// What the scores rest on.
    pub evidence: Option<String>,
}

/// The programme office's test of a project.
#[derive(InputObject)]
pub struct ReviewProjectInput {
    /// Coherence with other initiatives, 0–3.
    pub coherence: i32,
    /// Cooperation between the parties, 0–3.
    pub cooperation: i32,
    /// Expected impact, 0–3.
    pub impact: i32,
    /// Chance of continuation after the money stops, 0–3.
    pub continuation: i32,
    /// The decision.
    pub decision: ReviewDecision,
    /// Why.
    pub explanation: String,
}

/// Who carries a project on after its end.
#[derive(InputObject)]
#[graphql(name = "ContinuationInput")]
pub struct ContinuationFields {
    /// The organisation that carries it on.
    pub carrier_organisation_id: Option<ID>,
    /// With what money.
    pub funding: String,
    /// How far it is arranged.
    pub status: ContinuationStatus,
    /// Remarks.
    pub note: Option<String>,
}

/// An evaluation of a project.
#[derive(InputObject)]
#[graphql(name = "EvaluationInput")]
pub struct EvaluationFields {
    /// Midterm, final or follow-up.
    pub kind: EvaluationKind,
    /// When.
    pub evaluated_on: Date,
    /// What came out of it.
    pub results: String,
    /// How many residents took part (a count).
    pub participants_count: Option<i32>,
    /// How many activities were held.
    pub activities_count: Option<i32>,
    /// What we learn for next time.
    pub lessons_learned: String,
    /// Whether everyone who may read the project may read it.
    #[graphql(default)]
    pub is_public: bool,
}

impl BudgetLineFields {
    fn into_service(self) -> ApiResult<BudgetLineInput> {
        Ok(BudgetLineInput {
            year: self.year,
            source: self.source.into(),
            funder_organisation_id: optional_id(
                "input.funderOrganisationId",
                self.funder_organisation_id.as_ref(),
            )?,
            scheme: self.scheme,
            amount_cents: self.amount.0,
            status: self.status.into(),
        })
    }
}

impl AssessEffectInput {
    fn into_service(self) -> AssessmentInput {
        AssessmentInput {
            effect_code: self.effect_code,
            expected_score: self.expected_score,
            observed_score: self.observed_score,
            evidence: self.evidence,
        }
    }
}

impl ReviewProjectInput {
    fn into_service(self) -> ReviewInput {
        ReviewInput {
            coherence: self.coherence,
            cooperation: self.cooperation,
            impact: self.impact,
            continuation: self.continuation,
            decision: self.decision.into(),
            explanation: self.explanation,
        }
    }
}

impl ContinuationFields {
    fn into_service(self) -> ApiResult<ContinuationInput> {
        Ok(ContinuationInput {
            carrier_organisation_id: optional_id(
                "input.carrierOrganisationId",
                self.carrier_organisation_id.as_ref(),
            )?,
            funding: self.funding,
            status: self.status.into(),
            note: self.note,
        })
    }
}

impl EvaluationFields {
    fn into_service(self) -> EvaluationInput {
        EvaluationInput {
            kind: self.kind.into(),
            evaluated_on: date(self.evaluated_on),
            results: self.results,
            participants_count: self.participants_count,
            activities_count: self.activities_count,
            lessons_learned: self.lessons_learned,
            is_public: self.is_public,
        }
    }
}

#[derive(Default)]
pub struct ProjectMutation;

#[Object]
impl ProjectMutation {
    /// Registers a project. Editors only; a partner's organisation becomes its LEAD.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project.")] input: CreateProjectInput,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        Ok(Project(write::create(&cx, input.into_service()?).await?))
    }

    /// Changes a project. `expectedVersion` must be the version you read; otherwise `CONFLICT`.
    async fn update_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
        #[graphql(desc = "The changes.")] input: UpdateProjectInput,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let id = parse_id("id", &id)?;
        Ok(Project(
            write::update(&cx, id, expected_version, input.into_service()?).await?,
        ))
    }

    /// Deletes a project (softly: readers stop seeing it; sync jobs are told). LEAD or city.
    async fn delete_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] id: ID,
        #[graphql(desc = "The version you read.")] expected_version: i32,
    ) -> GqlResult<DeletedObject> {
        let cx = request(ctx).begin_write()?;
        let deleted = write::delete(&cx, parse_id("id", &id)?, expected_version).await?;
        Ok(DeletedObject::of(deleted.id, deleted.version))
    }

    /// Adds an organisation to a project or changes its role. Making another organisation LEAD
    /// hands the lead over: the former lead stays on as CONTRIBUTOR.
    async fn set_project_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The organisation's id.")] organisation_id: ID,
        #[graphql(desc = "Its role.")] role: ParticipantRole,
        #[graphql(desc = "What it contributes.")] contribution: Option<String>,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let project_id = parse_id("projectId", &project_id)?;
        let input = ParticipantInput {
            organisation_id: parse_id("organisationId", &organisation_id)?,
            role: role.into(),
            contribution,
        };
        Ok(Project(
            participants::set_participant(&cx, project_id, expected_version, input).await?,
        ))
    }

    /// Removes an organisation from a project (not the LEAD).
    async fn remove_project_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The organisation's id.")] organisation_id: ID,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let project_id = parse_id("projectId", &project_id)?;
        let organisation_id = parse_id("organisationId", &organisation_id)?;
        Ok(Project(
            participants::remove_participant(&cx, project_id, expected_version, organisation_id)
                .await?,
        ))
    }

    /// Adds a budget line, or changes the one with `id`.
    async fn set_budget_line(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The line to change; leave out to add one.")] id: Option<ID>,
        #[graphql(desc = "The line.")] input: BudgetLineFields,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let line = input.into_service()?;
        let line_id = optional_id("id", id.as_ref())?;
        let project_id = parse_id("projectId", &project_id)?;
        let (project, _) =
            budget::set_budget_line(&cx, project_id, expected_version, line_id, line).await?;
        Ok(Project(project))
    }

    /// Removes a budget line.
    async fn remove_budget_line(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The line's id.")] id: ID,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let id = parse_id("id", &id)?;
        Ok(Project(
            budget::remove_budget_line(&cx, id, expected_version).await?,
        ))
    }

    /// Sets a project's expected (and observed) score on one effect.
    async fn assess_effect(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The scores.")] input: AssessEffectInput,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let project_id = parse_id("projectId", &project_id)?;
        Ok(Project(
            review::assess_effect(&cx, project_id, expected_version, input.into_service()).await?,
        ))
    }

    /// Links a project to another one.
    async fn link_projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project the link starts at (you manage it).")] from_project_id: ID,
        #[graphql(desc = "The other project.")] to_project_id: ID,
        #[graphql(desc = "How they relate.")] kind: LinkKind,
        #[graphql(
            desc = "The version of the first project you read; when given, a stale one is a CONFLICT."
        )]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let from = parse_id("fromProjectId", &from_project_id)?;
        let to = parse_id("toProjectId", &to_project_id)?;
        Ok(Project(
            links::link_projects(&cx, from, to, kind.into(), expected_version).await?,
        ))
    }

    /// Removes a link between projects.
    async fn unlink_projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project the link starts at.")] from_project_id: ID,
        #[graphql(desc = "The other project.")] to_project_id: ID,
        #[graphql(
            desc = "The version of the first project you read; when given, a stale one is a CONFLICT."
        )]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let from = parse_id("fromProjectId", &from_project_id)?;
        let to = parse_id("toProjectId", &to_project_id)?;
        Ok(Project(
            links::unlink_projects(&cx, from, to, expected_version).await?,
        ))
    }

    /// The programme office's test of a project (city editors and ADMIN).
    async fn review_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The review.")] input: ReviewProjectInput,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let project_id = parse_id("projectId", &project_id)?;
        Ok(Project(
            review::review(&cx, project_id, expected_version, input.into_service()).await?,
        ))
    }

    /// Sets who carries a project on after its end (borging).
    async fn set_continuation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The continuation.")] input: ContinuationFields,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let continuation = input.into_service()?;
        let project_id = parse_id("projectId", &project_id)?;
        Ok(Project(
            continuation::set_continuation(&cx, project_id, expected_version, continuation).await?,
        ))
    }

    /// Adds an evaluation to a project (participants and the city).
    async fn add_evaluation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] project_id: ID,
        #[graphql(desc = "The evaluation.")] input: EvaluationFields,
        #[graphql(desc = "The project version you read; when given, a stale one is a CONFLICT.")]
        expected_version: Option<i32>,
    ) -> GqlResult<Project> {
        let cx = request(ctx).begin_write()?;
        let project_id = parse_id("projectId", &project_id)?;
        let (project, _) =
            evaluations::add_evaluation(&cx, project_id, expected_version, input.into_service())
                .await?;
        Ok(Project(project))
    }
}
