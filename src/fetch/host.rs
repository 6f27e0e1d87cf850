//! Politeness: per-host state. Each origin (`scheme://host:port`) has a
//! limit on concurrent jobs, a minimum spacing between the starts of any two
//! requests to it (`--delay`, raised by robots.txt `Crawl-delay`), and its
//! robots rules, fetched once.

use super::robots::Robots;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{OnceCell, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// A `Crawl-delay` above this is cut to it, so one host cannot stall a run.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// Beyond this many known hosts, idle ones are forgotten (their robots rules
/// are fetched again if they come back).
const MAX_HOSTS: usize = 50_000;

/// After this many network failures (timeouts, connection errors) in a row,
/// a host is not retried on network failures until it answers again: a
/// dead or stalling host then costs one attempt per URL, not `--retries`.
pub const DEGRADED_AFTER: u32 = 4;

/// One origin's politeness state.
pub struct Host {
    pub origin: String,
    /// Network failures in a row.
    failures: AtomicU32,
    slots: Arc<Semaphore>,
    gate: Mutex<Gate>,
    robots: OnceCell<Arc<Robots>>,
}

struct Gate {
    next_allowed: Instant,
    delay: Duration,
}

impl Host {
    fn new(origin: String, per_host: usize, delay: Duration) -> Host {
        Host {
            origin,
            failures: AtomicU32::new(0),
            slots: Arc::new(Semaphore::new(per_host.max(1))),
            gate: Mutex::new(Gate {
                next_allowed: Instant::now(),
                delay,
            }),
            robots: OnceCell::new(),
        }
    }

    /// Waits for one of the host's job slots (`--per-host`).
    pub async fn slot(&self) -> Option<OwnedSemaphorePermit> {
        self.slots.clone().acquire_owned().await.ok()
    }

    /// Waits until a request to this host may start, then takes a global
    /// connection permit and claims the start. Waiting for the host's turn
    /// does not hold a global permit, so a slow host does not block others.
    pub async fn turn(&self, global: &Arc<Semaphore>) -> Option<OwnedSemaphorePermit> {
        loop {
            let next = self.gate().next_allowed;
            if next > Instant::now() {
                tokio::time::sleep_until(next).await;
            }
            let permit = global.clone().acquire_owned().await.ok()?;
            if self.try_claim() {
                return Some(permit);
            }
        }
    }

    /// Waits for this host's turn while already holding a global permit (a
    /// redirect hop).
    pub async fn turn_held(&self) {
        loop {
            let next = self.gate().next_allowed;
            if next > Instant::now() {
                tokio::time::sleep_until(next).await;
            }
            if self.try_claim() {
                return;
            }
        }
    }

    fn try_claim(&self) -> bool {
        let mut g = self.gate();
        let now = Instant::now();
        if now >= g.next_allowed {
            g.next_allowed = now + spacing(g.delay);
            true
        } else {
            false
        }
    }

    /// Notes an attempt that got no HTTP response.
    pub fn network_failure(&self) {
        self.failures.fetch_add(1, Ordering::Relaxed);
    }

    /// Notes an attempt that got an HTTP response.
    pub fn answered(&self) {
        self.failures.store(0, Ordering::Relaxed);
    }

    /// Whether network failures on this host are no longer retried.
    pub fn degraded(&self) -> bool {
        self.failures.load(Ordering::Relaxed) >= DEGRADED_AFTER
    }

    /// Raises the host's delay (robots.txt `Crawl-delay`), capped.
    pub fn raise_delay(&self, delay: Duration) {
        let mut g = self.gate();
        let delay = delay.min(MAX_CRAWL_DELAY);
        if delay > g.delay {
            let extra = delay - g.delay;
            g.next_allowed += extra;
            g.delay = delay;
        }
    }

    /// The current spacing between requests.
    pub fn delay(&self) -> Duration {
        self.gate().delay
    }

    /// The robots cell: empty until the first job of the host fetches it.
    pub fn robots_cell(&self) -> &OnceCell<Arc<Robots>> {
        &self.robots
    }

    fn gate(&self) -> std::sync::MutexGuard<'_, Gate> {
        self.gate.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn idle(&self, per_host: usize) -> bool {
        self.slots.available_permits() >= per_host.max(1)
            && self.gate().next_allowed <= Instant::now()
    }
}

/// The spacing actually kept: the delay plus a margin (a quarter, at most
/// 100 ms), so that requests still arrive at least `delay` apart when one
/// waited for a new connection, or for a busy CPU, and the next did not.
fn spacing(delay: Duration) -> Duration {
    delay + (delay / 4).min(Duration::from_millis(100))
}

/// All known hosts.
pub struct Hosts {
    map: Mutex<HashMap<String, Arc<Host>>>,
    per_host: usize,
    delay: Duration,
}

impl Hosts {
    pub fn new(per_host: usize, delay: Duration) -> Hosts {
        Hosts {
            map: Mutex::new(HashMap::new()),
            per_host,
            delay,
        }
    }

    /// The state of an origin, created on first use.
    pub fn get(&self, origin: &str) -> Arc<Host> {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(h) = map.get(origin) {
            return h.clone();
        }
        if map.len() >= MAX_HOSTS {
            let per_host = self.per_host;
            map.retain(|_, h| Arc::strong_count(h) > 1 || !h.idle(per_host));
        }
        let host = Arc::new(Host::new(origin.to_string(), self.per_host, self.delay));
        map.insert(origin.to_string(), host.clone());
        host
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn requests_to_one_host_are_spaced() {
        let hosts = Hosts::new(2, Duration::from_millis(60));
        let global = Arc::new(Semaphore::new(4));
        let host = hosts.get("http://a:80");
        let start = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..3 {
            let _p = host.turn(&global).await;
            starts.push(Instant::now() - start);
        }
        assert!(starts[1] >= Duration::from_millis(60));
        assert!(starts[2] >= Duration::from_millis(120));
        host.raise_delay(Duration::from_millis(150));
        let before = Instant::now();
        host.turn_held().await;
        assert!(Instant::now() - before >= Duration::from_millis(150));
        assert!(Arc::ptr_eq(&host, &hosts.get("http://a:80")));
    }
}
