//! The time zone a record states (`validity.time_zone`): an IANA name, a
//! fixed offset (`+08:00`, `UTC+8`, `GMT-3`), `UTC`, or one of a few common
//! abbreviations (`PT`, `CET`, `SGT`, ...) — and the instants of wall-clock
//! times in it.

use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Abbreviations read as the zone they name in e-commerce fine print.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("PT", "America/Los_Angeles"),
    ("PST", "America/Los_Angeles"),
    ("PDT", "America/Los_Angeles"),
    ("MT", "America/Denver"),
    ("MST", "America/Denver"),
    ("MDT", "America/Denver"),
    ("CT", "America/Chicago"),
    ("CST", "America/Chicago"),
    ("CDT", "America/Chicago"),
    ("ET", "America/New_York"),
    ("EST", "America/New_York"),
    ("EDT", "America/New_York"),
    ("BST", "Europe/London"),
    ("CET", "Europe/Paris"),
    ("CEST", "Europe/Paris"),
    ("EET", "Europe/Athens"),
    ("EEST", "Europe/Athens"),
    ("MSK", "Europe/Moscow"),
    ("GST", "Asia/Dubai"),
    ("IST", "Asia/Kolkata"),
    ("WIB", "Asia/Jakarta"),
    ("ICT", "Asia/Bangkok"),
    ("SGT", "Asia/Singapore"),
    ("MYT", "Asia/Kuala_Lumpur"),
    ("PHT", "Asia/Manila"),
    ("HKT", "Asia/Hong_Kong"),
    ("JST", "Asia/Tokyo"),
    ("KST", "Asia/Seoul"),
    ("AEST", "Australia/Sydney"),
    ("AEDT", "Australia/Sydney"),
    ("BRT", "America/Sao_Paulo"),
    ("ART", "America/Argentina/Buenos_Aires"),
];

/// A stated zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Fixed(FixedOffset),
    Named(Tz),
}

impl Zone {
    /// Reads a stated zone; None when it is not one we know.
    pub fn parse(text: &str) -> Option<Zone> {
        let s = text.trim();
        if s.is_empty() {
            return None;
        }
        let upper = s.to_ascii_uppercase();
        if matches!(upper.as_str(), "UTC" | "GMT" | "Z" | "UT") {
            return FixedOffset::east_opt(0).map(Zone::Fixed);
        }
        let offset_text = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper)
            .trim();
        if let Some(offset) = parse_offset(offset_text) {
            return Some(Zone::Fixed(offset));
        }
        if let Ok(tz) = s.parse::<Tz>() {
            return Some(Zone::Named(tz));
        }
        ABBREVIATIONS
            .iter()
            .find(|(abbr, _)| *abbr == upper)
            .and_then(|(_, name)| name.parse::<Tz>().ok())
            .map(Zone::Named)
    }

    /// The instant of a wall-clock time in this zone. A time that occurs
    /// twice (clocks turned back) gives the later instant when `latest`,
    /// else the earlier; a time skipped by a clock change is read an hour on.
    pub fn instant(&self, wall: NaiveDateTime, latest: bool) -> Option<DateTime<Utc>> {
        match self {
            Zone::Fixed(off) => pick(off.from_local_datetime(&wall), latest),
            Zone::Named(tz) => pick(tz.from_local_datetime(&wall), latest).or_else(|| {
                let later = wall.checked_add_signed(Duration::hours(1))?;
                pick(tz.from_local_datetime(&later), latest)
            }),
        }
    }
}

fn pick<T: TimeZone>(r: LocalResult<DateTime<T>>, latest: bool) -> Option<DateTime<Utc>> {
    match r {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(if latest { b } else { a }.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// `+8`, `+08`, `+0800`, `+08:00`, `-3:30`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let first = s.chars().next()?;
    let sign = match first {
        '+' => 1,
        '-' | '−' => -1,
        _ => return None,
    };
    let rest = &s[first.len_utf8()..];
    if !rest.is_ascii() {
        return None;
    }
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    let hours: i32 = h.parse().ok()?;
    let minutes: i32 = m.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_abbreviation_names_a_known_zone() {
        for (abbr, name) in ABBREVIATIONS {
            assert!(name.parse::<Tz>().is_ok(), "{abbr} → {name}");
            assert_eq!(abbr.to_ascii_uppercase(), *abbr);
        }
    }

    #[test]
    fn reads_offsets_names_and_abbreviations() {
        let h = |x: i32| Some(Zone::Fixed(FixedOffset::east_opt(x * 3600).unwrap()));
        assert_eq!(Zone::parse("+08:00"), h(8));
        assert_eq!(Zone::parse("GMT+8"), h(8));
        assert_eq!(Zone::parse("UTC-0300"), h(-3));
        assert_eq!(Zone::parse("utc"), h(0));
        assert_eq!(
            Zone::parse("America/Los_Angeles"),
            Some(Zone::Named(chrono_tz::America::Los_Angeles))
        );
        assert_eq!(
            Zone::parse("pt"),
            Some(Zone::Named(chrono_tz::America::Los_Angeles))
        );
        assert_eq!(Zone::parse("Mars/Olympus"), None);
        assert_eq!(Zone::parse("+25:00"), None);
        assert_eq!(Zone::parse("+a€"), None);
        assert_eq!(
            Zone::parse("−03:30"),
            Some(Zone::Fixed(FixedOffset::west_opt(12600).unwrap()))
        );
    }
}
