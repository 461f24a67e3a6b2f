//! `Idempotency-Key`: a retried mutation request returns the first answer instead of writing
//! twice.
//!
//! - A key belongs to the exact caller: organisation, subject, role and API client. Another role
//!   or client with the same subject has keys of its own.
//! - The first request *claims* the key. Every write transaction of that request marks the key
//!   applied inside the same transaction (see [`mark_applied`], called from
//!   `write::Write::commit`), so the write and the key's state commit together.
//! - After execution the answer is stored only when a write committed; an answer that changed
//!   nothing (a refusal, a limit, an error before execution) releases the key, so a retry runs
//!   again. The HTTP status is stored and replayed with the answer.
//! - A crash between the commit and storing the answer leaves the key applied without an
//!   answer; a retry then gets `409 CONFLICT` (`extensions.idempotency: "APPLIED"`) and never
//!   runs the mutation again.
//! - Secrets are never stored: the paths of secret fields are recorded while the answer is
//!   built ([`SecretPaths`]) and emptied in the stored copy, which says so in
//!   `extensions.secretWithheld`.
//! - Keys are kept for 24 hours; the housekeeping sweep deletes expired ones
//!   ([`super::housekeeping`]), and a claim clears an expired row of its own key first.

use std::sync::{Arc, Mutex};

use chrono::Duration;
use entity::idempotency_key;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::{Expr, OnConflict},
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::now;
use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
};

/// How long a stored answer is replayed.
const KEEP: Duration = Duration::hours(24);
/// A claim older than this, with no committed write and no answer, belongs to a request that
/// died (requests are cut off after 10 seconds); another request may take it over.
const ABANDONED: Duration = Duration::seconds(60);

/// A request's hold on a key. Its writes carry it (in `write::Origin`) to mark the key applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub scope: String,
    pub key: String,
    pub claim_id: Uuid,
}

pub enum Claim {
    /// First use of the key: execute, then [`finish`].
    Fresh(Held),
    /// The stored answer of the first request with this key and body.
    Replay { status: u16, body: String },
    /// The key was used with another request body.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
    /// The first request's write committed, but its answer was never stored (the server stopped
    /// in between). Running the request again would write twice.
    AppliedWithoutAnswer,
}

/// What became of a key after its request ran.
#[derive(Debug, PartialEq, Eq)]
pub enum Finished {
    /// A write committed: the answer is stored for replays.
    Stored,
    /// Nothing was written: the key is free again.
    Released,
}

/// The scope of a caller's keys: a digest of organisation, subject, role and API client (a
/// digest, so a long subject fits the column and no separator can make two callers collide).
pub fn scope(caller: &Principal) -> String {
    let parts = json!([
        caller.organisation_id,
        caller.subject,
        caller.role.as_str(),
        caller.client,
    ]);
    hex::encode(Sha256::digest(parts.to_string().as_bytes()))
}

pub fn fingerprint(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Checks a key: 1–200 visible ASCII characters.
pub fn valid_key(key: &str) -> ApiResult<()> {
    if (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            "Idempotency-Key",
            "an idempotency key is 1 to 200 visible ASCII characters",
        ))
    }
}

fn this_key(scope: &str, key: &str) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(idempotency_key::Column::Scope.eq(scope))
        .add(idempotency_key::Column::Key.eq(key))
}

pub async fn claim(db: &Db, scope: &str, key: &str, hash: &str) -> ApiResult<Claim> {
    let at = now();
    let held = Held {
        scope: scope.to_owned(),
        key: key.to_owned(),
        claim_id: Uuid::now_v7(),
    };
    let fresh = idempotency_key::Model {
        scope: scope.to_owned(),
        key: key.to_owned(),
        request_hash: hash.to_owned(),
        claim_id: held.claim_id,
        applied_at: None,
        response_status: 0,
        response_body: String::new(),
        created_at: at,
        expires_at: at + KEEP,
    };
    // An expired row of this key goes first, so the key can be used again after a day even
    // before the sweep comes by.
    idempotency_key::Entity::delete_many()
        .filter(this_key(scope, key))
        .filter(idempotency_key::Column::ExpiresAt.lt(at))
        .exec(db)
        .await?;
    let inserted = idempotency_key::Entity::insert(fresh.into_active_model())
        .on_conflict(
            OnConflict::columns([idempotency_key::Column::Scope, idempotency_key::Column::Key])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        return Ok(Claim::Fresh(held));
    }
    let Some(existing) = idempotency_key::Entity::find_by_id((scope.to_owned(), key.to_owned()))
        .one(db)
        .await?
    else {
        // Released between our insert and this read: the client may simply retry.
        return Ok(Claim::InProgress);
    };
    if existing.request_hash != hash {
        return Ok(Claim::Mismatch);
    }
    if existing.response_status != 0 {
        return Ok(Claim::Replay {
            status: u16::try_from(existing.response_status).unwrap_or(200),
            body: existing.response_body,
        });
    }
    if existing.applied_at.is_some() {
        return Ok(Claim::AppliedWithoutAnswer);
    }
    if existing.created_at < at - ABANDONED {
        // Taken over only if still unapplied and still the dead request's: a write of that
        // request committing now would have set `applied_at` (or fails on the new claim id).
        let taken = idempotency_key::Entity::update_many()
            .col_expr(idempotency_key::Column::ClaimId, Expr::val(held.claim_id))
            .col_expr(idempotency_key::Column::CreatedAt, Expr::val(at))
            .filter(this_key(scope, key))
            .filter(idempotency_key::Column::ClaimId.eq(existing.claim_id))
            .filter(idempotency_key::Column::AppliedAt.is_null())
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            return Ok(Claim::Fresh(held));
        }
    }
    Ok(Claim::InProgress)
}

/// Marks the key applied, inside the transaction of a write of the request that holds it: the
/// mark commits exactly when the write does. Fails, and so rolls the write back, when the
/// request no longer holds the key (it was taken over as abandoned).
pub async fn mark_applied(txn: &impl ConnectionTrait, held: &Held) -> ApiResult<()> {
    let marked = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::AppliedAt, Expr::val(now()))
        .filter(this_key(&held.scope, &held.key))
        .filter(idempotency_key::Column::ClaimId.eq(held.claim_id))
        .exec(txn)
        .await?;
    if marked.rows_affected == 1 {
        Ok(())
    } else {
        Err(ApiError::Internal(
            "the request no longer holds its idempotency key".into(),
        ))
    }
}

/// Stores the answer when a write of the request committed, else releases the key.
pub async fn finish(db: &Db, held: &Held, status: u16, body: String) -> ApiResult<Finished> {
    let stored = idempotency_key::Entity::update_many()
        .col_expr(
            idempotency_key::Column::ResponseStatus,
            Expr::val(i32::from(status)),
        )
        .col_expr(idempotency_key::Column::ResponseBody, Expr::val(body))
        .filter(this_key(&held.scope, &held.key))
        .filter(idempotency_key::Column::ClaimId.eq(held.claim_id))
        .filter(idempotency_key::Column::AppliedAt.is_not_null())
        .exec(db)
        .await?;
    if stored.rows_affected == 1 {
        return Ok(Finished::Stored);
    }
    release(db, held).await?;
    Ok(Finished::Released)
}

/// Gives a key back when the request wrote nothing, so the client's retry runs again. A key
/// with a committed write is never released.
pub async fn release(db: &Db, held: &Held) -> ApiResult<()> {
    idempotency_key::Entity::delete_many()
        .filter(this_key(&held.scope, &held.key))
        .filter(idempotency_key::Column::ClaimId.eq(held.claim_id))
        .filter(idempotency_key::Column::AppliedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Where the answer of one operation holds a secret, recorded by the resolvers of secret fields
/// while the answer is built, so the stored copy can leave them out. Paths are response keys
/// (aliases included) and list indexes.
#[derive(Clone, Default)]
pub struct SecretPaths(Arc<Mutex<Vec<Vec<String>>>>);

impl SecretPaths {
    pub fn record(&self, path: Vec<String>) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(path);
    }

    /// Whether no secret was recorded (then the answer is stored as it was sent).
    pub fn is_empty(&self) -> bool {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_empty()
    }

    fn take(&self) -> Vec<Vec<String>> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// What a replay says where a secret was.
pub const SECRET_WITHHELD: &str = "A secret is shown once, in the first answer; a replay of \
     that answer does not repeat it. If it was lost, revoke the client and create a new one.";

/// The copy of one operation's answer (`response`, as JSON) that may be stored: every recorded
/// secret emptied, and `extensions.secretWithheld` naming where.
pub fn without_secrets(response: &mut Value, secrets: &SecretPaths) {
    let paths = secrets.take();
    if paths.is_empty() {
        return;
    }
    for path in &paths {
        let mut at = response.get_mut("data");
        for segment in path {
            at = match at {
                Some(Value::Array(items)) => {
                    segment.parse::<usize>().ok().and_then(|i| items.get_mut(i))
                }
                Some(Value::Object(fields)) => fields.get_mut(segment),
                _ => None,
            };
        }
        // Empty rather than null: the field is `String!`, and a replay must still match the
        // schema (making it nullable would be a breaking change of the contract).
        if let Some(value) = at.filter(|v| v.is_string()) {
            *value = Value::String(String::new());
        }
    }
    if let Some(object) = response.as_object_mut() {
        let extensions = object
            .entry("extensions")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Some(extensions) = extensions.as_object_mut() {
            extensions.insert(
                "secretWithheld".into(),
                json!({ "message": SECRET_WITHHELD, "paths": paths }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_answer_keeps_no_secret_whatever_its_alias() {
        let secrets = SecretPaths::default();
        secrets.record(vec!["made".into(), "s".into()]);
        secrets.record(vec!["list".into(), "1".into(), "secret".into()]);
        let mut answer = json!({ "data": {
            "made": { "s": "whs_one", "client": { "id": "c1" } },
            "list": [{ "secret": "keep-me-not-a-secret" }, { "secret": "whs_two" }]
        } });
        without_secrets(&mut answer, &secrets);
        let text = answer.to_string();
        assert!(!text.contains("whs_"), "{text}");
        assert_eq!(answer["data"]["made"]["s"], "");
        assert_eq!(answer["data"]["made"]["client"]["id"], "c1");
        assert_eq!(answer["data"]["list"][0]["secret"], "keep-me-not-a-secret");
        assert_eq!(answer["extensions"]["secretWithheld"]["paths"][0][1], "s");
    }

    #[test]
    fn the_scope_tells_roles_and_clients_apart() {
        let admin = Principal {
            subject: "someone".into(),
            organisation_id: Uuid::nil(),
            organisation_code: "programmabureau".into(),
            organisation_kind: entity::OrganisationKind::CityDepartment,
            role: entity::Role::Admin,
            client: None,
        };
        let viewer = Principal {
            role: entity::Role::Viewer,
            ..admin.clone()
        };
        let client = Principal {
            client: Some(Uuid::from_u128(7)),
            ..admin.clone()
        };
        assert_ne!(scope(&admin), scope(&viewer));
        assert_ne!(scope(&admin), scope(&client));
        assert_eq!(scope(&admin), scope(&admin.clone()));
    }
}
