//! One pass over the tokens of a page: builds the text (one line per
//! block, whitespace collapsed), the blocks with their kind and card-like
//! container, the page metadata (title, description, language), microdata
//! items, and the bodies of the scripts that may hold structured data.
//!
//! Elements are tracked on an explicit stack (never recursion) with the
//! HTML parser's common implied end tags (`<p>`, `<li>`, `<tr>`, `<td>`,
//! `<option>`, ...). `svg`, `math` and `template` content is skipped;
//! hidden elements are read like any other, since fine print lives there.

use super::classify::{self, ChromeHint};
use super::entities;
use super::groups::{self, signature, Cand, CandKind};
use super::lexer::{attrs, Lexer, Name, Token};
use super::microdata::Microdata;
use super::types::{Block, BlockKind, Group};
use serde_json::Value;

/// Elements nested deeper than this are read as if they were not there
/// (their text still counts).
const MAX_DEPTH: usize = 4096;
/// How far an end tag looks down the stack for its element.
const END_TAG_SEARCH: usize = 512;

/// A script body that may carry structured data.
pub struct Script<'a> {
    pub kind: ScriptKind,
    pub id: Option<String>,
    pub body: &'a str,
    pub at: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    JsonLd,
    Json,
    Js,
}

/// What the pass produced.
#[derive(Default)]
pub struct Built<'a> {
    pub text: String,
    pub blocks: Vec<Block>,
    pub groups: Vec<Group>,
    pub title: Option<String>,
    pub og_title: Option<String>,
    pub description: Option<String>,
    pub og_description: Option<String>,
    pub lang: Option<String>,
    pub content_language: Option<String>,
    pub scripts: Vec<Script<'a>>,
    pub microdata: Vec<(usize, Value)>,
    /// Text spans of elements named as code boxes that hold one token.
    pub code_boxes: Vec<(usize, usize)>,
    /// In-page links: the last character of an `<a href="#id">`'s text,
    /// and the text span of the element with that id.
    pub in_page_links: Vec<(usize, (usize, usize))>,
    pub warnings: Vec<&'static str>,
}

#[derive(Clone, Copy)]
struct Open {
    name: Name,
    kind: BlockKind,
    /// Heading rank of the block (see [`Block::level`]).
    level: u8,
    /// Length of the text when the element opened.
    opened_at: u32,
    chrome: bool,
    /// Innermost candidate container (an index into `cands`).
    cand: Option<u32>,
    /// Inside a table row: blocks do not break the line.
    row: bool,
    pre: bool,
    /// Inside sectioning content or a card: `header`/`footer` are not chrome.
    section: bool,
    item: Option<u32>,
    /// A microdata property reading this element's text: (item, capture index).
    capture: Option<(u32, u32)>,
    /// What closing this element does.
    breaks: bool,
    soft: bool,
    cand_here: bool,
    item_here: bool,
    /// A code box opened here, its text starting at this offset.
    code_box_at: Option<u32>,
    /// The code an attribute of this element holds (`data-code="X"`), an
    /// index into `Builder::attr_codes`.
    attr_code: Option<u32>,
    /// A tab of a tab list (`role="tab"`) whose label this element holds:
    /// an index into `Builder::tabs`.
    tab: Option<u32>,
    /// The element has an id: an index into `Builder::anchors`.
    anchor: Option<u32>,
    /// The element is an in-page link: an index into `Builder::fragment_links`.
    link: Option<u32>,
}

/// A tab (`role="tab"`): its id, the panel it controls, and its label.
struct Tab {
    id: String,
    controls: String,
    label: String,
}

struct Builder<'a> {
    out: Built<'a>,
    line_start: usize,
    pending_space: bool,
    cell_sep: bool,
    /// Context of the current line, set at its first character.
    line_ctx: Option<(BlockKind, u8, Option<u32>, bool)>,
    block_cands: Vec<Option<u32>>,
    stack: Vec<Open>,
    root: Open,
    skip: Option<(Name, u32)>,
    cands: Vec<Cand>,
    tables: Vec<u32>,
    next_table: u32,
    micro: Microdata,
    captures: Vec<(String, usize)>,
    /// The start tag just read, for the raw body that follows it.
    raw_attrs: &'a str,
    raw_at: usize,
    depth_warned: bool,
    /// An inline element opened or closed since the last character: words
    /// that meet there without a space get one (`<b>Free</b><i>shipping</i>`).
    inline_edge: bool,
    /// How many elements of each implied-end target are open ([`tracked`]).
    open_counts: [u32; TRACKED.len()],
    /// Codes held in attributes of open elements.
    attr_codes: Vec<String>,
    /// The tabs read so far, which label the tab panels after them.
    tabs: Vec<Tab>,
    /// Elements with an id: the id and the text span they hold.
    anchors: Vec<(&'a str, u32, u32)>,
    /// `<a href="#id">`: its text's last character (where it opens, until
    /// it closes), and the id.
    fragment_links: Vec<(u32, &'a str)>,
}

/// Elements that start tags close implicitly; counted so that the common
/// case (none open) skips the stack search.
const TRACKED: [&str; 13] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "a",
];

fn tracked(tag: &str) -> Option<usize> {
    TRACKED.iter().position(|t| *t == tag)
}

/// Reads the page's tokens.
pub fn build(src: &str) -> Built<'_> {
    let root = Open {
        name: Name::from_bytes(b"#root"),
        kind: BlockKind::Other,
        level: 0,
        opened_at: 0,
        chrome: false,
        cand: None,
        row: false,
        pre: false,
        section: false,
        item: None,
        capture: None,
        breaks: true,
        soft: false,
        cand_here: false,
        item_here: false,
        code_box_at: None,
        attr_code: None,
        tab: None,
        anchor: None,
        link: None,
    };
    // Text without any markup (a `.txt` page) keeps its lines.
    let plain = !has_markup(src);
    let root = Open {
        pre: plain,
        kind: if plain {
            BlockKind::Paragraph
        } else {
            BlockKind::Other
        },
        ..root
    };
    let mut b = Builder {
        out: Built {
            text: String::with_capacity(src.len() / 8),
            ..Built::default()
        },
        line_start: 0,
        pending_space: false,
        cell_sep: false,
        line_ctx: None,
        block_cands: Vec::new(),
        stack: Vec::with_capacity(64),
        root,
        skip: None,
        cands: Vec::new(),
        tables: Vec::new(),
        next_table: 0,
        micro: Microdata::default(),
        captures: Vec::new(),
        raw_attrs: "",
        raw_at: 0,
        depth_warned: false,
        inline_edge: false,
        open_counts: [0; TRACKED.len()],
        attr_codes: Vec::new(),
        tabs: Vec::new(),
        anchors: Vec::new(),
        fragment_links: Vec::new(),
    };
    let mut lexer = Lexer::new(src);
    while let Some(tok) = lexer.next_token() {
        match tok {
            Token::Text(t) => b.text(t),
            Token::Start {
                name,
                attrs,
                self_closing,
                at,
            } => b.start(name, attrs, self_closing, at),
            Token::End { name } => b.end(name),
            Token::Raw { name, body } => b.raw(name, body),
        }
    }
    while !b.stack.is_empty() {
        b.pop();
    }
    b.break_line();
    if b.out.text.ends_with('\n') {
        b.out.text.pop();
    }
    b.out.in_page_links = b.resolve_links();
    b.out.groups = groups::resolve(&b.cands, &mut b.out.blocks, &b.block_cands);
    b.out.microdata = std::mem::take(&mut b.micro.done);
    b.out
}

/// Tag-name comparisons.
fn is_heading(t: &str) -> bool {
    matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that close an open `<p>`.
fn closes_p(t: &str) -> bool {
    matches!(
        t,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
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
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
            | "listing"
            | "xmp"
            | "search"
    )
}

impl<'a> Builder<'a> {
    fn top(&self) -> &Open {
        self.stack.last().unwrap_or(&self.root)
    }

    // ------------------------------------------------------------ text

    fn text(&mut self, raw: &str) {
        if self.skip.is_some() {
            return;
        }
        let decoded = entities::decode(raw, false);
        self.push_text(&decoded);
    }

    /// Appends text, collapsing whitespace; in `<pre>`, newlines break lines.
    fn push_text(&mut self, s: &str) {
        let pre = self.top().pre;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b > b' ' && b != 0x7f {
                    // A run of visible ASCII.
                    let start = i;
                    while i < bytes.len() && bytes[i] > b' ' && bytes[i] < 0x7f {
                        i += 1;
                    }
                    self.push_visible(&s[start..i]);
                    continue;
                }
                if pre && b == b'\n' {
                    self.break_line();
                } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    self.pending_space = true;
                }
                // Other control characters are dropped.
                i += 1;
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            let len = c.len_utf8();
            match c {
                '\u{a0}'
                | '\u{2000}'..='\u{200a}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{85}' => {
                    self.pending_space = true;
                }
                '\u{200b}'
                | '\u{feff}'
                | '\u{ad}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}' => {}
                '\u{80}'..='\u{9f}' => {}
                _ => self.push_visible(&s[i..i + len]),
            }
            i += len;
        }
    }

    fn push_visible(&mut self, s: &str) {
        if self.line_ctx.is_none() {
            let top = self.top();
            let ctx = (top.kind, top.level, top.cand, top.chrome);
            self.line_ctx = Some(ctx);
            self.pending_space = false;
            self.cell_sep = false;
        } else if self.cell_sep {
            self.out.text.push_str(" | ");
            self.cell_sep = false;
            self.pending_space = false;
        } else if self.pending_space {
            self.out.text.push(' ');
            self.pending_space = false;
        } else if self.inline_edge && needs_space_between(&self.out.text, s) {
            self.out.text.push(' ');
        }
        self.inline_edge = false;
        self.out.text.push_str(s);
    }

    fn break_line(&mut self) {
        self.inline_edge = false;
        if let Some((kind, level, cand, chrome)) = self.line_ctx.take() {
            let end = self.out.text.len();
            self.out.blocks.push(Block {
                start: self.line_start,
                end,
                kind: if chrome { BlockKind::Chrome } else { kind },
                level: if kind == BlockKind::Heading { level } else { 0 },
                group: None,
            });
            self.block_cands.push(cand);
            self.out.text.push('\n');
            self.line_start = self.out.text.len();
        }
        self.pending_space = false;
        self.cell_sep = false;
    }

    fn soft_edge(&mut self) {
        self.pending_space = true;
    }

    // ------------------------------------------------------------ tags

    fn start(&mut self, name: Name, raw_attrs: &'a str, self_closing: bool, at: usize) {
        let tag = name.as_str();
        if let Some((skip_name, depth)) = &mut self.skip {
            if *skip_name == name && !self_closing {
                *depth += 1;
            }
            return;
        }
        match tag {
            "svg" | "math" | "template" => {
                self.soft_edge();
                if !self_closing || tag == "template" {
                    self.skip = Some((name, 1));
                }
                return;
            }
            "br" => {
                if self.top().row {
                    self.pending_space = true;
                } else {
                    self.break_line();
                }
                return;
            }
            "wbr" => return,
            _ => {}
        }
        if super::lexer::is_raw_text(tag) {
            // Read with its body (next token); not pushed.
            self.raw_attrs = raw_attrs;
            self.raw_at = at;
            if tag == "textarea" || tag == "iframe" {
                self.soft_edge();
            }
            return;
        }
        self.implied_ends(tag);

        // The attributes we act on.
        let mut class = "";
        let mut id = "";
        let mut role = "";
        let mut itemscope = false;
        let mut itemprop: Option<&str> = None;
        let mut itemtype = "";
        let (mut content, mut href, mut src, mut datetime, mut value) =
            (None, None, None, None, None);
        let (mut meta_name, mut property, mut http_equiv, mut lang) = ("", "", "", None);
        let (mut code_attr, mut input_type, mut readonly) = (None, "", false);
        let (mut toggle, mut aria_level) = (false, None);
        let (mut controls, mut labelledby) = ("", "");
        if !raw_attrs.is_empty() {
            for (k, v) in attrs(raw_attrs) {
                match k.len() {
                    4 if k.eq_ignore_ascii_case("type") => input_type = v,
                    8 if k.eq_ignore_ascii_case("readonly") => readonly = true,
                    2 if k.eq_ignore_ascii_case("id") => id = v,
                    3 if k.eq_ignore_ascii_case("src") => src = Some(v),
                    4 if k.eq_ignore_ascii_case("role") => role = v,
                    4 if k.eq_ignore_ascii_case("href") => href = Some(v),
                    4 if k.eq_ignore_ascii_case("lang") => lang = Some(v),
                    8 if k.eq_ignore_ascii_case("xml:lang") => lang = lang.or(Some(v)),
                    4 if k.eq_ignore_ascii_case("name") => meta_name = v,
                    5 if k.eq_ignore_ascii_case("class") => class = v,
                    5 if k.eq_ignore_ascii_case("value") => value = Some(v),
                    7 if k.eq_ignore_ascii_case("content") => content = Some(v),
                    8 if k.eq_ignore_ascii_case("itemprop") => itemprop = Some(v),
                    8 if k.eq_ignore_ascii_case("itemtype") => itemtype = v,
                    8 if k.eq_ignore_ascii_case("datetime") => datetime = Some(v),
                    8 if k.eq_ignore_ascii_case("property") => property = v,
                    9 if k.eq_ignore_ascii_case("itemscope") => itemscope = true,
                    10 if k.eq_ignore_ascii_case("http-equiv") => http_equiv = v,
                    10 if k.eq_ignore_ascii_case("aria-level") => {
                        aria_level = v.trim().parse().ok()
                    }
                    13 if k.eq_ignore_ascii_case("aria-expanded") => toggle = true,
                    13 if k.eq_ignore_ascii_case("aria-controls") => {
                        toggle = true;
                        controls = v;
                    }
                    15 if k.eq_ignore_ascii_case("aria-labelledby") => labelledby = v,
                    _ if classify::is_code_attribute(k) => code_attr = Some(v),
                    _ => {}
                }
            }
        }

        if tag == "html" && self.out.lang.is_none() {
            if let Some(l) = lang.map(str::trim).filter(|l| !l.is_empty()) {
                self.out.lang = Some(entities::decode(l, true).into_owned());
            }
        }
        if tag == "meta" {
            self.meta(meta_name, property, http_equiv, content);
        }

        let parent = *self.top();
        let void = classify::is_void(tag);
        let names = if class.is_empty() && id.is_empty() && role.is_empty() && !tag.contains('-') {
            None
        } else {
            Some(classify::names(tag, class, id, role))
        };
        let mut open = Open {
            name,
            breaks: classify::is_block(tag),
            soft: classify::is_soft_edge(tag)
                || (names.is_some_and(|n| n.soft) && !classify::is_block(tag)),
            cand_here: false,
            item_here: false,
            capture: None,
            opened_at: u32::try_from(self.out.text.len()).unwrap_or(u32::MAX),
            code_box_at: names
                .is_some_and(|n| n.code_box)
                .then(|| u32::try_from(self.out.text.len()).unwrap_or(u32::MAX)),
            attr_code: None,
            tab: None,
            anchor: None,
            link: None,
            ..parent
        };
        // An attribute value that may be a printed code, decoded.
        let code_in = |v: &str| {
            Some(entities::decode(v, true).trim().to_string())
                .filter(|v| classify::is_code_value(v))
        };
        let code_attr = code_attr.and_then(code_in);
        match tag {
            "p" => open.kind = BlockKind::Paragraph,
            "li" | "dt" | "dd" => open.kind = BlockKind::ListItem,
            "tr" => open.kind = BlockKind::TableRow,
            "summary" => {
                open.kind = BlockKind::Heading;
                open.level = 7;
            }
            "pre" | "listing" => open.pre = true,
            t if is_heading(t) => {
                open.kind = BlockKind::Heading;
                open.level = t.as_bytes()[1] - b'0';
            }
            _ if role.eq_ignore_ascii_case("heading") => {
                open.kind = BlockKind::Heading;
                open.level = aria_level.filter(|l| (1..=6).contains(l)).unwrap_or(2);
                open.breaks = true;
            }
            // An accordion's toggle (`<button aria-expanded>` opening its
            // item, before any of the item's text) heads the item as a
            // `<summary>` does; a "show code" button inside a card does not.
            _ if toggle
                && open.kind == BlockKind::Other
                && !role.eq_ignore_ascii_case("tab")
                && self
                    .out
                    .text
                    .get(parent.opened_at as usize..)
                    .is_some_and(|t| t.trim().is_empty()) =>
            {
                open.kind = BlockKind::Heading;
                open.level = 7;
                open.breaks = true;
            }
            _ => {}
        }
        if parent.row && layout_block(tag) {
            // A heading, paragraph or list inside a cell: the table lays out
            // a page (old shops, newsletters), its blocks keep their kinds.
            open.row = false;
            open.breaks = true;
        } else if parent.row {
            // Cells of a row stay on one line.
            open.kind = BlockKind::TableRow;
            if tag != "tr" && tag != "table" {
                open.breaks = false;
            }
        }
        if tag == "table" {
            open.row = false;
        }

        // Site chrome.
        let hint = names.map_or(ChromeHint::None, |n| n.chrome);
        let chrome_start = !parent.chrome
            && match (tag, hint) {
                ("nav", _) | ("select", _) | ("datalist", _) | (_, ChromeHint::Always) => true,
                ("header" | "footer", _) | (_, ChromeHint::HeaderFooter) => !parent.section,
                _ => false,
            };
        if chrome_start {
            open.chrome = true;
            open.breaks = true;
        }
        if matches!(tag, "article" | "aside" | "main" | "section" | "nav") {
            open.section = true;
        }

        // Card-like containers.
        let cand_kind = match tag {
            "li" => Some(CandKind::Li),
            "tr" => Some(CandKind::Tr),
            "article" => Some(CandKind::Article),
            _ => names.and_then(|n| n.card).map(CandKind::Named),
        };
        if void {
            // A read-only box showing the code (`<input value="SAVE10"
            // readonly>`): its value is the text a shopper sees.
            let text_box = tag == "input"
                && (input_type.is_empty() || input_type.eq_ignore_ascii_case("text"));
            let shown = value.and_then(code_in);
            if let Some(v) = shown.filter(|_| {
                text_box && (readonly || code_attr.is_some() || names.is_some_and(|n| n.code_box))
            }) {
                self.push_code_chip(&v);
            }
            self.void_element(
                tag, itemprop, content, href, src, datetime, value, itemscope,
            );
            if open.soft || open.breaks {
                if open.breaks {
                    self.break_line();
                } else {
                    self.soft_edge();
                }
            }
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            if !self.depth_warned {
                self.depth_warned = true;
                self.out.warnings.push("nesting_limit");
            }
            return;
        }
        // A card-like element starts a line, except inside a row's cells.
        if open.breaks || cand_kind.is_some() && !(parent.row && open.row) {
            self.break_line();
        } else if open.soft {
            self.soft_edge();
        } else if !matches!(tag, "sup" | "sub") {
            self.inline_edge = true;
        }
        if matches!(tag, "td" | "th") && parent.row {
            self.cell_sep = self.line_ctx.is_some();
        }
        if tag == "table" {
            self.tables.push(self.next_table);
            self.next_table += 1;
        }
        if tag == "tr" {
            open.row = true;
        }
        if let Some(kind) = cand_kind {
            let label = if class.is_empty() { id } else { class };
            let sig = signature(tag, class);
            let idx = self.cands.len() as u32;
            self.cands.push(Cand {
                parent: parent.cand,
                kind,
                tag: name,
                sig,
                label: if matches!(kind, CandKind::Li | CandKind::Tr) && label.len() > 64 {
                    String::new()
                } else {
                    label.to_string()
                },
                chrome: open.chrome,
                blocks_open: self.out.blocks.len(),
                blocks_close: self.out.blocks.len(),
                text_open: self.out.text.len(),
                table: self.tables.last().copied().unwrap_or(u32::MAX),
                row_code: false,
            });
            open.cand = Some(idx);
            open.cand_here = true;
            if matches!(kind, CandKind::Named(_) | CandKind::Article) {
                open.section = true;
            }
        }
        // Microdata.
        if itemscope {
            // With an `itemprop` inside an item, the new item is that
            // item's property; otherwise it stands alone.
            let as_prop = itemprop.filter(|_| parent.item.is_some());
            if let Some(it) = self
                .micro
                .open(as_prop.and(parent.item), as_prop, itemtype, at)
            {
                open.item = Some(it);
                open.item_here = true;
            }
        } else if let (Some(names), Some(item)) = (itemprop, parent.item) {
            let attr_value = match tag {
                "a" | "area" | "link" => href,
                "audio" | "embed" | "iframe" | "img" | "source" | "track" | "video" => src,
                "time" => datetime,
                "data" | "meter" => value,
                _ => None,
            }
            .or(content);
            match attr_value {
                Some(v) => self.micro.add(
                    item,
                    names,
                    Value::String(entities::decode(v, true).into_owned()),
                ),
                None => {
                    self.captures.push((names.to_string(), self.out.text.len()));
                    open.capture = Some((item, (self.captures.len() - 1) as u32));
                }
            }
        }
        if let Some(i) = tracked(tag) {
            self.open_counts[i] += 1;
        }
        if let Some(v) = code_attr {
            if self.attr_codes.len() < 10_000 {
                open.attr_code = Some(self.attr_codes.len() as u32);
                open.code_box_at = Some(u32::try_from(self.out.text.len()).unwrap_or(u32::MAX));
                self.attr_codes.push(v);
            }
        }
        if role.eq_ignore_ascii_case("tab") && self.tabs.len() < 1_000 {
            open.tab = Some(self.tabs.len() as u32);
            self.tabs.push(Tab {
                id: id.trim().to_string(),
                controls: controls.trim().to_string(),
                label: String::new(),
            });
        }
        let id = id.trim();
        if !id.is_empty() && !void && self.anchors.len() < 100_000 {
            open.anchor = Some(self.anchors.len() as u32);
            self.anchors.push((id, open.opened_at, open.opened_at));
        }
        if let Some(target) = href
            .filter(|_| tag == "a")
            .and_then(|h| h.trim().strip_prefix('#'))
            .filter(|t| !t.is_empty())
        {
            if self.fragment_links.len() < 100_000 {
                open.link = Some(self.fragment_links.len() as u32);
                self.fragment_links.push((open.opened_at, target));
            }
        }
        self.stack.push(open);
        if role.eq_ignore_ascii_case("tabpanel") {
            self.tab_panel_heading(id.trim(), labelledby.trim());
        }
    }

    /// Each in-page link with the text span of its target, when an
    /// element holds that id and some text (the first such element wins).
    fn resolve_links(&self) -> Vec<(usize, (usize, usize))> {
        let mut ids: std::collections::HashMap<&str, (usize, usize)> =
            std::collections::HashMap::new();
        for &(id, s, e) in &self.anchors {
            let span = (s as usize, (e as usize).min(self.out.text.len()));
            if span.1 > span.0 {
                ids.entry(id).or_insert(span);
            }
        }
        self.fragment_links
            .iter()
            .filter_map(|&(at, id)| Some((at as usize, *ids.get(id)?)))
            .collect()
    }

    /// A tab panel opens under its tab's label ("TecnoRincón (3)" over the
    /// shop's codes): the label, without its count, is the panel's heading.
    fn tab_panel_heading(&mut self, id: &str, labelledby: &str) {
        let tab = self.tabs.iter().find(|t| {
            !labelledby.is_empty() && t.id == labelledby || !id.is_empty() && t.controls == id
        });
        let Some(label) = tab.map(|t| {
            t.label
                .trim_end_matches(|c: char| {
                    c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ')' | '·')
                })
                .to_string()
        }) else {
            return;
        };
        if label.is_empty() {
            return;
        }
        self.break_line();
        let top = self.top();
        self.line_ctx = Some((BlockKind::Heading, 2, top.cand, top.chrome));
        self.push_text(&label);
        self.break_line();
    }

    /// A numbered note's mark glued to a word (`SOGNO150<sup>1</sup>`,
    /// `$1,999<sup>3</sup>`) is dropped: kept, it would read as part of the
    /// code or the amount. Other superscripts (`m²`, `1<sup>er</sup>`, `*`)
    /// stay.
    fn drop_note_number(&mut self, opened_at: usize) {
        let text = &self.out.text;
        let Some(mark) = text.get(opened_at..) else {
            return;
        };
        let before = text[..opened_at].chars().next_back();
        let glued = before
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '€' | '$' | '£' | '%' | '.' | ','));
        let number = !mark.is_empty()
            && mark.len() <= 5
            && mark.chars().all(|c| c.is_ascii_digit() || c == ',')
            && mark.starts_with(|c: char| c.is_ascii_digit());
        // Two digits after a digit are cents (`19<sup>99</sup>`), not a note.
        let cents = before.is_some_and(|c| c.is_ascii_digit()) && mark.len() == 2;
        if glued && number && !cents && opened_at >= self.line_start {
            self.out.text.truncate(opened_at);
        }
    }

    /// Appends a code as a word of its own and records it as a code box.
    fn push_code_chip(&mut self, code: &str) {
        self.pending_space = true;
        self.push_text(code);
        let end = self.out.text.len();
        self.add_code_box(end.saturating_sub(code.len()), end);
    }

    /// Records a code box (bounded, like every per-page list).
    fn add_code_box(&mut self, start: usize, end: usize) {
        if self.out.code_boxes.len() < 10_000 {
            self.out.code_boxes.push((start, end));
        }
    }

    /// Closing an element whose attribute holds a code: the code is a code
    /// box where its text prints it ("Copia codice: PASTA20"), and is
    /// added to the text where it does not ("Voir le code").
    fn close_attr_code(&mut self, o: &Open) -> bool {
        let Some(i) = o.attr_code else { return false };
        let code = self.attr_codes.get(i as usize).cloned().unwrap_or_default();
        self.attr_codes.truncate(i as usize);
        let start = o
            .code_box_at
            .map_or(0, |a| a as usize)
            .min(self.out.text.len());
        let shown = self.out.text[start..]
            .match_indices(code.as_str())
            .map(|(at, _)| start + at)
            .find(|&at| {
                let t = &self.out.text;
                let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
                !t[..at].ends_with(word) && !t[at + code.len()..].starts_with(word)
            });
        match shown {
            Some(at) => self.add_code_box(at, at + code.len()),
            None => self.push_code_chip(&code),
        }
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn void_element(
        &mut self,
        tag: &str,
        itemprop: Option<&str>,
        content: Option<&str>,
        href: Option<&str>,
        src: Option<&str>,
        datetime: Option<&str>,
        value: Option<&str>,
        itemscope: bool,
    ) {
        let Some(item) = self.top().item else {
            return;
        };
        let Some(names) = itemprop else {
            return;
        };
        if itemscope {
            return;
        }
        let v = match tag {
            "link" | "area" => href,
            "img" | "embed" | "source" | "track" => src,
            _ => None,
        }
        .or(content)
        .or(value)
        .or(datetime);
        if let Some(v) = v {
            self.micro.add(
                item,
                names,
                Value::String(entities::decode(v, true).into_owned()),
            );
        }
    }

    fn meta(&mut self, name: &str, property: &str, http_equiv: &str, content: Option<&str>) {
        let Some(content) = content else {
            return;
        };
        let clean = || collapse(&entities::decode(content, true));
        let key = if !property.is_empty() { property } else { name };
        if key.eq_ignore_ascii_case("description") && self.out.description.is_none() {
            self.out.description = Some(clean()).filter(|s| !s.is_empty());
        } else if key.eq_ignore_ascii_case("og:title") && self.out.og_title.is_none() {
            self.out.og_title = Some(clean()).filter(|s| !s.is_empty());
        } else if key.eq_ignore_ascii_case("og:description") && self.out.og_description.is_none() {
            self.out.og_description = Some(clean()).filter(|s| !s.is_empty());
        } else if http_equiv.eq_ignore_ascii_case("content-language")
            && self.out.content_language.is_none()
        {
            self.out.content_language = Some(clean()).filter(|s| !s.is_empty());
        }
    }

    /// The implied end tags of a start tag (`<li>` closes an open `<li>`, ...).
    fn implied_ends(&mut self, tag: &str) {
        if closes_p(tag) {
            self.close_in_scope(
                &["p"],
                &[
                    "button", "table", "td", "th", "caption", "html", "object", "marquee", "applet",
                ],
            );
        }
        match tag {
            "li" => self.close_in_scope(
                &["li"],
                &["ul", "ol", "menu", "table", "td", "th", "html", "dir"],
            ),
            "dt" | "dd" => self.close_in_scope(&["dt", "dd"], &["dl", "table", "td", "th", "html"]),
            "tr" => self.close_in_scope(&["tr"], &["table", "thead", "tbody", "tfoot", "html"]),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr", "table", "html"]),
            "thead" | "tbody" | "tfoot" => {
                self.close_in_scope(&["thead", "tbody", "tfoot"], &["table", "html"])
            }
            "option" => self.close_in_scope(&["option"], &["select", "datalist", "html"]),
            "optgroup" => self.close_in_scope(&["option", "optgroup"], &["select", "html"]),
            "a" => self.close_in_scope(&["a"], &["table", "td", "th", "html", "button"]),
            t if is_heading(t)
                && self
                    .stack
                    .last()
                    .is_some_and(|o| is_heading(o.name.as_str())) =>
            {
                self.pop();
            }
            _ => {}
        }
    }

    /// Pops up to and including the nearest element named in `targets`,
    /// unless a `boundary` element comes first.
    fn close_in_scope(&mut self, targets: &[&str], boundary: &[&str]) {
        if targets
            .iter()
            .all(|t| tracked(t).is_some_and(|i| self.open_counts[i] == 0))
        {
            return;
        }
        let mut found = None;
        for (i, o) in self.stack.iter().enumerate().rev().take(END_TAG_SEARCH) {
            let n = o.name.as_str();
            if targets.contains(&n) {
                found = Some(i);
                break;
            }
            if boundary.contains(&n) {
                return;
            }
        }
        if let Some(i) = found {
            while self.stack.len() > i {
                self.pop();
            }
        }
    }

    fn end(&mut self, name: Name) {
        let tag = name.as_str();
        if let Some((skip_name, depth)) = &mut self.skip {
            if *skip_name == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if tag == "br" {
            self.start(name, "", false, 0);
            return;
        }
        if super::lexer::is_raw_text(tag) {
            return;
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take(END_TAG_SEARCH)
            .position(|o| o.name == name)
            .map(|from_top| self.stack.len() - 1 - from_top);
        match found {
            Some(i) => {
                while self.stack.len() > i {
                    self.pop();
                }
            }
            None => {
                if tag == "p" {
                    self.break_line();
                }
            }
        }
    }

    fn pop(&mut self) {
        let Some(o) = self.stack.pop() else {
            return;
        };
        if let Some(i) = tracked(o.name.as_str()) {
            self.open_counts[i] = self.open_counts[i].saturating_sub(1);
        }
        if let Some((item, cap)) = o.capture {
            if let Some((names, start)) = self.captures.get(cap as usize) {
                let start = (*start).min(self.out.text.len());
                let text = self.out.text[start..].replace('\n', " ");
                let text = text.trim().to_string();
                let names = names.clone();
                self.micro.add(item, &names, Value::String(text));
            }
        }
        if let Some(tab) = o.tab.and_then(|i| self.tabs.get_mut(i as usize)) {
            let start = (o.opened_at as usize).min(self.out.text.len());
            tab.label = self.out.text[start..].replace('\n', " ").trim().to_string();
        }
        if o.name.as_str() == "sup" {
            self.drop_note_number(o.opened_at as usize);
        }
        let text_end = u32::try_from(self.out.text.len()).unwrap_or(u32::MAX);
        if let Some(a) = o.anchor.and_then(|i| self.anchors.get_mut(i as usize)) {
            a.2 = text_end;
        }
        if let Some(l) = o.link.and_then(|i| self.fragment_links.get_mut(i as usize)) {
            // Its last character: inside the link's own line and cell.
            let last = self.out.text[l.0 as usize..]
                .char_indices()
                .next_back()
                .map(|(i, _)| l.0 + i as u32);
            l.0 = last.unwrap_or(l.0);
        }
        let attr_code_done = self.close_attr_code(&o);
        if o.breaks || o.cand_here && !o.row {
            self.break_line();
        } else if o.soft {
            self.soft_edge();
        } else if !matches!(o.name.as_str(), "sup" | "sub") {
            self.inline_edge = true;
        }
        if o.cand_here {
            if let Some(c) = o.cand.and_then(|c| self.cands.get_mut(c as usize)) {
                c.blocks_close = self.out.blocks.len();
                if c.kind == CandKind::Tr {
                    let start = c.text_open.min(self.out.text.len());
                    c.row_code = classify::has_code_like_token(&self.out.text[start..]);
                }
            }
        }
        if o.item_here {
            if let Some(it) = o.item {
                self.micro.close(it);
            }
        }
        if let Some(at) = o.code_box_at.filter(|_| !attr_code_done) {
            // The box's text, when it is one token (the code itself).
            let start = (at as usize).min(self.out.text.len());
            let raw = &self.out.text[start..];
            let token = raw.trim();
            if (2..=40).contains(&token.len()) && !token.contains(char::is_whitespace) {
                let s = start + (raw.len() - raw.trim_start().len());
                self.add_code_box(s, s + token.len());
            }
        }
        if o.name.as_str() == "table" {
            self.tables.pop();
        }
    }

    // ------------------------------------------------------------ raw text

    fn raw(&mut self, name: Name, body: &'a str) {
        if self.skip.is_some() {
            return;
        }
        match name.as_str() {
            "title" if self.out.title.is_none() => {
                let t = collapse(&entities::decode(body, false));
                if !t.is_empty() {
                    self.out.title = Some(t);
                }
            }
            "script" => {
                let mut ty = None;
                let mut id = None;
                for (k, v) in attrs(self.raw_attrs) {
                    if k.eq_ignore_ascii_case("type") {
                        ty = Some(v.trim());
                    } else if k.eq_ignore_ascii_case("id") {
                        id = Some(v);
                    }
                }
                let kind = match ty {
                    None | Some("") => ScriptKind::Js,
                    Some(t) if t.eq_ignore_ascii_case("application/ld+json") => ScriptKind::JsonLd,
                    Some(t) if t.to_ascii_lowercase().contains("json") => ScriptKind::Json,
                    Some(t)
                        if t.to_ascii_lowercase().contains("javascript")
                            || t.eq_ignore_ascii_case("module") =>
                    {
                        ScriptKind::Js
                    }
                    Some(_) => return,
                };
                if body.trim().is_empty() {
                    return;
                }
                self.out.scripts.push(Script {
                    kind,
                    id: id.map(|s| s.to_string()),
                    body,
                    at: self.raw_at,
                });
            }
            _ => {}
        }
    }
}

/// Whether text meeting at an inline element edge needs a space: a letter
/// next to a letter or digit, a closing mark (`)`, `:`, `%`, ...) before a
/// letter, or a digit before a word that is not an ordinal suffix
/// (`31<sup>st</sup>` stays, `10<b>off</b>` splits). Digits
/// and symbols (`$<b>10</b>`, `9<i>.99</i>`) stay together, and so do
/// scripts written without spaces (CJK, Thai).
fn needs_space_between(before: &str, after: &str) -> bool {
    let (Some(p), Some(n)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    if is_unspaced_script(p) || is_unspaced_script(n) {
        return false;
    }
    if p.is_alphabetic() {
        if n.is_ascii_digit() {
            // `<b>SAVE</b>10` is one code; `Save<b>10%</b>` two words.
            let word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            return !word
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        }
        return n.is_alphanumeric();
    }
    if matches!(p, ')' | ']' | ':' | ';' | ',' | '!' | '?' | '%') {
        return n.is_alphabetic();
    }
    if p.is_numeric() && n.is_alphabetic() {
        let word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .take(4)
            .collect();
        let ordinal = matches!(
            word.to_lowercase().as_str(),
            "st" | "nd"
                | "rd"
                | "th"
                | "er"
                | "re"
                | "e"
                | "eme"
                | "ème"
                | "o"
                | "a"
                | "º"
                | "ª"
                | "h"
                | "x"
        );
        return !ordinal;
    }
    false
}

/// Scripts written without spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x2E80..=0x9FFF // CJK, kana
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF)
}

/// True when a `<` opens a tag, a comment or a doctype somewhere.
fn has_markup(src: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        b.get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'))
    })
}

/// Collapses whitespace (no-break spaces included) to single spaces.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Elements that, inside a table cell, show the table lays out a page
/// rather than holding data.
fn layout_block(tag: &str) -> bool {
    is_heading(tag) || matches!(tag, "p" | "ul" | "ol" | "dl" | "blockquote")
}
