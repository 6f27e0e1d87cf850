//! Reading a page: bytes → [`Page`]. Applies the size limit, decodes,
//! reads the HTML into text blocks in one pass, then reads the structured
//! data (JSON-LD, microdata, script state) into [`DataVoucher`]s.
//! Never panics on input; problems become [`Page::warnings`].

use super::blocks;
use super::decode;
use super::keys::DataKeys;
use super::script;
use super::types::{DataVoucher, Page, PageOptions};
use super::vouchers;

/// Reads page bytes into a [`Page`].
pub fn read(bytes: &[u8], opts: &PageOptions) -> Page {
    let mut warnings: Vec<String> = Vec::new();
    let bytes = if bytes.len() > opts.max_bytes {
        warnings.push("page_truncated".into());
        &bytes[..opts.max_bytes]
    } else {
        bytes
    };
    let decoded = decode::decode(bytes, opts.http_charset.as_deref());
    warnings.extend(decoded.warnings.iter().map(|w| w.to_string()));
    let built = blocks::build(&decoded.text);
    warnings.extend(built.warnings.iter().map(|w| w.to_string()));

    let keys = match &opts.data_keys {
        Some(k) => Some(k.clone()),
        None => match DataKeys::embedded() {
            Ok(k) => Some(k),
            Err(_) => {
                warnings.push("data_keys_invalid".into());
                None
            }
        },
    };
    let mut found: Vec<(usize, DataVoucher)> = Vec::new();
    if let Some(keys) = &keys {
        let mut blobs = Vec::new();
        let mut script_warnings = Vec::new();
        for s in &built.scripts {
            script::read(s, keys, &mut blobs, &mut script_warnings);
        }
        warnings.extend(script_warnings.iter().map(|w| w.to_string()));
        for b in &blobs {
            vouchers::collect(&b.value, &b.origin, b.at, keys, &mut found);
        }
        for (at, item) in &built.microdata {
            vouchers::collect(item, "microdata", *at, keys, &mut found);
        }
    }
    found.sort_by_key(|(at, _)| *at);
    // The same voucher found in two sources (JSON-LD and microdata) is one.
    let mut seen_vouchers = std::collections::HashSet::new();
    let mut data: Vec<DataVoucher> = Vec::new();
    for (_, v) in found {
        let key = DataVoucher {
            origin: String::new(),
            ..v.clone()
        };
        if seen_vouchers.insert(key) {
            data.push(v);
        }
    }

    let mut seen = std::collections::HashSet::new();
    warnings.retain(|w| seen.insert(w.clone()));
    Page {
        text: built.text,
        blocks: built.blocks,
        groups: built.groups,
        lang: built.lang.or(built.content_language),
        title: built.title.or(built.og_title),
        description: built.description.or(built.og_description),
        data,
        code_boxes: built.code_boxes,
        in_page_links: built.in_page_links,
        encoding: decoded.encoding.name().to_string(),
        warnings,
    }
}
