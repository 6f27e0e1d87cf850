//! Field-by-field comparison of one gold voucher with one produced voucher:
//! true positives, false positives and false negatives per field, and a
//! [`Miss`] for every disagreement.

use super::gold::{Terms, TierTerms};
use super::normalize;
use crate::record::{DiscountType, Money, When};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::BTreeMap;

/// Every scored field of the record, in record order. Tier fields are scored
/// over all tiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Code,
    AutoApplied,
    Title,
    DiscountType,
    DiscountAmount,
    DiscountPercent,
    MinOrder,
    MaxDiscount,
    Recurring,
    FreeShipping,
    ScopeKind,
    ScopeStores,
    ScopeCategories,
    ScopeExcluded,
    ValidityStarts,
    ValidityEnds,
    ValidityTimeZone,
    ValidityDaysAfterClaim,
    UsagePerUser,
    UsageTotal,
    UsageFirstComeFirstServed,
    EligibilityNewUsersOnly,
    EligibilityAppOnly,
    EligibilityRegions,
    EligibilityPaymentMethods,
    Stackable,
}

/// The number of scored fields.
pub const FIELD_COUNT: usize = 26;

impl Field {
    /// All fields, in record order.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Code,
        Field::AutoApplied,
        Field::Title,
        Field::DiscountType,
        Field::DiscountAmount,
        Field::DiscountPercent,
        Field::MinOrder,
        Field::MaxDiscount,
        Field::Recurring,
        Field::FreeShipping,
        Field::ScopeKind,
        Field::ScopeStores,
        Field::ScopeCategories,
        Field::ScopeExcluded,
        Field::ValidityStarts,
        Field::ValidityEnds,
        Field::ValidityTimeZone,
        Field::ValidityDaysAfterClaim,
        Field::UsagePerUser,
        Field::UsageTotal,
        Field::UsageFirstComeFirstServed,
        Field::EligibilityNewUsersOnly,
        Field::EligibilityAppOnly,
        Field::EligibilityRegions,
        Field::EligibilityPaymentMethods,
        Field::Stackable,
    ];

    /// The field's path in the record (`tiers.min_order`, `scope.stores`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::AutoApplied => "auto_applied",
            Field::Title => "title",
            Field::DiscountType => "tiers.discount.type",
            Field::DiscountAmount => "tiers.discount.amount",
            Field::DiscountPercent => "tiers.discount.percent",
            Field::MinOrder => "tiers.min_order",
            Field::MaxDiscount => "tiers.max_discount",
            Field::Recurring => "tiers.recurring",
            Field::FreeShipping => "free_shipping",
            Field::ScopeKind => "scope.kind",
            Field::ScopeStores => "scope.stores",
            Field::ScopeCategories => "scope.categories",
            Field::ScopeExcluded => "scope.excluded",
            Field::ValidityStarts => "validity.starts",
            Field::ValidityEnds => "validity.ends",
            Field::ValidityTimeZone => "validity.time_zone",
            Field::ValidityDaysAfterClaim => "validity.days_after_claim",
            Field::UsagePerUser => "usage.per_user",
            Field::UsageTotal => "usage.total",
            Field::UsageFirstComeFirstServed => "usage.first_come_first_served",
            Field::EligibilityNewUsersOnly => "eligibility.new_users_only",
            Field::EligibilityAppOnly => "eligibility.app_only",
            Field::EligibilityRegions => "eligibility.regions",
            Field::EligibilityPaymentMethods => "eligibility.payment_methods",
            Field::Stackable => "stackable",
        }
    }
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// `tp / (tp + fp)`; `None` when nothing was produced.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`; `None` when the gold has nothing.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// `2tp / (2tp + fp + fn)`; `None` when neither side has anything.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Counts", 6)?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("fp", &self.fp)?;
        st.serialize_field("fn", &self.fn_)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.serialize_field("f1", &self.f1())?;
        st.end()
    }
}

/// Counts for every field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldCounts(pub [Counts; FIELD_COUNT]);

impl FieldCounts {
    pub fn get(&self, f: Field) -> Counts {
        self.0[f as usize]
    }

    fn at(&mut self, f: Field) -> &mut Counts {
        &mut self.0[f as usize]
    }

    pub fn add(&mut self, other: &FieldCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            a.add(*b);
        }
    }

    /// Micro totals over all fields.
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in &self.0 {
            t.add(*c);
        }
        t
    }
}

/// One disagreement between gold and produced: `expected` is the gold value
/// (`None`: not stated in gold), `produced` what the extractor gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    /// The value's path in the voucher: `code`, `tiers[1].min_order`.
    pub field: String,
    pub expected: Option<String>,
    pub produced: Option<String>,
}

/// The outcome of comparing two vouchers.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub counts: FieldCounts,
    pub misses: Vec<Miss>,
}

impl Comparison {
    /// The number of agreeing values: how well the two vouchers pair.
    pub fn agreement(&self) -> u64 {
        self.counts.total().tp
    }
}

/// Compares a gold voucher with a produced one. `None` on one side is an
/// unpaired voucher: every stated value of the other side is then a false
/// negative (gold) or false positive (produced).
pub fn compare(gold: Option<&Terms>, produced: Option<&Terms>, as_of: NaiveDate) -> Comparison {
    let empty = Terms::default();
    let g = gold.unwrap_or(&empty);
    let p = produced.unwrap_or(&empty);
    let mut c = Comparer::default();

    c.scalar(
        Field::Code,
        "code",
        g.code.as_deref().map(normalize::code),
        p.code.as_deref().map(normalize::code),
        |a, b| a == b,
        Clone::clone,
    );
    c.flag(
        Field::AutoApplied,
        "auto_applied",
        g.auto_applied,
        p.auto_applied,
    );
    c.scalar(
        Field::Title,
        "title",
        g.title.as_deref(),
        p.title.as_deref(),
        |a, b| normalize::text(a) == normalize::text(b),
        |s| s.to_string(),
    );
    compare_tiers(&mut c, &g.tiers, &p.tiers);
    c.flag(
        Field::FreeShipping,
        "free_shipping",
        g.free_shipping,
        p.free_shipping,
    );

    c.scalar(
        Field::ScopeKind,
        "scope.kind",
        g.scope.kind,
        p.scope.kind,
        |a, b| a == b,
        |k| k.as_str().to_string(),
    );
    c.set(
        Field::ScopeStores,
        "scope.stores",
        &g.scope.stores,
        &p.scope.stores,
        normalize::store,
    );
    c.set(
        Field::ScopeCategories,
        "scope.categories",
        &g.scope.categories,
        &p.scope.categories,
        normalize::text,
    );
    c.set(
        Field::ScopeExcluded,
        "scope.excluded",
        &g.scope.excluded,
        &p.scope.excluded,
        normalize::text,
    );

    let when = |w: &When| w.to_string();
    c.scalar(
        Field::ValidityStarts,
        "validity.starts",
        g.validity.starts.as_ref(),
        p.validity.starts.as_ref(),
        |a, b| normalize::when_matches(a, b),
        |w| when(w),
    );
    c.scalar(
        Field::ValidityEnds,
        "validity.ends",
        g.validity.ends.as_ref(),
        p.validity.ends.as_ref(),
        |a, b| normalize::when_matches(a, b),
        |w| when(w),
    );
    let moment = zone_moment(g, p, as_of);
    c.scalar(
        Field::ValidityTimeZone,
        "validity.time_zone",
        g.validity.time_zone.as_deref(),
        p.validity.time_zone.as_deref(),
        |a, b| normalize::zones_match(a, b, moment),
        |s| s.to_string(),
    );
    c.scalar(
        Field::ValidityDaysAfterClaim,
        "validity.days_after_claim",
        g.validity.days_after_claim,
        p.validity.days_after_claim,
        |a, b| a == b,
        u64::to_string,
    );

    c.scalar(
        Field::UsagePerUser,
        "usage.per_user",
        g.usage.per_user,
        p.usage.per_user,
        |a, b| a == b,
        u64::to_string,
    );
    c.scalar(
        Field::UsageTotal,
        "usage.total",
        g.usage.total,
        p.usage.total,
        |a, b| a == b,
        u64::to_string,
    );
    c.flag(
        Field::UsageFirstComeFirstServed,
        "usage.first_come_first_served",
        g.usage.first_come_first_served,
        p.usage.first_come_first_served,
    );

    c.flag(
        Field::EligibilityNewUsersOnly,
        "eligibility.new_users_only",
        g.eligibility.new_users_only,
        p.eligibility.new_users_only,
    );
    c.flag(
        Field::EligibilityAppOnly,
        "eligibility.app_only",
        g.eligibility.app_only,
        p.eligibility.app_only,
    );
    c.set(
        Field::EligibilityRegions,
        "eligibility.regions",
        &g.eligibility.regions,
        &p.eligibility.regions,
        normalize::region,
    );
    c.set(
        Field::EligibilityPaymentMethods,
        "eligibility.payment_methods",
        &g.eligibility.payment_methods,
        &p.eligibility.payment_methods,
        normalize::text,
    );
    c.scalar(
        Field::Stackable,
        "stackable",
        g.stackable,
        p.stackable,
        |a, b| a == b,
        bool::to_string,
    );

    Comparison {
        counts: c.counts,
        misses: c.misses,
    }
}

/// Tiers are paired in order of their minimum order (none first, then
/// lowest amount first; equal minimums keep their written order).
fn compare_tiers(c: &mut Comparer, gold: &[TierTerms], produced: &[TierTerms]) {
    let g = by_min_order(gold);
    let p = by_min_order(produced);
    for k in 0..g.len().max(p.len()) {
        let gt = g.get(k).copied();
        let pt = p.get(k).copied();
        let path = |f: &str| format!("tiers[{k}].{f}");
        c.scalar(
            Field::DiscountType,
            &path("discount.type"),
            gt.map(|t| t.discount.kind),
            pt.map(|t| t.discount.kind),
            |a, b| a == b,
            |k| {
                match k {
                    DiscountType::Amount => "amount",
                    DiscountType::Percent => "percent",
                }
                .to_string()
            },
        );
        c.scalar(
            Field::DiscountAmount,
            &path("discount.amount"),
            gt.and_then(|t| t.discount.amount.as_ref()),
            pt.and_then(|t| t.discount.amount.as_ref()),
            |a, b| money_eq(a, b),
            |m| show_money(m),
        );
        c.scalar(
            Field::DiscountPercent,
            &path("discount.percent"),
            gt.and_then(|t| t.discount.percent),
            pt.and_then(|t| t.discount.percent),
            |a, b| a == b,
            |d| d.normalize().to_string(),
        );
        c.scalar(
            Field::MinOrder,
            &path("min_order"),
            gt.and_then(|t| t.min_order.as_ref()),
            pt.and_then(|t| t.min_order.as_ref()),
            |a, b| money_eq(a, b),
            |m| show_money(m),
        );
        c.scalar(
            Field::MaxDiscount,
            &path("max_discount"),
            gt.and_then(|t| t.max_discount.as_ref()),
            pt.and_then(|t| t.max_discount.as_ref()),
            |a, b| money_eq(a, b),
            |m| show_money(m),
        );
        c.flag(
            Field::Recurring,
            &path("recurring"),
            gt.is_some_and(|t| t.recurring),
            pt.is_some_and(|t| t.recurring),
        );
    }
}

fn by_min_order(tiers: &[TierTerms]) -> Vec<&TierTerms> {
    let mut v: Vec<&TierTerms> = tiers.iter().collect();
    v.sort_by_key(|t| t.min_order.as_ref().map(|m| m.amount));
    v
}

/// Money is equal when the amounts are equal as decimals (`79` = `79.00`)
/// and the currencies are the same code (or both unknown).
fn money_eq(a: &Money, b: &Money) -> bool {
    a.amount == b.amount
        && match (&a.currency, &b.currency) {
            (Some(x), Some(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
            (None, None) => true,
            _ => false,
        }
}

fn show_money(m: &Money) -> String {
    format!(
        "{} {}",
        m.amount.normalize(),
        m.currency.as_deref().unwrap_or("(no currency)")
    )
}

/// The moment the zones are judged at: the gold's end (else start), else the
/// produced end (else start), else noon on the reference date.
fn zone_moment(g: &Terms, p: &Terms, as_of: NaiveDate) -> NaiveDateTime {
    [
        g.validity.ends,
        g.validity.starts,
        p.validity.ends,
        p.validity.starts,
    ]
    .into_iter()
    .flatten()
    .next()
    .map(|w| normalize::moment_of(&w))
    .unwrap_or_else(|| normalize::moment_of(&When::Date(as_of)))
}

#[derive(Default)]
struct Comparer {
    counts: FieldCounts,
    misses: Vec<Miss>,
}

impl Comparer {
    /// One value per side; a stated (non-default) value is a positive.
    fn scalar<T>(
        &mut self,
        field: Field,
        path: &str,
        gold: Option<T>,
        produced: Option<T>,
        eq: impl Fn(&T, &T) -> bool,
        show: impl Fn(&T) -> String,
    ) {
        let counts = self.counts.at(field);
        match (&gold, &produced) {
            (None, None) => return,
            (Some(g), Some(p)) if eq(g, p) => {
                counts.tp += 1;
                return;
            }
            (Some(_), Some(_)) => {
                counts.fp += 1;
                counts.fn_ += 1;
            }
            (Some(_), None) => counts.fn_ += 1,
            (None, Some(_)) => counts.fp += 1,
        }
        self.misses.push(Miss {
            field: path.to_string(),
            expected: gold.as_ref().map(&show),
            produced: produced.as_ref().map(&show),
        });
    }

    /// A boolean whose default is false: only `true` is a positive.
    fn flag(&mut self, field: Field, path: &str, gold: bool, produced: bool) {
        self.scalar(
            field,
            path,
            gold.then_some(true),
            produced.then_some(true),
            |a, b| a == b,
            bool::to_string,
        );
    }

    /// A list compared as a set of normalized strings; every element is one
    /// positive.
    fn set(
        &mut self,
        field: Field,
        path: &str,
        gold: &[String],
        produced: &[String],
        norm: fn(&str) -> String,
    ) {
        let g = norm_set(gold, norm);
        let p = norm_set(produced, norm);
        let counts = self.counts.at(field);
        let mut missing = Vec::new();
        let mut extra = Vec::new();
        for (k, shown) in &g {
            if p.contains_key(k) {
                counts.tp += 1;
            } else {
                counts.fn_ += 1;
                missing.push(shown.clone());
            }
        }
        for (k, shown) in &p {
            if !g.contains_key(k) {
                counts.fp += 1;
                extra.push(shown.clone());
            }
        }
        if !missing.is_empty() || !extra.is_empty() {
            self.misses.push(Miss {
                field: path.to_string(),
                expected: (!g.is_empty()).then(|| show_list(g.values())),
                produced: (!p.is_empty()).then(|| show_list(p.values())),
            });
        }
    }
}

/// Normalized key → the first element as written; elements that normalize
/// to nothing are dropped.
fn norm_set(items: &[String], norm: fn(&str) -> String) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for s in items {
        let k = norm(s);
        if !k.is_empty() {
            m.entry(k).or_insert_with(|| s.trim().to_string());
        }
    }
    m
}

fn show_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let v: Vec<&str> = items.map(String::as_str).collect();
    format!("[{}]", v.join(", "))
}
