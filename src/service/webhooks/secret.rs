//! Signing secrets of webhooks: made once and shown once, kept encrypted at rest (the server must
//! sign with them, so a hash will not do), and the Standard Webhooks signature they make.
//!
//! At rest a secret is ChaCha20-Poly1305 ciphertext under the key from
//! `WIJKHUB_WEBHOOKS__SECRET_KEY`, with the webhook's id as associated data: a sealed secret
//! copied onto another webhook's row does not open.

use base64::{
    Engine,
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD},
};
use chacha20poly1305::{
    ChaCha20Poly1305, Key, Nonce,
    aead::{Aead, KeyInit, Payload},
};
use hmac::{Hmac, Mac};
use rand::{TryRngCore, rngs::OsRng};
use uuid::Uuid;

/// What every secret starts with, as the Standard Webhooks libraries expect.
pub const PREFIX: &str = "whsec_";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no randomness available: {0}")]
    Random(String),
    #[error("a stored webhook secret does not open with the configured key")]
    Unsealable,
}

fn random<const N: usize>() -> Result<[u8; N], SecretError> {
    let mut bytes = [0u8; N];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| SecretError::Random(e.to_string()))?;
    Ok(bytes)
}

/// A new secret: `whsec_` and the standard base64 of 32 random bytes.
pub fn new_secret() -> Result<String, SecretError> {
    Ok(format!("{PREFIX}{}", STANDARD.encode(random::<32>()?)))
}

/// The secret encrypted for the webhook `id`: base64url of nonce and ciphertext.
pub fn seal(key: &[u8; 32], id: Uuid, secret: &str) -> Result<String, SecretError> {
    let nonce = random::<12>()?;
    let cipher = ChaCha20Poly1305::new(&Key::from(*key));
    let sealed = cipher
        .encrypt(
            &Nonce::from(nonce),
            Payload {
                msg: secret.as_bytes(),
                aad: id.as_bytes(),
            },
        )
        .map_err(|_| SecretError::Unsealable)?;
    let mut out = nonce.to_vec();
    out.extend(sealed);
    Ok(URL_SAFE_NO_PAD.encode(out))
}

/// The secret [`seal`] encrypted for the webhook `id`.
pub fn open(key: &[u8; 32], id: Uuid, sealed: &str) -> Result<String, SecretError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(sealed)
        .map_err(|_| SecretError::Unsealable)?;
    if bytes.len() < 12 {
        return Err(SecretError::Unsealable);
    }
    let (nonce, ciphertext) = bytes.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().map_err(|_| SecretError::Unsealable)?;
    let cipher = ChaCha20Poly1305::new(&Key::from(*key));
    let plain = cipher
        .decrypt(
            &Nonce::from(nonce),
            Payload {
                msg: ciphertext,
                aad: id.as_bytes(),
            },
        )
        .map_err(|_| SecretError::Unsealable)?;
    String::from_utf8(plain).map_err(|_| SecretError::Unsealable)
}

/// The Standard Webhooks signature of one message: `v1,` and the base64 of
/// HMAC-SHA256(key, `"{id}.{timestamp}.{body}"`), the key being the bytes the secret's base64
/// (after `whsec_`) encodes.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Result<String, SecretError> {
    let key = STANDARD
        .decode(secret.strip_prefix(PREFIX).unwrap_or(secret))
        .map_err(|_| SecretError::Unsealable)?;
    let mut mac =
        <Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).map_err(|_| SecretError::Unsealable)?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_for_its_webhook_and_key() {
        let key = [7u8; 32];
        let id = Uuid::now_v7();
        let secret = new_secret().expect("random");
        assert!(secret.starts_with(PREFIX));
        assert_eq!(
            STANDARD.decode(&secret[PREFIX.len()..]).expect("b64").len(),
            32
        );
        let sealed = seal(&key, id, &secret).expect("seal");
        assert!(!sealed.contains(&secret[PREFIX.len()..]));
        assert_eq!(open(&key, id, &sealed).expect("open"), secret);
        assert!(open(&key, Uuid::now_v7(), &sealed).is_err());
        assert!(open(&[8u8; 32], id, &sealed).is_err());
    }

    /// The example of the Standard Webhooks specification's reference libraries.
    #[test]
    fn the_signature_is_the_standard_webhooks_one() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let signature = sign(
            secret,
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        )
        .expect("sign");
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
