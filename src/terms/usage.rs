//! Usage limits (per user, total, first come first served) and the yes/no
//! terms that a cue phrase settles alone: free shipping, new users only, app
//! only, auto-applied, stackable.

use super::evidence::EvidenceLog;
use super::mentions::Mentions;
use super::segment::Segment;
use crate::lexicon::{CueKind, Side};
use crate::record::Usage;

/// Flags of a segment.
#[derive(Debug, Default)]
pub struct Flags {
    pub free_shipping: bool,
    pub new_users_only: bool,
    pub app_only: bool,
    pub auto_applied: bool,
    pub stackable: Option<bool>,
}

/// "Free shipping over $10" with no voucher word in the clause is the shop's
/// shipping policy, not a voucher term.
fn shipping_policy(m: &Mentions, at: usize) -> bool {
    let clause = m.clause_of(at);
    let has_money = m.money_within(clause).next().is_some();
    let voucher_word = m.cues_within(clause).any(|c| {
        matches!(
            c.cue.kind,
            CueKind::Code | CueKind::NewUsers | CueKind::AppOnly | CueKind::ValidUntil
        )
    });
    // A discount word counts only with a discount value beside it.
    has_money && !voucher_word && super::tiers::discounts(m, clause).is_empty()
}

/// The yes/no terms of a segment.
pub fn flags(m: &Mentions, seg: &Segment, ev: &mut EvidenceLog) -> Flags {
    let mut f = Flags::default();
    for c in m
        .cues_starting_in(seg.span())
        .iter()
        .filter(|c| seg.contains(c.start))
    {
        let field = match c.cue.kind {
            CueKind::FreeShipping if !f.free_shipping && !shipping_policy(m, c.start) => {
                f.free_shipping = true;
                "free_shipping"
            }
            CueKind::NewUsers if !f.new_users_only => {
                f.new_users_only = true;
                "eligibility.new_users_only"
            }
            CueKind::AppOnly if !f.app_only => {
                f.app_only = true;
                "eligibility.app_only"
            }
            CueKind::AutoApplied if !f.auto_applied => {
                f.auto_applied = true;
                "auto_applied"
            }
            CueKind::NotStackable if f.stackable != Some(false) => {
                f.stackable = Some(false);
                "stackable"
            }
            CueKind::Stackable if f.stackable.is_none() => {
                f.stackable = Some(true);
                "stackable"
            }
            _ => continue,
        };
        ev.add(field, c.start, c.end, &c.cue.id);
    }
    f
}

/// "While stocks last" said of goods, not of the voucher: its sentence
/// states a price or a markdown ("3x2 en aceites, 7,45 €, hasta fin de
/// existencias", "Up to 50% off … while stocks last") and no voucher term
/// (a code, a minimum, a limit, new customers).
fn stock_of_goods(m: &Mentions, seg: &Segment, at: usize) -> bool {
    let Some(&r) = seg.ranges.iter().find(|r| at >= r.0 && at < r.1) else {
        return false;
    };
    let clause = crate::text::sentence_around(&m.folded.text, r, at);
    let values =
        m.money_within(clause).next().is_some() || m.percents_within(clause).next().is_some();
    let voucher = m.cues_within(clause).any(|c| {
        matches!(
            c.cue.kind,
            CueKind::Code
                | CueKind::MinOrder
                | CueKind::PerUser
                | CueKind::Total
                | CueKind::NewUsers
        )
    });
    values && !voucher
}

/// The usage limits of a segment.
pub fn usage(m: &Mentions, seg: &Segment, ev: &mut EvidenceLog) -> Usage {
    let mut u = Usage::default();
    for c in m
        .cues_starting_in(seg.span())
        .iter()
        .filter(|c| seg.contains(c.start))
    {
        match c.cue.kind {
            CueKind::FirstComeFirstServed
                if !u.first_come_first_served && !stock_of_goods(m, seg, c.start) =>
            {
                u.first_come_first_served = true;
                ev.add("usage.first_come_first_served", c.start, c.end, &c.cue.id);
            }
            CueKind::PerUser if u.per_user.is_none() => {
                if let Some(n) = c.cue.fixed {
                    u.per_user = u32::try_from(n).ok();
                    ev.add("usage.per_user", c.start, c.end, &c.cue.id);
                    continue;
                }
                let clause = m.clause_of(c.start);
                let before = matches!(c.cue.value, Side::Before | Side::Either)
                    .then(|| {
                        m.counts_starting_in((clause.0, c.start))
                            .iter()
                            .rev()
                            .find(|n| {
                                n.end <= c.start
                                    && c.start - n.end <= 14
                                    && !m.folded.text[n.end..c.start]
                                        .bytes()
                                        .any(|b| b.is_ascii_digit())
                            })
                    })
                    .flatten();
                let after = matches!(c.cue.value, Side::After | Side::Either)
                    .then(|| {
                        m.counts
                            .iter()
                            .find(|n| n.start >= c.end && m.gap_is_light(c.end, n.start, 4))
                    })
                    .flatten();
                if let Some(n) = before.or(after) {
                    if n.value > 0 && n.value < 1000 {
                        u.per_user = u32::try_from(n.value).ok();
                        ev.add(
                            "usage.per_user",
                            n.start.min(c.start),
                            n.end.max(c.end),
                            &c.cue.id,
                        );
                    }
                }
            }
            CueKind::Total if u.total.is_none() => {
                let n = match c.cue.value {
                    Side::Before => m
                        .counts
                        .iter()
                        .rev()
                        .find(|n| n.end <= c.start && m.gap_is_light(n.end, c.start, 2)),
                    _ => m
                        .counts
                        .iter()
                        .find(|n| n.start >= c.end && m.gap_is_light(c.end, n.start, 2)),
                };
                if let Some(n) = n {
                    // "limited to 2 per customer" is a per-user limit, not a total.
                    let per_user_next = m
                        .cues_starting_in((n.end, n.end + 15))
                        .iter()
                        .any(|p| p.cue.kind == CueKind::PerUser);
                    let is_word = !m.folded.text[n.start..n.end]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b' ' | b'\''));

                    if !per_user_next && !is_word && n.value > 1 {
                        u.total = Some(n.value);
                        ev.add(
                            "usage.total",
                            n.start.min(c.start),
                            n.end.max(c.end),
                            &c.cue.id,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    u
}
