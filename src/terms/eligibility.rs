//! Eligibility lists: the countries named in a clause with a region cue, and
//! the payment methods named in a clause with a payment cue (not in a
//! question, nor in a clause that says they do not count: "Afterpay can't
//! be used", "any payment method").

use super::evidence::EvidenceLog;
use super::mentions::Mentions;
use super::segment::Segment;
use crate::lexicon::{CueKind, Lexicon, Side};

/// `(regions, payment_methods)` of a segment.
pub fn lists(
    lex: &Lexicon,
    lang: usize,
    m: &Mentions,
    seg: &Segment,
    ev: &mut EvidenceLog,
) -> (Vec<String>, Vec<String>) {
    let langs = [lang];
    let mut regions: Vec<String> = Vec::new();
    let mut payments: Vec<String> = Vec::new();
    let mut seen_clauses = Vec::new();
    for c in m.cues_starting_in(seg.span()).iter().filter(|c| {
        seg.contains(c.start) && matches!(c.cue.kind, CueKind::Region | CueKind::Payment)
    }) {
        let clause = m.clause_of(c.start);
        if seen_clauses.contains(&(clause, c.cue.kind)) {
            continue;
        }
        seen_clauses.push((clause, c.cue.kind));
        let text = &m.folded.text[clause.0..clause.1];
        let question = m.folded.text[clause.1..].starts_with('?');
        if c.cue.kind == CueKind::Payment
            && (question
                || m.cues_within(clause)
                    .any(|n| n.cue.kind == CueKind::NotPayment))
        {
            continue;
        }
        if c.cue.kind == CueKind::Region {
            for h in lex.countries.find(text, Some(&langs)) {
                // A country well before the cue (a site name, "Sallet Masr:
                // ... only in ...") is not what the cue limits to.
                if clause.0 + h.end + 30 < c.start {
                    continue;
                }
                if !regions.contains(h.value) {
                    regions.push(h.value.clone());
                    ev.add(
                        "eligibility.regions",
                        clause.0 + h.start,
                        clause.0 + h.end,
                        &c.cue.id,
                    );
                }
            }
        } else {
            for h in lex.payments.find(text, Some(&langs)) {
                let (a, b) = (clause.0 + h.start, clause.0 + h.end);
                // The names stand on the cue's value side ("pay with PayPal",
                // "PayPal as your payment method").
                let side_ok = match c.cue.value {
                    Side::After => a >= c.start,
                    Side::Before => b <= c.start,
                    Side::Either => true,
                };
                if !side_ok {
                    continue;
                }
                let name = ev.original(a, b).to_string();
                if !payments.iter().any(|p| p.eq_ignore_ascii_case(&name)) {
                    payments.push(name);
                    ev.add("eligibility.payment_methods", a, b, &c.cue.id);
                }
            }
        }
    }
    (regions, payments)
}
