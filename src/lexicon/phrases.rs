//! A set of phrases found in folded text with one Aho-Corasick automaton,
//! built once: leftmost-longest matches among those on word boundaries, each carrying a
//! value and the language it belongs to.

use crate::text::{fold, on_word_boundaries};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A phrase found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    /// Byte range in the folded text.
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
    /// Index of the language the phrase came from; `None` for base phrases.
    pub lang: Option<usize>,
}

/// Phrases with values, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    automaton: AhoCorasick,
    /// Per distinct folded phrase, its values (one per language that has it).
    entries: Vec<Vec<(T, Option<usize>)>>,
}

/// Collects phrases before the automaton is built.
pub struct PhraseSetBuilder<T> {
    index: std::collections::HashMap<String, usize>,
    patterns: Vec<String>,
    entries: Vec<Vec<(T, Option<usize>)>>,
}

impl<T> Default for PhraseSetBuilder<T> {
    fn default() -> Self {
        PhraseSetBuilder {
            index: Default::default(),
            patterns: Vec::new(),
            entries: Vec::new(),
        }
    }
}

impl<T> PhraseSetBuilder<T> {
    /// Adds a phrase (folded here; empty phrases are ignored).
    pub fn add(&mut self, phrase: &str, value: T, lang: Option<usize>) {
        let folded = fold(phrase.trim());
        if folded.is_empty() {
            return;
        }
        match self.index.get(&folded) {
            Some(&i) => self.entries[i].push((value, lang)),
            None => {
                self.index.insert(folded.clone(), self.patterns.len());
                self.patterns.push(folded);
                self.entries.push(vec![(value, lang)]);
            }
        }
    }

    pub fn build(self) -> PhraseSet<T> {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&self.patterns)
            .unwrap_or_else(|_| {
                AhoCorasick::new(Vec::<String>::new()).expect("an empty automaton always builds")
            });
        PhraseSet {
            automaton,
            entries: self.entries,
        }
    }
}

impl<T> PhraseSet<T> {
    /// Every phrase of the allowed languages (base phrases always count) found
    /// in the folded text, in order, on word boundaries; a phrase that several
    /// rules share yields one hit per rule.
    pub fn find<'s, 't>(
        &'s self,
        folded: &'t str,
        langs: Option<&'t [usize]>,
    ) -> impl Iterator<Item = Hit<'s, T>> + 't
    where
        's: 't,
    {
        self.find_glued(folded, langs, &[])
    }

    /// As [`PhraseSet::find`], and a phrase may also follow one of `glued`,
    /// a one-letter word written without a space ("وينتهي" = "و" + "ينتهي").
    pub fn find_glued<'s, 't>(
        &'s self,
        folded: &'t str,
        langs: Option<&'t [usize]>,
        glued: &'t [char],
    ) -> impl Iterator<Item = Hit<'s, T>> + 't
    where
        's: 't,
    {
        let after_glued = move |s: usize, e: usize| {
            let Some(c) = folded[..s].chars().next_back() else {
                return false;
            };
            glued.contains(&c)
                && on_word_boundaries(folded, s - c.len_utf8(), e)
                && !folded[s..].starts_with(c)
        };
        // All matches on word boundaries whose phrase has an allowed
        // language, then leftmost-longest among those: a longer phrase that
        // fails the boundary test ("r $" inside "over $75") never hides a
        // shorter one that passes.
        let allowed = move |(_, lang): &&(T, Option<usize>)| match (langs, lang) {
            (Some(allowed), Some(l)) => allowed.contains(l),
            _ => true,
        };
        let mut all: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(folded)
            .filter(|m| {
                self.entries[m.pattern().as_usize()]
                    .iter()
                    .any(|e| allowed(&e))
            })
            .filter(|m| {
                on_word_boundaries(folded, m.start(), m.end()) || after_glued(m.start(), m.end())
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut chosen = Vec::with_capacity(all.len());
        let mut next_free = 0;
        for (s, e, p) in all {
            if s >= next_free {
                chosen.push((s, e, p));
                next_free = e;
            }
        }
        chosen.into_iter().flat_map(move |(start, end, p)| {
            self.entries[p]
                .iter()
                .filter(allowed)
                .map(move |(value, lang)| Hit {
                    start,
                    end,
                    value,
                    lang: *lang,
                })
        })
    }

    /// The value of a phrase equal to the whole (folded) text, if any.
    pub fn exact<'s>(&'s self, folded: &str, langs: Option<&[usize]>) -> Option<&'s T> {
        self.find(folded, langs)
            .find(|h| h.start == 0 && h.end == folded.len())
            .map(|h| h.value)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
