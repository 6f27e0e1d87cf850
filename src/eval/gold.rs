//! Gold files (`corpus/<lang>/<name>.gold.json`) and the comparable form of a
//! voucher, [`Terms`], that both gold and produced records are turned into.
//!
//! A gold record may leave any field out: it then takes its "not stated"
//! value (null, false, `[]`). Field names are checked: a misspelt field is an
//! error, not a silently ignored value. The record fields that gold does not
//! annotate (`schema_version`, `id`, `source`, `language`, `evidence`,
//! `warnings`) are accepted and ignored.

use crate::record::{DiscountType, Money, Record, ScopeKind, When};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A gold file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
}

/// One gold file: the reference date and the vouchers a careful reader finds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    pub as_of: NaiveDate,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub records: Vec<Terms>,
}

impl Gold {
    /// Reads and checks a gold file.
    pub fn load(path: &Path) -> Result<Gold, GoldError> {
        let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Gold::parse(&text).map_err(|source| GoldError::Json {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Parses the text of a gold file.
    pub fn parse(text: &str) -> Result<Gold, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// A voucher's terms in comparable form: the record without its bookkeeping
/// fields (id, source, evidence, warnings).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub auto_applied: bool,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub tiers: Vec<TierTerms>,
    #[serde(default)]
    pub free_shipping: bool,
    #[serde(default)]
    pub scope: ScopeTerms,
    #[serde(default)]
    pub validity: ValidityTerms,
    #[serde(default)]
    pub usage: UsageTerms,
    #[serde(default)]
    pub eligibility: EligibilityTerms,
    #[serde(default)]
    pub stackable: Option<bool>,
    #[serde(default, rename = "schema_version")]
    _schema_version: IgnoredAny,
    #[serde(default, rename = "id")]
    _id: IgnoredAny,
    #[serde(default, rename = "source")]
    _source: IgnoredAny,
    #[serde(default, rename = "language")]
    _language: IgnoredAny,
    #[serde(default, rename = "evidence")]
    _evidence: IgnoredAny,
    #[serde(default, rename = "warnings")]
    _warnings: IgnoredAny,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierTerms {
    pub discount: DiscountTerms,
    #[serde(default, deserialize_with = "money_opt")]
    pub min_order: Option<Money>,
    #[serde(default, deserialize_with = "money_opt")]
    pub max_discount: Option<Money>,
    #[serde(default)]
    pub recurring: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountTerms {
    #[serde(rename = "type")]
    pub kind: DiscountType,
    #[serde(default, deserialize_with = "money_opt")]
    pub amount: Option<Money>,
    #[serde(default, deserialize_with = "decimal_opt")]
    pub percent: Option<Decimal>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeTerms {
    #[serde(default)]
    pub kind: Option<ScopeKind>,
    #[serde(default)]
    pub stores: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub excluded: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidityTerms {
    #[serde(default)]
    pub starts: Option<When>,
    #[serde(default)]
    pub ends: Option<When>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub days_after_claim: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsageTerms {
    #[serde(default)]
    pub per_user: Option<u64>,
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub first_come_first_served: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityTerms {
    #[serde(default)]
    pub new_users_only: bool,
    #[serde(default)]
    pub app_only: bool,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub payment_methods: Vec<String>,
}

impl From<&Record> for Terms {
    fn from(r: &Record) -> Terms {
        Terms {
            code: r.code.clone(),
            auto_applied: r.auto_applied,
            title: r.title.clone(),
            tiers: r
                .tiers
                .iter()
                .map(|t| TierTerms {
                    discount: DiscountTerms {
                        kind: t.discount.kind,
                        amount: t.discount.amount.clone(),
                        percent: t.discount.percent,
                    },
                    min_order: t.min_order.clone(),
                    max_discount: t.max_discount.clone(),
                    recurring: t.recurring,
                })
                .collect(),
            free_shipping: r.free_shipping,
            scope: ScopeTerms {
                kind: r.scope.kind,
                stores: r.scope.stores.clone(),
                categories: r.scope.categories.clone(),
                excluded: r.scope.excluded.clone(),
            },
            validity: ValidityTerms {
                starts: r.validity.starts,
                ends: r.validity.ends,
                time_zone: r.validity.time_zone.clone(),
                days_after_claim: r.validity.days_after_claim.map(u64::from),
            },
            usage: UsageTerms {
                per_user: r.usage.per_user.map(u64::from),
                total: r.usage.total,
                first_come_first_served: r.usage.first_come_first_served,
            },
            eligibility: EligibilityTerms {
                new_users_only: r.eligibility.new_users_only,
                app_only: r.eligibility.app_only,
                regions: r.eligibility.regions.clone(),
                payment_methods: r.eligibility.payment_methods.clone(),
            },
            stackable: r.stackable,
            ..Terms::default()
        }
    }
}

/// A decimal written as a string (`"3.99"`) or a JSON number (`3.99`).
fn decimal_from_value<E: serde::de::Error>(v: &serde_json::Value) -> Result<Decimal, E> {
    let text = match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        other => return Err(E::custom(format!("expected a decimal, found {other}"))),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| E::custom(format!("not a decimal: {text:?}")))
}

fn decimal_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => decimal_from_value(&v).map(Some),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMoney {
    amount: serde_json::Value,
    #[serde(default)]
    currency: Option<String>,
}

fn money_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Money>, D::Error> {
    let Some(raw) = Option::<RawMoney>::deserialize(d)? else {
        return Ok(None);
    };
    let amount = decimal_from_value(&raw.amount)?;
    Ok(Some(Money {
        amount,
        currency: raw.currency,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omitted_fields_take_their_not_stated_values() {
        let g = Gold::parse(
            r#"{"as_of": "2026-05-20", "records": [{"code": "A1",
                "tiers": [{"discount": {"type": "percent", "percent": 15},
                           "min_order": {"amount": "50", "currency": "EUR"}}]}]}"#,
        )
        .unwrap();
        let r = &g.records[0];
        assert_eq!(r.code.as_deref(), Some("A1"));
        assert!(!r.auto_applied);
        assert_eq!(r.stackable, None);
        assert_eq!(r.tiers[0].discount.percent, Some(Decimal::from(15)));
        assert_eq!(r.tiers[0].discount.amount, None);
        assert_eq!(
            r.tiers[0].min_order.as_ref().map(|m| m.amount),
            Some(Decimal::from(50))
        );
        assert!(r.scope.stores.is_empty());
    }

    #[test]
    fn a_misspelt_field_is_an_error() {
        let e = Gold::parse(r#"{"as_of": "2026-05-20", "records": [{"cdoe": "A1"}]}"#);
        assert!(e.is_err());
        let e = Gold::parse(
            r#"{"as_of": "2026-05-20", "records": [{"tiers": [{"discount": {"type": "percent", "percnt": "5"}}]}]}"#,
        );
        assert!(e.is_err());
    }

    #[test]
    fn bookkeeping_fields_are_ignored() {
        let g = Gold::parse(
            r#"{"as_of": "2026-05-20", "records": [{"id": "x", "evidence": [], "warnings": ["a"], "language": "en"}]}"#,
        )
        .unwrap();
        assert_eq!(g.records[0], Terms::default());
    }

    #[test]
    fn a_bad_date_is_an_error() {
        let e = Gold::parse(
            r#"{"as_of": "2026-05-20", "records": [{"validity": {"ends": "31/05/2026"}}]}"#,
        );
        assert!(e.is_err());
    }
}
