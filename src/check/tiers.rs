//! Money: which tiers the cart's subtotal reaches, what the best one takes
//! off, and whether the voucher's currency is the cart's.
//!
//! - A money of the voucher with a null currency is read in the cart's
//!   currency (and flagged ambiguous, for the `currency_ambiguous` risk).
//! - Any money in another currency than the subtotal's makes
//!   `currency_mismatch` open and leaves the minimum unjudged — unless rates
//!   are given and know both currencies: then every amount is converted to
//!   the cart's currency first, and `currency_mismatch` is ok.
//! - A tier is reached when `subtotal ≥ min_order` (or it has none). Tiers
//!   and none reached: `min_order_not_met` fails.
//! - A tier's discount: an amount as stated; a percent of the subtotal; a
//!   recurring amount once per whole `min_order` in the subtotal; then capped
//!   at `max_discount`. The best reached tier gives the largest discount.
//! - Arithmetic is exact; a discount computed from converted amounts is
//!   rounded half away from zero to the cart currency's minor unit.

use super::cart::Subtotal;
use super::fx::{self, Rates};
use super::outcome::{Condition, Reason};
use crate::record::{DiscountType, Money, Tier};
use rust_decimal::{Decimal, RoundingStrategy};

/// Currencies whose minor unit is not 1/100.
const MINOR_UNITS: &[(&str, u32)] = &[
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
    ("CLP", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("UGX", 0),
    ("VND", 0),
    ("XAF", 0),
    ("XOF", 0),
];

/// The money judgement of a voucher for a cart.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyJudgement {
    /// `currency_mismatch` and `min_order_not_met`, when the voucher sets them.
    pub conditions: Vec<Condition>,
    /// What the best reached tier takes off, in the cart's currency.
    pub discount: Option<Money>,
    /// Some money of the voucher has no currency.
    pub currency_ambiguous: bool,
}

/// A tier with every amount in the cart's currency.
struct Converted {
    kind: DiscountType,
    amount: Option<Decimal>,
    percent: Option<Decimal>,
    min_order: Option<Decimal>,
    cap: Option<Decimal>,
    recurring: bool,
}

/// Judges the tiers of a voucher against the cart's subtotal.
pub fn judge(tiers: &[Tier], subtotal: &Subtotal, fx: Option<&Rates>) -> MoneyJudgement {
    let moneys: Vec<&Money> = tiers.iter().flat_map(tier_moneys).collect();
    let mut currency_ambiguous = moneys.iter().any(|m| m.currency.is_none());
    let mut conditions = Vec::new();

    // The cart's currency; a cart without one takes the voucher's, if single.
    let cart_currency = match &subtotal.currency {
        Some(c) => Some(fx::normalize(c)),
        None => {
            let mut stated: Vec<String> = moneys
                .iter()
                .filter_map(|m| m.currency.as_deref().map(fx::normalize))
                .collect();
            stated.sort();
            stated.dedup();
            if stated.len() > 1 {
                conditions.push(Condition::open(
                    Reason::CurrencyMismatch,
                    format!(
                        "the cart states no currency and the voucher uses {}",
                        stated.join(", ")
                    ),
                ));
                return MoneyJudgement {
                    conditions,
                    discount: None,
                    currency_ambiguous,
                };
            }
            currency_ambiguous |= !stated.is_empty();
            stated.pop()
        }
    };

    let foreign: Vec<String> = {
        let mut f: Vec<String> = moneys
            .iter()
            .filter_map(|m| m.currency.as_deref().map(fx::normalize))
            .filter(|c| Some(c) != cart_currency.as_ref())
            .collect();
        f.sort();
        f.dedup();
        f
    };
    let cart_code = cart_currency.clone().unwrap_or_default();
    let mut converted_any = false;
    if !foreign.is_empty() {
        let convertible = fx.is_some_and(|r| {
            r.rate(&cart_code).is_some() && foreign.iter().all(|c| r.rate(c).is_some())
        });
        if !convertible {
            conditions.push(Condition::open(
                Reason::CurrencyMismatch,
                format!(
                    "the voucher's money is in {} and the cart's in {}; the minimum is not judged without exchange rates",
                    foreign.join(", "),
                    if cart_code.is_empty() { "no stated currency" } else { &cart_code }
                ),
            ));
            return MoneyJudgement {
                conditions,
                discount: None,
                currency_ambiguous,
            };
        }
        converted_any = true;
        conditions.push(Condition::ok(
            Reason::CurrencyMismatch,
            format!(
                "{} converted to {cart_code} with the given rates",
                foreign.join(", ")
            ),
        ));
    }

    let to_cart = |m: &Money| -> Option<Decimal> {
        match (&m.currency, fx) {
            (Some(c), Some(rates)) if fx::normalize(c) != cart_code => {
                rates.convert(m.amount, c, &cart_code)
            }
            _ => Some(m.amount),
        }
    };
    let mut converted = Vec::with_capacity(tiers.len());
    for t in tiers {
        let conv = |m: &Option<Money>| m.as_ref().map(&to_cart);
        let (amount, min_order, cap) = (
            conv(&t.discount.amount),
            conv(&t.min_order),
            conv(&t.max_discount),
        );
        // A conversion that overflows is as good as an unknown rate.
        if [&amount, &min_order, &cap]
            .iter()
            .any(|x| matches!(x, Some(None)))
        {
            conditions.retain(|c| c.reason != Reason::CurrencyMismatch);
            conditions.push(Condition::open(
                Reason::CurrencyMismatch,
                "an amount could not be converted to the cart's currency",
            ));
            return MoneyJudgement {
                conditions,
                discount: None,
                currency_ambiguous,
            };
        }
        converted.push(Converted {
            kind: t.discount.kind,
            amount: amount.flatten(),
            percent: t.discount.percent,
            min_order: min_order.flatten(),
            cap: cap.flatten(),
            recurring: t.recurring,
        });
    }

    if converted.is_empty() {
        return MoneyJudgement {
            conditions,
            discount: None,
            currency_ambiguous,
        };
    }

    let total = subtotal.amount;
    let reached: Vec<&Converted> = converted
        .iter()
        .filter(|t| t.min_order.is_none_or(|m| total >= m))
        .collect();
    if reached.is_empty() {
        let lowest = converted.iter().filter_map(|t| t.min_order).min();
        conditions.push(Condition::failing(
            Reason::MinOrderNotMet,
            format!(
                "subtotal {} is below the smallest minimum order {}",
                show(total),
                lowest.map(show).unwrap_or_default()
            ),
        ));
        return MoneyJudgement {
            conditions,
            discount: None,
            currency_ambiguous,
        };
    }
    if converted.iter().any(|t| t.min_order.is_some()) {
        conditions.push(Condition::ok(
            Reason::MinOrderNotMet,
            format!(
                "subtotal {} reaches {} of {} tiers",
                show(total),
                reached.len(),
                converted.len()
            ),
        ));
    }

    let best = reached.iter().filter_map(|t| tier_discount(t, total)).max();
    let discount = best.map(|d| {
        let d = if converted_any {
            let places = MINOR_UNITS
                .iter()
                .find(|(c, _)| *c == cart_code)
                .map_or(2, |(_, p)| *p);
            d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        } else {
            d
        };
        Money {
            amount: d.normalize(),
            currency: cart_currency.clone(),
        }
    });
    MoneyJudgement {
        conditions,
        discount,
        currency_ambiguous,
    }
}

/// The moneys a tier states.
fn tier_moneys(t: &Tier) -> impl Iterator<Item = &Money> {
    [&t.discount.amount, &t.min_order, &t.max_discount]
        .into_iter()
        .flatten()
}

/// What one reached tier takes off a subtotal; None when the tier states
/// no value or the arithmetic overflows (and no cap bounds it).
fn tier_discount(t: &Converted, total: Decimal) -> Option<Decimal> {
    let raw = match t.kind {
        DiscountType::Percent => t
            .percent
            .and_then(|p| total.checked_mul(p))
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
        DiscountType::Amount => {
            let amount = t.amount?;
            match t.min_order {
                Some(min) if t.recurring && min > Decimal::ZERO => total
                    .checked_div(min)
                    .map(|q| q.floor())
                    .and_then(|times| times.checked_mul(amount)),
                _ => Some(amount),
            }
        }
    };
    match (raw, t.cap) {
        (Some(x), Some(cap)) => Some(x.min(cap)),
        (Some(x), None) => Some(x),
        // Too large to compute: the cap is the discount, if there is one
        // and the tier states a value at all.
        (None, Some(cap)) if t.amount.is_some() || t.percent.is_some() => Some(cap),
        (None, _) => None,
    }
}

fn show(d: Decimal) -> String {
    d.normalize().to_string()
}
