//! A loopback file server, so that a whole crawl (fetch → store → extract →
//! CSV/JSON) can run with no network: `fineprint crawl --serve DIR` serves
//! the `.html`/`.htm` files under DIR on 127.0.0.1 and crawls them through
//! the real fetcher. With `--repeat N` each page is listed N times under
//! distinct query strings, which makes it a throughput benchmark.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use url::Url;

/// The host name of the served pages' URLs, resolved to the server by the
/// crawler (so the URLs, and the records' `source.url`, stay the same from
/// run to run, and a run can be resumed).
pub const HOST: &str = "fineprint.localhost";

/// A running file server; stops when dropped.
pub struct FileServer {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl FileServer {
    /// Serves `root` on an ephemeral port of 127.0.0.1.
    pub fn start(root: &Path) -> io::Result<FileServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let root = Arc::new(root.to_path_buf());
        let accept = {
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("serve-accept".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        match listener.accept() {
                            Ok((stream, _)) => {
                                let (root, stop) = (root.clone(), stop.clone());
                                let _ = std::thread::Builder::new()
                                    .name("serve-conn".into())
                                    .spawn(move || serve_connection(stream, &root, &stop));
                            }
                            Err(_) => std::thread::sleep(Duration::from_millis(2)),
                        }
                    }
                })?
        };
        Ok(FileServer {
            addr,
            stop,
            accept: Some(accept),
        })
    }
}

impl Drop for FileServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

/// The `.html`/`.htm` files under `root`, relative, sorted.
pub fn pages(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    collect(root, root, &mut out)?;
    out.sort();
    Ok(out)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "html" || e == "htm") {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    Ok(())
}

/// Writes the URL list of the served pages (`http://fineprint.localhost/...`),
/// each `repeat` times; returns how many URLs it wrote.
pub fn write_url_list(root: &Path, repeat: u64, list: &mut impl Write) -> io::Result<u64> {
    let base = Url::parse(&format!("http://{HOST}/")).map_err(io::Error::other)?;
    let pages = pages(root)?;
    let mut n = 0;
    for i in 0..repeat.max(1) {
        for rel in &pages {
            let mut url = base.clone();
            if let Ok(mut segs) = url.path_segments_mut() {
                segs.clear();
                for c in rel.components() {
                    segs.push(&c.as_os_str().to_string_lossy());
                }
            }
            if repeat > 1 {
                url.set_query(Some(&format!("n={i}")));
            }
            writeln!(list, "{url}")?;
            n += 1;
        }
    }
    Ok(n)
}

fn serve_connection(stream: TcpStream, root: &Path, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut writer = io::BufWriter::new(write_half);
    let mut reader = BufReader::new(stream);
    while !stop.load(Ordering::Relaxed) {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => return,
                Ok(_) if header.trim().is_empty() => break,
                Ok(_) => {}
            }
        }
        let target = request_line.split(' ').nth(1).unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let (status, body) = match resolve(root, path).and_then(|p| fs::read(p).ok()) {
            Some(body) => ("200 OK", body),
            None => ("404 Not Found", b"not found".to_vec()),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if writer.write_all(head.as_bytes()).is_err()
            || writer.write_all(&body).is_err()
            || writer.flush().is_err()
        {
            return;
        }
    }
}

/// The file a request path names, if it is a page under `root`.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path.trim_start_matches('/'))?;
    let rel = Path::new(&decoded);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = root.join(rel);
    let is_page = full.extension().is_some_and(|e| e == "html" || e == "htm");
    (is_page && full.is_file()).then_some(full)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_under_the_root() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        fs::create_dir(dir.path().join("en"))?;
        fs::write(dir.path().join("en/a b.html"), "<p>x</p>")?;
        fs::write(dir.path().join("secret.txt"), "no")?;
        assert!(resolve(dir.path(), "/en/a%20b.html").is_some());
        assert!(resolve(dir.path(), "/en/../en/a%20b.html").is_none());
        assert!(resolve(dir.path(), "/secret.txt").is_none());
        assert!(resolve(dir.path(), "/%2e%2e/etc/passwd").is_none());
        let mut list = Vec::new();
        assert_eq!(write_url_list(dir.path(), 2, &mut list)?, 2);
        assert_eq!(
            String::from_utf8_lossy(&list),
            "http://fineprint.localhost/en/a%20b.html?n=0\nhttp://fineprint.localhost/en/a%20b.html?n=1\n"
        );
        Ok(())
    }
}
