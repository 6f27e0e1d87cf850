//! Retries: which failures are worth another attempt, how long to wait
//! before it (exponential backoff with jitter), and `Retry-After`.

use rand::Rng;
use std::time::{Duration, SystemTime};

/// The longest wait between attempts from backoff.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// A `Retry-After` longer than this is not waited for: the URL is given up
/// (logged as `http_error`) instead of holding the crawl.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// How long to wait before attempt `attempt + 1` after `attempt` failed
/// (1-based): `base · 2^(attempt-1)`, capped, times a random factor in
/// [0.5, 1] so that many failing URLs do not retry in step.
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let capped = exp.min(MAX_BACKOFF);
    let factor = rand::thread_rng().gen_range(0.5..=1.0);
    capped.mul_f64(factor)
}

/// Whether an HTTP status is worth retrying: 429 and 5xx (but not 501,
/// which will not change).
pub fn retry_status(status: u16) -> bool {
    status == 429 || ((500..600).contains(&status) && status != 501)
}

/// Parses a `Retry-After` value: delay seconds or an HTTP-date; a date in
/// the past gives zero.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>() {
        if secs.is_finite() && secs >= 0.0 {
            return Some(Duration::from_secs_f64(secs.min(1e9)));
        }
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = Duration::from_millis(100);
        for attempt in 1..=5u32 {
            let d = backoff(base, attempt);
            let full = base * (1 << (attempt - 1));
            assert!(d >= full / 2 && d <= full, "attempt {attempt}: {d:?}");
        }
        assert!(backoff(base, 40) <= MAX_BACKOFF);
    }

    #[test]
    fn statuses() {
        assert!(retry_status(429) && retry_status(503) && retry_status(500));
        assert!(
            !retry_status(404) && !retry_status(403) && !retry_status(501) && !retry_status(200)
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(5));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(5)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(5));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
