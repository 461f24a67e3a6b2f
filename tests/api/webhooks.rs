//! Webhooks: the change feed pushed to a receiver on 127.0.0.1 (started by each test) — in
//! commit order, never skipping, signed by the Standard Webhooks scheme, filtered by the feed's
//! rules for the webhook's organisation, retried with backoff, handed to another instance when
//! the delivering one is killed.

use std::{
    collections::{BTreeSet, HashMap},
    process::Stdio,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use wijkhub::seed::hague;

use crate::helpers::{ServerProcess, TestApp, single_error, spawn_app_with};

/// One request as the receiver got it.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub content_type: String,
    pub body: Value,
    pub raw: Vec<u8>,
    pub at: Instant,
}

#[derive(Clone, Default)]
struct ReceiverState {
    received: Arc<Mutex<Vec<Received>>>,
    /// Answers to give, in order; once used up, 200.
    script: Arc<Mutex<Vec<u16>>>,
    delay: Duration,
    /// Requests being answered now, and the most there ever were at once.
    in_flight: Arc<std::sync::atomic::AtomicUsize>,
    most_in_flight: Arc<std::sync::atomic::AtomicUsize>,
    /// Sent as `Location` with every answer (a redirect, with a 3xx status).
    location: Arc<Mutex<Option<String>>>,
}

/// A webhook endpoint on 127.0.0.1 that records what it gets.
pub struct Receiver {
    pub url: String,
    state: ReceiverState,
}

impl Receiver {
    /// Answers `script` in order, then 200; each answer after `delay`.
    pub async fn start(script: Vec<u16>, delay: Duration) -> Self {
        let state = ReceiverState {
            received: Arc::default(),
            script: Arc::new(Mutex::new(script)),
            delay,
            ..ReceiverState::default()
        };
        let router = axum::Router::new()
            .route("/hook", post(receive))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the receiver");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { url, state }
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }

    /// From now on answer `status` to everything.
    pub fn answer_always(&self, status: u16) {
        *self.state.script.lock().expect("lock") = vec![status; 100_000];
    }

    /// The most requests that were ever being answered at once.
    pub fn most_in_flight(&self) -> usize {
        self.state
            .most_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Answers every request with a redirect to `url`.
    pub fn redirect_to(&self, url: &str) {
        *self.state.location.lock().expect("lock") = Some(url.to_owned());
        self.answer_always(307);
    }

    pub fn answer_ok(&self) {
        self.state.script.lock().expect("lock").clear();
    }

    /// Waits until `done` holds for what arrived, or `limit` passes; returns what arrived.
    pub async fn wait_for(
        &self,
        limit: Duration,
        done: impl Fn(&[Received]) -> bool,
    ) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let now = self.received();
            if done(&now) || started.elapsed() > limit {
                return now;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn receive(
    State(state): State<ReceiverState>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, HeaderMap) {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    use std::sync::atomic::Ordering::SeqCst;
    let now = state.in_flight.fetch_add(1, SeqCst) + 1;
    state.most_in_flight.fetch_max(now, SeqCst);
    state.received.lock().expect("lock").push(Received {
        id: text("webhook-id"),
        timestamp: text("webhook-timestamp"),
        signature: text("webhook-signature"),
        content_type: text("content-type"),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        raw: body.to_vec(),
        at: Instant::now(),
    });
    if !state.delay.is_zero() {
        tokio::time::sleep(state.delay).await;
    }
    let status = {
        let mut script = state.script.lock().expect("lock");
        if script.is_empty() {
            200
        } else {
            script.remove(0)
        }
    };
    state.in_flight.fetch_sub(1, SeqCst);
    let mut answer = HeaderMap::new();
    if let Some(location) = state.location.lock().expect("lock").as_deref() {
        answer.insert("location", location.parse().expect("a header value"));
    }
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
        answer,
    )
}

/// The Standard Webhooks check, written out: HMAC-SHA256 over `id.timestamp.body` with the
/// secret's bytes, base64, as one of the space-separated `v1,` signatures.
pub fn signed_by(secret: &str, received: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_ prefix"))
        .expect("base64 secret");
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).expect("hmac key");
    mac.update(format!("{}.{}.", received.id, received.timestamp).as_bytes());
    mac.update(&received.raw);
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    received.signature.split(' ').any(|s| s == expected)
}

const CREATE: &str = "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {
    secret webhook { id url entityTypes active description createdAt } } }";

/// Registers a webhook; returns its id and secret.
pub async fn create_webhook(
    client: &reqwest::Client,
    address: &str,
    token: &str,
    url: &str,
    types: Value,
) -> (String, String) {
    let body: Value = client
        .post(format!("{address}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": CREATE, "variables": { "input": { "url": url, "entityTypes": types, "description": "test" } } }))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert!(body.get("errors").is_none(), "createWebhook: {body}");
    let created = &body["data"]["createWebhook"];
    (
        created["webhook"]["id"].as_str().expect("id").to_owned(),
        created["secret"].as_str().expect("secret").to_owned(),
    )
}

/// A test server that delivers webhooks, retrying after 100 ms.
async fn app_delivering(configure: impl FnOnce(&mut wijkhub::config::Settings)) -> TestApp {
    let app = spawn_app_with(|s| {
        s.webhooks.backoff = "100ms".into();
        s.webhooks.poll = Duration::from_millis(200);
        configure(s);
    })
    .await;
    wijkhub::webhooks::spawn(&app.state);
    app
}

const UPDATE: &str = "mutation($id: ID!, $v: Int!, $s: String!) {
    updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { version } }";

/// Events without exact repeats, checking that a repeat is the same event again.
fn distinct(received: &[Received]) -> Vec<Received> {
    let mut seen: HashMap<String, Value> = HashMap::new();
    let mut out = Vec::new();
    for r in received {
        match seen.get(&r.id) {
            Some(body) => {
                assert_eq!(
                    body["sequence"], r.body["sequence"],
                    "a repeated webhook-id is the same event"
                );
                assert_eq!(body["data"]["entityId"], r.body["data"]["entityId"]);
                assert_eq!(body["data"]["version"], r.body["data"]["version"]);
            }
            None => {
                seen.insert(r.id.clone(), r.body.clone());
                out.push(r.clone());
            }
        }
    }
    out
}

fn key(r: &Received) -> (String, i64) {
    (
        r.body["data"]["entityId"]
            .as_str()
            .expect("entityId")
            .to_owned(),
        r.body["data"]["version"].as_i64().expect("version"),
    )
}

/// Deliveries arrive in the feed's order: each new event's `sequence` is above the previous
/// one's, and a repeat (at least once) only ever repeats the event just sent.
fn assert_in_order(received: &[Received]) {
    let mut last: Option<(String, String)> = None;
    for r in received {
        let sequence = r.body["sequence"].as_str().expect("sequence").to_owned();
        if let Some((id, previous)) = &last {
            if *id == r.id {
                continue;
            }
            assert!(
                sequence > *previous,
                "in commit order: {sequence} after {previous}"
            );
        }
        last = Some((r.id.clone(), sequence));
    }
}

#[tokio::test]
async fn every_change_arrives_in_order_and_signed_while_16_writers_commit() {
    let app = app_delivering(|_| {}).await;
    let receiver = Receiver::start(Vec::new(), Duration::ZERO).await;
    let admin = app.token("programmabureau", "ADMIN");
    let (_, secret) = create_webhook(
        &app.client,
        &app.address,
        &admin,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    assert!(secret.starts_with("whsec_"));
    assert_eq!(
        STANDARD
            .decode(&secret["whsec_".len()..])
            .expect("base64")
            .len(),
        32
    );
    let writer = app.token("dpz", "EDITOR");
    let mut ids = Vec::new();
    for project in hague::PROJECTS.iter().take(16) {
        ids.push(app.project_id(&project.title).await);
    }
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for id in ids {
        let (client, url, token, stop) = (
            app.client.clone(),
            format!("{}/graphql", app.address),
            writer.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut version = 1;
            let mut committed = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let body = json!({ "query": UPDATE, "variables": { "id": id, "v": version, "s": format!("versie {version}") } });
                let answer: Value = client.post(&url).bearer_auth(&token).json(&body).send().await.expect("send").json().await.expect("json");
                let next = answer["data"]["updateProject"]["version"].as_i64().expect("the writer owns its project") as i32;
                committed.push((id.clone(), i64::from(next)));
                version = next;
            }
            committed
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut expected = BTreeSet::new();
    for writer in writers {
        expected.extend(writer.await.expect("writer"));
    }
    assert!(
        expected.len() > 16,
        "the writers committed: {}",
        expected.len()
    );
    let received = receiver
        .wait_for(Duration::from_secs(60), |got| {
            let keys: BTreeSet<_> = got.iter().map(key).collect();
            expected.is_subset(&keys)
        })
        .await;
    let events = distinct(&received);
    let keys: Vec<_> = events.iter().map(key).collect();
    let unique: BTreeSet<_> = keys.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        keys.len(),
        "each change is one event: {keys:?}"
    );
    assert_eq!(
        unique, expected,
        "every committed change arrives, and nothing else"
    );
    assert_in_order(&received);
    // Per project, versions arrive in the order they were committed.
    let mut last_version: HashMap<String, i64> = HashMap::new();
    for (id, version) in &keys {
        let previous = last_version.insert(id.clone(), *version).unwrap_or(0);
        assert!(
            *version > previous,
            "{id}: version {version} after {previous}"
        );
    }
    for r in &received {
        assert!(
            signed_by(&secret, r),
            "a valid Standard Webhooks signature: {r:?}"
        );
        assert_eq!(r.content_type, "application/cloudevents+json");
        let event = &r.body;
        assert_eq!(event["specversion"], "1.0");
        assert_eq!(event["id"], json!(r.id));
        assert_eq!(event["source"], "urn:nld:gemeente-den-haag.wijkhub");
        assert_eq!(event["type"], "nl.denhaag.wijkhub.project.updated");
        assert_eq!(event["subject"], event["data"]["entityId"]);
        assert_eq!(event["datacontenttype"], "application/json");
        assert_eq!(event["data"]["entityType"], "PROJECT");
        assert_eq!(event["data"]["operation"], "UPDATED");
        assert_eq!(event["data"]["object"]["id"], event["data"]["entityId"]);
        assert!(event["time"].as_str().is_some_and(|t| t.ends_with('Z')));
        let now = chrono::Utc::now().timestamp();
        let at: i64 = r.timestamp.parse().expect("a unix timestamp");
        assert!((now - at).abs() < 120, "a fresh webhook-timestamp");
    }
}

const DELIVERIES: &str = "query($id: ID!) { webhook(id: $id) { active lastError failingSince
    deliveries(first: 50) { totalCount nodes { eventId sequence cursor entityType entityId operation
      status attempts lastStatusCode lastError nextAttemptAt deliveredAt } } } }";

async fn summary(app: &TestApp, token: &str, project: &str, version: i64, text: &str) -> i64 {
    app.data(
        Some(token),
        UPDATE,
        json!({ "id": project, "v": version, "s": text }),
    )
    .await["updateProject"]["version"]
        .as_i64()
        .expect("version")
}

#[tokio::test]
async fn a_failing_endpoint_gets_the_event_again_after_the_backoff_and_the_next_waits() {
    let app = app_delivering(|_| {}).await;
    let receiver = Receiver::start(vec![500, 500, 500], Duration::ZERO).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let (webhook, secret) = create_webhook(
        &app.client,
        &app.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let project = app.project_id(&hague::PROJECTS[0].title).await;
    let writer = app.token("dpz", "EDITOR");
    let mut version = 1;
    for round in 0..3 {
        version = summary(&app, &writer, &project, version, &format!("ronde {round}")).await;
    }
    let received = receiver
        .wait_for(Duration::from_secs(30), |got| distinct(got).len() >= 3)
        .await;
    let ids: Vec<&str> = received.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids.len(),
        6,
        "three refusals, then three deliveries: {ids:?}"
    );
    assert!(
        ids[..4].iter().all(|id| *id == ids[0]),
        "the refused event is sent again, with the same webhook-id: {ids:?}"
    );
    assert_ne!(ids[4], ids[0]);
    assert_ne!(ids[5], ids[4]);
    assert_in_order(&received);
    let versions: Vec<i64> = distinct(&received).iter().map(|r| key(r).1).collect();
    assert_eq!(versions, [2, 3, 4], "the next event waited for the first");
    for pair in received[..4].windows(2) {
        assert!(
            pair[1].at - pair[0].at >= Duration::from_millis(70),
            "a retry waits for the backoff"
        );
    }
    assert!(received.iter().all(|r| signed_by(&secret, r)));
    let data = app
        .data(Some(&editor), DELIVERIES, json!({ "id": webhook }))
        .await;
    let hook = &data["webhook"];
    assert_eq!(hook["active"], true);
    assert_eq!(hook["lastError"], Value::Null, "cleared by the success");
    let nodes = hook["deliveries"]["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 3);
    // Newest first.
    let first = &nodes[2];
    assert_eq!(first["eventId"], json!(ids[0]));
    assert_eq!(first["attempts"], 4);
    assert_eq!(first["status"], "DELIVERED");
    assert_eq!(first["lastStatusCode"], 200);
    assert_eq!(first["lastError"], "the endpoint answered 500");
    assert_eq!(first["entityType"], "PROJECT");
    assert_eq!(first["entityId"], json!(project));
    assert_eq!(first["operation"], "UPDATED");
    assert!(first["deliveredAt"].is_string());
    assert!(
        nodes[..2]
            .iter()
            .all(|n| n["attempts"] == 1 && n["status"] == "DELIVERED")
    );
    let metrics = app
        .client
        .get(format!("{}/metrics", app.address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    for series in [
        "wijkhub_webhook_deliveries_total{outcome=\"failed\"}".to_owned(),
        "wijkhub_webhook_deliveries_total{outcome=\"delivered\"}".to_owned(),
        format!("wijkhub_webhook_lag_seconds{{webhook=\"{webhook}\"}}"),
        format!("wijkhub_webhook_lag_events{{webhook=\"{webhook}\"}}"),
    ] {
        assert!(metrics.contains(&series), "{series} in /metrics");
    }
}

#[tokio::test]
async fn two_instances_deliver_one_webhook_one_event_at_a_time() {
    let app = app_delivering(|_| {}).await;
    // A second instance on the same database, delivering too.
    let mut settings = (*app.state.settings).clone();
    settings.database_url = app.database_url.clone();
    let other = wijkhub::http::AppState::new(settings)
        .await
        .expect("a second instance");
    wijkhub::webhooks::spawn(&other);
    let receiver = Receiver::start(Vec::new(), Duration::from_millis(50)).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let (_, secret) = create_webhook(
        &app.client,
        &app.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let project = app.project_id(&hague::PROJECTS[5].title).await;
    let writer = app.token("dpz", "EDITOR");
    let mut version = 1;
    for round in 0..8 {
        version = summary(&app, &writer, &project, version, &format!("ronde {round}")).await;
    }
    let received = receiver
        .wait_for(Duration::from_secs(30), |got| distinct(got).len() >= 8)
        .await;
    let versions: Vec<i64> = distinct(&received).iter().map(|r| key(r).1).collect();
    assert_eq!(versions, (2..=9).collect::<Vec<_>>());
    assert_eq!(received.len(), 8, "no event sent twice");
    assert_eq!(receiver.most_in_flight(), 1, "one delivery at a time");
    assert!(received.iter().all(|r| signed_by(&secret, r)));
}

const CREATE_PROJECT: &str = "mutation($title: String!, $visibility: Visibility!) {
    createProject(input: { title: $title, summary: \"webhook test\", wijkCodes: [\"WK051836\"], themes: [HOUSING], visibility: $visibility }) { id version } }";
const VISIBILITY: &str = "mutation($id: ID!, $v: Int!, $visibility: Visibility!) {
    updateProject(id: $id, expectedVersion: $v, input: { visibility: $visibility }) { version } }";

#[tokio::test]
async fn a_partner_webhook_never_hears_of_an_internal_project_and_gets_deleted_when_it_loses_sight()
{
    let app = app_delivering(|_| {}).await;
    let receiver = Receiver::start(Vec::new(), Duration::ZERO).await;
    let partner = app.token("haag-wonen", "EDITOR");
    let (_, secret) = create_webhook(
        &app.client,
        &app.address,
        &partner,
        &receiver.url,
        Value::Null,
    )
    .await;
    let city = app.token("dpz", "EDITOR");
    let create = |title: &'static str, visibility: &'static str| {
        let (app, city) = (&app, city.clone());
        async move {
            app.data(
                Some(&city),
                CREATE_PROJECT,
                json!({ "title": title, "visibility": visibility }),
            )
            .await["createProject"]["id"]
                .as_str()
                .expect("id")
                .to_owned()
        }
    };
    let hidden = create("Intern plan van de stad", "INTERNAL").await;
    summary(&app, &city, &hidden, 1, "nog steeds intern").await;
    let arrived = |n: usize| {
        let receiver = &receiver;
        async move {
            receiver
                .wait_for(Duration::from_secs(30), |got| distinct(got).len() >= n)
                .await
        }
    };
    // Each step waits for its event: the object is the one at delivery time.
    let shared = create("Gedeeld plan", "SHARED").await;
    arrived(1).await;
    // The city gives it internal notes the partner may never read.
    app.data(
        Some(&city),
        "mutation($id: ID!) { updateProject(id: $id, expectedVersion: 1, input: { internalNotes: \"alleen voor de stad\" }) { version } }",
        json!({ "id": shared }),
    )
    .await;
    arrived(2).await;
    app.data(
        Some(&city),
        VISIBILITY,
        json!({ "id": shared, "v": 2, "visibility": "INTERNAL" }),
    )
    .await;
    arrived(3).await;
    summary(&app, &city, &hidden, 2, "nog intern").await;
    summary(&app, &city, &shared, 3, "nu intern").await;
    let last = create("Slotstuk", "SHARED").await;
    let received = receiver
        .wait_for(Duration::from_secs(30), |got| {
            got.iter()
                .any(|r| r.body["data"]["entityId"] == json!(last))
        })
        .await;
    let events = distinct(&received);
    let seen: Vec<(String, String, String)> = events
        .iter()
        .map(|r| {
            (
                r.body["data"]["entityId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                r.body["data"]["operation"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                r.body["type"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        events
            .iter()
            .all(|r| r.body["data"]["entityId"] != json!(hidden)),
        "nothing of a project the partner never could read: {seen:?}"
    );
    assert_eq!(
        seen,
        vec![
            (
                shared.clone(),
                "CREATED".into(),
                "nl.denhaag.wijkhub.project.created".into()
            ),
            (
                shared.clone(),
                "UPDATED".into(),
                "nl.denhaag.wijkhub.project.updated".into()
            ),
            (
                shared.clone(),
                "DELETED".into(),
                "nl.denhaag.wijkhub.project.deleted".into()
            ),
            (
                last.clone(),
                "CREATED".into(),
                "nl.denhaag.wijkhub.project.created".into()
            ),
        ],
        "the shared project, its drop when it became internal, then nothing more of it"
    );
    for event in [&events[0], &events[1], &events[3]] {
        let object = &event.body["data"]["object"];
        assert!(object["title"].is_string(), "{:?}", event.body);
        assert_eq!(
            object["internalNotes"],
            Value::Null,
            "no field the partner may not read"
        );
        assert_eq!(object["budget"], Value::Null);
    }
    assert_eq!(events[2].body["data"]["object"], Value::Null);
    assert!(!String::from_utf8_lossy(&events[3].raw).contains("__typename"));
    assert!(received.iter().all(|r| signed_by(&secret, r)));
}

#[tokio::test]
async fn bad_input_is_refused_with_its_field_and_stores_nothing() {
    // As in production: no private addresses.
    let app = spawn_app_with(|s| s.webhooks.allow_private = Some(false)).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let before = app.trail().await;
    for (url, types) in [
        ("not a url", Value::Null),
        ("ftp://example.nl/hook", Value::Null),
        ("http://example.nl/hook", Value::Null),
        ("https://127.0.0.1/hook", Value::Null),
        ("https://10.0.0.7/hook", Value::Null),
        ("https://169.254.169.254/latest/meta-data", Value::Null),
        ("https://[::1]/hook", Value::Null),
        ("https://localhost/hook", Value::Null),
    ] {
        let body = app
            .graphql(
                Some(&editor),
                CREATE,
                json!({ "input": { "url": url, "entityTypes": types } }),
            )
            .await;
        assert_eq!(
            single_error(&body),
            ("BAD_USER_INPUT".to_owned(), Some("input.url".to_owned())),
            "{url}: {body}"
        );
    }
    let body = app
        .graphql(
            Some(&editor),
            CREATE,
            json!({ "input": { "url": "https://203.0.113.1/hook", "entityTypes": ["PROJECT", "PARKING_METER"] } }),
        )
        .await;
    assert_eq!(single_error(&body).0, "BAD_USER_INPUT", "{body}");
    let body = app
        .graphql(
            Some(&editor),
            CREATE,
            json!({ "input": { "url": "https://93.184.216.34/hook", "entityTypes": [] } }),
        )
        .await;
    assert_eq!(
        single_error(&body),
        (
            "BAD_USER_INPUT".to_owned(),
            Some("input.entityTypes".to_owned())
        ),
        "{body}"
    );
    assert_eq!(app.trail().await, before, "nothing written");
    let list = app
        .data(Some(&editor), "{ webhooks { totalCount } }", Value::Null)
        .await;
    assert_eq!(list["webhooks"]["totalCount"], 0);
}

#[tokio::test]
async fn an_organisation_manages_its_own_webhooks_its_viewers_read_them_and_others_see_nothing() {
    let app = spawn_app_with(|_| {}).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let viewer = app.token("haag-wonen", "VIEWER");
    let stranger = app.token("staedion", "EDITOR");
    let admin = app.token("programmabureau", "ADMIN");
    let url = "http://127.0.0.1:9/hook";
    let body = app
        .graphql(Some(&viewer), CREATE, json!({ "input": { "url": url } }))
        .await;
    assert_eq!(
        single_error(&body).0,
        "FORBIDDEN",
        "viewers write nothing: {body}"
    );
    let body = app
        .graphql(None, CREATE, json!({ "input": { "url": url } }))
        .await;
    assert_eq!(single_error(&body).0, "UNAUTHENTICATED");
    let (id, _) = create_webhook(&app.client, &app.address, &editor, url, Value::Null).await;
    let read = "query($id: ID!) { webhook(id: $id) { id url active entityTypes viewerCan { update delete } organisation { code } } }";
    let seen = app.data(Some(&viewer), read, json!({ "id": id })).await;
    assert_eq!(seen["webhook"]["organisation"]["code"], "haag-wonen");
    assert_eq!(seen["webhook"]["viewerCan"]["update"], false);
    assert_eq!(
        seen["webhook"]["entityTypes"],
        json!([
            "ORGANISATION",
            "CONTACT_PERSON",
            "MEETING_PLACE",
            "PROJECT",
            "SIGNAL"
        ])
    );
    let own = app.data(Some(&editor), read, json!({ "id": id })).await;
    assert_eq!(own["webhook"]["viewerCan"]["update"], true);
    // Another organisation: as if it did not exist, through every door.
    let body = app
        .graphql(Some(&stranger), read, json!({ "id": id }))
        .await;
    assert_eq!(single_error(&body).0, "NOT_FOUND");
    let list = app
        .data(
            Some(&stranger),
            "{ webhooks { totalCount nodes { id } } }",
            Value::Null,
        )
        .await;
    assert_eq!(list["webhooks"]["totalCount"], 0);
    for mutation in [
        "mutation($id: ID!) { updateWebhook(id: $id, input: { active: false }) { id } }",
        "mutation($id: ID!) { deleteWebhook(id: $id) { id } }",
        "mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }",
        "mutation($id: ID!) { redeliverWebhook(id: $id) { id } }",
    ] {
        let body = app
            .graphql(Some(&stranger), mutation, json!({ "id": id }))
            .await;
        assert_eq!(single_error(&body).0, "NOT_FOUND", "{mutation}: {body}");
        let body = app
            .graphql(Some(&viewer), mutation, json!({ "id": id }))
            .await;
        assert_eq!(single_error(&body).0, "FORBIDDEN", "{mutation}: {body}");
    }
    let all = app
        .data(
            Some(&admin),
            "{ webhooks { totalCount nodes { id } } }",
            Value::Null,
        )
        .await;
    assert_eq!(
        all["webhooks"]["totalCount"], 1,
        "ADMIN reads every organisation's"
    );
    let paused = app
        .data(
            Some(&admin),
            "mutation($id: ID!) { updateWebhook(id: $id, input: { active: false, description: \"gepauzeerd\", entityTypes: [PROJECT] }) { active description entityTypes } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        paused["updateWebhook"],
        json!({ "active": false, "description": "gepauzeerd", "entityTypes": ["PROJECT"] })
    );
    let explained = app
        .data(
            Some(&admin),
            "query($id: ID!) { explainAccess(organisationCode: \"haag-wonen\", role: EDITOR, action: MANAGE_WEBHOOKS, objectId: $id) { allowed rule } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(explained["explainAccess"]["allowed"], true);
    let deleted = app
        .data(
            Some(&editor),
            "mutation($id: ID!) { deleteWebhook(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(deleted["deleteWebhook"]["id"], json!(id));
    let body = app.graphql(Some(&editor), read, json!({ "id": id })).await;
    assert_eq!(single_error(&body).0, "NOT_FOUND");
    // Every write was audited.
    let mut rows = entity::audit_log::Entity::find()
        .all(&app.state.db)
        .await
        .expect("audit");
    rows.sort_by_key(|row| row.id);
    let audited: Vec<String> = rows
        .into_iter()
        .filter(|row| {
            row.object_type.as_deref() == Some("webhook")
                && row.result == entity::AuditResult::Success
        })
        .map(|row| row.action)
        .collect();
    assert_eq!(audited, ["createWebhook", "updateWebhook", "deleteWebhook"]);
}

#[tokio::test]
async fn a_rotated_secret_signs_beside_the_old_one_and_is_never_stored_in_the_clear() {
    let app = app_delivering(|_| {}).await;
    let receiver = Receiver::start(Vec::new(), Duration::ZERO).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let (id, old) = create_webhook(
        &app.client,
        &app.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let rotated = app
        .data(
            Some(&editor),
            "mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { previousSecretValidUntil } } }",
            json!({ "id": id }),
        )
        .await;
    let new = rotated["rotateWebhookSecret"]["secret"]
        .as_str()
        .expect("secret")
        .to_owned();
    assert_ne!(new, old);
    let until = rotated["rotateWebhookSecret"]["webhook"]["previousSecretValidUntil"]
        .as_str()
        .expect("the old secret signs for a while");
    let until = chrono::DateTime::parse_from_rfc3339(until).expect("time");
    let hours = (until.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes();
    assert!(
        (23 * 60..=24 * 60).contains(&hours),
        "about 24 hours: {hours} min"
    );
    let row = entity::webhook::Entity::find_by_id(uuid::Uuid::parse_str(&id).expect("uuid"))
        .one(&app.state.db)
        .await
        .expect("row")
        .expect("stored");
    let stored = format!("{row:?}");
    for secret in [&old, &new] {
        assert!(
            !stored.contains(&secret["whsec_".len()..]),
            "no secret in the clear"
        );
    }
    let project = app.project_id(&hague::PROJECTS[1].title).await;
    summary(
        &app,
        &app.token("dpz", "EDITOR"),
        &project,
        1,
        "na de wissel",
    )
    .await;
    let received = receiver
        .wait_for(Duration::from_secs(30), |got| !got.is_empty())
        .await;
    let event = received.first().expect("an event");
    assert_eq!(event.signature.split(' ').count(), 2, "{}", event.signature);
    assert!(signed_by(&old, event), "the old secret still verifies");
    assert!(signed_by(&new, event), "the new secret verifies");
}

#[tokio::test]
async fn a_webhook_failing_too_long_turns_off_and_turned_on_again_loses_nothing() {
    let app = app_delivering(|s| s.webhooks.disable_after = Duration::from_millis(600)).await;
    let receiver = Receiver::start(Vec::new(), Duration::ZERO).await;
    receiver.answer_always(503);
    let editor = app.token("haag-wonen", "EDITOR");
    let (id, secret) = create_webhook(
        &app.client,
        &app.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let project = app.project_id(&hague::PROJECTS[2].title).await;
    let writer = app.token("dpz", "EDITOR");
    let v = summary(&app, &writer, &project, 1, "een").await;
    summary(&app, &writer, &project, v, "twee").await;
    let started = Instant::now();
    let state = loop {
        let data = app
            .data(Some(&editor), DELIVERIES, json!({ "id": id }))
            .await;
        if data["webhook"]["active"] == false || started.elapsed() > Duration::from_secs(30) {
            break data;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(state["webhook"]["active"], false, "turned off: {state}");
    let reason = state["webhook"]["lastError"].as_str().expect("a reason");
    assert!(
        reason.contains("turned off") && reason.contains("503"),
        "{reason}"
    );
    let refused = receiver.received().len();
    assert!(refused >= 2, "it kept trying until then: {refused}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        receiver.received().len(),
        refused,
        "nothing is sent while off"
    );
    receiver.answer_ok();
    app.data(
        Some(&editor),
        "mutation($id: ID!) { updateWebhook(id: $id, input: { active: true }) { active } }",
        json!({ "id": id }),
    )
    .await;
    let received = receiver
        .wait_for(Duration::from_secs(30), |got| distinct(got).len() >= 2)
        .await;
    let versions: Vec<i64> = distinct(&received).iter().map(|r| key(r).1).collect();
    assert_eq!(versions, [2, 3], "resumed where it stopped");
    assert_in_order(&received);
    assert!(received.iter().all(|r| signed_by(&secret, r)));
}

#[tokio::test]
async fn redelivering_replays_the_same_events_with_the_same_ids() {
    let app = app_delivering(|_| {}).await;
    let receiver = Receiver::start(Vec::new(), Duration::ZERO).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let (id, _) = create_webhook(
        &app.client,
        &app.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let project = app.project_id(&hague::PROJECTS[3].title).await;
    let writer = app.token("dpz", "EDITOR");
    let mut v = 1;
    for text in ["een", "twee", "drie"] {
        v = summary(&app, &writer, &project, v, text).await;
    }
    let first = receiver
        .wait_for(Duration::from_secs(30), |got| got.len() >= 3)
        .await;
    let ids: Vec<String> = first.iter().map(|r| r.id.clone()).collect();
    let deliveries = app
        .data(Some(&editor), DELIVERIES, json!({ "id": id }))
        .await;
    // The cursor after the first event (deliveries are listed newest first).
    let after_first = deliveries["webhook"]["deliveries"]["nodes"][2]["cursor"].clone();
    app.data(
        Some(&editor),
        "mutation($id: ID!, $after: String) { redeliverWebhook(id: $id, after: $after) { id } }",
        json!({ "id": id, "after": after_first }),
    )
    .await;
    let again = receiver
        .wait_for(Duration::from_secs(30), |got| got.len() >= 5)
        .await;
    let replayed: Vec<String> = again[3..].iter().map(|r| r.id.clone()).collect();
    assert_eq!(
        replayed,
        ids[1..],
        "the changes after the cursor, again, with their ids"
    );
    app.data(
        Some(&editor),
        "mutation($id: ID!) { redeliverWebhook(id: $id) { id } }",
        json!({ "id": id }),
    )
    .await;
    let all = receiver
        .wait_for(Duration::from_secs(30), |got| got.len() >= 8)
        .await;
    let from_start: Vec<String> = all[5..].iter().map(|r| r.id.clone()).collect();
    assert_eq!(from_start, ids, "from the webhook's creation");
    let body = app
        .graphql(
            Some(&editor),
            "mutation($id: ID!) { redeliverWebhook(id: $id, after: \"bm9uc2Vuc2U\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        single_error(&body),
        ("BAD_USER_INPUT".to_owned(), Some("after".to_owned()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_delivering_server_hands_the_webhook_to_another_and_loses_nothing() {
    let app = spawn_app_with(|_| {}).await;
    // Each answer takes a while, so the kill lands mid-delivery.
    let receiver = Receiver::start(Vec::new(), Duration::from_millis(300)).await;
    let env = [
        ("WIJKHUB_WEBHOOKS__BACKOFF", "100ms"),
        ("WIJKHUB_WEBHOOKS__TIMEOUT", "1s"),
        ("WIJKHUB_WEBHOOKS__LEASE", "2s"),
        ("WIJKHUB_WEBHOOKS__POLL", "200ms"),
    ];
    let mut first = ServerProcess::start(&app.database_url, &env, Stdio::null()).await;
    let client = reqwest::Client::new();
    let editor = app.token("haag-wonen", "EDITOR");
    let (_, secret) = create_webhook(
        &client,
        &first.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let project = app.project_id(&hague::PROJECTS[4].title).await;
    let writer = app.token("dpz", "EDITOR");
    let mut version = 1;
    for round in 0..10 {
        let body: Value = client
            .post(format!("{}/graphql", first.address))
            .bearer_auth(&writer)
            .json(&json!({ "query": UPDATE, "variables": { "id": project, "v": version, "s": format!("ronde {round}") } }))
            .send()
            .await
            .expect("send")
            .json()
            .await
            .expect("json");
        version = body["data"]["updateProject"]["version"]
            .as_i64()
            .expect("version");
    }
    receiver
        .wait_for(Duration::from_secs(30), |got| got.len() >= 3)
        .await;
    first.child.kill().expect("kill -9");
    first.child.wait().expect("reap");
    let at_kill = distinct(&receiver.received()).len();
    assert!(
        at_kill < 10,
        "killed mid-delivery: {at_kill} of 10 delivered"
    );
    let mut second = ServerProcess::start(&app.database_url, &env, Stdio::null()).await;
    let received = receiver
        .wait_for(Duration::from_secs(60), |got| distinct(got).len() >= 10)
        .await;
    let _ = second.child.kill();
    let _ = second.child.wait();
    let versions: Vec<i64> = distinct(&received).iter().map(|r| key(r).1).collect();
    assert_eq!(
        versions,
        (2..=11).collect::<Vec<_>>(),
        "every change, in order"
    );
    assert_in_order(&received);
    assert!(received.iter().all(|r| signed_by(&secret, r)));
}

#[tokio::test]
async fn a_replayed_create_webhook_answer_never_shows_the_secret_again() {
    let app = spawn_app_with(|_| {}).await;
    let editor = app.token("haag-wonen", "EDITOR");
    let body =
        json!({ "query": CREATE, "variables": { "input": { "url": "http://127.0.0.1:9/hook" } } });
    let send = || {
        app.client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(&editor)
            .header("Idempotency-Key", "webhook-1")
            .json(&body)
            .send()
    };
    let first: Value = send().await.expect("send").json().await.expect("json");
    let secret = first["data"]["createWebhook"]["secret"]
        .as_str()
        .expect("shown the first time")
        .to_owned();
    assert!(secret.starts_with("whsec_"));
    let stored = entity::idempotency_key::Entity::find()
        .all(&app.state.db)
        .await
        .expect("keys");
    assert!(!stored.is_empty());
    assert!(stored.iter().all(|k| !k.response_body.contains(&secret)));
    let replay: Value = send().await.expect("send").json().await.expect("json");
    assert_eq!(
        replay["data"]["createWebhook"]["webhook"]["id"],
        first["data"]["createWebhook"]["webhook"]["id"],
        "the same webhook, created once"
    );
    assert_eq!(replay["data"]["createWebhook"]["secret"], "");
    assert_eq!(
        replay["extensions"]["secretWithheld"]["paths"],
        json!([["createWebhook", "secret"]])
    );
}

#[tokio::test]
async fn a_redirect_is_a_failure_and_never_followed() {
    let app = app_delivering(|_| {}).await;
    let elsewhere = Receiver::start(Vec::new(), Duration::ZERO).await;
    let receiver = Receiver::start(Vec::new(), Duration::ZERO).await;
    receiver.redirect_to(&elsewhere.url);
    let editor = app.token("haag-wonen", "EDITOR");
    let (id, _) = create_webhook(
        &app.client,
        &app.address,
        &editor,
        &receiver.url,
        json!(["PROJECT"]),
    )
    .await;
    let project = app.project_id(&hague::PROJECTS[6].title).await;
    summary(&app, &app.token("dpz", "EDITOR"), &project, 1, "omleiding").await;
    receiver
        .wait_for(Duration::from_secs(30), |got| got.len() >= 2)
        .await;
    let data = app
        .data(Some(&editor), DELIVERIES, json!({ "id": id }))
        .await;
    let delivery = &data["webhook"]["deliveries"]["nodes"][0];
    assert_eq!(delivery["status"], "PENDING", "{data}");
    assert_eq!(delivery["lastStatusCode"], 307);
    assert!(
        elsewhere.received().is_empty(),
        "the redirect was not followed"
    );
}
