//! `fineprint conformance` through the binary on a small suite directory,
//! with a stand-in probe program whose answers are fixed, so every figure
//! the runner prints can be checked by hand: the scoring rules, the batching
//! (one process per suite, one per reference date for dates), a failing
//! probe reported as an error line, and the known-failures list.
//!
//! A last test runs the real `parse money` on the same suites and checks
//! only what does not depend on the parser's quality.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const PRICE: &str = r#"{"id": "pp-0001", "lang": null, "text": "US$:12.99", "currency_hint": null, "decimal_separator": null, "expect": {"amount": "12.99", "currency_raw": "US$", "amount_text": "12.99", "currency_in_text": true}}
{"id": "pp-0002", "lang": null, "text": "Out of stock", "currency_hint": null, "decimal_separator": null, "expect": {"amount": null, "currency_raw": null, "amount_text": null, "currency_in_text": null}}
{"id": "pp-0003", "lang": null, "text": "1.235,50 €", "currency_hint": null, "decimal_separator": null, "expect": {"amount": "1235.50", "currency_raw": "€", "amount_text": "1.235,50", "currency_in_text": true}}
{"id": "pp-0004", "lang": null, "text": "12,50", "currency_hint": null, "decimal_separator": ",", "expect": {"amount": "12.50", "currency_raw": null, "amount_text": "12,50", "currency_in_text": null}}
{"id": "pp-0005", "lang": null, "text": "AED 8000 (USD 2179)", "currency_hint": null, "decimal_separator": null, "expect": {"amount": "8000", "currency_raw": "AED", "amount_text": "8000", "currency_in_text": true}}
"#;

// Answers for the 4 scored texts (pp-0004 is skipped): right; nothing (right);
// wrong amount, right currency; two mentions printed out of order, the first
// by position is right.
const PRICE_OUT: &str = r#"{"text":"US$:12.99","start":0,"end":9,"amount":"12.99","currency":"USD","line":1}
{"text":"1.235,50 €","start":0,"end":10,"amount":"1.2355","currency":"EUR","line":3}
{"text":"USD 2179","start":10,"end":18,"amount":"2179","currency":"USD","line":4}
{"text":"AED 8000","start":0,"end":8,"amount":"8000","currency":"AED","line":4}
"#;

const RT_MONEY: &str = r#"{"id": "rt-en-0001", "lang": "en", "text": "pay $ 75 million now", "supported": true, "resolution_checked": true, "expect": {"mentions": [{"text": "$ 75 million", "amount": "75000000", "currency": null, "unit": "Dollar"}]}}
{"id": "rt-en-0002", "lang": "en", "text": "it rose 1.20 cents and 20 euros", "supported": true, "resolution_checked": true, "expect": {"mentions": [{"text": "1.20 cents", "amount": "1.2", "currency": null, "unit": "Cent"}, {"text": "20 euros", "amount": "20", "currency": "EUR", "unit": "Euro"}]}}
{"id": "rt-en-0003", "lang": "en", "text": "the dollar fell", "supported": false, "resolution_checked": true, "expect": {"mentions": [{"text": "dollar", "amount": null, "currency": null, "unit": "Dollar"}]}}
"#;

// Case 1 right (no currency expected); case 2: cents given in dollars (right)
// but the euros read as GBP (wrong); case 3: a mention beside the expected one.
const RT_MONEY_OUT: &str = r#"{"text":"$ 75 million","start":4,"end":16,"amount":"75000000","currency":"USD","line":1}
{"text":"1.20 cents","start":8,"end":18,"amount":"0.012","currency":"USD","line":2}
{"text":"20 euros","start":23,"end":31,"amount":"20","currency":"GBP","line":2}
{"text":"fell","start":11,"end":15,"amount":"1","currency":null,"line":3}
"#;

const DUCKLING: &str = r#"{"id": "dk-nb-0001", "lang": "nb", "locale": null, "kind": "simple", "text": "$1", "expect": {"amount": "1", "currency": null, "currency_name": "Dollar"}}
{"id": "dk-nb-0002", "lang": "nb", "locale": null, "kind": "simple", "text": "10 cent", "expect": {"amount": "10", "currency": null, "currency_name": "Cent"}}
{"id": "dk-nb-0003", "lang": "nb", "locale": null, "kind": "between", "text": "mellom 10 og 20 kroner", "expect": {"amount": null, "min": "10", "max": "20", "currency": "NOK", "currency_name": "NOK"}}
{"id": "dk-nb-0004", "lang": "nb", "locale": null, "kind": "negative", "text": "kroner", "expect": {"amount": null, "currency": null, "currency_name": null}}
{"id": "dk-nb-0005", "lang": "nb", "locale": null, "kind": "simple", "text": "3 euro", "expect": {"amount": "3", "currency": "EUR", "currency_name": "EUR"}}
"#;

// right; cents in the main unit (right); both bounds (right); a mention on
// a negative line (wrong); the wrong currency (wrong).
const DUCKLING_OUT: &str = r#"{"text":"$1","start":0,"end":2,"amount":"1","currency":"USD","line":1}
{"text":"10 cent","start":0,"end":7,"amount":"0.10","currency":null,"line":2}
{"text":"10","start":7,"end":9,"amount":"10","currency":"NOK","line":3}
{"text":"20 kroner","start":13,"end":22,"amount":"20","currency":"NOK","line":3}
{"text":"kroner","start":0,"end":6,"amount":null,"currency":"NOK","line":4}
{"text":"3 euro","start":0,"end":6,"amount":"3","currency":"USD","line":5}
"#;

const DATES: &str = r#"{"id": "rtd-en-0001", "lang": "en", "text": "I'll go back Oct. 2", "reference": "2016-11-07T00:00:00", "supported": true, "expect": {"mentions": [{"text": "Oct. 2", "date": "2017-10-02", "past_date": "2016-10-02", "timex": "XXXX-10-02", "kind": "yearless"}]}}
{"id": "rtd-en-0002", "lang": "en", "text": "back on 12 January 2016", "reference": null, "supported": true, "expect": {"mentions": [{"text": "12 January 2016", "date": "2016-01-12", "timex": "2016-01-12", "kind": "absolute"}]}}
{"id": "rtd-en-0003", "lang": "en", "text": "see you Sep 30", "reference": "2017-09-28T00:00:00", "supported": true, "expect": {"mentions": [{"text": "Sep 30", "date": "2017-09-30", "past_date": "2016-09-30", "timex": "XXXX-09-30", "kind": "yearless"}]}}
{"id": "rtd-en-0004", "lang": "en", "text": "on March 3, 2015 and April 5, 2015", "reference": "2017-09-28T00:00:00", "supported": false, "expect": {"mentions": [{"text": "March 3, 2015", "date": "2015-03-03", "timex": "2015-03-03", "kind": "absolute"}, {"text": "April 5, 2015", "date": "2015-04-05", "timex": "2015-04-05", "kind": "absolute"}]}}
"#;

// Run with --as-of 2016-11-07: case 1, then case 2 (no reference, absolute:
// rides with the largest group, the earliest date on a tie). Both right.
const DATES_2016: &str = r#"{"text":"Oct. 2","start":13,"end":19,"value":"2017-10-02","line":1}
{"text":"12 January 2016","start":8,"end":23,"value":"2016-01-12T00:00:00","line":2}
"#;

// Run with --as-of 2017-09-28: case 3 (the wrong year), case 4 (one of two).
const DATES_2017: &str = r#"{"text":"Sep 30","start":8,"end":14,"value":"2018-09-30","line":1}
{"text":"March 3, 2015","start":3,"end":16,"value":"2015-03-03","line":2}
"#;

/// A stand-in for `fineprint parse`: answers by its arguments with a fixed
/// file, after reading all of standard input.
const FAKE_PROBE: &str = r#"#!/bin/sh
cat > /dev/null
d="$(dirname "$0")"
case "$*" in
  "parse money --bare-numbers -") cat "$d/pp.out" ;;
  "parse money --lang en -") cat "$d/rt.out" ;;
  "parse money -") cat "$d/dk.out" ;;
  "parse date --lang en --as-of 2016-11-07 -") cat "$d/d2016.out" ;;
  "parse date --lang en --as-of 2017-09-28 -") cat "$d/d2017.out" ;;
  *) echo "fake probe: unexpected arguments: $*" >&2; exit 2 ;;
esac
"#;

fn setup(with_price_support: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let suites = dir.path().join("suites");
    std::fs::create_dir(&suites).unwrap();
    for (name, body) in [
        ("money_price_parser.jsonl", PRICE),
        ("money_recognizers_en.jsonl", RT_MONEY),
        ("money_duckling_nb.jsonl", DUCKLING),
        ("dates_recognizers_en.jsonl", DATES),
        ("README.md", "not a suite"),
    ] {
        std::fs::write(suites.join(name), body).unwrap();
    }
    let probe = dir.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    for (name, body) in [
        ("rt.out", RT_MONEY_OUT),
        ("dk.out", DUCKLING_OUT),
        ("d2016.out", DATES_2016),
        ("d2017.out", DATES_2017),
    ] {
        std::fs::write(probe.join(name), body).unwrap();
    }
    let script = if with_price_support {
        std::fs::write(probe.join("pp.out"), PRICE_OUT).unwrap();
        FAKE_PROBE.to_string()
    } else {
        FAKE_PROBE.replace(
            "\"parse money --bare-numbers -\")",
            "\"no such arguments\")",
        )
    };
    let exe = probe.join("fake-fineprint");
    std::fs::write(&exe, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

fn conformance(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fineprint"))
        .arg("conformance")
        .arg(dir.join("suites"))
        .arg("--probe-exe")
        .arg(dir.join("probe/fake-fineprint"))
        .arg("--known-failures")
        .arg(dir.join("known.txt"))
        .args(extra)
        .output()
        .unwrap()
}

fn suite<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["suites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["suite"] == name)
        .unwrap_or_else(|| panic!("no suite {name} in {doc:#}"))
}

fn tally(v: &Value) -> (u64, u64) {
    (v["cases"].as_u64().unwrap(), v["correct"].as_u64().unwrap())
}

#[test]
fn figures_follow_the_scoring_rules() {
    let dir = setup(true);
    let out = conformance(dir.path(), &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["suites"].as_array().unwrap().len(), 4);

    let pp = suite(&doc, "money_price_parser");
    assert_eq!(tally(pp), (4, 3));
    assert_eq!(pp["skipped"], 1);
    assert_eq!(tally(&pp["amount"]), (4, 3));
    assert_eq!(tally(&pp["currency"]), (3, 3));
    assert_eq!(pp["processes"], 1);

    let rt = suite(&doc, "money_recognizers_en");
    assert_eq!(tally(rt), (3, 1));
    assert_eq!(rt["narrowed"], true);
    assert_eq!(rt["mentions"]["expected"], 4);
    assert_eq!(rt["mentions"]["produced"], 4);
    assert_eq!(rt["mentions"]["correct"], 2);
    assert_eq!(rt["mentions"]["precision"], 0.5);
    assert_eq!(tally(&rt["supported"]), (2, 1));
    assert_eq!(tally(&rt["digit_mentions"]), (3, 2));

    let dk = suite(&doc, "money_duckling_nb");
    assert_eq!(tally(dk), (5, 3));
    assert_eq!(dk["narrowed"], false);

    let dates = suite(&doc, "dates_recognizers_en");
    assert_eq!(tally(dates), (4, 2));
    assert_eq!(dates["processes"], 2);
    assert_eq!(dates["mentions"]["expected"], 5);
    assert_eq!(dates["mentions"]["produced"], 4);
    assert_eq!(dates["mentions"]["correct"], 3);
    assert_eq!(tally(&dates["supported"]), (3, 2));
    assert_eq!(tally(&dates["date_kinds"]["absolute"]), (3, 2));
    assert_eq!(tally(&dates["date_kinds"]["yearless"]), (2, 1));

    assert_eq!(tally(&doc["totals"]), (16, 9));
}

#[test]
fn the_text_report_has_one_line_per_suite() {
    let dir = setup(true);
    let out = conformance(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name} in\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    // suite lang --lang cases correct acc prec rec
    assert_eq!(line("money_price_parser")[3..6], ["4", "3", "0.750"]);
    assert_eq!(
        line("money_recognizers_en")[1..8],
        ["en", "yes", "3", "1", "0.333", "0.500", "0.500"]
    );
    assert_eq!(
        line("money_duckling_nb")[1..6],
        ["nb", "no", "5", "3", "0.600"]
    );
    assert_eq!(
        line("dates_recognizers_en")[3..8],
        ["4", "2", "0.500", "0.750", "0.600"]
    );
    assert_eq!(line("all")[1..4], ["16", "9", "0.562"]);
}

#[test]
fn verbose_lists_each_failing_case_with_expected_and_found() {
    let dir = setup(true);
    let out = conformance(dir.path(), &["--verbose"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let at = text.find("  pp-0003 ").expect("pp-0003 listed");
    let block: Vec<&str> = text[at..].lines().take(3).collect();
    assert!(block[1].contains("first amount 1235.50 €"), "{block:?}");
    assert!(block[2].contains("\"1.235,50 €\" 1.2355 EUR"), "{block:?}");
    assert!(text.contains("dates_recognizers_en: 2 failing"));
    assert!(!text.contains("  pp-0001 "), "a passing case is not listed");
    let quiet = String::from_utf8(conformance(dir.path(), &[]).stdout).unwrap();
    assert!(!quiet.contains("pp-0003"));
}

#[test]
fn a_failing_probe_is_an_error_line_and_the_rest_still_runs() {
    let dir = setup(false);
    let out = conformance(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let pp = text
        .lines()
        .find(|l| l.starts_with("money_price_parser"))
        .unwrap();
    assert!(
        pp.contains("ERROR") && pp.contains("unexpected arguments"),
        "{pp}"
    );
    assert!(text
        .lines()
        .any(|l| l.starts_with("money_duckling_nb") && l.contains(" 5 ")));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not be run"));
}

#[test]
fn the_known_failures_list_is_kept_honest() {
    let dir = setup(true);
    let known = dir.path().join("known.txt");
    // --strict without a list: every failure is new
    assert_eq!(
        conformance(dir.path(), &["--strict"]).status.code(),
        Some(1)
    );

    let out = conformance(dir.path(), &["--update-known-failures"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = std::fs::read_to_string(&known).unwrap();
    let ids: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(ids.len(), 16 - 9);
    assert!(ids.contains(&"pp-0003") && ids.contains(&"rtd-en-0003"));
    assert_eq!(
        conformance(dir.path(), &["--strict"]).status.code(),
        Some(0)
    );

    // a listed case that passes, and a failing case taken off the list
    let edited = list.replace("pp-0003\n", "") + "pp-0001\n";
    std::fs::write(&known, edited).unwrap();
    let out = conformance(dir.path(), &["--strict", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["known_failures"]["now_passing"],
        serde_json::json!(["pp-0001"])
    );
    assert_eq!(
        doc["known_failures"]["new_failures"],
        serde_json::json!(["pp-0003"])
    );
    // without --strict it is a report, not a failure
    assert_eq!(conformance(dir.path(), &[]).status.code(), Some(0));
}

#[test]
fn only_runs_the_named_suites() {
    let dir = setup(true);
    let out = conformance(dir.path(), &["--only", "duckling", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["suites"].as_array().unwrap().len(), 1);
    assert_eq!(tally(&doc["totals"]), (5, 3));
}

/// The real parser on the same suites: the counts of cases are fixed by the
/// suites whatever the parser finds, and each suite either scores or says why
/// it could not.
#[test]
fn the_real_parser_runs_every_suite() {
    let dir = setup(true);
    let out = Command::new(env!("CARGO_BIN_EXE_fineprint"))
        .arg("conformance")
        .arg(dir.path().join("suites"))
        .arg("--known-failures")
        .arg(dir.path().join("known.txt"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (name, cases) in [
        ("money_price_parser", 4),
        ("money_recognizers_en", 3),
        ("money_duckling_nb", 5),
        ("dates_recognizers_en", 4),
    ] {
        let s = suite(&doc, name);
        if s["error"].is_null() {
            assert_eq!(s["cases"], cases, "{name}");
            assert!(s["correct"].as_u64().unwrap() <= cases, "{name}");
        } else {
            assert_eq!(s["cases"], 0, "{name}");
            assert_eq!(out.status.code(), Some(2));
        }
    }
}
