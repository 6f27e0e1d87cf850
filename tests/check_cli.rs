//! End-to-end tests of `fineprint check` through the binary: one cart, many
//! carts, exchange rates, and the behaviour on malformed terms, carts and
//! rates (a clear message naming file, line and field; everything else still
//! answered; non-zero exit at the end).

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const TERMS: &str = r#"{"id": "v-alc9", "code": "ALC9", "tiers": [{"discount": {"type": "percent", "percent": "15"}, "min_order": {"amount": "1980", "currency": "SAR"}, "max_discount": {"amount": "270", "currency": "SAR"}}], "usage": {"first_come_first_served": true}, "validity": {"ends": "2026-05-31T23:59:00-07:00", "time_zone": "America/Los_Angeles"}, "eligibility": {"regions": ["SA"]}}
{"id": "v-usd", "code": "USD5", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "5", "currency": "USD"}}, "min_order": {"amount": "20", "currency": "USD"}}], "validity": {"ends": "2026-12-31"}}
"#;

const CART: &str = r#"{"code": "ALC9", "at": "2026-05-25T10:00:00+03:00",
 "subtotal": {"amount": "2000", "currency": "SAR"},
 "store": "Xiaomi Official Store", "categories": ["electronics"],
 "region": "SA", "channel": "app", "new_customer": false,
 "payment_method": "PayPal", "in_stock": true}"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn fineprint(args: &[&std::ffi::OsStr], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fineprint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn one_cart_prints_one_object_of_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let terms = write(dir.path(), "terms.jsonl", TERMS);
    let cart = write(dir.path(), "cart.json", CART);
    let out = fineprint(
        &[
            os("check"),
            os("--terms"),
            terms.as_os_str(),
            os("--cart"),
            cart.as_os_str(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let r = &lines[0];
    assert_eq!(r["code"], "ALC9");
    assert_eq!(r["voucher_id"], "v-alc9");
    assert_eq!(r["verdict"], "applies");
    assert_eq!(
        r["discount"],
        serde_json::json!({"amount": "270", "currency": "SAR"})
    );
    assert_eq!(r["reasons"], serde_json::json!([]));
    assert_eq!(r["risks"][0]["code"], "first_come_first_served");
    assert!(!r["risks"][0]["message"].as_str().unwrap().is_empty());
    assert_eq!(r["risk_score"], 0.35);
}

#[test]
fn many_carts_are_answered_in_order_and_a_bad_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let terms = write(dir.path(), "terms.jsonl", TERMS);
    let carts = write(
        dir.path(),
        "carts.jsonl",
        concat!(
            r#"{"code": "USD5", "subtotal": {"amount": "25", "currency": "USD"}, "at": "2026-06-01T00:00:00Z"}"#,
            "\n",
            r#"{"code": "USD5", "subtotal": {"amount": "twenty", "currency": "USD"}}"#,
            "\n",
            "\n",
            r#"{"code": "ALC9", "subtotal": {"amount": "100", "currency": "SAR"}, "at": "2026-05-25T10:00:00+03:00", "region": "SA"}"#,
            "\n",
            r#"{"code": "NOPE", "subtotal": {"amount": "1", "currency": "USD"}}"#,
            "\n",
            r#"{"code": "USD5", "subtotal": {"amount": "25", "currency": "USD"}, "at": "2026-06-01T00:00:00Z""#,
            "\n",
            r#"{"code": "usd5", "subtotal": {"amount": "25", "currency": "USD"}}"#,
            "\n",
        ),
    );
    let out = fineprint(
        &[
            os("check"),
            os("--terms"),
            terms.as_os_str(),
            os("--carts"),
            carts.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("carts.jsonl: line 2: field `subtotal.amount`"),
        "{stderr}"
    );
    assert!(stderr.contains("carts.jsonl: line 6:"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6, "one line per cart, blank lines skipped");
    assert_eq!(lines[0]["verdict"], "applies");
    assert_eq!(lines[0]["discount"]["amount"], "5");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("subtotal.amount"));
    assert_eq!(
        lines[2]["reasons"],
        serde_json::json!(["min_order_not_met"])
    );
    assert_eq!(lines[3]["reasons"], serde_json::json!(["code_not_found"]));
    assert_eq!(lines[3]["voucher_id"], Value::Null);
    assert_eq!(lines[4]["line"], 6);
    // No time given: the end is open.
    assert_eq!(lines[5]["verdict"], "uncertain");
    assert_eq!(lines[5]["reasons"], serde_json::json!(["expired"]));
}

#[test]
fn a_bad_terms_line_is_named_and_the_others_still_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = TERMS.to_string();
    text.push_str(
        r#"{"id": "bad", "code": "BAD", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "1,980", "currency": "SAR"}}}]}"#,
    );
    text.push_str("\nnot json\n");
    let terms = write(dir.path(), "records.jsonl", &text);
    let out = fineprint(
        &[
            os("check"),
            os("--terms"),
            terms.as_os_str(),
            os("--carts"),
            os("-"),
        ],
        Some(concat!(
            r#"{"code": "USD5", "subtotal": {"amount": "25", "currency": "USD"}, "at": "2026-06-01T00:00:00Z"}"#,
            "\n",
            r#"{"code": "BAD", "subtotal": {"amount": "25", "currency": "SAR"}}"#,
            "\n"
        )),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("records.jsonl: line 3: field `tiers[0].discount.amount.amount`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("records.jsonl: line 4: not valid JSON"),
        "{stderr}"
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["verdict"], "applies");
    assert_eq!(lines[1]["reasons"], serde_json::json!(["code_not_found"]));
}

#[test]
fn a_bad_single_cart_is_named_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let terms = write(dir.path(), "terms.jsonl", TERMS);
    let cart = write(
        dir.path(),
        "cart.json",
        r#"{"code": "ALC9", "subtotal": {"amount": "1"}, "in_stock": "yes"}"#,
    );
    let out = fineprint(
        &[
            os("check"),
            os("--terms"),
            terms.as_os_str(),
            os("--cart"),
            cart.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cart.json: field `in_stock`"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn exchange_rates_convert_and_bad_rows_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let terms = write(dir.path(), "terms.jsonl", TERMS);
    let rates = write(
        dir.path(),
        "rates.csv",
        "currency,rate\nUSD,1\nSAR,0.25\nEUR,abc\nEURO,1.1\n",
    );
    let carts = concat!(
        r#"{"code": "ALC9", "subtotal": {"amount": "600", "currency": "USD"}, "at": "2026-05-25T10:00:00+03:00", "region": "SA"}"#,
        "\n",
        r#"{"code": "ALC9", "subtotal": {"amount": "600", "currency": "EUR"}, "at": "2026-05-25T10:00:00+03:00", "region": "SA"}"#,
        "\n"
    );
    let args = [
        os("check"),
        os("--terms"),
        terms.as_os_str(),
        os("--carts"),
        os("-"),
    ];
    // Without rates: open.
    let out = fineprint(&args, Some(carts));
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines[0]["verdict"], "uncertain");
    assert_eq!(
        lines[0]["reasons"],
        serde_json::json!(["currency_mismatch"])
    );
    assert_eq!(lines[0]["discount"], Value::Null);
    // With rates: 1980 SAR = 495 USD, 15% of 600 = 90, cap 270 SAR = 67.5 USD.
    let mut with_fx = args.to_vec();
    with_fx.extend([os("--fx"), rates.as_os_str()]);
    let out = fineprint(&with_fx, Some(carts));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("rates.csv: line 4, field `rate`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rates.csv: line 5, field `currency`"),
        "{stderr}"
    );
    let lines = json_lines(&out);
    assert_eq!(lines[0]["verdict"], "applies");
    assert_eq!(
        lines[0]["discount"],
        serde_json::json!({"amount": "67.5", "currency": "USD"})
    );
    // EUR had no usable rate: still open.
    assert_eq!(
        lines[1]["reasons"],
        serde_json::json!(["currency_mismatch"])
    );
}

#[test]
fn terms_may_be_a_json_array_and_input_errors_stop_early() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<Value> = TERMS
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let terms = write(
        dir.path(),
        "terms.json",
        &serde_json::to_string_pretty(&records).unwrap(),
    );
    let cart = write(dir.path(), "cart.json", CART);
    let out = fineprint(
        &[
            os("check"),
            os("--terms"),
            terms.as_os_str(),
            os("--cart"),
            cart.as_os_str(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_lines(&out)[0]["verdict"], "applies");

    // A missing terms file: a message naming it, exit 2.
    let missing = dir.path().join("nowhere.jsonl");
    let out = fineprint(
        &[
            os("check"),
            os("--terms"),
            missing.as_os_str(),
            os("--cart"),
            cart.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere.jsonl"));

    // Neither --cart nor --carts: a usage error.
    let out = fineprint(&[os("check"), os("--terms"), terms.as_os_str()], None);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
}
