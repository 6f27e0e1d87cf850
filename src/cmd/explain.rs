//! `fineprint explain FILE`: shows how a page was read and why each value
//! was extracted — the page's text blocks (kind and card group), then every
//! record with the evidence (snippet, offsets, rule id) behind each field.

use chrono::{NaiveDate, Utc};
use fineprint::extract::{Context, ExtractOptions, Extractor};
use fineprint::lexicon::Lexicon;
use fineprint::page::{self, PageOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// The page to explain.
    pub file: PathBuf,
    /// Reference date for dates printed without a year (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Read the page in this language (default: detect).
    #[arg(long)]
    pub lang: Option<String>,
    /// A folder of pattern files overlaid on the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let lexicon = Arc::new(Lexicon::load(args.patterns.as_deref())?);
    let page = page::read(&bytes, &PageOptions::default());
    writeln!(
        std::io::stdout().lock(),
        "encoding: {}  lang: {:?}  title: {:?}",
        page.encoding,
        page.lang,
        page.title
    )?;
    for w in &page.warnings {
        writeln!(std::io::stdout().lock(), "warning: {w}")?;
    }
    for b in &page.blocks {
        let group = b.group.map(|g| g.to_string()).unwrap_or_else(|| "-".into());
        writeln!(
            std::io::stdout().lock(),
            "[{:?} g{}] {}",
            b.kind,
            group,
            &page.text[b.start..b.end]
        )?;
    }
    for d in &page.data {
        writeln!(std::io::stdout().lock(), "data: {d:?}")?;
    }
    let extractor = Extractor::new(
        lexicon,
        ExtractOptions {
            lang: args.lang,
            max_bytes: None,
        },
    );
    let ctx = Context {
        url: None,
        file: Some(args.file.display().to_string()),
        fetched_at: None,
        as_of: args.as_of.unwrap_or_else(|| Utc::now().date_naive()),
        http_charset: None,
    };
    let result = extractor.extract_page(&page, &bytes, &ctx);
    writeln!(
        std::io::stdout().lock(),
        "\nlanguage: {}  records: {}",
        result.language,
        result.records.len()
    )?;
    for (i, r) in result.records.iter().enumerate() {
        writeln!(
            std::io::stdout().lock(),
            "\n#{i} code={:?} title={:?}",
            r.code,
            r.title
        )?;
        for e in &r.evidence {
            writeln!(
                std::io::stdout().lock(),
                "  {:<32} {:<28} [{}..{}] {:?}",
                e.field,
                e.rule.as_deref().unwrap_or("-"),
                e.start,
                e.end,
                e.text
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
