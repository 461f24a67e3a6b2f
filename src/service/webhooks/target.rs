//! Where a webhook may point: a well-formed `https` URL (plain `http` only where private
//! addresses are allowed), whose host resolves only to public addresses unless
//! `WIJKHUB_WEBHOOKS__ALLOW_PRIVATE` is on. The deliverer resolves once per delivery round and
//! connects to the address it checked, so a DNS answer that changes after the check (rebinding)
//! cannot send a delivery into the internal network.

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    time::Duration,
};

use reqwest::Url;

/// The longest URL accepted.
pub const MAX_URL_LENGTH: usize = 2048;

/// How long a DNS lookup may take.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TargetError {
    #[error("not a valid absolute URL")]
    Malformed,
    #[error("the URL must use https")]
    NotHttps,
    #[error("the URL must not carry a user name or password")]
    Credentials,
    #[error("the host does not resolve")]
    Unresolved,
    #[error(
        "the host resolves to {0}, a loopback, private, link-local or otherwise internal address"
    )]
    Refused(IpAddr),
}

/// The URL, checked for shape (not yet resolved).
pub fn parse(raw: &str, allow_private: bool) -> Result<Url, TargetError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > MAX_URL_LENGTH {
        return Err(TargetError::Malformed);
    }
    let url = Url::parse(raw).map_err(|_| TargetError::Malformed)?;
    match url.scheme() {
        "https" => {}
        "http" if allow_private => {}
        _ => return Err(TargetError::NotHttps),
    }
    if url.host().is_none() {
        return Err(TargetError::Malformed);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(TargetError::Credentials);
    }
    Ok(url)
}

/// The address to connect to: the host's addresses, each checked; refused when any of them is
/// internal (a name that also points inside is not a public endpoint).
pub async fn resolve(url: &Url, allow_private: bool) -> Result<SocketAddr, TargetError> {
    let port = url.port_or_known_default().ok_or(TargetError::Malformed)?;
    let addresses: Vec<SocketAddr> = match url.host() {
        Some(url::Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
        Some(url::Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
        Some(url::Host::Domain(name)) => {
            tokio::time::timeout(LOOKUP_TIMEOUT, tokio::net::lookup_host((name, port)))
                .await
                .map_err(|_| TargetError::Unresolved)?
                .map_err(|_| TargetError::Unresolved)?
                .collect()
        }
        None => return Err(TargetError::Malformed),
    };
    if !allow_private && let Some(internal) = addresses.iter().find(|a| is_internal(a.ip())) {
        return Err(TargetError::Refused(internal.ip()));
    }
    addresses.into_iter().next().ok_or(TargetError::Unresolved)
}

/// Loopback, private, shared, link-local (cloud metadata at 169.254.169.254 included),
/// unspecified, multicast, broadcast, documentation, benchmarking and reserved ranges.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_internal_v4(ip),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => is_internal_v4(v4),
            None => is_internal_v6(ip),
        },
    }
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24.
        || (a == 192 && b == 0 && c == 0)
        // Benchmarking, 198.18.0.0/15.
        || (a == 198 && (b == 18 || b == 19))
        // Reserved, 240.0.0.0/4.
        || a >= 240
}

fn is_internal_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local (fc00::/7, the cloud metadata fd00:ec2::254 included) and link-local.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        // Documentation, 2001:db8::/32.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // IPv4-compatible and NAT64 forms can reach IPv4 internals.
        || (first == 0x0064 && ip.segments()[1] == 0xff9b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_recognised() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(is_internal(internal.parse().expect("ip")), "{internal}");
        }
        for public in ["93.184.216.34", "145.97.39.1", "2a00:1450:4001:82b::200e"] {
            assert!(!is_internal(public.parse().expect("ip")), "{public}");
        }
    }

    #[test]
    fn urls_are_checked_for_shape() {
        assert_eq!(parse("not a url", true), Err(TargetError::Malformed));
        assert_eq!(
            parse("http://example.nl/hook", false),
            Err(TargetError::NotHttps)
        );
        assert_eq!(parse("ftp://example.nl/", true), Err(TargetError::NotHttps));
        assert_eq!(
            parse("https://user:pw@example.nl/", false),
            Err(TargetError::Credentials)
        );
        assert!(parse("https://example.nl/hook", false).is_ok());
        assert!(parse("http://127.0.0.1:9000/hook", true).is_ok());
    }

    #[tokio::test]
    async fn literal_internal_addresses_are_refused_unless_allowed() {
        let url = parse("https://127.0.0.1:8443/hook", false).expect("shape");
        assert!(matches!(
            resolve(&url, false).await,
            Err(TargetError::Refused(_))
        ));
        assert_eq!(
            resolve(&url, true).await,
            Ok("127.0.0.1:8443".parse().expect("addr"))
        );
        let metadata = parse("https://169.254.169.254/latest", false).expect("shape");
        assert!(matches!(
            resolve(&metadata, false).await,
            Err(TargetError::Refused(_))
        ));
        let localhost = parse("https://localhost/hook", false).expect("shape");
        assert!(matches!(
            resolve(&localhost, false).await,
            Err(TargetError::Refused(_) | TargetError::Unresolved)
        ));
    }
}
