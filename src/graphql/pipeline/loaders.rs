//! Batched loads for nested fields, so a page of N objects costs a fixed number of statements.
//! Each key type names one relation; the value is what that relation holds.

use std::{collections::HashMap, hash::Hash, sync::Arc};

use async_graphql::dataloader::Loader;
use entity::{
    Theme, budget_line, contact_person, contact_person_wijk, effect, effect_assessment, evaluation,
    focus_area_wijk, meeting_place, organisation, project, project_continuation, project_link,
    project_meeting_place, project_participant, project_review, project_theme, project_wijk,
    signal_project, stadsdeel, wijk,
};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{auth::Principal, error::ApiError, policy, service::reference::ReferenceCache};

/// The request's loader: batched, and cached for the request.
pub type RequestLoader =
    async_graphql::dataloader::DataLoader<Loaders, async_graphql::dataloader::HashMapCache>;

pub struct Loaders {
    db: DatabaseConnection,
    caller: Option<Principal>,
    reference: Arc<ReferenceCache>,
}

impl Loaders {
    pub fn new(
        db: DatabaseConnection,
        caller: Option<Principal>,
        reference: Arc<ReferenceCache>,
    ) -> Self {
        Self {
            db,
            caller,
            reference,
        }
    }
}

/// Loads a relation for keys known all at once (a page's), without the batching delay a
/// field-by-field load waits for, and keeps the result in the request's cache, where the fields
/// that ask next find it.
pub async fn prime<K, V>(
    loader: &RequestLoader,
    keys: impl IntoIterator<Item = K>,
) -> Result<HashMap<K, V>, LoadError>
where
    Loaders: Loader<K, Value = V, Error = LoadError>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
{
    let mut keys: Vec<K> = keys.into_iter().collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let values = loader.loader().load(&keys).await?;
    loader
        .feed_many(values.iter().map(|(k, v)| (k.clone(), v.clone())))
        .await;
    Ok(values)
}

#[derive(Debug, Clone)]
pub struct LoadError(pub Arc<DbErr>);

impl From<DbErr> for LoadError {
    fn from(error: DbErr) -> Self {
        Self(Arc::new(error))
    }
}

impl From<LoadError> for ApiError {
    fn from(error: LoadError) -> Self {
        ApiError::Shared(error.0)
    }
}

type Loaded<K, V> = Result<HashMap<K, V>, LoadError>;

fn ids<K: Copy + Into<Uuid>>(keys: &[K]) -> Vec<Uuid> {
    keys.iter().map(|k| (*k).into()).collect()
}

fn by_id<K: Hash + Eq, M>(rows: Vec<M>, key: impl Fn(&M) -> K) -> HashMap<K, M> {
    rows.into_iter().map(|row| (key(&row), row)).collect()
}

/// Groups rows under their key; every asked key gets an entry, empty when nothing matched.
fn grouped<K: Hash + Eq + Copy, M>(
    keys: &[K],
    rows: Vec<M>,
    key: impl Fn(&M) -> K,
) -> HashMap<K, Vec<M>> {
    let mut map: HashMap<K, Vec<M>> = keys.iter().map(|k| (*k, Vec::new())).collect();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

macro_rules! key {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub Uuid);

        impl From<$name> for Uuid {
            fn from(key: $name) -> Uuid {
                key.0
            }
        }
    };
}

key!(StadsdeelById);
key!(WijkById);
key!(OrganisationById);
key!(ContactById);
key!(EffectById);
key!(MeetingPlaceById);
key!(
    /// A project, only if the caller may read it.
    ReadableProject
);
key!(WijkenOfProject);
key!(WijkenOfFocusArea);
key!(WijkenOfContact);
key!(ThemesOfProject);
key!(ParticipantsOfProject);
key!(PlacesOfProject);
key!(BudgetOfProject);
key!(AssessmentsOfProject);
key!(ReviewOfProject);
key!(ContinuationOfProject);
key!(EvaluationsOfProject);
key!(LinksOfProject);
key!(ProjectsOfSignal);
key!(ProjectsOfPlace);
key!(ContactsOfOrganisation);
key!(ChildrenOfOrganisation);

impl Loader<StadsdeelById> for Loaders {
    type Value = stadsdeel::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[StadsdeelById]) -> Loaded<StadsdeelById, Self::Value> {
        let rows = self.reference.stadsdelen(&self.db, &ids(keys)).await?;
        Ok(by_id(rows, |r| StadsdeelById(r.id)))
    }
}

impl Loader<WijkById> for Loaders {
    type Value = wijk::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[WijkById]) -> Loaded<WijkById, Self::Value> {
        let rows = self.reference.wijken(&self.db, &ids(keys)).await?;
        Ok(by_id(rows, |r| WijkById(r.id)))
    }
}

impl Loader<OrganisationById> for Loaders {
    type Value = organisation::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[OrganisationById]) -> Loaded<OrganisationById, Self::Value> {
        let rows = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(ids(keys)))
            .filter(organisation::Entity::is_live())
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| OrganisationById(r.id)))
    }
}

impl Loader<ContactById> for Loaders {
    type Value = contact_person::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[ContactById]) -> Loaded<ContactById, Self::Value> {
        let rows = contact_person::Entity::find()
            .filter(contact_person::Column::Id.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| ContactById(r.id)))
    }
}

impl Loader<EffectById> for Loaders {
    type Value = effect::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[EffectById]) -> Loaded<EffectById, Self::Value> {
        let rows = effect::Entity::find()
            .filter(effect::Column::Id.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| EffectById(r.id)))
    }
}

impl Loader<MeetingPlaceById> for Loaders {
    type Value = meeting_place::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[MeetingPlaceById]) -> Loaded<MeetingPlaceById, Self::Value> {
        let rows = meeting_place::Entity::find()
            .filter(meeting_place::Column::Id.is_in(ids(keys)))
            .filter(meeting_place::Entity::is_live())
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| MeetingPlaceById(r.id)))
    }
}

impl Loader<ReadableProject> for Loaders {
    type Value = project::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[ReadableProject]) -> Loaded<ReadableProject, Self::Value> {
        // Anonymous callers read no project at all.
        let Ok(readable) = policy::project_read_condition(self.caller.as_ref()) else {
            return Ok(HashMap::new());
        };
        let rows = project::Entity::find()
            .filter(project::Column::Id.is_in(ids(keys)))
            .filter(readable)
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| ReadableProject(r.id)))
    }
}

/// Loads the `wijk` rows behind a link table, grouped by the link's owner.
async fn wijken_via<K: Hash + Eq + Copy>(
    loaders: &Loaders,
    keys: &[K],
    links: Vec<(Uuid, Uuid)>,
    wrap: impl Fn(Uuid) -> K,
) -> Loaded<K, Vec<wijk::Model>> {
    let mut wijk_ids: Vec<Uuid> = links.iter().map(|(_, w)| *w).collect();
    wijk_ids.sort_unstable();
    wijk_ids.dedup();
    let wijken = by_id(
        loaders.reference.wijken(&loaders.db, &wijk_ids).await?,
        |w| w.id,
    );
    let mut map: HashMap<K, Vec<wijk::Model>> = keys.iter().map(|k| (*k, Vec::new())).collect();
    for (owner, wijk_id) in links {
        if let Some(w) = wijken.get(&wijk_id) {
            map.entry(wrap(owner)).or_default().push(w.clone());
        }
    }
    for list in map.values_mut() {
        list.sort_by(|a, b| a.code.cmp(&b.code));
    }
    Ok(map)
}

impl Loader<WijkenOfProject> for Loaders {
    type Value = Vec<wijk::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[WijkenOfProject]) -> Loaded<WijkenOfProject, Self::Value> {
        let links = project_wijk::Entity::find()
            .filter(project_wijk::Column::ProjectId.is_in(ids(keys)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| (l.project_id, l.wijk_id))
            .collect();
        wijken_via(self, keys, links, WijkenOfProject).await
    }
}

impl Loader<WijkenOfFocusArea> for Loaders {
    type Value = Vec<wijk::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[WijkenOfFocusArea]) -> Loaded<WijkenOfFocusArea, Self::Value> {
        let links = focus_area_wijk::Entity::find()
            .filter(focus_area_wijk::Column::FocusAreaId.is_in(ids(keys)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| (l.focus_area_id, l.wijk_id))
            .collect();
        wijken_via(self, keys, links, WijkenOfFocusArea).await
    }
}

impl Loader<WijkenOfContact> for Loaders {
    type Value = Vec<wijk::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[WijkenOfContact]) -> Loaded<WijkenOfContact, Self::Value> {
        let links = contact_person_wijk::Entity::find()
            .filter(contact_person_wijk::Column::ContactPersonId.is_in(ids(keys)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| (l.contact_person_id, l.wijk_id))
            .collect();
        wijken_via(self, keys, links, WijkenOfContact).await
    }
}

impl Loader<ThemesOfProject> for Loaders {
    type Value = Vec<Theme>;
    type Error = LoadError;

    async fn load(&self, keys: &[ThemesOfProject]) -> Loaded<ThemesOfProject, Self::Value> {
        let rows = project_theme::Entity::find()
            .filter(project_theme::Column::ProjectId.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        let groups = grouped(keys, rows, |r| ThemesOfProject(r.project_id));
        Ok(groups
            .into_iter()
            .map(|(k, rows)| (k, rows.into_iter().map(|r| r.theme).collect()))
            .collect())
    }
}

impl Loader<ParticipantsOfProject> for Loaders {
    type Value = Vec<project_participant::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ParticipantsOfProject],
    ) -> Loaded<ParticipantsOfProject, Self::Value> {
        let rows = project_participant::Entity::find()
            .filter(project_participant::Column::ProjectId.is_in(ids(keys)))
            .order_by_asc(project_participant::Column::CreatedAt)
            .order_by_asc(project_participant::Column::OrganisationId)
            .all(&self.db)
            .await?;
        Ok(grouped(keys, rows, |r| ParticipantsOfProject(r.project_id)))
    }
}

impl Loader<PlacesOfProject> for Loaders {
    type Value = Vec<Uuid>;
    type Error = LoadError;

    async fn load(&self, keys: &[PlacesOfProject]) -> Loaded<PlacesOfProject, Self::Value> {
        let rows = project_meeting_place::Entity::find()
            .filter(project_meeting_place::Column::ProjectId.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        let groups = grouped(keys, rows, |r| PlacesOfProject(r.project_id));
        Ok(groups
            .into_iter()
            .map(|(k, rows)| (k, rows.into_iter().map(|r| r.meeting_place_id).collect()))
            .collect())
    }
}

impl Loader<BudgetOfProject> for Loaders {
    type Value = Vec<budget_line::Model>;
    type Error = LoadError;

    async fn load(&self, keys: &[BudgetOfProject]) -> Loaded<BudgetOfProject, Self::Value> {
        let rows = budget_line::Entity::find()
            .filter(budget_line::Column::ProjectId.is_in(ids(keys)))
            .order_by_asc(budget_line::Column::Year)
            .order_by_asc(budget_line::Column::Id)
            .all(&self.db)
            .await?;
        Ok(grouped(keys, rows, |r| BudgetOfProject(r.project_id)))
    }
}

impl Loader<AssessmentsOfProject> for Loaders {
    type Value = Vec<effect_assessment::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[AssessmentsOfProject],
    ) -> Loaded<AssessmentsOfProject, Self::Value> {
        let rows = effect_assessment::Entity::find()
            .filter(effect_assessment::Column::ProjectId.is_in(ids(keys)))
            .order_by_asc(effect_assessment::Column::EffectId)
            .all(&self.db)
            .await?;
        Ok(grouped(keys, rows, |r| AssessmentsOfProject(r.project_id)))
    }
}

impl Loader<ReviewOfProject> for Loaders {
    type Value = project_review::Model;
    type Error = LoadError;

    async fn load(&self, keys: &[ReviewOfProject]) -> Loaded<ReviewOfProject, Self::Value> {
        let rows = project_review::Entity::find()
            .filter(project_review::Column::ProjectId.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| ReviewOfProject(r.project_id)))
    }
}

impl Loader<ContinuationOfProject> for Loaders {
    type Value = project_continuation::Model;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ContinuationOfProject],
    ) -> Loaded<ContinuationOfProject, Self::Value> {
        let rows = project_continuation::Entity::find()
            .filter(project_continuation::Column::ProjectId.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        Ok(by_id(rows, |r| ContinuationOfProject(r.project_id)))
    }
}

impl Loader<EvaluationsOfProject> for Loaders {
    type Value = Vec<evaluation::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[EvaluationsOfProject],
    ) -> Loaded<EvaluationsOfProject, Self::Value> {
        let rows = evaluation::Entity::find()
            .filter(evaluation::Column::ProjectId.is_in(ids(keys)))
            .order_by_asc(evaluation::Column::EvaluatedOn)
            .order_by_asc(evaluation::Column::Id)
            .all(&self.db)
            .await?;
        Ok(grouped(keys, rows, |r| EvaluationsOfProject(r.project_id)))
    }
}

impl Loader<LinksOfProject> for Loaders {
    type Value = Vec<project_link::Model>;
    type Error = LoadError;

    /// Links in both directions: a link belongs to both of its projects.
    async fn load(&self, keys: &[LinksOfProject]) -> Loaded<LinksOfProject, Self::Value> {
        let wanted = ids(keys);
        let rows = project_link::Entity::find()
            .filter(
                Condition::any()
                    .add(project_link::Column::FromProjectId.is_in(wanted.clone()))
                    .add(project_link::Column::ToProjectId.is_in(wanted)),
            )
            .order_by_asc(project_link::Column::CreatedAt)
            .all(&self.db)
            .await?;
        let mut map: HashMap<LinksOfProject, Vec<project_link::Model>> =
            keys.iter().map(|k| (*k, Vec::new())).collect();
        for link in rows {
            for end in [link.from_project_id, link.to_project_id] {
                if let Some(list) = map.get_mut(&LinksOfProject(end)) {
                    list.push(link.clone());
                }
            }
        }
        Ok(map)
    }
}

impl Loader<ProjectsOfSignal> for Loaders {
    type Value = Vec<Uuid>;
    type Error = LoadError;

    async fn load(&self, keys: &[ProjectsOfSignal]) -> Loaded<ProjectsOfSignal, Self::Value> {
        let rows = signal_project::Entity::find()
            .filter(signal_project::Column::SignalId.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        let groups = grouped(keys, rows, |r| ProjectsOfSignal(r.signal_id));
        Ok(groups
            .into_iter()
            .map(|(k, rows)| (k, rows.into_iter().map(|r| r.project_id).collect()))
            .collect())
    }
}

impl Loader<ProjectsOfPlace> for Loaders {
    type Value = Vec<Uuid>;
    type Error = LoadError;

    async fn load(&self, keys: &[ProjectsOfPlace]) -> Loaded<ProjectsOfPlace, Self::Value> {
        let rows = project_meeting_place::Entity::find()
            .filter(project_meeting_place::Column::MeetingPlaceId.is_in(ids(keys)))
            .all(&self.db)
            .await?;
        let groups = grouped(keys, rows, |r| ProjectsOfPlace(r.meeting_place_id));
        Ok(groups
            .into_iter()
            .map(|(k, rows)| (k, rows.into_iter().map(|r| r.project_id).collect()))
            .collect())
    }
}

impl Loader<ContactsOfOrganisation> for Loaders {
    type Value = Vec<contact_person::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ContactsOfOrganisation],
    ) -> Loaded<ContactsOfOrganisation, Self::Value> {
        let rows = contact_person::Entity::find()
            .filter(contact_person::Column::OrganisationId.is_in(ids(keys)))
            .order_by_asc(contact_person::Column::Name)
            .all(&self.db)
            .await?;
        Ok(grouped(keys, rows, |r| {
            ContactsOfOrganisation(r.organisation_id)
        }))
    }
}

impl Loader<ChildrenOfOrganisation> for Loaders {
    type Value = Vec<organisation::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[ChildrenOfOrganisation],
    ) -> Loaded<ChildrenOfOrganisation, Self::Value> {
        let rows = organisation::Entity::find()
            .filter(organisation::Column::ParentId.is_in(ids(keys)))
            .filter(organisation::Entity::is_live())
            .order_by_asc(organisation::Column::Name)
            .all(&self.db)
            .await?;
        Ok(grouped(keys, rows, |r| {
            ChildrenOfOrganisation(r.parent_id.unwrap_or_default())
        }))
    }
}

/// Empties every cache of the request's loader.
pub fn forget_all(loader: &RequestLoader) {
    loader.clear::<AssessmentsOfProject>();
    loader.clear::<BudgetOfProject>();
    loader.clear::<ChildrenOfOrganisation>();
    loader.clear::<ContactById>();
    loader.clear::<ContactsOfOrganisation>();
    loader.clear::<ContinuationOfProject>();
    loader.clear::<EffectById>();
    loader.clear::<EvaluationsOfProject>();
    loader.clear::<LinksOfProject>();
    loader.clear::<MeetingPlaceById>();
    loader.clear::<OrganisationById>();
    loader.clear::<ParticipantsOfProject>();
    loader.clear::<PlacesOfProject>();
    loader.clear::<ProjectsOfPlace>();
    loader.clear::<ProjectsOfSignal>();
    loader.clear::<ReadableProject>();
    loader.clear::<ReviewOfProject>();
    loader.clear::<StadsdeelById>();
    loader.clear::<ThemesOfProject>();
    loader.clear::<WijkById>();
    loader.clear::<WijkenOfContact>();
    loader.clear::<WijkenOfFocusArea>();
    loader.clear::<WijkenOfProject>();
}
