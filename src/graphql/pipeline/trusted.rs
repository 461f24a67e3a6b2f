//! Trusted documents: automatic persisted queries (a client sends the SHA-256 of a document it
//! sent before instead of the text) and the allow-list a production deployment can hold partner
//! callers to (a manifest of the operations their apps were built with).

use std::{
    collections::HashMap,
    num::NonZeroUsize,
    path::Path,
    sync::{Arc, Mutex},
};

use lru::LruCache;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::config::TrustedDocuments;

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("cannot read the trusted-documents manifest {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the trusted-documents manifest {path} is not valid: {message}")]
    Invalid { path: String, message: String },
}

/// Why a request's document was not accepted.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Untrusted {
    /// Apollo clients recognise this exact message and resend the full document.
    #[error("PersistedQueryNotFound")]
    NotFound,
    #[error("extensions.persistedQuery must be {{ version: 1, sha256Hash: \"<64 hex digits>\" }}")]
    Malformed,
    #[error("the document does not match extensions.persistedQuery.sha256Hash")]
    HashMismatch,
    #[error(
        "this deployment runs only trusted documents for partner apps, and this operation is not among them"
    )]
    NotAllowed,
}

/// Both manifest shapes in use: a plain `{ "<sha256>": "<document>" }` map, and Apollo's
/// persisted-query manifest.
#[derive(Deserialize)]
#[serde(untagged)]
enum Manifest {
    Apollo { operations: Vec<ApolloOperation> },
    Plain(HashMap<String, String>),
}

#[derive(Deserialize)]
struct ApolloOperation {
    id: String,
    body: String,
}

/// Whose persisted-query registrations a request sees. Registrations are kept apart per
/// organisation: a hash that answers for one organisation's caller would tell another that the
/// document has been run (by whom is then easy to guess from what it asks), so each organisation,
/// and anonymous callers together, have their own. The operator's allow-list is shared by all.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    Organisation(uuid::Uuid),
    Anonymous,
}

/// Registered APQ documents by scope and hash, least recently used dropped first.
type Registrations = LruCache<(Scope, String), Arc<str>>;

pub struct DocumentStore {
    allowed: HashMap<String, Arc<str>>,
    enforce: bool,
    cache: Option<Mutex<Registrations>>,
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

impl DocumentStore {
    pub fn load(settings: &TrustedDocuments) -> Result<Self, ManifestError> {
        let allowed = match &settings.manifest {
            Some(path) => read_manifest(path)?,
            None => HashMap::new(),
        };
        let cache = settings
            .apq
            .then(|| NonZeroUsize::new(settings.apq_cache_size))
            .flatten()
            .map(|size| Mutex::new(LruCache::new(size)));
        Ok(Self {
            allowed,
            enforce: settings.enforce,
            cache,
        })
    }

    /// Fills in the document of a persisted-query request and checks it against the allow-list.
    /// Returns the hash to remember once the document has passed the limits (a new APQ
    /// registration), if any.
    pub fn resolve(
        &self,
        request: &mut async_graphql::Request,
        scope: &Scope,
        held_to_allow_list: bool,
    ) -> Result<Option<String>, Untrusted> {
        let persisted = match request.extensions.get("persistedQuery") {
            None => None,
            Some(value) => Some(persisted_hash(value).ok_or(Untrusted::Malformed)?),
        };
        let mut register = None;
        let hash = match persisted {
            Some(hash) if request.query.trim().is_empty() => {
                let text = self
                    .allowed
                    .get(&hash)
                    .cloned()
                    .or_else(|| self.cached(scope, &hash))
                    .ok_or(Untrusted::NotFound)?;
                request.query = text.to_string();
                hash
            }
            Some(hash) => {
                if sha256_hex(&request.query) != hash {
                    return Err(Untrusted::HashMismatch);
                }
                if self.cache.is_some() {
                    register = Some(hash.clone());
                }
                hash
            }
            None if self.enforce && held_to_allow_list => sha256_hex(&request.query),
            None => return Ok(None),
        };
        if self.enforce && held_to_allow_list && !self.allowed.contains_key(&hash) {
            return Err(Untrusted::NotAllowed);
        }
        Ok(register)
    }

    /// Remembers an APQ document that passed the limits, for callers of `scope` only.
    pub fn register(&self, scope: &Scope, hash: String, query: &str) {
        if let Some(cache) = &self.cache {
            let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
            cache.put((scope.clone(), hash), Arc::from(query));
        }
    }

    fn cached(&self, scope: &Scope, hash: &str) -> Option<Arc<str>> {
        let cache = self.cache.as_ref()?;
        let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
        // The key is built only for the lookup; hashes are 64 characters.
        cache.get(&(scope.clone(), hash.to_owned())).cloned()
    }
}

fn persisted_hash(value: &async_graphql::Value) -> Option<String> {
    let async_graphql::Value::Object(object) = value else {
        return None;
    };
    let version = object.get("version")?;
    if *version != async_graphql::Value::from(1) {
        return None;
    }
    match object.get("sha256Hash")? {
        async_graphql::Value::String(hash)
            if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Some(hash.to_ascii_lowercase())
        }
        _ => None,
    }
}

fn read_manifest(path: &Path) -> Result<HashMap<String, Arc<str>>, ManifestError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ManifestError::Read {
        path: shown.clone(),
        source,
    })?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| ManifestError::Invalid {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let entries: Vec<(String, String)> = match manifest {
        Manifest::Apollo { operations } => operations.into_iter().map(|o| (o.id, o.body)).collect(),
        Manifest::Plain(map) => map.into_iter().collect(),
    };
    entries
        .into_iter()
        .map(|(hash, body)| {
            // A hash that does not match its document would let a client run something other
            // than what was reviewed.
            if sha256_hex(&body) != hash.to_ascii_lowercase() {
                return Err(ManifestError::Invalid {
                    path: shown.clone(),
                    message: format!("{hash} is not the SHA-256 of its document"),
                });
            }
            Ok((hash.to_ascii_lowercase(), Arc::from(body)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(enforce: bool, allowed: &[&str]) -> DocumentStore {
        DocumentStore {
            allowed: allowed
                .iter()
                .map(|q| (sha256_hex(q), Arc::from(*q)))
                .collect(),
            enforce,
            cache: Some(Mutex::new(LruCache::new(
                NonZeroUsize::new(4).expect("4 > 0"),
            ))),
        }
    }

    fn persisted(query: &str, hash: &str) -> async_graphql::Request {
        let mut request = async_graphql::Request::new(query);
        request.extensions.insert(
            "persistedQuery".into(),
            async_graphql::Value::from_json(
                serde_json::json!({ "version": 1, "sha256Hash": hash }),
            )
            .expect("valid JSON"),
        );
        request
    }

    const MINE: Scope = Scope::Anonymous;

    #[test]
    fn a_hash_alone_is_unknown_until_registered() {
        let store = store(false, &[]);
        let query = "{ me { role } }";
        let hash = sha256_hex(query);
        assert_eq!(
            store.resolve(&mut persisted("", &hash), &MINE, false),
            Err(Untrusted::NotFound)
        );
        let register = store
            .resolve(&mut persisted(query, &hash), &MINE, false)
            .expect("matches");
        store.register(&MINE, register.expect("to remember"), query);
        let mut request = persisted("", &hash);
        assert_eq!(store.resolve(&mut request, &MINE, false), Ok(None));
        assert_eq!(request.query, query);
    }

    #[test]
    fn a_registration_is_seen_only_by_its_own_organisation() {
        let store = store(false, &[]);
        let query = "{ me { role } }";
        let hash = sha256_hex(query);
        let one = Scope::Organisation(uuid::Uuid::from_u128(1));
        let other = Scope::Organisation(uuid::Uuid::from_u128(2));
        store.register(&one, hash.clone(), query);
        assert_eq!(
            store.resolve(&mut persisted("", &hash), &one, false),
            Ok(None)
        );
        for stranger in [other, Scope::Anonymous] {
            assert_eq!(
                store.resolve(&mut persisted("", &hash), &stranger, false),
                Err(Untrusted::NotFound),
                "{stranger:?} learns nothing of another organisation's documents"
            );
        }
    }

    #[test]
    fn a_wrong_hash_is_refused() {
        let store = store(false, &[]);
        let wrong = sha256_hex("{ other }");
        assert_eq!(
            store.resolve(&mut persisted("{ me { role } }", &wrong), &MINE, false),
            Err(Untrusted::HashMismatch)
        );
        assert_eq!(
            store.resolve(&mut persisted("{ me { role } }", "abc"), &MINE, false),
            Err(Untrusted::Malformed)
        );
    }

    #[test]
    fn the_allow_list_holds_only_those_it_applies_to() {
        let allowed = "{ wijken { nodes { code } } }";
        let store = store(true, &[allowed]);
        let other = "{ projects { nodes { id } } }";
        assert_eq!(
            store.resolve(&mut async_graphql::Request::new(other), &MINE, true),
            Err(Untrusted::NotAllowed)
        );
        assert_eq!(
            store.resolve(&mut async_graphql::Request::new(other), &MINE, false),
            Ok(None)
        );
        assert!(
            store
                .resolve(&mut async_graphql::Request::new(allowed), &MINE, true)
                .is_ok()
        );
        let mut by_hash = persisted("", &sha256_hex(allowed));
        assert!(store.resolve(&mut by_hash, &MINE, true).is_ok());
        let mut elsewhere = persisted("", &sha256_hex(allowed));
        assert!(
            store
                .resolve(
                    &mut elsewhere,
                    &Scope::Organisation(uuid::Uuid::from_u128(7)),
                    true
                )
                .is_ok(),
            "the allow-list is the same for every organisation"
        );
        assert_eq!(by_hash.query, allowed);
    }
}
