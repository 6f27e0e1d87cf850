//! The answer of the verifier: reason codes, condition outcomes, verdicts,
//! risks, and the [`CheckResult`] printed for one cart.

use crate::record::Money;
use serde::Serialize;
use std::fmt;

/// Why a voucher does not (or may not) apply. The declaration order is the
/// order of the contract, and the order in which `reasons` are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    CodeNotFound,
    Expired,
    NotStarted,
    MinOrderNotMet,
    CurrencyMismatch,
    StoreMismatch,
    CategoryMismatch,
    ExcludedItem,
    RegionMismatch,
    NewUsersOnly,
    AppOnly,
    PaymentMethodMismatch,
    OutOfStock,
}

impl Reason {
    /// Every reason code, in contract order.
    pub const ALL: [Reason; 13] = [
        Reason::CodeNotFound,
        Reason::Expired,
        Reason::NotStarted,
        Reason::MinOrderNotMet,
        Reason::CurrencyMismatch,
        Reason::StoreMismatch,
        Reason::CategoryMismatch,
        Reason::ExcludedItem,
        Reason::RegionMismatch,
        Reason::NewUsersOnly,
        Reason::AppOnly,
        Reason::PaymentMethodMismatch,
        Reason::OutOfStock,
    ];

    /// The contract's spelling of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::CodeNotFound => "code_not_found",
            Reason::Expired => "expired",
            Reason::NotStarted => "not_started",
            Reason::MinOrderNotMet => "min_order_not_met",
            Reason::CurrencyMismatch => "currency_mismatch",
            Reason::StoreMismatch => "store_mismatch",
            Reason::CategoryMismatch => "category_mismatch",
            Reason::ExcludedItem => "excluded_item",
            Reason::RegionMismatch => "region_mismatch",
            Reason::NewUsersOnly => "new_users_only",
            Reason::AppOnly => "app_only",
            Reason::PaymentMethodMismatch => "payment_method_mismatch",
            Reason::OutOfStock => "out_of_stock",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How one condition of the voucher comes out for the cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The cart meets the condition.
    Ok,
    /// The cart breaks the condition.
    Failing,
    /// The cart or the terms leave the condition unsettled.
    Open,
}

/// One condition the voucher sets, judged against the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// The reason code the condition fails with.
    pub reason: Reason,
    pub outcome: Outcome,
    /// A human-readable account of the judgement.
    pub detail: String,
}

impl Condition {
    pub fn ok(reason: Reason, detail: impl Into<String>) -> Condition {
        Condition {
            reason,
            outcome: Outcome::Ok,
            detail: detail.into(),
        }
    }

    pub fn failing(reason: Reason, detail: impl Into<String>) -> Condition {
        Condition {
            reason,
            outcome: Outcome::Failing,
            detail: detail.into(),
        }
    }

    pub fn open(reason: Reason, detail: impl Into<String>) -> Condition {
        Condition {
            reason,
            outcome: Outcome::Open,
            detail: detail.into(),
        }
    }
}

/// The overall answer for one cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Applies,
    Rejected,
    Uncertain,
}

impl Verdict {
    /// The verdict and its reasons from the judged conditions: any failing
    /// condition rejects (listing every failing one and only those); else any
    /// open one leaves it uncertain (listing every open one); else it applies.
    pub fn from_conditions(conditions: &[Condition]) -> (Verdict, Vec<Reason>) {
        let collect = |outcome: Outcome| {
            let mut r: Vec<Reason> = conditions
                .iter()
                .filter(|c| c.outcome == outcome)
                .map(|c| c.reason)
                .collect();
            r.sort();
            r.dedup();
            r
        };
        let failing = collect(Outcome::Failing);
        if !failing.is_empty() {
            return (Verdict::Rejected, failing);
        }
        let open = collect(Outcome::Open);
        if !open.is_empty() {
            return (Verdict::Uncertain, open);
        }
        (Verdict::Applies, Vec::new())
    }

    /// Better verdicts rank higher: applies, then uncertain, then rejected.
    pub fn rank(self) -> u8 {
        match self {
            Verdict::Applies => 2,
            Verdict::Uncertain => 1,
            Verdict::Rejected => 0,
        }
    }
}

/// A risk that the voucher fails in practice although the terms allow it.
/// Declaration order is the order in which `risks` are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskCode {
    FirstComeFirstServed,
    UsageLimited,
    NoExpiryStated,
    ExpiresSoon,
    CurrencyAmbiguous,
    TermsIncomplete,
}

impl RiskCode {
    /// The contract's spelling of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskCode::FirstComeFirstServed => "first_come_first_served",
            RiskCode::UsageLimited => "usage_limited",
            RiskCode::NoExpiryStated => "no_expiry_stated",
            RiskCode::ExpiresSoon => "expires_soon",
            RiskCode::CurrencyAmbiguous => "currency_ambiguous",
            RiskCode::TermsIncomplete => "terms_incomplete",
        }
    }
}

/// One risk with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub code: RiskCode,
    pub message: String,
}

/// The verifier's answer for one cart: the object `fineprint check` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    /// The cart's code, as the cart gave it.
    pub code: String,
    /// The id of the record that was judged; null when no record matched.
    pub voucher_id: Option<String>,
    pub verdict: Verdict,
    /// What the voucher takes off this cart: null when it is rejected, when
    /// it states no discount, or when the discount cannot be settled.
    pub discount: Option<Money>,
    /// Failing reasons when rejected, open reasons when uncertain, else empty.
    pub reasons: Vec<Reason>,
    pub risks: Vec<Risk>,
    /// In [0, 1]; see `docs/check.md` for the formula.
    pub risk_score: f64,
    /// Every condition the voucher sets, with its outcome (an explanation;
    /// an addition to the contract's fields).
    pub conditions: Vec<Condition>,
}
