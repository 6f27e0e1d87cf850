//! Table-driven date tests per language.

use super::*;
use crate::lexicon::{DateOrder, Lexicon};

fn run(lang: &str, text: &str, as_of: &str) -> Vec<(String, String)> {
    let lex = Lexicon::load(None).unwrap();
    let li = lex.language_index(lang).unwrap();
    let order = lex.languages[li].date_order;
    let folded = crate::text::fold(text);
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
    find_dates(&lex, &folded, as_of, order, Some(&[li]))
        .into_iter()
        .map(|d| (folded[d.start..d.end].to_string(), d.value.to_string()))
        .collect()
}

#[test]
fn english_table() {
    let cases: &[(&str, &[&str])] = &[
        ("Valid until May 31, 2026", &["2026-05-31"]),
        (
            "Expires 06/30/2026 11:59 PM PT",
            &["2026-06-30T23:59:00-07:00"],
        ),
        ("Offer ends 31st of December 2026", &["2026-12-31"]),
        (
            "Valid from June 1 to June 15",
            &["2026-06-01", "2026-06-15"],
        ),
        ("from 20 to 31 May 2026", &["2026-05-20", "2026-05-31"]),
        (
            "ends Jan 5 at 23:59 (GMT+8)",
            &["2027-01-05T23:59:00+08:00"],
        ),
        ("2026-05-31T15:59:59Z", &["2026-05-31T15:59:59+00:00"]),
        ("Nov 30 11:59pm EST", &["2026-11-30T23:59:00-05:00"]),
        ("You may not combine this. Save $5.", &[]),
        ("Price $3.99 and 10.05 each", &[]),
    ];
    for (text, want) in cases {
        let got: Vec<String> = run("en", text, "2026-05-20")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(&got, want, "{text}");
    }
    let _ = DateOrder::Dmy;
}
