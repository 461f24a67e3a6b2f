//! Statements built once and reused with one value changed.
//!
//! A lookup by id builds the same SQL for every caller with the same read scope: only the id
//! differs. Building it through sea-orm, sea-query and the policy's condition took 15 % of a
//! lookup's instructions (bench/results/2026-12-07-100k-round10.md), so the statement is built
//! once per key with a stand-in id, and each lookup copies it and puts its own id in the stand-in's
//! place.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, RwLock},
};

use sea_orm::{Statement, Value};
use uuid::Uuid;

/// More keys than this and the templates start over: a key is a caller's read scope, of which a
/// deployment has one per organisation, so only a flood of new organisations reaches it.
const MOST_KEYS: usize = 4096;

/// The id a template is built with, to find where a lookup's own id goes.
const STAND_IN: Uuid = Uuid::max();

/// Statements keyed by what their text depends on, each with the place of its one id.
pub struct Templates<K> {
    built: RwLock<HashMap<K, Arc<Template>>>,
}

struct Template {
    statement: Statement,
    /// Where the id stands among the statement's values.
    slot: usize,
}

impl<K> Default for Templates<K> {
    fn default() -> Self {
        Self {
            built: RwLock::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone> Templates<K> {
    /// The statement `build` makes for `id`, taken from the template for `key` when there is
    /// one. `build` must give the same text for every id under one key; it is called with a
    /// stand-in id the first time, and with `id` itself when the stand-in cannot be told apart
    /// from the statement's other values.
    pub fn with_id<E>(
        &self,
        key: &K,
        id: Uuid,
        build: impl Fn(Uuid) -> Result<Statement, E>,
    ) -> Result<Statement, E> {
        if let Some(template) = self.read().get(key).cloned() {
            return Ok(template.fill(id));
        }
        let statement = build(STAND_IN)?;
        let Some(slot) = only_place_of(&statement, STAND_IN) else {
            return build(id);
        };
        let template = Arc::new(Template { statement, slot });
        let filled = template.fill(id);
        let mut built = self
            .built
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if built.len() >= MOST_KEYS {
            built.clear();
        }
        built.insert(key.clone(), template);
        Ok(filled)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<K, Arc<Template>>> {
        // A panic while the map was held leaves a map that is still whole: entries are inserted
        // complete or not at all.
        self.built
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Template {
    fn fill(&self, id: Uuid) -> Statement {
        let mut statement = self.statement.clone();
        if let Some(values) = statement.values.as_mut()
            && let Some(value) = values.0.get_mut(self.slot)
        {
            *value = Value::Uuid(Some(id));
        }
        statement
    }
}

/// The index of the one value equal to `id`; `None` when it is not there or there twice.
fn only_place_of(statement: &Statement, id: Uuid) -> Option<usize> {
    let values = &statement.values.as_ref()?.0;
    let mut places = values
        .iter()
        .enumerate()
        .filter(|(_, value)| matches!(value, Value::Uuid(Some(found)) if *found == id))
        .map(|(place, _)| place);
    let first = places.next()?;
    places.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use sea_orm::{DbBackend, Values};

    use super::*;

    fn lookup(id: Uuid, organisation: Uuid) -> Statement {
        Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT * FROM project WHERE id = $1 AND organisation_id = $2",
            [Value::Uuid(Some(id)), Value::Uuid(Some(organisation))],
        )
    }

    fn values(statement: &Statement) -> Vec<Value> {
        statement.values.clone().unwrap_or(Values(Vec::new())).0
    }

    #[test]
    fn a_template_gives_each_lookup_its_own_id_and_keeps_the_other_values() {
        let templates = Templates::default();
        let organisation = Uuid::new_v4();
        let builds = std::cell::Cell::new(0);
        let build = |id| {
            builds.set(builds.get() + 1);
            Ok::<_, ()>(lookup(id, organisation))
        };
        for _ in 0..3 {
            let id = Uuid::new_v4();
            let statement = templates.with_id(&organisation, id, build).unwrap();
            assert_eq!(statement.sql, lookup(id, organisation).sql);
            assert_eq!(values(&statement), values(&lookup(id, organisation)));
        }
        assert_eq!(builds.get(), 1, "built once, then reused");
    }

    #[test]
    fn a_stand_in_that_cannot_be_told_apart_is_not_made_a_template() {
        let templates = Templates::default();
        // The other value equals the stand-in: its place is ambiguous, so every lookup builds.
        let id = Uuid::new_v4();
        let statement = templates
            .with_id(&"k", id, |id| Ok::<_, ()>(lookup(id, STAND_IN)))
            .unwrap();
        assert_eq!(values(&statement), values(&lookup(id, STAND_IN)));
        assert!(templates.read().is_empty());
    }
}
