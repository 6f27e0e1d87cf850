//! Vouchers stated in structured data (JSON-LD offers, script state blobs):
//! a data voucher whose code matches a text record fills the fields the text
//! left empty; one that matches none becomes a record of its own. Values are
//! normalized here: amounts exactly, epoch times to UTC, ISO strings with
//! their offset.

use crate::date::find_dates;
use crate::lexicon::Lexicon;
use crate::money::number::find_numbers;
use crate::page::{DataTime, DataVoucher, Page};
use crate::record::{Discount, DiscountType, Money, Record, ScopeKind, Source, Tier, When};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

fn amount(s: &str) -> Option<Decimal> {
    let f = crate::text::fold(s);
    find_numbers(&f, '.').into_iter().next().map(|n| n.value)
}

fn currency(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
}

/// A structured time as a contract date-time.
fn when(
    lex: &Lexicon,
    t: &DataTime,
    lang: usize,
    as_of: NaiveDate,
) -> Option<(When, Option<String>)> {
    match t {
        DataTime::Epoch(n) => {
            let secs = if n.abs() >= 100_000_000_000 {
                n / 1000
            } else {
                *n
            };
            let dt: DateTime<Utc> = Utc.timestamp_opt(secs, 0).single()?;
            Some((When::Zoned(dt.fixed_offset()), Some("UTC".into())))
        }
        DataTime::Text(s) => {
            let s = s.trim();
            if let Ok(w) = s.parse::<When>() {
                let zone = match w {
                    When::Zoned(dt) => Some(crate::date::offset_name(*dt.offset())),
                    _ => None,
                };
                return Some((w, zone));
            }
            let f = crate::text::fold(s);
            let order = lex.languages[lang].date_order;
            find_dates(lex, &f, as_of, order, Some(&[lang]))
                .into_iter()
                .next()
                .map(|d| (d.value, d.time_zone))
        }
    }
}

/// A region as an ISO 3166-1 alpha-2 code: a code as written, or a country
/// name of the page's language or English ("Deutschland", "United Arab Emirates").
fn region_code(lex: &Lexicon, lang: usize, name: &str) -> Option<String> {
    let name = name.trim();
    if name.len() == 2 && name.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(name.to_ascii_uppercase());
    }
    let folded = crate::text::fold(name);
    let mut langs = vec![lang];
    langs.extend(lex.language_index("en"));
    lex.countries.exact(&folded, Some(&langs)).cloned()
}

/// A minimum or cap of zero ("minOrderAmount": 0) states none.
fn stated(m: Option<Money>) -> Option<Money> {
    m.filter(|m| !m.amount.is_zero())
}

/// The tiers a data voucher lists, lowest minimum first.
fn data_tiers(d: &DataVoucher, cur: Option<&String>) -> Vec<Tier> {
    let money = |s: &Option<String>| {
        s.as_deref().and_then(amount).map(|a| Money {
            amount: a,
            currency: cur.cloned(),
        })
    };
    let mut tiers: Vec<Tier> = d
        .tiers
        .iter()
        .filter_map(|t| {
            let discount = match t.discount_percent.as_deref().and_then(amount) {
                Some(p) => Discount {
                    kind: DiscountType::Percent,
                    amount: None,
                    percent: Some(p),
                },
                None => Discount {
                    kind: DiscountType::Amount,
                    amount: Some(money(&t.discount_amount)?),
                    percent: None,
                },
            };
            Some(Tier {
                discount,
                min_order: stated(money(&t.min_order)),
                max_discount: stated(money(&t.max_discount)),
                recurring: false,
            })
        })
        .collect();
    tiers.sort_by_key(|t| t.min_order.as_ref().map(|m| m.amount));
    tiers
}

fn record_from(lex: &Lexicon, lang: usize, tag: &str, d: &DataVoucher, as_of: NaiveDate) -> Record {
    let mut r = Record::empty(Source::default(), tag);
    fill(lex, lang, &mut r, d, as_of);
    r
}

/// Fills the empty fields of `r` from a data voucher.
fn fill(lex: &Lexicon, lang: usize, r: &mut Record, d: &DataVoucher, as_of: NaiveDate) {
    let cur = currency(&d.currency);
    let money = |s: &Option<String>| {
        s.as_deref().and_then(amount).map(|a| Money {
            amount: a,
            currency: cur.clone(),
        })
    };
    if r.code.is_none() {
        r.code = d.code.clone().filter(|c| !c.trim().is_empty());
    }
    if r.title.is_none() {
        r.title = d.title.clone();
    }
    if r.tiers.is_empty() && !d.tiers.is_empty() {
        r.tiers = data_tiers(d, cur.as_ref());
    }
    if r.tiers.is_empty() {
        let discount = if let Some(p) = d.discount_percent.as_deref().and_then(amount) {
            Some(Discount {
                kind: DiscountType::Percent,
                amount: None,
                percent: Some(p),
            })
        } else {
            money(&d.discount_amount).map(|m| Discount {
                kind: DiscountType::Amount,
                amount: Some(m),
                percent: None,
            })
        };
        if let Some(discount) = discount {
            r.tiers.push(Tier {
                discount,
                min_order: stated(money(&d.min_order)),
                max_discount: stated(money(&d.max_discount)),
                recurring: false,
            });
        }
    } else if r.tiers.len() == 1 {
        if r.tiers[0].min_order.is_none() {
            r.tiers[0].min_order = stated(money(&d.min_order));
        }
        if r.tiers[0].max_discount.is_none() {
            r.tiers[0].max_discount = stated(money(&d.max_discount));
        }
    }
    if r.validity.starts.is_none() {
        if let Some((w, z)) = d.starts.as_ref().and_then(|t| when(lex, t, lang, as_of)) {
            r.validity.starts = Some(w);
            if r.validity.time_zone.is_none() {
                r.validity.time_zone = z;
            }
        }
    }
    // Structured data states the same bound more precisely (a time and
    // offset for the text's date): the precise one wins.
    let more_precise = |text: &Option<When>, data: &When| match text {
        Some(When::Date(d)) => !matches!(data, When::Date(_)) && data.date() == *d,
        Some(When::Local(l)) => matches!(data, When::Zoned(z) if z.naive_local() == *l),
        _ => false,
    };
    if let Some((w, z)) = d.starts.as_ref().and_then(|t| when(lex, t, lang, as_of)) {
        if more_precise(&r.validity.starts, &w) {
            r.validity.starts = Some(w);
            if r.validity.time_zone.is_none() {
                r.validity.time_zone = z;
            }
        }
    }
    if let Some((w, z)) = d.ends.as_ref().and_then(|t| when(lex, t, lang, as_of)) {
        if more_precise(&r.validity.ends, &w) {
            r.validity.ends = Some(w);
            if z.is_some() {
                r.validity.time_zone = z;
            }
        }
    }
    if r.validity.ends.is_none() {
        if let Some((w, z)) = d.ends.as_ref().and_then(|t| when(lex, t, lang, as_of)) {
            r.validity.ends = Some(w);
            if z.is_some() {
                r.validity.time_zone = z;
            }
        }
    }
    // A JSON-LD or microdata seller is the organization selling the offer,
    // on its own site as often as on a marketplace: not a store limit. A
    // store named in script state (a marketplace's seller coupons) is one.
    let schema_org = d.origin == "json-ld" || d.origin == "microdata";
    if r.scope.stores.is_empty() && !schema_org {
        if let Some(s) = d.store.clone().filter(|s| !s.trim().is_empty()) {
            super::scope::limit_to_shop(&mut r.scope, s);
        }
    }
    if r.scope.categories.is_empty() && !d.categories.is_empty() {
        r.scope.categories = d.categories.clone();
        if r.scope.kind.is_none() || r.scope.kind == Some(ScopeKind::Platform) {
            r.scope.kind = Some(ScopeKind::Category);
        }
    }
    if r.scope.excluded.is_empty() {
        r.scope.excluded = d.excluded.clone();
    }
    if r.eligibility.payment_methods.is_empty() {
        r.eligibility.payment_methods = d.payment_methods.clone();
    }
    if r.stackable.is_none() {
        r.stackable = d.stackable;
    }
    if r.validity.days_after_claim.is_none() {
        r.validity.days_after_claim = d.days_after_claim.and_then(|n| u32::try_from(n).ok());
    }
    if r.usage.per_user.is_none() {
        r.usage.per_user = d.per_user.and_then(|n| u32::try_from(n).ok());
    }
    if r.usage.total.is_none() {
        r.usage.total = d.total;
    }
    if r.eligibility.regions.is_empty() {
        r.eligibility.regions = d
            .regions
            .iter()
            .filter_map(|c| region_code(lex, lang, c))
            .collect();
        r.eligibility.regions.dedup();
    }
    r.free_shipping |= d.free_shipping;
    r.eligibility.new_users_only |= d.new_users_only;
    r.eligibility.app_only |= d.app_only;
}

/// What a data voucher's title and description say, read like page text
/// (one record, without evidence: its offsets would point into the data,
/// not the page text).
fn described(lex: &Lexicon, tag: &str, d: &DataVoucher, as_of: NaiveDate) -> Option<Record> {
    let description = d.description.as_deref()?;
    let text = match &d.title {
        Some(t) => format!("{t}\n{description}"),
        None => description.to_string(),
    };
    let page = crate::page::read(text.as_bytes(), &crate::page::PageOptions::default());
    let (_, records) = super::extract(lex, &page, as_of, Some(tag));
    let mut r = records.into_iter().next()?;
    r.evidence.clear();
    // The data's own title wins; a description line is not a title.
    r.title = None;
    Some(r)
}

/// Merges the page's structured vouchers into the text records.
pub fn merge(
    lex: &Lexicon,
    lang: usize,
    tag: &str,
    page: &Page,
    as_of: NaiveDate,
    records: &mut Vec<Record>,
) {
    for d in &page.data {
        let described = described(lex, tag, d, as_of);
        // The data's code, else one its description states ("use code X").
        let code = d
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .or_else(|| described.as_ref().and_then(|t| t.code.clone()));
        let target = match &code {
            Some(c) => records.iter().position(|r| {
                r.code
                    .as_deref()
                    .is_some_and(|rc| rc.eq_ignore_ascii_case(c))
            }),
            None => (records.len() == 1 && page.data.len() == 1).then_some(0),
        };
        if let Some(i) = target {
            fill(lex, lang, &mut records[i], d, as_of);
            if let Some(t) = described {
                super::fill_empty(&mut records[i], t);
            }
            continue;
        }
        let has_terms = d.discount_amount.is_some()
            || d.discount_percent.is_some()
            || d.free_shipping
            || !d.tiers.is_empty()
            || described.as_ref().is_some_and(|t| !t.tiers.is_empty());
        if code.is_none() && !has_terms {
            continue;
        }
        let mut r = record_from(lex, lang, tag, d, as_of);
        r.code = code.clone();
        if let Some(t) = described {
            super::fill_empty(&mut r, t);
        }
        // A voucher the data says ended before the page was read (a
        // coupon list keeps its expired entries) is no voucher.
        if r.validity.ends.is_some_and(|e| e.date() < as_of) {
            continue;
        }
        // A record without a code but with the same discount as a text
        // record is that record.
        if code.is_none()
            && records.iter().any(|x| {
                x.tiers.first().map(|t| &t.discount) == r.tiers.first().map(|t| &t.discount)
            })
        {
            continue;
        }
        records.push(r);
    }
}
