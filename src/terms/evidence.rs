//! Collects the evidence of a record: for each extracted value, the exact
//! snippet of the page text, its character offsets, and the rule behind it.

use super::mentions::Mentions;
use crate::record::Evidence;

/// Evidence being gathered for one record.
pub struct EvidenceLog<'m, 'a> {
    m: &'m Mentions<'a>,
    original: &'m str,
    pub items: Vec<Evidence>,
}

impl<'m, 'a> EvidenceLog<'m, 'a> {
    pub fn new(m: &'m Mentions<'a>, original: &'m str) -> Self {
        EvidenceLog {
            m,
            original,
            items: Vec::new(),
        }
    }

    /// Records that `field` came from folded bytes `[start, end)` by `rule`.
    pub fn add(&mut self, field: &str, start: usize, end: usize, rule: &str) {
        let (s, e) = (start.min(end), start.max(end));
        let cs = self.m.folded.char_index(s);
        let ce = self.m.folded.char_index(e);
        let bs = self.m.folded.to_original(s);
        let be = self.m.folded.to_original(e);
        self.items.push(Evidence {
            field: field.to_string(),
            text: self.original.get(bs..be).unwrap_or_default().to_string(),
            start: cs,
            end: ce,
            rule: (!rule.is_empty()).then(|| rule.to_string()),
        });
    }

    /// The original text of folded bytes `[start, end)`.
    pub fn original(&self, start: usize, end: usize) -> &'m str {
        let bs = self.m.folded.to_original(start);
        let be = self.m.folded.to_original(end);
        self.original.get(bs..be).unwrap_or_default()
    }
}
