//! The change feed: every committed change, in commit order, with the object as it is now where
//! the caller may read it.
//!
//! Gap-free on PostgreSQL: each change row carries its transaction id, and a reader only takes
//! rows of transactions older than the oldest one still running (`pg_snapshot_xmin`). Rows of a
//! transaction that commits later always have a transaction id at or above that horizon, so they
//! sort after any cursor handed out, however the commits interleave. On SQLite writers take turns,
//! so row ids are commit order. See `docs/change-feed.md`.

use std::collections::{HashMap, HashSet};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use entity::{
    ChangeOperation, change_log, contact_person, meeting_place, organisation, project, signal,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
    sea_query::{Expr, ExprTrait},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    policy,
};

/// The kinds of object in the feed, in the order a first sync receives them.
pub const ENTITY_TYPES: [&str; 5] = [
    "organisation",
    "contact_person",
    "meeting_place",
    "project",
    "signal",
];

/// A position in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPos {
    /// PostgreSQL transaction id (0 on SQLite).
    t: i64,
    /// Row id.
    i: i64,
}

/// Where a reader is: still copying what exists (a first sync), or following the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Position {
    /// Copying kind `k` of [`ENTITY_TYPES`] after id `a`; then the log from `f`.
    S {
        k: usize,
        a: Option<Uuid>,
        f: LogPos,
    },
    L(LogPos),
}

impl Position {
    fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    fn decode(cursor: &str) -> ApiResult<Self> {
        URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(|| ApiError::bad_input("after", "malformed or foreign cursor"))
    }
}

#[derive(Clone)]
pub enum FeedObject {
    Project(project::Model),
    MeetingPlace(meeting_place::Model),
    Signal(signal::Model),
    ContactPerson(contact_person::Model),
    Organisation(organisation::Model),
}

#[derive(Clone)]
pub struct FeedEntry {
    pub cursor: String,
    pub entity_type: String,
    pub entity_id: Uuid,
    pub operation: ChangeOperation,
    pub version: i32,
    pub changed_at: DateTime<Utc>,
    /// The object as it is now; `None` when the entry tells the reader to drop it.
    pub object: Option<FeedObject>,
}

pub struct FeedPage {
    pub entries: Vec<FeedEntry>,
    pub end_cursor: String,
    pub has_next_page: bool,
}

/// The transaction horizon: every transaction below it has ended.
async fn horizon(db: &Db) -> ApiResult<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin",
        ))
        .await?
        .ok_or_else(|| ApiError::Internal("no snapshot horizon".into()))?;
    let horizon = row.try_get::<i64>("", "xmin")?;
    // A horizon that stands still while writes go on means a long transaction holds the feed.
    tracing::debug!(horizon, "change feed horizon");
    Ok(horizon)
}

/// Where the log stands now, as the place a first sync continues from.
async fn log_start(db: &Db) -> ApiResult<LogPos> {
    if db.get_database_backend() == DbBackend::Postgres {
        // Changes of transactions still running may not be in what the copy reads: start the
        // log at the horizon so they come through it (some twice, which a mirror absorbs).
        return Ok(LogPos {
            t: horizon(db).await?,
            i: 0,
        });
    }
    let last = change_log::Entity::find()
        .select_only()
        .column_as(Expr::col(change_log::Column::Id).max(), "max")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0);
    Ok(LogPos { t: 0, i: last })
}

/// A cursor at the log's head: a reader that starts from it receives every change that commits
/// from now on and nothing from before, without copying what exists first. On PostgreSQL it is
/// the horizon, so changes still in flight come through it too. One statement.
#[tracing::instrument(skip_all)]
pub async fn head(db: &Db, caller: Option<&Principal>) -> ApiResult<String> {
    policy::require_caller(caller)?;
    log_end_cursor(db).await
}

/// [`head`] for the server's own readers (webhooks start here), which need no caller.
pub async fn log_end_cursor(db: &Db) -> ApiResult<String> {
    let head = log_start(db).await?;
    tracing::debug!(tx = head.t, id = head.i, "change feed head");
    Ok(Position::L(head).encode())
}

/// Where in the log a cursor points, as `(transaction id, row id)`; `None` for a cursor of a
/// first sync's copy, which points at objects rather than at the log.
pub fn log_position(cursor: &str) -> ApiResult<Option<(i64, i64)>> {
    Ok(match Position::decode(cursor)? {
        Position::L(pos) => Some((pos.t, pos.i)),
        Position::S { .. } => None,
    })
}

/// How many changes of these kinds the log holds after a cursor, before any filtering for a
/// caller (an upper bound of what a reader there still has to receive).
pub async fn changes_after(db: &Db, cursor: &str, types: &[&'static str]) -> ApiResult<u64> {
    use sea_orm::PaginatorTrait;
    let Some((t, i)) = log_position(cursor)? else {
        return Ok(0);
    };
    let mut select = change_log::Entity::find()
        .filter(change_log::Column::EntityType.is_in(types.iter().copied()));
    select = if db.get_database_backend() == DbBackend::Postgres {
        select.filter(
            Expr::tuple([
                Expr::col(change_log::Column::TxId),
                Expr::col(change_log::Column::Id),
            ])
            .gt(Expr::tuple([Expr::val(t), Expr::val(i)])),
        )
    } else {
        select.filter(change_log::Column::Id.gt(i))
    };
    Ok(select.count(db).await?)
}

#[tracing::instrument(skip_all)]
pub async fn changes(
    db: &Db,
    caller: Option<&Principal>,
    after: Option<&str>,
    first: u64,
    types: &[&'static str],
) -> ApiResult<FeedPage> {
    let caller = policy::require_caller(caller)?;
    let mut position = match after {
        Some(cursor) => Position::decode(cursor)?,
        None => Position::S {
            k: 0,
            a: None,
            f: log_start(db).await?,
        },
    };
    let mut entries = Vec::new();
    // Rows the caller may not read are skipped; scanning stops after a few batches so one page
    // stays cheap even when most changes are someone else's.
    for _ in 0..8 {
        if entries.len() as u64 >= first {
            break;
        }
        let want = first - entries.len() as u64;
        match position.clone() {
            Position::S { k, a, f } => {
                let Some(kind) = ENTITY_TYPES.get(k) else {
                    position = Position::L(f);
                    continue;
                };
                if !types.contains(kind) {
                    position = Position::S {
                        k: k + 1,
                        a: None,
                        f,
                    };
                    continue;
                }
                let (rows, last) = copy(db, caller, kind, a, want).await?;
                for (id, version, at, object) in rows {
                    let next = Position::S { k, a: Some(id), f };
                    entries.push(FeedEntry {
                        cursor: next.encode(),
                        entity_type: (*kind).to_owned(),
                        entity_id: id,
                        operation: ChangeOperation::Created,
                        version,
                        changed_at: at,
                        object: Some(object),
                    });
                }
                position = match last {
                    Some(id) if (entries.len() as u64) >= first => {
                        Position::S { k, a: Some(id), f }
                    }
                    _ => Position::S {
                        k: k + 1,
                        a: None,
                        f,
                    },
                };
                if (entries.len() as u64) < first {
                    continue;
                }
            }
            Position::L(from) => {
                let rows = log_rows(db, from, want, types).await?;
                let Some(last) = rows.last() else {
                    break;
                };
                let end = LogPos {
                    t: last.tx_id.unwrap_or(0),
                    i: last.id,
                };
                let full = rows.len() as u64 == want;
                entries.extend(resolve(db, caller, rows).await?);
                position = Position::L(end);
                if !full {
                    break;
                }
            }
        }
    }
    let has_next_page = match &position {
        Position::S { .. } => true,
        Position::L(from) => !log_rows(db, *from, 1, types).await?.is_empty(),
    };
    Ok(FeedPage {
        entries,
        end_cursor: position.encode(),
        has_next_page,
    })
}

type Copied = (Uuid, i32, DateTime<Utc>, FeedObject);

/// The next objects of one kind that the caller may read, by id.
async fn copy(
    db: &Db,
    caller: &Principal,
    kind: &str,
    after: Option<Uuid>,
    limit: u64,
) -> ApiResult<(Vec<Copied>, Option<Uuid>)> {
    macro_rules! page {
        ($module:ident, $condition:expr, $wrap:ident) => {{
            let mut select = $module::Entity::find().filter($condition);
            if let Some(after) = after {
                select = select.filter($module::Column::Id.gt(after));
            }
            select
                .order_by_asc($module::Column::Id)
                .limit(limit)
                .all(db)
                .await?
                .into_iter()
                .map(|m| (m.id, m.version, m.updated_at, FeedObject::$wrap(m)))
                .collect::<Vec<_>>()
        }};
    }
    let rows = match kind {
        "organisation" => page!(organisation, organisation::Entity::is_live(), Organisation),
        "contact_person" => page!(contact_person, Condition::all(), ContactPerson),
        "meeting_place" => page!(
            meeting_place,
            meeting_place::Entity::is_live(),
            MeetingPlace
        ),
        "project" => page!(
            project,
            policy::project_read_condition(Some(caller))?,
            Project
        ),
        "signal" => page!(signal, policy::signal_read_condition(Some(caller))?, Signal),
        _ => Vec::new(),
    };
    let last = rows.last().map(|r| r.0);
    Ok((rows, last))
}

async fn log_rows(
    db: &Db,
    from: LogPos,
    limit: u64,
    types: &[&'static str],
) -> ApiResult<Vec<change_log::Model>> {
    let mut select = change_log::Entity::find()
        .filter(change_log::Column::EntityType.is_in(types.iter().copied()));
    if db.get_database_backend() == DbBackend::Postgres {
        let horizon = horizon(db).await?;
        select = select
            .filter(
                Expr::tuple([
                    Expr::col(change_log::Column::TxId),
                    Expr::col(change_log::Column::Id),
                ])
                .gt(Expr::tuple([Expr::val(from.t), Expr::val(from.i)])),
            )
            .filter(change_log::Column::TxId.lt(horizon))
            .order_by_asc(change_log::Column::TxId)
            .order_by_asc(change_log::Column::Id);
    } else {
        select = select
            .filter(change_log::Column::Id.gt(from.i))
            .order_by_asc(change_log::Column::Id);
    }
    Ok(select.limit(limit).all(db).await?)
}

/// Whether the caller could read a project before a change, from what the change recorded.
fn could_read_before(caller: &Principal, readers: Option<&serde_json::Value>) -> bool {
    if caller.is_city() {
        return true;
    }
    let Some(readers) = readers else {
        return false;
    };
    readers["shared"].as_bool().unwrap_or(false)
        || readers["participants"].as_array().is_some_and(|ids| {
            ids.iter()
                .any(|id| id.as_str() == Some(caller.organisation_id.to_string().as_str()))
        })
}

/// Turns log rows into entries: the current object where readable; a drop where the caller
/// could read the object before but not now; nothing otherwise.
async fn resolve(
    db: &Db,
    caller: &Principal,
    rows: Vec<change_log::Model>,
) -> ApiResult<Vec<FeedEntry>> {
    let ids = |kind: &str| -> Vec<Uuid> {
        rows.iter()
            .filter(|r| r.entity_type == kind)
            .map(|r| r.entity_id)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect()
    };
    let mut objects: HashMap<Uuid, FeedObject> = HashMap::new();
    for p in project::Entity::find()
        .filter(project::Column::Id.is_in(ids("project")))
        .filter(policy::project_read_condition(Some(caller))?)
        .all(db)
        .await?
    {
        objects.insert(p.id, FeedObject::Project(p));
    }
    for m in meeting_place::Entity::find()
        .filter(meeting_place::Column::Id.is_in(ids("meeting_place")))
        .filter(meeting_place::Entity::is_live())
        .all(db)
        .await?
    {
        objects.insert(m.id, FeedObject::MeetingPlace(m));
    }
    for s in signal::Entity::find()
        .filter(signal::Column::Id.is_in(ids("signal")))
        .filter(policy::signal_read_condition(Some(caller))?)
        .all(db)
        .await?
    {
        objects.insert(s.id, FeedObject::Signal(s));
    }
    for c in contact_person::Entity::find()
        .filter(contact_person::Column::Id.is_in(ids("contact_person")))
        .all(db)
        .await?
    {
        objects.insert(c.id, FeedObject::ContactPerson(c));
    }
    for o in organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids("organisation")))
        .filter(organisation::Entity::is_live())
        .all(db)
        .await?
    {
        objects.insert(o.id, FeedObject::Organisation(o));
    }
    let mut entries = Vec::new();
    for row in rows {
        let cursor = Position::L(LogPos {
            t: row.tx_id.unwrap_or(0),
            i: row.id,
        })
        .encode();
        // The same object may change twice on one page; each entry shows it as it is now.
        let object = objects.get(&row.entity_id).cloned();
        let readable = object.is_some();
        let (operation, object) = if readable && row.operation != ChangeOperation::Deleted {
            (row.operation, object)
        } else {
            let knew = match row.entity_type.as_str() {
                "project" => could_read_before(caller, row.readers_before.as_ref()),
                "signal" => caller.is_city(),
                // Everyone signed in reads organisations, contacts and meeting places.
                _ => true,
            };
            if !knew {
                continue;
            }
            (ChangeOperation::Deleted, None)
        };
        entries.push(FeedEntry {
            cursor,
            entity_type: row.entity_type,
            entity_id: row.entity_id,
            operation,
            version: row.version,
            changed_at: row.changed_at,
            object,
        });
    }
    Ok(entries)
}
