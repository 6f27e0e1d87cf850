//! `fineprint extract`: reads `.html`/`.htm`/`.txt` files, directories of
//! them (recursively, in sorted order, processed in parallel) or `-` for
//! standard input, and writes their voucher records. A bad input gets a
//! one-line error on stderr and a non-zero exit at the end; the good inputs'
//! records are still written.

use anyhow::Context as _;
use chrono::{NaiveDate, Utc};
use fineprint::extract::{looks_binary, Context, ExtractOptions, Extractor};
use fineprint::lexicon::Lexicon;
use fineprint::output::{write_atomic, Format, RecordWriter};
use fineprint::record::Record;
use rayon::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Reference date for dates printed without a year (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Read every page in this language (default: detect).
    #[arg(long)]
    pub lang: Option<String>,
    /// A folder of pattern files overlaid on the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// Largest page read, in bytes; larger pages are cut with a warning.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub max_bytes: usize,
}

/// One input to read.
enum Input {
    Stdin,
    File(PathBuf),
}

fn is_page(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "txt"))
}

/// Expands directories (recursively, sorted) into their page files.
fn expand(inputs: &[String], errors: &mut Vec<String>) -> Vec<Input> {
    let mut out = Vec::new();
    for i in inputs {
        if i == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let p = PathBuf::from(i);
        if p.is_dir() {
            let mut files = Vec::new();
            walk(&p, &mut files, errors);
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else {
            out.push(Input::File(p));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out, errors);
        } else if is_page(&p) {
            out.push(p);
        }
    }
}

/// Reads one input: its bytes and display name, or a one-line error.
fn read_input(input: &Input) -> Result<(Vec<u8>, Option<String>), String> {
    match input {
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("-: cannot read standard input: {e}"))?;
            Ok((b, None))
        }
        Input::File(p) => {
            let b = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            if b.is_empty() {
                return Err(format!("{}: empty file", p.display()));
            }
            if looks_binary(&b) {
                return Err(format!(
                    "{}: not a text or HTML file (binary content)",
                    p.display()
                ));
            }
            Ok((b, Some(p.display().to_string())))
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = Lexicon::load(args.patterns.as_deref())?;
    let extractor = Extractor::new(
        Arc::new(lexicon),
        ExtractOptions {
            lang: args.lang.clone(),
            max_bytes: Some(args.max_bytes),
        },
    );
    let as_of = args.as_of.unwrap_or_else(|| Utc::now().date_naive());
    let mut errors = Vec::new();
    let inputs = expand(&args.inputs, &mut errors);
    let results: Vec<Result<Vec<Record>, String>> = inputs
        .par_iter()
        .map(|input| {
            let (bytes, file) = read_input(input)?;
            let ctx = Context {
                url: None,
                file,
                fetched_at: None,
                as_of,
                http_charset: None,
            };
            Ok(extractor.extract(&bytes, &ctx).records)
        })
        .collect();
    let mut records = Vec::new();
    for r in results {
        match r {
            Ok(rs) => records.extend(rs),
            Err(e) => errors.push(e),
        }
    }
    let write = |w: &mut dyn Write| -> Result<(), fineprint::output::OutputError> {
        let mut rw = RecordWriter::new(args.format, w)?;
        for r in &records {
            rw.write(r)?;
        }
        rw.finish()?;
        Ok(())
    };
    match &args.out {
        Some(path) => {
            write_atomic(path, write).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush()?;
        }
    }
    for e in &errors {
        eprintln!("fineprint: {e}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
