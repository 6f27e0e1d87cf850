//! A lenient reader for JavaScript object literals as they appear in
//! inline scripts (`window.state = {couponCode: 'SAVE10', minSpend: 50,}`):
//! unquoted and single-quoted keys, single-quoted and template strings,
//! trailing commas, comments, `undefined`, `!0`/`!1`, hex numbers and
//! `new Date(...)`. Produces serde_json values; nesting is capped, so a
//! hostile blob ends in an error, never a stack overflow.

use serde_json::{Map, Number, Value};

/// Deeper nesting than this is an error.
const MAX_DEPTH: usize = 128;

/// Parses one literal at the start of `s`; returns it and the bytes used.
pub fn parse(s: &str) -> Option<(Value, usize)> {
    let mut p = Parser {
        s: s.as_bytes(),
        src: s,
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    Some((v, p.i))
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Skips whitespace and comments.
    fn ws(&mut self) {
        loop {
            while self.i < self.s.len() && (self.s[self.i].is_ascii_whitespace()) {
                self.i += 1;
            }
            if self.s[self.i..].starts_with(b"//") {
                while self.i < self.s.len() && self.s[self.i] != b'\n' {
                    self.i += 1;
                }
            } else if self.s[self.i..].starts_with(b"/*") {
                match memchr::memmem::find(&self.s[self.i + 2..], b"*/") {
                    Some(e) => self.i += 2 + e + 2,
                    None => self.i = self.s.len(),
                }
            } else {
                return;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            q @ (b'"' | b'\'' | b'`') => self.string(q).map(Value::String),
            b'!' => {
                // `!0` is true, `!1` is false.
                self.i += 1;
                match self.peek()? {
                    b'0' => {
                        self.i += 1;
                        Some(Value::Bool(true))
                    }
                    b'1' => {
                        self.i += 1;
                        Some(Value::Bool(false))
                    }
                    _ => None,
                }
            }
            b'-' | b'+' | b'.' | b'0'..=b'9' => self.number(),
            _ => {
                let word = self.ident()?;
                match word {
                    "true" => Some(Value::Bool(true)),
                    "false" => Some(Value::Bool(false)),
                    "null" | "undefined" | "NaN" | "Infinity" => Some(Value::Null),
                    "void" => {
                        self.ws();
                        self.number().map(|_| Value::Null)
                    }
                    "new" => {
                        // new Date(...) → its argument.
                        self.ws();
                        let _ctor = self.ident()?;
                        self.ws();
                        if self.peek()? != b'(' {
                            return None;
                        }
                        self.i += 1;
                        self.ws();
                        let v = if self.peek()? == b')' {
                            Value::Null
                        } else {
                            self.value(depth + 1)?
                        };
                        self.ws();
                        if self.peek()? != b')' {
                            return None;
                        }
                        self.i += 1;
                        Some(v)
                    }
                    _ => None,
                }
            }
        }
    }

    fn ident(&mut self) -> Option<&str> {
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || matches!(self.s[self.i], b'_' | b'$'))
        {
            self.i += 1;
        }
        (self.i > start).then(|| &self.src[start..self.i])
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.i += 1;
        let mut map = Map::new();
        loop {
            self.ws();
            match self.peek()? {
                b'}' => {
                    self.i += 1;
                    return Some(Value::Object(map));
                }
                b',' => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let key = match self.peek()? {
                q @ (b'"' | b'\'') => self.string(q)?,
                b'0'..=b'9' | b'-' => match self.number()? {
                    Value::Number(n) => n.to_string(),
                    _ => return None,
                },
                _ => self.ident()?.to_string(),
            };
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.i += 1;
            let v = self.value(depth + 1)?;
            map.insert(key, v);
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {}
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.i += 1;
        let mut list = Vec::new();
        let mut after_value = false;
        loop {
            self.ws();
            match self.peek()? {
                b']' => {
                    self.i += 1;
                    return Some(Value::Array(list));
                }
                b',' => {
                    if !after_value {
                        list.push(Value::Null); // a hole
                    }
                    after_value = false;
                    self.i += 1;
                }
                _ => {
                    if after_value {
                        return None;
                    }
                    list.push(self.value(depth + 1)?);
                    after_value = true;
                }
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let neg = match self.peek()? {
            b'-' => {
                self.i += 1;
                true
            }
            b'+' => {
                self.i += 1;
                false
            }
            _ => false,
        };
        if self.s[self.i..].starts_with(b"0x") || self.s[self.i..].starts_with(b"0X") {
            self.i += 2;
            let ds = self.i;
            while self.i < self.s.len() && self.s[self.i].is_ascii_hexdigit() {
                self.i += 1;
            }
            let v = i64::from_str_radix(&self.src[ds..self.i], 16).ok()?;
            return Some(Value::Number(Number::from(if neg { -v } else { v })));
        }
        if self.s[self.i..].starts_with(b"Infinity") {
            self.i += 8;
            return Some(Value::Null);
        }
        while self.i < self.s.len()
            && matches!(self.s[self.i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'_')
        {
            if matches!(self.s[self.i], b'e' | b'E')
                && matches!(self.s.get(self.i + 1), Some(b'+' | b'-'))
            {
                self.i += 1;
            }
            self.i += 1;
        }
        let text: String = self.src[start..self.i]
            .chars()
            .filter(|&c| c != '_' && c != '+')
            .collect();
        if let Ok(n) = text.parse::<i64>() {
            return Some(Value::Number(Number::from(n)));
        }
        let f: f64 = text.parse().ok()?;
        Number::from_f64(f).map(Value::Number).or(Some(Value::Null))
    }

    /// A quoted string (the opening quote is at `self.i`).
    fn string(&mut self, quote: u8) -> Option<String> {
        self.i += 1;
        let (s, used) = unescape_js(&self.src[self.i..], quote)?;
        self.i += used;
        Some(s)
    }
}

/// Reads a JavaScript string body up to its closing `quote`: returns the
/// string and the bytes used (closing quote included).
pub fn unescape_js(s: &str, quote: u8) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    loop {
        let run = b[i..].iter().position(|&c| c == quote || c == b'\\')?;
        out.push_str(&s[i..i + run]);
        i += run;
        if b[i] == quote {
            return Some((out, i + 1));
        }
        // A backslash escape.
        let c = *b.get(i + 1)?;
        i += 2;
        match c {
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'v' => out.push('\u{b}'),
            b'0' if !b.get(i).is_some_and(|d| d.is_ascii_digit()) => out.push('\0'),
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'x' => {
                let hex = s.get(i..i + 2)?;
                let v = u32::from_str_radix(hex, 16).ok()?;
                out.push(char::from_u32(v)?);
                i += 2;
            }
            b'u' => {
                let (cp, used) = if b.get(i) == Some(&b'{') {
                    let close = b[i..].iter().position(|&c| c == b'}')?;
                    (
                        u32::from_str_radix(s.get(i + 1..i + close)?, 16).ok()?,
                        close + 1,
                    )
                } else {
                    (u32::from_str_radix(s.get(i..i + 4)?, 16).ok()?, 4)
                };
                i += used;
                if (0xD800..0xDC00).contains(&cp)
                    && b.get(i) == Some(&b'\\')
                    && b.get(i + 1) == Some(&b'u')
                {
                    // A surrogate pair.
                    if let Some(lo) = s
                        .get(i + 2..i + 6)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                    {
                        if (0xDC00..0xE000).contains(&lo) {
                            let c = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            i += 6;
                            continue;
                        }
                    }
                }
                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
            }
            _ => {
                // Any other escaped character stands for itself (`\'`, `\"`, `\/`, `\\`).
                let ch = s.get(i - 1..)?.chars().next()?;
                out.push(ch);
                i += ch.len_utf8() - 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_js_literals() {
        let (v, used) = parse("{couponCode:'SAVE10', 'min': 5e1, list:[1,,2,], on:!0, x:undefined, // c\n d: new Date(1717171717000),}; rest").unwrap();
        assert_eq!(
            v,
            json!({"couponCode": "SAVE10", "min": 50.0, "list": [1, null, 2], "on": true, "x": null, "d": 1717171717000i64})
        );
        assert_eq!(&"{couponCode:'SAVE10', 'min': 5e1, list:[1,,2,], on:!0, x:undefined, // c\n d: new Date(1717171717000),}; rest"[used..], "; rest");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let s = "[".repeat(100_000);
        assert!(parse(&s).is_none());
    }

    #[test]
    fn js_string_escapes() {
        assert_eq!(
            unescape_js(r#"a\"b\u00e9\x41\\\/\ud83d\ude00" tail"#, b'"')
                .unwrap()
                .0,
            "a\"béA\\/😀"
        );
    }
}
