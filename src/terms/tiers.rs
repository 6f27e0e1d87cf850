//! Tiers: discounts (an amount or a percent next to a discount cue, or
//! written with a minus sign), each with the minimum order, cap and
//! recurrence stated beside it in the same clause.

use super::evidence::EvidenceLog;
use super::mentions::Mentions;
use super::segment::Segment;
use crate::lexicon::{CueKind, Side};
use crate::record::{Discount, DiscountType, Money, Tier};
use rust_decimal::Decimal;

/// A money or percent value of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    Money(usize),
    Percent(usize),
}

impl Val {
    /// Both values state the same discount (amount and currency, or percent).
    pub fn same_value(self, other: Val, m: &Mentions) -> bool {
        match (self, other) {
            (Val::Money(a), Val::Money(b)) => {
                m.money[a].amount == m.money[b].amount && m.money[a].currency == m.money[b].currency
            }
            (Val::Percent(a), Val::Percent(b)) => m.percents[a].value == m.percents[b].value,
            _ => false,
        }
    }

    pub fn span(self, m: &Mentions) -> (usize, usize) {
        match self {
            Val::Money(i) => (m.money[i].start, m.money[i].end),
            Val::Percent(i) => (m.percents[i].start, m.percents[i].end),
        }
    }
}

/// A discount found, with the rule that found it.
#[derive(Debug, Clone)]
pub struct Found {
    pub val: Val,
    pub rule: String,
}

fn values_in(m: &Mentions, range: (usize, usize)) -> Vec<Val> {
    // A value is named by its index in the page's (start-sorted) list.
    let money_from = m.money.partition_point(|x| x.start < range.0);
    let percents_from = m.percents.partition_point(|x| x.start < range.0);
    let mut v: Vec<Val> = (money_from..m.money.len())
        .take_while(|&i| m.money[i].start < range.1)
        .filter(|&i| m.money[i].end <= range.1)
        .map(Val::Money)
        .chain(
            (percents_from..m.percents.len())
                .take_while(|&i| m.percents[i].start < range.1)
                .filter(|&i| m.percents[i].end <= range.1)
                .map(Val::Percent),
        )
        .collect();
    v.sort_by_key(|x| x.span(m).0);
    v
}

/// A cap cue ("up to") right before the value: a banner ("up to 70% off"), not a tier.
pub(super) fn banner(m: &Mentions, v: (usize, usize)) -> bool {
    m.cues_ending_near(v.0, 2)
        .any(|c| c.cue.kind == CueKind::MaxDiscount && m.gap_is_light(c.end, v.0, 2))
}

/// The discounts stated in a byte range.
pub fn discounts(m: &Mentions, range: (usize, usize)) -> Vec<Found> {
    discounts_read(m, range, true)
}

/// The discounts of a range; `bare_tiers` also reads tier lists without a
/// discount word (which asks [`shipping_clause`], itself reading discounts
/// without them).
fn discounts_read(m: &Mentions, range: (usize, usize), bare_tiers: bool) -> Vec<Found> {
    let mut vals = values_in(m, range);
    // Values in a worked example's clause are arithmetic, not terms.
    vals.retain(|v| !in_example(m, v.span(m).0));

    let mut out: Vec<Found> = Vec::new();
    let push = |val: Val, rule: &str, out: &mut Vec<Found>| {
        if !out.iter().any(|f| f.val == val) && !banner(m, val.span(m)) {
            out.push(Found {
                val,
                rule: rule.to_string(),
            });
        }
    };
    for c in m.cues_in(CueKind::Discount, range) {
        // A cell under a "Discount" header (a projected cue, zero-width at
        // the cell's start) reads the value that opens it, as an offer
        // column does; never the cell before it.
        let projected = c.start == c.end;
        let before = !projected && matches!(c.cue.value, Side::Before | Side::Either);
        let after = projected || matches!(c.cue.value, Side::After | Side::Either);
        if before {
            if let Some(v) = vals
                .iter()
                .rev()
                .find(|v| v.span(m).1 <= c.start && m.gap_is_light(v.span(m).1, c.start, 4))
            {
                // "pedidos superiores a 60 € en toda la web": a value that a
                // minimum-order, cap or recurrence cue claims is not a
                // discount, unless a colon parts them and the discount word
                // follows it ("dans votre panier : 8 € de remise").
                let (s, _) = v.span(m);
                let after_colon = m.folded.text[..s].trim_end().ends_with(':');
                if !claimed_by_condition(m, s) || after_colon {
                    push(*v, &c.cue.id, &mut out);
                }
            }
        }

        if after {
            if let Some(v) = vals
                .iter()
                .find(|v| v.span(m).0 >= c.end && m.gap_is_light(c.end, v.span(m).0, 4))
            {
                push(*v, &c.cue.id, &mut out);
            }
        }
    }
    // A cell under an offer column ("Offer | 10 € nel negozio di Milano"):
    // the value that opens it is the discount.
    for c in m.cues_in(CueKind::OfferColumn, range) {
        if c.start != c.end {
            continue; // the header cell itself
        }
        if let Some(v) = vals
            .iter()
            .find(|v| v.span(m).0 >= c.end && m.gap_is_light(c.end, v.span(m).0, 2))
        {
            push(*v, &c.cue.id, &mut out);
        }
    }
    // "10% su tutto il catalogo", "20 % sur tout le site": the scope phrase
    // swallowed the preposition that makes the value a discount. A value
    // right before a platform or category phrase is one, unless a
    // minimum-order or cap cue claims it ("Spesa minima 99 € su tutto").
    for kind in [CueKind::Platform, CueKind::Category] {
        for c in m.cues_in(kind, range) {
            let Some(v) = vals
                .iter()
                .rev()
                .find(|v| v.span(m).1 <= c.start && m.gap_is_light(v.span(m).1, c.start, 2))
            else {
                continue;
            };
            if !claimed_by_condition(m, v.span(m).0) {
                push(*v, &c.cue.id, &mut out);
            }
        }
    }
    // "-20% with code X", "-10 € dès 50 €": a minus sign before the value,
    // counted only in a clause that also states a voucher cue (a bare "-50%"
    // next to a price is a markdown, not a voucher).
    let f = m.folded.text.as_bytes();
    for v in &vals {
        let s = v.span(m).0;
        if s >= 1 && f[s - 1] == b'-' && (s < 2 || !f[s - 2].is_ascii_digit()) {
            let clause = m.clause_of(s);
            let voucher_clause = m.cues_within(clause).any(|c| {
                matches!(
                    c.cue.kind,
                    CueKind::Code
                        | CueKind::MinOrder
                        | CueKind::Discount
                        | CueKind::ValidUntil
                        | CueKind::NewUsers
                        | CueKind::AppOnly
                        | CueKind::Store
                        | CueKind::Category
                        | CueKind::Platform
                        | CueKind::Payment
                )
            });
            if voucher_clause {
                push(*v, "terms.minus_sign", &mut out);
            }
        }
    }
    // A tier list continues without the discount word: "3 € de descuento a
    // partir de 29 € · 8 € a partir de 69 €". A money right before a
    // minimum-order cue is a discount when its line already states one.
    if !out.is_empty() {
        let lines: Vec<(usize, usize)> = out.iter().map(|f| line_of(m, f.val.span(m).0)).collect();
        for c in m.cues_in(CueKind::MinOrder, range) {
            if c.cue.value == Side::Before {
                continue;
            }
            let Some(v) = vals
                .iter()
                .rev()
                .find(|v| v.span(m).1 <= c.start && m.gap_is_light(v.span(m).1, c.start, 3))
            else {
                continue;
            };
            let line = line_of(m, v.span(m).0);
            let is_min = vals
                .iter()
                .any(|w| w.span(m).0 >= c.end && w.span(m).0 <= c.end + 4);
            // A capped value ("max. 150 AED") is not a tier's discount.
            let capped = m.cues_ending_near(v.span(m).0, 3).any(|c| {
                c.cue.kind == CueKind::MaxDiscount && m.gap_is_light(c.end, v.span(m).0, 3)
            });
            if is_min && !capped && lines.contains(&line) && !out.iter().any(|f| f.val == *v) {
                let after_a_min = out.iter().any(|f| f.val.span(m).1 <= v.span(m).0);
                if after_a_min {
                    out.push(Found {
                        val: *v,
                        rule: "terms.tier_list".into(),
                    });
                }
            }
        }
    }
    // Tiers written without any discount word: "10 € ab 100 €, 25 € ab
    // 200 €", a chip "200 ₽ от 1 500 ₽". A money right before a
    // minimum-order cue is a discount when a larger money of the same
    // currency follows the cue, outside a shipping clause, and either the
    // range lists two such pairs or the pair is its line's whole text.
    // "3 € ogni 30 € di spesa": a money before a recurrence cue, a larger
    // one after it, is a recurring discount on its own.
    if out.is_empty() && bare_tiers {
        let mut pairs: Vec<(Val, bool)> = Vec::new();
        let conditions = m
            .cues_in(CueKind::MinOrder, range)
            .chain(m.cues_in(CueKind::Recurring, range));
        for c in conditions {
            if c.cue.value == Side::Before {
                continue;
            }
            let before = vals
                .iter()
                .rev()
                .find(|v| v.span(m).1 <= c.start && m.gap_is_light(v.span(m).1, c.start, 3));
            let after = vals
                .iter()
                .find(|w| w.span(m).0 >= c.end && m.gap_is_light(c.end, w.span(m).0, 3));
            // "10 € ab 100 €" (less off than spent), or "5 % ab 100 €".
            let (val, start) = match (before, after) {
                (Some(&Val::Money(di)), Some(&Val::Money(mi))) => {
                    let (d, min) = (&m.money[di], &m.money[mi]);
                    if d.currency != min.currency || d.amount >= min.amount {
                        continue;
                    }
                    (Val::Money(di), d.start)
                }
                (Some(&Val::Percent(pi)), Some(&Val::Money(_)))
                    if m.percents[pi].value < rust_decimal::Decimal::ONE_HUNDRED =>
                {
                    (Val::Percent(pi), m.percents[pi].start)
                }
                _ => continue,
            };
            if shipping_clause(m, c.start) {
                continue;
            }
            let min_end = after.map_or(c.end, |w| w.span(m).1);
            let line = line_of(m, start);
            let f = &m.folded.text;
            let bare = |t: &str| !t.chars().any(char::is_alphanumeric);
            let whole_line = bare(&f[line.0..start]) && bare(&f[min_end.min(line.1)..line.1]);
            pairs.push((val, whole_line || c.cue.kind == CueKind::Recurring));
        }
        if pairs.len() >= 2 || pairs.iter().any(|(_, whole)| *whole) {
            for (val, _) in pairs {
                push(val, "terms.bare_tier", &mut out);
            }
        }
    }
    out.sort_by_key(|f| f.val.span(m).0);
    out
}

/// A minimum-order, cap or recurrence cue right before the value at `at`
/// claims it: "pedidos superiores a 60 €" is a condition, not a discount;
/// so does such a label on the line above a line the value opens
/// ("Compra mínima" / "$ 18.000 en productos de Supermercado").
fn claimed_by_condition(m: &Mentions, at: usize) -> bool {
    let cue_before = m.cues_ending_near(at, 3).any(|o| {
        matches!(
            o.cue.kind,
            CueKind::MinOrder | CueKind::MaxDiscount | CueKind::Recurring
        ) && o.cue.value != Side::Before
            && m.gap_is_light(o.end, at, 3)
    });
    let line = line_of(m, at);
    cue_before
        || line.0 > 0
            && m.folded.text[line.0..at].trim().is_empty()
            && matches!(
                super::table::label_kind(m, line_of(m, line.0 - 1)),
                Some(CueKind::MinOrder | CueKind::MaxDiscount)
            )
}

/// `at` stands in the clause of a worked example ("e.g. …", "Beispiel: …").
pub fn in_example(m: &Mentions, at: usize) -> bool {
    let clause = m.clause_of(at);
    m.cues_starting_in(clause)
        .iter()
        .any(|c| c.cue.kind == CueKind::Example)
}

/// The line (block) of the text that holds byte `at`.
pub(super) fn line_of(m: &Mentions, at: usize) -> (usize, usize) {
    let f = &m.folded.text;
    let s = f[..at].rfind('\n').map(|p| p + 1).unwrap_or(0);
    let e = f[at..].find('\n').map(|p| at + p).unwrap_or(f.len());
    (s, e)
}

struct Attach {
    val: usize, // money index
    rule: String,
    recurring: bool,
    /// The cue is one word ("до", "max"): weaker than "Maximum discount of".
    one_word: bool,
}

/// The tiers of a segment.
pub fn tiers(
    m: &Mentions,
    seg: &Segment,
    ev: &mut EvidenceLog,
    warnings: &mut Vec<String>,
) -> Vec<Tier> {
    let mut found: Vec<Found> = Vec::new();
    for r in &seg.ranges {
        found.extend(discounts(m, *r));
    }
    if found.is_empty() {
        return Vec::new();
    }
    let discount_money: Vec<usize> = found
        .iter()
        .filter_map(|f| match f.val {
            Val::Money(i) => Some(i),
            _ => None,
        })
        .collect();
    let free_money = |i: usize| !discount_money.contains(&i) && seg.contains(m.money[i].start);
    let money_after = |from: usize, max: usize| -> Option<usize> {
        let first = m.money.partition_point(|x| x.start < from);
        (first..m.money.len())
            .take_while(|&i| m.money[i].start - from <= max)
            .find(|&i| free_money(i))
    };
    let recurring_before = |at: usize| -> bool {
        m.cues_ending_near(at, 3)
            .any(|c| c.cue.kind == CueKind::Recurring)
    };
    let mut mins: Vec<Attach> = Vec::new();
    let mut caps: Vec<Attach> = Vec::new();
    for c in m
        .cues_starting_in(seg.span())
        .iter()
        .filter(|c| seg.contains(c.start) && !in_example(m, c.start))
    {
        match c.cue.kind {
            CueKind::MinOrder if !shipping_clause(m, c.start) => {
                let pick = match c.cue.value {
                    Side::Before => (0..m.money.partition_point(|x| x.start < c.start))
                        .rev()
                        .take_while(|&i| m.money[i].start + 64 >= c.start)
                        .find(|&i| {
                            m.money[i].end <= c.start
                                && c.start - m.money[i].end <= 6
                                && free_money(i)
                        }),
                    _ => money_after(c.end, 24)
                        .filter(|&i| no_value_between(m, c.end, m.money[i].start)),
                };
                if let Some(i) = pick {
                    mins.push(Attach {
                        val: i,
                        rule: c.cue.id.clone(),
                        recurring: recurring_before(m.money[i].start),
                        one_word: false,
                    });
                }
            }
            // "ogni 30 € di spesa": the money after a recurrence cue is the
            // step a recurring discount repeats at.
            CueKind::Recurring if !shipping_clause(m, c.start) => {
                let pick = money_after(c.end, 4)
                    .filter(|&i| m.gap_is_light(c.end, m.money[i].start, 3))
                    .filter(|&i| !mins.iter().any(|a| a.val == i));
                if let Some(i) = pick {
                    mins.push(Attach {
                        val: i,
                        rule: c.cue.id.clone(),
                        recurring: true,
                        one_word: false,
                    });
                }
            }
            CueKind::MaxDiscount => {
                if let Some(i) =
                    money_after(c.end, 16).filter(|&i| no_value_between(m, c.end, m.money[i].start))
                {
                    caps.push(Attach {
                        val: i,
                        rule: c.cue.id.clone(),
                        recurring: false,
                        one_word: !m.folded.text[c.start..c.end].trim().contains(' '),
                    });
                }
            }
            CueKind::Discount if matches!(c.cue.value, Side::Before) => {
                // "$3 off $29", "$7 off per $89": money right after "off" is the minimum.
                if let Some(i) = money_after(c.end, 10) {
                    let gap = &m.folded.text[c.end..m.money[i].start];
                    let light = m.gap_is_light(c.end, m.money[i].start, 3)
                        || recurring_before(m.money[i].start) && gap.len() <= 12;
                    if light && !mins.iter().any(|a| a.val == i) {
                        mins.push(Attach {
                            val: i,
                            rule: c.cue.id.clone(),
                            recurring: recurring_before(m.money[i].start),
                            one_word: false,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    // Attach each minimum and cap to the nearest discount of its clause, else
    // to the only discount of the segment.
    let nearest = |at: usize, want_percent: bool| -> Option<usize> {
        // The discounts (percents only when asked) starting in a range.
        let starting_in = |r: (usize, usize)| -> Vec<usize> {
            (0..found.len())
                .filter(|&k| {
                    let s = found[k].val.span(m).0;
                    s >= r.0
                        && s < r.1
                        && (!want_percent || matches!(found[k].val, Val::Percent(_)))
                })
                .collect()
        };
        let in_clause = starting_in(m.clause_of(at));
        let pick = in_clause
            .iter()
            .copied()
            .filter(|&k| found[k].val.span(m).0 <= at)
            .max_by_key(|&k| found[k].val.span(m).0)
            .or_else(|| in_clause.first().copied());
        // A condition on the line right after its discount ("5 € de desconto"
        // / "em compras a partir de 40 €").
        let prev_line = || {
            (0..found.len())
                .filter(|&k| {
                    let (_, e) = found[k].val.span(m);
                    e <= at
                        && at - e <= 80
                        && (!want_percent || matches!(found[k].val, Val::Percent(_)))
                        && m.folded.text[e..at].matches('\n').count() == 1
                })
                .max_by_key(|&k| found[k].val.span(m).0)
        };
        // A row of a tier table ("₹4,999 – ₹14,998 | ₹500 off"): the line's
        // one discount.
        let same_row = || {
            let line = line_of(m, at);
            let on_line = starting_in(line);
            (on_line.len() == 1 && m.folded.text[line.0..line.1].contains(" | "))
                .then(|| on_line[0])
        };
        pick.or_else(same_row).or_else(prev_line).or_else(|| {
            // Outside the discount's clause, only the segment's one discount,
            // and only when the condition follows it within a few lines
            // (a bar above the offer states the shop's own thresholds).
            // A headline repeated in the terms ("25% off" twice) is one discount.
            let kinds: Vec<usize> = (0..found.len())
                .filter(|&k| !want_percent || matches!(found[k].val, Val::Percent(_)))
                .collect();
            let one = kinds
                .windows(2)
                .all(|w| found[w[0]].val.same_value(found[w[1]].val, m));
            let d = kinds
                .iter()
                .copied()
                .filter(|&k| found[k].val.span(m).0 <= at)
                .max_by_key(|&k| found[k].val.span(m).0);
            d.filter(|&k| one && seg.text_between(found[k].val.span(m).0, at) <= 600)
        })
    };
    let mut tiers: Vec<(Tier, usize)> = Vec::new();
    for (k, f) in found.iter().enumerate() {
        let (s, e) = f.val.span(m);
        let discount = match f.val {
            Val::Money(i) => Discount {
                kind: DiscountType::Amount,
                amount: Some(money_of(m, i, warnings)),
                percent: None,
            },
            Val::Percent(i) => Discount {
                kind: DiscountType::Percent,
                amount: None,
                percent: Some(m.percents[i].value),
            },
        };
        let _ = (s, e);
        tiers.push((
            Tier {
                discount,
                min_order: None,
                max_discount: None,
                recurring: false,
            },
            k,
        ));
    }
    let mut min_rules: Vec<Option<(usize, String)>> = vec![None; found.len()];
    let mut cap_rules: Vec<Option<(usize, String)>> = vec![None; found.len()];
    for a in &mins {
        if let Some(k) = nearest(m.money[a.val].start, false) {
            if tiers[k].0.min_order.is_none() {
                tiers[k].0.min_order = Some(money_of(m, a.val, warnings));
                tiers[k].0.recurring = a.recurring;
                min_rules[k] = Some((a.val, a.rule.clone()));
            }
        }
    }
    // A cap belongs to a percent discount; on a page whose only discounts are
    // amounts it caps a recurring amount ("$7 off per $89, up to $35").
    let has_percent = found.iter().any(|f| matches!(f.val, Val::Percent(_)));
    for a in &caps {
        let target = if has_percent {
            nearest(m.money[a.val].start, true)
        } else {
            tiers.iter().position(|(t, _)| t.recurring)
        };
        if let Some(k) = target {
            if tiers[k].0.max_discount.is_none() {
                tiers[k].0.max_discount = Some(money_of(m, a.val, warnings));
                cap_rules[k] = Some((a.val, a.rule.clone()));
            }
        }
    }
    // Merge repeats (a headline and its terms state the same discount).
    let mut merged: Vec<(Tier, usize)> = Vec::new();
    for (t, k) in tiers {
        if let Some(existing) = merged.iter_mut().find(|(x, _)| {
            x.discount == t.discount
                && (x.min_order.is_none() || t.min_order.is_none() || x.min_order == t.min_order)
        }) {
            if existing.0.min_order.is_none() && t.min_order.is_some() {
                existing.0.min_order = t.min_order.clone();
                existing.0.recurring = t.recurring;
                min_rules[existing.1] = min_rules[k].clone();
            }
            if existing.0.max_discount.is_none() && t.max_discount.is_some() {
                existing.0.max_discount = t.max_discount.clone();
                cap_rules[existing.1] = cap_rules[k].clone();
            }
            continue;
        }
        merged.push((t, k));
    }
    // One voucher's tiers all carry a condition ("$3 off $29, $8 off $69");
    // a bare discount beside conditioned ones is a banner or another offer.
    // Without conditioned tiers, the voucher has one tier: the headline's,
    // else the first stated.
    if merged.iter().any(|(t, _)| t.min_order.is_some()) {
        merged.retain(|(t, _)| t.min_order.is_some() || t.max_discount.is_some());
    } else if merged.len() > 1 {
        let in_title = |k: usize| {
            seg.title.is_some_and(|(a, b)| {
                let (s, _) = found[k].val.span(m);
                s >= a && s < b
            })
        };
        let keep = merged
            .iter()
            .position(|(t, k)| in_title(*k) && t.max_discount.is_some())
            .or_else(|| merged.iter().position(|(t, _)| t.max_discount.is_some()))
            .or_else(|| merged.iter().position(|(_, k)| in_title(*k)))
            .unwrap_or_else(|| {
                (0..merged.len())
                    .min_by_key(|&i| found[merged[i].1].val.span(m).0)
                    .unwrap_or(0)
            });
        let kept = merged.swap_remove(keep);
        merged = vec![kept];
    }
    // A recurring tier ("£10 off every £75") shown with a worked table
    // ("Spend £150 | save £20", "ab 300 € | 15 €" once a cap binds): rows
    // that the recurring rule yields are examples, not tiers.
    let per = merged.iter().find_map(|(t, _)| {
        let d = t.discount.amount.as_ref()?;
        let min = t.min_order.as_ref()?;
        (t.recurring && !d.amount.is_zero() && !min.amount.is_zero())
            .then_some((d.amount, min.amount))
    });
    if let Some((d, per_min)) = per {
        merged.retain(|(t, _)| {
            let multiple = match (&t.discount.amount, &t.min_order) {
                (Some(a), Some(mo)) if !t.recurring => {
                    let k = a.amount / d;
                    k.fract().is_zero() && k >= Decimal::ONE && mo.amount >= per_min * k
                }
                _ => false,
            };
            !multiple
        });
    }
    // A cap no tier took, read with a one-word cue, needs a clause that
    // names the discount ("Скидка не более 12 000 ₽"), unlike a price bound
    // ("пылесосы до 20 000 рублей").
    let names_discount = |a: &Attach| {
        let clause = m.clause_of(m.money[a.val].start);
        !a.one_word
            || m.cues_within(clause)
                .any(|c| c.cue.kind == CueKind::Discount)
    };
    // One cap for every percent tier, from one of two statements:
    // - a cap on a line of its own after every tier ("Maximaler Rabatt |
    //   120 €" under the row of tiers), though the nearest tier took it;
    // - a cap stated once that no tier took ("sconto massimo 120 €,
    //   qualunque sia lo scaglione").
    let all_percent = merged.len() >= 2
        && merged
            .iter()
            .all(|(t, _)| t.discount.kind == DiscountType::Percent);
    let capped: Vec<usize> = (0..merged.len())
        .filter(|&i| merged[i].0.max_discount.is_some())
        .collect();
    let row_cap = match capped.as_slice() {
        [only] if all_percent => cap_rules[merged[*only].1].clone().filter(|(cap, _)| {
            let cap_line = line_of(m, m.money[*cap].start);
            merged
                .iter()
                .all(|(_, k)| found[*k].val.span(m).0 < cap_line.0)
        }),
        _ => None,
    };
    let loose: Vec<&Attach> = caps
        .iter()
        .filter(|a| !cap_rules.iter().flatten().any(|(v, _)| *v == a.val) && names_discount(a))
        .collect();
    let one_cap = loose
        .windows(2)
        .all(|w| m.money[w[0].val].amount == m.money[w[1].val].amount);
    let loose_cap = (all_percent && capped.is_empty() && one_cap)
        .then(|| loose.first().map(|a| (a.val, a.rule.clone())))
        .flatten();
    if let Some((cap, rule)) = row_cap.or(loose_cap) {
        for (t, k) in merged.iter_mut() {
            t.max_discount = Some(money_of(m, cap, warnings));
            cap_rules[*k] = Some((cap, rule.clone()));
        }
    }
    merged.sort_by(|a, b| {
        let ka =
            a.0.min_order
                .as_ref()
                .map(|x| x.amount)
                .unwrap_or(Decimal::MIN);
        let kb =
            b.0.min_order
                .as_ref()
                .map(|x| x.amount)
                .unwrap_or(Decimal::MIN);
        ka.cmp(&kb)
    });
    for (n, (_, k)) in merged.iter().enumerate() {
        let (s, e) = found[*k].val.span(m);
        ev.add(&format!("tiers[{n}].discount"), s, e, &found[*k].rule);
        if let Some((i, rule)) = &min_rules[*k] {
            ev.add(
                &format!("tiers[{n}].min_order"),
                m.money[*i].start,
                m.money[*i].end,
                rule,
            );
        }
        if let Some((i, rule)) = &cap_rules[*k] {
            ev.add(
                &format!("tiers[{n}].max_discount"),
                m.money[*i].start,
                m.money[*i].end,
                rule,
            );
        }
    }
    merged.into_iter().map(|(t, _)| t).collect()
}

/// The clause states free shipping: its minimum is the shipping threshold,
/// not a voucher's minimum order.
fn shipping_clause(m: &Mentions, at: usize) -> bool {
    let clause = m.clause_of(at);
    m.cues_within(clause)
        .any(|c| c.cue.kind == CueKind::FreeShipping)
        && discounts_read(m, clause, false).is_empty()
}

fn no_value_between(m: &Mentions, from: usize, to: usize) -> bool {
    m.percents_within((from, to)).next().is_none() && m.money_within((from, to)).next().is_none()
}

fn money_of(m: &Mentions, i: usize, warnings: &mut Vec<String>) -> Money {
    let x = &m.money[i];
    if x.ambiguous && !warnings.iter().any(|w| w == "currency_ambiguous") {
        warnings.push("currency_ambiguous".into());
    }
    Money {
        amount: x.amount,
        currency: x.currency.clone(),
    }
}
