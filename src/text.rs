//! Matching text: a lowercased, digit- and space-folded copy of a text with
//! exactly the same number of characters, so that a span found in the copy
//! maps to the same characters of the original.
//!
//! Folding: letters to lowercase (first char of the lowercase mapping),
//! Arabic-Indic and Eastern Arabic-Indic digits to ASCII, `٫` to `.`, `٬` to
//! `,`, every space-like character (no-break, narrow no-break, thin, ideographic)
//! to a plain space, dashes (`–`, `—`, `‒`, `−`) to `-`, typographic
//! apostrophes to `'`, Arabic tatweel and diacritics removed by mapping to a
//! zero-effect joiner is not done (it would change the count): they stay.

/// A folded copy of a text with a byte ↔ character offset map.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text (same character count as the original).
    pub text: String,
    /// Byte offset of every character of `text`, plus `text.len()` at the end.
    char_starts: Vec<usize>,
    /// Byte offset of every character of the original, plus its length.
    orig_starts: Vec<usize>,
}

/// Folds one character.
pub fn fold_char(c: char) -> char {
    match c {
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '٫' => '.',
        '٬' => ',',
        '\u{00a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\u{2002}' | '\u{2003}'
        | '\u{3000}' | '\t' => ' ',
        '–' | '—' | '‒' | '−' | '‐' | '‑' => '-',
        '’' | '‘' | '´' | '`' => '\'',
        'ё' | 'Ё' => 'е',
        _ => {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        }
    }
}

/// Folds a whole string (for dictionary entries).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut char_starts = Vec::with_capacity(original.len());
        let mut orig_starts = Vec::with_capacity(original.len());
        for (b, c) in original.char_indices() {
            char_starts.push(text.len());
            orig_starts.push(b);
            text.push(fold_char(c));
        }
        char_starts.push(text.len());
        orig_starts.push(original.len());
        Folded {
            text,
            char_starts,
            orig_starts,
        }
    }

    /// The folded byte offset of an original byte offset.
    pub fn from_original(&self, byte: usize) -> usize {
        let i = match self.orig_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.char_starts[i.min(self.char_starts.len() - 1)]
    }

    /// The original byte offset of a folded byte offset.
    pub fn to_original(&self, byte: usize) -> usize {
        self.orig_starts[self.char_index(byte).min(self.orig_starts.len() - 1)]
    }

    /// The character index of a byte offset of the folded text.
    pub fn char_index(&self, byte: usize) -> usize {
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.char_starts.len() - 1
    }
}

/// `s[start..]` cut to at most `len` bytes, on a character boundary.
pub fn window(s: &str, start: usize, len: usize) -> &str {
    let mut end = (start + len).min(s.len());
    while end > start && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(start..end).unwrap_or_default()
}

/// Byte range of the characters `[start, end)` of `s`.
pub fn char_range_to_bytes(s: &str, start: usize, end: usize) -> (usize, usize) {
    let mut it = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()));
    let b_start = it.by_ref().nth(start).unwrap_or(s.len());
    let b_end = if end > start {
        it.nth(end - start - 1).unwrap_or(s.len())
    } else {
        b_start
    };
    (b_start, b_end)
}

/// True when the character is a letter of any script. Digits are not word
/// characters here: `RM10` and `10€` split between the currency and the number.
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// True when `text[start..end]` stands on word boundaries (no letter
/// touches it on a side where the match itself has a word character).
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_ok =
        !matches!((first, before), (Some(f), Some(b)) if is_word_char(f) && is_word_char(b));
    let right_ok =
        !matches!((last, after), (Some(l), Some(a)) if is_word_char(l) && is_word_char(a));
    left_ok && right_ok
}

/// The sentence around byte `at` of `text`, inside the block `(s, e)`.
pub fn sentence_around(text: &str, (s, e): (usize, usize), at: usize) -> (usize, usize) {
    // A sentence ends at "!", "?", or "." — not at the dot of a number or
    // date ("bis zum 24.12.", "am 3. Mai") or of an abbreviation ("z.B.",
    // "Nr.").
    let ends = |w: &str| {
        w.ends_with(['!', '?'])
            || w.strip_suffix('.').is_some_and(|stem| {
                let word = stem.rsplit(' ').next().unwrap_or(stem);
                let numeric = word.chars().all(|c| c.is_ascii_digit() || c == '.');
                let abbreviation = word.contains('.')
                    || word.chars().all(char::is_alphabetic) && word.chars().count() <= 2;
                !word.is_empty() && !numeric && !abbreviation
            })
    };
    let head = &text[s..at];
    let start = head
        .char_indices()
        .rev()
        .find(|&(i, c)| c == ' ' && ends(head[..i].trim_end_matches(['"', '”', '»', ')'])))
        .map_or(s, |(i, _)| s + i + 1);
    let tail = &text[at..e];
    let end = tail
        .char_indices()
        .find(|&(i, c)| c == ' ' && i > 0 && ends(&tail[..i]))
        .map_or(e, |(i, _)| at + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_the_character_count() {
        for s in [
            "1٬980٫50 ر.س",
            "İstanbul Straße",
            "До 31 мая",
            "10\u{a0}€ – 20\u{202f}€",
        ] {
            let f = Folded::new(s);
            assert_eq!(f.char_len(), s.chars().count(), "{s}");
            assert_eq!(f.text.chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(Folded::new("١٬٩٨٠٫٥").text, "1,980.5");
        assert_eq!(Folded::new("Ёлка").text, "елка");
    }

    #[test]
    fn maps_bytes_to_chars() {
        let f = Folded::new("é10");
        assert_eq!(f.char_index(2), 1);
        assert_eq!(char_range_to_bytes("é10", 1, 3), (2, 4));
    }

    #[test]
    fn word_boundaries_follow_letters_of_any_script() {
        assert!(on_word_boundaries("a real deal", 2, 6));
        assert!(!on_word_boundaries("really", 0, 4));
        assert!(!on_word_boundaries("рублей", 0, 4));
        assert!(on_word_boundaries("RM10", 0, 2));
    }
}
