//! Whole-name comparison of stores, categories, exclusions and payment
//! methods: case, accents and punctuation are forgiven, store suffixes such
//! as "Official Store" are dropped, and a name never matches a part of
//! another (`headphones` is not `phones`).
//!
//! A name becomes a *key*: its words (runs of letters and digits, lowercased,
//! common Latin accents removed), minus the suffixes of its kind, joined
//! without spaces — so `Xiaomi-Official Store`, `XIAOMI official store` and
//! `xiaomi` all give `xiaomi`, and `Levi's` equals `Levis`. Two names match
//! when their keys are equal and not empty.

/// Word sequences dropped from the end of a store name (longest first).
const STORE_SUFFIXES: &[&[&str]] = &[
    &["official", "flagship", "store"],
    &["official", "online", "store"],
    &["global", "official", "store"],
    &["official", "store"],
    &["official", "shop"],
    &["flagship", "store"],
    &["flagship", "shop"],
    &["online", "store"],
    &["online", "shop"],
    &["official"],
    &["store"],
    &["shop"],
];

/// Word sequences dropped from the start of a store name ("Tienda oficial
/// Xiaomi", "Loja oficial Xiaomi", "Boutique officielle Xiaomi").
const STORE_PREFIXES: &[&[&str]] = &[
    &["tienda", "oficial"],
    &["loja", "oficial"],
    &["boutique", "officielle"],
    &["negozio", "ufficiale"],
    &["offizieller", "shop"],
    &["official", "store"],
];

/// Word sequences dropped from the end of a payment method ("Visa card").
const PAYMENT_SUFFIXES: &[&[&str]] = &[
    &["credit", "cards"],
    &["credit", "card"],
    &["debit", "cards"],
    &["debit", "card"],
    &["cards"],
    &["card"],
];

/// The kinds of names, each with its own suffixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Store,
    Category,
    PaymentMethod,
}

/// The comparison key of a name of a kind.
pub fn key(name: &str, kind: NameKind) -> String {
    let mut words = words(name);
    match kind {
        NameKind::Store => {
            strip_affixes(&mut words, STORE_PREFIXES, true);
            strip_affixes(&mut words, STORE_SUFFIXES, false);
        }
        NameKind::PaymentMethod => strip_affixes(&mut words, PAYMENT_SUFFIXES, false),
        NameKind::Category => {}
    }
    words.concat()
}

/// Whether two names of a kind are the same whole name.
pub fn same(a: &str, b: &str, kind: NameKind) -> bool {
    let ka = key(a, kind);
    !ka.is_empty() && ka == key(b, kind)
}

/// The first name of `list` that is the same whole name as `name`.
pub fn find<'a>(name: &str, list: &'a [String], kind: NameKind) -> Option<&'a String> {
    list.iter().find(|candidate| same(name, candidate, kind))
}

/// Lowercased, accent-folded runs of letters and digits.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                cur.push(fold_accent(l));
            }
        } else if c == '\'' || c == '’' {
            // An apostrophe joins its word: "Levi's" is one word, "levis".
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Removes affixes repeatedly, never leaving the name empty.
fn strip_affixes(words: &mut Vec<String>, affixes: &[&[&str]], prefix: bool) {
    loop {
        let hit = affixes.iter().find(|a| {
            a.len() < words.len() && {
                let range = if prefix {
                    &words[..a.len()]
                } else {
                    &words[words.len() - a.len()..]
                };
                range.iter().zip(a.iter()).all(|(w, s)| w == s)
            }
        });
        match hit {
            Some(a) if prefix => {
                words.drain(..a.len());
            }
            Some(a) => {
                let keep = words.len() - a.len();
                words.truncate(keep);
            }
            None => return,
        }
    }
}

/// Removes the accent of a common Latin letter (lowercase input).
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ğ' => 'g',
        'ř' => 'r',
        'ť' => 't',
        'ď' => 'd',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_table_entries_are_lowercase_words() {
        for table in [STORE_SUFFIXES, STORE_PREFIXES, PAYMENT_SUFFIXES] {
            for affix in table {
                assert!(!affix.is_empty());
                for w in *affix {
                    assert_eq!(words(w), vec![w.to_string()], "{w:?} is not one key word");
                }
            }
        }
    }

    #[test]
    fn a_name_that_is_only_a_suffix_keeps_its_words() {
        assert_eq!(key("Official Store", NameKind::Store), "official");
        assert_eq!(key("Shop", NameKind::Store), "shop");
    }
}
