//! Footnotes: a block that opens with a marker (`*`, `**`, `†`, `¹`) states
//! terms of the voucher whose text carries the same marker ("20 % auf
//! alles*"), and a note an in-page link points to (`<a href="#n3">3</a>`
//! in a table row, `<li id="n3">` under the table) states terms of the
//! vouchers holding the link, wherever the note stands on the page.
//! Segmentation puts a note with whatever voucher precedes it; this moves
//! it to the vouchers that refer to it.

use super::segment::Segment;

/// A footnote marker: a run of one symbol (`**` is not `*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    symbol: char,
    count: usize,
}

fn is_marker_symbol(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '¹' | '²' | '³' | '⁴' | '⁵')
}

/// The marker a block opens with, if it is a footnote.
fn opening_marker(text: &str) -> Option<Marker> {
    let t = text.trim_start();
    let symbol = t.chars().next().filter(|&c| is_marker_symbol(c))?;
    let count = t.chars().take_while(|&c| c == symbol).count();
    // The note itself follows: "* Gültig bis …", "**Nicht kombinierbar".
    let rest = t[symbol.len_utf8() * count..].trim_start();
    (count <= 4 && rest.chars().next().is_some_and(char::is_alphanumeric))
        .then_some(Marker { symbol, count })
}

/// The text carries the marker after a word, a number or a closing sign
/// ("alles*", "60 €*", "Rabatt *"), not at its start.
fn carries(text: &str, marker: Marker) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != marker.symbol {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == marker.symbol {
            i += 1;
        }
        let before = chars[..start].iter().rev().find(|c| !c.is_whitespace());
        let after = chars.get(i);
        let attached = before.is_some_and(|c| c.is_alphanumeric() || "€$£%)».!".contains(*c));
        if i - start == marker.count && attached && !after.is_some_and(|c| c.is_alphanumeric()) {
            return true;
        }
    }
    false
}

/// Moves every footnote block to the segments whose text carries its
/// marker. `blocks` are all content block ranges (folded offsets), in order;
/// `keys` the offsets of what defines vouchers (codes, auto-applied cues).
pub fn attach(text: &str, blocks: &[(usize, usize)], keys: &[usize], segments: &mut [Segment]) {
    for &note in blocks {
        let Some(note_text) = text.get(note.0..note.1) else {
            continue;
        };
        let Some(marker) = opening_marker(note_text) else {
            continue;
        };
        // A note holding a voucher key (a code, "applied automatically")
        // states a voucher of its own: it stays where segmentation put it.
        if keys.iter().any(|&k| k >= note.0 && k < note.1) {
            continue;
        }
        let carriers: Vec<usize> = segments
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.ranges
                    .iter()
                    .any(|&r| r != note && text.get(r.0..r.1).is_some_and(|t| carries(t, marker)))
            })
            .map(|(i, _)| i)
            .collect();
        move_note(&[note], &carriers, segments);
    }
}

/// The most blocks a linked note may hold: a longer target (`#main`, a
/// whole terms page) is no note of one row.
const MAX_NOTE_BLOCKS: usize = 4;

/// Moves the blocks each in-page link points to into the segments that hold
/// the link. `links` are (where the link opens, its target's span), folded
/// offsets. A target holding a voucher key, or more than a note's blocks,
/// stays where it is.
pub fn attach_linked(
    links: &[(usize, (usize, usize))],
    blocks: &[(usize, usize)],
    keys: &[usize],
    segments: &mut [Segment],
) {
    // Each target with the places that link to it.
    let mut targets: std::collections::BTreeMap<(usize, usize), Vec<usize>> =
        std::collections::BTreeMap::new();
    for &(at, target) in links {
        // A link inside its own target (a note linking back) carries nothing.
        if !(at >= target.0 && at < target.1) {
            targets.entry(target).or_default().push(at);
        }
    }
    for (target, from) in targets {
        if keys.iter().any(|&k| k >= target.0 && k < target.1) {
            continue;
        }
        let first = blocks.partition_point(|b| b.0 < target.0);
        let notes: Vec<(usize, usize)> = blocks[first..]
            .iter()
            .take_while(|b| b.1 <= target.1)
            .copied()
            .collect();
        if notes.is_empty() || notes.len() > MAX_NOTE_BLOCKS {
            continue;
        }
        let carriers: Vec<usize> = segments
            .iter()
            .enumerate()
            .filter(|(_, s)| from.iter().any(|&at| s.contains(at)))
            .map(|(i, _)| i)
            .collect();
        move_note(&notes, &carriers, segments);
    }
}

/// Puts a note's blocks into the carrier segments and takes them out of
/// every other; a note no segment refers to stays where it is.
fn move_note(note: &[(usize, usize)], carriers: &[usize], segments: &mut [Segment]) {
    if carriers.is_empty() {
        return;
    }
    for (i, s) in segments.iter_mut().enumerate() {
        for &block in note {
            let has = s.ranges.contains(&block);
            if carriers.contains(&i) && !has {
                let at = s.ranges.partition_point(|r| r.0 < block.0);
                s.ranges.insert(at, block);
            } else if !carriers.contains(&i) && has {
                s.ranges.retain(|r| *r != block);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(ranges: &[(usize, usize)]) -> Segment {
        Segment {
            ranges: ranges.to_vec(),
            code: None,
            title: None,
            card: false,
        }
    }

    #[test]
    fn markers_open_notes_and_attach_to_words() {
        let star = Marker {
            symbol: '*',
            count: 1,
        };
        assert_eq!(opening_marker("* Gültig bis 14.06."), Some(star));
        assert_eq!(
            opening_marker("**Nicht kombinierbar").map(|m| m.count),
            Some(2)
        );
        assert_eq!(opening_marker("*** "), None);
        assert_eq!(opening_marker("Preis 5 €*"), None);
        assert!(carries("20 % auf alles*", star));
        assert!(carries("€10 off when you spend €60*", star));
        assert!(carries("Rabatt *", star));
        assert!(!carries("20% off textbooks**", star));
        assert!(!carries("* note", star));
    }

    #[test]
    fn a_note_moves_to_the_voucher_with_its_marker() {
        let text = "20 % auf alles*\nCode HERZ20\n10 % auf Taschen**\nCode TASCHE10\n* ab 50 €\n** bis Juni";
        let lines: Vec<(usize, usize)> = {
            let mut at = 0;
            text.split('\n')
                .map(|l| {
                    let r = (at, at + l.len());
                    at += l.len() + 1;
                    r
                })
                .collect()
        };
        let mut segs = vec![seg(&lines[0..2]), seg(&lines[2..])];
        attach(text, &lines, &[], &mut segs);
        assert_eq!(segs[0].ranges, [lines[0], lines[1], lines[4]]);
        assert_eq!(segs[1].ranges, [lines[2], lines[3], lines[5]]);
    }
}
