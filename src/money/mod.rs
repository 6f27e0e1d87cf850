//! Money mentions: a number with a currency before or after it, parsed
//! exactly, with ambiguous symbols (`$`, `¥`, `kr`, "dollars") resolved from
//! the page's context.
//!
//! Finding a span and resolving its currency are separate steps:
//! [`find_money`] pairs numbers with currency forms; [`resolve`] decides what
//! an ambiguous form means on this page.
//!
//! ```
//! use fineprint::lexicon::Lexicon;
//! use fineprint::money::{find_money, resolve, CurrencyContext};
//! let lex = Lexicon::load(None).unwrap();
//! let text = fineprint::text::fold("270 SAR off orders over 1,980 SAR");
//! let mut found = find_money(&lex, &text, None, '.', false);
//! resolve(&lex, &mut found, &CurrencyContext::default());
//! assert_eq!(found[1].amount.to_string(), "1980");
//! assert_eq!(found[1].currency.as_deref(), Some("SAR"));
//! ```

pub mod number;

use crate::lexicon::{CurrencyReading, Lexicon};
use number::{find_numbers, NumberToken};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

pub use number::NumberToken as Number;

/// A money mention in folded text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyMention {
    pub start: usize,
    pub end: usize,
    pub amount: Decimal,
    /// ISO 4217 code once resolved; None when no currency is written.
    pub currency: Option<String>,
    /// The currency was guessed (an ambiguous form read by default).
    pub ambiguous: bool,
    /// What the written currency form can mean (None for a bare number).
    pub reading: Option<CurrencyReading>,
    /// The folded currency form as written.
    pub form: String,
}

/// What decides an ambiguous currency on a page.
#[derive(Debug, Clone, Default)]
pub struct CurrencyContext {
    /// Currencies written unambiguously elsewhere on the page.
    pub page_currencies: BTreeSet<String>,
    /// The page's country when the page itself states it (`lang="es-MX"`).
    pub region: Option<String>,
    /// The page language's index, for its defaults.
    pub language: Option<usize>,
}

/// Max spaces between a currency form and its number.
const MAX_GAP: usize = 2;

fn gap_ok(s: &str) -> bool {
    s.len() <= MAX_GAP && s.bytes().all(|b| b == b' ')
}

/// Finds money mentions: numbers paired with an adjacent currency form.
/// With `bare`, numbers without any currency are reported too (currency
/// null) when the text has no currency-bearing mention at all.
pub fn find_money(
    lex: &Lexicon,
    folded: &str,
    langs: Option<&[usize]>,
    decimal: char,
    bare: bool,
) -> Vec<MoneyMention> {
    let numbers = find_numbers(folded, decimal);
    if numbers.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(usize, usize, &CurrencyReading)> = Vec::new();
    for h in lex.currencies.find(folded, langs) {
        if hits.last().is_some_and(|l| l.0 == h.start) {
            continue; // one reading per span: the first rule wins
        }
        hits.push((h.start, h.end, h.value));
    }
    let mut used = vec![false; hits.len()];
    let mut out = Vec::new();
    for n in &numbers {
        let (amount, num_end) = apply_multiplier(lex, folded, langs, n);
        let prefix = hits
            .iter()
            .enumerate()
            .rev()
            .find(|(i, h)| !used[*i] && h.1 <= n.start && gap_ok(&folded[h.1..n.start]));
        let suffix = hits
            .iter()
            .enumerate()
            .find(|(i, h)| !used[*i] && h.0 >= num_end && gap_ok(&folded[num_end..h.0]));
        let prefix_gap = prefix.map(|(_, h)| n.start - h.1);
        let suffix_gap = suffix.map(|(_, h)| h.0 - num_end);
        let choice = match (prefix_gap, suffix_gap) {
            (Some(p), Some(s)) if s < p => suffix,
            (Some(_), _) => prefix,
            (None, Some(_)) => suffix,
            (None, None) => None,
        };
        // A number inside a word (SAVE10, 10x) is money only when the
        // currency form itself is what touches it.
        let left_explained = !n.glued_left || prefix.is_some_and(|(_, h)| h.1 == n.start);
        let right_explained =
            !n.glued_right || num_end > n.end || suffix.is_some_and(|(_, h)| h.0 == num_end);
        if !left_explained || !right_explained {
            continue;
        }
        match choice {
            Some((i, h)) => {
                used[i] = true;
                let (start, end) = (h.0.min(n.start), h.1.max(num_end));
                out.push(MoneyMention {
                    start,
                    end,
                    amount,
                    currency: None,
                    ambiguous: false,
                    reading: Some(h.2.clone()),
                    form: folded[h.0..h.1].to_string(),
                });
            }
            None if bare => out.push(MoneyMention {
                start: n.start,
                end: num_end,
                amount,
                currency: None,
                ambiguous: false,
                reading: None,
                form: String::new(),
            }),
            None => {}
        }
    }
    if bare && out.iter().any(|m| m.reading.is_some()) {
        out.retain(|m| m.reading.is_some());
    }
    out
}

/// A multiplier word right after the number ("1.5 million", "10k", "5 mil").
fn apply_multiplier(
    lex: &Lexicon,
    folded: &str,
    langs: Option<&[usize]>,
    n: &NumberToken,
) -> (Decimal, usize) {
    let rest = &folded[n.end..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    if skip > 1 {
        return (n.value, n.end);
    }
    let from = n.end + skip;
    let window = crate::text::window(folded, from, 16);
    if let Some(h) = lex.multipliers.find(window, langs).find(|h| h.start == 0) {
        // A lone letter multiplier (k, m) must touch the number.
        if window[..h.end].len() > 2 || skip == 0 {
            return (n.value * Decimal::from(*h.value), from + h.end);
        }
    }
    (n.value, n.end)
}

/// Resolves the currency of every mention: unambiguous forms as written;
/// ambiguous ones from the page's explicit currencies, then its stated
/// region, then the language default, then the most likely reading — the last
/// two mark the mention `ambiguous`.
pub fn resolve(lex: &Lexicon, mentions: &mut [MoneyMention], ctx: &CurrencyContext) {
    let mut explicit = ctx.page_currencies.clone();
    for m in mentions.iter() {
        if let Some(CurrencyReading::Code(c)) = &m.reading {
            explicit.insert(c.clone());
        }
    }
    for m in mentions.iter_mut() {
        match &m.reading {
            None => {}
            Some(CurrencyReading::Code(c)) => m.currency = Some(c.clone()),
            Some(CurrencyReading::Ambiguous(cands)) => {
                let (code, guessed) = resolve_ambiguous(lex, cands, &m.form, &explicit, ctx);
                m.currency = Some(code);
                m.ambiguous = guessed;
            }
        }
    }
}

fn resolve_ambiguous(
    lex: &Lexicon,
    cands: &[String],
    form: &str,
    explicit: &BTreeSet<String>,
    ctx: &CurrencyContext,
) -> (String, bool) {
    if let Some(c) = cands.iter().find(|c| explicit.contains(*c)) {
        return (c.clone(), false);
    }
    if let Some(region) = &ctx.region {
        if let Some(c) = lex
            .country_currency
            .get(region)
            .filter(|c| cands.contains(c))
        {
            return (c.clone(), false);
        }
    }
    if let Some(lang) = ctx.language.and_then(|l| lex.languages.get(l)) {
        if let Some(c) = lang.default_currencies.get(form) {
            return (c.clone(), true);
        }
        if let Some(region) = &lang.default_region {
            if let Some(c) = lex
                .country_currency
                .get(region)
                .filter(|c| cands.contains(c))
            {
                return (c.clone(), true);
            }
        }
    }
    (cands[0].clone(), true)
}
