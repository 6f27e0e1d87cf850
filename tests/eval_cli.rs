//! `fineprint eval` through the binary, on the fixture corpus of
//! `tests/fixtures/eval/` copied to a temp dir: the report's shape, `--lang`,
//! broken gold files, and the proof that the eval can fail (one gold amount
//! changed lowers the F1, and `--min-f1` at the old score then fails).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), dir.path());
    dir
}

fn eval(dir: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fineprint"))
        .arg("eval")
        .arg(dir)
        .args(extra)
        .output()
        .unwrap()
}

fn json_report(dir: &Path) -> Value {
    let out = eval(dir, &["--format", "json", "--verbose"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The gold money values (`tiers[k].<field>`) of every gold file: (gold file,
/// voucher index, tier index, field).
fn gold_amounts(dir: &Path) -> Vec<(PathBuf, usize, usize, &'static str)> {
    let mut found = Vec::new();
    for lang in ["en", "es"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(lang))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
            .collect();
        files.sort();
        for f in files {
            let g: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            for (i, r) in g["records"].as_array().unwrap().iter().enumerate() {
                for (k, t) in r["tiers"].as_array().into_iter().flatten().enumerate() {
                    for field in ["discount.amount", "min_order", "max_discount"] {
                        let v = match field {
                            "discount.amount" => &t["discount"]["amount"],
                            _ => &t[field],
                        };
                        if v.is_object() {
                            found.push((f.clone(), i, k, field));
                        }
                    }
                }
            }
        }
    }
    found
}

fn overall_f1(report: &Value) -> f64 {
    report["overall"]["f1"].as_f64().expect("an overall F1")
}

#[test]
fn a_changed_gold_amount_lowers_f1_and_fails_min_f1() {
    let pristine = corpus_copy();
    let report = json_report(pristine.path());
    let old = overall_f1(&report);
    let misses = report["misses"].as_array().unwrap();

    // An amount the eval counts as right: no miss on that page, voucher, field.
    let right = gold_amounts(pristine.path())
        .into_iter()
        .find(|(file, i, k, field)| {
            let page = file
                .strip_prefix(pristine.path())
                .unwrap()
                .to_string_lossy()
                .replace(".gold.json", ".html");
            let path = format!("tiers[{k}].{field}");
            !misses.iter().any(|m| {
                m["file"] == page.as_str() && m["gold_voucher"] == *i && m["field"] == path.as_str()
            }) && !misses.iter().any(|m| {
                m["file"] == page.as_str()
                    && m["gold_voucher"] == *i
                    && m["produced_voucher"].is_null()
            })
        });
    let Some((file, i, k, field)) = right else {
        panic!(
            "the extractor got no gold amount of the fixture pages right (F1 {old}), so a \
             mutation cannot be shown to lower the score; misses: {misses:#?}"
        );
    };

    let mutated = corpus_copy();
    let target = mutated
        .path()
        .join(file.strip_prefix(pristine.path()).unwrap());
    let mut gold: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    let tier = &mut gold["records"][i]["tiers"][k];
    let money = match field {
        "discount.amount" => &mut tier["discount"]["amount"],
        _ => &mut tier[field],
    };
    let amount: rust_decimal::Decimal = money["amount"].as_str().unwrap().parse().unwrap();
    money["amount"] = Value::String((amount + rust_decimal::Decimal::from(7)).to_string());
    std::fs::write(&target, serde_json::to_string_pretty(&gold).unwrap()).unwrap();

    let after = json_report(mutated.path());
    let new = overall_f1(&after);
    assert!(
        new < old,
        "F1 {new} after changing {field} of {} is not below {old}",
        target.display()
    );
    assert!(after["misses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["field"] == format!("tiers[{k}].{field}").as_str()));

    let threshold = old.to_string();
    let fail = eval(mutated.path(), &["--min-f1", &threshold]);
    assert_eq!(
        fail.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&fail.stderr)
    );
    assert!(String::from_utf8_lossy(&fail.stderr).contains("below --min-f1"));
    let pass = eval(pristine.path(), &["--min-f1", &threshold]);
    assert_eq!(
        pass.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&pass.stderr)
    );
}

#[test]
fn the_text_report_has_every_field_and_language() {
    let dir = corpus_copy();
    let out = eval(dir.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("pages 3  languages 2  errors 0"), "{text}");
    for needle in [
        "vouchers  gold 2",
        "tiers.min_order",
        "validity.time_zone",
        "eligibility.payment_methods",
        "overall (micro)",
        "\nen ",
        "\nes ",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }
}

#[test]
fn json_counts_add_up_and_lang_restricts() {
    let dir = corpus_copy();
    let all = json_report(dir.path());
    assert_eq!(all["pages"], 3);
    assert_eq!(all["vouchers"]["gold"], 2);
    let fields = all["fields"].as_object().unwrap();
    assert_eq!(fields.len(), 26);
    for key in ["tp", "fp", "fn"] {
        let sum: u64 = fields.values().map(|c| c[key].as_u64().unwrap()).sum();
        assert_eq!(sum, all["overall"][key].as_u64().unwrap(), "{key}");
    }
    // Every stated gold value is either found (tp) or missed (fn).
    let en = &all["languages"]["en"];
    let es = &all["languages"]["es"];
    let gold_values =
        |c: &Value| c["overall"]["tp"].as_u64().unwrap() + c["overall"]["fn"].as_u64().unwrap();
    assert_eq!(gold_values(en), 7); // code, title, type, amount, min_order, ends, per_user
    assert_eq!(gold_values(es), 6); // code, title, type, percent, min_order, ends

    let out = eval(dir.path(), &["--lang", "es", "--format", "json"]);
    let es_only: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(es_only["pages"], 1);
    assert_eq!(es_only["languages"].as_object().unwrap().len(), 1);
    assert_eq!(es_only["overall"], es["overall"]);
}

#[test]
fn a_broken_gold_file_is_reported_and_fails_the_run() {
    let dir = corpus_copy();
    std::fs::write(
        dir.path().join("en/no-voucher.gold.json"),
        "{\"as_of\": \"2026-05-20\", \"recrods\": []}",
    )
    .unwrap();
    std::fs::write(dir.path().join("es/extra.html"), "<p>no gold</p>").unwrap();
    let out = eval(dir.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors
        .iter()
        .any(|e| e.as_str().unwrap().contains("es/extra.html")));
    assert!(errors
        .iter()
        .any(|e| e.as_str().unwrap().contains("no-voucher.gold.json")));
    // the other pages are still scored
    assert_eq!(report["pages"], 2);
}

#[test]
fn an_empty_corpus_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = eval(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pages with gold"));
}
