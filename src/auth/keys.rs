//! The keys tokens may be signed with, each pinned to one algorithm (RFC 8725): the HS256
//! secret of `WIJKHUB_JWT_SECRET`, and public keys (RS256, ES256, EdDSA) from PEM files or a JWKS
//! file named by `WIJKHUB_JWT_PUBLIC_KEYS`, reloaded when a file changes.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, RwLock},
    time::{Duration, Instant, SystemTime},
};

use jsonwebtoken::{
    Algorithm, DecodingKey,
    jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm},
};

/// How often the key files are checked for changes.
const RELOAD_CHECK: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read key file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
}

/// One verification key with the only algorithm it accepts.
#[derive(Clone)]
pub struct VerifyingKey {
    pub kid: Option<String>,
    pub algorithm: Algorithm,
    pub key: DecodingKey,
}

struct Loaded {
    keys: Vec<VerifyingKey>,
    stamps: Vec<Option<SystemTime>>,
    checked: Instant,
}

/// The public keys from files, reloaded without a restart when a file changes.
#[derive(Clone)]
pub struct PublicKeys {
    paths: Vec<PathBuf>,
    state: Arc<RwLock<Loaded>>,
}

fn stamp(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl PublicKeys {
    /// `spec` is a comma-separated list of PEM or JWKS files; empty for none.
    pub fn load(spec: &str) -> Result<Self, KeyError> {
        let paths: Vec<PathBuf> = spec
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect();
        let keys = read_all(&paths)?;
        let stamps = paths.iter().map(|p| stamp(p)).collect();
        Ok(Self {
            paths,
            state: Arc::new(RwLock::new(Loaded {
                keys,
                stamps,
                checked: Instant::now(),
            })),
        })
    }

    /// The current keys, after reloading changed files (a broken file keeps the old keys).
    pub fn current(&self) -> Vec<VerifyingKey> {
        if self.paths.is_empty() {
            return Vec::new();
        }
        let due = self
            .state
            .read()
            .map(|s| s.checked.elapsed() >= RELOAD_CHECK)
            .unwrap_or(false);
        if due && let Ok(mut state) = self.state.write() {
            state.checked = Instant::now();
            let stamps: Vec<_> = self.paths.iter().map(|p| stamp(p)).collect();
            if stamps != state.stamps {
                match read_all(&self.paths) {
                    Ok(keys) => {
                        tracing::info!(count = keys.len(), "JWT public keys reloaded");
                        state.keys = keys;
                        state.stamps = stamps;
                    }
                    Err(error) => {
                        tracing::error!(%error, "JWT public keys not reloaded; keeping the previous ones")
                    }
                }
            }
        }
        self.state
            .read()
            .map(|s| s.keys.clone())
            .unwrap_or_default()
    }
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<VerifyingKey>, KeyError> {
    let mut keys = Vec::new();
    for path in paths {
        keys.extend(read(path)?);
    }
    Ok(keys)
}

fn read(path: &Path) -> Result<Vec<VerifyingKey>, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read {
        path: path.to_owned(),
        source,
    })?;
    let invalid = |reason: String| KeyError::Invalid {
        path: path.to_owned(),
        reason,
    };
    if text.trim_start().starts_with('{') {
        let set: JwkSet =
            serde_json::from_str(&text).map_err(|e| invalid(format!("not a JWKS: {e}")))?;
        return set
            .keys
            .iter()
            .map(|jwk| from_jwk(jwk).map_err(|reason| invalid(reason.into())))
            .collect();
    }
    let kid = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let key = from_pem(&text, kid).map_err(|reason| invalid(reason.into()))?;
    Ok(vec![key])
}

/// A public key in PEM: its key type decides the one algorithm it verifies.
pub(crate) fn from_pem(text: &str, kid: Option<String>) -> Result<VerifyingKey, &'static str> {
    check_pem(text)?;
    let bytes = text.as_bytes();
    let (algorithm, key) = if let Ok(key) = DecodingKey::from_ec_pem(bytes) {
        (Algorithm::ES256, key)
    } else if let Ok(key) = DecodingKey::from_ed_pem(bytes) {
        (Algorithm::EdDSA, key)
    } else if let Ok(key) = DecodingKey::from_rsa_pem(bytes) {
        (Algorithm::RS256, key)
    } else {
        return Err("not an RSA, EC (P-256) or Ed25519 public key in PEM");
    };
    Ok(VerifyingKey {
        kid,
        algorithm,
        key,
    })
}

/// A public key as an API client registers it: PEM, or one JWK (never its private half).
pub fn client_key(text: &str) -> Result<VerifyingKey, &'static str> {
    let text = text.trim();
    if !text.starts_with('{') {
        return from_pem(text, None);
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|_| "neither a PEM public key nor a JWK")?;
    if value.get("d").is_some() {
        return Err("a private key; give only the public key");
    }
    let jwk: Jwk = serde_json::from_value(value).map_err(|_| "not a JWK this server can use")?;
    from_jwk(&jwk)
}

/// The one key and algorithm a JWK gives: RS256 for RSA, ES256 for P-256, EdDSA for Ed25519,
/// whatever else the JWK says of itself; anything else is refused with the reason.
pub(crate) fn from_jwk(jwk: &Jwk) -> Result<VerifyingKey, &'static str> {
    let algorithm = match (&jwk.common.key_algorithm, &jwk.algorithm) {
        (Some(KeyAlgorithm::RS256), AlgorithmParameters::RSA(_))
        | (None, AlgorithmParameters::RSA(_)) => Algorithm::RS256,
        (Some(KeyAlgorithm::ES256), AlgorithmParameters::EllipticCurve(p))
        | (None, AlgorithmParameters::EllipticCurve(p))
            if p.curve == EllipticCurve::P256 =>
        {
            Algorithm::ES256
        }
        (Some(KeyAlgorithm::EdDSA), AlgorithmParameters::OctetKeyPair(_))
        | (None, AlgorithmParameters::OctetKeyPair(_)) => Algorithm::EdDSA,
        _ => return Err("only RS256, ES256 (P-256) and EdDSA public keys are accepted"),
    };
    let key = DecodingKey::from_jwk(jwk).map_err(|_| "the JWK is not a usable public key")?;
    Ok(VerifyingKey {
        kid: jwk.common.key_id.clone(),
        algorithm,
        key,
    })
}

/// `id-ecPublicKey` (1.2.840.10045.2.1) and the P-256 curve (1.2.840.10045.3.1.7), DER-encoded.
const EC_PUBLIC_KEY_OID: &[u8] = &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const P256_OID: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/// What the PEM decoders would take but must not be used: a private key (the identity
/// provider's signing key has no business on this server, and its public half is what is
/// meant), and an EC key on another curve than P-256, which would be read as an ES256 key that
/// no ES384 or ES512 token can ever match.
fn check_pem(text: &str) -> Result<(), &'static str> {
    let label = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("-----BEGIN "))
        .and_then(|rest| rest.strip_suffix("-----"))
        .unwrap_or("");
    if label.contains("PRIVATE KEY") {
        return Err("a private key; give only the public key (`openssl pkey -in key.pem -pubout`)");
    }
    let body: String = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("-----"))
        .collect();
    let der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body)
        .unwrap_or_default();
    let has = |oid: &[u8]| der.windows(oid.len()).any(|window| window == oid);
    if has(EC_PUBLIC_KEY_OID) && !has(P256_OID) {
        return Err("an EC key on another curve than P-256; only ES256 (P-256) is accepted");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const P384_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEgL4QCCDqdyoFV6BfllIutxF2Zy5bGYmW
2DQu1IrSb222pqCnDYMrYE8rXOp+JCUZPg1ounCryTk8obrAsG69w/pB8TeImVm8
GhF570ZKf0eFj3e1cchzeWFnmS61giw6
-----END PUBLIC KEY-----
";
    const P256_PRIVATE: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgaWXyrD/ldbnHspad
JpmOAEqNourFBLmR40UoEu8UczqhRANCAARqGjbw0B+bT28nUyNZa7cUdEmAyyfm
SE7bZNfo0Exf7AFpx1vKjSiy2vL5MTCH2o2itHcrbCN/cRwn+eHx/Oyi
-----END PRIVATE KEY-----
";
    const P256_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEdvrdRP+lfOhs0P89kOZ/cfo0D47A
WRfPiebuXPxtlOq99RdI5K1/IHDQ74JGRlAGkuM2XaVVJ/v03BJ+3PI07w==
-----END PUBLIC KEY-----
";

    fn load(pem: &str) -> Result<PublicKeys, KeyError> {
        let path = std::env::temp_dir().join(format!("wijkhub-key-{}.pem", uuid::Uuid::now_v7()));
        std::fs::write(&path, pem).expect("write key");
        let loaded = PublicKeys::load(&path.display().to_string());
        let _ = std::fs::remove_file(&path);
        loaded
    }

    #[test]
    fn a_p256_public_key_is_taken_for_es256() {
        let keys = load(P256_PUBLIC).expect("a P-256 public key");
        let current = keys.current();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].algorithm, Algorithm::ES256);
    }

    #[test]
    fn a_private_key_or_another_curve_is_refused_with_the_reason() {
        for (pem, reason) in [
            (P256_PRIVATE, "a private key"),
            (P384_PUBLIC, "another curve than P-256"),
        ] {
            match load(pem) {
                Err(KeyError::Invalid { reason: said, .. }) => {
                    assert!(said.contains(reason), "{said}")
                }
                Err(other) => panic!("{reason}: {other}"),
                Ok(_) => panic!("{reason}: accepted"),
            }
        }
    }
}
