//! The case files of `../shared/conformance/` as typed values: which suite a
//! file is, and its cases.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A suite file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The four kinds of suite, told apart by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuiteKind {
    /// `money_price_parser.jsonl`
    PriceParser,
    /// `money_recognizers_<lang>.jsonl`
    RecognizersMoney,
    /// `dates_recognizers_<lang>.jsonl`
    RecognizersDates,
    /// `money_duckling_<lang>.jsonl`
    Duckling,
}

impl SuiteKind {
    /// The kind and language of a suite file name; `None` for other files.
    pub fn of_file(name: &str) -> Option<(SuiteKind, Option<String>)> {
        let stem = name.strip_suffix(".jsonl")?;
        if stem == "money_price_parser" {
            return Some((SuiteKind::PriceParser, None));
        }
        for (prefix, kind) in [
            ("money_recognizers_", SuiteKind::RecognizersMoney),
            ("dates_recognizers_", SuiteKind::RecognizersDates),
            ("money_duckling_", SuiteKind::Duckling),
        ] {
            if let Some(lang) = stem.strip_prefix(prefix) {
                return Some((kind, Some(lang.to_string())));
            }
        }
        None
    }
}

/// A decimal from the suites' amount strings (`"1980.00"`, `"79"`).
pub fn decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    Decimal::from_str(s)
        .ok()
        .or_else(|| Decimal::from_scientific(s).ok())
}

#[derive(Debug, Clone, Deserialize)]
pub struct PriceCase {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub decimal_separator: Option<String>,
    pub expect: PriceExpect,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PriceExpect {
    pub amount: Option<String>,
    pub currency_raw: Option<String>,
    #[serde(default)]
    pub currency_in_text: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MoneyMentionCase {
    pub id: String,
    pub text: String,
    #[serde(default = "yes")]
    pub supported: bool,
    #[serde(default = "yes")]
    pub resolution_checked: bool,
    pub expect: MoneyMentions,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MoneyMentions {
    pub mentions: Vec<ExpectedMoney>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedMoney {
    pub text: String,
    pub amount: Option<String>,
    pub currency: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DateCase {
    pub id: String,
    pub text: String,
    pub reference: Option<String>,
    #[serde(default = "yes")]
    pub supported: bool,
    pub expect: DateMentions,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DateMentions {
    pub mentions: Vec<ExpectedDate>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedDate {
    pub text: String,
    pub date: String,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DucklingCase {
    pub id: String,
    pub text: String,
    pub kind: String,
    pub expect: DucklingExpect,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DucklingExpect {
    pub amount: Option<String>,
    #[serde(default)]
    pub min: Option<String>,
    #[serde(default)]
    pub max: Option<String>,
    pub currency: Option<String>,
    #[serde(default)]
    pub currency_name: Option<String>,
}

fn yes() -> bool {
    true
}

/// Reads a JSONL file of cases of one type; a bad line is an error naming it.
pub fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, CaseError> {
    let text = std::fs::read_to_string(path).map_err(|source| CaseError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case = serde_json::from_str(line).map_err(|e| CaseError::Invalid {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(case);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_kind_and_language() {
        assert_eq!(
            SuiteKind::of_file("money_price_parser.jsonl"),
            Some((SuiteKind::PriceParser, None))
        );
        assert_eq!(
            SuiteKind::of_file("dates_recognizers_pt.jsonl"),
            Some((SuiteKind::RecognizersDates, Some("pt".into())))
        );
        assert_eq!(
            SuiteKind::of_file("money_duckling_nb.jsonl"),
            Some((SuiteKind::Duckling, Some("nb".into())))
        );
        assert_eq!(SuiteKind::of_file("README.md"), None);
        assert_eq!(SuiteKind::of_file("other.jsonl"), None);
    }

    #[test]
    fn amounts_compare_as_decimals() {
        assert_eq!(decimal("79"), decimal("79.00"));
        assert_eq!(
            decimal("202107211321364000000000").map(|d| d.is_sign_positive()),
            Some(true)
        );
        assert_eq!(decimal("abc"), None);
    }
}
