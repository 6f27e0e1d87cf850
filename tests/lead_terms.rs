//! Term extraction per language: short hand-written voucher texts, each with
//! the fields it must yield. Independent of the corpus pages.

use chrono::NaiveDate;
use fineprint::extract::{Context, ExtractOptions, Extractor};
use fineprint::lexicon::Lexicon;
use serde_json::{json, Value};
use std::sync::Arc;

fn extract(lang: &str, body: &str) -> Vec<Value> {
    let html = format!("<html lang=\"{lang}\"><body><main>{body}</main></body></html>");
    extract_page(&html, NaiveDate::from_ymd_opt(2026, 5, 20).unwrap())
}

/// The records of a whole page, read on `as_of`.
fn extract_page(html: &str, as_of: NaiveDate) -> Vec<Value> {
    let ex = Extractor::new(
        Arc::new(Lexicon::load(None).unwrap()),
        ExtractOptions::default(),
    );
    let ctx = Context {
        url: None,
        file: None,
        fetched_at: None,
        as_of,
        http_charset: None,
    };
    ex.extract(html.as_bytes(), &ctx)
        .records
        .iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

fn at<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(v, |v, k| match k.parse::<usize>() {
        Ok(i) => &v[i],
        Err(_) => &v[k],
    })
}

/// `(amount off, minimum)` of each amount tier of a record.
fn amount_tiers(r: &Value) -> Vec<(&str, &str)> {
    r["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["discount"]["amount"]["amount"].as_str().unwrap(),
                t["min_order"]["amount"].as_str().unwrap(),
            )
        })
        .collect()
}

/// `(language, html body, [(field path, expected JSON)])`
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    ("en", "<h2>$5 off orders over $50</h2><p>Use code SAVE5NOW at checkout. Valid until May 31, 2026. Limit 1 per customer. Cannot be combined with other offers.</p>",
     &[("code", "\"SAVE5NOW\""), ("tiers.0.discount.amount.amount", "\"5\""), ("tiers.0.min_order.amount", "\"50\""),
       ("validity.ends", "\"2026-05-31\""), ("usage.per_user", "1"), ("stackable", "false")]),
    ("en", "<h2>15% off sitewide</h2><p>Code SPRING15. Max discount $30. New customers only. Ends June 15 at 11:59 PM PT.</p>",
     &[("tiers.0.discount.percent", "\"15\""), ("tiers.0.max_discount.amount", "\"30\""), ("scope.kind", "\"platform\""),
       ("eligibility.new_users_only", "true"), ("validity.ends", "\"2026-06-15T23:59:00-07:00\""), ("validity.time_zone", "\"America/Los_Angeles\"")]),
    ("es", "<h2>10 € de descuento a partir de 60 €</h2><p>Código: VERANO10. Válido hasta el 30 de junio de 2026. Un uso por cliente.</p>",
     &[("code", "\"VERANO10\""), ("tiers.0.discount.amount.amount", "\"10\""), ("tiers.0.min_order.amount", "\"60\""),
       ("tiers.0.min_order.currency", "\"EUR\""), ("validity.ends", "\"2026-06-30\"")]),
    ("pt", "<h2>R$ 20 OFF em compras acima de R$ 150</h2><p>Use o cupom FRETE20. Válido até 31/05/2026.</p>",
     &[("code", "\"FRETE20\""), ("tiers.0.discount.amount.currency", "\"BRL\""), ("tiers.0.min_order.amount", "\"150\""),
       ("validity.ends", "\"2026-05-31\"")]),
    ("fr", "<h2>-15 % dès 80 € d’achat</h2><p>Avec le code ETE15. Valable jusqu’au 30 juin 2026. Non cumulable avec d’autres offres.</p>",
     &[("code", "\"ETE15\""), ("tiers.0.discount.percent", "\"15\""), ("tiers.0.min_order.amount", "\"80\""),
       ("validity.ends", "\"2026-06-30\""), ("stackable", "false")]),
    ("de", "<h2>10 € Rabatt ab 50 € Bestellwert</h2><p>Gutscheincode: HERBST10. Gültig bis 31.10.2026. Nicht mit anderen Gutscheinen kombinierbar.</p>",
     &[("code", "\"HERBST10\""), ("tiers.0.discount.amount.amount", "\"10\""), ("tiers.0.min_order.amount", "\"50\""),
       ("validity.ends", "\"2026-10-31\""), ("stackable", "false")]),
    ("it", "<h2>Sconto del 20% con una spesa minima di 100 €</h2><p>Codice: ESTATE20. Valido fino al 15/07/2026. Solo per i nuovi clienti.</p>",
     &[("code", "\"ESTATE20\""), ("tiers.0.discount.percent", "\"20\""), ("tiers.0.min_order.amount", "\"100\""),
       ("validity.ends", "\"2026-07-15\""), ("eligibility.new_users_only", "true")]),
    ("ru", "<h2>Скидка 500 ₽ при заказе от 3 000 ₽</h2><p>Промокод: LETO500. Действует до 31 июля 2026 г. Только в мобильном приложении.</p>",
     &[("code", "\"LETO500\""), ("tiers.0.discount.amount.amount", "\"500\""), ("tiers.0.discount.amount.currency", "\"RUB\""),
       ("tiers.0.min_order.amount", "\"3000\""), ("validity.ends", "\"2026-07-31\""), ("eligibility.app_only", "true")]),
    ("ar", "<h2>خصم 50 ريال على الطلبات فوق 300 ريال</h2><p>استخدم الكود SAVE50. صالح حتى 31 مايو 2026.</p>",
     &[("code", "\"SAVE50\""), ("tiers.0.discount.amount.amount", "\"50\""), ("tiers.0.discount.amount.currency", "\"SAR\""),
       ("tiers.0.min_order.amount", "\"300\""), ("validity.ends", "\"2026-05-31\"")]),
];

#[test]
fn each_language_reads_its_voucher_terms() {
    let mut failures = Vec::new();
    for (lang, body, expect) in CASES {
        let records = extract(lang, body);
        let Some(r) = records.first() else {
            failures.push(format!("{lang}: no record from {body}"));
            continue;
        };
        assert_eq!(r["language"], *lang);
        for (path, want) in *expect {
            let want: Value = serde_json::from_str(want).unwrap();
            let got = at(r, path);
            if *got != want {
                failures.push(format!("{lang}: {path}: expected {want}, got {got}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_listing_gives_one_record_per_code_and_terms_do_not_leak() {
    let body = r#"<div class="coupon-card"><h3>10% off shoes</h3><p>Valid on Shoes. Expires 06/30/2026.</p><div class="code">SHOES10 Copy</div></div>
<div class="coupon-card"><h3>$20 off orders over $100</h3><p>Excludes gift cards.</p><div class="code">BIG20 Copy</div></div>"#;
    let records = extract("en", body);
    assert_eq!(records.len(), 2, "{records:#?}");
    assert_eq!(records[0]["code"], "SHOES10");
    assert_eq!(records[0]["scope"]["categories"][0], "Shoes");
    assert_eq!(records[0]["scope"]["excluded"].as_array().unwrap().len(), 0);
    assert_eq!(records[1]["code"], "BIG20");
    assert_eq!(records[1]["tiers"][0]["min_order"]["amount"], "100");
    assert_eq!(records[1]["validity"]["ends"], Value::Null);
    assert_eq!(records[1]["scope"]["excluded"][0], "gift cards");
}

#[test]
fn distractors_make_no_voucher() {
    let body = "<h1>Noise Cancelling Headphones</h1><p>$199.00 Was $279.99</p><p>Sale: up to 70% off selected lines!</p>\
                <p>Free shipping on orders over $35.</p><p>4.6 out of 5 (1,284 reviews). Call 1-800-555-0199. Order #4471.</p>";
    assert!(extract("en", body).is_empty());
}

#[test]
fn worked_examples_are_not_tiers() {
    let body = "<h2>£5 off every £50 you spend</h2><p>Code EVERY5. Up to £20 off. Example: spend £120 and save £10.</p>";
    let r = &extract("en", body)[0];
    let tiers = r["tiers"].as_array().unwrap();
    assert_eq!(tiers.len(), 1, "{tiers:?}");
    assert_eq!(tiers[0]["recurring"], true);
    assert_eq!(tiers[0]["min_order"]["amount"], "50");
    assert_eq!(tiers[0]["max_discount"]["amount"], "20");
}

fn codes(lang: &str, body: &str) -> Vec<String> {
    extract(lang, body)
        .iter()
        .filter_map(|r| r["code"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn codes_in_named_code_boxes_and_chips_with_buttons() {
    // A box the page names as a code box holds a code without digits.
    assert_eq!(
        codes(
            "fr",
            "<p>Code promo :</p><span class=\"code\">AUTOMNE</span><p>10 % sur tout le site.</p>"
        ),
        ["AUTOMNE"]
    );
    assert_eq!(
        codes(
            "fr",
            "<div class=\"coupon\"><p>15 € dès 100 €</p><span class=\"coupon-code\">PALIERS</span><span>Utilisé 87 fois</span></div>\
             <div class=\"coupon\"><p>5 € dès 40 €</p><span class=\"coupon-code\">ALTI10</span></div>"
        ),
        ["PALIERS", "ALTI10"]
    );
    // A copy button's words beside a chip, capitalized or in Arabic.
    assert_eq!(
        codes(
            "es",
            "<div class=\"cupon\"><p>10 % en la app</p><p><code>APPCUMBRE</code> <span>Copiar código</span></p></div>"
        ),
        ["APPCUMBRE"]
    );
    assert_eq!(
        codes(
            "ar",
            "<div class=\"coupon\"><p>خصم 35%</p><p>WARD35 نسخ</p></div>"
        ),
        ["WARD35"]
    );
    // A copy button is not a code box, and a spec value is not a chip.
    assert!(codes(
        "en",
        "<p>20% off sitewide</p><button class=\"copy-code\">REVEAL</button>"
    )
    .is_empty());
    assert!(codes(
        "pt",
        "<table><tr><td>Potência</td><td>1700 W</td></tr></table><p>10% de desconto no Pix</p>"
    )
    .is_empty());
    // A chip of letters alone, right before its "Copy code" button; a badge
    // of letters elsewhere and a date before a button are not codes.
    assert_eq!(
        codes(
            "en",
            "<div><h3>15% off tents</h3><p class=\"badge\">EXCLUSIVE</p></div>\
             <div><div class=\"code-btn\">FIRSTCAMP</div><button>Copy code &amp; open site</button></div>\
             <div><div>2026-07-15</div><button>Copy code</button></div>"
        ),
        ["FIRSTCAMP"]
    );
}

#[test]
fn tier_lists_without_a_discount_word() {
    let rs = extract(
        "de",
        "<div class=\"coupon\"><h3>Staffelaktion</h3><p>Code: ZWEI</p>\
         <p>10 € ab 100 €, 25 € ab 200 €. Gültig bis 29.03.2027.</p></div>",
    );
    let r = rs.iter().find(|r| r["code"] == "ZWEI").expect("ZWEI");
    let tiers: Vec<(String, String)> = r["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["discount"]["amount"]["amount"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                t["min_order"]["amount"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        tiers,
        [("10".into(), "100".into()), ("25".into(), "200".into())]
    );
    // A shipping fee with its free-shipping threshold is not a tier.
    let rs = extract(
        "de",
        "<p>Code: ZWEI</p><p>Paketversand 5,95 € ab 150 € kostenlos.</p>",
    );
    assert!(
        rs.iter().all(|r| r["tiers"].as_array().unwrap().is_empty()),
        "{rs:?}"
    );
}

#[test]
fn footnotes_go_to_the_voucher_that_carries_their_marker() {
    let rs = extract(
        "de",
        "<h1>20 % auf alles*</h1><p>Code: HERZ20</p>\
         <h2>10 % auf Taschen**</h2><p>Code TASCHE10 im Warenkorb eingeben.</p>\
         <p>* Gültig bis 14.06.2026 ab 50 € Bestellwert. Nicht mit anderen Aktionen kombinierbar.</p>\
         <p>** Gültig bis 30.06.2026.</p>",
    );
    let herz = rs.iter().find(|r| r["code"] == "HERZ20").expect("HERZ20");
    let tasche = rs
        .iter()
        .find(|r| r["code"] == "TASCHE10")
        .expect("TASCHE10");
    assert_eq!(herz["tiers"][0]["min_order"]["amount"], "50");
    assert_eq!(herz["stackable"], false);
    assert_eq!(herz["validity"]["ends"], "2026-06-14");
    assert!(tasche["tiers"][0]["min_order"].is_null(), "{tasche}");
    assert!(tasche["stackable"].is_null(), "{tasche}");
    assert_eq!(tasche["validity"]["ends"], "2026-06-30");
}

#[test]
fn product_tiles_and_a_shop_bar_lend_no_terms() {
    let rs = extract(
        "en",
        "<div>Free metro delivery on orders over $150 · Afterpay available</div>\
         <h1>$40 off when you spend $250</h1><p>Use code WARMUP40 at checkout.</p>\
         <div class=\"product-card\"><h3>Linen Quilt Cover</h3><p>$279.00 $223.20</p><p>Save 20%</p></div>",
    );
    assert_eq!(rs.len(), 1, "{rs:?}");
    assert_eq!(rs[0]["tiers"].as_array().unwrap().len(), 1, "{rs:?}");
    assert_eq!(rs[0]["tiers"][0]["min_order"]["amount"], "250");
}

#[test]
fn titles_stop_at_the_code_and_tier_lists_take_their_heading() {
    let rs = extract(
        "en",
        "<h2>£5 off every £50 you spend on wine with code WINE5. Terms apply</h2>",
    );
    assert_eq!(rs[0]["title"], "£5 off every £50 you spend on wine");
    let rs = extract(
        "en",
        "<div class=\"coupon\"><h3>Up to $12 Off Your Order</h3>\
         <p>$5 off orders of $40+ or $12 off orders of $80+.</p><p>Code: SPRING12</p></div>\
         <div class=\"coupon\"><h3>15% off dog food</h3><p>Code: DOG15</p></div>",
    );
    let r = rs
        .iter()
        .find(|r| r["code"] == "SPRING12")
        .expect("SPRING12");
    assert_eq!(r["title"], "Up to $12 Off Your Order");
    assert_eq!(r["tiers"].as_array().unwrap().len(), 2);
}

#[test]
fn label_rows_give_their_value_cell_the_label_meaning() {
    let rs = extract(
        "en",
        "<h1>25% Off Skincare</h1><table>\
         <tr><th>Offer</th><td>25% off</td></tr>\
         <tr><th>Promo code</th><td>GLOW25</td></tr>\
         <tr><th>Applies to</th><td>Skincare and Fragrance</td></tr>\
         <tr><th>Excludes</th><td>Gift sets, sale items and Maison Verre</td></tr>\
         <tr><th>Minimum purchase</th><td>$40</td></tr>\
         <tr><th>Maximum discount</th><td>$50</td></tr>\
         <tr><th>In the box</th><td>Travel pouch</td></tr></table>",
    );
    let r = rs.iter().find(|r| r["code"] == "GLOW25").expect("GLOW25");
    let categories = at(r, "scope.categories").as_array().unwrap();
    assert_eq!(categories[..2], [json!("Skincare"), json!("Fragrance")]);
    // "In the box" is not a label whose cue ends it: its value is not a category.
    assert!(!categories.contains(&json!("Travel pouch")));
    assert_eq!(
        at(r, "scope.excluded"),
        &json!(["Gift sets", "sale items", "Maison Verre"])
    );
    assert_eq!(r["tiers"][0]["min_order"]["amount"], "40");
    assert_eq!(r["tiers"][0]["max_discount"]["amount"], "50");
    // A value holding a cue word of its own ("cards") is still a value.
    let rs = extract(
        "en",
        "<h2>$5 off</h2><p>Code SAVE5</p><table><tr><td>Excludes</td><td>Gift cards</td></tr></table>",
    );
    assert_eq!(at(&rs[0], "scope.excluded"), &json!(["Gift cards"]));
    // A value cell with its own cues keeps them: the range is read whole.
    let rs = extract(
        "es",
        "<table><tr><td>Código</td><td>SOL20</td></tr><tr><td>Descuento</td><td>20 %</td></tr>\
         <tr><td>Vigencia</td><td>Del 22/05/2027 hasta el 05/06/2027</td></tr></table>",
    );
    let r = rs.iter().find(|r| r["code"] == "SOL20").expect("SOL20");
    assert_eq!(at(r, "validity.starts"), "2027-05-22");
    assert_eq!(at(r, "validity.ends"), "2027-06-05");
}

#[test]
fn a_bare_tier_pair_in_a_free_shipping_clause_is_read_once() {
    // Reading "4,95 € ab 30 €" asked whether its clause is a shipping
    // clause, which read the clause's tiers again: endless recursion.
    let rs = extract(
        "de",
        "<p>Mit dem Code LIEFERFREI versandkostenfrei: sonst 4,95 € ab 30 € Bestellwert.</p>",
    );
    let r = rs
        .iter()
        .find(|r| r["code"] == "LIEFERFREI")
        .expect("LIEFERFREI");
    assert_eq!(r["free_shipping"], true);
    assert_eq!(r["tiers"], json!([]));
}

#[test]
fn a_table_alternating_title_and_code_rows_gives_one_voucher_per_pair() {
    let rows = [
        (
            "10 % de descuento en herramientas",
            "Código: “BRICO10”. Compra mínima: 49,95 €.",
        ),
        (
            "5 € de regalo en tu 1ª compra",
            "Código: “PRIMERA5”. En pedidos superiores a 40 €.",
        ),
        (
            "15 % en jardín y riego",
            "Código: ‘JARDIN15’. Válido hasta el 15 de marzo de 2027.",
        ),
    ];
    let body: String = rows
        .iter()
        .map(|(t, c)| format!("<tr><td><b>{t}</b></td></tr><tr><td>{c}</td></tr>"))
        .collect();
    let rs = extract("es", &format!("<table>{body}</table>"));
    let got: Vec<(&str, &str)> = rs
        .iter()
        .map(|r| (r["code"].as_str().unwrap(), r["title"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("BRICO10", rows[0].0),
            ("PRIMERA5", rows[1].0),
            ("JARDIN15", rows[2].0)
        ]
    );
    assert_eq!(rs[1]["tiers"][0]["discount"]["amount"]["amount"], "5");
    assert_eq!(rs[1]["tiers"][0]["min_order"]["amount"], "40");
}

#[test]
fn codes_right_under_their_headlines_take_the_terms_that_follow() {
    let rs = extract(
        "ar",
        "<p><b>خصم 200 ريال عند الدفع عبر STC Pay</b></p><p>كود الخصم: NOOR200</p>\
         <ul><li>الخصم 200 ريال على المشتريات بقيمة 2000 ريال فأكثر.</li>\
         <li>لا يمكن الجمع بين هذا العرض وأي عرض آخر.</li></ul>\
         <p><b>خصم 7% على المكيفات</b></p><p>كود الخصم: COOL7</p>\
         <ul><li>يُستخدم الكود مرتين لكل عميل.</li></ul>",
    );
    let noor = rs.iter().find(|r| r["code"] == "NOOR200").expect("NOOR200");
    assert_eq!(noor["tiers"][0]["min_order"]["amount"], "2000");
    assert_eq!(noor["stackable"], false);
    let cool = rs.iter().find(|r| r["code"] == "COOL7").expect("COOL7");
    assert_eq!(cool["tiers"].as_array().unwrap().len(), 1);
    assert_eq!(cool["usage"]["per_user"], 2);
    assert_eq!(cool["stackable"], Value::Null);
}

#[test]
fn a_code_table_keeps_rows_without_a_discount_word_and_its_no_code_deal() {
    let rs = extract(
        "it",
        "<table><tr><th>Offerta</th><th>Codice</th><th>Condizioni</th></tr>\
         <tr><td>10% su tutto il catalogo</td><td>TECNO10</td><td>Spesa minima 99 €.</td></tr>\
         <tr><td>15 € di sconto sul primo ordine</td><td>PRIMO15</td><td>Un utilizzo per cliente.</td></tr>\
         <tr><td>Sconto automatico del 20% sugli accessori audio</td><td>Nessun codice necessario</td>\
         <td>Lo sconto si applica automaticamente nel carrello.</td></tr>\
         <tr><td>10 € nel negozio di Milano</td><td>NEGOZIOMI</td>\
         <td>Valido solo nel punto vendita di Milano, spesa minima 80 €.</td></tr></table>",
    );
    let got: Vec<(Value, Value)> = rs
        .iter()
        .map(|r| (r["code"].clone(), r["auto_applied"].clone()))
        .collect();
    assert_eq!(
        got,
        [
            (json!("TECNO10"), json!(false)),
            (json!("PRIMO15"), json!(false)),
            (Value::Null, json!(true)),
            (json!("NEGOZIOMI"), json!(false)),
        ]
    );
    assert_eq!(rs[0]["tiers"][0]["discount"]["percent"], "10");
    assert_eq!(rs[0]["tiers"][0]["min_order"]["amount"], "99");
    assert_eq!(rs[2]["tiers"][0]["discount"]["percent"], "20");
    assert_eq!(rs[3]["tiers"][0]["min_order"]["amount"], "80");
}

#[test]
fn a_page_saying_it_has_no_voucher_turns_its_savings_into_prices() {
    // "Nessun codice" alone reads as "no code needed"; the longer phrase
    // says there is no code at all.
    let rs = extract(
        "it",
        "<h1>TV QLED 65\"</h1><p>1.299,00 € <s>1.599,00 €</s></p><p>Risparmi 300,00 € (-19%) fino al 9 luglio, \
         solo 4 pezzi disponibili.</p><p>Nessun codice sconto disponibile al momento per questo prodotto.</p>",
    );
    assert!(rs.is_empty(), "{rs:#?}");
    // A deal that needs no code still counts on such a page.
    let rs = extract(
        "en",
        "<h2>No working codes right now</h2><p>Our last code stopped working in March.</p>\
         <h3>Summer sale: 20% off all rugs</h3><p>No code needed, discount applied automatically at checkout. Ends June 30, 2026.</p>",
    );
    assert_eq!(rs.len(), 1, "{rs:#?}");
    assert_eq!(rs[0]["auto_applied"], true);
    assert_eq!(rs[0]["tiers"][0]["discount"]["percent"], "20");
}

#[test]
fn terms_stating_the_hero_dates_more_precisely_win_and_share_the_zone() {
    let rs = extract(
        "fr",
        "<h1>-10 € dès 60 € avec le code PAPA26</h1><p>Du 8 au 21 juin</p>\
         <div hidden><p>Offre valable du lundi 8 juin 2026 à 00h01 au dimanche 21 juin 2026 à 23h59 \
         (heure de Paris).</p></div>",
    );
    let r = rs.iter().find(|r| r["code"] == "PAPA26").expect("PAPA26");
    assert_eq!(at(r, "validity.starts"), "2026-06-08T00:01:00+02:00");
    assert_eq!(at(r, "validity.ends"), "2026-06-21T23:59:00+02:00");
    assert_eq!(at(r, "validity.time_zone"), "Europe/Paris");
}

#[test]
fn a_cell_holding_only_a_value_is_no_headline() {
    let rs = extract(
        "de",
        "<table><tr><th>Händler</th><th>Rabatt</th><th>Code</th></tr>\
         <tr><td>Lindner Leder</td><td>10 %</td><td>LINDNER10</td></tr>\
         <tr><td>Teehaus Hagen</td><td>15 € für Neukunden</td><td>HAGEN15</td></tr></table>",
    );
    let titles: Vec<&Value> = rs.iter().map(|r| &r["title"]).collect();
    assert_eq!(titles, [&Value::Null, &json!("15 € für Neukunden")]);
}

#[test]
fn a_hero_naming_the_best_tier_is_the_headline_and_a_sale_banner_is_not() {
    let rs = extract(
        "en",
        "<h2>End of Season Sale – up to 50% off</h2>\
         <p>Free delivery over $49 · Free returns · Pay in 4</p>\
         <h1>Up to $400 off mattresses</h1>\
         <p>Get $100 off orders of $999 or more, $250 off $1,999 or more, or $400 off $2,999 or more \
         with promo code RESTWELL.</p>",
    );
    let r = rs
        .iter()
        .find(|r| r["code"] == "RESTWELL")
        .expect("RESTWELL");
    assert_eq!(r["title"], "Up to $400 off mattresses");
    assert_eq!(r["tiers"].as_array().unwrap().len(), 3);
}

#[test]
fn a_conjunction_glued_to_the_next_name_splits_the_list() {
    let rs = extract(
        "ar",
        "<h2>خصم 20% على كل المتجر</h2><p>استخدم الكود WATAN20. لا يشمل بطاقات الهدايا والعطور الفاخرة.</p>",
    );
    let r = rs.iter().find(|r| r["code"] == "WATAN20").expect("WATAN20");
    assert_eq!(
        at(r, "scope.excluded"),
        &json!(["بطاقات الهدايا", "العطور الفاخرة"])
    );
}

#[test]
fn in_the_app_or_in_the_box_names_no_category() {
    let rs = extract(
        "en",
        "<div class=\"coupon\"><h3>$5 off in the Brightwire app</h3><p>Code APP5. App only. \
         Includes everything in the box.</p></div>",
    );
    let r = rs.iter().find(|r| r["code"] == "APP5").expect("APP5");
    assert_eq!(at(r, "scope.categories"), &json!([]));
    assert_eq!(r["eligibility"]["app_only"], true);
}

#[test]
fn a_tier_table_pairs_each_row_minimum_with_its_discount() {
    let rs = extract(
        "en",
        "<h2>Festive coupon: save up to ₹5,000</h2><p>Use code VOLTFEST at checkout.</p>\
         <table><tr><th>Cart value</th><th>Coupon discount</th></tr>\
         <tr><td>₹4,999 – ₹14,998</td><td>₹500 off</td></tr>\
         <tr><td>₹14,999 – ₹99,999</td><td>₹1,500 off</td></tr>\
         <tr><td>₹1,00,000 and above</td><td>₹5,000 off</td></tr></table>",
    );
    let r = rs
        .iter()
        .find(|r| r["code"] == "VOLTFEST")
        .expect("VOLTFEST");
    let tiers = amount_tiers(r);
    assert_eq!(
        tiers,
        [("500", "4999"), ("1500", "14999"), ("5000", "100000")]
    );
}

#[test]
fn an_arabic_cue_after_a_glued_and_still_counts() {
    let rs = extract(
        "ar",
        "<h2>خصم 50 ر.س على الطلبات فوق 300 ر.س</h2><p>استخدم الكود WATAN50.</p>\
         <p>يبدأ العرض يوم 18 سبتمبر 2026 الساعة 00:00 وينتهي يوم 24 سبتمبر 2026 الساعة 23:59 بتوقيت الرياض.</p>",
    );
    let r = rs.iter().find(|r| r["code"] == "WATAN50").expect("WATAN50");
    assert_eq!(at(r, "validity.starts"), "2026-09-18T00:00:00+03:00");
    assert_eq!(at(r, "validity.ends"), "2026-09-24T23:59:00+03:00");
}

#[test]
fn a_bare_chip_right_under_its_offer_heading_is_the_code() {
    let page = "<section><h2>5% extra pagando con Satispay</h2><span>SATISPAY5</span>\
         <p>Sconto massimo: 50 €</p></section>\
         <section><h2>20 € con le carte Visa e Mastercard</h2><span>CARTA20</span>\
         <p>Spesa minima: 200 €</p></section>\
         <section><h2>Spedizione gratuita con PostePay</h2><span>POSTEPAYFREE</span>\
         <p>Valido fino al 10 gennaio</p></section>\
         <section><h2>Smart TV 65 pollici</h2><span>QLED</span><p>1.199 €</p></section>";
    // A chip of letters alone is not read there: it could be a badge.
    assert_eq!(codes("it", page), ["SATISPAY5", "CARTA20"]);
}

#[test]
fn a_category_capture_naming_a_shop_is_a_store() {
    let rs = extract(
        "en",
        "<h2>12% off</h2><p>Use code VEDA12. Valid on all Veda Kitchen Official Store products.</p>",
    );
    let r = rs.iter().find(|r| r["code"] == "VEDA12").expect("VEDA12");
    assert_eq!(at(r, "scope.kind"), "store");
    assert_eq!(
        at(r, "scope.stores"),
        &json!(["Veda Kitchen Official Store"])
    );
    let rs = extract(
        "pt",
        "<h2>25% OFF</h2><p>Cupom JASMIM25: válido apenas na loja Atelier Jasmim.</p>",
    );
    let r = rs
        .iter()
        .find(|r| r["code"] == "JASMIM25")
        .expect("JASMIM25");
    assert_eq!(at(r, "scope.stores"), &json!(["Atelier Jasmim"]));
}

#[test]
fn codes_named_in_newsletter_prose_are_read_each_with_its_paragraph() {
    let page = "<h2>This month's codes</h2>\
         <p>Use code SOWSEEDS for 15% off all seeds until 30 May.</p>\
         <p>Spend £60 or more on tools and take £10 off with DIGIN10. One per customer.</p>\
         <p>New here? FIRSTFROND gives first-time customers 20% off their first order.</p>\
         <h2>From the nursery</h2><p>Tubers are £4.95 each or 3 for £12.</p>";
    let rs = extract("en", page);
    let codes: Vec<&str> = rs.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SOWSEEDS", "DIGIN10", "FIRSTFROND"]);
    assert_eq!(at(&rs[0], "tiers.0.discount.percent"), "15");
    assert_eq!(at(&rs[1], "tiers.0.discount.amount.amount"), "10");
    assert_eq!(at(&rs[1], "tiers.0.min_order.amount"), "60");
    assert_eq!(at(&rs[1], "usage.per_user"), 1);
    assert_eq!(at(&rs[2], "eligibility.new_users_only"), true);
    // The section after the codes is none of theirs.
    assert_eq!(rs[2]["tiers"].as_array().unwrap().len(), 1);
}

#[test]
fn capitals_in_prose_are_not_codes_without_a_discount_or_other_codes() {
    // A model number beside no discount, a shout, and a brand alone on a
    // page printing no code.
    let page = "<p>The new RX500 mower is in store now.</p>\
         <p>BIG SUMMER SALE: everything 20% off this week.</p>\
         <p>Our partner GREENWAY gives members 10% off.</p>";
    assert!(extract("en", page).iter().all(|r| r["code"].is_null()));
}

#[test]
fn a_footnote_repeating_a_code_states_that_vouchers_terms() {
    let page = "<h2>CHF 20.- geschenkt*</h2><p>Geben Sie den Code HERBST20 ein.</p>\
         <h2>10% auf Schaumweine</h2><p>Mit dem Code PRICKELND erhalten Sie 10% Rabatt.</p>\
         <p>* Gutschein HERBST20: CHF 20.- Rabatt ab einem Einkaufswert von CHF 150.-.</p>";
    let rs = extract("de", page);
    let r = rs
        .iter()
        .find(|r| r["code"] == "HERBST20")
        .expect("HERBST20");
    assert_eq!(at(r, "tiers.0.min_order.amount"), "150");
    let r = rs
        .iter()
        .find(|r| r["code"] == "PRICKELND")
        .expect("PRICKELND");
    assert_eq!(r["tiers"].as_array().unwrap().len(), 1);
}

#[test]
fn a_bare_amount_under_a_discount_header_is_that_rows_discount() {
    let rs = extract(
        "pt",
        "<h2>Cupom progressivo</h2><p>Use o código JACA26 no carrinho.</p>\
         <table><tr><th>Compra mínima</th><th>Desconto</th></tr>\
         <tr><td>R$ 150,00</td><td>R$ 15,00</td></tr>\
         <tr><td>R$ 300,00</td><td>R$ 40,00</td></tr></table>",
    );
    let r = rs.iter().find(|r| r["code"] == "JACA26").expect("JACA26");
    let tiers = amount_tiers(r);
    assert_eq!(tiers, [("15", "150"), ("40", "300")]);
}

#[test]
fn a_chip_under_a_code_label_and_a_zone_stated_once_for_the_page() {
    let page = "<p>Todos los horarios se expresan en hora oficial argentina (ART).</p>\
         <div class=\"cupon\"><h3>Envío gratis desde $ 15.000</h3><dl>\
         <dt>Código</dt><dd><kbd>ENVIOFERIA</kbd></dd>\
         <dt>Vigencia</dt><dd>Hasta el 20/09 a las 23:59 hs</dd></dl></div>\
         <div class=\"cupon\"><h3>20% OFF en Moda</h3><dl>\
         <dt>Código</dt><dd><kbd>MODA20</kbd></dd></dl></div>";
    let rs = extract("es", page);
    let r = rs
        .iter()
        .find(|r| r["code"] == "ENVIOFERIA")
        .expect("ENVIOFERIA");
    assert_eq!(at(r, "validity.ends"), "2026-09-20T23:59:00-03:00");
    assert_eq!(
        at(r, "validity.time_zone"),
        "America/Argentina/Buenos_Aires"
    );
    // A word that spells a zone abbreviation is not a zone statement.
    let rs = extract(
        "de",
        "<p>Diese Art von Gutschein gilt online.</p><h3>10 % Rabatt</h3>\
         <p>Code HERBST10, gültig bis 30.09.2026 um 23:59 Uhr.</p>",
    );
    assert_eq!(at(&rs[0], "validity.ends"), "2026-09-30T23:59:00");
    assert!(rs[0]["validity"]["time_zone"].is_null());
}

#[test]
fn codes_each_under_a_heading_of_their_own_take_it_as_title() {
    let page = "<h2>Willkommen im Teehaus</h2>\
         <p>Sie bestellen zum ersten Mal bei uns? Dann erhalten Sie mit dem Code GRUENERSTER 10 % auf \
         Ihre erste Bestellung, ganz ohne Mindestbestellwert. Der Code gilt nur für Neukunden.</p>\
         <h2>Tee-Grüße über die Grenze</h2>\
         <p>Mit dem Code WELTTEE verschicken wir Ihre Bestellung bis 31.12.2026 versandkostenfrei \
         nach Österreich und in die Schweiz. Gilt nur für Lieferadressen in diesen Ländern.</p>";
    let rs = extract("de", page);
    let titles: Vec<&str> = rs
        .iter()
        .map(|r| r["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        titles,
        ["Willkommen im Teehaus", "Tee-Grüße über die Grenze"]
    );
    // One heading over several codes names none of them.
    let page = "<h2>This month's codes</h2>\
         <p>Use code SOWSEEDS for 15% off all seeds.</p>\
         <p>Take £10 off tools with DIGIN10 when you spend £60.</p>";
    let rs = extract("en", page);
    assert_eq!(rs.len(), 2);
    assert!(rs.iter().all(|r| r["title"] != "This month's codes"));
}

#[test]
fn a_tier_table_header_with_one_cue_label_still_heads_its_columns() {
    for header in [
        "<th>Bestellwert</th><th>Ihr Rabatt</th>",
        "<th>Mindestbestellwert</th><th>Ihr Rabatt</th>",
    ] {
        let rs = extract(
            "de",
            &format!(
                "<h2>Staffel</h2><p>Je mehr Tee, desto größer der Nachlass – mit dem Code TEEZEIT:</p>\
                 <table><tr>{header}</tr><tr><td>ab 30,00 €</td><td>3,00 €</td></tr>\
                 <tr><td>ab 60,00 €</td><td>7,00 €</td></tr></table>"
            ),
        );
        let r = rs.iter().find(|r| r["code"] == "TEEZEIT").expect("TEEZEIT");
        let tiers = amount_tiers(r);
        assert_eq!(tiers, [("3", "30"), ("7", "60")], "{header}");
    }
}

#[test]
fn one_cap_stated_once_caps_every_percent_tier_but_a_price_bound_does_not() {
    let rs = extract(
        "en",
        "<h2>Black Friday</h2><p>Promo code VOLTBF26 takes 10% off orders of $250 or more, 15% off \
         orders of $600 or more, or 20% off orders of $1,200 or more. Maximum discount of $300 per order.</p>",
    );
    let caps: Vec<&str> = rs[0]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["max_discount"]["amount"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(caps, ["300", "300", "300"]);
    let rs = extract(
        "ru",
        "<h2>Чёрная пятница</h2><p>Промокод BF2026: скидка 5% от 10 000 ₽, 10% от 30 000 ₽.</p>\
         <h3>Подборки</h3><ul><li>Топ-10 пылесосов до 20 000 рублей</li></ul>",
    );
    assert!(rs[0]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["max_discount"].is_null()));
}

#[test]
fn a_shop_named_after_or_before_its_store_word_is_a_store() {
    let rs = extract(
        "de",
        "<h3>25 % auf Leuchten</h3><p>Code LICHT25. Gilt nur für Artikel des Marktplatz-Händlers Lichtblick Leuchten.</p>",
    );
    let r = rs.iter().find(|r| r["code"] == "LICHT25").expect("LICHT25");
    assert_eq!(at(r, "scope.stores"), &json!(["Lichtblick Leuchten"]));
    let rs = extract(
        "it",
        "<h3>40 € di sconto</h3><p>Codice CASA40, valido sugli acquisti da ElettroCasa Store.</p>",
    );
    let r = rs.iter().find(|r| r["code"] == "CASA40").expect("CASA40");
    assert_eq!(at(r, "scope.stores"), &json!(["ElettroCasa Store"]));
}

#[test]
fn two_codes_in_one_paragraph_each_keep_their_own_sentences() {
    let rs = extract(
        "it",
        "<h2>Le novità di ottobre</h2><p>Con il codice PELLE15 avete il 15% di sconto sulla linea \
         Idratazione Profonda, con una spesa minima di 30 €. Chi paga con Scalapay può invece usare \
         SCALA10 per il 10% su tutto il sito, fino a un massimo di 25 €.</p>",
    );
    let codes: Vec<&str> = rs.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["PELLE15", "SCALA10"]);
    assert_eq!(rs[0]["tiers"].as_array().unwrap().len(), 1);
    assert_eq!(at(&rs[0], "tiers.0.discount.percent"), "15");
    assert_eq!(at(&rs[0], "tiers.0.min_order.amount"), "30");
    assert!(rs[0]["eligibility"]["payment_methods"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(at(&rs[1], "tiers.0.discount.percent"), "10");
    assert_eq!(at(&rs[1], "tiers.0.max_discount.amount"), "25");
    assert_eq!(
        at(&rs[1], "eligibility.payment_methods"),
        &json!(["Scalapay"])
    );
}

#[test]
fn a_worked_table_of_a_recurring_discount_and_a_grid_of_plain_cards_add_no_tiers() {
    let rs = extract(
        "en",
        "<h2>£10 off every £75 you spend</h2><p>Enter this code in your basket: <b class=\"code\">COOKMORE</b></p>\
         <table><tr><td>Spend £75</td><td>save £10</td></tr><tr><td>Spend £150</td><td>save £20</td></tr>\
         <tr><td>Spend £300 or more</td><td>save £40</td></tr></table>\
         <section class=\"grid\">\
         <div class=\"card\"><p>Tri-Ply Saucepan Set</p><p>£149.00</p></div>\
         <div class=\"card\"><p>Carbon Steel Wok</p><p>£34.00 £48.00</p><p>Save 29%</p></div>\
         <div class=\"card\"><p>Santoku Knife</p><p>£79.50</p></div></section>\
         <p>*£10 off for every £75 spent, up to a maximum discount of £40 per order.</p>",
    );
    let r = rs
        .iter()
        .find(|r| r["code"] == "COOKMORE")
        .expect("COOKMORE");
    let tiers = r["tiers"].as_array().unwrap();
    assert_eq!(tiers.len(), 1, "{tiers:?}");
    assert_eq!(at(r, "tiers.0.discount.amount.amount"), "10");
    assert_eq!(at(r, "tiers.0.min_order.amount"), "75");
    assert_eq!(r["tiers"][0]["recurring"], true);
    assert_eq!(at(r, "tiers.0.max_discount.amount"), "40");
}

#[test]
fn an_offer_label_opening_the_headline_is_dropped_but_a_discount_word_stays() {
    let rs = extract(
        "ar",
        "<div class=\"row\"><div><span class=\"lbl\">العرض</span>شحن مجاني</div>\
         <div><span class=\"lbl\">الكود</span><kbd>FREESHIP</kbd></div></div>\
         <div class=\"row\"><div><span class=\"lbl\">العرض</span>خصم 10% عند الدفع عبر STC Pay</div>\
         <div><span class=\"lbl\">الكود</span><kbd>STCP10</kbd></div></div>",
    );
    let titles: Vec<&str> = rs
        .iter()
        .map(|r| r["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles, ["شحن مجاني", "خصم 10% عند الدفع عبر STC Pay"]);
    let rs = extract(
        "ru",
        "<div class=\"coupon\"><h3>Скидка 10% на наушники</h3><p>Промокод ZVUK10</p></div>\
         <div class=\"coupon\"><h3>Скидка 5% на кабели</h3><p>Промокод KABEL5</p></div>",
    );
    assert_eq!(rs[0]["title"], "Скидка 10% на наушники");
}

#[test]
fn a_code_the_page_says_has_ended_is_no_voucher() {
    let rs = extract(
        "pt",
        "<h2>Cupons de desconto</h2><p>O cupom FESTAJUNINA10 foi encerrado em 30/06/2026 e não pode \
         mais ser utilizado.</p><h2>Ofertas</h2><p>Leve 3, pague 2 em frutas.</p>",
    );
    assert!(rs.is_empty(), "{rs:?}");
    let rs = extract(
        "ar",
        "<h2>كوبونات انتهت صلاحيتها</h2><ul><li>SAIF25 – خصم 25% على الأجهزة الصغيرة</li>\
         <li>EIDBH10 – خصم 10 د.ب على الطلبات فوق 100 د.ب</li></ul>",
    );
    assert!(rs.is_empty(), "{rs:?}");
    // A live code beside an ended one stays.
    let rs = extract(
        "en",
        "<h2>Codes</h2><p>Use code SUMMER15 for 15% off sandals.</p>\
         <p>Code SPRING10 has expired.</p>",
    );
    let codes: Vec<&str> = rs.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["SUMMER15"]);
}

#[test]
fn percents_written_with_a_word_and_a_date_inside_the_codes_sentence() {
    let rs = extract(
        "de",
        "<h2>Kannen</h2><p>Ob Glaskanne oder Teesieb: Mit KANNE20 sparen Sie bis zum 24.12. zwanzig \
         Prozent auf alles aus unserer Rubrik Teekannen, höchstens jedoch 25,00 € pro Bestellung.</p>",
    );
    let r = rs.iter().find(|r| r["code"] == "KANNE20").expect("KANNE20");
    assert_eq!(at(r, "tiers.0.discount.percent"), "20");
    assert_eq!(at(r, "tiers.0.max_discount.amount"), "25");
    let rs = extract(
        "es",
        "<h2>Ofertas</h2><p>Usa el código OTONO15 y obtén un 15 por ciento de descuento.</p>",
    );
    assert_eq!(at(&rs[0], "tiers.0.discount.percent"), "15");
}

#[test]
fn while_stocks_last_said_of_goods_is_not_the_vouchers() {
    let rs = extract(
        "en",
        "<h2>£10 off £75</h2><p>Enter code COOKMORE at checkout to get £10 off when you spend £75.</p>\
         <p>Up to 50% off selected Le Creuset in our Outlet while stocks last – prices as marked.</p>",
    );
    assert_eq!(rs[0]["usage"]["first_come_first_served"], false);
    let rs = extract(
        "en",
        "<h2>£10 off £75</h2><p>Code COOKMORE: £10 off when you spend £75, limited to the first \
         500 customers while stocks last.</p>",
    );
    assert_eq!(rs[0]["usage"]["first_come_first_served"], true);
}

#[test]
fn a_value_under_a_minimum_label_line_is_the_minimum_not_a_discount() {
    let rs = extract(
        "es",
        "<article class=\"cupon\"><h3>$1.500 OFF en tu primera compra de Supermercado</h3><dl>\
         <dt>Código</dt><dd>No necesitás código: el descuento se aplica automáticamente.</dd>\
         <dt>Compra mínima</dt><dd>$ 18.000 en productos de Supermercado</dd></dl></article>\
         <article class=\"cupon\"><h3>$5.000 OFF en Electro</h3><dl><dt>Código</dt><dd>ELECTRO5K</dd>\
         <dt>Compra mínima</dt><dd>$ 60.000</dd></dl></article>",
    );
    assert_eq!(rs.len(), 2, "{rs:?}");
    assert!(rs[0]["code"].is_null());
    assert_eq!(rs[0]["auto_applied"], true);
    assert_eq!(at(&rs[0], "tiers.0.discount.amount.amount"), "1500");
    assert_eq!(at(&rs[0], "tiers.0.min_order.amount"), "18000");
}

#[test]
fn section_headings_name_the_shop_or_state_sitewide_scope() {
    // Sections per shop (h2) over cards (h3). The shop is named again in
    // the terms of some cards ("prodotti del Caseificio …", "carrello del
    // Frantoio"), which tells a shop's name from a category's; its
    // name-shaped sibling sections are then shops too.
    let body = "<h1>Codici sconto del mercato</h1>\
        <section><h2>Caseificio Valle Verde</h2>\
          <div><h3>10% su tutti i formaggi</h3><ul><li>Valido solo sui prodotti del Caseificio Valle Verde</li></ul>Codice: <code>FORMAGGI10</code></div>\
          <div><h3>5 € di benvenuto</h3><ul><li>5 € di sconto su un ordine minimo di 35 €</li></ul>Codice: <code>VALLE5</code></div></section>\
        <section><h2>Frantoio Ulivi d'Oro</h2>\
          <div><div>3 €</div><h3>3 € ogni 30 € di spesa</h3><p>Lo sconto si ripete per ogni 30 € nel carrello del Frantoio, fino a un massimo di 12 € per ordine.</p>Codice: <code>OLIO3</code></div></section>\
        <section><h2>Cantina Poggio Alto</h2>\
          <div><h3>15% su tutta la cantina</h3><p>Acquisto minimo 60 €.</p>Codice: <code>VINO15</code></div></section>\
        <section><h2>Valido su tutti i negozi</h2>\
          <div><h3>10% sul primo ordine</h3><p>Per i nuovi clienti, sconto massimo 20 €.</p>Codice: <code>BENVENUTO10</code></div>\
          <div><h3>10 CHF di sconto su ordini da 120 CHF</h3><p>Solo per consegne in Svizzera.</p>Codice: <code>SVIZZERA10</code></div></section>\
        <h2>Prodotti in evidenza sul Mercato del Borgo</h2><p>Pecorino stagionato 24,90 €</p>";
    let rs = extract("it", body);
    let scope = |code: &str| {
        let r = rs.iter().find(|r| r["code"] == code).expect(code);
        (
            r["scope"]["kind"].as_str().unwrap_or("").to_string(),
            r["scope"]["stores"].clone(),
            r["scope"]["categories"].clone(),
        )
    };
    assert_eq!(
        scope("FORMAGGI10"),
        ("store".into(), json!(["Caseificio Valle Verde"]), json!([]))
    );
    assert_eq!(scope("VALLE5").1, json!(["Caseificio Valle Verde"]));
    assert_eq!(scope("OLIO3").1, json!(["Frantoio Ulivi d'Oro"]));
    assert_eq!(scope("VINO15").1, json!(["Cantina Poggio Alto"]));
    // The sitewide section; the last card ends at the next section's heading.
    assert_eq!(scope("BENVENUTO10").0, "platform");
    assert_eq!(
        scope("SVIZZERA10"),
        ("platform".into(), json!([]), json!([]))
    );
    // "3 € ogni 30 €" without a discount word is a recurring discount.
    let r = rs.iter().find(|r| r["code"] == "OLIO3").unwrap();
    assert_eq!(amount_tiers(r), [("3", "30")]);
    assert_eq!(at(r, "tiers.0.recurring"), true);
    assert_eq!(at(r, "tiers.0.max_discount.amount"), "12");

    // Category sections are no shops: their names are not referred to as
    // a shop's in the cards.
    let rs = extract(
        "en",
        "<h1>Deals</h1><h2>Home &amp; Garden</h2><div><h3>15% off patio sets</h3><p>Valid on Home &amp; Garden items.</p><p>Code: PATIO15</p></div>\
         <h2>Kitchen Appliances</h2><div><h3>$20 off blenders</h3><p>Code: BLEND20</p></div>",
    );
    assert_eq!(rs.len(), 2, "{rs:?}");
    assert!(
        rs.iter().all(|r| r["scope"]["stores"] == json!([])),
        "{rs:?}"
    );
}

#[test]
fn a_layout_row_holding_several_codes_is_no_card_and_a_dictionary_word_is_no_code() {
    // A newsletter laid out in one table row, beside a footer row that
    // states free shipping and a code-like tax number: the main row holds
    // three vouchers, not one.
    let rs = extract(
        "de",
        "<table><tr><td><h2>Advent-Staffelrabatt</h2><p>Ihr Code: PURZEL26</p>\
         <table><tr><td>ab EUR 40,-</td><td>EUR 4,-</td></tr><tr><td>ab EUR 80,-</td><td>EUR 10,-</td></tr></table>\
         <h2>7 € Willkommensbonus</h2><p>Mit dem Code ERSTKAUF7 gibt es 7 € Rabatt ab einem Bestellwert von 35 €.</p>\
         <h2>15 % auf Bastelbedarf</h2><p>Mit BASTELN15 bekommen Sie 15 % auf alles aus der Abteilung Bastelbedarf.</p>\
         </td></tr><tr><td>Versandkostenfrei ab EUR 50,- innerhalb Österreichs · UID ATU61234567</td></tr></table>",
    );
    let codes: Vec<&str> = rs
        .iter()
        .map(|r| r["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["PURZEL26", "ERSTKAUF7", "BASTELN15"], "{rs:?}");
    assert_eq!(amount_tiers(&rs[1]), [("7", "35")]);
    assert_eq!(at(&rs[2], "tiers.0.discount.percent"), "15");
    // "10 % DESCONTO" on a badge: the word is the language's discount word.
    let rs = extract(
        "pt",
        "<div class=\"cupao\"><div class=\"tag\">10 %<small>DESCONTO</small></div><h3>10 % em todo o site</h3>\
         <p>Código: <code>VIMA10</code></p></div>\
         <div class=\"cupao\"><h3>5 € na primeira compra</h3><p>Código: <code>PRIMEIRA5</code></p></div>",
    );
    let codes: Vec<&str> = rs
        .iter()
        .map(|r| r["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["VIMA10", "PRIMEIRA5"], "{rs:?}");
}

#[test]
fn a_code_in_a_card_of_its_own_starts_its_voucher_with_its_card() {
    // `<dl>` cards (title, code, terms) in sections, then shop coupons
    // outside any card: each card's terms stay with its own code.
    let rs = extract(
        "ru",
        "<h1>Промокоды</h1><section><h2>Для всех покупателей</h2>\
         <dl class=\"kupon\"><dt>Скидка 300 ₽ на первый заказ</dt><dd>Промокод: <span>PRIVET300</span></dd>\
         <dd>Для новых покупателей при заказе от 1 500 ₽.</dd><dd>Действует до 31 декабря</dd></dl>\
         <dl class=\"kupon\"><dt>−7% на весь ассортимент</dt><dd>Промокод: <span>YARM7</span></dd>\
         <dd>При сумме корзины от 5 000 ₽, максимальная скидка — 2 000 ₽.</dd><dd>Срок действия: с 14 по 20 декабря</dd></dl></section>\
         <h2>Купоны магазинов-партнёров</h2><p>Купоны ниже действуют только на товары указанного продавца.</p>\
         <h3>«Уютный Дом»: −10%</h3><p>Промокод UYUT10 — скидка 10% на все товары магазина «Уютный Дом» от 3 000 ₽.</p>",
    );
    let by = |c: &str| rs.iter().find(|r| r["code"] == c).expect(c);
    assert_eq!(at(by("PRIVET300"), "tiers.0.min_order.amount"), "1500");
    assert_eq!(by("PRIVET300")["validity"]["ends"], "2026-12-31");
    assert_eq!(at(by("YARM7"), "tiers.0.min_order.amount"), "5000");
    assert_eq!(at(by("YARM7"), "tiers.0.max_discount.amount"), "2000");
    assert_eq!(by("YARM7")["validity"]["ends"], "2026-12-20");
    // "the indicated seller" names no shop or category.
    assert_eq!(by("UYUT10")["scope"]["categories"], json!([]));
    assert_eq!(by("UYUT10")["scope"]["stores"], json!(["Уютный Дом"]));
}

#[test]
fn scope_labels_name_the_line_below_them() {
    let rs = extract(
        "de",
        "<div class=\"coupon\"><h3>50 € Rabatt auf Notebooks</h3><dl><dt>Gutscheincode</dt><dd>NOTE50</dd>\
         <dt>Gilt für</dt><dd>Notebooks</dd><dt>Mindestbestellwert</dt><dd>799 €</dd>\
         <dt>Ausgenommen</dt><dd>Apple MacBooks</dd></dl></div>\
         <div class=\"coupon\"><h3>15 € Neukundenrabatt</h3><dl><dt>Gutscheincode</dt><dd>HALLO15</dd>\
         <dt>Gilt für</dt><dt>Mindestbestellwert</dt><dd>75 €</dd></dl></div>",
    );
    assert_eq!(rs[0]["scope"]["categories"], json!(["Notebooks"]), "{rs:?}");
    assert_eq!(rs[0]["scope"]["excluded"], json!(["Apple MacBooks"]));
    // A label followed by another label names nothing.
    assert_eq!(rs[1]["scope"]["categories"], json!([]));
}

#[test]
fn a_country_the_page_names_resolves_a_shared_currency_name() {
    // "درهم" alone is the dirham of the UAE or of Morocco; a page that
    // speaks of Morocco means the Moroccan one.
    let body = "<h2>عرض الدخول المدرسي</h2><p>أدخل الكود RENTREE واستفد من تخفيض حسب قيمة طلبيتك:</p>\
        <table><tr><th>قيمة الطلبية</th><th>التخفيض</th></tr>\
        <tr><td>ابتداءً من 500 درهم</td><td>50 درهم</td></tr><tr><td>ابتداءً من 1.000 درهم</td><td>120 درهم</td></tr></table>\
        <p>التوصيل إلى جميع المدن داخل المغرب. ينتهي العرض بتوقيت المغرب.</p>";
    let rs = extract("ar", body);
    assert_eq!(amount_tiers(&rs[0]), [("50", "500"), ("120", "1000")]);
    assert_eq!(at(&rs[0], "tiers.0.discount.amount.currency"), "MAD");
    let rs = extract("ar", &body.replace("المغرب", "الإمارات"));
    assert_eq!(at(&rs[0], "tiers.0.discount.amount.currency"), "AED");
}

#[test]
fn a_section_intro_naming_a_seller_scopes_the_cards_under_it() {
    let rs = extract(
        "pt",
        "<h1>Cupons Vitrine</h1>\
         <section><h2>Cupons Vitrine <span>válidos em todo o site</span></h2>\
           <div class=\"cupom\"><h3>R$ 20 OFF na primeira compra</h3><p>Código: BEMVINDO20</p></div></section>\
         <section><h2>Sonora Áudio <span>Loja Oficial</span></h2>\
           <p>Cupons válidos apenas para produtos vendidos e entregues por Sonora Áudio.</p>\
           <div class=\"cupom\"><h3>15% OFF em toda a loja</h3><p>Código: SONORA15</p></div>\
           <div class=\"cupom\"><h3>R$ 100 OFF acima de R$ 1.499</h3><p>Código: CAIXA100</p></div></section>",
    );
    let scope = |c: &str| rs.iter().find(|r| r["code"] == c).expect(c)["scope"].clone();
    assert_eq!(scope("BEMVINDO20")["kind"], "platform", "{rs:?}");
    for c in ["SONORA15", "CAIXA100"] {
        assert_eq!(scope(c)["kind"], "store", "{c}: {rs:?}");
        assert_eq!(scope(c)["stores"], json!(["Sonora Áudio"]));
    }
}

#[test]
fn a_deal_without_a_code_between_two_code_paragraphs_is_its_own_voucher() {
    let rs = extract(
        "fr",
        "<article><h2>Nos bons plans</h2>\
         <p>Premier code : RENTREE20 vous offre -20 % sur tous les soins visage dès 45 € d’achat.</p>\
         <p>Pas de code à retenir pour la suite : 5 € de remise sont déduits automatiquement de tout panier de 40 € ou plus.</p>\
         <p>Dans l’appli, le code APPLIGLOW ajoute -10 % à votre panier.</p></article>",
    );
    assert_eq!(rs.len(), 3, "{rs:?}");
    assert_eq!(at(&rs[0], "tiers.0.discount.percent"), "20");
    assert_eq!(at(&rs[0], "tiers.0.min_order.amount"), "45");
    assert!(rs[1]["code"].is_null());
    assert_eq!(rs[1]["auto_applied"], true);
    assert_eq!(amount_tiers(&rs[1]), [("5", "40")]);
    // One deal written over two lines stays one voucher.
    let rs = extract(
        "es",
        "<div class=\"cupon\"><h3>10 % en zapatillas</h3><p>BIENVENIDA10</p></div>\
         <div class=\"cupon\"><h3>Envío gratis a Portugal sin código</h3>\
         <p>Envío gratuito para pedidos con destino Portugal. No necesitas código: se aplica automáticamente en el carrito.</p></div>",
    );
    assert_eq!(
        rs.iter().filter(|r| r["code"].is_null()).count(),
        1,
        "{rs:?}"
    );
}

#[test]
fn a_name_after_a_word_naming_one_category_is_one_name() {
    let rs = extract(
        "es",
        "<h2>20 % en catas</h2><p>Con el código CATA20 tienes un 20 % de descuento en la sección Catas y cursos.</p>\
         <h2>10 % en comida</h2><p>Con el código COMIDA10 tienes un 10 % en las categorías Alimentación y Accesorios.</p>",
    );
    assert_eq!(
        rs[0]["scope"]["categories"],
        json!(["Catas y cursos"]),
        "{rs:?}"
    );
    assert_eq!(
        rs[1]["scope"]["categories"],
        json!(["Alimentación", "Accesorios"])
    );
    // A joined name keeps its parts together even beside one of them.
    let rs = extract(
        "it",
        "<h3>15% sulle cuffie</h3><p>Codice: CUFFIE15</p><p>Valido solo per la categoria Audio e cuffie.</p>",
    );
    assert_eq!(
        rs[0]["scope"]["categories"],
        json!(["Audio e cuffie"]),
        "{rs:?}"
    );
}

#[test]
fn label_rows_under_their_offer_line_keep_their_terms() {
    // Rows of label lines (offer / code / terms / validity) after a list
    // whose first card's headline is an "up to" banner.
    let rs = extract(
        "en",
        "<ul><li><h3>Ramadan deal: up to $150 off</h3><kbd>RAMADAN26</kbd> $30 off orders over $250</li>\
         <li><h3>$10 off every $100 on perfume</h3><kbd>KUL100</kbd> Max $60 per order</li></ul>\
         <h2>Store, payment and shipping offers</h2>\
         <div class=\"row\"><div>Offer: 20% off at Oud House</div><div>Code <kbd>OUD20</kbd></div>\
         <div>Terms: max. discount $100</div><div>Valid until 12/31/2026</div></div>\
         <div class=\"row\"><div>Offer: 10% off with PayPal</div><div>Code <kbd>PAYPAL10</kbd></div>\
         <div>Terms: max. discount $50</div><div>Valid until 11/30/2026</div></div>\
         <div class=\"row\"><div>Offer: 5% off groceries applied automatically</div><div>Code: no code needed</div></div>",
    );
    let by = |c: &str| rs.iter().find(|r| r["code"] == c).expect(c);
    assert_eq!(
        at(by("OUD20"), "tiers.0.max_discount.amount"),
        "100",
        "{rs:?}"
    );
    assert_eq!(by("OUD20")["validity"]["ends"], "2026-12-31");
    assert_eq!(at(by("PAYPAL10"), "tiers.0.max_discount.amount"), "50");
    assert_eq!(by("PAYPAL10")["validity"]["ends"], "2026-11-30");
    let deal = rs.iter().find(|r| r["code"].is_null()).expect("deal");
    assert_eq!(at(deal, "tiers.0.discount.percent"), "5");
}

#[test]
fn a_prose_code_beside_a_currency_code_is_read() {
    let rs = extract(
        "de",
        "<h2>Sommer</h2><p>Mit dem Code LEINEN25 bekommt ihr 25 % auf die Leinen-Kollektion.</p>\
         <p>Wer zum ersten Mal bestellt, erhält mit HOIZAEME CHF 20.– Rabatt ab einem Einkauf von CHF 120.–.</p>",
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["LEINEN25", "HOIZAEME"], "{rs:?}");
    // Beside a word in capitals that is no currency, it is not.
    let rs = extract(
        "de",
        "<h2>Sommer</h2><p>Mit dem Code LEINEN25 bekommt ihr 25 % auf die Leinen-Kollektion.</p>\
         <p>Neu: SOMMERLOOK AKTION mit 20 % auf Hüte.</p>",
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["LEINEN25"], "{rs:?}");
}

#[test]
fn a_chip_of_capitals_where_the_other_cards_put_their_codes_is_a_code() {
    let card = |head: &str, chip: &str| {
        format!("<li class=\"oferta\"><h3>{head}</h3><p>Compra mínima de 30 €.</p><div><span>{chip}</span></div></li>")
    };
    let body = format!(
        "<ul>{}{}{}{}</ul>",
        card("5 € na primeira compra", "PRIMEIRA5"),
        card("40 € em running", "CORRE40"),
        card("8 % de desconto na app", "APPVIMA"),
        card("15 € em bicicletas", "Ver oferta"),
    );
    let rs = extract("pt", &body);
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["PRIMEIRA5", "CORRE40", "APPVIMA"], "{rs:?}");
}

#[test]
fn already_reduced_items_are_an_exclusion_in_russian() {
    let rs = extract(
        "ru",
        "<h3>Скидка 10% на смартфоны</h3><p>Промокод SMART10</p>\
         <p>Не действует на товары со скидкой.</p>",
    );
    assert_eq!(at(&rs[0], "scope.excluded"), &json!(["товары со скидкой"]));
    let rs = extract(
        "ru",
        "<h3>−20% на посуду</h3><p>Промокод KUHNYA20</p>\
         <p>Распространяется на раздел «Посуда», кроме товаров со скидкой. Уценённые товары не участвуют.</p>",
    );
    assert_eq!(
        at(&rs[0], "scope.excluded"),
        &json!(["товаров со скидкой", "Уценённые товары"])
    );
}

#[test]
fn names_before_an_exclusion_word_are_excluded() {
    let excluded = |lang: &str, terms: &str| {
        let rs = extract(
            lang,
            &format!("<h3>-15 %</h3><p>Code PROMO15</p><p>{terms}</p>"),
        );
        rs[0]["scope"]["excluded"].clone()
    };
    assert_eq!(
        excluded(
            "fr",
            "Remise maximale de 25 € par commande. Litières exclues."
        ),
        json!(["Litières"])
    );
    assert_eq!(
        excluded(
            "pt",
            "Limitado aos 2.000 primeiros pedidos. Bebidas alcoólicas não participam."
        ),
        json!(["Bebidas alcoólicas"])
    );
    // After the rest of the clause, only the last comma part is the name.
    assert_eq!(
        excluded("it", "Offerta valida dal 1° al 14 giugno 2026 su tutto l'assortimento online, articoli già scontati esclusi."),
        json!(["articoli già scontati"])
    );
    // An aside between the names and the word is not a name.
    assert_eq!(
        excluded(
            "de",
            "Preisgebundene Bücher sind – wie gesetzlich vorgeschrieben – ausgenommen."
        ),
        json!(["Preisgebundene Bücher"])
    );
    // The same words still read the names after them.
    assert_eq!(
        excluded("en", "Excluded: gift cards."),
        json!(["gift cards"])
    );
    // A sentence about orders names no goods.
    assert_eq!(
        excluded(
            "pt",
            "Pedidos feitos pelo site ou pelo televendas não participam."
        ),
        json!([])
    );
}

#[test]
fn codes_under_a_shops_tab_belong_to_that_shop() {
    let card = |head: &str, code: &str, terms: &str| {
        format!(
            "<div class=\"fila\"><div><h3>{head}</h3><span class=\"cod\">{code}</span></div>\
             <ul><li>{terms}</li></ul></div>"
        )
    };
    let body = format!(
        "<h1>Cupones</h1><div role=\"tablist\">\
         <button role=\"tab\" id=\"t1\" aria-controls=\"p1\">Mercaterra (2)</button>\
         <button role=\"tab\" id=\"t2\" aria-controls=\"p2\">Librería Castel (1)</button></div>\
         <section role=\"tabpanel\" id=\"p1\"><p>Cupones de Mercaterra: sirven en todas las tiendas del marketplace.</p>{}{}</section>\
         <section role=\"tabpanel\" id=\"p2\" hidden><p>Cupones de la tienda Librería Castel: solo para libros vendidos y enviados por Librería Castel.</p>{}</section>",
        card("10 € en tu primera compra", "HOLAMERCA", "Pedido mínimo de 50 €."),
        card("5 % pagando con Bizum", "BIZUMERCA", "Solo si pagas con Bizum."),
        card("15 % en novelas", "CASTEL15", "Hasta el 30 de junio."),
    );
    let rs = extract("es", &body);
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["HOLAMERCA", "BIZUMERCA", "CASTEL15"], "{rs:?}");
    // The next panel's intro does not leak into the last card before it.
    assert_eq!(at(&rs[1], "scope.stores"), &json!([]), "{:?}", rs[1]);
    assert_eq!(at(&rs[2], "scope.stores"), &json!(["Librería Castel"]));
    assert_eq!(at(&rs[2], "scope.kind"), "store");
}

#[test]
fn a_section_heading_naming_a_shops_codes_scopes_its_cards() {
    let card = |head: &str, code: &str| {
        format!("<div class=\"offer\"><h3>{head}</h3><p>Действует до 30 сентября.</p><span class=\"code\">{code}</span></div>")
    };
    let body = format!(
        "<h1>Промокоды для дома</h1>\
         <section><h2>Промокоды Домовита</h2><p>Рейтинг магазина 4,6 · 2 промокода</p>{}{}</section>\
         <section><h2>Промокоды Лён и Хлопок</h2><p>Рейтинг магазина 4,8 · 1 промокод</p>{}</section>",
        card("500 ₽ на первый заказ", "DOM500"),
        card("−15% на хранение", "HRAN15"),
        card("−20% на бельё", "LEN20"),
    );
    let rs = extract("ru", &body);
    let stores: Vec<&Value> = rs.iter().map(|r| at(r, "scope.stores")).collect();
    assert_eq!(
        stores,
        [
            &json!(["Домовита"]),
            &json!(["Домовита"]),
            &json!(["Лён и Хлопок"])
        ],
        "{rs:?}"
    );
    // A section's intro line ("… · 2 Gutscheine") is no card's term.
    let card = |head: &str, code: &str| {
        format!("<div class=\"deal\"><h3>{head}</h3><p>Code: {code}</p><ul><li>gültig bis 15. März</li></ul></div>")
    };
    let body = format!(
        "<h1>Gutscheine</h1><section><h2>Lederwerk Brandt</h2><p>Taschen aus Lübeck · 2 Gutscheine</p>{}{}</section>\
         <section><h2>Teekontor Ahlers</h2><p>Tee aus Bremen · 2 Gutscheine</p>{}{}</section>",
        card("20 % auf Taschen", "BRANDT20"),
        card("15 € ab 120 €", "LEDER15"),
        card("3 € je 30 €", "TEE3"),
        card("10 % in der App", "TEEAPP10"),
    );
    let rs = extract("de", &body);
    // A short card ("10 % in der App" / "Code: TEEAPP10") is a voucher too.
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["BRANDT20", "LEDER15", "TEE3", "TEEAPP10"], "{rs:?}");
    assert!(rs.iter().all(|r| r["usage"]["total"].is_null()), "{rs:?}");
}

#[test]
fn percent_tiers_without_a_discount_word_and_a_cap_row_under_them() {
    let rs = extract(
        "de",
        "<h1>Oster-Staffelrabatt</h1><p>Code OSTERTOPF</p><table>\
         <tr><td>Rabattstaffel</td><td>5 % ab 100,00 € Warenwert<br>10 % ab 250,00 € Warenwert<br>15 % ab 500,00 € Warenwert</td></tr>\
         <tr><td>Maximaler Rabatt</td><td>120,00 € pro Bestellung (gilt für alle Stufen)</td></tr></table>",
    );
    let tiers: Vec<(&Value, &Value, &Value)> = rs[0]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                &t["discount"]["percent"],
                &t["min_order"]["amount"],
                &t["max_discount"]["amount"],
            )
        })
        .collect();
    assert_eq!(
        tiers,
        [
            (&json!("5"), &json!("100"), &json!("120")),
            (&json!("10"), &json!("250"), &json!("120")),
            (&json!("15"), &json!("500"), &json!("120")),
        ],
        "{rs:?}"
    );
    assert_eq!(at(&rs[0], "scope.categories"), &json!([]));
    // A cap on the last tier's own line caps that tier only.
    let rs = extract(
        "de",
        "<h1>Staffel</h1><p>Code STAFFEL</p><p>5 % ab 100 €, 10 % ab 250 € (max. 40 €)</p>",
    );
    let caps: Vec<&Value> = rs[0]["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["max_discount"])
        .collect();
    assert!(caps[0].is_null(), "{rs:?}");
}

#[test]
fn codes_in_an_expired_section_are_no_vouchers() {
    let rs = extract(
        "ru",
        "<section><h2>Промокоды Домовита</h2><div class=\"offer\"><h3>500 ₽ на первый заказ</h3>\
         <p>Заказ от 3 000 ₽.</p><span class=\"code\">DOM500</span></div></section>\
         <section><h2>Истёкшие промокоды</h2><p>Эти промокоды больше не работают.</p>\
         <div class=\"offer\"><h3>−12% на всё</h3><p>Срок до 31.08.2026.</p><span class=\"code\">LETO12</span></div>\
         <div class=\"offer\"><h3>400 ₽ при заказе от 2 500 ₽</h3><span class=\"code\">LENSALE</span></div></section>",
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["DOM500"], "{rs:?}");
    // A list under "Expired codes" and an intro saying they ended.
    let rs = extract(
        "en",
        "<h2>Kitchen codes</h2><p>Use code SEAR20 for 20% off cast iron.</p>\
         <h2>Expired codes</h2><p>These codes have ended and no longer work.</p>\
         <ul><li><strong>GRILLDAD</strong> – 30% off grilling tools.</li>\
         <li><strong>NEWYEAR25</strong> – $25 off $125. Ended Jan 2, 2026.</li></ul>",
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(codes, ["SEAR20"], "{rs:?}");
}

#[test]
fn a_range_with_weekdays_beats_a_sale_banners_date() {
    let rs = extract(
        "fr",
        "<p>Fête des pères : jusqu'à -40 % sur les barbecues, jusqu'au 21 juin</p>\
         <h1>Jusqu'à 150 € de remise</h1><p>Avec le code KAZ974 : 20 € dès 200 € d'achat.</p>\
         <ul><li>Offre valable du lundi 1er juin 2026 à 8 h 00 au dimanche 14 juin 2026 à 23 h 59, heure de La Réunion.</li></ul>",
    );
    assert_eq!(
        at(&rs[0], "validity.starts"),
        "2026-06-01T08:00:00+04:00",
        "{rs:?}"
    );
    assert_eq!(at(&rs[0], "validity.ends"), "2026-06-14T23:59:00+04:00");
    assert_eq!(at(&rs[0], "validity.time_zone"), "Indian/Reunion");
}

#[test]
fn a_tier_table_headed_your_basket_you_save() {
    let rs = extract(
        "en",
        "<h2>Spend more, save more – code WINTERLINE</h2><table>\
         <tr><th>Your basket</th><th>You save</th></tr>\
         <tr><td>£40.00 – £79.99</td><td>£5</td></tr>\
         <tr><td>£80.00 – £149.99</td><td>£12</td></tr>\
         <tr><td>£150.00 and over</td><td>£25</td></tr></table>",
    );
    assert_eq!(
        amount_tiers(&rs[0]),
        [("5", "40"), ("12", "80"), ("25", "150")],
        "{rs:?}"
    );
}

#[test]
fn a_sentence_about_both_codes_states_their_shared_terms() {
    let rs = extract(
        "de",
        "<p>Mit KRANICH20 gibt es 20 % auf Notizbücher, gültig bis 30. November.</p>\
         <p>Mit TINTE10 gibt es 10 € Rabatt auf Füllfederhalter ab 80 €, und AQUARELL15 bringt 15 % Rabatt auf Pinsel. \
         Beide Codes gelten bis einschließlich 6. Dezember und lassen sich nicht mit anderen Gutscheinen kombinieren.</p>",
    );
    let ends: Vec<&Value> = rs.iter().map(|r| at(r, "validity.ends")).collect();
    assert_eq!(
        ends,
        [
            &json!("2026-11-30"),
            &json!("2026-12-06"),
            &json!("2026-12-06")
        ],
        "{rs:?}"
    );
    let stackable: Vec<&Value> = rs.iter().map(|r| &r["stackable"]).collect();
    // The first code's paragraph says nothing about stacking.
    assert_eq!(stackable, [&json!(null), &json!(false), &json!(false)]);
}

#[test]
fn goods_named_right_after_a_discount_are_its_categories() {
    let rs = extract(
        "de",
        "<p>Mit TINTE10 gibt es 10 € Rabatt auf Füllfederhalter ab einem Warenwert von 80 €.</p>\
         <p>Mit NEU5 gibt es 5 € Rabatt auf Ihre erste Bestellung.</p>",
    );
    assert_eq!(at(&rs[0], "scope.kind"), "category", "{rs:?}");
    assert_eq!(at(&rs[0], "scope.categories"), &json!(["Füllfederhalter"]));
    // The shopper's own order is no goods.
    assert_eq!(at(&rs[1], "scope.categories"), &json!([]), "{rs:?}");
    let rs = extract(
        "en",
        "<h3>Extra 12% Off Bakeware in the App</h3><p>Use code APPBAKE. Ends May 30.</p>\
         <h3>15% Off for Text Subscribers</h3><p>Use code HHTXT15. Ends May 30.</p>\
         <p>Outlet: up to 60% off past-season pieces. Use code OUT10 for 10% off.</p>",
    );
    assert_eq!(
        at(&rs[0], "scope.categories"),
        &json!(["Bakeware"]),
        "{rs:?}"
    );
    // A preposition opens no goods; a sale banner's goods are no scope.
    assert_eq!(at(&rs[1], "scope.categories"), &json!([]), "{rs:?}");
    assert_eq!(at(&rs[2], "scope.categories"), &json!([]), "{rs:?}");
}

#[test]
fn a_table_rows_note_links_bring_the_notes_terms() {
    let rs = extract(
        "en",
        "<table><tr><th>Shop</th><th>Offer</th><th>Code</th><th>Conditions</th></tr>\
         <tr><td>Inkwell Alley</td><td>15% off fountain pens</td><td><code>INKWELL15</code></td>\
         <td><sup><a href=\"#n1\">1</a></sup> <sup><a href=\"#n3\">3</a></sup></td></tr>\
         <tr><td>Petal Press</td><td>25% off your order</td><td><code>PETAL25</code></td>\
         <td><sup><a href=\"#n2\">2</a></sup></td></tr></table>\
         <h3>Notes</h3><ol><li id=\"n1\">Minimum purchase of $50 before tax.</li>\
         <li id=\"n2\">App only.</li>\
         <li id=\"n3\">Maximum discount $25 per order.</li></ol>",
    );
    assert_eq!(rs.len(), 2, "{rs:?}");
    assert_eq!(at(&rs[0], "tiers.0.min_order.amount"), "50", "{rs:?}");
    assert_eq!(at(&rs[0], "tiers.0.max_discount.amount"), "25");
    assert_eq!(at(&rs[0], "eligibility.app_only"), false);
    assert_eq!(at(&rs[1], "eligibility.app_only"), true, "{rs:?}");
    assert_eq!(at(&rs[1], "tiers.0.min_order"), &json!(null));
    // The shop column names each row's shop.
    assert_eq!(at(&rs[0], "scope.stores"), &json!(["Inkwell Alley"]));
    assert_eq!(at(&rs[1], "scope.kind"), "store");
}

#[test]
fn a_shop_column_naming_one_shop_in_every_row_is_the_sites_own() {
    let rs = extract(
        "en",
        "<table><tr><th>Shop</th><th>Offer</th><th>Code</th></tr>\
         <tr><td>Petal Press</td><td>25% off your order</td><td><code>PETAL25</code></td></tr>\
         <tr><td>Petal Press</td><td>$5 off $40</td><td><code>PETAL5</code></td></tr></table>",
    );
    assert_eq!(rs.len(), 2, "{rs:?}");
    assert!(
        rs.iter().all(|r| at(r, "scope.stores") == &json!([])),
        "{rs:?}"
    );
}

#[test]
fn a_block_naming_the_codes_below_it_states_their_terms() {
    let rs = extract(
        "es",
        "<h2>Más cupones</h2><div class=\"cupon\"><h3>10% en juguetes</h3><p>Código JUGUETE10.</p></div>\
         <h2>Cupones Día del Padre</h2>\
         <p>Condiciones para los tres cupones: válidos hasta el 21 de junio de 2026. Un cupón por cliente. \
         No acumulables con otras promociones.</p>\
         <div class=\"cupon\"><h3>$150 de descuento en compras desde $1,200</h3><p>Copiar PAPA150</p></div>\
         <div class=\"cupon\"><h3>$400 de descuento en compras desde $3,000</h3><p>Copiar PAPA400</p></div>\
         <div class=\"cupon\"><h3>$1,000 de descuento en compras desde $6,500</h3><p>Copiar PAPA1000</p></div>\
         <div class=\"cupon\"><h3>5% en todo</h3><p>Código TODO5.</p></div>",
    );
    let codes: Vec<&str> = rs.iter().filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(
        codes,
        ["JUGUETE10", "PAPA150", "PAPA400", "PAPA1000", "TODO5"]
    );
    for r in &rs[1..4] {
        assert_eq!(at(r, "validity.ends"), "2026-06-21", "{r:?}");
        assert_eq!(at(r, "usage.per_user"), 1);
        assert_eq!(at(r, "stackable"), false);
    }
    // Neither the card above the block nor the fourth code below it.
    for r in [&rs[0], &rs[4]] {
        assert_eq!(at(r, "validity.ends"), &json!(null), "{r:?}");
        assert_eq!(at(r, "stackable"), &json!(null));
    }
}

#[test]
fn a_shop_cell_naming_the_site_or_all_shops_is_no_store() {
    let html = "<html lang=\"fr\"><head><title>Codes promo – Comptoir Lumen, la place de marché</title></head><body><main>\
         <table><tr><th>Boutique</th><th>Offre</th><th>Code</th></tr>\
         <tr><td>Tout Comptoir Lumen</td><td>-10 % sur tout le site</td><td><code>LUMEN10</code></td></tr>\
         <tr><td>Atelier Vasco</td><td>-20 % sur les céramiques</td><td><code>VASCO20</code></td></tr>\
         <tr><td>Maison Ferrand</td><td>-15 % sur les bougies</td><td><code>FERRAND15</code></td></tr>\
         </table></main></body></html>";
    let rs = extract_page(html, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    assert_eq!(at(&rs[0], "scope.stores"), &json!([]), "{rs:?}");
    assert_eq!(at(&rs[0], "scope.kind"), "platform");
    // A shop's row: its shop, and the goods its discount names.
    assert_eq!(
        at(&rs[1], "scope.stores"),
        &json!(["Atelier Vasco"]),
        "{rs:?}"
    );
    assert_eq!(at(&rs[1], "scope.categories"), &json!(["céramiques"]));
    assert_eq!(at(&rs[1], "scope.kind"), "store");
}

#[test]
fn payment_names_the_code_does_not_take_are_no_limit() {
    let rs = extract(
        "en",
        "<h1>$10 off $80 with code PAYPAL10</h1><p>Pay with PayPal at checkout. \
         Klarna and Afterpay can't be used for this offer.</p><p>Can I pay with Visa?</p>",
    );
    assert_eq!(
        at(&rs[0], "eligibility.payment_methods"),
        &json!(["PayPal"]),
        "{rs:?}"
    );
    let rs = extract(
        "pt",
        "<h1>5 € de desconto com o código MBWAY5</h1><p>Escolha MB WAY como método de pagamento. \
         Com cartão, Multibanco ou PayPal o desconto não é aplicado.</p>",
    );
    assert_eq!(
        at(&rs[0], "eligibility.payment_methods"),
        &json!(["MB WAY"]),
        "{rs:?}"
    );
}

#[test]
fn applied_automatically_beside_a_code_is_how_that_code_applies() {
    let rs = extract(
        "de",
        "<section><h1>Bis zu CHF 25 sparen mit TWINT</h1><p>CHF 10 Rabatt ab CHF 80.–</p>\
         <div class=\"code\">TWINTWOCHE</div></section>\
         <section><h2>So lösen Sie den Code ein</h2><ol><li>Füllen Sie Ihren Warenkorb: ab CHF 150.– erhalten Sie \
         CHF 25 Rabatt.</li><li>Geben Sie im Warenkorb den Code \
         <strong>TWINTWOCHE</strong> ein. Der passende Rabatt wird automatisch berechnet.</li></ol></section>\
         <section><h2>Häufige Fragen</h2><details><summary>Gibt es einen Mindestbestellwert?</summary>\
         <p>Ja. Für CHF 10 Rabatt muss Ihr Warenkorb mindestens CHF 80.– betragen.</p></details>\
         <details><summary>Wie oft?</summary><p>Einmal pro Kundenkonto.</p></details></section>",
    );
    assert_eq!(rs.len(), 1, "{rs:?}");
    assert_eq!(at(&rs[0], "code"), "TWINTWOCHE");
    assert_eq!(at(&rs[0], "usage.per_user"), 1);
}

#[test]
fn a_quoted_category_name_ends_with_its_quotes() {
    let rs = extract(
        "ru",
        "<p>Промокод SPORTIK: за каждые 2 000 ₽ в корзине из раздела «Спортивная форма» он даёт 200 ₽ скидки.</p>\
         <p>Промокод LETO25: скидка 25% на товары из категорий «Обувь» и «Сумки».</p>",
    );
    assert_eq!(
        at(&rs[0], "scope.categories"),
        &json!(["Спортивная форма"]),
        "{rs:?}"
    );
    assert_eq!(at(&rs[1], "scope.categories"), &json!(["Обувь", "Сумки"]));
}

#[test]
fn a_discount_after_a_labels_colon_is_no_minimum() {
    let rs = extract(
        "fr",
        "<p>Pour votre première commande, glissez BIENVENUE8 dans votre panier : 8 € de remise dès 40 € d'achat.</p>",
    );
    assert_eq!(amount_tiers(&rs[0]), [("8", "40")], "{rs:?}");
}

#[test]
fn a_country_is_where_a_code_holds_not_what_it_is_for() {
    let rs = extract(
        "de",
        "<h1>CHF 10 Rabatt mit dem Code ALPEN10</h1>\
         <p>Der Code gilt für Lieferungen in die Schweiz und nach Liechtenstein.</p>",
    );
    assert_eq!(at(&rs[0], "scope.categories"), &json!([]), "{rs:?}");
    assert_eq!(at(&rs[0], "eligibility.regions"), &json!(["CH", "LI"]));
}

#[test]
fn a_percent_cheaper_is_a_discount() {
    let rs = extract(
        "ru",
        "<p>Всю коллекцию «Школа» можно купить на 15% дешевле с промокодом FORMA15 — скидка по нему не превысит 3 000 ₽.</p>",
    );
    assert_eq!(at(&rs[0], "tiers.0.discount.percent"), "15", "{rs:?}");
    assert_eq!(at(&rs[0], "tiers.0.max_discount.amount"), "3000");
    let rs = extract(
        "de",
        "<p>Mit dem Code HERBST20 kaufen Sie Jacken 20 % günstiger.</p>",
    );
    assert_eq!(at(&rs[0], "tiers.0.discount.percent"), "20", "{rs:?}");
}
