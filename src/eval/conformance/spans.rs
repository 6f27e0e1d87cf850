//! Matching produced mentions to expected ones by span: the same text or
//! overlapping character ranges, one to one.

use super::probe::Mention;

/// A half-open range of character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    fn overlap(&self, o: &Span) -> usize {
        self.end.min(o.end).saturating_sub(self.start.max(o.start))
    }
}

/// Where each expected mention (an exact substring of `text`, in input
/// order) sits: searched from the end of the previous one, else from the
/// start of the text.
pub fn locate_expected<'a>(
    text: &str,
    mentions: impl Iterator<Item = &'a str>,
) -> Vec<Option<Span>> {
    let mut from = 0usize;
    let mut out = Vec::new();
    for m in mentions {
        let found = text
            .get(from..)
            .and_then(|rest| rest.find(m).map(|i| i + from))
            .or_else(|| text.find(m));
        out.push(found.filter(|_| !m.is_empty()).map(|byte| {
            from = byte + m.len();
            let start = text[..byte].chars().count();
            Span {
                start,
                end: start + m.chars().count(),
            }
        }));
    }
    out
}

/// A produced mention's span: its offsets, else where its text first occurs.
pub fn produced_span(text: &str, m: &Mention) -> Option<Span> {
    match (m.start, m.end) {
        (Some(start), Some(end)) if end > start => Some(Span { start, end }),
        _ => {
            let t = m.text.as_deref().filter(|t| !t.is_empty())?;
            let byte = text.find(t)?;
            let start = text[..byte].chars().count();
            Some(Span {
                start,
                end: start + t.chars().count(),
            })
        }
    }
}

/// Pairs expected mentions with produced ones: each expected mention, in
/// order, takes the unpaired produced mention whose span overlaps it most
/// (ties: the earlier one) or whose text is the same. Returns, per expected
/// mention, the index of its produced mention.
pub fn pair_mentions(
    text: &str,
    expected: &[(Option<Span>, &str)],
    produced: &[Mention],
) -> Vec<Option<usize>> {
    let spans: Vec<Option<Span>> = produced.iter().map(|m| produced_span(text, m)).collect();
    let mut taken = vec![false; produced.len()];
    let mut out = Vec::with_capacity(expected.len());
    for (span, etext) in expected {
        let mut best: Option<(usize, usize)> = None;
        for (j, m) in produced.iter().enumerate() {
            if taken[j] {
                continue;
            }
            let by_span = match (span, &spans[j]) {
                (Some(e), Some(p)) => e.overlap(p),
                _ => 0,
            };
            let by_text = m.text.as_deref().is_some_and(|t| t.trim() == etext.trim());
            let score = if by_text { by_span.max(1) } else { by_span };
            if score > 0 && best.is_none_or(|(_, s)| score > s) {
                best = Some((j, score));
            }
        }
        if let Some((j, _)) = best {
            taken[j] = true;
        }
        out.push(best.map(|(j, _)| j));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize) -> Mention {
        Mention {
            start: Some(start),
            end: Some(end),
            ..Mention::default()
        }
    }

    #[test]
    fn expected_mentions_are_found_in_order_in_characters() {
        let text = "ça coûte 5 € ou 5 €";
        let s = locate_expected(text, ["5 €", "5 €"].into_iter());
        assert_eq!(s[0], Some(Span { start: 9, end: 12 }));
        assert_eq!(s[1], Some(Span { start: 16, end: 19 }));
        assert_eq!(locate_expected(text, ["nope"].into_iter()), vec![None]);
    }

    #[test]
    fn mentions_pair_by_overlap_one_to_one() {
        let text = "pay $ 75 million or 20 dollars";
        let exp = locate_expected(text, ["$ 75 million", "20 dollars"].into_iter());
        let expected: Vec<(Option<Span>, &str)> = exp
            .into_iter()
            .zip(["$ 75 million", "20 dollars"])
            .collect();
        // produced: "20" (20..22), "$ 75" (4..8), "million" (9..16); "million"
        // overlaps the first expected mention most
        let produced = vec![m(20, 22), m(4, 8), m(9, 16)];
        let p = pair_mentions(text, &expected, &produced);
        assert_eq!(p, vec![Some(2), Some(0)]);
        // disjoint spans do not pair
        let p = pair_mentions(text, &expected, &[m(0, 3)]);
        assert_eq!(p, vec![None, None]);
    }
}
