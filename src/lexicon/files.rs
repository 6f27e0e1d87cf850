//! The on-disk shape of the pattern files (`patterns/README.md` documents
//! them for authors). Every table denies unknown fields, so a typo is an error
//! with its `file:line`.

use std::collections::BTreeMap;
use toml::Spanned;

/// `patterns/<lang>/language.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    pub tag: Spanned<String>,
    pub name: String,
    pub decimal: Spanned<String>,
    pub date_order: Spanned<String>,
    #[serde(default)]
    pub default_currencies: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub default_region: Option<Spanned<String>>,
    #[serde(default)]
    pub glued_prefixes: Vec<Spanned<String>>,
    #[serde(default)]
    pub percent_words: Vec<Spanned<String>>,
}

/// `patterns/base/money.toml` and `patterns/<lang>/money.toml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyFile {
    #[serde(default)]
    pub currency: Vec<CurrencyEntry>,
    #[serde(default)]
    pub ambiguous: Vec<AmbiguousEntry>,
    #[serde(default)]
    pub cents_connectors: Vec<String>,
    #[serde(default)]
    pub glued_cents_connectors: Vec<String>,
    #[serde(default)]
    pub subunit: Vec<SubunitEntry>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubunitEntry {
    pub forms: Vec<String>,
    #[serde(default)]
    pub per: Option<Spanned<u32>>,
    pub candidates: Spanned<Vec<Spanned<String>>>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyEntry {
    pub code: Spanned<String>,
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
    #[serde(default)]
    pub countries: Vec<Spanned<String>>,
    /// Digits of the minor unit (ISO 4217), when not 2 (`3` for KWD).
    #[serde(default)]
    pub decimals: Option<Spanned<u32>>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmbiguousEntry {
    pub forms: Vec<Spanned<String>>,
    pub candidates: Vec<Spanned<String>>,
}

/// `patterns/<lang>/numbers.toml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    #[serde(default)]
    pub words: BTreeMap<String, Spanned<u64>>,
    #[serde(default)]
    pub multipliers: BTreeMap<String, Spanned<u64>>,
    #[serde(default)]
    pub ordinals: BTreeMap<String, u64>,
    #[serde(default)]
    pub ordinal_stems: BTreeMap<String, u64>,
    #[serde(default)]
    pub ordinal_endings: Vec<String>,
    #[serde(default)]
    pub connectors: Vec<String>,
    #[serde(default)]
    pub glued_connectors: Vec<String>,
    #[serde(default)]
    pub multiplier_joiners: Vec<String>,
}

/// `patterns/<lang>/dates.toml` and `patterns/base/zones.toml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatesFile {
    #[serde(default)]
    pub months: Option<Spanned<Vec<Vec<String>>>>,
    #[serde(default)]
    pub joiners: Vec<String>,
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
    #[serde(default)]
    pub year_suffixes: Vec<String>,
    #[serde(default)]
    pub am: Vec<String>,
    #[serde(default)]
    pub pm: Vec<String>,
    #[serde(default)]
    pub time_prefixes: Vec<String>,
    #[serde(default)]
    pub time_suffixes: Vec<String>,
    #[serde(default)]
    pub range_from: Vec<String>,
    #[serde(default)]
    pub range_to: Vec<String>,
    #[serde(default)]
    pub month_end: Vec<String>,
    #[serde(default)]
    pub zones: BTreeMap<String, Spanned<String>>,
}

/// `patterns/<lang>/terms.toml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsFile {
    #[serde(default)]
    pub cue: Vec<CueEntry>,
    #[serde(default)]
    pub capture: CaptureEntry,
    #[serde(default)]
    pub payment_methods: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub phrases: Spanned<Vec<String>>,
    #[serde(default)]
    pub value: Option<Spanned<String>>,
    #[serde(default)]
    pub fixed: Option<u64>,
    #[serde(default)]
    pub examples: Vec<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureEntry {
    #[serde(default)]
    pub stop: Vec<String>,
    #[serde(default)]
    pub separators: Vec<String>,
    #[serde(default)]
    pub glued_separators: Vec<String>,
    #[serde(default)]
    pub generic: Vec<String>,
    #[serde(default)]
    pub strip: Vec<String>,
    #[serde(default)]
    pub store_words: Vec<String>,
    #[serde(default)]
    pub one_name: Vec<String>,
    #[serde(default)]
    pub listing_words: Vec<String>,
    #[serde(default)]
    pub all_codes: Vec<String>,
    #[serde(default)]
    pub goods_after_value: Vec<String>,
    #[serde(default)]
    pub not_goods: Vec<String>,
}

/// `patterns/<lang>/regions.toml`: country names → ISO 3166-1 alpha-2.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionsFile {
    #[serde(default)]
    pub countries: BTreeMap<String, Vec<String>>,
}
