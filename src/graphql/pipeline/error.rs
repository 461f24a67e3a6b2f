//! The one edge where domain errors become GraphQL errors with `extensions.code`.
//!
//! Resolvers return [`GqlResult`]. `GqlError` deliberately does not implement `Display`: that way
//! async-graphql's blanket `From<T: Display>` cannot turn an error into one without a code.

use async_graphql::ErrorExtensions;

use crate::error::{ApiError, ErrorCode};

#[derive(Clone)]
pub struct GqlError(async_graphql::Error);

pub type GqlResult<T> = Result<T, GqlError>;

impl<E: Into<ApiError>> From<E> for GqlError {
    fn from(error: E) -> Self {
        Self(to_graphql(error.into()))
    }
}

impl From<GqlError> for async_graphql::Error {
    fn from(GqlError(error): GqlError) -> Self {
        error
    }
}

fn to_graphql(error: ApiError) -> async_graphql::Error {
    {
        let code = error.code();
        let message = match &error {
            ApiError::Database(_) | ApiError::Shared(_) | ApiError::Internal(_) => {
                // The details go to the log (with the request id of the surrounding span), never
                // to the caller.
                tracing::error!(error = ?error, "internal error");
                "internal error; the server log has the details under this response's request id"
                    .to_owned()
            }
            other => other.to_string(),
        };
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", code);
            match &error {
                ApiError::BadInput { field, .. } => ext.set("field", field.as_str()),
                ApiError::Conflict { current_version } => {
                    ext.set("currentVersion", *current_version)
                }
                _ => {}
            }
        })
    }
}

/// Errors raised by the engine itself (syntax, validation, input coercion) carry no code: they
/// are all the caller's input, so they become `BAD_USER_INPUT`, with `field` naming the input
/// at fault: the argument or variable the engine names, else the document (`query`). A syntax
/// error's message becomes one line; where it is stays in `locations`.
pub fn classify_uncoded(error: &mut async_graphql::ServerError) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_some() {
        return;
    }
    extensions.set("code", ErrorCode::BadUserInput);
    if let Some(message) = one_line_syntax_error(&error.message) {
        error.message = message;
    }
    let field = named_input(&error.message).unwrap_or_else(|| {
        if error.path.is_empty() {
            "query".to_owned()
        } else {
            error
                .path
                .iter()
                .map(|segment| match segment {
                    async_graphql::PathSegment::Field(name) => name.clone(),
                    async_graphql::PathSegment::Index(i) => i.to_string(),
                })
                .collect::<Vec<_>>()
                .join(".")
        }
    });
    if let Some(extensions) = error.extensions.as_mut() {
        extensions.set("field", field);
    }
}

/// The parser's message draws the document with a caret over several lines
/// (` --> 1:12`, the line, `= expected name`); a client shows one line, so it becomes
/// `syntax error at line 1, column 12: expected name`.
fn one_line_syntax_error(message: &str) -> Option<String> {
    if !message.contains('\n') {
        return None;
    }
    let mut lines = message.lines().map(str::trim);
    let position = lines
        .clone()
        .find_map(|line| line.strip_prefix("-->"))
        .map(str::trim)?;
    let reason = lines
        .find_map(|line| line.strip_prefix("= "))
        .unwrap_or("the document is not valid GraphQL");
    let at = match position.split_once(':') {
        Some((line, column)) => format!("line {line}, column {column}"),
        None => position.to_owned(),
    };
    Some(format!("syntax error at {at}: {reason}"))
}

/// The argument or variable an engine message names: `argument "filter.phase"` or
/// `variable "$f"`.
fn named_input(message: &str) -> Option<String> {
    for marker in ["argument \"", "Argument \"", "variable \"", "Variable \""] {
        if let Some(start) = message.find(marker) {
            let rest = &message[start + marker.len()..];
            let name = rest.split('"').next()?;
            return Some(name.trim_start_matches('$').to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{named_input, one_line_syntax_error};

    #[test]
    fn a_syntax_error_is_one_line() {
        let parser = " --> 1:12\n  |\n1 | { projects(\n  |            ^---\n  |\n  = expected name";
        assert_eq!(
            one_line_syntax_error(parser).as_deref(),
            Some("syntax error at line 1, column 12: expected name")
        );
        assert_eq!(one_line_syntax_error("Unknown field \"x\""), None);
    }

    #[test]
    fn engine_messages_name_the_input() {
        assert_eq!(
            named_input(
                r#"Invalid value for argument "filter.phase", enumeration type "Phase" does not contain the value "X""#
            ),
            Some("filter.phase".to_owned())
        );
        assert_eq!(
            named_input(r#"Variable "$f" got invalid value"#),
            Some("f".to_owned())
        );
        assert_eq!(named_input("Unknown field"), None);
    }
}
