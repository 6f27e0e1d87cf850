//! Table-driven tests of the money parser per language, through the public
//! API the extractor uses (`find_money` + `resolve`): what must be found
//! (amount and ISO currency, in order) and what must not be money.

use fineprint::lexicon::Lexicon;
use fineprint::money::{find_money, resolve, CurrencyContext};
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::load(None).expect("embedded patterns load"))
}

/// Every mention of `text` read as a page in `lang`: "amount CUR" strings.
fn money(lang: &str, text: &str) -> Vec<String> {
    let lex = lex();
    let li = lex.language_index(lang).expect("known language");
    let folded = fineprint::text::fold(text);
    let decimal = lex.languages[li].decimal;
    let mut found = find_money(lex, &folded, Some(&[li]), decimal, false);
    let ctx = CurrencyContext {
        language: Some(li),
        ..CurrencyContext::default()
    };
    resolve(lex, &mut found, &ctx);
    found
        .iter()
        .map(|m| format!("{} {}", m.amount, m.currency.as_deref().unwrap_or("-")))
        .collect()
}

fn check(lang: &str, cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = money(lang, text);
        if got != *want {
            failures.push(format!(
                "{lang}: {text:?}\n   want {want:?}\n   got  {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn english() {
    check(
        "en",
        &[
            ("$5 off orders over $50", &["5 USD", "50 USD"]),
            ("Save $1,250.50 today", &["1250.5 USD"]),
            ("Get 10 EUR off", &["10 EUR"]),
            ("a prize of $1.5 million", &["1500000 USD"]),
            ("They lost 75 USD million in 2020", &["75000000 USD"]),
            ("it rose 50 cents", &["0.5 USD"]),
            ("it costs 15 dollars and 50 cents", &["15.5 USD"]),
            ("It costs 15 dollars 50.", &["15.5 USD"]),
            ("The subscription rises to 17 USD 25.", &["17.25 USD"]),
            ("17 USD 25 per month", &["17 USD"]),
            ("an increase to 120 MEUR", &["120000000 EUR"]),
            ("NZD $100.70 in store", &["100.7 NZD"]),
            ("$1,190.00 AUD", &["1190 AUD"]),
            ("US$:12.99", &["12.99 USD"]),
            ("197 pence a share", &["1.97 GBP"]),
            ("a 10-euro voucher", &["10 EUR"]),
            ("five million yen", &["5000000 JPY"]),
            ("Get ten dollars off", &["10 USD"]),
            ("thirteen dollars and forty-five cents", &["13.45 USD"]),
            ("we are giving away 3 USD50 Cards.", &["50 USD"]),
            ("one $5 voucher", &["5 USD"]),
            ("From 26 to 50 €", &["26 EUR", "50 EUR"]),
            ("save $10-$20", &["10 USD", "20 USD"]),
            ("£20 off when you spend £100", &["20 GBP", "100 GBP"]),
            ("₹1,00,000 cashback", &["100000 INR"]),
            ("10k INR", &["10000 INR"]),
            ("$.75 each", &["0.75 USD"]),
            ("S$25 off", &["25 SGD"]),
            // Not money.
            ("Use code SAVE10 at checkout", &[]),
            ("40% off everything", &[]),
            ("Buy 2 get 1 free", &[]),
            ("Order #12345 shipped on 3 May", &[]),
            ("Rated 4.8 out of 5", &[]),
            ("Limit 5 per customer, 10 € 20 €", &["10 EUR", "20 EUR"]),
            ("5 € 10 % extra", &["5 EUR"]),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        &[
            (
                "10 € de descuento en pedidos desde 50 €",
                &["10 EUR", "50 EUR"],
            ),
            ("1.980 € en total", &["1980 EUR"]),
            ("1.234,56 €", &["1234.56 EUR"]),
            (
                "48.000 millones de dólares en activos",
                &["48000000000 USD"],
            ),
            ("1,6 millones de dólares", &["1600000 USD"]),
            ("6,65 mil millones de pesetas", &["6650000000 ESP"]),
            ("solo cuesta 25 euros con 50", &["25.5 EUR"]),
            ("3 euros con 99 céntimos", &["3.99 EUR"]),
            ("subió 1,20 centavos", &["0.012 MXN"]),
            ("$200 MXN de descuento", &["200 MXN"]),
            ("361 millones de libras", &["361000000 GBP"]),
            ("un mil millones de dólares", &["1000000000 USD"]),
            ("diez euros de descuento", &["10 EUR"]),
            ("Por 15 USD 50 puedes almorzar", &["15 USD"]),
            // Not money.
            ("Cupón AHORRA15 válido", &[]),
            ("15% de descuento", &[]),
            ("Compra 3 y paga 2", &[]),
        ],
    );
}

#[test]
fn portuguese() {
    check(
        "pt",
        &[
            ("R$ 20 OFF acima de R$ 150", &["20 BRL", "150 BRL"]),
            ("R$ 1.299,90 à vista", &["1299.9 BRL"]),
            ("Prêmio de 1,5 milhão de reais", &["1500000 BRL"]),
            ("20.000 milhões de francos", &["20000000000 CHF"]),
            ("15 dólares com 50", &["15.5 USD"]),
            ("10x R$ 74,90 sem juros", &["74.9 BRL"]),
            (
                "desconto de 5 € em compras acima de 30 €",
                &["5 EUR", "30 EUR"],
            ),
            ("custa 50 centavos", &["0.5 BRL"]),
            // Not money.
            ("Use o cupom PRIMEIRA10", &[]),
            ("frete grátis em 3 dias", &[]),
        ],
    );
}

#[test]
fn french() {
    check(
        "fr",
        &[
            ("10 € de réduction dès 50 € d'achat", &["10 EUR", "50 EUR"]),
            ("1 250,50 €", &["1250.5 EUR"]),
            ("323 millions d'euros", &["323000000 EUR"]),
            ("75 millions de $", &["75000000 CAD"]),
            ("15 dollars et 15 cents", &["15.15 CAD"]),
            ("CHF 1'250.– seulement", &["1250 CHF"]),
            ("197 centimes", &["1.97 EUR"]),
            ("250 millions de florins hollandais", &["250000000 NLG"]),
            // Not money.
            ("Code BIENVENUE10", &[]),
            ("-20 % sur tout", &[]),
            ("à partir du 10 mars", &[]),
        ],
    );
}

#[test]
fn german() {
    check(
        "de",
        &[
            ("10 € Rabatt ab 50 € Bestellwert", &["10 EUR", "50 EUR"]),
            ("1.980 € gespart", &["1980 EUR"]),
            ("19,99 €", &["19.99 EUR"]),
            ("ab € 50,– innerhalb Österreichs", &["50 EUR"]),
            ("CHF 20.- Rabatt ab CHF 150.-", &["20 CHF", "150 CHF"]),
            ("CHF 1'280.00 pro Flasche", &["1280 CHF"]),
            ("15 Dollar und 15 Cent", &["15.15 USD"]),
            ("1,5 Mio. Euro", &["1500000 EUR"]),
            ("50 Cent Rabatt", &["0.5 EUR"]),
            // Not money.
            ("Gutscheincode SOMMER20", &[]),
            ("20 % auf alles", &[]),
            ("um 10.30 Uhr", &[]),
            // Two digits after "amount + currency" are cents only at the end
            // of a phrase.
            ("Spare 5 € 30 Tage lang", &["5 EUR"]),
            ("zwei Euro fünfzig", &["2.5 EUR"]),
        ],
    );
}

#[test]
fn italian() {
    check(
        "it",
        &[
            (
                "10 € di sconto su una spesa minima di 50 €",
                &["10 EUR", "50 EUR"],
            ),
            ("323 milioni di euro", &["323000000 EUR"]),
            ("15 dollari e 15 centesimi", &["15.15 USD"]),
            ("50 centesimi", &["0.5 EUR"]),
            ("1.299,00 €", &["1299 EUR"]),
            // Not money.
            ("Codice SCONTO10", &[]),
            ("sconto del 30%", &[]),
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        &[
            ("300 ₽ при заказе от 2 999 ₽", &["300 RUB", "2999 RUB"]),
            ("скидка 500 рублей", &["500 RUB"]),
            ("1,5 млн рублей", &["1500000 RUB"]),
            ("12% при покупке от 15 000 ₽", &["15000 RUB"]),
            ("99 руб. 50 коп.", &["99.5 RUB"]),
            // Not money.
            ("промокод LETO25", &[]),
            ("скидка 25%", &[]),
        ],
    );
}

#[test]
fn arabic() {
    check(
        "ar",
        &[
            (
                "خصم 50 ريال على الطلبات فوق 200 ريال",
                &["50 SAR", "200 SAR"],
            ),
            ("١٬٩٨٠ ر.س", &["1980 SAR"]),
            ("270 SAR off", &["270 SAR"]),
            ("100 درهم", &["100 AED"]),
            // Three-digit minor units: "1.500 د.ك" is one and a half dinars.
            ("خصم 1.500 د.ك", &["1.5 KWD"]),
            ("2.750 ر.ع", &["2.75 OMR"]),
            ("12.500 د.أ", &["12.5 JOD"]),
            ("1,500 KWD", &["1500 KWD"]),
            ("1.500 ر.س", &["1500 SAR"]),
            // Not money.
            ("استخدم الكود SAVE10", &[]),
            ("خصم 20%", &[]),
        ],
    );
}
