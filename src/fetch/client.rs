//! The HTTP client: one request at a time, with the connect, read-idle and
//! total timeouts, and the body streamed under the size cap. Redirects,
//! retries and politeness are decided by the caller ([`super::job`]); this
//! module only sends and reads.

use super::safety::{find_blocked, BlockedAddress, SafeResolver};
use futures_util::StreamExt;
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use url::Url;

/// Settings of the client.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    pub user_agent: String,
    /// Total time for one request: connect, headers and body.
    pub timeout: Duration,
    pub allow_private: bool,
    /// Idle connections kept per host.
    pub per_host: usize,
    /// Host names answered without DNS (the `--serve` loopback server).
    pub resolve: Vec<(String, SocketAddr)>,
}

/// Why a request failed before giving a usable response.
#[derive(Debug, Clone)]
pub enum Failure {
    Timeout(String),
    Connect(String),
    Blocked(BlockedAddress),
    TooLarge { bytes: u64 },
    Decode(String),
}

/// The head of a response.
pub struct Head {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub content_length: Option<u64>,
    pub retry_after: Option<String>,
    pub response: reqwest::Response,
    /// When the request must be finished, body included.
    pub deadline: Instant,
}

/// The crawler's HTTP client.
pub struct Client {
    http: reqwest::Client,
    settings: ClientSettings,
}

/// The client could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the HTTP client: {0}")]
pub struct ClientError(#[from] reqwest::Error);

impl Client {
    pub fn new(settings: ClientSettings) -> Result<Client, ClientError> {
        let connect = settings.timeout.min(Duration::from_secs(10));
        let idle = settings.timeout.min(Duration::from_secs(30));
        let mut builder = reqwest::Client::builder();
        for (host, addr) in &settings.resolve {
            builder = builder.resolve(host, *addr);
        }
        let http = builder
            .user_agent(settings.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(connect)
            .read_timeout(idle)
            .pool_max_idle_per_host(settings.per_host.max(1))
            .pool_idle_timeout(Duration::from_secs(30))
            .tcp_nodelay(true)
            .dns_resolver(Arc::new(SafeResolver {
                allow_private: settings.allow_private,
            }))
            .build()?;
        Ok(Client { http, settings })
    }

    pub fn settings(&self) -> &ClientSettings {
        &self.settings
    }

    /// Sends a GET and waits for the response head.
    pub async fn get(&self, url: &Url) -> Result<Head, Failure> {
        let deadline = Instant::now() + self.settings.timeout;
        let request = self
            .http
            .get(url.clone())
            .header(ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            .send();
        let response = match tokio::time::timeout_at(deadline, request).await {
            Err(_) => {
                return Err(Failure::Timeout(format!(
                    "no response within {:?}",
                    self.settings.timeout
                )))
            }
            Ok(Err(e)) => return Err(classify(&e)),
            Ok(Ok(r)) => r,
        };
        let headers = response.headers();
        Ok(Head {
            status: response.status().as_u16(),
            location: header(headers, LOCATION),
            content_type: header(headers, CONTENT_TYPE),
            content_length: header(headers, CONTENT_LENGTH).and_then(|v| v.trim().parse().ok()),
            retry_after: header(headers, RETRY_AFTER),
            response,
            deadline,
        })
    }

    /// Reads a response body, decoded, up to `max_bytes` (beyond it: an
    /// error, or with `truncate` the first `max_bytes`); a body that goes
    /// quiet for the idle timeout or outlasts the request's deadline fails
    /// with a timeout, so a trickling server cannot hold a worker.
    pub async fn body(
        &self,
        head: Head,
        max_bytes: u64,
        truncate: bool,
    ) -> Result<Vec<u8>, Failure> {
        let idle = self.settings.timeout.min(Duration::from_secs(30));
        let deadline = head.deadline;
        let mut stream = head.response.bytes_stream();
        let mut body = Vec::new();
        loop {
            let wait = (Instant::now() + idle).min(deadline);
            let chunk = match tokio::time::timeout_at(wait, stream.next()).await {
                Err(_) => {
                    return Err(Failure::Timeout(format!(
                        "body not complete within {:?} ({} bytes read)",
                        self.settings.timeout,
                        body.len()
                    )))
                }
                Ok(None) => return Ok(body),
                Ok(Some(Err(e))) => return Err(classify(&e)),
                Ok(Some(Ok(c))) => c,
            };
            if body.len() as u64 + chunk.len() as u64 > max_bytes {
                if truncate {
                    let room = usize::try_from(max_bytes)
                        .unwrap_or(usize::MAX)
                        .saturating_sub(body.len());
                    body.extend_from_slice(&chunk[..room.min(chunk.len())]);
                    return Ok(body);
                }
                return Err(Failure::TooLarge {
                    bytes: body.len() as u64 + chunk.len() as u64,
                });
            }
            body.extend_from_slice(&chunk);
        }
    }
}

fn header(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Sorts a client error into a failure kind, with its whole cause chain as
/// the message.
fn classify(e: &reqwest::Error) -> Failure {
    if let Some(b) = find_blocked(e) {
        return Failure::Blocked(b.clone());
    }
    let message = chain(e);
    let lower = message.to_ascii_lowercase();
    if e.is_timeout() || lower.contains("timed out") {
        Failure::Timeout(message)
    } else if e.is_decode() {
        Failure::Decode(message)
    } else {
        Failure::Connect(message)
    }
}

/// `a: b: c` from an error and its sources, skipping repeats.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = Some(e);
    while let Some(err) = cur {
        let s = err.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = err.source();
    }
    parts.join(": ")
}
