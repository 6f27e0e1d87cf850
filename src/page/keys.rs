//! The key dictionaries for structured data (`patterns/base/data_keys.toml`):
//! which JSON keys mean a voucher's code, discount, minimum order, times,
//! store, limits, ... Loaded once from the embedded file (or from a file the
//! caller names); every error is `file:line: message`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use toml::Spanned;

/// The embedded dictionary file.
const EMBEDDED: &str = include_str!("../../patterns/base/data_keys.toml");
const EMBEDDED_NAME: &str = "data_keys.toml";

/// A malformed key dictionary: `file:line: message`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataKeysError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// What a JSON key means on a voucher-like object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Code,
    Title,
    Description,
    /// An amount or a percent; a type key or a `%` decides.
    Discount,
    DiscountAmount,
    DiscountAmountMinor,
    DiscountPercent,
    DiscountType,
    Currency,
    MinOrder,
    MinOrderMinor,
    MaxDiscount,
    MaxDiscountMinor,
    Starts,
    Ends,
    Store,
    SellerId,
    PerUser,
    Total,
    Regions,
    FreeShipping,
    NewUsersOnly,
    AppOnly,
    Tiers,
    Categories,
    Excluded,
    PaymentMethods,
    /// True: combines with other offers.
    Stackable,
    /// True: does not combine (`exclusive`).
    NotStackable,
    DaysAfterClaim,
    Container,
    Product,
}

/// The field names of `[fields]`, as written in the file.
const FIELD_NAMES: &[(&str, Field)] = &[
    ("code", Field::Code),
    ("title", Field::Title),
    ("description", Field::Description),
    ("discount", Field::Discount),
    ("discount_amount", Field::DiscountAmount),
    ("discount_amount_minor", Field::DiscountAmountMinor),
    ("discount_percent", Field::DiscountPercent),
    ("discount_type", Field::DiscountType),
    ("currency", Field::Currency),
    ("min_order", Field::MinOrder),
    ("min_order_minor", Field::MinOrderMinor),
    ("max_discount", Field::MaxDiscount),
    ("max_discount_minor", Field::MaxDiscountMinor),
    ("starts", Field::Starts),
    ("ends", Field::Ends),
    ("store", Field::Store),
    ("seller_id", Field::SellerId),
    ("per_user", Field::PerUser),
    ("total", Field::Total),
    ("regions", Field::Regions),
    ("free_shipping", Field::FreeShipping),
    ("new_users_only", Field::NewUsersOnly),
    ("app_only", Field::AppOnly),
    ("tiers", Field::Tiers),
    ("categories", Field::Categories),
    ("excluded", Field::Excluded),
    ("payment_methods", Field::PaymentMethods),
    ("stackable", Field::Stackable),
    ("not_stackable", Field::NotStackable),
    ("days_after_claim", Field::DaysAfterClaim),
    ("container", Field::Container),
    ("product", Field::Product),
];

/// What the value of a `discount_type` key says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeValue {
    Percent,
    Amount,
    FreeShipping,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(default)]
    prefilter: PrefilterShape,
    fields: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    values: ValuesShape,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PrefilterShape {
    #[serde(default)]
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ValuesShape {
    #[serde(default)]
    percent: Vec<Spanned<String>>,
    #[serde(default)]
    amount: Vec<Spanned<String>>,
    #[serde(default)]
    free_shipping: Vec<Spanned<String>>,
}

/// The compiled key dictionaries; built once, shared read-only.
#[derive(Debug)]
pub struct DataKeys {
    fields: HashMap<String, Field>,
    amount_value: Vec<String>,
    name_value: Vec<String>,
    values: HashMap<String, TypeValue>,
    prefilter: Option<AhoCorasick>,
}

/// Folds a key for comparison: ASCII lowercase without `_ - . $ @` and
/// spaces. Writes into `buf`; `None` when the key is too long to be one of ours.
pub fn fold_key<'b>(key: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut n = 0;
    for &b in key.as_bytes() {
        if matches!(b, b'_' | b'-' | b'.' | b'$' | b'@' | b' ') {
            continue;
        }
        if n == buf.len() {
            return None;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

fn fold_owned(key: &str) -> Option<String> {
    let mut buf = [0u8; 64];
    fold_key(key, &mut buf).map(str::to_string)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl DataKeys {
    /// Parses a dictionary file's text; `shown` names it in errors.
    pub fn parse(text: &str, shown: &str) -> Result<DataKeys, DataKeysError> {
        let err = |span: std::ops::Range<usize>, message: String| DataKeysError {
            file: shown.to_string(),
            line: line_of(text, span.start),
            message,
        };
        let shape: FileShape = toml::from_str(text).map_err(|e| DataKeysError {
            file: shown.to_string(),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
            message: e.message().trim().to_string(),
        })?;
        let mut fields = HashMap::new();
        let mut amount_value = Vec::new();
        let mut name_value = Vec::new();
        for (name, keys) in &shape.fields {
            let span = keys.span();
            let field = FIELD_NAMES.iter().find(|(n, _)| n == name).map(|(_, f)| *f);
            let mut sub = match name.as_str() {
                "amount_value" => Some(&mut amount_value),
                "name_value" => Some(&mut name_value),
                _ => None,
            };
            if field.is_none() && sub.is_none() {
                let known: Vec<&str> = FIELD_NAMES.iter().map(|(n, _)| *n).collect();
                return Err(err(
                    span,
                    format!(
                        "unknown field {name:?}; known fields: {}, amount_value, name_value",
                        known.join(", ")
                    ),
                ));
            }
            for key in keys.get_ref() {
                let Some(folded) = fold_owned(key.get_ref()).filter(|f| !f.is_empty()) else {
                    return Err(err(
                        key.span(),
                        format!("key {:?} is empty or longer than 64 bytes", key.get_ref()),
                    ));
                };
                if let Some(list) = sub.as_mut() {
                    list.push(folded);
                    continue;
                }
                let Some(field) = field else { continue };
                if let Some(prev) = fields.insert(folded, field) {
                    if prev != field {
                        let prev_name = FIELD_NAMES
                            .iter()
                            .find(|(_, f)| *f == prev)
                            .map(|(n, _)| *n)
                            .unwrap_or("?");
                        return Err(err(
                            key.span(),
                            format!(
                                "key {:?} is already listed under {prev_name:?}",
                                key.get_ref()
                            ),
                        ));
                    }
                }
            }
        }
        for required in [Field::Code] {
            if !fields.values().any(|f| *f == required) {
                return Err(DataKeysError {
                    file: shown.to_string(),
                    line: 1,
                    message: "[fields] needs at least a `code` list".into(),
                });
            }
        }
        let mut values = HashMap::new();
        for (list, meaning) in [
            (&shape.values.percent, TypeValue::Percent),
            (&shape.values.amount, TypeValue::Amount),
            (&shape.values.free_shipping, TypeValue::FreeShipping),
        ] {
            for v in list {
                let Some(folded) = fold_owned(v.get_ref()).filter(|f| !f.is_empty()) else {
                    return Err(err(
                        v.span(),
                        format!("value {:?} is empty or longer than 64 bytes", v.get_ref()),
                    ));
                };
                if let Some(prev) = values.insert(folded, meaning) {
                    if prev != meaning {
                        return Err(err(
                            v.span(),
                            format!("value {:?} is listed under two meanings", v.get_ref()),
                        ));
                    }
                }
            }
        }
        let mut words = Vec::new();
        for w in &shape.prefilter.words {
            if w.get_ref().trim().is_empty() {
                return Err(err(w.span(), "empty prefilter word".into()));
            }
            // As written, lowercase and Capitalized: a small case-sensitive
            // set stays on the SIMD search path (ASCII case-insensitive
            // search does not).
            let word = w.get_ref().trim();
            let lower = word.to_ascii_lowercase();
            let mut capitalized = word.to_string();
            if let Some(first) = capitalized.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            let mut variants = vec![word.to_string(), lower];
            if !word.contains('_') {
                variants.push(capitalized);
            }
            for variant in variants {
                if !words.contains(&variant) {
                    words.push(variant);
                }
            }
        }
        let prefilter = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&words)
                    .map_err(|e| DataKeysError {
                        file: shown.to_string(),
                        line: 1,
                        message: format!("prefilter words: {e}"),
                    })?,
            )
        };
        Ok(DataKeys {
            fields,
            amount_value,
            name_value,
            values,
            prefilter,
        })
    }

    /// Reads a dictionary file from disk.
    pub fn load(path: &Path) -> Result<DataKeys, DataKeysError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| DataKeysError {
            file: shown.clone(),
            line: 1,
            message: e.to_string(),
        })?;
        DataKeys::parse(&text, &shown)
    }

    /// The embedded `patterns/base/data_keys.toml`, compiled once.
    pub fn embedded() -> Result<Arc<DataKeys>, DataKeysError> {
        static CELL: OnceLock<Result<Arc<DataKeys>, DataKeysError>> = OnceLock::new();
        CELL.get_or_init(|| DataKeys::parse(EMBEDDED, EMBEDDED_NAME).map(Arc::new))
            .clone()
    }

    /// The field a JSON key means, if any.
    pub fn field(&self, key: &str) -> Option<Field> {
        let mut buf = [0u8; 64];
        let folded = fold_key(key, &mut buf)?;
        self.fields.get(folded).copied()
    }

    /// True when `key` names the amount inside a money object.
    pub fn is_amount_value(&self, key: &str) -> bool {
        let mut buf = [0u8; 64];
        fold_key(key, &mut buf).is_some_and(|k| self.amount_value.iter().any(|a| a == k))
    }

    /// True when `key` names the name inside a store or region object.
    pub fn is_name_value(&self, key: &str) -> bool {
        let mut buf = [0u8; 64];
        fold_key(key, &mut buf).is_some_and(|k| self.name_value.iter().any(|a| a == k))
    }

    /// What a discount-type value means, if it is one we know.
    pub fn type_value(&self, value: &str) -> Option<TypeValue> {
        let mut buf = [0u8; 64];
        let folded = fold_key(value, &mut buf)?;
        self.values.get(folded).copied()
    }

    /// True when a script's text may hold a voucher (or when there are no
    /// prefilter words).
    pub fn prefilter_hit(&self, text: &str) -> bool {
        match &self.prefilter {
            Some(ac) => ac.is_match(text),
            None => true,
        }
    }
}
