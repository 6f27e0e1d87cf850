//! Statements shared by several codes: a sentence whose subject is the
//! codes themselves ("Beide Codes gelten bis einschließlich 6. Dezember und
//! lassen sich nicht kombinieren", "Os códigos desta página não são
//! acumuláveis") states terms for codes other than the one whose text it
//! ends. It fills what those vouchers leave unstated.

use super::mentions::Mentions;
use crate::lexicon::Capture;
use crate::page::{BlockKind, Page};
use crate::record::Record;

/// A sentence about several codes, and the codes it speaks of: those whose
/// first mention stands in its block, else every code of the page.
pub struct Shared {
    /// The sentence's folded range.
    pub sentence: (usize, usize),
    /// The folded range of the block that holds the sentence.
    pub block: (usize, usize),
}

/// The page's sentences that open with one of the language's
/// `all_codes` words ("both codes", "alle Codes", "os códigos").
pub fn statements(cap: &Capture, page: &Page, m: &Mentions) -> Vec<Shared> {
    let f = &m.folded.text;
    let mut starts: Vec<usize> = cap
        .all_codes
        .iter()
        .flat_map(|w| {
            f.match_indices(w.as_str())
                .map(|(at, _)| at)
                .filter(move |&at| crate::text::on_word_boundaries(f, at, at + w.len()))
        })
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out: Vec<Shared> = Vec::new();
    for at in starts.into_iter().take(64) {
        let o = m.folded.to_original(at);
        let i = page.blocks.partition_point(|b| b.end <= o);
        let Some(b) = page
            .blocks
            .get(i)
            .filter(|b| o >= b.start && b.kind != BlockKind::Chrome)
        else {
            continue;
        };
        // The word opens its sentence.
        let (s, e) = crate::text::sentence_around(&page.text, (b.start, b.end), o);
        if page.text[s..o].trim().is_empty() {
            out.push(Shared {
                sentence: (m.folded.from_original(s), m.folded.from_original(e)),
                block: m.block_range(b),
            });
        }
    }
    out
}

/// Fills each covered record's unstated validity, usage limit, regions,
/// payment methods and stackability from the statement's reading `r`.
/// `code_at` holds each record's code mention (folded offset).
pub fn apply(s: &Shared, r: &Record, records: &mut [Record], code_at: &[Option<usize>]) {
    let in_block = |at: &Option<usize>| at.is_some_and(|a| a >= s.block.0 && a < s.block.1);
    let local = code_at.iter().any(in_block);
    for (o, at) in records.iter_mut().zip(code_at) {
        if at.is_none() || local && !in_block(at) {
            continue;
        }
        if o.validity.starts.is_none()
            && o.validity.ends.is_none()
            && o.validity.days_after_claim.is_none()
            && r.validity.ends.is_some()
        {
            o.validity.starts = r.validity.starts;
            o.validity.ends = r.validity.ends;
            o.validity.time_zone = r.validity.time_zone.clone();
        }
        o.usage.per_user = o.usage.per_user.or(r.usage.per_user);
        if o.eligibility.regions.is_empty() {
            o.eligibility.regions = r.eligibility.regions.clone();
        }
        if o.eligibility.payment_methods.is_empty() {
            o.eligibility.payment_methods = r.eligibility.payment_methods.clone();
        }
        o.stackable = o.stackable.or(r.stackable);
    }
}
