//! Risks: ways a voucher can fail at checkout although its terms allow the
//! cart, and the `risk_score` that sums them up.
//!
//! The score combines the weights of the risks present as independent
//! chances of failure: `risk_score = 1 − Π (1 − wᵢ)`, rounded to 4 decimal
//! places. Every weight is in (0, 1), so the score is in [0, 1), 0 with no
//! risk, and adding a risk never lowers it (monotone in each factor).

use super::outcome::{Risk, RiskCode};
use crate::record::{DiscountType, Record, ScopeKind};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The weight of each risk, in per-mille (0.35 = 350).
pub const WEIGHTS: &[(RiskCode, i64)] = &[
    (RiskCode::FirstComeFirstServed, 350),
    (RiskCode::UsageLimited, 250),
    (RiskCode::NoExpiryStated, 100),
    (RiskCode::ExpiresSoon, 300),
    (RiskCode::CurrencyAmbiguous, 200),
    (RiskCode::TermsIncomplete, 250),
];

/// What the other judgements found that bears on risk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Signals {
    /// Not expired and ends within 24 h of the cart's moment.
    pub expires_soon: bool,
    /// Some money of the voucher has no currency.
    pub currency_ambiguous: bool,
}

/// The risks of a matched record, in contract order.
pub fn risks(record: &Record, signals: Signals) -> Vec<Risk> {
    let mut out = Vec::new();
    let mut add = |code, message: String| out.push(Risk { code, message });
    if record.usage.first_come_first_served {
        add(
            RiskCode::FirstComeFirstServed,
            "first come, first served: it may run out before checkout".into(),
        );
    }
    if let Some(total) = record.usage.total {
        add(
            RiskCode::UsageLimited,
            format!("limited to {total} uses in total"),
        );
    }
    if record.validity.ends.is_none() && record.validity.days_after_claim.is_none() {
        add(
            RiskCode::NoExpiryStated,
            "no end date is stated; it may be withdrawn at any time".into(),
        );
    }
    if signals.expires_soon {
        let ends = record
            .validity
            .ends
            .map(|e| e.to_string())
            .unwrap_or_default();
        add(
            RiskCode::ExpiresSoon,
            format!("ends within 24 hours ({ends})"),
        );
    }
    if signals.currency_ambiguous || record.warnings.iter().any(|w| w == "currency_ambiguous") {
        add(
            RiskCode::CurrencyAmbiguous,
            "an amount of the voucher has no stated currency; the cart's is assumed".into(),
        );
    }
    let gaps = gaps(record);
    if !gaps.is_empty() {
        add(
            RiskCode::TermsIncomplete,
            format!("the terms leave out: {}", gaps.join("; ")),
        );
    }
    out
}

/// What the terms leave out that a checkout depends on. The terms are
/// incomplete when any of these holds:
///
/// - they state neither a discount (no tier) nor free shipping;
/// - a tier states no value (an `amount` tier without amount, a `percent`
///   tier without percent);
/// - a recurring tier states no `min_order` (the step it recurs by);
/// - the scope kind is `store` or `category` but no store or category is
///   named, or it is `product` (the record names no products to check).
pub fn gaps(record: &Record) -> Vec<String> {
    let mut out = Vec::new();
    if record.tiers.is_empty() && !record.free_shipping {
        out.push("no discount and no free shipping is stated".to_string());
    }
    for (i, t) in record.tiers.iter().enumerate() {
        let missing = match t.discount.kind {
            DiscountType::Amount => t.discount.amount.is_none(),
            DiscountType::Percent => t.discount.percent.is_none(),
        };
        if missing {
            out.push(format!("tier {} states no discount value", i + 1));
        }
        if t.recurring && t.min_order.is_none() {
            out.push(format!("tier {} recurs but states no step", i + 1));
        }
    }
    match record.scope.kind {
        Some(ScopeKind::Store) if record.scope.stores.is_empty() => {
            out.push("store-scoped but no store is named".into())
        }
        Some(ScopeKind::Category) if record.scope.categories.is_empty() => {
            out.push("category-scoped but no category is named".into())
        }
        Some(ScopeKind::Product) => out.push("product-scoped: the products are not checked".into()),
        _ => {}
    }
    out
}

/// `1 − Π (1 − wᵢ)` over the risks present, rounded to 4 decimal places.
pub fn score(risks: &[Risk]) -> f64 {
    let mut keep = Decimal::ONE;
    for (code, per_mille) in WEIGHTS {
        if risks.iter().any(|r| r.code == *code) {
            keep *= Decimal::ONE - Decimal::new(*per_mille, 3);
        }
    }
    (Decimal::ONE - keep).round_dp(4).to_f64().unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_risk_has_one_weight_in_the_open_unit_interval() {
        for code in [
            RiskCode::FirstComeFirstServed,
            RiskCode::UsageLimited,
            RiskCode::NoExpiryStated,
            RiskCode::ExpiresSoon,
            RiskCode::CurrencyAmbiguous,
            RiskCode::TermsIncomplete,
        ] {
            let w: Vec<_> = WEIGHTS.iter().filter(|(c, _)| *c == code).collect();
            assert_eq!(w.len(), 1, "{code:?}");
            assert!(w[0].1 > 0 && w[0].1 < 1000);
        }
    }
}
