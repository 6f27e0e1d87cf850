//! The batch crawler behind `fineprint crawl`: the only async part of
//! fineprint (tokio + reqwest).
//!
//! A URL list is streamed from disk, normalized and deduplicated, fetched
//! politely (global and per-host concurrency, per-host delay, robots.txt),
//! safely (non-public addresses refused, redirects re-checked, bodies capped)
//! and patiently (timeouts, retries with backoff), and every page is stored
//! and extracted. One writer appends records and a log line per input URL,
//! in an order that lets a killed run resume with nothing lost or repeated.
//!
//! Modules, in the order a URL meets them: [`input`] (the list),
//! [`normalize`], [`host`] (politeness), [`robots`], [`safety`], [`client`]
//! (HTTP), [`retry`], [`job`] (one URL), [`page`] (store + extract),
//! [`writer`] and [`journal`] (durable files, resume), [`progress`];
//! [`crawler`] wires them together. [`serve`] is a loopback file server for
//! offline runs and benchmarks.

pub mod client;
pub mod crawler;
pub mod host;
pub mod input;
pub mod job;
pub mod journal;
pub mod normalize;
pub mod outcome;
pub mod page;
pub mod progress;
pub mod retry;
pub mod robots;
pub mod safety;
pub mod serve;
pub mod writer;

pub use crawler::{crawl, CrawlConfig, CrawlError, Summary};
pub use journal::LogLine;
pub use outcome::Outcome;
pub use progress::Mode;
