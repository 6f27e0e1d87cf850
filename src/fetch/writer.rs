//! The single writer: a thread that owns the output files and appends, in
//! order, each finished URL's records and log line (see [`super::journal`]),
//! and writes the log lines of duplicate input URLs once the URL they
//! duplicate is logged.

use super::journal::{self, Journal, JournalError, LogLine};
use super::progress::Stats;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::mpsc;

/// Marks a URL key whose fetch is under way in the originals map.
pub const IN_FLIGHT: u64 = u64::MAX;

/// Normalized URL key → offset of its log line, or [`IN_FLIGHT`]. Shared by
/// the dispatcher (which claims keys) and the writer (which fills offsets).
pub type Originals = Arc<Mutex<HashMap<u64, u64>>>;

/// A message to the writer.
pub enum Message {
    /// An input URL is finished.
    Finished(Box<Finished>),
    /// An input URL whose normalized URL was seen before.
    Duplicate { line: u64, url: String, key: u64 },
}

/// A finished input URL.
pub struct Finished {
    pub log: LogLine,
    /// The normalized URL key, for fetched URLs.
    pub key: Option<u64>,
    /// The extracted page, for `ok`: its key and its records, serialized.
    pub page: Option<PageRecords>,
}

/// The serialized records of one page.
pub struct PageRecords {
    pub key: u64,
    pub count: u64,
    pub jsonl: Vec<u8>,
    pub csv: Vec<u8>,
}

/// Runs the writer until every sender is gone.
pub fn run(
    mut journal: Journal,
    mut rx: mpsc::Receiver<Message>,
    originals: Originals,
    mut pages: HashSet<u64>,
    stats: Arc<Stats>,
) -> Result<(), JournalError> {
    let mut waiting: HashMap<u64, Vec<(u64, String)>> = HashMap::new();
    let mut failure: Option<JournalError> = None;
    while let Some(msg) = rx.blocking_recv() {
        if failure.is_some() {
            continue; // drain, so senders never block on a dead writer
        }
        let result = match msg {
            Message::Finished(f) => finish(
                &mut journal,
                *f,
                &originals,
                &mut pages,
                &mut waiting,
                &stats,
            ),
            Message::Duplicate { line, url, key } => {
                let offset = lock(&originals).get(&key).copied();
                match offset {
                    Some(off) if off != IN_FLIGHT => {
                        write_duplicate(&mut journal, off, line, url, &stats)
                    }
                    _ => {
                        waiting.entry(key).or_default().push((line, url));
                        Ok(())
                    }
                }
            }
        };
        if let Err(e) = result {
            stats.set_failed();
            failure = Some(e);
        }
    }
    if let Some(e) = failure {
        return Err(e);
    }
    journal.sync()
}

fn finish(
    journal: &mut Journal,
    f: Finished,
    originals: &Originals,
    pages: &mut HashSet<u64>,
    waiting: &mut HashMap<u64, Vec<(u64, String)>>,
    stats: &Stats,
) -> Result<(), JournalError> {
    let mut log = f.log;
    let (jsonl, csv) = match f.page {
        Some(p) if pages.insert(p.key) => {
            log.records = p.count;
            (p.jsonl, p.csv)
        }
        _ => {
            log.records = 0;
            (Vec::new(), Vec::new())
        }
    };
    stats.record(log.outcome, log.records, log.attempts);
    let offset = journal.append(log, &jsonl, &csv)?;
    if let Some(key) = f.key {
        lock(originals).insert(key, offset);
        for (line, url) in waiting.remove(&key).unwrap_or_default() {
            write_duplicate(journal, offset, line, url, stats)?;
        }
    }
    Ok(())
}

fn write_duplicate(
    journal: &mut Journal,
    offset: u64,
    line: u64,
    url: String,
    stats: &Stats,
) -> Result<(), JournalError> {
    let mut copy = journal::read_line_at(&journal.dir, offset)?;
    copy.duplicate_of = Some(copy.duplicate_of.unwrap_or(copy.line));
    copy.url = url;
    copy.line = line;
    copy.attempts = 0;
    copy.records = 0;
    stats.record(copy.outcome, 0, 0);
    journal.append(copy, &[], &[])?;
    Ok(())
}

fn lock(o: &Originals) -> std::sync::MutexGuard<'_, HashMap<u64, u64>> {
    o.lock().unwrap_or_else(PoisonError::into_inner)
}
