//! Reading the records a check runs against (`--terms RECORDS.jsonl`).
//!
//! Every record `fineprint extract` writes is read as it is. Hand-written
//! records may leave out what the contract can default without changing a
//! meaning: a missing list is empty, a missing flag is false, a missing
//! optional value is null, a missing `schema_version` is `"1"`, missing
//! `id`/`source`/`language` are empty. Amounts and percents may be JSON
//! numbers, a tier's `discount.type` is inferred from which of `amount` and
//! `percent` it gives, and a list may be given as one string. Anything else
//! that does not fit the contract is an error naming the field.
//!
//! A JSON array of records (`--format json`) is read too.

use crate::record::{
    Discount, Eligibility, Evidence, Money, Record, Scope, Source, Tier, Usage, Validity,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::fmt;

/// Where a bad record sits in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// 1-based line of a JSONL file.
    Line(usize),
    /// 1-based position in a JSON array.
    Item(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Item(n) => write!(f, "record {n}"),
        }
    }
}

/// A record that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {}{message}", field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct TermsError {
    pub location: Location,
    /// The path of the field at fault (`tiers[0].min_order.amount`).
    pub field: Option<String>,
    pub message: String,
}

/// A field path and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Option<String>,
    pub message: String,
}

impl FieldError {
    fn at(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
}

/// Reads the records of a JSONL text (or of a JSON array). Bad records are
/// returned as errors and left out; the good ones are kept, in file order.
pub fn read_records(text: &str) -> (Vec<Record>, Vec<TermsError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut keep = |location, value: Result<Value, FieldError>| match value
        .and_then(|v| record_from_value(&v))
    {
        Ok(r) => records.push(r),
        Err(e) => errors.push(TermsError {
            location,
            field: e.field,
            message: e.message,
        }),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<Value>>(text) {
            Ok(items) => {
                for (i, v) in items.into_iter().enumerate() {
                    keep(Location::Item(i + 1), Ok(v));
                }
            }
            Err(e) => keep(
                Location::Line(e.line()),
                Err(FieldError {
                    field: None,
                    message: format!("not a valid JSON array of records: {e}"),
                }),
            ),
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let value = serde_json::from_str::<Value>(line).map_err(|e| FieldError {
                field: None,
                message: format!("not valid JSON: {e}"),
            });
            keep(Location::Line(i + 1), value);
        }
    }
    (records, errors)
}

/// One record from its JSON value, leniently (see the module doc).
pub fn record_from_value(value: &Value) -> Result<Record, FieldError> {
    if let Ok(r) = serde_json::from_value::<Record>(value.clone()) {
        return Ok(r);
    }
    let mut v = value.clone();
    let obj = v.as_object_mut().ok_or_else(|| FieldError {
        field: None,
        message: "a record is a JSON object".into(),
    })?;
    fill_record(obj)?;
    probe_record(obj)?;
    serde_json::from_value::<Record>(v).map_err(|e| FieldError {
        field: None,
        message: e.to_string(),
    })
}

/// Sets `key` to `default` when it is missing or null.
fn default(obj: &mut Map<String, Value>, key: &str, default: Value) {
    if obj.get(key).is_none_or(Value::is_null) {
        obj.insert(key.to_string(), default);
    }
}

/// A missing or null list becomes `[]`; one string becomes a list of it.
fn list(obj: &mut Map<String, Value>, key: &str) {
    match obj.get(key) {
        None | Some(Value::Null) => {
            obj.insert(key.to_string(), Value::Array(Vec::new()));
        }
        Some(Value::String(s)) => {
            let one = Value::Array(vec![Value::String(s.clone())]);
            obj.insert(key.to_string(), one);
        }
        _ => {}
    }
}

/// A number becomes its decimal string.
fn number_to_string(obj: &mut Map<String, Value>, key: &str) {
    if let Some(Value::Number(n)) = obj.get(key) {
        let s = n.to_string();
        obj.insert(key.to_string(), Value::String(s));
    }
}

/// The object under `key`, created empty when missing or null; None when
/// it is something else (left for the probe to report).
fn sub<'a>(obj: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    default(obj, key, Value::Object(Map::new()));
    obj.get_mut(key).and_then(Value::as_object_mut)
}

fn fill_record(obj: &mut Map<String, Value>) -> Result<(), FieldError> {
    default(obj, "schema_version", Value::String("1".into()));
    default(obj, "id", Value::String(String::new()));
    default(obj, "language", Value::String(String::new()));
    for key in ["code", "title", "stackable"] {
        default(obj, key, Value::Null);
    }
    if let Some(Value::Number(n)) = obj.get("code") {
        let s = n.to_string();
        obj.insert("code".into(), Value::String(s));
    }
    for key in ["auto_applied", "free_shipping"] {
        default(obj, key, Value::Bool(false));
    }
    for key in ["tiers", "evidence", "warnings"] {
        list(obj, key);
    }
    if let Some(source) = sub(obj, "source") {
        for key in ["url", "file", "fetched_at"] {
            default(source, key, Value::Null);
        }
        default(source, "sha256", Value::String(String::new()));
    }
    if let Some(scope) = sub(obj, "scope") {
        default(scope, "kind", Value::Null);
        for key in ["stores", "categories", "excluded"] {
            list(scope, key);
        }
    }
    if let Some(validity) = sub(obj, "validity") {
        for key in ["starts", "ends", "time_zone", "days_after_claim"] {
            default(validity, key, Value::Null);
        }
    }
    if let Some(usage) = sub(obj, "usage") {
        default(usage, "per_user", Value::Null);
        default(usage, "total", Value::Null);
        default(usage, "first_come_first_served", Value::Bool(false));
    }
    if let Some(elig) = sub(obj, "eligibility") {
        default(elig, "new_users_only", Value::Bool(false));
        default(elig, "app_only", Value::Bool(false));
        list(elig, "regions");
        list(elig, "payment_methods");
    }
    if let Some(Value::Array(tiers)) = obj.get_mut("tiers") {
        for (i, tier) in tiers.iter_mut().enumerate() {
            if let Some(t) = tier.as_object_mut() {
                fill_tier(t, i)?;
            }
        }
    }
    Ok(())
}

fn fill_money(obj: &mut Map<String, Value>, key: &str) {
    default(obj, key, Value::Null);
    if let Some(m) = obj.get_mut(key).and_then(Value::as_object_mut) {
        number_to_string(m, "amount");
        default(m, "currency", Value::Null);
    }
}

fn fill_tier(t: &mut Map<String, Value>, i: usize) -> Result<(), FieldError> {
    default(t, "recurring", Value::Bool(false));
    fill_money(t, "min_order");
    fill_money(t, "max_discount");
    let Some(d) = t.get_mut("discount").and_then(Value::as_object_mut) else {
        return Ok(()); // reported by the probe
    };
    fill_money(d, "amount");
    default(d, "percent", Value::Null);
    number_to_string(d, "percent");
    if let Some(Value::String(p)) = d.get("percent") {
        let p = p.trim().trim_end_matches('%').trim().to_string();
        d.insert("percent".into(), Value::String(p));
    }
    match d.get("type") {
        None | Some(Value::Null) => {
            let given = |k: &str| d.get(k).is_some_and(|v| !v.is_null());
            let kind = if given("percent") {
                "percent"
            } else if given("amount") {
                "amount"
            } else {
                return Err(FieldError::at(
                    &format!("tiers[{i}].discount"),
                    "states neither `amount` nor `percent`",
                ));
            };
            d.insert("type".into(), Value::String(kind.into()));
        }
        Some(Value::String(s)) => {
            let s = s.trim().to_ascii_lowercase();
            d.insert("type".into(), Value::String(s));
        }
        _ => {}
    }
    Ok(())
}

/// Deserializes `value` as `T`, or names `path` with serde's complaint.
fn probe<T: DeserializeOwned>(value: Option<&Value>, path: &str) -> Result<(), FieldError> {
    let v = value.cloned().unwrap_or(Value::Null);
    serde_json::from_value::<T>(v)
        .map(drop)
        .map_err(|e| FieldError::at(path, e.to_string()))
}

/// Finds the field at fault by deserializing the record piece by piece.
fn probe_record(obj: &Map<String, Value>) -> Result<(), FieldError> {
    probe::<String>(obj.get("schema_version"), "schema_version")?;
    probe::<String>(obj.get("id"), "id")?;
    probe::<String>(obj.get("language"), "language")?;
    probe::<Option<String>>(obj.get("code"), "code")?;
    probe::<bool>(obj.get("auto_applied"), "auto_applied")?;
    probe::<Option<String>>(obj.get("title"), "title")?;
    probe::<bool>(obj.get("free_shipping"), "free_shipping")?;
    probe::<Option<bool>>(obj.get("stackable"), "stackable")?;
    probe::<Vec<Evidence>>(obj.get("evidence"), "evidence")?;
    probe::<Vec<String>>(obj.get("warnings"), "warnings")?;
    probe_fields::<Source>(obj, "source", &[])?;
    probe_fields::<Scope>(obj, "scope", &["kind", "stores", "categories", "excluded"])?;
    probe_fields::<Validity>(
        obj,
        "validity",
        &["starts", "ends", "time_zone", "days_after_claim"],
    )?;
    probe_fields::<Usage>(
        obj,
        "usage",
        &["per_user", "total", "first_come_first_served"],
    )?;
    probe_fields::<Eligibility>(
        obj,
        "eligibility",
        &["new_users_only", "app_only", "regions", "payment_methods"],
    )?;
    match obj.get("tiers") {
        Some(Value::Array(tiers)) => {
            for (i, t) in tiers.iter().enumerate() {
                probe_tier(t, &format!("tiers[{i}]"))?;
            }
            Ok(())
        }
        other => probe::<Vec<Tier>>(other, "tiers"),
    }
}

/// Probes an object field; when it fails, narrows the fault to one of its
/// `keys` by probing the object with each key alone kept from the original.
fn probe_fields<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    key: &str,
    keys: &[&str],
) -> Result<(), FieldError> {
    let whole = probe::<T>(obj.get(key), key);
    let Err(err) = whole else { return Ok(()) };
    let Some(inner) = obj.get(key).and_then(Value::as_object) else {
        return Err(FieldError::at(
            key,
            format!("expected an object ({})", err.message),
        ));
    };
    for k in keys {
        // Leave this key out (each of them may be) and see whether the rest parses.
        let mut trial = inner.clone();
        let original = trial.remove(*k);
        if serde_json::from_value::<T>(Value::Object(trial)).is_ok() {
            let shown = original.map(|v| v.to_string()).unwrap_or_default();
            return Err(FieldError::at(
                &format!("{key}.{k}"),
                format!("{shown} does not fit ({})", err.message),
            ));
        }
    }
    Err(err)
}

fn probe_tier(t: &Value, path: &str) -> Result<(), FieldError> {
    let Some(obj) = t.as_object() else {
        return Err(FieldError::at(path, format!("expected an object, got {t}")));
    };
    let Some(d) = obj.get("discount").and_then(Value::as_object) else {
        return Err(FieldError::at(
            &format!("{path}.discount"),
            "is required: {\"type\": \"amount\"|\"percent\", \"amount\": ..., \"percent\": ...}",
        ));
    };
    let dpath = format!("{path}.discount");
    match d.get("type").and_then(Value::as_str) {
        Some("amount") | Some("percent") => {}
        other => {
            return Err(FieldError::at(
                &format!("{dpath}.type"),
                format!("expected \"amount\" or \"percent\", got {other:?}"),
            ));
        }
    }
    probe_money(d.get("amount"), &format!("{dpath}.amount"))?;
    probe_decimal(d.get("percent"), &format!("{dpath}.percent"))?;
    probe_money(obj.get("min_order"), &format!("{path}.min_order"))?;
    probe_money(obj.get("max_discount"), &format!("{path}.max_discount"))?;
    probe::<bool>(obj.get("recurring"), &format!("{path}.recurring"))?;
    probe::<Discount>(obj.get("discount"), &dpath)?;
    probe::<Tier>(Some(t), path)
}

fn probe_money(v: Option<&Value>, path: &str) -> Result<(), FieldError> {
    match v {
        None | Some(Value::Null) => Ok(()),
        Some(Value::Object(m)) => {
            probe_decimal(m.get("amount"), &format!("{path}.amount"))?;
            if m.get("amount").is_none_or(Value::is_null) {
                return Err(FieldError::at(&format!("{path}.amount"), "is required"));
            }
            probe::<Option<String>>(m.get("currency"), &format!("{path}.currency"))?;
            probe::<Option<Money>>(v, path)
        }
        Some(other) => Err(FieldError::at(
            path,
            format!("expected {{\"amount\": \"…\", \"currency\": \"…\"}}, got {other}"),
        )),
    }
}

fn probe_decimal(v: Option<&Value>, path: &str) -> Result<(), FieldError> {
    match v {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if s.trim().parse::<rust_decimal::Decimal>().is_ok() => Ok(()),
        Some(other) => Err(FieldError::at(
            path,
            format!("expected a decimal string such as \"19.99\", got {other}"),
        )),
    }
}
