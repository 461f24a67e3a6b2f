//! `WIJKHUB_TRUSTED_PROXIES`: the reverse proxies whose `Forwarded` and `X-Forwarded-For`
//! headers are believed.

use std::net::IpAddr;

use ipnet::IpNet;

/// Addresses and CIDR ranges of trusted proxies. Empty (the default): no proxy is trusted and
/// the forwarding headers are ignored, so a caller cannot choose its own address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads a comma-separated list (`10.0.0.0/8, 192.168.1.10, fd00::/8`); the `Err` is the
    /// first entry that is neither an address nor a range.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| entry.to_owned())
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `address` is one of the trusted proxies. An IPv4 peer seen on an IPv6 socket
    /// (`::ffff:10.0.0.1`) counts as its IPv4 address.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_ranges_are_read_and_anything_else_is_named() {
        let proxies = TrustedProxies::parse(" 10.0.0.0/8, 192.168.1.10 ,fd00::/8,::1").expect("ok");
        for inside in [
            "10.1.2.3",
            "192.168.1.10",
            "fd00::5",
            "::1",
            "::ffff:10.9.9.9",
        ] {
            assert!(proxies.contains(inside.parse().expect("ip")), "{inside}");
        }
        for outside in ["11.0.0.1", "192.168.1.11", "fe80::1", "127.0.0.1"] {
            assert!(!proxies.contains(outside.parse().expect("ip")), "{outside}");
        }
        assert!(TrustedProxies::parse("").expect("empty").is_empty());
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/8, proxy.internal"),
            Err("proxy.internal".to_owned())
        );
        assert_eq!(
            TrustedProxies::parse("10.0.0.0/33"),
            Err("10.0.0.0/33".to_owned())
        );
    }
}
