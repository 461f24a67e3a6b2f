//! The estimated cost of an operation, computed from the document before anything runs: each
//! object 1, scalars and enums 0, a connection 2 + `first` × the cost of one of its items, and a
//! plain list (one without `first`) its expected size × the cost of one item. Introspection
//! (`__schema`, `__type`) counts like every other field. A caller's rate-limit budget is spent in
//! this unit and every response reports it.

use std::collections::HashMap;

use async_graphql::{
    Variables,
    parser::types::{
        BaseType, DocumentOperations, ExecutableDocument, Field, OperationDefinition,
        OperationType, Selection, SelectionSet, TypeKind, TypeSystemDefinition,
    },
};

/// The page size a connection returns when `first` is not given (see `service::page`).
const DEFAULT_FIRST: u64 = 50;

/// How many items a plain list of objects (one that is not a connection and so has no `first`:
/// `Project.participants`, `MeetingPlace.projects`, `Partner.children`, …) is charged for. These
/// lists hang off one object and stay short: in the Hague data a project has on average 3.2
/// participants, 2.4 effect assessments, 2.2 budget lines, 1.6 wijken and 0.8 meeting places.
/// Four is above every such average; a worst case (a project in every wijk) would make every
/// page of projects unaffordable for the few objects that are that large.
pub const LIST_SIZE: u64 = 4;

/// The introspection types of the GraphQL specification (section 4.5), which the served SDL
/// leaves out; only their object-valued fields matter for cost.
const INTROSPECTION_SDL: &str = r#"
type __Schema {
  description: String
  types: [__Type!]!
  queryType: __Type!
  mutationType: __Type
  subscriptionType: __Type
  directives: [__Directive!]!
}
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  isOneOf: Boolean
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
}
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}
type __InputValue {
  name: String!
  description: String
  type: __Type!
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}
type __Directive {
  name: String!
  description: String
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  isRepeatable: Boolean!
}
enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
enum __DirectiveLocation { QUERY }
"#;

/// Scalars every schema has that the SDL does not print.
const BUILT_IN_SCALARS: u64 = 5;
/// Directives every schema has that the SDL does not print (`include`, `skip`, `deprecated`,
/// `specifiedBy`, `oneOf`).
const BUILT_IN_DIRECTIVES: u64 = 5;

#[derive(Debug)]
struct FieldType {
    /// The named type inside any list and non-null wrappers.
    named: String,
    list: bool,
}

/// What the cost walk needs to know of the schema: each field's named result type and whether it
/// is a list, which types are objects (interfaces and unions count as objects), and how long the
/// introspection lists of this schema are.
#[derive(Debug, Default)]
pub struct TypeIndex {
    fields: HashMap<String, HashMap<String, FieldType>>,
    composite: HashMap<String, bool>,
    roots: [Option<String>; 3],
    /// Expected lengths of introspection lists, from the schema itself: `types` is every type,
    /// a type's `fields` the fields of all types over the number of types, and so on. Averages,
    /// so a walk of the whole schema is charged what it answers; `__type(name:)` on one large
    /// type is charged less than it answers, but one type's lists are short.
    list_sizes: HashMap<(String, String), u64>,
}

impl TypeIndex {
    /// Reads the served SDL, so the index can never disagree with the schema.
    pub fn from_sdl(sdl: &str) -> Result<Self, async_graphql::parser::Error> {
        let mut index = TypeIndex {
            roots: [
                Some("Query".to_owned()),
                Some("Mutation".to_owned()),
                Some("Subscription".to_owned()),
            ],
            ..Default::default()
        };
        let served = async_graphql::parser::parse_schema(sdl)?;
        let introspection = async_graphql::parser::parse_schema(INTROSPECTION_SDL)?;
        let mut sizes = Sizes::default();
        for definition in served
            .definitions
            .iter()
            .chain(introspection.definitions.iter())
        {
            let definition = match definition {
                TypeSystemDefinition::Type(definition) => &definition.node,
                TypeSystemDefinition::Directive(_) => {
                    sizes.directives += 1;
                    continue;
                }
                TypeSystemDefinition::Schema(_) => continue,
            };
            sizes.types += 1;
            let name = definition.name.node.to_string();
            let fields = match &definition.kind {
                TypeKind::Object(object) => {
                    // Each `implements` is an interface of this type and a possible type of
                    // that interface.
                    sizes.interfaces += object.implements.len() as u64;
                    sizes.possible += object.implements.len() as u64;
                    Some(&object.fields)
                }
                TypeKind::Interface(interface) => {
                    sizes.interfaces += interface.implements.len() as u64;
                    Some(&interface.fields)
                }
                TypeKind::Union(union) => {
                    sizes.possible += union.members.len() as u64;
                    None
                }
                TypeKind::Enum(enumeration) => {
                    sizes.enum_values += enumeration.values.len() as u64;
                    None
                }
                TypeKind::InputObject(input) => {
                    sizes.input_fields += input.fields.len() as u64;
                    None
                }
                TypeKind::Scalar => None,
            };
            let composite = matches!(
                definition.kind,
                TypeKind::Object(_) | TypeKind::Interface(_) | TypeKind::Union(_)
            );
            index.composite.insert(name.clone(), composite);
            if let Some(fields) = fields {
                sizes.fields += fields.len() as u64;
                let by_name = fields
                    .iter()
                    .map(|field| {
                        sizes.field_args += field.node.arguments.len() as u64;
                        let mut ty = &field.node.ty.node;
                        let mut list = false;
                        while let BaseType::List(inner) = &ty.base {
                            list = true;
                            ty = inner;
                        }
                        let named = match &ty.base {
                            BaseType::Named(named) => named.to_string(),
                            BaseType::List(_) => String::new(),
                        };
                        (field.node.name.node.to_string(), FieldType { named, list })
                    })
                    .collect();
                index.fields.insert(name, by_name);
            }
        }
        // The engine answers `__schema` and `__type` on the query root.
        if let Some(query) = index.fields.get_mut("Query") {
            let field = |named: &str| FieldType {
                named: named.to_owned(),
                list: false,
            };
            query.insert("__schema".to_owned(), field("__Schema"));
            query.insert("__type".to_owned(), field("__Type"));
        }
        let types = sizes.types + BUILT_IN_SCALARS;
        // At least one, so a list is never free however the schema looks.
        let per = |total: u64, over: u64| total.div_ceil(over.max(1)).max(1);
        for (parent, field, size) in [
            ("__Schema", "types", types),
            (
                "__Schema",
                "directives",
                sizes.directives + BUILT_IN_DIRECTIVES,
            ),
            ("__Type", "fields", per(sizes.fields, types)),
            ("__Type", "interfaces", per(sizes.interfaces, types)),
            ("__Type", "possibleTypes", per(sizes.possible, types)),
            ("__Type", "enumValues", per(sizes.enum_values, types)),
            ("__Type", "inputFields", per(sizes.input_fields, types)),
            ("__Field", "args", per(sizes.field_args, sizes.fields)),
            // The built-in directives take at most one argument each.
            ("__Directive", "args", 1),
        ] {
            index
                .list_sizes
                .insert((parent.to_owned(), field.to_owned()), size);
        }
        Ok(index)
    }

    fn field_type(&self, parent: &str, field: &str) -> Option<&FieldType> {
        self.fields.get(parent).and_then(|fields| fields.get(field))
    }

    fn is_composite(&self, ty: &str) -> bool {
        self.composite.get(ty).copied().unwrap_or(false)
    }

    /// The expected length of a plain list: exact for introspection, [`LIST_SIZE`] otherwise.
    fn list_size(&self, parent: &str, field: &str) -> u64 {
        self.list_sizes
            .get(&(parent.to_owned(), field.to_owned()))
            .copied()
            .unwrap_or(LIST_SIZE)
    }

    /// The cost of the operation a request runs (`operation_name` picks one of several).
    /// Unknown fields cost nothing here: validation refuses them afterwards.
    pub fn cost(
        &self,
        document: &ExecutableDocument,
        operation_name: Option<&str>,
        variables: &Variables,
    ) -> u64 {
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
                let walk = Walk {
                    index: self,
                    document,
                    operation,
                    variables,
                };
                root.as_deref()
                    .map(|root| walk.set(&operation.selection_set.node, root, 0))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }
}

/// Totals over the schema, gathered while indexing it, for the introspection lists' sizes.
#[derive(Default)]
struct Sizes {
    types: u64,
    directives: u64,
    fields: u64,
    field_args: u64,
    interfaces: u64,
    possible: u64,
    enum_values: u64,
    input_fields: u64,
}

struct Walk<'a> {
    index: &'a TypeIndex,
    document: &'a ExecutableDocument,
    /// For the defaults of variables the request leaves out.
    operation: &'a OperationDefinition,
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
                    let Some(field_type) = self.index.field_type(parent, name) else {
                        return 0;
                    };
                    let ty = field_type.named.as_str();
                    if !self.index.is_composite(ty) {
                        return 0;
                    }
                    let inner = &field.selection_set.node;
                    // A connection's `edges` and `nodes` are its items, which `first` counts.
                    if field_type.list && !parent.ends_with("Connection") {
                        let size = self
                            .input_length(field)
                            .unwrap_or_else(|| self.index.list_size(parent, name));
                        let item = 1u64.saturating_add(self.set(inner, ty, depth + 1));
                        size.saturating_mul(item)
                    } else if ty.ends_with("Connection") {
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

    /// An argument's value, literally or by variable; a variable the request leaves out takes
    /// its default from the operation (`query($n: Int = 500)`), as the engine does.
    fn argument(&self, field: &Field, argument: &str) -> Option<async_graphql::Value> {
        let (_, value) = field
            .arguments
            .iter()
            .find(|(name, _)| name.node == argument)?;
        value
            .node
            .clone()
            .into_const_with(|name| {
                let given = self.variables.get(&name).cloned();
                let default = || {
                    self.operation
                        .variable_definitions
                        .iter()
                        .find(|definition| definition.node.name.node == name)
                        .and_then(|definition| definition.node.default_value.as_ref())
                        .map(|value| value.node.clone())
                };
                Ok::<_, ()>(given.or_else(default).unwrap_or(async_graphql::Value::Null))
            })
            .ok()
    }

    /// A list answered item by item for a list given as `input` (`upsertProjects(input: […])`)
    /// is exactly as long as that list.
    fn input_length(&self, field: &Field) -> Option<u64> {
        match self.argument(field, "input")? {
            async_graphql::Value::List(items) => Some(items.len() as u64),
            _ => None,
        }
    }

    /// `first` as given, literally or by variable (or the variable's default); the default page
    /// otherwise. A negative or malformed value costs the default: the resolver refuses it anyway.
    fn first(&self, field: &Field) -> u64 {
        let value = self
            .argument(field, "first")
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
    fn a_variable_left_out_costs_its_default() {
        let q = "query($n: Int = 500) { changes(first: $n) { nodes { cursor } } }";
        assert_eq!(cost(q, serde_json::json!({})), 2 + 500);
        assert_eq!(cost(q, serde_json::json!({ "n": 10 })), 2 + 10);
    }

    #[test]
    fn a_plain_list_costs_its_expected_size() {
        // 2 + 10 × (place 1 + LIST_SIZE × project 1).
        let q = "{ meetingPlaces(first: 10) { nodes { projects { title } } } }";
        assert_eq!(cost(q, serde_json::json!({})), 2 + 10 * (1 + LIST_SIZE));
        // Lists multiply like connections do: 1 + 4 × (project 1 + 4 × wijk 1).
        let q = "{ meetingPlace(id: \"x\") { projects { wijken { code } } } }";
        assert_eq!(
            cost(q, serde_json::json!({})),
            1 + LIST_SIZE * (1 + LIST_SIZE)
        );
        // A list of scalars or enums is free.
        let q = "{ meetingPlace(id: \"x\") { name } }";
        assert_eq!(cost(q, serde_json::json!({})), 1);
    }

    #[test]
    fn an_answer_per_input_item_costs_per_item() {
        let q = "mutation($items: [UpsertProjectInput!]!) { upsertProjects(input: $items) { externalId } }";
        let item = serde_json::json!({ "externalId": "x", "title": "t", "summary": "", "wijkCodes": [], "themes": [], "visibility": "SHARED" });
        let items: Vec<_> = (0..40).map(|_| item.clone()).collect();
        assert_eq!(cost(q, serde_json::json!({ "items": items })), 40);
    }

    #[test]
    fn introspection_counts_like_any_field() {
        assert_eq!(
            cost(
                "{ __type(name: \"Project\") { name } }",
                serde_json::json!({})
            ),
            1
        );
        let index = TypeIndex::from_sdl(&crate::graphql::sdl()).expect("the SDL parses");
        let types = index.list_size("__Schema", "types");
        assert!(types > 100, "every type of the schema: {types}");
        assert_eq!(
            cost("{ __schema { types { name } } }", serde_json::json!({})),
            1 + types
        );
        // The bomb's building block: above the operation limit on its own.
        let bomb = "{ __schema { types { fields { type { fields { name } } } } } }";
        assert!(cost(bomb, serde_json::json!({})) > 1_000);
    }

    #[test]
    fn nested_connections_multiply_and_fragments_count() {
        let q = "{ wijken(first: 10) { nodes { ...W } } } fragment W on Wijk { projects(first: 20) { nodes { id } } }";
        assert_eq!(cost(q, serde_json::json!({})), 2 + 10 * (1 + 2 + 20));
    }
}
