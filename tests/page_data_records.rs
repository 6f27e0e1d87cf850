//! Structured vouchers become record fields: script-state keys for
//! categories, exclusions, payment methods, stackable and days after claim;
//! tiers listed in the data; a discount object's own type; a description
//! read like page text; a JSON-LD seller that is not a store limit.

use chrono::NaiveDate;
use fineprint::lexicon::Lexicon;
use fineprint::page::{read, PageOptions};
use fineprint::record::{DiscountType, Record, ScopeKind};
use rust_decimal::Decimal;
use std::str::FromStr;

fn records(html: &str) -> Vec<Record> {
    let lex = Lexicon::load(None).unwrap();
    let page = read(html.as_bytes(), &PageOptions::default());
    let as_of = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
    fineprint::terms::extract(&lex, &page, as_of, None).1
}

fn by_code<'r>(rs: &'r [Record], code: &str) -> &'r Record {
    rs.iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no record {code} in {rs:#?}"))
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn script_state_lists_flags_and_nested_discount_types() {
    let rs = records(
        r#"<html lang="de"><body><p>Gutscheine</p><script>window.__STATE__ = {"coupons": [
        {"couponCode": "AUDIO12", "discount": {"type": "percentage", "value": 12},
         "categoryNames": ["Kopfhörer", "Lautsprecher"], "exclusions": "Restposten",
         "combinable": false, "paymentMethods": [{"name": "PayPal"}], "validDays": 14},
        {"couponCode": "SHIPFREE", "discount": {"type": "free_shipping"}, "minOrderAmount": 30,
         "currency": "EUR"},
        {"couponCode": "STUFE", "currency": "EUR",
         "tiers": [{"threshold": 200, "discount": 25}, {"threshold": 100, "discount": 10}]}
        ]};</script></body></html>"#,
    );
    let a = by_code(&rs, "AUDIO12");
    assert_eq!(a.tiers.len(), 1);
    assert_eq!(a.tiers[0].discount.kind, DiscountType::Percent);
    assert_eq!(a.tiers[0].discount.percent, Some(dec("12")));
    assert_eq!(a.scope.kind, Some(ScopeKind::Category));
    assert_eq!(a.scope.categories, ["Kopfhörer", "Lautsprecher"]);
    assert_eq!(a.scope.excluded, ["Restposten"]);
    assert_eq!(a.eligibility.payment_methods, ["PayPal"]);
    assert_eq!(a.stackable, Some(false));
    assert_eq!(a.validity.days_after_claim, Some(14));

    let f = by_code(&rs, "SHIPFREE");
    assert!(f.free_shipping);
    assert!(f.tiers.iter().all(|t| t.discount.percent.is_none()));

    let t = by_code(&rs, "STUFE");
    let tiers: Vec<(Decimal, Decimal)> = t
        .tiers
        .iter()
        .map(|t| {
            (
                t.discount.amount.as_ref().unwrap().amount,
                t.min_order.as_ref().unwrap().amount,
            )
        })
        .collect();
    assert_eq!(tiers, [(dec("10"), dec("100")), (dec("25"), dec("200"))]);
}

#[test]
fn a_description_is_read_like_page_text() {
    let rs = records(
        r#"<html lang="pt"><body><p>Ofertas da semana</p>
        <script type="application/ld+json">{"@context": "https://schema.org", "@type": "Offer",
        "name": "Cupom de 30% em rações", "description": "Use o cupom RACAO30 no carrinho. Válido uma vez por CPF. Não cumulativo com outras promoções.",
        "priceSpecification": {"@type": "UnitPriceSpecification", "price": 30, "unitText": "percent"},
        "seller": {"@type": "Organization", "name": "Pet Vila"}}</script></body></html>"#,
    );
    let r = by_code(&rs, "RACAO30");
    assert_eq!(r.usage.per_user, Some(1));
    assert_eq!(r.stackable, Some(false));
    assert_eq!(r.tiers[0].discount.percent, Some(dec("30")));
    // The shop selling the offer is not a store limit.
    assert!(r.scope.stores.is_empty(), "{:?}", r.scope);
    assert_ne!(r.scope.kind, Some(ScopeKind::Store));
    // The description's offsets are not page offsets: no evidence from it.
    assert!(r.evidence.iter().all(|e| e.field != "usage.per_user"));
}

#[test]
fn a_store_in_script_state_limits_the_voucher_and_regions_may_be_names() {
    let rs = records(
        r#"<html lang="en"><body><p>Shop coupons</p><script>window.runParams = {"sellerCoupons": [
        {"couponCode": "SHOP5", "discountAmount": 5, "minOrderAmount": 40, "currency": "USD",
         "storeName": "Lumen Official Store", "regions": ["Germany", "FR"]}]};</script></body></html>"#,
    );
    let r = by_code(&rs, "SHOP5");
    assert_eq!(r.scope.kind, Some(ScopeKind::Store));
    assert_eq!(r.scope.stores, ["Lumen Official Store"]);
    assert_eq!(r.eligibility.regions, ["DE", "FR"]);
}

#[test]
fn a_product_beside_the_coupons_lends_no_store_and_a_zero_minimum_is_none() {
    let rs = records(
        r#"<html lang="en"><body><p>Loading offers…</p><script id="__NEXT_DATA__" type="application/json">
        {"props": {"pageProps": {
          "product": {"id": "VK1", "title": "Aurion X9", "brand": "Aurion", "price": 74999, "mrp": 89999},
          "offers": {"coupons": [
            {"couponCode": "VOLT2500", "discountType": "FLAT", "discountAmount": 2500,
             "minOrderAmount": 50000, "currency": "INR"},
            {"couponCode": "FIRSTVOLT", "discountType": "PERCENT", "discountPercent": 5,
             "minOrderAmount": 0, "maxDiscount": 1500, "currency": "INR"}]}}}}
        </script></body></html>"#,
    );
    let volt = by_code(&rs, "VOLT2500");
    assert!(volt.scope.stores.is_empty(), "{:?}", volt.scope);
    assert_eq!(volt.scope.kind, None);
    assert_eq!(
        volt.tiers[0].min_order.as_ref().unwrap().amount,
        dec("50000")
    );
    let first = by_code(&rs, "FIRSTVOLT");
    assert_eq!(first.tiers[0].min_order, None);
    assert_eq!(
        first.tiers[0].max_discount.as_ref().unwrap().amount,
        dec("1500")
    );
}

#[test]
fn a_benefit_object_holding_tiers_and_a_cap_gives_them_to_its_coupon() {
    let rs = records(
        r#"<html lang="pt"><body><p>Cupons</p><script id="__NEXT_DATA__" type="application/json">
        {"props": {"coupons": [
        {"promoCode": "SEXTOU", "currency": "BRL", "minOrderAmount": 50,
         "benefit": {"type": "FIXED_TIERED", "maxDiscount": null,
                     "tiers": [{"minOrderAmount": 50, "value": 8}, {"minOrderAmount": 90, "value": 18}]}},
        {"promoCode": "VOLTA10", "currency": "BRL", "validDaysAfterClaim": 7,
         "benefit": {"type": "PERCENTAGE", "value": 10, "maxDiscount": 12}}]}}</script></body></html>"#,
    );
    assert_eq!(rs.len(), 2, "{rs:#?}");
    let t: Vec<(Decimal, Decimal)> = by_code(&rs, "SEXTOU")
        .tiers
        .iter()
        .map(|t| {
            (
                t.discount.amount.as_ref().unwrap().amount,
                t.min_order.as_ref().unwrap().amount,
            )
        })
        .collect();
    assert_eq!(t, [(dec("8"), dec("50")), (dec("18"), dec("90"))]);
    let v = by_code(&rs, "VOLTA10");
    assert_eq!(v.tiers[0].discount.kind, DiscountType::Percent);
    assert_eq!(v.tiers[0].max_discount.as_ref().unwrap().amount, dec("12"));
    assert_eq!(v.validity.days_after_claim, Some(7));
}

#[test]
fn excluded_category_names_in_script_state_are_exclusions() {
    let rs = records(
        r#"<html lang="ru"><body><p>Купоны</p><script>window.__INITIAL_STATE__ = {"coupons": {"list": [
        {"couponCode": "TEHNIKA12", "discountPercent": 12, "currency": "KZT",
         "categoryNames": ["Бытовая техника"], "excludedCategoryNames": ["Уценённые товары"]}]}};</script>
        </body></html>"#,
    );
    let r = by_code(&rs, "TEHNIKA12");
    assert_eq!(r.scope.categories, ["Бытовая техника"]);
    assert_eq!(r.scope.excluded, ["Уценённые товары"]);
}

#[test]
fn microdata_offers_hold_codes_caps_categories_and_free_delivery() {
    let rs = records(
        r#"<html lang="en"><body><main>
        <div itemscope itemtype="https://schema.org/Offer">
          <meta itemprop="identifier" content="BOARDS10">
          <p itemprop="name">10% off surfboards</p>
          <span itemprop="priceSpecification" itemscope itemtype="https://schema.org/UnitPriceSpecification">
            <meta itemprop="price" content="10"><meta itemprop="unitText" content="PERCENT">
            <meta itemprop="maxPrice" content="80.00"><meta itemprop="priceCurrency" content="AUD"></span>
          <meta itemprop="category" content="Surfboards">
          <meta itemprop="validThrough" content="2026-06-04T23:59:59+10:00">
        </div>
        <div itemscope itemtype="https://schema.org/Offer" hidden>
          <meta itemprop="identifier" content="SWELLSHIP">
          <meta itemprop="name" content="Free express shipping">
          <span itemprop="priceSpecification" itemscope itemtype="https://schema.org/DeliveryChargeSpecification">
            <meta itemprop="price" content="0.00"><meta itemprop="priceCurrency" content="AUD"></span>
          <meta itemprop="category" content="Promotion">
          <span itemprop="eligibleRegion" itemscope itemtype="https://schema.org/Country">
            <meta itemprop="name" content="Australia"><meta itemprop="identifier" content="AU"></span>
        </div>
        </main></body></html>"#,
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r.code.as_deref()).collect();
    // A country's identifier is no code.
    assert_eq!(codes, ["BOARDS10", "SWELLSHIP"], "{rs:#?}");
    let boards = by_code(&rs, "BOARDS10");
    assert_eq!(boards.tiers[0].discount.percent, Some(dec("10")));
    assert_eq!(
        boards.tiers[0].max_discount.as_ref().map(|m| m.amount),
        Some(dec("80"))
    );
    assert_eq!(boards.scope.categories, ["Surfboards"]);
    let ship = by_code(&rs, "SWELLSHIP");
    assert!(ship.free_shipping);
    // "Promotion" names the offer's kind, not what it applies to.
    assert!(ship.scope.categories.is_empty(), "{ship:#?}");
}

#[test]
fn a_data_voucher_that_ended_before_the_page_was_read_is_none() {
    let rs = records(
        r#"<html lang="en"><body><p>Coupons</p><script>window.__INITIAL_STATE__ = {"coupons": [
        {"code": "SPRING15", "discountPercent": 15, "endTime": "2026-06-30T23:59:00+01:00"},
        {"code": "WINTER25", "discountPercent": 25, "status": "EXPIRED",
         "endTime": "2026-02-28T23:59:00+00:00"}]};</script></body></html>"#,
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r.code.as_deref()).collect();
    assert_eq!(codes, ["SPRING15"], "{rs:#?}");
}
