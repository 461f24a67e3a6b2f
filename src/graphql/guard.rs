//! Checks on a GraphQL document made before the engine parses or validates it: the parser
//! recurses once per nesting level (about 1,600 nested `[` overflow its stack) and validation
//! expands fragments (30 fragments that each spread the previous one twice make 2^30 fields), so
//! both attacks must be refused while they are still cheap.

use std::collections::HashMap;

use async_graphql::parser::{
    parse_query,
    types::{ExecutableDocument, Selection, SelectionSet},
};

/// Documents longer than this are refused unread.
pub const MAX_DOCUMENT_CHARS: usize = 15_000;
/// Brace, bracket and parenthesis nesting allowed.
pub const MAX_NESTING: usize = 64;
/// Field selections once every fragment is expanded.
pub const MAX_SELECTIONS: u64 = 10_000;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the document is longer than {MAX_DOCUMENT_CHARS} characters")]
    TooLong,
    #[error("the document nests deeper than {MAX_NESTING} levels")]
    TooDeep,
    #[error("the document selects more than {MAX_SELECTIONS} fields once fragments are expanded")]
    TooManySelections,
    #[error("a fragment spreads itself")]
    FragmentCycle,
}

pub fn check(query: &str) -> Result<(), Refusal> {
    if query.chars().count() > MAX_DOCUMENT_CHARS {
        return Err(Refusal::TooLong);
    }
    if nesting(query) > MAX_NESTING {
        return Err(Refusal::TooDeep);
    }
    // Syntax errors are the engine's to report, with its positions.
    let Ok(document) = parse_query(query) else {
        return Ok(());
    };
    let mut memo = HashMap::new();
    let mut total: u64 = 0;
    for (_, operation) in document.operations.iter() {
        total = total.saturating_add(count(
            &document,
            &operation.node.selection_set.node,
            &mut memo,
            &mut Vec::new(),
        )?);
        if total > MAX_SELECTIONS {
            return Err(Refusal::TooManySelections);
        }
    }
    Ok(())
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
) -> Result<u64, Refusal> {
    let mut total: u64 = 0;
    for selection in &set.items {
        let n = match &selection.node {
            Selection::Field(field) => {
                1 + count(document, &field.node.selection_set.node, memo, path)?
            }
            Selection::InlineFragment(fragment) => {
                count(document, &fragment.node.selection_set.node, memo, path)?
            }
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
                    let n = count(document, &fragment.node.selection_set.node, memo, path)?;
                    path.pop();
                    memo.insert(name, n);
                    n
                } else {
                    0
                }
            }
        };
        total = total.saturating_add(n);
        if total > MAX_SELECTIONS {
            return Err(Refusal::TooManySelections);
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn deep_nesting_is_refused_before_parsing() {
        let attack = format!(
            "{{ projects(filter: {{ search: {}\"x\"{} }}) {{ totalCount }} }}",
            "[".repeat(1600),
            "]".repeat(1600)
        );
        assert_eq!(check(&attack), Err(Refusal::TooDeep));
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
        assert_eq!(check(&doc), Err(Refusal::TooManySelections));
        assert_eq!(
            check("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            Err(Refusal::FragmentCycle)
        );
    }

    #[test]
    fn long_documents_are_refused() {
        assert_eq!(
            check(&format!("{{ {} }}", "a ".repeat(10_000))),
            Err(Refusal::TooLong)
        );
    }
}
