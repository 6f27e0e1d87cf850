//! Finding the corpus pages and their gold files, and running the extractor
//! over them in parallel (results in corpus order, whatever the scheduling).

use super::gold::{Gold, Terms};
use super::score::{score_page, PageScore, Report};
use crate::extract::{Context, Extractor};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The corpus directory cannot be listed.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One corpus page and its gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusPage {
    /// The language folder (`es`).
    pub lang: String,
    /// The page's path relative to the corpus directory (`es/verano.html`).
    pub name: String,
    pub html: PathBuf,
    pub gold: PathBuf,
}

/// What is in a corpus directory: pages with gold, and the files that break
/// the layout (a page without gold, a gold without page).
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub pages: Vec<CorpusPage>,
    pub problems: Vec<String>,
}

const GOLD_SUFFIX: &str = ".gold.json";

/// Lists `corpus/<lang>/<name>.html` (or `.htm`) with `<name>.gold.json`
/// beside it, sorted by language folder then name; `lang` keeps one folder.
pub fn list(corpus: &Path, lang: Option<&str>) -> Result<Listing, CorpusError> {
    let mut listing = Listing::default();
    for dir in sorted_entries(corpus)? {
        let Some(folder) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if !dir.is_dir() || folder.starts_with('.') || lang.is_some_and(|l| l != folder) {
            continue;
        }
        let files = sorted_entries(&dir)?;
        for path in &files {
            let Some(file) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let stem = file
                .strip_suffix(".html")
                .or_else(|| file.strip_suffix(".htm"));
            if let Some(stem) = stem {
                let gold = dir.join(format!("{stem}{GOLD_SUFFIX}"));
                let name = format!("{folder}/{file}");
                if gold.is_file() {
                    listing.pages.push(CorpusPage {
                        lang: folder.clone(),
                        name,
                        html: path.clone(),
                        gold,
                    });
                } else {
                    listing
                        .problems
                        .push(format!("{name}: no gold file {stem}{GOLD_SUFFIX}"));
                }
            } else if let Some(stem) = file.strip_suffix(GOLD_SUFFIX) {
                let has_page = ["html", "htm"]
                    .iter()
                    .any(|ext| dir.join(format!("{stem}.{ext}")).is_file());
                if !has_page {
                    listing
                        .problems
                        .push(format!("{folder}/{file}: no page {stem}.html beside it"));
                }
            }
        }
    }
    Ok(listing)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let io = |source| CorpusError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut v = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        v.push(entry.map_err(io)?.path());
    }
    v.sort();
    Ok(v)
}

/// Extracts and scores every listed page in parallel. A page whose gold or
/// bytes cannot be read is reported in `errors` and not scored; a page on
/// which the extractor panics is scored as yielding nothing and reported.
pub fn evaluate(extractor: &Extractor, listing: &Listing) -> Report {
    let results: Vec<(Option<PageScore>, Option<String>)> = listing
        .pages
        .par_iter()
        .map(|page| evaluate_page(extractor, page))
        .collect();
    let mut report = Report {
        pages: Vec::new(),
        errors: listing.problems.clone(),
    };
    for (score, error) in results {
        report.pages.extend(score);
        report.errors.extend(error);
    }
    report
}

fn evaluate_page(extractor: &Extractor, page: &CorpusPage) -> (Option<PageScore>, Option<String>) {
    let gold = match Gold::load(&page.gold) {
        Ok(g) => g,
        Err(e) => return (None, Some(e.to_string())),
    };
    let bytes = match std::fs::read(&page.html) {
        Ok(b) => b,
        Err(e) => return (None, Some(format!("{}: {e}", page.html.display()))),
    };
    let ctx = Context {
        url: None,
        file: Some(page.name.clone()),
        fetched_at: None,
        as_of: gold.as_of,
        http_charset: None,
    };
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract(&bytes, &ctx)
    }));
    let (produced, language, error) = match run {
        Ok(result) => (
            result.records.iter().map(Terms::from).collect::<Vec<_>>(),
            Some(result.language),
            None,
        ),
        Err(_) => (
            Vec::new(),
            None,
            Some(format!(
                "{}: the extractor panicked; scored as no vouchers",
                page.name
            )),
        ),
    };
    let score = score_page(
        &page.name,
        &page.lang,
        &gold,
        &produced,
        language.as_deref(),
    );
    (Some(score), error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pages_with_gold_and_reports_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (p, body) in [
            ("README.md", "x"),
            ("es/b.html", "<p>b</p>"),
            ("es/b.gold.json", "{}"),
            ("es/a.htm", "<p>a</p>"),
            ("es/a.gold.json", "{}"),
            ("es/orphan.gold.json", "{}"),
            ("en/nogold.html", "<p>n</p>"),
            (".hidden/x.html", "<p>n</p>"),
        ] {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        }
        let l = list(root, None).unwrap();
        let names: Vec<&str> = l.pages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["es/a.htm", "es/b.html"]);
        assert_eq!(l.problems.len(), 2, "{:?}", l.problems);
        assert!(l.problems[0].starts_with("en/nogold.html"));
        assert!(l.problems[1].starts_with("es/orphan.gold.json"));
        let only_en = list(root, Some("en")).unwrap();
        assert!(only_en.pages.is_empty());
        assert_eq!(only_en.problems.len(), 1);
        assert!(list(&root.join("missing"), None).is_err());
    }
}
