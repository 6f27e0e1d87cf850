//! Times and zones around a date, and the final value of a date mention.

use super::scan::RawDate;
use super::{infer_year, DateMention};
use crate::lexicon::compile::parse_offset;
use crate::lexicon::{DateWord, Lexicon, ZoneSpec};
use crate::record::When;
use chrono::{NaiveDate, NaiveTime, Offset, TimeZone};

/// A time at byte `i`: `23:59`, `23:59:59`, `23h59`, `23h`, `23.59 uhr`,
/// `11:59 pm`, `11 pm`. Returns the time and its end.
fn time_at(
    lex: &Lexicon,
    folded: &str,
    i: usize,
    langs: Option<&[usize]>,
) -> Option<(NaiveTime, usize)> {
    let s = folded.as_bytes();
    if i > 0 && s[i - 1].is_ascii_digit() {
        return None;
    }
    let mut j = i;
    while j < s.len() && s[j].is_ascii_digit() && j - i < 3 {
        j += 1;
    }
    if j == i || j - i > 2 {
        return None;
    }
    let mut hour: u32 = folded[i..j].parse().ok()?;
    let mut minute = 0;
    let mut second = 0;
    let two = |k: usize| -> Option<u32> {
        (k + 2 <= s.len()
            && s[k..k + 2].iter().all(u8::is_ascii_digit)
            && !(k + 2 < s.len() && s[k + 2].is_ascii_digit()))
        .then(|| folded[k..k + 2].parse().ok())
        .flatten()
    };
    let mut end = j;
    let mut explicit = false;
    let sep = s.get(j).copied();
    match sep {
        Some(b':') => {
            minute = two(j + 1)?;
            end = j + 3;
            if s.get(end) == Some(&b':') {
                if let Some(sec) = two(end + 1) {
                    second = sec;
                    end += 3;
                }
            }
            explicit = true;
        }
        Some(b'h') => {
            if let Some(m) = two(j + 1) {
                minute = m;
                end = j + 3;
            } else {
                end = j + 1;
            }
            if s.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            explicit = true;
        }
        Some(b'.') => {
            minute = two(j + 1)?;
            end = j + 3;
        }
        _ => {}
    }
    // am / pm
    let k = end + usize::from(s.get(end) == Some(&b' '));
    let mut meridiem = None;
    for h in lex
        .date_words
        .find(crate::text::window(folded, k, 16), langs)
    {
        if h.start == 0 && matches!(h.value, DateWord::Am | DateWord::Pm) {
            meridiem = Some((*h.value, k + h.end));
            break;
        }
    }
    if let Some((w, e)) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (w, hour) {
            (DateWord::Am, 12) => 0,
            (DateWord::Pm, h) if h < 12 => h + 12,
            (_, h) => h,
        };
        end = e;
        explicit = true;
    }
    // time suffix ("uhr", "ч")
    let k = end + usize::from(s.get(end) == Some(&b' '));
    let mut suffixed = false;
    if let Some(h) = lex
        .date_words
        .find(&folded[k..], langs)
        .take_while(|h| h.start == 0)
        .find(|h| *h.value == DateWord::TimeSuffix)
    {
        end = k + h.end;
        suffixed = true;
        // "23 h 59" (Quebec, French): the minutes follow the "h".
        if !explicit && &folded[k..k + h.end] == "h" {
            let m0 = end + usize::from(s.get(end) == Some(&b' '));
            if let Some(m) = two_digits(s, m0).filter(|m| *m < 60) {
                minute = m;
                end = m0 + 2;
            }
        }
    }
    if !explicit && !suffixed {
        return None;
    }
    Some((NaiveTime::from_hms_opt(hour, minute, second)?, end))
}

/// A zone as read and as named (`Europe/Berlin`, `+08:00`, `UTC`).
pub type Zone = (ZoneSpec, String);

/// Two digits at `k` standing alone on the right.
fn two_digits(s: &[u8], k: usize) -> Option<u32> {
    let d = s.get(k..k + 2)?;
    if !d.iter().all(u8::is_ascii_digit) || s.get(k + 2).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
}

/// A zone right after `i` (spaces and an opening parenthesis skipped).
fn zone_at(
    lex: &Lexicon,
    folded: &str,
    i: usize,
    langs: Option<&[usize]>,
) -> Option<(ZoneSpec, String, usize)> {
    let s = folded.as_bytes();
    let mut k = i;
    while k < s.len() && matches!(s[k], b' ' | b'(' | b',') && k - i < 4 {
        k += 1;
    }
    let rest = &folded[k..];
    // GMT+8, UTC-03:00, UTC+5:30
    for p in ["gmt", "utc"] {
        if let Some(r) = rest.strip_prefix(p) {
            let r2 = r.trim_start_matches(' ');
            let off = r.len() - r2.len();
            let b = r2.as_bytes();
            if b.first().is_some_and(|c| *c == b'+' || *c == b'-') {
                let mut n = 1;
                while n < b.len() && (b[n].is_ascii_digit() || b[n] == b':') && n < 6 {
                    n += 1;
                }
                let raw = &r2[..n];
                let norm = if raw.contains(':') {
                    raw.to_string()
                } else if n - 1 > 2 {
                    format!("{}:{}", &raw[..n - 2], &raw[n - 2..])
                } else {
                    raw.to_string()
                };
                if let Some(o) = parse_offset(&norm) {
                    let end = k + p.len() + off + n;
                    return Some((ZoneSpec::Fixed(o), offset_name(o), close_paren(s, end)));
                }
            }
        }
    }
    let h = lex
        .zones
        .find(rest, langs)
        .next()
        .filter(|h| h.start == 0)?;
    let name = match h.value {
        ZoneSpec::Fixed(_) if rest.starts_with("utc") => "UTC".to_string(),
        spec => zone_name(spec),
    };
    Some((h.value.clone(), name, close_paren(s, k + h.end)))
}

fn close_paren(s: &[u8], end: usize) -> usize {
    if s.get(end) == Some(&b')') {
        end + 1
    } else {
        end
    }
}

/// The contract's name of a zone: its IANA name, or `+08:00` for a fixed
/// offset.
pub fn zone_name(spec: &ZoneSpec) -> String {
    match spec {
        ZoneSpec::Iana(tz) => tz.name().to_string(),
        ZoneSpec::Fixed(o) => offset_name(*o),
    }
}

/// `+08:00`-style name of a fixed offset.
pub fn offset_name(o: chrono::FixedOffset) -> String {
    let secs = o.local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

/// A time written before the date, with the zone that may follow it:
/// "23:59 on May 31", "11:59 PM PT on May 31", "às 23h59 do dia 31/05".
/// Returns the time, the zone, and where the time starts.
fn time_before(
    lex: &Lexicon,
    folded: &str,
    start: usize,
    langs: Option<&[usize]>,
) -> Option<(NaiveTime, Option<Zone>, usize)> {
    let lo = start.saturating_sub(40);
    for p in lo..start {
        if !folded.is_char_boundary(p) {
            continue;
        }
        if let Some((t, e)) = time_at(lex, folded, p, langs) {
            if e > start {
                continue;
            }
            let (zone, e) = match zone_at(lex, folded, e, langs) {
                Some((z, name, ze)) if ze <= start => (Some((z, name)), ze),
                _ => (None, e),
            };
            let gap = &folded[e..start];
            if gap.chars().count() <= 12 && !gap.chars().any(|c| c.is_ascii_digit()) {
                return Some((t, zone, p));
            }
        }
    }
    None
}

/// A time ending at `e` belongs to the date starting at `next`: only spaces,
/// commas or one short word that is not a range word stand between them
/// ("até as 23h59 de 20/06", "до 23:59 14 июня"; but "10h au 31 mai").
fn belongs_to_next(
    lex: &Lexicon,
    folded: &str,
    e: usize,
    next: usize,
    langs: Option<&[usize]>,
) -> bool {
    let Some(gap) = folded.get(e..next) else {
        return false;
    };
    let word = gap.trim_matches([' ', ',']);
    if word.is_empty() {
        return gap.len() <= 3;
    }
    if word.chars().count() > 5 || !word.chars().all(char::is_alphabetic) || gap.len() > 9 {
        return false;
    }
    !lex.date_words
        .find(word, langs)
        .any(|h| h.start == 0 && h.end == word.len() && *h.value == DateWord::RangeTo)
}

/// A time after a time prefix at `k` ("at 23:59", "às 12:00", "um 18 Uhr").
fn time_after_prefix(
    lex: &Lexicon,
    folded: &str,
    k: usize,
    langs: Option<&[usize]>,
) -> Option<(NaiveTime, usize)> {
    let h = lex
        .date_words
        .find(crate::text::window(folded, k, 24), langs)
        .find(|h| h.start == 0 && *h.value == DateWord::TimePrefix)?;
    let k2 = k + h.end;
    let k2 = k2 + folded[k2..].len() - folded[k2..].trim_start_matches(' ').len();
    time_at(lex, folded, k2, langs)
}

/// Reads the time and zone around a raw date and builds the mention.
pub fn resolve(
    lex: &Lexicon,
    folded: &str,
    d: &RawDate,
    as_of: NaiveDate,
    langs: Option<&[usize]>,
    (prev_end, next_start): (usize, usize),
) -> Option<DateMention> {
    let (date, year_inferred) = match d.year {
        Some(y) => (NaiveDate::from_ymd_opt(y, d.month, d.day)?, false),
        None => (infer_year(d.month, d.day, as_of)?, true),
    };
    let s = folded.as_bytes();
    let mut start = d.start;
    let mut end = d.end;
    let mut time = None;
    let mut zone: Option<(ZoneSpec, String)> = None;
    if let Some((t, z)) = &d.iso_time {
        time = Some(*t);
        if let Some(z) = z {
            let norm = if z == "z" {
                "UTC".to_string()
            } else if z.contains(':') {
                z.clone()
            } else {
                format!("{}:{}", &z[..3], &z[3..])
            };
            if let Some(o) = parse_offset(&norm) {
                zone = Some((
                    ZoneSpec::Fixed(o),
                    if z == "z" {
                        "UTC".into()
                    } else {
                        offset_name(o)
                    },
                ));
            }
        }
    } else {
        // Time after the date: "May 31, 23:59", "31/05 às 23h59", "May 31 at 11:59 PM".
        let mut k = end;
        while k < s.len() && matches!(s[k], b' ' | b',') && k - end < 3 {
            k += 1;
        }
        let mut after = time_at(lex, folded, k, langs);
        if after.is_none() {
            after = time_after_prefix(lex, folded, k, langs);
        }
        if after.is_none() && s.get(k) == Some(&b'(') {
            // "31/05 (encerra às 12:00, GMT-3)": up to two words, then a time prefix.
            let mut q = k + 1;
            for _ in 0..3 {
                if let Some(t) = time_after_prefix(lex, folded, q, langs) {
                    after = Some(t);
                    break;
                }
                let word = folded[q..]
                    .char_indices()
                    .find(|(_, c)| !c.is_alphabetic())
                    .map(|(i, _)| i)
                    .unwrap_or(folded.len() - q);
                if word == 0 || s.get(q + word) != Some(&b' ') {
                    break;
                }
                q += word + 1;
            }
        }
        // A time right before the next date is that date's ("с 00:00 1 июня
        // до 23:59 14 июня").
        let after = after.filter(|(_, e)| !belongs_to_next(lex, folded, *e, next_start, langs));
        if let Some((t, e)) = after {
            time = Some(t);
            end = e;
        } else if let Some((t, z, p)) =
            time_before(lex, folded, start, langs).filter(|(_, _, p)| *p >= prev_end)
        {
            time = Some(t);
            start = p;
            zone = z;
        }
    }
    if zone.is_none() {
        if let Some((z, name, e)) = zone_at(lex, folded, end, langs) {
            zone = Some((z, name));
            end = e;
        }
    }
    let value = match (time, &zone) {
        (Some(t), Some((z, _))) => {
            let local = date.and_time(t);
            let fixed = match z {
                ZoneSpec::Fixed(o) => *o,
                ZoneSpec::Iana(tz) => tz.offset_from_local_datetime(&local).earliest()?.fix(),
            };
            When::Zoned(fixed.from_local_datetime(&local).single()?)
        }
        (Some(t), None) => When::Local(date.and_time(t)),
        (None, _) => When::Date(date),
    };
    Some(DateMention {
        start,
        end,
        value,
        time_zone: zone.map(|z| z.1),
        year_inferred,
        ambiguous: d.ambiguous,
        range_start: d.range_start,
    })
}

/// A time range inside one day after a date-time mention ending at `end`:
/// "12. Juni von 18:00 bis 22:00 Uhr (MESZ)". Returns the closing time,
/// the zone written after it, and the span of the closing part.
pub fn closing_time(
    lex: &Lexicon,
    folded: &str,
    end: usize,
    langs: Option<&[usize]>,
) -> Option<(NaiveTime, Option<Zone>, usize, usize)> {
    let s = folded.as_bytes();
    let mut k = end;
    while k < s.len() && s[k] == b' ' && k - end < 2 {
        k += 1;
    }
    let start = k;
    if s.get(k) == Some(&b'-') {
        k += 1;
    } else {
        let h = lex
            .date_words
            .find(crate::text::window(folded, k, 24), langs)
            .find(|h| h.start == 0 && *h.value == DateWord::RangeTo)?;
        k += h.end;
    }
    while k < s.len() && s[k] == b' ' && k - start < 24 {
        k += 1;
    }
    let (t, e) =
        time_at(lex, folded, k, langs).or_else(|| time_after_prefix(lex, folded, k, langs))?;
    // "bis 22:00 15. Juni" is the time of the next date, not a closing time.
    let rest = folded[e..].trim_start_matches([' ', ',']);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    match zone_at(lex, folded, e, langs) {
        Some((z, name, ze)) => Some((t, Some((z, name)), start, ze)),
        None => Some((t, None, start, e)),
    }
}

/// A date-time with another time of the same day, in the zone given.
pub fn at_time(date: NaiveDate, t: NaiveTime, zone: Option<&ZoneSpec>) -> Option<When> {
    let local = date.and_time(t);
    Some(match zone {
        None => When::Local(local),
        Some(ZoneSpec::Fixed(o)) => When::Zoned(o.from_local_datetime(&local).single()?),
        Some(ZoneSpec::Iana(tz)) => {
            let fixed = tz.offset_from_local_datetime(&local).earliest()?.fix();
            When::Zoned(fixed.from_local_datetime(&local).single()?)
        }
    })
}

/// The same bound in another year (None for Feb 29 in a common year).
pub fn with_year(w: When, year: i32) -> Option<When> {
    use chrono::Datelike;
    Some(match w {
        When::Date(d) => When::Date(d.with_year(year)?),
        When::Local(dt) => When::Local(dt.with_year(year)?),
        When::Zoned(dt) => When::Zoned(dt.with_year(year)?),
    })
}

/// A local time read in a named zone (IANA name or `+08:00`/`UTC`).
pub fn with_zone(w: When, zone: &str) -> Option<When> {
    let When::Local(local) = w else {
        return Some(w);
    };
    let fixed = match parse_offset(zone) {
        Some(o) => o,
        None => zone
            .parse::<chrono_tz::Tz>()
            .ok()?
            .offset_from_local_datetime(&local)
            .earliest()?
            .fix(),
    };
    Some(When::Zoned(fixed.from_local_datetime(&local).single()?))
}
