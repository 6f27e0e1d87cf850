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
pub mod words;

use crate::lexicon::{CurrencyReading, DateWord, Lexicon};
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
    /// The country the page's text names most ("داخل المغرب"): weaker than
    /// `region`, stronger than the language's default.
    pub named_region: Option<String>,
    /// The page language's index, for its defaults.
    pub language: Option<usize>,
}

/// Max spaces between a currency form and its number.
const MAX_GAP: usize = 2;

/// A currency form found in the text.
#[derive(Debug, Clone)]
struct Form {
    start: usize,
    end: usize,
    reading: CurrencyReading,
    /// How many of this form make one unit: 100 for "cents", else 1.
    per: u32,
    /// A factor the form itself states ("MUSD" is a million dollars).
    scale: u64,
}

impl Form {
    fn plain(&self) -> bool {
        self.per == 1 && self.scale == 1
    }
}

fn spaces_only(s: &str) -> bool {
    s.len() <= MAX_GAP && s.bytes().all(|b| b == b' ')
}

/// Between a currency written first and its number: spaces, or a colon
/// ("US$:12.99").
fn prefix_gap_ok(s: &str) -> bool {
    spaces_only(s) || matches!(s, ":" | ": ")
}

/// Between a number and the currency after it: spaces, or one hyphen before
/// a written name ("a 10-euro voucher", "12-cent").
fn suffix_gap_ok(s: &str, form_text: &str) -> bool {
    spaces_only(s) || (s == "-" && form_text.starts_with(char::is_alphabetic))
}

fn skip_spaces(s: &[u8], mut i: usize, max: usize) -> usize {
    let from = i;
    while i < s.len() && s[i] == b' ' && i - from < max {
        i += 1;
    }
    i
}

/// The languages and data a search uses.
struct Ctx<'a> {
    lex: &'a Lexicon,
    langs: Option<&'a [usize]>,
    folded: &'a str,
}

/// Finds money mentions: numbers paired with an adjacent currency form.
/// With `bare`, numbers without any currency are reported too (currency
/// null) when the text has no currency-bearing mention at all.
///
/// Beyond "number + form", it reads multipliers with or without a joiner
/// ("1,5 milhão de reais", "75 USD million"), cents after the amount ("15
/// dollars and 50 cents", "35€ 99"), subunits ("50 cents" is 0.50), "MUSD"
/// (millions), a code beside an ambiguous symbol ("NZD $100", "$1,190 AUD"),
/// and a range's first number that shares the currency of its end
/// ("26 to 50 €").
pub fn find_money(
    lex: &Lexicon,
    folded: &str,
    langs: Option<&[usize]>,
    decimal: char,
    bare: bool,
) -> Vec<MoneyMention> {
    let mut numbers = find_numbers(folded, decimal);
    let cx = Ctx { lex, langs, folded };
    let forms = collect_forms(&cx, &numbers);
    if forms.is_empty() && (numbers.is_empty() || !bare) {
        return Vec::new();
    }
    merge_spaced_decimals(folded, &mut numbers, &forms);
    let is_word = add_word_numbers(&cx, &mut numbers, &forms);
    let s = folded.as_bytes();
    let mut used = vec![false; forms.len()];
    let mut consumed = vec![false; numbers.len()];
    // (mention, index of its number, whether its currency stands after it)
    let mut out: Vec<(MoneyMention, usize, bool)> = Vec::new();
    for ni in 0..numbers.len() {
        if consumed[ni] {
            continue;
        }
        let n = &numbers[ni];
        let word = is_word[ni];
        let (mut amount, num_end, multiplied) = apply_multiplier(&cx, n);
        let tail = if multiplied {
            skip_joiner(&cx, num_end)
        } else {
            num_end
        };
        let first_after = forms.partition_point(|f| f.start < tail);
        let prefix = forms[..forms.partition_point(|f| f.start < n.start)]
            .iter()
            .enumerate()
            .rev()
            .take(3)
            .find(|(i, f)| !used[*i] && f.end <= n.start && prefix_gap_ok(&folded[f.end..n.start]))
            .map(|(i, _)| i);
        // A form glued to the next number is that number's ("3 USD50").
        let next_start = numbers.get(ni + 1).map(|m| m.start);
        let suffix = (first_after..forms.len().min(first_after + 3)).find(|&i| {
            !used[i]
                && suffix_gap_ok(
                    &folded[tail..forms[i].start],
                    &folded[forms[i].start..forms[i].end],
                )
                && !(forms[i].start > tail && Some(forms[i].end) == next_start)
        });
        let prefix_gap = prefix.map(|i| n.start - forms[i].end);
        let suffix_gap = suffix.map(|i| forms[i].start - tail);
        let mut choice = match (prefix_gap, suffix_gap) {
            (Some(p), Some(s)) if s < p => suffix,
            (Some(_), _) => prefix,
            (None, Some(_)) => suffix,
            (None, None) => None,
        };
        // "$1,190.00 AUD": the code after settles the symbol before.
        let mut span_start = None;
        if let (Some(p), Some(q)) = (prefix, suffix) {
            if let (CurrencyReading::Ambiguous(c), CurrencyReading::Code(code)) =
                (&forms[p].reading, &forms[q].reading)
            {
                if c.contains(code) && forms[p].plain() && forms[q].plain() {
                    used[p] = true;
                    span_start = Some(forms[p].start);
                    choice = suffix;
                }
            }
        }
        // A number inside a word (SAVE10, 10x) is money only when the
        // currency form itself is what touches it.
        let left_explained = !n.glued_left || prefix.is_some_and(|i| forms[i].end == n.start);
        let right_explained =
            !n.glued_right || num_end > n.end || suffix.is_some_and(|i| forms[i].start == tail);
        if !left_explained || !right_explained {
            continue;
        }
        // A written number with a symbol after it that opens a figure of
        // its own ("one $5 voucher") is not that symbol's amount.
        if word && choice.is_some() && choice == suffix {
            let f = &forms[choice.unwrap_or_default()];
            let k = skip_spaces(s, f.end, 1);
            if numbers
                .iter()
                .zip(&is_word)
                .any(|(m, w)| m.start == k && !w)
            {
                choice = None;
            }
        }
        let Some(fi) = choice else {
            if bare && !word && !percent_after(s, n.end) {
                out.push((
                    MoneyMention {
                        start: n.start,
                        end: num_end,
                        amount,
                        currency: None,
                        ambiguous: false,
                        reading: None,
                        form: String::new(),
                    },
                    ni,
                    false,
                ));
            }
            continue;
        };
        used[fi] = true;
        let f = &forms[fi];
        let after = Some(fi) == suffix;
        let mut end = f.end.max(num_end);
        if f.scale > 1 {
            amount *= Decimal::from(f.scale);
        }
        if f.per > 1 {
            amount /= Decimal::from(f.per);
        }
        if after && f.plain() {
            if multiplied {
                // nothing more: "75 millions de dollars"
            } else if let Some((m, e)) = multiplier_at(&cx, skip_spaces(s, f.end, 1)) {
                // "75 USD million"
                amount *= Decimal::from(m);
                end = e;
            } else if !n.fractional {
                if let Some((cents, e, sub)) =
                    cents_after(&cx, (&numbers, &is_word), ni, f.end, &forms, &used)
                {
                    amount += cents;
                    end = e;
                    consumed[ni + 1] = true;
                    if let Some(si) = sub {
                        used[si] = true;
                    }
                }
            }
        }
        out.push((
            MoneyMention {
                start: span_start.unwrap_or(f.start).min(n.start),
                end,
                amount: amount.normalize(),
                currency: None,
                ambiguous: false,
                reading: Some(f.reading.clone()),
                form: folded[f.start..f.end].to_string(),
            },
            ni,
            after,
        ));
    }
    share_range_currency(&cx, &numbers, &mut out);
    let mut out: Vec<MoneyMention> = out.into_iter().map(|(m, _, _)| m).collect();
    for m in &mut out {
        three_decimal_amount(lex, folded, m);
    }
    if bare && out.iter().any(|m| m.reading.is_some()) {
        out.retain(|m| m.reading.is_some());
    }
    out.sort_by_key(|m| m.start);
    out
}

/// A currency with a three-digit minor unit (KWD, BHD, OMR, JOD) writes
/// "1.500 د.ك" for one and a half: a lone `.` before exactly three digits
/// is its decimal point, not a thousands group.
fn three_decimal_amount(lex: &Lexicon, folded: &str, m: &mut MoneyMention) {
    let Some(CurrencyReading::Code(code)) = &m.reading else {
        return;
    };
    if lex.currency_decimals.get(code) != Some(&3) {
        return;
    }
    let Some(text) = folded.get(m.start..m.end) else {
        return;
    };
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
        .collect();
    let digits = digits.trim_end_matches(['.', ',', ' ']);
    let Some((int, frac)) = digits.split_once('.') else {
        return;
    };
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if plain(int) && int.len() <= 3 && frac.len() == 3 && plain(frac) {
        if let Ok(v) = format!("{int}.{frac}").parse::<Decimal>() {
            m.amount = v.normalize();
        }
    }
}

fn percent_after(s: &[u8], end: usize) -> bool {
    let k = skip_spaces(s, end, 1);
    s.get(k) == Some(&b'%')
}

/// Currency forms of the text: the lexicon's, the subunits of money.toml,
/// and "M" + ISO code ("MUSD") beside a number; an ISO code written beside
/// an ambiguous symbol it settles ("NZD $", "$CAD") becomes one form.
fn collect_forms(cx: &Ctx, numbers: &[NumberToken]) -> Vec<Form> {
    let folded = cx.folded;
    let mut forms: Vec<Form> = Vec::new();
    for h in cx.lex.currencies.find(folded, cx.langs) {
        if forms.last().is_some_and(|l| l.start == h.start) {
            continue; // one reading per span: the first rule wins
        }
        forms.push(Form {
            start: h.start,
            end: h.end,
            reading: h.value.clone(),
            per: 1,
            scale: 1,
        });
    }
    let mut extra = Vec::new();
    for f in cx.lex.subunits.find_all(folded, cx.langs) {
        extra.push(Form {
            start: f.start,
            end: f.end,
            reading: f.value.reading.clone(),
            per: f.value.per,
            scale: 1,
        });
    }
    let s = folded.as_bytes();
    for n in numbers {
        let after = skip_spaces(s, n.end, 1);
        let mut before = n.start;
        if before > 0 && s[before - 1] == b' ' {
            before -= 1;
        }
        for (ws, we) in [word_from(s, after), word_until(s, before)]
            .into_iter()
            .flatten()
        {
            if let Some(code) = million_code(cx, &folded[ws..we]) {
                extra.push(Form {
                    start: ws,
                    end: we,
                    reading: CurrencyReading::Code(code),
                    per: 1,
                    scale: 1_000_000,
                });
            }
        }
    }
    let base = forms.len();
    for e in extra {
        let i = forms[..base].partition_point(|f| f.end <= e.start);
        if forms[..base].get(i).is_none_or(|f| f.start >= e.end) {
            forms.push(e);
        }
    }
    forms.sort_by_key(|f| f.start);
    forms.dedup_by(|b, a| b.start < a.end);
    // "NZD $", "nzd$", "$CAD": one form with the code's reading.
    let mut merged: Vec<Form> = Vec::with_capacity(forms.len());
    for f in forms {
        if let Some(last) = merged.last_mut() {
            let gap = &folded[last.end..f.start];
            if (gap.is_empty() || gap == " ") && last.plain() && f.plain() {
                let code = match (&last.reading, &f.reading) {
                    (CurrencyReading::Code(c), CurrencyReading::Ambiguous(cs))
                    | (CurrencyReading::Ambiguous(cs), CurrencyReading::Code(c))
                        if cs.contains(c) =>
                    {
                        Some(c.clone())
                    }
                    _ => None,
                };
                if let Some(c) = code {
                    last.end = f.end;
                    last.reading = CurrencyReading::Code(c);
                    continue;
                }
            }
        }
        merged.push(f);
    }
    merged
}

/// The index of the form starting exactly at `k`.
fn form_at(forms: &[Form], k: usize) -> Option<usize> {
    let i = forms.partition_point(|f| f.start < k);
    forms.get(i).filter(|f| f.start == k).map(|_| i)
}

/// The ASCII letter run starting at `i` (on a word boundary).
fn word_from(s: &[u8], i: usize) -> Option<(usize, usize)> {
    if i >= s.len() || !s[i].is_ascii_alphabetic() || (i > 0 && s[i - 1].is_ascii_alphabetic()) {
        return None;
    }
    let mut j = i;
    while j < s.len() && s[j].is_ascii_alphabetic() {
        j += 1;
    }
    (j >= s.len() || !(s[j] as char).is_alphanumeric() && s[j] < 0x80).then_some((i, j))
}

/// The ASCII letter run ending at `j`.
fn word_until(s: &[u8], j: usize) -> Option<(usize, usize)> {
    if j == 0 || !s[j - 1].is_ascii_alphabetic() || (j < s.len() && s[j].is_ascii_alphabetic()) {
        return None;
    }
    let mut i = j;
    while i > 0 && s[i - 1].is_ascii_alphabetic() {
        i -= 1;
    }
    (i == 0 || s[i - 1] < 0x80 && !s[i - 1].is_ascii_alphanumeric()).then_some((i, j))
}

/// "musd" → USD: an M for million before an ISO code.
fn million_code(cx: &Ctx, word: &str) -> Option<String> {
    let code = word.strip_prefix('m').filter(|c| c.len() == 3)?;
    // "mars" is March before it is millions of pesos.
    if cx.lex.months.exact(word, None).is_some() {
        return None;
    }
    match cx.lex.currencies.exact(code, None)? {
        CurrencyReading::Code(c) if c.eq_ignore_ascii_case(code) => Some(c.clone()),
        _ => None,
    }
}

/// Numbers written in words next to a currency form ("five million yen",
/// "diez euros", "$ um bilhão", "forty-five cents"), merged into `numbers`
/// in text order. Returns, per number, whether it is written in words.
fn add_word_numbers(cx: &Ctx, numbers: &mut Vec<NumberToken>, forms: &[Form]) -> Vec<bool> {
    let folded = cx.folded;
    let near_form = |a: usize, b: usize| {
        let i = forms.partition_point(|f| f.end + 4 < a);
        forms[i..]
            .iter()
            .take_while(|f| f.start <= b + 48)
            .any(|f| f.end + 4 >= a)
    };
    let mut words: Vec<NumberToken> = Vec::new();
    if !forms.is_empty() {
        let reader = words::WordReader::new(cx.lex, cx.langs);
        let mut next_free = 0;
        // Number words are looked for only around currency forms, in
        // windows merged where they overlap: linear in the text.
        let mut starts: Vec<usize> = Vec::new();
        let mut win_end = 0;
        for f in forms {
            let lo = floor_boundary(folded, f.start.saturating_sub(64)).max(win_end);
            let hi = floor_boundary(folded, (f.end + 48).min(folded.len()));
            if hi <= lo {
                continue;
            }
            starts.extend(
                cx.lex
                    .number_words
                    .find(&folded[lo..hi], cx.langs)
                    .map(|h| (lo + h.start, lo + h.end))
                    .filter(|&(a, _)| {
                        !folded[..a]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphabetic)
                    })
                    .filter(|&(a, b)| near_form(a, b))
                    .map(|(a, _)| a),
            );
            win_end = hi;
        }
        starts.dedup();
        for start in starts {
            if start < next_free {
                continue;
            }
            // Not touching a figure ("10 one").
            let i = numbers.partition_point(|n| n.end < start);
            if numbers.get(i).is_some_and(|n| n.start <= start + 1) {
                continue;
            }
            let Some(c) = reader.chunks_at(folded, start).into_iter().next() else {
                continue;
            };
            next_free = c.end;
            if c.ordinal || c.value == 0 {
                continue;
            }
            words.push(NumberToken {
                start: c.start,
                end: c.end,
                value: Decimal::from(c.value),
                fractional: false,
                glued_left: false,
                glued_right: false,
            });
        }
    }
    let mut flagged: Vec<(NumberToken, bool)> = numbers
        .drain(..)
        .map(|n| (n, false))
        .chain(words.into_iter().map(|w| (w, true)))
        .collect();
    flagged.sort_by_key(|(n, _)| n.start);
    let flags = flagged.iter().map(|(_, w)| *w).collect();
    numbers.extend(flagged.into_iter().map(|(n, _)| n));
    flags
}

/// The nearest char boundary at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "1.837, 32 €", "$119. 95": a decimal separator followed by a space,
/// read as one amount when a currency stands right beside it.
fn merge_spaced_decimals(folded: &str, numbers: &mut Vec<NumberToken>, forms: &[Form]) {
    let s = folded.as_bytes();
    let mut i = 0;
    while i + 1 < numbers.len() {
        let (a, b) = (&numbers[i], &numbers[i + 1]);
        let joined = !a.fractional
            && !b.fractional
            && a.end + 2 == b.start
            && matches!(s[a.end], b'.' | b',')
            && s[a.end + 1] == b' '
            && b.end - b.start == 2
            && !b.glued_right;
        if joined {
            let k = skip_spaces(s, b.end, MAX_GAP);
            let form_after = form_at(forms, k).is_some() && k >= b.end;
            let before = forms.partition_point(|f| f.end <= a.start);
            let form_before = before > 0 && prefix_gap_ok(&folded[forms[before - 1].end..a.start]);
            let ends = folded[b.end..].trim().is_empty();
            if form_after || (form_before && ends) {
                let cents = Decimal::new(
                    i64::from(s[b.start] - b'0') * 10 + i64::from(s[b.start + 1] - b'0'),
                    2,
                );
                let merged = NumberToken {
                    start: a.start,
                    end: b.end,
                    value: (a.value + cents).normalize(),
                    fractional: true,
                    glued_left: a.glued_left,
                    glued_right: false,
                };
                numbers[i] = merged;
                numbers.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// A multiplier word starting at `k` of more than a letter ("million",
/// "millones", "Mio."): (factor, end).
fn multiplier_at(cx: &Ctx, k: usize) -> Option<(u64, usize)> {
    let window = crate::text::window(cx.folded, k, 24);
    let h = cx
        .lex
        .multipliers
        .find(window, cx.langs)
        .find(|h| h.start == 0)?;
    (window[..h.end].chars().count() > 1).then_some((*h.value, k + h.end))
}

/// A multiplier word right after the number ("1.5 million", "10k", "5 mil"):
/// the amount, where the number ends, and whether a multiplier was read.
fn apply_multiplier(cx: &Ctx, n: &NumberToken) -> (Decimal, usize, bool) {
    let folded = cx.folded;
    let rest = &folded[n.end..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    if skip > 1 {
        return (n.value, n.end, false);
    }
    let from = n.end + skip;
    let window = crate::text::window(folded, from, 24);
    if let Some(h) = cx
        .lex
        .multipliers
        .find(window, cx.langs)
        .find(|h| h.start == 0)
    {
        // A lone letter multiplier (k, m) must touch the number.
        if window[..h.end].len() > 2 || skip == 0 {
            return (n.value * Decimal::from(*h.value), from + h.end, true);
        }
    }
    (n.value, n.end, false)
}

/// After a multiplier: the joiner before the currency ("de", "d'", "di"),
/// if any, and the spaces around it.
fn skip_joiner(cx: &Ctx, end: usize) -> usize {
    let s = cx.folded.as_bytes();
    let k = skip_spaces(s, end, 1);
    if k == end {
        return end;
    }
    match cx.lex.multiplier_joiners.at(cx.folded, k, cx.langs) {
        Some(j) => skip_spaces(s, j.end, 1),
        None => cx
            .lex
            .multiplier_joiners
            .at_glued(cx.folded, k, cx.langs)
            .filter(|j| cx.folded[j.start..j.end].ends_with('\''))
            .map(|j| j.end)
            .unwrap_or(end),
    }
}

/// Cents written after "amount + currency": "15 dollars and 50 cents",
/// "15 dolares con 50", "17 USD 25", "35€ 99". Returns the cents as a
/// fraction, where they end, and the subunit form used, if any.
fn cents_after(
    cx: &Ctx,
    (numbers, is_word): (&[NumberToken], &[bool]),
    ni: usize,
    form_end: usize,
    forms: &[Form],
    used: &[bool],
) -> Option<(Decimal, usize, Option<usize>)> {
    let s = cx.folded.as_bytes();
    let n2 = numbers.get(ni + 1)?;
    let mut k = skip_spaces(s, form_end, 1);
    if k == form_end {
        // A connector written glued ("و"), or nothing.
        match cx.lex.cents_connectors.at_glued(cx.folded, k, cx.langs) {
            Some(c) if *c.value => k = c.end,
            _ => return None,
        }
    } else if let Some(c) = cx.lex.cents_connectors.at(cx.folded, k, cx.langs) {
        let k2 = skip_spaces(s, c.end, 1);
        if k2 == c.end {
            return None;
        }
        k = k2;
    } else if let Some(c) = cx
        .lex
        .cents_connectors
        .at_glued(cx.folded, k, cx.langs)
        .filter(|c| *c.value)
    {
        k = c.end;
    }
    let word = is_word.get(ni + 1).copied().unwrap_or(false);
    let value = i64::try_from(n2.value.trunc().mantissa()).ok()?;
    // Digits count for figures, the value for written numbers.
    let digits = if word {
        if value >= 10 {
            2
        } else {
            1
        }
    } else {
        n2.end - n2.start
    };
    if n2.start != k || n2.fractional || n2.glued_left || digits > 2 || value >= 100 {
        return None;
    }
    let q = skip_spaces(s, n2.end, 1);
    let sub = form_at(forms, q).filter(|&i| forms[i].per > 1 && !used[i]);
    if let Some(si) = sub {
        let per = i64::from(forms[si].per);
        if value >= per {
            return None;
        }
        return Some((
            Decimal::new(value, 0) / Decimal::new(per, 0),
            forms[si].end,
            Some(si),
        ));
    }
    // Without a subunit: exactly two digits, and nothing after them that
    // makes them a quantity of their own ("10 € 20 €", "5 € 10 %", "10 € 20k").
    if digits != 2 || n2.glued_right {
        return None;
    }
    // ... and they end the phrase: "15 dollars 50.", "35€ 99", but not
    // "5 € 30 Tage lang".
    let clean = match s.get(n2.end) {
        None => true,
        Some(b'.' | b',' | b';' | b'!' | b'?' | b')') => {
            !s.get(n2.end + 1).is_some_and(u8::is_ascii_digit)
        }
        Some(b' ') => {
            let k = skip_spaces(s, n2.end, usize::MAX);
            k >= s.len() || matches!(s[k], b'.' | b',' | b';' | b'!' | b'?' | b')' | b'(' | b'-')
        }
        _ => false,
    };
    if !clean {
        return None;
    }
    if form_at(forms, q).is_some()
        || s.get(q).is_some_and(|c| c.is_ascii_digit() || *c == b'%')
        || multiplier_at(cx, q).is_some()
        || cx
            .lex
            .multipliers
            .find(crate::text::window(cx.folded, q, 4), cx.langs)
            .any(|h| h.start == 0)
    {
        return None;
    }
    Some((Decimal::new(value, 2), n2.end, None))
}

/// "26 to 50 €", "10-20 €", "$10-20": a bare number joined to a money
/// mention by a range word takes its currency.
fn share_range_currency(
    cx: &Ctx,
    numbers: &[NumberToken],
    out: &mut Vec<(MoneyMention, usize, bool)>,
) {
    let s = cx.folded.as_bytes();
    let joined = |from: usize, to: usize| -> bool {
        if from > to || to - from > 8 {
            return false;
        }
        let gap = cx.folded[from..to].trim();
        if gap == "-" {
            return true;
        }
        if gap.is_empty() || cx.lex.number_connectors.at(gap, 0, cx.langs).is_some() {
            return false;
        }
        cx.lex
            .date_words
            .find(gap, cx.langs)
            .any(|h| h.start == 0 && h.end == gap.len() && *h.value == DateWord::RangeTo)
    };
    // Spans of the mentions with a currency, in text order.
    let mut taken: Vec<(usize, usize)> = out
        .iter()
        .filter(|(o, _, _)| o.reading.is_some())
        .map(|(o, _, _)| (o.start, o.end))
        .collect();
    taken.sort_unstable();
    let is_free = |a: usize, b: usize| {
        let i = taken.partition_point(|t| t.1 <= a);
        taken.get(i).is_none_or(|t| t.0 >= b)
    };
    let mut added = Vec::new();
    for (m, ni, after) in out.iter() {
        if m.reading.is_none() {
            continue;
        }
        // The number before a mention whose currency stands after it.
        if *after && *ni > 0 {
            let p = &numbers[*ni - 1];
            let free = is_free(p.start, p.end);
            let similar = p.value <= m.amount && p.value * Decimal::from(100) >= m.amount;
            if free && similar && !p.glued_left && joined(p.end, numbers[*ni].start) {
                added.push((p.start, p.end, p.value, m));
            }
        }
        // The number after a mention whose currency stands before it.
        if !*after {
            if let Some(q) = numbers.get(*ni + 1) {
                let free = is_free(q.start, q.end);
                let similar = q.value >= m.amount && q.value <= m.amount * Decimal::from(100);
                if free
                    && similar
                    && !q.glued_right
                    && joined(m.end, q.start)
                    && !percent_after(s, q.end)
                {
                    added.push((q.start, q.end, q.value, m));
                }
            }
        }
    }
    let new: Vec<MoneyMention> = added
        .into_iter()
        .map(|(start, end, value, m)| MoneyMention {
            start,
            end,
            amount: value,
            currency: None,
            ambiguous: false,
            reading: m.reading.clone(),
            form: m.form.clone(),
        })
        .collect();
    for m in new {
        out.retain(|(o, _, _)| !(o.reading.is_none() && o.start < m.end && m.start < o.end));
        out.push((m, usize::MAX, false));
    }
}

/// Resolves the currency of every mention: unambiguous forms as written;
/// ambiguous ones from the page's explicit currencies, then its stated
/// region, then the country its text names most, then the language default,
/// then the most likely reading — the last three mark the mention
/// `ambiguous`.
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
    for (region, guessed) in [(&ctx.region, false), (&ctx.named_region, true)] {
        if let Some(c) = region
            .as_ref()
            .and_then(|r| lex.country_currency.get(r))
            .filter(|c| cands.contains(c))
        {
            return (c.clone(), guessed);
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
