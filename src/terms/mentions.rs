//! Everything the term rules look at, found once per page: money, percents,
//! dates, counts and cue phrases in the folded text, and the clauses they
//! sit in. Term rules only read this index.

use crate::date::{find_dates, DateMention};
use crate::lexicon::{Cue, CueKind, CurrencyReading, Lexicon};
use crate::money::number::{find_numbers, NumberToken};
use crate::money::{find_money, resolve, CurrencyContext, MoneyMention};
use crate::text::Folded;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A percentage: `20%`, `20 %`, `%20`.
#[derive(Debug, Clone)]
pub struct Percent {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
}

/// A count written in digits or words (`500`, `one`, `once`).
#[derive(Debug, Clone)]
pub struct Count {
    pub start: usize,
    pub end: usize,
    pub value: u64,
}

/// A cue phrase found in the text.
#[derive(Debug, Clone, Copy)]
pub struct CueHit<'a> {
    pub start: usize,
    pub end: usize,
    pub cue: &'a Cue,
}

/// The mention index of one page.
pub struct Mentions<'a> {
    pub folded: Folded,
    pub money: Vec<MoneyMention>,
    pub percents: Vec<Percent>,
    pub dates: Vec<DateMention>,
    pub counts: Vec<Count>,
    pub cues: Vec<CueHit<'a>>,
    /// Clause boundaries: sorted byte ranges that split the text into clauses.
    pub clauses: Vec<(usize, usize)>,
    /// The longest cue found, in bytes (bounds the backward window of
    /// [`Mentions::cues_ending_near`]).
    max_cue_len: usize,
}

/// The items of a list sorted by start whose start lies in `range`
/// (half-open): two binary searches, so range queries stay cheap on pages
/// with thousands of mentions.
fn starting_in<T>(items: &[T], start: impl Fn(&T) -> usize, range: (usize, usize)) -> &[T] {
    let a = items.partition_point(|x| start(x) < range.0);
    let b = items.partition_point(|x| start(x) < range.1).max(a);
    &items[a..b]
}

/// For each span of `inner`, whether it overlaps a span of `outer` (sorted
/// by start): a binary search each, within the longest outer span's reach.
fn overlap_mask(inner: &[(usize, usize)], outer: &[(usize, usize)]) -> Vec<bool> {
    let reach = outer.iter().map(|o| o.1 - o.0).max().unwrap_or(0);
    inner
        .iter()
        .map(|&(s, e)| {
            starting_in(outer, |o| o.0, (s.saturating_sub(reach), e))
                .iter()
                .any(|o| overlaps((s, e), *o))
        })
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

impl<'a> Mentions<'a> {
    pub fn build(
        lex: &'a Lexicon,
        text: &str,
        lang: usize,
        as_of: NaiveDate,
        ctx: &CurrencyContext,
    ) -> Mentions<'a> {
        let folded = Folded::new(text);
        let f = folded.text.as_str();
        let langs = [lang];
        let language = &lex.languages[lang];
        let mut money = find_money(lex, f, Some(&langs), language.decimal, false);
        // A currency name several countries share, on a page whose tag
        // states no country: the country its text names most decides.
        let shared = |x: &MoneyMention| matches!(x.reading, Some(CurrencyReading::Ambiguous(_)));
        let named;
        let ctx = if ctx.region.is_none() && ctx.named_region.is_none() && money.iter().any(shared)
        {
            named = CurrencyContext {
                named_region: named_region(lex, lang, f),
                ..ctx.clone()
            };
            &named
        } else {
            ctx
        };
        resolve(lex, &mut money, ctx);
        money.sort_by_key(|x| x.start);
        // Numbers and spelled numbers, read once for percents and counts.
        let numbers = find_numbers(f, language.decimal);
        let spelled: Vec<(usize, usize, u64)> = lex
            .number_words
            .find(f, Some(&langs))
            .map(|h| (h.start, h.end, *h.value))
            .collect();
        let mut percents = find_percents(f, &numbers);
        percents.extend(word_percents(
            &language.percent_words,
            f,
            &numbers,
            &spelled,
        ));
        percents.sort_by_key(|p| p.start);
        percents.dedup_by_key(|p| p.start);
        let mut dates = find_dates(lex, f, as_of, language.date_order, Some(&langs));
        dates.sort_by_key(|d| d.start);
        let mut taken: Vec<(usize, usize)> = money
            .iter()
            .map(|m| (m.start, m.end))
            .chain(percents.iter().map(|p| (p.start, p.end)))
            .collect();
        taken.sort_unstable();
        let spans: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
        let mut hit = overlap_mask(&spans, &taken).into_iter();
        dates.retain(|_| !hit.next().unwrap_or(false));
        taken.extend(dates.iter().map(|d| (d.start, d.end)));
        taken.sort_unstable();
        let numbers: Vec<_> = numbers
            .into_iter()
            .filter(|n| !n.glued_left && !n.fractional)
            .collect();
        let spans: Vec<(usize, usize)> = numbers.iter().map(|n| (n.start, n.end)).collect();
        let free = overlap_mask(&spans, &taken);
        let mut counts: Vec<Count> = numbers
            .into_iter()
            .zip(free)
            .filter(|(_, taken)| !taken)
            .map(|(n, _)| n)
            .filter_map(|n| {
                Some(Count {
                    start: n.start,
                    end: n.end,
                    value: u64::try_from(n.value.trunc().mantissa()).ok()?,
                })
            })
            .collect();
        counts.extend(
            spelled
                .iter()
                .map(|&(start, end, value)| Count { start, end, value }),
        );
        counts.sort_by_key(|c| c.start);
        let cues: Vec<CueHit> = lex
            .cues
            .find_glued(f, Some(&langs), &lex.languages[lang].glued_prefixes)
            .map(|h| CueHit {
                start: h.start,
                end: h.end,
                cue: h.value,
            })
            .collect();
        let max_cue_len = cues.iter().map(|c| c.end - c.start).max().unwrap_or(0);
        let clauses = split_clauses(text, f);
        Mentions {
            folded,
            money,
            percents,
            dates,
            counts,
            cues,
            clauses,
            max_cue_len,
        }
    }

    /// Cues that start in `range`, in text order.
    pub fn cues_starting_in(&self, range: (usize, usize)) -> &[CueHit<'a>] {
        starting_in(&self.cues, |c| c.start, range)
    }

    /// Cues lying wholly in `range`.
    pub fn cues_within(&self, range: (usize, usize)) -> impl Iterator<Item = &CueHit<'a>> {
        self.cues_starting_in(range)
            .iter()
            .filter(move |c| c.end <= range.1)
    }

    /// Cues that end at most `gap` bytes before `at`.
    pub fn cues_ending_near(&self, at: usize, gap: usize) -> impl Iterator<Item = &CueHit<'a>> {
        let from = at.saturating_sub(gap + self.max_cue_len);
        self.cues_starting_in((from, at))
            .iter()
            .filter(move |c| c.end <= at && at - c.end <= gap)
    }

    /// Money mentions that start in `range`.
    pub fn money_starting_in(&self, range: (usize, usize)) -> &[MoneyMention] {
        starting_in(&self.money, |x| x.start, range)
    }

    /// Money mentions lying wholly in `range`.
    pub fn money_within(&self, range: (usize, usize)) -> impl Iterator<Item = &MoneyMention> {
        self.money_starting_in(range)
            .iter()
            .filter(move |x| x.end <= range.1)
    }

    /// Percents that start in `range`.
    pub fn percents_starting_in(&self, range: (usize, usize)) -> &[Percent] {
        starting_in(&self.percents, |x| x.start, range)
    }

    /// Percents lying wholly in `range`.
    pub fn percents_within(&self, range: (usize, usize)) -> impl Iterator<Item = &Percent> {
        self.percents_starting_in(range)
            .iter()
            .filter(move |x| x.end <= range.1)
    }

    /// Dates that start in `range`.
    pub fn dates_starting_in(&self, range: (usize, usize)) -> &[DateMention] {
        starting_in(&self.dates, |d| d.start, range)
    }

    /// The range states a value: money or a percent within it, or a date
    /// starting in it.
    pub fn states_value(&self, range: (usize, usize)) -> bool {
        self.money_within(range).next().is_some()
            || self.percents_within(range).next().is_some()
            || !self.dates_starting_in(range).is_empty()
    }

    /// Counts that start in `range`.
    pub fn counts_starting_in(&self, range: (usize, usize)) -> &[Count] {
        starting_in(&self.counts, |n| n.start, range)
    }

    /// The folded byte range of a page block.
    pub fn block_range(&self, b: &crate::page::Block) -> (usize, usize) {
        (
            self.folded.from_original(b.start),
            self.folded.from_original(b.end),
        )
    }

    /// The index of the page block that holds folded byte `at`, if any
    /// (the line break between two blocks is in neither).
    pub fn block_index_at(&self, page: &crate::page::Page, at: usize) -> Option<usize> {
        let o = self.folded.to_original(at);
        let i = page.blocks.partition_point(|b| b.end <= o);
        page.blocks.get(i).filter(|b| o >= b.start).map(|_| i)
    }

    /// The clause that holds byte `at`.
    pub fn clause_of(&self, at: usize) -> (usize, usize) {
        let i = self.clauses.partition_point(|c| c.1 <= at);
        self.clauses.get(i).copied().unwrap_or((at, at))
    }

    /// Cues of a kind within a byte range.
    pub fn cues_in(
        &self,
        kind: CueKind,
        range: (usize, usize),
    ) -> impl Iterator<Item = &CueHit<'a>> {
        self.cues_within(range).filter(move |c| c.cue.kind == kind)
    }

    /// The pieces of folded text in `range` that none of `spans` covers
    /// ("10 % off" without its percent is " off").
    pub fn uncovered(&self, range: (usize, usize), mut spans: Vec<(usize, usize)>) -> Vec<&str> {
        spans.sort_unstable();
        let mut out = Vec::new();
        let mut at = range.0;
        for (s, e) in spans.into_iter().chain([(range.1, range.1)]) {
            if s > at {
                out.push(&self.folded.text[at..s.min(range.1)]);
            }
            at = at.max(e);
        }
        out
    }

    /// The folded text between two offsets has only spaces and light punctuation.
    pub fn gap_is_light(&self, from: usize, to: usize, max: usize) -> bool {
        if from > to {
            return false;
        }
        let g = &self.folded.text[from..to];
        g.len() <= max
            && g.chars().all(|c| {
                matches!(
                    c,
                    ' ' | ':' | '-' | '(' | ')' | '*' | ',' | '"' | '\'' | '«' | '»' | '“' | '”'
                )
            })
    }
}

/// Percentages written with a word: a number, in digits or words, then
/// the language's word for percent ("20 Prozent", "zwanzig Prozent",
/// "15 por ciento").
fn word_percents(
    words: &[String],
    f: &str,
    numbers: &[NumberToken],
    spelled: &[(usize, usize, u64)],
) -> Vec<Percent> {
    if words.is_empty() {
        return Vec::new();
    }
    let followed = |end: usize| -> Option<usize> {
        let rest = f.get(end..)?.strip_prefix(' ')?;
        words.iter().find_map(|w| {
            let after = rest.strip_prefix(w.as_str())?;
            let boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            boundary.then(|| end + 1 + w.len())
        })
    };
    let digits = numbers
        .iter()
        .filter(|n| !n.glued_left)
        .map(|n| (n.start, n.end, n.value));
    let spelled = spelled
        .iter()
        .map(|&(start, end, v)| (start, end, Decimal::from(v)));
    digits
        .chain(spelled)
        .filter(|(_, _, v)| *v > Decimal::ZERO && *v <= Decimal::from(100))
        .filter_map(|(start, end, value)| followed(end).map(|end| Percent { start, end, value }))
        .collect()
}

/// Percentages: a number followed by `%` (or preceded by it, `%20`).
fn find_percents(f: &str, numbers: &[NumberToken]) -> Vec<Percent> {
    let b = f.as_bytes();
    let mut out = Vec::new();
    for n in numbers {
        let mut e = n.end;
        if b.get(e) == Some(&b' ') {
            e += 1;
        }
        if b.get(e) == Some(&b'%') || f[e..].starts_with('٪') {
            let end = e + if b.get(e) == Some(&b'%') {
                1
            } else {
                '٪'.len_utf8()
            };
            if n.value <= Decimal::from(100) {
                out.push(Percent {
                    start: n.start,
                    end,
                    value: n.value,
                });
            }
            continue;
        }
        if n.start > 0 && (b[n.start - 1] == b'%' || f[..n.start].ends_with('٪')) {
            let start = if b[n.start - 1] == b'%' {
                n.start - 1
            } else {
                n.start - '٪'.len_utf8()
            };
            if n.value <= Decimal::from(100) {
                out.push(Percent {
                    start,
                    end: n.end,
                    value: n.value,
                });
            }
        }
    }
    out
}

/// Lowercase abbreviations that a capitalized word may follow in a clause.
const ABBREVIATIONS: &[&str] = &[
    "min", "max", "ca", "inkl", "exkl", "incl", "excl", "zzgl", "ggf", "bzw", "nr", "no", "vs",
    "etc", "mín", "máx", "mind", "ab", "esp", "ex", "es", "tel", "macc", "прим", "мин", "макс",
    "руб", "тыс", "млн", "ул", "см", "ок", "г", "ed", "art", "abs", "vgl", "sog", "usw", "dr",
    "st", "av",
];

/// The country a folded text names most often, if one leads ("livraison
/// dans toutes les villes du Maroc", "بتوقيت المغرب").
fn named_region(lex: &Lexicon, li: usize, folded: &str) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&String, usize> = std::collections::BTreeMap::new();
    for h in lex.countries.find(folded, Some(&[li])) {
        *counts.entry(h.value).or_default() += 1;
    }
    let mut ranked: Vec<(&String, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    match ranked.as_slice() {
        [(top, n), rest @ ..] if rest.first().is_none_or(|(_, m)| m < n) => Some((*top).clone()),
        _ => None,
    }
}

/// Splits text into clauses: lines, then `;`, `!`, `?`, `•`, `·`, `|`, `؛`,
/// and `. ` before a capital letter or a digit, unless the dot ends an
/// abbreviation (`min. Spend`, `Jan. 5`, `z. B.`).
fn split_clauses(original: &str, f: &str) -> Vec<(usize, usize)> {
    let orig: Vec<char> = original.chars().collect();
    let folded: Vec<(usize, char)> = f.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (ci, &(b, c)) in folded.iter().enumerate() {
        let cut = match c {
            '\n' | ';' | '!' | '?' | '|' | '•' | '·' | '؛' => true,
            '.' => {
                let next_space = orig.get(ci + 1) == Some(&' ');
                let next = orig.get(ci + 2).copied();
                let opens = next.is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || !n.is_lowercase() && n.is_alphabetic()
                });
                let word: Vec<char> = orig[..ci]
                    .iter()
                    .rev()
                    .take_while(|ch| ch.is_alphabetic())
                    .copied()
                    .collect();
                let w: String = word.iter().rev().collect();
                let short =
                    !word.is_empty() && word.len() <= 4 && word.iter().all(|ch| ch.is_lowercase());
                // "Jan. 5", "min. 50 €" before a digit; "min. Spend", "z. B."
                // before a capital only for the usual abbreviations.
                let abbreviation = short
                    && (next.is_some_and(|n| n.is_ascii_digit())
                        || ABBREVIATIONS.contains(&w.as_str())
                        || word.len() == 1);

                next_space && opens && !abbreviation
            }
            _ => false,
        };
        if cut {
            if b > start {
                out.push((start, b));
            }
            start = b + c.len_utf8();
        }
    }
    if start < f.len() {
        out.push((start, f.len()));
    }
    out
}
