//! Measuring extraction quality: `fineprint eval` scores the extractor
//! against the hand-made gold of `corpus/`, and [`conformance`] scores the
//! money and date parsers on the public suites of `../shared/conformance/`.
//!
//! # What is scored
//!
//! For every page `corpus/<lang>/<name>.html` with `<name>.gold.json` beside
//! it (format in `corpus/README.md`), the extractor runs with the gold's
//! `as_of` as reference date, and the vouchers it produces are compared with
//! the gold vouchers, field by field. The scored fields are every field of
//! the record except bookkeeping (`id`, `source`, `language`, `evidence`,
//! `warnings`): `code`, `auto_applied`, `title`; per tier `discount.type`,
//! `discount.amount`, `discount.percent`, `min_order`, `max_discount`,
//! `recurring`; `free_shipping`; `scope.kind`, `scope.stores`,
//! `scope.categories`, `scope.excluded`; `validity.starts`, `validity.ends`,
//! `validity.time_zone`, `validity.days_after_claim`; `usage.per_user`,
//! `usage.total`, `usage.first_come_first_served`;
//! `eligibility.new_users_only`, `eligibility.app_only`,
//! `eligibility.regions`, `eligibility.payment_methods`; `stackable`.
//!
//! # Counting
//!
//! A *stated* value is a positive: anything but null, `false` or `[]`
//! (`stackable: false` is stated; `auto_applied: false` is not). For each
//! field of a pair of vouchers:
//!
//! - both sides state it and the values match: one true positive (TP);
//! - both state it and they differ: one false positive (FP) and one false
//!   negative (FN);
//! - only the produced voucher states it: one FP; only the gold: one FN.
//!
//! List fields (`stores`, `categories`, `excluded`, `regions`,
//! `payment_methods`) are sets of normalized strings, each element one
//! positive: TP per element in both, FP per produced element not in gold, FN
//! per gold element not produced. A produced voucher paired with no gold
//! voucher counts every stated value as FP; a gold voucher paired with none
//! counts every stated value as FN.
//!
//! Precision is TP/(TP+FP), recall TP/(TP+FN), F1 2TP/(2TP+FP+FN). The
//! overall F1 is micro-averaged: the counts of every field of every page are
//! summed first. The same is reported per language folder. Voucher-level
//! precision is paired/produced and recall paired/gold.
//!
//! # Pairing vouchers
//!
//! Produced vouchers are paired with gold vouchers one to one
//! ([`pair::pair`]):
//!
//! 1. by code: a gold voucher with a code takes the first unpaired produced
//!    voucher (in extraction order) with the same code, ignoring case and
//!    surrounding space;
//! 2. the rest by agreement: the number of values two vouchers agree on (the
//!    TP of comparing them). The best-agreeing pair is taken first; ties go
//!    to the earlier gold voucher, then the earlier produced one. Vouchers
//!    that agree on nothing stay unpaired.
//!
//! Tiers of a paired voucher are paired in order of their minimum order: no
//! minimum first, then the lowest amount first, equal minimums in written
//! order; a tier without partner counts as unpaired values.
//!
//! # When values match
//!
//! - `code`: equal after trimming; case counts (codes are kept as printed).
//! - `title`, `categories`, `excluded`, `payment_methods`: equal after
//!   lowercasing and turning every run of punctuation and spacing into one
//!   space (`"15% OFF — Electronics!"` = `"15% off electronics"`).
//! - `stores`: as names, and generic shop words are stripped from both ends
//!   of the name ("Official Store", "Store", "Shop", "Flagship", "Tienda
//!   oficial de", "Официальный магазин", ...): `"Xiaomi Official Store"` =
//!   `"xiaomi"`, but `"Baseus"` ≠ `"Base"`.
//! - `regions`: ISO codes ignoring case.
//! - money (`discount.amount`, `min_order`, `max_discount`): the amounts are
//!   equal as decimals (`79` = `79.00`) and the currency codes are the same
//!   (or both null).
//! - `discount.percent`: equal as decimals.
//! - `validity.starts` / `ends` are compared **at the precision of the
//!   gold**: a gold date (`2026-05-31`) matches any produced bound on that
//!   calendar date (a produced time is not penalized); a gold local time
//!   (`2026-05-31T23:59:00`) needs the same wall-clock time (a produced zoned
//!   time is read at its own offset; a produced date alone does not match); a
//!   gold zoned time needs a produced zoned time for the same instant.
//! - `validity.time_zone`: the same name ignoring case, or the same UTC offset
//!   at the moment in question (the gold `ends`, else `starts`, else the
//!   produced ones, else noon on `as_of`): `Europe/Madrid` = `Europe/Paris` =
//!   `+02:00` in June; `Asia/Shanghai` = `UTC+8`.
//! - everything else (`discount.type`, booleans, integers, `scope.kind`,
//!   `stackable`): equal.
//!
//! The page language (gold `language` against the language the extractor
//! read the page in) is reported beside the scores, not inside them.

pub mod compare;
pub mod conformance;
pub mod corpus;
pub mod gold;
pub mod normalize;
pub mod pair;
pub mod render;
pub mod score;

pub use compare::{Counts, Field, FieldCounts, Miss};
pub use corpus::{evaluate, list, CorpusError, CorpusPage, Listing};
pub use gold::{Gold, GoldError, Terms};
pub use score::{score_page, PageMiss, PageScore, Report, Summary, VoucherCounts};
