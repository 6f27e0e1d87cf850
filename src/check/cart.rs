//! The cart a voucher is checked against (`CART.json` of the check
//! contract). Every field but `code` and `subtotal` may be left out, and a
//! field left out is unknown — it matters only when the voucher sets a
//! condition on it, which then stays open.
//!
//! Reading is lenient where it costs nothing (an amount may be a JSON
//! number, `categories` may be one string, unknown fields are ignored) and
//! strict otherwise: an error names the field at fault.

use crate::record::When;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::str::FromStr;

/// The order's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Subtotal {
    #[serde(deserialize_with = "decimal_lenient")]
    pub amount: Decimal,
    /// ISO 4217; when left out or null the voucher's currency is assumed
    /// (with the `currency_ambiguous` risk).
    #[serde(default)]
    pub currency: Option<String>,
}

/// One cart at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Cart {
    pub code: String,
    pub subtotal: Subtotal,
    /// The moment of checkout: a date-time with offset (or, less precisely,
    /// a local date-time or a date).
    #[serde(default)]
    pub at: Option<When>,
    #[serde(default)]
    pub store: Option<String>,
    /// The category path of what is bought (`["electronics", "audio",
    /// "headphones"]`).
    #[serde(default, deserialize_with = "list_lenient")]
    pub categories: Option<Vec<String>>,
    /// ISO 3166-1 alpha-2 code of the shipping country.
    #[serde(default)]
    pub region: Option<String>,
    /// `app`, `web`, ...
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub new_customer: Option<bool>,
    #[serde(default)]
    pub payment_method: Option<String>,
    #[serde(default)]
    pub in_stock: Option<bool>,
}

/// A cart that cannot be read, with the field at fault when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct CartError {
    pub field: Option<String>,
    pub message: String,
}

impl CartError {
    fn new(field: Option<&str>, message: impl Into<String>) -> CartError {
        CartError {
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Checks one field's value; Err(message) names what is wrong with it.
type FieldCheck = fn(&Value) -> Result<(), String>;

const FIELD_CHECKS: &[(&str, FieldCheck)] = &[
    ("code", |v| as_type::<String>(v, "a string")),
    ("at", |v| {
        as_type::<Option<When>>(v, "a date-time such as \"2026-05-25T10:00:00+03:00\"")
    }),
    ("store", |v| as_type::<Option<String>>(v, "a string")),
    ("categories", |v| {
        as_type::<Option<StringOrList>>(v, "a list of strings")
    }),
    ("region", |v| as_type::<Option<String>>(v, "a string")),
    ("channel", |v| as_type::<Option<String>>(v, "a string")),
    ("new_customer", |v| {
        as_type::<Option<bool>>(v, "true, false or null")
    }),
    ("payment_method", |v| {
        as_type::<Option<String>>(v, "a string")
    }),
    ("in_stock", |v| {
        as_type::<Option<bool>>(v, "true, false or null")
    }),
];

impl Cart {
    /// Reads a cart from JSON text.
    pub fn from_json(text: &str) -> Result<Cart, CartError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| CartError::new(None, format!("not valid JSON: {e}")))?;
        Cart::from_value(&value)
    }

    /// Reads a cart from a parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Cart, CartError> {
        let obj = value
            .as_object()
            .ok_or_else(|| CartError::new(None, "a cart is a JSON object"))?;
        for required in ["code", "subtotal"] {
            if obj.get(required).is_none_or(Value::is_null) {
                return Err(CartError::new(Some(required), "is required"));
            }
        }
        for (field, check) in FIELD_CHECKS {
            if let Some(v) = obj.get(*field) {
                check(v).map_err(|m| CartError::new(Some(field), m))?;
            }
        }
        check_subtotal(obj.get("subtotal").unwrap_or(&Value::Null))?;
        serde_json::from_value(value.clone()).map_err(|e| CartError::new(None, e.to_string()))
    }
}

fn check_subtotal(v: &Value) -> Result<(), CartError> {
    let obj = v.as_object().ok_or_else(|| {
        CartError::new(
            Some("subtotal"),
            "must be an object such as {\"amount\": \"2000\", \"currency\": \"SAR\"}",
        )
    })?;
    let amount = match obj.get("amount") {
        None | Some(Value::Null) => {
            return Err(CartError::new(Some("subtotal.amount"), "is required"));
        }
        Some(a) => decimal_of(a).map_err(|m| CartError::new(Some("subtotal.amount"), m))?,
    };
    if amount < Decimal::ZERO {
        return Err(CartError::new(
            Some("subtotal.amount"),
            "must not be negative",
        ));
    }
    match obj.get("currency") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(c))
            if c.trim().len() == 3 && c.trim().chars().all(|ch| ch.is_ascii_alphabetic()) =>
        {
            Ok(())
        }
        Some(other) => Err(CartError::new(
            Some("subtotal.currency"),
            format!("{other} is not a three-letter ISO 4217 code"),
        )),
    }
}

fn as_type<T: serde::de::DeserializeOwned>(v: &Value, expected: &str) -> Result<(), String> {
    serde_json::from_value::<T>(v.clone())
        .map(drop)
        .map_err(|e| format!("expected {expected}, got {v} ({e})"))
}

/// A decimal from a JSON string (`"19.99"`) or number (`19.99`).
fn decimal_of(v: &Value) -> Result<Decimal, String> {
    let text = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(format!(
                "expected a decimal string such as \"19.99\", got {other}"
            ))
        }
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| format!("{text:?} is not a decimal number"))
}

fn decimal_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let v = Value::deserialize(d)?;
    decimal_of(&v).map_err(serde::de::Error::custom)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrList {
    One(String),
    Many(Vec<String>),
}

fn list_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(match Option::<StringOrList>::deserialize(d)? {
        None => None,
        Some(StringOrList::One(s)) => Some(vec![s]),
        Some(StringOrList::Many(v)) => Some(v),
    })
}
