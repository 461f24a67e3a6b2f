//! API client secrets: generated once, shown once, stored only as argon2 hashes.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::{TryRngCore, rngs::OsRng};

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no randomness available: {0}")]
    Random(String),
    #[error("cannot hash the secret: {0}")]
    Hash(String),
}

/// 32 random bytes, URL-safe base64: 256 bits, nothing to guess.
pub fn new_secret() -> Result<String, SecretError> {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| SecretError::Random(e.to_string()))?;
    Ok(format!("whs_{}", URL_SAFE_NO_PAD.encode(bytes)))
}

pub fn hash(secret: &str) -> Result<String, SecretError> {
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| SecretError::Hash(e.to_string()))
}

/// Constant-time comparison inside argon2; a malformed stored hash never matches.
pub fn matches(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_matches_its_hash_only() {
        let secret = new_secret().expect("secret");
        let stored = hash(&secret).expect("hash");
        assert!(!stored.contains(&secret));
        assert!(matches(&secret, &stored));
        assert!(!matches("whs_wrong", &stored));
        assert!(!matches(&secret, "not a hash"));
    }
}
