//! Finds the JSON a script carries: the whole body of JSON-typed scripts
//! (JSON-LD, `application/json`, `__NEXT_DATA__`), and in inline
//! JavaScript the literals assigned to names (`window.__STATE__ = {...};`,
//! `var data = [...]`) and the strings given to `JSON.parse("...")`.
//! Strict JSON is tried first, then the lenient JS-literal reader. A blob
//! that should be data but does not parse is reported, never fatal.

use super::blocks::{Script, ScriptKind};
use super::jslit;
use super::keys::DataKeys;
use memchr::{memchr, memmem};
use serde_json::Value;

/// At most this many blobs are read per page.
pub const MAX_BLOBS: usize = 512;
/// A script stops being searched after this many failed parses (each may
/// read to its end: the cap keeps hostile scripts linear).
const MAX_FAILURES: usize = 16;

/// One JSON value found in a script.
pub struct Blob {
    /// `json-ld`, `script:window.__STATE__`, `script:#__NEXT_DATA__`, ...
    pub origin: String,
    pub value: Value,
    pub at: usize,
}

/// Reads the blobs of one script into `out`.
pub fn read(
    script: &Script<'_>,
    keys: &DataKeys,
    out: &mut Vec<Blob>,
    warnings: &mut Vec<&'static str>,
) {
    if out.len() >= MAX_BLOBS {
        return;
    }
    match script.kind {
        ScriptKind::JsonLd => {
            let body = strip_wrappers(script.body);
            match parse_all(body) {
                Some(values) => {
                    for value in values {
                        out.push(Blob {
                            origin: "json-ld".into(),
                            value,
                            at: script.at,
                        });
                    }
                }
                None => warnings.push("script_json_invalid"),
            }
        }
        ScriptKind::Json => {
            if !keys.prefilter_hit(script.body) {
                return;
            }
            let origin = match &script.id {
                Some(id) if !id.is_empty() => format!("script:#{id}"),
                _ => "script:application/json".into(),
            };
            match parse_all(strip_wrappers(script.body)) {
                Some(values) => out.extend(values.into_iter().map(|value| Blob {
                    origin: origin.clone(),
                    value,
                    at: script.at,
                })),
                None => warnings.push("script_json_invalid"),
            }
        }
        ScriptKind::Js => {
            if keys.prefilter_hit(script.body) {
                read_js(script.body, script.at, out, warnings);
            }
        }
    }
}

/// Drops `<!-- -->` and `<![CDATA[ ]]>` wrappers some pages put around data.
fn strip_wrappers(body: &str) -> &str {
    let mut s = body.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("/*<![CDATA[*/", "/*]]>*/"),
        ("<![CDATA[", "]]>"),
    ] {
        if let Some(rest) = s.strip_prefix(open) {
            s = rest.strip_suffix(close).unwrap_or(rest).trim();
        }
    }
    s
}

/// Every value in a body that holds only data (several concatenated
/// objects are accepted); `None` when it does not parse.
fn parse_all(body: &str) -> Option<Vec<Value>> {
    if body.is_empty() {
        return Some(Vec::new());
    }
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        return Some(vec![v]);
    }
    let mut values = Vec::new();
    let mut rest = body;
    while !rest.trim_start().is_empty() && values.len() < MAX_BLOBS {
        let (v, used) = parse_one(rest)?;
        values.push(v);
        rest = rest[used..].trim_start().trim_start_matches([';', ',']);
    }
    Some(values)
}

/// One value at the start of `s` (strict JSON, then a JS literal) and the
/// bytes it took.
fn parse_one(s: &str) -> Option<(Value, usize)> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let mut stream = serde_json::Deserializer::from_str(t).into_iter::<Value>();
    if let Some(Ok(v)) = stream.next() {
        return Some((v, lead + stream.byte_offset()));
    }
    jslit::parse(t).map(|(v, used)| (v, lead + used))
}

/// True for names that should hold data (`window.X`, `__X__`), whose
/// failure to parse is worth a warning.
fn is_state_name(name: &str) -> bool {
    name.starts_with("window.")
        || name.starts_with("window[")
        || name.starts_with("self.")
        || name.starts_with("globalThis.")
        || name.starts_with("__")
        || name == "JSON.parse"
}

fn read_js(body: &str, at: usize, out: &mut Vec<Blob>, warnings: &mut Vec<&'static str>) {
    let b = body.as_bytes();
    let mut done_until = 0usize;
    // A script that is a bare literal.
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Some((v, used)) = parse_one(body) {
            out.push(Blob {
                origin: "script".into(),
                value: v,
                at,
            });
            done_until = used;
        }
    }
    // JSON.parse("...") calls.
    let finder = memmem::Finder::new(b"JSON.parse(");
    let mut parsed_ranges: Vec<(usize, usize)> = Vec::new();
    let mut failures = 0usize;
    for pos in finder.find_iter(b) {
        if out.len() >= MAX_BLOBS || failures > MAX_FAILURES {
            break;
        }
        if parsed_ranges.last().is_some_and(|&(_, end)| pos < end) {
            continue;
        }
        let mut i = pos + "JSON.parse(".len();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&q @ (b'"' | b'\'' | b'`')) = b.get(i) else {
            continue;
        };
        let Some((text, used)) = jslit::unescape_js(&body[i + 1..], q) else {
            failures += 1;
            continue;
        };
        let inner = text.trim_start();
        if !(inner.starts_with('{') || inner.starts_with('[')) {
            continue;
        }
        let name = assigned_name(body, pos).unwrap_or_else(|| "JSON.parse".into());
        match parse_one(inner) {
            Some((v, _)) => {
                out.push(Blob {
                    origin: format!("script:{name}"),
                    value: v,
                    at: at + pos,
                });
            }
            None => {
                failures += 1;
                warnings.push("script_json_invalid");
            }
        }
        parsed_ranges.push((pos, i + 1 + used));
    }
    // Assignments of literals: `name = {` or `name = [`.
    let mut i = done_until;
    let mut next_range = 0;
    while let Some(off) = memchr(b'=', &b[i.min(b.len())..]) {
        if out.len() >= MAX_BLOBS || failures > MAX_FAILURES {
            return;
        }
        let eq = i + off;
        i = eq + 1;
        // Skip the strings already read as JSON.parse arguments (sorted).
        while parsed_ranges.get(next_range).is_some_and(|&(_, e)| e <= eq) {
            next_range += 1;
        }
        if parsed_ranges.get(next_range).is_some_and(|&(s, _)| s <= eq) {
            continue;
        }
        let prev = if eq > 0 { b[eq - 1] } else { b' ' };
        if matches!(
            prev,
            b'=' | b'!'
                | b'<'
                | b'>'
                | b'+'
                | b'-'
                | b'*'
                | b'/'
                | b'%'
                | b'&'
                | b'|'
                | b'^'
                | b'?'
                | b':'
        ) {
            continue;
        }
        let mut j = eq + 1;
        if matches!(b.get(j), Some(b'=' | b'>')) {
            continue;
        }
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if !matches!(b.get(j), Some(b'{' | b'[')) {
            continue;
        }
        let Some(name) = assigned_name(body, eq + 1) else {
            continue;
        };
        match parse_one(&body[j..]) {
            Some((v, used)) => {
                // Skip empty literals (`var a = []`): they hold nothing.
                let empty = match &v {
                    Value::Object(m) => m.is_empty(),
                    Value::Array(a) => a.is_empty(),
                    _ => true,
                };
                if !empty {
                    out.push(Blob {
                        origin: format!("script:{name}"),
                        value: v,
                        at: at + j,
                    });
                }
                i = j + used;
            }
            None => {
                failures += 1;
                if is_state_name(&name) {
                    warnings.push("script_json_invalid");
                }
            }
        }
    }
}

/// The name assigned to at `pos` (which is just past an `=`, or the start
/// of a `JSON.parse`): `window.__STATE__` in `window.__STATE__ = ...`.
fn assigned_name(body: &str, pos: usize) -> Option<String> {
    let b = body.as_bytes();
    let mut end = pos;
    // Step back over the `=` and spaces.
    while end > 0 && (b[end - 1] == b'=' || b[end - 1].is_ascii_whitespace()) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 {
        let c = b[start - 1];
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.' | b'[' | b']' | b'"' | b'\'')
        {
            start -= 1;
        } else {
            break;
        }
    }
    let name = body[start..end].trim_matches(|c| c == '.');
    if name.is_empty() || name.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(body: &str) -> (Vec<(String, Value)>, Vec<&'static str>) {
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        read_js(body, 0, &mut out, &mut warnings);
        (
            out.into_iter().map(|b| (b.origin, b.value)).collect(),
            warnings,
        )
    }

    #[test]
    fn assignments_and_json_parse() {
        let (blobs, w) = js(
            r#"var a = 1; window.__STATE__ = {"coupon":{"code":"X1"}}; if (a == {}) {}
            self.cfg = JSON.parse("{\"promoCode\":\"SAVE5\"}"); var list = [];"#,
        );
        let origins: Vec<&str> = blobs.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(origins, vec!["script:self.cfg", "script:window.__STATE__"]);
        assert_eq!(blobs[0].1["promoCode"], "SAVE5");
        assert!(w.is_empty());
    }

    #[test]
    fn broken_state_is_a_warning() {
        let (blobs, w) = js(r#"window.__INIT__ = {"coupon": {"code": "X1", "#);
        assert!(blobs.is_empty());
        assert_eq!(w, vec!["script_json_invalid"]);
    }
}
