//! The known-failures list: the ids of conformance cases that are expected to
//! fail. A listed case that passes, or an unlisted case that fails, makes the
//! list stale; the runner reports both, so the list stays true.

use super::suites::SuiteResult;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The list cannot be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct KnownError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Reads a list: one case id per line; blank lines and `#` comments ignored.
/// A missing file is an empty list (`Ok(None)`).
pub fn load(path: &Path) -> Result<Option<BTreeSet<String>>, KnownError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(parse(&text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(KnownError {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The ids of a list's text.
pub fn parse(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// How the list compares with a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Staleness {
    /// Ids on the list.
    pub listed: usize,
    /// Listed ids that failed again.
    pub still_failing: usize,
    /// Listed ids that now pass: take them off the list.
    pub now_passing: Vec<String>,
    /// Failing ids not on the list: regressions, or a list not yet updated.
    pub new_failures: Vec<String>,
    /// Listed ids not scored in this run (suite errored, case skipped or gone).
    pub not_run: usize,
}

impl Staleness {
    pub fn is_stale(&self) -> bool {
        !self.now_passing.is_empty() || !self.new_failures.is_empty()
    }
}

/// Compares the list with the outcomes of the suites that ran.
pub fn compare(known: &BTreeSet<String>, results: &[SuiteResult]) -> Staleness {
    let mut s = Staleness {
        listed: known.len(),
        ..Staleness::default()
    };
    let mut seen = BTreeSet::new();
    for r in results {
        for (id, passed) in &r.outcomes {
            seen.insert(id.as_str());
            match (known.contains(id), passed) {
                (true, true) => s.now_passing.push(id.clone()),
                (true, false) => s.still_failing += 1,
                (false, false) => s.new_failures.push(id.clone()),
                (false, true) => {}
            }
        }
    }
    s.not_run = known
        .iter()
        .filter(|id| !seen.contains(id.as_str()))
        .count();
    s
}

/// The list text for a run: every failing id, by suite, with a header.
pub fn render(results: &[SuiteResult]) -> String {
    let mut out = String::from(
        "# Conformance cases known to fail (`fineprint conformance`).\n\
         # One case id per line. Regenerate with `fineprint conformance --update-known-failures`;\n\
         # `--strict` fails when a listed case passes or an unlisted case fails.\n",
    );
    for r in results {
        let failing: Vec<&str> = r
            .outcomes
            .iter()
            .filter(|(_, passed)| !passed)
            .map(|(id, _)| id.as_str())
            .collect();
        if failing.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n# {} ({} of {} failing)\n",
            r.suite,
            failing.len(),
            r.outcomes.len()
        ));
        for id in failing {
            out.push_str(id);
            out.push('\n');
        }
    }
    out
}

/// Writes the list atomically (temp file, then rename).
pub fn write(path: &Path, text: &str) -> Result<(), KnownError> {
    let err = |source| KnownError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::conformance::SuiteKind;

    fn result(outcomes: &[(&str, bool)]) -> SuiteResult {
        let mut r = SuiteResult::failed("s", SuiteKind::Duckling, None, String::new());
        r.error = None;
        r.outcomes = outcomes.iter().map(|(i, p)| (i.to_string(), *p)).collect();
        r
    }

    #[test]
    fn stale_entries_and_new_failures_are_reported() {
        let known = parse("# header\na-1\na-2  # flaky\n\na-9\n");
        assert_eq!(known.len(), 3);
        let r = result(&[("a-1", true), ("a-2", false), ("a-3", false), ("a-4", true)]);
        let s = compare(&known, &[r]);
        assert_eq!(s.now_passing, vec!["a-1".to_string()]);
        assert_eq!(s.new_failures, vec!["a-3".to_string()]);
        assert_eq!((s.listed, s.still_failing, s.not_run), (3, 1, 1));
        assert!(s.is_stale());
        let fresh = parse(&render(&[result(&[
            ("a-1", true),
            ("a-2", false),
            ("a-3", false),
        ])]));
        let s = compare(
            &fresh,
            &[result(&[("a-1", true), ("a-2", false), ("a-3", false)])],
        );
        assert!(!s.is_stale());
        assert_eq!(fresh.len(), 2);
    }

    #[test]
    fn a_missing_list_is_none_and_writing_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/known.txt");
        assert_eq!(load(&path).unwrap(), None);
        write(&path, "x-1\n").unwrap();
        assert_eq!(load(&path).unwrap().unwrap().len(), 1);
    }
}
