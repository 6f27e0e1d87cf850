//! `fineprint conformance [DIR]`: scores `fineprint parse money|date` on the
//! public suites of `../shared/conformance/` and prints one line per suite
//! (cases, correct, accuracy, mention precision/recall where they apply).
//! The scoring rules are documented in `fineprint::eval::conformance`.
//!
//! Exit status: 0; 1 with `--strict` when the known-failures list is stale;
//! 2 when a suite could not be run (its line says why).

use anyhow::Context as _;
use fineprint::eval::conformance::{self, known, render, ProcessProbe};
use fineprint::lexicon::Lexicon;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
#[command(after_help = "\
Runs `fineprint parse money|date --lang xx ... -` once per suite (once per \
reference date for date suites) and scores it by the rules in the module doc of \
fineprint::eval::conformance (src/eval/conformance/mod.rs).

Exit status: 0; 1 with --strict when the known-failures list is stale; 2 when \
a suite could not be run.")]
pub struct Args {
    /// The directory of suite files (`money_*.jsonl`, `dates_*.jsonl`).
    #[arg(default_value = "../shared/conformance")]
    dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Run only the suites whose name contains this (e.g. `recognizers_en`).
    #[arg(long, value_name = "TEXT")]
    only: Option<String>,
    /// The list of case ids known to fail.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "conformance/known_failures.txt"
    )]
    known_failures: PathBuf,
    /// Exit with status 1 when the list is stale: a listed case passes or an
    /// unlisted case fails.
    #[arg(long)]
    strict: bool,
    /// List every failing case: its text, what was expected, what was found.
    #[arg(long, short)]
    verbose: bool,
    /// Rewrite the known-failures list from this run.
    #[arg(long, conflicts_with = "only")]
    update_known_failures: bool,
    /// Seconds one probe process may take before it is stopped.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    timeout: u64,
    /// The program to probe instead of this one (for testing the runner).
    #[arg(long, value_name = "PATH", hide = true)]
    probe_exe: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let exe = match args.probe_exe {
        Some(p) => p,
        None => std::env::current_exe().context("finding the fineprint executable")?,
    };
    let mut probe = ProcessProbe::new(exe);
    probe.timeout = Duration::from_secs(args.timeout.max(1));
    let lexicon = Lexicon::load(None).context("loading the embedded patterns")?;
    let narrow: BTreeSet<String> = lexicon.languages.iter().map(|l| l.tag.clone()).collect();

    let mut results = conformance::run(&args.dir, &probe, &narrow, args.only.as_deref())?;
    if !args.verbose {
        results.iter_mut().for_each(|r| r.failures.clear());
    }
    if results.is_empty() {
        anyhow::bail!("{}: no conformance suites found", args.dir.display());
    }
    let errors = results.iter().filter(|r| r.error.is_some()).count();

    let list = known::load(&args.known_failures)?;
    let staleness = list.as_ref().map(|k| known::compare(k, &results));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Text => render::write_text(&results, staleness.as_ref(), args.verbose, &mut out)?,
        Format::Json => render::write_json(&results, staleness.as_ref(), &mut out)?,
    }
    out.flush()?;
    if list.is_none() && !args.update_known_failures {
        eprintln!(
            "fineprint conformance: no known-failures list at {} (create it with --update-known-failures)",
            args.known_failures.display()
        );
    }

    if args.update_known_failures {
        if errors > 0 {
            anyhow::bail!(
                "not updating the known-failures list: {errors} suite(s) could not be run"
            );
        }
        known::write(&args.known_failures, &known::render(&results))?;
        eprintln!(
            "fineprint conformance: wrote {}",
            args.known_failures.display()
        );
    }
    if errors > 0 {
        eprintln!("fineprint conformance: {errors} suite(s) could not be run");
        return Ok(ExitCode::from(2));
    }
    if args.strict && !args.update_known_failures {
        let stale = staleness.as_ref().is_none_or(known::Staleness::is_stale);
        if stale {
            eprintln!("fineprint conformance: the known-failures list is stale (--strict)");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
