//! Feedback while crawling: counters kept by the writer, shown as an
//! indicatif bar on a terminal (done / total, ok / failed, pages per second,
//! ETA) or as a plain summary line every few seconds otherwise; and the
//! final summary by outcome.

use super::outcome::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Counters of a run, updated as log lines are written.
#[derive(Debug, Default)]
pub struct Stats {
    by_outcome: [AtomicU64; Outcome::ALL.len()],
    records: AtomicU64,
    attempts: AtomicU64,
    /// Entries of the input list, once counted (0 until then).
    pub total: AtomicU64,
    /// Entries already logged by an earlier run.
    pub resumed: AtomicU64,
    failed: AtomicBool,
}

impl Stats {
    pub fn record(&self, outcome: Outcome, records: u64, attempts: u32) {
        self.by_outcome[outcome.index()].fetch_add(1, Ordering::Relaxed);
        self.records.fetch_add(records, Ordering::Relaxed);
        self.attempts
            .fetch_add(u64::from(attempts), Ordering::Relaxed);
    }

    pub fn count(&self, outcome: Outcome) -> u64 {
        self.by_outcome[outcome.index()].load(Ordering::Relaxed)
    }

    /// URLs logged in this run.
    pub fn done(&self) -> u64 {
        Outcome::ALL.iter().map(|o| self.count(*o)).sum()
    }

    pub fn records(&self) -> u64 {
        self.records.load(Ordering::Relaxed)
    }

    pub fn attempts(&self) -> u64 {
        self.attempts.load(Ordering::Relaxed)
    }

    pub fn set_failed(&self) {
        self.failed.store(true, Ordering::Relaxed);
    }

    /// The writer hit an I/O error: the run must stop.
    pub fn failed(&self) -> bool {
        self.failed.load(Ordering::Relaxed)
    }

    /// `ok 10, http_error 2, ...` (outcomes with a count only).
    pub fn by_outcome_line(&self) -> String {
        let mut s = String::new();
        for o in Outcome::ALL {
            let n = self.count(o);
            if n > 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                let _ = write!(s, "{o} {n}");
            }
        }
        if s.is_empty() {
            s.push_str("nothing new");
        }
        s
    }
}

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Bar,
    Lines,
    Quiet,
}

/// Shows progress until dropped or finished.
pub struct Reporter {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Reporter {
    /// Starts showing progress on standard error.
    pub fn start(mode: Mode, stats: Arc<Stats>, started: Instant) -> Reporter {
        let stop = Arc::new(AtomicBool::new(false));
        let handle = match mode {
            Mode::Quiet => None,
            _ => {
                let stop = stop.clone();
                std::thread::Builder::new()
                    .name("crawl-progress".into())
                    .spawn(move || show(mode, &stats, started, &stop))
                    .ok()
            }
        };
        Reporter { stop, handle }
    }

    /// Stops showing progress (the final summary is the caller's).
    pub fn finish(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.halt();
    }
}

fn show(mode: Mode, stats: &Stats, started: Instant, stop: &AtomicBool) {
    let tick = Duration::from_millis(200);
    let every = Duration::from_secs(5);
    let bar = (mode == Mode::Bar).then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{elapsed_precise} [{wide_bar}] {pos}/{len} {msg} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        bar
    });
    let mut last_line = Instant::now();
    loop {
        let stopping = stop.load(Ordering::Relaxed);
        let done = stats.done();
        let total = stats
            .total
            .load(Ordering::Relaxed)
            .saturating_sub(stats.resumed.load(Ordering::Relaxed));
        let ok = stats.count(Outcome::Ok);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        let rate = done as f64 / secs;
        if let Some(bar) = &bar {
            if total > 0 {
                bar.set_length(total.max(done));
            }
            bar.set_position(done);
            bar.set_message(format!("ok {ok} failed {} {rate:.0}/s", done - ok));
            if stopping {
                bar.finish_and_clear();
            }
        } else if last_line.elapsed() >= every && !stopping {
            last_line = Instant::now();
            let of = if total > 0 {
                format!("/{total}")
            } else {
                String::new()
            };
            eprintln!(
                "crawl: {done}{of} done, ok {ok}, failed {}, {rate:.1} URLs/s, {} records",
                done - ok,
                stats.records()
            );
        }
        if stopping {
            return;
        }
        std::thread::sleep(tick);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_outcome() {
        let s = Stats::default();
        s.record(Outcome::Ok, 3, 1);
        s.record(Outcome::Ok, 0, 2);
        s.record(Outcome::Timeout, 0, 3);
        assert_eq!(s.done(), 3);
        assert_eq!(s.records(), 3);
        assert_eq!(s.attempts(), 6);
        assert_eq!(s.by_outcome_line(), "ok 2, timeout 1");
    }
}
