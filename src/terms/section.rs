//! Section headings over vouchers: a listing divided into sections
//! ("Caseificio Valle Verde" over its cards, "Valido su tutti i negozi"
//! over others) states in the section's heading what its cards leave
//! out: the shop the codes belong to, or that they hold sitewide.

use super::evidence::EvidenceLog;
use super::mentions::Mentions;
use super::segment::Segment;
use crate::lexicon::{CueKind, Lexicon};
use crate::page::{BlockKind, Page};
use crate::record::ScopeKind;

/// What a section's heading says about the vouchers under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionScope {
    /// The section holds one shop's codes: its name, and the folded range
    /// of the heading (with its intro) that says so.
    Shop(String, (usize, usize)),
    /// The section's codes hold sitewide: the folded range of the heading
    /// (with its intro) that says so.
    Platform((usize, usize)),
}

/// A heading of the page: folded range, original text, rank.
struct Heading<'p> {
    range: (usize, usize),
    text: &'p str,
    level: u8,
}

/// The scope each segment's section heading states, if any.
///
/// A segment's section heading is the nearest heading above its own
/// heading that outranks it (an `<h2>` over `<h3>` cards; `<h1>`, the
/// page's title, never counts). Only a page with two or more such sections
/// has them. A section's heading, with the text before its first card,
/// states:
/// - a shop or sitewide scope when its words say so ("Cupons válidos
///   apenas para produtos vendidos por Sonora Áudio", "Valido su tutti i
///   negozi");
/// - a shop when it reads as a name (capitalised words, no cue, no value)
///   and the section's own text refers to it by that name mid-sentence
///   ("prodotti del Caseificio Valle Verde", "nel carrello del Frantoio"),
///   not as a category ("on Home & Garden"). When two or more sections are
///   shops by that test, their name-shaped sibling sections are shops too.
pub fn section_scopes(
    lex: &Lexicon,
    lang: usize,
    page: &Page,
    m: &Mentions,
    segments: &[Segment],
) -> Vec<Option<SectionScope>> {
    let headings: Vec<Heading> = page
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading && (2..=6).contains(&b.level))
        .map(|b| Heading {
            range: m.block_range(b),
            text: &page.text[b.start..b.end],
            level: b.level,
        })
        .collect();
    // A segment's own heading: its lowest-ranked heading (the card's
    // `<h3>` under a section's `<h2>`), else its code.
    let own_level = |seg: &Segment| -> (usize, u8) {
        let own = headings
            .iter()
            .filter(|h| seg.contains(h.range.0))
            .min_by_key(|h| (std::cmp::Reverse(h.level), h.range.0));
        match own {
            Some(h) => (h.range.0, h.level),
            None => (seg.code.as_ref().map_or(seg.span().0, |c| c.start), u8::MAX),
        }
    };
    let section_of: Vec<Option<usize>> = segments
        .iter()
        .map(|seg| {
            let (at, level) = own_level(seg);
            headings
                .iter()
                .rposition(|h| h.range.1 <= at && h.level < level)
        })
        .collect();
    let mut sections: Vec<usize> = section_of.iter().flatten().copied().collect();
    sections.sort_unstable();
    sections.dedup();
    if sections.len() < 2 {
        return vec![None; segments.len()];
    }
    // The segments under section heading `h`.
    let members = |h: usize| {
        segments
            .iter()
            .zip(&section_of)
            .filter(move |(_, s)| **s == Some(h))
            .map(|(seg, _)| seg)
    };
    let mut scopes: Vec<Option<SectionScope>> = vec![None; headings.len()];
    let mut named: Vec<usize> = Vec::new();
    let mut referred = 0;
    for &h in &sections {
        let head = &headings[h];
        // The section's own text: its heading and the paragraph right
        // after it, before its first card ("Cupons válidos apenas para
        // produtos vendidos e entregues por Sonora Áudio").
        let first_card = members(h).map(|seg| own_level(seg).0).min().unwrap_or(0);
        let own_end = intro_after(page, m, head.range)
            .filter(|p| p.1 <= first_card)
            .map_or(head.range.1, |p| p.1);
        let own = Segment {
            ranges: vec![(head.range.0, own_end)],
            ..Segment::default()
        };
        let stated = super::scope::scope(lex, lang, m, &own, &mut EvidenceLog::new(m, &page.text));
        match (stated.stores.as_slice(), stated.kind) {
            ([shop], _) => {
                scopes[h] = Some(SectionScope::Shop(shop.clone(), (head.range.0, own_end)));
                continue;
            }
            ([], Some(ScopeKind::Platform)) => {
                scopes[h] = Some(SectionScope::Platform((head.range.0, own_end)));
                continue;
            }
            _ => {}
        }
        let cues: Vec<_> = m.cues_within(head.range).collect();
        if m.states_value(head.range) {
            continue;
        }
        // "Промокоды Домовита", "Cupones de Mercaterra": words naming a set
        // of codes, then a name, head that shop's codes.
        if let Some(name) = listed_shop(&lex.captures[lang].listing_words, m, head) {
            scopes[h] = Some(SectionScope::Shop(name.to_string(), head.range));
            continue;
        }
        let Some(name) = shop_name(head.text).filter(|_| cues.is_empty()) else {
            continue;
        };
        named.push(h);
        if members(h).any(|seg| refers_to(page, m, seg, head.range, name)) {
            referred += 1;
            scopes[h] = Some(SectionScope::Shop(name.to_string(), head.range));
        }
    }
    if referred >= 2 {
        for h in named {
            if scopes[h].is_none() {
                let name = shop_name(headings[h].text).unwrap_or_default();
                scopes[h] = Some(SectionScope::Shop(name.to_string(), headings[h].range));
            }
        }
    }
    section_of
        .iter()
        .map(|s| s.and_then(|h| scopes[h].clone()))
        .collect()
}

/// The shop a heading like "Промокоды Домовита" or "Cupones de la tienda
/// TecnoRincón" names: the longest of `words` opens it and a name follows.
fn listed_shop<'p>(words: &[String], m: &Mentions, head: &Heading<'p>) -> Option<&'p str> {
    let f = &m.folded.text[head.range.0..head.range.1];
    let len = words
        .iter()
        .filter(|w| f.starts_with(w.as_str()) && f[w.len()..].starts_with(' '))
        .map(String::len)
        .max()?;
    let at = m.folded.to_original(head.range.0 + len) - m.folded.to_original(head.range.0);
    shop_name(head.text.get(at..)?)
}

/// The paragraph right after a heading, if the next block is one.
fn intro_after(page: &Page, m: &Mentions, heading: (usize, usize)) -> Option<(usize, usize)> {
    let at = m.folded.to_original(heading.0);
    let i = page.blocks.iter().position(|b| b.start == at)?;
    let next = page.blocks.get(i + 1)?;
    (next.kind == BlockKind::Paragraph).then(|| m.block_range(next))
}

/// The heading as a shop's name: one to six words, no digit, each word of
/// four letters or more capitalised ("Frantoio Ulivi d'Oro", "Cantina
/// Poggio Alto"), in a script with capitals.
fn shop_name(text: &str) -> Option<&str> {
    let name = text.trim().trim_end_matches([':', '.']);
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let capitalised = |w: &str| {
        // "d'Oro": the word after an elision.
        let w = w.rsplit(['\'', '’']).next().unwrap_or(w);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters < 4 || w.chars().next().is_some_and(char::is_uppercase)
    };
    let first_upper = name.chars().next().is_some_and(char::is_uppercase);
    (first_upper && words.iter().all(|w| capitalised(w))).then_some(name)
}

/// The segment's text names the shop outside its heading: the whole name,
/// or its first word written with its capital in mid-sentence (after a
/// word in lower case), and not right after a category, discount or
/// value ("10 % auf Haushaltsgeräte" names a category, not a shop).
fn refers_to(
    page: &Page,
    m: &Mentions,
    seg: &Segment,
    heading: (usize, usize),
    name: &str,
) -> bool {
    let first = name.split_whitespace().next().unwrap_or(name);
    if first.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return false;
    }
    let f = &m.folded.text;
    let folded_first = crate::text::fold(first);
    seg.ranges.iter().any(|&(s, e)| {
        let mut from = s;
        while let Some(p) = f[from..e].find(&folded_first) {
            let at = from + p;
            from = at + folded_first.len();
            if at >= heading.0 && at < heading.1
                || !crate::text::on_word_boundaries(f, at, at + folded_first.len())
            {
                continue;
            }
            let o = m.folded.to_original(at);
            let capital = page.text[o..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            let before = page.text[..o].trim_end();
            let prev_word = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let mid_sentence =
                before.len() + 1 == o && prev_word.chars().next().is_some_and(char::is_lowercase);
            let labelled = m.cues_ending_near(at, 2).any(|c| {
                matches!(
                    c.cue.kind,
                    CueKind::Category | CueKind::Discount | CueKind::Excluded
                ) && m.gap_is_light(c.end, at, 2)
            }) || m
                .money_starting_in((at.saturating_sub(40), at))
                .iter()
                .any(|x| x.end <= at && at - x.end <= 2);
            if capital && mid_sentence && !labelled {
                return true;
            }
        }
        false
    })
}
