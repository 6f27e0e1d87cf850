//! The conformance runner: scores the money and date parsers, through the
//! real `fineprint parse money|date ... -` commands, on the public suites of
//! `../shared/conformance/` (see its README for the case formats).
//!
//! Each suite file is one batch: one probe process reads all its texts, one
//! per standard-input line (a line break inside a text becomes a space), and
//! prints mentions tagged with `"line": N`. Date suites run one process per
//! reference date (see [`suites::date_groups`]). A suite whose process fails
//! (an unknown flag, a crash, unusable output, more than the timeout) is
//! reported with its error and not scored; the other suites still run.
//!
//! Languages fineprint has dictionaries for are probed with `--lang xx`;
//! the others (hi, ja, ko, nl, ...) run with all dictionaries, and the suite
//! says so (`narrowed: false`).
//!
//! # Scoring rules
//!
//! - **price-parser** (`parse money --bare-numbers -`, no language): the
//!   first mention (lowest start) is the price. Its amount must equal
//!   `expect.amount` as a decimal; a null amount passes only when nothing is
//!   found. The currency is checked when `currency_raw` is set,
//!   `currency_in_text` is true and the raw string maps to ISO codes
//!   ([`raw_currency`]; an ambiguous `$` accepts any dollar); a line passes
//!   when the amount and the checked currency are right. The 11 lines with a
//!   `decimal_separator` hint are skipped (no hint support). The amount alone
//!   is reported too.
//! - **Recognizers-Text money**: expected and produced mentions are paired
//!   by span ([`spans::pair_mentions`]: same text or overlapping character
//!   ranges, the largest overlap first, one to one). A paired mention is right
//!   when its amount equals the expected one (when non-null and the case is
//!   `resolution_checked`; for cent units, `Cent`/`Centavo`/`Centimes`, an
//!   amount in the main unit, 1/100 of the expected, is right too) and its
//!   currency equals the expected ISO code (when non-null). Precision is
//!   right mentions / produced mentions, recall right / expected. A case
//!   passes when every expected mention is right and nothing else is found.
//!   `supported: true` cases are reported separately, and so is the recall on
//!   mentions written with digits.
//! - **Recognizers-Text dates**: paired by span the same way; a mention is
//!   right when the calendar date of its value equals `date`. For yearless
//!   dates that is the future resolution, so the year fineprint infers from
//!   the reference date (`--as-of`) is checked, not only month and day.
//!   Passing cases and `supported: true` as for money; mentions are also
//!   counted per kind (`absolute`, `yearless`).
//! - **Duckling**: the whole text is one money expression. `simple` passes
//!   with exactly one mention whose amount is right (cents as above) and
//!   whose currency is right when the case names an ISO code; bounds
//!   (`between`, `under`, `above`) check the stated amounts only: every bound
//!   is a mention's amount and every mention's amount is a bound; `negative`
//!   passes when nothing is found.
//!
//! # Known failures
//!
//! A list of case ids expected to fail ([`known`]) keeps the runner honest,
//! price-parser style: a listed case that passes, or an unlisted case that
//! fails, is reported, and `--strict` fails the run on either.

pub mod cases;
pub mod known;
pub mod probe;
pub mod raw_currency;
pub mod render;
pub mod spans;
pub mod suites;

pub use cases::{CaseError, SuiteKind};
pub use probe::{Mention, Probe, ProbeError, ProcessProbe};
pub use suites::{Failure, MentionCounts, SuiteResult, Tally};

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The suite files of a conformance directory, sorted by name.
pub fn list(dir: &Path) -> Result<Vec<(PathBuf, SuiteKind, Option<String>)>, CaseError> {
    let io = |source| CaseError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some((kind, lang)) = SuiteKind::of_file(name) {
            out.push((path.clone(), kind, lang));
        }
    }
    out.sort();
    Ok(out)
}

/// Runs the suites of `dir` whose name contains `only` (all without it),
/// in parallel, results in file-name order. `narrow` holds the languages to
/// probe with `--lang`.
pub fn run(
    dir: &Path,
    probe: &dyn Probe,
    narrow: &BTreeSet<String>,
    only: Option<&str>,
) -> Result<Vec<SuiteResult>, CaseError> {
    let mut files = list(dir)?;
    files.retain(|(path, _, _)| {
        only.is_none_or(|o| {
            path.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.contains(o))
        })
    });
    Ok(files
        .par_iter()
        .map(|(path, kind, lang)| run_suite(path, *kind, lang.as_deref(), probe, narrow))
        .collect())
}

/// Runs one suite file.
pub fn run_suite(
    path: &Path,
    kind: SuiteKind,
    lang: Option<&str>,
    probe: &dyn Probe,
    narrow: &BTreeSet<String>,
) -> SuiteResult {
    let suite = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_string();
    let narrowed = lang.is_some_and(|l| narrow.contains(l));
    let failed = |e: CaseError| SuiteResult::failed(&suite, kind, lang, e.to_string());
    match kind {
        SuiteKind::PriceParser => match cases::read(path) {
            Ok(c) => suites::price_parser(probe, &suite, &c),
            Err(e) => failed(e),
        },
        SuiteKind::RecognizersMoney => match cases::read(path) {
            Ok(c) => suites::recognizers_money(probe, &suite, lang, narrowed, &c),
            Err(e) => failed(e),
        },
        SuiteKind::RecognizersDates => match cases::read(path) {
            Ok(c) => suites::recognizers_dates(probe, &suite, lang, narrowed, &c),
            Err(e) => failed(e),
        },
        SuiteKind::Duckling => match cases::read(path) {
            Ok(c) => suites::duckling(probe, &suite, lang, narrowed, &c),
            Err(e) => failed(e),
        },
    }
}
