//! Validity: the dates a segment states with validity cues ("valid until",
//! "from … to …", "expires"), ranges, the stated zone, and "valid N days
//! after claiming".

use super::evidence::EvidenceLog;
use super::mentions::Mentions;
use super::segment::Segment;
use crate::date::DateMention;
use crate::lexicon::CueKind;
use crate::record::{Validity, When};

fn cue_before<'a>(m: &'a Mentions, d: &DateMention) -> Option<(CueKind, &'a str)> {
    let clause = m.clause_of(d.start);
    m.cues
        .iter()
        .filter(|c| {
            matches!(
                c.cue.kind,
                CueKind::ValidUntil | CueKind::ValidFrom | CueKind::Validity
            ) && c.end <= d.start
                && c.start >= clause.0
                && d.start - c.end <= 40
        })
        .max_by_key(|c| (c.end, c.end - c.start))
        .map(|c| (c.cue.kind, c.cue.id.as_str()))
}

fn warn(warnings: &mut Vec<String>, d: &DateMention) {
    for (flag, w) in [
        (d.year_inferred, "year_inferred"),
        (d.ambiguous, "date_ambiguous"),
    ] {
        if flag && !warnings.iter().any(|x| x == w) {
            warnings.push(w.to_string());
        }
    }
}

/// How precisely a bound is written: a date, a local time, a zoned time.
fn precision(w: &When) -> u8 {
    match w {
        When::Date(_) => 0,
        When::Local(_) => 1,
        When::Zoned(_) => 2,
    }
}

/// `new` states the same day as the bound already taken, more precisely (a
/// hero's "until 21 June", then the terms' "21 June 2026, 23:59 CEST").
fn refines(taken: &Option<(&DateMention, String)>, new: &DateMention) -> bool {
    finer_by(taken, new).is_some_and(|d| d > 0)
}

fn same_or_finer(taken: &Option<(&DateMention, String)>, new: &DateMention) -> bool {
    finer_by(taken, new).is_some_and(|d| d >= 0)
}

/// How much more precisely `new` states the taken bound's day; None when
/// nothing is taken or the days differ.
fn finer_by(taken: &Option<(&DateMention, String)>, new: &DateMention) -> Option<i8> {
    let (old, _) = taken.as_ref()?;
    (old.value.date() == new.value.date())
        .then(|| precision(&new.value) as i8 - precision(&old.value) as i8)
}

/// The validity of a segment.
pub fn validity(
    m: &Mentions,
    seg: &Segment,
    ev: &mut EvidenceLog,
    warnings: &mut Vec<String>,
) -> Validity {
    // A sale banner's dates ("jusqu'à -40 % sur les barbecues, jusqu'au 21
    // juin") are the sale's, not the voucher's, unless the line names its code.
    let banner_line = |at: usize| {
        let line = super::tiers::line_of(m, at);
        m.percents_within(line)
            .any(|p| super::tiers::banner(m, (p.start, p.end)))
            && seg
                .code
                .as_ref()
                .is_none_or(|c| c.start < line.0 || c.start >= line.1)
    };
    let dates: Vec<&DateMention> = m
        .dates_starting_in(seg.span())
        .iter()
        .filter(|d| seg.contains(d.start) && !banner_line(d.start))
        .collect();
    let mut v = Validity::default();
    let mut starts: Option<(&DateMention, String)> = None;
    let mut ends: Option<(&DateMention, String)> = None;
    let any_validity_cue = m.cues_starting_in(seg.span()).iter().any(|c| {
        seg.contains(c.start)
            && matches!(
                c.cue.kind,
                CueKind::ValidUntil | CueKind::ValidFrom | CueKind::Validity
            )
    });
    let mut i = 0;
    while i < dates.len() {
        let d = dates[i];
        let cue = cue_before(m, d);
        if d.range_start && i + 1 < dates.len() {
            let rule = cue.map(|c| c.1).unwrap_or("terms.date_range").to_string();
            let first = starts.is_none() && ends.is_none();
            let e = dates[i + 1];
            // A bound not yet taken leaves the range free to state it.
            let finer = (starts.is_none() || same_or_finer(&starts, d))
                && (ends.is_none() || same_or_finer(&ends, e))
                && (refines(&starts, d) || refines(&ends, e));
            if !matches!(cue, Some((CueKind::ValidUntil, _))) && (first || finer) {
                starts = Some((d, rule.clone()));
                ends = Some((dates[i + 1], rule));
            }
            i += 2;
            continue;
        }
        match cue {
            // "Du 8 au 21 juin", then "valable du lundi 8 juin 2026 à 00h01".
            Some((_, rule)) if refines(&starts, d) => starts = Some((d, rule.to_string())),
            Some((CueKind::ValidFrom, rule)) if starts.is_none() => {
                starts = Some((d, rule.to_string()))
            }
            Some((CueKind::ValidUntil | CueKind::Validity, rule))
                if ends.is_none() || refines(&ends, d) =>
            {
                ends = Some((d, rule.to_string()))
            }
            None if dates.len() == 1 && any_validity_cue && ends.is_none() => {
                ends = Some((d, "terms.lone_date".to_string()))
            }
            _ => {}
        }
        i += 1;
    }
    if let Some((d, rule)) = &starts {
        // "desde el lunes 1 de junio a las 00:00 hasta el miércoles 3 de
        // junio a las 23:59 (hora de Chile)": the end's zone is the start's.
        let zone = ends.as_ref().and_then(|(e, _)| e.time_zone.as_deref());
        v.starts = match (d.value, d.time_zone.as_deref(), zone) {
            (When::Local(_), None, Some(z)) => crate::date::with_zone(d.value, z),
            _ => None,
        }
        .or(Some(d.value));
        ev.add("validity.starts", d.start, d.end, rule);
        warn(warnings, d);
    }
    if let Some((d, rule)) = &ends {
        v.ends = Some(d.value);
        ev.add("validity.ends", d.start, d.end, rule);
        warn(warnings, d);
    }
    v.time_zone = ends
        .as_ref()
        .and_then(|(d, _)| d.time_zone.clone())
        .or_else(|| starts.as_ref().and_then(|(d, _)| d.time_zone.clone()));
    // "valid for 7 days after claiming"
    for c in m
        .cues_in(CueKind::DaysAfterClaim, seg.span())
        .filter(|c| seg.contains(c.start))
    {
        let clause = m.clause_of(c.start);
        let before = || {
            m.counts
                .iter()
                .rev()
                .find(|n| n.end <= c.start && m.gap_is_light(n.end, c.start, 2))
        };
        // "после активации он действует 7 дней": the count after the cue.
        let after = || {
            m.counts
                .iter()
                .find(|n| n.start >= c.end && n.start - c.end <= 24 && n.end <= clause.1)
        };
        let found = match c.cue.value {
            crate::lexicon::Side::Before => before(),
            crate::lexicon::Side::After => after(),
            crate::lexicon::Side::Either => before().or_else(after),
        };
        if let Some(n) = found {
            if let Ok(days) = u32::try_from(n.value) {
                v.days_after_claim = Some(days);
                ev.add("validity.days_after_claim", n.start, c.end, &c.cue.id);
                break;
            }
        }
    }
    v
}

/// The zone a page states once for all its times ("Todos los horarios se
/// expresan en hora oficial argentina (ART)"): a zone name in a content
/// block that states no date, when the page names one such zone only.
pub fn page_zone(
    lex: &crate::lexicon::Lexicon,
    m: &Mentions,
    original: &str,
    blocks: &[(usize, usize)],
    lang: usize,
) -> Option<String> {
    let mut found: Option<String> = None;
    for &r in blocks {
        if !m.dates_starting_in(r).is_empty() {
            continue;
        }
        let Some(text) = m.folded.text.get(r.0..r.1) else {
            continue;
        };
        for h in lex.zones.find(text, Some(&[lang])) {
            // An abbreviation counts as written in capitals ("ART", "ET"),
            // not as a word ("Art", "et").
            let (s, e) = (
                m.folded.to_original(r.0 + h.start),
                m.folded.to_original(r.0 + h.end),
            );
            let shout = original.get(s..e).is_some_and(|t| {
                t.chars().all(|c| !c.is_lowercase()) && t.chars().any(char::is_uppercase)
            });
            if h.end - h.start <= 5 && !shout {
                continue;
            }
            let name = crate::date::zone_name(h.value);
            match &found {
                Some(f) if *f != name => return None,
                _ => found = Some(name),
            }
        }
    }
    found
}

/// Reads local times without a zone in the page's stated zone.
pub fn apply_page_zone(v: &mut Validity, zone: &str) {
    let local = |w: &Option<When>| matches!(w, Some(When::Local(_)));
    if v.time_zone.is_some() || !(local(&v.starts) || local(&v.ends)) {
        return;
    }
    for w in [&mut v.starts, &mut v.ends] {
        if let Some(x) = *w {
            *w = crate::date::with_zone(x, zone).or(Some(x));
        }
    }
    v.time_zone = Some(zone.to_string());
}
