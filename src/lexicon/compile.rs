//! Validates the parsed pattern files and compiles them into the lexicon's
//! automata. Every error names the file and line.

use super::anchored::{AnchoredSetBuilder, Subunit};
use super::files::{DatesFile, LanguageFile, MoneyFile, NumbersFile, RegionsFile, TermsFile};
use super::phrases::PhraseSetBuilder;
use super::{Lexicon, LexiconError};
use crate::text::fold;
use chrono::FixedOffset;
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

/// How numeric dates are ordered in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

/// One language's conventions.
#[derive(Debug, Clone)]
pub struct Language {
    pub tag: String,
    pub name: String,
    /// The decimal separator the language writes (`.` or `,`).
    pub decimal: char,
    pub date_order: DateOrder,
    /// Ambiguous currency form (folded) → the currency it means on this language's pages.
    pub default_currencies: HashMap<String, String>,
    /// The country assumed for this language's pages when nothing says otherwise.
    pub default_region: Option<String>,
    /// One-letter words written glued to the next word (Arabic "و" "and"):
    /// a cue phrase after one still counts ("وينتهي" holds "ينتهي").
    pub glued_prefixes: Vec<char>,
    /// Words for "percent" after a number ("20 Prozent", "zwanzig Prozent"),
    /// folded.
    pub percent_words: Vec<String>,
}

/// What a currency form can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurrencyReading {
    /// One currency (`€`, `USD`, `рублей`).
    Code(String),
    /// Several, most likely first (`$`, `kr`, `dollars`).
    Ambiguous(Vec<String>),
}

/// Where a cue's value stands relative to the cue phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
    Either,
}

/// The kind of term a cue phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    Discount,
    MinOrder,
    MaxDiscount,
    Recurring,
    FreeShipping,
    NewUsers,
    AppOnly,
    FirstComeFirstServed,
    PerUser,
    Total,
    DaysAfterClaim,
    ValidUntil,
    ValidFrom,
    Validity,
    Stackable,
    NotStackable,
    AutoApplied,
    Code,
    Platform,
    Store,
    Category,
    Product,
    Excluded,
    Region,
    Payment,
    /// A worked example ("e.g. spend €120, get €20"): its values are not terms.
    Example,
    /// A clause that names payment methods the code does not take ("PayPal
    /// or Afterpay can't be used", "vale con tutti i metodi di pagamento").
    NotPayment,
    /// A table column or row label naming the offer ("Offer", "Vorteil"):
    /// the money or percent that opens its cells is the discount.
    OfferColumn,
    /// A table column label naming the shop ("Shop", "Händler", "Boutique"):
    /// each cell under it names the shop its row's code is limited to.
    StoreColumn,
    /// The page says it has no voucher ("no active codes", "this coupon
    /// has expired"): without a code, its discounts are not vouchers.
    NoVoucher,
    /// Said of one code: it has ended ("expired", "no longer valid",
    /// "انتهى"). A code whose sentence or heading says so is no voucher.
    CodeEnded,
}

impl CueKind {
    /// Every kind with its name in pattern files and the default value side.
    pub const ALL: &'static [(CueKind, &'static str, Side)] = &[
        (CueKind::Discount, "discount", Side::Before),
        (CueKind::MinOrder, "min_order", Side::After),
        (CueKind::MaxDiscount, "max_discount", Side::After),
        (CueKind::Recurring, "recurring", Side::After),
        (CueKind::FreeShipping, "free_shipping", Side::Either),
        (CueKind::NewUsers, "new_users", Side::Either),
        (CueKind::AppOnly, "app_only", Side::Either),
        (
            CueKind::FirstComeFirstServed,
            "first_come_first_served",
            Side::Either,
        ),
        (CueKind::PerUser, "per_user", Side::Before),
        (CueKind::Total, "total", Side::After),
        (CueKind::DaysAfterClaim, "days_after_claim", Side::Before),
        (CueKind::ValidUntil, "valid_until", Side::After),
        (CueKind::ValidFrom, "valid_from", Side::After),
        (CueKind::Validity, "validity", Side::After),
        (CueKind::Stackable, "stackable", Side::Either),
        (CueKind::NotStackable, "not_stackable", Side::Either),
        (CueKind::AutoApplied, "auto_applied", Side::Either),
        (CueKind::Code, "code", Side::After),
        (CueKind::Platform, "platform", Side::Either),
        (CueKind::Store, "store", Side::After),
        (CueKind::Category, "category", Side::After),
        (CueKind::Product, "product", Side::Either),
        (CueKind::Excluded, "excluded", Side::After),
        (CueKind::Region, "region", Side::Either),
        (CueKind::Payment, "payment", Side::After),
        (CueKind::Example, "example", Side::After),
        (CueKind::NotPayment, "not_payment", Side::Either),
        (CueKind::OfferColumn, "offer_column", Side::After),
        (CueKind::StoreColumn, "store_column", Side::After),
        (CueKind::NoVoucher, "no_voucher", Side::Either),
        (CueKind::CodeEnded, "code_ended", Side::Either),
    ];

    pub fn name(self) -> &'static str {
        CueKind::ALL
            .iter()
            .find(|(k, _, _)| *k == self)
            .map(|(_, n, _)| *n)
            .unwrap_or("?")
    }
}

/// One cue rule.
#[derive(Debug, Clone)]
pub struct Cue {
    /// Stable id: `<lang>.<id in the file>`.
    pub id: String,
    pub kind: CueKind,
    pub value: Side,
    /// A value the phrase itself states ("once per customer" → 1).
    pub fixed: Option<u64>,
}

/// The small words of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWord {
    Joiner,
    Ordinal,
    YearSuffix,
    Am,
    Pm,
    TimePrefix,
    TimeSuffix,
    RangeFrom,
    RangeTo,
    /// Words before a month naming its last day ("end of", "Ende", "fin de",
    /// "конца"): "until the end of September" ends on 30 September.
    MonthEnd,
}

/// A time zone: an IANA zone or a fixed offset.
#[derive(Debug, Clone, PartialEq)]
pub enum ZoneSpec {
    Iana(chrono_tz::Tz),
    Fixed(FixedOffset),
}

/// How names are captured after a scope cue, per language (folded words).
#[derive(Debug, Clone, Default)]
pub struct Capture {
    /// Words that end a captured name ("until", "on orders").
    pub stop: Vec<String>,
    /// Words that separate names in a list ("and", "or").
    pub separators: Vec<String>,
    /// Word openings whose first letter is a conjunction glued to the next
    /// name ("وال": "والعطور" is "و" + "العطور").
    pub glued_separators: Vec<String>,
    /// Words that make a capture generic, not a name ("all products", "orders").
    pub generic: Vec<String>,
    /// Words dropped from the edges of a name ("the", "category").
    pub strip: Vec<String>,
    /// Words that make a captured name a shop ("Official Store", "loja"):
    /// a category capture holding one is a store.
    pub store_words: Vec<String>,
    /// Words naming one category ("section", "collection"): the name right
    /// after one is kept whole ("la sección Catas y cursos").
    pub one_name: Vec<String>,
    /// Words naming a set of codes ("Промокоды", "Cupones de"): a section
    /// heading of one of these and a name holds that shop's codes.
    pub listing_words: Vec<String>,
    /// Words that open a sentence about several codes ("both codes", "alle
    /// Codes"): its terms hold for the codes it speaks of.
    pub all_codes: Vec<String>,
    /// Words right after a discount that open the goods it is for ("10 €
    /// Rabatt auf Füllfederhalter", "15% off all O gauge rolling stock").
    pub goods_after_value: Vec<String>,
    /// Words opening a name after a discount that is no goods: the
    /// shopper's ("your first order", "Ihre Einrichtung") or a preposition
    /// ("for Text Subscribers", "at the Outlet").
    pub not_goods: Vec<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

struct FileCtx<'a> {
    shown: &'a str,
    text: &'a str,
}

impl FileCtx<'_> {
    fn err(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> LexiconError {
        LexiconError::Invalid {
            file: self.shown.to_string(),
            line: line_of(self.text, span.start),
            message: message.into(),
        }
    }

    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, LexiconError> {
        toml::from_str(self.text).map_err(|e| LexiconError::Invalid {
            file: self.shown.to_string(),
            line: e.span().map(|s| line_of(self.text, s.start)).unwrap_or(1),
            message: e.message().to_string(),
        })
    }
}

fn check_code(
    ctx: &FileCtx,
    code: &Spanned<String>,
    len: usize,
    what: &str,
) -> Result<(), LexiconError> {
    let c = code.get_ref();
    if c.len() != len || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Err(ctx.err(
            code.span(),
            format!("{what} must be {len} uppercase letters, got {c:?}"),
        ));
    }
    Ok(())
}

/// Parses `+08:00` / `-07:00` / `UTC` into a fixed offset.
pub fn parse_offset(s: &str) -> Option<FixedOffset> {
    if s.eq_ignore_ascii_case("utc") || s == "Z" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn parse_zone(s: &str) -> Option<ZoneSpec> {
    if let Some(o) = parse_offset(s) {
        return Some(ZoneSpec::Fixed(o));
    }
    s.parse::<chrono_tz::Tz>().ok().map(ZoneSpec::Iana)
}

#[derive(Default)]
struct Builders {
    currencies: PhraseSetBuilder<CurrencyReading>,
    number_words: PhraseSetBuilder<u64>,
    multipliers: PhraseSetBuilder<u64>,
    months: PhraseSetBuilder<u32>,
    date_words: PhraseSetBuilder<DateWord>,
    zones: PhraseSetBuilder<ZoneSpec>,
    cues: PhraseSetBuilder<Cue>,
    countries: PhraseSetBuilder<String>,
    payments: PhraseSetBuilder<()>,
    ordinals: AnchoredSetBuilder<u64>,
    number_connectors: AnchoredSetBuilder<bool>,
    multiplier_joiners: AnchoredSetBuilder<()>,
    cents_connectors: AnchoredSetBuilder<bool>,
    subunits: AnchoredSetBuilder<Subunit>,
}

/// Compiles `(relative path, shown path, text)` files into a lexicon.
pub fn compile(
    files: impl Iterator<Item = (String, String, String)>,
) -> Result<Lexicon, LexiconError> {
    let files: Vec<(String, String, String)> = files.collect();
    // Languages first: every folder but base needs a language.toml.
    let mut languages = Vec::new();
    let mut lang_dirs: Vec<String> = Vec::new();
    for (rel, shown, text) in &files {
        let Some((dir, name)) = rel.split_once('/') else {
            return Err(LexiconError::Invalid {
                file: shown.clone(),
                line: 1,
                message: "pattern files live in patterns/base/ or patterns/<lang>/".into(),
            });
        };
        if dir == "base" || name != "language.toml" {
            continue;
        }
        let ctx = FileCtx { shown, text };
        let f: LanguageFile = ctx.parse()?;
        if f.tag.get_ref() != dir {
            return Err(ctx.err(
                f.tag.span(),
                format!(
                    "tag {:?} must equal the folder name {dir:?}",
                    f.tag.get_ref()
                ),
            ));
        }
        let decimal = match f.decimal.get_ref().as_str() {
            "." => '.',
            "," => ',',
            other => {
                return Err(ctx.err(
                    f.decimal.span(),
                    format!("decimal must be \".\" or \",\", got {other:?}"),
                ))
            }
        };
        let date_order = match f.date_order.get_ref().as_str() {
            "dmy" => DateOrder::Dmy,
            "mdy" => DateOrder::Mdy,
            "ymd" => DateOrder::Ymd,
            other => {
                return Err(ctx.err(
                    f.date_order.span(),
                    format!("date_order must be dmy, mdy or ymd, got {other:?}"),
                ))
            }
        };
        let mut default_currencies = HashMap::new();
        for (form, code) in &f.default_currencies {
            check_code(&ctx, code, 3, "a currency code")?;
            default_currencies.insert(fold(form), code.get_ref().clone());
        }
        if let Some(r) = &f.default_region {
            check_code(&ctx, r, 2, "a region code")?;
        }
        let mut glued_prefixes = Vec::new();
        for g in &f.glued_prefixes {
            let mut chars = fold(g.get_ref()).chars().collect::<Vec<_>>();
            if chars.len() != 1 {
                return Err(ctx.err(
                    g.span(),
                    format!("a glued prefix is one letter, got {:?}", g.get_ref()),
                ));
            }
            glued_prefixes.push(chars.remove(0));
        }
        let mut percent_words = Vec::new();
        for w in &f.percent_words {
            let word = fold(w.get_ref().trim());
            if word.is_empty() || word.chars().any(|c| c.is_ascii_digit()) {
                return Err(ctx.err(
                    w.span(),
                    format!(
                        "a percent word is a word without digits, got {:?}",
                        w.get_ref()
                    ),
                ));
            }
            percent_words.push(word);
        }
        lang_dirs.push(dir.to_string());
        languages.push(Language {
            glued_prefixes,
            percent_words,
            tag: dir.to_string(),
            name: f.name,
            decimal,
            date_order,
            default_currencies,
            default_region: f.default_region.map(|r| r.into_inner()),
        });
    }

    let mut b = Builders::default();
    let mut country_currency = BTreeMap::new();
    let mut currency_decimals = BTreeMap::new();
    let mut captures = vec![Capture::default(); languages.len()];
    let mut examples = Vec::new();
    let mut cue_ids = HashSet::new();

    for (rel, shown, text) in &files {
        let (dir, name) = rel.split_once('/').unwrap_or(("", rel));
        let lang = if dir == "base" {
            None
        } else {
            match lang_dirs.iter().position(|d| d == dir) {
                Some(i) => Some(i),
                None => {
                    return Err(LexiconError::Invalid {
                        file: shown.clone(),
                        line: 1,
                        message: format!("folder {dir:?} has no language.toml"),
                    })
                }
            }
        };
        let ctx = FileCtx { shown, text };
        match name {
            "language.toml" if lang.is_some() => {}
            // Script-state key dictionaries, read by the page stage.
            "data_keys.toml" if lang.is_none() => {}
            "money.toml" => {
                let f: MoneyFile = ctx.parse()?;
                for c in &f.currency {
                    check_code(&ctx, &c.code, 3, "a currency code")?;
                    let code = c.code.get_ref().clone();
                    if lang.is_none() {
                        // ISO codes are currency forms in every language.
                        b.currencies
                            .add(&code, CurrencyReading::Code(code.clone()), None);
                    }
                    for form in &c.forms {
                        if form.get_ref().trim().is_empty() {
                            return Err(ctx.err(form.span(), "empty currency form"));
                        }
                        b.currencies
                            .add(form.get_ref(), CurrencyReading::Code(code.clone()), lang);
                    }
                    for country in &c.countries {
                        check_code(&ctx, country, 2, "a country code")?;
                        country_currency.insert(country.get_ref().clone(), code.clone());
                    }
                    if let Some(d) = &c.decimals {
                        if *d.get_ref() > 4 {
                            return Err(ctx.err(d.span(), "decimals must be between 0 and 4"));
                        }
                        currency_decimals.insert(code.clone(), *d.get_ref());
                    }
                }
                for a in &f.ambiguous {
                    if a.candidates.len() < 2 {
                        return Err(ctx.err(
                            a.forms.first().map(|f| f.span()).unwrap_or(0..0),
                            "an ambiguous form needs at least two candidates",
                        ));
                    }
                    let mut cands = Vec::new();
                    for c in &a.candidates {
                        check_code(&ctx, c, 3, "a currency code")?;
                        cands.push(c.get_ref().clone());
                    }
                    for form in &a.forms {
                        b.currencies.add(
                            form.get_ref(),
                            CurrencyReading::Ambiguous(cands.clone()),
                            lang,
                        );
                    }
                }
                for c in &f.cents_connectors {
                    b.cents_connectors.add(c, false, lang);
                }
                for c in &f.glued_cents_connectors {
                    b.cents_connectors.add(c, true, lang);
                }
                for s in &f.subunit {
                    let mut cands = Vec::new();
                    for c in s.candidates.get_ref() {
                        check_code(&ctx, c, 3, "a currency code")?;
                        cands.push(c.get_ref().clone());
                    }
                    let reading = match cands.len() {
                        0 => {
                            return Err(ctx.err(s.candidates.span(), "a subunit needs a candidate"))
                        }
                        1 => CurrencyReading::Code(cands.remove(0)),
                        _ => CurrencyReading::Ambiguous(cands),
                    };
                    let per = match &s.per {
                        Some(p) if *p.get_ref() < 2 => {
                            return Err(ctx.err(p.span(), "per must be at least 2"))
                        }
                        Some(p) => *p.get_ref(),
                        None => 100,
                    };
                    for form in &s.forms {
                        let sub = Subunit {
                            per,
                            reading: reading.clone(),
                        };
                        b.subunits.add(form, sub, lang);
                    }
                }
            }
            "numbers.toml" => {
                let f: NumbersFile = ctx.parse()?;
                for (w, v) in &f.words {
                    b.number_words.add(w, *v.get_ref(), lang);
                }
                for (w, v) in &f.multipliers {
                    if *v.get_ref() < 10 {
                        return Err(ctx.err(v.span(), "a multiplier must be at least 10"));
                    }
                    b.multipliers.add(w, *v.get_ref(), lang);
                }
                for (w, v) in &f.ordinals {
                    b.ordinals.add(w, *v, lang);
                }
                for (stem, v) in &f.ordinal_stems {
                    for e in &f.ordinal_endings {
                        b.ordinals.add(&format!("{stem}{e}"), *v, lang);
                    }
                }
                for c in &f.connectors {
                    b.number_connectors.add(c, false, lang);
                }
                for c in &f.glued_connectors {
                    b.number_connectors.add(c, true, lang);
                }
                for j in &f.multiplier_joiners {
                    b.multiplier_joiners.add(j, (), lang);
                }
            }
            "dates.toml" | "zones.toml" => {
                let f: DatesFile = ctx.parse()?;
                if let Some(months) = &f.months {
                    if months.get_ref().len() != 12 {
                        return Err(ctx.err(
                            months.span(),
                            format!("months must list 12 months, got {}", months.get_ref().len()),
                        ));
                    }
                    for (i, names) in months.get_ref().iter().enumerate() {
                        if names.is_empty() {
                            return Err(
                                ctx.err(months.span(), format!("month {} has no name", i + 1))
                            );
                        }
                        for n in names {
                            b.months.add(n, i as u32 + 1, lang);
                        }
                    }
                }
                let words: [(&Vec<String>, DateWord); 10] = [
                    (&f.joiners, DateWord::Joiner),
                    (&f.ordinal_suffixes, DateWord::Ordinal),
                    (&f.year_suffixes, DateWord::YearSuffix),
                    (&f.am, DateWord::Am),
                    (&f.pm, DateWord::Pm),
                    (&f.time_prefixes, DateWord::TimePrefix),
                    (&f.time_suffixes, DateWord::TimeSuffix),
                    (&f.range_from, DateWord::RangeFrom),
                    (&f.range_to, DateWord::RangeTo),
                    (&f.month_end, DateWord::MonthEnd),
                ];
                for (list, w) in words {
                    for s in list {
                        b.date_words.add(s, w, lang);
                    }
                }
                for (name, zone) in &f.zones {
                    let Some(z) = parse_zone(zone.get_ref()) else {
                        return Err(ctx.err(
                            zone.span(),
                            format!(
                                "{:?} is neither an IANA zone nor an offset like +08:00",
                                zone.get_ref()
                            ),
                        ));
                    };
                    b.zones.add(name, z, lang);
                }
            }
            "terms.toml" | "payment.toml" => {
                let f: TermsFile = ctx.parse()?;
                for c in &f.cue {
                    let Some(&(kind, _, default_side)) =
                        CueKind::ALL.iter().find(|(_, n, _)| n == c.kind.get_ref())
                    else {
                        let known: Vec<&str> = CueKind::ALL.iter().map(|(_, n, _)| *n).collect();
                        return Err(ctx.err(
                            c.kind.span(),
                            format!(
                                "unknown kind {:?}; known kinds: {}",
                                c.kind.get_ref(),
                                known.join(", ")
                            ),
                        ));
                    };
                    let value = match c.value.as_ref().map(|v| v.get_ref().as_str()) {
                        None => default_side,
                        Some("before") => Side::Before,
                        Some("after") => Side::After,
                        Some("either") => Side::Either,
                        Some(other) => {
                            return Err(ctx.err(
                                c.value.as_ref().map(|v| v.span()).unwrap_or(0..0),
                                format!("value must be before, after or either, got {other:?}"),
                            ))
                        }
                    };
                    let id = format!("{}.{}", dir, c.id.get_ref());
                    if !cue_ids.insert(id.clone()) {
                        return Err(ctx.err(
                            c.id.span(),
                            format!("duplicate rule id {:?}", c.id.get_ref()),
                        ));
                    }
                    if c.phrases.get_ref().iter().all(|p| p.trim().is_empty()) {
                        return Err(ctx.err(c.phrases.span(), "a cue needs at least one phrase"));
                    }
                    let cue = Cue {
                        id: id.clone(),
                        kind,
                        value,
                        fixed: c.fixed,
                    };
                    for p in c.phrases.get_ref() {
                        b.cues.add(p, cue.clone(), lang);
                    }
                    for e in &c.examples {
                        examples.push((id.clone(), e.clone(), lang));
                    }
                }
                for p in &f.payment_methods {
                    b.payments.add(p, (), lang);
                }
                if let Some(l) = lang {
                    let cap = &mut captures[l];
                    cap.stop.extend(f.capture.stop.iter().map(|s| fold(s)));
                    cap.separators
                        .extend(f.capture.separators.iter().map(|s| fold(s)));
                    for g in &f.capture.glued_separators {
                        if g.chars().count() < 2 {
                            return Err(LexiconError::Invalid {
                                file: shown.clone(),
                                line: text.find(g.as_str()).map(|o| line_of(text, o)).unwrap_or(1),
                                message: format!(
                                    "glued separator {g:?} needs the conjunction and the start of the word after it"
                                ),
                            });
                        }
                        cap.glued_separators.push(fold(g));
                    }
                    cap.generic
                        .extend(f.capture.generic.iter().map(|s| fold(s)));
                    cap.strip.extend(f.capture.strip.iter().map(|s| fold(s)));
                    cap.store_words
                        .extend(f.capture.store_words.iter().map(|s| fold(s)));
                    cap.one_name
                        .extend(f.capture.one_name.iter().map(|s| fold(s)));
                    cap.listing_words
                        .extend(f.capture.listing_words.iter().map(|s| fold(s)));
                    cap.all_codes
                        .extend(f.capture.all_codes.iter().map(|s| fold(s)));
                    cap.goods_after_value
                        .extend(f.capture.goods_after_value.iter().map(|s| fold(s)));
                    cap.not_goods
                        .extend(f.capture.not_goods.iter().map(|s| fold(s)));
                }
            }
            "regions.toml" => {
                let f: RegionsFile = ctx.parse()?;
                for (code, names) in &f.countries {
                    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                        return Err(LexiconError::Invalid {
                            file: shown.clone(),
                            line: text
                                .find(code.as_str())
                                .map(|o| line_of(text, o))
                                .unwrap_or(1),
                            message: format!(
                                "country key must be an ISO 3166-1 alpha-2 code, got {code:?}"
                            ),
                        });
                    }
                    for n in names {
                        b.countries.add(n, code.clone(), lang);
                    }
                }
            }
            other => {
                return Err(LexiconError::Invalid {
                    file: shown.clone(),
                    line: 1,
                    message: format!("unknown pattern file {other:?} (see patterns/README.md)"),
                })
            }
        }
    }
    if languages.is_empty() {
        return Err(LexiconError::Other(
            "no language folder with a language.toml was found".into(),
        ));
    }
    Ok(Lexicon {
        languages,
        currencies: b.currencies.build(),
        country_currency,
        currency_decimals,
        number_words: b.number_words.build(),
        multipliers: b.multipliers.build(),
        months: b.months.build(),
        date_words: b.date_words.build(),
        zones: b.zones.build(),
        cues: b.cues.build(),
        countries: b.countries.build(),
        payments: b.payments.build(),
        ordinals: b.ordinals.build(),
        number_connectors: b.number_connectors.build(),
        multiplier_joiners: b.multiplier_joiners.build(),
        cents_connectors: b.cents_connectors.build(),
        subunits: b.subunits.build(),
        captures,
        examples,
    })
}
