//! `fineprint bench`: reports throughput, and fails when the answers are wrong.

use std::path::Path;
use std::process::Command;

fn bench(dir: &Path, extra: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_fineprint"))
        .arg("bench")
        .arg(dir)
        .args(["--runs", "1", "--threads", "2"])
        .args(extra)
        .output()
        .expect("run fineprint bench");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write_pages(dir: &Path, body: &str, n: usize) {
    for i in 0..n {
        std::fs::write(dir.join(format!("p{i}.html")), body).expect("write page");
    }
}

#[test]
fn reports_parse_and_extraction_rates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let listing = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/page/listing.html"
    ))
    .expect("fixture");
    write_pages(dir.path(), &listing, 3);
    let (ok, stdout, stderr) = bench(dir.path(), &[]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(stdout.contains("pages 3"), "{stdout}");
    for line in ["parse ", "extract "] {
        let l = stdout
            .lines()
            .find(|l| l.starts_with(line))
            .unwrap_or_else(|| panic!("no {line:?} line: {stdout}"));
        assert!(
            l.contains("MB/s per core") && l.contains("MB/s total"),
            "{l}"
        );
    }
    assert!(
        stdout.contains("3 of 3 pages with at least one voucher"),
        "{stdout}"
    );
}

#[test]
fn pages_without_vouchers_fail_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_pages(
        dir.path(),
        "<html><body><h1>About us</h1><p>We sell garden tools since 1962.</p></body></html>",
        2,
    );
    let (ok, stdout, stderr) = bench(dir.path(), &[]);
    assert!(!ok, "a run without vouchers must fail: {stdout}");
    assert!(stderr.contains("FAILED"), "{stderr}");
    // Parse-only runs check only the text.
    let (ok, _, stderr) = bench(dir.path(), &["--parse-only"]);
    assert!(ok, "{stderr}");
}
