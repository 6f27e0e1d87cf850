//! The raw currency strings of the price-parser suite (`"€"`, `"руб."`,
//! `"US$"`) mapped to the ISO codes a parser may rightly give for them. A raw
//! string not listed here is not checked; an ambiguous one (`$`, `kr`, `Rs`)
//! accepts any of its readings.

const TABLE: &[(&str, &[&str])] = &[
    ("€", &["EUR"]),
    ("euro", &["EUR"]),
    (
        "$",
        &[
            "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "TWD", "UYU",
            "BRL",
        ],
    ),
    ("US$", &["USD"]),
    ("Kč", &["CZK"]),
    ("£", &["GBP"]),
    ("₤", &["GBP", "ITL"]),
    ("руб.", &["RUB", "BYN"]),
    ("руб", &["RUB", "BYN"]),
    ("р.", &["RUB", "BYN"]),
    ("Р", &["RUB"]),
    ("₽", &["RUB"]),
    ("zł", &["PLN"]),
    ("Zł", &["PLN"]),
    ("pln", &["PLN"]),
    ("R$", &["BRL"]),
    ("грн.", &["UAH"]),
    ("грн", &["UAH"]),
    ("₴", &["UAH"]),
    ("Rp", &["IDR"]),
    ("lei", &["RON", "MDL"]),
    ("Lei", &["RON", "MDL"]),
    ("LEI", &["RON", "MDL"]),
    ("₫", &["VND"]),
    ("đ", &["VND"]),
    ("Ft", &["HUF"]),
    ("TL", &["TRY"]),
    ("₺", &["TRY"]),
    ("kr", &["SEK", "NOK", "DKK", "ISK"]),
    ("Fr.", &["CHF"]),
    ("₪", &["ILS"]),
    ("Rs", &["INR", "PKR", "LKR", "NPR", "MUR", "SCR"]),
    ("₹", &["INR"]),
    ("C$", &["CAD", "NIO"]),
    ("CA$", &["CAD"]),
    ("A$", &["AUD"]),
    ("AU$", &["AUD"]),
    ("NT$", &["TWD"]),
    ("MX$", &["MXN"]),
    ("лв.", &["BGN"]),
    ("лв", &["BGN"]),
    ("Br", &["BYN", "ETB"]),
    ("KD", &["KWD"]),
    ("RM", &["MYR"]),
    ("원", &["KRW"]),
    ("円", &["JPY"]),
    ("₱", &["PHP"]),
    ("฿", &["THB"]),
    ("درهم", &["AED", "MAD"]),
    ("ريال", &["SAR", "QAR", "OMR", "YER", "IRR"]),
    ("ریال", &["IRR"]),
    ("جنيه", &["EGP", "SDG", "GBP"]),
];

/// The ISO codes that may stand for a raw currency string: a three-letter
/// upper-case code stands for itself; else the table; else `None` (not
/// checked).
pub fn codes(raw: &str) -> Option<Vec<String>> {
    let raw = raw.trim();
    if raw.len() == 3 && raw.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(vec![raw.to_string()]);
    }
    TABLE
        .iter()
        .find(|(r, _)| *r == raw)
        .map(|(_, codes)| codes.iter().map(|c| c.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_map_to_codes() {
        assert_eq!(codes("EUR"), Some(vec!["EUR".to_string()]));
        assert_eq!(codes("€"), Some(vec!["EUR".to_string()]));
        assert!(codes("$").unwrap().contains(&"CAD".to_string()));
        assert_eq!(codes("₶"), None);
    }

    #[test]
    fn the_table_has_no_duplicate_and_only_iso_shaped_codes() {
        let mut seen = std::collections::BTreeSet::new();
        for (raw, codes) in TABLE {
            assert!(seen.insert(*raw), "{raw} twice");
            assert!(!codes.is_empty());
            for c in *codes {
                assert!(
                    c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()),
                    "{c}"
                );
            }
        }
    }
}
