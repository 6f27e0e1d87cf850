//! Splitting a page into one text segment per voucher: a listing of codes
//! becomes one segment per code (by card container when the page marks
//! cards, else by headings, else at the code blocks), a single-voucher page
//! one segment. Site chrome (nav, header, footer) is never in a segment.

use super::code::CodeHit;
use super::mentions::Mentions;
use crate::page::{BlockKind, GroupKind, Page};

/// The text of one voucher: folded byte ranges (whole blocks, or the part
/// of a block that one of several codes in it owns) and its headline.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    pub ranges: Vec<(usize, usize)>,
    /// The code that defines this segment, if any.
    pub code: Option<CodeHit>,
    /// Folded range of the headline block.
    pub title: Option<(usize, usize)>,
    /// The segment is one card of a listing.
    pub card: bool,
}

impl Segment {
    pub fn contains(&self, at: usize) -> bool {
        self.ranges.iter().any(|r| at >= r.0 && at < r.1)
    }

    /// Bytes of the segment's own text between two offsets: a note moved
    /// in from the foot of the page stands right after its row.
    pub fn text_between(&self, from: usize, to: usize) -> usize {
        self.ranges
            .iter()
            .map(|r| r.1.min(to).saturating_sub(r.0.max(from)))
            .sum()
    }

    pub fn span(&self) -> (usize, usize) {
        (
            self.ranges.first().map(|r| r.0).unwrap_or(0),
            self.ranges.last().map(|r| r.1).unwrap_or(0),
        )
    }
}

struct Blk {
    range: (usize, usize),
    kind: BlockKind,
    level: u8,
    group: Option<usize>,
}

/// Splits the page's content blocks into voucher segments.
pub fn split(
    page: &Page,
    m: &Mentions,
    codes: &[CodeHit],
    auto_applied: &[usize],
    is_anchor: &dyn Fn((usize, usize)) -> bool,
) -> Vec<Segment> {
    // Product tiles of a grid are distractors: their prices, markdowns and
    // "free delivery" badges state no voucher (unless a tile shows a code).
    let product_tile = |b: &crate::page::Block| {
        b.group
            .and_then(|g| page.groups.get(g))
            .is_some_and(|g| g.kind == GroupKind::Product)
            && {
                let (s, e) = m.block_range(b);
                !codes.iter().any(|c| c.start >= s && c.start < e)
            }
    };
    // The first code each card shows, and whether it shows another: a
    // card holds one voucher, so a container showing two or more different
    // codes (a newsletter laid out in one table row) is no card.
    let mut card_code: Vec<Option<&str>> = vec![None; page.groups.len()];
    let mut multi_code = vec![false; page.groups.len()];
    for b in &page.blocks {
        let Some(g) = b.group.filter(|&g| g < multi_code.len()) else {
            continue;
        };
        let (s, e) = m.block_range(b);
        let from = codes.partition_point(|c| c.start < s);
        for c in codes[from..].iter().take_while(|c| c.start < e) {
            let first = *card_code[g].get_or_insert(&c.code);
            multi_code[g] |= !first.eq_ignore_ascii_case(&c.code);
        }
    }
    // A grid of plain cards none of which shows a code, on a page whose
    // codes all stand outside such cards: product tiles by another name
    // ("div.card" / "Save 29%"). Decided once per group, from the plain
    // cards by their markup (tag and class): how many, any with a code.
    let mut kinds: std::collections::HashMap<(&str, &str), (usize, bool)> =
        std::collections::HashMap::new();
    for (g, x) in page.groups.iter().enumerate() {
        if x.kind == GroupKind::Card {
            let k = kinds.entry((&x.tag, &x.label)).or_default();
            k.0 += 1;
            k.1 |= card_code[g].is_some();
        }
    }
    let grid: Vec<bool> = page
        .groups
        .iter()
        .map(|x| {
            !codes.is_empty()
                && x.kind == GroupKind::Card
                && kinds
                    .get(&(x.tag.as_str(), x.label.as_str()))
                    .is_some_and(|&(n, coded)| n >= 3 && !coded)
        })
        .collect();
    let grid_tile = |b: &crate::page::Block| {
        b.group
            .is_some_and(|g| grid.get(g).copied().unwrap_or(false))
    };
    let blocks: Vec<Blk> = page
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Chrome && !product_tile(b) && !grid_tile(b))
        .map(|b| Blk {
            range: m.block_range(b),
            kind: b.kind,
            level: b.level,
            group: b
                .group
                .filter(|&g| !multi_code.get(g).copied().unwrap_or(false)),
        })
        .collect();
    if blocks.is_empty() {
        return Vec::new();
    }
    let block_of = |at: usize| {
        blocks
            .iter()
            .position(|b| at >= b.range.0 && at <= b.range.1)
    };
    // Voucher keys in order: distinct codes, each at its first block, and
    // "no code needed" deals stated in a block of their own with a discount.
    let mut firsts: Vec<(Option<&CodeHit>, usize)> = Vec::new();
    for c in codes {
        if firsts
            .iter()
            .any(|(f, _)| f.is_some_and(|f| f.code.eq_ignore_ascii_case(&c.code)))
        {
            continue;
        }
        if let Some(b) = block_of(c.start) {
            firsts.push((Some(c), b));
        }
    }
    if !firsts.is_empty() {
        for &a in auto_applied {
            let Some(b) = block_of(a) else { continue };
            let near_discount = (b.saturating_sub(1)..=(b + 1).min(blocks.len() - 1))
                .any(|i| is_anchor(blocks[i].range));
            // A line beside a code ("applied automatically at checkout")
            // belongs to that code's voucher, unless it states a discount
            // of its own.
            let near_code =
                firsts.iter().any(|(_, cb)| cb.abs_diff(b) <= 1) && !is_anchor(blocks[b].range);
            // One deal stated over two lines ("Free shipping, no code" /
            // "Applied automatically …") is one voucher.
            let seen = firsts
                .iter()
                .any(|(c, fb)| *fb == b || c.is_none() && fb.abs_diff(b) <= 1);
            if near_discount && !near_code && !seen {
                firsts.push((None, b));
            }
        }
        firsts.sort_by_key(|(_, b)| *b);
    }
    // Cards: when two or more card groups each state a voucher (a discount,
    // free shipping, or a code), every such card is a voucher.
    let mut cards: Vec<usize> = Vec::new();
    for b in &blocks {
        if let Some(g) = b.group {
            let states = is_anchor(b.range)
                || codes
                    .iter()
                    .any(|c| c.start >= b.range.0 && c.start < b.range.1);
            if states && !cards.contains(&g) {
                cards.push(g);
            }
        }
    }
    let grouped_codes = codes.iter().all(|c| {
        block_of(c.start).is_some_and(|b| blocks[b].group.is_some_and(|g| cards.contains(&g)))
    });
    if cards.len() >= 2 && grouped_codes {
        // A card holding only a code chip belongs with the voucher text
        // outside the cards (a hero headline and its "Collect" chip).
        let card_has_anchor = |g: usize| {
            blocks
                .iter()
                .any(|b| b.group == Some(g) && is_anchor(b.range))
        };
        // A chip: the card's text is little more than its code.
        let card_len = |g: usize| -> usize {
            blocks
                .iter()
                .filter(|b| b.group == Some(g))
                .map(|b| b.range.1 - b.range.0)
                .sum()
        };
        let chip_cards: Vec<usize> = cards
            .iter()
            .copied()
            .filter(|&g| !card_has_anchor(g) && card_len(g) <= 60)
            .collect();
        let rest: Vec<usize> = (0..blocks.len())
            .filter(|&i| {
                blocks[i]
                    .group
                    .is_none_or(|g| !cards.contains(&g) || chip_cards.contains(&g))
            })
            .collect();
        // Without such text outside, a short card is a voucher of its own
        // ("10 % in der App" / "Code: KANNE10").
        let rest_segment = (!chip_cards.is_empty()
            && rest.iter().any(|&i| is_anchor(blocks[i].range)))
        .then(|| {
            cards.retain(|g| !chip_cards.contains(g));
            let code = codes
                .iter()
                .find(|c| block_of(c.start).is_some_and(|b| rest.contains(&b)));

            let (s, e) = (rest[0], rest[rest.len() - 1] + 1);
            Segment {
                ranges: rest.iter().map(|&i| blocks[i].range).collect(),
                code: code.cloned(),
                title: title_in(m, &blocks, s, e, false, is_anchor),
                card: false,
            }
        });
        // A "no code needed" deal among the cards, in a block of its own
        // outside them (a row of a table of codes without a code).
        let mut deal_blocks: Vec<usize> =
            auto_applied.iter().filter_map(|&a| block_of(a)).collect();
        deal_blocks.dedup();
        let deals = deal_blocks.into_iter().filter_map(|b| {
            let blk = &blocks[b];
            (blk.group.is_none_or(|g| !cards.contains(&g)) && is_anchor(blk.range)).then(|| {
                Segment {
                    ranges: vec![blk.range],
                    code: None,
                    title: title_in(m, &blocks, b, b + 1, false, is_anchor),
                    card: true,
                }
            })
        });
        // A segment of the rest already holds such deals.
        let has_rest = rest_segment.is_some();
        let mut out: Vec<Segment> = rest_segment
            .into_iter()
            .chain(cards.iter().map(|&g| {
                let idx: Vec<usize> = (0..blocks.len())
                    .filter(|&i| blocks[i].group == Some(g))
                    .collect();
                let (s, e) = (idx[0], idx[idx.len() - 1] + 1);
                let code = codes
                    .iter()
                    .find(|c| block_of(c.start).is_some_and(|b| blocks[b].group == Some(g)));
                Segment {
                    ranges: idx.iter().map(|&i| blocks[i].range).collect(),
                    code: code.cloned(),
                    title: title_in(m, &blocks, s, e, true, is_anchor),
                    card: true,
                }
            }))
            .collect();
        if !has_rest {
            out.extend(deals);
            out.sort_by_key(|s| s.span().0);
        }
        return out;
    }
    let whole = |code: Option<&CodeHit>| Segment {
        ranges: blocks.iter().map(|b| b.range).collect(),
        code: code.cloned(),
        title: title_in(m, &blocks, 0, blocks.len(), false, is_anchor),
        card: false,
    };
    if firsts.len() <= 1 {
        return vec![whole(firsts.first().and_then(|f| f.0))];
    }
    // Card containers: every code in its own group.
    let groups: Vec<Option<usize>> = firsts.iter().map(|(_, b)| blocks[*b].group).collect();
    let distinct = groups.iter().all(|g| g.is_some())
        && groups
            .iter()
            .enumerate()
            .all(|(i, g)| !groups[..i].contains(g));
    let mut bounds: Vec<(usize, usize)> = Vec::new(); // block index ranges
    if distinct {
        for (_, b) in &firsts {
            let g = blocks[*b].group;
            let idx: Vec<usize> = (0..blocks.len())
                .filter(|&i| blocks[i].group == g)
                .collect();
            bounds.push((idx[0], idx[idx.len() - 1] + 1));
        }
    } else {
        // Cut between consecutive codes: where the next code's card starts,
        // else at the last heading between them, else at the line stating
        // the next code's discount, else after the code block when the page
        // states discounts before codes, else before the next code block.
        let first_anchor = (0..blocks.len()).find(|&i| is_anchor(blocks[i].range));
        let codes_last = first_anchor.is_some_and(|a| a < firsts[0].1);
        // A code right under a short line stating its discount ("5 % auf
        // Gartenmöbel" / "Code: GARTEN15" / terms …): that line opens the
        // voucher, when the code before it is laid out alike (a deal
        // without a code needs no such company).
        let headed = |b: usize| {
            b > 0
                && is_anchor(blocks[b - 1].range)
                && blocks[b - 1].range.1 - blocks[b - 1].range.0 <= 120
                && !firsts.iter().any(|&(_, o)| o == b - 1)
        };
        // A heading or a value badge opens what follows it: a cut at `f`
        // moves up to the first heading of such a run right above it
        // (outside any card when `loose`), never to `a` or above.
        let opens = |i: usize| {
            blocks[i].kind == BlockKind::Heading
                || blocks[i].kind == BlockKind::Other
                    && (bare_value(m, blocks[i].range)
                        || blocks[i].range.1 - blocks[i].range.0 <= 16)
        };
        let lift = |f: usize, a: usize, loose: bool| {
            let mut top = f;
            let mut i = f;
            while i > a + 1 && (!loose || blocks[i - 1].group.is_none()) && opens(i - 1) {
                i -= 1;
                if blocks[i].kind == BlockKind::Heading {
                    top = i;
                }
            }
            top
        };
        let mut cuts = Vec::new();
        for w in firsts.windows(2) {
            let (a, b) = (w[0].1, w[1].1);
            // A section heading and a value badge right above the card's
            // own heading ("Frantoio Ulivi d'Oro" / "3 €" / "3 € ogni 30 €")
            // open the next voucher with it.
            let heading = (a + 1..=b)
                .rev()
                .find(|&i| blocks[i].kind == BlockKind::Heading)
                .map(|h| lift(h, a, false));
            // A code in a card of its own: its voucher starts with its card
            // (and the headings right above it).
            let (ga, gb) = (blocks[a].group, blocks[b].group);
            let card_start = gb
                .filter(|_| ga != gb)
                .and_then(|g| (a + 1..=b).find(|&i| blocks[i].group == Some(g)))
                .map(|f| lift(f, a, true));
            let cut = match card_start.or(heading) {
                Some(f) => f,
                None if headed(b) && (headed(a) || w[1].0.is_none()) => b - 1,
                None if codes_last => a + 1,
                None => b,
            }
            .clamp(a + 1, b.max(a + 1));
            // A new section's heading above the card (an `<h2>` over its
            // `<h3>`) ends the voucher before it. The section's intro between
            // them, when it states no value, belongs to no card: the section
            // reads it (`section::section_scopes`).
            let section = card_start.or(heading).and_then(|f| {
                let own = (f..=b).find(|&i| blocks[i].kind == BlockKind::Heading)?;
                (a + 1..f)
                    .rev()
                    .find(|&i| {
                        blocks[i].kind == BlockKind::Heading && blocks[i].level < blocks[own].level
                    })
                    .filter(|&s| (s + 1..f).all(|i| opens(i) || !m.states_value(blocks[i].range)))
                    .map(|s| lift(s, a, false))
            });
            cuts.push((section.map_or(cut, |s| s.clamp(a + 1, cut)), cut));
        }
        let mut start = 0;
        for (i, &(end, next)) in cuts.iter().enumerate() {
            let s = if i == 0 {
                start.min(firsts[0].1)
            } else {
                start
            };
            bounds.push((s, end));
            start = next;
        }
        // Codes stated in one section (no heading between them, as in a
        // newsletter's paragraphs): the last voucher ends where the next
        // section starts.
        let (first_code, last_code) = (firsts[0].1, firsts[firsts.len() - 1].1);
        let one_section = !(first_code..=last_code).any(|i| blocks[i].kind == BlockKind::Heading);
        // Codes in sections of cards (`<h2>` shops over `<h3>` cards): the
        // last voucher ends at the next heading of a section's rank.
        let opening = (0..=first_code)
            .rev()
            .find(|&i| blocks[i].kind == BlockKind::Heading)
            .unwrap_or(first_code);
        let levels: Vec<u8> = (opening..=last_code)
            .filter(|&i| blocks[i].kind == BlockKind::Heading)
            .map(|i| blocks[i].level)
            .collect();
        let section_rank = levels
            .iter()
            .min()
            .filter(|&&l| levels.iter().any(|&o| o != l));
        let end = (last_code + 1..blocks.len())
            .find(|&i| {
                blocks[i].kind == BlockKind::Heading
                    && (one_section || section_rank.is_some_and(|&r| blocks[i].level <= r))
            })
            .unwrap_or(blocks.len());
        bounds.push((start, end.max(start)));
        // The first segment starts at the first card, not at the top of the page.
        if let Some(first) = bounds.first_mut() {
            let b0 = firsts[0].1;
            let top = (0..=b0)
                .rev()
                .find(|&i| blocks[i].kind == BlockKind::Heading)
                .unwrap_or(b0);
            if codes_last {
                let a = first_anchor.unwrap_or(b0);
                first.0 = (a.min(b0)).max(
                    (0..=a)
                        .rev()
                        .find(|&i| blocks[i].kind == BlockKind::Heading)
                        .unwrap_or(a),
                );
            } else {
                first.0 = top;
            }
        }
    }
    // Every code under a heading of its own, with no other code between
    // them ("Willkommen im Teehaus" / "… mit GRUENERSTER 10 % …"): each
    // heading names its voucher as a card's would. A heading over several
    // codes ("This month's codes") names none.
    let own_heading: Vec<Option<usize>> = firsts
        .iter()
        .enumerate()
        .map(|(i, &(_, b))| {
            let floor = if i == 0 { 0 } else { firsts[i - 1].1 + 1 };
            (floor..b.max(floor))
                .rev()
                .find(|&h| blocks[h].kind == BlockKind::Heading)
        })
        .collect();
    let sectioned = own_heading.iter().all(Option::is_some);
    let mut out: Vec<Segment> = firsts
        .iter()
        .zip(bounds)
        .zip(own_heading)
        .map(|(((code, _), (s, e)), heading)| Segment {
            ranges: blocks[s..e.max(s)].iter().map(|b| b.range).collect(),
            code: (*code).cloned(),
            title: title_in(m, &blocks, s, e, false, is_anchor).or_else(|| {
                heading
                    .filter(|&h| sectioned && h >= s && h < e)
                    .map(|h| blocks[h].range)
            }),
            card: false,
        })
        .collect();
    share_blocks(m, &firsts, &blocks, &mut out);
    out
}

/// Several codes in one block ("… 15% off with PELLE15. SCALA10 gives
/// 10% with Scalapay …"): the block is cut between them, each code
/// keeping the text from its own sentence (else its own clause) on. The
/// first also keeps what comes before it, the last what follows.
fn share_blocks(
    m: &Mentions,
    firsts: &[(Option<&CodeHit>, usize)],
    blocks: &[Blk],
    segments: &mut [Segment],
) {
    let text = m.folded.text.as_str();
    // The cut between two codes of one block: where the second code's
    // sentence starts, else after the last clause mark between them.
    let cut = |r: (usize, usize), a: usize, b: usize| -> usize {
        let (start, _) = crate::text::sentence_around(text, r, b);
        if start > a {
            return start;
        }
        let gap = &text[a..b];
        ["; ", ", "]
            .iter()
            .filter_map(|p| gap.rfind(p).map(|i| a + i + p.len()))
            .max()
            .unwrap_or(b)
    };
    let mut i = 0;
    while i + 1 < firsts.len() {
        let b = firsts[i].1;
        let mut j = i;
        while j + 1 < firsts.len() && firsts[j + 1].1 == b {
            j += 1;
        }
        let codes: Vec<&CodeHit> = firsts[i..=j].iter().filter_map(|f| f.0).collect();
        if j > i && codes.len() == j - i + 1 && j < segments.len() {
            let r = blocks[b].range;
            let mut cuts = vec![r.0];
            for w in codes.windows(2) {
                cuts.push(cut(r, w[0].end, w[1].start));
            }
            cuts.push(r.1);
            for (k, seg) in segments[i..=j].iter_mut().enumerate() {
                let part = (cuts[k], cuts[k + 1]);
                if let Some(at) = seg.ranges.iter().position(|x| *x == r) {
                    seg.ranges[at] = part;
                } else {
                    let at = seg
                        .ranges
                        .iter()
                        .position(|x| x.0 > r.0)
                        .unwrap_or(seg.ranges.len());
                    seg.ranges.insert(at, part);
                }
                seg.ranges.retain(|x| x.0 < x.1);
            }
        }
        i = j + 1;
    }
}

/// The values a short heading states behind an "up to" ("bis zu 60 €
/// Rabatt"). It heads its voucher when one of them is a discount the
/// voucher states (tiers of 10, 25 and 60 €), not a sale banner's ("bis zu
/// 35 % günstiger").
fn up_to_values(m: &Mentions, r: (usize, usize)) -> Vec<rust_decimal::Decimal> {
    if r.1 - r.0 > 120 {
        return Vec::new();
    }
    m.money_within(r)
        .map(|x| (x.start, x.amount))
        .chain(m.percents_within(r).map(|p| (p.start, p.value)))
        .filter(|&(v, _)| {
            m.cues_ending_near(v, 3).any(|c| {
                c.cue.kind == crate::lexicon::CueKind::MaxDiscount
                    && c.start >= r.0
                    && m.gap_is_light(c.end, v, 3)
            })
        })
        .map(|(_, amount)| amount)
        .collect()
}

/// A cell that only states a value ("10 %", "−400 ₽", "خصم 40 درهم",
/// "$100 off"): a column of amounts, not a headline. Beside its values it
/// holds at most one word, a discount word.
fn bare_value(m: &Mentions, cell: (usize, usize)) -> bool {
    let values: Vec<(usize, usize)> = m
        .money_within(cell)
        .map(|x| (x.start, x.end))
        .chain(m.percents_within(cell).map(|p| (p.start, p.end)))
        .collect();
    if values.is_empty() {
        return false;
    }
    let words: Vec<&str> = m
        .uncovered(cell, values)
        .into_iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => true,
        [w] => m.cues_within(cell).any(|c| {
            c.cue.kind == crate::lexicon::CueKind::Discount && m.folded.text[c.start..c.end] == **w
        }),
        _ => false,
    }
}

/// The headline of blocks `[s, e)`: a heading that states the discount;
/// else the first short block that states it (in a table row, its cell);
/// else, inside a card, the card's first heading. A product heading outside
/// any card is not the voucher's headline.
fn title_in(
    m: &Mentions,
    blocks: &[Blk],
    s: usize,
    e: usize,
    in_card: bool,
    is_anchor: &dyn Fn((usize, usize)) -> bool,
) -> Option<(usize, usize)> {
    let span = &blocks[s..e.max(s)];
    if let Some(h) = span
        .iter()
        .find(|b| b.kind == BlockKind::Heading && is_anchor(b.range))
    {
        return Some(h.range);
    }
    // A hero banner naming the best tier ("Up to $400 off mattresses",
    // "Fête des pères : jusqu'à 25 € offerts") heads a tiered voucher.
    // The segment's discounts are read only when a heading states an
    // "up to" value.
    let banners: Vec<(&Blk, Vec<rust_decimal::Decimal>)> = span
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| (b, up_to_values(m, b.range)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if !banners.is_empty() {
        let stated: Vec<rust_decimal::Decimal> = span
            .iter()
            .flat_map(|b| super::tiers::discounts(m, b.range))
            .map(|f| match f.val {
                super::tiers::Val::Money(i) => m.money[i].amount,
                super::tiers::Val::Percent(i) => m.percents[i].value,
            })
            .collect();
        if let Some((h, _)) = banners
            .iter()
            .find(|(_, values)| values.iter().any(|v| stated.contains(v)))
        {
            return Some(h.range);
        }
    }
    // A tier list ("$5 off $40 · $12 off $80") under its own heading ("Spend
    // more, save more", "Up to $12 off"): the heading is the headline.
    if let Some(first) = span.iter().position(|b| is_anchor(b.range)) {
        let b = &span[first];
        let tiers = super::tiers::discounts(m, b.range).len();
        let heading = span[..first]
            .iter()
            .rev()
            .take(2)
            .find(|h| h.kind == BlockKind::Heading && h.range.1 - h.range.0 <= 120);
        if tiers >= 2 && b.kind != BlockKind::Heading {
            if let Some(h) = heading {
                return Some(h.range);
            }
        }
    }
    for b in span.iter().filter(|b| is_anchor(b.range)) {
        let text = &m.folded.text[b.range.0..b.range.1];
        if b.kind == BlockKind::TableRow || text.contains(" | ") {
            let mut at = b.range.0;
            for cell in text.split(" | ") {
                let r = (at, at + cell.len());
                at += cell.len() + 3;
                if is_anchor(r) && cell.len() <= 120 && !bare_value(m, r) {
                    return Some(r);
                }
            }
            continue;
        }
        // A bar of shop promises ("Free delivery from €49 · Free returns ·
        // Pay in 3") is not a headline.
        if text.len() <= 120 && text.matches(" · ").count() < 2 {
            return Some(b.range);
        }
    }
    if in_card {
        return span
            .iter()
            .find(|b| b.kind == BlockKind::Heading)
            .map(|b| b.range);
    }
    None
}
