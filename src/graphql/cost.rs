//! The estimated cost of an operation, computed from the document before anything runs: each
//! object 1, scalars and enums 0, a connection 2 + `first` × the cost of one of its items. A
//! caller's rate-limit budget is spent in this unit and every response reports it.

use std::collections::HashMap;

use async_graphql::{
    Variables,
    parser::types::{
        BaseType, DocumentOperations, ExecutableDocument, Field, OperationType, Selection,
        SelectionSet, TypeKind, TypeSystemDefinition,
    },
};

/// The page size a connection returns when `first` is not given (see `service::page`).
const DEFAULT_FIRST: u64 = 50;

/// What the cost walk needs to know of the schema: each field's named result type, and which
/// types are objects (interfaces and unions count as objects).
#[derive(Debug, Default)]
pub struct TypeIndex {
    fields: HashMap<String, HashMap<String, String>>,
    composite: HashMap<String, bool>,
    roots: [Option<String>; 3],
}

impl TypeIndex {
    /// Reads the served SDL, so the index can never disagree with the schema.
    pub fn from_sdl(sdl: &str) -> Result<Self, async_graphql::parser::Error> {
        let document = async_graphql::parser::parse_schema(sdl)?;
        let mut index = TypeIndex {
            roots: [
                Some("Query".to_owned()),
                Some("Mutation".to_owned()),
                Some("Subscription".to_owned()),
            ],
            ..Default::default()
        };
        for definition in document.definitions {
            let TypeSystemDefinition::Type(definition) = definition else {
                continue;
            };
            let definition = definition.node;
            let name = definition.name.node.to_string();
            let fields = match &definition.kind {
                TypeKind::Object(object) => Some(&object.fields),
                TypeKind::Interface(interface) => Some(&interface.fields),
                _ => None,
            };
            let composite = matches!(
                definition.kind,
                TypeKind::Object(_) | TypeKind::Interface(_) | TypeKind::Union(_)
            );
            index.composite.insert(name.clone(), composite);
            if let Some(fields) = fields {
                let by_name = fields
                    .iter()
                    .map(|field| {
                        let mut ty = &field.node.ty.node;
                        while let BaseType::List(inner) = &ty.base {
                            ty = inner;
                        }
                        let named = match &ty.base {
                            BaseType::Named(named) => named.to_string(),
                            BaseType::List(_) => String::new(),
                        };
                        (field.node.name.node.to_string(), named)
                    })
                    .collect();
                index.fields.insert(name, by_name);
            }
        }
        Ok(index)
    }

    fn field_type(&self, parent: &str, field: &str) -> Option<&str> {
        self.fields
            .get(parent)
            .and_then(|fields| fields.get(field))
            .map(String::as_str)
    }

    fn is_composite(&self, ty: &str) -> bool {
        self.composite.get(ty).copied().unwrap_or(false)
    }

    /// The cost of the operation a request runs (`operation_name` picks one of several).
    /// Unknown fields cost nothing here: validation refuses them afterwards.
    pub fn cost(
        &self,
        document: &ExecutableDocument,
        operation_name: Option<&str>,
        variables: &Variables,
    ) -> u64 {
        let walk = Walk {
            index: self,
            document,
            variables,
        };
        let operations: Vec<_> = match &document.operations {
            DocumentOperations::Single(operation) => vec![&operation.node],
            DocumentOperations::Multiple(operations) => match operation_name {
                Some(name) => operations
                    .iter()
                    .filter(|(n, _)| n.as_str() == name)
                    .map(|(_, op)| &op.node)
                    .collect(),
                // Without a name the engine refuses a multi-operation document; charge the
                // dearest so nothing slips through.
                None => operations.values().map(|op| &op.node).collect(),
            },
        };
        operations
            .into_iter()
            .map(|operation| {
                let root = match operation.ty {
                    OperationType::Query => &self.roots[0],
                    OperationType::Mutation => &self.roots[1],
                    OperationType::Subscription => &self.roots[2],
                };
                root.as_deref()
                    .map(|root| walk.set(&operation.selection_set.node, root, 0))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }
}

struct Walk<'a> {
    index: &'a TypeIndex,
    document: &'a ExecutableDocument,
    variables: &'a Variables,
}

/// Fragment spreads are bounded by the guard's expansion check, which runs first; this depth
/// bound only keeps a cyclic document (refused by the guard anyway) from recursing forever.
const MAX_WALK: usize = 64;

impl Walk<'_> {
    fn set(&self, set: &SelectionSet, parent: &str, depth: usize) -> u64 {
        if depth > MAX_WALK {
            return 0;
        }
        set.items
            .iter()
            .map(|selection| match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let name = field.name.node.as_str();
                    if name.starts_with("__") {
                        return 0;
                    }
                    let Some(ty) = self.index.field_type(parent, name) else {
                        return 0;
                    };
                    if !self.index.is_composite(ty) {
                        return 0;
                    }
                    let inner = &field.selection_set.node;
                    if ty.ends_with("Connection") {
                        let first = self.first(field);
                        2u64.saturating_add(first.saturating_mul(self.items(inner, ty, depth)))
                    } else {
                        1u64.saturating_add(self.set(inner, ty, depth + 1))
                    }
                }
                Selection::InlineFragment(fragment) => {
                    let fragment = &fragment.node;
                    let ty = fragment
                        .type_condition
                        .as_ref()
                        .map(|c| c.node.on.node.as_str())
                        .unwrap_or(parent);
                    self.set(&fragment.selection_set.node, ty, depth + 1)
                }
                Selection::FragmentSpread(spread) => self
                    .document
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .map(|fragment| {
                        let fragment = &fragment.node;
                        self.set(
                            &fragment.selection_set.node,
                            fragment.type_condition.node.on.node.as_str(),
                            depth + 1,
                        )
                    })
                    .unwrap_or(0),
            })
            .fold(0u64, u64::saturating_add)
    }

    /// The cost of one item of a connection: its `edges` and `nodes` as objects; `pageInfo` and
    /// `totalCount` are in the connection's fixed 2.
    fn items(&self, set: &SelectionSet, connection: &str, depth: usize) -> u64 {
        set.items
            .iter()
            .map(|selection| match &selection.node {
                Selection::Field(field) if field.node.name.node.as_str() == "pageInfo" => 0,
                Selection::Field(_) => self.set(
                    &SelectionSet {
                        items: vec![selection.clone()],
                    },
                    connection,
                    depth + 1,
                ),
                Selection::InlineFragment(fragment) => {
                    self.items(&fragment.node.selection_set.node, connection, depth + 1)
                }
                Selection::FragmentSpread(spread) => self
                    .document
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .map(|f| self.items(&f.node.selection_set.node, connection, depth + 1))
                    .unwrap_or(0),
            })
            .fold(0u64, u64::saturating_add)
    }

    /// `first` as given, literally or by variable; the default page otherwise. A negative or
    /// malformed value costs the default: the resolver refuses it anyway.
    fn first(&self, field: &Field) -> u64 {
        let Some((_, value)) = field
            .arguments
            .iter()
            .find(|(name, _)| name.node == "first")
        else {
            return DEFAULT_FIRST;
        };
        let value = value
            .node
            .clone()
            .into_const_with(|name| {
                Ok::<_, ()>(
                    self.variables
                        .get(&name)
                        .cloned()
                        .unwrap_or(async_graphql::Value::Null),
                )
            })
            .unwrap_or(async_graphql::Value::Null);
        match value {
            async_graphql::Value::Number(n) => n
                .as_u64()
                .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
                .unwrap_or(DEFAULT_FIRST),
            _ => DEFAULT_FIRST,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(query: &str, variables: serde_json::Value) -> u64 {
        let index = TypeIndex::from_sdl(&crate::graphql::sdl()).expect("the SDL parses");
        let document = async_graphql::parser::parse_query(query).expect("the query parses");
        index.cost(&document, None, &Variables::from_json(variables))
    }

    #[test]
    fn scalars_are_free_and_objects_cost_one() {
        assert_eq!(cost("{ __typename }", serde_json::json!({})), 0);
        assert_eq!(
            cost("{ me { organisation { name } } }", serde_json::json!({})),
            2
        );
    }

    #[test]
    fn a_connection_costs_two_plus_first_times_an_item() {
        // 2 + 20 × (node 1 + lead 1).
        let q = "{ projects(first: 20) { nodes { title lead { name } } pageInfo { hasNextPage } totalCount } }";
        assert_eq!(cost(q, serde_json::json!({})), 2 + 20 * 2);
        // Edges are objects too: 2 + 10 × (edge 1 + node 1).
        let q = "{ projects(first: 10) { edges { cursor node { id } } } }";
        assert_eq!(cost(q, serde_json::json!({})), 22);
    }

    #[test]
    fn first_comes_from_variables_and_defaults_to_a_page() {
        let q = "query($n: Int) { projects(first: $n) { nodes { id } } }";
        assert_eq!(cost(q, serde_json::json!({ "n": 500 })), 502);
        assert_eq!(cost(q, serde_json::json!({})), 2 + DEFAULT_FIRST);
    }

    #[test]
    fn nested_connections_multiply_and_fragments_count() {
        let q = "{ wijken(first: 10) { nodes { ...W } } } fragment W on Wijk { projects(first: 20) { nodes { id } } }";
        assert_eq!(cost(q, serde_json::json!({})), 2 + 10 * (1 + 2 + 20));
    }
}
