//! Writers for records: JSONL (one record a line), JSON (an array) and CSV
//! (one row per tier, columns in the contract's order, lists joined with `|`,
//! cells a spreadsheet would run as formulas written as text), and atomic
//! output files (temp file + rename: a killed run never leaves half a file).

mod csv_rows;

pub use csv_rows::{csv_header, csv_rows};

use crate::record::Record;
use std::io::{self, Write};
use std::path::Path;

/// Output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Json,
    Csv,
}

/// A writer errored.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("csv: {0}")]
    Csv(csv::Error),
    #[error("json: {0}")]
    Json(serde_json::Error),
}

// Writer failures surface as `Io`, so callers can tell a closed pipe
// (`fineprint extract | head`) from a broken record.
impl From<csv::Error> for OutputError {
    fn from(e: csv::Error) -> OutputError {
        if !e.is_io_error() {
            return OutputError::Csv(e);
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => OutputError::Io(io),
            _ => OutputError::Io(io::Error::other("csv writer failed")),
        }
    }
}

impl From<serde_json::Error> for OutputError {
    fn from(e: serde_json::Error) -> OutputError {
        if e.is_io() {
            OutputError::Io(e.into())
        } else {
            OutputError::Json(e)
        }
    }
}

/// Streams records in one format to a writer: `write` each record, then `finish`.
pub struct RecordWriter<W: Write> {
    format: Format,
    out: Option<W>,
    csv: Option<csv::Writer<W>>,
    count: usize,
}

impl<W: Write> RecordWriter<W> {
    pub fn new(format: Format, out: W) -> Result<RecordWriter<W>, OutputError> {
        let mut w = RecordWriter {
            format,
            out: None,
            csv: None,
            count: 0,
        };
        match format {
            Format::Csv => {
                let mut c = csv::WriterBuilder::new().from_writer(out);
                c.write_record(csv_header())?;
                w.csv = Some(c);
            }
            Format::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                w.out = Some(out);
            }
            Format::Jsonl => w.out = Some(out),
        }
        Ok(w)
    }

    pub fn write(&mut self, record: &Record) -> Result<(), OutputError> {
        match (self.format, &mut self.out, &mut self.csv) {
            (Format::Csv, _, Some(c)) => {
                for row in csv_rows(record) {
                    c.write_record(&row)?;
                }
            }
            (Format::Json, Some(o), _) => {
                o.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *o, record)?;
            }
            (Format::Jsonl, Some(o), _) => {
                serde_json::to_writer(&mut *o, record)?;
                o.write_all(b"\n")?;
            }
            _ => {}
        }
        self.count += 1;
        Ok(())
    }

    /// Closes the output (the JSON array's bracket) and returns the writer.
    pub fn finish(mut self) -> Result<W, OutputError> {
        if let Some(mut c) = self.csv.take() {
            c.flush()?;
            return c.into_inner().map_err(|e| OutputError::Io(e.into_error()));
        }
        let mut o = self
            .out
            .take()
            .ok_or_else(|| io::Error::other("writer already finished"))?;
        if self.format == Format::Json {
            o.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        o.flush()?;
        Ok(o)
    }
}

/// Writes a file atomically: `fill` writes into a temporary file beside
/// `path`, which is synced and renamed over `path` only when `fill` succeeds.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<(), OutputError>
where
    F: FnOnce(&mut dyn Write) -> Result<(), OutputError>,
{
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut buf = io::BufWriter::new(tmp.as_file_mut());
        fill(&mut buf)?;
        buf.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| OutputError::Io(e.error))?;
    Ok(())
}
