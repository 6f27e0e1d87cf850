//! The reference verifier: does a voucher apply to a cart, and if not, why.
//!
//! [`check`] finds the record whose code is the cart's (trimmed, ignoring
//! case, never by prefix), judges every condition the voucher sets as ok,
//! failing or open, and turns them into a [`Verdict`] with its reasons, the
//! discount of the best tier reached, and the risks of the voucher. The rules
//! are those of "Check rules" in the record contract; `docs/check.md` spells
//! out every choice this implementation makes.
//!
//! ```
//! use fineprint::check::{check, Cart, Verdict};
//! use fineprint::check::terms::read_records;
//!
//! let (records, errors) = read_records(
//!     r#"{"code": "SAVE10", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "10", "currency": "USD"}}, "min_order": {"amount": "50", "currency": "USD"}}]}"#,
//! );
//! assert!(errors.is_empty());
//! let cart = Cart::from_json(r#"{"code": " save10 ", "subtotal": {"amount": "49.99", "currency": "USD"}}"#).unwrap();
//! let result = check(&records, &cart, None);
//! assert_eq!(result.verdict, Verdict::Rejected);
//! assert_eq!(result.reasons[0].as_str(), "min_order_not_met");
//! ```
//!
//! Modules, one job each: [`cart`] (the cart), [`terms`] (reading records),
//! [`fx`] (exchange rates), [`time`] with [`zone`] (the validity window),
//! [`tiers`] (money), [`eligibility`] (who and what), [`names`] (whole-name
//! matching), [`risk`] (risks and their score), [`outcome`] (the answer).

pub mod cart;
pub mod eligibility;
pub mod fx;
pub mod names;
pub mod outcome;
pub mod risk;
pub mod terms;
pub mod tiers;
pub mod time;
pub mod zone;

pub use cart::{Cart, CartError, Subtotal};
pub use fx::{FxError, Rates};
pub use outcome::{CheckResult, Condition, Outcome, Reason, Risk, RiskCode, Verdict};

use crate::record::Record;

/// Whether a promo code as printed is the cart's code: equal after trimming,
/// ignoring case; never a prefix.
pub fn code_matches(record_code: &str, cart_code: &str) -> bool {
    let (a, b) = (record_code.trim(), cart_code.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

/// Checks a cart against a set of records.
///
/// When several records carry the cart's code (the same code printed on
/// several pages, or found twice), each is judged and the best answer is
/// kept: `applies` before `uncertain` before `rejected`, then the larger
/// discount, then the earlier record in `records`. The code works if any
/// of its terms let it.
pub fn check(records: &[Record], cart: &Cart, fx: Option<&Rates>) -> CheckResult {
    let mut best: Option<CheckResult> = None;
    for record in records {
        let Some(code) = record.code.as_deref() else {
            continue;
        };
        if !code_matches(code, &cart.code) {
            continue;
        }
        let result = check_record(record, cart, fx);
        if best.as_ref().is_none_or(|b| better(&result, b)) {
            best = Some(result);
        }
    }
    best.unwrap_or_else(|| not_found(cart))
}

/// Whether `a` is a strictly better answer than `b`.
fn better(a: &CheckResult, b: &CheckResult) -> bool {
    let amount = |r: &CheckResult| r.discount.as_ref().map(|d| d.amount);
    match a.verdict.rank().cmp(&b.verdict.rank()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => amount(a) > amount(b),
    }
}

/// The answer when no record carries the cart's code.
fn not_found(cart: &Cart) -> CheckResult {
    CheckResult {
        code: cart.code.clone(),
        voucher_id: None,
        verdict: Verdict::Rejected,
        discount: None,
        reasons: vec![Reason::CodeNotFound],
        risks: Vec::new(),
        risk_score: 0.0,
        conditions: vec![Condition::failing(
            Reason::CodeNotFound,
            format!("no record carries the code {:?}", cart.code.trim()),
        )],
    }
}

/// Judges one record against a cart, whatever its code.
pub fn check_record(record: &Record, cart: &Cart, fx: Option<&Rates>) -> CheckResult {
    let time = time::judge(&record.validity, cart.at.as_ref());
    let money = tiers::judge(&record.tiers, &cart.subtotal, fx);
    let mut conditions = time.conditions;
    conditions.extend(money.conditions);
    conditions.extend(eligibility::judge(record, cart));
    conditions.sort_by_key(|c| c.reason);

    let (verdict, reasons) = Verdict::from_conditions(&conditions);
    let risks = risk::risks(
        record,
        risk::Signals {
            expires_soon: time.expires_soon,
            currency_ambiguous: money.currency_ambiguous,
        },
    );
    CheckResult {
        code: cart.code.clone(),
        voucher_id: Some(record.id.clone()).filter(|id| !id.is_empty()),
        verdict,
        discount: if verdict == Verdict::Rejected {
            None
        } else {
            money.discount
        },
        reasons,
        risk_score: risk::score(&risks),
        risks,
        conditions,
    }
}
