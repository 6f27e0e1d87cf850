//! robots.txt (RFC 9309): parsing, choosing the group for our user agent,
//! and deciding whether a path may be fetched.
//!
//! Groups start with one or more `User-agent` lines; the group(s) naming our
//! product token (case-insensitive) apply, else the `*` group(s). Among the
//! `Allow`/`Disallow` rules whose pattern matches the path, the longest
//! pattern wins, and `Allow` wins a tie. Patterns may use `*` (any run of
//! characters) and a final `$` (end of the path). `Crawl-delay` is read from
//! the chosen group.

use std::time::Duration;

/// robots.txt bodies are read up to this size (RFC 9309 asks for 500 KiB).
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// The rules of one host for our user agent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    allow: bool,
    pattern: String,
}

#[derive(Default)]
struct Group {
    agents: Vec<String>,
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

impl Robots {
    /// No rules: everything is allowed (no robots.txt, or it could not be read).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Parses a robots.txt body and keeps the rules that apply to `agent`
    /// (a user-agent string; its product token is the part before `/`).
    pub fn parse(body: &str, agent: &str) -> Robots {
        let token = product_token(agent);
        let groups = parse_groups(body);
        let specific: Vec<&Group> = groups
            .iter()
            .filter(|g| g.agents.iter().any(|a| !token.is_empty() && *a == token))
            .collect();
        let chosen = if specific.is_empty() {
            groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect()
        } else {
            specific
        };
        let mut robots = Robots::default();
        for g in chosen {
            robots.rules.extend(g.rules.iter().cloned());
            robots.crawl_delay = robots.crawl_delay.or(g.crawl_delay);
        }
        robots
    }

    /// Whether a path (with its query, as in the URL) may be fetched.
    pub fn is_allowed(&self, path_and_query: &str) -> bool {
        if path_and_query == "/robots.txt" {
            return true;
        }
        let path = normalize_escapes(path_and_query);
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if matches(&rule.pattern, &path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The `Crawl-delay` of the chosen group.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }
}

/// `fineprint/0.1 (+...)` → `fineprint`.
fn product_token(agent: &str) -> String {
    agent
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect::<String>()
        .to_ascii_lowercase()
}

fn parse_groups(body: &str) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut in_agents = false;
    for line in body.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "user-agent" | "useragent" | "user agent" => {
                if !in_agents {
                    groups.push(Group::default());
                    in_agents = true;
                }
                if let Some(g) = groups.last_mut() {
                    let agent = value
                        .split(['/', ' '])
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    g.agents.push(agent);
                }
            }
            "allow" | "disallow" => {
                in_agents = false;
                if value.is_empty() {
                    continue;
                }
                if let Some(g) = groups.last_mut() {
                    g.rules.push(Rule {
                        allow: key == "allow",
                        pattern: normalize_escapes(&encode_pattern(value)),
                    });
                }
            }
            "crawl-delay" => {
                in_agents = false;
                let secs = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0);
                if let (Some(g), Some(s)) = (groups.last_mut(), secs) {
                    g.crawl_delay = Some(Duration::from_secs_f64(s.min(86_400.0)));
                }
            }
            _ => {}
        }
    }
    groups
}

/// Percent-encodes what a URL path would have encoded (non-ASCII, spaces).
fn encode_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for ch in p.chars() {
        if ch.is_ascii_graphic() {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// One spelling per escape: upper-case hex, and escapes of unreserved
/// characters (`%7E` → `~`) decoded.
fn normalize_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let v = hex_val(b[i + 1]) * 16 + hex_val(b[i + 2]);
            if v.is_ascii_alphanumeric() || b"-._~".contains(&v) {
                out.push(v);
            } else {
                out.push(b'%');
                out.push(b[i + 1].to_ascii_uppercase());
                out.push(b[i + 2].to_ascii_uppercase());
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn hex_val(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// Whether a robots pattern matches the start of `path` (`*` wildcards, a
/// final `$` anchors at the end).
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some((first, rest)) = parts.split_first() else {
        return true;
    };
    let Some(mut tail) = path.strip_prefix(first) else {
        return false;
    };
    if rest.is_empty() {
        return !anchored || tail.is_empty();
    }
    let (middle, last) = rest.split_at(rest.len() - 1);
    for part in middle {
        match tail.find(part) {
            Some(i) => tail = &tail[i + part.len()..],
            None => return false,
        }
    }
    let last = last.first().copied().unwrap_or("");
    if anchored {
        tail.ends_with(last)
    } else {
        tail.contains(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "\
# example
User-agent: *
Disallow: /private/
Allow: /private/open
Crawl-delay: 2

User-agent: OtherBot
Disallow: /

User-agent: FinePrint
User-agent: friend
Disallow: /no-fineprint
Disallow: /*.pdf$
Allow: /no-fineprint/but-this
Crawl-delay: 0.5
";

    #[test]
    fn our_group_is_chosen_over_star() {
        let r = Robots::parse(BODY, "fineprint/0.1 (+crawler)");
        assert!(r.is_allowed("/private/x"));
        assert!(!r.is_allowed("/no-fineprint"));
        assert!(!r.is_allowed("/no-fineprint/page?x=1"));
        assert!(r.is_allowed("/no-fineprint/but-this/page"));
        assert!(!r.is_allowed("/files/a.pdf"));
        assert!(r.is_allowed("/files/a.pdf?download=1"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_millis(500)));
    }

    #[test]
    fn star_group_applies_to_others() {
        let r = Robots::parse(BODY, "somebot/2");
        assert!(!r.is_allowed("/private/x"));
        assert!(r.is_allowed("/private/open/x"));
        assert!(r.is_allowed("/public"));
        assert!(r.is_allowed("/robots.txt"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
        let other = Robots::parse(BODY, "OtherBot");
        assert!(!other.is_allowed("/anything"));
    }

    #[test]
    fn longest_match_wins_and_allow_wins_ties() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /a\nAllow: /a\nDisallow: /ab*c\n",
            "x",
        );
        assert!(r.is_allowed("/a/1"));
        assert!(!r.is_allowed("/abxxc"));
        assert!(r.is_allowed("/abxx"));
    }

    #[test]
    fn empty_disallow_and_no_groups_allow_everything() {
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "x").is_allowed("/"));
        assert!(Robots::parse("garbage\n<html>", "x").is_allowed("/x"));
        assert!(Robots::allow_all().is_allowed("/x"));
    }

    #[test]
    fn escapes_compare_equal() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /%7efoo\nDisallow: /caf\u{e9}\n",
            "x",
        );
        assert!(!r.is_allowed("/~foo/bar"));
        assert!(!r.is_allowed("/caf%c3%a9"));
    }

    #[test]
    fn wildcard_matching() {
        assert!(matches("/a*b*c", "/a-b-c-d"));
        assert!(!matches("/a*b*c$", "/a-b-c-d"));
        assert!(matches("/a*b*c$", "/a-b-c-c"));
        assert!(matches("*", "/x"));
        assert!(matches("/x$", "/x"));
        assert!(!matches("/x$", "/xy"));
    }
}
