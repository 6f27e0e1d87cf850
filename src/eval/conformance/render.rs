//! Writing conformance results: one text line per suite, or one JSON
//! document.

use super::known::Staleness;
use super::suites::{SuiteResult, Tally};
use serde::Serialize;
use std::io::{self, Write};

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn tally(t: &Tally) -> String {
    format!("{}/{} {}", t.correct, t.cases, num(t.accuracy()))
}

/// The sums over every suite that ran.
pub fn totals(results: &[SuiteResult]) -> Tally {
    let mut t = Tally::default();
    for r in results {
        t.cases += r.all.cases;
        t.correct += r.all.correct;
    }
    t
}

fn notes(r: &SuiteResult) -> String {
    let mut n = Vec::new();
    if let Some(a) = &r.amount {
        n.push(format!("amount {}", tally(a)));
    }
    if let Some(c) = &r.currency {
        n.push(format!("currency {}", tally(c)));
    }
    if let Some(s) = &r.supported {
        n.push(format!("supported {}", tally(s)));
    }
    if let Some(d) = &r.digit_mentions {
        n.push(format!("digit mentions {}", tally(d)));
    }
    for (kind, t) in &r.date_kinds {
        n.push(format!("{kind} {}", tally(t)));
    }
    if r.skipped > 0 {
        n.push(format!("skipped {}", r.skipped));
    }
    n.join("; ")
}

/// One line per suite, then totals and the known-failures report; with
/// `verbose`, every failing case (expected, then what was found).
pub fn write_text(
    results: &[SuiteResult],
    known: Option<&Staleness>,
    verbose: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        w,
        "{:<24} {:<4} {:<6} {:>5} {:>7} {:>6} {:>6} {:>6}  notes",
        "suite", "lang", "--lang", "cases", "correct", "acc", "prec", "rec"
    )?;
    for r in results {
        let lang = r.lang.as_deref().unwrap_or("-");
        let narrowed = if r.lang.is_none() {
            "-"
        } else if r.narrowed {
            "yes"
        } else {
            "no"
        };
        if let Some(e) = &r.error {
            writeln!(w, "{:<24} {:<4} {:<6} ERROR: {e}", r.suite, lang, narrowed)?;
            continue;
        }
        let (p, rc) = r
            .mentions
            .map_or((None, None), |m| (m.precision(), m.recall()));
        writeln!(
            w,
            "{:<24} {:<4} {:<6} {:>5} {:>7} {:>6} {:>6} {:>6}  {}",
            r.suite,
            lang,
            narrowed,
            r.all.cases,
            r.all.correct,
            num(r.all.accuracy()),
            num(p),
            num(rc),
            notes(r)
        )?;
    }
    let t = totals(results);
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    let processes: u64 = results.iter().map(|r| r.processes).sum();
    writeln!(
        w,
        "{:<24} {:<4} {:<6} {:>5} {:>7} {:>6}  suites {}, errors {}, processes {}",
        "all",
        "",
        "",
        t.cases,
        t.correct,
        num(t.accuracy()),
        results.len(),
        errors,
        processes
    )?;
    if let Some(s) = known {
        writeln!(w)?;
        writeln!(
            w,
            "known failures: {} listed, {} still failing, {} now passing, {} new failures, {} not run",
            s.listed,
            s.still_failing,
            s.now_passing.len(),
            s.new_failures.len(),
            s.not_run
        )?;
        if !s.now_passing.is_empty() {
            writeln!(
                w,
                "  now passing (take off the list): {}",
                preview(&s.now_passing)
            )?;
        }
        if !s.new_failures.is_empty() {
            writeln!(
                w,
                "  new failures (not on the list): {}",
                preview(&s.new_failures)
            )?;
        }
    }
    if verbose {
        for r in results.iter().filter(|r| !r.failures.is_empty()) {
            writeln!(w)?;
            writeln!(w, "{}: {} failing", r.suite, r.failures.len())?;
            for f in &r.failures {
                writeln!(w, "  {} {:?}", f.id, f.text)?;
                writeln!(w, "      expected {}", f.expected)?;
                writeln!(w, "      found    {}", f.produced)?;
            }
        }
    }
    Ok(())
}

fn preview(ids: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" ... (+{})", ids.len() - SHOWN));
    }
    s
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    suites: &'a [SuiteResult],
    totals: Tally,
    known_failures: Option<&'a Staleness>,
}

/// The JSON document: every suite, totals, the known-failures report.
pub fn write_json(
    results: &[SuiteResult],
    known: Option<&Staleness>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let doc = JsonDoc {
        suites: results,
        totals: totals(results),
        known_failures: known,
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
