//! Finds the calendar part of date mentions: month-name dates (spaced,
//! compact like "05-Aug-2016" or "2020/Sep/23", with the day or the year in
//! words), numeric and ISO dates, and links ranges. Times and zones are read
//! by `time.rs`.

use crate::lexicon::{DateOrder, DateWord, Lexicon};
use crate::money::words::{year_from_chunks, Chunk, WordReader};
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

/// What a scan needs besides the text.
pub struct ScanOptions {
    pub order: DateOrder,
    /// The reference year: a two-digit year is the one in the century
    /// window that ends 20 years after it ("89" is 1989, "27" is 2027).
    pub ref_year: i32,
    /// Every language of the scan writes decimals with a comma, so "22.04"
    /// and "15.1." cannot be decimal numbers.
    pub comma_decimal: bool,
}

fn numeric_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([0-9]{1,4})([./-])([0-9]{1,2})(?:([./-])([0-9]{1,4}))?(\.)?(?:[t ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(?:\.[0-9]+)?(z|[+-][0-9]{2}:?[0-9]{2})?)?")
            .expect("static regex")
    })
}

/// "2016 10 16".
fn spaced_ymd_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"([0-9]{4}) ([0-9]{1,2}) ([0-9]{1,2})").expect("static regex"))
}

/// "02 04 2009", "27. 11." — numbers apart by spaces.
fn spaced_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([0-9]{1,4})(\. | )([0-9]{1,2})(?:(\.? )([0-9]{4}))?(\.)?")
            .expect("static regex")
    })
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// The full year of a two-digit year.
pub fn full_year(yy: i32, ref_year: i32) -> i32 {
    let y = 2000 + yy;
    if y <= ref_year + 20 {
        y
    } else {
        1900 + yy
    }
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

/// A comma (Latin or Arabic "،") at `i`: its end.
fn comma_at(s: &[u8], i: usize) -> Option<usize> {
    match s.get(i..) {
        Some([b',', ..]) => Some(i + 1),
        Some([0xD8, 0x8C, ..]) => Some(i + 2),
        _ => None,
    }
}

/// The digit run starting at `i`, standing alone on its left: (value, len, end).
fn digits_at(s: &[u8], i: usize) -> Option<(u32, usize, usize)> {
    if i >= s.len() || !s[i].is_ascii_digit() || (i > 0 && s[i - 1].is_ascii_digit()) {
        return None;
    }
    let mut j = i;
    while j < s.len() && s[j].is_ascii_digit() && j - i < 5 {
        j += 1;
    }
    if j - i > 4 || (j < s.len() && s[j].is_ascii_digit()) {
        return None;
    }
    let v = std::str::from_utf8(&s[i..j]).ok()?.parse().ok()?;
    Some((v, j - i, j))
}

/// The digit run ending at `j`: (value, len, start).
fn digits_ending(s: &[u8], j: usize) -> Option<(u32, usize, usize)> {
    let mut i = j;
    while i > 0 && s[i - 1].is_ascii_digit() && j - i < 5 {
        i -= 1;
    }
    if i == j || j - i > 4 || (i > 0 && s[i - 1].is_ascii_digit()) {
        return None;
    }
    let v = std::str::from_utf8(&s[i..j]).ok()?.parse().ok()?;
    Some((v, j - i, i))
}

/// 1–2 digits at `i` standing alone: (value, end).
fn day_at(s: &[u8], i: usize) -> Option<(u32, usize)> {
    let (v, len, end) = digits_at(s, i)?;
    (len <= 2 && (1..=31).contains(&v)).then_some((v, end))
}

/// 1–2 digits ending at `i` standing alone: (value, start).
fn day_ending(folded: &str, i: usize) -> Option<(u32, usize)> {
    let s = folded.as_bytes();
    let (v, len, j) = digits_ending(s, i)?;
    if len > 2 || !(1..=31).contains(&v) {
        return None;
    }
    if j > 0 && (s[j - 1].is_ascii_alphabetic()) {
        return None;
    }
    // "1.5 May" or "3,31 May": a decimal, not a day. "$12 December": a price.
    if j >= 2 && matches!(s[j - 1], b'.' | b',') && s[j - 2].is_ascii_digit() {
        return None;
    }
    let before = skip_spaces_back(s, j);
    let symbol = folded[..before].chars().next_back();
    if before + 1 >= j && matches!(symbol, Some('$' | '€' | '£' | '¥' | '₹' | '₽' | '₩'))
    {
        return None;
    }
    Some((v, j))
}

/// A year at `i`: four digits in `lo..=hi`: (year, end).
fn year_at(s: &[u8], i: usize, lo: i32, hi: i32) -> Option<(i32, usize)> {
    let (v, len, end) = digits_at(s, i)?;
    let y = v as i32;
    (len == 4 && (lo..=hi).contains(&y)).then_some((y, end))
}

/// Nothing after `i` that would make the number before it a count, a time
/// or part of a longer number: the end, or punctuation, or a space not
/// followed by a digit, a time word or a letter.
fn ends_cleanly(s: &[u8], i: usize) -> bool {
    match s.get(i) {
        None => true,
        Some(b'.' | b',' | b';' | b'!' | b'?' | b')') => {
            !s.get(i + 1).is_some_and(u8::is_ascii_digit)
        }
        Some(b' ') => {
            let k = skip_spaces(s, i);
            k >= s.len() || matches!(s[k], b'(' | b'-' | b',' | b'.' | b';')
        }
        _ => false,
    }
}

/// The words of dates in a text, found once.
struct Words(Vec<(usize, usize, DateWord)>);

impl Words {
    fn starting(&self, i: usize, kinds: &[DateWord]) -> Option<usize> {
        word_at(&self.0, i, kinds)
    }
    fn ending(&self, i: usize, kinds: &[DateWord]) -> Option<usize> {
        word_ending(&self.0, i, kinds)
    }
    /// A time word (am/pm, time suffix) right at `i` after spaces.
    fn time_word_after(&self, s: &[u8], i: usize) -> bool {
        let k = skip_spaces(s, i);
        self.starting(k, &[DateWord::Am, DateWord::Pm, DateWord::TimeSuffix])
            .is_some()
    }
}

/// A day written in words ending at `j` ("twenty five", "ersten", "العاشر").
fn word_day_ending(reader: &WordReader, folded: &str, j: usize) -> Option<Chunk> {
    reader
        .chunk_ending_at(folded, j)
        .filter(|c| (1..=31).contains(&c.value) && !c.is_article_like())
}

/// Compact month-name dates: "05-Aug-2016", "2019/sep/01", "Sep-23-2020",
/// "September-2020-23", "2020/23/Sep", "23-2020-September", "Oct-2",
/// "23/Sep": (start, end, day, year).
fn compact(
    s: &[u8],
    ms: usize,
    me: usize,
    month: u32,
    ref_year: i32,
) -> Option<(usize, usize, u32, Option<i32>)> {
    let sep_l = (ms > 0 && matches!(s[ms - 1], b'-' | b'/')).then(|| s[ms - 1]);
    let sep_r = s.get(me).copied().filter(|c| matches!(c, b'-' | b'/'));
    if sep_l.is_none() && sep_r.is_none() {
        return None;
    }
    if let (Some(l), Some(r)) = (sep_l, sep_r) {
        if l != r {
            return None;
        }
    }
    let sep = sep_l.or(sep_r)?;
    // Numbers on the left: L1 right before, L2 before that.
    let l1 = sep_l.and_then(|_| digits_ending(s, ms - 1));
    let l2 = l1.and_then(|(_, _, st)| {
        (st >= 2 && s[st - 1] == sep)
            .then(|| digits_ending(s, st - 1))
            .flatten()
    });
    let left_start = |st: usize| st == 0 || !s[st - 1].is_ascii_alphanumeric();
    let r1 = sep_r.and_then(|_| digits_at(s, me + 1));
    let r2 = r1.and_then(|(_, _, e)| {
        (s.get(e) == Some(&sep))
            .then(|| digits_at(s, e + 1))
            .flatten()
    });
    let right_end = |e: usize| match s.get(e) {
        None => true,
        Some(c) => {
            !(c.is_ascii_alphanumeric()
                || (matches!(c, b'-' | b'/') && s.get(e + 1).is_some_and(u8::is_ascii_digit)))
        }
    };
    let day = |v: u32, len: usize| (len <= 2 && (1..=31).contains(&v)).then_some(v);
    let year4 = |v: u32, len: usize| (len == 4 && (1000..=2999).contains(&v)).then_some(v as i32);
    let yy = |v: u32, len: usize| (len == 2).then(|| full_year(v as i32, ref_year));
    let mut found = None;
    match (l2, l1, r1, r2) {
        (_, Some((a, al, ast)), Some((b, bl, be)), None) if right_end(be) && left_start(ast) => {
            // Y-M-D, D-M-Y, D-M-YY
            if let (Some(y), Some(d)) = (year4(a, al), day(b, bl)) {
                found = Some((ast, be, d, Some(y)));
            } else if let (Some(d), Some(y)) = (day(a, al), year4(b, bl).or(yy(b, bl))) {
                found = Some((ast, be, d, Some(y)));
            }
        }
        (Some((a, al, ast)), Some((b, bl, _)), None, _) if left_start(ast) => {
            // Y-D-M, D-Y-M
            if let (Some(y), Some(d)) = (year4(a, al), day(b, bl)) {
                found = Some((ast, me, d, Some(y)));
            } else if let (Some(d), Some(y)) = (day(a, al), year4(b, bl)) {
                found = Some((ast, me, d, Some(y)));
            }
        }
        (None, None, Some((a, al, _)), Some((b, bl, be))) if right_end(be) => {
            // M-D-Y, M-D-YY, M-Y-D
            if let (Some(d), Some(y)) = (day(a, al), year4(b, bl).or(yy(b, bl))) {
                found = Some((ms, be, d, Some(y)));
            } else if let (Some(y), Some(d)) = (year4(a, al), day(b, bl)) {
                found = Some((ms, be, d, Some(y)));
            }
        }
        (_, Some((a, al, ast)), None, _) if left_start(ast) => {
            found = day(a, al).map(|d| (ast, me, d, None));
        }
        (None, None, Some((a, al, ae)), None) if right_end(ae) => {
            found = day(a, al).map(|d| (ms, ae, d, None));
        }
        _ => {}
    }
    found.filter(|(_, _, d, y)| valid(y.unwrap_or(2024), month, *d))
}

/// Scans folded text for the calendar part of every date mention.
pub fn scan(
    lex: &Lexicon,
    folded: &str,
    opts: &ScanOptions,
    langs: Option<&[usize]>,
) -> Vec<RawDate> {
    let s = folded.as_bytes();
    let words = Words(
        lex.date_words
            .find(folded, langs)
            .map(|h| (h.start, h.end, *h.value))
            .collect(),
    );
    let reader = WordReader::new(lex, langs);
    let mut out: Vec<RawDate> = Vec::new();

    for h in lex.months.find(folded, langs) {
        let month = *h.value;
        if out.last().is_some_and(|d| h.start < d.end) {
            continue;
        }
        let push = |out: &mut Vec<RawDate>, start, end, year, day| {
            out.push(RawDate {
                start,
                end,
                year,
                month,
                day,
                ambiguous: false,
                range_start: false,
                iso_time: None,
            })
        };
        if let Some((start, end, day, year)) = compact(s, h.start, h.end, month, opts.ref_year) {
            push(&mut out, start, end, year, day);
            continue;
        }
        if let Some((start, end, day, year)) =
            spaced_month_date(folded, &words, &reader, (h.start, h.end), month, opts)
        {
            push(&mut out, start, end, year, day);
            continue;
        }
        // "bis Ende September", "до конца сентября", "through the end of
        // June 2026": the month's last day.
        if let Some(start) = word_ending(
            &words.0,
            skip_spaces_back(s, h.start),
            &[DateWord::MonthEnd],
        ) {
            let year = year_at(s, skip_spaces(s, h.end), 1900, 2200);
            let y = year.map_or(opts.ref_year, |(y, _)| y);
            let day = (28..=31).rev().find(|&d| valid(y, month, d)).unwrap_or(28);
            let end = year.map_or(h.end, |(_, e)| e);
            push(&mut out, start, end, year.map(|(y, _)| y), day);
        }
    }

    numeric_dates(folded, opts, &words, &mut out);
    out.sort_by_key(|d| d.start);
    out
}

/// "31 May", "31st of May 2026", "May 31, 2026", "le 4e jour de juillet",
/// "twenty second of June", "January twenty five nineteen eighty six",
/// "Oct. 2", "October, 1st": (start, end, day, year).
fn spaced_month_date(
    folded: &str,
    words: &Words,
    reader: &WordReader,
    (ms, me): (usize, usize),
    month: u32,
    opts: &ScanOptions,
) -> Option<(usize, usize, u32, Option<i32>)> {
    let s = folded.as_bytes();
    let mut day = None;
    let mut start = ms;
    let mut end = me;
    let mut leftover: Vec<Chunk> = Vec::new();
    // Day before the month: "31 May", "31. Mai", "31st of May", "31 de mayo",
    // "1er juin", "4e jour de juillet", "twenty five January".
    let mut j = skip_spaces_back(s, ms);
    if let Some(js) = words.ending(j, &[DateWord::Joiner]) {
        j = skip_spaces_back(s, js);
    }
    let before_sep = j;
    if j > 0 && matches!(s[j - 1], b'.' | b'-' | b'/') {
        j -= 1;
    }
    if let Some(js) = words.ending(j, &[DateWord::Ordinal]) {
        j = js;
    }
    if let Some((d, ds)) = day_ending(folded, j) {
        day = Some(d);
        start = ds;
    } else if before_sep < ms {
        if let Some(c) = word_day_ending(reader, folded, before_sep) {
            day = Some(c.value as u32);
            start = c.start;
        }
    }
    // Day after the month: "May 31", "May 31st", "May the 31st", "Oct. 2",
    // "October, 1st", "May twenty-first".
    if day.is_none() {
        let mut k = me;
        let mut after_comma = false;
        let mut after_dot = false;
        if let Some(c) = comma_at(s, k) {
            k = c;
            after_comma = true;
        } else if k < s.len() && s[k] == b'.' && !folded[ms..me].ends_with('.') {
            k += 1;
            after_dot = true;
        }
        let k0 = k;
        k = skip_spaces(s, k);
        let spaced = k > k0;
        if let Some(je) = words.starting(k, &[DateWord::Joiner]) {
            k = skip_spaces(s, je);
        }
        if let Some((d, de)) = day_at(s, k) {
            // Not a time ("May 10:00") nor a count ("May, 3 per customer").
            let next = s.get(de).copied();
            let ordinal_end = words.starting(de, &[DateWord::Ordinal]);
            let glued_ok = spaced || k == me || ordinal_end.is_some();
            let comma_ok = !after_comma || ordinal_end.is_some() || year_follows(s, de);
            let dot_ok = !after_dot || ordinal_end.is_some() || ends_cleanly(s, de);
            if !matches!(next, Some(b':'))
                && glued_ok
                && comma_ok
                && dot_ok
                && !words.time_word_after(s, de)
            {
                day = Some(d);
                end = ordinal_end.unwrap_or(de);
            }
        } else if k > me && !after_comma && !after_dot {
            let chunks = reader.chunks_at(folded, k);
            if let Some(c) = chunks.first() {
                if (1..=31).contains(&c.value) && !c.is_article_like() {
                    day = Some(c.value as u32);
                    end = c.end;
                    leftover = chunks[1..].to_vec();
                }
            }
        }
    }
    let day = day?;
    // Year: "31 May 2026", "May 31, 2026", "31 de mayo de 2026", "31 мая 2026 г.",
    // "15 April of 87", "1er avril 78", "jan twenty two, 2018",
    // "twenty five January nineteen eighty six".
    let mut year = None;
    if let Some((y, n)) = year_from_chunks(&leftover) {
        year = Some(y);
        end = leftover[n - 1].end;
    } else {
        let mut k = skip_spaces(s, end);
        let mut marked = false;
        let mut dotted = false;
        if let Some(c) = comma_at(s, k) {
            k = skip_spaces(s, c);
            marked = true;
        } else if k < s.len() && s[k] == b'.' && k == end {
            k = skip_spaces(s, k + 1);
            dotted = true;
        }
        if let Some(je) = words.starting(k, &[DateWord::Joiner]) {
            k = skip_spaces(s, je);
            marked = true;
        }
        if let Some((y, ye)) = year_at(s, k, 1900, 2100)
            .or_else(|| year_at(s, k, 1000, 2999).filter(|(_, e)| ends_cleanly(s, *e)))
        {
            year = Some(y);
            end = ye;
        } else if dotted {
            // "31 May. 15 ..." starts a new sentence.
        } else if let Some((v, len, ye)) = digits_at(s, k) {
            let clean = ends_cleanly(s, ye) && !words.time_word_after(s, ye);
            let digit_after_k = s.get(ye).is_some_and(u8::is_ascii_alphanumeric);
            if len == 2 && clean && !digit_after_k && (marked || k > end) {
                year = Some(full_year(v as i32, opts.ref_year));
                end = ye;
            }
        } else if k > end || marked {
            let chunks = reader.chunks_at(folded, k);
            if let Some((y, n)) = year_from_chunks(&chunks) {
                year = Some(y);
                end = chunks[n - 1].end;
            }
        }
        if year.is_some() {
            let k2 = skip_spaces(s, end);
            if let Some(se) = words.starting(k2, &[DateWord::YearSuffix]) {
                end = se;
            }
        }
    }
    valid(year.unwrap_or(2024), month, day).then_some((start, end, day, year))
}

/// A year (four digits, or two and a clean end) after a comma at `i`.
fn year_follows(s: &[u8], i: usize) -> bool {
    let Some(c) = comma_at(s, skip_spaces(s, i)) else {
        return false;
    };
    let k = skip_spaces(s, c);
    year_at(s, k, 1000, 2999).is_some()
}

/// Numeric dates: ISO (with a time), d/m/y or m/d/y by the language's order,
/// yearless "31/05", "20.05.", "22.04" (comma-decimal languages only),
/// "22-4" (never an ascending pair like "4-22", which reads as a range), a
/// year after a comma ("08/12, 2015"), and spaced forms ("02 04 2009",
/// "27. 11.").
fn numeric_dates(folded: &str, opts: &ScanOptions, words: &Words, out: &mut Vec<RawDate>) {
    let s = folded.as_bytes();
    let mut found: Vec<RawDate> = Vec::new();
    for c in numeric_re().captures_iter(folded) {
        let Some(m) = c.get(0) else { continue };
        let ms = m.start();
        let a = &c[1];
        let sep1 = &c[2];
        let third = c.get(5).map(|x| x.as_str());
        let sep2 = c.get(4).map(|x| x.as_str());
        let mut trailing_dot = c.get(6).is_some();
        let date_end = [6, 5, 3]
            .iter()
            .find_map(|&g| c.get(g))
            .map(|g| g.end())
            .unwrap_or(m.end());
        let iso_with_time = a.len() == 4 && c.get(7).is_some();
        let mut me = if iso_with_time { m.end() } else { date_end };
        // "2002-10-09.xlsx": the dot belongs to what follows.
        if trailing_dot && !iso_with_time && s.get(me).is_some_and(u8::is_ascii_alphanumeric) {
            me -= 1;
            trailing_dot = false;
        }
        if out
            .iter()
            .chain(found.iter())
            .any(|d| ms < d.end && me > d.start)
        {
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
        // "08/12,2015", "12/08, 2015", "08/12, 15": a year after a comma.
        let comma_year = (third.is_none() && sep1 == "/" && a.len() <= 2)
            .then(|| comma_year(s, me, opts.ref_year))
            .flatten();
        if me + 1 < s.len()
            && matches!(s[me], b'.' | b',' | b'/' | b':')
            && s[me + 1].is_ascii_digit()
            && comma_year.is_none()
        {
            continue;
        }
        let b: u32 = c[3].parse().unwrap_or(0);
        let mut iso_time = None;
        let (year, month, day, ambiguous) = if a.len() == 4 {
            // ISO-like: 2026-05-31, 2026/05/31, 2018-7-6
            let Some(t) = third else { continue };
            if sep2 != Some(sep1) || t.len() > 2 {
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
            let mut must_follow_order = false;
            let year = match third {
                Some(t) => {
                    if sep2 != Some(sep1) {
                        continue;
                    }
                    let y: i32 = t.parse().unwrap_or(0);
                    Some(match t.len() {
                        2 => full_year(y, opts.ref_year),
                        4 => y,
                        _ => continue,
                    })
                }
                None => {
                    if let Some((y, ye)) = comma_year {
                        me = ye;
                        Some(y)
                    } else {
                        let second_len = c[3].len();
                        let ok = match sep1 {
                            "/" => true,
                            "." if trailing_dot => second_len == 2 || opts.comma_decimal,
                            "." => {
                                opts.comma_decimal
                                    && second_len == 2
                                    && !words.time_word_after(s, me)
                                    && !s.get(me).is_some_and(|c| matches!(c, b'%' | b','))
                            }
                            "-" => {
                                // "22-4", "12-5": never an ascending pair.
                                must_follow_order = true;
                                a > b
                                    && (c[1].len() == 2 || second_len == 2)
                                    && ends_cleanly(s, me)
                                    && !words.time_word_after(s, me)
                            }
                            _ => false,
                        };
                        if !ok {
                            continue;
                        }
                        None
                    }
                }
            };
            if third.is_some() && trailing_dot {
                me -= 1; // "31.05.2026." — the last dot ends the sentence
            }
            let y = year.unwrap_or(2024);
            let dmy = valid(y, b, a);
            let mdy = valid(y, a, b);
            // Read against the language's order only outside time context:
            // "ab 8.30" is half past eight, not 30 August.
            let against_order = match opts.order {
                DateOrder::Mdy => !mdy,
                _ => !dmy,
            };
            if year.is_none() && against_order && sep1 != "/" {
                let before = skip_spaces_back(s, ms);
                if words.ending(before, &[DateWord::TimePrefix]).is_some() {
                    continue;
                }
            }
            let (m, d) = match (opts.order, dmy, mdy) {
                (DateOrder::Mdy, _, true) if must_follow_order => (a, b),
                (DateOrder::Dmy | DateOrder::Ymd, true, _) if must_follow_order => (b, a),
                _ if must_follow_order => continue,
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
        found.push(RawDate {
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
    for c in spaced_re().captures_iter(folded) {
        let Some(m) = c.get(0) else { continue };
        let ms = m.start();
        let mut me = m.end();
        if out
            .iter()
            .chain(found.iter())
            .any(|d| ms < d.end && me > d.start)
        {
            continue;
        }
        // Not inside a run of numbers (phone numbers, lists of sizes).
        if ms > 0 {
            let b = s[ms - 1];
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b',' | b'/' | b'-' | b':') {
                continue;
            }
            if b == b' ' && ms >= 2 && s[ms - 2].is_ascii_digit() {
                continue;
            }
        }
        let dotted = &c[2] == ". ";
        let trailing = c.get(6).is_some();
        if trailing && c.get(5).is_some() {
            me -= 1;
        }
        if s.get(me).is_some_and(u8::is_ascii_alphanumeric)
            || (s.get(me) == Some(&b' ') && s.get(me + 1).is_some_and(u8::is_ascii_digit))
        {
            continue;
        }
        let first: u32 = c[1].parse().unwrap_or(0);
        let second: u32 = c[3].parse().unwrap_or(0);
        let third: Option<u32> = c.get(5).and_then(|t| t.as_str().parse().ok());
        let (year, month, day) = if c[1].len() <= 2 {
            match (dotted, third) {
                // "27. 11." / "27. 11. 2026"
                (true, y) if trailing || y.is_some() => {
                    if c.get(4).is_some_and(|x| x.as_str() != ". ") && y.is_some() {
                        (None, 0, 0)
                    } else {
                        (y.map(|y| y as i32), second, first)
                    }
                }
                // "02 04 2009" (by the language's order)
                (false, Some(y)) if (1900..=2100).contains(&y) => match opts.order {
                    DateOrder::Mdy => (Some(y as i32), first, second),
                    _ => (Some(y as i32), second, first),
                },
                _ => (None, 0, 0),
            }
        } else {
            (None, 0, 0)
        };
        if month == 0 || !valid(year.unwrap_or(2024), month, day) {
            continue;
        }
        found.push(RawDate {
            start: ms,
            end: me,
            year,
            month,
            day,
            ambiguous: false,
            range_start: false,
            iso_time: None,
        });
    }
    for c in spaced_ymd_re().captures_iter(folded) {
        let Some(m) = c.get(0) else { continue };
        let (ms, me) = (m.start(), m.end());
        if out
            .iter()
            .chain(found.iter())
            .any(|d| ms < d.end && me > d.start)
        {
            continue;
        }
        let before_ok = ms == 0
            || !(s[ms - 1].is_ascii_alphanumeric()
                || matches!(s[ms - 1], b'.' | b',' | b'-' | b'/'));
        let after_ok = s.get(me).is_none_or(|c| !c.is_ascii_alphanumeric())
            && !(s.get(me) == Some(&b' ') && s.get(me + 1).is_some_and(u8::is_ascii_digit));
        let y: i32 = c[1].parse().unwrap_or(0);
        let mo: u32 = c[2].parse().unwrap_or(0);
        let d: u32 = c[3].parse().unwrap_or(0);
        if before_ok && after_ok && (1900..=2100).contains(&y) && valid(y, mo, d) {
            found.push(RawDate {
                start: ms,
                end: me,
                year: Some(y),
                month: mo,
                day: d,
                ambiguous: false,
                range_start: false,
                iso_time: None,
            });
        }
    }
    out.extend(found);
}

/// A year after a comma at `i` ("," + optional space + 4 or 2 digits).
fn comma_year(s: &[u8], i: usize, ref_year: i32) -> Option<(i32, usize)> {
    if s.get(i) != Some(&b',') {
        return None;
    }
    let k = if s.get(i + 1) == Some(&b' ') {
        i + 2
    } else {
        i + 1
    };
    let (v, len, end) = digits_at(s, k)?;
    if s.get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
    {
        return None;
    }
    match len {
        4 if (1900..=2100).contains(&(v as i32)) => Some((v as i32, end)),
        2 if ends_cleanly(s, end) => Some((full_year(v as i32, ref_year), end)),
        _ => None,
    }
}

/// The text between two dates joins them as a range ("–", "to", "bis", "al").
pub fn is_range_gap(
    lex: &Lexicon,
    folded: &str,
    from: usize,
    to: usize,
    langs: Option<&[usize]>,
) -> bool {
    // " au dimanche ", " jusqu'au mercredi ": a range word may carry a weekday.
    if from > to || to - from > 24 {
        return false;
    }
    let s = folded.as_bytes();
    let mut i = skip_spaces(s, from);
    if i < s.len() && s[i] == b'-' {
        i += 1;
    } else if let Some(e) = range_word_at(lex, folded, i, to, langs) {
        i = e;
    } else {
        return false;
    }
    i = skip_spaces(s, i);
    // "10h de 10/06 até as 23h59 de 20/06": a time prefix may follow.
    if i < to {
        if let Some(h) = lex
            .date_words
            .find(&folded[i..to], langs)
            .find(|h| h.start == 0 && *h.value == DateWord::TimePrefix)
        {
            i = skip_spaces(s, i + h.end);
        }
    }
    i == to
}

/// A range word ("to", "até", "bis") starting at `i` and ending at a word
/// end before `to`, even where a longer phrase of another kind starts there
/// ("até as" is also a time prefix).
fn range_word_at(
    lex: &Lexicon,
    folded: &str,
    i: usize,
    to: usize,
    langs: Option<&[usize]>,
) -> Option<usize> {
    let s = folded.as_bytes();
    (i + 1..=to)
        .rev()
        .filter(|&e| e == to || s[e] == b' ')
        .find(|&e| {
            lex.date_words
                .find(&folded[i..e], langs)
                .any(|h| h.start == 0 && h.end == e - i && *h.value == DateWord::RangeTo)
        })
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
        if let Some((day, ds)) = day_ending(folded, j) {
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
