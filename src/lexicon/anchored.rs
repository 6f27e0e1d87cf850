//! Phrase sets searched at a given position: the small words inside written
//! numbers and amounts (ordinals "first"/"ersten", connectors "and"/glued
//! Arabic "و", multiplier joiners "millones de", cents connectors "con") and
//! currency subunits ("cents", "копеек"). Unlike [`super::PhraseSet`], which
//! scans a whole text, a reader asks "which phrase starts exactly here?".

use super::CurrencyReading;
use crate::text::{fold, is_word_char};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use std::collections::HashMap;

/// A subunit form's meaning: how many make one unit, and of what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subunit {
    pub per: u32,
    pub reading: CurrencyReading,
}

/// A phrase found by an [`AnchoredSet`].
#[derive(Debug, Clone, Copy)]
pub struct Found<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

/// Folded phrases with values, each tagged with the language it came from
/// (`None`: every language).
#[derive(Debug)]
pub struct AnchoredSet<T> {
    automaton: Option<AhoCorasick>,
    /// Per pattern: (language index, value).
    entries: Vec<Vec<(Option<usize>, T)>>,
}

/// Collects phrases before an [`AnchoredSet`] is built.
pub struct AnchoredSetBuilder<T> {
    index: HashMap<String, usize>,
    patterns: Vec<String>,
    entries: Vec<Vec<(Option<usize>, T)>>,
}

impl<T> Default for AnchoredSetBuilder<T> {
    fn default() -> Self {
        AnchoredSetBuilder {
            index: HashMap::new(),
            patterns: Vec::new(),
            entries: Vec::new(),
        }
    }
}

impl<T> AnchoredSetBuilder<T> {
    /// Adds a phrase (folded here; empty phrases are ignored).
    pub fn add(&mut self, phrase: &str, value: T, lang: Option<usize>) {
        let folded = fold(phrase.trim());
        if folded.is_empty() {
            return;
        }
        let i = match self.index.get(&folded) {
            Some(&i) => i,
            None => {
                self.index.insert(folded.clone(), self.patterns.len());
                self.patterns.push(folded);
                self.entries.push(Vec::new());
                self.patterns.len() - 1
            }
        };
        self.entries[i].push((lang, value));
    }

    pub fn build(self) -> AnchoredSet<T> {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&self.patterns)
            .ok();
        AnchoredSet {
            automaton,
            entries: self.entries,
        }
    }
}

impl<T> AnchoredSet<T> {
    fn value_for(&self, pattern: usize, allowed: Option<&[usize]>) -> Option<&T> {
        self.entries
            .get(pattern)?
            .iter()
            .find(|(l, _)| match (allowed, l) {
                (Some(allowed), Some(l)) => allowed.contains(l),
                _ => true,
            })
            .map(|(_, v)| v)
    }

    /// The longest phrase of an allowed language starting exactly at byte
    /// `i`, ending on a word boundary. The left boundary is the caller's.
    pub fn at<'s>(
        &'s self,
        text: &str,
        i: usize,
        allowed: Option<&[usize]>,
    ) -> Option<Found<'s, T>> {
        self.at_glued(text, i, allowed)
            .filter(|f| right_boundary(text, f.end))
    }

    /// Like [`AnchoredSet::at`] without the right boundary: for connectors
    /// written glued to the next word (Arabic "و").
    pub fn at_glued<'s>(
        &'s self,
        text: &str,
        i: usize,
        allowed: Option<&[usize]>,
    ) -> Option<Found<'s, T>> {
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
    pub fn find_all<'s>(&'s self, text: &str, allowed: Option<&[usize]>) -> Vec<Found<'s, T>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[(&str, u64, Option<usize>)]) -> AnchoredSet<u64> {
        let mut b = AnchoredSetBuilder::default();
        for &(p, v, l) in phrases {
            b.add(p, v, l);
        }
        b.build()
    }

    #[test]
    fn finds_the_longest_phrase_at_a_position_on_a_word_boundary() {
        let s = set(&[
            ("first", 1, Some(0)),
            ("ersten", 1, Some(1)),
            ("neunundzwanzigsten", 29, Some(1)),
        ]);
        let f = s.at("the first day", 4, Some(&[0])).unwrap();
        assert_eq!((*f.value, f.end), (1, 9));
        assert!(s.at("the firstly", 4, Some(&[0])).is_none());
        assert_eq!(
            *s.at("am neunundzwanzigsten mai", 3, Some(&[1]))
                .unwrap()
                .value,
            29
        );
        // Another language's words are not found; no filter allows all.
        assert!(s.at("am ersten mai", 3, Some(&[0])).is_none());
        assert!(s.at("am ersten mai", 3, None).is_some());
        // Out of range or inside a character: nothing, no panic.
        assert!(s.at("am ersten", 99, None).is_none());
        assert!(s.at("é first", 1, None).is_none());
    }

    #[test]
    fn glued_phrases_need_no_right_boundary() {
        let s = set(&[("و", 1, Some(0))]);
        assert!(s.at("وعشرون", 0, Some(&[0])).is_none());
        assert_eq!(s.at_glued("وعشرون", 0, Some(&[0])).unwrap().end, "و".len());
    }

    #[test]
    fn find_all_keeps_whole_words_only() {
        let s = set(&[("cents", 1, Some(0))]);
        let found = s.find_all("it rose 50 cents, not 5centsx", Some(&[0]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start, 11);
    }
}
