//! End-to-end tests of `fineprint extract` through the binary: the record
//! contract (every record validates against schema/record.schema.json), the
//! writers (JSONL, JSON, CSV with the formula guard), and bad inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fineprint"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run fineprint")
}

#[test]
fn every_record_of_the_corpus_validates_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/record.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let out = run(&[
        "extract",
        "--as-of",
        "2026-05-20",
        root().join("corpus").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut n = 0;
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{line}");
        n += 1;
    }
    assert!(n >= 50, "the corpus yields many records, got {n}");
}

#[test]
fn ids_are_stable_across_runs() {
    let page = root().join("corpus/en");
    let a = run(&["extract", "--as-of", "2026-05-20", page.to_str().unwrap()]);
    let b = run(&["extract", "--as-of", "2026-05-20", page.to_str().unwrap()]);
    assert_eq!(a.stdout, b.stdout, "same pages, same output, same order");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const PAGE: &str = "<html lang=\"en\"><body><h2>$5 off orders over $50</h2><p>Use code SAVE5NOW. Valid until May 31, 2026. Limit 1 per customer.</p></body></html>";

#[test]
fn bad_inputs_are_reported_one_line_each_and_good_ones_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.html", PAGE.as_bytes());
    let empty = write(dir.path(), "empty.html", b"");
    let binary = write(
        dir.path(),
        "junk.html",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0],
    );
    let latin = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9: 10 \x80 de r\xe9duction avec le code CAFE10",
    );
    let missing = dir.path().join("missing.html");
    let out = run(&[
        "extract",
        "--as-of",
        "2026-05-20",
        good.to_str().unwrap(),
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        latin.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per bad input: {stderr}");
    assert!(lines
        .iter()
        .any(|l| l.contains("empty.html") && l.contains("empty")));
    assert!(lines
        .iter()
        .any(|l| l.contains("junk.html") && l.contains("binary")));
    assert!(lines.iter().any(|l| l.contains("missing.html")));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"code\":\"SAVE5NOW\""), "{stdout}");
    assert!(
        stdout.contains("\"code\":\"CAFE10\""),
        "invalid UTF-8 is decoded, not fatal: {stdout}"
    );
}

#[test]
fn a_directory_of_mixed_files_reads_only_pages() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.html", PAGE.as_bytes());
    write(dir.path(), "notes.md", b"# not a page");
    write(dir.path(), "image.png", &[137, 80, 78, 71, 0, 0]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write(
        &dir.path().join("sub"),
        "b.htm",
        PAGE.replace("SAVE5NOW", "SUB5CODE").as_bytes(),
    );
    let out = run(&[
        "extract",
        "--as-of",
        "2026-05-20",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.contains("SAVE5NOW") && stdout.contains("SUB5CODE"));
}

#[test]
fn stdin_json_and_csv_outputs() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let out_json = dir.path().join("v.json");
    let mut child = bin()
        .args([
            "extract",
            "--as-of",
            "2026-05-20",
            "--format",
            "json",
            "--out",
            out_json.to_str().unwrap(),
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PAGE.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    let r = &v.as_array().unwrap()[0];
    assert_eq!(r["code"], "SAVE5NOW");
    assert_eq!(r["tiers"][0]["min_order"]["amount"], "50");
    assert_eq!(r["validity"]["ends"], "2026-05-31");
    assert_eq!(r["usage"]["per_user"], 1);

    let dir2 = tempfile::tempdir().unwrap();
    let page = write(
        dir2.path(),
        "p.html",
        PAGE.replace("SAVE5NOW", "=SUM(A1)").as_bytes(),
    );
    let _ = page;
    let page = write(dir2.path(), "q.html", PAGE.as_bytes());
    let out = run(&[
        "extract",
        "--as-of",
        "2026-05-20",
        "--format",
        "csv",
        page.to_str().unwrap(),
    ]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with(
        "id,source_url,source_file,language,code,auto_applied,title,tier,discount_type"
    ));
    assert!(header.ends_with("regions,payment_methods,stackable,warnings"));
    let row = lines.next().unwrap();
    assert!(
        row.contains(",SAVE5NOW,") && row.contains(",amount,5,USD,,50,USD,"),
        "{row}"
    );
}

#[test]
fn parse_probes_report_offsets_and_lines() {
    let out = run(&[
        "parse",
        "money",
        "--lang",
        "de",
        "Nur 1.980,00 € statt 2.500 €",
    ]);
    let s = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(s.lines().next().unwrap()).unwrap();
    assert_eq!(first["amount"], "1980");
    assert_eq!(first["currency"], "EUR");
    assert_eq!(first["start"], 4);
    assert_eq!(first["text"], "1.980,00 €");

    use std::io::Write;
    let mut child = bin()
        .args([
            "parse",
            "date",
            "--lang",
            "en",
            "--as-of",
            "2026-05-20",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"no date here\nends May 31 at 11:59 PM PT\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(s.trim()).unwrap();
    assert_eq!(v["line"], 2);
    assert_eq!(v["value"], "2026-05-31T23:59:00-07:00");
    assert_eq!(v["time_zone"], "America/Los_Angeles");
}

#[test]
fn a_bad_pattern_file_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("en")).unwrap();
    write(
        &dir.path().join("en"),
        "terms.toml",
        b"[[cue]]\nid = \"x\"\nkind = \"no_such_kind\"\nphrases = [\"a\"]\n",
    );
    let out = run(&["extract", "--patterns", dir.path().to_str().unwrap(), "-"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("terms.toml:3:") && stderr.contains("unknown kind"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// A reader that closes the pipe early (`... | head -1`) ends the run
/// quietly: exit 0, no panic message.
#[test]
fn a_closed_stdout_ends_extract_and_explain_quietly() {
    use std::io::Read;
    // Both outputs are far larger than a pipe's buffer.
    let dir = tempfile::tempdir().unwrap();
    let items: String = (0..20_000)
        .map(|i| format!("<li>item {i}: 10% off with code SAVE{i}</li>"))
        .collect();
    let page = write(
        dir.path(),
        "big.html",
        format!("<ul>{items}</ul>").as_bytes(),
    );
    let page = page.to_str().unwrap();
    let corpus = root().join("corpus");
    for args in [
        vec!["explain", "--as-of", "2026-05-20", page],
        vec!["extract", "--as-of", "2026-05-20", corpus.to_str().unwrap()],
    ] {
        let mut child = bin()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then close the pipe.
        let mut byte = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut byte).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            out.status.code().is_some_and(|c| c == 0),
            "{args:?}: {stderr}"
        );
    }
}
