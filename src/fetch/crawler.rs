//! The crawl as a whole: reads the URL list on its own thread, skips what an
//! earlier run logged, sorts out invalid and duplicate URLs, runs one task
//! per URL to fetch (bounded: at most `max_pending` URLs between the input
//! and the log), extracts pages on the blocking pool, and hands everything
//! to the single writer.

use super::client::{Client, ClientError, ClientSettings};
use super::host::Hosts;
use super::input::{self, InputEntry, InputError};
use super::job::{self, Fetched, Shared};
use super::journal::{self, input_key, JournalError, LogLine};
use super::normalize::{normalize, url_key};
use super::outcome::Outcome;
use super::page::{csv_header_line, store_and_extract, Extracted, FetchedPage};
use super::progress::{Mode, Reporter, Stats};
use super::writer::{self, Finished, Message, Originals, IN_FLIGHT};
use crate::extract::Extractor;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, Semaphore};
use url::Url;

/// Settings of a crawl (the `fineprint crawl` flags).
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    pub urls: PathBuf,
    pub out: PathBuf,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Jobs in flight per host.
    pub per_host: usize,
    /// Minimum spacing between the starts of two requests to one host.
    pub delay: Duration,
    pub user_agent: String,
    /// Total time for one request (connect, headers, body).
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub retries: u32,
    /// First backoff step.
    pub backoff: Duration,
    pub max_bytes: u64,
    pub allow_private: bool,
    pub as_of: Option<NaiveDate>,
    /// URLs read ahead of the log at most.
    pub max_pending: usize,
    pub progress: Mode,
    /// Host names answered without DNS, e.g. [`super::serve::HOST`] for
    /// the loopback file server.
    pub resolve: Vec<(String, std::net::SocketAddr)>,
}

/// What a crawl did.
#[derive(Debug)]
pub struct Summary {
    pub stats: Arc<Stats>,
    pub elapsed: Duration,
    /// Log lines an earlier run had written.
    pub resumed: u64,
    /// Bytes cut from torn file tails on resume.
    pub repaired: u64,
    /// Stopped early by Ctrl-C.
    pub interrupted: bool,
}

/// A crawl that could not run or finish.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error("cannot start the crawler: {0}")]
    Runtime(std::io::Error),
    #[error("the output writer stopped")]
    WriterGone,
}

/// Runs a crawl to the end of the URL list (or Ctrl-C).
pub fn crawl(config: CrawlConfig, extractor: Arc<Extractor>) -> Result<Summary, CrawlError> {
    let started = Instant::now();
    // Fail early on an unreadable list, before touching the output.
    drop(input::open(&config.urls)?);
    let (journal, resume) = journal::open(&config.out, &csv_header_line())?;
    let stats = Arc::new(Stats::default());
    stats.resumed.store(resume.lines, Ordering::Relaxed);
    let originals: Originals = Arc::new(Mutex::new(resume.originals));
    let (tx, rx) = mpsc::channel::<Message>(1024);
    let writer = {
        let (originals, stats, pages) = (originals.clone(), stats.clone(), resume.pages);
        std::thread::Builder::new()
            .name("crawl-writer".into())
            .spawn(move || writer::run(journal, rx, originals, pages, stats))
            .map_err(CrawlError::Runtime)?
    };
    if config.progress != Mode::Quiet {
        let (path, stats) = (config.urls.clone(), stats.clone());
        let _ = std::thread::Builder::new()
            .name("crawl-count".into())
            .spawn(move || {
                if let Ok(n) = input::count(&path) {
                    stats.total.store(n, Ordering::Relaxed);
                }
            });
    }
    let reporter = Reporter::start(config.progress, stats.clone(), started);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("crawl")
        .build()
        .map_err(CrawlError::Runtime)?;
    let run = runtime.block_on(dispatch(
        &config,
        extractor,
        resume.done_inputs,
        originals,
        tx,
        stats.clone(),
    ));
    runtime.shutdown_timeout(Duration::from_secs(1));
    let written = writer.join().map_err(|_| CrawlError::WriterGone)?;
    reporter.finish();
    let interrupted = run?;
    written?;
    Ok(Summary {
        stats,
        elapsed: started.elapsed(),
        resumed: resume.lines,
        repaired: resume.repaired,
        interrupted,
    })
}

/// Feeds the URL list to fetch tasks; returns whether Ctrl-C stopped it.
async fn dispatch(
    config: &CrawlConfig,
    extractor: Arc<Extractor>,
    mut done_inputs: HashSet<u64>,
    originals: Originals,
    tx: mpsc::Sender<Message>,
    stats: Arc<Stats>,
) -> Result<bool, CrawlError> {
    let client = Client::new(ClientSettings {
        user_agent: config.user_agent.clone(),
        timeout: config.timeout,
        allow_private: config.allow_private,
        per_host: config.per_host,
        resolve: config.resolve.clone(),
    })?;
    let cpus = std::thread::available_parallelism().map_or(2, usize::from);
    let shared = Arc::new(Shared {
        client,
        hosts: Hosts::new(config.per_host, config.delay),
        global: Arc::new(Semaphore::new(config.concurrency.max(1))),
        work: Arc::new(Semaphore::new(config.concurrency.max(1) + cpus)),
        stopping: AtomicBool::new(false),
        retries: config.retries,
        backoff: config.backoff,
        max_bytes: config.max_bytes,
        allow_private: config.allow_private,
    });
    let max_pending = config.max_pending.clamp(1, Semaphore::MAX_PERMITS);
    let pending = Arc::new(Semaphore::new(max_pending));
    let cpu = Arc::new(Semaphore::new(cpus));
    let job_env = Arc::new(JobEnv {
        shared,
        extractor,
        out: config.out.clone(),
        as_of: config.as_of,
        cpu,
        tx: tx.clone(),
        stats: stats.clone(),
        error: Mutex::new(None),
    });

    let mut entries = spawn_reader(config.urls.clone());
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut interrupted = false;
    let mut input_error = None;
    loop {
        let entry = tokio::select! {
            e = entries.recv() => e,
            _ = &mut ctrl_c => {
                interrupted = true;
                job_env.shared.stopping.store(true, Ordering::Relaxed);
                tokio::spawn(async {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        std::process::exit(130);
                    }
                });
                break;
            }
        };
        let entry = match entry {
            None => break,
            Some(Ok(e)) => e,
            Some(Err(e)) => {
                input_error = Some(e);
                break;
            }
        };
        if stats.failed() {
            break;
        }
        if done_inputs.remove(&input_key(entry.line, &entry.raw)) {
            continue;
        }
        let url = match normalize(&entry.raw) {
            Ok(u) => u,
            Err(e) => {
                let log = invalid_line(&entry, e.to_string());
                send(
                    &tx,
                    Message::Finished(Box::new(Finished {
                        log,
                        key: None,
                        page: None,
                    })),
                )
                .await?;
                continue;
            }
        };
        let key = url_key(&url);
        let first = {
            let mut map = originals.lock().unwrap_or_else(PoisonError::into_inner);
            match map.entry(key) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(IN_FLIGHT);
                    true
                }
                std::collections::hash_map::Entry::Occupied(_) => false,
            }
        };
        if !first {
            send(
                &tx,
                Message::Duplicate {
                    line: entry.line,
                    url: entry.raw,
                    key,
                },
            )
            .await?;
            continue;
        }
        let Ok(permit) = pending.clone().acquire_owned().await else {
            break;
        };
        let env = job_env.clone();
        tokio::spawn(async move {
            env.run(entry, url, key).await;
            drop(permit);
        });
    }
    drop(entries);
    // Every task holds one permit until its line is handed to the writer.
    let all = u32::try_from(max_pending).unwrap_or(u32::MAX);
    let _ = pending.acquire_many(all).await;
    if let Some(e) = input_error {
        return Err(e.into());
    }
    let task_error = job_env
        .error
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(e) = task_error {
        return Err(e.into());
    }
    Ok(interrupted)
}

async fn send(tx: &mpsc::Sender<Message>, msg: Message) -> Result<(), CrawlError> {
    tx.send(msg).await.map_err(|_| CrawlError::WriterGone)
}

/// Reads the URL list on its own thread, a bounded channel ahead.
fn spawn_reader(path: PathBuf) -> mpsc::Receiver<Result<InputEntry, InputError>> {
    let (tx, rx) = mpsc::channel(1024);
    let _ = std::thread::Builder::new()
        .name("crawl-input".into())
        .spawn(move || {
            let reader = match input::open(&path) {
                Ok(r) => r,
                Err(e) => {
                    let _ = tx.blocking_send(Err(e));
                    return;
                }
            };
            for entry in reader {
                let stop = entry.is_err();
                if tx.blocking_send(entry).is_err() || stop {
                    return;
                }
            }
        });
    rx
}

fn invalid_line(entry: &InputEntry, error: String) -> LogLine {
    LogLine {
        url: entry.raw.clone(),
        final_url: None,
        status: None,
        outcome: Outcome::InvalidUrl,
        attempts: 0,
        bytes: 0,
        sha256: None,
        fetched_at: None,
        error: Some(error),
        line: entry.line,
        content_type: None,
        records: 0,
        duplicate_of: None,
        jsonl_end: 0,
        csv_end: 0,
    }
}

/// What a URL's task needs.
struct JobEnv {
    shared: Arc<Shared>,
    extractor: Arc<Extractor>,
    out: PathBuf,
    as_of: Option<NaiveDate>,
    /// Extractions at once (one per core).
    cpu: Arc<Semaphore>,
    tx: mpsc::Sender<Message>,
    stats: Arc<Stats>,
    /// The first output error of a task (it stops the crawl).
    error: Mutex<Option<JournalError>>,
}

impl JobEnv {
    async fn run(self: Arc<Self>, entry: InputEntry, url: Url, key: u64) {
        let Some((mut fetched, _work)) = job::fetch(&self.shared, &url).await else {
            return; // stopping: left for the next run
        };
        let mut page = None;
        let mut sha = None;
        if let Some(body) = fetched.body.take() {
            match self.extract(body, &fetched).await {
                Ok(done) => {
                    sha = Some(done.sha256);
                    page = Some(done.records);
                    fetched.error = done.error;
                }
                Err(e) => {
                    // The output directory is failing: leave this URL unlogged
                    // (a resumed run fetches it again) and stop the crawl.
                    self.stats.set_failed();
                    let mut first = self.error.lock().unwrap_or_else(PoisonError::into_inner);
                    first.get_or_insert(e);
                    return;
                }
            }
        }
        let log = LogLine {
            url: entry.raw,
            final_url: fetched.final_url.map(|u| u.to_string()),
            status: fetched.status,
            outcome: fetched.outcome,
            attempts: fetched.attempts,
            bytes: fetched.bytes,
            sha256: sha,
            fetched_at: Some(fetched.fetched_at.to_rfc3339()),
            error: fetched.error,
            line: entry.line,
            content_type: fetched.content_type,
            records: 0,
            duplicate_of: None,
            jsonl_end: 0,
            csv_end: 0,
        };
        let msg = Message::Finished(Box::new(Finished {
            log,
            key: Some(key),
            page,
        }));
        if self.tx.send(msg).await.is_err() {
            self.stats.set_failed();
        }
    }

    /// Stores and extracts a page on the blocking pool.
    async fn extract(&self, body: Vec<u8>, fetched: &Fetched) -> Result<Extracted, JournalError> {
        let _cpu = self.cpu.clone().acquire_owned().await.ok();
        let extractor = self.extractor.clone();
        let out = self.out.clone();
        let url = fetched
            .final_url
            .as_ref()
            .map(|u| u.to_string())
            .unwrap_or_default();
        let (fetched_at, charset, as_of) =
            (fetched.fetched_at, fetched.charset.clone(), self.as_of);
        let task = tokio::task::spawn_blocking(move || {
            let page = FetchedPage {
                bytes: &body,
                url: &url,
                fetched_at,
                charset,
                as_of,
            };
            store_and_extract(&extractor, &out, page)
        });
        task.await.unwrap_or_else(|e| {
            Err(JournalError {
                path: self.out.clone(),
                source: std::io::Error::other(e.to_string()),
            })
        })
    }
}
