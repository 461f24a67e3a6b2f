//! Global object identification (the Relay `Node` interface): every object with a lookup by id
//! can be fetched again by its id alone. Ids are UUIDs, unique across kinds, so an id needs no
//! kind prefix; `node(id:)` asks the same lookup services as `project(id:)`, `signal(id:)`,
//! `meetingPlace(id:)` and `organisation(id:)`, so it answers exactly what those would.

use async_graphql::{Context, ID, Interface, Object};
use uuid::Uuid;

use crate::db::Db;
use crate::graphql::{
    ids::parse_id,
    organisations::{Department, Organisation, Partner},
    pipeline::context::request,
    pipeline::error::GqlResult,
    places::MeetingPlace,
    projects::Project,
    signals::Signal,
};
use crate::{
    auth::Principal,
    error::{ApiError, ApiResult},
    service,
};

/// An object with a globally unique id, which `node(id:)` fetches again.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Globally unique id (a UUID)."))]
pub enum Node {
    Project(Project),
    Signal(Signal),
    MeetingPlace(MeetingPlace),
    Partner(Partner),
    Department(Department),
}

/// The lookup of one kind found nothing the caller may read: try the next kind. A lookup that
/// needs a caller refuses an anonymous one, which for `node` is the same as nothing.
fn found<T>(result: ApiResult<T>) -> ApiResult<Option<T>> {
    match result {
        Ok(found) => Ok(Some(found)),
        Err(ApiError::NotFound | ApiError::Unauthenticated | ApiError::Forbidden) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The object with this id that the caller may read, by the lookups of each kind in turn
/// (anonymous callers read only meeting places, so only that lookup runs for them).
async fn lookup(db: &Db, caller: Option<&Principal>, id: Uuid) -> ApiResult<Option<Node>> {
    if caller.is_some() {
        if let Some(project) = found(service::projects::get(db, caller, id).await)? {
            return Ok(Some(Node::Project(Project(project))));
        }
        if let Some(signal) = found(service::signals::get(db, caller, id).await)? {
            return Ok(Some(Node::Signal(Signal(signal))));
        }
    }
    if let Some(place) = found(service::places::get(db, id).await)? {
        return Ok(Some(Node::MeetingPlace(MeetingPlace(place))));
    }
    if caller.is_some()
        && let Some(organisation) = found(service::organisations::get(db, caller, id).await)?
    {
        return Ok(Some(match Organisation::from(organisation) {
            Organisation::Partner(partner) => Node::Partner(partner),
            Organisation::Department(department) => Node::Department(department),
        }));
    }
    Ok(None)
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The object with this id (a project, signal, meeting place, partner or department), under
    /// the same rules as its own lookup; null when there is none you may read. Relay clients
    /// refetch objects with it.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The object's id.")] id: ID,
    ) -> GqlResult<Option<Node>> {
        let req = request(ctx);
        let id = parse_id("id", &id)?;
        Ok(lookup(&req.db, req.caller(), id).await?)
    }
}
