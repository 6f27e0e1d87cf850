//! Card-like containers → numbered groups. While reading, every element
//! that may be a card (named like a coupon or a product, an `<article>`, a
//! `<li>`, a `<tr>`) is recorded as a candidate; once the page is read,
//! the candidates that hold up become groups: list items with several
//! blocks, rows of a table of codes, and named cards that are not lists
//! of alike cards. The outermost card wins.

use super::lexer::Name;
use super::types::{Block, Group, GroupKind};
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CandKind {
    Named(GroupKind),
    Article,
    Li,
    Tr,
}

pub struct Cand {
    pub parent: Option<u32>,
    pub kind: CandKind,
    pub tag: Name,
    /// Tag and first class token: alike siblings share it.
    pub sig: u64,
    pub label: String,
    pub chrome: bool,
    pub blocks_open: usize,
    pub blocks_close: usize,
    pub text_open: usize,
    pub table: u32,
    pub row_code: bool,
}

/// Turns candidate containers into numbered groups (see [`Block::group`])
/// and sets each block's group; `block_cands[i]` is the innermost candidate
/// of block `i`.
pub fn resolve(cands: &[Cand], blocks: &mut [Block], block_cands: &[Option<u32>]) -> Vec<Group> {
    let mut groups = Vec::new();
    let n = cands.len();
    if n == 0 {
        return groups;
    }
    // Tables of codes: two or more rows that hold a code-like token.
    let mut code_rows: HashMap<u32, u32> = HashMap::new();
    for c in cands {
        if c.kind == CandKind::Tr && c.row_code {
            *code_rows.entry(c.table).or_default() += 1;
        }
    }
    let qualifies: Vec<bool> = cands
        .iter()
        .map(|c| match c.kind {
            CandKind::Named(_) | CandKind::Article => true,
            CandKind::Li => c.blocks_close.saturating_sub(c.blocks_open) >= 2,
            CandKind::Tr => c.row_code && code_rows.get(&c.table).copied().unwrap_or(0) >= 2,
        })
        .collect();
    // Lists: a container with two or more alike qualifying children, or
    // two or more voucher cards (a store and a platform coupon).
    let mut child_sigs: HashMap<(u32, u64), u32> = HashMap::new();
    let mut voucher_children = vec![0u32; n];
    let mut is_list = vec![false; n];
    for (i, c) in cands.iter().enumerate() {
        if !qualifies[i] {
            continue;
        }
        if let Some(p) = c.parent {
            let e = child_sigs.entry((p, c.sig)).or_default();
            *e += 1;
            if c.kind == CandKind::Named(GroupKind::Voucher) {
                voucher_children[p as usize] += 1;
            }
            if *e >= 2 || voucher_children[p as usize] >= 2 {
                is_list[p as usize] = true;
            }
        }
    }
    // Outermost card wins; parents come before children.
    let mut eff: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let c = &cands[i];
        let inherited = c.parent.and_then(|p| eff[p as usize]);
        eff[i] = if inherited.is_some() {
            inherited
        } else if qualifies[i] && !is_list[i] {
            let kind = match c.kind {
                CandKind::Named(k) => k,
                CandKind::Article => GroupKind::Card,
                CandKind::Li => GroupKind::Item,
                CandKind::Tr => GroupKind::Row,
            };
            groups.push(Group {
                kind,
                tag: c.tag.as_str().to_string(),
                label: c.label.clone(),
                chrome: c.chrome,
            });
            Some(groups.len() - 1)
        } else {
            None
        };
    }
    for (block, cand) in blocks.iter_mut().zip(block_cands) {
        block.group = cand.and_then(|c| eff[c as usize]);
    }
    join_title_rows(cands, blocks, block_cands, &code_rows);
    groups
}

/// A table that alternates a title row and a code row ("5 € de regalo en
/// tu 1ª compra", then "Código: PRIMERA5 …"): each title row joins the
/// group of the code row right after it.
fn join_title_rows(
    cands: &[Cand],
    blocks: &mut [Block],
    block_cands: &[Option<u32>],
    code_rows: &HashMap<u32, u32>,
) {
    let row_of = |c: Option<u32>| -> Option<u32> {
        let mut c = c?;
        while cands[c as usize].kind != CandKind::Tr {
            c = cands[c as usize].parent?;
        }
        Some(c)
    };
    let rows: Vec<Option<u32>> = block_cands.iter().map(|&c| row_of(c)).collect();
    let mut plain_rows: HashMap<u32, u32> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for &r in rows.iter().flatten() {
        let c = &cands[r as usize];
        if seen.insert(r) && !c.row_code {
            *plain_rows.entry(c.table).or_default() += 1;
        }
    }
    for i in 0..blocks.len() {
        let Some(r) = rows[i] else { continue };
        let (table, code_row) = (cands[r as usize].table, cands[r as usize].row_code);
        let codes = code_rows.get(&table).copied().unwrap_or(0);
        if code_row
            || blocks[i].group.is_some()
            || codes < 2
            || plain_rows.get(&table) != Some(&codes)
        {
            continue;
        }
        let next = (i + 1..blocks.len()).find(|&j| rows[j] != Some(r));
        if let Some(j) = next {
            let next_row = rows[j].map(|x| &cands[x as usize]);
            if next_row.is_some_and(|x| x.table == table && x.row_code) {
                blocks[i].group = blocks[j].group;
            }
        }
    }
}

/// Tag plus first class token, hashed.
pub fn signature(tag: &str, class: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut h);
    class
        .split_ascii_whitespace()
        .next()
        .unwrap_or("")
        .hash(&mut h);
    h.finish()
}
