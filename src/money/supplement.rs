//! Number and money words the pattern files have no key for yet: written
//! ordinals ("first", "ersten", "الحادي"), the connectors inside written
//! numbers ("and", "y", glued Arabic "و"), the joiner between a multiplier and
//! its currency ("millones de dólares"), the connector before cents
//! ("15 dólares con 50") and currency subunits ("cents", "centavos",
//! "копеек"). The data lives in `supplement.toml` beside this module, one
//! table per language tag, and is compiled once per process.
//!
//! Each key maps to a pattern-file key the lexicon could grow (listed at the
//! top of `supplement.toml`); until then languages added through
//! `--patterns DIR` simply have no entries here.

use crate::lexicon::{CurrencyReading, Lexicon};
use crate::text::{fold, is_word_char};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const SOURCE: &str = include_str!("supplement.toml");

/// A subunit form's meaning: how many make one unit, and of what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subunit {
    pub per: u32,
    pub reading: CurrencyReading,
}

/// A phrase found by a [`Matcher`].
#[derive(Debug, Clone, Copy)]
pub struct Found<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

/// Folded phrases with values, each tagged with the language it came from.
#[derive(Debug)]
pub struct Matcher<T> {
    automaton: Option<AhoCorasick>,
    /// Per pattern: (language tag index, value).
    entries: Vec<Vec<(usize, T)>>,
}

impl<T> Matcher<T> {
    fn build(phrases: Vec<(String, usize, T)>) -> Matcher<T> {
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<(usize, T)>> = Vec::new();
        for (phrase, lang, value) in phrases {
            let folded = fold(phrase.trim());
            if folded.is_empty() {
                continue;
            }
            let i = *index.entry(folded.clone()).or_insert_with(|| {
                patterns.push(folded);
                entries.push(Vec::new());
                patterns.len() - 1
            });
            entries[i].push((lang, value));
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&patterns)
            .ok();
        Matcher { automaton, entries }
    }

    fn value_for(&self, pattern: usize, allowed: &[usize]) -> Option<&T> {
        self.entries
            .get(pattern)?
            .iter()
            .find(|(l, _)| allowed.contains(l))
            .map(|(_, v)| v)
    }

    /// The longest phrase of an allowed language starting exactly at byte
    /// `i`, ending on a word boundary. The left boundary is the caller's.
    pub fn at<'s>(&'s self, text: &str, i: usize, allowed: &[usize]) -> Option<Found<'s, T>> {
        let ac = self.automaton.as_ref()?;
        if i > text.len() || !text.is_char_boundary(i) {
            return None;
        }
        let input = Input::new(text).range(i..).anchored(Anchored::Yes);
        let m = ac.find(input)?;
        if !right_boundary(text, m.end()) {
            return None;
        }
        let value = self.value_for(m.pattern().as_usize(), allowed)?;
        Some(Found {
            start: m.start(),
            end: m.end(),
            value,
        })
    }

    /// Like [`Matcher::at`] without the right boundary: for connectors
    /// written glued to the next word (Arabic "و").
    pub fn at_glued<'s>(&'s self, text: &str, i: usize, allowed: &[usize]) -> Option<Found<'s, T>> {
        let ac = self.automaton.as_ref()?;
        if i > text.len() || !text.is_char_boundary(i) {
            return None;
        }
        let m = ac.find(Input::new(text).range(i..).anchored(Anchored::Yes))?;
        let value = self.value_for(m.pattern().as_usize(), allowed)?;
        Some(Found {
            start: m.start(),
            end: m.end(),
            value,
        })
    }

    /// Every phrase of an allowed language in the text, on word boundaries
    /// on both sides, left to right.
    pub fn find_all<'s>(&'s self, text: &str, allowed: &[usize]) -> Vec<Found<'s, T>> {
        let Some(ac) = self.automaton.as_ref() else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| left_boundary(text, m.start()) && right_boundary(text, m.end()))
            .filter_map(|m| {
                Some(Found {
                    start: m.start(),
                    end: m.end(),
                    value: self.value_for(m.pattern().as_usize(), allowed)?,
                })
            })
            .collect()
    }
}

/// No letter on both sides of byte `i` (a phrase boundary).
fn right_boundary(text: &str, i: usize) -> bool {
    let last = text[..i].chars().next_back();
    let next = text[i..].chars().next();
    !matches!((last, next), (Some(l), Some(n)) if is_word_char(l) && is_word_char(n))
}

fn left_boundary(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let first = text[i..].chars().next();
    !matches!((prev, first), (Some(p), Some(f)) if is_word_char(p) && is_word_char(f))
}

/// The compiled supplement of every language.
#[derive(Debug)]
pub struct Supplement {
    tags: Vec<String>,
    pub ordinals: Matcher<u64>,
    /// Connectors inside written numbers; the flag says "written glued".
    pub connectors: Matcher<bool>,
    pub multiplier_joiners: Matcher<()>,
    pub cents_connectors: Matcher<bool>,
    pub subunits: Matcher<Subunit>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    #[serde(default)]
    ordinals: BTreeMap<String, u64>,
    #[serde(default)]
    ordinal_stems: BTreeMap<String, u64>,
    #[serde(default)]
    ordinal_endings: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    glued_connectors: Vec<String>,
    #[serde(default)]
    multiplier_joiners: Vec<String>,
    #[serde(default)]
    cents_connectors: Vec<String>,
    #[serde(default)]
    subunit: Vec<SubunitFile>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SubunitFile {
    forms: Vec<String>,
    #[serde(default)]
    per: Option<u32>,
    candidates: Vec<String>,
}

/// A problem in `supplement.toml` (only a broken build can cause one).
#[derive(Debug, thiserror::Error)]
#[error("src/money/supplement.toml: {0}")]
pub struct SupplementError(String);

/// Parses and compiles supplement text.
pub fn compile(source: &str) -> Result<Supplement, SupplementError> {
    let files: BTreeMap<String, LangFile> =
        toml::from_str(source).map_err(|e| SupplementError(e.to_string()))?;
    let mut tags = Vec::new();
    let mut ordinals = Vec::new();
    let mut connectors = Vec::new();
    let mut joiners = Vec::new();
    let mut cents = Vec::new();
    let mut subunits = Vec::new();
    for (li, (tag, f)) in files.into_iter().enumerate() {
        tags.push(tag);
        for (w, v) in f.ordinals {
            ordinals.push((w, li, v));
        }
        for (stem, v) in &f.ordinal_stems {
            for e in &f.ordinal_endings {
                ordinals.push((format!("{stem}{e}"), li, *v));
            }
        }
        for c in f.connectors {
            connectors.push((c, li, false));
        }
        for c in &f.glued_connectors {
            connectors.push((c.clone(), li, true));
        }
        for j in f.multiplier_joiners {
            joiners.push((j, li, ()));
        }
        for c in f.cents_connectors {
            let glued = f.glued_connectors.contains(&c);
            cents.push((c, li, glued));
        }
        for s in f.subunit {
            let reading = match s.candidates.as_slice() {
                [] => return Err(SupplementError("a subunit needs a candidate".into())),
                [one] => CurrencyReading::Code(one.clone()),
                many => CurrencyReading::Ambiguous(many.to_vec()),
            };
            let per = s.per.unwrap_or(100).max(1);
            for form in s.forms {
                subunits.push((
                    form,
                    li,
                    Subunit {
                        per,
                        reading: reading.clone(),
                    },
                ));
            }
        }
    }
    Ok(Supplement {
        tags,
        ordinals: Matcher::build(ordinals),
        connectors: Matcher::build(connectors),
        multiplier_joiners: Matcher::build(joiners),
        cents_connectors: Matcher::build(cents),
        subunits: Matcher::build(subunits),
    })
}

/// The embedded supplement, compiled once (empty if it could not be read;
/// a unit test keeps it readable).
pub fn get() -> &'static Supplement {
    static S: OnceLock<Supplement> = OnceLock::new();
    S.get_or_init(|| {
        compile(SOURCE).unwrap_or_else(|_| Supplement {
            tags: Vec::new(),
            ordinals: Matcher::build(Vec::new()),
            connectors: Matcher::build(Vec::new()),
            multiplier_joiners: Matcher::build(Vec::new()),
            cents_connectors: Matcher::build(Vec::new()),
            subunits: Matcher::build(Vec::new()),
        })
    })
}

impl Supplement {
    /// The supplement's language indices for the lexicon's allowed languages
    /// (all languages when `langs` is None).
    pub fn allowed(&self, lex: &Lexicon, langs: Option<&[usize]>) -> Vec<usize> {
        match langs {
            None => (0..self.tags.len()).collect(),
            Some(ls) => ls
                .iter()
                .filter_map(|&l| lex.languages.get(l))
                .filter_map(|l| self.tags.iter().position(|t| *t == l.tag))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_supplement_compiles() {
        let s = compile(SOURCE).unwrap();
        assert!(s.tags.iter().any(|t| t == "en"));
        let en = vec![s.tags.iter().position(|t| t == "en").unwrap()];
        let f = s.ordinals.at("the first day", 4, &en).unwrap();
        assert_eq!((*f.value, f.end), (1, 9));
        assert!(s.ordinals.at("the firstly", 4, &en).is_none());
        let de = vec![s.tags.iter().position(|t| t == "de").unwrap()];
        assert_eq!(*s.ordinals.at("am ersten mai", 3, &de).unwrap().value, 1);
        assert_eq!(
            *s.ordinals
                .at("am neunundzwanzigsten mai", 3, &de)
                .unwrap()
                .value,
            29
        );
        // Another language's words are not found.
        assert!(s.ordinals.at("am ersten mai", 3, &en).is_none());
        let subs = s.subunits.find_all("it rose 50 cents today", &en);
        assert_eq!(subs.len(), 1);
        assert_eq!(subs[0].value.per, 100);
    }

    #[test]
    fn bad_supplements_are_errors() {
        assert!(compile("[en]\nbogus = 1\n").is_err());
        assert!(compile("[[en.subunit]]\nforms = [\"c\"]\ncandidates = []\n").is_err());
    }
}
