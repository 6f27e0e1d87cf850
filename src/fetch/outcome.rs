//! The outcome of fetching one input URL: the `outcome` field of
//! `fetch_log.jsonl`, one name per way a fetch can end.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How the fetch of one input URL ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// An HTML page was fetched, stored under `pages/` and extracted.
    Ok,
    /// The server answered with an error status (4xx, or 429/5xx after the retries).
    HttpError,
    /// Connecting, waiting for headers or reading the body took too long.
    Timeout,
    /// The body was larger than `--max-bytes`.
    TooLarge,
    /// robots.txt of the host disallows the path for our user agent.
    RobotsDenied,
    /// The response is not an HTML page (an image, a PDF, JSON, ...).
    NotHtml,
    /// The connection could not be made or broke (refused, reset, bad HTTP).
    ConnectError,
    /// The input line is not an absolute http(s) URL.
    InvalidUrl,
    /// The host resolves to a loopback, private, link-local or otherwise
    /// non-public address (refused unless `--allow-private`).
    BlockedAddress,
    /// A redirect led back to a URL already visited in the same chain.
    RedirectLoop,
    /// More than the allowed number of redirects.
    TooManyRedirects,
    /// The body could not be decoded (bad gzip/brotli/deflate stream).
    DecodeError,
}

impl Outcome {
    /// Every outcome, in the order summaries list them.
    pub const ALL: [Outcome; 12] = [
        Outcome::Ok,
        Outcome::HttpError,
        Outcome::Timeout,
        Outcome::TooLarge,
        Outcome::RobotsDenied,
        Outcome::NotHtml,
        Outcome::ConnectError,
        Outcome::InvalidUrl,
        Outcome::BlockedAddress,
        Outcome::RedirectLoop,
        Outcome::TooManyRedirects,
        Outcome::DecodeError,
    ];

    /// The name written to the log.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::HttpError => "http_error",
            Outcome::Timeout => "timeout",
            Outcome::TooLarge => "too_large",
            Outcome::RobotsDenied => "robots_denied",
            Outcome::NotHtml => "not_html",
            Outcome::ConnectError => "connect_error",
            Outcome::InvalidUrl => "invalid_url",
            Outcome::BlockedAddress => "blocked_address",
            Outcome::RedirectLoop => "redirect_loop",
            Outcome::TooManyRedirects => "too_many_redirects",
            Outcome::DecodeError => "decode_error",
        }
    }

    /// Position in [`Outcome::ALL`], for counters.
    pub fn index(self) -> usize {
        Outcome::ALL.iter().position(|o| *o == self).unwrap_or(0)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for o in Outcome::ALL {
            let json = serde_json::to_string(&o).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", o.name()));
            assert_eq!(Outcome::ALL[o.index()], o);
        }
    }
}
