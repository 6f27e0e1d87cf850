//! Writing an eval [`Report`] as text tables or as one JSON document.

use super::compare::{Counts, Field};
use super::score::{PageMiss, Report, Summary};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn counts_cols(c: &Counts) -> String {
    format!(
        "{:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        c.tp,
        c.fp,
        c.fn_,
        num(c.precision()),
        num(c.recall()),
        num(c.f1())
    )
}

/// The text report: vouchers, a per-field table, a per-language table, and
/// with `verbose` every miss.
pub fn write_text(report: &Report, verbose: bool, w: &mut dyn Write) -> io::Result<()> {
    let all = report.summary();
    let langs = report.by_language();
    writeln!(
        w,
        "pages {}  languages {}  errors {}",
        all.pages,
        langs.len(),
        report.errors.len()
    )?;
    writeln!(
        w,
        "vouchers  gold {}  produced {}  paired {}  precision {}  recall {}",
        all.vouchers.gold,
        all.vouchers.produced,
        all.vouchers.paired,
        num(all.vouchers.precision()),
        num(all.vouchers.recall())
    )?;
    writeln!(
        w,
        "page language  {}/{} read as in gold",
        all.language_correct, all.language_checked
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{:<30} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "field", "tp", "fp", "fn", "prec", "rec", "f1"
    )?;
    for f in Field::ALL {
        writeln!(w, "{:<30} {}", f.name(), counts_cols(&all.fields.get(f)))?;
    }
    writeln!(
        w,
        "{:<30} {}",
        "overall (micro)",
        counts_cols(&all.overall())
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{:<6} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "lang",
        "pages",
        "gold",
        "prod",
        "paired",
        "v.prec",
        "v.rec",
        "tp",
        "fp",
        "fn",
        "prec",
        "rec",
        "f1"
    )?;
    for (lang, s) in &langs {
        write_lang_row(w, lang, s)?;
    }
    write_lang_row(w, "all", &all)?;
    if !report.errors.is_empty() {
        writeln!(w)?;
        writeln!(w, "errors:")?;
        for e in &report.errors {
            writeln!(w, "  {e}")?;
        }
    }
    if verbose {
        writeln!(w)?;
        writeln!(w, "misses:")?;
        for m in report.misses() {
            writeln!(w, "  {}", miss_line(m))?;
        }
    }
    Ok(())
}

fn write_lang_row(w: &mut dyn Write, lang: &str, s: &Summary) -> io::Result<()> {
    writeln!(
        w,
        "{:<6} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}  {}",
        lang,
        s.pages,
        s.vouchers.gold,
        s.vouchers.produced,
        s.vouchers.paired,
        num(s.vouchers.precision()),
        num(s.vouchers.recall()),
        counts_cols(&s.overall())
    )
}

fn miss_line(m: &PageMiss) -> String {
    let who = match (m.gold_voucher, m.produced_voucher) {
        (Some(g), Some(p)) => format!("gold#{g}~produced#{p}"),
        (Some(g), None) => format!("gold#{g} (not found)"),
        (None, Some(p)) => format!("produced#{p} (not in gold)"),
        (None, None) => String::new(),
    };
    let code = m
        .code
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    format!(
        "{} {}{} {}: expected {} | produced {}",
        m.file,
        who,
        code,
        m.miss.field,
        m.miss.expected.as_deref().unwrap_or("(none)"),
        m.miss.produced.as_deref().unwrap_or("(none)")
    )
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: &'a [String],
    /// Totals over the corpus (overall is the micro F1 over every field).
    #[serde(flatten)]
    all: &'a Summary,
    languages: BTreeMap<String, Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    misses: Option<Vec<&'a PageMiss>>,
}

/// The JSON report: totals, per-field and per-language scores, and with
/// `verbose` every miss.
pub fn write_json(report: &Report, verbose: bool, w: &mut dyn Write) -> io::Result<()> {
    let all = report.summary();
    let doc = JsonReport {
        errors: &report.errors,
        all: &all,
        languages: report.by_language(),
        misses: verbose.then(|| report.misses().collect()),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
