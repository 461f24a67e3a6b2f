//! Subscriptions over `graphql-transport-ws`: the token in `connection_init`, a refused one
//! closed with 4403, and changes streamed as they commit.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::{
    Message, client::IntoClientRequest, http::HeaderValue, protocol::frame::coding::CloseCode,
};

use crate::helpers::{OtherServer, TestApp, spawn_app};

pub(crate) trait HasAddress {
    fn address(&self) -> &str;
}

impl HasAddress for TestApp {
    fn address(&self) -> &str {
        &self.address
    }
}

impl HasAddress for OtherServer {
    fn address(&self) -> &str {
        &self.address
    }
}

pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub(crate) async fn connect(app: &impl HasAddress) -> Socket {
    let url = format!("{}/graphql/ws", app.address().replace("http://", "ws://"));
    let mut request = url.into_client_request().expect("request");
    request.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static("graphql-transport-ws"),
    );
    let (socket, response) = tokio_tungstenite::connect_async(request)
        .await
        .expect("connect");
    assert_eq!(
        response
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok()),
        Some("graphql-transport-ws")
    );
    socket
}

/// Where the feed stands now: subscribing after it skips the first-sync copy.
pub(crate) async fn current_cursor(app: &TestApp, token: &str) -> Value {
    let mut after = Value::Null;
    loop {
        let data = app
            .data(
                Some(token),
                "query($a: String) { changes(after: $a, first: 500) { pageInfo { hasNextPage endCursor } } }",
                json!({ "a": after }),
            )
            .await;
        after = data["changes"]["pageInfo"]["endCursor"].clone();
        if data["changes"]["pageInfo"]["hasNextPage"] != json!(true) {
            return after;
        }
    }
}

/// `connection_init` with the token, answered by `connection_ack`.
pub(crate) async fn start(socket: &mut Socket, token: &str) {
    let init = json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {token}") } });
    socket
        .send(Message::Text(init.to_string().into()))
        .await
        .expect("init");
    assert_eq!(next_json(socket).await["type"], "connection_ack");
}

pub(crate) async fn next_json(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("a message within 10 s")
            .expect("open")
            .expect("message");
        match message {
            Message::Text(text) => return serde_json::from_str(&text).expect("json"),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_refused_connection_init_closes_with_4403() {
    let app = spawn_app().await;
    for payload in [json!({}), json!({ "Authorization": "Bearer not-a-token" })] {
        let mut socket = connect(&app).await;
        socket
            .send(Message::Text(
                json!({ "type": "connection_init", "payload": payload })
                    .to_string()
                    .into(),
            ))
            .await
            .expect("send");
        let message = tokio::time::timeout(std::time::Duration::from_secs(10), socket.next())
            .await
            .expect("an answer")
            .expect("a frame")
            .expect("message");
        match message {
            Message::Close(Some(frame)) => assert_eq!(frame.code, CloseCode::from(4403)),
            other => panic!("expected close 4403, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn changes_stream_live_after_the_backlog() {
    let app = spawn_app().await;
    let reader = app.token("haag-wonen", "VIEWER");
    // Skip the first-sync copy: start from where the feed stands now.
    let after = current_cursor(&app, &reader).await;
    let mut socket = connect(&app).await;
    start(&mut socket, &reader).await;
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": {
        "query": "subscription($a: String) { changes(after: $a, entityTypes: [SIGNAL]) { entityType operation version object { ... on Signal { title } } } }",
        "variables": { "a": after } } });
    socket
        .send(Message::Text(subscribe.to_string().into()))
        .await
        .expect("subscribe");

    let editor = app.token("haag-wonen", "EDITOR");
    app.data(
        Some(&editor),
        r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: HOUSING, title: "Lekkage in portiek", description: "Water in het trappenhuis.", urgency: HIGH }) { id } }"#,
        json!({}),
    )
    .await;
    let message = next_json(&mut socket).await;
    assert_eq!(message["type"], "next", "{message}");
    let change = &message["payload"]["data"]["changes"];
    assert_eq!(change["entityType"], "SIGNAL");
    assert_eq!(change["operation"], "CREATED");
    assert_eq!(change["object"]["title"], "Lekkage in portiek");
}

/// A second `wijkhub serve` process on the same PostgreSQL database, stopped on drop.
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn a_subscriber_on_one_instance_hears_a_change_made_through_another() {
    let app = spawn_app().await;
    if !app.database_url.starts_with("postgres") {
        eprintln!(
            "SKIPPED: two instances share a database only on PostgreSQL (set WIJKHUB_TEST_DATABASE_URL)"
        );
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let _other = Process(
        std::process::Command::new(env!("CARGO_BIN_EXE_wijkhub"))
            .arg("serve")
            .env("WIJKHUB_DATABASE_URL", &app.database_url)
            .env("WIJKHUB_LISTEN", format!("127.0.0.1:{port}"))
            .env("WIJKHUB_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start a second instance"),
    );
    let other = TestApp::address_only(&app, format!("http://127.0.0.1:{port}"));
    let started = std::time::Instant::now();
    while other
        .client
        .get(format!("{}/readyz", other.address))
        .send()
        .await
        .map(|r| r.status() != 200)
        .unwrap_or(true)
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the second instance starts"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    let reader = app.token("haag-wonen", "VIEWER");
    let after = current_cursor(&app, &reader).await;
    let mut socket = connect(&other).await;
    start(&mut socket, &reader).await;
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": {
        "query": "subscription($a: String) { changes(after: $a, entityTypes: [SIGNAL]) { object { ... on Signal { title } } } }",
        "variables": { "a": after } } });
    socket
        .send(Message::Text(subscribe.to_string().into()))
        .await
        .expect("subscribe");
    // Let the subscription reach its waiting state, so the change arrives by notification.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;

    let editor = app.token("haag-wonen", "EDITOR");
    app.data(
        Some(&editor),
        r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "Kapotte lantaarns", description: "Drie lantaarns uit in de straat.", urgency: MEDIUM }) { id } }"#,
        json!({}),
    )
    .await;
    // Delivery is the promise; how fast depends on the commit horizon of other transactions on
    // the server (docs/change-feed.md), so no timing is asserted here.
    let message = next_json(&mut socket).await;
    assert_eq!(
        message["payload"]["data"]["changes"]["object"]["title"],
        "Kapotte lantaarns"
    );
}

/// Other instances hear of a write from the writing process's announcer, never from the write's
/// own transaction: PostgreSQL serialises the commits of every notifying transaction on one
/// lock (`src/db/changes.rs`), which held concurrent updates to one commit at a time.
#[tokio::test]
async fn writes_are_announced_to_other_instances_outside_their_transactions() {
    use sea_orm::sqlx::{Connection, PgConnection, Row, postgres::PgListener};

    let app = spawn_app().await;
    if !app.database_url.starts_with("postgres") {
        eprintln!("SKIPPED: instances are told through PostgreSQL's NOTIFY only");
        return;
    }
    let mut listener = PgListener::connect(&app.database_url)
        .await
        .expect("connect to listen");
    listener.listen(wijkhub::db::CHANNEL).await.expect("listen");

    let editor = app.token("haag-wonen", "EDITOR");
    let id = app
        .project_id("Gevelrenovatie en energiebesparing Morgenstond")
        .await;
    // Both write paths: an update of a project's own fields (one statement) and a new signal
    // (a transaction of several).
    let updated = app
        .data(
            Some(&editor),
            "mutation($id: ID!) { updateProject(id: $id, expectedVersion: 1, input: { summary: \"Aangekondigd\" }) { version } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(updated["updateProject"]["version"], 2);
    app.data(
        Some(&editor),
        r#"mutation { reportSignal(input: { wijkCode: "WK051836", theme: SAFETY, title: "Losliggende stoeptegels", description: "Bij de ingang van het buurthuis.", urgency: LOW }) { id } }"#,
        json!({}),
    )
    .await;

    // Every notification until the line goes quiet, with the backend that sent it.
    let mut senders = Vec::new();
    while let Ok(Ok(notification)) =
        tokio::time::timeout(std::time::Duration::from_secs(2), listener.recv()).await
    {
        senders.push(notification.process_id());
    }
    assert!(!senders.is_empty(), "the writes were announced");
    let mut activity = PgConnection::connect(&app.database_url)
        .await
        .expect("connect to read pg_stat_activity");
    let mut names = Vec::new();
    for pid in senders {
        let row =
            sea_orm::sqlx::query("SELECT application_name FROM pg_stat_activity WHERE pid = $1")
                .bind(pid as i32)
                .fetch_one(&mut activity)
                .await;
        names.push(row.map(|row| row.get::<String, _>(0)).unwrap_or_default());
    }
    assert!(
        names.iter().all(|name| name == wijkhub::db::ANNOUNCER),
        "announced by: {names:?}"
    );
}
