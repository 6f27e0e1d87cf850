//! Scope: platform / store / category / product, with the names captured
//! after store, category and exclusion cues ("Valid only in Xiaomi Official
//! Store", "Excludes gift cards and sale items").

use super::evidence::EvidenceLog;
use super::mentions::Mentions;
use super::segment::Segment;
use crate::lexicon::{Capture, CueKind, Lexicon, Side as ValueSide};
use crate::record::{Scope, ScopeKind};

/// Which side of its cue a name stands on: after it ("Excludes gift
/// cards"), or before it ("Litières exclues", "Bebidas alcoólicas não
/// participam").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    After,
    Before,
}

/// Whether a cue of this kind ends a name it meets. Scope, discount and code
/// cues inside a name are part of it ("Apple Store", "Sale-Artikel").
fn ends_name(kind: CueKind) -> bool {
    !matches!(
        kind,
        CueKind::Category
            | CueKind::Store
            | CueKind::Excluded
            | CueKind::Payment
            | CueKind::Region
            | CueKind::Discount
            | CueKind::Recurring
            | CueKind::Platform
            | CueKind::Product
            | CueKind::Code
            | CueKind::OfferColumn
            | CueKind::StoreColumn
    )
}

/// The text a name may fill on `side` of the cue at `cue`: to the clause's
/// edge, cut at a stop word, at another cue, at a bracket or at a value.
fn name_range(m: &Mentions, cap: &Capture, cue: (usize, usize), side: Side) -> (usize, usize) {
    let f = &m.folded.text;
    let clause = m.clause_of(cue.0);
    if side == Side::After {
        let mut start = cue.1;
        while start < clause.1 && matches!(f.as_bytes()[start], b' ' | b':' | b'"' | b'\'') {
            start += 1;
        }
        if start >= clause.1 {
            return (start, start);
        }
        let mut end = clause.1;
        for w in &cap.stop {
            if let Some(p) = find_word(&f[start..end], w) {
                end = start + p;
            }
        }
        for c in &m.cues {
            if c.start > start && c.start < end && ends_name(c.cue.kind) {
                end = c.start;
            }
        }
        if let Some(p) = f[start..end].find(['(', '[']) {
            end = start + p;
        }
        // A name in quotes ends with them ("из раздела «Спортивная форма»
        // он даёт 200 ₽"), unless a list goes on ("«Обувь» и «Сумки»").
        if let Some(close) = f[start..end]
            .strip_prefix(['«', '„', '“'])
            .and_then(|rest| rest.find(['»', '“', '”']))
        {
            let open_len = f[start..].chars().next().map_or(0, char::len_utf8);
            let close_at = start + open_len + close;
            let after = close_at + f[close_at..].chars().next().map_or(0, char::len_utf8);
            let rest = f[after..end].trim_start();
            // "و«الحقائب»": a conjunction glued to the next quote.
            let glued_next = rest
                .chars()
                .nth(1)
                .is_some_and(|c| matches!(c, '«' | '„' | '“'));
            let list_goes_on = rest.starts_with(',')
                || glued_next
                || cap.separators.iter().any(|s| {
                    rest.strip_prefix(s.as_str())
                        .is_some_and(|r| r.starts_with(' '))
                });
            if !rest.is_empty() && !list_goes_on {
                end = after;
            }
        }
        let range = (start, end);
        let first_value = [
            m.money_starting_in(range).first().map(|x| x.start),
            m.dates_starting_in(range).first().map(|d| d.start),
            m.percents_starting_in(range).first().map(|p| p.start),
        ]
        .into_iter()
        .flatten()
        .min();
        return (start, first_value.unwrap_or(end).max(start));
    }
    // Before the cue: the name is the clause's subject ("A, B e C esclusi")
    // or, after whatever else the clause says, its last comma part ("su
    // tutto l'assortimento, articoli già scontati esclusi").
    let mut end = cue.0;
    // Drop what stands between the names and the cue: an aside ("Bücher
    // sind – wie gesetzlich vorgeschrieben – ausgenommen") and verbs.
    for _ in 0..4 {
        let head = f[clause.0..end].trim_end();
        // Dashes are folded to '-'; an aside's dash stands apart from words.
        let aside = head
            .strip_suffix(" -")
            .and_then(|h| h.rfind(" - "))
            .or_else(|| head.strip_suffix(')').and_then(|h| h.rfind('(')));
        let verb = cap.stop.iter().find_map(|w| {
            word_positions(head, w)
                .last()
                .filter(|p| p + w.len() == head.len())
        });
        match aside.or(verb) {
            Some(p) => end = clause.0 + p,
            None => {
                end = clause.0 + head.len();
                break;
            }
        }
    }
    let mut start = clause.0;
    for w in &cap.stop {
        if let Some(p) = word_positions(&f[clause.0..end], w).last() {
            start = start.max(clause.0 + p + w.len());
        }
    }
    // "Pedidos feitos pelo site … não participam": what a sentence says of
    // orders or customers names no goods.
    let sentence = f[clause.0..end]
        .rfind(". ")
        .map_or(clause.0, |p| clause.0 + p + 2);
    let subject = f[sentence..end].split_whitespace().next().unwrap_or("");
    if cap.generic.iter().any(|g| g == subject) {
        return (end, end);
    }
    for c in m.cues_starting_in((clause.0, end)) {
        if c.end <= end && c.end > start && ends_name(c.cue.kind) {
            start = c.end;
        }
    }
    let range = (clause.0, end);
    let values = m
        .money_starting_in(range)
        .iter()
        .map(|x| x.end)
        .chain(m.dates_starting_in(range).iter().map(|d| d.end))
        .chain(m.percents_starting_in(range).iter().map(|p| p.end));
    for v in values {
        if v <= end && v > start {
            start = v;
        }
    }
    if start > clause.0 {
        if let Some(p) = f[start..end].rfind(',') {
            start += p + 1;
        }
    }
    (start.min(end), end)
}

/// Names captured beside a cue, split on list separators; generic captures
/// ("all products", "orders") dropped.
fn capture(
    m: &Mentions,
    cap: &Capture,
    ev: &EvidenceLog,
    cue: (usize, usize),
    side: Side,
    proper: bool,
) -> Vec<(usize, usize, String)> {
    let f = &m.folded.text;
    let clause = m.clause_of(cue.0);
    let (start, end) = name_range(m, cap, cue, side);
    if end <= start {
        return Vec::new();
    }
    // Split on separators, never inside quotes («Наушники и гарнитуры»).
    let mut quoted: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, ch) in f[start..end].char_indices() {
        match (ch, open) {
            ('«' | '„' | '“', None) => open = Some(start + i),
            ('»' | '“' | '”', Some(o)) => {
                quoted.push((o, start + i));
                open = None;
            }
            ('"', None) => open = Some(start + i),
            ('"', Some(o)) => {
                quoted.push((o, start + i));
                open = None;
            }
            _ => {}
        }
    }
    let in_quotes = |at: usize| quoted.iter().any(|q| at > q.0 && at < q.1);

    // A name right after a word naming one category ("la sección Catas y
    // cursos"; "las categorías A y B" is a list) is one name: only commas
    // split it. A name in quotes needs no such care.
    let lead = f[clause.0..start].trim_end();
    let ends_word = |t: &str, w: &str| {
        t.ends_with(w)
            && t[..t.len() - w.len()]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    let one_name = !f[start..end].starts_with([',', '«', '"', '“', '„'])
        && cap.one_name.iter().any(|w| ends_word(lead, w));
    let mut parts: Vec<(usize, usize)> = vec![(start, end)];
    let mut seps: Vec<&str> = if one_name {
        Vec::new()
    } else {
        cap.separators.iter().map(String::as_str).collect()
    };
    seps.push(",");
    for sep in seps {
        let mut next = Vec::new();
        for (s, e) in parts {
            let mut cur = s;
            let seg = &f[s..e];
            let mut pos = 0;
            while let Some(p) = find_word(&seg[pos..], sep) {
                let at = s + pos + p;
                if in_quotes(at) {
                    pos += p + sep.len();
                    continue;
                }
                next.push((cur, at));
                cur = at + sep.len();
                pos = cur - s;
            }
            next.push((cur, e));
        }
        parts = next;
    }
    // "بطاقات الهدايا والعطور": a conjunction glued to the next name.
    if !cap.glued_separators.is_empty() && !one_name {
        let mut next = Vec::new();
        for (s, e) in parts {
            let mut cur = s;
            for (i, _) in f[s..e].match_indices(' ') {
                let word = s + i + 1;
                let glued = cap
                    .glued_separators
                    .iter()
                    .find(|g| f[word..e].starts_with(g.as_str()));
                if let Some(g) = glued {
                    let conj = g.chars().next().map_or(0, char::len_utf8);
                    if word > cur && !in_quotes(word) {
                        next.push((cur, word));
                        cur = word + conj;
                    }
                }
            }
            next.push((cur, e));
        }
        parts = next;
    }
    let mut out = Vec::new();
    for (s, e) in parts {
        let raw = ev.original(s, e);
        let name = raw.trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ',' | ':' | '"' | '\'' | '(' | ')' | '*' | '«' | '»' | '“' | '”' | '-'
                )
        });
        if name.is_empty()
            || name.chars().count() > 60
            || name.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let name = strip_edges(name, cap);
        let folded = crate::text::fold(name);
        if cap.generic.iter().any(|g| {
            *g == folded || folded.starts_with(&format!("{g} ")) && g.split(' ').count() > 1
        }) {
            continue;
        }
        if proper && name.chars().next().is_none_or(char::is_lowercase) {
            continue;
        }
        // Names are words: not a pronoun-sized fragment, not an address or a number.
        if name.split_whitespace().count() > 6
            || name.chars().count() <= 2
            || name.contains('@')
            || name.contains(".com")
            || name.contains("www.")
            || name.contains('/')
            || name.chars().any(|c| c.is_ascii_digit())
        {
            continue;
        }
        let off = raw.find(name).unwrap_or(0);
        let s2 = s + crate::text::fold(&raw[..off]).len();
        out.push((s2, s2 + folded.len(), name.to_string()));
    }
    out
}

/// Drops a leading article and a trailing "category"-like word: "the Rugs
/// category" → "Rugs". The words are the language's `capture.strip` list.
fn strip_edges<'t>(name: &'t str, cap: &Capture) -> &'t str {
    let mut n = name;
    loop {
        let folded = crate::text::fold(n);
        let mut changed = false;
        for w in &cap.strip {
            if folded.starts_with(&format!("{w} ")) {
                n = n[n
                    .char_indices()
                    .nth(w.chars().count() + 1)
                    .map(|(i, _)| i)
                    .unwrap_or(n.len())..]
                    .trim_start();
                changed = true;
                break;
            }
            if folded.ends_with(&format!(" {w}")) {
                let keep = n.chars().count() - w.chars().count() - 1;
                n = n[..n
                    .char_indices()
                    .nth(keep)
                    .map(|(i, _)| i)
                    .unwrap_or(n.len())]
                    .trim_end();
                changed = true;
                break;
            }
        }
        if !changed {
            return n;
        }
    }
}

/// A captured name that names a shop: it holds one of the language's store
/// words. The shop is the name after the store word ("productos vendidos
/// por la tienda oficial Lumen Deco" → "Lumen Deco", "متجر بيت العود" →
/// "بيت العود"), or, when the store word ends the name, the name from its
/// first capital ("acquisti da ElettroCasa Store" → "ElettroCasa Store";
/// a trailing generic word is dropped first: "Veda Kitchen Official Store
/// products"). A name in lower case is not a shop.
fn store_name(name: &str, cap: &Capture) -> Option<String> {
    let folded = crate::text::fold(name);
    let (at, word) = cap
        .store_words
        .iter()
        .filter_map(|w| find_word(&folded, w).map(|at| (at, w)))
        .max_by_key(|(at, w)| (w.len(), std::cmp::Reverse(*at)))?;
    // Folding keeps character counts: the store word ends at the same
    // character of the name.
    let end_char = folded[..at].chars().count() + word.chars().count();
    let split = name
        .char_indices()
        .nth(end_char)
        .map_or(name.len(), |(i, _)| i);
    let without_generic = |s: &'_ str| -> String {
        let s = s.trim();
        match s.rsplit_once(' ') {
            Some((head, last)) if cap.generic.contains(&crate::text::fold(last)) => {
                head.trim_end().to_string()
            }
            None if cap.generic.contains(&crate::text::fold(s)) => String::new(),
            _ => s.to_string(),
        }
    };
    let after = without_generic(&name[split..]);
    let shop = if !after.is_empty() {
        after
    } else {
        // The name up to the store word, from its first capital.
        let head = &name[..split];
        let first = head.char_indices().find(|&(i, c)| {
            c.is_uppercase() && head[..i].chars().last().is_none_or(char::is_whitespace)
        })?;
        head[first.0..].to_string()
    };
    let shop = shop.trim_matches(|c: char| matches!(c, '«' | '»' | '"' | '“' | '”' | ',' | '.'));
    shop.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase())
        .then(|| shop.to_string())
}

/// Limits a scope to a shop named outside its text (a section heading, a
/// data record's store). A category that only names the shop ("prodotti
/// del Caseificio", "Forno da Vila") gives way to it; other categories
/// stay, under the store's kind (a shop's codes for its novels).
pub fn limit_to_shop(scope: &mut Scope, name: String) {
    let first = crate::text::fold(name.split_whitespace().next().unwrap_or(&name));
    scope.categories.retain(|c| {
        !crate::text::fold(c)
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w == first)
    });
    scope.stores.push(name);
    scope.kind = Some(ScopeKind::Store);
}

/// Byte offset of `word` in `hay` on word boundaries.
fn find_word(hay: &str, word: &str) -> Option<usize> {
    word_positions(hay, word).next()
}

/// Every place `word` stands as a whole word in `hay`, first to last.
fn word_positions<'h>(hay: &'h str, word: &'h str) -> impl Iterator<Item = usize> + 'h {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(p) = hay.get(from..)?.find(word) {
            let at = from + p;
            from = at + word.len().max(1);
            while from < hay.len() && !hay.is_char_boundary(from) {
                from += 1;
            }
            // A word separator never touches a hyphen: "e" does not split "e-bike".
            let hyphen = hay[..at].ends_with('-') || hay[at + word.len()..].starts_with('-');
            let wordy = word.chars().any(char::is_alphanumeric);
            if crate::text::on_word_boundaries(hay, at, at + word.len()) && !(wordy && hyphen) {
                return Some(at);
            }
        }
        None
    })
}

/// Goods named right after a discount in the segment, when no cue names
/// them: "10 € Rabatt auf Füllfederhalter", "15% off all O gauge rolling
/// stock", "7% على الهواتف الذكية". The word after the value (or after the
/// discount word that follows it) must be one of the language's
/// `goods_after_value`; a name that opens with one of `not_goods` ("your
/// first order", "Ihre Einrichtung", "for Text Subscribers") or holds a
/// cue other than a category word is no goods.
fn goods_after_value(
    m: &Mentions,
    cap: &Capture,
    ev: &EvidenceLog,
    seg: &Segment,
) -> Vec<(usize, usize, String)> {
    if cap.goods_after_value.is_empty() {
        return Vec::new();
    }
    let f = &m.folded.text;
    let skip_spaces = |mut at: usize| {
        while f.as_bytes().get(at) == Some(&b' ') {
            at += 1;
        }
        at
    };
    let opener = |at: usize| {
        cap.goods_after_value
            .iter()
            .filter(|w| {
                f[at..].starts_with(w.as_str())
                    && crate::text::on_word_boundaries(f, at, at + w.len())
            })
            .map(|w| (at, at + w.len()))
            .max_by_key(|r| r.1)
    };
    let values = m
        .percents_starting_in(seg.span())
        .iter()
        .map(|p| (p.start, p.end))
        .chain(
            m.money_starting_in(seg.span())
                .iter()
                .map(|x| (x.start, x.end)),
        );
    let mut out = Vec::new();
    // A sale banner's goods ("up to 60% off past-season pieces") are no
    // voucher's scope.
    for (_, end) in values.filter(|&v| seg.contains(v.1) && !super::tiers::banner(m, v)) {
        let at = skip_spaces(end);
        // The opener right after the value, else after the discount word
        // that follows it, else ending that word ("Rabatt auf").
        let discount = m
            .cues_starting_in((at, at + 1))
            .iter()
            .filter(|c| c.cue.kind == CueKind::Discount)
            .max_by_key(|c| c.end);
        let word = opener(at)
            .or_else(|| discount.and_then(|c| opener(skip_spaces(c.end))))
            .or_else(|| {
                let c = discount?;
                let last = f[c.start..c.end].rsplit(' ').next()?;
                cap.goods_after_value
                    .iter()
                    .any(|w| w == last)
                    .then(|| (c.end - last.len(), c.end))
            });
        let Some(word) = word else { continue };
        // The goods end with their phrase, within the clause: what follows
        // a comma, a colon or a dash says something else ("15 % auf
        // Winterbekleidung" / "Handschuhe, Überschuhe …" is an example list).
        let clause_end = m.clause_of(word.0).1.max(word.1);
        let phrase_end = [",", ":", " - ", ". ", "("]
            .iter()
            .filter_map(|p| f[word.1..clause_end].find(p))
            .min()
            .map_or(clause_end, |p| word.1 + p);
        for (a, b, name) in capture(m, cap, ev, word, Side::After, false) {
            if a >= phrase_end {
                continue;
            }
            // Folding keeps character counts: the phrase's end cuts the
            // name at the same character.
            let (b, name) = if b > phrase_end {
                let keep = f[a..phrase_end].chars().count();
                let cut: String = name.chars().take(keep).collect();
                let cut = cut.trim_end().to_string();
                (a + crate::text::fold(&cut).len(), cut)
            } else {
                (b, name)
            };
            let first = f[a..b].split(' ').next().unwrap_or("");
            // Any cue inside but a category word ("collection") or the
            // shop word of a shop's name ("tienda Voltia Outlet", not
            // "in-store") makes the words something else: an order, a
            // shopper, a date, a place.
            let shop = store_name(&name, cap).is_some();
            let cued = m
                .cues_starting_in((word.0, b))
                .iter()
                .filter(|c| c.end > a)
                .any(|c| match c.cue.kind {
                    CueKind::Category => false,
                    CueKind::StoreColumn => !shop,
                    _ => true,
                });
            if !name.is_empty() && !cued && !cap.not_goods.iter().any(|w| w == first) {
                out.push((a, b, name));
            }
        }
    }
    out
}

/// The scope of a segment.
pub fn scope(
    lex: &Lexicon,
    lang: usize,
    m: &Mentions,
    seg: &Segment,
    ev: &mut EvidenceLog,
) -> Scope {
    let cap = &lex.captures[lang];
    let mut s = Scope::default();
    // "gilt für Lieferungen … nach Liechtenstein": a country (after at most
    // a preposition) is where the code holds, not what it is for.
    let names_country = |name: &str| {
        let folded = crate::text::fold(name);
        let country = lex
            .countries
            .find(&folded, Some(&[lang]))
            .any(|h| h.end == folded.len() && folded[..h.start].split_whitespace().count() <= 1);
        country
    };
    let mut platform = None;
    let mut product = None;
    let push = |list: &mut Vec<String>, name: String| {
        if !list.iter().any(|x| x.eq_ignore_ascii_case(&name)) {
            list.push(name);
        }
    };
    for c in m
        .cues_starting_in(seg.span())
        .iter()
        .filter(|c| seg.contains(c.start))
    {
        match c.cue.kind {
            CueKind::Platform if platform.is_none() => {
                platform = Some((c.start, c.end, c.cue.id.clone()))
            }
            CueKind::Product if product.is_none() => {
                product = Some((c.start, c.end, c.cue.id.clone()))
            }
            // A shop column's cell (a hit projected from its header, no
            // width); the label word in running text names no shop.
            CueKind::StoreColumn if c.start < c.end => {}
            CueKind::Store | CueKind::StoreColumn | CueKind::Category | CueKind::Excluded => {
                // A longer cue of another kind at the same place wins ("only in the app").
                if m.cues
                    .iter()
                    .any(|o| o.start <= c.start && o.end > c.end && o.cue.kind != c.cue.kind)
                {
                    continue;
                }
                let proper = matches!(c.cue.kind, CueKind::Store | CueKind::StoreColumn);
                let cue = (c.start, c.end);
                let mut names = match c.cue.value {
                    ValueSide::Before => capture(m, cap, ev, cue, Side::Before, proper),
                    ValueSide::After => capture(m, cap, ev, cue, Side::After, proper),
                    ValueSide::Either => {
                        let after = capture(m, cap, ev, cue, Side::After, proper);
                        if after.is_empty() {
                            capture(m, cap, ev, cue, Side::Before, proper)
                        } else {
                            after
                        }
                    }
                };
                // A label line ("Gilt für" / "Notebooks", `<dt>`/`<dd>`):
                // the names are the next line, unless it is a label too.
                let line = super::tiers::line_of(m, c.start);
                if names.is_empty()
                    && line.1 < m.folded.text.len()
                    && super::table::label_kind(m, line) == Some(c.cue.kind)
                {
                    let next = super::tiers::line_of(m, line.1 + 1);
                    if seg.contains(next.0) && super::table::label_kind(m, next).is_none() {
                        names = capture(m, cap, ev, (next.0, next.0), Side::After, proper);
                    }
                }
                for (a, b, name) in names {
                    if names_country(&name) {
                        continue;
                    }
                    // "on all Veda Kitchen Official Store products", "na loja
                    // Atelier Jasmim": a shop, not a category.
                    let shop = (c.cue.kind == CueKind::Category)
                        .then(|| store_name(&name, cap))
                        .flatten();
                    if let Some(shop) = shop {
                        ev.add("scope.stores", a, b, &c.cue.id);
                        push(&mut s.stores, shop);
                        continue;
                    }
                    let (list, field) = match c.cue.kind {
                        CueKind::Store | CueKind::StoreColumn => (&mut s.stores, "scope.stores"),
                        CueKind::Category => (&mut s.categories, "scope.categories"),
                        _ => (&mut s.excluded, "scope.excluded"),
                    };
                    ev.add(field, a, b, &c.cue.id);
                    push(list, name);
                }
            }
            _ => {}
        }
    }
    // Goods after the discount name a shop's categories too ("Inkwell Alley |
    // 15% off fountain pens"), but not the shop again ("10% en Yerbatera").
    if s.categories.is_empty() && platform.is_none() && product.is_none() {
        let rule = format!("{}.capture.goods_after_value", lex.languages[lang].tag);
        let shop_words: Vec<String> = s
            .stores
            .iter()
            .flat_map(|x| {
                crate::text::fold(x)
                    .split_whitespace()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.chars().count() > 3)
            .collect();
        for (a, b, name) in goods_after_value(m, cap, ev, seg) {
            if names_country(&name)
                || crate::text::fold(&name)
                    .split_whitespace()
                    .any(|w| shop_words.iter().any(|s| s == w))
            {
                continue;
            }
            match store_name(&name, cap) {
                Some(shop) => {
                    ev.add("scope.stores", a, b, &rule);
                    push(&mut s.stores, shop);
                }
                None => {
                    ev.add("scope.categories", a, b, &rule);
                    push(&mut s.categories, name);
                }
            }
        }
    }
    // "Home Appliances" and "the Home Appliances department" are one name:
    // keep the shorter. A name joined to another ("Audio e cuffie" beside
    // "cuffie") is one name of its own: keep the longer.
    let joined = |long: &str, short: &str| {
        long.replace(short, " ")
            .split_whitespace()
            .any(|w| cap.separators.iter().any(|sep| sep == w))
    };
    for list in [&mut s.stores, &mut s.categories, &mut s.excluded] {
        let folded: Vec<String> = list.iter().map(|x| crate::text::fold(x)).collect();
        let within = |i: usize, j: usize| {
            j != i && folded[j].len() < folded[i].len() && folded[i].contains(&folded[j])
        };
        let keep: Vec<bool> = (0..list.len())
            .map(|i| {
                !(0..list.len()).any(|j| {
                    within(i, j) && !joined(&folded[i], &folded[j])
                        || within(j, i) && joined(&folded[j], &folded[i])
                })
            })
            .collect();
        let mut k = keep.iter();
        list.retain(|_| *k.next().unwrap_or(&true));
    }
    s.kind = if !s.stores.is_empty() {
        Some(ScopeKind::Store)
    } else if !s.categories.is_empty() {
        Some(ScopeKind::Category)
    } else if let Some((a, b, rule)) = product {
        ev.add("scope.kind", a, b, &rule);
        Some(ScopeKind::Product)
    } else if let Some((a, b, rule)) = platform {
        ev.add("scope.kind", a, b, &rule);
        Some(ScopeKind::Platform)
    } else {
        None
    };
    s
}

#[cfg(test)]
mod tests {
    use super::find_word;

    #[test]
    fn word_separators_are_whole_words_and_never_touch_a_hyphen() {
        assert_eq!(find_word("esclusi e-bike e telai", "e"), Some(15));
        assert_eq!(find_word("audio e cuffie", "e"), Some(6));
        assert_eq!(find_word("e-books", "e"), None);
        assert_eq!(find_word("shoes, bags", ","), Some(5));
    }
}
