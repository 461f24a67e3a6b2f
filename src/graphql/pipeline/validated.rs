//! Documents the engine has validated, so that the same document sent again with other
//! variables skips the rules that depend on the document alone.
//!
//! The engine's validation (async-graphql's `Strict` mode) was a quarter of a lookup's
//! instructions (`bench/results/2026-12-07-100k-round11.md`), and clients send the same few
//! documents again and again. Of its rules only one reads the variables' values: an argument's
//! value must be of the argument's type. Every other rule answers the same for the same text.
//! So a document that passed once runs on an engine in `Fast` mode (which still measures depth
//! and complexity and refuses fragment cycles) when its variables are of a kind this module can
//! check exactly as that one rule would: non-null values of the built-in scalars. Anything else
//! (an enum, an input object, a list, a custom scalar, `null`, a variable left out) goes through
//! the full validation again, so the answer never differs from what it would have been.

use std::{num::NonZeroUsize, sync::Mutex};

use async_graphql::{
    Response, Value, Variables,
    parser::types::{BaseType, OperationDefinition, Type},
};

use super::{
    admission::never_ran,
    guard::{CHECKED_KEPT, CHECKED_LONGEST},
};

/// The operations chosen in one document (`None`: its only one, unnamed in the request).
type Operations = Vec<Option<Box<str>>>;

/// The documents that passed the engine's validation, by their text.
pub struct Validated {
    passed: Mutex<lru::LruCache<Box<str>, Operations>>,
}

impl Default for Validated {
    fn default() -> Self {
        Self {
            passed: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(CHECKED_KEPT).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }
}

impl Validated {
    fn lock(&self) -> std::sync::MutexGuard<'_, lru::LruCache<Box<str>, Operations>> {
        self.passed.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether the engine validated this document, with this operation chosen, before.
    pub fn passed(&self, query: &str, operation: Option<&str>) -> bool {
        self.lock()
            .get(query)
            .is_some_and(|operations| operations.iter().any(|o| o.as_deref() == operation))
    }

    /// Whether a document of this text would be remembered: as in the parsed-document cache
    /// (`guard`), an application's operations are few and short.
    pub fn keeps(query: &str) -> bool {
        query.len() <= CHECKED_LONGEST
    }

    /// Remembers the document when the engine's answer shows it passed validation (it ran).
    pub fn remember(&self, query: &str, operation: Option<&str>, response: &Response) {
        if never_ran(response) || !Self::keeps(query) {
            return;
        }
        let mut passed = self.lock();
        let operation = operation.map(Into::into);
        match passed.get_mut(query) {
            Some(operations) if operations.contains(&operation) => {}
            // A document names few operations; a caller naming ever new ones gains nothing.
            Some(operations) if operations.len() < 8 => operations.push(operation),
            Some(_) => {}
            None => {
                passed.put(query.into(), vec![operation]);
            }
        }
    }
}

/// Whether every variable `operation` declares has a value [`plain_value`] vouches for.
pub fn plain_variables(operation: &OperationDefinition, variables: &Variables) -> bool {
    operation.variable_definitions.iter().all(|definition| {
        plain_value(
            &definition.node.var_type.node,
            variables.get(&definition.node.name.node),
        )
    })
}

/// Whether `value`, given for a variable declared as `ty`, is one the engine's argument rule
/// accepts for sure: a value that is there, not `null`, of a built-in scalar, and valid for it
/// as the engine's scalars judge (`Int` as both its signed and unsigned readings do, since
/// which of them the schema registers is the engine's choice). `false` means "not sure": the
/// full validation then decides.
fn plain_value(ty: &Type, value: Option<&Value>) -> bool {
    let (BaseType::Named(name), Some(value)) = (&ty.base, value) else {
        return false;
    };
    match (name.as_str(), value) {
        ("String", Value::String(_)) | ("Boolean", Value::Boolean(_)) => true,
        ("ID", Value::String(_)) => true,
        ("ID", Value::Number(n)) => n.is_i64(),
        ("Int", Value::Number(n)) => n.is_i64() && n.is_u64(),
        ("Float", Value::Number(_)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn declared(source: &str) -> Type {
        let document = parse_query(format!("query($v: {source}) {{ a }}")).expect("parses");
        let (_, operation) = document.operations.iter().next().expect("one operation");
        operation.node.variable_definitions[0]
            .node
            .var_type
            .node
            .clone()
    }

    #[test]
    fn only_non_null_values_of_built_in_scalars_are_vouched_for() {
        let json = |text: &str| Value::from_json(serde_json::from_str(text).expect("json")).ok();
        let cases = [
            ("ID!", "\"a\"", true),
            ("ID", "7", true),
            ("ID!", "1.5", false),
            ("ID!", "true", false),
            ("String!", "\"x\"", true),
            ("String!", "1", false),
            ("Int!", "3", true),
            ("Int!", "-3", false),
            ("Int!", "3.5", false),
            ("Int", "\"3\"", false),
            ("Float!", "3.5", true),
            ("Float!", "\"3.5\"", false),
            ("Boolean!", "false", true),
            ("Boolean!", "0", false),
            ("String", "null", false),
            ("[String!]!", "[\"x\"]", false),
            ("Phase!", "\"IDEA\"", false),
            ("UpdateProjectInput!", "{}", false),
        ];
        for (ty, value, expected) in cases {
            assert_eq!(
                plain_value(&declared(ty), json(value).as_ref()),
                expected,
                "{ty} = {value}"
            );
        }
        assert!(!plain_value(&declared("ID!"), None), "a variable left out");
    }
}
