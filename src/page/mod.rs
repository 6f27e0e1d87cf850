//! Page understanding: raw page bytes → decoded, structured text plus the
//! structured data a page carries (JSON-LD, microdata, embedded script
//! state, meta tags).
//!
//! The extractor reads [`Page::text`]: one line per block (paragraph, list
//! item, table row, heading, `<br>` line), whitespace normalized. Blocks
//! keep their kind and the card-like container they sit in, so a listing page
//! can be split into one voucher per card and chrome (nav, footer) skipped.
//! [`Page::data`] holds the vouchers found in structured data, read through
//! the key dictionaries of `patterns/base/data_keys.toml` ([`DataKeys`]).
//!
//! ```
//! use fineprint::page::{read, BlockKind, PageOptions};
//!
//! let html = r#"<html lang="en"><title>Deals</title>
//!   <nav><a href="/">Home</a></nav>
//!   <div class="coupon-card"><h3>$5 off $50</h3><p>Code <b>SAVE5</b></p></div>
//!   <script type="application/ld+json">
//!     {"@type": "Offer", "name": "$5 off", "couponCode": "SAVE5"}
//!   </script>"#;
//! let page = read(html.as_bytes(), &PageOptions::default());
//! assert_eq!(page.text, "Home\n$5 off $50\nCode SAVE5");
//! assert_eq!(page.blocks[0].kind, BlockKind::Chrome);
//! assert_eq!(page.blocks[1].group, Some(0));
//! assert_eq!(page.data[0].code.as_deref(), Some("SAVE5"));
//! assert_eq!(page.lang.as_deref(), Some("en"));
//! ```

mod blocks;
mod classify;
mod decode;
mod entities;
mod groups;
mod jslit;
pub mod keys;
mod lexer;
mod microdata;
mod read;
mod script;
pub mod types;
mod vouchers;

pub use keys::{DataKeys, DataKeysError};
pub use read::read;
pub use types::{
    Block, BlockKind, DataTier, DataTime, DataVoucher, Group, GroupKind, Page, PageOptions,
};
