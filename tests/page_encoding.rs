//! Every way a page names (or does not name) its encoding: byte-order
//! marks, the HTTP charset, `<meta charset>`, `<meta http-equiv>`, and
//! detection; invalid bytes are replaced, never fatal.

use encoding_rs::{
    Encoding, ISO_8859_2, KOI8_R, SHIFT_JIS, UTF_16BE, UTF_16LE, WINDOWS_1251, WINDOWS_1252,
};
use fineprint::page::{read, Page, PageOptions};

fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(
        !unmappable,
        "test text must be representable in {}",
        enc.name()
    );
    bytes.into_owned()
}

fn read_with(bytes: &[u8], http_charset: Option<&str>) -> Page {
    let opts = PageOptions {
        http_charset: http_charset.map(str::to_string),
        ..PageOptions::default()
    };
    read(bytes, &opts)
}

const RU: &str =
    "Скидка 500 руб. на заказ от 3000 руб. Промокод ЛЕТО500 действует до 31 мая 2026 года.";

#[test]
fn windows_1251_declared_by_meta_charset() {
    let html = format!("<html><head><meta charset=\"windows-1251\"><title>Купоны</title></head><body><p>{RU}</p></body></html>");
    let p = read_with(&encode(WINDOWS_1251, &html), None);
    assert_eq!(p.encoding, "windows-1251");
    assert_eq!(p.text, RU);
    assert_eq!(p.title.as_deref(), Some("Купоны"));
}

#[test]
fn koi8_r_declared_by_meta_http_equiv() {
    let html = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\"></head><body><p>{RU}</p></body></html>"
    );
    let p = read_with(&encode(KOI8_R, &html), None);
    assert_eq!(p.encoding, "KOI8-R");
    assert_eq!(p.text, RU);
}

#[test]
fn iso_8859_1_from_the_http_charset() {
    let text = "Économisez 10 % dès 50 EUR d'achat, été 2026 – jusqu'au 31 août.";
    let html = format!("<p>{text}</p>");
    // ISO-8859-1 is decoded as windows-1252, as browsers do.
    let p = read_with(&encode(WINDOWS_1252, &html), Some("ISO-8859-1"));
    assert_eq!(p.encoding, "windows-1252");
    assert_eq!(p.text, text);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn http_charset_wins_over_meta() {
    let html = format!("<meta charset=\"utf-8\"><p>{RU}</p>");
    let p = read_with(&encode(WINDOWS_1251, &html), Some("\"windows-1251\""));
    assert_eq!(p.encoding, "windows-1251");
    assert_eq!(p.text, RU);
}

#[test]
fn byte_order_marks_win_over_declarations() {
    let html = format!("<meta charset=\"iso-8859-2\"><p>{RU}</p>");
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend_from_slice(html.as_bytes());
    let p = read_with(&utf8, Some("windows-1251"));
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.text, RU);

    for (enc, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
        let mut bytes = bom.to_vec();
        for unit in html.encode_utf16() {
            let pair = if enc == UTF_16LE {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        let p = read_with(&bytes, None);
        assert_eq!(p.encoding, enc.name());
        assert_eq!(p.text, RU);
    }
}

#[test]
fn utf16_without_bom_is_recognized() {
    let html = "<html><body><p>Code SUMMER20: 20% off until 30 June</p></body></html>";
    let bytes: Vec<u8> = html.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = read_with(&bytes, None);
    assert_eq!(p.encoding, "UTF-16LE");
    assert_eq!(p.text, "Code SUMMER20: 20% off until 30 June");
}

#[test]
fn undeclared_legacy_encodings_are_detected() {
    let long_ru =
        format!("<html><body><h1>Промокоды и скидки</h1><p>{RU}</p><p>{RU}</p></body></html>");
    let p = read_with(&encode(WINDOWS_1251, &long_ru), None);
    assert_eq!(p.encoding, "windows-1251");
    assert!(p.text.contains("Промокод ЛЕТО500"));

    let ja = "<p>クーポンコード SALE10 で全品10%オフ。有効期限は2026年5月31日まで。お一人様一回限り。</p>";
    let p = read_with(&encode(SHIFT_JIS, ja), None);
    assert_eq!(p.encoding, "Shift_JIS");
    assert!(p.text.contains("全品10%オフ"));

    let pl = "<p>Zniżka 20 zł przy zamówieniu powyżej 150 zł. Kod rabatowy JESIEŃ obowiązuje do końca września. Łódź, Gdańsk i Kraków bez opłat za dostawę.</p>";
    let p = read_with(&encode(ISO_8859_2, pl), None);
    assert!(
        p.text.contains("Zniżka 20 zł"),
        "decoded as {}: {}",
        p.encoding,
        p.text
    );
}

#[test]
fn undeclared_utf8_is_utf8() {
    let p = read_with(
        "<p>Rabatt 15 € ab 60 € – gültig bis 31.05.2026</p>".as_bytes(),
        None,
    );
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.text, "Rabatt 15 € ab 60 € – gültig bis 31.05.2026");
}

#[test]
fn a_legacy_declaration_over_utf8_bytes_is_overruled() {
    let p = read_with(
        format!("<meta charset=\"windows-1251\"><p>{RU}</p>").as_bytes(),
        None,
    );
    assert_eq!(p.encoding, "UTF-8");
    assert_eq!(p.text, RU);
    assert!(p.warnings.contains(&"charset_mismatch".to_string()));
}

#[test]
fn a_utf8_declaration_over_legacy_bytes_is_overruled() {
    let html = format!("<meta charset=\"utf-8\"><h1>Промокоды</h1><p>{RU}</p><p>{RU}</p>");
    let p = read_with(&encode(WINDOWS_1251, &html), None);
    assert_eq!(p.encoding, "windows-1251");
    assert!(p.text.contains("Промокод ЛЕТО500"));
    assert!(p.warnings.contains(&"charset_mismatch".to_string()));
}

#[test]
fn invalid_bytes_are_replaced() {
    let mut bytes = b"<meta charset=utf-8><p>10% off \xFF\xFE code OK10 \xC3</p>".to_vec();
    bytes.extend_from_slice(&[0xE2, 0x82]);
    let p = read_with(&bytes, None);
    assert_eq!(p.encoding, "UTF-8");
    assert!(
        p.text
            .starts_with("10% off \u{FFFD}\u{FFFD} code OK10 \u{FFFD}"),
        "{:?}",
        p.text
    );

    // An unknown HTTP charset label is ignored, not fatal.
    let p = read_with(b"<p>caf\xE9 5 EUR</p>", Some("x-no-such-charset"));
    assert_eq!(p.text, "café 5 EUR");
}
