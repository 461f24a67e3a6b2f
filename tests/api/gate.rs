//! One gate: a WebSocket operation passes the same checks as an HTTP request (expiry,
//! revocation, deactivation, a fresh request cache, limits, audit origin), and a verified caller
//! is trusted for a fixed window from the last database check, on every instance.

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use jsonwebtoken::{EncodingKey, Header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use wijkhub::{config::DEVELOPMENT_JWT_SECRET, seed::hague};

use crate::{
    helpers::{TestApp, error_codes, second_instance, spawn_app, spawn_app_with},
    live::{Socket, connect, current_cursor, next_json, start},
};

const ME: &str = "query { me { role organisation { code } } }";

/// A token for a demo organisation with claims of the test's choosing, signed with the
/// development secret the test servers use.
fn token_with(app: &TestApp, org: &str, role: &str, edit: impl FnOnce(&mut Value)) -> String {
    let now = jsonwebtoken::get_current_timestamp();
    let mut claims = json!({
        "sub": format!("test:{org}"),
        "org": app.org_id(org),
        "role": role,
        "iss": "wijkhub",
        "aud": "wijkhub",
        "iat": now,
        "exp": now + 600,
    });
    edit(&mut claims);
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(DEVELOPMENT_JWT_SECRET.as_bytes()).expect("key"),
    )
    .expect("sign")
}

async fn api_client_token(app: &TestApp, org: &str, role: &str) -> (String, String) {
    let (id, secret) = app.create_api_client(org, role).await;
    let body: Value = app
        .client
        .post(format!("{}/oauth/token", app.address))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", id.as_str()),
            ("client_secret", secret.as_str()),
        ])
        .send()
        .await
        .expect("token request")
        .json()
        .await
        .expect("json");
    (id, body["access_token"].as_str().expect("token").to_owned())
}

async fn revoke(app: &TestApp, client_id: &str) {
    let admin = app.token("programmabureau", "ADMIN");
    let body = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { revokeApiClient(id: $id) { revokedAt } }",
            json!({ "id": client_id }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
}

async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .expect("send");
}

async fn subscribe(socket: &mut Socket, id: &str, query: &str, variables: Value) {
    send(
        socket,
        json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }),
    )
    .await;
}

/// Reads until the server closes the socket; the close code, and the messages before it.
async fn until_closed(socket: &mut Socket) -> (u16, Vec<Value>) {
    let mut seen = Vec::new();
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("the socket closes within 10 s")
            .expect("a frame")
            .expect("a message");
        match message {
            Message::Text(text) => seen.push(serde_json::from_str(&text).expect("json")),
            Message::Close(Some(frame)) => return (u16::from(frame.code), seen),
            Message::Close(None) => return (0, seen),
            _ => {}
        }
    }
}

/// The next message that is not a keep-alive.
async fn next_answer(socket: &mut Socket) -> Value {
    loop {
        let message = next_json(socket).await;
        if message["type"] != "ping" {
            return message;
        }
    }
}

fn codes_of(message: &Value) -> Vec<String> {
    let errors = if message["type"] == "error" {
        &message["payload"]
    } else {
        &message["payload"]["errors"]
    };
    errors
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["extensions"]["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

const REPORT_SIGNAL: &str = r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "Losse stoeptegels", description: "Bij de halte.", urgency: LOW }) { id } }"#;

#[tokio::test]
async fn revocation_reaches_another_instance_within_the_window_however_busy_the_client() {
    let app = spawn_app().await;
    let other = second_instance(&app).await;
    let (client_id, token) = api_client_token(&app, "haag-wonen", "EDITOR").await;
    let status = |token: String| {
        let (client, address) = (other.client.clone(), other.address.clone());
        async move {
            client
                .post(format!("{address}/graphql"))
                .bearer_auth(token)
                .json(&json!({ "query": ME }))
                .send()
                .await
                .expect("request")
                .status()
                .as_u16()
        }
    };
    assert_eq!(status(token.clone()).await, 200, "the client works on B");
    revoke(&app, &client_id).await;
    let revoked_at = Instant::now();
    // A busy client: a request every second, each one inside the previous one's window.
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let answer = status(token.clone()).await;
        if answer == 401 {
            break;
        }
        assert_eq!(answer, 200);
        assert!(
            revoked_at.elapsed() < Duration::from_millis(3_500),
            "instance B still accepts the revoked client {:?} after the revocation",
            revoked_at.elapsed()
        );
    }
}

#[tokio::test]
async fn a_socket_whose_token_expires_closes_with_4401_at_its_next_operation() {
    let app = spawn_app().await;
    // Valid for about two more seconds: the server tolerates 30 s of clock skew on `exp`.
    let token = token_with(&app, "haag-wonen", "EDITOR", |claims| {
        claims["exp"] = json!(jsonwebtoken::get_current_timestamp() - 28);
    });
    let mut socket = connect(&app).await;
    start(&mut socket, &token).await;
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": ME } }),
    )
    .await;
    let first = next_answer(&mut socket).await;
    assert_eq!(
        first["payload"]["data"]["me"]["organisation"]["code"],
        "haag-wonen"
    );
    assert_eq!(next_answer(&mut socket).await["type"], "complete");

    tokio::time::sleep(Duration::from_secs(3)).await;
    let (trail_before, _) = app.trail().await;
    send(
        &mut socket,
        json!({ "id": "2", "type": "subscribe", "payload": { "query": REPORT_SIGNAL } }),
    )
    .await;
    let (code, messages) = until_closed(&mut socket).await;
    assert_eq!(code, 4401, "{messages:?}");
    assert!(
        messages.iter().any(|m| codes_of(m) == ["UNAUTHENTICATED"]),
        "the operation is answered with UNAUTHENTICATED first: {messages:?}"
    );
    let (trail_after, _) = app.trail().await;
    assert_eq!(trail_before, trail_after, "nothing was written");
}

#[tokio::test]
async fn revoking_a_client_ends_its_live_subscription_and_refuses_its_writes() {
    let app = spawn_app().await;
    let (client_id, token) = api_client_token(&app, "haag-wonen", "EDITOR").await;
    let after = current_cursor(&app, &token).await;

    let mut live = connect(&app).await;
    start(&mut live, &token).await;
    subscribe(
        &mut live,
        "1",
        "subscription($a: String) { changes(after: $a, entityTypes: [SIGNAL]) { entityId } }",
        json!({ "a": after }),
    )
    .await;
    let mut writer = connect(&app).await;
    start(&mut writer, &token).await;
    // Let the subscription reach its waiting state.
    tokio::time::sleep(Duration::from_millis(500)).await;

    revoke(&app, &client_id).await;

    let (code, messages) = until_closed(&mut live).await;
    assert_eq!(code, 4403, "{messages:?}");
    let last = messages.last().expect("messages before the close");
    assert_eq!(last["type"], "complete", "{messages:?}");
    assert!(
        messages.iter().any(|m| codes_of(m) == ["UNAUTHENTICATED"]),
        "{messages:?}"
    );

    let (trail_before, _) = app.trail().await;
    subscribe(&mut writer, "1", REPORT_SIGNAL, json!({})).await;
    let (code, messages) = until_closed(&mut writer).await;
    assert_eq!(code, 4403, "{messages:?}");
    assert_eq!(app.trail().await.0, trail_before, "the write was refused");
}

#[tokio::test]
async fn deactivating_an_organisation_refuses_its_open_sockets() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let mut socket = connect(&app).await;
    start(&mut socket, &token).await;
    let admin = app.token("programmabureau", "ADMIN");
    let organisation = app
        .data(
            Some(&admin),
            "query($id: ID!) { organisation(id: $id) { ... on Partner { version } } }",
            json!({ "id": app.org_id("haag-wonen") }),
        )
        .await;
    let body = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!, $v: Int!) { updateOrganisation(id: $id, expectedVersion: $v, input: { active: false }) { id } }",
            json!({ "id": app.org_id("haag-wonen"), "v": organisation["organisation"]["version"] }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");
    subscribe(&mut socket, "1", REPORT_SIGNAL, json!({})).await;
    let (code, messages) = until_closed(&mut socket).await;
    assert_eq!(code, 4403, "{messages:?}");
}

#[tokio::test]
async fn each_operation_on_a_socket_reads_participation_afresh() {
    let app = spawn_app().await;
    let project = hague::PROJECTS
        .iter()
        .find(|p| {
            p.visibility == "SHARED" && !p.participants.iter().any(|x| x.organisation == "xtra")
        })
        .expect("a shared project without xtra");
    let id = app.project_id(&project.title).await;
    let admin = app.token("programmabureau", "ADMIN");
    let added = app
        .graphql(
            Some(&admin),
            "mutation($p: ID!, $o: ID!) { setProjectParticipant(projectId: $p, organisationId: $o, role: CONTRIBUTOR) { id } }",
            json!({ "p": id, "o": app.org_id("xtra") }),
        )
        .await;
    assert!(added.get("errors").is_none(), "{added}");

    let partner = app.token("xtra", "VIEWER");
    let mut socket = connect(&app).await;
    start(&mut socket, &partner).await;
    let read_budget = |op: &str| {
        json!({ "id": op, "type": "subscribe", "payload": {
            "query": "query($id: ID!) { project(id: $id) { budget { lines { amount } } } }",
            "variables": { "id": id } } })
    };
    send(&mut socket, read_budget("1")).await;
    let before = next_answer(&mut socket).await;
    assert!(
        !before["payload"]["data"]["project"]["budget"].is_null(),
        "a participant reads the budget: {before}"
    );
    assert_eq!(next_answer(&mut socket).await["type"], "complete");

    for (mutation, variables) in [
        (
            "mutation($p: ID!, $o: ID!) { removeProjectParticipant(projectId: $p, organisationId: $o) { id } }",
            json!({ "p": id, "o": app.org_id("xtra") }),
        ),
        (
            "mutation($p: ID!) { setBudgetLine(projectId: $p, input: { year: 2026, source: FUND, amount: \"777.77\", status: REQUESTED }) { id } }",
            json!({ "p": id }),
        ),
    ] {
        let body = app.graphql(Some(&admin), mutation, variables).await;
        assert!(body.get("errors").is_none(), "{body}");
    }

    send(&mut socket, read_budget("2")).await;
    let after = next_answer(&mut socket).await;
    assert!(
        after["payload"]["data"]["project"]["budget"].is_null(),
        "removed from the project, the partner no longer reads its budget: {after}"
    );
    assert!(!after.to_string().contains("777.77"), "{after}");
}

#[tokio::test]
async fn subscribing_before_connection_init_closes_with_4401() {
    let app = spawn_app().await;
    let mut socket = connect(&app).await;
    subscribe(&mut socket, "1", ME, json!({})).await;
    let (code, _) = until_closed(&mut socket).await;
    assert_eq!(code, 4401);
}

#[tokio::test]
async fn the_server_pings_an_open_socket() {
    let app = spawn_app_with(|s| s.websocket.keepalive = Duration::from_millis(300)).await;
    let token = app.token("haag-wonen", "VIEWER");
    let mut socket = connect(&app).await;
    start(&mut socket, &token).await;
    assert_eq!(next_json(&mut socket).await["type"], "ping");
}

#[tokio::test]
async fn sockets_and_callers_hold_a_bounded_number_of_subscriptions() {
    let app = spawn_app_with(|s| {
        s.websocket.operations_per_socket = 2;
        s.websocket.subscriptions_per_caller = 3;
    })
    .await;
    let token = app.token("haag-wonen", "VIEWER");
    let after = current_cursor(&app, &token).await;
    let follow = "subscription($a: String) { changes(after: $a) { entityId } }";
    let mut first = connect(&app).await;
    start(&mut first, &token).await;
    subscribe(&mut first, "1", follow, json!({ "a": after })).await;
    subscribe(&mut first, "2", follow, json!({ "a": after })).await;
    subscribe(&mut first, "3", follow, json!({ "a": after })).await;
    // The socket starts its operations in no particular order: one of the three is refused.
    let refused = next_answer(&mut first).await;
    assert_eq!(codes_of(&refused), ["QUERY_TOO_COMPLEX"], "{refused}");
    assert_eq!(next_answer(&mut first).await["type"], "complete");
    let open_on_first: Vec<&str> = ["1", "2", "3"]
        .into_iter()
        .filter(|id| refused["id"] != *id)
        .collect();

    let mut second = connect(&app).await;
    start(&mut second, &token).await;
    subscribe(&mut second, "1", follow, json!({ "a": after })).await;
    subscribe(&mut second, "2", follow, json!({ "a": after })).await;
    let refused = next_answer(&mut second).await;
    assert_eq!(codes_of(&refused), ["RATE_LIMITED"], "{refused}");
    assert_eq!(next_answer(&mut second).await["type"], "complete");

    // Completing one frees its place.
    send(
        &mut first,
        json!({ "id": open_on_first[0], "type": "complete" }),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    subscribe(&mut second, "3", follow, json!({ "a": after })).await;
    // Admitted: no refusal arrives (a live subscription with nothing new says nothing).
    let quiet = tokio::time::timeout(Duration::from_secs(1), next_answer(&mut second)).await;
    assert!(quiet.is_err(), "subscription 3 was answered: {quiet:?}");
}

#[tokio::test]
async fn idle_subscribers_cost_the_database_the_same_however_many_there_are() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "VIEWER");
    let after = current_cursor(&app, &token).await;
    let mut sockets = Vec::new();
    for _ in 0..4 {
        let mut socket = connect(&app).await;
        start(&mut socket, &token).await;
        for id in 0..20 {
            subscribe(
                &mut socket,
                &id.to_string(),
                "subscription($a: String) { changes(after: $a) { entityId } }",
                json!({ "a": after }),
            )
            .await;
        }
        sockets.push(socket);
    }
    // Let all 80 catch up with the log and go idle: each reads the feed once, which on a loaded
    // machine takes longer than any fixed wait; idle is when a second passes with no more than
    // the watcher's and the token re-checks' few statements. Polling per subscription (80 a
    // second) never gets there.
    let settled = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let before = app.statements();
        tokio::time::sleep(Duration::from_secs(1)).await;
        if app.statements() - before <= 15 || std::time::Instant::now() > settled {
            break;
        }
    }
    // One watcher reads the log's head about once a second, plus a token re-check every 2 s;
    // polling per subscription would be 80 a second, 240 in 3 s. The watcher wakes on this
    // app's database's commits only (the signal is the database handle's), so the other tests
    // running in this process do not add to the count.
    let before = app.statements();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle = app.statements() - before;
    assert!(
        idle <= 40,
        "80 idle subscriptions ran {idle} statements in 3 s"
    );
}

#[tokio::test]
async fn a_write_over_a_socket_is_audited_with_its_origin() {
    let app = spawn_app().await;
    let token = app.token("haag-wonen", "EDITOR");
    let mut socket = connect(&app).await;
    start(&mut socket, &token).await;
    subscribe(&mut socket, "1", REPORT_SIGNAL, json!({})).await;
    let answer = next_answer(&mut socket).await;
    let id = answer["payload"]["data"]["reportSignal"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{answer}"))
        .to_owned();
    let row = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("reportSignal"))
        .one(&app.state.db)
        .await
        .expect("audit")
        .expect("an audit row");
    assert_eq!(row.origin_ip.as_deref(), Some("127.0.0.1"));
    assert!(
        row.request_id.as_deref().is_some_and(|r| r.ends_with("#1")),
        "{:?}",
        row.request_id
    );
    assert!(!id.is_empty());
}

#[tokio::test]
async fn tokens_as_identity_providers_send_them() {
    let app = spawn_app().await;
    let array = token_with(&app, "haag-wonen", "VIEWER", |claims| {
        claims["aud"] = json!(["portal", "wijkhub"]);
    });
    let body = app.graphql(Some(&array), ME, json!({})).await;
    assert_eq!(
        body["data"]["me"]["organisation"]["code"], "haag-wonen",
        "an audience array that names wijkhub: {body}"
    );
    let foreign = token_with(&app, "haag-wonen", "VIEWER", |claims| {
        claims["aud"] = json!(["portal", "elsewhere"]);
    });
    assert_eq!(
        app.post(Some(&foreign), &json!({ "query": ME }))
            .await
            .status(),
        401
    );
    for blank in ["", "   "] {
        let token = token_with(&app, "haag-wonen", "EDITOR", |claims| {
            claims["sub"] = json!(blank);
        });
        assert_eq!(
            app.post(Some(&token), &json!({ "query": ME }))
                .await
                .status(),
            401,
            "a token without a subject: {blank:?}"
        );
    }

    // The scheme is case-insensitive, over HTTP and over the socket alike.
    let token = app.token("haag-wonen", "VIEWER");
    for scheme in ["BEARER", "bearer", "Bearer"] {
        let body: Value = app
            .client
            .post(format!("{}/graphql", app.address))
            .header("authorization", format!("{scheme} {token}"))
            .json(&json!({ "query": ME }))
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json");
        assert_eq!(error_codes(&body), Vec::<String>::new(), "{scheme}: {body}");
        let mut socket = connect(&app).await;
        send(
            &mut socket,
            json!({ "type": "connection_init", "payload": { "authorization": format!("{scheme} {token}") } }),
        )
        .await;
        assert_eq!(
            next_json(&mut socket).await["type"],
            "connection_ack",
            "{scheme}"
        );
    }
}

#[tokio::test]
async fn a_refusal_sent_before_the_body_was_read_says_the_connection_closes() {
    let app = spawn_app().await;
    let unsupported = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "text/plain")
        .body("{ __typename }")
        .send()
        .await
        .expect("request");
    assert_eq!(unsupported.status(), 415);
    let too_large = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("content-type", "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .expect("request");
    assert_eq!(too_large.status(), 413);
    let wrong_method = app
        .client
        .put(format!("{}/graphql", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(wrong_method.status(), 405);
    for response in [unsupported, too_large, wrong_method] {
        assert_eq!(
            response
                .headers()
                .get("connection")
                .and_then(|v| v.to_str().ok()),
            Some("close"),
            "{}",
            response.status()
        );
    }
}

#[tokio::test]
async fn a_stream_of_refused_documents_runs_into_the_budget_and_is_then_refused_unparsed() {
    let app = spawn_app_with(|s| s.rate_limit.viewer = 1_000).await;
    let token = app.token("xtra", "VIEWER");
    let aliases: String = (0..30).map(|i| format!("a{i}: __typename ")).collect();
    let bomb = json!({ "query": format!("{{ {aliases} }}") });
    // Each refusal for its shape costs 100 of the 1,000: ten of them spend the budget.
    for attempt in 0..10 {
        let body: Value = app
            .post(Some(&token), &bomb)
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(
            error_codes(&body),
            ["QUERY_TOO_COMPLEX"],
            "{attempt}: {body}"
        );
    }
    let before = app.statements();
    let refused = app.post(Some(&token), &bomb).await;
    assert_eq!(refused.status(), 429);
    let plain = app.post(Some(&token), &json!({ "query": ME })).await;
    assert_eq!(
        plain.status(),
        429,
        "the spent budget refuses everything until it refills"
    );
    // Nothing ran; the one statement is the refusals' audit row, written for the first
    // RATE_LIMITED of this caller and origin and counted, not written, for the rest.
    assert_eq!(app.statements(), before + 1, "refused before anything ran");
    // Another caller is not affected.
    let other = app.token("haag-wonen", "VIEWER");
    assert_eq!(
        app.post(Some(&other), &json!({ "query": ME }))
            .await
            .status(),
        200
    );
}
