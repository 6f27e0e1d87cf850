//! What an element's tag, class and id say about it: a block or inline
//! element, site chrome (nav, header, footer, cookie bars), a card-like
//! container (a coupon card, a product tile) or a part of one.
//!
//! Class and id values are split into words at non-alphanumerics and
//! camelCase humps (`couponCard_wrap` → `coupon`, `card`, `wrap`).

use super::types::GroupKind;

/// Elements that start and end a line of text.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "option"
            | "optgroup"
            | "select"
            | "datalist"
            | "search"
    )
}

/// Elements that never have content.
pub fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "frame"
            | "basefont"
            | "bgsound"
    )
}

/// Inline elements whose edges separate words (a button next to a code).
pub fn is_soft_edge(tag: &str) -> bool {
    matches!(
        tag,
        "button" | "input" | "select" | "textarea" | "img" | "label" | "td" | "th"
    )
}

/// Inline elements that cannot be cards (they hold a code or a word, not a card).
fn is_phrasing(tag: &str) -> bool {
    matches!(
        tag,
        "span"
            | "b"
            | "strong"
            | "em"
            | "i"
            | "code"
            | "label"
            | "button"
            | "small"
            | "sup"
            | "sub"
            | "font"
            | "u"
            | "s"
            | "del"
            | "ins"
            | "mark"
            | "time"
            | "abbr"
            | "img"
            | "input"
            | "kbd"
            | "samp"
            | "var"
            | "q"
            | "cite"
            | "data"
            | "bdi"
            | "bdo"
            | "strike"
            | "tt"
            | "big"
            | "nobr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "p"
            | "html"
            | "body"
            | "head"
            | "main"
    )
}

/// Calls `f` with every lowercased word of a class or id value.
pub fn for_each_word(value: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut buf = [0u8; 32];
    let b = value.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            // A lowercase → uppercase step starts a new word.
            if b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
                break;
            }
            i += 1;
        }
        let w = &b[start..i];
        if w.len() > buf.len() {
            continue;
        }
        for (d, s) in buf.iter_mut().zip(w) {
            *d = s.to_ascii_lowercase();
        }
        if let Ok(word) = std::str::from_utf8(&buf[..w.len()]) {
            if f(word) {
                return true;
            }
        }
    }
    false
}

/// Words that name a piece of a card, or a whole page, rather than a card.
fn is_part_word(w: &str) -> bool {
    matches!(
        w,
        "title"
            | "code"
            | "btn"
            | "button"
            | "text"
            | "txt"
            | "desc"
            | "description"
            | "info"
            | "label"
            | "amount"
            | "value"
            | "price"
            | "img"
            | "image"
            | "pic"
            | "icon"
            | "header"
            | "footer"
            | "head"
            | "foot"
            | "body"
            | "content"
            | "inner"
            | "top"
            | "bottom"
            | "left"
            | "right"
            | "meta"
            | "tag"
            | "badge"
            | "name"
            | "terms"
            | "term"
            | "tnc"
            | "condition"
            | "conditions"
            | "rule"
            | "rules"
            | "detail"
            | "details"
            | "expiry"
            | "expire"
            | "expires"
            | "date"
            | "time"
            | "copy"
            | "link"
            | "action"
            | "actions"
            | "cta"
            | "logo"
            | "discount"
            | "num"
            | "number"
            | "count"
            | "countdown"
            | "timer"
            | "status"
            | "type"
            | "tip"
            | "tips"
            | "note"
            | "notes"
            | "hint"
            | "overlay"
            | "mask"
            | "modal"
            | "popup"
            | "dialog"
            | "tooltip"
            | "page"
            | "site"
            | "app"
            | "main"
            | "layout"
            | "root"
            | "filter"
            | "filters"
            | "nav"
            | "menu"
            | "tab"
            | "tabs"
            | "search"
            | "sort"
            | "pagination"
            | "more"
            | "subtitle"
            | "heading"
            | "rating"
            | "review"
            | "reviews"
            | "sold"
            | "cur"
            | "amt"
            | "orig"
    )
}

fn voucher_word(w: &str) -> bool {
    matches!(
        w,
        "coupon"
            | "coupons"
            | "voucher"
            | "vouchers"
            | "offer"
            | "offers"
            | "deal"
            | "deals"
            | "promo"
            | "promos"
            | "promotion"
            | "promocode"
            | "cupon"
            | "cupom"
            | "cupones"
            | "cupons"
            | "gutschein"
            | "kupon"
            | "kupony"
            | "coupone"
            | "cpn"
    )
}

fn product_word(w: &str) -> bool {
    matches!(w, "product" | "products" | "goods" | "sku")
}

/// What the words of one class token or id say.
#[derive(Default)]
struct TokenFlags {
    voucher: bool,
    product: bool,
    /// `product`, `goods`, `sku` (not their plurals).
    product_strict: bool,
    card: bool,
    part: bool,
    /// `list`, `grid`, `wrap`, ...: a container of tiles, not a tile.
    collection: bool,
    always_chrome: bool,
    header_footer: bool,
    soft: bool,
    /// Names the box a code is printed in (`coupon-code`, `promoCode`).
    code: bool,
    /// Names a control (`copy-code`, `code-btn`): not the code itself.
    control: bool,
}

fn token_flags(token: &str) -> TokenFlags {
    let mut f = TokenFlags::default();
    let mut n = 0;
    let mut first = [[0u8; 8]; 2];
    let mut lens = [0usize; 2];
    for_each_word(token, |w| {
        if voucher_word(w) {
            f.voucher = true;
        } else if product_word(w) {
            f.product = true;
            f.product_strict |= matches!(w, "product" | "goods" | "sku");
            f.collection |= w == "products";
        } else if matches!(w, "card" | "cards" | "tile" | "tiles") {
            f.card = true;
        } else {
            if is_part_word(w) {
                f.part = true;
            }
            if matches!(
                w,
                "list" | "grid" | "wrap" | "container" | "section" | "items"
            ) {
                f.collection = true;
            }
            if matches!(
                w,
                "cookie"
                    | "cookies"
                    | "consent"
                    | "gdpr"
                    | "breadcrumb"
                    | "breadcrumbs"
                    | "navbar"
                    | "navigation"
                    | "topbar"
                    | "megamenu"
            ) {
                f.always_chrome = true;
            }
        }
        if matches!(
            w,
            "code"
                | "codes"
                | "promocode"
                | "couponcode"
                | "codigo"
                | "codice"
                | "cod"
                | "promokod"
                | "kod"
                | "kode"
                | "gutscheincode"
                | "rabattcode"
                | "codepromo"
        ) {
            f.code = true;
        }
        if matches!(
            w,
            "btn" | "button" | "copy" | "label" | "title" | "reveal" | "show" | "get" | "hint"
        ) {
            f.control = true;
        }
        if matches!(
            w,
            "code"
                | "btn"
                | "button"
                | "badge"
                | "tag"
                | "label"
                | "countdown"
                | "timer"
                | "copy"
                | "chip"
                | "pill"
        ) {
            f.soft = true;
        }
        if n < 2 && w.len() <= 8 {
            first[n][..w.len()].copy_from_slice(w.as_bytes());
            lens[n] = w.len();
        }
        n += 1;
        false
    });
    let w0 = std::str::from_utf8(&first[0][..lens[0]]).unwrap_or("");
    let w1 = std::str::from_utf8(&first[1][..lens[1]]).unwrap_or("");
    f.header_footer = match n {
        1 => matches!(w0, "header" | "footer" | "nav" | "menu"),
        2 => {
            matches!(w0, "site" | "global" | "main" | "page" | "top" | "bottom")
                && matches!(w1, "header" | "footer" | "nav" | "menu" | "bar")
        }
        _ => false,
    };
    f
}

impl TokenFlags {
    /// The kind of card the token names, if it names a whole card.
    fn card_kind(&self) -> Option<GroupKind> {
        if self.part {
            None
        } else if self.voucher {
            Some(GroupKind::Voucher)
        } else if self.product && self.card {
            Some(GroupKind::Product)
        } else if self.card {
            Some(GroupKind::Card)
        } else if self.product_strict && !self.collection {
            // A product tile named only by its product words (`product-item`).
            Some(GroupKind::Product)
        } else {
            None
        }
    }
}

/// How an element's names mark it as site chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChromeHint {
    None,
    /// Cookie bars, breadcrumbs, nav bars: chrome wherever they stand.
    Always,
    /// Named like a page header or footer: chrome unless inside content.
    HeaderFooter,
}

/// What an element's tag, class, id and role say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Names {
    pub chrome: ChromeHint,
    /// The card kind it names (phrasing elements never name cards).
    pub card: Option<GroupKind>,
    /// Its class marks a code box, a button or a badge: its edges separate words.
    pub soft: bool,
    /// Its class names the box a promo code is printed in.
    pub code_box: bool,
}

/// Reads an element's names (class tokens one by one: `coupon-card
/// is-active` is a card).
pub fn names(tag: &str, class: &str, id: &str, role: &str) -> Names {
    let mut out = Names {
        chrome: ChromeHint::None,
        card: None,
        soft: false,
        code_box: false,
    };
    let can_be_card = !is_phrasing(tag);
    let consider = |k: GroupKind, best: &mut Option<GroupKind>| {
        *best = Some(match (*best, k) {
            (Some(GroupKind::Voucher), _) | (_, GroupKind::Voucher) => GroupKind::Voucher,
            (Some(GroupKind::Product), _) | (_, GroupKind::Product) => GroupKind::Product,
            _ => k,
        });
    };
    let tokens = class
        .split_ascii_whitespace()
        .map(|t| (t, false))
        .chain(std::iter::once((id, true)));
    for (token, is_id) in tokens {
        if token.is_empty() {
            continue;
        }
        let f = token_flags(token);
        if f.always_chrome {
            out.chrome = ChromeHint::Always;
        } else if f.header_footer && out.chrome == ChromeHint::None {
            out.chrome = ChromeHint::HeaderFooter;
        }
        if !is_id {
            out.soft |= f.soft;
        }
        out.code_box |= f.code && !f.control;
        if can_be_card {
            if let Some(k) = f.card_kind() {
                consider(k, &mut out.card);
            }
        }
    }
    if can_be_card && tag.contains('-') {
        if let Some(k) = token_flags(tag).card_kind() {
            consider(k, &mut out.card);
        }
    }
    match role {
        "navigation" => out.chrome = ChromeHint::Always,
        "banner" | "contentinfo" if out.chrome == ChromeHint::None => {
            out.chrome = ChromeHint::HeaderFooter
        }
        _ => {}
    }
    out
}

/// A token that looks like a promo code: 4-20 uppercase letters and digits
/// with at least one letter, and a digit or at least five characters.
/// Whether an attribute holds the code a control copies or reveals
/// (`data-code`, `data-coupon-code`, `data-clipboard-text`), not an id or
/// a type of it (`data-coupon-id`, `data-promo-type`).
pub fn is_code_attribute(key: &str) -> bool {
    let Some(rest) = key
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("data-"))
        .map(|_| &key[5..])
    else {
        return false;
    };
    let rest = rest.to_ascii_lowercase();
    let words: Vec<&str> = rest.split(['-', '_']).collect();
    words.iter().any(|w| {
        matches!(
            *w,
            "code" | "coupon" | "couponcode" | "promo" | "promocode" | "voucher" | "clipboard"
        )
    }) && !words.iter().any(|w| {
        matches!(
            *w,
            "id" | "type" | "url" | "link" | "href" | "name" | "title" | "index" | "count"
        )
    })
}

/// A value that may be a printed code: one token of letters, digits, `-`
/// or `_`, with a capital letter.
pub fn is_code_value(v: &str) -> bool {
    (3..=30).contains(&v.chars().count())
        && v.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && v.chars().any(char::is_uppercase)
}

pub fn has_code_like_token(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
        let n = t.len();
        (4..=20).contains(&n)
            && t.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && t.bytes().any(|b| b.is_ascii_uppercase())
            && (n >= 5 || t.bytes().any(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card_kind(tag: &str, class: &str, id: &str) -> Option<GroupKind> {
        names(tag, class, id, "").card
    }

    fn chrome_hint(class: &str, id: &str, role: &str) -> ChromeHint {
        names("div", class, id, role).chrome
    }

    #[test]
    fn code_attributes() {
        for k in [
            "data-code",
            "data-coupon-code",
            "data-clipboard-text",
            "DATA-PROMO",
        ] {
            assert!(is_code_attribute(k), "{k}");
        }
        for k in [
            "data-coupon-id",
            "data-promo-type",
            "data-src",
            "code",
            "data-id",
        ] {
            assert!(!is_code_attribute(k), "{k}");
        }
        assert!(is_code_value("LAVINA500"));
        assert!(!is_code_value("12345"));
        assert!(!is_code_value("copy code"));
    }

    #[test]
    fn code_box_names() {
        for (class, id) in [
            ("cod", ""),
            ("coupon-code", ""),
            ("", "promoCode"),
            ("gutscheincode", ""),
        ] {
            assert!(names("span", class, id, "").code_box, "{class} {id}");
        }
        for class in ["copy-code", "code-btn", "codes-list-title"] {
            assert!(!names("span", class, "", "").code_box, "{class}");
        }
    }

    #[test]
    fn card_names() {
        assert_eq!(
            card_kind("div", "coupon-card is-active", ""),
            Some(GroupKind::Voucher)
        );
        assert_eq!(card_kind("div", "couponItem", ""), Some(GroupKind::Voucher));
        assert_eq!(card_kind("div", "coupon-code", ""), None);
        assert_eq!(card_kind("section", "voucher-terms", "terms"), None);
        assert_eq!(card_kind("body", "promo-page", ""), None);
        assert_eq!(
            card_kind("div", "product-card", ""),
            Some(GroupKind::Product)
        );
        assert_eq!(
            card_kind("div", "product-item", ""),
            Some(GroupKind::Product)
        );
        assert_eq!(card_kind("span", "coupon", ""), None);
        assert_eq!(card_kind("coupon-card", "", ""), Some(GroupKind::Voucher));
        assert_eq!(card_kind("div", "card", ""), Some(GroupKind::Card));
        assert_eq!(card_kind("div", "dealer-info", ""), None);
    }

    #[test]
    fn chrome_names() {
        assert_eq!(chrome_hint("cookie-banner", "", ""), ChromeHint::Always);
        assert_eq!(chrome_hint("site-header", "", ""), ChromeHint::HeaderFooter);
        assert_eq!(chrome_hint("coupon-header", "", ""), ChromeHint::None);
        assert_eq!(chrome_hint("", "footer", ""), ChromeHint::HeaderFooter);
        assert_eq!(chrome_hint("", "", "navigation"), ChromeHint::Always);
    }

    #[test]
    fn code_like_tokens() {
        assert!(has_code_like_token("Use SAVE10 at checkout"));
        assert!(has_code_like_token("SUMMER | 10% off"));
        assert!(!has_code_like_token("Minimum spend | USD 50"));
        assert!(!has_code_like_token("FREE shipping"));
    }
}
