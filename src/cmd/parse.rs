//! `fineprint parse money|date`: prints every money or date mention of a
//! text as JSONL, for pattern authors and conformance runs. With `-`, each
//! line of standard input is one text and every mention carries `"line"`.

use chrono::{NaiveDate, Utc};
use fineprint::date::find_dates;
use fineprint::lexicon::{DateOrder, Lexicon};
use fineprint::money::{find_money, resolve, CurrencyContext};
use fineprint::text::Folded;
use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ParseCommand {
    /// Money mentions: amount and ISO currency.
    Money(MoneyArgs),
    /// Date and date-time mentions.
    Date(DateArgs),
}

#[derive(clap::Args)]
pub struct Common {
    /// The text, or `-` to read one text per line from standard input.
    pub text: String,
    /// Narrow the dictionaries to one language (default: all).
    #[arg(long)]
    pub lang: Option<String>,
    /// A folder of pattern files overlaid on the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct MoneyArgs {
    #[command(flatten)]
    pub common: Common,
    /// Also report numbers without a currency (as amounts with a null
    /// currency) when the text has no currency-bearing amount: for inputs
    /// known to be prices, as in price-parser's suite.
    #[arg(long)]
    pub bare_numbers: bool,
}

#[derive(clap::Args)]
pub struct DateArgs {
    #[command(flatten)]
    pub common: Common,
    /// Reference date for dates printed without a year (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
}

pub fn run(cmd: ParseCommand) -> anyhow::Result<ExitCode> {
    let common = match &cmd {
        ParseCommand::Money(a) => &a.common,
        ParseCommand::Date(a) => &a.common,
    };
    let lex = Lexicon::load(common.patterns.as_deref())?;
    let lang =
        match &common.lang {
            Some(l) => Some(lex.language_index(l).ok_or_else(|| {
                anyhow::anyhow!("unknown language {l:?} (no patterns/{l}/ folder)")
            })?),
            None => None,
        };
    let langs = lang.map(|l| vec![l]);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let each = |text: &str, line: Option<usize>, out: &mut dyn Write| -> anyhow::Result<()> {
        for mut v in mentions(&lex, &cmd, text, lang, langs.as_deref()) {
            if let (Some(n), Some(obj)) = (line, v.as_object_mut()) {
                obj.insert("line".into(), json!(n));
            }
            serde_json::to_writer(&mut *out, &v)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    if common.text == "-" {
        let stdin = std::io::stdin();
        for (i, line) in stdin.lock().lines().enumerate() {
            each(&line?, Some(i + 1), &mut out)?;
        }
    } else {
        each(&common.text, None, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn mentions(
    lex: &Lexicon,
    cmd: &ParseCommand,
    text: &str,
    lang: Option<usize>,
    langs: Option<&[usize]>,
) -> Vec<Value> {
    let folded = Folded::new(text);
    let span = |s: usize, e: usize| {
        let cs = folded.char_index(s);
        let ce = folded.char_index(e);
        let (bs, be) = (folded.to_original(s), folded.to_original(e));
        (cs, ce, text.get(bs..be).unwrap_or_default().to_string())
    };
    match cmd {
        ParseCommand::Money(a) => {
            let decimal = lang.map(|l| lex.languages[l].decimal).unwrap_or('.');
            let mut found = find_money(lex, &folded.text, langs, decimal, a.bare_numbers);
            let ctx = CurrencyContext {
                language: lang,
                ..CurrencyContext::default()
            };
            resolve(lex, &mut found, &ctx);
            found
                .iter()
                .map(|m| {
                    let (s, e, t) = span(m.start, m.end);
                    json!({"text": t, "start": s, "end": e, "amount": m.amount.to_string(), "currency": m.currency})
                })
                .collect()
        }
        ParseCommand::Date(a) => {
            let as_of = a.as_of.unwrap_or_else(|| Utc::now().date_naive());
            let order = lang
                .map(|l| lex.languages[l].date_order)
                .unwrap_or(DateOrder::Dmy);
            find_dates(lex, &folded.text, as_of, order, langs)
                .iter()
                .map(|d| {
                    let (s, e, t) = span(d.start, d.end);
                    let mut v =
                        json!({"text": t, "start": s, "end": e, "value": d.value.to_string()});
                    if let Some(z) = &d.time_zone {
                        v["time_zone"] = json!(z);
                    }
                    v
                })
                .collect()
        }
    }
}
