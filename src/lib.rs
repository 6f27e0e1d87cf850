//! fineprint reads the fine print of e-commerce vouchers and promo codes.
//!
//! The pipeline, one module per stage:
//!
//! - [`page`]: page bytes → decoded text blocks and structured data;
//! - [`lexicon`]: loads and compiles the pattern dictionaries of `patterns/`;
//! - [`money`], [`date`]: find and resolve money and date mentions in text;
//! - [`terms`]: turn a page's mentions into voucher records;
//! - [`record`], [`output`]: the record contract and its JSONL/JSON/CSV writers;
//! - [`check`]: the reference verifier (does a voucher apply to a cart);
//! - [`fetch`]: the batch crawler;
//! - [`eval`]: scoring extraction against the gold corpus.
//!
//! Extraction is pure and synchronous: `(page bytes, context) → records`, with
//! the reference date passed in.

pub mod check;
pub mod date;
pub mod eval;
pub mod extract;
pub mod fetch;
pub mod lexicon;
pub mod money;
pub mod output;
pub mod page;
pub mod record;
pub mod terms;
pub mod text;
