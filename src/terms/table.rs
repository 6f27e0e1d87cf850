//! Tables of vouchers: a header row ("Code | Min. spend | Expires") says what
//! every cell below it holds. Each header cell's cue is projected onto the
//! cells of its column as a cue hit at the cell's start, so the ordinary
//! term rules read "£25" under "Min. spend" as a minimum order and "MF10"
//! under "Code" as the code. A shop column ("Shop", "Händler") names each
//! row's shop only when its rows name two shops or more: one name in every
//! row is the site's own.

use super::mentions::{CueHit, Mentions};
use crate::lexicon::CueKind;
use crate::page::{BlockKind, Page};

/// The cell separator of table-row blocks.
const SEP: &str = " | ";

/// Cue kinds a header cell can give its column.
fn projectable(kind: CueKind) -> bool {
    matches!(
        kind,
        CueKind::Code
            | CueKind::OfferColumn
            | CueKind::StoreColumn
            | CueKind::MinOrder
            | CueKind::MaxDiscount
            | CueKind::Discount
            | CueKind::ValidUntil
            | CueKind::ValidFrom
            | CueKind::Validity
            | CueKind::Store
            | CueKind::Category
            | CueKind::Excluded
            | CueKind::PerUser
            | CueKind::Total
            | CueKind::Payment
            | CueKind::Region
    )
}

/// Byte ranges (folded) of the cells of a row block.
fn cells(page: &Page, m: &Mentions, start: usize, end: usize) -> Vec<(usize, usize)> {
    let text = &page.text[start..end];
    let mut out = Vec::new();
    let mut at = 0;
    for cell in text.split(SEP) {
        let (s, e) = (start + at, start + at + cell.len());
        out.push((m.folded.from_original(s), m.folded.from_original(e)));
        at += cell.len() + SEP.len();
    }
    out
}

/// The cue of a label cell: a short cell without values whose cue is most
/// of its text ("Excludes", "Prodotti esclusi", "Mindestbestellwert:").
fn label_cue<'a>(m: &Mentions<'a>, cell: (usize, usize)) -> Option<CueHit<'a>> {
    let text = &m.folded.text[cell.0..cell.1];
    let label = text.trim_matches(|c: char| c.is_whitespace() || c == ':');
    // The cue ends the label: "Applies to", "Prodotti esclusi"; not "In the box".
    let label_end = cell.0
        + text
            .trim_end_matches(|c: char| c.is_whitespace() || c == ':')
            .len();
    let has_values = m.states_value(cell);
    let short = label.split_whitespace().count() <= 4 && label.chars().count() <= 40;
    if !short || has_values {
        return None;
    }
    m.cues_within(cell)
        .filter(|h| h.end == label_end && projectable(h.cue.kind))
        .min_by_key(|h| h.start)
        .copied()
}

fn validity_kind(k: CueKind) -> bool {
    matches!(
        k,
        CueKind::ValidUntil | CueKind::ValidFrom | CueKind::Validity
    )
}

/// The kind of a cell or line that is a label and nothing else
/// ("Discount", "Coupon discount", "Código", "Compra mínima:"): cue
/// phrases cover every word of it.
pub fn label_kind(m: &Mentions, cell: (usize, usize)) -> Option<CueKind> {
    let cue = label_cue(m, cell)?;
    let hits = m.cues_within(cell).map(|c| (c.start, c.end)).collect();
    m.uncovered(cell, hits)
        .iter()
        .all(|t| !t.chars().any(char::is_alphanumeric))
        .then_some(cue.cue.kind)
}

fn whole_label(m: &Mentions, cell: (usize, usize)) -> bool {
    label_kind(m, cell).is_some()
}

/// Adds the header-projected cue hits of every table on the page.
pub fn project_headers<'a>(page: &Page, m: &mut Mentions<'a>) {
    let mut added: Vec<CueHit<'a>> = Vec::new();
    let mut header: Option<Vec<Option<CueHit<'a>>>> = None;
    // The shop column's cells of the current table, kept until it ends.
    let mut shops: Vec<CueHit<'a>> = Vec::new();
    // A shop cell naming the site itself ("Tout Comptoir Lumen" on Comptoir
    // Lumen's page): its last two words or more, or all of it, stand in
    // the page's title.
    let title = crate::text::fold(page.title.as_deref().unwrap_or(""));
    // A projected hit's cell: the clause it opens (cells part at " | ").
    let cell_text = |h: &CueHit| {
        let (s, e) = m.clause_of(h.start);
        m.folded.text[s..e].trim()
    };
    let names_site = |h: &CueHit| {
        let words: Vec<&str> = cell_text(h).split_whitespace().collect();
        !title.is_empty()
            && (2.min(words.len())..=words.len())
                .rev()
                .any(|k| title.contains(&words[words.len() - k..].join(" ")))
    };
    let flush_shops = |shops: &mut Vec<CueHit<'a>>, added: &mut Vec<CueHit<'a>>| {
        shops.retain(|h| !names_site(h));
        let names: std::collections::HashSet<&str> = shops.iter().map(cell_text).collect();
        if names.len() >= 2 {
            added.append(shops);
        }
        shops.clear();
    };
    let mut prev_row = false;
    // A row of values right below (same cell count): the row above may be
    // a header even when only one of its labels is a cue ("Bestellwert |
    // Ihr Rabatt").
    let values_below = |i: usize, n: usize| {
        page.blocks.get(i + 1).is_some_and(|nb| {
            let r = m.block_range(nb);
            nb.kind == BlockKind::TableRow
                && cells(page, m, nb.start, nb.end).len() == n
                && (m.money_within(r).next().is_some() || m.percents_within(r).next().is_some())
        })
    };
    for (bi, b) in page.blocks.iter().enumerate() {
        if b.kind != BlockKind::TableRow {
            prev_row = false;
            header = None;
            flush_shops(&mut shops, &mut added);
            continue;
        }
        let cs = cells(page, m, b.start, b.end);
        let row = m.block_range(b);
        let has_values = m.money_within(row).next().is_some()
            || m.percents_within(row).next().is_some()
            || m.dates_starting_in(row).iter().any(|x| x.end <= row.1);
        let kinds: Vec<Option<CueHit<'a>>> = cs
            .iter()
            .map(|c| {
                // The longest cue names the column ("Ihr Rabatt", "Discount
                // code"); of equal ones, the later (the label's head noun).
                m.cues_within(*c)
                    .filter(|h| projectable(h.cue.kind))
                    .max_by_key(|h| (h.end - h.start, h.start))
                    .copied()
            })
            .collect();
        // A label row outside a column table ("Excludes | Gift cards",
        // "Minimum purchase | $40"): the label's cue reads the value, unless
        // the value is itself a label (a header "Code | Discount") or states
        // its own dates ("Valid | From 22/05 until 05/06").
        let labels = kinds.iter().filter(|k| k.is_some()).count();
        let short_cells = cs.iter().all(|c| c.1 - c.0 <= 40);
        let is_header = cs.len() >= 2
            && !has_values
            && (labels >= 2 || labels == 1 && short_cells && values_below(bi, cs.len()));
        let value_opens_with_label = cs.len() == 2 && {
            let text = &m.folded.text[cs[1].0..cs[1].1];
            let lead = cs[1].0 + text.len() - text.trim_start().len();
            m.cues_within(cs[1])
                .any(|c| c.start == lead && projectable(c.cue.kind))
        };
        if header.is_none()
            && cs.len() == 2
            && !whole_label(m, cs[1])
            && !(is_header
                && (value_opens_with_label
                    || label_cue(m, cs[1]).is_some() && values_below(bi, cs.len())))
        {
            let own_dates = |k: CueKind| {
                validity_kind(k) && m.cues_within(cs[1]).any(|c| validity_kind(c.cue.kind))
            };
            let row_label = label_cue(m, cs[0])
                .filter(|h| !own_dates(h.cue.kind) && h.cue.kind != CueKind::StoreColumn);
            if let Some(hit) = row_label {
                added.push(CueHit {
                    start: cs[1].0,
                    end: cs[1].0,
                    cue: hit.cue,
                });
                prev_row = true;
                continue;
            }
        }
        if is_header && (!prev_row || header.is_none()) {
            flush_shops(&mut shops, &mut added);
            header = Some(kinds);
            prev_row = true;
            continue;
        }
        prev_row = true;
        let Some(h) = &header else { continue };
        if h.len() != cs.len() {
            continue;
        }
        for (cell, hit) in cs.iter().zip(h) {
            if let Some(hit) = hit {
                let projected = CueHit {
                    start: cell.0,
                    end: cell.0,
                    cue: hit.cue,
                };
                if hit.cue.kind == CueKind::StoreColumn {
                    shops.push(projected);
                } else {
                    added.push(projected);
                }
            }
        }
    }
    flush_shops(&mut shops, &mut added);
    if !added.is_empty() {
        m.cues.extend(added);
        m.cues.sort_by_key(|c| (c.start, c.end));
    }
}
