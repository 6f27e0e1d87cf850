//! Statements shared by several codes: a sentence whose subject is the
//! codes themselves ("Beide Codes gelten bis einschließlich 6. Dezember und
//! lassen sich nicht kombinieren", "Os códigos desta página não são
//! acumuláveis") states terms for codes other than the one whose text it
//! ends. It fills what those vouchers leave unstated. A block that opens by
//! naming the codes below it ("Condiciones para los tres cupones: válidos
//! del 8 al 21 de junio …") states terms for the codes that follow it, as
//! many as it counts.

use super::mentions::Mentions;
use crate::lexicon::Capture;
use crate::page::{BlockKind, Page};
use crate::record::Record;

/// A sentence about several codes, and the codes it speaks of: those whose
/// first mention stands in its block, else every code of the page; for a
/// block naming the codes below it, the codes that follow it.
pub struct Shared {
    /// The statement's folded range: the sentence, or the block after its
    /// opening words.
    pub sentence: (usize, usize),
    /// The folded range of the block that holds the sentence.
    pub block: (usize, usize),
    /// A block naming the codes below it: it speaks of at most this many
    /// codes (its count, "los tres cupones") that follow it, before this
    /// folded offset (the next heading outside a card).
    pub following: Option<(usize, usize)>,
}

/// The most words before, and after, the codes' words in an opening that
/// names the codes below ("Le condizioni valgono per tutti e tre i codici
/// qui sotto:").
const MAX_OPENING_WORDS: usize = 6;

/// The page's sentences that open with one of the language's
/// `all_codes` words ("both codes", "alle Codes", "os códigos").
pub fn statements(cap: &Capture, page: &Page, m: &Mentions) -> Vec<Shared> {
    let f = &m.folded.text;
    // Where each match starts and ends; of matches at one place, the longest.
    let mut starts: Vec<(usize, usize)> = cap
        .all_codes
        .iter()
        .flat_map(|w| {
            f.match_indices(w.as_str())
                .map(|(at, _)| (at, at + w.len()))
                .filter(|&(at, end)| crate::text::on_word_boundaries(f, at, end))
        })
        .collect();
    starts.sort_unstable_by_key(|&(at, end)| (at, std::cmp::Reverse(end)));
    starts.dedup_by_key(|w| w.0);
    let mut out: Vec<Shared> = Vec::new();
    for (at, words_end) in starts.into_iter().take(64) {
        let o = m.folded.to_original(at);
        let Some((i, b)) = m
            .block_index_at(page, at)
            .map(|i| (i, &page.blocks[i]))
            .filter(|(_, b)| b.kind != BlockKind::Chrome)
        else {
            continue;
        };
        // The word opens its sentence.
        let (s, e) = crate::text::sentence_around(&page.text, (b.start, b.end), o);
        let block = m.block_range(b);
        if page.text[s..o].trim().is_empty() {
            out.push(Shared {
                sentence: (m.folded.from_original(s), m.folded.from_original(e)),
                block,
                following: None,
            });
            continue;
        }
        // Or it ends the block's short opening, before a colon: the rest of
        // the block holds the terms of the codes below.
        let Some(colon) = page.text[o..e].find(':').map(|c| o + c) else {
            continue;
        };
        let after_words = m.folded.to_original(words_end).min(colon);
        if page.text[s..o].split_whitespace().count() > MAX_OPENING_WORDS
            || page.text[after_words..colon].split_whitespace().count() > MAX_OPENING_WORDS
        {
            continue;
        }
        let count = m
            .counts_starting_in((at, m.folded.from_original(colon)))
            .first()
            .and_then(|c| usize::try_from(c.value).ok())
            .unwrap_or(usize::MAX);
        let until = page.blocks[i + 1..]
            .iter()
            .find(|h| h.kind == BlockKind::Heading && h.group.is_none())
            .map_or(f.len(), |h| m.block_range(h).0);
        out.push(Shared {
            sentence: (m.folded.from_original(colon + 1), block.1),
            block,
            following: Some((count, until)),
        });
    }
    out
}

/// Fills each covered record's unstated validity, per-customer limit,
/// regions, payment methods and stackability from the statement's reading
/// `r`; a block naming the codes below it also fills the total, first come
/// first served, new users, app only and the scope. `code_at` holds each record's code mention
/// (folded offset).
pub fn apply(s: &Shared, r: &Record, records: &mut [Record], code_at: &[Option<usize>]) {
    let in_block = |at: &Option<usize>| at.is_some_and(|a| a >= s.block.0 && a < s.block.1);
    let local = code_at.iter().any(in_block);
    let mut following = s.following.map(|(n, _)| n).unwrap_or(0);
    for (o, at) in records.iter_mut().zip(code_at) {
        let covered = match (s.following, at) {
            (_, None) => false,
            (Some((_, until)), Some(a)) => {
                let below = *a >= s.block.1 && *a < until && following > 0;
                following -= usize::from(below);
                below
            }
            (None, _) => !local || in_block(at),
        };
        if !covered {
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
        // Who may use the codes and on what: said only by a block naming
        // the codes below it ("Промокоды на первый заказ" over the page is
        // no such statement).
        if s.following.is_none() {
            continue;
        }
        o.usage.total = o.usage.total.or(r.usage.total);
        o.usage.first_come_first_served |= r.usage.first_come_first_served;
        o.eligibility.new_users_only |= r.eligibility.new_users_only;
        o.eligibility.app_only |= r.eligibility.app_only;
        if o.scope.kind.is_none() && o.scope.stores.is_empty() && o.scope.categories.is_empty() {
            let excluded = std::mem::take(&mut o.scope.excluded);
            o.scope = r.scope.clone();
            if o.scope.excluded.is_empty() {
                o.scope.excluded = excluded;
            }
        } else if o.scope.excluded.is_empty() {
            o.scope.excluded = r.scope.excluded.clone();
        }
    }
}
