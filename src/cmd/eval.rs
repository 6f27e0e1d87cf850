//! `fineprint eval [CORPUS_DIR]`: runs the extractor over the gold corpus and
//! prints per-field, per-language and voucher-level scores. The matching
//! rules are documented in `fineprint::eval`.
//!
//! Exit status: 0; 1 when the overall F1 is below `--min-f1`; 2 when a page
//! or gold file could not be used (the scores of the others are still
//! printed).

use anyhow::Context as _;
use fineprint::eval::{self, render};
use fineprint::extract::{ExtractOptions, Extractor};
use fineprint::lexicon::Lexicon;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
#[command(after_help = "\
Scoring: every stated value (not null/false/[]) is a positive; per field TP when \
produced = gold, FP when produced but absent or different, FN when in gold but \
missing or different; list fields count per element. Vouchers pair by code, then \
by most values in common; tiers pair by minimum order. Dates compare at the \
gold's precision, zones by name or UTC offset on the day, store names without \
\"Official Store\"-like words, titles and names ignoring case and punctuation. \
Full rules: the module doc of fineprint::eval (src/eval/mod.rs).

Exit status: 0; 1 below --min-f1; 2 when a page or gold file cannot be used.")]
pub struct Args {
    /// The corpus: `<lang>/<name>.html` pages with `<name>.gold.json` beside them.
    #[arg(default_value = "corpus")]
    corpus: PathBuf,
    /// Pattern directory overlaid on the embedded dictionaries.
    #[arg(long, value_name = "DIR")]
    patterns: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// List every miss: file, voucher, field, expected and produced value.
    #[arg(long, short)]
    verbose: bool,
    /// Exit with status 1 when the overall (micro) F1 is below this.
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,
    /// Score only the pages of one language folder (`corpus/<xx>/`).
    #[arg(long, value_name = "xx")]
    lang: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = Lexicon::load(args.patterns.as_deref()).context("loading the patterns")?;
    let extractor = Extractor::new(Arc::new(lexicon), ExtractOptions::default());
    let listing = eval::list(&args.corpus, args.lang.as_deref())?;
    if listing.pages.is_empty() && listing.problems.is_empty() {
        anyhow::bail!(
            "{}: no pages with gold found (expected <lang>/<name>.html beside <name>.gold.json)",
            args.corpus.display()
        );
    }
    let report = eval::evaluate(&extractor, &listing);

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Text => render::write_text(&report, args.verbose, &mut out)?,
        Format::Json => render::write_json(&report, args.verbose, &mut out)?,
    }
    out.flush()?;

    if !report.errors.is_empty() {
        eprintln!(
            "fineprint eval: {} problem(s) in the corpus; see `errors` in the report",
            report.errors.len()
        );
        return Ok(ExitCode::from(2));
    }
    if let Some(min) = args.min_f1 {
        let f1 = report.summary().overall().f1().unwrap_or(0.0);
        if f1 < min {
            eprintln!("fineprint eval: overall F1 {f1:.4} is below --min-f1 {min}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
