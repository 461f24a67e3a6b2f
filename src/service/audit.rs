//! Refused access leaves an audit record too (BIO): action, result, origin, actor, time; never
//! a token or a secret.

use entity::{AuditResult, audit_log};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};
use serde_json::Value;

use super::{now, write::Origin};
use crate::auth::Principal;

/// Records a refusal. Failing to audit must not turn a refusal into a different answer, so an
/// error here is logged, not returned.
pub async fn refused(
    db: &DatabaseConnection,
    origin: &Origin,
    caller: Option<&Principal>,
    action: &str,
    details: Value,
) {
    let row = audit_log::ActiveModel {
        occurred_at: Set(now()),
        request_id: Set(origin.request_id.clone()),
        action: Set(action.chars().take(100).collect()),
        object_type: Set(None),
        object_id: Set(None),
        result: Set(AuditResult::Denied),
        actor_subject: Set(caller.map(|c| c.subject.clone())),
        actor_organisation_id: Set(caller.map(|c| c.organisation_id)),
        origin_ip: Set(origin.ip.clone()),
        client: Set(origin.client.clone()),
        details: Set(Some(details)),
        ..Default::default()
    };
    if let Err(error) = row.insert(db).await {
        tracing::error!(%error, "cannot write the audit record of a refusal");
    }
    metrics::counter!("wijkhub_access_refused_total").increment(1);
}
