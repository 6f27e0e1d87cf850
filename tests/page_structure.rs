//! Page text and structure: blocks, kinds, groups on listing pages, hidden
//! terms kept, non-content dropped, metadata.

use fineprint::page::{read, BlockKind, GroupKind, Page, PageOptions};

fn page(html: &str) -> Page {
    read(html.as_bytes(), &PageOptions::default())
}

fn fixture(name: &str) -> Page {
    let path = format!("{}/tests/fixtures/page/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(&bytes, &PageOptions::default())
}

fn lines(p: &Page) -> Vec<&str> {
    p.blocks.iter().map(|b| &p.text[b.start..b.end]).collect()
}

/// The block whose text is exactly `line`.
fn block<'p>(p: &'p Page, line: &str) -> &'p fineprint::page::Block {
    p.blocks
        .iter()
        .find(|b| &p.text[b.start..b.end] == line)
        .unwrap_or_else(|| panic!("no block {line:?} in {:#?}", lines(p)))
}

/// Blocks tile the text: each is one line, in order, joined by `\n`.
fn assert_blocks_tile_text(p: &Page) {
    let joined: Vec<&str> = lines(p);
    assert_eq!(joined.join("\n"), p.text);
    for b in &p.blocks {
        assert!(b.start < b.end, "empty block {b:?}");
        assert!(!p.text[b.start..b.end].contains('\n'));
        assert_eq!(p.text[b.start..b.end].trim(), &p.text[b.start..b.end]);
    }
}

#[test]
fn listing_page_lines_kinds_and_metadata() {
    let p = fixture("listing.html");
    assert_blocks_tile_text(&p);
    assert_eq!(p.lang.as_deref(), Some("en-GB"));
    assert_eq!(
        p.title.as_deref(),
        Some("Trail & Summit vouchers – May 2026")
    );
    assert_eq!(
        p.description.as_deref(),
        Some("Every live Trail & Summit discount code, checked daily.")
    );
    assert_eq!(p.encoding, "UTF-8");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);

    // Chrome: cookie bar, site header with its nav, site footer.
    for chrome in [
        "We use cookies to improve your experience. Accept",
        "Sale up to 70%",
        "© 2026 Trail & Summit Ltd. Free returns within 30 days.",
        "Company no. 01234567",
    ] {
        assert_eq!(block(&p, chrome).kind, BlockKind::Chrome, "{chrome}");
    }
    assert_eq!(
        block(&p, "Trail & Summit discount codes").kind,
        BlockKind::Heading
    );
    assert_eq!(
        block(&p, "All codes below were tested on 18 May 2026.").kind,
        BlockKind::Paragraph
    );
    assert_eq!(block(&p, "Minimum spend £75.").kind, BlockKind::ListItem);
    assert_eq!(block(&p, "Terms").kind, BlockKind::Heading);
    // `<br>` splits a paragraph into lines.
    assert_eq!(block(&p, "Registered in England.").kind, BlockKind::Chrome);
    // Table rows: cells joined on one line.
    assert_eq!(
        block(&p, "SPRING5 | £5 off £30 | 30 June 2026").kind,
        BlockKind::TableRow
    );
    // A code box next to its button stays two words.
    block(&p, "TRAIL10 Copy");
}

#[test]
fn hidden_terms_are_kept_and_non_content_dropped() {
    let p = fixture("listing.html");
    // Collapsed <details> and a display:none modal: fine print lives there.
    assert!(p.text.contains("Expires 31/05/2026 at 23:59 BST."));
    assert!(p
        .text
        .contains("Valid on tents only. New customers only. Max discount £50."));
    // Scripts, styles, svg, template and noscript are not text.
    for gone in [
        "dataLayer",
        "border:1px",
        "icon text",
        "TEMPLATE10",
        "enable JavaScript",
    ] {
        assert!(!p.text.contains(gone), "{gone} leaked into the text");
    }
}

#[test]
fn listing_page_cards_are_groups() {
    let p = fixture("listing.html");
    let g = |line: &str| block(&p, line).group;
    // One group per coupon card; a card's terms stay in its group.
    let first = g("£10 off orders over £75").expect("first card grouped");
    assert_eq!(g("TRAIL10 Copy"), Some(first));
    assert_eq!(g("One use per customer."), Some(first));
    let second = g("15% off tents for new customers").expect("second card grouped");
    assert_ne!(first, second);
    assert_eq!(
        g("Valid on tents only. New customers only. Max discount £50."),
        Some(second)
    );
    let third = g("Applied automatically at checkout on orders over £40.").expect("third card");
    assert!(third != first && third != second);
    for i in [first, second, third] {
        assert_eq!(p.groups[i].kind, GroupKind::Voucher);
        assert_eq!(p.groups[i].label, "coupon-card");
    }
    // Product tiles are groups of their own kind; text outside cards has none.
    let tent = g("Alpine 2 Tent").expect("product tile grouped");
    assert_eq!(p.groups[tent].kind, GroupKind::Product);
    assert_ne!(g("Ridge Jacket"), Some(tent));
    assert_eq!(g("All codes below were tested on 18 May 2026."), None);
    assert_eq!(g("Popular right now"), None);
    // Rows of a table of codes are groups; its header row is not.
    let r1 = g("SPRING5 | £5 off £30 | 30 June 2026").expect("code row grouped");
    let r2 = g("BOOTS20 | 20% off boots | 15 June 2026").expect("code row grouped");
    assert_ne!(r1, r2);
    assert_eq!(p.groups[r1].kind, GroupKind::Row);
    assert_eq!(g("Code | Offer | Ends"), None);
    // Groups are numbered in document order.
    assert!(first < second && second < third && third < tent && tent < r1 && r1 < r2);
}

#[test]
fn inline_markup_whitespace_and_line_breaks() {
    let p = page(
        "<p>Use  <b>SAVE</b>10\n\t today&nbsp;&nbsp;only&#160;!</p>\
         <p>10&#8239;€ off<br>orders over 50&nbsp;€</p>\
         <div>Code: <span class=\"coupon-code\">ABC12</span><button>Copy</button>Ends soon</div>\
         <pre>line one\nline two</pre>\
         <p>zero\u{200b}width and soft\u{ad}hyphen</p>",
    );
    assert_blocks_tile_text(&p);
    assert_eq!(
        lines(&p),
        vec![
            "Use SAVE10 today only !",
            "10 € off",
            "orders over 50 €",
            "Code: ABC12 Copy Ends soon",
            "line one",
            "line two",
            "zerowidth and softhyphen",
        ]
    );
}

#[test]
fn words_meeting_at_inline_edges_are_separated() {
    let p = page(
        "<nav><a href=/a>Home</a><a href=/b>Deals</a><a href=/c>Stores</a></nav>\
         <p><b>10%</b>off <span>orders</span><span>over</span> <span>$</span><span>50</span>\
         until May 31<sup>st</sup>, <em>Code:</em><strong>MAY10</strong></p>\
         <p>Price <span>9</span><span>.99</span> – 2<span>x</span> – 全品<b>10%</b>オフ</p>\
         <p>Save<b>15%</b> with <b>WIN</b>15</p>",
    );
    assert_eq!(
        lines(&p),
        vec![
            "Home Deals Stores",
            "10% off orders over $50 until May 31st, Code: MAY10",
            "Price 9.99 – 2x – 全品10%オフ",
            "Save 15% with WIN15",
        ]
    );
}

#[test]
fn implied_end_tags_and_list_kinds() {
    let p = page(
        "<ul><li>first<li>second</ul><p>one<p>two\
         <table><tr><td>a<td>b<tr><td>c</table>\
         <dl><dt>Minimum order<dd>€25</dl>\
         <details><summary>Conditions</summary>Not valid on gift cards.</details>",
    );
    assert_blocks_tile_text(&p);
    let got: Vec<(&str, BlockKind)> = p
        .blocks
        .iter()
        .map(|b| (&p.text[b.start..b.end], b.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            ("first", BlockKind::ListItem),
            ("second", BlockKind::ListItem),
            ("one", BlockKind::Paragraph),
            ("two", BlockKind::Paragraph),
            ("a | b", BlockKind::TableRow),
            ("c", BlockKind::TableRow),
            ("Minimum order", BlockKind::ListItem),
            ("€25", BlockKind::ListItem),
            ("Conditions", BlockKind::Heading),
            ("Not valid on gift cards.", BlockKind::Other),
        ]
    );
}

#[test]
fn list_items_with_several_blocks_are_groups_and_lists_are_not() {
    let p = page(
        "<ul class=\"offers\">\
           <li><h3>£5 off £40</h3><p>Code FIVE40. Ends 1 June.</p></li>\
           <li><h3>10% off outdoor</h3><p>Code OUT10. Excludes sale items.</p></li>\
         </ul>\
         <ol><li>One use per customer.</li><li>Not combinable.</li></ol>",
    );
    let g = |line: &str| block(&p, line).group;
    let a = g("£5 off £40").expect("multi-block li is a group");
    assert_eq!(g("Code FIVE40. Ends 1 June."), Some(a));
    let b = g("10% off outdoor").expect("second li");
    assert_ne!(a, b);
    assert_eq!(p.groups[a].kind, GroupKind::Item);
    // One-line items are not cards.
    assert_eq!(g("One use per customer."), None);
}

#[test]
fn a_container_of_alike_cards_is_a_list_and_the_outer_card_wins() {
    let p = page(
        "<div class=\"coupons\"><h2>Store coupons</h2>\
           <div class=\"coupon\"><p>€3 off €29</p><div class=\"offer-card\"><p>Code A3OFF</p></div></div>\
           <div class=\"coupon\"><p>€8 off €69</p><p>Code B8OFF</p></div>\
         </div>",
    );
    let g = |line: &str| block(&p, line).group;
    assert_eq!(g("Store coupons"), None, "the list itself is no card");
    let a = g("€3 off €29").expect("card");
    // The nested offer-card belongs to its outer coupon.
    assert_eq!(g("Code A3OFF"), Some(a));
    let b = g("€8 off €69").expect("card");
    assert_ne!(a, b);
    assert_eq!(g("Code B8OFF"), Some(b));
    assert_eq!(p.groups.len(), 2);
}

#[test]
fn a_store_coupon_and_a_platform_coupon_stay_apart() {
    let p = page(
        "<div class=\"coupons\">\
           <div class=\"store-coupon\"><p>Store coupon: $3 off $29</p><p>Code ST3</p></div>\
           <div class=\"platform-coupon\"><p>Platform coupon: $8 off $69</p><p>Code PL8</p></div>\
         </div>",
    );
    let g = |line: &str| block(&p, line).group;
    let store = g("Store coupon: $3 off $29").expect("store card");
    let platform = g("Platform coupon: $8 off $69").expect("platform card");
    assert_ne!(store, platform);
    assert_eq!(g("Code ST3"), Some(store));
    assert_eq!(g("Code PL8"), Some(platform));
}

#[test]
fn header_inside_content_is_not_chrome() {
    let p = page(
        "<header><nav>Home</nav><p>Free shipping over $35</p></header>\
         <article><header><h2>$10 off $60</h2></header><p>Code TEN60</p></article>\
         <div class=\"breadcrumbs\">Home › Coupons</div>",
    );
    assert_eq!(block(&p, "Free shipping over $35").kind, BlockKind::Chrome);
    assert_eq!(block(&p, "$10 off $60").kind, BlockKind::Heading);
    assert_eq!(block(&p, "Home › Coupons").kind, BlockKind::Chrome);
    let art = block(&p, "Code TEN60").group.expect("article is a card");
    assert_eq!(block(&p, "$10 off $60").group, Some(art));
    assert_eq!(p.groups[art].kind, GroupKind::Card);
}

#[test]
fn title_falls_back_to_og_title_and_lang_to_content_language() {
    let p = page(
        "<head><meta property=\"og:title\" content=\"Spring &amp; summer deals\">\
         <meta property=\"og:description\" content=\"Codes  for\n May\">\
         <meta http-equiv=\"Content-Language\" content=\"pt-BR\"></head><p>x</p>",
    );
    assert_eq!(p.title.as_deref(), Some("Spring & summer deals"));
    assert_eq!(p.description.as_deref(), Some("Codes for May"));
    assert_eq!(p.lang.as_deref(), Some("pt-BR"));
}

#[test]
fn plain_text_without_markup_keeps_its_lines() {
    let p = page("10% off   everything\r\n\nwith code SPRING10 &amp; more\n");
    assert_eq!(
        lines(&p),
        vec!["10% off everything", "with code SPRING10 & more"]
    );
    assert_eq!(p.blocks[0].kind, BlockKind::Paragraph);
    // One tag makes it HTML: newlines are then only whitespace.
    let p = page("10% off\neverything <b>today</b>");
    assert_eq!(lines(&p), vec!["10% off everything today"]);
}

#[test]
fn a_table_laying_out_a_page_keeps_its_blocks() {
    // Old shops and newsletters lay the page out in one big table: the
    // headings and paragraphs in its cells stay blocks of their own kind.
    let p = page(
        "<table><tr><td><h1>Nos bons</h1><div class=\"bon\"><h3>20 % sur les cartables</h3>\
         <p>Code : <b>CARTABLE20</b></p></div><font>Texte libre</font></td></tr>\
         <tr><td>Cahier A4</td><td>2,95 €</td></tr></table>",
    );
    assert_blocks_tile_text(&p);
    assert_eq!(block(&p, "Nos bons").kind, BlockKind::Heading);
    assert_eq!(block(&p, "20 % sur les cartables").kind, BlockKind::Heading);
    assert_eq!(block(&p, "Code : CARTABLE20").kind, BlockKind::Paragraph);
    // A data row still reads as one row of cells.
    assert_eq!(block(&p, "Cahier A4 | 2,95 €").kind, BlockKind::TableRow);
}

#[test]
fn cells_named_like_cards_stay_on_their_row() {
    let p = page(
        "<table><tr><td class=\"offer\">500 ₽ на первый заказ<span class=\"used\">Использовали 128 раз</span></td>\
         <td class=\"code\"><span>VOLT500</span></td><td>30 апреля</td></tr></table>",
    );
    assert_blocks_tile_text(&p);
    assert_eq!(
        lines(&p),
        ["500 ₽ на первый заказ Использовали 128 раз | VOLT500 | 30 апреля"]
    );
    assert_eq!(p.blocks[0].kind, BlockKind::TableRow);
}

#[test]
fn codes_held_in_attributes_and_read_only_boxes_are_page_text() {
    let p = page(
        "<main><section class=\"cpn\"><h3>500 ₽ на первый заказ</h3>\
         <footer><span>Использовали 1 204 раза</span>\
         <button class=\"copy\" data-code=\"LAVINA500\"><span>LAVINA500</span></button></footer></section>\
         <section class=\"cpn\"><h3>10 % sur tout</h3>\
         <button class=\"reveal\" data-coupon-code=\"CHAT10\" data-coupon-id=\"77\">Voir le code</button></section>\
         <div><p>15% off bikes</p><input type=\"text\" readonly value=\"LARKAPP10\">\
         <input type=\"hidden\" name=\"csrf\" value=\"A1B2C3D4\"></div></main>",
    );
    assert_blocks_tile_text(&p);
    let boxes: Vec<&str> = p.code_boxes.iter().map(|&(s, e)| &p.text[s..e]).collect();
    assert_eq!(boxes, ["LAVINA500", "CHAT10", "LARKAPP10"]);
    // A revealed code is added once, after the button's words.
    assert_eq!(p.text.matches("CHAT10").count(), 1);
    assert!(p.text.contains("Voir le code CHAT10"));
    assert!(!p.text.contains("A1B2C3D4"));
    // "cpn" names a coupon card.
    assert_eq!(
        p.groups
            .iter()
            .filter(|g| g.kind == GroupKind::Voucher)
            .count(),
        2
    );
}

#[test]
fn headings_carry_their_rank() {
    let p = page(
        "<h1>Codes</h1><section><h2>Caseificio <b>Valle</b> Verde</h2><div><h3>10% off</h3><p>Code X</p></div>\
         <details><summary>Terms</summary><p>Min 40 €</p></details></section><h6>Small</h6>",
    );
    let rank = |line: &str| (block(&p, line).kind, block(&p, line).level);
    assert_eq!(rank("Codes"), (BlockKind::Heading, 1));
    assert_eq!(rank("Caseificio Valle Verde"), (BlockKind::Heading, 2));
    assert_eq!(rank("10% off"), (BlockKind::Heading, 3));
    assert_eq!(rank("Terms"), (BlockKind::Heading, 7));
    assert_eq!(rank("Small"), (BlockKind::Heading, 6));
    assert_eq!(rank("Code X"), (BlockKind::Paragraph, 0));
}

#[test]
fn accordion_toggles_and_aria_headings_are_headings() {
    let p = page(
        "<div class=\"acc-item\"><button aria-expanded=\"false\" aria-controls=\"p1\">10% sul primo ordine</button>\
         <div id=\"p1\" hidden><span>BENVENUTO</span><ul><li>Sconto massimo 20 €.</li></ul></div></div>\
         <div class=\"card\"><h3>5 € off</h3><button aria-expanded=\"false\">Show code</button></div>\
         <div role=\"heading\" aria-level=\"3\">Garden</div>",
    );
    let rank = |line: &str| (block(&p, line).kind, block(&p, line).level);
    assert_eq!(rank("10% sul primo ordine"), (BlockKind::Heading, 7));
    assert_eq!(block(&p, "BENVENUTO").kind, BlockKind::Other);
    // A button after the card's own heading is no heading.
    assert_ne!(block(&p, "Show code").kind, BlockKind::Heading);
    assert_eq!(rank("Garden"), (BlockKind::Heading, 3));
}

#[test]
fn a_tab_panel_opens_under_its_tabs_label() {
    let p = page(
        r#"<html><body><main>
        <div role="tablist">
          <button role="tab" id="t-a" aria-controls="p-a" aria-selected="true">Alle Händler (3)</button>
          <button role="tab" id="t-b" aria-controls="p-b">Teekontor Ahlers · 2</button>
        </div>
        <section role="tabpanel" id="p-a" aria-labelledby="t-a"><h3>12 % auf fast alles</h3></section>
        <section role="tabpanel" id="p-b" hidden><h3>3 € je 30 €</h3></section>
        </main></body></html>"#,
    );
    assert_blocks_tile_text(&p);
    // Found by `aria-labelledby`, then by the tab's `aria-controls`; the
    // count is not part of the name.
    for label in ["Alle Händler", "Teekontor Ahlers"] {
        let b = block(&p, label);
        assert_eq!((b.kind, b.level), (BlockKind::Heading, 2), "{label}");
    }
    // The tabs themselves are not accordion toggles.
    assert_ne!(
        block(&p, "Alle Händler (3) Teekontor Ahlers · 2").kind,
        BlockKind::Heading
    );
}

#[test]
fn note_numbers_glued_to_words_are_dropped() {
    let p = page(
        "<html><body><main>\
         <p>Con il codice <strong>SOGNO150</strong><sup>1</sup>, dal 20 ottobre<sup>2</sup>.</p>\
         <p>Compra desde $1,999<sup>3</sup> MXN</p>\
         <p>Nur 19<sup>99</sup> € · 25 m<sup>2</sup> · le 1<sup>er</sup> mai · Angebot<sup>*</sup></p>\
         </main></body></html>",
    );
    assert_blocks_tile_text(&p);
    assert_eq!(
        lines(&p),
        [
            "Con il codice SOGNO150, dal 20 ottobre.",
            "Compra desde $1,999 MXN",
            // Cents and ordinals stay; so does a starred note mark.
            "Nur 1999 € · 25 m · le 1er mai · Angebot*",
        ]
    );
}

#[test]
fn in_page_links_point_at_their_targets_text() {
    let p = page(
        "<table><tr><td>QUILL20</td><td><sup><a href=\"#n1\">1</a></sup> <a href='#n3'>3</a> <a href=\"#gone\">4</a></td></tr></table>\
         <ol><li id=\"n1\">Minimum purchase of $50.</li><li id=\"n2\">App only.</li><li id=\"n3\">Excludes gift cards.</li></ol>\
         <p><a href=\"https://example.com/#n2\">elsewhere</a></p>",
    );
    let links: Vec<(&str, &str)> = p
        .in_page_links
        .iter()
        .map(|&(at, (s, e))| (&p.text[at..at + 1], &p.text[s..e]))
        .collect();
    // A link to a missing id, or to another page's fragment, points nowhere.
    assert_eq!(
        links,
        [
            ("1", "Minimum purchase of $50."),
            ("3", "Excludes gift cards.")
        ],
        "{:?}",
        p.in_page_links
    );
}
