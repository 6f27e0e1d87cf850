//! The equivalences of the eval: when two written values count as the same
//! (names up to case and punctuation, store names up to "Official Store",
//! dates at the gold's precision, zones by their offset on the day).

use crate::record::When;
use chrono::{NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use std::str::FromStr;

/// Lowercase, every run of non-alphanumeric characters one space, trimmed:
/// `"  15% OFF — Electronics!"` → `"15 off electronics"`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Generic words of a shop's name that say "this is a shop" rather than which
/// one, in the corpus languages; stripped from both ends of a store name.
const STORE_WORDS: &[&str] = &[
    "official",
    "store",
    "shop",
    "flagship",
    "online",
    "oficial",
    "tienda",
    "loja",
    "boutique",
    "officielle",
    "officiel",
    "offizieller",
    "offizielle",
    "offizielles",
    "negozio",
    "ufficiale",
    "официальный",
    "магазин",
    "متجر",
    "المتجر",
    "الرسمي",
    "رسمي",
];

/// Joining words left at the front once the generic words are gone
/// ("Tienda oficial *de* Xiaomi").
const JOINERS: &[&str] = &["de", "da", "do", "du", "di", "des", "del", "della", "von"];

/// A store name for comparison: [`text`], then generic words ("official",
/// "store", "shop", "tienda oficial de", ...) stripped from both ends as long
/// as a word remains: `"Xiaomi Official Store"` → `"xiaomi"`.
pub fn store(s: &str) -> String {
    let norm = text(s);
    let mut words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    while words.len() > 1 && words.last().is_some_and(|w| STORE_WORDS.contains(w)) {
        words.pop();
    }
    while words.len() > 1 && (STORE_WORDS.contains(&words[0]) || JOINERS.contains(&words[0])) {
        words.remove(0);
    }
    words.join(" ")
}

/// A region code for comparison: trimmed, upper case.
pub fn region(s: &str) -> String {
    s.trim().to_uppercase()
}

/// A promo code for comparison: trimmed, case kept.
pub fn code(s: &str) -> String {
    s.trim().to_string()
}

/// Whether a produced validity bound equals the gold one at the precision of
/// the gold:
///
/// - gold date only: the produced bound's calendar date (as written, in its
///   own offset) equals it, whatever time the produced bound adds;
/// - gold local time: the produced bound has a time, and its wall-clock time
///   equals it (a zoned bound is read at its own offset);
/// - gold zoned time: the produced bound is zoned too and is the same instant.
pub fn when_matches(gold: &When, produced: &When) -> bool {
    match (gold, produced) {
        (When::Date(g), p) => p.date() == *g,
        (When::Local(g), When::Local(p)) => g == p,
        (When::Local(g), When::Zoned(p)) => p.naive_local() == *g,
        (When::Local(_), When::Date(_)) => false,
        (When::Zoned(g), When::Zoned(p)) => g == p,
        (When::Zoned(_), _) => false,
    }
}

/// The moment a zone is judged at: the wall-clock time of a bound, noon for a
/// date-only bound.
pub fn moment_of(when: &When) -> NaiveDateTime {
    match when {
        When::Date(d) => d.and_hms_opt(12, 0, 0).unwrap_or_default(),
        When::Local(dt) => *dt,
        When::Zoned(dt) => dt.naive_local(),
    }
}

/// The UTC offset in seconds of a zone at a local moment: an IANA name
/// (`Europe/Madrid`), `UTC`/`GMT`/`Z`, or a fixed offset (`+08:00`, `-0700`,
/// `UTC+8`, `GMT-03:30`). `None` when the zone is not understood.
pub fn zone_offset(zone: &str, at: NaiveDateTime) -> Option<i32> {
    let zone = zone.trim();
    if let Ok(tz) = Tz::from_str(zone) {
        let local = tz.offset_from_local_datetime(&at);
        return local
            .earliest()
            .or_else(|| local.latest())
            .map(|o| o.fix().local_minus_utc())
            .or_else(|| Some(tz.offset_from_utc_datetime(&at).fix().local_minus_utc()));
    }
    fixed_offset(zone)
}

fn fixed_offset(zone: &str) -> Option<i32> {
    let upper = zone.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper)
        .trim();
    if rest.is_empty() || rest == "Z" {
        return Some(0);
    }
    let (sign, digits) = if let Some(d) = rest.strip_prefix('+') {
        (1, d)
    } else if let Some(d) = rest.strip_prefix(['-', '\u{2212}']) {
        (-1, d)
    } else {
        return None;
    };
    if !digits.is_ascii() {
        return None;
    }
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if digits.len() == 4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        None => (digits.parse::<i32>().ok()?, 0),
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// Whether two stated zones are the same: the same name (ignoring case), or
/// the same UTC offset at the moment in question (`Europe/Madrid` and
/// `Europe/Paris`, `Asia/Shanghai` and `+08:00`).
pub fn zones_match(gold: &str, produced: &str, at: NaiveDateTime) -> bool {
    if gold.trim().eq_ignore_ascii_case(produced.trim()) {
        return true;
    }
    match (zone_offset(gold, at), zone_offset(produced, at)) {
        (Some(g), Some(p)) => g == p,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn w(s: &str) -> When {
        s.parse().unwrap()
    }

    #[test]
    fn text_ignores_case_punctuation_and_spacing() {
        assert_eq!(text("  15% OFF — Electronics!"), "15 off electronics");
        assert_eq!(text("Électronique\u{a0}&  Maison"), "électronique maison");
        assert_eq!(text("..."), "");
        assert_ne!(text("electronics"), text("electronic"));
    }

    #[test]
    fn store_names_ignore_shop_suffixes_and_prefixes() {
        assert_eq!(store("Xiaomi Official Store"), "xiaomi");
        assert_eq!(store("xiaomi"), "xiaomi");
        assert_eq!(store("Anker Store"), "anker");
        assert_eq!(store("Tienda oficial de Xiaomi"), "xiaomi");
        assert_eq!(store("Официальный магазин Xiaomi"), "xiaomi");
        assert_eq!(store("Shop"), "shop");
        assert_ne!(
            store("Xiaomi Official Store"),
            store("Huawei Official Store")
        );
        assert_ne!(store("Baseus Store"), store("Base Store"));
    }

    #[test]
    fn dates_compare_at_the_precision_of_the_gold() {
        // gold date only: any time on that day
        assert!(when_matches(&w("2026-05-31"), &w("2026-05-31")));
        assert!(when_matches(&w("2026-05-31"), &w("2026-05-31T23:59:00")));
        assert!(when_matches(
            &w("2026-05-31"),
            &w("2026-05-31T23:59:00-07:00")
        ));
        assert!(!when_matches(&w("2026-05-31"), &w("2026-06-01")));
        // gold local time: needs the time
        assert!(when_matches(
            &w("2026-05-31T23:59:00"),
            &w("2026-05-31T23:59:00+02:00")
        ));
        assert!(!when_matches(&w("2026-05-31T23:59:00"), &w("2026-05-31")));
        assert!(!when_matches(
            &w("2026-05-31T23:59:00"),
            &w("2026-05-31T23:00:00")
        ));
        // gold zoned: the same instant, zoned
        assert!(when_matches(
            &w("2026-05-31T23:59:00-07:00"),
            &w("2026-06-01T06:59:00+00:00")
        ));
        assert!(!when_matches(
            &w("2026-05-31T23:59:00-07:00"),
            &w("2026-05-31T23:59:00")
        ));
        assert!(!when_matches(
            &w("2026-05-31T23:59:00-07:00"),
            &w("2026-05-31T23:59:00-08:00")
        ));
    }

    #[test]
    fn zones_compare_by_name_or_offset_on_the_day() {
        let summer = at(2026, 6, 30);
        let winter = at(2026, 1, 15);
        assert!(zones_match("Europe/Madrid", "Europe/Paris", summer));
        assert!(zones_match("Europe/Madrid", "+02:00", summer));
        assert!(!zones_match("Europe/Madrid", "+02:00", winter));
        assert!(zones_match("Europe/Madrid", "+01:00", winter));
        assert!(zones_match("America/Los_Angeles", "-07:00", summer));
        assert!(zones_match("Asia/Shanghai", "UTC+8", summer));
        assert!(zones_match("UTC", "+00:00", summer));
        assert!(!zones_match("Europe/London", "Europe/Madrid", summer));
        assert!(!zones_match("Europe/Madrid", "nowhere", summer));
        assert!(zones_match("europe/madrid", "Europe/Madrid", summer));
    }

    #[test]
    fn fixed_offsets_parse() {
        assert_eq!(fixed_offset("+08:00"), Some(8 * 3600));
        assert_eq!(fixed_offset("-0330"), Some(-(3 * 3600 + 1800)));
        assert_eq!(fixed_offset("GMT-3"), Some(-3 * 3600));
        assert_eq!(fixed_offset("Z"), Some(0));
        assert_eq!(fixed_offset("+25:00"), None);
        assert_eq!(fixed_offset("CET"), None);
    }
}
