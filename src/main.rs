//! The `fineprint` command: parses arguments and hands each subcommand to its
//! module under `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "fineprint",
    version,
    about = "Reads the fine print of vouchers and promo codes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract voucher records from HTML/text files, directories or stdin.
    Extract(cmd::extract::Args),
    /// Show the money or date mentions found in a text.
    #[command(subcommand)]
    Parse(cmd::parse::ParseCommand),
    /// Score the extractor against a gold corpus.
    Eval(cmd::eval::Args),
    /// Score the money and date parsers on the public conformance suites.
    Conformance(cmd::conformance::Args),
    /// Fetch a list of URLs politely and extract their vouchers.
    Crawl(cmd::crawl::Args),
    /// Decide whether a voucher applies to a cart.
    Check(cmd::check::Args),
    /// Measure parse and extraction throughput on a folder of pages.
    Bench(cmd::bench::Args),
    /// Show how a page was read and the evidence behind every value.
    Explain(cmd::explain::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Conformance(a) => cmd::conformance::run(a),
        Command::Crawl(a) => cmd::crawl::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Explain(a) => cmd::explain::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("fineprint: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`fineprint extract ... | head`) ends the run quietly.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
