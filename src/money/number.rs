//! Numbers as shops write them, parsed exactly: grouping with `,` `.` space
//! and `'`, Indian grouping, decimal `,` or `.` decided by the digit groups
//! and, where they cannot decide, by the language. Works on folded text
//! (Arabic-Indic digits and no-break spaces are already ASCII there).

use rust_decimal::Decimal;
use std::str::FromStr;

/// A number found in folded text: `text[start..end]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberToken {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    /// True when the number has a decimal part.
    pub fractional: bool,
    /// A letter touches the number on the left (`rm10`, `save10`) or on the
    /// right (`10x`, `50usd`); callers decide whether a currency explains it.
    pub glued_left: bool,
    pub glued_right: bool,
}

fn is_group_sep(c: u8) -> bool {
    matches!(c, b'.' | b',' | b' ' | b'\'')
}

/// Finds every number in folded text, left to right. `decimal` is the
/// language's decimal separator, used only when the digit groups cannot
/// decide (`1,5` is 1.5 in German; `1,500` is 1500 everywhere).
pub fn find_numbers(text: &str, decimal: char) -> Vec<NumberToken> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            if let Some(tok) = leading_point(text, i) {
                i = tok.end;
                out.push(tok);
            } else {
                i += 1;
            }
            continue;
        }
        // A digit glued to a preceding letter/digit run like "A12" or "x2" is
        // part of a code or a model number, not a quantity.
        let glued = i > 0 && (bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'_');
        let (tok, next) = parse_at(text, i, decimal);
        if let Some(mut tok) = tok {
            tok.glued_left = glued;
            tok.glued_right = text[tok.end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic());
            out.push(tok);
        }
        i = next.max(i + 1);
    }
    out
}

/// ".75" / "$.75": a point and exactly two digits with no integer part.
fn leading_point(text: &str, i: usize) -> Option<NumberToken> {
    let b = text.as_bytes();
    if b[i] != b'.' || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let two = b.get(i + 1..i + 3)?;
    if !two.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let next = b.get(i + 3).copied();
    let next2 = b.get(i + 4).copied();
    if next.is_some_and(|c| c.is_ascii_digit())
        || (matches!(next, Some(b'.' | b',')) && next2.is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let value = Decimal::new(i64::from(two[0] - b'0') * 10 + i64::from(two[1] - b'0'), 2);
    Some(NumberToken {
        start: i,
        end: i + 3,
        value: value.normalize(),
        fractional: true,
        glued_left: false,
        glued_right: text[i + 3..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic()),
    })
}

/// Parses the number starting at byte `i` (a digit). Returns the token (if
/// valid) and the byte offset to continue scanning from.
fn parse_at(text: &str, i: usize, decimal: char) -> (Option<NumberToken>, usize) {
    let bytes = text.as_bytes();
    // Split into digit groups and the separators between them.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut seps: Vec<u8> = Vec::new();
    let mut j = i;
    loop {
        let g0 = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        groups.push((g0, j));
        if j + 1 < bytes.len()
            && is_group_sep(bytes[j])
            && bytes[j + 1].is_ascii_digit()
            && seps.len() < 12
        {
            seps.push(bytes[j]);
            j += 1;
        } else {
            break;
        }
    }
    let glen = |k: usize| groups[k].1 - groups[k].0;
    let digits = |k: usize| &text[groups[k].0..groups[k].1];

    // Decide how many groups belong to the number and which separator (if
    // any) is the decimal point.
    let n = groups.len();
    let mut take = n; // groups used
    let mut decimal_at: Option<usize> = None; // index of the separator that is decimal
    if n > 1 {
        // Spaces and apostrophes only group, and only before exactly three digits.
        let mut k = 0;
        while k < seps.len() {
            let s = seps[k];
            let next_len = glen(k + 1);
            let grouping_ok = next_len == 3 && (k > 0 || glen(0) <= 3 || s != b' ');
            if matches!(s, b' ' | b'\'') && !grouping_ok {
                take = k + 1;
                break;
            }
            k += 1;
        }
        let seps_used = &seps[..take - 1];
        let last = seps_used.len().checked_sub(1);
        if let Some(li) = last {
            let ls = seps_used[li];
            let last_len = glen(li + 1);
            let others_differ = seps_used[..li].iter().any(|&s| s != ls);
            let repeated = seps_used[..li].contains(&ls);
            if matches!(ls, b'.' | b',') {
                if others_differ && !repeated {
                    decimal_at = Some(li);
                } else if repeated {
                    decimal_at = None; // 1,000,000 / 1.000.000 / 1,00,000
                } else if last_len != 3 {
                    decimal_at = Some(li);
                } else if digits(0) == "0" {
                    decimal_at = Some(li); // 0.500
                } else if li == 0 && glen(0) > 3 && (ls as char) == decimal {
                    decimal_at = Some(li); // 1234.567 in a '.'-decimal language
                } else {
                    decimal_at = None; // 1.980 / 1,980: three digits → grouping
                }
            }
            // A decimal separator must be the last one, and grouping must be regular.
            if decimal_at.is_none() {
                for k in 1..take {
                    if glen(k) != 3 && !(glen(k) == 2 && k < take - 1) {
                        // irregular: keep the groups up to here
                        take = k;
                        break;
                    }
                }
            } else if let Some(d) = decimal_at {
                if let Some(k) = (1..=d).find(|&k| glen(k) != 3 && !(glen(k) == 2 && k < d)) {
                    return (None, groups[k].1);
                }
            }
        }
    }
    // Integer groups longer than 3 next to grouping separators are suspicious
    // (12345,678): reject grouping in that case.
    let mut int_part = String::new();
    let mut frac_part = String::new();
    for k in 0..take {
        if decimal_at.is_some_and(|d| k == d + 1) {
            frac_part.push_str(digits(k));
        } else {
            int_part.push_str(digits(k));
        }
    }
    let mut end = groups[take - 1].1;
    // "10,-" / "10.–" / "10,--": a whole amount.
    if frac_part.is_empty() {
        let rest = &text[end..];
        for suffix in [",--", ",-", ".-", ",—"] {
            if rest.starts_with(suffix)
                && !rest[suffix.len()..].starts_with(|c: char| c.is_ascii_digit())
            {
                end += suffix.len();
                break;
            }
        }
    }
    let literal = if frac_part.is_empty() {
        int_part.clone()
    } else {
        format!("{int_part}.{frac_part}")
    };
    if int_part.len() > 24 {
        return (None, end);
    }
    let value = Decimal::from_str(&literal).ok().map(|d| d.normalize());
    (
        value.map(|value| NumberToken {
            start: i,
            end,
            value,
            fractional: !frac_part.is_empty(),
            glued_left: false,
            glued_right: false,
        }),
        end,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str, dec: char) -> Option<String> {
        let v = find_numbers(s, dec);
        v.first().map(|t| t.value.to_string())
    }

    #[test]
    fn table() {
        let cases: &[(&str, char, &str)] = &[
            ("1,980", '.', "1980"),
            ("1.980", ',', "1980"),
            ("1.980", '.', "1980"),
            ("3.99", '.', "3.99"),
            ("3,99", ',', "3.99"),
            ("1,5", ',', "1.5"),
            ("1.980,50", ',', "1980.5"),
            ("1,980.50", '.', "1980.5"),
            ("1 980,50", ',', "1980.5"),
            ("1'980.50", '.', "1980.5"),
            ("1,00,000", '.', "100000"),
            ("12,34,567.50", '.', "1234567.5"),
            ("1.000.000", ',', "1000000"),
            ("0.500", '.', "0.5"),
            ("10,-", ',', "10"),
            ("49,–", ',', "49"),
            ("2026", '.', "2026"),
            ("1234.567", '.', "1234.567"),
            (".75", '.', "0.75"),
            ("$.75", '.', "0.75"),
            ("1'250.-", '.', "1250"),
            ("1 234 567", ',', "1234567"),
            ("١٬٢٣٤٫٥٠", '.', "1234.5"),
            ("12,5", ',', "12.5"),
            ("0,99", ',', "0.99"),
            ("1.234.567,89", ',', "1234567.89"),
            ("1,234,567.89", '.', "1234567.89"),
            ("1 980", '.', "1980"),
        ];
        for (s, dec, want) in cases {
            let folded = crate::text::fold(s);
            assert_eq!(
                one(&folded, *dec).as_deref(),
                Some(*want),
                "{s} with decimal {dec}"
            );
        }
    }

    #[test]
    fn separate_numbers_stay_separate() {
        let v = find_numbers("sizes 38 40 42", '.');
        let vals: Vec<String> = v.iter().map(|t| t.value.to_string()).collect();
        assert_eq!(vals, ["38", "40", "42"]);
        let v = find_numbers("1, 2 and 3", '.');
        assert_eq!(v.len(), 3);
        // No integer part after a letter: not a number of its own.
        let v = find_numbers("v.75 and no.12", '.');
        assert!(v.iter().all(|t| !t.fractional), "{v:?}");
        let v = find_numbers(".753 and .75.5", '.');
        assert!(v.iter().all(|t| t.value != Decimal::new(75, 2)), "{v:?}");
    }

    #[test]
    fn numbers_inside_words_are_marked_glued() {
        let v = find_numbers("use code save10 now", '.');
        assert!(v[0].glued_left);
        let v = find_numbers("rm10 off", '.');
        assert!(v[0].glued_left && !v[0].glued_right);
    }
}
