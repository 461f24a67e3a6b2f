//! `Authorization: Bearer <token>` (RFC 6750), read the same way over HTTP and WebSocket.

/// The token of a bearer credential, or `None` when the value is not one. The scheme is
/// case-insensitive (RFC 7235 §2.1); blanks around the token are ignored. A token is visible
/// ASCII (RFC 6750's `b64token` is narrower still), checked a byte at a time: a check by
/// Unicode character was 1.6 % of a lookup's instructions.
pub fn token(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim_start().split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = rest.trim();
    (!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::token;

    #[test]
    fn the_scheme_is_case_insensitive() {
        for value in ["Bearer abc", "bearer abc", "BEARER abc", "BeArEr   abc  "] {
            assert_eq!(token(value), Some("abc"), "{value:?}");
        }
    }

    #[test]
    fn anything_else_is_not_a_bearer_token() {
        for value in [
            "",
            "Bearer",
            "Bearer ",
            "Basic abc",
            "Bearerabc",
            "Bearer a b",
            "Bearer a\u{a0}b",
            "Bearer tökén",
            "abc",
        ] {
            assert_eq!(token(value), None, "{value:?}");
        }
    }
}
