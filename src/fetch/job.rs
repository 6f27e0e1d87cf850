//! Fetching one URL: robots.txt, politeness turns, attempts with retries,
//! redirects (each hop checked for safety and robots), status and content
//! type, and the body under its cap. The result is what the log records.

use super::client::{Client, Failure, Head};
use super::host::{Host, Hosts};
use super::normalize::{join, origin};
use super::outcome::Outcome;
use super::retry::{backoff, parse_retry_after, retry_status, MAX_RETRY_AFTER};
use super::robots::{Robots, MAX_ROBOTS_BYTES};
use super::safety::check_url;
use chrono::{DateTime, SubsecRound, Utc};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

/// Redirects followed for one page.
pub const MAX_REDIRECTS: usize = 10;
/// Redirects followed for robots.txt.
const MAX_ROBOTS_REDIRECTS: usize = 5;

/// What the jobs share.
pub struct Shared {
    pub client: Client,
    pub hosts: Hosts,
    /// Requests in flight at once (`--concurrency`).
    pub global: Arc<Semaphore>,
    /// URLs between their first request and the end of their extraction:
    /// bounds the page bodies held in memory when extraction lags behind
    /// the network.
    pub work: Arc<Semaphore>,
    /// Set on Ctrl-C: URLs not yet finished are dropped, unlogged.
    pub stopping: AtomicBool,
    pub retries: u32,
    pub backoff: Duration,
    pub max_bytes: u64,
    pub allow_private: bool,
}

/// The result of fetching one URL.
#[derive(Debug)]
pub struct Fetched {
    pub outcome: Outcome,
    pub final_url: Option<Url>,
    pub status: Option<u16>,
    pub attempts: u32,
    pub bytes: u64,
    pub error: Option<String>,
    pub content_type: Option<String>,
    /// The charset named by the `Content-Type`.
    pub charset: Option<String>,
    /// The page, for `ok`.
    pub body: Option<Vec<u8>>,
    pub fetched_at: DateTime<Utc>,
}

impl Fetched {
    fn fail(outcome: Outcome, url: &Url, error: impl Into<String>) -> Fetched {
        Fetched {
            outcome,
            final_url: Some(url.clone()),
            status: None,
            attempts: 0,
            bytes: 0,
            error: Some(error.into()),
            content_type: None,
            charset: None,
            body: None,
            fetched_at: now(),
        }
    }

    fn with_status(mut self, status: u16) -> Fetched {
        self.status = Some(status);
        self
    }
}

/// One attempt's end: final, or worth retrying (after `Retry-After` when
/// the server gave one).
enum Step {
    Done(Fetched),
    Retry(Fetched, Option<Duration>),
}

/// Fetches one URL with everything around it; `None` when the crawl is
/// stopping (Ctrl-C) before the URL is done: it is then left unlogged, for
/// the next run. The returned permit (of [`Shared::work`]) is to be held
/// until the page is extracted.
///
/// A host slot (`--per-host`) is held for each attempt, not across the
/// waits between attempts: per-host concurrency counts requests, and a URL
/// waiting out its backoff does not hold up the host's other URLs.
pub async fn fetch(shared: &Shared, url: &Url) -> Option<(Fetched, OwnedSemaphorePermit)> {
    let host = shared.hosts.get(&origin(url));
    let stopping = || shared.stopping.load(Ordering::Relaxed);
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let slot = host.slot().await?;
        let work = shared.work.clone().acquire_owned().await.ok()?;
        if stopping() {
            return None;
        }
        if attempts == 1 {
            let robots = robots_for(shared, &host, false).await;
            if !robots.is_allowed(&path_and_query(url)) {
                let denied = Fetched::fail(Outcome::RobotsDenied, url, "disallowed by robots.txt");
                return Some((denied, work));
            }
        }
        let permit = host.turn(&shared.global).await?;
        let step = attempt(shared, &host, url).await;
        drop(permit);
        drop(slot);
        let network_failure = match &step {
            Step::Retry(f, _) | Step::Done(f) => {
                matches!(f.outcome, Outcome::Timeout | Outcome::ConnectError)
            }
        };
        if network_failure {
            host.network_failure();
        } else {
            host.answered();
        }
        let give_up = network_failure && host.degraded();
        let (mut fetched, wait) = match step {
            Step::Done(f) => (f, None),
            Step::Retry(mut f, Some(d)) if d > MAX_RETRY_AFTER => {
                f.error = Some(format!(
                    "{}; Retry-After of {} s is over the {} s cap, not retried",
                    f.error.as_deref().unwrap_or("retryable"),
                    d.as_secs(),
                    MAX_RETRY_AFTER.as_secs()
                ));
                (f, None)
            }
            Step::Retry(f, retry_after) => {
                let wait = retry_after.unwrap_or_else(|| backoff(shared.backoff, attempts));
                (f, Some(wait))
            }
        };
        fetched.attempts = attempts;
        match wait {
            Some(wait) if attempts <= shared.retries && !give_up => {
                drop(work);
                tokio::time::sleep(wait).await;
            }
            _ => return Some((fetched, work)),
        }
    }
}

/// One attempt: the request and its redirects, then the body.
async fn attempt(shared: &Shared, first_host: &Arc<Host>, url: &Url) -> Step {
    let mut current = url.clone();
    let mut visited: HashSet<String> = HashSet::from([current.as_str().to_string()]);
    let mut hop = 0;
    let head = loop {
        if hop > 0 {
            let host = shared.hosts.get(&origin(&current));
            if host.origin != first_host.origin {
                let robots = robots_for(shared, &host, true).await;
                if !robots.is_allowed(&path_and_query(&current)) {
                    return Step::Done(Fetched::fail(
                        Outcome::RobotsDenied,
                        &current,
                        "redirect target disallowed by robots.txt",
                    ));
                }
            }
            host.turn_held().await;
        }
        if let Err(b) = check_url(&current, shared.allow_private) {
            return Step::Done(Fetched::fail(
                Outcome::BlockedAddress,
                &current,
                b.to_string(),
            ));
        }
        let head = match shared.client.get(&current).await {
            Ok(h) => h,
            Err(f) => return failure_step(f, &current),
        };
        let is_redirect = matches!(head.status, 301 | 302 | 303 | 307 | 308);
        let Some(location) = head.location.as_deref().filter(|_| is_redirect) else {
            break head;
        };
        let status = head.status;
        let next = match join(&current, location) {
            Ok(n) => n,
            Err(e) => {
                return Step::Done(
                    Fetched::fail(
                        Outcome::HttpError,
                        &current,
                        format!("bad redirect location: {e}"),
                    )
                    .with_status(status),
                )
            }
        };
        if !visited.insert(next.as_str().to_string()) {
            let msg = format!("redirect loop back to {next}");
            return Step::Done(
                Fetched::fail(Outcome::RedirectLoop, &current, msg).with_status(status),
            );
        }
        if hop >= MAX_REDIRECTS {
            let msg = format!("more than {MAX_REDIRECTS} redirects");
            return Step::Done(
                Fetched::fail(Outcome::TooManyRedirects, &current, msg).with_status(status),
            );
        }
        current = next;
        hop += 1;
    };
    finish(shared, head, current).await
}

/// Judges the final response and reads its body.
async fn finish(shared: &Shared, head: Head, url: Url) -> Step {
    let status = head.status;
    let content_type = head.content_type.clone();
    let retry_after = head
        .retry_after
        .as_deref()
        .and_then(|v| parse_retry_after(v, SystemTime::now()));
    let fail = |outcome: Outcome, msg: String| {
        let mut f = Fetched::fail(outcome, &url, msg).with_status(status);
        f.content_type = content_type.clone();
        f
    };
    if retry_status(status) {
        return Step::Retry(
            fail(Outcome::HttpError, format!("HTTP {status}")),
            retry_after,
        );
    }
    if !(200..300).contains(&status) {
        return Step::Done(fail(Outcome::HttpError, format!("HTTP {status}")));
    }
    if let Some(ct) = content_type.as_deref() {
        if !is_html(ct) {
            return Step::Done(fail(Outcome::NotHtml, format!("content type {ct}")));
        }
    }
    if let Some(len) = head.content_length.filter(|&l| l > shared.max_bytes) {
        let mut f = fail(
            Outcome::TooLarge,
            format!("Content-Length {len} over --max-bytes {}", shared.max_bytes),
        );
        f.bytes = 0;
        return Step::Done(f);
    }
    let body = match shared.client.body(head, shared.max_bytes, false).await {
        Ok(b) => b,
        Err(failure) => {
            return match failure_step(failure, &url) {
                Step::Done(f) => Step::Done(f.with_status(status)),
                Step::Retry(f, w) => Step::Retry(f.with_status(status), w),
            }
        }
    };
    if content_type.is_none() && crate::extract::looks_binary(&body) {
        let mut f = fail(
            Outcome::NotHtml,
            "no content type and the body is binary".to_string(),
        );
        f.bytes = body.len() as u64;
        return Step::Done(f);
    }
    Step::Done(Fetched {
        outcome: Outcome::Ok,
        final_url: Some(url),
        status: Some(status),
        attempts: 0,
        bytes: body.len() as u64,
        error: None,
        charset: content_type.as_deref().and_then(charset),
        content_type,
        body: Some(body),
        fetched_at: now(),
    })
}

fn failure_step(f: Failure, url: &Url) -> Step {
    match f {
        Failure::Timeout(m) => Step::Retry(Fetched::fail(Outcome::Timeout, url, m), None),
        Failure::Connect(m) => Step::Retry(Fetched::fail(Outcome::ConnectError, url, m), None),
        Failure::Blocked(b) => {
            Step::Done(Fetched::fail(Outcome::BlockedAddress, url, b.to_string()))
        }
        Failure::Decode(m) => Step::Done(Fetched::fail(Outcome::DecodeError, url, m)),
        Failure::TooLarge { bytes } => {
            let mut f = Fetched::fail(Outcome::TooLarge, url, "body over --max-bytes");
            f.bytes = bytes;
            Step::Done(f)
        }
    }
}

/// The robots rules of a host, fetched on first use (once per host). A
/// missing robots.txt (4xx) allows everything; so does one that cannot be
/// fetched (5xx, timeout, connection error), so that a failing host's pages
/// are logged with their own outcome rather than as `robots_denied`.
async fn robots_for(shared: &Shared, host: &Arc<Host>, holding_permit: bool) -> Arc<Robots> {
    host.robots_cell()
        .get_or_init(|| async {
            let robots = Arc::new(fetch_robots(shared, host, holding_permit).await);
            if let Some(d) = robots.crawl_delay() {
                host.raise_delay(d);
            }
            robots
        })
        .await
        .clone()
}

async fn fetch_robots(shared: &Shared, host: &Arc<Host>, holding_permit: bool) -> Robots {
    let Ok(mut url) = Url::parse(&format!("{}/robots.txt", host.origin)) else {
        return Robots::allow_all();
    };
    let _permit = if holding_permit {
        host.turn_held().await;
        None
    } else {
        match host.turn(&shared.global).await {
            Some(p) => Some(p),
            None => return Robots::allow_all(),
        }
    };
    for hop in 0..=MAX_ROBOTS_REDIRECTS {
        if hop > 0 {
            shared.hosts.get(&origin(&url)).turn_held().await;
        }
        if check_url(&url, shared.allow_private).is_err() {
            return Robots::allow_all();
        }
        let Ok(head) = shared.client.get(&url).await else {
            return Robots::allow_all();
        };
        match head.status {
            200..=299 => {
                let agent = shared.client.settings().user_agent.clone();
                return match shared
                    .client
                    .body(head, MAX_ROBOTS_BYTES as u64, true)
                    .await
                {
                    Ok(body) => Robots::parse(&String::from_utf8_lossy(&body), &agent),
                    Err(_) => Robots::allow_all(),
                };
            }
            301 | 302 | 303 | 307 | 308 => match head.location.as_deref().map(|l| join(&url, l)) {
                Some(Ok(next)) => url = next,
                _ => return Robots::allow_all(),
            },
            _ => return Robots::allow_all(),
        }
    }
    Robots::allow_all()
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{}", url.path(), q),
        None => url.path().to_string(),
    }
}

/// Whether a `Content-Type` names an HTML page.
pub fn is_html(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(essence.as_str(), "text/html" | "application/xhtml+xml" | "")
}

/// The `charset` parameter of a `Content-Type`.
pub fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert!(is_html("text/html; charset=ISO-8859-1"));
        assert!(is_html("application/xhtml+xml"));
        assert!(is_html("TEXT/HTML"));
        assert!(!is_html("image/png"));
        assert!(!is_html("application/json"));
        assert_eq!(
            charset("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset("text/html;Charset=utf-8").as_deref(), Some("utf-8"));
        assert_eq!(charset("text/html"), None);
    }
}
