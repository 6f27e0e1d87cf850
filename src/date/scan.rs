//! Finds the calendar part of date mentions: month-name dates, numeric and
//! ISO dates, and links ranges. Times and zones are read by `time.rs`.

use crate::lexicon::{DateOrder, DateWord, Lexicon};
use chrono::{NaiveDate, NaiveTime};
use regex::Regex;
use std::sync::OnceLock;

/// The calendar part of a date mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate {
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub ambiguous: bool,
    pub range_start: bool,
    /// A time and offset written inside an ISO date-time (`T23:59:59+08:00`).
    pub iso_time: Option<(NaiveTime, Option<String>)>,
}

fn numeric_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([0-9]{1,4})([./-])([0-9]{1,2})(?:([./-])([0-9]{2,4}))?(\.)?(?:[t ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)?(z|[+-][0-9]{2}:?[0-9]{2})?)?")
            .expect("static regex")
    })
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// Date words starting exactly at `i`.
fn word_at(words: &[(usize, usize, DateWord)], i: usize, kinds: &[DateWord]) -> Option<usize> {
    words
        .iter()
        .filter(|w| w.0 == i && kinds.contains(&w.2))
        .map(|w| w.1)
        .max()
}

/// Date words ending exactly at `i`.
fn word_ending(words: &[(usize, usize, DateWord)], i: usize, kinds: &[DateWord]) -> Option<usize> {
    words
        .iter()
        .filter(|w| w.1 == i && kinds.contains(&w.2))
        .map(|w| w.0)
        .min()
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && s[i] == b' ' {
        i += 1;
    }
    i
}

fn skip_spaces_back(s: &[u8], mut i: usize) -> usize {
    while i > 0 && s[i - 1] == b' ' {
        i -= 1;
    }
    i
}

/// 1–2 digits at `i` standing alone: (value, end).
fn day_at(s: &[u8], i: usize) -> Option<(u32, usize)> {
    if i > 0 && s[i - 1].is_ascii_digit() {
        return None;
    }
    let mut j = i;
    while j < s.len() && s[j].is_ascii_digit() && j - i < 3 {
        j += 1;
    }
    if j == i || j - i > 2 || (j < s.len() && s[j].is_ascii_digit()) {
        return None;
    }
    let v: u32 = std::str::from_utf8(&s[i..j]).ok()?.parse().ok()?;
    (1..=31).contains(&v).then_some((v, j))
}

/// 1–2 digits ending at `i` standing alone: (value, start).
fn day_ending(s: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j > 0 && s[j - 1].is_ascii_digit() && i - j < 3 {
        j -= 1;
    }
    if j == i || i - j > 2 {
        return None;
    }
    if j > 0 && (s[j - 1].is_ascii_digit() || s[j - 1].is_ascii_alphabetic()) {
        return None;
    }
    // "1.5 May" or "3,31 May": a decimal, not a day.
    if j >= 2 && matches!(s[j - 1], b'.' | b',') && s[j - 2].is_ascii_digit() {
        return None;
    }
    day_at(s, j).map(|(v, _)| (v, j))
}

/// A 4-digit year at `i` (1900–2100): (year, end).
fn year_at(s: &[u8], i: usize) -> Option<(i32, usize)> {
    if i + 4 > s.len() || !s[i..i + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if i + 4 < s.len() && s[i + 4].is_ascii_digit() {
        return None;
    }
    let y: i32 = std::str::from_utf8(&s[i..i + 4]).ok()?.parse().ok()?;
    (1900..=2100).contains(&y).then_some((y, i + 4))
}

/// Scans folded text for the calendar part of every date mention.
pub fn scan(
    lex: &Lexicon,
    folded: &str,
    order: DateOrder,
    langs: Option<&[usize]>,
) -> Vec<RawDate> {
    let s = folded.as_bytes();
    let words: Vec<(usize, usize, DateWord)> = lex
        .date_words
        .find(folded, langs)
        .map(|h| (h.start, h.end, *h.value))
        .collect();
    let mut out: Vec<RawDate> = Vec::new();

    for h in lex.months.find(folded, langs) {
        let month = *h.value;
        if out.last().is_some_and(|d| h.start < d.end) {
            continue;
        }
        // Day before the month: "31 May", "31. Mai", "31st of May", "31 de mayo", "1er juin".
        let mut day = None;
        let mut start = h.start;
        let mut end = h.end;
        let mut j = skip_spaces_back(s, h.start);
        if let Some(js) = word_ending(&words, j, &[DateWord::Joiner]) {
            j = skip_spaces_back(s, js);
        }
        if j > 0 && matches!(s[j - 1], b'.' | b'-' | b'/') {
            j -= 1;
        }
        if let Some(js) = word_ending(&words, j, &[DateWord::Ordinal]) {
            j = js;
        }
        if let Some((d, ds)) = day_ending(s, j) {
            day = Some(d);
            start = ds;
        }
        // Day after the month: "May 31", "May 31st", "May the 31st".
        if day.is_none() {
            let mut k = skip_spaces(s, h.end);
            if let Some(je) = word_at(&words, k, &[DateWord::Joiner]) {
                k = skip_spaces(s, je);
            }
            if let Some((d, de)) = day_at(s, k) {
                // Not a year-like or time-like continuation ("May 2026", "May 10:00").
                let next = s.get(de).copied();
                if !matches!(next, Some(b':')) {
                    day = Some(d);
                    end = de;
                    if let Some(oe) = word_at(&words, end, &[DateWord::Ordinal]) {
                        end = oe;
                    }
                }
            }
        }
        let Some(day) = day else { continue };
        // Year: "31 May 2026", "May 31, 2026", "31 de mayo de 2026", "31 мая 2026 г.".
        let mut year = None;
        let mut k = skip_spaces(s, end);
        if k < s.len() && matches!(s[k], b',' | b'.') {
            k = skip_spaces(s, k + 1);
        }
        if let Some(je) = word_at(&words, k, &[DateWord::Joiner]) {
            k = skip_spaces(s, je);
        }
        if let Some((y, ye)) = year_at(s, k) {
            year = Some(y);
            end = ye;
            let k2 = skip_spaces(s, end);
            if let Some(se) = word_at(&words, k2, &[DateWord::YearSuffix]) {
                end = se;
            }
        }
        if !valid(year.unwrap_or(2024), month, day) {
            continue;
        }
        out.push(RawDate {
            start,
            end,
            year,
            month,
            day,
            ambiguous: false,
            range_start: false,
            iso_time: None,
        });
    }

    for c in numeric_re().captures_iter(folded) {
        let Some(m) = c.get(0) else { continue };
        let ms = m.start();
        let date_end = [6, 5, 3]
            .iter()
            .find_map(|&g| c.get(g))
            .map(|g| g.end())
            .unwrap_or(m.end());
        let iso_with_time = c[1].len() == 4 && c.get(7).is_some();
        let mut me = if iso_with_time { m.end() } else { date_end };
        if out.iter().any(|d| ms < d.end && me > d.start) {
            continue;
        }
        // Boundaries: not inside a longer number ("1.980,00", "v2.1.3").
        if ms > 0 {
            let b = s[ms - 1];
            if b.is_ascii_alphanumeric()
                || (matches!(b, b'.' | b',' | b'/' | b'-' | b':')
                    && ms >= 2
                    && s[ms - 2].is_ascii_digit())
            {
                continue;
            }
        }
        if me < s.len() && s[me].is_ascii_alphanumeric() {
            continue;
        }
        if me + 1 < s.len()
            && matches!(s[me], b'.' | b',' | b'/' | b':')
            && s[me + 1].is_ascii_digit()
        {
            continue;
        }
        let a = &c[1];
        let sep1 = &c[2];
        let b: u32 = c[3].parse().unwrap_or(0);
        let third = c.get(5).map(|x| x.as_str());
        let sep2 = c.get(4).map(|x| x.as_str());
        let trailing_dot = c.get(6).is_some();
        let mut iso_time = None;
        let (year, month, day, ambiguous) = if a.len() == 4 {
            // ISO-like: 2026-05-31, 2026/05/31
            let Some(t) = third else { continue };
            if sep2 != Some(sep1) || t.len() != 2 {
                continue;
            }
            let y: i32 = a.parse().unwrap_or(0);
            let d: u32 = t.parse().unwrap_or(0);
            if let (Some(hh), Some(mm)) = (c.get(7), c.get(8)) {
                let sec = c
                    .get(9)
                    .map(|x| x.as_str().parse().unwrap_or(0))
                    .unwrap_or(0);
                if let Some(t) = NaiveTime::from_hms_opt(
                    hh.as_str().parse().unwrap_or(99),
                    mm.as_str().parse().unwrap_or(99),
                    sec,
                ) {
                    iso_time = Some((t, c.get(10).map(|z| z.as_str().to_string())));
                }
            }
            (Some(y), b, d, false)
        } else {
            if a.len() > 2 {
                continue;
            }
            let a: u32 = a.parse().unwrap_or(0);
            let year = match third {
                Some(t) => {
                    if sep2 != Some(sep1) {
                        continue;
                    }
                    let y: i32 = t.parse().unwrap_or(0);
                    Some(match t.len() {
                        2 => 2000 + y,
                        4 => y,
                        _ => continue,
                    })
                }
                None => {
                    // Yearless numeric dates: "31/05", "20.05." — never "10-20" or "3.99".
                    let ok = match sep1 {
                        "/" => true,
                        "." => trailing_dot && c[3].len() == 2,
                        _ => false,
                    };
                    if !ok {
                        continue;
                    }
                    None
                }
            };
            if third.is_none() && !trailing_dot {
                // fine
            } else if third.is_some() && trailing_dot {
                me -= 1; // "31.05.2026." — the last dot ends the sentence
            }
            let y = year.unwrap_or(2024);
            let dmy = valid(y, b, a);
            let mdy = valid(y, a, b);
            let (m, d) = match (order, dmy, mdy) {
                (_, true, false) => (b, a),
                (_, false, true) => (a, b),
                (DateOrder::Mdy, true, true) => (a, b),
                (_, true, true) => (b, a),
                _ => continue,
            };
            (year, m, d, dmy && mdy && a != b)
        };
        if !valid(year.unwrap_or(2024), month, day) {
            continue;
        }
        out.push(RawDate {
            start: ms,
            end: me,
            year,
            month,
            day,
            ambiguous,
            range_start: false,
            iso_time,
        });
    }
    out.sort_by_key(|d| d.start);
    out
}

/// The text between two dates joins them as a range ("–", "to", "bis", "al").
pub fn is_range_gap(
    lex: &Lexicon,
    folded: &str,
    from: usize,
    to: usize,
    langs: Option<&[usize]>,
) -> bool {
    if from > to || to - from > 12 {
        return false;
    }
    let s = folded.as_bytes();
    let mut i = skip_spaces(s, from);
    if i < s.len() && s[i] == b'-' {
        i += 1;
    } else if let Some(h) = lex
        .date_words
        .find(&folded[i..to], langs)
        .find(|h| h.start == 0 && *h.value == DateWord::RangeTo)
    {
        i += h.end;
    } else {
        return false;
    }
    skip_spaces(s, i) == to
}

/// Marks ranges ("D1 – D2", "from D1 to D2") and builds the first date of
/// partial ranges that borrow month and year from their end ("20–31 May",
/// "del 1 al 15 de junio", "May 20 - 31").
pub fn link_ranges(lex: &Lexicon, folded: &str, dates: &mut Vec<RawDate>, langs: Option<&[usize]>) {
    let s = folded.as_bytes();
    let words: Vec<(usize, usize, DateWord)> = lex
        .date_words
        .find(folded, langs)
        .map(|h| (h.start, h.end, *h.value))
        .collect();
    let is_range_gap = |from: usize, to: usize| is_range_gap(lex, folded, from, to, langs);
    for i in 0..dates.len().saturating_sub(1) {
        let (a, b) = (&dates[i], &dates[i + 1]);
        if is_range_gap(a.end, b.start) {
            dates[i].range_start = true;
        }
    }
    // Partial first dates.
    let mut added = Vec::new();
    for (idx, d) in dates.iter().enumerate() {
        if idx > 0 && dates[idx - 1].range_start {
            continue;
        }
        let mut j = skip_spaces_back(s, d.start);
        let joined = if j > 0 && s[j - 1] == b'-' {
            j -= 1;
            true
        } else if let Some(ws) = word_ending(&words, j, &[DateWord::RangeTo]) {
            j = ws;
            true
        } else {
            false
        };
        if !joined {
            continue;
        }
        j = skip_spaces_back(s, j);
        if j > 0 && s[j - 1] == b'.' {
            j -= 1;
        }
        if let Some(os) = word_ending(&words, j, &[DateWord::Ordinal]) {
            j = os;
        }
        if let Some((day, ds)) = day_ending(s, j) {
            if day < d.day {
                added.push(RawDate {
                    start: ds,
                    end: j,
                    year: d.year,
                    month: d.month,
                    day,
                    ambiguous: false,
                    range_start: true,
                    iso_time: None,
                });
            }
        }
    }
    if !added.is_empty() {
        dates.extend(added);
        dates.sort_by_key(|d| d.start);
        dates.dedup_by(|b, a| b.start < a.end);
    }
}
