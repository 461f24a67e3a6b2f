//! Checks on a GraphQL document made before the engine parses or validates it: the parser
//! recurses once per nesting level (about 1,600 nested `[` overflow its stack) and validation
//! expands fragments (30 fragments that each spread the previous one twice make 2^30 fields), so
//! both attacks must be refused while they are still cheap.

use std::collections::HashMap;

use async_graphql::parser::{
    parse_query,
    types::{ExecutableDocument, Selection, SelectionSet},
};

use crate::config::Limits;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the document is longer than {0} characters")]
    TooLong(usize),
    #[error("the document nests deeper than {0} levels")]
    TooDeep(usize),
    #[error("the document selects more than {0} fields once fragments are expanded")]
    TooManySelections(u64),
    #[error("a fragment spreads itself")]
    FragmentCycle,
    #[error("the selections nest deeper than {0} fields")]
    TooDeepSelections(usize),
    #[error("the document uses more than {0} aliases")]
    TooManyAliases(usize),
}

impl Refusal {
    /// A short label for metrics.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::TooLong(_) => "length",
            Self::TooDeep(_) => "nesting",
            Self::TooManySelections(_) => "selections",
            Self::FragmentCycle => "fragment_cycle",
            Self::TooDeepSelections(_) => "depth",
            Self::TooManyAliases(_) => "aliases",
        }
    }
}

/// Documents that passed [`check`], by their text. Clients send the same few documents again
/// and again with other variables; a hit skips the parse and the walks (about 6 % of a lookup's
/// CPU) for a copy of the parsed document. Only passed documents are kept, and the limits they
/// passed are the process's, so a hit is exactly what a fresh check would answer.
pub struct Checked {
    documents: std::sync::Mutex<lru::LruCache<Box<str>, ExecutableDocument>>,
}

/// How many documents are kept, and the longest kept: an application's operations are short,
/// while a caller sending ever new long documents must not grow the process (at most about
/// 256 × (4 KiB of text + its parsed form) here).
pub(super) const CHECKED_KEPT: usize = 256;
pub(super) const CHECKED_LONGEST: usize = 4096;

impl Default for Checked {
    fn default() -> Self {
        Self {
            documents: std::sync::Mutex::new(lru::LruCache::new(
                std::num::NonZeroUsize::new(CHECKED_KEPT).unwrap_or(std::num::NonZeroUsize::MIN),
            )),
        }
    }
}

impl Checked {
    /// [`check`], answered from the documents that passed before when the text is one of them.
    pub fn check(
        &self,
        query: &str,
        limits: &Limits,
    ) -> Result<Option<ExecutableDocument>, Refusal> {
        let lock = || self.documents.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(document) = lock().get(query) {
            return Ok(Some(document.clone()));
        }
        let document = check(query, limits)?;
        if let Some(document) = document.as_ref().filter(|_| query.len() <= CHECKED_LONGEST) {
            lock().put(query.into(), document.clone());
        }
        Ok(document)
    }
}

/// Checks the document and returns it parsed, or `None` when it does not parse (the engine then
/// reports the syntax error with its position).
pub fn check(query: &str, limits: &Limits) -> Result<Option<ExecutableDocument>, Refusal> {
    if query.chars().count() > limits.document_chars {
        return Err(Refusal::TooLong(limits.document_chars));
    }
    if nesting(query) > limits.nesting {
        return Err(Refusal::TooDeep(limits.nesting));
    }
    // Syntax errors are the engine's to report, with its positions.
    let Ok(document) = parse_query(query) else {
        return Ok(None);
    };
    let mut memo = HashMap::new();
    let mut total: u64 = 0;
    for (_, operation) in document.operations.iter() {
        let set = &operation.node.selection_set.node;
        total = total.saturating_add(count(
            &document,
            set,
            &mut memo,
            &mut Vec::new(),
            limits.selections,
        )?);
        if total > limits.selections {
            return Err(Refusal::TooManySelections(limits.selections));
        }
    }
    // Expansion is bounded now, so the shape can be measured by walking it.
    for (_, operation) in document.operations.iter() {
        let shape = measure(&document, &operation.node.selection_set.node);
        if shape.depth > limits.depth {
            return Err(Refusal::TooDeepSelections(limits.depth));
        }
        if shape.aliases > limits.aliases {
            return Err(Refusal::TooManyAliases(limits.aliases));
        }
    }
    Ok(Some(document))
}

#[derive(Default)]
struct Shape {
    depth: usize,
    aliases: usize,
}

/// Depth and aliases of a selection set with fragments expanded. Introspection fields count like
/// any other: 197 aliases of `__schema` once made an 80 MB answer. The playground's own schema
/// query, deeper than the limit, is recognised whole before this check (see `introspection`).
fn measure(document: &ExecutableDocument, set: &SelectionSet) -> Shape {
    let mut shape = Shape::default();
    for selection in &set.items {
        let inner = match &selection.node {
            Selection::Field(field) => {
                let field = &field.node;
                let below = measure(document, &field.selection_set.node);
                Shape {
                    depth: below.depth + 1,
                    aliases: below.aliases + usize::from(field.alias.is_some()),
                }
            }
            Selection::InlineFragment(fragment) => {
                measure(document, &fragment.node.selection_set.node)
            }
            Selection::FragmentSpread(spread) => {
                match document.fragments.get(&spread.node.fragment_name.node) {
                    Some(fragment) => measure(document, &fragment.node.selection_set.node),
                    None => Shape::default(),
                }
            }
        };
        shape.depth = shape.depth.max(inner.depth);
        shape.aliases += inner.aliases;
    }
    shape
}

/// The deepest nesting of `{`, `[` and `(` outside strings and comments.
fn nesting(query: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut chars = query.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let block = chars.peek() == Some(&'"') && {
                    chars.next();
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        true
                    } else {
                        // An empty string `""`.
                        continue;
                    }
                };
                let mut quotes = 0;
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        chars.next();
                        quotes = 0;
                        continue;
                    }
                    if c == '"' {
                        quotes += 1;
                        if !block || quotes == 3 {
                            break;
                        }
                    } else {
                        quotes = 0;
                    }
                }
            }
            '{' | '[' | '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            '}' | ']' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn count<'a>(
    document: &'a ExecutableDocument,
    set: &'a SelectionSet,
    memo: &mut HashMap<&'a str, u64>,
    path: &mut Vec<&'a str>,
    limit: u64,
) -> Result<u64, Refusal> {
    let mut total: u64 = 0;
    for selection in &set.items {
        let n = match &selection.node {
            Selection::Field(field) => {
                1 + count(document, &field.node.selection_set.node, memo, path, limit)?
            }
            Selection::InlineFragment(fragment) => count(
                document,
                &fragment.node.selection_set.node,
                memo,
                path,
                limit,
            )?,
            Selection::FragmentSpread(spread) => {
                let name = spread.node.fragment_name.node.as_str();
                if let Some(n) = memo.get(name) {
                    *n
                } else if path.contains(&name) {
                    return Err(Refusal::FragmentCycle);
                } else if let Some(fragment) =
                    document.fragments.get(&spread.node.fragment_name.node)
                {
                    path.push(name);
                    let n = count(
                        document,
                        &fragment.node.selection_set.node,
                        memo,
                        path,
                        limit,
                    )?;
                    path.pop();
                    memo.insert(name, n);
                    n
                } else {
                    0
                }
            }
        };
        total = total.saturating_add(n);
        if total > limit {
            return Err(Refusal::TooManySelections(limit));
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str) -> Result<(), Refusal> {
        super::check(query, &Limits::default()).map(|_| ())
    }

    /// A query of `count` aliases of one selection: `{ a0: … a1: … }`.
    fn aliased(count: usize, selection: &str) -> String {
        let aliases: String = (0..count).map(|i| format!("a{i}: {selection} ")).collect();
        format!("{{ {aliases} }}")
    }

    #[test]
    fn a_remembered_document_is_what_a_fresh_check_answers() {
        let checked = Checked::default();
        let limits = Limits::default();
        let query = "query($id: ID!) { project(id: $id) { title wijken { name } } }";
        let fresh = super::check(query, &limits).expect("passes");
        for _ in 0..2 {
            assert_eq!(
                format!("{:?}", checked.check(query, &limits).expect("passes")),
                format!("{fresh:?}")
            );
        }
        // A refused document is refused every time, and a syntax error stays the engine's.
        let flood = aliased(limits.aliases + 1, "__typename");
        for _ in 0..2 {
            assert!(checked.check(&flood, &limits).is_err());
            assert_eq!(
                checked.check("{ project(", &limits).map(|d| d.is_none()),
                Ok(true)
            );
        }
    }

    #[test]
    fn ordinary_documents_pass() {
        assert_eq!(
            check("{ projects(first: 5) { nodes { title wijken { code } } } }"),
            Ok(())
        );
        assert_eq!(
            check(r#"{ wijk(code: "WK{[(051836") { name } } # {{{{"#),
            Ok(())
        );
    }

    #[test]
    fn introspection_counts_for_depth_and_aliases() {
        let deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }";
        assert_eq!(check(deep), Err(Refusal::TooDeepSelections(10)));
        assert_eq!(
            check(&aliased(30, "__typename")),
            Err(Refusal::TooManyAliases(15))
        );
        assert_eq!(
            check(&aliased(16, "__schema { types { name } }")),
            Err(Refusal::TooManyAliases(15))
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let attack = format!(
            "{{ projects(filter: {{ search: {}\"x\"{} }}) {{ totalCount }} }}",
            "[".repeat(1600),
            "]".repeat(1600)
        );
        assert_eq!(check(&attack), Err(Refusal::TooDeep(64)));
    }

    #[test]
    fn fragment_doubling_is_refused_before_validation() {
        let mut doc =
            String::from("query { ...F29 }\nfragment F0 on Query { stadsdelen { totalCount } }\n");
        for i in 1..30 {
            doc.push_str(&format!(
                "fragment F{i} on Query {{ ...F{p} ...F{p} }}\n",
                p = i - 1
            ));
        }
        assert_eq!(check(&doc), Err(Refusal::TooManySelections(10_000)));
        assert_eq!(
            check("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            Err(Refusal::FragmentCycle)
        );
    }

    #[test]
    fn long_documents_are_refused() {
        assert_eq!(
            check(&format!("{{ {} }}", "a ".repeat(10_000))),
            Err(Refusal::TooLong(15_000))
        );
    }

    #[test]
    fn depth_and_aliases_are_bounded() {
        let deep = "{ a { b { c { d { e { f { g { h { i { j { k } } } } } } } } } } }";
        assert_eq!(check(deep), Err(Refusal::TooDeepSelections(10)));
        let flood = aliased(16, "stadsdelen { totalCount }");
        assert_eq!(check(&flood), Err(Refusal::TooManyAliases(15)));
        let limits = Limits {
            aliases: 20,
            ..Limits::default()
        };
        assert_eq!(
            super::check(&flood, &limits).map(|d| d.is_some()),
            Ok(true),
            "limits are configurable"
        );
    }
}
