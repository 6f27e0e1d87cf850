//! Turning a read page into voucher records.
//!
//! 1. The page language: `--lang`, else the page's declared language when
//!    loaded, else the language whose dictionaries the text hits most.
//! 2. [`mentions`]: money, percents, dates, counts, cue phrases and clauses,
//!    found once.
//! 3. [`code`] and [`segment`]: the codes, and one text segment per voucher.
//! 4. Per segment, one module per term kind: [`tiers`], [`validity`],
//!    [`usage`], [`scope`], [`eligibility`]; every value with its evidence.
//! 5. [`data`]: vouchers stated in structured data (JSON-LD, script state)
//!    fill what the text left out, or become records of their own.

pub mod code;
pub mod data;
pub mod eligibility;
pub mod evidence;
pub mod footnote;
pub mod mentions;
pub mod scope;
pub mod section;
pub mod segment;
pub mod shared;
pub mod table;
pub mod tiers;
pub mod usage;
pub mod validity;

use crate::lexicon::{CueKind, Lexicon};
use crate::money::CurrencyContext;
use crate::page::{BlockKind, Page};
use crate::record::{Record, ScopeKind, Source};
use chrono::NaiveDate;
use evidence::EvidenceLog;
use mentions::Mentions;
use segment::Segment;

/// The page language: the override, the declared language, or the language
/// whose cue phrases and month names the text hits most (English on a tie).
pub fn detect_language(lex: &Lexicon, page: &Page, lang: Option<&str>) -> usize {
    if let Some(i) = lang.and_then(|l| lex.language_index(l)) {
        return i;
    }
    if let Some(i) = page.lang.as_deref().and_then(|l| lex.language_index(l)) {
        return i;
    }
    let sample_end = (0..=page.text.len().min(200_000))
        .rev()
        .find(|&i| page.text.is_char_boundary(i))
        .unwrap_or(0);
    let folded = crate::text::fold(&page.text[..sample_end]);
    let mut score = vec![0usize; lex.languages.len()];
    for h in lex.cues.find(&folded, None) {
        if let Some(l) = h.lang {
            score[l] += h.end - h.start;
        }
    }
    for h in lex.months.find(&folded, None) {
        if let Some(l) = h.lang {
            score[l] += h.end - h.start;
        }
    }
    let en = lex.language_index("en").unwrap_or(0);
    let best = score
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (**s, *i == en))
        .map(|(i, _)| i);
    best.filter(|&i| score[i] > 0).unwrap_or(en)
}

/// The region a page states about itself (`lang="es-MX"`).
fn page_region(page: &Page) -> Option<String> {
    let tag = page.lang.as_deref()?;
    let region = tag.split(['-', '_']).nth(1)?;
    (region.len() == 2).then(|| region.to_ascii_uppercase())
}

/// Extracts the vouchers of a page; returns the page language and the records
/// (ids and sources are set by the caller).
pub fn extract(
    lex: &Lexicon,
    page: &Page,
    as_of: NaiveDate,
    lang: Option<&str>,
) -> (String, Vec<Record>) {
    let li = detect_language(lex, page, lang);
    let tag = lex.languages[li].tag.clone();
    let ctx = CurrencyContext {
        region: page_region(page),
        language: Some(li),
        ..CurrencyContext::default()
    };
    let mut m = Mentions::build(lex, &page.text, li, as_of, &ctx);
    table::project_headers(page, &mut m);
    let m = m;
    let chrome: Vec<(usize, usize)> = page
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Chrome)
        .map(|b| m.block_range(b))
        .collect();
    let in_chrome = |at: usize| chrome.iter().any(|c| at >= c.0 && at < c.1);
    let codes = code::find_codes(page, &m, &in_chrome);
    let is_anchor = |r: (usize, usize)| {
        !tiers::discounts(&m, r).is_empty()
            || m.cues_within(r)
                .any(|c| c.cue.kind == CueKind::FreeShipping)
    };
    // "Applied automatically" keys a deal of its own, unless its block
    // names a code: "Enter TWINTWOCHE in the cart; the discount is worked
    // out automatically" is how that code applies.
    let block_of = |at: usize| {
        m.block_index_at(page, at)
            .map(|i| m.block_range(&page.blocks[i]))
    };
    let auto_applied: Vec<usize> = m
        .cues
        .iter()
        .filter(|c| c.cue.kind == CueKind::AutoApplied && !in_chrome(c.start))
        .filter(|c| {
            block_of(c.start).is_none_or(|b| !codes.iter().any(|k| k.start >= b.0 && k.start < b.1))
        })
        .map(|c| c.start)
        .collect();
    let mut segments = segment::split(page, &m, &codes, &auto_applied, &is_anchor);
    let content: Vec<(usize, usize)> = page
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Chrome)
        .map(|b| m.block_range(b))
        .collect();
    // A code's first mention keys its voucher; a footnote repeating it
    // ("* Gutschein HERBST20: …") states that voucher's terms.
    let keys: Vec<usize> = codes
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !codes[..*i]
                .iter()
                .any(|o| o.code.eq_ignore_ascii_case(&c.code))
        })
        .map(|(_, c)| c.start)
        .chain(auto_applied.iter().copied())
        .collect();
    footnote::attach(&m.folded.text, &content, &keys, &mut segments);
    let links: Vec<(usize, (usize, usize))> = page
        .in_page_links
        .iter()
        .map(|&(at, (s, e))| {
            let f = |o| m.folded.from_original(o);
            (f(at), (f(s), f(e)))
        })
        .collect();
    footnote::attach_linked(&links, &content, &keys, &mut segments);
    // A page that says it has no voucher and prints no code ("No working
    // codes right now", "Ce code a expiré"): its savings are prices, save
    // a deal that says it needs no code.
    // A code the page says has ended ("O cupom FESTAJUNINA10 foi
    // encerrado", a list under "Expired coupons") is no voucher.
    let ended_codes: Vec<&str> = codes
        .iter()
        .filter(|c| code_ended(page, &m, c))
        .map(|c| c.code.as_str())
        .collect();
    let ended = |c: &code::CodeHit| ended_codes.iter().any(|e| e.eq_ignore_ascii_case(&c.code));
    segments.retain(|s| s.code.as_ref().is_none_or(|c| !ended(c)));
    let live = codes.iter().any(|c| !ended(c));
    let says_none = !live
        && (!codes.is_empty()
            || m.cues
                .iter()
                .any(|c| c.cue.kind == CueKind::NoVoucher && !in_chrome(c.start)));
    if says_none {
        segments.retain(|s| auto_applied.iter().any(|&a| s.contains(a)));
    }
    // "Beide Codes gelten bis …": a sentence about several codes. A block
    // naming the codes below it is theirs alone: no voucher above reads it.
    let statements = shared::statements(&lex.captures[li], page, &m);
    for s in statements.iter().filter(|s| s.following.is_some()) {
        if !codes
            .iter()
            .any(|c| c.start >= s.block.0 && c.start < s.block.1)
        {
            for seg in &mut segments {
                seg.ranges.retain(|r| *r != s.block);
            }
        }
    }
    segments.retain(|s| !s.ranges.is_empty());
    let sections = section::section_scopes(lex, li, page, &m, &segments);
    let mut records = Vec::new();
    let mut code_at = Vec::new();
    for (seg, section) in segments.iter().zip(sections) {
        if let Some(mut r) = record_of(lex, li, &tag, page, &m, seg) {
            if let Some(s) = section {
                apply_section(&mut r, &s, &m, &page.text);
            }
            records.push(r);
            code_at.push(seg.code.as_ref().map(|c| c.start));
        }
    }
    if records.len() >= 2 {
        for s in &statements {
            // Read like a voucher's text (a code makes it one).
            let seg = Segment {
                ranges: vec![s.sentence],
                code: codes.first().cloned(),
                ..Segment::default()
            };
            if let Some(r) = record_of(lex, li, &tag, page, &m, &seg) {
                shared::apply(s, &r, &mut records, &code_at);
            }
        }
    }
    if let Some(zone) = validity::page_zone(lex, &m, &page.text, &content, li) {
        for r in &mut records {
            validity::apply_page_zone(&mut r.validity, &zone);
        }
    }
    merge_same_code(&mut records);
    data::merge(lex, li, &tag, page, as_of, &mut records);
    (tag, records)
}

/// What a section heading states fills a record that states no scope of
/// its own: the section's shop (a category that only names the shop,
/// "prodotti del Caseificio", gives way to it), or sitewide.
fn apply_section(r: &mut Record, s: &section::SectionScope, m: &Mentions, text: &str) {
    let mut ev = EvidenceLog::new(m, text);
    match s {
        section::SectionScope::Shop(name, (a, b)) if r.scope.stores.is_empty() => {
            scope::limit_to_shop(&mut r.scope, name.clone());
            ev.add("scope.stores", *a, *b, "terms.section_heading");
        }
        section::SectionScope::Platform((a, b)) if r.scope.kind.is_none() => {
            r.scope.kind = Some(ScopeKind::Platform);
            ev.add("scope.kind", *a, *b, "terms.section_heading");
        }
        _ => {}
    }
    r.evidence.extend(ev.items);
}

/// The page says this mention's code has ended: an ended or no-voucher
/// cue in the sentence that names it, or in the heading over its list
/// ("كوبونات انتهت صلاحيتها" / "SAIF25 – …").
fn code_ended(page: &Page, m: &Mentions, code: &code::CodeHit) -> bool {
    let ends = |r: (usize, usize)| {
        m.cues_within(r)
            .any(|c| matches!(c.cue.kind, CueKind::CodeEnded | CueKind::NoVoucher))
    };
    let at = m.folded.to_original(code.start);
    let Some(bi) = page.blocks.iter().position(|b| at >= b.start && at < b.end) else {
        return false;
    };
    let b = &page.blocks[bi];
    let (s, e) = crate::text::sentence_around(&page.text, (b.start, b.end), at);
    if ends((m.folded.from_original(s), m.folded.from_original(e))) {
        return true;
    }
    // The heading right above a list of such lines (with an intro that
    // says so too: "These codes have ended").
    let above = page.blocks[..bi]
        .iter()
        .rev()
        .take(6)
        .take_while(|x| x.kind != BlockKind::Paragraph || ends(m.block_range(x)))
        .find(|x| x.kind == BlockKind::Heading);
    if b.kind == BlockKind::ListItem && above.is_some_and(|h| ends(m.block_range(h))) {
        return true;
    }
    // The heading of the section holding the code's card ("Expired codes"
    // over `<h3>` cards): the first heading above that outranks the card's.
    let mut headings = page.blocks[..bi]
        .iter()
        .rev()
        .filter(|x| x.kind == BlockKind::Heading);
    let Some(own) = headings.next() else {
        return false;
    };
    headings
        .find(|h| h.level < own.level)
        .is_some_and(|h| ends(m.block_range(h)))
}

/// A code stated in two places (a hero and a terms box) is one voucher: the
/// later record fills what the first left empty.
fn merge_same_code(records: &mut Vec<Record>) {
    let mut out: Vec<Record> = Vec::with_capacity(records.len());
    for r in records.drain(..) {
        let same = out.iter_mut().find(
            |o| matches!((&o.code, &r.code), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b)),
        );
        match same {
            Some(o) => fill_empty(o, r),
            None => out.push(r),
        }
    }
    *records = out;
}

/// Fills what `o` leaves unstated from another reading `r` of the same
/// voucher (its code aside): groups of fields that belong together (the
/// tiers, the validity dates, the scope) move as a whole.
pub(crate) fn fill_empty(o: &mut Record, r: Record) {
    if o.tiers.is_empty() {
        o.tiers = r.tiers;
    }
    if o.title.is_none() {
        o.title = r.title;
    }
    if o.validity.starts.is_none() && o.validity.ends.is_none() {
        let days = o.validity.days_after_claim;
        o.validity = r.validity;
        o.validity.days_after_claim = days.or(o.validity.days_after_claim);
    } else if o.validity.days_after_claim.is_none() {
        o.validity.days_after_claim = r.validity.days_after_claim;
    }
    o.usage.per_user = o.usage.per_user.or(r.usage.per_user);
    o.usage.total = o.usage.total.or(r.usage.total);
    o.usage.first_come_first_served |= r.usage.first_come_first_served;
    if o.scope.kind.is_none() && o.scope.stores.is_empty() && o.scope.categories.is_empty() {
        let excluded = std::mem::take(&mut o.scope.excluded);
        o.scope = r.scope;
        if !excluded.is_empty() {
            o.scope.excluded = excluded;
        }
    } else if o.scope.excluded.is_empty() {
        o.scope.excluded = r.scope.excluded;
    }
    if o.eligibility.regions.is_empty() {
        o.eligibility.regions = r.eligibility.regions;
    }
    if o.eligibility.payment_methods.is_empty() {
        o.eligibility.payment_methods = r.eligibility.payment_methods;
    }
    o.free_shipping |= r.free_shipping;
    o.eligibility.new_users_only |= r.eligibility.new_users_only;
    o.eligibility.app_only |= r.eligibility.app_only;
    o.stackable = o.stackable.or(r.stackable);
    o.evidence.extend(r.evidence);
    for w in r.warnings {
        o.warn(&w);
    }
}

/// The record of one segment, or None when it states no voucher.
fn record_of(
    lex: &Lexicon,
    li: usize,
    tag: &str,
    page: &Page,
    m: &Mentions,
    seg: &Segment,
) -> Option<Record> {
    let mut ev = EvidenceLog::new(m, &page.text);
    let mut r = Record::empty(Source::default(), tag);
    let mut warnings = Vec::new();
    r.tiers = tiers::tiers(m, seg, &mut ev, &mut warnings);
    if let Some(c) = &seg.code {
        r.code = Some(c.code.clone());
        ev.add("code", c.start, c.end, &c.rule);
    }
    let flags = usage::flags(m, seg, &mut ev);
    r.free_shipping = flags.free_shipping;
    r.auto_applied = flags.auto_applied && r.code.is_none();
    r.stackable = flags.stackable;
    r.eligibility.new_users_only = flags.new_users_only;
    r.eligibility.app_only = flags.app_only;
    r.usage = usage::usage(m, seg, &mut ev);
    r.validity = validity::validity(m, seg, &mut ev, &mut warnings);
    r.scope = scope::scope(lex, li, m, seg, &mut ev);
    let (regions, payments) = eligibility::lists(lex, li, m, seg, &mut ev);
    r.eligibility.regions = regions;
    r.eligibility.payment_methods = payments;
    if let Some((mut a, mut b)) = seg.title {
        // "Offer: 20% off shoes", "العرض خصم 20%": a label that opens the
        // line, set off by a colon or followed by the discount's own word,
        // is not part of the headline ("Скидка 10% на наушники" keeps it).
        if let Some(l) = m
            .cues_within((a, b))
            .find(|c| c.cue.kind == CueKind::OfferColumn && c.start == a && c.end < b)
        {
            let rest = &m.folded.text[l.end..b];
            let body = rest.trim_start_matches(|ch: char| ch.is_whitespace() || ch == ':');
            let at = b - body.len();
            let colon = rest[..rest.len() - body.len()].contains(':');
            let cue_follows = m
                .cues_starting_in((at, at + 1))
                .iter()
                .any(|c| matches!(c.cue.kind, CueKind::Discount | CueKind::FreeShipping));
            if (colon || cue_follows) && !body.is_empty() {
                a = at;
            }
        }
        // "£5 off every £50 with code WINE5. Terms apply": the headline ends
        // where the code's cue starts.
        if let Some(c) = seg.code.as_ref().filter(|c| c.start > a && c.start < b) {
            let cue = m
                .cues_ending_near(c.start, 3)
                .filter(|h| h.cue.kind == CueKind::Code && h.start > a)
                .map(|h| h.start)
                .min();
            let cut = cue.unwrap_or(c.start);
            let head = m.folded.text[a..cut].trim_end_matches(|ch: char| {
                ch.is_whitespace() || matches!(ch, ':' | '-' | '–' | '—' | '·' | ',' | '(')
            });
            let states_offer =
                r.tiers.is_empty() || !tiers::discounts(m, (a, a + head.len())).is_empty();
            if states_offer && !head.is_empty() {
                b = a + head.len();
            }
        }
        let t = ev.original(a, b).trim().to_string();
        if !t.is_empty() {
            ev.add("title", a, b, "terms.heading");
            r.title = Some(t);
        }
    }
    // A voucher needs a code, or a discount or free shipping stated with
    // voucher context (a condition, a date, a coupon word).
    // Without a code, a date or an "in the app" alone does not make a price
    // drop ("Was $279.99, save $80.99") a voucher: it takes a condition, a
    // voucher word, "no code needed", or a welcome offer.
    let has_context = r
        .tiers
        .iter()
        .any(|t| t.min_order.is_some() || t.max_discount.is_some())
        || r.validity.days_after_claim.is_some()
        || r.auto_applied
        || r.usage.per_user.is_some()
        || r.eligibility.new_users_only
        || m.cues_starting_in(seg.span())
            .iter()
            .any(|c| seg.contains(c.start) && c.cue.kind == CueKind::Code);
    // A card of a listing, or a dated offer with a limit, is a voucher too.
    let limited = r.usage.total.is_some()
        || r.usage.first_come_first_served
        || r.eligibility.app_only
        || !r.eligibility.payment_methods.is_empty()
        || !r.eligibility.regions.is_empty();
    let has_context = has_context
        || seg.card && (r.validity.ends.is_some() || limited)
        || r.validity.ends.is_some() && limited;
    // A card without a code that shows a price (money that is none of its
    // terms) is a product card of a grid, not a voucher.
    if seg.card && r.code.is_none() {
        let terms: Vec<rust_decimal::Decimal> = r
            .tiers
            .iter()
            .flat_map(|t| {
                [
                    t.discount.amount.as_ref(),
                    t.min_order.as_ref(),
                    t.max_discount.as_ref(),
                ]
            })
            .flatten()
            .map(|x| x.amount)
            .collect();
        let priced = m.money_starting_in(seg.span()).iter().any(|x| {
            seg.contains(x.start) && !terms.contains(&x.amount) && !tiers::in_example(m, x.start)
        });
        if priced {
            return None;
        }
    }
    let has_offer = !r.tiers.is_empty() || r.free_shipping;

    if r.code.is_none() && !(has_offer && has_context) {
        return None;
    }
    for w in warnings {
        r.warn(&w);
    }
    r.evidence = ev.items;
    Some(r)
}
