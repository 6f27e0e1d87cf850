//! A fast HTML tokenizer over decoded text: start tags (with their raw
//! attribute text), end tags, text runs, and the raw bodies of `script`,
//! `style` and the other raw-text elements, which it skips with one
//! substring search. Comments, doctypes and processing instructions are
//! dropped. It follows the HTML tokenizer where it matters for reading
//! text (a `<` that opens no tag is text; quoted `>` stays inside a tag;
//! raw text ends only at its own end tag) and never fails: anything cut off
//! at the end is dropped.

use memchr::{memchr, memchr3, memmem};

/// A tag name, ASCII-lowercased, stored inline (names longer than
/// [`Name::CAP`] bytes are cut; no element we act on is that long).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name {
    buf: [u8; Name::CAP],
    len: u8,
}

impl Name {
    pub const CAP: usize = 24;

    pub fn from_bytes(raw: &[u8]) -> Name {
        let mut buf = [0u8; Name::CAP];
        let len = raw.len().min(Name::CAP);
        for (d, s) in buf.iter_mut().zip(&raw[..len]) {
            *d = s.to_ascii_lowercase();
        }
        Name {
            buf,
            len: len as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token.
#[derive(Debug)]
pub enum Token<'a> {
    /// A start tag; `attrs` is the raw text between the name and `>`.
    Start {
        name: Name,
        attrs: &'a str,
        self_closing: bool,
        /// Byte offset of the `<` in the source.
        at: usize,
    },
    End {
        name: Name,
    },
    /// Text with character references still encoded.
    Text(&'a str),
    /// The body of a raw-text element (`script`, `style`, `title`, ...);
    /// comes right after its start tag.
    Raw {
        name: Name,
        body: &'a str,
    },
}

/// Elements whose content is raw text (or escapable raw text).
pub fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "title"
            | "textarea"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
    )
}

/// The tokenizer.
pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: its body comes next.
    raw: Option<Name>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            raw: None,
        }
    }

    pub fn next_token(&mut self) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        if let Some(name) = self.raw.take() {
            let body_start = self.pos;
            let end = if name.as_str() == "plaintext" {
                bytes.len()
            } else {
                find_end_tag(&bytes[body_start..], name.as_str().as_bytes())
                    .map(|e| body_start + e)
                    .unwrap_or(bytes.len())
            };
            self.pos = end;
            return Some(Token::Raw {
                name,
                body: &self.src[body_start..end],
            });
        }
        'outer: loop {
            let text_start = self.pos;
            let mut search = self.pos;
            loop {
                let lt = match memchr(b'<', &bytes[search.min(bytes.len())..]) {
                    Some(off) => search + off,
                    None => {
                        self.pos = bytes.len();
                        return (text_start < bytes.len())
                            .then(|| Token::Text(&self.src[text_start..]));
                    }
                };
                let markup = self.markup_at(lt);
                if matches!(markup, Markup::Text) {
                    search = lt + 1;
                    continue;
                }
                if lt > text_start {
                    // Emit the text first; the markup is read again next call.
                    self.pos = lt;
                    return Some(Token::Text(&self.src[text_start..lt]));
                }
                match markup {
                    Markup::Skip(end) => {
                        self.pos = end;
                        continue 'outer;
                    }
                    Markup::Token(tok, end) => {
                        self.pos = end;
                        if let Token::Start { name, .. } = &tok {
                            if is_raw_text(name.as_str()) {
                                self.raw = Some(*name);
                            }
                        }
                        return Some(tok);
                    }
                    Markup::Eof | Markup::Text => {
                        self.pos = bytes.len();
                        return None;
                    }
                }
            }
        }
    }

    /// What starts at `lt` (a `<`).
    fn markup_at(&self, lt: usize) -> Markup<'a> {
        let bytes = self.src.as_bytes();
        let rest = &bytes[lt..];
        match rest.get(1) {
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    // `<!-->` and `<!--->` are complete empty comments.
                    if rest[4..].starts_with(b">") {
                        return Markup::Skip(lt + 5);
                    }
                    if rest[4..].starts_with(b"->") {
                        return Markup::Skip(lt + 6);
                    }
                    return match find_comment_end(&rest[4..]) {
                        Some(e) => Markup::Skip(lt + 4 + e),
                        None => Markup::Eof,
                    };
                }
                match memchr(b'>', rest) {
                    Some(e) => Markup::Skip(lt + e + 1),
                    None => Markup::Eof,
                }
            }
            Some(b'?') => match memchr(b'>', rest) {
                Some(e) => Markup::Skip(lt + e + 1),
                None => Markup::Eof,
            },
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = 2 + rest[2..]
                        .iter()
                        .position(|&b| is_tag_delim(b))
                        .unwrap_or(rest.len() - 2);
                    let name = Name::from_bytes(&rest[2..name_end]);
                    match scan_attrs(rest, name_end) {
                        Some((_, _, end)) => Markup::Token(Token::End { name }, lt + end),
                        None => Markup::Eof,
                    }
                }
                Some(b'>') => Markup::Skip(lt + 3),
                Some(_) => match memchr(b'>', rest) {
                    Some(e) => Markup::Skip(lt + e + 1),
                    None => Markup::Eof,
                },
                None => Markup::Text,
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = 1 + rest[1..]
                    .iter()
                    .position(|&b| is_tag_delim(b))
                    .unwrap_or(rest.len() - 1);
                let name = Name::from_bytes(&rest[1..name_end]);
                match scan_attrs(rest, name_end) {
                    Some((attrs_end, self_closing, end)) => Markup::Token(
                        Token::Start {
                            name,
                            attrs: &self.src[lt + name_end..lt + attrs_end],
                            self_closing,
                            at: lt,
                        },
                        lt + end,
                    ),
                    None => Markup::Eof,
                }
            }
            _ => Markup::Text,
        }
    }
}

enum Markup<'a> {
    /// A `<` that opens nothing: it is text.
    Text,
    /// Dropped markup (comment, doctype); the source continues at the offset.
    Skip(usize),
    /// Markup cut off by the end of the input.
    Eof,
    Token(Token<'a>, usize),
}

fn is_tag_delim(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The end of a comment body (`-->`, or `--!>`), as an offset just past it.
fn find_comment_end(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = memmem::find(&body[i..], b"--") {
        let at = i + off;
        let after = &body[at + 2..];
        if after.starts_with(b">") {
            return Some(at + 3);
        }
        if after.starts_with(b"!>") {
            return Some(at + 4);
        }
        i = at + 1;
    }
    None
}

/// Scans a tag's attributes from `from` (just after the name) to its `>`:
/// returns (end of the attribute text, self-closing, offset past `>`).
/// Quoted values may hold `>`. `None` when the input ends inside the tag.
fn scan_attrs(tag: &[u8], from: usize) -> Option<(usize, bool, usize)> {
    let mut i = from;
    loop {
        while i < tag.len() && is_space(tag[i]) {
            i += 1;
        }
        match tag.get(i)? {
            b'>' => return Some((i, false, i + 1)),
            b'/' => {
                if tag.get(i + 1) == Some(&b'>') {
                    return Some((i, true, i + 2));
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        // Attribute name (may start with `=`).
        i += 1;
        while i < tag.len()
            && !matches!(
                tag[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        while i < tag.len() && is_space(tag[i]) {
            i += 1;
        }
        if tag.get(i) == Some(&b'=') {
            i += 1;
            while i < tag.len() && is_space(tag[i]) {
                i += 1;
            }
            match tag.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = memchr(*q, &tag[i + 1..])?;
                    i += 1 + close + 1;
                }
                b'>' => return Some((i, false, i + 1)),
                _ => {
                    let off = memchr3(b' ', b'>', b'\t', &tag[i..]).unwrap_or(tag.len() - i);
                    // Other whitespace also ends an unquoted value.
                    let ws = tag[i..i + off]
                        .iter()
                        .position(|&b| is_space(b))
                        .unwrap_or(off);
                    i += ws;
                }
            }
        }
    }
}

/// The offset of `</name` followed by a delimiter, ASCII case-insensitive.
fn find_end_tag(hay: &[u8], name: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = memmem::find(&hay[i..], b"</") {
        let at = i + off;
        let after = &hay[at + 2..];
        if after.len() >= name.len()
            && after[..name.len()].eq_ignore_ascii_case(name)
            && after.get(name.len()).is_none_or(|&b| is_tag_delim(b))
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// The attributes of a start tag's raw attribute text, as
/// `(name, raw value)` pairs; names are compared case-insensitively by the
/// caller, values still hold character references.
pub fn attrs(raw: &str) -> Attrs<'_> {
    Attrs { s: raw, i: 0 }
}

pub struct Attrs<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.s.as_bytes();
        loop {
            while self.i < b.len() && (is_space(b[self.i]) || b[self.i] == b'/') {
                self.i += 1;
            }
            if self.i >= b.len() {
                return None;
            }
            let start = self.i;
            self.i += 1;
            while self.i < b.len()
                && !matches!(
                    b[self.i],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
                )
            {
                self.i += 1;
            }
            let name = &self.s[start..self.i];
            while self.i < b.len() && is_space(b[self.i]) {
                self.i += 1;
            }
            if self.i < b.len() && b[self.i] == b'=' {
                self.i += 1;
                while self.i < b.len() && is_space(b[self.i]) {
                    self.i += 1;
                }
                if self.i >= b.len() {
                    return Some((name, ""));
                }
                let value = match b[self.i] {
                    q @ (b'"' | b'\'') => {
                        let vs = self.i + 1;
                        let close = memchr(q, &b[vs..]).map(|o| vs + o).unwrap_or(b.len());
                        self.i = (close + 1).min(b.len());
                        &self.s[vs..close]
                    }
                    _ => {
                        let vs = self.i;
                        while self.i < b.len() && !is_space(b[self.i]) && b[self.i] != b'>' {
                            self.i += 1;
                        }
                        &self.s[vs..self.i]
                    }
                };
                return Some((name, value));
            }
            if name.is_empty() {
                continue;
            }
            return Some((name, ""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        let mut lx = Lexer::new(src);
        let mut out = Vec::new();
        while let Some(t) = lx.next_token() {
            out.push(match t {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    ..
                } => {
                    format!(
                        "<{}{}{}>",
                        name.as_str(),
                        attrs,
                        if self_closing { "/" } else { "" }
                    )
                }
                Token::End { name } => format!("</{}>", name.as_str()),
                Token::Text(t) => format!("T:{t}"),
                Token::Raw { name, body } => format!("R:{}:{body}", name.as_str()),
            });
        }
        out
    }

    #[test]
    fn tags_text_and_raw() {
        assert_eq!(
            kinds("a<B class=\"x>y\">b</b ><!-- c --><script>if(a<b)x='</p>'</SCRIPT>d"),
            vec![
                "T:a",
                "<b class=\"x>y\">",
                "T:b",
                "</b>",
                "<script>",
                "R:script:if(a<b)x='</p>'",
                "</script>",
                "T:d"
            ]
        );
    }

    #[test]
    fn stray_lt_is_text_and_cut_tags_vanish() {
        assert_eq!(kinds("1 < 2 <3 <p"), vec!["T:1 < 2 <3 "]);
        assert_eq!(kinds("x<br/>y"), vec!["T:x", "<br/>", "T:y"]);
        assert_eq!(kinds("<!---->a<!--->b"), vec!["T:a", "T:b"]);
    }

    #[test]
    fn attribute_pairs() {
        let got: Vec<_> = attrs(" class=\"a b\" id=x hidden data-v='1'").collect();
        assert_eq!(
            got,
            vec![
                ("class", "a b"),
                ("id", "x"),
                ("hidden", ""),
                ("data-v", "1")
            ]
        );
    }
}
