//! End-to-end tests of `fineprint crawl` against fault-injecting HTTP
//! servers on 127.0.0.1 started by each test. Every crawl runs under a time
//! limit; every server stops when its test ends.

mod crawl_support;

use crawl_support::{read_jsonl, run_crawl, voucher_page, Reply, Server, Workdir};
use flate2::write::GzEncoder;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);

fn fast_flags() -> Vec<&'static str> {
    vec![
        "--allow-private",
        "--quiet",
        "--delay",
        "0",
        "--backoff",
        "50",
        "--retries",
        "2",
    ]
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

#[test]
fn crawl_logs_every_fault_with_its_outcome() {
    let latin1: Vec<u8> = b"<html><body><p>C\xf3digo VERANO10: 10% de descuento en pedidos desde 50 \x80</p></body></html>".to_vec();
    let latin1_served = latin1.clone();
    let page = voucher_page("SPRING10");
    let gz = gzip(page.as_bytes());
    let zlib = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(voucher_page("DEFLATE7").as_bytes())
            .expect("deflate");
        e.finish().expect("deflate")
    };
    let server = Server::start(move |r| match r.path {
        "/robots.txt" => Reply::with(
            200,
            &[("Content-Type", "text/plain")],
            "User-agent: *\nDisallow: /private/\n",
        ),
        "/ok" | "/ok2" => Reply::Html(voucher_page("SPRING10")),
        "/slow" => Reply::Slow(Duration::from_secs(5), Box::new(Reply::Html("late".into()))),
        "/trickle" => Reply::Trickle {
            every: Duration::from_millis(100),
            total: 1000,
        },
        "/flaky" if r.nth == 1 => Reply::status(503),
        "/flaky" => Reply::Html(voucher_page("FLAKY5")),
        "/limited" if r.nth == 1 => Reply::with(429, &[("Retry-After", "1")], ""),
        "/limited" => Reply::Html("<p>finally</p>".into()),
        "/limited-date" if r.nth == 1 => {
            let at = std::time::SystemTime::now() + Duration::from_secs(2);
            let date = httpdate_string(at);
            Reply::with(429, &[("Retry-After", date.as_str())], "")
        }
        "/limited-date" => Reply::Html("<p>finally</p>".into()),
        "/always503" => Reply::status(503),
        "/reset" => Reply::Reset,
        "/loop-a" => Reply::redirect("/loop-b"),
        "/loop-b" => Reply::redirect("/loop-a"),
        "/hop1" => Reply::redirect("/hop2"),
        "/hop2" => Reply::redirect("/ok2"),
        "/missing" => Reply::status(404),
        "/wait-an-hour" => Reply::with(429, &[("Retry-After", "3600")], ""),
        p if p.starts_with("/chain/") => {
            let n: u32 = p[7..].parse().unwrap_or(0);
            Reply::redirect(&format!("/chain/{}", n + 1))
        }
        "/forbidden" => Reply::status(403),
        "/huge" => Reply::with(200, &[("Content-Type", "text/html")], vec![b'a'; 300_000]),
        "/huge-chunked" => Reply::Chunked {
            chunk: vec![b'b'; 16 * 1024],
            count: 64,
        },
        "/gzip" => Reply::with(
            200,
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            gz.clone(),
        ),
        "/deflate" => Reply::with(
            200,
            &[
                ("Content-Type", "text/html"),
                ("Content-Encoding", "deflate"),
            ],
            zlib.clone(),
        ),
        "/bad-gzip" => Reply::with(
            200,
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            b"this is not gzip at all".to_vec(),
        ),
        "/latin1" => Reply::with(
            200,
            &[("Content-Type", "text/html; charset=ISO-8859-1")],
            latin1_served.clone(),
        ),
        "/image" => Reply::with(
            200,
            &[("Content-Type", "image/png")],
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 0],
        ),
        "/private/secret" => Reply::Html("should never be fetched".into()),
        _ => Reply::status(404),
    });
    // Network faults each on a host of their own: a host that fails this way
    // again and again is no longer retried (see the next test).
    let slow = Server::start(|_| {
        Reply::Slow(Duration::from_secs(5), Box::new(Reply::Html("late".into())))
    });
    let trickle = Server::start(|_| Reply::Trickle {
        every: Duration::from_millis(100),
        total: 1000,
    });
    let reset = Server::start(|_| Reply::Reset);
    let paths = [
        "/ok",
        "/flaky",
        "/limited",
        "/limited-date",
        "/always503",
        "/loop-a",
        "/hop1",
        "/missing",
        "/wait-an-hour",
        "/chain/0",
        "/forbidden",
        "/huge",
        "/huge-chunked",
        "/gzip",
        "/deflate",
        "/bad-gzip",
        "/latin1",
        "/image",
        "/private/secret",
    ];
    let mut list = String::from("# fault list\n\n");
    for p in paths {
        list.push_str(&server.url(p));
        list.push('\n');
    }
    list.push_str(&format!(
        "{}\n{}\n{}\n",
        slow.url("/slow"),
        trickle.url("/trickle"),
        reset.url("/reset")
    ));
    list.push_str("not a url\nftp://example.com/file\n");
    let w = Workdir::new();
    let urls = w.write_urls("urls.txt", &list);
    let mut flags = fast_flags();
    flags.extend([
        "--timeout",
        "1",
        "--max-bytes",
        "100000",
        "--concurrency",
        "8",
        "--per-host",
        "8",
    ]);
    let started = Instant::now();
    let ran = run_crawl(&urls, &w.out(), &flags, LIMIT);
    assert!(ran.success, "crawl failed: {}", ran.stderr);
    // 1 s timeout, 3 attempts and short backoffs: the slow and trickling
    // pages must not hold the run for long.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );

    let log = w.log();
    assert_eq!(log.len(), paths.len() + 5, "one log line per input URL");
    let url_of = |p: &str| match p {
        "/slow" => slow.url(p),
        "/trickle" => trickle.url(p),
        "/reset" => reset.url(p),
        _ => server.url(p),
    };
    let outcome = |p: &str| {
        w.line_for(&url_of(p))["outcome"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let attempts = |p: &str| w.line_for(&url_of(p))["attempts"].as_u64().unwrap_or(99);
    let expected = [
        ("/ok", "ok"),
        ("/slow", "timeout"),
        ("/trickle", "timeout"),
        ("/flaky", "ok"),
        ("/limited", "ok"),
        ("/limited-date", "ok"),
        ("/always503", "http_error"),
        ("/reset", "connect_error"),
        ("/loop-a", "redirect_loop"),
        ("/hop1", "ok"),
        ("/missing", "http_error"),
        ("/wait-an-hour", "http_error"),
        ("/chain/0", "too_many_redirects"),
        ("/forbidden", "http_error"),
        ("/huge", "too_large"),
        ("/huge-chunked", "too_large"),
        ("/gzip", "ok"),
        ("/deflate", "ok"),
        ("/bad-gzip", "decode_error"),
        ("/latin1", "ok"),
        ("/image", "not_html"),
        ("/private/secret", "robots_denied"),
    ];
    for (p, want) in expected {
        assert_eq!(
            outcome(p),
            want,
            "outcome of {p}: {:?}",
            w.line_for(&url_of(p))
        );
    }
    assert_eq!(w.line_for("not a url")["outcome"], "invalid_url");
    assert_eq!(
        w.line_for("ftp://example.com/file")["outcome"],
        "invalid_url"
    );

    // Retries: only where they can help, at most --retries of them.
    assert_eq!(attempts("/flaky"), 2);
    assert_eq!(attempts("/limited"), 2);
    assert_eq!(attempts("/always503"), 3);
    assert_eq!(server.hits("/always503"), 3);
    assert_eq!(attempts("/reset"), 3);
    assert_eq!(reset.hits("/reset"), 3);
    assert_eq!(attempts("/slow"), 3);
    assert_eq!(attempts("/trickle"), 3);
    assert_eq!(attempts("/missing"), 1);
    // A Retry-After over the cap is not waited for: given up at once.
    assert_eq!(attempts("/wait-an-hour"), 1);
    // Redirects: at most 10 followed.
    assert_eq!(server.hits("/chain/10"), 1);
    assert_eq!(server.hits("/chain/11"), 0);
    assert_eq!(server.hits("/missing"), 1);
    assert_eq!(server.hits("/forbidden"), 1);
    assert_eq!(server.hits("/image"), 1);
    assert_eq!(w.line_for(&server.url("/always503"))["status"], 503);

    // Retry-After honoured, in seconds and as an HTTP date.
    let times = |p: &str| -> Vec<Instant> {
        server
            .seen()
            .iter()
            .filter(|s| s.path == p)
            .map(|s| s.at)
            .collect()
    };
    let lim = times("/limited");
    assert!(
        lim[1] - lim[0] >= Duration::from_secs(1),
        "Retry-After: 1 not honoured: {:?}",
        lim[1] - lim[0]
    );
    let lim = times("/limited-date");
    assert!(
        lim[1] - lim[0] >= Duration::from_millis(900),
        "Retry-After date not honoured: {:?}",
        lim[1] - lim[0]
    );

    // Redirects: a chain is followed, the final URL logged.
    assert_eq!(
        w.line_for(&server.url("/hop1"))["final_url"],
        server.url("/ok2")
    );
    assert!(server.hits("/loop-a") <= 2 && server.hits("/loop-b") <= 2);

    // robots.txt: fetched once, and the disallowed page never requested.
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/private/secret"), 0);
    let ua = server
        .seen()
        .first()
        .and_then(|s| s.user_agent.clone())
        .unwrap_or_default();
    assert!(ua.starts_with("fineprint/"), "user agent {ua}");

    // Pages are stored by SHA-256, decoded; gzip was asked for and undone.
    let ok = w.line_for(&server.url("/gzip"));
    let sha = ok["sha256"].as_str().expect("sha256 of an ok page");
    let stored =
        std::fs::read(w.out().join("pages").join(format!("{sha}.html"))).expect("stored page");
    assert_eq!(stored, voucher_page("SPRING10").as_bytes());
    assert_eq!(ok["bytes"], stored.len());
    let deflated = w.line_for(&server.url("/deflate"));
    let stored = std::fs::read(w.out().join("pages").join(format!(
        "{}.html",
        deflated["sha256"].as_str().unwrap_or("")
    )))
    .expect("inflated page stored");
    assert_eq!(stored, voucher_page("DEFLATE7").as_bytes());
    assert!(server.seen().iter().any(|s| s
        .accept_encoding
        .as_deref()
        .is_some_and(|a| a.contains("gzip"))));
    let latin = w.line_for(&server.url("/latin1"));
    let stored = std::fs::read(
        w.out()
            .join("pages")
            .join(format!("{}.html", latin["sha256"].as_str().unwrap_or(""))),
    )
    .expect("latin-1 page stored");
    assert_eq!(stored, latin1, "raw bytes kept as received");
    assert_eq!(latin["content_type"], "text/html; charset=ISO-8859-1");
    // Whatever the extractor finds on the Latin-1 page, it was decoded with
    // the HTTP charset: no replacement characters in its records.
    for r in w.records() {
        if r["source"]["url"] == server.url("/latin1") {
            assert!(
                !r.to_string().contains('\u{FFFD}'),
                "mis-decoded record {r}"
            );
        }
    }
    for line in &log {
        if line["outcome"] == "ok" {
            assert!(line["fetched_at"].as_str().is_some_and(|t| t.contains('T')));
        } else {
            assert!(line["sha256"].is_null());
            assert!(
                line["error"].as_str().is_some_and(|e| !e.is_empty()),
                "failure without error: {line}"
            );
        }
    }
    check_consistency(&w);
}

#[test]
fn crawl_serves_a_folder_over_loopback_and_resumes_it() {
    let w = Workdir::new();
    let site = w.dir.path().join("site");
    std::fs::create_dir_all(site.join("en")).expect("site dir");
    std::fs::write(site.join("en/spring sale.html"), voucher_page("SPRING10")).expect("page");
    std::fs::write(site.join("index.htm"), voucher_page("HOME5")).expect("page");
    std::fs::write(site.join("notes.txt"), "not a page").expect("txt");
    let site_arg = site.to_string_lossy().to_string();
    let run = |out: &std::path::Path, extra: &[&str]| {
        let mut cmd = crawl_support::crawl_command_serve(&site_arg, out, extra);
        let child = cmd.spawn().expect("start");
        crawl_support::wait_limited(child, LIMIT)
    };
    let (ok, stderr) = run(&w.out(), &["--delay", "0"]);
    assert!(ok, "{stderr}");
    let log = w.log();
    assert_eq!(log.len(), 2, "{log:?}");
    let urls: HashSet<&str> = log.iter().filter_map(|l| l["final_url"].as_str()).collect();
    assert_eq!(
        urls,
        HashSet::from([
            "http://fineprint.localhost/en/spring%20sale.html",
            "http://fineprint.localhost/index.htm"
        ])
    );
    assert!(log.iter().all(|l| l["outcome"] == "ok"));
    check_consistency(&w);
    // The URLs do not depend on the port: a second run has nothing to do.
    let (ok, stderr) = run(&w.out(), &["--delay", "0"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("2 URLs already logged"), "{stderr}");
    assert_eq!(w.log().len(), 2);
    // --repeat lists each page N times.
    let out2 = w.dir.path().join("out2");
    let (ok, stderr) = run(&out2, &["--delay", "0", "--repeat", "3", "--quiet"]);
    assert!(ok, "{stderr}");
    assert_eq!(read_jsonl(&out2.join("fetch_log.jsonl")).len(), 6);
}

#[test]
fn crawl_stops_retrying_a_host_that_keeps_failing() {
    let reset = Server::start(|r| match r.path {
        "/robots.txt" => Reply::status(404),
        _ => Reply::Reset,
    });
    let list: String = (0..8)
        .map(|i| format!("{}\n", reset.url(&format!("/r{i}"))))
        .collect();
    let w = Workdir::new();
    let urls = w.write_urls("urls.txt", &list);
    let ran = run_crawl(&urls, &w.out(), &fast_flags(), LIMIT);
    assert!(ran.success, "{}", ran.stderr);
    let log = w.log();
    assert_eq!(log.len(), 8);
    assert!(
        log.iter().all(|l| l["outcome"] == "connect_error"),
        "{log:?}"
    );
    let pages = reset
        .seen()
        .iter()
        .filter(|s| s.path != "/robots.txt")
        .count();
    // 8 URLs × 3 attempts without the breaker; with it, about 4 failures
    // and then one attempt per URL.
    assert!(pages <= 12, "{pages} requests to a host that only resets");
    assert!(pages >= 8, "every URL is still tried once");
    assert!(log
        .iter()
        .all(|l| l["attempts"].as_u64().is_some_and(|a| a >= 1)));
}

fn httpdate_string(at: std::time::SystemTime) -> String {
    // RFC 7231 IMF-fixdate, written by hand to keep the test self-contained.
    let secs = at
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // civil-from-days (Howard Hinnant's algorithm)
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    format!("{weekday}, {d:02} {mon} {year} {h:02}:{m:02}:{s:02} GMT")
}

/// The records and the log agree: every record belongs to an `ok` line with
/// records, each such line's records are there once, ids are unique, and
/// the CSV has rows for exactly those records.
fn check_consistency(w: &Workdir) {
    let log = w.log();
    let records = w.records();
    let claimed: u64 = log.iter().map(|l| l["records"].as_u64().unwrap_or(0)).sum();
    assert_eq!(
        records.len() as u64,
        claimed,
        "records in vouchers.jsonl vs the log's counts"
    );
    let mut ids = HashSet::new();
    let ok_pages: HashSet<(String, String)> = log
        .iter()
        .filter(|l| l["outcome"] == "ok")
        .map(|l| {
            (
                l["final_url"].as_str().unwrap_or("").to_string(),
                l["sha256"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for r in &records {
        // The same bytes at two URLs give the same ids (by the contract), so
        // a record is known by its id and its source URL.
        let id = (
            r["id"].as_str().unwrap_or("").to_string(),
            r["source"]["url"].as_str().unwrap_or("").to_string(),
        );
        assert!(ids.insert(id.clone()), "record {id:?} written twice");
        let key = (
            r["source"]["url"].as_str().unwrap_or("").to_string(),
            r["source"]["sha256"].as_str().unwrap_or("").to_string(),
        );
        assert!(
            ok_pages.contains(&key),
            "record of a page not logged ok: {key:?}"
        );
    }
    let mut csv = csv::Reader::from_path(w.out().join("vouchers.csv")).expect("vouchers.csv");
    let headers = csv.headers().expect("csv header").clone();
    assert_eq!(headers.get(0), Some("id"));
    let url_col = headers
        .iter()
        .position(|h| h == "source_url")
        .expect("source_url column");
    let csv_ids: HashSet<(String, String)> = csv
        .records()
        .map(|r| r.expect("csv row"))
        .map(|r| (r[0].to_string(), r[url_col].to_string()))
        .collect();
    assert_eq!(
        csv_ids, ids,
        "CSV rows and JSONL records are the same vouchers"
    );
    let end = log
        .last()
        .map(|l| l["jsonl_end"].as_u64().unwrap_or(0))
        .unwrap_or(0);
    let len = std::fs::metadata(w.out().join("vouchers.jsonl"))
        .map(|m| m.len())
        .unwrap_or(0);
    assert_eq!(end, len, "the last log line commits the whole record file");
}

#[test]
fn crawl_refuses_private_addresses_without_allow_private() {
    let server = Server::start(|_| Reply::Html(voucher_page("NOPE")));
    let w = Workdir::new();
    let port = server.addr.port();
    let list = format!(
        "{}\nhttp://localhost:{port}/by-name\nhttp://[::1]:{port}/v6\n",
        server.url("/literal")
    );
    let urls = w.write_urls("urls.txt", &list);
    let ran = run_crawl(
        &urls,
        &w.out(),
        &["--quiet", "--delay", "0", "--timeout", "2"],
        LIMIT,
    );
    assert!(ran.success, "{}", ran.stderr);
    let log = w.log();
    assert_eq!(log.len(), 3);
    for l in &log {
        assert_eq!(l["outcome"], "blocked_address", "{l}");
        assert!(l["error"]
            .as_str()
            .is_some_and(|e| e.contains("--allow-private")));
    }
    assert!(
        server.seen().is_empty(),
        "no request may reach a private address: {:?}",
        server.seen()
    );
}

#[test]
fn crawl_reads_csv_lists_and_fetches_duplicates_once() {
    let server = Server::start(|r| match r.path {
        "/a" | "/b" => Reply::Html(voucher_page("DUP1")),
        _ => Reply::status(404),
    });
    let w = Workdir::new();
    let a = server.url("/a");
    let a_upper = format!("HTTP://{}/a#section", server.addr);
    let list = format!(
        "name,url\nfirst,{a}\n\nsecond,{a_upper}\nthird,{}\nbad,notaurl\nagain,{a}\n",
        server.url("/b")
    );
    let urls = w.write_urls("urls.csv", &list);
    let ran = run_crawl(&urls, &w.out(), &fast_flags(), LIMIT);
    assert!(ran.success, "{}", ran.stderr);
    let log = w.log();
    assert_eq!(log.len(), 5, "one line per CSV row with a URL: {log:?}");
    assert_eq!(
        server.hits("/a"),
        1,
        "duplicates after normalization are fetched once"
    );
    let lines_for_a: Vec<_> = log
        .iter()
        .filter(|l| l["final_url"] == a.as_str())
        .collect();
    assert_eq!(lines_for_a.len(), 3);
    assert!(lines_for_a.iter().all(|l| l["outcome"] == "ok"));
    assert_eq!(lines_for_a.iter().filter(|l| l["attempts"] == 1).count(), 1);
    assert_eq!(
        lines_for_a
            .iter()
            .filter(|l| l["duplicate_of"] == 2)
            .count(),
        2
    );
    let lines: HashSet<u64> = log
        .iter()
        .map(|l| l["line"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(lines, HashSet::from([2, 4, 5, 6, 7]));
    assert_eq!(w.line_for("notaurl")["outcome"], "invalid_url");
    check_consistency(&w);
}

#[test]
fn crawl_is_polite_per_host() {
    // Host A: --delay 300 ms, one slot. Host B: robots Crawl-delay 0.5 s.
    // Host C: no delay, slow pages: at most --per-host requests at once.
    let a = Server::start(|_| Reply::Html("<p>a</p>".into()));
    let b = Server::start(|r| match r.path {
        "/robots.txt" => Reply::with(
            200,
            &[("Content-Type", "text/plain")],
            "User-agent: *\nCrawl-delay: 0.5\n",
        ),
        _ => Reply::Html("<p>b</p>".into()),
    });
    let c = Server::start(|_| {
        Reply::Slow(
            Duration::from_millis(150),
            Box::new(Reply::Html("<p>c</p>".into())),
        )
    });
    let mut list = String::new();
    for i in 0..5 {
        list.push_str(&format!(
            "{}\n{}\n",
            a.url(&format!("/p{i}")),
            b.url(&format!("/p{i}"))
        ));
    }
    for i in 0..8 {
        list.push_str(&format!("{}\n", c.url(&format!("/p{i}"))));
    }
    let w = Workdir::new();
    let urls = w.write_urls("urls.txt", &list);
    let run = |delay: &str, per_host: &str, out: &std::path::Path| {
        run_crawl(
            &urls,
            out,
            &[
                "--allow-private",
                "--quiet",
                "--delay",
                delay,
                "--per-host",
                per_host,
                "--concurrency",
                "16",
            ],
            LIMIT,
        )
    };
    let ran = run("300", "2", &w.out());
    assert!(ran.success, "{}", ran.stderr);
    assert_eq!(w.log().len(), 18);
    for (server, min) in [
        (&a, Duration::from_millis(300)),
        (&b, Duration::from_millis(500)),
    ] {
        let seen = server.seen();
        assert_eq!(seen.len(), 6, "robots.txt + 5 pages");
        assert_eq!(seen[0].path, "/robots.txt");
        for pair in seen.windows(2) {
            let gap = pair[1].at - pair[0].at;
            assert!(
                gap >= min,
                "requests {} → {} only {gap:?} apart",
                pair[0].path,
                pair[1].path
            );
        }
    }
    assert!(
        c.max_active() <= 2,
        "per-host limit exceeded: {}",
        c.max_active()
    );
    // With no delay and 4 slots, host C does get parallel requests.
    let c2 = Server::start(|_| {
        Reply::Slow(
            Duration::from_millis(150),
            Box::new(Reply::Html("<p>c</p>".into())),
        )
    });
    let list: String = (0..8)
        .map(|i| format!("{}\n", c2.url(&format!("/q{i}"))))
        .collect();
    let urls = w.write_urls("urls2.txt", &list);
    let out2 = w.dir.path().join("out2");
    let ran = run_crawl(
        &urls,
        &out2,
        &[
            "--allow-private",
            "--quiet",
            "--delay",
            "0",
            "--per-host",
            "4",
        ],
        LIMIT,
    );
    assert!(ran.success, "{}", ran.stderr);
    assert!(
        c2.max_active() > 1 && c2.max_active() <= 4,
        "max active {}",
        c2.max_active()
    );
}

#[test]
fn crawl_resumes_after_sigkill_without_loss_or_duplicates() {
    let server = Server::start(|r| match r.path {
        "/robots.txt" => Reply::status(404),
        p => Reply::Slow(
            Duration::from_millis(60),
            Box::new(Reply::Html(voucher_page(&format!("K{}", &p[1..])))),
        ),
    });
    let n = 80;
    let mut list = String::new();
    for i in 0..n {
        list.push_str(&format!("{}\n", server.url(&format!("/{i}"))));
        if i % 10 == 0 {
            list.push_str("# comment\n\n");
        }
    }
    list.push_str("not a url\n");
    let w = Workdir::new();
    let urls = w.write_urls("urls.txt", &list);
    let flags = [
        "--allow-private",
        "--quiet",
        "--delay",
        "0",
        "--per-host",
        "2",
        "--timeout",
        "5",
    ];

    // First run: killed once some, but not all, URLs are logged.
    let mut child = crawl_support::crawl_command(&urls, &w.out(), &flags)
        .spawn()
        .expect("start");
    let log_path = w.out().join("fetch_log.jsonl");
    let deadline = Instant::now() + Duration::from_secs(30);
    while read_jsonl_lenient(&log_path) < 15 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("SIGKILL the crawl");
    let _ = child.wait();
    let first = read_jsonl_lenient(&log_path);
    assert!(
        first >= 15 && first < n + 1,
        "killed mid-way: {first} lines"
    );
    let hits_before = server.seen().len();
    // A write torn by the kill, in every file.
    for f in ["fetch_log.jsonl", "vouchers.jsonl", "vouchers.csv"] {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(w.out().join(f))
            .expect("open");
        file.write_all(b"{\"url\":\"http://torn").expect("tear");
    }
    let logged_first: HashSet<String> = read_complete_lines(&log_path)
        .into_iter()
        .map(|l| l["url"].as_str().unwrap_or("").to_string())
        .collect();

    // Second run: finishes the list.
    let ran = run_crawl(&urls, &w.out(), &flags, LIMIT);
    assert!(ran.success, "{}", ran.stderr);
    let log = w.log();
    assert_eq!(
        log.len(),
        n + 1,
        "exactly one line per input URL after the resume"
    );
    let mut per_url: HashMap<String, usize> = HashMap::new();
    for l in &log {
        *per_url
            .entry(l["url"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    assert!(per_url.values().all(|&c| c == 1), "a URL logged twice");
    assert_eq!(log.iter().filter(|l| l["outcome"] == "ok").count(), n);
    // Nothing logged by the first run was fetched again.
    for s in &server.seen()[hits_before..] {
        let url = server.url(&s.path);
        assert!(
            !logged_first.contains(&url),
            "{url} fetched again after being logged"
        );
    }
    check_consistency(&w);
    // A third run has nothing to do.
    let hits = server.seen().len();
    let ran = run_crawl(&urls, &w.out(), &flags, LIMIT);
    assert!(ran.success, "{}", ran.stderr);
    assert_eq!(server.seen().len(), hits);
    assert_eq!(w.log().len(), n + 1);
    check_consistency(&w);
}

/// Complete JSON lines of a file being written (a torn last line ignored).
fn read_complete_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.split_inclusive('\n')
        .filter(|l| l.ends_with('\n'))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn read_jsonl_lenient(path: &std::path::Path) -> usize {
    read_complete_lines(path).len()
}

#[test]
fn crawl_log_lines_have_the_contract_fields() {
    let server = Server::start(|_| Reply::Html(voucher_page("FIELDS1")));
    let w = Workdir::new();
    let urls = w.write_urls("urls.txt", &format!("{}\n", server.url("/x")));
    let ran = run_crawl(&urls, &w.out(), &fast_flags(), LIMIT);
    assert!(ran.success, "{}", ran.stderr);
    let log = read_jsonl(&w.out().join("fetch_log.jsonl"));
    assert_eq!(log.len(), 1);
    for field in [
        "url",
        "final_url",
        "status",
        "outcome",
        "attempts",
        "bytes",
        "sha256",
        "fetched_at",
        "error",
    ] {
        assert!(log[0].get(field).is_some(), "missing {field}: {}", log[0]);
    }
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[0]["outcome"], "ok");
    assert!(w.out().join("vouchers.csv").exists() && w.out().join("vouchers.jsonl").exists());
}
