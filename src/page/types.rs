//! The types a read page is made of.

use std::sync::Arc;

use super::keys::DataKeys;

/// Options for reading a page.
#[derive(Debug, Clone)]
pub struct PageOptions {
    /// The charset named by the HTTP `Content-Type`, when known.
    pub http_charset: Option<String>,
    /// Pages larger than this are cut to it (with a `page_truncated` warning).
    pub max_bytes: usize,
    /// Key dictionaries for embedded script state; `None` takes the embedded
    /// `patterns/base/data_keys.toml`.
    pub data_keys: Option<Arc<DataKeys>>,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions {
            http_charset: None,
            max_bytes: 16 * 1024 * 1024,
            data_keys: None,
        }
    }
}

/// What kind of element a block of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    TableRow,
    /// Text in `<nav>`, `<header>`, `<footer>`, cookie bars: site chrome, not terms.
    Chrome,
    Other,
}

/// One block of the extracted text: `text[start..end]` (byte offsets, no
/// trailing newline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// A heading's rank: 1–6 for `<h1>`–`<h6>` (and `role="heading"` by its
    /// `aria-level`, default 2), 7 for a `<summary>` or an accordion's
    /// toggle button; 0 for every other block.
    pub level: u8,
    /// Index of the card-like container the block sits in, numbered in
    /// document order (an index into [`Page::groups`]); `None` outside any.
    ///
    /// Card-like containers are elements whose class or id names a coupon,
    /// voucher, card, offer, deal, promo (or a product: those groups have
    /// [`GroupKind::Product`]) as a whole rather than a part of one
    /// (`coupon-card` is a card, `coupon-code` and `voucher-terms` are parts),
    /// `<article>`s, the `<tr>`s of a table of codes (two or more rows that
    /// each hold a code-like token) and `<li>`s that hold several blocks.
    /// A container holding two or more alike card-like children is a list,
    /// not a card; inside a card, nested cards belong to it (the outermost
    /// card wins), so one card's blocks never split across groups.
    pub group: Option<usize>,
}

/// What a card-like container looks like it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// Named for a coupon, voucher, offer, deal or promo.
    Voucher,
    /// Named for a product (a product grid's tile): distractor text.
    Product,
    /// Named only as a card, or an `<article>`.
    Card,
    /// A row of a table of codes.
    Row,
    /// A list item holding several blocks.
    Item,
}

/// One card-like container: [`Block::group`] indexes [`Page::groups`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub kind: GroupKind,
    /// The element's tag name (`div`, `li`, `tr`, `article`, ...).
    pub tag: String,
    /// Its class attribute (or id when it has no class), as written.
    pub label: String,
    /// True inside site chrome (nav, header, footer, cookie bars).
    pub chrome: bool,
}

/// A time given by structured data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataTime {
    /// Epoch seconds or milliseconds, as found (the reader decides which).
    Epoch(i64),
    /// A string as found (ISO 8601 or free text).
    Text(String),
}

/// One tier of a voucher read from structured data (`{"threshold": 29,
/// "discount": 3}` in a list of tiers), raw as found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DataTier {
    pub discount_amount: Option<String>,
    pub discount_percent: Option<String>,
    pub min_order: Option<String>,
    pub max_discount: Option<String>,
}

/// A voucher read from structured data (JSON-LD offer, script state blob,
/// microdata). Values are raw as found; the extractor normalizes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DataVoucher {
    /// Where it came from: `json-ld`, `microdata`, `script:window.runParams`, ...
    pub origin: String,
    pub code: Option<String>,
    pub title: Option<String>,
    /// Free text of the voucher's terms found in the data (description
    /// strings); the extractor reads it like page text.
    pub description: Option<String>,
    pub discount_amount: Option<String>,
    pub discount_percent: Option<String>,
    pub currency: Option<String>,
    pub min_order: Option<String>,
    pub max_discount: Option<String>,
    pub starts: Option<DataTime>,
    pub ends: Option<DataTime>,
    pub store: Option<String>,
    /// The seller's / store's id when the data gives one (`sellerId`).
    pub seller_id: Option<String>,
    pub per_user: Option<u64>,
    pub total: Option<u64>,
    pub regions: Vec<String>,
    pub free_shipping: bool,
    pub new_users_only: bool,
    pub app_only: bool,
    /// Tiers given as a list inside the voucher object (the single-tier
    /// fields above stay empty unless the object states them itself).
    pub tiers: Vec<DataTier>,
    /// Categories the voucher is limited to, as written.
    pub categories: Vec<String>,
    /// What it excludes, as written.
    pub excluded: Vec<String>,
    /// Payment methods it requires, as written.
    pub payment_methods: Vec<String>,
    /// Whether it combines with other offers, when the data says.
    pub stackable: Option<bool>,
    /// Days it stays valid after it is claimed.
    pub days_after_claim: Option<u64>,
}

/// A read page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The extracted text: blocks joined by `\n`.
    pub text: String,
    pub blocks: Vec<Block>,
    /// The card-like containers blocks belong to ([`Block::group`]).
    pub groups: Vec<Group>,
    /// The declared language (`<html lang>`, `Content-Language` meta), as written.
    pub lang: Option<String>,
    /// `<title>`, or `og:title` when there is no title.
    pub title: Option<String>,
    /// `<meta name="description">` / `og:description`.
    pub description: Option<String>,
    /// Vouchers found in structured data, in document order.
    pub data: Vec<DataVoucher>,
    /// Text spans (`text[start..end]`) of elements whose class names a code
    /// box (`<span class="coupon-code">`) and that hold a single token.
    pub code_boxes: Vec<(usize, usize)>,
    /// In-page links (`<a href="#n3">3</a>`, a table row's note marks):
    /// the offset in `text` of each one's last character, and the text span
    /// of the element whose id it names (`<li id="n3">`).
    pub in_page_links: Vec<(usize, (usize, usize))>,
    /// The encoding the bytes were decoded with (`UTF-8`, `windows-1251`, ...).
    pub encoding: String,
    /// Machine-readable notes: `page_truncated`, `script_json_invalid`, ...
    pub warnings: Vec<String>,
}
