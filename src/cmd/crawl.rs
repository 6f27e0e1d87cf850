//! `fineprint crawl`: fetch a list of URLs politely, store the pages and
//! extract their vouchers into `--out` (see the crawl contract in
//! SCHEMA.md). Running it again on the same `--out` resumes.

use anyhow::Context as _;
use chrono::NaiveDate;
use fineprint::extract::{ExtractOptions, Extractor};
use fineprint::fetch::{self, CrawlConfig, Mode, Outcome};
use fineprint::lexicon::Lexicon;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// The default `User-Agent`; its product token `fineprint` is what
/// robots.txt groups are matched against.
const USER_AGENT: &str = concat!(
    "fineprint/",
    env!("CARGO_PKG_VERSION"),
    " (voucher terms crawler)"
);

#[derive(clap::Args)]
pub struct Args {
    /// The URL list: one URL per line (`#` comments and blank lines
    /// ignored), or a CSV file with a `url` column.
    #[arg(long, value_name = "FILE", required_unless_present = "serve")]
    urls: Option<PathBuf>,
    /// Output directory: vouchers.jsonl, vouchers.csv, fetch_log.jsonl, pages/.
    /// An existing one is resumed.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Requests in flight at once, over all hosts.
    #[arg(long, value_name = "N", default_value_t = 32)]
    concurrency: usize,
    /// Requests in flight at once to one host (scheme, name and port)
    /// [default: 2; 8 with --serve].
    #[arg(long, value_name = "N", visible_alias = "per-host-concurrency")]
    per_host: Option<usize>,
    /// Minimum time between the starts of two requests to one host, in
    /// milliseconds; a robots.txt Crawl-delay can raise it [default: 250; 0
    /// with --serve].
    #[arg(long, value_name = "MS")]
    delay: Option<u64>,
    /// The User-Agent sent; robots.txt rules are chosen by its first word.
    #[arg(long, value_name = "STRING", default_value = USER_AGENT)]
    user_agent: String,
    /// Time allowed for one request (connect, headers and body), in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Retries after the first attempt, on 429, 5xx, timeouts and connection
    /// errors (with exponential backoff and jitter; Retry-After honoured).
    #[arg(long, value_name = "N", default_value_t = 2)]
    retries: u32,
    /// The first backoff step between attempts, in milliseconds (doubles each time).
    #[arg(long, value_name = "MS", default_value_t = 500)]
    backoff: u64,
    /// Largest body accepted, in bytes (decoded); larger ones are logged as `too_large`.
    #[arg(long, value_name = "N", default_value_t = 10 * 1024 * 1024)]
    max_bytes: u64,
    /// Allow hosts that resolve to loopback, private, link-local or other
    /// non-public addresses (refused by default).
    #[arg(long)]
    allow_private: bool,
    /// Reference date for dates printed without a year (default: the fetch date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// Pattern directory to use instead of the built-in patterns.
    #[arg(long, value_name = "DIR")]
    patterns: Option<PathBuf>,
    /// URLs read ahead of those finished, at most (bounds memory).
    #[arg(long, value_name = "N", default_value_t = 4096, hide = true)]
    max_pending: usize,
    /// Serve the .html/.htm files under DIR on 127.0.0.1 and crawl them all
    /// through the real fetcher, with no network (as
    /// http://fineprint.localhost/..., resolved to the local server; private
    /// addresses are then allowed).
    #[arg(long, value_name = "DIR", conflicts_with = "urls")]
    serve: Option<PathBuf>,
    /// With --serve: list every page N times (distinct query strings), as a
    /// throughput benchmark.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "serve")]
    repeat: u64,
    /// No progress and no summary.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.timeout.is_finite() && args.timeout > 0.0,
        "--timeout must be a positive number of seconds"
    );
    anyhow::ensure!(
        args.concurrency > 0 && args.per_host != Some(0),
        "--concurrency and --per-host must be at least 1"
    );
    let lexicon = Lexicon::load(args.patterns.as_deref()).context("loading patterns")?;
    let extractor = Arc::new(Extractor::new(Arc::new(lexicon), ExtractOptions::default()));
    let progress = if args.quiet {
        Mode::Quiet
    } else if std::io::stderr().is_terminal() {
        Mode::Bar
    } else {
        Mode::Lines
    };
    // --serve: a loopback server over a folder and the list of its pages.
    let mut served = None;
    let urls = match (&args.urls, &args.serve) {
        (Some(u), _) => u.clone(),
        (None, Some(dir)) => {
            let server =
                fetch::serve::FileServer::start(dir).context("starting the loopback server")?;
            let mut list = tempfile::NamedTempFile::new().context("creating the URL list")?;
            let n = fetch::serve::write_url_list(dir, args.repeat, &mut list)
                .with_context(|| format!("listing pages under {}", dir.display()))?;
            list.flush().context("writing the URL list")?;
            if !args.quiet {
                eprintln!(
                    "crawl: serving {n} URLs from {} as http://{}/ (127.0.0.1:{})",
                    dir.display(),
                    fetch::serve::HOST,
                    server.addr.port()
                );
            }
            let path = list.path().to_path_buf();
            served = Some((server, list));
            path
        }
        (None, None) => anyhow::bail!("give --urls FILE or --serve DIR"),
    };
    let config = CrawlConfig {
        urls,
        out: args.out.clone(),
        concurrency: args.concurrency,
        per_host: args
            .per_host
            .unwrap_or(if served.is_some() { 8 } else { 2 }),
        delay: Duration::from_millis(args.delay.unwrap_or(if served.is_some() { 0 } else { 250 })),
        user_agent: args.user_agent,
        timeout: Duration::from_secs_f64(args.timeout),
        retries: args.retries,
        backoff: Duration::from_millis(args.backoff),
        max_bytes: args.max_bytes,
        allow_private: args.allow_private || served.is_some(),
        as_of: args.as_of,
        max_pending: args.max_pending.max(args.concurrency * 4),
        progress,
        resolve: served
            .as_ref()
            .map(|(server, _)| vec![(fetch::serve::HOST.to_string(), server.addr)])
            .unwrap_or_default(),
    };
    let summary = fetch::crawl(config, extractor)?;
    drop(served);
    if !args.quiet {
        let s = &summary.stats;
        let secs = summary.elapsed.as_secs_f64().max(1e-3);
        let done = s.done();
        if summary.resumed > 0 {
            eprintln!(
                "crawl: resumed {}: {} URLs already logged",
                args.out.display(),
                summary.resumed
            );
        }
        if summary.repaired > 0 {
            eprintln!(
                "crawl: repaired {} bytes of unfinished output from the earlier run",
                summary.repaired
            );
        }
        eprintln!(
            "crawl: {done} URLs in {secs:.1} s ({:.1}/s): {}; {} records, {} pages ok{}",
            done as f64 / secs,
            s.by_outcome_line(),
            s.records(),
            s.count(Outcome::Ok),
            if summary.interrupted {
                " (interrupted: run again to resume)"
            } else {
                ""
            },
        );
    }
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    })
}
