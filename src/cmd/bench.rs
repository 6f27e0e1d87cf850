//! `fineprint bench [DIR]`: measures page reading (`page::read`) and full
//! extraction (`Extractor::extract`) throughput on a folder of pages, on
//! one core and on `--threads` cores, and checks the answers: every page
//! must give text, and extraction must find vouchers on at least
//! `--min-voucher-pages` of them (a fast wrong answer fails the run, with
//! exit status 1). DIR defaults to `target/bench-pages`, generated with
//! `../shared/bench/gen_pages.py` when missing.

use anyhow::{bail, Context as _};
use chrono::NaiveDate;
use fineprint::extract::{Context, ExtractOptions, Extractor};
use fineprint::lexicon::Lexicon;
use fineprint::page::{self, PageOptions};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Folder of `.html` pages (generated when missing).
    #[arg(default_value = "target/bench-pages")]
    pub dir: PathBuf,
    /// Threads for the parallel runs (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Runs of each measurement; the fastest counts.
    #[arg(long, default_value_t = 2)]
    pub runs: usize,
    /// Skip full extraction (measure the page reader only).
    #[arg(long)]
    pub parse_only: bool,
    /// Fail unless at least this share of pages yields a voucher (the
    /// generated pages all carry one; a fast wrong answer must fail).
    #[arg(long, default_value_t = 0.5, value_name = "FRACTION")]
    pub min_voucher_pages: f64,
}

/// Where the page generator may live.
fn generator() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("../shared/bench/gen_pages.py"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_pages.py"),
    ];
    candidates.into_iter().find(|p| p.is_file())
}

fn generate(dir: &Path) -> anyhow::Result<()> {
    let script =
        generator().context("no pages and no ../shared/bench/gen_pages.py to generate them")?;
    let phrases = dir.with_extension("phrases.txt");
    eprintln!(
        "generating pages into {} with {}",
        dir.display(),
        script.display()
    );
    let status = std::process::Command::new("python3")
        .arg(&script)
        .arg("--out")
        .arg(dir)
        .arg("--phrases")
        .arg(&phrases)
        .status()
        .context("running python3")?;
    if !status.success() {
        bail!("{} failed with {status}", script.display());
    }
    Ok(())
}

fn load(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
            Ok((p, bytes))
        })
        .collect()
}

/// Runs `f` over all pages `runs` times on `pool`; returns the best
/// seconds and the last run's per-page results.
fn measure<T: Send>(
    pool: &rayon::ThreadPool,
    pages: &[(PathBuf, Vec<u8>)],
    runs: usize,
    f: impl Fn(&Path, &[u8]) -> T + Sync,
) -> (f64, Vec<T>) {
    let mut best = f64::INFINITY;
    let mut last = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        last = pool.install(|| pages.par_iter().map(|(p, b)| f(p, b)).collect());
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, last)
}

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs.max(1e-9)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        generate(&args.dir)?;
    }
    let pages = load(&args.dir)?;
    if pages.is_empty() {
        bail!("no .html pages in {}", args.dir.display());
    }
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let threads = args
        .threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    writeln!(
        std::io::stdout().lock(),
        "pages {}  bytes {}  ({:.1} MB)  threads {}",
        pages.len(),
        bytes,
        bytes as f64 / 1e6,
        threads
    )?;

    let opts = PageOptions::default();
    let parse = |_: &Path, b: &[u8]| {
        let p = page::read(b, &opts);
        (p.blocks.len(), p.data.len(), !p.text.is_empty())
    };
    let (t1, results) = measure(&one, &pages, args.runs, parse);
    let (tn, _) = measure(&many, &pages, args.runs, parse);
    writeln!(
        std::io::stdout().lock(),
        "parse    {:>8.1} MB/s per core  {:>8.1} MB/s total ({} threads)",
        mbps(bytes, t1),
        mbps(bytes, tn),
        threads
    )?;
    let empty = results.iter().filter(|r| !r.2).count();
    let blocks: usize = results.iter().map(|r| r.0).sum();
    let data: usize = results.iter().map(|r| r.1).sum();
    writeln!(
        std::io::stdout().lock(),
        "         {blocks} blocks, {data} structured vouchers, {empty} pages without text"
    )?;
    let mut failures = Vec::new();
    if empty > 0 {
        failures.push(format!("{empty} pages gave no text"));
    }

    if !args.parse_only {
        let lexicon = Arc::new(Lexicon::load(None).context("loading the embedded patterns")?);
        let extractor = Extractor::new(lexicon, ExtractOptions::default());
        let as_of = NaiveDate::from_ymd_opt(2026, 5, 20).context("reference date")?;
        let extract = |p: &Path, b: &[u8]| {
            let ctx = Context {
                url: None,
                file: Some(p.display().to_string()),
                fetched_at: None,
                as_of,
                http_charset: None,
            };
            extractor.extract(b, &ctx).records.len()
        };
        let (t1, counts) = measure(&one, &pages, args.runs, extract);
        let (tn, _) = measure(&many, &pages, args.runs, extract);
        writeln!(
            std::io::stdout().lock(),
            "extract  {:>8.1} MB/s per core  {:>8.1} MB/s total ({} threads)",
            mbps(bytes, t1),
            mbps(bytes, tn),
            threads
        )?;
        let with = counts.iter().filter(|&&n| n > 0).count();
        let records: usize = counts.iter().sum();
        writeln!(
            std::io::stdout().lock(),
            "         {records} records, {with} of {} pages with at least one voucher",
            pages.len()
        )?;
        let needed = (args.min_voucher_pages * pages.len() as f64).ceil() as usize;
        if with == 0 || with < needed {
            failures.push(format!(
                "extraction found vouchers on {with} of {} pages, below --min-voucher-pages {}",
                pages.len(),
                args.min_voucher_pages
            ));
        }
    }
    if failures.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        for f in &failures {
            eprintln!("fineprint bench: FAILED: {f}");
        }
        Ok(ExitCode::from(1))
    }
}
