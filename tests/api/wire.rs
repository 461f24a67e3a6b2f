//! A relay between the server and PostgreSQL that counts the messages the server sends, so a
//! test can count round trips, not only statements.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream, tcp::OwnedReadHalf, tcp::OwnedWriteHalf},
};

/// What the server has sent PostgreSQL through the relay.
#[derive(Default)]
pub struct Wire {
    /// `Execute`: one per statement run with the extended protocol.
    executes: AtomicU64,
    /// `Sync`: each one the server waits on for `ReadyForQuery`, a round trip.
    syncs: AtomicU64,
}

/// Counts at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub executes: u64,
    pub syncs: u64,
}

impl std::ops::Sub for Counts {
    type Output = Counts;
    fn sub(self, earlier: Counts) -> Counts {
        Counts {
            executes: self.executes - earlier.executes,
            syncs: self.syncs - earlier.syncs,
        }
    }
}

/// The protocol codes that come before the startup message: SSLRequest, GSSENCRequest.
const NEGOTIATIONS: [u32; 2] = [80_877_103, 80_877_104];

impl Wire {
    pub fn counts(&self) -> Counts {
        Counts {
            executes: self.executes.load(Ordering::SeqCst),
            syncs: self.syncs.load(Ordering::SeqCst),
        }
    }

    /// Starts relaying to the server of the PostgreSQL `url` and returns the URL that goes
    /// through the relay (without TLS, so the messages can be read).
    pub fn route(self: &Arc<Self>, url: &str) -> String {
        let mut through = url::Url::parse(url).expect("a PostgreSQL URL");
        let upstream = format!(
            "{}:{}",
            through.host_str().expect("a host"),
            through.port().unwrap_or(5432)
        );
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the relay");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("relay address").port();
        let listener = TcpListener::from_std(listener).expect("relay listener");
        let wire = self.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                let (from_client, to_client) = client.into_split();
                let (from_server, to_server) = server.into_split();
                tokio::spawn(async move {
                    let (mut from_server, mut to_client) = (from_server, to_client);
                    let _ = tokio::io::copy(&mut from_server, &mut to_client).await;
                });
                let wire = wire.clone();
                tokio::spawn(async move { wire.relay(from_client, to_server).await });
            }
        });
        through.set_host(Some("127.0.0.1")).expect("host");
        through.set_port(Some(port)).expect("port");
        through.query_pairs_mut().append_pair("sslmode", "disable");
        through.to_string()
    }

    /// Forwards what the server sends PostgreSQL and counts its messages on the way.
    async fn relay(&self, mut from: OwnedReadHalf, mut to: OwnedWriteHalf) {
        let mut pending = Vec::new();
        let mut started = false;
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let read = match from.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(read) => read,
            };
            if to.write_all(&chunk[..read]).await.is_err() {
                return;
            }
            pending.extend_from_slice(&chunk[..read]);
            loop {
                // Until the startup message, messages carry no type byte before their length.
                let header = usize::from(started);
                // A typed message is at least its type and length; an untyped one also its code.
                if pending.len() < if started { 5 } else { 8 } {
                    break;
                }
                let length =
                    u32::from_be_bytes(pending[header..header + 4].try_into().expect("four bytes"))
                        as usize;
                if pending.len() < header + length {
                    break;
                }
                if started {
                    match pending[0] {
                        b'E' => self.executes.fetch_add(1, Ordering::SeqCst),
                        b'S' => self.syncs.fetch_add(1, Ordering::SeqCst),
                        _ => 0,
                    };
                } else {
                    let protocol =
                        u32::from_be_bytes(pending[4..8].try_into().expect("four bytes"));
                    started = !NEGOTIATIONS.contains(&protocol);
                }
                pending.drain(..header + length);
            }
        }
    }
}
