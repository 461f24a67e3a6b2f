//! The playground's schema query. GraphiQL (and most GraphQL tooling) loads the schema with one
//! well-known document, graphql-js's `getIntrospectionQuery()`, which nests `ofType` nine levels
//! deep and so breaks the depth limit that every other introspection is held to. That exact
//! document is recognised here instead, charged a fixed cost, and answered from a copy made once
//! per schema: the answer is the same for every caller (no field of this schema is hidden per
//! caller), so recomputing it per request would only burn a worker.

use std::sync::LazyLock;

/// The document as GraphiQL 3 sends it (`getIntrospectionQuery()` with its default options).
const STANDARD: &str = include_str!("introspection.graphql");

/// What the recognised schema query costs: its answer is a copy, not a walk of the schema, but it
/// is large (hundreds of kilobytes), so reloading it is not free either.
pub const STANDARD_COST: u64 = 100;

/// Which recognised document a request sends. GraphiQL retries without `subscriptionType` when a
/// server refuses that field, so both are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    Full,
    WithoutSubscriptionType,
}

impl Standard {
    pub fn index(self) -> usize {
        match self {
            Self::Full => 0,
            Self::WithoutSubscriptionType => 1,
        }
    }
}

/// Whether `query` is the standard schema query, ignoring layout (whitespace and commas).
pub fn recognise(query: &str) -> Option<Standard> {
    // Cheap refusal first: every operation passes here, and only documents of about this length
    // can be the standard one.
    if query.len() > 4 * STANDARD.len() {
        return None;
    }
    static KNOWN: LazyLock<[Vec<String>; 2]> = LazyLock::new(|| {
        let of = |text: &str| tokens(text).unwrap_or_default();
        [
            of(STANDARD),
            of(&STANDARD.replace("subscriptionType { name }", "")),
        ]
    });
    let tokens = tokens(query)?;
    if tokens == KNOWN[0] {
        Some(Standard::Full)
    } else if tokens == KNOWN[1] {
        Some(Standard::WithoutSubscriptionType)
    } else {
        None
    }
}

/// The document's tokens: names and punctuators, with whitespace and commas dropped. `None` for
/// anything the standard document does not contain (strings, comments, numbers), which can then
/// never match it.
fn tokens(text: &str) -> Option<Vec<String>> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() || c == ',' || c == '\u{feff}' => {}
            '{' | '}' | '(' | ')' | ':' => tokens.push(c.to_string()),
            '.' => {
                if chars.next() != Some('.') || chars.next() != Some('.') {
                    return None;
                }
                tokens.push("...".to_owned());
            }
            c if c == '_' || c.is_ascii_alphabetic() => {
                let mut name = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next == '_' || next.is_ascii_alphanumeric() {
                        name.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(name);
            }
            _ => return None,
        }
    }
    Some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact text GraphiQL 3.8.3 (the playground's `graphiql.min.js`) sends: its
    /// `getIntrospectionQuery` run under node with the options the playground passes.
    const GRAPHIQL: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/graphiql-introspection.graphql"
    ));

    #[test]
    fn graphiqls_schema_query_is_recognised_whatever_its_layout() {
        assert_eq!(recognise(GRAPHIQL), Some(Standard::Full));
        assert_eq!(
            recognise(&GRAPHIQL.replace("subscriptionType { name }", "")),
            Some(Standard::WithoutSubscriptionType)
        );
        assert_eq!(
            recognise(&GRAPHIQL.replace('\n', ",")),
            Some(Standard::Full)
        );
    }

    #[test]
    fn anything_else_is_not() {
        // One more field, an alias, a different name, a comment: all ordinary documents.
        for other in [
            GRAPHIQL.replace("kind\n", "kind name\n"),
            GRAPHIQL.replace("queryType { name }", "queryType { n: name }"),
            GRAPHIQL.replace("__schema {", "a: __schema {"),
            GRAPHIQL.replace("query IntrospectionQuery", "query Other"),
            format!("# hi\n{GRAPHIQL}"),
            "{ __schema { types { name } } }".to_owned(),
        ] {
            assert_eq!(recognise(&other), None, "{other}");
        }
    }
}
