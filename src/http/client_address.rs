//! Who the client is behind reverse proxies: the one place that decides a request's client
//! address, which rate limits, the audit log and the log lines all use.
//!
//! Only when the TCP peer is a trusted proxy (`WIJKHUB_TRUSTED_PROXIES`) are the forwarding
//! headers read: `Forwarded` (RFC 7239) when present, else `X-Forwarded-For`. Each proxy appends
//! the address it received from, so the list is read from the right, skipping trusted proxies;
//! the first hop that is not one is the client. Everything left of it was written by the client
//! itself and is never believed. From any other peer the headers are ignored, so a caller
//! cannot pick its own address (and with it a fresh rate-limit budget or a clean audit trail).
//!
//! [`layer`] replaces the connection's `ConnectInfo` with the client's address, so every
//! handler that reads it (through [`super::origin`], or `/oauth/token`'s throttle) sees the
//! same client; the proxy's own address stays in the [`Peer`] extension.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, Request, State},
    http::HeaderMap,
    middleware::Next,
    response::Response,
};

use crate::config::TrustedProxies;

/// The TCP peer of a request, when [`layer`] found a client behind it.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// Resolves the client's address before anything else reads the request.
pub async fn layer(
    State(proxies): State<std::sync::Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    if let Some(peer) = peer {
        let client = client(peer, request.headers(), &proxies);
        if client != peer {
            request.extensions_mut().insert(ConnectInfo(client));
            request.extensions_mut().insert(Peer(peer));
        }
    }
    next.run(request).await
}

/// The client's address of a request that came from `peer`.
pub fn client(peer: SocketAddr, headers: &HeaderMap, proxies: &TrustedProxies) -> SocketAddr {
    if proxies.is_empty() || !proxies.contains(peer.ip()) {
        return peer;
    }
    let forwarded = forwarded_for(headers);
    let hops = if forwarded.is_empty() {
        forwarded_for_list(headers)
    } else {
        forwarded
    };
    // Right to left: each hop was written by the trusted proxy to its right.
    let mut client = SocketAddr::new(peer.ip().to_canonical(), peer.port());
    for hop in hops.iter().rev() {
        // A hop that is not an address (`unknown`, an obfuscated name, garbage) ends what can
        // be known: the client is the last proxy that said where it came from.
        let Some(address) = hop else {
            break;
        };
        client = *address;
        if !proxies.contains(address.ip()) {
            break;
        }
    }
    client
}

/// The `for=` of every element of the `Forwarded` headers, in order; `None` for one that is
/// not an address. Empty when there is no `Forwarded` header with a `for=`.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<SocketAddr>> {
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| split_outside_quotes(value, ','))
        .filter_map(|element| {
            split_outside_quotes(element, ';')
                .into_iter()
                .find_map(|pair| {
                    let (name, value) = pair.split_once('=')?;
                    name.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| node(&unquote(value.trim())))
                })
        })
        .collect()
}

/// The entries of the `X-Forwarded-For` headers, in order.
fn forwarded_for_list(headers: &HeaderMap) -> Vec<Option<SocketAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|entry| node(entry.trim()))
        .collect()
}

/// A node as RFC 7239 writes it (`192.0.2.60`, `192.0.2.60:4711`, `[2001:db8::17]`,
/// `[2001:db8::17]:4711`), or a bare IPv6 address as some proxies write `X-Forwarded-For`.
/// The port is 0 where none is given (or it is obfuscated).
fn node(text: &str) -> Option<SocketAddr> {
    let address = |ip: IpAddr, port: Option<&str>| {
        let port = port.and_then(|p| p.parse::<u16>().ok()).unwrap_or(0);
        Some(SocketAddr::new(ip.to_canonical(), port))
    };
    if let Some(rest) = text.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        let ip = ip.parse::<std::net::Ipv6Addr>().ok()?;
        return match after {
            "" => address(IpAddr::V6(ip), None),
            _ => address(IpAddr::V6(ip), Some(after.strip_prefix(':')?)),
        };
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return address(ip, None);
    }
    let (ip, port) = text.rsplit_once(':')?;
    address(IpAddr::V4(ip.parse().ok()?), Some(port))
}

/// Splits at `separator`s that are not inside a quoted string.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            _ if c == separator && !quoted => {
                parts.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A token or a quoted string (RFC 7230 §3.2.6) as its plain value.
fn unquote(text: &str) -> String {
    match text
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
    {
        Some(inner) => {
            let mut plain = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                plain.push(if c == '\\' {
                    chars.next().unwrap_or(c)
                } else {
                    c
                });
            }
            plain
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(peer: &str, proxies: &str, headers: &[(&str, &str)]) -> String {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
                value.parse().expect("value"),
            );
        }
        let proxies = TrustedProxies::parse(proxies).expect("proxies");
        client(peer.parse().expect("peer"), &map, &proxies)
            .ip()
            .to_string()
    }

    #[test]
    fn headers_from_an_untrusted_peer_change_nothing() {
        let spoofed = [
            ("forwarded", "for=198.51.100.7"),
            ("x-forwarded-for", "203.0.113.9"),
        ];
        assert_eq!(resolve("192.0.2.1:5000", "", &spoofed), "192.0.2.1");
        assert_eq!(
            resolve("192.0.2.1:5000", "10.0.0.0/8", &spoofed),
            "192.0.2.1"
        );
    }

    #[test]
    fn forwarded_gives_the_rightmost_untrusted_hop() {
        let proxies = "10.0.0.0/8";
        // The client claims 1.2.3.4 itself; the edge proxy saw 198.51.100.7.
        let chain = [(
            "forwarded",
            "for=1.2.3.4, for=198.51.100.7;proto=https, for=10.0.0.5;by=10.0.0.9",
        )];
        assert_eq!(resolve("10.0.0.9:80", proxies, &chain), "198.51.100.7");
        // Quoted IPv6 with a port, and elements spread over two header lines.
        let v6 = [
            ("forwarded", "for=\"[2001:db8:cafe::17]:4711\""),
            ("forwarded", "for=\"10.0.0.5:1234\";proto=https"),
        ];
        assert_eq!(resolve("10.0.0.9:80", proxies, &v6), "2001:db8:cafe::17");
        assert_eq!(
            resolve("10.0.0.9:80", proxies, &[("forwarded", "For=\"[::1]\"")]),
            "::1"
        );
        // `Forwarded` wins over `X-Forwarded-For`.
        let both = [
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=198.51.100.7"),
        ];
        assert_eq!(resolve("10.0.0.9:80", proxies, &both), "198.51.100.7");
        // A quoted comma does not split elements.
        let quoted = [("forwarded", "for=198.51.100.7;ext=\"a,for=6.6.6.6\"")];
        assert_eq!(resolve("10.0.0.9:80", proxies, &quoted), "198.51.100.7");
    }

    #[test]
    fn an_unknown_hop_stops_at_the_last_proxy_that_said_where_it_came_from() {
        let proxies = "10.0.0.0/8";
        let hidden = [("forwarded", "for=unknown, for=10.0.0.5")];
        assert_eq!(resolve("10.0.0.9:80", proxies, &hidden), "10.0.0.5");
        let garbage = [("x-forwarded-for", "not-an-address")];
        assert_eq!(resolve("10.0.0.9:80", proxies, &garbage), "10.0.0.9");
        // Every hop trusted: the leftmost is the closest to the client that is known.
        let internal = [("x-forwarded-for", "10.1.1.1, 10.0.0.5")];
        assert_eq!(resolve("10.0.0.9:80", proxies, &internal), "10.1.1.1");
    }

    #[test]
    fn x_forwarded_for_gives_the_rightmost_untrusted_entry() {
        let proxies = "127.0.0.1, 10.0.0.0/8";
        let chain = [("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.5")];
        assert_eq!(resolve("127.0.0.1:80", proxies, &chain), "203.0.113.9");
        let v6 = [("x-forwarded-for", "2001:db8::1")];
        assert_eq!(resolve("127.0.0.1:80", proxies, &v6), "2001:db8::1");
        let v4_port = [("x-forwarded-for", "203.0.113.9:5555")];
        assert_eq!(resolve("127.0.0.1:80", proxies, &v4_port), "203.0.113.9");
        // An IPv4 peer on an IPv6 socket is still the trusted proxy.
        assert_eq!(
            resolve("[::ffff:127.0.0.1]:80", proxies, &chain),
            "203.0.113.9"
        );
        // No header: the peer itself.
        assert_eq!(resolve("127.0.0.1:80", proxies, &[]), "127.0.0.1");
    }
}
