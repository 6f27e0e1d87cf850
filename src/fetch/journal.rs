//! The durable output directory: `fetch_log.jsonl`, `vouchers.jsonl`,
//! `vouchers.csv` and `pages/`, and resuming a run from them.
//!
//! Consistency scheme: one writer appends, for each finished input URL, the
//! page's records to `vouchers.jsonl` and `vouchers.csv` first and the log
//! line last. Every log line carries `jsonl_end` and `csv_end`, the lengths
//! of the two record files once its records were written. So the log's last
//! complete line says exactly how much of the record files is committed: on
//! resume, a torn or unparsable tail of the log is cut off, and both record
//! files are cut back to the lengths that line names. Records written for a
//! URL whose log line never made it are thus dropped, and that URL is
//! fetched again; nothing is lost and nothing is written twice. Pages are
//! written to `pages/<sha256>.html` through a temporary file and a rename,
//! before the log line that names them.

use super::normalize::{key_of, normalize, url_key};
use super::outcome::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub const LOG_FILE: &str = "fetch_log.jsonl";
pub const JSONL_FILE: &str = "vouchers.jsonl";
pub const CSV_FILE: &str = "vouchers.csv";
pub const PAGES_DIR: &str = "pages";

/// One line of `fetch_log.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogLine {
    /// The URL as written in the input.
    pub url: String,
    /// The URL of the last request (after redirects), or null when none was made.
    pub final_url: Option<String>,
    pub status: Option<u16>,
    pub outcome: Outcome,
    /// HTTP attempts for the page (robots.txt not counted; 0 when not fetched).
    pub attempts: u32,
    /// Body bytes received (decoded).
    pub bytes: u64,
    /// SHA-256 of the page bytes, for `ok`; the page is `pages/<sha256>.html`.
    pub sha256: Option<String>,
    pub fetched_at: Option<String>,
    pub error: Option<String>,
    /// 1-based line of the input file.
    pub line: u64,
    pub content_type: Option<String>,
    /// Records written for this URL (0 when the same page was already extracted).
    pub records: u64,
    /// For a duplicate of an earlier input URL: that URL's input line; the
    /// result fields are copied from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<u64>,
    /// Length of `vouchers.jsonl` once this line's records were written.
    pub jsonl_end: u64,
    /// Length of `vouchers.csv` once this line's records were written.
    pub csv_end: u64,
}

/// An I/O failure on the output directory, or one that is not a crawl's.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct JournalError {
    pub path: PathBuf,
    pub source: io::Error,
}

fn refuse(path: &Path, why: &str) -> JournalError {
    JournalError {
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidData, why.to_string()),
    }
}

fn err(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
    move |source| JournalError {
        path: path.to_path_buf(),
        source,
    }
}

/// What an earlier run left, read back on resume.
#[derive(Default)]
pub struct Resume {
    /// Input entries already logged: key of (line, url).
    pub done_inputs: HashSet<u64>,
    /// Normalized URLs already fetched: URL key → offset of their log line.
    pub originals: HashMap<u64, u64>,
    /// Pages whose records are written: key of (final_url, sha256).
    pub pages: HashSet<u64>,
    /// Log lines read back.
    pub lines: u64,
    /// Bytes cut from torn or unreadable file tails.
    pub repaired: u64,
}

/// The open output files.
pub struct Journal {
    pub dir: PathBuf,
    pub log: File,
    pub jsonl: File,
    pub csv: File,
    pub log_len: u64,
    pub jsonl_len: u64,
    pub csv_len: u64,
}

/// The key under which an input entry is remembered as done.
pub fn input_key(line: u64, url: &str) -> u64 {
    key_of(&[&line.to_le_bytes(), url.as_bytes()])
}

/// The key of an extracted page.
pub fn page_key(final_url: &str, sha256: &str) -> u64 {
    key_of(&[final_url.as_bytes(), sha256.as_bytes()])
}

/// Opens (creating) the output directory, repairs what a killed run left and
/// reads back what it logged. `csv_header` is the header line written to a
/// new `vouchers.csv`.
pub fn open(dir: &Path, csv_header: &[u8]) -> Result<(Journal, Resume), JournalError> {
    fs::create_dir_all(dir.join(PAGES_DIR)).map_err(err(dir))?;
    clean_temp_pages(&dir.join(PAGES_DIR));
    let log_path = dir.join(LOG_FILE);
    let jsonl_path = dir.join(JSONL_FILE);
    let csv_path = dir.join(CSV_FILE);
    // Records without a log are not a crawl's (or not this crawler's): they
    // are left alone rather than cut.
    let has_records = fs::metadata(&jsonl_path).is_ok_and(|m| m.len() > 0);
    if has_records && !log_path.exists() {
        return Err(refuse(
            &jsonl_path,
            "records without a fetch_log.jsonl beside them: not a crawl output directory, not touched",
        ));
    }
    let mut log = open_rw(&log_path)?;
    let mut resume = Resume::default();
    let (valid_len, last) = read_log(&mut log, &log_path, &mut resume)?;
    let log_len = log.metadata().map_err(err(&log_path))?.len();
    if log_len > valid_len {
        log.set_len(valid_len).map_err(err(&log_path))?;
        resume.repaired += log_len - valid_len;
    }
    let (jsonl_end, csv_end) = last.map_or((0, 0), |l| (l.jsonl_end, l.csv_end));
    let mut jsonl = open_rw(&jsonl_path)?;
    let jsonl_len = cut_to(&mut jsonl, &jsonl_path, jsonl_end, &mut resume)?;
    let mut csv = open_rw(&csv_path)?;
    let mut csv_len = cut_to(&mut csv, &csv_path, csv_end, &mut resume)?;
    if csv_len == 0 {
        csv.write_all(csv_header).map_err(err(&csv_path))?;
        csv_len = csv_header.len() as u64;
    }
    for (f, p) in [
        (&mut log, &log_path),
        (&mut jsonl, &jsonl_path),
        (&mut csv, &csv_path),
    ] {
        f.seek(SeekFrom::End(0)).map_err(err(p))?;
    }
    let journal = Journal {
        dir: dir.to_path_buf(),
        log,
        jsonl,
        csv,
        log_len: valid_len,
        jsonl_len,
        csv_len,
    };
    Ok((journal, resume))
}

fn open_rw(path: &Path) -> Result<File, JournalError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(err(path))
}

/// Cuts a record file back to the committed length; returns its length.
fn cut_to(
    file: &mut File,
    path: &Path,
    committed: u64,
    resume: &mut Resume,
) -> Result<u64, JournalError> {
    let len = file.metadata().map_err(err(path))?.len();
    if len > committed {
        file.set_len(committed).map_err(err(path))?;
        resume.repaired += len - committed;
        return Ok(committed);
    }
    Ok(len)
}

/// Reads the log: returns the length of its valid prefix and its last valid
/// line, and fills `resume`.
fn read_log(
    file: &mut File,
    path: &Path,
    resume: &mut Resume,
) -> Result<(u64, Option<LogLine>), JournalError> {
    file.seek(SeekFrom::Start(0)).map_err(err(path))?;
    let mut reader = BufReader::new(&*file);
    let mut offset = 0u64;
    let mut last = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(err(path))?;
        if n == 0 || buf.last() != Some(&b'\n') {
            break; // end, or a torn last line
        }
        let Ok(line) = serde_json::from_slice::<LogLine>(&buf) else {
            // A kill can only tear the last line; an unreadable line with
            // more after it means the file is not (or no longer) ours.
            if reader.fill_buf().map_err(err(path))?.is_empty() {
                break;
            }
            return Err(refuse(
                path,
                &format!(
                    "line {} is not a fetch log line; not resuming over it",
                    resume.lines + 1
                ),
            ));
        };
        resume.done_inputs.insert(input_key(line.line, &line.url));
        if line.duplicate_of.is_none() && line.outcome != Outcome::InvalidUrl {
            if let Ok(u) = normalize(&line.url) {
                resume.originals.insert(url_key(&u), offset);
            }
        }
        if line.outcome == Outcome::Ok {
            if let (Some(f), Some(s)) = (&line.final_url, &line.sha256) {
                resume.pages.insert(page_key(f, s));
            }
        }
        resume.lines += 1;
        offset += n as u64;
        last = Some(line);
    }
    Ok((offset, last))
}

/// Reads the log line that starts at `offset`.
pub fn read_line_at(dir: &Path, offset: u64) -> Result<LogLine, JournalError> {
    let path = dir.join(LOG_FILE);
    let mut f = File::open(&path).map_err(err(&path))?;
    f.seek(SeekFrom::Start(offset)).map_err(err(&path))?;
    let mut buf = Vec::new();
    BufReader::new(f.take(1 << 24))
        .read_until(b'\n', &mut buf)
        .map_err(err(&path))?;
    serde_json::from_slice(&buf).map_err(|e| JournalError {
        path: path.clone(),
        source: io::Error::new(io::ErrorKind::InvalidData, e),
    })
}

/// Writes `pages/<sha256>.html` (through a temporary file and a rename)
/// unless it is already there.
pub fn write_page(dir: &Path, sha256: &str, bytes: &[u8]) -> Result<(), JournalError> {
    let pages = dir.join(PAGES_DIR);
    let path = pages.join(format!("{sha256}.html"));
    if path.exists() {
        return Ok(());
    }
    // Unique per write: two URLs may serve the same bytes at the same time.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = pages.join(format!(".{sha256}.{}.{n}.tmp", std::process::id()));
    fs::write(&tmp, bytes).map_err(err(&tmp))?;
    fs::rename(&tmp, &path).map_err(err(&path))
}

/// Removes temporary page files a killed run left.
fn clean_temp_pages(pages: &Path) {
    let Ok(entries) = fs::read_dir(pages) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

impl Journal {
    /// Appends one finished URL: its records, then its log line. Returns the
    /// offset of the log line.
    pub fn append(
        &mut self,
        mut line: LogLine,
        jsonl: &[u8],
        csv: &[u8],
    ) -> Result<u64, JournalError> {
        if !jsonl.is_empty() {
            self.jsonl
                .write_all(jsonl)
                .map_err(err(&self.dir.join(JSONL_FILE)))?;
            self.jsonl_len += jsonl.len() as u64;
        }
        if !csv.is_empty() {
            self.csv
                .write_all(csv)
                .map_err(err(&self.dir.join(CSV_FILE)))?;
            self.csv_len += csv.len() as u64;
        }
        line.jsonl_end = self.jsonl_len;
        line.csv_end = self.csv_len;
        let mut text = serde_json::to_vec(&line).map_err(|e| JournalError {
            path: self.dir.join(LOG_FILE),
            source: io::Error::new(io::ErrorKind::InvalidData, e),
        })?;
        text.push(b'\n');
        self.log
            .write_all(&text)
            .map_err(err(&self.dir.join(LOG_FILE)))?;
        let offset = self.log_len;
        self.log_len += text.len() as u64;
        Ok(offset)
    }

    /// Forces everything written to disk (end of run).
    pub fn sync(&self) -> Result<(), JournalError> {
        for (f, name) in [
            (&self.jsonl, JSONL_FILE),
            (&self.csv, CSV_FILE),
            (&self.log, LOG_FILE),
        ] {
            f.sync_data().map_err(err(&self.dir.join(name)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(url: &str, n: u64, outcome: Outcome) -> LogLine {
        LogLine {
            url: url.to_string(),
            final_url: Some(url.to_string()),
            status: Some(200),
            outcome,
            attempts: 1,
            bytes: 3,
            sha256: Some("abc".to_string()),
            fetched_at: None,
            error: None,
            line: n,
            content_type: None,
            records: 1,
            duplicate_of: None,
            jsonl_end: 0,
            csv_end: 0,
        }
    }

    #[test]
    fn resume_cuts_uncommitted_records_and_torn_lines() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        {
            let (mut j, r) = open(dir.path(), b"id\n")?;
            assert_eq!(r.lines, 0);
            j.append(
                line("http://a.example/1", 1, Outcome::Ok),
                b"{\"r\":1}\n",
                b"r1\n",
            )?;
            j.append(line("http://a.example/2", 2, Outcome::HttpError), b"", b"")?;
            // a killed run: records of a third URL written, its log line torn
            j.jsonl.write_all(b"{\"r\":3}\n{\"r\":")?;
            j.csv.write_all(b"r3\n")?;
            j.log.write_all(b"{\"url\":\"http://a.exa")?;
        }
        let (mut j, r) = open(dir.path(), b"id\n")?;
        assert_eq!(r.lines, 2);
        assert!(r.done_inputs.contains(&input_key(1, "http://a.example/1")));
        assert!(r.done_inputs.contains(&input_key(2, "http://a.example/2")));
        assert_eq!(r.originals.len(), 2);
        assert!(r.pages.contains(&page_key("http://a.example/1", "abc")));
        assert!(r.repaired > 0);
        assert_eq!(
            fs::read_to_string(dir.path().join(JSONL_FILE))?,
            "{\"r\":1}\n"
        );
        assert_eq!(fs::read_to_string(dir.path().join(CSV_FILE))?, "id\nr1\n");
        let off = j.append(
            line("http://a.example/3", 3, Outcome::Ok),
            b"{\"r\":3}\n",
            b"r3\n",
        )?;
        let back = read_line_at(dir.path(), off)?;
        assert_eq!(back.url, "http://a.example/3");
        assert_eq!(back.jsonl_end, 16);
        let log = fs::read_to_string(dir.path().join(LOG_FILE))?;
        assert_eq!(log.lines().count(), 3);
        assert!(log.ends_with('\n'));
        Ok(())
    }

    #[test]
    fn foreign_files_are_refused_not_cut() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join(JSONL_FILE), "{\"id\":\"from extract\"}\n")?;
        assert!(open(dir.path(), b"id\n").is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join(JSONL_FILE))?,
            "{\"id\":\"from extract\"}\n"
        );
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join(LOG_FILE), "not json\n{\"also\":1}\n")?;
        assert!(open(dir.path(), b"id\n").is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join(LOG_FILE))?,
            "not json\n{\"also\":1}\n"
        );
        Ok(())
    }

    #[test]
    fn pages_are_written_once() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let _ = open(dir.path(), b"id\n")?;
        write_page(dir.path(), "ff", b"<p>x</p>")?;
        write_page(dir.path(), "ff", b"other")?;
        assert_eq!(fs::read(dir.path().join("pages/ff.html"))?, b"<p>x</p>");
        // The same page from several URLs at once: every write succeeds.
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let d = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    (0..50).all(|i| write_page(&d, &format!("p{i}"), b"same").is_ok())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().ok(), Some(true));
        }
        let leftovers = fs::read_dir(dir.path().join("pages"))?
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .count();
        assert_eq!(leftovers, 0);
        Ok(())
    }
}
