//! Test support for the crawler: a small HTTP/1.1 server on 127.0.0.1 that
//! can misbehave on purpose (slow, trickling, resetting, huge, compressed,
//! failing then recovering) and records every request it gets; and helpers
//! to run `fineprint crawl` with a time limit and read what it wrote.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub at: Instant,
    pub user_agent: Option<String>,
    pub accept_encoding: Option<String>,
}

/// What the handler tells the server to do.
pub enum Reply {
    /// 200, `text/html; charset=utf-8`.
    Html(String),
    /// Any status, headers and body (Content-Length added).
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Wait, then reply.
    Slow(Duration, Box<Reply>),
    /// Announce `total` bytes of HTML, then send one byte every `every`.
    Trickle { every: Duration, total: usize },
    /// A chunked HTML body of `count` chunks (no Content-Length).
    Chunked { chunk: Vec<u8>, count: usize },
    /// Close the connection with the request unread: the peer sees a reset.
    Reset,
}

impl Reply {
    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: Vec::new(),
        }
    }

    pub fn with(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
        }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply::with(302, &[("Location", to)], "")
    }
}

/// A request and how many times its path was asked for, this one included.
pub struct Request<'a> {
    pub path: &'a str,
    pub nth: usize,
}

type Handler = dyn Fn(&Request<'_>) -> Reply + Send + Sync;

/// A test server; stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    max_active: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request<'_>) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = listener.local_addr().expect("local addr");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let counts = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
        let active = Arc::new(AtomicUsize::new(0));
        let max_active = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let accept = {
            let (seen, stop, max_active) = (seen.clone(), stop.clone(), max_active.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let conn = Conn {
                                seen: seen.clone(),
                                counts: counts.clone(),
                                active: active.clone(),
                                max_active: max_active.clone(),
                                handler: handler.clone(),
                                stop: stop.clone(),
                            };
                            std::thread::spawn(move || conn.serve(stream));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        Server {
            addr,
            seen,
            max_active,
            stop,
            accept: Some(accept),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn hits(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }

    /// The largest number of requests that were being answered at once.
    pub fn max_active(&self) -> usize {
        self.max_active.load(Ordering::Relaxed)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

struct Conn {
    seen: Arc<Mutex<Vec<Seen>>>,
    counts: Arc<Mutex<HashMap<String, usize>>>,
    active: Arc<AtomicUsize>,
    max_active: Arc<AtomicUsize>,
    handler: Arc<Handler>,
    stop: Arc<AtomicBool>,
}

impl Conn {
    fn serve(self, mut stream: TcpStream) {
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
        let _ = stream.set_nodelay(true);
        // Keep-alive: one request after another on the connection.
        for _ in 0..10_000 {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            let Some((head_len, head)) = peek_head(&stream) else {
                return;
            };
            let mut lines = head.split("\r\n");
            let path = lines
                .next()
                .and_then(|l| l.split(' ').nth(1))
                .unwrap_or("/")
                .to_string();
            let mut headers = HashMap::new();
            for l in lines {
                if let Some((k, v)) = l.split_once(':') {
                    headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
                }
            }
            let nth = {
                let mut c = self.counts.lock().expect("counts");
                let n = c.entry(path.clone()).or_insert(0);
                *n += 1;
                *n
            };
            self.seen.lock().expect("seen").push(Seen {
                path: path.clone(),
                at: Instant::now(),
                user_agent: headers.get("user-agent").cloned(),
                accept_encoding: headers.get("accept-encoding").cloned(),
            });
            let now = self.active.fetch_add(1, Ordering::SeqCst) + 1;
            self.max_active.fetch_max(now, Ordering::SeqCst);
            let reply = (self.handler)(&Request { path: &path, nth });
            if matches!(reply, Reply::Reset) {
                self.active.fetch_sub(1, Ordering::SeqCst);
                return; // request bytes still unread: closing sends RST
            }
            let mut consumed = vec![0u8; head_len];
            if stream.read_exact(&mut consumed).is_err() {
                self.active.fetch_sub(1, Ordering::SeqCst);
                return;
            }
            let keep = write_reply(&mut stream, reply);
            self.active.fetch_sub(1, Ordering::SeqCst);
            if !keep {
                return;
            }
        }
    }
}

/// Peeks until a whole request head is buffered; returns its length and text.
fn peek_head(stream: &TcpStream) -> Option<(usize, String)> {
    let mut buf = vec![0u8; 16 * 1024];
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        let n = stream.peek(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        if let Some(i) = buf[..n].windows(4).position(|w| w == b"\r\n\r\n") {
            return Some((i + 4, String::from_utf8_lossy(&buf[..i]).into_owned()));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    None
}

/// Writes a reply; returns whether the connection may be kept.
fn write_reply(stream: &mut TcpStream, reply: Reply) -> bool {
    match reply {
        Reply::Html(body) => write_reply(
            stream,
            Reply::with(
                200,
                &[("Content-Type", "text/html; charset=utf-8")],
                body.into_bytes(),
            ),
        ),
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} Status\r\nContent-Length: {}\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).is_ok() && stream.write_all(&body).is_ok()
        }
        Reply::Slow(wait, inner) => {
            std::thread::sleep(wait);
            write_reply(stream, *inner)
        }
        Reply::Trickle { every, total } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {total}\r\n\r\n"
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return false;
            }
            for _ in 0..total {
                std::thread::sleep(every);
                if stream.write_all(b"x").is_err() {
                    return false;
                }
            }
            true
        }
        Reply::Chunked { chunk, count } => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).is_err() {
                return false;
            }
            for _ in 0..count {
                let frame = format!("{:x}\r\n", chunk.len());
                if stream.write_all(frame.as_bytes()).is_err()
                    || stream.write_all(&chunk).is_err()
                    || stream.write_all(b"\r\n").is_err()
                {
                    return false;
                }
            }
            stream.write_all(b"0\r\n\r\n").is_ok()
        }
        Reply::Reset => false,
    }
}

/// A page with a voucher in plain words.
pub fn voucher_page(code: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Deals</title></head><body><h1>Spring sale</h1>\
         <p>Use code {code} to get 10% off orders over $50. Valid until 31 May 2026.</p></body></html>"
    )
}

/// A fresh output directory and URL list in a temp dir.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn write_urls(&self, name: &str, content: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).expect("write url list");
        p
    }

    pub fn log(&self) -> Vec<serde_json::Value> {
        read_jsonl(&self.out().join("fetch_log.jsonl"))
    }

    pub fn records(&self) -> Vec<serde_json::Value> {
        read_jsonl(&self.out().join("vouchers.jsonl"))
    }

    /// The log line of an input URL (the only one).
    pub fn line_for(&self, url: &str) -> serde_json::Value {
        let all: Vec<_> = self.log().into_iter().filter(|l| l["url"] == url).collect();
        assert_eq!(all.len(), 1, "exactly one log line for {url}: {all:?}");
        all.into_iter().next().expect("one line")
    }
}

pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("bad JSON line in {}: {e}: {l}", path.display()))
        })
        .collect()
}

/// `fineprint crawl` with the given arguments.
pub fn crawl_command(urls: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fineprint"));
    cmd.arg("crawl")
        .arg("--urls")
        .arg(urls)
        .arg("--out")
        .arg(out)
        .args(extra);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// `fineprint crawl --serve DIR` with the given arguments.
pub fn crawl_command_serve(dir: &str, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fineprint"));
    cmd.arg("crawl")
        .arg("--serve")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .args(extra);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// What a finished crawl printed.
pub struct Ran {
    pub success: bool,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs a crawl to its end, failing the test if it takes longer than `limit`.
pub fn run_crawl(urls: &Path, out: &Path, extra: &[&str], limit: Duration) -> Ran {
    let started = Instant::now();
    let child = crawl_command(urls, out, extra)
        .spawn()
        .expect("start fineprint");
    let (status, stderr) = wait_limited(child, limit);
    Ran {
        success: status,
        stderr,
        elapsed: started.elapsed(),
    }
}

/// Waits for a child, killing it (and failing) past the limit.
pub fn wait_limited(mut child: Child, limit: Duration) -> (bool, String) {
    let started = Instant::now();
    let mut stderr = child.stderr.take().expect("stderr piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let text = reader.join().unwrap_or_default();
            return (status.success(), text);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let text = reader.join().unwrap_or_default();
            panic!("crawl did not finish within {limit:?}; stderr:\n{text}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
