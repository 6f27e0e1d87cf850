//! The URL list, streamed: a text file with one URL per line, or a CSV file
//! with a `url` column. Blank lines and `#` comments are skipped; every other
//! line becomes one [`InputEntry`], in file order, without ever holding the
//! whole list in memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Lines longer than this are cut (and will not parse as a URL).
const MAX_LINE: usize = 64 * 1024;

/// One entry of the URL list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputEntry {
    /// 1-based line number where the entry starts in the file.
    pub line: u64,
    /// The URL as written (trimmed).
    pub raw: String,
}

/// The URL list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read URL list {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("bad CSV in URL list {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
}

/// A streaming reader of the URL list.
pub struct UrlReader {
    path: PathBuf,
    kind: Kind,
}

enum Kind {
    Text {
        reader: BufReader<File>,
        line: u64,
    },
    Csv {
        reader: csv::Reader<File>,
        column: usize,
        record: csv::ByteRecord,
        lines: LineCounter,
    },
}

/// Opens a URL list, deciding between text and CSV from its first entry: a
/// CSV header naming a `url` column makes it CSV.
pub fn open(path: &Path) -> Result<UrlReader, InputError> {
    let io_err = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io_err)?;
    let column = csv_url_column(BufReader::new(file)).map_err(io_err)?;
    let file = File::open(path).map_err(io_err)?;
    let kind = match column {
        Some(column) => Kind::Csv {
            reader: csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(true)
                .comment(Some(b'#'))
                .from_reader(file),
            column,
            record: csv::ByteRecord::new(),
            lines: LineCounter {
                reader: BufReader::new(File::open(path).map_err(io_err)?),
                pos: 0,
                line: 1,
            },
        },
        None => Kind::Text {
            reader: BufReader::new(file),
            line: 0,
        },
    };
    Ok(UrlReader {
        path: path.to_path_buf(),
        kind,
    })
}

/// Counts the entries of a URL list (for a progress total), streaming.
pub fn count(path: &Path) -> Result<u64, InputError> {
    let mut n = 0;
    for entry in open(path)? {
        entry?;
        n += 1;
    }
    Ok(n)
}

impl Iterator for UrlReader {
    type Item = Result<InputEntry, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = &self.path;
        match &mut self.kind {
            Kind::Text { reader, line } => loop {
                let mut buf = Vec::new();
                match read_line_capped(reader, &mut buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(source) => {
                        return Some(Err(InputError::Io {
                            path: path.clone(),
                            source,
                        }))
                    }
                }
                *line += 1;
                let text = String::from_utf8_lossy(&buf);
                let text = text.trim_start_matches('\u{FEFF}').trim();
                if text.is_empty() || text.starts_with('#') {
                    continue;
                }
                return Some(Ok(InputEntry {
                    line: *line,
                    raw: text.to_string(),
                }));
            },
            Kind::Csv {
                reader,
                column,
                record,
                lines,
            } => loop {
                match reader.read_byte_record(record) {
                    Ok(false) => return None,
                    Ok(true) => {}
                    Err(source) => {
                        return Some(Err(InputError::Csv {
                            path: path.clone(),
                            source,
                        }))
                    }
                }
                let cell = String::from_utf8_lossy(record.get(*column).unwrap_or(&[]));
                let raw = cell.trim();
                if raw.is_empty() || raw.starts_with('#') {
                    continue;
                }
                let byte = record.position().map_or(0, |p| p.byte());
                let line = match lines.line_at(byte) {
                    Ok(l) => l,
                    Err(source) => {
                        return Some(Err(InputError::Io {
                            path: path.clone(),
                            source,
                        }))
                    }
                };
                return Some(Ok(InputEntry {
                    line,
                    raw: raw.to_string(),
                }));
            },
        }
    }
}

/// Line numbers of byte offsets, read forward through a second handle on
/// the file (the CSV reader counts records, not the blank lines between).
struct LineCounter {
    reader: BufReader<File>,
    pos: u64,
    line: u64,
}

impl LineCounter {
    /// The 1-based line that byte `at` is on; offsets must not go backwards.
    fn line_at(&mut self, at: u64) -> io::Result<u64> {
        while self.pos < at {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf
                .len()
                .min(usize::try_from(at - self.pos).unwrap_or(usize::MAX));
            self.line += buf[..take].iter().filter(|&&b| b == b'\n').count() as u64;
            self.reader.consume(take);
            self.pos += take as u64;
        }
        // The CSV reader may place a record's start on blank lines before it.
        loop {
            let buf = self.reader.fill_buf()?;
            match buf.first() {
                Some(b'\n') => self.line += 1,
                Some(b'\r') => {}
                _ => return Ok(self.line),
            }
            self.reader.consume(1);
            self.pos += 1;
        }
    }
}

/// The index of the `url` column when the first entry of the file is a CSV
/// header naming one.
fn csv_url_column(mut reader: impl BufRead) -> io::Result<Option<usize>> {
    loop {
        let mut buf = Vec::new();
        if read_line_capped(&mut reader, &mut buf)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&buf);
        let text = text.trim_start_matches('\u{FEFF}').trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let mut header = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        if !header.read_record(&mut record).unwrap_or(false) {
            return Ok(None);
        }
        return Ok(record
            .iter()
            .position(|f| f.trim().eq_ignore_ascii_case("url")));
    }
}

/// Reads one line (without its end) into `buf`, keeping at most
/// [`MAX_LINE`] bytes of it; returns the bytes consumed (0 at the end).
fn read_line_capped(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut consumed = 0;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        let body = if done {
            &chunk[..take - 1]
        } else {
            &chunk[..take]
        };
        buf.extend_from_slice(&body[..body.len().min(room)]);
        reader.consume(take);
        consumed += take;
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(consumed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn entries(content: &str) -> Vec<(u64, String)> {
        let mut f = match tempfile::NamedTempFile::new() {
            Ok(f) => f,
            Err(e) => panic!("temp file: {e}"),
        };
        let _ = f.write_all(content.as_bytes());
        let reader = match open(f.path()) {
            Ok(r) => r,
            Err(e) => panic!("open: {e}"),
        };
        reader
            .filter_map(Result::ok)
            .map(|e| (e.line, e.raw))
            .collect()
    }

    #[test]
    fn text_lists_skip_blanks_and_comments() {
        let got = entries(
            "\u{FEFF}# list\nhttp://a.example/1\r\n\n   \nhttp://b.example/2  \n# end\nnot a url",
        );
        assert_eq!(
            got,
            vec![
                (2, "http://a.example/1".to_string()),
                (5, "http://b.example/2".to_string()),
                (7, "not a url".to_string())
            ]
        );
    }

    #[test]
    fn csv_lists_use_the_url_column() {
        let got = entries("id,URL,note\n1,http://a.example/1,\"x, y\"\n\n\r\n2,,empty\n\n3,http://b.example/2\n4,\"http://c.example/3\"");
        let want = [
            (2, "http://a.example/1"),
            (7, "http://b.example/2"),
            (8, "http://c.example/3"),
        ];
        assert_eq!(got, want.map(|(l, u)| (l, u.to_string())).to_vec());
    }

    #[test]
    fn a_url_with_a_comma_is_not_a_csv_header() {
        let got = entries("http://a.example/x,y\nhttp://b.example/\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "http://a.example/x,y");
    }
}
