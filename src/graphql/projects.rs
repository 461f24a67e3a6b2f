//! Projects and everything they hold: participants, budget, effect assessments, review,
//! continuation, links and evaluations. What a field may show is asked of the policy module.

use async_graphql::{Context, Enum, ID, InputObject, Lookahead, Object, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{ParticipantRole as StoredRole, project, project_participant};
use uuid::Uuid;

mod parts;
pub use parts::{
    BudgetLine, Continuation, EffectAssessment, Evaluation, LinkDirection, ProjectBudget,
    ProjectLink, ProjectParticipant, ProjectReview,
};

use crate::graphql::{
    enums::{Phase, Theme, Visibility},
    ids::{parse_id, to_id},
    organisations::{ContactPerson, Organisation, load_organisation},
    pipeline::connection::connection,
    pipeline::context::request,
    pipeline::error::GqlResult,
    pipeline::loaders::{
        AssessmentsOfProject, BudgetOfProject, ContactById, ContinuationOfProject, EffectById,
        EvaluationsOfProject, LinksOfProject, LoadError, MeetingPlaceById, ParticipantsOfProject,
        PlacesOfProject, ReadableProject, ReviewOfProject, ThemesOfProject, WijkenOfProject,
        feed_wijken_of_project, prime, prime_participants_with_organisations,
    },
    places::MeetingPlace,
    reference::Wijk,
    scalars::Date,
};
use crate::{
    auth::Principal,
    policy::{self, Action, FieldAccess, ObjectType, Target},
    service::{
        page::PageArgs,
        projects::{self as service, ProjectFilter},
    },
};

object_over_row!(
    /// A project of the neighbourhood approach.
    #[derive(Clone)]
    Project(project::Model)
);

impl Project {
    async fn participants_of(
        &self,
        ctx: &Context<'_>,
    ) -> GqlResult<Vec<project_participant::Model>> {
        Ok(request(ctx)
            .loader
            .load_one(ParticipantsOfProject(self.0.id))
            .await?
            .unwrap_or_default())
    }

    /// A policy answer about this project for the caller. When no role in the project could
    /// change the answer, the participants need no load.
    async fn decided<T: PartialEq>(
        &self,
        ctx: &Context<'_>,
        ask: impl Fn(Option<&Principal>, Target) -> T,
    ) -> GqlResult<T> {
        let caller = request(ctx).caller();
        let target = |participation| Target::Project {
            visibility: self.0.visibility,
            participation,
        };
        let without = ask(caller, target(None));
        let roles = [
            StoredRole::Lead,
            StoredRole::Contributor,
            StoredRole::Funder,
            StoredRole::Adviser,
        ];
        if roles
            .into_iter()
            .all(|role| ask(caller, target(Some(role))) == without)
        {
            return Ok(without);
        }
        Ok(ask(caller, target(self.participation(ctx).await?)))
    }

    /// The caller organisation's role in the project, if it takes part.
    async fn participation(&self, ctx: &Context<'_>) -> GqlResult<Option<StoredRole>> {
        Ok(match request(ctx).caller() {
            Some(caller) => self
                .participants_of(ctx)
                .await?
                .into_iter()
                .find(|p| p.organisation_id == caller.organisation_id)
                .map(|p| p.role),
            None => None,
        })
    }

    /// Whether the caller may do `action` to this project, by the policy module.
    async fn may(&self, ctx: &Context<'_>, action: Action) -> GqlResult<bool> {
        self.decided(ctx, |caller, target| {
            policy::decide(caller, action, target).allowed
        })
        .await
    }

    /// What the caller gets of one of this project's fields, by the policy's field rules.
    async fn access(&self, ctx: &Context<'_>, field: &str) -> GqlResult<FieldAccess> {
        self.decided(ctx, |caller, target| {
            policy::field_access(caller, ObjectType::Project, field, target)
        })
        .await
    }
}

/// A project of the neighbourhood approach.
#[Object]
impl Project {
    /// Stable identifier.
    pub(crate) async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What the project does and for whom.
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    /// Where the project is in its life.
    async fn phase(&self) -> Phase {
        self.0.phase.into()
    }
    /// Who may read the project.
    async fn visibility(&self) -> Visibility {
        self.0.visibility.into()
    }
    /// Policy themes.
    async fn themes(&self, ctx: &Context<'_>) -> GqlResult<Vec<Theme>> {
        let mut themes: Vec<Theme> = request(ctx)
            .loader
            .load_one(ThemesOfProject(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect();
        themes.sort();
        Ok(themes)
    }
    /// Who the project is for, in words (groups, never persons), e.g. `jongeren 12-18`.
    async fn target_groups(&self) -> Vec<String> {
        serde_json::from_value(self.0.target_groups.clone()).unwrap_or_default()
    }
    /// First day.
    async fn starts_on(&self) -> Option<Date> {
        self.0.starts_on.map(Date)
    }
    /// Last day.
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }
    /// The wijken the project runs in.
    async fn wijken(&self, ctx: &Context<'_>) -> GqlResult<Vec<Wijk>> {
        Ok(request(ctx)
            .loader
            .load_one(WijkenOfProject(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Wijk)
            .collect())
    }
    /// The meeting places the project uses.
    async fn meeting_places(&self, ctx: &Context<'_>) -> GqlResult<Vec<MeetingPlace>> {
        let loader = &request(ctx).loader;
        let ids = loader
            .load_one(PlacesOfProject(self.0.id))
            .await?
            .unwrap_or_default();
        let places = loader
            .load_many(ids.into_iter().map(MeetingPlaceById))
            .await?;
        let mut places: Vec<MeetingPlace> = places.into_values().map(MeetingPlace).collect();
        places.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        Ok(places)
    }
    /// The project's contact.
    async fn contact(&self, ctx: &Context<'_>) -> GqlResult<Option<ContactPerson>> {
        let Some(id) = self.0.contact_person_id else {
            return Ok(None);
        };
        if self.access(ctx, "contact").await? == FieldAccess::Hidden {
            return Ok(None);
        }
        Ok(request(ctx)
            .loader
            .load_one(ContactById(id))
            .await?
            .map(ContactPerson))
    }
    /// Notes for the city only; null for partners.
    async fn internal_notes(&self, ctx: &Context<'_>) -> GqlResult<Option<&str>> {
        Ok(
            if self.access(ctx, "internalNotes").await? == FieldAccess::Full {
                self.0.internal_notes.as_deref()
            } else {
                None
            },
        )
    }
    /// Optimistic-concurrency version: bumped by every change; updates must name it.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the project was registered.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When the project last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// The organisations taking part, with their roles.
    async fn participants(&self, ctx: &Context<'_>) -> GqlResult<Vec<ProjectParticipant>> {
        Ok(self
            .participants_of(ctx)
            .await?
            .into_iter()
            .map(ProjectParticipant)
            .collect())
    }
    /// The organisation leading the project.
    async fn lead(&self, ctx: &Context<'_>) -> GqlResult<Option<Organisation>> {
        let lead = self
            .participants_of(ctx)
            .await?
            .into_iter()
            .find(|p| p.role == StoredRole::Lead)
            .map(|p| p.organisation_id);
        load_organisation(ctx, lead).await
    }
    /// The budget; null unless you are the city or your organisation takes part.
    async fn budget(&self, ctx: &Context<'_>) -> GqlResult<Option<ProjectBudget>> {
        if self.access(ctx, "budget").await? != FieldAccess::Full {
            return Ok(None);
        }
        let lines = request(ctx)
            .loader
            .load_one(BudgetOfProject(self.0.id))
            .await?
            .unwrap_or_default();
        Ok(Some(ProjectBudget { lines }))
    }
    /// Expected and observed scores per effect.
    async fn effect_assessments(&self, ctx: &Context<'_>) -> GqlResult<Vec<EffectAssessment>> {
        Ok(request(ctx)
            .loader
            .load_one(AssessmentsOfProject(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(EffectAssessment)
            .collect())
    }
    /// The programme office's test; null when not reviewed yet, or unless you are the city or
    /// your organisation takes part.
    async fn review(&self, ctx: &Context<'_>) -> GqlResult<Option<ProjectReview>> {
        if self.access(ctx, "review").await? != FieldAccess::Full {
            return Ok(None);
        }
        Ok(request(ctx)
            .loader
            .load_one(ReviewOfProject(self.0.id))
            .await?
            .map(ProjectReview))
    }
    /// Who carries the project on after its end (borging); null when not arranged.
    async fn continuation(&self, ctx: &Context<'_>) -> GqlResult<Option<Continuation>> {
        Ok(request(ctx)
            .loader
            .load_one(ContinuationOfProject(self.0.id))
            .await?
            .map(Continuation))
    }
    /// Links to other projects you may read, in both directions.
    async fn links(&self, ctx: &Context<'_>) -> GqlResult<Vec<ProjectLink>> {
        // The other ends are checked by the read condition (the `ReadableProject` loader).
        if self.access(ctx, "links").await? != FieldAccess::ReadableProjects {
            return Ok(Vec::new());
        }
        let loader = &request(ctx).loader;
        let links = loader
            .load_one(LinksOfProject(self.0.id))
            .await?
            .unwrap_or_default();
        let others: Vec<ReadableProject> = links
            .iter()
            .map(|l| {
                ReadableProject(if l.from_project_id == self.0.id {
                    l.to_project_id
                } else {
                    l.from_project_id
                })
            })
            .collect();
        let readable = loader.load_many(others.iter().copied()).await?;
        Ok(links
            .into_iter()
            .zip(others)
            .filter_map(|(link, other)| {
                let project = readable.get(&other)?.clone();
                Some(ProjectLink {
                    kind: link.kind.into(),
                    direction: if link.from_project_id == self.0.id {
                        LinkDirection::Outgoing
                    } else {
                        LinkDirection::Incoming
                    },
                    project: Project(project),
                })
            })
            .collect())
    }
    /// What you may do to this project, by the same rules the mutations apply.
    async fn viewer_can(&self, ctx: &Context<'_>) -> GqlResult<ProjectViewerCan> {
        let update = self.may(ctx, Action::UpdateProject).await?;
        let manage = self.may(ctx, Action::ManageProject).await?;
        Ok(ProjectViewerCan {
            update,
            delete: manage,
            manage_participants: manage,
            manage_budget: manage,
            assess: manage,
            set_continuation: manage,
            link: manage,
            add_evaluation: self.may(ctx, Action::AddEvaluation).await?,
            review: self.may(ctx, Action::ReviewProject).await?,
        })
    }
    /// Who changed what and when, newest first.
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many entries to return (default 50, at most 500).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Return the entries after this cursor.")] after: Option<String>,
    ) -> GqlResult<crate::graphql::history::HistoryConnection> {
        let target = Target::Project {
            visibility: self.0.visibility,
            participation: self.participation(ctx).await?,
        };
        crate::graphql::history::load(ctx, ObjectType::Project, target, self.0.id, first, after)
            .await
    }
    /// Evaluations: the public ones, and all of them for the city and participants.
    async fn evaluations(&self, ctx: &Context<'_>) -> GqlResult<Vec<Evaluation>> {
        let all = match self.access(ctx, "evaluations").await? {
            FieldAccess::Full => true,
            FieldAccess::PublicItems => false,
            FieldAccess::ReadableProjects | FieldAccess::Hidden => return Ok(Vec::new()),
        };
        Ok(request(ctx)
            .loader
            .load_one(EvaluationsOfProject(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .filter(|e| all || e.is_public)
            .map(Evaluation)
            .collect())
    }
}

/// What the caller may do to a project: show exactly the buttons that will work.
#[derive(SimpleObject)]
pub struct ProjectViewerCan {
    /// `updateProject`.
    update: bool,
    /// `deleteProject`.
    delete: bool,
    /// `setProjectParticipant`, `removeProjectParticipant`.
    manage_participants: bool,
    /// `setBudgetLine`, `removeBudgetLine`.
    manage_budget: bool,
    /// `assessEffect`.
    assess: bool,
    /// `setContinuation`.
    set_continuation: bool,
    /// `linkProjects`, `unlinkProjects` (from this project).
    link: bool,
    /// `addEvaluation`.
    add_evaluation: bool,
    /// `reviewProject`.
    review: bool,
}

connection!(
    ProjectConnection,
    ProjectEdge,
    Project,
    project::Entity,
    "projects",
    prime = prime_projects
);

/// Loads, for a whole page at once, the relations the query selects, so the page costs one
/// statement per relation whatever its size and however the executor interleaves the nodes.
pub async fn prime_projects(
    ctx: &Context<'_>,
    selection: Lookahead<'_>,
    items: &[(String, project::Model)],
) -> GqlResult<()> {
    let loader = &request(ctx).loader;
    if items.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = items.iter().map(|(_, p)| p.id).collect();
    let wants = |field: &str| selection.field(field).exists();
    // `history` needs the caller's part in the project for the field rules of its entries.
    let needs_participants = [
        "participants",
        "lead",
        "budget",
        "review",
        "evaluations",
        "history",
    ]
    .iter()
    .any(|f| wants(f));
    let organisations = request(ctx).caller().is_some()
        && (wants("lead")
            || selection
                .field("participants")
                .field("organisation")
                .exists());
    let (_, _, places, ..) = tokio::try_join!(
        async {
            if organisations {
                prime_participants_with_organisations(loader, &ids).await?;
            } else if needs_participants {
                prime(loader, ids.iter().map(|i| ParticipantsOfProject(*i))).await?;
            }
            Ok::<_, LoadError>(())
        },
        async {
            if wants("wijken") {
                Ok(Some(
                    prime(loader, ids.iter().map(|i| WijkenOfProject(*i))).await?,
                ))
            } else {
                Ok::<_, LoadError>(None)
            }
        },
        async {
            if wants("meetingPlaces") {
                Ok(Some(
                    prime(loader, ids.iter().map(|i| PlacesOfProject(*i))).await?,
                ))
            } else {
                Ok::<_, LoadError>(None)
            }
        },
        async {
            if wants("themes") {
                prime(loader, ids.iter().map(|i| ThemesOfProject(*i))).await?;
            }
            Ok::<_, LoadError>(())
        },
        async {
            if wants("budget") {
                prime(loader, ids.iter().map(|i| BudgetOfProject(*i))).await?;
            }
            Ok::<_, LoadError>(())
        },
        async {
            if wants("effectAssessments") {
                let all = prime(loader, ids.iter().map(|i| AssessmentsOfProject(*i))).await?;
                if selection
                    .field("effectAssessments")
                    .field("effect")
                    .exists()
                {
                    let effects = all.values().flatten().map(|a| EffectById(a.effect_id));
                    prime(loader, effects).await?;
                }
            }
            Ok::<_, LoadError>(())
        },
        async {
            if wants("review") {
                prime(loader, ids.iter().map(|i| ReviewOfProject(*i))).await?;
            }
            if wants("continuation") {
                prime(loader, ids.iter().map(|i| ContinuationOfProject(*i))).await?;
            }
            if wants("evaluations") {
                prime(loader, ids.iter().map(|i| EvaluationsOfProject(*i))).await?;
            }
            Ok::<_, LoadError>(())
        },
    )?;
    if let Some(places) = places {
        // Their wijken come from the reference data in memory.
        prime(
            loader,
            places.values().flatten().map(|id| MeetingPlaceById(*id)),
        )
        .await?;
    }
    Ok(())
}

/// What to sort projects by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectOrderField {
    /// Last change (the order a sync job wants).
    #[default]
    UpdatedAt,
    /// Title, alphabetically.
    Title,
}

impl From<ProjectOrderField> for service::ProjectOrderField {
    fn from(field: ProjectOrderField) -> Self {
        match field {
            ProjectOrderField::UpdatedAt => service::ProjectOrderField::UpdatedAt,
            ProjectOrderField::Title => service::ProjectOrderField::Title,
        }
    }
}

/// Ascending or descending.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderDirection {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// The order of a project list.
#[derive(InputObject, Debug, Clone, Copy)]
pub struct ProjectOrder {
    /// What to sort by.
    pub field: ProjectOrderField,
    /// Which way.
    pub direction: OrderDirection,
}

impl Default for ProjectOrder {
    fn default() -> Self {
        Self {
            field: ProjectOrderField::UpdatedAt,
            direction: OrderDirection::Desc,
        }
    }
}

impl ProjectOrder {
    pub fn is_descending(&self) -> bool {
        self.direction == OrderDirection::Desc
    }
}

/// Narrows `projects`. All given conditions must hold.
#[derive(InputObject, Default)]
pub struct ProjectFilterInput {
    /// Only projects running in this wijk (CBS code).
    pub wijk_code: Option<String>,
    /// Only projects in this phase.
    pub phase: Option<Phase>,
    /// Only projects with this theme.
    pub theme: Option<Theme>,
    /// Only projects this organisation takes part in.
    pub organisation_id: Option<ID>,
    /// Only projects changed at or after this moment.
    pub updated_since: Option<DateTime<Utc>>,
    /// Only projects whose title or summary contains this text (case-insensitive).
    pub search: Option<String>,
}

#[derive(Default)]
pub struct ProjectQuery;

#[Object]
impl ProjectQuery {
    /// Projects you may read. Needs a signed-in caller.
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many to return (default 50, at most 500).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Narrow the list.")] filter: Option<ProjectFilterInput>,
        #[graphql(desc = "The order (default: most recently updated first).")] order_by: Option<
            ProjectOrder,
        >,
    ) -> GqlResult<ProjectConnection> {
        let req = request(ctx);
        let after_given = after.is_some();
        let page = PageArgs::new(first, after)?;
        let filter = filter.unwrap_or_default();
        let filter = ProjectFilter {
            wijk_code: filter.wijk_code,
            wijk_id: None,
            phase: filter.phase.map(Into::into),
            theme: filter.theme.map(Into::into),
            organisation_id: filter
                .organisation_id
                .as_ref()
                .map(|id| parse_id("filter.organisationId", id))
                .transpose()?,
            updated_since: filter.updated_since,
            search: filter.search,
        };
        let order = order_by.unwrap_or_default();
        let listing = service::list(
            &req.db,
            req.caller(),
            &filter,
            order.field.into(),
            order.is_descending(),
            &page,
        )
        .await?;
        Ok(ProjectConnection::new(listing, after_given))
    }

    /// One project by id; `NOT_FOUND` when it does not exist or you may not read it.
    async fn project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project's id.")] id: ID,
    ) -> GqlResult<Project> {
        let req = request(ctx);
        let id = parse_id("id", &id)?;
        let project = if ctx.look_ahead().field("wijken").exists() {
            let (project, wijken) = service::get_with_wijken(&req.db, req.caller(), id).await?;
            feed_wijken_of_project(&req.loader, project.id, wijken).await?;
            project
        } else {
            service::get(&req.db, req.caller(), id).await?
        };
        // The relations asked for load now, together, rather than one batch window each.
        prime_projects(ctx, ctx.look_ahead(), &[(String::new(), project.clone())]).await?;
        Ok(Project(project))
    }
}
