//! `Idempotency-Key` at the HTTP edge: claiming the key before a POST runs, answering with the
//! stored answer, and the guard that gives the key back. The rules of keys are the service's
//! ([`crate::service::idempotency`]).

use async_graphql::BatchResponse;
use axum::{
    Json,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

use super::negotiation::error_response;
use crate::{
    auth::Principal,
    db::Db,
    error::ErrorCode,
    service::idempotency::{self, Claim, Held, SecretPaths},
};

/// A claimed key, for one request. It is given back when dropped unless [`HeldKey::complete`]
/// stored the answer first, so no way out of a request (an early refusal, a timeout, a client
/// that hangs up) leaves the key held. A key whose write committed is never given back (see
/// [`idempotency::release`]).
pub struct HeldKey {
    db: Db,
    held: Held,
    /// Where each operation's secret fields answered, so the stored copy can leave them out.
    secrets: Vec<SecretPaths>,
    settled: bool,
}

/// Why a key cannot be used now, in `extensions.idempotency` of the `409 CONFLICT`.
enum Unusable {
    /// The first request with the key still runs: retry shortly.
    InProgress,
    /// Carried out, but its answer was lost: never retry.
    Applied,
}

impl HeldKey {
    /// Claims the request's key: `None` when there is no key (or no caller to own it); an
    /// answer instead when the key is malformed, belongs to a finished request (the stored
    /// answer) or cannot be used now.
    pub async fn claim(
        db: &Db,
        headers: &HeaderMap,
        caller: Option<&Principal>,
        body: &[u8],
    ) -> Result<Option<Self>, Response> {
        let (Some(key), Some(caller)) = (headers.get("idempotency-key"), caller) else {
            return Ok(None);
        };
        let Some(key) = key
            .to_str()
            .ok()
            .filter(|k| idempotency::valid_key(k).is_ok())
        else {
            return Err(error_response(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadUserInput,
                "an idempotency key is 1 to 200 visible ASCII characters",
                Some("Idempotency-Key"),
            ));
        };
        let scope = idempotency::scope(caller);
        let hash = idempotency::fingerprint(body);
        match idempotency::claim(db, &scope, key, &hash).await {
            Ok(Claim::Fresh(held)) => Ok(Some(Self {
                db: db.clone(),
                held,
                secrets: Vec::new(),
                settled: false,
            })),
            Ok(Claim::Replay { status, body }) => Err(replay(status, body)),
            Ok(Claim::Mismatch) => Err(error_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadUserInput,
                "this Idempotency-Key was used with a different request",
                Some("Idempotency-Key"),
            )),
            Ok(Claim::InProgress) => Err(Unusable::InProgress.response()),
            Ok(Claim::AppliedWithoutAnswer) => Err(Unusable::Applied.response()),
            Err(error) => {
                tracing::error!(?error, "idempotency check failed");
                Err(error_response(
                    ErrorCode::Internal.http_status(),
                    ErrorCode::Internal,
                    "internal error",
                    None,
                ))
            }
        }
    }

    /// The hold the request's writes carry, to mark the key applied in their own transactions.
    pub fn held(&self) -> Held {
        self.held.clone()
    }

    /// The operation, set to record where its secret fields answer.
    pub fn watch(&mut self, request: async_graphql::Request) -> async_graphql::Request {
        let paths = SecretPaths::default();
        self.secrets.push(paths.clone());
        request.data(paths)
    }

    /// The answer as stored for replays: JSON with every secret the operations showed emptied.
    /// Without secrets it is the answer as sent, byte for byte (fields in the order asked);
    /// emptying goes through `serde_json::Value`, whose objects sort their keys.
    pub fn stored_answer(&self, response: &BatchResponse) -> Result<String, serde_json::Error> {
        if self.secrets.iter().all(SecretPaths::is_empty) {
            return serde_json::to_string(response);
        }
        let mut body = serde_json::to_value(response)?;
        match &mut body {
            serde_json::Value::Array(items) => {
                for (item, paths) in items.iter_mut().zip(&self.secrets) {
                    idempotency::without_secrets(item, paths);
                }
            }
            single => {
                if let Some(paths) = self.secrets.first() {
                    idempotency::without_secrets(single, paths);
                }
            }
        }
        serde_json::to_string(&body)
    }

    /// Stores the answer when a write committed; an answer that changed nothing frees the key.
    pub async fn complete(mut self, status: StatusCode, stored: Result<String, serde_json::Error>) {
        self.settled = true;
        let finished = match stored {
            Ok(body) => idempotency::finish(&self.db, &self.held, status.as_u16(), body)
                .await
                .map(drop),
            Err(error) => {
                // Without a storable answer a retry gets 409 if something was written, else runs.
                tracing::error!(%error, "cannot serialise the answer to store");
                idempotency::release(&self.db, &self.held).await
            }
        };
        if let Err(error) = finished {
            tracing::error!(?error, "could not store the idempotent answer");
        }
    }

    /// Gives the key back now, before the answer leaves, so a retry right after runs again.
    pub async fn release(mut self) {
        self.settled = true;
        release(&self.db, &self.held).await;
    }
}

impl Drop for HeldKey {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        // Dropped unsettled: the request was cut off (timeout, hang-up) or a way out forgot it.
        let (db, held) = (self.db.clone(), self.held.clone());
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { release(&db, &held).await });
        }
    }
}

async fn release(db: &Db, held: &Held) {
    if let Err(error) = idempotency::release(db, held).await {
        tracing::error!(?error, "cannot release an idempotency key");
    }
}

/// The stored answer of the first request with this key and body.
fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

impl Unusable {
    fn as_str(&self) -> &'static str {
        match self {
            Self::InProgress => "IN_PROGRESS",
            Self::Applied => "APPLIED",
        }
    }

    fn message(&self) -> &'static str {
        match self {
            Self::InProgress => {
                "a request with this Idempotency-Key is still running; retry shortly"
            }
            Self::Applied => {
                "the request with this Idempotency-Key was carried out, but its answer was lost; \
                 do not send it again: read the current state instead"
            }
        }
    }

    /// `409 CONFLICT` for a key that cannot be used now; `extensions.idempotency` says why.
    fn response(&self) -> Response {
        let code = ErrorCode::Conflict;
        (
            code.http_status(),
            Json(
                json!({ "errors": [{ "message": self.message(), "extensions": {
                "code": code, "field": "Idempotency-Key", "idempotency": self.as_str()
            } }] }),
            ),
        )
            .into_response()
    }
}
