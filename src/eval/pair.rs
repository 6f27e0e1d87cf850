//! Pairing the vouchers produced for a page with its gold vouchers, one to
//! one: first by code, then by best field agreement.

use super::compare::compare;
use super::gold::Terms;
use chrono::NaiveDate;
use std::cmp::Reverse;

/// Which produced voucher stands for which gold voucher.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pairing {
    /// `(gold index, produced index)`, by gold index.
    pub pairs: Vec<(usize, usize)>,
    pub unpaired_gold: Vec<usize>,
    pub unpaired_produced: Vec<usize>,
}

/// Pairs vouchers one to one:
///
/// 1. a gold voucher with a code takes the first unpaired produced voucher
///    (in page order) with the same code, ignoring case and surrounding
///    space;
/// 2. the rest are paired by agreement, the number of values on which they
///    agree (the true positives of comparing them): the pair that agrees most
///    is taken first, ties go to the earlier gold voucher, then the earlier
///    produced one; pairs that agree on nothing are not made.
pub fn pair(gold: &[Terms], produced: &[Terms], as_of: NaiveDate) -> Pairing {
    let mut gold_taken = vec![false; gold.len()];
    let mut prod_taken = vec![false; produced.len()];
    let mut pairs = Vec::new();

    for (i, g) in gold.iter().enumerate() {
        let Some(code) = g.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let found = produced.iter().enumerate().position(|(j, p)| {
            !prod_taken[j]
                && p.code
                    .as_deref()
                    .is_some_and(|pc| pc.trim().to_lowercase() == code.to_lowercase())
        });
        if let Some(j) = found {
            gold_taken[i] = true;
            prod_taken[j] = true;
            pairs.push((i, j));
        }
    }

    let mut candidates = Vec::new();
    for (i, g) in gold.iter().enumerate().filter(|(i, _)| !gold_taken[*i]) {
        for (j, p) in produced.iter().enumerate().filter(|(j, _)| !prod_taken[*j]) {
            let agreement = compare(Some(g), Some(p), as_of).agreement();
            if agreement > 0 {
                candidates.push((Reverse(agreement), i, j));
            }
        }
    }
    candidates.sort();
    for (_, i, j) in candidates {
        if !gold_taken[i] && !prod_taken[j] {
            gold_taken[i] = true;
            prod_taken[j] = true;
            pairs.push((i, j));
        }
    }

    pairs.sort();
    Pairing {
        pairs,
        unpaired_gold: (0..gold.len()).filter(|&i| !gold_taken[i]).collect(),
        unpaired_produced: (0..produced.len()).filter(|&j| !prod_taken[j]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(json: &str) -> Terms {
        serde_json::from_str(json).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()
    }

    #[test]
    fn codes_pair_first_whatever_the_order() {
        let gold = vec![terms(r#"{"code": "AAA"}"#), terms(r#"{"code": "BBB"}"#)];
        let produced = vec![terms(r#"{"code": "bbb"}"#), terms(r#"{"code": "AAA "}"#)];
        let p = pair(&gold, &produced, day());
        assert_eq!(p.pairs, vec![(0, 1), (1, 0)]);
        assert!(p.unpaired_gold.is_empty() && p.unpaired_produced.is_empty());
    }

    #[test]
    fn without_codes_the_best_agreement_wins() {
        let gold = vec![
            terms(
                r#"{"title": "Ten off", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "10", "currency": "USD"}}}]}"#,
            ),
            terms(r#"{"title": "Free shipping", "free_shipping": true}"#),
        ];
        // produced in the other order; the first agrees with gold 1 only
        let produced = vec![
            terms(r#"{"free_shipping": true, "title": "free  SHIPPING!"}"#),
            terms(
                r#"{"tiers": [{"discount": {"type": "amount", "amount": {"amount": "10.00", "currency": "USD"}}}]}"#,
            ),
        ];
        let p = pair(&gold, &produced, day());
        assert_eq!(p.pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn a_voucher_that_agrees_on_nothing_stays_unpaired() {
        let gold = vec![terms(r#"{"code": "AAA", "free_shipping": true}"#)];
        let produced = vec![terms(r#"{"code": "ZZZ", "stackable": false}"#)];
        let p = pair(&gold, &produced, day());
        assert!(p.pairs.is_empty());
        assert_eq!(p.unpaired_gold, vec![0]);
        assert_eq!(p.unpaired_produced, vec![0]);
    }

    #[test]
    fn a_misread_code_still_pairs_on_its_other_terms() {
        let gold = vec![terms(r#"{"code": "SAVE10", "free_shipping": true}"#)];
        let produced = vec![terms(r#"{"code": "SAVE1O", "free_shipping": true}"#)];
        let p = pair(&gold, &produced, day());
        assert_eq!(p.pairs, vec![(0, 0)]);
    }

    #[test]
    fn ties_go_to_page_order() {
        let gold = vec![
            terms(r#"{"free_shipping": true}"#),
            terms(r#"{"free_shipping": true}"#),
        ];
        let produced = vec![terms(r#"{"free_shipping": true}"#)];
        let p = pair(&gold, &produced, day());
        assert_eq!(p.pairs, vec![(0, 0)]);
        assert_eq!(p.unpaired_gold, vec![1]);
    }

    #[test]
    fn one_to_one_even_when_codes_repeat() {
        let gold = vec![terms(r#"{"code": "X"}"#)];
        let produced = vec![terms(r#"{"code": "X"}"#), terms(r#"{"code": "X"}"#)];
        let p = pair(&gold, &produced, day());
        assert_eq!(p.pairs, vec![(0, 0)]);
        assert_eq!(p.unpaired_produced, vec![1]);
    }
}
