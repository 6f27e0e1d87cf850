//! Character references (`&amp;`, `&#8364;`, `&euro;`, `&nbsp`): decoded
//! with the HTML named-reference table, longest match, legacy names without
//! `;` accepted in text (and in attributes unless followed by `=` or an
//! alphanumeric), numeric references mapped the way browsers map them.

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use memchr::memchr;
use std::borrow::Cow;

/// Decodes the character references of `s`.
pub fn decode(s: &str, in_attr: bool) -> Cow<'_, str> {
    let Some(first) = memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        // bytes[i] == b'&'
        let (consumed, ok) = reference(&s[i + 1..], in_attr, &mut out);
        if ok {
            i += 1 + consumed;
        } else {
            out.push('&');
            i += 1;
        }
        let next = memchr(b'&', &bytes[i..])
            .map(|o| i + o)
            .unwrap_or(bytes.len());
        out.push_str(&s[i..next]);
        i = next;
    }
    Cow::Owned(out)
}

/// Reads one reference after a `&`; pushes its characters and returns how
/// many bytes it took, or `(0, false)` when it is not a reference.
fn reference(rest: &str, in_attr: bool, out: &mut String) -> (usize, bool) {
    let b = rest.as_bytes();
    if b.first() == Some(&b'#') {
        return numeric(rest, out);
    }
    let len = b
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 {
        return (0, false);
    }
    if b.get(len) == Some(&b';') {
        if let Some(&(c1, c2)) = NAMED_ENTITIES.get(&rest[..=len]).filter(|v| v.0 != 0) {
            push_pair(out, c1, c2);
            return (len + 1, true);
        }
    }
    // Legacy references without `;`: the longest name that is one.
    for l in (2..=len.min(6)).rev() {
        if let Some(&(c1, c2)) = NAMED_ENTITIES.get(&rest[..l]).filter(|v| v.0 != 0) {
            if in_attr && l < len {
                return (0, false);
            }
            if in_attr && b.get(l) == Some(&b'=') {
                return (0, false);
            }
            push_pair(out, c1, c2);
            return (l, true);
        }
    }
    (0, false)
}

fn push_pair(out: &mut String, c1: u32, c2: u32) {
    if let Some(c) = char::from_u32(c1) {
        out.push(c);
    }
    if c2 != 0 {
        if let Some(c) = char::from_u32(c2) {
            out.push(c);
        }
    }
}

/// `#123;` or `#x1F;` (the `;` is optional).
fn numeric(rest: &str, out: &mut String) -> (usize, bool) {
    let b = rest.as_bytes();
    let (radix, start) = match b.get(1) {
        Some(b'x' | b'X') => (16, 2),
        _ => (10, 1),
    };
    let digits = b[start..]
        .iter()
        .take_while(|c| {
            if radix == 16 {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return (0, false);
    }
    let text = &rest[start..start + digits];
    let code = u32::from_str_radix(text, radix).unwrap_or(0x110000);
    let c = match code {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1_REPLACEMENTS[(code - 0x80) as usize].unwrap_or('\u{FFFD}'),
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    };
    out.push(c);
    let mut used = start + digits;
    if b.get(used) == Some(&b';') {
        used += 1;
    }
    (used, true)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn named_numeric_and_legacy() {
        assert_eq!(
            decode("a &amp; b &euro;5 &#8364;&#x20AC; &nbsp;x", false),
            "a & b €5 €€ \u{a0}x"
        );
        assert_eq!(decode("&copy2026 &notit; &#150;", false), "©2026 ¬it; –");
        assert_eq!(decode("?a=1&copy=2", true), "?a=1&copy=2");
        assert_eq!(decode("AT&T &unknown; &", false), "AT&T &unknown; &");
    }
}
