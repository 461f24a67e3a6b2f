//! The live organisations, held in memory for the pages that name them: every participant on a
//! page of projects names one, and joining the organisation table for each page made
//! PostgreSQL hash the whole table every time (0.50 ms of a 0.77 ms statement at 2,000
//! organisations, by `EXPLAIN ANALYZE`). A page's statement instead reads the database's count of organisation
//! changes beside its own rows ([`GENERATION`], kept by a trigger: see the migration
//! `organisation_generation`), and the copy is used only while its count is that one. So it is
//! never older than the page's own rows, whichever instance or operator wrote the change.

use std::{collections::HashMap, sync::Arc};

use entity::organisation;
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, QueryTrait,
    Statement, sea_query::Expr,
};
use tokio::sync::Mutex;
use uuid::Uuid;

use crate::db::Db;

/// The count of organisation changes, as a column for a statement's select list, read in the
/// statement's own snapshot.
pub const GENERATION: &str = "(SELECT n FROM organisation_generation WHERE id = 1)";

/// The column [`GENERATION`] is read into.
pub const GENERATION_COLUMN: &str = "organisation_generation";

#[derive(Default)]
pub struct OrganisationDirectory {
    snapshot: std::sync::RwLock<Option<Arc<Snapshot>>>,
    /// One reload at a time: requests that find the copy stale together wait for one reload
    /// instead of each reading the whole table.
    reloading: Mutex<()>,
}

struct Snapshot {
    generation: i64,
    live: HashMap<Uuid, organisation::Model>,
}

impl OrganisationDirectory {
    /// The live organisations among `ids`, as of `generation` (what a statement read from
    /// [`GENERATION`]) or later. Deleted or unknown ids are left out.
    pub async fn live(
        &self,
        db: &Db,
        generation: i64,
        ids: impl IntoIterator<Item = Uuid>,
    ) -> Result<Vec<organisation::Model>, DbErr> {
        let snapshot = match self.current(generation) {
            Some(snapshot) => snapshot,
            None => self.reload(db, generation).await?,
        };
        let mut seen = std::collections::HashSet::new();
        Ok(ids
            .into_iter()
            .filter(|id| seen.insert(*id))
            .filter_map(|id| snapshot.live.get(&id).cloned())
            .collect())
    }

    fn current(&self, generation: i64) -> Option<Arc<Snapshot>> {
        self.snapshot
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            // Equal, not at least: a restored database counts again from an older number.
            .filter(|s| s.generation == generation)
    }

    async fn reload(&self, db: &Db, generation: i64) -> Result<Arc<Snapshot>, DbErr> {
        let _turn = self.reloading.lock().await;
        // Another request may have reloaded while this one waited.
        if let Some(snapshot) = self.current(generation) {
            return Ok(snapshot);
        }
        let backend = db.get_database_backend();
        let statement = organisation::Entity::find()
            .filter(organisation::Entity::is_live())
            .expr_as(Expr::cust(GENERATION), GENERATION_COLUMN)
            .build(backend);
        let rows = db.query_all_raw(statement).await?;
        let mut live = HashMap::with_capacity(rows.len());
        let mut read = None;
        for row in &rows {
            let model = organisation::Model::from_query_result(row, "")?;
            read = Some(row.try_get::<i64>("", GENERATION_COLUMN)?);
            live.insert(model.id, model);
        }
        // No live organisation: the count on its own.
        let generation = match read {
            Some(read) => read,
            None => db
                .query_one_raw(Statement::from_string(
                    backend,
                    format!("SELECT {GENERATION} AS {GENERATION_COLUMN}"),
                ))
                .await?
                .map(|row| row.try_get::<i64>("", GENERATION_COLUMN))
                .transpose()?
                .unwrap_or(generation),
        };
        let snapshot = Arc::new(Snapshot { generation, live });
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Some(snapshot.clone());
        Ok(snapshot)
    }
}
