//! Running and scoring each kind of suite: price-parser, Recognizers-Text
//! money and dates, Duckling. The rules are in the module doc of
//! [`super`].

use super::cases::{self, DateCase, DucklingCase, MoneyMentionCase, PriceCase, SuiteKind};
use super::probe::{Mention, Probe, ProbeError};
use super::raw_currency;
use super::spans::{locate_expected, pair_mentions, Span};
use crate::record::When;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// A count of cases (or mentions) and how many of them were right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub cases: u64,
    pub correct: u64,
}

impl Tally {
    pub fn add(&mut self, ok: bool) {
        self.cases += 1;
        self.correct += u64::from(ok);
    }

    pub fn accuracy(&self) -> Option<f64> {
        (self.cases > 0).then(|| self.correct as f64 / self.cases as f64)
    }
}

impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Tally", 3)?;
        st.serialize_field("cases", &self.cases)?;
        st.serialize_field("correct", &self.correct)?;
        st.serialize_field("accuracy", &self.accuracy())?;
        st.end()
    }
}

/// Mention-level counts: expected, produced, and correct (paired by span,
/// with the right value).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MentionCounts {
    pub expected: u64,
    pub produced: u64,
    pub correct: u64,
}

impl MentionCounts {
    pub fn precision(&self) -> Option<f64> {
        (self.produced > 0).then(|| self.correct as f64 / self.produced as f64)
    }

    pub fn recall(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.correct as f64 / self.expected as f64)
    }
}

impl Serialize for MentionCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("MentionCounts", 5)?;
        st.serialize_field("expected", &self.expected)?;
        st.serialize_field("produced", &self.produced)?;
        st.serialize_field("correct", &self.correct)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.end()
    }
}

/// The score of one suite file.
#[derive(Debug, Clone, Serialize)]
pub struct SuiteResult {
    /// The file stem (`money_recognizers_en`).
    pub suite: String,
    pub kind: SuiteKind,
    pub lang: Option<String>,
    /// Whether the parsers were narrowed to the suite's language (`--lang`):
    /// only for languages fineprint has dictionaries for; the others run
    /// with all dictionaries.
    pub narrowed: bool,
    /// Scored cases and how many passed.
    #[serde(flatten)]
    pub all: Tally,
    /// Cases not scored (price-parser lines that need a decimal-separator hint).
    pub skipped: u64,
    /// Recognizers-Text: the cases marked `supported: true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supported: Option<Tally>,
    /// Recognizers-Text: mention precision and recall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<MentionCounts>,
    /// Recognizers-Text money: the expected mentions written with digits,
    /// and how many were found right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digit_mentions: Option<Tally>,
    /// Recognizers-Text dates: expected mentions per kind (`absolute`,
    /// `yearless`) and how many were found right.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub date_kinds: BTreeMap<String, Tally>,
    /// price-parser: the amount alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Tally>,
    /// price-parser: the lines whose currency is checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Tally>,
    /// Number of probe processes run.
    pub processes: u64,
    /// Why the suite could not be scored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `(case id, passed)` for every scored case, in file order.
    #[serde(skip)]
    pub outcomes: Vec<(String, bool)>,
    /// Every failing case with what was expected and what was found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

/// A failing case: its text, what the suite expects and what the parser found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub id: String,
    pub text: String,
    pub expected: String,
    pub produced: String,
}

/// `"$5" 5 USD; "kroner" - NOK`, or `(nothing)`.
fn show_mentions(ms: &[Mention]) -> String {
    if ms.is_empty() {
        return "(nothing)".to_string();
    }
    ms.iter()
        .map(|m| {
            let value = match (&m.value, m.amount) {
                (Some(v), _) => v.clone(),
                (None, Some(a)) => {
                    format!("{} {}", a.normalize(), m.currency.as_deref().unwrap_or("-"))
                }
                (None, None) => format!("- {}", m.currency.as_deref().unwrap_or("-")),
            };
            format!("{:?} {value}", m.text.as_deref().unwrap_or(""))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn show_expected_money<'a>(
    ms: impl Iterator<Item = (&'a str, Option<&'a str>, Option<&'a str>)>,
) -> String {
    let v: Vec<String> = ms
        .map(|(t, a, c)| format!("{t:?} {} {}", a.unwrap_or("-"), c.unwrap_or("-")))
        .collect();
    if v.is_empty() {
        "(nothing)".to_string()
    } else {
        v.join("; ")
    }
}

impl SuiteResult {
    fn new(suite: &str, kind: SuiteKind, lang: Option<&str>, narrowed: bool) -> SuiteResult {
        SuiteResult {
            suite: suite.to_string(),
            kind,
            lang: lang.map(str::to_string),
            narrowed,
            all: Tally::default(),
            skipped: 0,
            supported: None,
            mentions: None,
            digit_mentions: None,
            date_kinds: BTreeMap::new(),
            amount: None,
            currency: None,
            processes: 0,
            error: None,
            outcomes: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// A suite that could not be run.
    pub fn failed(suite: &str, kind: SuiteKind, lang: Option<&str>, error: String) -> SuiteResult {
        let mut r = SuiteResult::new(suite, kind, lang, false);
        r.error = Some(error);
        r
    }

    fn outcome(
        &mut self,
        id: &str,
        passed: bool,
        text: &str,
        expected: impl FnOnce() -> String,
        produced: &[Mention],
    ) {
        self.all.add(passed);
        self.outcomes.push((id.to_string(), passed));
        if !passed {
            self.failures.push(Failure {
                id: id.to_string(),
                text: text.to_string(),
                expected: expected(),
                produced: show_mentions(produced),
            });
        }
    }
}

fn texts<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    it.map(str::to_string).collect()
}

fn amounts_equal(expected: Option<Decimal>, produced: Option<Decimal>, cents: bool) -> bool {
    match (expected, produced) {
        (Some(e), Some(p)) => p == e || (cents && p * Decimal::ONE_HUNDRED == e),
        _ => false,
    }
}

/// Units whose amounts the suites give in cents ("Cent", "Centavo",
/// "Centimes", "Céntimo").
fn is_cent_unit(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| {
        let u = u.to_lowercase();
        u.starts_with("cent") || u.starts_with("cént")
    })
}

fn same_currency(expected: &str, produced: Option<&str>) -> bool {
    produced.is_some_and(|p| p.trim().eq_ignore_ascii_case(expected.trim()))
}

fn sorted_by_start(mut m: Vec<Mention>) -> Vec<Mention> {
    m.sort_by_key(|x| x.start.unwrap_or(usize::MAX));
    m
}

/// price-parser: the first mention (lowest start) against the expected
/// amount; currency checked where the suite's rules allow and the raw
/// currency maps to ISO codes; lines with a decimal-separator hint skipped.
pub fn price_parser(probe: &dyn Probe, suite: &str, cases: &[PriceCase]) -> SuiteResult {
    let mut r = SuiteResult::new(suite, SuiteKind::PriceParser, None, false);
    let scored: Vec<&PriceCase> = cases
        .iter()
        .filter(|c| c.decimal_separator.is_none())
        .collect();
    r.skipped = (cases.len() - scored.len()) as u64;
    r.processes = 1;
    let found = match probe.money(None, true, &texts(scored.iter().map(|c| c.text.as_str()))) {
        Ok(f) => f,
        Err(e) => return with_error(r, e),
    };
    let mut amount = Tally::default();
    let mut currency = Tally::default();
    for (case, mentions) in scored.iter().zip(found) {
        let mentions = sorted_by_start(mentions);
        let first = mentions.first();
        let amount_ok = match case.expect.amount.as_deref() {
            None => first.is_none(),
            Some(a) => amounts_equal(cases::decimal(a), first.and_then(|m| m.amount), false),
        };
        amount.add(amount_ok);
        let mut currency_ok = true;
        if let (Some(raw), Some(true)) = (
            case.expect.currency_raw.as_deref(),
            case.expect.currency_in_text,
        ) {
            if let Some(codes) = raw_currency::codes(raw) {
                let got = first.and_then(|m| m.currency.as_deref());
                currency_ok = got.is_some_and(|g| codes.iter().any(|c| c.eq_ignore_ascii_case(g)));
                currency.add(currency_ok);
            }
        }
        let expected = || {
            format!(
                "first amount {} {}",
                case.expect.amount.as_deref().unwrap_or("(none)"),
                case.expect.currency_raw.as_deref().unwrap_or("-")
            )
        };
        r.outcome(
            &case.id,
            amount_ok && currency_ok,
            &case.text,
            expected,
            &mentions,
        );
    }
    r.amount = Some(amount);
    r.currency = Some(currency);
    r
}

/// Recognizers-Text money: mentions paired by span; a paired mention is
/// right when its amount (if expected and `resolution_checked`; cent units
/// may be given in cents or in the main unit) and its currency (if
/// expected) are right. A case passes when every expected mention is right
/// and nothing else is found.
pub fn recognizers_money(
    probe: &dyn Probe,
    suite: &str,
    lang: Option<&str>,
    narrow: bool,
    cases: &[MoneyMentionCase],
) -> SuiteResult {
    let mut r = SuiteResult::new(suite, SuiteKind::RecognizersMoney, lang, narrow);
    r.processes = 1;
    let found = match probe.money(
        lang.filter(|_| narrow),
        false,
        &texts(cases.iter().map(|c| c.text.as_str())),
    ) {
        Ok(f) => f,
        Err(e) => return with_error(r, e),
    };
    let mut mentions = MentionCounts::default();
    let mut digits = Tally::default();
    let mut supported = Tally::default();
    for (case, produced) in cases.iter().zip(found) {
        let spans = locate_expected(
            &case.text,
            case.expect.mentions.iter().map(|m| m.text.as_str()),
        );
        let expected: Vec<(Option<Span>, &str)> = spans
            .into_iter()
            .zip(case.expect.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        let pairs = pair_mentions(&case.text, &expected, &produced);
        let mut all_right = true;
        for (exp, paired) in case.expect.mentions.iter().zip(&pairs) {
            let ok = paired.and_then(|j| produced.get(j)).is_some_and(|p| {
                let amount_ok = !case.resolution_checked
                    || exp.amount.is_none()
                    || amounts_equal(
                        exp.amount.as_deref().and_then(cases::decimal),
                        p.amount,
                        is_cent_unit(exp.unit.as_deref()),
                    );
                let currency_ok = exp
                    .currency
                    .as_deref()
                    .is_none_or(|c| same_currency(c, p.currency.as_deref()));
                amount_ok && currency_ok
            });
            mentions.correct += u64::from(ok);
            if exp.text.chars().any(char::is_numeric) {
                digits.add(ok);
            }
            all_right &= ok;
        }
        mentions.expected += case.expect.mentions.len() as u64;
        mentions.produced += produced.len() as u64;
        let passed = all_right && produced.len() == case.expect.mentions.len();
        if case.supported {
            supported.add(passed);
        }
        let expected = || {
            show_expected_money(
                case.expect
                    .mentions
                    .iter()
                    .map(|m| (m.text.as_str(), m.amount.as_deref(), m.currency.as_deref())),
            )
        };
        r.outcome(&case.id, passed, &case.text, expected, &produced);
    }
    r.mentions = Some(mentions);
    r.digit_mentions = Some(digits);
    r.supported = Some(supported);
    r
}

/// The fallback reference date for absolute-date cases when no yearless
/// case gives one (the year of an absolute date does not depend on it).
const DEFAULT_AS_OF: (i32, u32, u32) = (2020, 1, 1);

fn reference_date(reference: Option<&str>) -> Option<NaiveDate> {
    let r = reference?;
    NaiveDate::parse_from_str(r.get(..10)?, "%Y-%m-%d").ok()
}

/// Groups date cases into probe runs, one per reference date: every case
/// with a yearless mention runs with its own reference as `--as-of`; the
/// cases with absolute dates only join the group of their own reference if
/// there is one, else the largest group (else one group of their own).
/// Returns `(as_of, case indices)` in date order.
pub fn date_groups(cases: &[DateCase]) -> Vec<(NaiveDate, Vec<usize>)> {
    let mut groups: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    let mut rest = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let yearless = c.expect.mentions.iter().any(|m| m.kind == "yearless");
        match reference_date(c.reference.as_deref()) {
            Some(d) if yearless => groups.entry(d).or_default().push(i),
            _ => rest.push(i),
        }
    }
    let largest = groups
        .iter()
        .max_by_key(|(d, v)| (v.len(), std::cmp::Reverse(**d)))
        .map(|(d, _)| *d);
    for i in rest {
        let own = reference_date(cases[i].reference.as_deref()).filter(|d| groups.contains_key(d));
        let (y, m, d) = DEFAULT_AS_OF;
        let target = own
            .or(largest)
            .or_else(|| NaiveDate::from_ymd_opt(y, m, d))
            .unwrap_or_default();
        groups.entry(target).or_default().push(i);
    }
    groups
        .into_iter()
        .map(|(d, mut v)| {
            v.sort();
            (d, v)
        })
        .collect()
}

/// The calendar date of a produced date mention's value.
fn produced_date(m: &Mention) -> Option<NaiveDate> {
    let v = m.value.as_deref()?;
    v.parse::<When>()
        .map(|w| w.date())
        .ok()
        .or_else(|| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok())
}

/// Recognizers-Text dates: mentions paired by span; a paired mention is
/// right when its calendar date equals the expected one (for yearless
/// dates, the future resolution: the year inferred from the reference date
/// is checked). A case passes when every expected mention is right and
/// nothing else is found.
pub fn recognizers_dates(
    probe: &dyn Probe,
    suite: &str,
    lang: Option<&str>,
    narrow: bool,
    cases: &[DateCase],
) -> SuiteResult {
    let mut r = SuiteResult::new(suite, SuiteKind::RecognizersDates, lang, narrow);
    let mut found: Vec<Option<Vec<Mention>>> = vec![None; cases.len()];
    for (as_of, idx) in date_groups(cases) {
        r.processes += 1;
        let batch = texts(idx.iter().map(|&i| cases[i].text.as_str()));
        match probe.date(lang.filter(|_| narrow), as_of, &batch) {
            Ok(res) => {
                for (i, m) in idx.into_iter().zip(res) {
                    found[i] = Some(m);
                }
            }
            Err(e) => return with_error(r, e),
        }
    }
    let mut mentions = MentionCounts::default();
    let mut supported = Tally::default();
    for (case, produced) in cases.iter().zip(found) {
        let produced = produced.unwrap_or_default();
        let spans = locate_expected(
            &case.text,
            case.expect.mentions.iter().map(|m| m.text.as_str()),
        );
        let expected: Vec<(Option<Span>, &str)> = spans
            .into_iter()
            .zip(case.expect.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        let pairs = pair_mentions(&case.text, &expected, &produced);
        let mut all_right = true;
        for (exp, paired) in case.expect.mentions.iter().zip(&pairs) {
            let want = NaiveDate::parse_from_str(&exp.date, "%Y-%m-%d").ok();
            let ok = want.is_some()
                && paired
                    .and_then(|j| produced.get(j))
                    .is_some_and(|p| produced_date(p) == want);
            mentions.correct += u64::from(ok);
            r.date_kinds.entry(exp.kind.clone()).or_default().add(ok);
            all_right &= ok;
        }
        mentions.expected += case.expect.mentions.len() as u64;
        mentions.produced += produced.len() as u64;
        let passed = all_right && produced.len() == case.expect.mentions.len();
        if case.supported {
            supported.add(passed);
        }
        let expected = || {
            let v: Vec<String> = case
                .expect
                .mentions
                .iter()
                .map(|m| format!("{:?} {} ({})", m.text, m.date, m.kind))
                .collect();
            v.join("; ")
        };
        r.outcome(&case.id, passed, &case.text, expected, &produced);
    }
    r.mentions = Some(mentions);
    r.supported = Some(supported);
    r
}

/// Duckling: the whole text is one money expression. `simple`: exactly one
/// mention, with the amount (cents may be given in the main unit) and, when
/// expected, the currency. Bounds (`between`, `under`, `above`; fineprint
/// has no ranges): every stated bound is the amount of a mention and every
/// mention's amount is a stated bound (currency checked when expected).
/// `negative`: no mention at all.
pub fn duckling(
    probe: &dyn Probe,
    suite: &str,
    lang: Option<&str>,
    narrow: bool,
    cases: &[DucklingCase],
) -> SuiteResult {
    let mut r = SuiteResult::new(suite, SuiteKind::Duckling, lang, narrow);
    r.processes = 1;
    let found = match probe.money(
        lang.filter(|_| narrow),
        false,
        &texts(cases.iter().map(|c| c.text.as_str())),
    ) {
        Ok(f) => f,
        Err(e) => return with_error(r, e),
    };
    for (case, produced) in cases.iter().zip(found) {
        let e = &case.expect;
        let currency_ok = |m: &Mention| {
            e.currency
                .as_deref()
                .is_none_or(|c| same_currency(c, m.currency.as_deref()))
        };
        let cents = is_cent_unit(e.currency_name.as_deref());
        let passed = match case.kind.as_str() {
            "negative" => produced.is_empty(),
            "simple" => {
                produced.len() == 1
                    && amounts_equal(
                        e.amount.as_deref().and_then(cases::decimal),
                        produced[0].amount,
                        cents,
                    )
                    && currency_ok(&produced[0])
            }
            "between" | "under" | "above" => {
                let bounds: Vec<Option<Decimal>> = [e.min.as_deref(), e.max.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(cases::decimal)
                    .collect();
                !bounds.is_empty()
                    && !produced.is_empty()
                    && bounds
                        .iter()
                        .all(|b| produced.iter().any(|m| amounts_equal(*b, m.amount, cents)))
                    && produced.iter().all(|m| {
                        bounds.iter().any(|b| amounts_equal(*b, m.amount, cents)) && currency_ok(m)
                    })
            }
            _ => {
                r.skipped += 1;
                continue;
            }
        };
        let expected = || match case.kind.as_str() {
            "negative" => "(nothing)".to_string(),
            "simple" => format!(
                "one mention {} {}",
                e.amount.as_deref().unwrap_or("-"),
                e.currency.as_deref().unwrap_or("-")
            ),
            k => format!(
                "{k} {}..{} {}",
                e.min.as_deref().unwrap_or(""),
                e.max.as_deref().unwrap_or(""),
                e.currency.as_deref().unwrap_or("-")
            ),
        };
        r.outcome(&case.id, passed, &case.text, expected, &produced);
    }
    r
}

fn with_error(mut r: SuiteResult, e: ProbeError) -> SuiteResult {
    r.error = Some(e.to_string());
    r.all = Tally::default();
    r.outcomes.clear();
    r.failures.clear();
    r
}
