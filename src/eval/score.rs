//! Scores of one page and their sums over the corpus and per language.

use super::compare::{compare, Counts, Field, FieldCounts, Miss};
use super::gold::{Gold, Terms};
use super::pair::pair;
use serde::Serialize;
use std::collections::BTreeMap;

/// A miss located in the corpus: which page, which gold and produced voucher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageMiss {
    /// The page, relative to the corpus directory (`es/verano.html`).
    pub file: String,
    /// Index of the gold voucher in the gold file, when one is involved.
    pub gold_voucher: Option<usize>,
    /// Index of the produced voucher in extraction order, when one is involved.
    pub produced_voucher: Option<usize>,
    /// The voucher's code (gold's, else produced), to find it on the page.
    pub code: Option<String>,
    #[serde(flatten)]
    pub miss: Miss,
}

/// The score of one page.
#[derive(Debug, Clone, Default)]
pub struct PageScore {
    /// The page, relative to the corpus directory.
    pub file: String,
    /// The corpus language folder the page sits in.
    pub lang: String,
    /// The gold's page language and the language the extractor read it in.
    pub gold_language: Option<String>,
    pub produced_language: Option<String>,
    pub vouchers: VoucherCounts,
    pub counts: FieldCounts,
    pub misses: Vec<PageMiss>,
}

/// Gold vouchers, produced vouchers, and how many of them were paired.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VoucherCounts {
    pub gold: u64,
    pub produced: u64,
    pub paired: u64,
}

impl VoucherCounts {
    pub fn add(&mut self, o: VoucherCounts) {
        self.gold += o.gold;
        self.produced += o.produced;
        self.paired += o.paired;
    }

    /// Paired / produced: how many produced vouchers are real ones.
    pub fn precision(&self) -> Option<f64> {
        (self.produced > 0).then(|| self.paired as f64 / self.produced as f64)
    }

    /// Paired / gold: how many real vouchers were found.
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.paired as f64 / self.gold as f64)
    }
}

impl Serialize for VoucherCounts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("VoucherCounts", 5)?;
        st.serialize_field("gold", &self.gold)?;
        st.serialize_field("produced", &self.produced)?;
        st.serialize_field("paired", &self.paired)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.end()
    }
}

/// Scores the vouchers produced for a page against its gold.
pub fn score_page(
    file: &str,
    lang: &str,
    gold: &Gold,
    produced: &[Terms],
    produced_language: Option<&str>,
) -> PageScore {
    let pairing = pair(&gold.records, produced, gold.as_of);
    let mut counts = FieldCounts::default();
    let mut misses = Vec::new();
    let mut take = |gi: Option<usize>, pi: Option<usize>| {
        let g = gi.and_then(|i| gold.records.get(i));
        let p = pi.and_then(|j| produced.get(j));
        let c = compare(g, p, gold.as_of);
        counts.add(&c.counts);
        let code = g
            .and_then(|t| t.code.clone())
            .or_else(|| p.and_then(|t| t.code.clone()));
        misses.extend(c.misses.into_iter().map(|miss| PageMiss {
            file: file.to_string(),
            gold_voucher: gi,
            produced_voucher: pi,
            code: code.clone(),
            miss,
        }));
    };
    // Misses come in gold order, then the produced vouchers nobody pairs.
    let mut by_gold: Vec<(usize, Option<usize>)> = pairing
        .pairs
        .iter()
        .map(|&(i, j)| (i, Some(j)))
        .chain(pairing.unpaired_gold.iter().map(|&i| (i, None)))
        .collect();
    by_gold.sort();
    for (i, j) in by_gold {
        take(Some(i), j);
    }
    for &j in &pairing.unpaired_produced {
        take(None, Some(j));
    }
    PageScore {
        file: file.to_string(),
        lang: lang.to_string(),
        gold_language: gold.language.clone(),
        produced_language: produced_language.map(str::to_string),
        vouchers: VoucherCounts {
            gold: gold.records.len() as u64,
            produced: produced.len() as u64,
            paired: pairing.pairs.len() as u64,
        },
        counts,
        misses,
    }
}

/// Sums over a set of pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub pages: u64,
    pub vouchers: VoucherCounts,
    pub fields: FieldCounts,
    /// Pages whose gold names a language, and how many of them the
    /// extractor read in that language.
    pub language_checked: u64,
    pub language_correct: u64,
}

impl Summary {
    pub fn add(&mut self, p: &PageScore) {
        self.pages += 1;
        self.vouchers.add(p.vouchers);
        self.fields.add(&p.counts);
        if let Some(g) = &p.gold_language {
            self.language_checked += 1;
            if p.produced_language
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(g))
            {
                self.language_correct += 1;
            }
        }
    }

    /// Micro totals over all fields.
    pub fn overall(&self) -> Counts {
        self.fields.total()
    }
}

impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields: BTreeMap<&str, Counts> = Field::ALL
            .iter()
            .map(|f| (f.name(), self.fields.get(*f)))
            .collect();
        let mut st = s.serialize_struct("Summary", 5)?;
        st.serialize_field("pages", &self.pages)?;
        st.serialize_field("vouchers", &self.vouchers)?;
        st.serialize_field("overall", &self.overall())?;
        st.serialize_field(
            "page_language",
            &serde_json::json!({"checked": self.language_checked, "correct": self.language_correct}),
        )?;
        st.serialize_field("fields", &fields)?;
        st.end()
    }
}

/// The whole evaluation: every page's score, in corpus order, and the pages
/// that could not be scored.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub pages: Vec<PageScore>,
    /// One line per unusable page or gold file.
    pub errors: Vec<String>,
}

impl Report {
    /// Sums over every page.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for p in &self.pages {
            s.add(p);
        }
        s
    }

    /// Sums per corpus language folder, by language.
    pub fn by_language(&self) -> BTreeMap<String, Summary> {
        let mut m: BTreeMap<String, Summary> = BTreeMap::new();
        for p in &self.pages {
            m.entry(p.lang.clone()).or_default().add(p);
        }
        m
    }

    /// Every miss, in corpus order.
    pub fn misses(&self) -> impl Iterator<Item = &PageMiss> {
        self.pages.iter().flat_map(|p| p.misses.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(json: &str) -> Gold {
        Gold::parse(json).unwrap()
    }

    fn terms(json: &str) -> Terms {
        serde_json::from_str(json).unwrap()
    }

    const GOLD: &str = r#"{"as_of": "2026-05-20", "language": "en", "records": [
        {"code": "SAVE10", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "10", "currency": "USD"}},
                                      "min_order": {"amount": "50", "currency": "USD"}}],
         "scope": {"kind": "store", "stores": ["Anker Official Store"]},
         "validity": {"ends": "2026-05-31T23:59:00-07:00", "time_zone": "America/Los_Angeles"}},
        {"code": "SHIPFREE", "free_shipping": true}
    ]}"#;

    fn produced() -> Vec<Terms> {
        vec![
            terms(r#"{"code": "SHIPFREE", "free_shipping": true, "stackable": false}"#),
            terms(
                r#"{"code": "SAVE10", "tiers": [{"discount": {"type": "amount", "amount": {"amount": "10.00", "currency": "USD"}},
                                      "min_order": {"amount": "50", "currency": "USD"}}],
                 "scope": {"kind": "store", "stores": ["anker"]},
                 "validity": {"ends": "2026-06-01T06:59:00+00:00", "time_zone": "-07:00"}}"#,
            ),
        ]
    }

    #[test]
    fn a_faithful_extraction_scores_every_stated_value() {
        let s = score_page("en/a.html", "en", &gold(GOLD), &produced(), Some("en"));
        let c = s.counts.total();
        // code, type, amount, min_order, kind, store, ends, zone; code, free_shipping
        assert_eq!(c.tp, 10);
        // stackable stated only in the produced voucher
        assert_eq!(c.fp, 1);
        assert_eq!(c.fn_, 0);
        assert_eq!(
            s.vouchers,
            VoucherCounts {
                gold: 2,
                produced: 2,
                paired: 2
            }
        );
        assert_eq!(s.misses.len(), 1);
        assert_eq!(s.misses[0].miss.field, "stackable");
        assert_eq!(s.misses[0].gold_voucher, Some(1));
        assert_eq!(s.misses[0].produced_voucher, Some(0));
    }

    #[test]
    fn one_changed_gold_amount_lowers_f1() {
        let before = score_page("en/a.html", "en", &gold(GOLD), &produced(), None)
            .counts
            .total();
        let mutated = GOLD.replace(r#""amount": "10""#, r#""amount": "12""#);
        assert_ne!(mutated, GOLD);
        let s = score_page("en/a.html", "en", &gold(&mutated), &produced(), None);
        let after = s.counts.total();
        assert!(after.f1().unwrap() < before.f1().unwrap());
        assert_eq!(
            s.counts.get(Field::DiscountAmount),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        let miss = s
            .misses
            .iter()
            .find(|m| m.miss.field == "tiers[0].discount.amount")
            .unwrap();
        assert_eq!(miss.miss.expected.as_deref(), Some("12 USD"));
        assert_eq!(miss.miss.produced.as_deref(), Some("10 USD"));
    }

    #[test]
    fn unpaired_vouchers_count_all_their_values() {
        let g = gold(GOLD);
        let s = score_page("en/a.html", "en", &g, &[], None);
        assert_eq!(
            s.counts.total(),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 10
            }
        );
        assert_eq!(s.vouchers.recall(), Some(0.0));
        assert_eq!(s.vouchers.precision(), None);
        let extra = vec![terms(r#"{"code": "NOPE", "auto_applied": true}"#)];
        let none = gold(r#"{"as_of": "2026-05-20", "records": []}"#);
        let s = score_page("en/b.html", "en", &none, &extra, None);
        assert_eq!(
            s.counts.total(),
            Counts {
                tp: 0,
                fp: 2,
                fn_: 0
            }
        );
        assert_eq!(s.vouchers.precision(), Some(0.0));
    }

    #[test]
    fn tiers_pair_by_minimum_order() {
        let g = gold(
            r#"{"as_of": "2026-05-20", "records": [{"tiers": [
                {"discount": {"type": "amount", "amount": {"amount": "3", "currency": "USD"}}, "min_order": {"amount": "29", "currency": "USD"}},
                {"discount": {"type": "amount", "amount": {"amount": "8", "currency": "USD"}}, "min_order": {"amount": "69", "currency": "USD"}}]}]}"#,
        );
        let p = vec![terms(
            r#"{"tiers": [
                {"discount": {"type": "amount", "amount": {"amount": "8", "currency": "USD"}}, "min_order": {"amount": "69", "currency": "USD"}},
                {"discount": {"type": "amount", "amount": {"amount": "3", "currency": "USD"}}, "min_order": {"amount": "29", "currency": "USD"}}]}"#,
        )];
        let s = score_page("en/t.html", "en", &g, &p, None);
        assert_eq!(
            s.counts.total(),
            Counts {
                tp: 6,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn list_elements_are_positives_one_by_one() {
        let g = gold(
            r#"{"as_of": "2026-05-20", "records": [{"code": "A", "eligibility": {"regions": ["ES", "PT"], "payment_methods": ["PayPal"]}}]}"#,
        );
        let p = vec![terms(
            r#"{"code": "A", "eligibility": {"regions": ["es", "FR"], "payment_methods": ["paypal."]}}"#,
        )];
        let s = score_page("x", "es", &g, &p, None);
        assert_eq!(
            s.counts.get(Field::EligibilityRegions),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.counts.get(Field::EligibilityPaymentMethods),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn summaries_sum_pages_and_check_the_language() {
        let a = score_page("en/a.html", "en", &gold(GOLD), &produced(), Some("en"));
        let b = score_page("en/b.html", "en", &gold(GOLD), &[], Some("fr"));
        let r = Report {
            pages: vec![a, b],
            errors: vec![],
        };
        let s = r.summary();
        assert_eq!(s.pages, 2);
        assert_eq!(
            s.overall(),
            Counts {
                tp: 10,
                fp: 1,
                fn_: 10
            }
        );
        assert_eq!((s.language_checked, s.language_correct), (2, 1));
        assert_eq!(r.by_language().len(), 1);
    }
}
