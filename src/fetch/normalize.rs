//! URL normalization: turns an input line into the absolute http(s) URL that
//! is fetched, and gives the key under which duplicates are recognized.
//!
//! Normalization is what the `url` crate does (lower-case scheme and host,
//! default port dropped, dot segments resolved, unsafe characters
//! percent-encoded) plus: the fragment is dropped and percent-escapes are
//! written in upper case, so `http://EXAMPLE.com:80/a/../b#top` and
//! `http://example.com/b` are one URL.

use sha2::{Digest, Sha256};
use url::Url;

/// Why an input line is not a URL we can fetch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidUrl {
    #[error("not a URL: {0}")]
    Parse(String),
    #[error("unsupported scheme `{0}` (only http and https)")]
    Scheme(String),
    #[error("URL has no host")]
    NoHost,
}

/// Parses and normalizes one URL.
pub fn normalize(raw: &str) -> Result<Url, InvalidUrl> {
    let raw = raw.trim();
    let mut url = Url::parse(raw).map_err(|e| InvalidUrl::Parse(e.to_string()))?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(InvalidUrl::Scheme(other.to_string())),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(InvalidUrl::NoHost);
    }
    url.set_fragment(None);
    let upper = upper_escapes(url.as_str());
    if upper != url.as_str() {
        url = Url::parse(&upper).map_err(|e| InvalidUrl::Parse(e.to_string()))?;
    }
    Ok(url)
}

/// Resolves a redirect target against the URL that redirected, normalized.
pub fn join(base: &Url, location: &str) -> Result<Url, InvalidUrl> {
    let joined = base
        .join(location.trim())
        .map_err(|e| InvalidUrl::Parse(e.to_string()))?;
    normalize(joined.as_str())
}

/// The dedup key of a normalized URL: the first 8 bytes of its SHA-256.
pub fn url_key(url: &Url) -> u64 {
    key_of(&[url.as_str().as_bytes()])
}

/// A 64-bit key of some byte strings (SHA-256, truncated); the parts are
/// separated so `("ab", "c")` and `("a", "bc")` differ.
pub fn key_of(parts: &[&[u8]]) -> u64 {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let d = h.finalize();
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_le_bytes(b)
}

/// The origin that robots.txt, politeness and per-host limits apply to:
/// `scheme://host:port`.
pub fn origin(url: &Url) -> String {
    let host = url.host_str().unwrap_or("");
    match url.port_or_known_default() {
        Some(p) => format!("{}://{}:{}", url.scheme(), host, p),
        None => format!("{}://{}", url.scheme(), host),
    }
}

/// `%2f` → `%2F`: one spelling for each escape.
fn upper_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            out.push(b[i + 1].to_ascii_uppercase() as char);
            out.push(b[i + 2].to_ascii_uppercase() as char);
            i += 3;
        } else {
            let ch = s[i..].chars().next().unwrap_or('\u{FFFD}');
            out.push(ch);
            i += ch.len_utf8().max(1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s)
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn normalizes_equivalent_spellings() {
        assert_eq!(
            n("HTTP://Example.COM:80/a/../b#frag"),
            "http://example.com/b"
        );
        assert_eq!(n("  https://example.com  "), "https://example.com/");
        assert_eq!(n("http://example.com/x%2fy"), "http://example.com/x%2Fy");
        assert_eq!(n("http://example.com/a b"), "http://example.com/a%20b");
        assert_eq!(n("http://example.com:8080/"), "http://example.com:8080/");
    }

    #[test]
    fn rejects_what_cannot_be_fetched() {
        assert!(n("not a url").starts_with("ERR"));
        assert!(n("ftp://example.com/file").starts_with("ERR unsupported scheme"));
        assert!(n("mailto:a@b.c").starts_with("ERR"));
        assert!(n("http://").starts_with("ERR"));
        assert!(n("example.com/page").starts_with("ERR"));
    }

    #[test]
    fn keys_and_origins() {
        let a = normalize("http://example.com/b").map(|u| url_key(&u));
        let b = normalize("http://EXAMPLE.com/./b#x").map(|u| url_key(&u));
        assert_eq!(a, b);
        assert_ne!(key_of(&[b"ab", b"c"]), key_of(&[b"a", b"bc"]));
        let u = normalize("https://example.com/x?q=1").ok();
        assert_eq!(
            u.as_ref().map(origin).as_deref(),
            Some("https://example.com:443")
        );
    }
}
