//! Table-driven tests of every check rule of the record contract, through
//! the library: codes, each reason code failing and open, verdict
//! combinations, tiers and discounts, currencies and exchange rates, names,
//! time zones, risks and the risk score.

use fineprint::check::names::{self, NameKind};
use fineprint::check::terms::record_from_value;
use fineprint::check::{check, check_record, Cart, Outcome, Rates, Reason, RiskCode};
use fineprint::record::Record;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// Deep-merges `patch` into `base` (objects merge, anything else replaces).
fn merge(base: &mut Value, patch: Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, p) => *b = p,
    }
}

fn record(patch: &Value) -> Record {
    let mut base = json!({"id": "r1", "code": "CODE"});
    merge(&mut base, patch.clone());
    record_from_value(&base).unwrap()
}

fn cart(patch: &Value) -> Cart {
    let mut base = json!({"code": "CODE", "subtotal": {"amount": "100", "currency": "USD"}});
    merge(&mut base, patch.clone());
    Cart::from_value(&base).unwrap()
}

fn usd(a: &str) -> Value {
    json!({"amount": a, "currency": "USD"})
}

fn amount_tier(amount: &str, min: Option<&str>) -> Value {
    json!({"discount": {"type": "amount", "amount": usd(amount)}, "min_order": min.map(usd)})
}

/// One row of a table: a record patch, a cart patch and the expected answer.
struct Case {
    name: &'static str,
    record: Value,
    cart: Value,
    verdict: &'static str,
    reasons: &'static [&'static str],
    /// Expected discount amount (in the cart's currency), None for null.
    discount: Option<&'static str>,
}

fn case(
    name: &'static str,
    record: Value,
    cart: Value,
    verdict: &'static str,
    reasons: &'static [&'static str],
    discount: Option<&'static str>,
) -> Case {
    Case {
        name,
        record,
        cart,
        verdict,
        reasons,
        discount,
    }
}

fn run_table(cases: &[Case], fx: Option<&Rates>) {
    let mut failures = Vec::new();
    for c in cases {
        let result = check(&[record(&c.record)], &cart(&c.cart), fx);
        let got = serde_json::to_value(&result).unwrap();
        let reasons: Vec<&str> = result.reasons.iter().map(|r| r.as_str()).collect();
        let discount = result.discount.as_ref().map(|m| m.amount);
        let want_discount = c.discount.map(|d| Decimal::from_str(d).unwrap());
        if got["verdict"] != c.verdict || reasons != c.reasons || discount != want_discount {
            failures.push(format!(
                "{}: got {} {:?} {:?}, want {} {:?} {:?}",
                c.name, got["verdict"], reasons, discount, c.verdict, c.reasons, c.discount
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[rustfmt::skip]
fn codes_match_trimmed_ignoring_case_never_by_prefix() {
    let r = json!({"code": "Save10", "tiers": [amount_tier("10", None)]});
    run_table(
        &[
            case("exact", r.clone(), json!({"code": "Save10"}), "applies", &[], Some("10")),
            case("case and spaces", r.clone(), json!({"code": "  SAVE10\t"}), "applies", &[], Some("10")),
            case("prefix", r.clone(), json!({"code": "SAVE1"}), "rejected", &["code_not_found"], None),
            case("longer", r.clone(), json!({"code": "SAVE100"}), "rejected", &["code_not_found"], None),
            case("empty", r.clone(), json!({"code": " "}), "rejected", &["code_not_found"], None),
        ],
        None,
    );
    // A record without a code is never matched, not even by an empty code.
    let auto = record(&json!({"code": null, "auto_applied": true}));
    let result = check(&[auto], &cart(&json!({"code": ""})), None);
    assert_eq!(result.reasons, vec![Reason::CodeNotFound]);
    assert!(result.risks.is_empty() && result.voucher_id.is_none());
}

#[test]
fn several_records_with_the_code_keep_the_best_answer() {
    let expired = record(
        &json!({"id": "old", "code": "DUP", "tiers": [amount_tier("20", None)], "validity": {"ends": "2026-01-31"}}),
    );
    let small = record(&json!({"id": "small", "code": "dup", "tiers": [amount_tier("5", None)]}));
    let big = record(&json!({"id": "big", "code": "DUP ", "tiers": [amount_tier("8", None)]}));
    let c = cart(&json!({"code": "DUP", "at": "2026-03-01T00:00:00Z"}));
    let result = check(&[expired.clone(), small.clone(), big.clone()], &c, None);
    assert_eq!(result.voucher_id.as_deref(), Some("big"));
    assert_eq!(result.discount.unwrap().amount, Decimal::from(8));
    // Equal answers: the first record wins.
    let result = check(&[small.clone(), small.clone()], &c, None);
    assert_eq!(result.voucher_id.as_deref(), Some("small"));
    // Only the expired one: it is the answer, rejected.
    let result = check(&[expired], &c, None);
    assert_eq!(result.reasons, vec![Reason::Expired]);
}

#[test]
#[rustfmt::skip]
fn every_reason_code_failing_and_open() {
    let at = "2026-06-01T12:00:00Z";
    run_table(
        &[
            // expired
            case("expired failing", json!({"validity": {"ends": "2026-05-31T23:59:00+00:00"}}), json!({"at": at}), "rejected", &["expired"], None),
            case("expired open: no cart time", json!({"validity": {"ends": "2026-06-30"}}), json!({}), "uncertain", &["expired"], None),
            case("expired open: zone-less end", json!({"validity": {"ends": "2026-06-01T06:00:00"}}), json!({"at": at}), "uncertain", &["expired"], None),
            // not_started
            case("not started failing", json!({"validity": {"starts": "2026-06-02"}}), json!({"at": at}), "rejected", &["not_started"], None),
            case("not started open: no cart time", json!({"validity": {"starts": "2026-05-02"}}), json!({}), "uncertain", &["not_started"], None),
            case("not started open: zone-less start", json!({"validity": {"starts": "2026-06-01T20:00:00"}}), json!({"at": at}), "uncertain", &["not_started"], None),
            // min_order_not_met fails; it is never open (an unjudgeable minimum is currency_mismatch)
            case("min order failing", json!({"tiers": [amount_tier("5", Some("100.01"))]}), json!({}), "rejected", &["min_order_not_met"], None),
            case("min order not judged across currencies", json!({"tiers": [amount_tier("5", Some("1000"))]}), json!({"subtotal": {"amount": "10", "currency": "EUR"}}), "uncertain", &["currency_mismatch"], None),
            // currency_mismatch is only ever open
            case("currency open", json!({"tiers": [amount_tier("5", None)]}), json!({"subtotal": {"amount": "100", "currency": "GBP"}}), "uncertain", &["currency_mismatch"], None),
            // store
            case("store failing", json!({"scope": {"stores": ["Anker"]}}), json!({"store": "Baseus"}), "rejected", &["store_mismatch"], None),
            case("store open", json!({"scope": {"stores": ["Anker"]}}), json!({}), "uncertain", &["store_mismatch"], None),
            // category
            case("category failing", json!({"scope": {"categories": ["Toys"]}}), json!({"categories": ["Books"]}), "rejected", &["category_mismatch"], None),
            case("category open", json!({"scope": {"categories": ["Toys"]}}), json!({}), "uncertain", &["category_mismatch"], None),
            // excluded
            case("excluded failing", json!({"scope": {"excluded": ["Books"]}}), json!({"categories": ["Media", "Books"]}), "rejected", &["excluded_item"], None),
            case("excluded open", json!({"scope": {"excluded": ["Books"]}}), json!({"categories": []}), "uncertain", &["excluded_item"], None),
            // region
            case("region failing", json!({"eligibility": {"regions": ["BR"]}}), json!({"region": "PT"}), "rejected", &["region_mismatch"], None),
            case("region open", json!({"eligibility": {"regions": ["BR"]}}), json!({}), "uncertain", &["region_mismatch"], None),
            // new users
            case("new users failing", json!({"eligibility": {"new_users_only": true}}), json!({"new_customer": false}), "rejected", &["new_users_only"], None),
            case("new users open", json!({"eligibility": {"new_users_only": true}}), json!({}), "uncertain", &["new_users_only"], None),
            // app
            case("app failing", json!({"eligibility": {"app_only": true}}), json!({"channel": "web"}), "rejected", &["app_only"], None),
            case("app open", json!({"eligibility": {"app_only": true}}), json!({}), "uncertain", &["app_only"], None),
            // payment
            case("payment failing", json!({"eligibility": {"payment_methods": ["Apple Pay"]}}), json!({"payment_method": "Apple"}), "rejected", &["payment_method_mismatch"], None),
            case("payment open", json!({"eligibility": {"payment_methods": ["Apple Pay"]}}), json!({}), "uncertain", &["payment_method_mismatch"], None),
            // stock: fails only when false; unknown is fine
            case("stock failing", json!({}), json!({"in_stock": false}), "rejected", &["out_of_stock"], None),
            case("stock unknown", json!({}), json!({}), "applies", &[], None),
            case("stock true", json!({}), json!({"in_stock": true}), "applies", &[], None),
            // conditions the voucher does not set never matter
            case("unset conditions", json!({"tiers": [amount_tier("1", None)]}), json!({"store": "x", "region": "ZZ", "channel": "web", "new_customer": false, "payment_method": "cash", "categories": ["a"]}), "applies", &[], Some("1")),
        ],
        None,
    );
}

#[test]
#[rustfmt::skip]
fn verdicts_combine_conditions() {
    let r = json!({
        "tiers": [amount_tier("5", Some("50"))],
        "scope": {"stores": ["Anker"]},
        "eligibility": {"regions": ["US"], "app_only": true}
    });
    run_table(
        &[
            case("all ok", r.clone(), json!({"store": "anker", "region": "US", "channel": "app"}), "applies", &[], Some("5")),
            case("one open", r.clone(), json!({"region": "US", "channel": "app"}), "uncertain", &["store_mismatch"], Some("5")),
            case("every open one listed", r.clone(), json!({}), "uncertain", &["store_mismatch", "region_mismatch", "app_only"], Some("5")),
            case("failing hides open", r.clone(), json!({"region": "CA"}), "rejected", &["region_mismatch"], None),
            case("every failing one listed", r.clone(), json!({"subtotal": {"amount": "10"}, "store": "Ugreen", "region": "CA", "channel": "web", "in_stock": false}), "rejected", &[ "min_order_not_met", "store_mismatch", "region_mismatch", "app_only", "out_of_stock", ], None),
        ],
        None,
    );
}

#[test]
#[rustfmt::skip]
fn tiers_give_the_best_reached_discount_exactly() {
    let three = json!({"tiers": [amount_tier("3", Some("29")), amount_tier("8", Some("69")), amount_tier("15", Some("129"))]});
    let pct = |p: &str, cap: Option<&str>| json!({"tiers": [{"discount": {"type": "percent", "percent": p}, "max_discount": cap.map(usd)}]});
    let recurring = |cap: Option<&str>| json!({"tiers": [{"discount": {"type": "amount", "amount": usd("7")}, "min_order": usd("89"), "max_discount": cap.map(usd), "recurring": true}]});
    let sub = |a: &str| json!({"subtotal": {"amount": a}});
    run_table(
        &[
            case("none reached", three.clone(), sub("28.99"), "rejected", &["min_order_not_met"], None),
            case("minimum is inclusive", three.clone(), sub("29"), "applies", &[], Some("3")),
            case("middle tier", three.clone(), sub("128.99"), "applies", &[], Some("8")),
            case("best tier", three.clone(), sub("129"), "applies", &[], Some("15")),
            case("tiers in any order", json!({"tiers": [amount_tier("15", Some("129")), amount_tier("3", Some("29"))]}), sub("200"), "applies", &[], Some("15")),
            case("amount as stated, even above the subtotal", json!({"tiers": [amount_tier("20", None)]}), sub("12"), "applies", &[], Some("20")),
            case("percent uncapped", pct("15", None), sub("2000"), "applies", &[], Some("300")),
            case("percent under its cap", pct("15", Some("270")), sub("1000"), "applies", &[], Some("150")),
            case("percent capped", pct("15", Some("270")), sub("2000"), "applies", &[], Some("270")),
            case("percent exact in decimal", pct("3.3", None), sub("33.33"), "applies", &[], Some("1.09989")),
            case("percent of a tiny subtotal", pct("10", None), sub("0.01"), "applies", &[], Some("0.001")),
            case("recurring below one step", recurring(None), sub("88.99"), "rejected", &["min_order_not_met"], None),
            case("recurring once per whole step", recurring(None), sub("177.99"), "applies", &[], Some("7")),
            case("recurring twice", recurring(None), sub("178"), "applies", &[], Some("14")),
            case("recurring uncapped", recurring(None), sub("10000"), "applies", &[], Some("784")),
            case("recurring capped", recurring(Some("30")), sub("10000"), "applies", &[], Some("30")),
            case("amount capped", json!({"tiers": [{"discount": {"type": "amount", "amount": usd("50")}, "max_discount": usd("40")}]}), sub("100"), "applies", &[], Some("40")),
            case("percent or amount, percent wins", json!({"tiers": [{"discount": {"type": "percent", "percent": "5"}}, amount_tier("20", Some("300"))]}), sub("500"), "applies", &[], Some("25")),
            case("percent or amount, amount wins", json!({"tiers": [{"discount": {"type": "percent", "percent": "5"}}, amount_tier("20", Some("300"))]}), sub("300"), "applies", &[], Some("20")),
            case("no tiers, no discount", json!({"free_shipping": true}), sub("1"), "applies", &[], None),
        ],
        None,
    );
}

fn test_rates() -> Rates {
    let (rates, errors) =
        Rates::read_csv("currency,rate\nUSD,1\nEUR,1.25\nSAR,0.25\nJPY,0.0064\n".as_bytes());
    assert!(errors.is_empty());
    rates
}

#[test]
#[rustfmt::skip]
fn currencies_mismatch_is_open_unless_rates_convert() {
    let sar = |a: &str| json!({"amount": a, "currency": "SAR"});
    let r = json!({"tiers": [{"discount": {"type": "percent", "percent": "15"}, "min_order": sar("1980"), "max_discount": sar("270")}]});
    let in_usd = |a: &str| json!({"subtotal": {"amount": a, "currency": "USD"}});
    run_table(
        &[
            case("mismatch without rates", r.clone(), in_usd("600"), "uncertain", &["currency_mismatch"], None),
            case("mismatch and a failing condition", json!({"tiers": [amount_tier("5", None)], "eligibility": {"regions": ["US"]}}), json!({"subtotal": {"currency": "EUR"}, "region": "DE"}), "rejected", &["region_mismatch"], None),
            case("null currency is the cart's", json!({"tiers": [{"discount": {"type": "amount", "amount": {"amount": "10", "currency": null}}, "min_order": {"amount": "100", "currency": null}}]}), json!({"subtotal": {"amount": "100", "currency": "EUR"}}), "applies", &[], Some("10")),
            case("currency codes ignore case", json!({"tiers": [{"discount": {"type": "amount", "amount": {"amount": "10", "currency": "usd"}}}]}), in_usd("50"), "applies", &[], Some("10")),
        ],
        None,
    );
    let rates = test_rates();
    run_table(
        &[
            // 1980 SAR = 495 USD; 15% of 600 = 90; cap 270 SAR = 67.5 USD.
            case("converted and capped", r.clone(), in_usd("600"), "applies", &[], Some("67.5")),
            case("converted minimum not met", r.clone(), in_usd("494.99"), "rejected", &["min_order_not_met"], None),
            case("converted minimum met exactly", r.clone(), in_usd("495"), "applies", &[], Some("67.5")),
            // 8 USD = 6.4 EUR; 3 USD in EUR = 2.4
            case("dollar amount in euros", json!({"tiers": [amount_tier("8", Some("69"))]}), json!({"subtotal": {"amount": "56", "currency": "EUR"}}), "applies", &[], Some("6.4")),
            // 7 USD / 1.25 = 5.6 EUR; 1000 JPY = 6.4 USD = 5.12 EUR
            case("rounded to the cart currency's minor unit", json!({"tiers": [{"discount": {"type": "amount", "amount": {"amount": "333", "currency": "JPY"}}}]}), json!({"subtotal": {"amount": "100", "currency": "USD"}}), "applies", &[], Some("2.13")),
            case("to a zero-decimal currency", json!({"tiers": [amount_tier("10", None)]}), json!({"subtotal": {"amount": "100000", "currency": "JPY"}}), "applies", &[], Some("1563")),
            case("a currency without a rate stays open", r.clone(), json!({"subtotal": {"amount": "600", "currency": "CHF"}}), "uncertain", &["currency_mismatch"], None),
        ],
        Some(&rates),
    );
}

#[test]
#[rustfmt::skip]
fn names_are_whole_and_forgive_case_punctuation_and_store_suffixes() {
    use NameKind::*;
    let table: &[(NameKind, &str, &str, bool)] = &[
        (Store, "Xiaomi Official Store", "xiaomi", true),
        (Store, "XIAOMI-official store", "Xiaomi Store", true),
        (Store, "Xiaomi Shop", "xiaomi official shop", true),
        (Store, "Tienda oficial Xiaomi", "Xiaomi", true),
        (Store, "Levi's", "LEVIS", true),
        (Store, "Xiaomi Global", "Xiaomi", false),
        (Store, "Mi", "Xiaomi", false),
        (Store, "Shop", "Store", false),
        (Category, "headphones", "phones", false),
        (Category, "Phones", "phones", true),
        (Category, "Home & Kitchen", "home kitchen", true),
        (Category, "Électronique", "electronique", true),
        (Category, "gift cards", "Gift-Cards", true),
        (Category, "cards", "gift cards", false),
        (Category, "Store", "Official Store", false),
        (Category, "", "", false),
        (PaymentMethod, "PayPal", "paypal", true),
        (PaymentMethod, "Visa Card", "VISA", true),
        (PaymentMethod, "Visa", "Visa Electron", false),
        (PaymentMethod, "Apple Pay", "Apple", false),
        (PaymentMethod, "Mastercard", "Master", false),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter(|(k, a, b, want)| names::same(a, b, *k) != *want || names::same(b, a, *k) != *want)
        .map(|(k, a, b, want)| format!("{k:?} {a:?} vs {b:?}: want {want}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Through check: an excluded `phones` never catches `headphones`.
    run_table(
        &[
            case("headphones are not phones", json!({"scope": {"excluded": ["phones"]}}), json!({"categories": ["Electronics", "Headphones"]}), "applies", &[], None),
            case("phones are phones", json!({"scope": {"excluded": ["phones"]}}), json!({"categories": ["Electronics", "Phones"]}), "rejected", &["excluded_item"], None),
            case("one category of the path is enough", json!({"scope": {"categories": ["Audio", "Cameras"]}}), json!({"categories": ["Electronics", "audio", "Headphones"]}), "applies", &[], None),
            case("a category as one string", json!({"scope": {"categories": ["Audio"]}}), json!({"categories": "Audio"}), "applies", &[], None),
            case("store suffix forgiven", json!({"scope": {"stores": ["Baseus Official Store"]}}), json!({"store": "baseus"}), "applies", &[], None),
            case("app channel spellings", json!({"eligibility": {"app_only": true}}), json!({"channel": "Mobile_App"}), "applies", &[], None),
            case("mobile web is not the app", json!({"eligibility": {"app_only": true}}), json!({"channel": "mobile web"}), "rejected", &["app_only"], None),
        ],
        None,
    );
}

#[test]
#[rustfmt::skip]
fn time_zone_boundaries() {
    let ends = |e: &str, tz: Option<&str>| json!({"validity": {"ends": e, "time_zone": tz}});
    let starts = |s: &str| json!({"validity": {"starts": s}});
    let at = |t: &str| json!({"at": t});
    let pt = ends("2026-05-31T23:59:00-07:00", Some("America/Los_Angeles"));
    let pt_local = ends("2026-05-31T23:59:00", Some("America/Los_Angeles"));
    let pt_winter = ends("2026-01-31T23:59:00", Some("PT"));
    let day = ends("2026-05-31", None);
    let local = ends("2026-05-31T23:59:00", None);
    run_table(
        &[
            // An end stated in PT, a cart in UTC: 23:59 PDT is 06:59 UTC.
            case("PT end, one minute before", pt.clone(), at("2026-06-01T06:58:00Z"), "applies", &[], None),
            case("PT end, at the end", pt.clone(), at("2026-06-01T06:59:00Z"), "applies", &[], None),
            case("PT end, one minute after", pt.clone(), at("2026-06-01T07:00:00Z"), "rejected", &["expired"], None),
            case("PT end, cart in another offset", pt.clone(), at("2026-06-01T09:59:00+03:00"), "applies", &[], None),
            // The same end given as a local time with the zone named.
            case("PT named zone, one minute before", pt_local.clone(), at("2026-06-01T06:58:00Z"), "applies", &[], None),
            case("PT named zone, one minute after", pt_local.clone(), at("2026-06-01T07:00:00Z"), "rejected", &["expired"], None),
            // In January PT is -08:00.
            case("PST end, one minute before", pt_winter.clone(), at("2026-02-01T07:58:00Z"), "applies", &[], None),
            case("PST end, one minute after", pt_winter.clone(), at("2026-02-01T08:00:00Z"), "rejected", &["expired"], None),
            // A date-only end runs through that day in the cart's own offset.
            case("date end, last second in UTC-10", day.clone(), at("2026-05-31T23:59:59-10:00"), "applies", &[], None),
            case("date end, first second of the next day at +14", day.clone(), at("2026-06-01T00:00:00+14:00"), "rejected", &["expired"], None),
            case("date end, last minute at +08", day.clone(), at("2026-05-31T23:59:00+08:00"), "applies", &[], None),
            case("date end, next day at +08 (still May 31 in UTC)", day.clone(), at("2026-06-01T00:30:00+08:00"), "rejected", &["expired"], None),
            case("date end, zone-less cart time", day.clone(), at("2026-05-31T23:00:00"), "applies", &[], None),
            // A date-only start from the start of that day in the cart's offset.
            case("date start, first second at +14", starts("2026-06-01"), at("2026-06-01T00:00:00+14:00"), "applies", &[], None),
            case("date start, last second before at -12", starts("2026-06-01"), at("2026-05-31T23:59:59-12:00"), "rejected", &["not_started"], None),
            // A date-only end is read in the cart's own offset even when the
            // record names a zone (the contract's rule for date-only bounds).
            case("date end with a named zone, Tokyo's next day, cart's same day", ends("2026-05-31", Some("Asia/Tokyo")), at("2026-05-31T15:00:00Z"), "applies", &[], None),
            case("date end with a named zone, cart's next day", ends("2026-05-31", Some("Asia/Tokyo")), at("2026-06-01T00:00:00Z"), "rejected", &["expired"], None),

            // A local time without zone: open within ±14 h of it read as UTC.
            case("local end, 14 h 1 min before", local.clone(), at("2026-05-31T09:58:00Z"), "applies", &[], None),
            case("local end, 14 h before", local.clone(), at("2026-05-31T09:59:00Z"), "uncertain", &["expired"], None),
            case("local end, 1 h after", local.clone(), at("2026-06-01T00:59:00Z"), "uncertain", &["expired"], None),
            case("local end, 14 h after", local.clone(), at("2026-06-01T13:59:00Z"), "uncertain", &["expired"], None),
            case("local end, 14 h 1 min after", local.clone(), at("2026-06-01T14:00:00Z"), "rejected", &["expired"], None),
            case("local start, 13 h before", starts("2026-06-01T10:00:00"), at("2026-05-31T21:00:00Z"), "uncertain", &["not_started"], None),
            case("local start, 15 h before", starts("2026-06-01T10:00:00"), at("2026-05-31T19:00:00Z"), "rejected", &["not_started"], None),
            case("local start, 15 h after", starts("2026-06-01T10:00:00"), at("2026-06-02T01:00:00Z"), "applies", &[], None),
            // A fixed offset named as the zone.
            case("GMT+8 end, after", ends("2026-05-31T23:59:00", Some("GMT+8")), at("2026-05-31T16:00:00Z"), "rejected", &["expired"], None),
        ],
        None,
    );
}

fn risk_codes(r: &fineprint::check::CheckResult) -> Vec<&'static str> {
    r.risks.iter().map(|x| x.code.as_str()).collect()
}

#[test]
#[rustfmt::skip]
fn risks_are_reported_whenever_a_record_matched() {
    let ends = json!({"ends": "2026-12-31T00:00:00+00:00"});
    let table: &[(&str, Value, Value, &[&str])] = &[
        (
            "none",
            json!({"tiers": [amount_tier("5", None)], "validity": ends}),
            json!({}),
            &[],
        ),
        (
            "first come",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "usage": {"first_come_first_served": true}}),
            json!({}),
            &["first_come_first_served"],
        ),
        (
            "usage total",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "usage": {"total": 100}}),
            json!({}),
            &["usage_limited"],
        ),
        (
            "per-user limit is no risk",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "usage": {"per_user": 1}}),
            json!({}),
            &[],
        ),
        (
            "no expiry",
            json!({"tiers": [amount_tier("5", None)]}),
            json!({}),
            &["no_expiry_stated"],
        ),
        (
            "days after claim is an expiry",
            json!({"tiers": [amount_tier("5", None)], "validity": {"days_after_claim": 7}}),
            json!({}),
            &[],
        ),
        (
            "expires within 24 h",
            json!({"tiers": [amount_tier("5", None)], "validity": ends}),
            json!({"at": "2026-12-30T00:00:00Z"}),
            &["expires_soon"],
        ),
        (
            "expires in 24 h 1 s",
            json!({"tiers": [amount_tier("5", None)], "validity": ends}),
            json!({"at": "2026-12-29T23:59:59Z"}),
            &[],
        ),
        (
            "expired is not expiring soon",
            json!({"tiers": [amount_tier("5", None)], "validity": ends}),
            json!({"at": "2026-12-31T00:00:01Z"}),
            &[],
        ),
        (
            "risks even when rejected",
            json!({"tiers": [amount_tier("5", Some("500"))], "usage": {"first_come_first_served": true}}),
            json!({}),
            &["first_come_first_served", "no_expiry_stated"],
        ),
        (
            "null currency",
            json!({"tiers": [{"discount": {"type": "amount", "amount": {"amount": "5", "currency": null}}}], "validity": ends}),
            json!({}),
            &["currency_ambiguous"],
        ),
        (
            "extractor's currency warning",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "warnings": ["currency_ambiguous"]}),
            json!({}),
            &["currency_ambiguous"],
        ),
        (
            "nothing stated",
            json!({"validity": ends}),
            json!({}),
            &["terms_incomplete"],
        ),
        (
            "tier without value",
            json!({"tiers": [{"discount": {"type": "percent", "percent": null, "amount": null}}], "validity": ends}),
            json!({}),
            &["terms_incomplete"],
        ),
        (
            "recurring without step",
            json!({"tiers": [{"discount": {"type": "amount", "amount": usd("5")}, "recurring": true}], "validity": ends}),
            json!({}),
            &["terms_incomplete"],
        ),
        (
            "store scope without stores",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "scope": {"kind": "store"}}),
            json!({}),
            &["terms_incomplete"],
        ),
        (
            "category scope without categories",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "scope": {"kind": "category"}}),
            json!({}),
            &["terms_incomplete"],
        ),
        (
            "product scope",
            json!({"tiers": [amount_tier("5", None)], "validity": ends, "scope": {"kind": "product"}}),
            json!({}),
            &["terms_incomplete"],
        ),
        (
            "free shipping alone is complete",
            json!({"free_shipping": true, "validity": ends}),
            json!({}),
            &[],
        ),
        (
            "all in contract order",
            json!({"tiers": [{"discount": {"type": "amount", "amount": {"amount": "5", "currency": null}}}], "validity": {"ends": "2026-12-31T00:00:00+00:00"}, "usage": {"first_come_first_served": true, "total": 5}, "scope": {"kind": "product"}}),
            json!({"at": "2026-12-30T12:00:00Z"}),
            &[
                "first_come_first_served",
                "usage_limited",
                "expires_soon",
                "currency_ambiguous",
                "terms_incomplete",
            ],
        ),
    ];
    let mut wrong = Vec::new();
    for (name, r, c, want) in table {
        let result = check(&[record(r)], &cart(c), None);
        if risk_codes(&result) != *want {
            wrong.push(format!(
                "{name}: got {:?}, want {want:?}",
                risk_codes(&result)
            ));
        }
        assert!((0.0..=1.0).contains(&result.risk_score));
        assert_eq!(result.risk_score == 0.0, want.is_empty(), "{name}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn risk_score_is_monotone_in_every_factor() {
    use fineprint::check::risk;
    use fineprint::check::Risk;
    let codes = [
        RiskCode::FirstComeFirstServed,
        RiskCode::UsageLimited,
        RiskCode::NoExpiryStated,
        RiskCode::ExpiresSoon,
        RiskCode::CurrencyAmbiguous,
        RiskCode::TermsIncomplete,
    ];
    let formula = |mask: u32| {
        let risks: Vec<Risk> = (0..6)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| Risk {
                code: codes[i],
                message: String::new(),
            })
            .collect();
        risk::score(&risks)
    };
    let scores: Vec<f64> = (0..64).map(formula).collect();
    assert_eq!(scores[0], 0.0);
    assert_eq!(scores[1], 0.35, "first come first served alone");
    for mask in 0..64u32 {
        assert!((0.0..=1.0).contains(&scores[mask as usize]));
        for bit in 0..6 {
            let with = mask | (1 << bit);
            if with != mask {
                assert!(
                    scores[with as usize] > scores[mask as usize],
                    "adding factor {bit} to {mask:b} did not raise the score"
                );
            }
        }
    }

    // Through check, each factor switched on by a patch of the record or
    // the cart gives the formula's score (no expiry and expiring soon
    // exclude each other, so they are never on together).
    let factors: [(Value, Value); 6] = [
        (
            json!({"usage": {"first_come_first_served": true}}),
            json!({}),
        ),
        (json!({"usage": {"total": 10}}), json!({})),
        (json!({"validity": {"ends": null}}), json!({})),
        (json!({}), json!({"at": "2026-12-30T12:00:00Z"})),
        (json!({"warnings": ["currency_ambiguous"]}), json!({})),
        (json!({"scope": {"kind": "product"}}), json!({})),
    ];
    for mask in (0..64u32).filter(|m| m & 0b1100 != 0b1100) {
        let mut r = json!({"tiers": [amount_tier("5", None)], "validity": {"ends": "2026-12-31T00:00:00+00:00"}});
        let mut c = json!({"at": "2026-01-01T00:00:00Z"});
        for (i, (rp, cp)) in factors.iter().enumerate() {
            if mask & (1 << i) != 0 {
                merge(&mut r, rp.clone());
                merge(&mut c, cp.clone());
            }
        }
        let result = check(&[record(&r)], &cart(&c), None);
        assert_eq!(
            result.risks.len(),
            mask.count_ones() as usize,
            "mask {mask:b}"
        );
        assert_eq!(result.risk_score, scores[mask as usize], "mask {mask:b}");
    }
}

#[test]
fn conditions_explain_every_judgement() {
    let r =
        record(&json!({"tiers": [amount_tier("5", Some("10"))], "scope": {"stores": ["Anker"]}}));
    let result = check_record(&r, &cart(&json!({})), None);
    let outcomes: Vec<(Reason, Outcome)> = result
        .conditions
        .iter()
        .map(|c| (c.reason, c.outcome))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (Reason::MinOrderNotMet, Outcome::Ok),
            (Reason::StoreMismatch, Outcome::Open)
        ]
    );
    assert!(result.conditions.iter().all(|c| !c.detail.is_empty()));
    assert!(RiskCode::ExpiresSoon.as_str() == "expires_soon");
}

#[test]
#[rustfmt::skip]
fn hand_written_records_are_read_leniently_and_errors_name_the_field() {
    // Numbers for amounts and percents, a missing discount type, lists as strings.
    let r = record_from_value(&json!({
        "code": "X",
        "tiers": [{"discount": {"percent": 12.5}, "min_order": {"amount": 40, "currency": "EUR"}}],
        "scope": {"stores": "Anker"},
        "eligibility": {"regions": null}
    }))
    .unwrap();
    assert_eq!(
        r.tiers[0].discount.percent,
        Some(Decimal::from_str("12.5").unwrap())
    );
    assert_eq!(r.scope.stores, vec!["Anker".to_string()]);
    assert_eq!(r.schema_version, "1");

    let table: &[(Value, &str)] = &[
        (
            json!({"code": "X", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "1,980", "currency": "SAR"}}}]}),
            "tiers[0].discount.amount.amount",
        ),
        (
            json!({"code": "X", "tiers": [{"discount": {"type": "amount", "amount": usd("1")}}, {"discount": {"type": "gift"}}]}),
            "tiers[1].discount.type",
        ),
        (
            json!({"code": "X", "tiers": [{"min_order": usd("1")}]}),
            "tiers[0].discount",
        ),
        (
            json!({"code": "X", "validity": {"ends": "31/05/2026"}}),
            "validity.ends",
        ),
        (
            json!({"code": "X", "usage": {"total": "many"}}),
            "usage.total",
        ),
        (
            json!({"code": "X", "eligibility": {"app_only": "yes"}}),
            "eligibility.app_only",
        ),
        (json!({"code": 5, "auto_applied": "no"}), "auto_applied"),
    ];
    for (v, field) in table {
        let err = record_from_value(v).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(*field), "{v}: {}", err.message);
    }

    let carts: &[(&str, Option<&str>)] = &[
        (
            r#"{"subtotal": {"amount": "1", "currency": "USD"}}"#,
            Some("code"),
        ),
        (r#"{"code": "A"}"#, Some("subtotal")),
        (
            r#"{"code": "A", "subtotal": {"amount": "1O", "currency": "USD"}}"#,
            Some("subtotal.amount"),
        ),
        (
            r#"{"code": "A", "subtotal": {"amount": "-1", "currency": "USD"}}"#,
            Some("subtotal.amount"),
        ),
        (
            r#"{"code": "A", "subtotal": {"amount": "1", "currency": "dollars"}}"#,
            Some("subtotal.currency"),
        ),
        (
            r#"{"code": "A", "subtotal": {"amount": "1"}, "at": "tomorrow"}"#,
            Some("at"),
        ),
        (
            r#"{"code": "A", "subtotal": {"amount": "1"}, "new_customer": "yes"}"#,
            Some("new_customer"),
        ),
        (
            r#"{"code": "A", "subtotal": {"amount": "1"}, "categories": [1, 2]}"#,
            Some("categories"),
        ),
        (r#"{"code": "A", "subtotal": "#, None),
        (r#"["A"]"#, None),
    ];
    for (text, field) in carts {
        let err = Cart::from_json(text).unwrap_err();
        assert_eq!(err.field.as_deref(), *field, "{text}: {err}");
    }
    let ok = Cart::from_json(
        r#"{"code": "A", "subtotal": {"amount": 19.99, "currency": "usd"}, "extra": 1}"#,
    )
    .unwrap();
    assert_eq!(ok.subtotal.amount, Decimal::from_str("19.99").unwrap());
}

#[test]
fn records_as_fineprint_writes_them_are_read_unchanged() {
    use fineprint::check::terms::read_records;
    use fineprint::record::{
        Discount, DiscountType, Evidence, Money, ScopeKind, Source, Tier, When,
    };
    let mut r = Record::empty(
        Source {
            url: Some("https://shop.example/p".into()),
            file: None,
            fetched_at: Some("2026-05-20T08:00:00Z".into()),
            sha256: "ab".repeat(32),
        },
        "es",
    );
    r.code = Some("ALC9".into());
    r.tiers.push(Tier {
        discount: Discount {
            kind: DiscountType::Percent,
            amount: None,
            percent: Some(Decimal::from(15)),
        },
        min_order: Some(Money {
            amount: Decimal::from(1980),
            currency: Some("SAR".into()),
        }),
        max_discount: None,
        recurring: false,
    });
    r.scope.kind = Some(ScopeKind::Store);
    r.scope.stores.push("Xiaomi".into());
    r.validity.ends = Some(When::from_str("2026-05-31T23:59:00-07:00").unwrap());
    r.validity.time_zone = Some("America/Los_Angeles".into());
    r.evidence.push(Evidence {
        field: "code".into(),
        text: "ALC9".into(),
        start: 3,
        end: 7,
        rule: Some("en.code.1".into()),
    });
    r.warn("year_inferred");
    r.assign_id(0);
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::to_string(&r).unwrap(),
        serde_json::to_string(&r).unwrap()
    );
    let (records, errors) = read_records(&jsonl);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, vec![r.clone(), r.clone()]);
    let array = serde_json::to_string_pretty(&vec![r.clone()]).unwrap();
    let (records, errors) = read_records(&array);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, vec![r]);
}
