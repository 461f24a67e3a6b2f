//! `changes`: the feed sync jobs mirror the register with.

use std::{collections::VecDeque, time::Duration};

use async_graphql::{Context, Enum, ID, Object, SimpleObject, Subscription, Union};
use chrono::{DateTime, Utc};
use futures_util::Stream;

use crate::graphql::{
    ids::to_id,
    organisations::{ContactPerson, Department, Partner},
    pipeline::context::request,
    pipeline::error::{GqlError, GqlResult},
    pipeline::session::{Lapsed, SubscriberSlot, Subscribers},
    places::MeetingPlace,
    projects::Project,
    signals::Signal,
};
use crate::{
    error::ApiError,
    service::{
        feed::{self, FeedEntry, FeedObject},
        page::PageArgs,
    },
};

/// What kind of object changed.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityType {
    /// An organisation (partner or department).
    Organisation,
    /// A contact person.
    ContactPerson,
    /// A meeting place.
    MeetingPlace,
    /// A project (with everything it holds: participants, budget, …).
    Project,
    /// A signal.
    Signal,
}

impl EntityType {
    pub fn stored(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::ContactPerson => "contact_person",
            Self::MeetingPlace => "meeting_place",
            Self::Project => "project",
            Self::Signal => "signal",
        }
    }

    pub fn from_stored(value: &str) -> Option<Self> {
        [
            Self::Organisation,
            Self::ContactPerson,
            Self::MeetingPlace,
            Self::Project,
            Self::Signal,
        ]
        .into_iter()
        .find(|t| t.stored() == value)
    }
}

/// What happened to the object.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOperation {
    /// It appeared (or, in a first sync, it exists).
    Created,
    /// It changed.
    Updated,
    /// Drop it: it was deleted, or you may no longer read it.
    Deleted,
}

impl From<entity::ChangeOperation> for ChangeOperation {
    fn from(stored: entity::ChangeOperation) -> Self {
        match stored {
            entity::ChangeOperation::Created => Self::Created,
            entity::ChangeOperation::Updated => Self::Updated,
            entity::ChangeOperation::Deleted => Self::Deleted,
        }
    }
}

/// The object of a change, as it is now.
#[derive(Union)]
pub enum ChangedObject {
    /// A project.
    Project(Project),
    /// A meeting place.
    MeetingPlace(MeetingPlace),
    /// A signal.
    Signal(Signal),
    /// A contact person.
    ContactPerson(ContactPerson),
    /// A partner organisation.
    Partner(Partner),
    /// A city department.
    Department(Department),
}

/// One committed change.
pub struct Change(FeedEntry);

/// One committed change.
#[Object]
impl Change {
    /// Pass as `after` to continue after this change.
    async fn cursor(&self) -> &str {
        &self.0.cursor
    }
    /// What kind of object changed.
    async fn entity_type(&self) -> Option<EntityType> {
        EntityType::from_stored(&self.0.entity_type)
    }
    /// Its id.
    async fn entity_id(&self) -> ID {
        to_id(self.0.entity_id)
    }
    /// What happened; `DELETED` means: drop it from your mirror.
    async fn operation(&self) -> ChangeOperation {
        self.0.operation.into()
    }
    /// The object's version after the change.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// When the change was committed.
    async fn changed_at(&self) -> DateTime<Utc> {
        self.0.changed_at
    }
    /// The object as it is now; null when it is to be dropped.
    async fn object(&self) -> Option<ChangedObject> {
        self.0.object.clone().map(|object| match object {
            FeedObject::Project(m) => ChangedObject::Project(Project(m)),
            FeedObject::MeetingPlace(m) => ChangedObject::MeetingPlace(MeetingPlace(m)),
            FeedObject::Signal(m) => ChangedObject::Signal(Signal(m)),
            FeedObject::ContactPerson(m) => ChangedObject::ContactPerson(ContactPerson(m)),
            FeedObject::Organisation(m) => {
                match crate::graphql::organisations::Organisation::from(m) {
                    crate::graphql::organisations::Organisation::Partner(p) => {
                        ChangedObject::Partner(p)
                    }
                    crate::graphql::organisations::Organisation::Department(d) => {
                        ChangedObject::Department(d)
                    }
                }
            }
        })
    }
}

/// Where a feed page ends.
#[derive(SimpleObject)]
pub struct ChangePageInfo {
    /// Whether more changes are waiting now (more will come later either way).
    has_next_page: bool,
    /// Store this and pass it as `after` next time, also when the page was empty.
    end_cursor: String,
}

/// A page of the change feed.
pub struct ChangeConnection(feed::FeedPage);

/// A page of the change feed.
#[Object]
impl ChangeConnection {
    /// The changes with their cursors.
    async fn edges(&self) -> Vec<ChangeEdge> {
        self.0
            .entries
            .iter()
            .map(|e| ChangeEdge {
                cursor: e.cursor.clone(),
                node: Change(e.clone()),
            })
            .collect()
    }
    /// The changes.
    async fn nodes(&self) -> Vec<Change> {
        self.0.entries.iter().map(|e| Change(e.clone())).collect()
    }
    /// Where the page ends.
    async fn page_info(&self) -> ChangePageInfo {
        ChangePageInfo {
            has_next_page: self.0.has_next_page,
            end_cursor: self.0.end_cursor.clone(),
        }
    }
}

/// One change with its cursor.
#[derive(SimpleObject)]
pub struct ChangeEdge {
    /// Pass as `after` to continue after this change.
    cursor: String,
    /// The change.
    node: Change,
}

#[derive(Default)]
pub struct FeedQuery;

#[Object]
impl FeedQuery {
    /// Every committed change you may see, in commit order. Start with `after: null` (a first
    /// sync also receives every object that exists), store `pageInfo.endCursor`, and pass it back
    /// as `after`. No change is skipped, and when you may no longer read an object you receive
    /// `DELETED` for it.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Continue after this cursor; null for a first sync.")] after: Option<
            String,
        >,
        #[graphql(desc = "How many changes to return (default 50, at most 500).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Only changes to these kinds of object (default: all).")]
        entity_types: Option<Vec<EntityType>>,
    ) -> GqlResult<ChangeConnection> {
        let req = request(ctx);
        let page = PageArgs::new(first, None)?;
        let types: Vec<&'static str> = match entity_types {
            Some(types) => types.into_iter().map(EntityType::stored).collect(),
            None => feed::ENTITY_TYPES.to_vec(),
        };
        let page =
            feed::changes(&req.db, req.caller(), after.as_deref(), page.first, &types).await?;
        Ok(ChangeConnection(page))
    }

    /// A cursor at the feed's head, for starting "from now": pass it as `after` to `changes`
    /// (query or subscription) to receive every change committed from now on, without first
    /// paging through everything that exists. A live app that keeps no mirror starts here; after
    /// a reconnect it resumes from the last `cursor` it received, not from a new head.
    async fn changes_head(&self, ctx: &Context<'_>) -> GqlResult<String> {
        let req = request(ctx);
        Ok(feed::head(&req.db, req.caller()).await?)
    }
}

#[derive(Default)]
pub struct FeedSubscription;

struct Follow {
    cursor: Option<String>,
    buffer: VecDeque<FeedEntry>,
    /// Moves when the change log does; a follower asks the database only then.
    head: tokio::sync::watch::Receiver<u64>,
    /// The log moved since this follower last read it.
    behind: bool,
    /// The caller lapsed: the stream has said so and ends.
    ended: bool,
    _open: OpenSubscription,
    _slot: SubscriberSlot,
}

/// How often an idle subscription checks that its caller is still let in, as a new request
/// would be (the token's expiry, a revoked client, a deactivated organisation).
const RECHECK_EVERY: Duration = Duration::from_secs(1);

/// Counts a live subscription in `wijkhub_subscriptions_open` for as long as its stream lives.
struct OpenSubscription;

impl OpenSubscription {
    fn new() -> Self {
        metrics::gauge!("wijkhub_subscriptions_open").increment(1.0);
        Self
    }
}

impl Drop for OpenSubscription {
    fn drop(&mut self) {
        metrics::gauge!("wijkhub_subscriptions_open").decrement(1.0);
    }
}

#[Subscription]
impl FeedSubscription {
    /// The change feed, live: first the backlog after `after` (everything, for `after: null`),
    /// then each change as it is committed, on whichever instance. Same entries and filtering
    /// as the `changes` query.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Continue after this cursor; null to start with everything.")]
        after: Option<String>,
        #[graphql(desc = "Only changes to these kinds of object (default: all).")]
        entity_types: Option<Vec<EntityType>>,
    ) -> Result<impl Stream<Item = Result<Change, GqlError>>, GqlError> {
        let req = request(ctx);
        let caller = req.caller.clone().ok_or(ApiError::Unauthenticated)?;
        let db = req.db.clone();
        let session = req.session.clone();
        let loader = req.loader.clone();
        let types: Vec<&'static str> = match entity_types {
            Some(types) => types.into_iter().map(EntityType::stored).collect(),
            None => feed::ENTITY_TYPES.to_vec(),
        };
        let slot = Subscribers::take(
            &req.shared.subscribers,
            &caller,
            req.shared.websocket.subscriptions_per_caller,
        )?;
        let start = Follow {
            cursor: after,
            buffer: VecDeque::new(),
            head: req.shared.log_head.subscribe(),
            behind: true,
            ended: false,
            _open: OpenSubscription::new(),
            _slot: slot,
        };
        Ok(futures_util::stream::unfold(start, move |mut state| {
            let (db, types, session, loader) =
                (db.clone(), types.clone(), session.clone(), loader.clone());
            let mut caller = caller.clone();
            async move {
                if state.ended {
                    return None;
                }
                loop {
                    if let Some(session) = &session {
                        match session.recheck().await {
                            Ok(principal) => caller = principal,
                            Err(Lapsed::Unavailable(error)) => {
                                tracing::warn!(%error, "cannot re-check a subscriber; retrying");
                                tokio::time::sleep(RECHECK_EVERY).await;
                                continue;
                            }
                            Err(lapsed) => {
                                state.ended = true;
                                return Some((Err(ApiError::from(lapsed).into()), state));
                            }
                        }
                    }
                    if let Some(entry) = state.buffer.pop_front() {
                        // Each delivery reads its object's relations afresh, under the policy
                        // as it is now, not as it was when the subscription began.
                        crate::graphql::pipeline::loaders::forget_all(&loader);
                        return Some((Ok(Change(entry)), state));
                    }
                    if !state.behind {
                        match tokio::time::timeout(RECHECK_EVERY, state.head.changed()).await {
                            Ok(Ok(())) => state.behind = true,
                            Ok(Err(_)) => return None,
                            Err(_) => {}
                        }
                        continue;
                    }
                    state.head.borrow_and_update();
                    match feed::changes(&db, Some(&caller), state.cursor.as_deref(), 100, &types)
                        .await
                    {
                        Ok(page) => {
                            state.cursor = Some(page.end_cursor);
                            state.behind = page.has_next_page;
                            state.buffer.extend(page.entries);
                        }
                        Err(error) => {
                            tracing::error!(?error, "live change feed failed; retrying");
                            tokio::time::sleep(Duration::from_secs(1)).await;
                        }
                    }
                }
            }
        }))
    }
}
