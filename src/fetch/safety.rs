//! Address safety: a URL list can come from anyone, so by default the
//! crawler refuses hosts that resolve to loopback, private, link-local or
//! otherwise non-public addresses. The check runs on the addresses actually
//! connected to (a DNS resolver for the HTTP client, so a redirect or a
//! rebinding DNS answer cannot slip past it) and on IP-literal URLs before
//! every request.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use url::{Host, Url};

/// A host that resolves to an address the crawler refuses.
#[derive(Debug, Clone, thiserror::Error)]
#[error("refused non-public address {addr} for host {host} (use --allow-private to allow)")]
pub struct BlockedAddress {
    pub host: String,
    pub addr: IpAddr,
}

/// True for globally routable unicast addresses.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b)))
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    if s[0] == 0x0064 && s[1] == 0xff9b {
        // NAT64: the embedded IPv4 address decides.
        return is_public_v4(Ipv4Addr::new(
            (s[6] >> 8) as u8,
            s[6] as u8,
            (s[7] >> 8) as u8,
            s[7] as u8,
        ));
    }
    if s[0] == 0x2002 {
        // 6to4: likewise.
        return is_public_v4(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] < 0x0200) // IETF protocol assignments (Teredo, ...)
        || s[..6].iter().all(|&x| x == 0)) // IPv4-compatible and other ::/96
}

/// Checks an IP-literal URL host before a request (the resolver never sees
/// those); host names are checked when they are resolved.
pub fn check_url(url: &Url, allow_private: bool) -> Result<(), BlockedAddress> {
    if allow_private {
        return Ok(());
    }
    let addr = match url.host() {
        Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        _ => return Ok(()),
    };
    if is_public(addr) {
        Ok(())
    } else {
        Err(BlockedAddress {
            host: url.host_str().unwrap_or("").to_string(),
            addr,
        })
    }
}

/// The DNS resolver of the crawler's HTTP client: the system resolver, then
/// the address check.
#[derive(Debug, Clone, Copy)]
pub struct SafeResolver {
    pub allow_private: bool,
}

impl Resolve for SafeResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if !allow_private {
                if let Some(bad) = addrs.iter().find(|a| !is_public(a.ip())) {
                    return Err(Box::new(BlockedAddress {
                        host,
                        addr: bad.ip(),
                    })
                        as Box<dyn std::error::Error + Send + Sync>);
                }
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// Finds a [`BlockedAddress`] in an error's source chain.
pub fn find_blocked<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a BlockedAddress> {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if let Some(b) = e.downcast_ref::<BlockedAddress>() {
            return Some(b);
        }
        cur = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(s: &str) -> bool {
        s.parse::<IpAddr>().map(is_public).unwrap_or(true)
    }

    #[test]
    fn non_public_addresses_are_refused() {
        for s in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1",
            "2001:db8::1",
        ] {
            assert!(!public(s), "{s} must be refused");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for s in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
            "64:ff9b::808:808",
        ] {
            assert!(public(s), "{s} must pass");
        }
    }

    #[test]
    fn ip_literal_urls_are_checked() {
        let check = |u: &str, allow: bool| {
            Url::parse(u)
                .map(|u| check_url(&u, allow).is_ok())
                .unwrap_or(false)
        };
        assert!(!check("http://127.0.0.1:8080/", false));
        assert!(!check("http://[::1]/", false));
        assert!(check("http://127.0.0.1:8080/", true));
        assert!(check("http://93.184.216.34/", false));
        assert!(check("http://localhost/", false)); // names are left to the resolver
    }
}
