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
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::context::Shared;
use crate::db::Db;
use crate::graphql::pipeline::error::GqlResult;
use crate::{
    auth::Principal,
    error::ApiError,
    policy,
    service::{organisation_directory::OrganisationDirectory, reference::ReferenceCache},
};

/// The request's loader: batched, and cached for the request.
pub type RequestLoader =
    async_graphql::dataloader::DataLoader<Loaders, async_graphql::dataloader::HashMapCache>;

pub struct Loaders {
    db: Db,
    caller: Option<Principal>,
    reference: Arc<ReferenceCache>,
    organisations: Arc<OrganisationDirectory>,
}

impl Loaders {
    pub fn new(db: Db, caller: Option<Principal>, shared: &Shared) -> Self {
        Self {
            db,
            caller,
            reference: shared.reference.clone(),
            organisations: shared.organisations.clone(),
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
    // What the request holds already (fed by a resolver that read it with its parent) is not
    // read again.
    let cached = loader.get_cached_values::<K>();
    let mut values: HashMap<K, V> = HashMap::new();
    keys.retain(|k| match cached.get(k) {
        Some(value) => {
            values.insert(k.clone(), value.clone());
            false
        }
        None => true,
    });
    if keys.is_empty() {
        return Ok(values);
    }
    // Boxed, so that a page priming several relations at once does not hold each loader's
    // state inline: every resolver future that awaits a page is copied whole when the engine
    // boxes it, and the loads made those futures 15 KB.
    let loaded = Box::pin(loader.loader().load(&keys)).await?;
    loader
        .feed_many(loaded.iter().map(|(k, v)| (k.clone(), v.clone())))
        .await;
    values.extend(loaded);
    Ok(values)
}

/// What a to-many relation holds for `key`, each item as its API type; empty when nothing.
pub async fn load_all<K, M, T>(loader: &RequestLoader, key: K) -> GqlResult<Vec<T>>
where
    Loaders: Loader<K, Value = Vec<M>, Error = LoadError>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    M: Send + Sync + Clone + 'static,
    T: From<M>,
{
    let items = loader.load_one(key).await?.unwrap_or_default();
    Ok(items.into_iter().map(T::from).collect())
}

/// The projects `key` links to that the caller reads, by title: the ids come from the link,
/// the check from the read condition (the [`ReadableProject`] loader).
pub async fn readable_projects<K, T>(loader: &RequestLoader, key: K) -> GqlResult<Vec<T>>
where
    Loaders: Loader<K, Value = Vec<Uuid>, Error = LoadError>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: From<project::Model>,
{
    let ids = loader.load_one(key).await?.unwrap_or_default();
    let projects = loader
        .load_many::<ReadableProject, _>(ids.into_iter().map(ReadableProject))
        .await?;
    let mut projects: Vec<project::Model> = projects.into_values().collect();
    projects.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(projects.into_iter().map(T::from).collect())
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

/// Declares the key types, one per relation, and [`forget_all`] over all of them, so a key
/// added here is forgotten with the others.
macro_rules! keys {
    ($($(#[doc = $doc:literal])* $name:ident,)+) => {
        $(
            $(#[doc = $doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub struct $name(pub Uuid);

            impl From<$name> for Uuid {
                fn from(key: $name) -> Uuid {
                    key.0
                }
            }
        )+

        /// Empties every cache of the request's loader.
        pub fn forget_all(loader: &RequestLoader) {
            $(loader.clear::<$name>();)+
        }
    };
}

keys! {
    StadsdeelById,
    WijkById,
    OrganisationById,
    ContactById,
    EffectById,
    MeetingPlaceById,
    /// A project, only if the caller may read it.
    ReadableProject,
    WijkenOfProject,
    WijkenOfFocusArea,
    WijkenOfContact,
    ThemesOfProject,
    ParticipantsOfProject,
    PlacesOfProject,
    BudgetOfProject,
    AssessmentsOfProject,
    ReviewOfProject,
    ContinuationOfProject,
    EvaluationsOfProject,
    LinksOfProject,
    ProjectsOfSignal,
    ProjectsOfPlace,
    ContactsOfOrganisation,
    ChildrenOfOrganisation,
}

/// The rows of `E` whose `column` holds one of the keys' ids, in the order of `order`.
async fn rows_of<E: EntityTrait, K: Copy + Into<Uuid>>(
    db: &Db,
    keys: &[K],
    column: E::Column,
    order: &[E::Column],
) -> Result<Vec<E::Model>, DbErr> {
    let mut select = E::find().filter(column.is_in(ids(keys)));
    for column in order {
        select = select.order_by_asc(*column);
    }
    select.all(db).await
}

/// Declares the loader of a key whose rows are those of one table with the key's id in one
/// column (`$column`, read from a row as `$field`):
/// - `cached`: reference data by id, from the reference cache (`$list`);
/// - `one`: the row of each key that has one;
/// - `many`: every key's rows (none: empty), in the order of the columns after `by`;
/// - `each $value`: every key's rows reduced to their `$value` field;
/// - `wijken`: the table links keys to wijken; every key's wijken, by code.
macro_rules! rows_loader {
    (@impl $key:ident => $value:ty, |$loaders:ident, $keys:ident| $body:expr) => {
        impl Loader<$key> for Loaders {
            type Value = $value;
            type Error = LoadError;

            async fn load(&self, $keys: &[$key]) -> Loaded<$key, Self::Value> {
                let $loaders = self;
                $body
            }
        }
    };
    ($key:ident => cached $entity:ident from $list:ident) => {
        rows_loader!(@impl $key => $entity::Model, |loaders, keys| {
            let rows = loaders.reference.$list(&loaders.db, &ids(keys)).await?;
            Ok(by_id(rows, |r| $key(r.id)))
        });
    };
    ($key:ident => one $entity:ident where $column:ident = $field:ident) => {
        rows_loader!(@impl $key => $entity::Model, |loaders, keys| {
            let rows =
                rows_of::<$entity::Entity, _>(&loaders.db, keys, $entity::Column::$column, &[])
                    .await?;
            Ok(by_id(rows, |r| $key(r.$field)))
        });
    };
    ($key:ident => many $entity:ident where $column:ident = $field:ident $(, by $($order:ident),+)?) => {
        rows_loader!(@impl $key => Vec<$entity::Model>, |loaders, keys| {
            let order = [$($($entity::Column::$order),+)?];
            let rows =
                rows_of::<$entity::Entity, _>(&loaders.db, keys, $entity::Column::$column, &order)
                    .await?;
            Ok(grouped(keys, rows, |r| $key(r.$field)))
        });
    };
    ($key:ident => each $value:ident: $ty:ty, of $entity:ident where $column:ident = $field:ident) => {
        rows_loader!(@impl $key => Vec<$ty>, |loaders, keys| {
            let rows =
                rows_of::<$entity::Entity, _>(&loaders.db, keys, $entity::Column::$column, &[])
                    .await?;
            Ok(grouped(keys, rows, |r| $key(r.$field))
                .into_iter()
                .map(|(k, rows)| (k, rows.into_iter().map(|r| r.$value).collect()))
                .collect())
        });
    };
    ($key:ident => wijken of $entity:ident where $column:ident = $field:ident) => {
        rows_loader!(@impl $key => Vec<wijk::Model>, |loaders, keys| {
            let links =
                rows_of::<$entity::Entity, _>(&loaders.db, keys, $entity::Column::$column, &[])
                    .await?
                    .into_iter()
                    .map(|l| (l.$field, l.wijk_id))
                    .collect();
            wijken_via(loaders, keys, links, $key).await
        });
    };
}

rows_loader!(StadsdeelById => cached stadsdeel from stadsdelen);
rows_loader!(WijkById => cached wijk from wijken);

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

rows_loader!(ContactById => one contact_person where Id = id);
rows_loader!(EffectById => one effect where Id = id);

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

rows_loader!(WijkenOfProject => wijken of project_wijk where ProjectId = project_id);

/// Keeps a project's wijken, read together with the project, in the request's cache, where its
/// `wijken` field finds them without a statement of its own.
pub async fn feed_wijken_of_project(
    loader: &RequestLoader,
    project_id: Uuid,
    wijk_ids: Vec<Uuid>,
) -> Result<(), LoadError> {
    let key = WijkenOfProject(project_id);
    let links = wijk_ids.into_iter().map(|w| (project_id, w)).collect();
    let mut wijken = wijken_via(loader.loader(), &[key], links, WijkenOfProject).await?;
    if let Some(list) = wijken.remove(&key) {
        loader.feed_one(key, list).await;
    }
    Ok(())
}
/// A page's participants together with their organisations, kept in the request's cache under
/// both relations: a page that shows who takes part needs both. One statement, a second only
/// when an organisation changed since the last page: the organisations come from the directory
/// in memory, checked against the count of organisation changes the statement reads beside the
/// participants (see `service::organisation_directory`).
pub async fn prime_participants_with_organisations(
    loader: &RequestLoader,
    project_ids: &[Uuid],
) -> Result<HashMap<ParticipantsOfProject, Vec<project_participant::Model>>, LoadError> {
    use sea_orm::{ConnectionTrait, FromQueryResult, QuerySelect, QueryTrait, sea_query::Expr};

    use crate::service::organisation_directory::{GENERATION, GENERATION_COLUMN};
    let keys: Vec<ParticipantsOfProject> = project_ids
        .iter()
        .map(|id| ParticipantsOfProject(*id))
        .collect();
    let cached = loader.get_cached_values::<ParticipantsOfProject>();
    if keys.iter().all(|k| cached.contains_key(k)) {
        let participants: HashMap<_, _> = keys
            .iter()
            .filter_map(|k| Some((*k, cached.get(k)?.clone())))
            .collect();
        let organisations = participants
            .values()
            .flatten()
            .map(|p| OrganisationById(p.organisation_id));
        prime(loader, organisations).await?;
        return Ok(participants);
    }
    let loaders = loader.loader();
    let statement = project_participant::Entity::find()
        .filter(project_participant::Column::ProjectId.is_in(ids(&keys)))
        .order_by_asc(project_participant::Column::CreatedAt)
        .order_by_asc(project_participant::Column::OrganisationId)
        .expr_as(Expr::cust(GENERATION), GENERATION_COLUMN)
        .build(loaders.db.get_database_backend());
    let rows = loaders.db.query_all_raw(statement).await?;
    let mut participants = Vec::with_capacity(rows.len());
    let mut generation = None;
    for row in &rows {
        participants.push(project_participant::Model::from_query_result(row, "")?);
        generation = Some(row.try_get::<i64>("", GENERATION_COLUMN)?);
    }
    if let Some(generation) = generation {
        let organisations = loaders
            .organisations
            .live(
                &loaders.db,
                generation,
                participants.iter().map(|p| p.organisation_id),
            )
            .await?;
        loader
            .feed_many(
                organisations
                    .into_iter()
                    .map(|org| (OrganisationById(org.id), org)),
            )
            .await;
    }
    let participants = grouped(&keys, participants, |p| ParticipantsOfProject(p.project_id));
    loader
        .feed_many(participants.iter().map(|(k, v)| (*k, v.clone())))
        .await;
    Ok(participants)
}

rows_loader!(WijkenOfFocusArea => wijken of focus_area_wijk where FocusAreaId = focus_area_id);
rows_loader!(WijkenOfContact => wijken of contact_person_wijk where ContactPersonId = contact_person_id);
rows_loader!(ThemesOfProject => each theme: Theme, of project_theme where ProjectId = project_id);
rows_loader!(ParticipantsOfProject => many project_participant where ProjectId = project_id, by CreatedAt, OrganisationId);
rows_loader!(PlacesOfProject => each meeting_place_id: Uuid, of project_meeting_place where ProjectId = project_id);
rows_loader!(BudgetOfProject => many budget_line where ProjectId = project_id, by Year, Id);
rows_loader!(AssessmentsOfProject => many effect_assessment where ProjectId = project_id, by EffectId);
rows_loader!(ReviewOfProject => one project_review where ProjectId = project_id);
rows_loader!(ContinuationOfProject => one project_continuation where ProjectId = project_id);
rows_loader!(EvaluationsOfProject => many evaluation where ProjectId = project_id, by EvaluatedOn, Id);

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

rows_loader!(ProjectsOfSignal => each project_id: Uuid, of signal_project where SignalId = signal_id);
rows_loader!(ProjectsOfPlace => each project_id: Uuid, of project_meeting_place where MeetingPlaceId = meeting_place_id);
rows_loader!(ContactsOfOrganisation => many contact_person where OrganisationId = organisation_id, by Name);

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
