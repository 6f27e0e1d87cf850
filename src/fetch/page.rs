//! A fetched page, after the network: stored under `pages/` by its SHA-256,
//! extracted, and its records serialized to JSONL and CSV for the writer.
//! Synchronous (CPU work); the crawler runs it on the blocking pool.

use super::journal::{page_key, write_page, JournalError};
use super::writer::PageRecords;
use crate::extract::{Context, Extractor};
use crate::output::csv_rows;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use std::io;
use std::path::Path;

/// What is known of a fetched page.
pub struct FetchedPage<'a> {
    pub bytes: &'a [u8],
    /// The final URL (after redirects).
    pub url: &'a str,
    pub fetched_at: DateTime<Utc>,
    pub charset: Option<String>,
    /// `--as-of`; the fetch date when not given.
    pub as_of: Option<NaiveDate>,
}

/// A stored and extracted page.
pub struct Extracted {
    pub sha256: String,
    pub records: PageRecords,
    /// Set when the extractor failed on the page (it is stored, without records).
    pub error: Option<String>,
}

/// Stores the page and extracts it.
pub fn store_and_extract(
    extractor: &Extractor,
    dir: &Path,
    page: FetchedPage<'_>,
) -> Result<Extracted, JournalError> {
    let sha = hex::encode(Sha256::digest(page.bytes));
    write_page(dir, &sha, page.bytes)?;
    let ctx = Context {
        url: Some(page.url.to_string()),
        file: None,
        fetched_at: Some(page.fetched_at),
        as_of: page.as_of.unwrap_or_else(|| page.fetched_at.date_naive()),
        http_charset: page.charset,
    };
    let bytes = page.bytes;
    let (records, error) = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract(bytes, &ctx).records
    })) {
        Ok(r) => (r, None),
        Err(_) => (
            Vec::new(),
            Some("the extractor failed on this page".to_string()),
        ),
    };
    let bad = |e: &dyn std::fmt::Display| JournalError {
        path: dir.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
    };
    let mut jsonl = Vec::new();
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for record in &records {
        serde_json::to_writer(&mut jsonl, record).map_err(|e| bad(&e))?;
        jsonl.push(b'\n');
        for row in csv_rows(record) {
            csv.write_record(&row).map_err(|e| bad(&e))?;
        }
    }
    let csv = csv.into_inner().map_err(|e| bad(&e))?;
    let records = PageRecords {
        key: page_key(page.url, &sha),
        count: records.len() as u64,
        jsonl,
        csv,
    };
    Ok(Extracted {
        sha256: sha,
        records,
        error,
    })
}

/// The CSV header line of `vouchers.csv`.
pub fn csv_header_line() -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let _ = w.write_record(crate::output::csv_header());
    w.into_inner().unwrap_or_default()
}
