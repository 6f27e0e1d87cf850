//! `fineprint check`: does a voucher apply to a cart? Reads the records of
//! `--terms`, then one cart (`--cart CART.json`, one JSON object printed) or
//! many (`--carts CARTS.jsonl`, one JSON line printed per cart, in order),
//! optionally with exchange rates (`--fx RATES.csv`).
//!
//! A bad terms line, rates row or cart is reported on standard error with
//! its file, line and field; everything else is still answered, and the exit
//! status is 1 at the end. In `--carts` mode a bad cart line still gets its
//! output line, `{"line": N, "error": "…"}`, so output lines stay aligned
//! with input lines.

use anyhow::Context as _;
use fineprint::check::{self, terms, Cart, Rates};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["cart", "carts"])))]
pub struct Args {
    /// Voucher records (JSONL as `fineprint extract` writes, or a JSON array).
    #[arg(long, value_name = "RECORDS.jsonl")]
    terms: PathBuf,
    /// One cart as a JSON object (`-` for standard input).
    #[arg(long, value_name = "CART.json")]
    cart: Option<PathBuf>,
    /// Many carts, one JSON object per line (`-` for standard input).
    #[arg(long, value_name = "CARTS.jsonl")]
    carts: Option<PathBuf>,
    /// Exchange rates: CSV with columns currency,rate (value of one unit in a
    /// common base); amounts in other currencies are then converted.
    #[arg(long, value_name = "RATES.csv")]
    fx: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut clean = true;
    let terms_name = args.terms.display().to_string();
    let text = read_text(&args.terms)?;
    let (records, errors) = terms::read_records(&text);
    for e in &errors {
        eprintln!("fineprint: {terms_name}: {e}");
    }
    clean &= errors.is_empty();

    let rates = match &args.fx {
        None => None,
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let (rates, errors) = Rates::read_csv(file);
            for e in &errors {
                eprintln!("fineprint: {}: {e}", path.display());
            }
            clean &= errors.is_empty();
            Some(rates)
        }
    };

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(path) = &args.cart {
        let text = read_text(path)?;
        match Cart::from_json(&text) {
            Ok(cart) => {
                let result = check::check(&records, &cart, rates.as_ref());
                writeln!(out, "{}", serde_json::to_string(&result)?)?;
            }
            Err(e) => {
                eprintln!("fineprint: {}: {e}", path.display());
                clean = false;
            }
        }
    }
    if let Some(path) = &args.carts {
        let name = path.display().to_string();
        let text = read_text(path)?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match Cart::from_json(line) {
                Ok(cart) => {
                    let result = check::check(&records, &cart, rates.as_ref());
                    write!(out, "{}", serde_json::to_string(&result)?)?;
                }
                Err(e) => {
                    eprintln!("fineprint: {name}: line {}: {e}", i + 1);
                    clean = false;
                    let note = serde_json::json!({"line": i + 1, "error": e.to_string()});
                    write!(out, "{note}")?;
                }
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A whole file, or standard input for `-`, without a byte-order mark.
fn read_text(path: &Path) -> anyhow::Result<String> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .context("cannot read standard input")?;
        s
    } else {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))?
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
