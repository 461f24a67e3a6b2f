//! The webhook deliverer: the outgoing door that pushes the change feed to partners' endpoints.
//!
//! Each webhook reads the feed as its organisation would (the `changes` query, run through the
//! schema with the organisation as caller, so the same policy, order, "lost sight → deleted" and
//! field rules hold as for any reader), from its own cursor, and posts one event at a time: the
//! next waits for a 2xx to the previous one, and the cursor moves only then (at least once, in
//! commit order, never skipping). A failure waits out a backoff; a webhook failing for a day is
//! turned off and, turned on again, resumes where it stopped.
//!
//! One instance delivers for a webhook at a time: it holds a lease on the webhook's row, renewed
//! before every attempt; an instance that dies stops renewing and another takes over once the
//! lease lapses. A lease instead of a row lock held across the HTTP call, because an open
//! transaction on PostgreSQL would hold back the feed's horizon for every reader.

mod event;

use std::{
    collections::HashSet,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use entity::{Role, organisation, webhook, webhook_delivery};
use rand::{Rng, SeedableRng, rngs::SmallRng};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel,
    QueryFilter, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

pub use event::Event;

use crate::{
    auth::Principal,
    config::WebhookSettings,
    db::Db,
    error::ApiError,
    graphql::{AppSchema, pipeline::context::Shared},
    http::AppState,
    service::{
        feed,
        webhooks::{self as hooks, DELIVERED, Options, PENDING, WITHDRAWN, secret, target},
        write::WriteGate,
    },
};

/// Events read from the feed per round; each is still sent and acknowledged one by one.
const PAGE: i32 = 20;

/// The most of an answer read (and then dropped): a receiver cannot make the server hold more.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// How much of a failed answer is kept as the delivery's `lastError`.
const ERROR_SNIPPET: usize = 200;

pub struct Deliverer {
    db: Db,
    schema: AppSchema,
    shared: Shared,
    gate: WriteGate,
    settings: WebhookSettings,
    options: Options,
    /// This process, as the holder of leases.
    instance: Uuid,
    /// Webhooks this process is delivering for now.
    running: Mutex<HashSet<Uuid>>,
}

/// Starts delivering webhooks in the background, for as long as the process runs.
pub fn spawn(state: &AppState) -> Arc<Deliverer> {
    let deliverer = Arc::new(Deliverer {
        db: state.db.clone(),
        schema: crate::graphql::schema(),
        shared: state.shared(),
        gate: state.gate.clone(),
        settings: state.settings.webhooks.clone(),
        options: Options::from_settings(&state.settings),
        instance: Uuid::now_v7(),
        running: Mutex::default(),
    });
    let looping = deliverer.clone();
    tokio::spawn(async move { looping.run().await });
    deliverer
}

/// An active webhook's id, next attempt, lease end and lease holder.
type ActiveRow = (
    Uuid,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<Uuid>,
);

/// An active webhook, and whether this instance should deliver for it now.
struct Active {
    id: Uuid,
    due: bool,
}

/// Takes a webhook off the running set when its round ends, however it ends.
struct Running(Arc<Deliverer>, Uuid);

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(mut running) = self.0.running.lock() {
            running.remove(&self.1);
        }
    }
}

/// Why a round of deliveries stopped early.
#[derive(Debug, thiserror::Error)]
enum RoundError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

impl Deliverer {
    async fn run(self: Arc<Self>) {
        let mut wake = self.db.changes().subscribe();
        loop {
            let looked = tokio::time::Instant::now();
            let watching = match self.active().await {
                Ok(active) => {
                    for id in active.iter().filter(|a| a.due).map(|a| a.id) {
                        let fresh = self
                            .running
                            .lock()
                            .map(|mut running| running.insert(id))
                            .unwrap_or(false);
                        if fresh {
                            let this = self.clone();
                            tokio::spawn(async move {
                                let _running = Running(this.clone(), id);
                                if let Err(error) = this.round(id).await {
                                    tracing::warn!(webhook = %id, %error, "webhook round failed");
                                }
                            });
                        }
                    }
                    !active.is_empty()
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot look for webhooks to deliver");
                    true
                }
            };
            if watching {
                crate::db::wait_for_change(&mut wake, self.settings.poll).await;
            } else {
                // Every commit in the process wakes the deliverer; with no active webhook there
                // is nothing to send, so it looks again only at the next poll (a webhook made
                // meanwhile starts at the log's end and misses nothing), not once per commit.
                tokio::time::sleep_until(looked + self.settings.poll).await;
                wake.borrow_and_update();
            }
        }
    }

    /// The active webhooks, each with whether its next attempt is due here: due now, and no
    /// other live instance holds it.
    async fn active(&self) -> Result<Vec<Active>, sea_orm::DbErr> {
        let now = Utc::now();
        let rows: Vec<ActiveRow> = webhook::Entity::find()
            .select_only()
            .column(webhook::Column::Id)
            .column(webhook::Column::NextAttemptAt)
            .column(webhook::Column::LeaseUntil)
            .column(webhook::Column::LeaseOwner)
            .filter(webhook::Column::Active.eq(true))
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, next_attempt, lease_until, lease_owner)| Active {
                id,
                due: next_attempt.is_none_or(|at| at <= now)
                    && (lease_until.is_none_or(|until| until < now)
                        || lease_owner == Some(self.instance)),
            })
            .collect())
    }

    /// Takes (or renews) the lease on a webhook; false when another instance holds it.
    async fn lease(&self, id: Uuid) -> Result<bool, sea_orm::DbErr> {
        let now = Utc::now();
        let until = now
            + chrono::Duration::from_std(self.settings.lease)
                .unwrap_or_else(|_| chrono::Duration::seconds(60));
        let result = webhook::Entity::update_many()
            .col_expr(webhook::Column::LeaseOwner, Expr::value(self.instance))
            .col_expr(webhook::Column::LeaseUntil, Expr::value(until))
            .filter(webhook::Column::Id.eq(id))
            .filter(
                Condition::any()
                    .add(webhook::Column::LeaseUntil.is_null())
                    .add(webhook::Column::LeaseUntil.lt(now))
                    .add(webhook::Column::LeaseOwner.eq(self.instance)),
            )
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected == 1)
    }

    async fn release(&self, id: Uuid) {
        let released = webhook::Entity::update_many()
            .col_expr(
                webhook::Column::LeaseOwner,
                Expr::value(Option::<Uuid>::None),
            )
            .col_expr(
                webhook::Column::LeaseUntil,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .filter(webhook::Column::Id.eq(id))
            .filter(webhook::Column::LeaseOwner.eq(self.instance))
            .exec(&self.db)
            .await;
        if let Err(error) = released {
            tracing::warn!(webhook = %id, %error, "cannot release a webhook's lease");
        }
    }

    /// Delivers for one webhook until it is caught up, fails, or is no longer ours.
    async fn round(&self, id: Uuid) -> Result<(), RoundError> {
        if !self.lease(id).await? {
            return Ok(());
        }
        let result = self.deliver_all(id).await;
        self.release(id).await;
        result
    }

    async fn deliver_all(&self, id: Uuid) -> Result<(), RoundError> {
        let mut connection: Option<Connection> = None;
        loop {
            let Some(hook) = self.ours(id).await? else {
                return Ok(());
            };
            if hook.next_attempt_at.is_some_and(|at| at > Utc::now()) {
                return Ok(());
            }
            let Some(caller) = self.organisation_caller(&hook).await? else {
                return Ok(());
            };
            let types = hooks::entity_types(&hook);
            let page = event::read(
                &self.db,
                &self.schema,
                &self.shared,
                &self.gate,
                &caller,
                &hook.cursor,
                PAGE,
                &types,
            )
            .await?;
            self.report_lag(&hook, &types, page.events.first()).await;
            if page.events.is_empty() {
                if page.end_cursor != hook.cursor {
                    self.advance(hook.id, &hook.cursor, &page.end_cursor)
                        .await?;
                }
                return Ok(());
            }
            // The cursor this round expects: moved by someone else (a replay), the round
            // starts again from there.
            let mut expected = hook.cursor.clone();
            for event in &page.events {
                if !self.lease(id).await? {
                    return Ok(());
                }
                let Some(hook) = self.ours(id).await? else {
                    return Ok(());
                };
                if hook.cursor != expected {
                    break;
                }
                let delivery = self.pending(&hook, event).await?;
                match self.send(&hook, event, &mut connection).await {
                    Ok((status, _)) if (200..300).contains(&status) => {
                        if !self.delivered(&hook, delivery, event, status).await? {
                            break;
                        }
                        expected = event.cursor.clone();
                    }
                    failed => {
                        let (status, error) = match failed {
                            Ok((status, answer)) if answer.is_empty() => {
                                (Some(status), format!("the endpoint answered {status}"))
                            }
                            Ok((status, answer)) => (
                                Some(status),
                                format!("the endpoint answered {status}: {answer}"),
                            ),
                            Err(error) => (None, error),
                        };
                        self.failed(&hook, delivery, status, error).await?;
                        return Ok(());
                    }
                }
            }
            // Every event of the page acknowledged: on past the rows the organisation does not
            // see (the page's end may lie beyond its last event).
            if expected != page.end_cursor {
                self.advance(id, &expected, &page.end_cursor).await?;
            }
        }
    }

    /// The webhook, while it is active and this instance holds it.
    async fn ours(&self, id: Uuid) -> Result<Option<webhook::Model>, sea_orm::DbErr> {
        Ok(webhook::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .filter(|hook| hook.active && hook.lease_owner == Some(self.instance)))
    }

    /// The webhook's organisation as a reader of the feed; none when it is gone or inactive.
    async fn organisation_caller(
        &self,
        hook: &webhook::Model,
    ) -> Result<Option<Principal>, sea_orm::DbErr> {
        let org = organisation::Entity::live_by_id(hook.organisation_id)
            .one(&self.db)
            .await?;
        Ok(org.filter(|o| o.active).map(|o| Principal {
            subject: format!("webhook:{}", hook.id),
            organisation_id: o.id,
            organisation_code: o.code,
            organisation_kind: o.kind,
            // Reading is the same for every role of an organisation; a viewer writes nothing.
            role: Role::Viewer,
            client: None,
        }))
    }

    /// Moves the cursor from `from` to `to` while this instance still holds the webhook and
    /// nobody else moved it.
    async fn advance(&self, id: Uuid, from: &str, to: &str) -> Result<bool, sea_orm::DbErr> {
        let result = webhook::Entity::update_many()
            .col_expr(webhook::Column::Cursor, Expr::value(to))
            .filter(webhook::Column::Id.eq(id))
            .filter(webhook::Column::Cursor.eq(from))
            .filter(webhook::Column::LeaseOwner.eq(self.instance))
            .exec(&self.db)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// The delivery record of an event, waiting for an attempt. Deliveries still waiting for
    /// earlier events are withdrawn: the organisation no longer sees those changes.
    async fn pending(
        &self,
        hook: &webhook::Model,
        event: &Event,
    ) -> Result<webhook_delivery::Model, sea_orm::DbErr> {
        webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::Status, Expr::value(WITHDRAWN))
            .col_expr(
                webhook_delivery::Column::NextAttemptAt,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .filter(webhook_delivery::Column::WebhookId.eq(hook.id))
            .filter(webhook_delivery::Column::Status.eq(PENDING))
            .filter(webhook_delivery::Column::EventId.ne(event.id.as_str()))
            .exec(&self.db)
            .await?;
        let existing = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::WebhookId.eq(hook.id))
            .filter(webhook_delivery::Column::EventId.eq(event.id.as_str()))
            .one(&self.db)
            .await?;
        match existing {
            Some(row) if row.status == PENDING => {
                // The organisation's view of the change may differ from the last attempt's.
                let mut active = row.into_active_model();
                active.operation = Set(event.operation.clone());
                Ok(active.update(&self.db).await?)
            }
            Some(row) => {
                // A replay: the same event, delivered again.
                let mut active = row.into_active_model();
                active.status = Set(PENDING.into());
                active.attempts = Set(0);
                active.operation = Set(event.operation.clone());
                active.cursor = Set(event.cursor.clone());
                active.last_status_code = Set(None);
                active.last_error = Set(None);
                active.delivered_at = Set(None);
                active.created_at = Set(crate::service::now());
                Ok(active.update(&self.db).await?)
            }
            None => Ok(webhook_delivery::Model {
                id: Uuid::now_v7(),
                webhook_id: hook.id,
                event_id: event.id.clone(),
                sequence: event.sequence.clone(),
                cursor: event.cursor.clone(),
                entity_type: event.entity_type.clone(),
                entity_id: event.entity_id,
                operation: event.operation.clone(),
                version: event.version,
                status: PENDING.into(),
                attempts: 0,
                last_status_code: None,
                last_error: None,
                next_attempt_at: None,
                delivered_at: None,
                created_at: crate::service::now(),
            }
            .into_active_model()
            .insert(&self.db)
            .await?),
        }
    }

    /// Posts one event; the answer's status and the start of its body, or why there was none.
    async fn send(
        &self,
        hook: &webhook::Model,
        event: &Event,
        connection: &mut Option<Connection>,
    ) -> Result<(u16, String), String> {
        let client = match connection {
            Some(c) if c.url == hook.url => c.client.clone(),
            _ => {
                let fresh = Connection::open(&hook.url, &self.options, self.settings.timeout)
                    .await
                    .map_err(|e| e.to_string())?;
                let client = fresh.client.clone();
                *connection = Some(fresh);
                client
            }
        };
        let body = event
            .body(&self.settings.source)
            .map_err(|e| format!("cannot encode the event: {e}"))?;
        let timestamp = Utc::now().timestamp();
        let signatures = self
            .signatures(hook, &event.id, timestamp, &body)
            .map_err(|e| e.to_string())?;
        let response = client
            .post(&hook.url)
            .header("content-type", "application/cloudevents+json")
            .header("webhook-id", &event.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signatures)
            .body(body)
            .send()
            .await
            .map_err(|e| describe(&e))?;
        let status = response.status().as_u16();
        let mut response = response;
        let mut read = 0usize;
        let mut snippet = Vec::new();
        while read < MAX_ANSWER_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    read += chunk.len();
                    if snippet.len() < ERROR_SNIPPET {
                        snippet.extend_from_slice(&chunk[..chunk.len().min(ERROR_SNIPPET)]);
                    }
                }
                Ok(None) | Err(_) => break,
            }
        }
        let answer: String = String::from_utf8_lossy(&snippet)
            .chars()
            .filter(|c| !c.is_control())
            .take(ERROR_SNIPPET)
            .collect();
        Ok((status, answer))
    }

    /// `v1,…` with the current secret, and with the previous one while it still signs.
    fn signatures(
        &self,
        hook: &webhook::Model,
        id: &str,
        timestamp: i64,
        body: &[u8],
    ) -> Result<String, secret::SecretError> {
        let key = &self.options.sealing_key;
        let current = secret::open(key, hook.id, &hook.secret_sealed)?;
        let mut signatures = vec![secret::sign(&current, id, timestamp, body)?];
        if let (Some(sealed), Some(_)) = (
            &hook.previous_secret_sealed,
            hooks::previous_secret_until(hook, Utc::now()),
        ) {
            let previous = secret::open(key, hook.id, sealed)?;
            signatures.push(secret::sign(&previous, id, timestamp, body)?);
        }
        Ok(signatures.join(" "))
    }

    /// Records the acknowledgement and moves the cursor past the event; false when the
    /// webhook was taken over or its cursor moved meanwhile.
    async fn delivered(
        &self,
        hook: &webhook::Model,
        delivery: webhook_delivery::Model,
        event: &Event,
        status: u16,
    ) -> Result<bool, sea_orm::DbErr> {
        let now = crate::service::now();
        let attempts = delivery.attempts + 1;
        let mut row = delivery.into_active_model();
        row.status = Set(DELIVERED.into());
        row.attempts = Set(attempts);
        row.last_status_code = Set(Some(i32::from(status)));
        row.next_attempt_at = Set(None);
        row.delivered_at = Set(Some(now));
        row.update(&self.db).await?;
        let moved = webhook::Entity::update_many()
            .col_expr(webhook::Column::Cursor, Expr::value(event.cursor.as_str()))
            .col_expr(
                webhook::Column::FailingSince,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .col_expr(
                webhook::Column::NextAttemptAt,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .col_expr(
                webhook::Column::LastError,
                Expr::value(Option::<String>::None),
            )
            .filter(webhook::Column::Id.eq(hook.id))
            .filter(webhook::Column::Cursor.eq(hook.cursor.as_str()))
            .filter(webhook::Column::LeaseOwner.eq(self.instance))
            .exec(&self.db)
            .await?;
        metrics::counter!("wijkhub_webhook_deliveries_total", "outcome" => "delivered")
            .increment(1);
        Ok(moved.rows_affected == 1)
    }

    async fn failed(
        &self,
        hook: &webhook::Model,
        delivery: webhook_delivery::Model,
        status: Option<u16>,
        error: String,
    ) -> Result<(), sea_orm::DbErr> {
        let now = crate::service::now();
        let attempts = delivery.attempts + 1;
        let failing_since = hook.failing_since.unwrap_or(now);
        let give_up = chrono::Duration::from_std(self.settings.disable_after)
            .unwrap_or_else(|_| chrono::Duration::hours(24));
        let turn_off = now - failing_since >= give_up;
        let next = (!turn_off).then(|| now + self.backoff(attempts));
        let mut row = delivery.into_active_model();
        row.attempts = Set(attempts);
        row.last_status_code = Set(status.map(i32::from));
        row.last_error = Set(Some(error.clone()));
        row.next_attempt_at = Set(next);
        row.update(&self.db).await?;
        let last_error = if turn_off {
            format!(
                "turned off after failing since {}: {error}",
                failing_since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )
        } else {
            error
        };
        // Only these columns, and only while the lease is ours: another instance may have taken
        // the webhook over, and its owner may have paused it meanwhile.
        let mut update = webhook::Entity::update_many()
            .col_expr(webhook::Column::FailingSince, Expr::value(failing_since))
            .col_expr(webhook::Column::NextAttemptAt, Expr::value(next))
            .col_expr(webhook::Column::LastError, Expr::value(last_error));
        if turn_off {
            update = update.col_expr(webhook::Column::Active, Expr::value(false));
        }
        update
            .filter(webhook::Column::Id.eq(hook.id))
            .filter(webhook::Column::LeaseOwner.eq(self.instance))
            .exec(&self.db)
            .await?;
        let outcome = if turn_off { "turned_off" } else { "failed" };
        metrics::counter!("wijkhub_webhook_deliveries_total", "outcome" => outcome).increment(1);
        Ok(())
    }

    /// The wait before attempt `attempts + 1`: the schedule's step, varied by up to a fifth.
    fn backoff(&self, attempts: i32) -> chrono::Duration {
        let schedule = self.settings.backoff_schedule();
        let step = usize::try_from(attempts.saturating_sub(1)).unwrap_or(0);
        let base = schedule
            .get(step)
            .or(schedule.last())
            .copied()
            .unwrap_or(Duration::from_secs(10));
        let jitter = SmallRng::from_os_rng().random_range(0.8..1.2);
        chrono::Duration::from_std(base.mul_f64(jitter))
            .unwrap_or_else(|_| chrono::Duration::seconds(10))
    }

    /// Lag of a webhook behind the feed: the age of the oldest event it has still to deliver, and
    /// how many changes of its kinds the log holds after its cursor.
    async fn report_lag(
        &self,
        hook: &webhook::Model,
        types: &[&'static str],
        oldest: Option<&Event>,
    ) {
        let label = hook.id.to_string();
        let seconds = oldest
            .map(|e| (Utc::now() - e.changed_at).num_milliseconds().max(0) as f64 / 1000.0)
            .unwrap_or(0.0);
        metrics::gauge!("wijkhub_webhook_lag_seconds", "webhook" => label.clone()).set(seconds);
        if let Ok(behind) = feed::changes_after(&self.db, &hook.cursor, types).await {
            metrics::gauge!("wijkhub_webhook_lag_events", "webhook" => label).set(behind as f64);
        }
    }
}

/// An HTTP client for one endpoint, pinned to the address checked when it was made.
struct Connection {
    url: String,
    client: reqwest::Client,
}

impl Connection {
    async fn open(
        url: &str,
        options: &Options,
        timeout: Duration,
    ) -> Result<Self, target::TargetError> {
        let parsed = target::parse(url, options.allow_private)?;
        let address: SocketAddr = target::resolve(&parsed, options.allow_private).await?;
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout)
            // The connection goes to the checked address, not through a proxy that resolves
            // the name again.
            .no_proxy()
            .user_agent(concat!("wijkhub-webhooks/", env!("CARGO_PKG_VERSION")));
        if let Some(url::Host::Domain(name)) = parsed.host() {
            builder = builder.resolve(name, address);
        }
        let client = builder
            .build()
            .map_err(|_| target::TargetError::Malformed)?;
        Ok(Self {
            url: url.to_owned(),
            client,
        })
    }
}

/// A failed request in words for `lastError`, without internals of the client.
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "no answer within the timeout".into()
    } else if error.is_connect() {
        "cannot connect to the endpoint".into()
    } else {
        "the request failed before an answer".into()
    }
}
