//! Numbers written in words: "twenty-one", "vinte e um", "mil novecientos
//! noventa y dos", "ألف وتسعمائة وواحد", "twenty second", "neunundzwanzigsten".
//!
//! Tokens are the number words and ordinals of `numbers.toml`; they combine by place value. A token that cannot continue the
//! number being read starts a new *chunk*, so "twenty five nineteen eighty
//! six" reads as the chunks 25, 19, 86 and the caller decides what they are
//! (a day and a year, say). An ordinal ends its chunk unless another ordinal
//! continues it ("vigésimo segundo", "الثاني والعشرين").

use crate::lexicon::Lexicon;

/// One number read from words: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub value: u64,
    /// At least one token is an ordinal ("first", "ersten").
    pub ordinal: bool,
    /// How many words it took.
    pub tokens: usize,
}

impl Chunk {
    /// A lone cardinal one ("un", "one", "ein") is usually an article, not
    /// a number.
    pub fn is_article_like(&self) -> bool {
        self.tokens == 1 && self.value == 1 && !self.ordinal
    }
}

/// Reads written numbers with one language set.
pub struct WordReader<'a> {
    lex: &'a Lexicon,
    langs: Option<&'a [usize]>,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    end: usize,
    value: u64,
    ordinal: bool,
}

/// Max bytes a written number may span.
const MAX_SPAN: usize = 120;

impl<'a> WordReader<'a> {
    pub fn new(lex: &'a Lexicon, langs: Option<&'a [usize]>) -> WordReader<'a> {
        WordReader { lex, langs }
    }

    /// The number word or ordinal starting exactly at `k` (the longer one).
    fn token_at(&self, text: &str, k: usize) -> Option<Token> {
        if k >= text.len() || !text.is_char_boundary(k) {
            return None;
        }
        if !text[k..].chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        let window = word_window(text, k, 40);
        let card = self
            .lex
            .number_words
            .find(window, self.langs)
            .find(|h| h.start == 0)
            .map(|h| Token {
                end: k + h.end,
                value: *h.value,
                ordinal: false,
            });
        let ord = self.lex.ordinals.at(text, k, self.langs).map(|f| Token {
            end: f.end,
            value: *f.value,
            ordinal: true,
        });
        match (card, ord) {
            (Some(c), Some(o)) => Some(if c.end > o.end { c } else { o }),
            (c, o) => c.or(o),
        }
    }

    /// The written number starting at `i` as chunks (empty when no number
    /// word starts there). The left boundary at `i` is the caller's.
    pub fn chunks_at(&self, text: &str, i: usize) -> Vec<Chunk> {
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut acc: Option<Acc> = None;
        let mut k = i;
        let mut connected = false;
        while let Some(t) = self.token_at(text, k) {
            match acc.as_mut() {
                Some(a) if a.accepts(t, connected) => a.add(t),
                _ => {
                    if let Some(a) = acc.take() {
                        chunks.push(a.chunk());
                    }
                    acc = Some(Acc::new(k, t));
                }
            }
            if t.end - i > MAX_SPAN {
                break;
            }
            // What joins the next token: spaces, one hyphen, a connector.
            let s = text.as_bytes();
            let mut p = t.end;
            let mut gap = false;
            while p < s.len() && s[p] == b' ' && p - t.end < 3 {
                p += 1;
                gap = true;
            }
            if p < s.len() && s[p] == b'-' {
                p += 1;
                gap = true;
                while p < s.len() && s[p] == b' ' && p - t.end < 4 {
                    p += 1;
                }
            }
            let mut next = None;
            if gap {
                let conn = self
                    .lex
                    .number_connectors
                    .at(text, p, self.langs)
                    .or_else(|| {
                        self.lex
                            .number_connectors
                            .at_glued(text, p, self.langs)
                            .filter(|c| *c.value)
                    });
                if let Some(c) = conn {
                    let mut q = c.end;
                    if !*c.value {
                        let q0 = q;
                        while q < s.len() && s[q] == b' ' && q - q0 < 3 {
                            q += 1;
                        }
                        if q == q0 {
                            q = usize::MAX;
                        }
                    }
                    if q != usize::MAX && self.token_at(text, q).is_some() {
                        next = Some((q, true));
                    }
                }
                if next.is_none() && self.token_at(text, p).is_some() {
                    next = Some((p, false));
                }
            }
            match next {
                Some((q, conn)) => {
                    k = q;
                    connected = conn;
                }
                None => break,
            }
        }
        if let Some(a) = acc {
            chunks.push(a.chunk());
        }
        chunks
    }

    /// A written number whose last chunk ends exactly at `j` (the widest
    /// one that does): "twenty five" before " January".
    pub fn chunk_ending_at(&self, text: &str, j: usize) -> Option<Chunk> {
        let s = text.as_bytes();
        // Word starts within reach, nearest first.
        let mut starts = Vec::new();
        let lo = j.saturating_sub(60);
        let mut p = j;
        while p > lo && starts.len() < 6 {
            p -= 1;
            if !text.is_char_boundary(p) {
                continue;
            }
            let starts_word = text[p..].chars().next().is_some_and(char::is_alphabetic)
                && (p == 0 || matches!(s[p - 1], b' ' | b'-' | b'(' | b','));
            if starts_word {
                starts.push(p);
            }
        }
        for &st in starts.iter().rev() {
            if let Some(c) = self.chunks_at(text, st).into_iter().find(|c| c.end == j) {
                return Some(c);
            }
        }
        None
    }
}

/// `text[k..]` up to about `len` bytes, ending where a word ends.
fn word_window(text: &str, k: usize, len: usize) -> &str {
    let mut end = (k + len).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    while end < text.len() {
        match text[end..].chars().next() {
            Some(c) if c.is_alphabetic() || c == '\'' => end += c.len_utf8(),
            _ => break,
        }
    }
    &text[k..end]
}

/// A chunk being read: `total` holds the thousands, `current` the rest.
#[derive(Debug, Clone, Copy)]
struct Acc {
    start: usize,
    end: usize,
    total: u64,
    current: u64,
    tokens: usize,
    ordinal: bool,
}

fn is_power_of_thousand(v: u64) -> bool {
    matches!(v, 1_000 | 1_000_000 | 1_000_000_000)
}

impl Acc {
    fn new(start: usize, t: Token) -> Acc {
        let mut a = Acc {
            start,
            end: start,
            total: 0,
            current: 0,
            tokens: 0,
            ordinal: false,
        };
        a.add(t);
        a
    }

    /// Whether `t` continues this number by place value.
    fn accepts(&self, t: Token, connected: bool) -> bool {
        let v = t.value;
        let last2 = self.current % 100;
        let teen = (1..=9).contains(&last2) && v == 10 && !connected && self.current < 10;
        if self.ordinal && !(t.ordinal || teen) {
            return false;
        }
        if v >= 1000 {
            return is_power_of_thousand(v)
                && self.current > 0
                && (self.total == 0 || self.total >= v * 1000);
        }
        if v == 100 {
            return self.current < 100;
        }
        if v >= 200 {
            return v.is_multiple_of(100) && self.current == 0;
        }
        last2 == 0
            || (last2.is_multiple_of(10) && last2 >= 20 && v < 10)
            || (connected && last2 < 10 && v.is_multiple_of(10) && v >= 20)
            || teen
    }

    fn add(&mut self, t: Token) {
        let v = t.value;
        if v >= 1000 {
            if is_power_of_thousand(v) {
                self.total += self.current.max(1) * v;
            } else {
                self.total += v;
            }
            self.current = 0;
        } else if v == 100 {
            self.current = self.current.max(1) * 100;
        } else {
            self.current += v;
        }
        self.end = t.end;
        self.tokens += 1;
        self.ordinal |= t.ordinal;
    }

    fn chunk(&self) -> Chunk {
        Chunk {
            start: self.start,
            end: self.end,
            value: self.total + self.current,
            ordinal: self.ordinal,
            tokens: self.tokens,
        }
    }
}

/// A year from the chunks after a date: one chunk 1000–2999 ("two thousand
/// and eighteen"), or a hundreds pair ("nineteen eighty six" = 19, 86).
/// Returns the year and how many chunks it took.
pub fn year_from_chunks(chunks: &[Chunk]) -> Option<(i32, usize)> {
    let first = chunks.first()?;
    if (1000..=2999).contains(&first.value) && !first.ordinal {
        return Some((first.value as i32, 1));
    }
    if let [hi, lo, ..] = chunks {
        if (10..=29).contains(&hi.value) && lo.value < 100 && !hi.ordinal && !lo.ordinal {
            return Some(((hi.value * 100 + lo.value) as i32, 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lang: &str, text: &str) -> Vec<u64> {
        let lex = Lexicon::load(None).unwrap();
        let li = [lex.language_index(lang).unwrap()];
        let r = WordReader::new(&lex, Some(&li));
        let f = crate::text::fold(text);
        r.chunks_at(&f, 0).iter().map(|c| c.value).collect()
    }

    #[test]
    fn written_numbers_by_language() {
        let cases: &[(&str, &str, &[u64])] = &[
            ("en", "twenty-one", &[21]),
            ("en", "twenty second of June", &[22]),
            ("en", "two thousand and eighteen", &[2018]),
            ("en", "nineteen seventy eight", &[19, 78]),
            ("en", "nineteen hundred ninety three", &[1993]),
            ("en", "twenty five nineteen eighty six", &[25, 19, 86]),
            ("en", "first two thousand and thirty two", &[1, 2032]),
            ("en", "nineteen zero one", &[19, 1]),
            ("es", "mil novecientos noventa y dos", &[1992]),
            ("es", "dos mil dieciocho", &[2018]),
            ("es", "vigesimo segundo de junio", &[22]),
            ("es", "treinta y uno", &[31]),
            ("pt", "vinte e um de maio", &[21]),
            ("pt", "dois mil e vinte", &[2020]),
            ("fr", "vingt et un", &[21]),
            ("fr", "vingt-neuf", &[29]),
            ("de", "neunundzwanzigsten mai", &[29]),
            ("it", "ventidue di giugno", &[22]),
            ("ar", "ألف وتسعمائة وواحد", &[1901]),
            ("ar", "ألفان وثمانية عشر", &[2018]),
            ("ar", "الحادي والعشرين", &[21]),
            ("ar", "الثاني عشر", &[12]),
            ("en", "nothing here", &[]),
            ("en", "fourteenth", &[14]),
        ];
        for (lang, text, want) in cases {
            assert_eq!(&read(lang, text), want, "{lang}: {text}");
        }
    }

    #[test]
    fn years_from_chunks() {
        let c = |value| Chunk {
            start: 0,
            end: 0,
            value,
            ordinal: false,
            tokens: 1,
        };
        assert_eq!(year_from_chunks(&[c(19), c(86)]), Some((1986, 2)));
        assert_eq!(year_from_chunks(&[c(2018)]), Some((2018, 1)));
        assert_eq!(year_from_chunks(&[c(5)]), None);
    }
}
