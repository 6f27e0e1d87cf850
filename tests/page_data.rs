//! Structured sources: JSON-LD, microdata and embedded script state read
//! into `Page::data`, through the key dictionaries of
//! `patterns/base/data_keys.toml`.

use fineprint::page::{read, DataKeys, DataTier, DataTime, DataVoucher, Page, PageOptions};
use std::sync::Arc;

fn fixture(name: &str) -> Page {
    let path = format!("{}/tests/fixtures/page/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes, &PageOptions::default())
}

fn page(html: &str) -> Page {
    read(html.as_bytes(), &PageOptions::default())
}

fn by_code<'p>(p: &'p Page, code: &str) -> &'p DataVoucher {
    p.data
        .iter()
        .find(|d| d.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no voucher {code} in {:#?}", p.data))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn json_ld_offer_with_price_specification() {
    let p = fixture("jsonld.html");
    let v = by_code(&p, "SOL10");
    assert_eq!(v.origin, "json-ld");
    assert_eq!(v.title, s("10 € de descuento en pedidos superiores a 60 €"));
    assert_eq!(
        v.description,
        s("Válido hasta el 31 de mayo de 2026. Un uso por cliente.")
    );
    assert_eq!(v.discount_amount, s("10.00"));
    assert_eq!(v.currency, s("EUR"));
    // eligibleTransactionVolume is the minimum order.
    assert_eq!(v.min_order, s("60"));
    assert_eq!(
        v.starts,
        Some(DataTime::Text("2026-05-01T00:00:00+02:00".into()))
    );
    assert_eq!(
        v.ends,
        Some(DataTime::Text("2026-05-31T23:59:59+02:00".into()))
    );
    assert_eq!(v.regions, vec!["ES".to_string(), "PT".to_string()]);
    assert_eq!(v.store, s("Tienda Sol"));
    // The product's offer (a price, not a discount) is no voucher.
    assert!(
        p.data
            .iter()
            .all(|d| d.discount_amount.as_deref() != Some("59.90")),
        "{:#?}",
        p.data
    );
    // The second, cut-off JSON-LD script is reported.
    assert!(p.warnings.contains(&"script_json_invalid".to_string()));
}

#[test]
fn microdata_offer() {
    let p = fixture("jsonld.html");
    let v = by_code(&p, "PIES15");
    assert_eq!(v.origin, "microdata");
    assert_eq!(v.title, s("15 % de descuento en calzado"));
    assert_eq!(
        v.discount_percent,
        s("15"),
        "a percent unit makes the price a percent"
    );
    assert_eq!(v.discount_amount, None);
    assert_eq!(v.ends, Some(DataTime::Text("2026-06-15".into())));
    assert_eq!(v.store, s("Tienda Sol"));
    assert_eq!(p.data.len(), 2, "{:#?}", p.data);
}

#[test]
fn window_assignment_state() {
    let p = fixture("state.html");
    let v = by_code(&p, "PA3OFF");
    assert_eq!(v.origin, "script:window.runParams");
    assert_eq!(v.discount_amount, s("3"));
    assert_eq!(v.min_order, s("29"));
    // The currency and store of enclosing objects carry down.
    assert_eq!(v.currency, s("USD"));
    assert_eq!(v.store, s("Polar Audio Official Store"));
    assert_eq!(v.seller_id, s("220045"));
    assert_eq!(v.per_user, Some(1));
    // Epoch milliseconds are left raw.
    assert_eq!(v.starts, Some(DataTime::Epoch(1_779_926_400_000)));
    assert_eq!(v.ends, Some(DataTime::Epoch(1_780_531_199_000)));

    // A code-less entry of a coupon list: money objects, epoch seconds.
    let second = p
        .data
        .iter()
        .find(|d| d.origin == "script:window.runParams" && d.code.is_none())
        .expect("code-less coupon");
    assert_eq!(second.discount_amount, s("8"));
    assert_eq!(second.min_order, s("69"));
    assert_eq!(second.ends, Some(DataTime::Epoch(1_780_531_199)));
    // Products with a "discount" are not vouchers.
    assert!(p
        .data
        .iter()
        .all(|d| d.discount_amount.as_deref() != Some("45")));
}

#[test]
fn json_parse_state_with_tiers() {
    let p = fixture("state.html");
    let v = p
        .data
        .iter()
        .find(|d| d.origin == "script:window.__TIERS__")
        .expect("JSON.parse blob");
    assert_eq!(v.title, s("Mid-year tiers"));
    assert_eq!(
        v.tiers,
        vec![
            DataTier {
                discount_amount: s("3"),
                min_order: s("29"),
                ..DataTier::default()
            },
            DataTier {
                discount_amount: s("8"),
                min_order: s("69"),
                ..DataTier::default()
            },
        ]
    );
    assert!(v.app_only);
    assert!(!v.new_users_only);
    assert_eq!(v.ends, Some(DataTime::Text("2026-06-30".into())));
}

#[test]
fn next_data_and_nuxt_style_blobs() {
    let p = fixture("state.html");
    let next = by_code(&p, "NEXT5");
    assert_eq!(next.origin, "script:#__NEXT_DATA__");
    assert_eq!(next.discount_percent, s("5"));
    assert_eq!(next.max_discount, s("20"));
    assert_eq!(next.currency, s("EUR"));
    assert_eq!(next.regions, vec!["DE".to_string(), "AT".to_string()]);
    assert!(next.free_shipping);
    // A JavaScript object literal (unquoted keys, single quotes, trailing commas).
    let nuxt = by_code(&p, "NUXT12");
    assert_eq!(nuxt.origin, "script:window.__NUXT__");
    assert_eq!(nuxt.discount_percent, s("12"));
    assert_eq!(nuxt.min_order, s("40"));
    // The cut-off state is skipped with a warning; its code is not invented.
    assert!(p.data.iter().all(|d| d.code.as_deref() != Some("LOST1")));
    assert!(p.warnings.contains(&"script_json_invalid".to_string()));
    // Document order: the runParams script comes first.
    let order: Vec<&str> = p.data.iter().map(|d| d.origin.as_str()).collect();
    assert_eq!(order.first(), Some(&"script:window.runParams"), "{order:?}");
}

#[test]
fn discount_type_decides_percent_or_amount() {
    let p = page(
        r#"<script>window.coupons = [
            {"code": "PCT10", "discountType": "PERCENTAGE", "value": 10, "minSpend": 50},
            {"code": "AMT10", "discountType": "fixed_amount", "value": "10.00", "minSpend": 50},
            {"code": "SHIP0", "couponType": "FREE_SHIPPING", "minSpend": 25},
            {"code": "CENT5", "discountAmountCents": 550, "minOrderCents": 2000}
        ];</script>"#,
    );
    assert_eq!(by_code(&p, "PCT10").discount_percent, s("10"));
    assert_eq!(by_code(&p, "PCT10").discount_amount, None);
    assert_eq!(by_code(&p, "AMT10").discount_amount, s("10.00"));
    assert!(by_code(&p, "SHIP0").free_shipping);
    assert_eq!(by_code(&p, "CENT5").discount_amount, s("5.5"));
    assert_eq!(by_code(&p, "CENT5").min_order, s("20"));
}

#[test]
fn a_bare_code_key_needs_voucher_context() {
    let p = page(
        r#"<script>window.api = {"code": "SUCCESS", "locale": {"code": "en_US"},
            "currency": {"code": "USD"}, "promo": {"code": "WELCOME5", "title": "5 off"}};</script>"#,
    );
    let codes: Vec<Option<&str>> = p.data.iter().map(|d| d.code.as_deref()).collect();
    assert_eq!(codes, vec![Some("WELCOME5")]);
}

#[test]
fn state_without_voucher_keys_is_not_parsed() {
    let items: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"productId":"{i}","title":"Item {i}","prices":{{"salePrice":{{"value":{i}.5}}}}}}"#))
        .collect();
    let html = format!(
        "<script>window.__INIT_STATE__={{\"items\":[{}]}};</script><p>x</p>",
        items.join(",")
    );
    let p = page(&html);
    assert!(p.data.is_empty());
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn the_same_voucher_in_two_sources_is_reported_once() {
    let p = page(
        r#"<script type="application/ld+json">{"@type":"Offer","couponCode":"TWICE","name":"5% off"}</script>
           <div itemscope itemtype="http://schema.org/Offer"><meta itemprop="couponCode" content="TWICE"><span itemprop="name">5% off</span></div>"#,
    );
    assert_eq!(p.data.len(), 1, "{:#?}", p.data);
    assert_eq!(p.data[0].origin, "json-ld");
}

#[test]
fn custom_key_dictionary() {
    let keys = DataKeys::parse(
        "[fields]\ncode = [\"magicWord\"]\ndiscount_percent = [\"rebajaPct\"]\n",
        "custom.toml",
    )
    .expect("valid dictionary");
    let opts = PageOptions {
        data_keys: Some(Arc::new(keys)),
        ..PageOptions::default()
    };
    let p = read(
        br#"<script>var s = {"deal": {"magicWord": "ABRA7", "rebajaPct": 7}};</script>"#,
        &opts,
    );
    assert_eq!(p.data.len(), 1);
    assert_eq!(p.data[0].code, s("ABRA7"));
    assert_eq!(p.data[0].discount_percent, s("7"));
    // The embedded dictionary does not know these keys.
    let p = page(r#"<script>var s = {"deal": {"magicWord": "ABRA7", "rebajaPct": 7}};</script>"#);
    assert!(p.data.is_empty());
}

#[test]
fn embedded_dictionary_loads() {
    let keys = DataKeys::embedded().expect("patterns/base/data_keys.toml is valid");
    assert!(keys.prefilter_hit("{\"couponCode\": 1}"));
    assert!(!keys.prefilter_hit("{\"productId\": 1}"));
}

#[test]
fn malformed_dictionary_errors_name_file_and_line() {
    let cases = [
        (
            "[fields]\ncode = [\"a\"]\n\nbogus_field = [\"x\"]\n",
            4,
            "unknown field",
        ),
        (
            "[fields]\ncode = [\"couponCode\"]\ntitle = [\n  \"name\",\n  \"coupon_code\",\n]\n",
            5,
            "already listed",
        ),
        ("[fields]\ncode = [\"a\"\n", 2, ""),
        (
            "[fields]\ncode = [\"a\"]\n[extra]\nx = 1\n",
            3,
            "unknown field",
        ),
        ("[fields]\ntitle = [\"name\"]\n", 1, "code"),
        (
            "[fields]\ncode = [\"a\"]\n[values]\npercent = [\"pct\"]\namount = [\"PCT\"]\n",
            5,
            "two meanings",
        ),
    ];
    for (text, line, needle) in cases {
        let err = DataKeys::parse(text, "data_keys.toml").expect_err(text);
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("data_keys.toml:{line}: ")),
            "{msg:?} for {text:?}"
        );
        assert!(msg.contains(needle), "{msg:?} lacks {needle:?}");
    }
}
