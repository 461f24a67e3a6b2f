//! Checks on input, each naming the offending input field.

use chrono::NaiveDate;

use crate::error::{ApiError, ApiResult};

/// Trimmed text of `min..=max` characters.
pub fn text(field: &str, value: &str, min: usize, max: usize) -> ApiResult<String> {
    let value = value.trim();
    let length = value.chars().count();
    if length < min {
        return Err(ApiError::bad_input(
            field,
            if min == 1 {
                format!("{field} must not be empty")
            } else {
                format!("{field} must be at least {min} characters")
            },
        ));
    }
    if length > max {
        return Err(ApiError::bad_input(
            field,
            format!("{field} must be at most {max} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(ApiError::bad_input(
            field,
            format!("{field} contains control characters"),
        ));
    }
    Ok(value.to_owned())
}

pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> ApiResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => text(field, v, 1, max).map(Some),
    }
}

pub fn score(field: &str, value: i32) -> ApiResult<i16> {
    if (0..=3).contains(&value) {
        Ok(value as i16)
    } else {
        Err(ApiError::bad_input(
            field,
            format!("{field} must be between 0 and 3"),
        ))
    }
}

pub fn count(field: &str, value: Option<i32>) -> ApiResult<Option<i32>> {
    match value {
        Some(n) if n < 0 => Err(ApiError::bad_input(
            field,
            format!("{field} must not be negative"),
        )),
        other => Ok(other),
    }
}

pub fn dates_in_order(
    field: &str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> ApiResult<()> {
    match (start, end) {
        (Some(start), Some(end)) if end < start => Err(ApiError::bad_input(
            field,
            "the end date must not be before the start date",
        )),
        _ => Ok(()),
    }
}

/// A list without duplicates, of at least `min` and at most `max` items.
pub fn distinct<T: PartialEq + Clone>(
    field: &str,
    items: &[T],
    min: usize,
    max: usize,
) -> ApiResult<Vec<T>> {
    if items.len() < min {
        return Err(ApiError::bad_input(
            field,
            format!("{field} needs at least {min} item(s)"),
        ));
    }
    if items.len() > max {
        return Err(ApiError::bad_input(
            field,
            format!("{field} takes at most {max} items"),
        ));
    }
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if out.contains(item) {
            return Err(ApiError::bad_input(
                field,
                format!("{field} lists an item twice"),
            ));
        }
        out.push(item.clone());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            text("title", "  Taalcafé ", 1, 10).ok().as_deref(),
            Some("Taalcafé")
        );
        assert!(text("title", "   ", 1, 10).is_err());
        assert!(text("title", "elf tekens!", 1, 10).is_err());
        assert!(text("title", "a\u{0}b", 1, 10).is_err());
    }

    #[test]
    fn scores_are_zero_to_three() {
        assert!(score("s", 3).is_ok());
        assert!(score("s", 4).is_err());
        assert!(score("s", -1).is_err());
    }
}
