//! Date and date-time mentions: numeric dates in the page's convention, ISO
//! dates, dates with month names in any loaded language, with or without a
//! year, with times (`23:59`, `11:59 PM`, `23h59`) and zones (`PT`, `GMT+8`,
//! `MSK`, "hora de Brasília"), and ranges ("from 20 to 31 May",
//! "20.05.–31.05.2026") whose first date borrows what it leaves out.
//!
//! Values follow the contract: a date, a local date-time, or a date-time with
//! the offset in force at that moment. A date without a year takes the year
//! that makes it the nearest date on or after the reference date.
//!
//! ```
//! use fineprint::lexicon::{DateOrder, Lexicon};
//! use fineprint::date::find_dates;
//! let lex = Lexicon::load(None).unwrap();
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
//! let text = fineprint::text::fold("Valid until May 31 at 11:59 PM PT");
//! let d = find_dates(&lex, &text, as_of, DateOrder::Mdy, None);
//! assert_eq!(d[0].value.to_string(), "2026-05-31T23:59:00-07:00");
//! assert!(d[0].year_inferred);
//! ```

mod scan;
pub use time::{offset_name, with_zone, zone_name};
mod time;

use crate::lexicon::{DateOrder, Lexicon};
use crate::record::When;
use chrono::NaiveDate;

/// A date mention in folded text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: When,
    /// The zone as stated: IANA name, `+08:00`, or `UTC`.
    pub time_zone: Option<String>,
    pub year_inferred: bool,
    /// A numeric date that reads two ways.
    pub ambiguous: bool,
    /// This mention opens a range that the next mention closes.
    pub range_start: bool,
}

/// Finds every date mention in folded text.
pub fn find_dates(
    lex: &Lexicon,
    folded: &str,
    as_of: NaiveDate,
    order: DateOrder,
    langs: Option<&[usize]>,
) -> Vec<DateMention> {
    use chrono::Datelike;
    let comma_decimal = langs.is_some_and(|ls| {
        !ls.is_empty()
            && ls
                .iter()
                .all(|&l| lex.languages.get(l).is_some_and(|x| x.decimal == ','))
    });
    let opts = scan::ScanOptions {
        order,
        ref_year: as_of.year(),
        comma_decimal,
    };
    let mut raw = scan::scan(lex, folded, &opts, langs);
    scan::link_ranges(lex, folded, &mut raw, langs);
    let mut out: Vec<DateMention> = Vec::with_capacity(raw.len());
    for (i, d) in raw.iter().enumerate() {
        let prev_end = out.last().map(|p| p.end).unwrap_or(0);
        let next_start = raw.get(i + 1).map(|n| n.start).unwrap_or(usize::MAX);
        let Some(mut m) = time::resolve(lex, folded, d, as_of, langs, (prev_end, next_start))
        else {
            continue;
        };
        // "am 12. Juni von 18:00 bis 22:00 Uhr": a second mention closes the day's window.
        let closing = match m.value {
            When::Local(_) | When::Zoned(_) if !m.range_start => {
                time::closing_time(lex, folded, m.end, langs).filter(|c| c.3 <= next_start)
            }
            _ => None,
        };
        if let Some((t, zone, start, end)) = closing {
            let date = m.value.date();
            let zone_spec = zone.as_ref().map(|z| &z.0);
            let closing_value =
                time::at_time(date, t, zone_spec).and_then(|v| match (&zone, &m.time_zone) {
                    (None, Some(name)) => time::with_zone(v, name),
                    _ => Some(v),
                });
            if let Some(v) = closing_value {
                if let (Some((z, name)), When::Local(local)) = (&zone, m.value) {
                    if let Some(opened) = time::at_time(local.date(), local.time(), Some(z)) {
                        m.value = opened;
                        m.time_zone = Some(name.clone());
                    }
                }
                m.range_start = true;
                let second = DateMention {
                    start,
                    end,
                    value: v,
                    time_zone: zone.map(|z| z.1).or_else(|| m.time_zone.clone()),
                    year_inferred: m.year_inferred,
                    ambiguous: m.ambiguous,
                    range_start: false,
                };
                out.push(m);
                out.push(second);
                continue;
            }
        }
        out.push(m);
    }
    // Ranges between whole mentions (times included): "May 20, 12:00 AM – May 31, 11:59 PM (PT)".
    for i in 0..out.len().saturating_sub(1) {
        if !out[i].range_start
            && scan::is_range_gap(lex, folded, out[i].end, out[i + 1].start, langs)
        {
            out[i].range_start = true;
        }
    }
    // A range's first date borrows the year and zone its end states.
    for i in 0..out.len().saturating_sub(1) {
        if !out[i].range_start {
            continue;
        }
        let (a, b) = (out[i].clone(), out[i + 1].clone());
        // Both without a year too: the end is the nearest future date, and
        // the start precedes it ("del 8 al 14 de junio" read on 12 June is a
        // range already running, not one starting next year).
        if a.year_inferred {
            let (ad, bd) = (a.value.date(), b.value.date());
            let year = if (ad.month(), ad.day()) <= (bd.month(), bd.day()) {
                bd.year()
            } else {
                bd.year() - 1
            };
            if let Some(v) = time::with_year(a.value, year) {
                out[i].value = v;
                out[i].year_inferred = b.year_inferred;
            }
        }
        if a.time_zone.is_none() {
            if let Some(z) = &b.time_zone {
                if let Some(v) = time::with_zone(out[i].value, z) {
                    out[i].value = v;
                    out[i].time_zone = Some(z.clone());
                }
            }
        }
    }
    out
}

/// The year that makes month/day the nearest date on or after `as_of`.
pub fn infer_year(month: u32, day: u32, as_of: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    for y in as_of.year()..=as_of.year() + 4 {
        if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
            if d >= as_of {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
