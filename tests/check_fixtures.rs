//! Scores `fineprint check` on the hand-made fixture suite of
//! `tests/fixtures/check/`: 27 records and ~140 carts, each with its expected
//! verdict, reasons, discount and risks. The suite runs twice: through the
//! library and through the binary (`--carts`, as downstream verifiers call
//! it). Every expectation was written from the rules, not from the output.

use fineprint::check::{self, terms, Cart, Rates};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn lines(name: &str) -> Vec<Value> {
    std::fs::read_to_string(fixture(name))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Scores of answers against expectations.
#[derive(Default, Debug)]
struct Score {
    carts: usize,
    verdicts: usize,
    discounts: usize,
    risks: usize,
    reasons_expected: usize,
    reasons_given: usize,
    reasons_right: usize,
    misses: Vec<String>,
}

fn codes(v: &Value, key: &str) -> BTreeSet<String> {
    v[key]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|r| match r {
            Value::String(s) => s.clone(),
            other => other["code"].as_str().unwrap_or("").to_string(),
        })
        .collect()
}

fn same_money(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Object(_), Value::Object(_)) => {
            let amount = |v: &Value| v["amount"].as_str().and_then(|s| Decimal::from_str(s).ok());
            amount(a).is_some() && amount(a) == amount(b) && a["currency"] == b["currency"]
        }
        _ => false,
    }
}

impl Score {
    fn add(&mut self, note: &str, got: &Value, expect: &Value) {
        self.carts += 1;
        let mut wrong = Vec::new();
        if got["verdict"] == expect["verdict"] {
            self.verdicts += 1;
        } else {
            wrong.push(format!(
                "verdict {} (want {})",
                got["verdict"], expect["verdict"]
            ));
        }
        if same_money(&got["discount"], &expect["discount"]) {
            self.discounts += 1;
        } else {
            wrong.push(format!(
                "discount {} (want {})",
                got["discount"], expect["discount"]
            ));
        }
        let (g, e) = (codes(got, "reasons"), codes(expect, "reasons"));
        self.reasons_given += g.len();
        self.reasons_expected += e.len();
        self.reasons_right += g.intersection(&e).count();
        if g != e {
            wrong.push(format!("reasons {g:?} (want {e:?})"));
        }
        let (g, e) = (codes(got, "risks"), codes(expect, "risks"));
        if g == e {
            self.risks += 1;
        } else {
            wrong.push(format!("risks {g:?} (want {e:?})"));
        }
        if !wrong.is_empty() {
            self.misses.push(format!("{note}: {}", wrong.join("; ")));
        }
    }

    fn report(&self, label: &str) {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        eprintln!(
            "{label}: carts {} verdict {:.3} reason precision {:.3} recall {:.3} discount {:.3} risks {:.3}",
            self.carts,
            ratio(self.verdicts, self.carts),
            ratio(self.reasons_right, self.reasons_given),
            ratio(self.reasons_right, self.reasons_expected),
            ratio(self.discounts, self.carts),
            ratio(self.risks, self.carts),
        );
        assert!(self.carts >= 10, "{label}: suite too small");
        assert!(
            self.misses.is_empty(),
            "{label}: {} of {} carts wrong:\n{}",
            self.misses.len(),
            self.carts,
            self.misses.join("\n")
        );
    }
}

fn score_library(carts_file: &str, fx: Option<&Rates>) -> Score {
    let text = std::fs::read_to_string(fixture("records.jsonl")).unwrap();
    let (records, errors) = terms::read_records(&text);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), 27);
    let mut score = Score::default();
    for row in lines(carts_file) {
        let cart = Cart::from_value(&row["cart"]).unwrap();
        let result = check::check(&records, &cart, fx);
        let got = serde_json::to_value(&result).unwrap();
        score.add(row["note"].as_str().unwrap(), &got, &row["expect"]);
    }
    score
}

fn rates() -> Rates {
    let (rates, errors) = Rates::read_csv(std::fs::File::open(fixture("rates.csv")).unwrap());
    assert!(errors.is_empty(), "{errors:?}");
    rates
}

#[test]
fn fixture_suite_through_the_library() {
    score_library("carts.jsonl", None).report("library");
}

#[test]
fn fixture_suite_with_exchange_rates_through_the_library() {
    score_library("carts_fx.jsonl", Some(&rates())).report("library --fx");
}

fn score_binary(carts_file: &str, fx: bool) -> Score {
    let dir = tempfile::tempdir().unwrap();
    let rows = lines(carts_file);
    let carts_path = dir.path().join("carts.jsonl");
    let body: Vec<String> = rows.iter().map(|r| r["cart"].to_string()).collect();
    std::fs::write(&carts_path, body.join("\n") + "\n").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fineprint"));
    cmd.arg("check")
        .arg("--terms")
        .arg(fixture("records.jsonl"))
        .arg("--carts")
        .arg(&carts_path);
    if fx {
        cmd.arg("--fx").arg(fixture("rates.csv"));
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), rows.len(), "one answer per cart");
    let mut score = Score::default();
    for (row, got) in rows.iter().zip(&answers) {
        assert_eq!(got["code"], row["cart"]["code"], "answers in cart order");
        score.add(row["note"].as_str().unwrap(), got, &row["expect"]);
    }
    score
}

#[test]
fn fixture_suite_through_the_binary() {
    score_binary("carts.jsonl", false).report("binary");
}

#[test]
fn fixture_suite_with_exchange_rates_through_the_binary() {
    score_binary("carts_fx.jsonl", true).report("binary --fx");
}
