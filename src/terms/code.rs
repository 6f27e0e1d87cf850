//! The promo code: a code-like token after a code cue ("Use code SAVE10",
//! "Código: VERANO15"), or a block that holds nothing but a code-like token
//! (the code chip of a coupon card).

use super::mentions::Mentions;
use crate::lexicon::CueKind;
use crate::page::Page;

/// A code found in the text (folded byte offsets) with the rule that found it.
#[derive(Debug, Clone)]
pub struct CodeHit {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub rule: String,
}

/// Words printed on code buttons and labels that are not codes.
const NOT_CODES: &[&str] = &[
    "COPY", "COPIED", "CODE", "SHOP", "NOW", "GET", "DEAL", "SALE", "OFF", "FREE", "NEW", "HOT",
    "APPLY", "CLICK", "HERE", "SHOW", "REVEAL", "USE", "COUPON", "PROMO", "VOUCHER", "SAVE",
    "TERMS", "T&C", "TCS", "FAQ", "USD", "EUR", "GBP", "SAR", "AED", "BRL", "RUB", "MXN", "CHF",
    "VIP", "APP", "COPIAR", "CODIGO", "CÓDIGO", "KOPIEREN", "COPIER", "COPIA", "CODICE", "КОД",
    "PDF", "HTML",
];

/// Whether a token looks like a printed promo code.
pub fn looks_like_code(token: &str, after_cue: bool) -> bool {
    let len = token.chars().count();
    if !(3..=30).contains(&len) || NOT_CODES.contains(&token.to_uppercase().as_str()) {
        return false;
    }
    if !token
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return false;
    }
    if token.starts_with('-') || token.ends_with('-') {
        return false;
    }
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let digits = token.chars().filter(|c| c.is_ascii_digit()).count();
    let upper = token.chars().filter(|c| c.is_uppercase()).count();
    if letters == 0 {
        return after_cue && digits >= 4;
    }
    let all_upper = upper == letters;
    if after_cue {
        all_upper && (len >= 4 || digits > 0) || digits > 0 && upper > 0
    } else {
        all_upper && digits > 0 && len >= 4
    }
}

/// Reads the token that starts at original byte `at` (after light punctuation).
fn token_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let skip: usize = rest
        .char_indices()
        .take_while(|(i, c)| {
            *i < 8
                && matches!(
                    c,
                    ' ' | ':'
                        | '"'
                        | '\''
                        | '«'
                        | '“'
                        | '„'
                        | '‘'
                        | '('
                        | '['
                        | '*'
                        | '-'
                        | '–'
                        | '\u{a0}'
                )
        })
        .map(|(_, c)| c.len_utf8())
        .sum();
    let start = at + skip;
    let len: usize = text[start..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some((start, start + len))
}

/// A code cue ("Copy code") starts right at `end`, past white space only.
fn button_follows(m: &Mentions, end: usize) -> bool {
    m.cues_starting_in((end, end + 4))
        .iter()
        .any(|c| c.cue.kind == CueKind::Code && m.folded.text[end..c.start].trim().is_empty())
}

/// Every code on the page, in text order.
pub fn find_codes(page: &Page, m: &Mentions, skip: &dyn Fn(usize) -> bool) -> Vec<CodeHit> {
    let text = page.text.as_str();
    let mut out: Vec<CodeHit> = Vec::new();
    for c in m.cues.iter().filter(|c| c.cue.kind == CueKind::Code) {
        if skip(c.start) {
            continue;
        }
        let at = m.folded.to_original(c.end);
        if let Some((s, e)) = token_after(text, at) {
            let tok = text[s..e].trim_end_matches(['-', '_']);
            if looks_like_code(tok, true) {
                out.push(CodeHit {
                    start: m.folded.from_original(s),
                    end: m.folded.from_original(s + tok.len()),
                    code: tok.to_string(),
                    rule: c.cue.id.clone(),
                });
            }
        }
    }
    // A block holding only a code-like token counts when a code cue stands
    // within a couple of lines of it ("Code" label, "Copy code" button), or
    // when it sits in a card whose text states a voucher.
    let cue_near = |at: usize| {
        m.cues_starting_in((at.saturating_sub(160), at + 161))
            .iter()
            .any(|c| c.cue.kind == CueKind::Code)
    };
    let card_states_voucher = |group: Option<usize>| {
        group.is_some_and(|g| {
            page.blocks.iter().filter(|b| b.group == Some(g)).any(|b| {
                let (s, e) = m.block_range(b);
                m.cues_within((s, e)).any(|c| {
                    matches!(
                        c.cue.kind,
                        CueKind::Discount
                            | CueKind::Code
                            | CueKind::FreeShipping
                            | CueKind::MinOrder
                            | CueKind::ValidUntil
                    )
                })
            })
        })
    };
    // An element the page names as a code box holding one code-like token.
    for &(s, e) in &page.code_boxes {
        let Some(tok) = text.get(s..e) else { continue };
        let tok = tok.trim_matches(|c: char| matches!(c, '"' | '\'' | '«' | '»' | '“' | '”'));
        let fs = m.folded.from_original(s);
        if !looks_like_code(tok, true) || skip(fs) || out.iter().any(|o| o.start == fs) {
            continue;
        }
        out.push(CodeHit {
            start: fs,
            end: m.folded.from_original(s + tok.len()),
            code: tok.to_string(),
            rule: "code.box".into(),
        });
    }
    // A chip right under a heading stating its value ("20 € con le carte
    // Visa" / "CARTA20").
    let under_offer_heading = |i: usize| {
        i > 0 && page.blocks[i - 1].kind == crate::page::BlockKind::Heading && {
            let h = &page.blocks[i - 1];
            let r = m.block_range(h);
            m.money_within(r).next().is_some() || m.percents_within(r).next().is_some()
        }
    };
    // A chip right after a block that is only a code label ("Código" /
    // "ENVIOFERIA": a `<dt>`/`<dd>` pair, a label line).
    let under_code_label = |i: usize| {
        i > 0 && {
            let l = &page.blocks[i - 1];
            let r = m.block_range(l);
            super::table::label_kind(m, r) == Some(CueKind::Code)
        }
    };
    for (bi, b) in page.blocks.iter().enumerate() {
        // A block, or a table cell of a row block ("20% off | DRESS20 | ...").
        let block = &text[b.start..b.end];
        let mut cell_start = 0;
        for cell in block.split(" | ") {
            let at = b.start + cell_start;
            cell_start += cell.len() + 3;
            // The chip may carry its button's word: "BAZAR10 Copier",
            // "FEIRA20 Resgatar", "GRATISVERSAND Kopieren".
            let words: Vec<&str> = cell.split_whitespace().collect();
            // A button word has no capital after its first letter
            // ("Copiar", "copy", "نسخ"): a code always has more. A
            // capitalized word counts only in a short chip.
            let is_button = |w: &str| {
                let mut chars = w.chars();
                let first_upper = chars.next().is_some_and(char::is_uppercase);
                NOT_CODES.contains(&w.to_uppercase().as_str())
                    || w.chars().all(char::is_alphabetic)
                        && (3..=12).contains(&w.chars().count())
                        && !chars.any(char::is_uppercase)
                        && (!first_upper || words.len() <= 3)
            };
            let button_only = words.len() >= 2 && words[1..].iter().all(|w| is_button(w));
            let codes: Vec<&str> = if button_only
                && words.len() <= 3
                && looks_like_code(words[0], true)
            {
                // "APPCUMBRE Copiar código", "WARD35 نسخ", "BAZAR10 Copier".
                vec![words[0]]
            } else if words.len() > 2 && is_button(words[1]) && looks_like_code(words[0], false) {
                // "LRGXV11 Collect Ends in 20:02:24": chip, button, countdown.
                vec![words[0]]
            } else if words.len() == 1
                && looks_like_code(words[0], true)
                && words[0].chars().filter(|c| c.is_alphabetic()).count() >= 3
                && button_follows(m, m.folded.from_original(at + cell.len()))
            {
                // A chip of letters alone ("FIRSTCAMP") right before its
                // "Copy code" button (under a heading it may be a badge:
                // "EXCLUSIVE").
                vec![words[0]]
            } else if words.len() == 1 && looks_like_code(words[0], true) && under_code_label(bi) {
                vec![words[0]]
            } else if words.iter().all(|w| {
                looks_like_code(w, false) || NOT_CODES.contains(&w.to_uppercase().as_str())
            }) {
                words
                    .iter()
                    .copied()
                    .filter(|w| looks_like_code(w, false))
                    .collect()
            } else {
                Vec::new()
            };
            if codes.len() != 1 {
                continue;
            }
            let line: &str = codes[0];
            let s = at + cell.find(line).unwrap_or(0);
            let fs = m.folded.from_original(s);
            // A chip with its copy button is a code wherever it stands.
            let has_button = words.len() > 1;
            let headed = words.len() == 1 && (under_offer_heading(bi) || under_code_label(bi));
            if !(has_button || headed || cue_near(fs) || card_states_voucher(b.group)) {
                continue;
            }
            if skip(fs) || out.iter().any(|o| o.start == fs) {
                continue;
            }
            out.push(CodeHit {
                start: fs,
                end: m.folded.from_original(s + line.len()),
                code: line.to_string(),
                rule: "code.block".into(),
            });
        }
    }
    sibling_chips(page, m, skip, &card_states_voucher, &mut out);
    prose_codes(page, m, skip, &mut out);
    out.sort_by_key(|c| c.start);
    out
}

/// A chip of capitals alone ("APPVIMA") where the page's other cards put
/// their codes: the last block of a card stating a voucher, when two or
/// more cards of the page end with a block that is only their code.
fn sibling_chips(
    page: &Page,
    m: &Mentions,
    skip: &dyn Fn(usize) -> bool,
    card_states_voucher: &dyn Fn(Option<usize>) -> bool,
    out: &mut Vec<CodeHit>,
) {
    let mut last: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if let Some(g) = b.group {
            last.insert(g, i);
        }
    }
    let range = |i: usize| m.block_range(&page.blocks[i]);
    let chip_ends = last
        .values()
        .filter(|&&i| {
            let r = range(i);
            out.iter().any(|c| c.start == r.0 && c.end == r.1)
        })
        .count();
    if chip_ends < 2 {
        return;
    }
    for (&g, &i) in &last {
        let b = &page.blocks[i];
        let tok = page.text[b.start..b.end].trim();
        let r = range(i);
        let named = m.cues_within(r).next().is_some();
        if tok.chars().count() < 5
            || !tok.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
            || !looks_like_code(tok, true)
            || named
            || skip(r.0)
            || out.iter().any(|c| c.start >= r.0 && c.start < r.1)
            || !card_states_voucher(Some(g))
        {
            continue;
        }
        out.push(CodeHit {
            start: r.0,
            end: r.1,
            code: tok.to_string(),
            rule: "code.sibling_chip".into(),
        });
    }
}

/// Punctuation that may close or open a code named in running text.
const PROSE_TRIM: &[char] = &[
    ',', '.', ':', ';', '!', '?', '(', ')', '"', '\'', '«', '»', '“', '”', '„', '‘', '’', '*',
];

/// Codes named in running text without a code cue ("take £10 off with
/// DIGIN10", "digitando SATISPAY5 ottenete 5 €", "FIRSTFROND gives 20%
/// off"): a code-shaped word in a paragraph or list item whose sentence
/// states a discount or free shipping. A word of capitals alone (a brand,
/// a shout) counts only on a page already printing codes, in mixed-case
/// prose, and not as the block's first word (a shop's name heading its
/// line).
fn prose_codes(page: &Page, m: &Mentions, skip: &dyn Fn(usize) -> bool, out: &mut Vec<CodeHit>) {
    let text = page.text.as_str();
    let had_codes = !out.is_empty();
    let mut found: Vec<CodeHit> = Vec::new();
    for b in &page.blocks {
        if !matches!(
            b.kind,
            crate::page::BlockKind::Paragraph | crate::page::BlockKind::ListItem
        ) || b
            .group
            .and_then(|g| page.groups.get(g))
            .is_some_and(|g| g.kind == crate::page::GroupKind::Product)
        {
            continue;
        }
        let block = &text[b.start..b.end];
        let words: Vec<(usize, &str)> = block
            .split(' ')
            .scan(0, |at, w| {
                let here = *at;
                *at += w.len() + 1;
                Some((here, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let shouting = |w: &str| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            letters >= 2 && w.chars().all(|c| !c.is_lowercase())
        };
        // A neighbour in capitals that is not a currency ("mit HOIZAEME
        // CHF 20.–" still reads the code).
        let loud = |&(off, w): &(usize, &str)| {
            let at = m
                .folded
                .from_original(b.start + off + w.find(|c: char| c.is_alphanumeric()).unwrap_or(0));
            shouting(w.trim_matches(PROSE_TRIM)) && m.money_starting_in((at, at + 1)).is_empty()
        };
        for (i, &(off, raw)) in words.iter().enumerate() {
            let tok = raw.trim_matches(PROSE_TRIM);
            if tok.is_empty() {
                continue;
            }
            let shaped = looks_like_code(tok, false);
            let letters_only = !shaped
                && had_codes
                && i > 0
                && tok.chars().count() >= 6
                && tok.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
                && !NOT_CODES.contains(&tok)
                && !words.get(i - 1).is_some_and(loud)
                && !words.get(i + 1).is_some_and(loud);
            if !(shaped || letters_only) {
                continue;
            }
            let s = b.start + off + raw.find(tok).unwrap_or(0);
            let fs = m.folded.from_original(s);
            if skip(fs) || out.iter().chain(&found).any(|o| o.start == fs) {
                continue;
            }
            // A word the dictionaries know ("10 % DESCONTO") is a label.
            let fe = m.folded.from_original(s + tok.len());
            if letters_only
                && m.cues_starting_in((fs.saturating_sub(80), fs + 1))
                    .iter()
                    .any(|c| c.start <= fs && c.end >= fe)
            {
                continue;
            }
            let (ss, se) = crate::text::sentence_around(text, (b.start, b.end), s);
            let sentence = (m.folded.from_original(ss), m.folded.from_original(se));
            let states = !super::tiers::discounts(m, sentence).is_empty()
                || m.cues_within(sentence)
                    .any(|c| c.cue.kind == CueKind::FreeShipping);
            if states {
                found.push(CodeHit {
                    start: fs,
                    end: fe,
                    code: tok.to_string(),
                    rule: "code.prose".into(),
                });
            }
        }
    }
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::looks_like_code;

    #[test]
    fn code_shapes() {
        for c in [
            "SAVE10",
            "ALC9",
            "WELCOME",
            "BF-2026",
            "VERANO15",
            "ПРОМО500",
        ] {
            assert!(looks_like_code(c, true), "{c}");
        }
        for c in ["checkout", "at", "COPY", "the", "Code", "10"] {
            assert!(!looks_like_code(c, true), "{c}");
        }
        assert!(looks_like_code("SAVE10", false));
        assert!(!looks_like_code("WELCOME", false));
        assert!(!looks_like_code("Electronics", false));
    }
}
