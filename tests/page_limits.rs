//! Pathological input: deep nesting, huge pages, binary junk, cut-off
//! markup and data. Every case must finish quickly, in bounded memory,
//! without a panic or a stack overflow.

use fineprint::page::{read, Page, PageOptions};
use std::time::{Duration, Instant};

/// Reads with a time limit generous enough for a loaded CI machine.
fn timed(bytes: &[u8], opts: &PageOptions, limit: Duration) -> Page {
    let t = Instant::now();
    let p = read(bytes, opts);
    let took = t.elapsed();
    assert!(took < limit, "took {took:?} (limit {limit:?})");
    p
}

fn quick(bytes: &[u8]) -> Page {
    timed(bytes, &PageOptions::default(), Duration::from_secs(10))
}

/// A deterministic pseudo-random byte stream (xorshift).
fn junk(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn hundred_thousand_nested_tags() {
    for tag in ["div", "span", "b", "li", "table", "a", "p", "font"] {
        let html = format!(
            "{}<em>10% off with DEEP10</em>{}",
            format!("<{tag}>").repeat(100_000),
            format!("</{tag}>").repeat(100_000)
        );
        let p = quick(html.as_bytes());
        assert!(
            p.text.contains("10% off with DEEP10"),
            "{tag}: {:?}",
            &p.text[..p.text.len().min(200)]
        );
    }
    // Unclosed, and closed in the wrong order.
    let html = format!(
        "{}<p>inner</p>{}",
        "<div><section>".repeat(50_000),
        "</div>".repeat(100_000)
    );
    let p = quick(html.as_bytes());
    assert!(p.text.contains("inner"));
    // Nested card-like containers.
    let html = format!(
        "{}<p>Code CARD1</p>{}",
        "<div class=\"coupon-card\">".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let p = quick(html.as_bytes());
    assert_eq!(p.blocks.len(), 1);
    assert!(p.groups.len() <= 1);
}

#[test]
fn deep_svg_template_and_microdata_nesting() {
    let html = format!(
        "{}x{}<p>after svg</p>{}y{}<p>after template</p>{}<p>in items</p>",
        "<svg><g>".repeat(50_000),
        "</g></svg>".repeat(50_000),
        "<template>".repeat(50_000),
        "</template>".repeat(50_000),
        "<div itemscope itemprop=\"offers\" itemtype=\"https://schema.org/Offer\">".repeat(20_000),
    );
    let p = quick(html.as_bytes());
    assert!(p.text.contains("after svg"));
    assert!(p.text.contains("after template"));
    assert!(p.text.contains("in items"));
    assert!(!p.text.contains('x') && !p.text.contains('y'));
}

#[test]
fn fifty_megabyte_page() {
    let card = "<div class=\"product-card\"><h3>Wireless Earbuds</h3><span class=\"price\">US $12.99</span></div>\n";
    let mut html = String::from("<html><body><h1>$5 off $50</h1><p>Code BIG5</p>");
    while html.len() < 50 * 1024 * 1024 {
        html.push_str(card);
    }
    // Cut to the default limit, with a warning.
    let p = timed(
        html.as_bytes(),
        &PageOptions::default(),
        Duration::from_secs(30),
    );
    assert!(p.warnings.contains(&"page_truncated".to_string()));
    assert!(p.text.starts_with("$5 off $50\nCode BIG5"));
    assert!(p.text.len() < 16 * 1024 * 1024);
    // Read whole when the limit allows it.
    let opts = PageOptions {
        max_bytes: 64 * 1024 * 1024,
        ..PageOptions::default()
    };
    let p = timed(html.as_bytes(), &opts, Duration::from_secs(30));
    assert!(!p.warnings.contains(&"page_truncated".to_string()));
    assert!(p.blocks.len() > 500_000);
}

#[test]
fn max_bytes_is_respected() {
    let html = format!("<p>first part</p>{}<p>second part</p>", " ".repeat(2000));
    let opts = PageOptions {
        max_bytes: 1000,
        ..PageOptions::default()
    };
    let p = read(html.as_bytes(), &opts);
    assert_eq!(p.text, "first part");
    assert_eq!(p.warnings, vec!["page_truncated".to_string()]);
}

#[test]
fn binary_junk() {
    for seed in 1..=4u64 {
        let bytes = junk(2 * 1024 * 1024, seed);
        let p = quick(&bytes);
        // Bounded output: decoding at most triples the size.
        assert!(p.text.len() <= bytes.len() * 3);
        for b in &p.blocks {
            assert!(b.end <= p.text.len());
        }
    }
    // A PNG header and NUL bytes named .html.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(junk(100_000, 99));
    quick(&png);
    quick(&[0u8; 100_000]);
    quick(b"");
    quick(b"<");
    quick(b"&#");
}

#[test]
fn cut_off_markup() {
    for html in [
        "<p>kept</p><div class=\"a",
        "<p>kept</p><!-- never closed <p>lost</p>",
        "<p>kept</p><script>var x = '<p>lost</p>';",
        "<p>kept</p><style>p{}",
        "<p>kept</p><title>lost",
        "<p>kept</p><!DOCTYPE",
        "<p>kept</p></",
        "<p>kept</p>&amp",
    ] {
        let p = quick(html.as_bytes());
        assert!(p.text.starts_with("kept"), "{html:?} → {:?}", p.text);
        assert!(!p.text.contains("lost"), "{html:?} → {:?}", p.text);
    }
}

#[test]
fn many_comments_and_stray_brackets() {
    let html = format!(
        "{}<p>a</p>{}<p>b</p>",
        "<!-- c -->".repeat(200_000),
        "< <> </> <!> <? ?>".repeat(50_000)
    );
    let p = quick(html.as_bytes());
    assert!(p.text.starts_with("a\n"));
    assert!(p.text.ends_with("b"));
}

#[test]
fn truncated_and_hostile_json() {
    let full = r#"{"coupon":{"couponCode":"CUT10","minOrderAmount":50,"discountAmount":10,"endTime":1780531199}}"#;
    for cut in [10, 30, 60, full.len() - 1] {
        let html = format!(
            "<script>window.__STATE__ = {};</script><p>x</p>",
            &full[..cut]
        );
        let p = quick(html.as_bytes());
        assert!(p.data.is_empty(), "cut at {cut}: {:?}", p.data);
        assert!(
            p.warnings.contains(&"script_json_invalid".to_string()),
            "cut at {cut}"
        );
    }
    // The whole blob parses.
    let p = quick(format!("<script>window.__STATE__ = {full};</script>").as_bytes());
    assert_eq!(p.data.len(), 1);

    // Nesting far past any parser's recursion limit.
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    for html in [
        format!("<script type=\"application/ld+json\">{deep}</script>"),
        format!("<script>window.__coupon_state__ = {deep};</script>"),
        format!("<script id=\"__NEXT_DATA__\" type=\"application/json\">{{\"coupon\": {deep}}}</script>"),
        format!("<script>var voucher = JSON.parse(\"{deep}\");</script>"),
    ] {
        let p = quick(html.as_bytes());
        assert!(p.data.is_empty());
    }
    let objects = "{\"coupon\":".repeat(100_000);
    let p = quick(
        format!(
            "<script>window.__coupon__ = {objects}1{};</script>",
            "}".repeat(100_000)
        )
        .as_bytes(),
    );
    assert!(p.data.is_empty());
}

#[test]
fn hostile_scripts_finish_quickly() {
    // Every `=` opens a long literal that fails only at the very end, and
    // every JSON.parse string is unterminated.
    let unclosed = format!(
        "window.__coupon__ = {}",
        "{\"a\":[1,2,3,{\"b\":\"x=[\"}, ".repeat(40_000)
    );
    let calls = "JSON.parse(\"{\\\"coupon\\\": ".repeat(40_000);
    for body in [unclosed, calls] {
        let html = format!("<script>{body}</script><p>after</p>");
        let p = quick(html.as_bytes());
        assert_eq!(p.text, "after");
        assert!(p.data.is_empty());
    }
}

#[test]
fn many_scripts_and_vouchers_stay_bounded() {
    let one =
        r#"<script>window.s = {"coupons": [{"couponCode": "C1", "discountAmount": 1}]};</script>"#;
    let html = one.repeat(5_000);
    let p = quick(html.as_bytes());
    // Identical vouchers are reported once.
    assert_eq!(p.data.len(), 1);
    let many: String = (0..5_000)
        .map(|i| format!(r#"{{"couponCode": "C{i}", "discountAmount": {i}}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let p = quick(format!("<script>window.s = {{\"coupons\": [{many}]}};</script>").as_bytes());
    assert!(!p.data.is_empty() && p.data.len() <= 5_000);
}
