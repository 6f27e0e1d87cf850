//! Who and what the voucher is for: store, categories, exclusions, region,
//! new customers, app, payment method — and stock, which every voucher needs.
//!
//! A condition is set only when the voucher sets it (a non-empty list, a
//! true flag); a cart field the condition needs but the cart leaves out makes
//! it open. `in_stock` fails only when the cart says `false`.

use super::cart::Cart;
use super::names::{self, NameKind};
use super::outcome::{Condition, Reason};
use crate::record::Record;

/// Channels that are the mobile app.
const APP_CHANNELS: &[&str] = &["app", "mobileapp", "ios", "android", "iosapp", "androidapp"];

/// Country codes written two ways.
const REGION_ALIASES: &[(&str, &str)] = &[("UK", "GB"), ("EL", "GR")];

/// Every eligibility condition the voucher sets, judged for the cart.
pub fn judge(record: &Record, cart: &Cart) -> Vec<Condition> {
    let mut out = Vec::new();
    out.extend(store(&record.scope.stores, cart.store.as_deref()));
    out.extend(categories(
        &record.scope.categories,
        cart.categories.as_deref(),
    ));
    out.extend(excluded(&record.scope.excluded, cart.categories.as_deref()));
    out.extend(region(&record.eligibility.regions, cart.region.as_deref()));
    if record.eligibility.new_users_only {
        out.push(new_customer(cart.new_customer));
    }
    if record.eligibility.app_only {
        out.push(app(cart.channel.as_deref()));
    }
    out.extend(payment(
        &record.eligibility.payment_methods,
        cart.payment_method.as_deref(),
    ));
    out.extend(stock(cart.in_stock));
    out
}

/// The cart's categories, if it gives any.
fn known(categories: Option<&[String]>) -> Option<&[String]> {
    categories.filter(|c| c.iter().any(|s| !s.trim().is_empty()))
}

fn store(stores: &[String], cart: Option<&str>) -> Option<Condition> {
    if stores.is_empty() {
        return None;
    }
    let r = Reason::StoreMismatch;
    let list = stores.join(", ");
    Some(match cart.filter(|s| !s.trim().is_empty()) {
        None => Condition::open(
            r,
            format!("the voucher is for {list}; the cart gives no store"),
        ),
        Some(s) => match names::find(s, stores, NameKind::Store) {
            Some(hit) => Condition::ok(r, format!("{s:?} is {hit:?}")),
            None => Condition::failing(r, format!("{s:?} is not one of {list}")),
        },
    })
}

fn categories(scope: &[String], cart: Option<&[String]>) -> Option<Condition> {
    if scope.is_empty() {
        return None;
    }
    let r = Reason::CategoryMismatch;
    let list = scope.join(", ");
    Some(match known(cart) {
        None => Condition::open(
            r,
            format!("the voucher is for {list}; the cart gives no category"),
        ),
        Some(path) => {
            let hit = path
                .iter()
                .find_map(|c| names::find(c, scope, NameKind::Category).map(|h| (c, h)));
            match hit {
                Some((c, h)) => Condition::ok(r, format!("{c:?} is {h:?}")),
                None => {
                    Condition::failing(r, format!("none of {} is one of {list}", path.join(" > ")))
                }
            }
        }
    })
}

fn excluded(excluded: &[String], cart: Option<&[String]>) -> Option<Condition> {
    if excluded.is_empty() {
        return None;
    }
    let r = Reason::ExcludedItem;
    let list = excluded.join(", ");
    Some(match known(cart) {
        None => Condition::open(
            r,
            format!("the voucher excludes {list}; the cart gives no category"),
        ),
        Some(path) => {
            let hit = path
                .iter()
                .find_map(|c| names::find(c, excluded, NameKind::Category).map(|h| (c, h)));
            match hit {
                Some((c, h)) => Condition::failing(r, format!("{c:?} is excluded ({h:?})")),
                None => Condition::ok(r, format!("nothing in {} is excluded", path.join(" > "))),
            }
        }
    })
}

fn region_code(s: &str) -> String {
    let up = s.trim().to_ascii_uppercase();
    REGION_ALIASES
        .iter()
        .find(|(alias, _)| *alias == up)
        .map_or(up, |(_, code)| code.to_string())
}

fn region(regions: &[String], cart: Option<&str>) -> Option<Condition> {
    if regions.is_empty() {
        return None;
    }
    let r = Reason::RegionMismatch;
    let list = regions.join(", ");
    Some(match cart.filter(|s| !s.trim().is_empty()) {
        None => Condition::open(
            r,
            format!("the voucher is limited to {list}; the cart gives no region"),
        ),
        Some(c) if regions.iter().any(|x| region_code(x) == region_code(c)) => {
            Condition::ok(r, format!("{c} is one of {list}"))
        }
        Some(c) => Condition::failing(r, format!("{c} is not one of {list}")),
    })
}

fn new_customer(cart: Option<bool>) -> Condition {
    let r = Reason::NewUsersOnly;
    match cart {
        None => Condition::open(r, "for new customers only; the cart does not say"),
        Some(true) => Condition::ok(r, "a new customer"),
        Some(false) => Condition::failing(r, "for new customers only; this customer is not new"),
    }
}

fn app(channel: Option<&str>) -> Condition {
    let r = Reason::AppOnly;
    match channel.filter(|s| !s.trim().is_empty()) {
        None => Condition::open(r, "only in the app; the cart gives no channel"),
        Some(c) if APP_CHANNELS.contains(&names::key(c, NameKind::Category).as_str()) => {
            Condition::ok(r, format!("channel {c:?} is the app"))
        }
        Some(c) => Condition::failing(r, format!("only in the app; channel is {c:?}")),
    }
}

fn payment(methods: &[String], cart: Option<&str>) -> Option<Condition> {
    if methods.is_empty() {
        return None;
    }
    let r = Reason::PaymentMethodMismatch;
    let list = methods.join(", ");
    Some(match cart.filter(|s| !s.trim().is_empty()) {
        None => Condition::open(
            r,
            format!("only with {list}; the cart gives no payment method"),
        ),
        Some(p) => match names::find(p, methods, NameKind::PaymentMethod) {
            Some(hit) => Condition::ok(r, format!("{p:?} is {hit:?}")),
            None => Condition::failing(r, format!("{p:?} is not one of {list}")),
        },
    })
}

fn stock(in_stock: Option<bool>) -> Option<Condition> {
    match in_stock {
        Some(false) => Some(Condition::failing(
            Reason::OutOfStock,
            "the item is out of stock",
        )),
        Some(true) => Some(Condition::ok(Reason::OutOfStock, "in stock")),
        None => None,
    }
}
