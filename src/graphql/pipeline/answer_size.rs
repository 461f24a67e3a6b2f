//! How large an answer is, for the response-size limit of admission: a bound from a walk of
//! the answer, and an exact count, by serialising, only when the bound is past the limit.

use std::io;

use async_graphql::Value;

/// Counts the bytes an answer serialises to, and stops the serialiser once past `limit`, so an
/// oversized answer is never built in full.
struct ByteCounter {
    written: usize,
    limit: usize,
}

impl io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.written = self.written.saturating_add(buf.len());
        if self.written > self.limit {
            return Err(io::Error::other("past the response-size limit"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether `data` serialises to more than `limit` bytes of JSON. Most answers are far below the
/// limit, which a walk of the answer shows without writing it; only the rest are serialised.
pub fn larger_than(data: &Value, limit: usize) -> bool {
    if at_most(data) <= limit {
        return false;
    }
    let mut counter = ByteCounter { written: 0, limit };
    serde_json::to_writer(&mut counter, data).is_err() && counter.written > limit
}

/// The most bytes `value` can serialise to as JSON: every byte of a string or name counted as
/// escaped (`\u00XX`, six bytes), every number at its longest.
fn at_most(value: &Value) -> usize {
    /// `-1.7976931348623157e308`, the longest a number serialises to.
    const NUMBER: usize = 24;
    let text = |len: usize| len.saturating_mul(6).saturating_add(2);
    match value {
        Value::Null => 4,
        Value::Boolean(_) => 5,
        Value::Number(_) => NUMBER,
        Value::String(string) => text(string.len()),
        Value::Enum(name) => text(name.len()),
        // An array of numbers, each at most `255,`.
        Value::Binary(bytes) => bytes.len().saturating_mul(4).saturating_add(2),
        Value::List(items) => items.iter().fold(2, |sum, item| {
            sum.saturating_add(at_most(item)).saturating_add(1)
        }),
        Value::Object(fields) => fields.iter().fold(2, |sum, (name, item)| {
            sum.saturating_add(text(name.len()))
                .saturating_add(at_most(item))
                .saturating_add(2)
        }),
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{Name, Number};

    use super::*;

    /// Values whose JSON is as long as it gets for their size: escaped control characters,
    /// extreme numbers, bytes, nesting.
    fn hostile() -> Vec<Value> {
        let mut object = async_graphql::indexmap::IndexMap::new();
        object.insert(Name::new("\u{1}\"key"), Value::String("\u{0}".repeat(50)));
        object.insert(
            Name::new("n"),
            Value::Number(Number::from_f64(-f64::MAX).expect("finite")),
        );
        vec![
            Value::String("\u{1f}\u{0}\"\\\n".repeat(100)),
            Value::String("ë€𝄞".repeat(30)),
            Value::Number(Number::from(i64::MIN)),
            Value::Number(Number::from(u64::MAX)),
            Value::Number(Number::from_f64(f64::MIN_POSITIVE).expect("finite")),
            Value::Binary(vec![255u8; 40].into()),
            Value::List(vec![
                Value::Null,
                Value::Boolean(false),
                Value::Object(object.clone()),
            ]),
            Value::Object(object),
        ]
    }

    #[test]
    fn the_bound_is_never_below_what_an_answer_serialises_to() {
        for value in hostile() {
            let written = serde_json::to_vec(&value).expect("serialises").len();
            assert!(at_most(&value) >= written, "{written} bytes: {value:?}");
        }
    }

    #[test]
    fn an_answer_is_larger_than_the_limit_exactly_when_its_json_is() {
        for value in hostile() {
            let written = serde_json::to_vec(&value).expect("serialises").len();
            assert!(larger_than(&value, written - 1), "{value:?}");
            assert!(!larger_than(&value, written), "{value:?}");
        }
    }
}
