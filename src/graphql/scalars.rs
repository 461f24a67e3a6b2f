//! Scalars of the API with their own wire format, and how a count becomes a GraphQL `Int`.

use async_graphql::{InputType, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

/// A count as a GraphQL `Int` (32-bit): a count beyond it shows as the largest `Int`.
pub fn count(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// A scalar written as a string: `parse` reads the text, `expected` says what a wrong one should
/// have looked like.
fn parse_string<T: InputType>(
    value: Value,
    parse: fn(&str) -> Option<T>,
    expected: &'static str,
) -> InputValueResult<T> {
    match &value {
        Value::String(text) => parse(text).ok_or_else(|| InputValueError::custom(expected)),
        _ => Err(InputValueError::expected_type(value)),
    }
}

/// A calendar date, `YYYY-MM-DD` (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Exactly `YYYY-MM-DD`: chrono's `%Y-%m-%d` alone also takes `2023-2-3`, `+2023-01-01` and
    /// leading spaces, which other clients' date parsers read differently (or not at all), so
    /// what a client stored would not be what it sent.
    fn parse_text(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let shape = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        // The shape is right; chrono now only checks that the day exists (no 2023-02-30).
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Date)
    }
}

/// A calendar date, exactly `YYYY-MM-DD` (RFC 3339 `full-date`, e.g. `2026-03-01`): four-digit
/// year, two-digit month and day, no sign, no spaces, no time or zone.
#[Scalar(
    name = "Date",
    specified_by_url = "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"
)]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        parse_string(
            value,
            Date::parse_text,
            "expected a date as YYYY-MM-DD, e.g. \"2026-03-01\"",
        )
    }

    /// Validation asks this of literals (the default says yes to anything), so a bad date in the
    /// document is refused before anything runs, naming the argument it is in.
    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::String(text) if Date::parse_text(text).is_some())
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// An amount of money in euros as a decimal string with two decimals, e.g. `"12500.00"`.
/// A string because GraphQL `Int` is 32-bit and a float loses cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Euro(pub i64);

impl Euro {
    pub fn from_cents(cents: i64) -> Self {
        Self(cents)
    }

    fn format(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    fn parse_text(text: &str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty()
            || fraction.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let cents: i64 = format!("{fraction:0<2}").parse().ok()?;
        let value = whole.checked_mul(100)?.checked_add(cents)?;
        Some(Self(if negative { -value } else { value }))
    }
}

/// An amount of money in euros (ISO 4217 `EUR`, two minor units) as a JSON string: an
/// optional `-`, whole euros, and optionally `.` with one or two digits of cents. Answers always
/// carry two decimals (`"12500.00"`); input may omit them (`"12500"`, `"12500.5"`). A string
/// because a GraphQL `Int` is 32-bit and a `Float` loses cents.
#[Scalar(
    name = "Euro",
    specified_by_url = "https://www.iso.org/iso-4217-currency-codes.html"
)]
impl ScalarType for Euro {
    fn parse(value: Value) -> InputValueResult<Self> {
        parse_string(
            value,
            Euro::parse_text,
            "expected euros as a decimal string, e.g. \"1250.50\"",
        )
    }

    fn to_value(&self) -> Value {
        Value::String(self.format())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_exactly_yyyy_mm_dd() {
        assert_eq!(
            Date::parse_text("2023-02-03"),
            NaiveDate::from_ymd_opt(2023, 2, 3).map(Date)
        );
        assert!(Date::parse_text("2024-02-29").is_some(), "a leap day");
        for bad in [
            "2023-2-3",
            "+2023-01-01",
            " 2023-01-01",
            "2023-01-01 ",
            "2023-02-30",
            "2023-13-01",
            "20230101",
            "2023/01/01",
            "-023-01-01",
            "２023-01-01",
            "",
        ] {
            assert_eq!(Date::parse_text(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn euros_format_and_parse_exactly() {
        assert_eq!(Euro(1_250_050).format(), "12500.50");
        assert_eq!(Euro(5).format(), "0.05");
        assert_eq!(Euro::parse_text("12500.5"), Some(Euro(1_250_050)));
        assert_eq!(Euro::parse_text("3000000000"), Some(Euro(300_000_000_000)));
        for bad in ["", "1.234", "1e3", "abc", ".5", "1,00"] {
            assert_eq!(Euro::parse_text(bad), None, "{bad}");
        }
    }
}
