//! The voucher record: the output contract of `../shared/SCHEMA.md` (schema
//! version 1) as serde types.
//!
//! One [`Record`] is one voucher found on one page. Money amounts are exact
//! [`Decimal`]s written as strings; validity bounds are [`When`] values that
//! keep the precision the text supports (date, local time, or zoned time).

mod when;

pub use when::When;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The schema version written into every record.
pub const SCHEMA_VERSION: &str = "1";

/// An amount of money; `currency` is an ISO 4217 code or null when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Option<String>,
}

/// Whether a tier takes off a fixed amount or a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscountType {
    Amount,
    Percent,
}

/// The discount of one tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discount {
    #[serde(rename = "type")]
    pub kind: DiscountType,
    pub amount: Option<Money>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub percent: Option<Decimal>,
}

/// One tier of a voucher: a discount, the minimum order that unlocks it, its cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub discount: Discount,
    pub min_order: Option<Money>,
    pub max_discount: Option<Money>,
    #[serde(default)]
    pub recurring: bool,
}

/// What a voucher is limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScopeKind {
    Platform,
    Store,
    Category,
    Product,
}

impl ScopeKind {
    /// The contract's spelling of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Platform => "platform",
            ScopeKind::Store => "store",
            ScopeKind::Category => "category",
            ScopeKind::Product => "product",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub kind: Option<ScopeKind>,
    #[serde(default)]
    pub stores: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub excluded: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    pub starts: Option<When>,
    pub ends: Option<When>,
    pub time_zone: Option<String>,
    pub days_after_claim: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub per_user: Option<u32>,
    pub total: Option<u64>,
    #[serde(default)]
    pub first_come_first_served: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    #[serde(default)]
    pub new_users_only: bool,
    #[serde(default)]
    pub app_only: bool,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub payment_methods: Vec<String>,
}

/// Where the page came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub url: Option<String>,
    pub file: Option<String>,
    pub fetched_at: Option<String>,
    pub sha256: String,
}

/// Where one extracted value came from: a snippet of the page's extracted text
/// and its character offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The id of the pattern rule that produced the value, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One voucher found on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub schema_version: String,
    pub id: String,
    pub source: Source,
    pub language: String,
    pub code: Option<String>,
    pub auto_applied: bool,
    pub title: Option<String>,
    pub tiers: Vec<Tier>,
    pub free_shipping: bool,
    pub scope: Scope,
    pub validity: Validity,
    pub usage: Usage,
    pub eligibility: Eligibility,
    pub stackable: Option<bool>,
    pub evidence: Vec<Evidence>,
    pub warnings: Vec<String>,
}

impl Record {
    /// An empty record for a page: no terms yet, id still unset.
    pub fn empty(source: Source, language: &str) -> Record {
        Record {
            schema_version: SCHEMA_VERSION.to_string(),
            id: String::new(),
            source,
            language: language.to_string(),
            code: None,
            auto_applied: false,
            title: None,
            tiers: Vec::new(),
            free_shipping: false,
            scope: Scope::default(),
            validity: Validity::default(),
            usage: Usage::default(),
            eligibility: Eligibility::default(),
            stackable: None,
            evidence: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds a warning once.
    pub fn warn(&mut self, warning: &str) {
        if !self.warnings.iter().any(|w| w == warning) {
            self.warnings.push(warning.to_string());
        }
    }

    /// Sets the stable id from the page hash and the voucher's position and
    /// code: the same page bytes and the same voucher give the same id.
    pub fn assign_id(&mut self, index: usize) {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.source.sha256.as_bytes());
        h.update(b"\0");
        h.update(index.to_le_bytes());
        h.update(self.code.as_deref().unwrap_or("").as_bytes());
        self.id = hex::encode(&h.finalize()[..12]);
    }
}
