//! Finds voucher-like objects anywhere in a JSON tree (JSON-LD offers,
//! microdata items, script state) and reads them into [`DataVoucher`]s
//! through the key dictionaries.
//!
//! An object is voucher-like when it holds a code key with a code-like
//! value (a bare `code` key also needs a discount, a minimum, tiers or a
//! voucher-like parent key), or discount keys together with a minimum
//! order, a time, or a parent key from `container` and no product key; a
//! schema.org `Offer` also counts when it states a minimum order or its
//! name or description reads like a voucher. Its nested plain objects
//! (`"rule": {"threshold": 50}`) are read as part of it; a list under a
//! `tiers` key becomes its tiers. The walk is iterative and bounded.

use super::keys::{DataKeys, Field, TypeValue};
use super::types::{DataTier, DataTime, DataVoucher};
use serde_json::{Map, Number, Value};
use std::collections::HashSet;

/// At most this many JSON nodes are visited per blob.
const MAX_NODES: usize = 2_000_000;
/// Nested plain objects are read into a voucher down to this depth.
const MAX_ABSORB_DEPTH: usize = 3;
/// At most this many vouchers per page.
pub const MAX_VOUCHERS: usize = 2_000;

/// Words that make a schema.org offer's name or description read like a voucher.
const VOUCHER_WORDS: &[&str] = &[
    "coupon",
    "voucher",
    "promo",
    "code",
    "discount",
    "% off",
    " off",
    "save ",
    "rabatt",
    "gutschein",
    "descuento",
    "cupón",
    "cupon",
    "cupom",
    "desconto",
    "réduction",
    "remise",
    "sconto",
    "скидк",
    "промокод",
    "купон",
    "خصم",
    "كوبون",
    "قسيمة",
];

struct Frame<'v> {
    value: &'v Value,
    parent_field: Option<Field>,
    /// Context an enclosing object gives: its currency, store and seller id.
    currency: Option<&'v str>,
    store: Option<&'v str>,
    seller_id: Option<&'v Value>,
    depth: usize,
}

/// Reads the vouchers in `root` into `out` (with `at` as their position).
pub fn collect(
    root: &Value,
    origin: &str,
    at: usize,
    keys: &DataKeys,
    out: &mut Vec<(usize, DataVoucher)>,
) {
    let mut consumed: HashSet<*const Map<String, Value>> = HashSet::new();
    let mut stack = vec![Frame {
        value: root,
        parent_field: None,
        currency: None,
        store: None,
        seller_id: None,
        depth: 0,
    }];
    let mut visited = 0usize;
    while let Some(frame) = stack.pop() {
        visited += 1;
        if visited > MAX_NODES || out.len() >= MAX_VOUCHERS {
            return;
        }
        match frame.value {
            Value::Array(items) => {
                for item in items.iter().rev() {
                    if item.is_object() || item.is_array() {
                        stack.push(Frame {
                            value: item,
                            depth: frame.depth + 1,
                            ..frame
                        });
                    }
                }
            }
            Value::Object(map) => {
                let info = analyze(map, keys);
                let currency = info.currency.or(frame.currency);
                let (own_store, own_seller) = store_context(map, keys);
                let store = own_store.or(frame.store);
                let seller_id = own_seller.or(frame.seller_id);
                let ptr = map as *const Map<String, Value>;
                if !consumed.contains(&ptr)
                    && info.is_voucher(frame.parent_field == Some(Field::Container))
                {
                    let mut v = DataVoucher {
                        origin: origin.to_string(),
                        ..DataVoucher::default()
                    };
                    absorb(map, keys, &mut v, &mut consumed, 0, info.offer);
                    if v.currency.is_none() {
                        v.currency = currency.map(str::to_string);
                    }
                    if v.store.is_none() {
                        v.store = store.map(str::to_string);
                    }
                    if v.seller_id.is_none() {
                        v.seller_id = seller_id.and_then(string);
                    }
                    if has_substance(&v) {
                        out.push((at, v));
                    }
                }
                for (k, child) in map.iter().rev() {
                    if child.is_object() || child.is_array() {
                        stack.push(Frame {
                            value: child,
                            parent_field: keys.field(k),
                            currency,
                            store,
                            seller_id,
                            depth: frame.depth + 1,
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// The store name and seller id an object states, itself or in a direct
/// child object (`"storeInfo": {"storeName": ..., "sellerId": ...}`), for
/// the vouchers inside it.
fn store_context<'v>(
    map: &'v Map<String, Value>,
    keys: &DataKeys,
) -> (Option<&'v str>, Option<&'v Value>) {
    fn scan<'v>(
        m: &'v Map<String, Value>,
        keys: &DataKeys,
        store: &mut Option<&'v str>,
        seller: &mut Option<&'v Value>,
    ) {
        for (k, v) in m {
            match keys.field(k) {
                Some(Field::Store) if store.is_none() => {
                    if let Value::String(s) = v {
                        *store = Some(s.as_str()).filter(|s| !s.trim().is_empty());
                    }
                }
                Some(Field::SellerId) if seller.is_none() && (v.is_string() || v.is_number()) => {
                    *seller = Some(v)
                }
                _ => {}
            }
        }
    }
    let (mut store, mut seller) = (None, None);
    scan(map, keys, &mut store, &mut seller);
    if store.is_none() || seller.is_none() {
        for v in map.values() {
            // A product's brand or seller is not the store of the vouchers
            // beside it.
            if let Value::Object(child) = v {
                if !analyze(child, keys).product {
                    scan(child, keys, &mut store, &mut seller);
                }
            }
        }
    }
    (store, seller)
}

/// What an object's own keys say.
#[derive(Default)]
struct Info<'v> {
    strong_code: bool,
    weak_code: bool,
    discount: bool,
    min_order: bool,
    time: bool,
    tiers: bool,
    product: bool,
    /// A schema.org Offer (or AggregateOffer, Demand).
    offer: bool,
    offer_reads_like_voucher: bool,
    currency: Option<&'v str>,
}

impl Info<'_> {
    fn is_voucher(&self, under_container: bool) -> bool {
        if self.strong_code {
            return true;
        }
        if self.product {
            return false;
        }
        (self.weak_code && (self.discount || self.min_order || self.tiers || under_container))
            || (self.discount && (self.min_order || self.time || under_container || self.offer))
            || (self.tiers && (under_container || self.time))
            || (under_container && self.min_order)
            || (self.offer && (self.min_order || self.offer_reads_like_voucher))
    }
}

fn analyze<'v>(map: &'v Map<String, Value>, keys: &DataKeys) -> Info<'v> {
    let mut info = Info::default();
    for (k, v) in map {
        if k == "@type" {
            info.offer = type_is_offer(v);
            continue;
        }
        match keys.field(k) {
            Some(Field::Code) => {
                if is_weak_code_key(k) {
                    info.weak_code |= code_value(v, false).is_some();
                } else {
                    info.strong_code |= code_value(v, true).is_some();
                }
            }
            Some(
                Field::Discount
                | Field::DiscountAmount
                | Field::DiscountAmountMinor
                | Field::DiscountPercent,
            ) => {
                info.discount |= money_like(v, keys);
            }
            Some(Field::MinOrder | Field::MinOrderMinor) => info.min_order |= money_like(v, keys),
            Some(Field::Starts | Field::Ends) => info.time |= time_value(v).is_some(),
            Some(Field::Tiers) => {
                info.tiers |= matches!(v, Value::Array(a) if a.iter().any(Value::is_object));
            }
            Some(Field::Product) => info.product = true,
            Some(Field::Currency) => {
                if let Value::String(s) = v {
                    info.currency = Some(s.as_str()).filter(|s| !s.trim().is_empty());
                }
            }
            _ => {}
        }
    }
    if info.offer {
        info.offer_reads_like_voucher =
            ["name", "description", "category"]
                .iter()
                .any(|k| match map.get(*k) {
                    Some(Value::String(s)) => reads_like_voucher(s),
                    _ => false,
                });
    }
    info
}

fn type_is_offer(v: &Value) -> bool {
    let is = |s: &str| {
        let s = s.rsplit(['/', '#', ':']).next().unwrap_or(s);
        matches!(
            s,
            "Offer"
                | "AggregateOffer"
                | "Demand"
                | "OfferForPurchase"
                | "Coupon"
                | "PromotionOffer"
        )
    };
    match v {
        Value::String(s) => s.split_ascii_whitespace().any(is),
        Value::Array(a) => a.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

fn reads_like_voucher(s: &str) -> bool {
    let lower = s.to_lowercase();
    VOUCHER_WORDS.iter().any(|w| lower.contains(w))
}

/// A bare `code` key, which often means something else (a status, a
/// locale), and schema.org's `identifier` / `serialNumber`, which also name
/// countries and products.
fn is_weak_code_key(k: &str) -> bool {
    ["code", "identifier", "serialNumber"]
        .iter()
        .any(|w| k.eq_ignore_ascii_case(w))
}

/// The code a value holds, when it looks like one.
fn code_value(v: &Value, strong: bool) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) if strong && n.is_u64() => n.to_string(),
        _ => return None,
    };
    let n = s.chars().count();
    let ok_len = if strong {
        (2..=40).contains(&n)
    } else {
        (4..=30).contains(&n)
    };
    if !ok_len
        || s.chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '{' | '}' | '"' | '/'))
    {
        return None;
    }
    if !strong {
        let b = s.as_bytes();
        let locale = b.len() == 5 && matches!(b[2], b'_' | b'-');
        let has_upper_or_digit = s
            .chars()
            .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let all_digits = s.chars().all(|c| c.is_ascii_digit());
        if locale || !has_upper_or_digit || all_digits || s.contains('.') {
            return None;
        }
        if matches!(
            s.to_ascii_uppercase().as_str(),
            "SUCCESS"
                | "OK"
                | "ERROR"
                | "FAIL"
                | "FAILED"
                | "NONE"
                | "NULL"
                | "TRUE"
                | "FALSE"
                | "UNKNOWN"
                | "PENDING"
        ) {
            return None;
        }
    }
    Some(s)
}

/// True for a number, a non-empty string, or a money object.
fn money_like(v: &Value, keys: &DataKeys) -> bool {
    money(v, keys).is_some()
}

/// Formats a JSON number as written in plain decimal.
fn num_str(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => format!("{f}"),
        None => n.to_string(),
    }
}

/// An amount (and its currency when the value is a money object).
fn money(v: &Value, keys: &DataKeys) -> Option<(String, Option<String>)> {
    match v {
        Value::Number(n) => Some((num_str(n), None)),
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty() && t.len() <= 64 && t.chars().any(|c| c.is_ascii_digit()))
                .then(|| (t.to_string(), None))
        }
        Value::Object(m) => {
            let amount = m
                .iter()
                .filter(|(k, _)| keys.is_amount_value(k))
                .find_map(|(_, v)| match v {
                    Value::Number(_) | Value::String(_) => money(v, keys).map(|(a, _)| a),
                    _ => None,
                })?;
            let currency = m
                .iter()
                .find(|(k, v)| keys.field(k) == Some(Field::Currency) && v.is_string())
                .and_then(|(_, v)| v.as_str())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty());
            Some((amount, currency))
        }
        _ => None,
    }
}

/// An amount given in minor units (cents), as a decimal string.
fn minor(v: &Value) -> Option<String> {
    let cents: i64 = match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (units, rest) = (abs / 100, abs % 100);
    Some(match rest {
        0 => format!("{sign}{units}"),
        r if r % 10 == 0 => format!("{sign}{units}.{}", r / 10),
        r => format!("{sign}{units}.{r:02}"),
    })
}

fn percent(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(num_str(n)),
        Value::String(s) => {
            let t = s.trim().trim_end_matches('%').trim();
            (!t.is_empty() && t.len() <= 32).then(|| t.to_string())
        }
        _ => None,
    }
}

fn time_value(v: &Value) -> Option<DataTime> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 1e17)
                    .map(|f| f as i64)
            })
            .filter(|&t| t > 0)
            .map(DataTime::Epoch),
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() || t.len() > 80 {
                return None;
            }
            if (9..=13).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
                return t.parse().ok().map(DataTime::Epoch);
            }
            t.chars()
                .any(|c| c.is_ascii_digit())
                .then(|| DataTime::Text(t.to_string()))
        }
        _ => None,
    }
}

fn int(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64() == Some(1),
        Value::String(s) => matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "true" | "yes" | "1" | "y"
        ),
        _ => false,
    }
}

fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(num_str(n)),
        _ => None,
    }
}

/// The name of a store or region object (`{"@type": "Organization", "name": ...}`).
fn named(v: &Value, keys: &DataKeys) -> Option<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| keys.is_name_value(k))
            .find_map(|(_, v)| named(v, keys)),
        _ => string(v),
    }
}

fn text_list(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(string).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        _ => string(v),
    }
}

/// Reads a voucher object's keys (and those of its nested plain objects).
fn absorb(
    map: &Map<String, Value>,
    keys: &DataKeys,
    v: &mut DataVoucher,
    consumed: &mut HashSet<*const Map<String, Value>>,
    depth: usize,
    offer: bool,
) {
    let type_meaning = map
        .iter()
        .filter(|(k, _)| keys.field(k) == Some(Field::DiscountType))
        .find_map(|(_, val)| val.as_str().and_then(|s| keys.type_value(s)));
    if type_meaning == Some(TypeValue::FreeShipping) {
        v.free_shipping = true;
    }
    let mut generic: Option<(String, Option<String>)> = None;
    let mut has_price_spec = false;
    for (k, val) in map {
        let field = keys.field(k);
        match field {
            Some(Field::Code) => {
                if v.code.is_none() {
                    v.code = code_value(val, !is_weak_code_key(k));
                }
            }
            Some(Field::Title) => {
                if v.title.is_none() {
                    v.title = string(val);
                }
            }
            Some(Field::Description) => {
                if v.description.is_none() {
                    v.description = text_list(val);
                }
            }
            Some(Field::Discount) => {
                // A discount object that states its own type:
                // {"type": "percentage", "value": 10}, {"type": "free_shipping"}.
                let own_type = val.as_object().and_then(|inner| {
                    inner
                        .iter()
                        .filter(|(k, _)| keys.field(k) == Some(Field::DiscountType))
                        .find_map(|(_, t)| t.as_str().and_then(|s| keys.type_value(s)))
                });
                // A discount object holding more than a money amount
                // ("benefit": {"type": "FIXED_TIERED", "tiers": [...],
                // "maxDiscount": 12}): its keys are the voucher's.
                let rich = val.as_object().filter(|inner| {
                    inner.iter().any(|(k, x)| {
                        !x.is_null()
                            && keys.field(k).is_some_and(|f| {
                                !matches!(
                                    f,
                                    Field::Discount
                                        | Field::DiscountAmount
                                        | Field::DiscountPercent
                                        | Field::Currency
                                        | Field::DiscountType
                                )
                            })
                    })
                });
                if let Some(inner) = rich.filter(|_| depth < MAX_ABSORB_DEPTH) {
                    consumed.insert(inner as *const _);
                    absorb(inner, keys, v, consumed, depth + 1, false);
                    continue;
                }
                match own_type {
                    Some(TypeValue::FreeShipping) => {
                        v.free_shipping = true;
                        continue;
                    }
                    Some(TypeValue::Percent) => {
                        set(&mut v.discount_percent, money(val, keys).map(|(a, _)| a));
                        continue;
                    }
                    _ => {}
                }
                if let Some(p) = val.as_str().filter(|s| s.trim().ends_with('%')) {
                    set(
                        &mut v.discount_percent,
                        percent(&Value::String(p.to_string())),
                    );
                } else if generic.is_none() {
                    generic = money(val, keys);
                }
            }
            Some(Field::DiscountAmount) => {
                set_money(&mut v.discount_amount, &mut v.currency, money(val, keys))
            }
            Some(Field::DiscountAmountMinor) => set(&mut v.discount_amount, minor(val)),
            Some(Field::DiscountPercent) => set(&mut v.discount_percent, percent(val)),
            Some(Field::Currency) => {
                if v.currency.is_none() {
                    v.currency = val
                        .as_str()
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty());
                }
            }
            Some(Field::MinOrder) => set_money(&mut v.min_order, &mut v.currency, money(val, keys)),
            Some(Field::MinOrderMinor) => set(&mut v.min_order, minor(val)),
            Some(Field::MaxDiscount) => {
                set_money(&mut v.max_discount, &mut v.currency, money(val, keys))
            }
            Some(Field::MaxDiscountMinor) => set(&mut v.max_discount, minor(val)),
            Some(Field::Starts) => {
                if v.starts.is_none() {
                    v.starts = time_value(val);
                }
            }
            Some(Field::Ends) => {
                if v.ends.is_none() {
                    v.ends = time_value(val);
                }
            }
            Some(Field::Store) => {
                if v.store.is_none() {
                    v.store = named(val, keys);
                }
            }
            Some(Field::SellerId) => set(&mut v.seller_id, string(val)),
            Some(Field::PerUser) => {
                if v.per_user.is_none() {
                    v.per_user = int(val);
                }
            }
            Some(Field::Total) => {
                if v.total.is_none() {
                    v.total = int(val);
                }
            }
            Some(Field::Regions) => regions(val, keys, &mut v.regions),
            Some(Field::FreeShipping) => v.free_shipping |= truthy(val),
            Some(Field::NewUsersOnly) => v.new_users_only |= truthy(val),
            Some(Field::AppOnly) => v.app_only |= truthy(val),
            Some(Field::Tiers) => {
                if let Value::Array(items) = val {
                    for item in items.iter().take(32) {
                        if let Value::Object(m) = item {
                            consumed.insert(m as *const _);
                            if let Some(t) = tier(m, keys) {
                                v.tiers.push(t);
                            }
                        }
                    }
                }
            }
            // An offer's `category` may name its own kind ("Promotion",
            // "Gutschein"), not what it applies to.
            Some(Field::Categories) => {
                names(val, keys, &mut v.categories);
                v.categories.retain(|c| !reads_like_voucher(c));
            }
            Some(Field::Excluded) => names(val, keys, &mut v.excluded),
            Some(Field::PaymentMethods) => names(val, keys, &mut v.payment_methods),
            Some(Field::Stackable) => {
                if v.stackable.is_none() {
                    v.stackable = flag(val);
                }
            }
            Some(Field::NotStackable) => {
                if v.stackable.is_none() {
                    v.stackable = flag(val).map(|b| !b);
                }
            }
            Some(Field::DaysAfterClaim) => {
                if v.days_after_claim.is_none() {
                    v.days_after_claim = int(val).filter(|&d| (1..=3660).contains(&d));
                }
            }
            Some(Field::DiscountType | Field::Container | Field::Product) => {}
            None if k == "priceSpecification" => {
                has_price_spec = true;
                let specs: Vec<&Map<String, Value>> = match val {
                    Value::Object(m) => vec![m],
                    Value::Array(a) => a.iter().filter_map(Value::as_object).collect(),
                    _ => Vec::new(),
                };
                for spec in specs {
                    consumed.insert(spec as *const _);
                    price_spec(spec, keys, v);
                    if depth < MAX_ABSORB_DEPTH {
                        absorb(spec, keys, v, consumed, depth + 1, false);
                    }
                }
            }
            None => {
                if let Value::Object(m) = val {
                    let inner = analyze(m, keys);
                    if depth < MAX_ABSORB_DEPTH && !inner.strong_code && !inner.product {
                        consumed.insert(m as *const _);
                        absorb(m, keys, v, consumed, depth + 1, false);
                    }
                }
            }
        }
    }
    if offer && !has_price_spec && v.discount_amount.is_none() && v.discount_percent.is_none() {
        // A voucher offer's own price is what it takes off.
        if let Some((amount, _)) = map.get("price").and_then(|p| money(p, keys)) {
            if amount
                .trim_start_matches('-')
                .parse::<f64>()
                .is_ok_and(|a| a != 0.0)
            {
                v.discount_amount = Some(amount.trim_start_matches('-').to_string());
            }
        }
    }
    if let Some((amount, currency)) = generic {
        match type_meaning {
            Some(TypeValue::Percent) => set(&mut v.discount_percent, Some(amount)),
            Some(TypeValue::FreeShipping) => {}
            _ => set_money(
                &mut v.discount_amount,
                &mut v.currency,
                Some((amount, currency)),
            ),
        }
    }
}

/// A schema.org `PriceSpecification` of a voucher offer: its price is the
/// amount off; a percent unit makes it a percent.
fn price_spec(spec: &Map<String, Value>, keys: &DataKeys, v: &mut DataVoucher) {
    let Some((amount, currency)) = spec.get("price").and_then(|p| money(p, keys)) else {
        return;
    };
    let amount = amount.trim_start_matches('-').to_string();
    if amount.parse::<f64>().is_ok_and(|a| a == 0.0) {
        // A delivery charge of nothing is free shipping.
        let delivery = spec
            .get("@type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.contains("DeliveryChargeSpecification"));
        v.free_shipping |= delivery;
        return;
    }
    let unit = ["unitText", "unitCode", "priceType"]
        .iter()
        .filter_map(|k| spec.get(*k).and_then(Value::as_str))
        .any(|u| {
            let u = u.to_ascii_lowercase();
            u.contains("percent") || u == "p1" || u == "%"
        });
    if unit {
        set(&mut v.discount_percent, Some(amount));
        // A percent's `maxPrice` is the most it takes off.
        if let Some((cap, _)) = spec.get("maxPrice").and_then(|p| money(p, keys)) {
            set(&mut v.max_discount, Some(cap));
        }
    } else {
        set_money(
            &mut v.discount_amount,
            &mut v.currency,
            Some((amount, None)),
        );
        if v.currency.is_none() {
            v.currency = currency.or_else(|| {
                spec.get("priceCurrency")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            });
        }
    }
}

fn tier(m: &Map<String, Value>, keys: &DataKeys) -> Option<DataTier> {
    let mut scratch = DataVoucher::default();
    let mut consumed = HashSet::new();
    absorb(
        m,
        keys,
        &mut scratch,
        &mut consumed,
        MAX_ABSORB_DEPTH,
        false,
    );
    let t = DataTier {
        discount_amount: scratch.discount_amount,
        discount_percent: scratch.discount_percent,
        min_order: scratch.min_order,
        max_discount: scratch.max_discount,
    };
    (t != DataTier::default()).then_some(t)
}

/// A yes/no value, when it is one (`true`, `0`, `"no"`).
fn flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Some(true),
            "false" | "no" | "n" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Names given as a string, a list of strings, or objects with a name.
fn names(v: &Value, keys: &DataKeys, out: &mut Vec<String>) {
    let mut push = |s: String| {
        if out.len() < 64 && !out.iter().any(|x| x == &s) {
            out.push(s);
        }
    };
    match v {
        Value::Array(items) => {
            for item in items.iter().take(64) {
                if let Some(s) = named(item, keys) {
                    push(s);
                }
            }
        }
        _ => {
            if let Some(s) = named(v, keys) {
                push(s);
            }
        }
    }
}

fn regions(v: &Value, keys: &DataKeys, out: &mut Vec<String>) {
    let mut push = |s: String| {
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if out.len() < 64 && !out.iter().any(|r| r == part) {
                out.push(part.to_string());
            }
        }
    };
    match v {
        Value::Array(items) => {
            for item in items.iter().take(64) {
                if let Some(s) = named(item, keys) {
                    push(s);
                }
            }
        }
        _ => {
            if let Some(s) = named(v, keys) {
                push(s);
            }
        }
    }
}

fn set(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn set_money(
    slot: &mut Option<String>,
    currency: &mut Option<String>,
    value: Option<(String, Option<String>)>,
) {
    if slot.is_some() {
        return;
    }
    if let Some((amount, cur)) = value {
        *slot = Some(amount);
        if currency.is_none() {
            *currency = cur;
        }
    }
}

/// A voucher worth reporting states at least a code, a discount, a
/// minimum, tiers or free shipping.
fn has_substance(v: &DataVoucher) -> bool {
    v.code.is_some()
        || v.discount_amount.is_some()
        || v.discount_percent.is_some()
        || v.min_order.is_some()
        || !v.tiers.is_empty()
        || v.free_shipping
        || (v.title.is_some() && v.description.is_some())
}
