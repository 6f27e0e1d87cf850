//! The extraction pipeline for one page: bytes → [`Page`] → voucher records.
//!
//! An [`Extractor`] is built once (it holds the compiled lexicon) and shared
//! by reference across threads; [`Extractor::extract`] is pure: the reference
//! date comes in through [`Context`], never from the clock.

use crate::lexicon::Lexicon;
use crate::page::{self, Page, PageOptions};
use crate::record::{Record, Source};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// What is known about a page besides its bytes.
#[derive(Debug, Clone)]
pub struct Context {
    pub url: Option<String>,
    pub file: Option<String>,
    pub fetched_at: Option<DateTime<Utc>>,
    /// The reference date for dates printed without a year.
    pub as_of: NaiveDate,
    /// The charset of the HTTP `Content-Type`, when fetched.
    pub http_charset: Option<String>,
}

/// Settings of an extractor.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Narrow the dictionaries to one language (`--lang`).
    pub lang: Option<String>,
    /// Page size cap; `None` takes [`PageOptions`]' default.
    pub max_bytes: Option<usize>,
}

/// The result of extracting one page.
#[derive(Debug, Clone)]
pub struct PageResult {
    pub records: Vec<Record>,
    /// The language the page was read in.
    pub language: String,
    /// Page-level notes (`page_truncated`, `script_json_invalid`, ...).
    pub warnings: Vec<String>,
}

/// Extracts voucher records from pages; built once, shared across threads.
pub struct Extractor {
    lexicon: Arc<Lexicon>,
    options: ExtractOptions,
}

impl Extractor {
    pub fn new(lexicon: Arc<Lexicon>, options: ExtractOptions) -> Extractor {
        Extractor { lexicon, options }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Reads the page bytes and extracts its vouchers.
    pub fn extract(&self, bytes: &[u8], ctx: &Context) -> PageResult {
        let mut opts = PageOptions {
            http_charset: ctx.http_charset.clone(),
            ..PageOptions::default()
        };
        if let Some(m) = self.options.max_bytes {
            opts.max_bytes = m;
        }
        // A bug must cost one page, not the run: a panic becomes a page warning.
        let run = std::panic::AssertUnwindSafe(|| {
            let page = page::read(bytes, &opts);
            self.extract_page(&page, bytes, ctx)
        });
        std::panic::catch_unwind(run).unwrap_or_else(|_| PageResult {
            records: Vec::new(),
            language: String::new(),
            warnings: vec!["extraction_failed".to_string()],
        })
    }

    /// Extracts the vouchers of an already read page.
    pub fn extract_page(&self, page: &Page, bytes: &[u8], ctx: &Context) -> PageResult {
        let source = Source {
            url: ctx.url.clone(),
            file: ctx.file.clone(),
            fetched_at: ctx.fetched_at.map(|t| t.to_rfc3339()),
            sha256: hex::encode(Sha256::digest(bytes)),
        };
        let (language, mut records) =
            crate::terms::extract(&self.lexicon, page, ctx.as_of, self.options.lang.as_deref());
        for (i, r) in records.iter_mut().enumerate() {
            r.source = source.clone();
            r.assign_id(i);
        }
        PageResult {
            records,
            language,
            warnings: page.warnings.clone(),
        }
    }
}

/// True when the bytes look like a binary file rather than a page (NUL bytes
/// or many control characters near the start).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false; // UTF-16 text with a BOM
    }
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0E..0x20).contains(&b) && b != 0x1B)
        .count();
    head.contains(&0) || controls * 20 > head.len().max(1)
}
