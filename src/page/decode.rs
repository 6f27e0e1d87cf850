//! Bytes → text: picks the page's encoding (byte-order mark, the HTTP
//! charset, a `<meta>` prescan, then detection) and decodes with
//! encoding_rs, replacing invalid bytes. Never fails.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How many leading bytes the `<meta>` prescan looks at.
const PRESCAN_BYTES: usize = 4096;
/// How many bytes the detector is fed.
const DETECT_BYTES: usize = 256 * 1024;

/// Decoded page text and what it was decoded with.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    /// `charset_mismatch` when a declared charset was overruled.
    pub warnings: Vec<&'static str>,
}

/// Decodes page bytes.
pub fn decode<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Decoded<'a> {
    let mut warnings = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text,
            encoding: enc,
            warnings,
        };
    }
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().trim_matches('"').as_bytes()))
        .or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
    let (encoding, text) = match declared {
        Some(enc) if enc == UTF_8 => {
            let (text, had_errors) = UTF_8.decode_without_bom_handling(bytes);
            if had_errors && many_utf8_errors(bytes) {
                let guess = detect(bytes);
                if guess != UTF_8 {
                    warnings.push("charset_mismatch");
                }
                (guess, guess.decode_without_bom_handling(bytes).0)
            } else {
                (UTF_8, text)
            }
        }
        Some(enc) if enc == UTF_16LE || enc == UTF_16BE => {
            (enc, enc.decode_without_bom_handling(bytes).0)
        }
        Some(enc) => {
            // A legacy charset declared for bytes that are valid UTF-8 with
            // non-ASCII in them is a misdeclaration: legacy text almost never
            // forms valid UTF-8 sequences.
            match std::str::from_utf8(bytes) {
                Ok(text) if !bytes.is_ascii() => {
                    warnings.push("charset_mismatch");
                    (UTF_8, Cow::Borrowed(text))
                }
                _ => (enc, enc.decode_without_bom_handling(bytes).0),
            }
        }
        None => match utf16_without_bom(bytes) {
            Some(enc) => (enc, enc.decode_without_bom_handling(bytes).0),
            None => match std::str::from_utf8(bytes) {
                Ok(text) => (UTF_8, Cow::Borrowed(text)),
                Err(_) => {
                    let guess = detect(bytes);
                    (guess, guess.decode_without_bom_handling(bytes).0)
                }
            },
        },
    };
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// More than a handful of invalid UTF-8 sequences (a stray byte in a page
/// that is otherwise UTF-8 does not make it legacy-encoded).
fn many_utf8_errors(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut errors = 0usize;
    while let Err(e) = std::str::from_utf8(rest) {
        errors += 1;
        if errors > 8 {
            return true;
        }
        let skip = e.valid_up_to() + e.error_len().unwrap_or(1);
        rest = &rest[skip.min(rest.len())..];
    }
    false
}

/// chardetng's guess from the leading bytes.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    det.feed(head, head.len() == bytes.len());
    det.guess(None, true)
}

/// UTF-16 without a byte-order mark: ASCII markup leaves every other byte 0.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a `<meta charset>` or `<meta http-equiv="Content-Type">`
/// in the leading bytes names (the HTML prescan, simplified: comments are
/// skipped, the first meta that names a known charset wins).
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &head[i..]) {
        i += off;
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => {
                    i += 4 + end + 3;
                    continue;
                }
                None => return None,
            }
        }
        if rest.len() > 5 && rest[1..5].eq_ignore_ascii_case(b"meta") && is_space_or_slash(rest[5])
        {
            let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            if let Some(enc) = meta_charset(&rest[5..end]) {
                return Some(fix_meta_encoding(enc));
            }
            i += end;
            continue;
        }
        i += 1;
    }
    None
}

fn is_space_or_slash(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
}

/// A meta's charset: `charset=...`, or `content="...charset=..."` with
/// `http-equiv="content-type"`.
fn meta_charset(attrs: &[u8]) -> Option<&'static Encoding> {
    let mut charset = None;
    let mut content = None;
    let mut http_equiv_ct = false;
    for (name, value) in raw_attrs(attrs) {
        if name.eq_ignore_ascii_case(b"charset") {
            charset = Encoding::for_label(value);
        } else if name.eq_ignore_ascii_case(b"content") {
            content = Some(value);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            http_equiv_ct = value.eq_ignore_ascii_case(b"content-type");
        }
    }
    if charset.is_some() {
        return charset;
    }
    if http_equiv_ct {
        return content.and_then(charset_from_content);
    }
    None
}

/// The charset named in a `Content-Type` value (`text/html; charset=koi8-r`).
pub fn charset_from_content(content: &[u8]) -> Option<&'static Encoding> {
    let lower = content.to_ascii_lowercase();
    let pos = memchr::memmem::find(&lower, b"charset")?;
    let mut rest = &content[pos + 7..];
    while let [b' ' | b'\t', tail @ ..] = rest {
        rest = tail;
    }
    rest = rest.strip_prefix(b"=")?;
    while let [b' ' | b'\t' | b'"' | b'\'', tail @ ..] = rest {
        rest = tail;
    }
    let end = rest
        .iter()
        .position(|&b| matches!(b, b';' | b'"' | b'\'' | b' ' | b'\t'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// A meta may not switch to UTF-16 (the bytes were ASCII-compatible to be
/// read), and `x-user-defined` means windows-1252 there.
fn fix_meta_encoding(enc: &'static Encoding) -> &'static Encoding {
    if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    }
}

/// Attribute `(name, value)` pairs of a tag's raw bytes (no entity decoding).
fn raw_attrs(mut s: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || loop {
        while let [b, tail @ ..] = s {
            if is_space_or_slash(*b) {
                s = tail;
            } else {
                break;
            }
        }
        if s.is_empty() {
            return None;
        }
        let name_end = s
            .iter()
            .position(|&b| is_space_or_slash(b) || b == b'=' || b == b'>')
            .unwrap_or(s.len());
        if name_end == 0 {
            s = &s[1..];
            continue;
        }
        let name = &s[..name_end];
        s = &s[name_end..];
        while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = s {
            s = tail;
        }
        if let [b'=', tail @ ..] = s {
            s = tail;
            while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = s {
                s = tail;
            }
            let value = match s {
                [q @ (b'"' | b'\''), tail @ ..] => {
                    let end = memchr::memchr(*q, tail).unwrap_or(tail.len());
                    let v = &tail[..end];
                    s = &tail[(end + 1).min(tail.len())..];
                    v
                }
                _ => {
                    let end = s
                        .iter()
                        .position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'>'))
                        .unwrap_or(s.len());
                    let v = &s[..end];
                    s = &s[end..];
                    v
                }
            };
            return Some((name, value));
        }
        return Some((name, &b""[..]));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prescan_reads_both_meta_forms() {
        assert_eq!(
            prescan(b"<html><head><meta charset=\"windows-1251\">"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            prescan(b"<!-- <meta charset=koi8-r> --><meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-2'>"),
            Some(encoding_rs::ISO_8859_2)
        );
        assert_eq!(prescan(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(prescan(b"<metadata charset=koi8-r>"), None);
    }

    #[test]
    fn misdeclared_legacy_charset_falls_back_to_utf8() {
        let d = decode("<meta charset=windows-1251><p>Скидка</p>".as_bytes(), None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.text.contains("Скидка"));
        assert_eq!(d.warnings, vec!["charset_mismatch"]);
    }
}
