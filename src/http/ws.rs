//! `GET /graphql/ws`: GraphQL over WebSocket (`graphql-transport-ws`, and the older
//! `graphql-ws`). The token travels in the `connection_init` payload as
//! `{ "Authorization": "Bearer …" }`; every operation on the socket then passes the same gate
//! as an HTTP request ([`crate::graphql::pipeline::session`]): the token verified again, a fresh context,
//! admission. This module owns the socket: it forwards the engine's messages, pings the peer,
//! and closes with the protocol's codes.

use std::time::Duration;

use async_graphql::{
    Data,
    http::{WebSocket as GraphQLSocket, WebSocketProtocols as Protocols, WsMessage},
};
use axum::{
    extract::{
        Request, State,
        ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade},
    },
    http::StatusCode,
    response::Response,
};
use futures_util::{SinkExt, StreamExt, future};
use tokio::{sync::watch, time::Instant};

use super::{AppState, bearer, negotiation::error_response, origin, peer};
use crate::{
    error::ErrorCode,
    graphql::pipeline::session::{CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED, Opened, Session},
    service::write::Origin,
};

/// The reason of a refused `connection_init`, which marks the close frame to rewrite.
const REFUSED_INIT: &str = "Forbidden";

/// How long the message that explains a closing (an operation's error, a subscription's
/// `complete`) may take before the socket closes anyway.
const CLOSE_GRACE: Duration = Duration::from_millis(500);

/// `GET /graphql/ws`: the upgrade, for a client that offers a GraphQL subprotocol.
pub async fn upgrade(
    State(state): State<AppState>,
    upgrade: WebSocketUpgrade,
    request: Request,
) -> Response {
    let Some(protocol) = protocol(request.headers()) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadUserInput,
            "offer the graphql-transport-ws subprotocol",
            Some("Sec-WebSocket-Protocol"),
        );
    };
    let origin = origin(peer(&request), request.headers());
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| serve(socket, state, protocol, origin))
}

/// The GraphQL subprotocol the client offers (`Sec-WebSocket-Protocol`), the first one known.
fn protocol(headers: &axum::http::HeaderMap) -> Option<Protocols> {
    headers
        .get(axum::http::header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|value| value.to_str().ok())?
        .split(',')
        .find_map(|offered| offered.trim().parse().ok())
}

/// Serves one upgraded socket until either side ends it.
async fn serve(socket: WebSocket, state: AppState, protocol: Protocols, origin: Origin) {
    let (mut sink, stream) = socket.split();
    let input = stream
        .take_while(|message| future::ready(message.is_ok()))
        .filter_map(|message| {
            future::ready(match message {
                Ok(message @ (Message::Text(_) | Message::Binary(_))) => Some(message.into_data()),
                _ => None,
            })
        });
    let (close, mut closing) = watch::channel(None::<u16>);
    let init_state = state.clone();
    let init_origin = origin.clone();
    let mut messages = GraphQLSocket::new(state.schema.clone(), input, protocol)
        .on_connection_init(move |payload| {
            connection_init(init_state, init_origin, payload, close)
        });

    let keepalive = state.settings.websocket.keepalive;
    let mut ping = tokio::time::interval_at(Instant::now() + keepalive, keepalive);
    // Until `connection_init` succeeds nobody holds the sender; then the session does.
    let mut watching = true;
    let mut close_by: Option<Instant> = None;
    loop {
        let grace = async {
            match close_by {
                Some(at) => tokio::time::sleep_until(at).await,
                None => future::pending().await,
            }
        };
        tokio::select! {
            message = messages.next() => {
                let Some(message) = message else { break };
                match message {
                    WsMessage::Text(text) => {
                        let pending = *closing.borrow();
                        let ends_operation = pending.is_some() && ends_an_operation(&text);
                        if sink.send(Message::Text(text.into())).await.is_err() {
                            break;
                        }
                        if let Some(code) = pending.filter(|_| ends_operation) {
                            let _ = sink.send(close_frame(code)).await;
                            break;
                        }
                    }
                    WsMessage::Close(code, reason) => {
                        let code = match (code, reason.as_str()) {
                            (1002, REFUSED_INIT) => CLOSE_FORBIDDEN,
                            // `subscribe` before `connection_init` was acknowledged.
                            (1011, _) => CLOSE_UNAUTHORIZED,
                            (code, _) => code,
                        };
                        let _ = sink.send(close_frame(code)).await;
                        break;
                    }
                }
            }
            _ = ping.tick() => {
                if sink.send(Message::Text(ping_message(protocol).into())).await.is_err() {
                    break;
                }
            }
            changed = closing.changed(), if watching => {
                match changed {
                    Ok(()) => close_by = Some(Instant::now() + CLOSE_GRACE),
                    Err(_) => watching = false,
                }
            }
            () = grace => {
                let pending = *closing.borrow();
                if let Some(code) = pending {
                    let _ = sink.send(close_frame(code)).await;
                }
                break;
            }
        }
    }
}

fn close_frame(code: u16) -> Message {
    let reason = match code {
        CLOSE_UNAUTHORIZED => "Unauthorized",
        CLOSE_FORBIDDEN => REFUSED_INIT,
        _ => "",
    };
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

/// The server's keep-alive: `graphql-transport-ws` has `ping` (the client answers `pong`), the
/// older protocol its `ka`.
fn ping_message(protocol: Protocols) -> &'static str {
    match protocol {
        Protocols::GraphQLWS => r#"{"type":"ping"}"#,
        Protocols::SubscriptionsTransportWS => r#"{"type":"ka"}"#,
    }
}

/// Whether a server message is the last one of an operation.
fn ends_an_operation(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|message| {
            message
                .get("type")
                .and_then(|t| t.as_str())
                .map(|t| matches!(t, "complete" | "error"))
        })
        .unwrap_or(false)
}

/// Accepts `connection_init` with a valid bearer token; the session it opens re-checks that
/// token for every operation.
async fn connection_init(
    state: AppState,
    origin: Origin,
    payload: serde_json::Value,
    close: watch::Sender<Option<u16>>,
) -> async_graphql::Result<Data> {
    let token = payload
        .as_object()
        .and_then(|fields| {
            fields
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        })
        .and_then(|(_, value)| value.as_str())
        .and_then(bearer::token);
    let verified = match token {
        Some(token) => state
            .keys
            .verify(&state.db, token)
            .await
            .ok()
            .map(|_| token),
        None => None,
    };
    let Some(token) = verified else {
        metrics::counter!("wijkhub_token_failures_total", "kind" => "websocket").increment(1);
        // Counted per origin like refused HTTP tokens, so a flood of bad inits is one row.
        state
            .refusals
            .refused(&origin, None, "subscribe", "connection_init refused")
            .await;
        return Err(async_graphql::Error::new(REFUSED_INIT));
    };
    let session = Session::new(Opened {
        token: token.to_owned(),
        origin,
        db: state.db.clone(),
        gate: state.gate.clone(),
        shared: state.shared(),
        limits: state.settings.websocket,
        close,
    });
    let mut data = Data::default();
    data.insert(session);
    Ok(data)
}
