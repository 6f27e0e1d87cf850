//! Exchange rates for `--fx RATES.csv`: one row per currency, `currency,rate`,
//! where `rate` is the value of one unit of that currency in a common base
//! (`USD,1` / `EUR,1.08` / `SAR,0.2667`). An amount converts from `A` to `B`
//! as `amount × rate(A) ÷ rate(B)`, exactly in decimal.

use rust_decimal::Decimal;
use std::collections::HashMap;
use std::io::Read;
use std::str::FromStr;

/// A bad row of a rates file.
#[derive(Debug, thiserror::Error)]
#[error("line {line}, field `{field}`: {message}")]
pub struct FxError {
    /// 1-based line of the file.
    pub line: u64,
    pub field: String,
    pub message: String,
}

/// Rates of currencies to one common base.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    rates: HashMap<String, Decimal>,
}

impl Rates {
    /// Rates from `(currency, rate)` pairs; codes are compared uppercased.
    pub fn from_pairs<I: IntoIterator<Item = (String, Decimal)>>(pairs: I) -> Rates {
        Rates {
            rates: pairs.into_iter().map(|(c, r)| (normalize(&c), r)).collect(),
        }
    }

    /// Reads a CSV with columns `currency` and `rate` (a header row naming
    /// them is optional; without one the first column is the currency). Bad
    /// rows are returned as errors and left out; the good ones are kept.
    pub fn read_csv<R: Read>(reader: R) -> (Rates, Vec<FxError>) {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(reader);
        let mut rates = HashMap::new();
        let mut errors = Vec::new();
        let (mut cur_col, mut rate_col) = (0usize, 1usize);
        for (index, row) in csv.records().enumerate() {
            let line = match &row {
                Ok(r) => r.position().map_or(index as u64 + 1, |p| p.line()),
                Err(e) => e.position().map_or(index as u64 + 1, |p| p.line()),
            };
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    errors.push(FxError {
                        line,
                        field: "row".into(),
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            if row.iter().all(str::is_empty) {
                continue;
            }
            if index == 0 {
                let names: Vec<String> = row.iter().map(|f| f.to_ascii_lowercase()).collect();
                if let (Some(c), Some(r)) = (
                    names.iter().position(|n| n == "currency"),
                    names.iter().position(|n| n == "rate"),
                ) {
                    (cur_col, rate_col) = (c, r);
                    continue;
                }
            }
            let currency = row.get(cur_col).unwrap_or("");
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
                errors.push(FxError {
                    line,
                    field: "currency".into(),
                    message: format!("{currency:?} is not a three-letter currency code"),
                });
                continue;
            }
            let rate_text = row.get(rate_col).unwrap_or("");
            match Decimal::from_str(rate_text).or_else(|_| Decimal::from_scientific(rate_text)) {
                Ok(rate) if rate > Decimal::ZERO => {
                    rates.insert(normalize(currency), rate);
                }
                _ => errors.push(FxError {
                    line,
                    field: "rate".into(),
                    message: format!("{rate_text:?} is not a positive decimal number"),
                }),
            }
        }
        (Rates { rates }, errors)
    }

    /// The rate of a currency, if known.
    pub fn rate(&self, currency: &str) -> Option<Decimal> {
        self.rates.get(&normalize(currency)).copied()
    }

    /// `amount` in `from` expressed in `to`; None when a rate is missing or
    /// the arithmetic overflows.
    pub fn convert(&self, amount: Decimal, from: &str, to: &str) -> Option<Decimal> {
        if normalize(from) == normalize(to) {
            return Some(amount);
        }
        amount
            .checked_mul(self.rate(from)?)?
            .checked_div(self.rate(to)?)
    }

    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }
}

/// Currency codes compare trimmed and uppercased.
pub fn normalize(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}
