//! One change as a webhook delivers it: read through the schema as the webhook's organisation,
//! and written as a CloudEvent (JSON, structured mode) following the NL GOV profile.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    auth::Principal,
    db::Db,
    error::{ApiError, ApiResult},
    graphql::{
        AppSchema,
        pipeline::context::{RequestContext, Shared},
    },
    service::{
        feed,
        write::{Origin, WriteGate},
    },
};

const QUERY: &str = include_str!("delivery.graphql");

/// The prefix of every event type (reverse domain name notation, NL GOV profile).
pub const TYPE_PREFIX: &str = "nl.denhaag.wijkhub";

/// One change for one webhook.
#[derive(Debug, Clone)]
pub struct Event {
    /// The change's stable id: the change log's row id. CloudEvents `id` and `webhook-id`.
    pub id: String,
    /// The change's place in the feed as an orderable string: CloudEvents `sequence`.
    pub sequence: String,
    /// The feed cursor just after this change.
    pub cursor: String,
    /// As the feed stores it: `project`, `meeting_place`, …
    pub entity_type: String,
    pub entity_id: Uuid,
    /// `CREATED`, `UPDATED` or `DELETED`, as the organisation sees the change.
    pub operation: String,
    pub version: i32,
    pub changed_at: DateTime<Utc>,
    /// The object as the organisation may read it now; null for `DELETED`.
    pub object: Value,
    /// The entity type as the API names it (`PROJECT`).
    api_entity_type: String,
}

pub struct EventPage {
    pub events: Vec<Event>,
    pub end_cursor: String,
}

/// The next events after `cursor`, as `caller` reads the feed.
#[allow(clippy::too_many_arguments)]
pub async fn read(
    db: &Db,
    schema: &AppSchema,
    shared: &Shared,
    gate: &WriteGate,
    caller: &Principal,
    cursor: &str,
    first: i32,
    types: &[&'static str],
) -> ApiResult<EventPage> {
    let context = RequestContext::new(
        db.clone(),
        Some(caller.clone()),
        gate.clone(),
        Origin::default(),
        shared.clone(),
    );
    let types: Vec<String> = types.iter().map(|t| t.to_ascii_uppercase()).collect();
    let request = async_graphql::Request::new(QUERY)
        .variables(async_graphql::Variables::from_json(
            json!({ "after": cursor, "first": first, "types": types }),
        ))
        .data(context);
    let response = schema.execute(request).await;
    if let Some(error) = response.errors.first() {
        return Err(ApiError::Internal(format!(
            "reading the feed for a webhook failed: {}",
            error.message
        )));
    }
    let data = response
        .data
        .into_json()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let changes = &data["changes"];
    let end_cursor = changes["pageInfo"]["endCursor"]
        .as_str()
        .ok_or_else(|| ApiError::Internal("a feed page without an end cursor".into()))?
        .to_owned();
    let mut events = Vec::new();
    for node in changes["nodes"].as_array().into_iter().flatten() {
        events.push(Event::from_node(node)?);
    }
    Ok(EventPage { events, end_cursor })
}

impl Event {
    fn from_node(node: &Value) -> ApiResult<Self> {
        let bad = |what: &str| ApiError::Internal(format!("a feed entry without {what}"));
        let cursor = node["cursor"].as_str().ok_or_else(|| bad("cursor"))?;
        let (t, i) = feed::log_position(cursor)?.ok_or_else(|| bad("a place in the log"))?;
        let api_entity_type = node["entityType"]
            .as_str()
            .ok_or_else(|| bad("entityType"))?
            .to_owned();
        Ok(Self {
            id: i.to_string(),
            // Fixed width, so the text orders as the feed does: by transaction, then row.
            sequence: format!("{t:019}-{i:019}"),
            cursor: cursor.to_owned(),
            entity_type: api_entity_type.to_ascii_lowercase(),
            entity_id: node["entityId"]
                .as_str()
                .and_then(|id| Uuid::parse_str(id).ok())
                .ok_or_else(|| bad("entityId"))?,
            operation: node["operation"]
                .as_str()
                .ok_or_else(|| bad("operation"))?
                .to_owned(),
            version: node["version"]
                .as_i64()
                .and_then(|v| i32::try_from(v).ok())
                .ok_or_else(|| bad("version"))?,
            changed_at: node["changedAt"]
                .as_str()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| bad("changedAt"))?,
            object: node["object"].clone(),
            api_entity_type,
        })
    }

    /// `nl.denhaag.wijkhub.<entity>.<created|updated|deleted>`, the entity in kebab case
    /// (`meeting-place`): reverse domain name notation has no underscores.
    pub fn event_type(&self) -> String {
        format!(
            "{TYPE_PREFIX}.{}.{}",
            self.entity_type.replace('_', "-"),
            self.operation.to_ascii_lowercase()
        )
    }

    /// The CloudEvent as sent: JSON, structured mode.
    pub fn body(&self, source: &str) -> serde_json::Result<Vec<u8>> {
        let mut object = self.object.clone();
        if let Some(fields) = object.as_object_mut() {
            // The union's tag says nothing `entityType` does not.
            fields.remove("__typename");
        }
        serde_json::to_vec(&json!({
            "specversion": "1.0",
            "id": self.id,
            "source": source,
            "type": self.event_type(),
            "subject": self.entity_id,
            "time": self.changed_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "datacontenttype": "application/json",
            "sequence": self.sequence,
            "data": {
                "entityType": self.api_entity_type,
                "entityId": self.entity_id,
                "operation": self.operation,
                "version": self.version,
                "object": object,
            },
        }))
    }
}
