//! Microdata (`itemscope` / `itemprop`) items, collected while the page is
//! read and turned into JSON objects (`{"@type": "Offer", "price": "10"}`)
//! so that schema.org offers read the same way as JSON-LD.

use serde_json::{Map, Value};

/// Items nested deeper than this are read as plain text.
const MAX_DEPTH: u32 = 16;
/// At most this many items per page.
const MAX_ITEMS: usize = 10_000;

struct Item {
    parent: Option<u32>,
    /// The property names under which this item is a value of its parent.
    prop_names: Option<String>,
    depth: u32,
    props: Map<String, Value>,
    at: usize,
}

/// The items of one page.
#[derive(Default)]
pub struct Microdata {
    items: Vec<Option<Item>>,
    /// Finished top-level items with the source offset they started at.
    pub done: Vec<(usize, Value)>,
}

impl Microdata {
    /// Opens an item; `None` when nesting or count limits are reached.
    pub fn open(
        &mut self,
        parent: Option<u32>,
        prop_names: Option<&str>,
        itemtype: &str,
        at: usize,
    ) -> Option<u32> {
        let depth = match parent
            .and_then(|p| self.items.get(p as usize))
            .and_then(|i| i.as_ref())
        {
            Some(p) => p.depth + 1,
            None => 0,
        };
        if depth > MAX_DEPTH || self.items.len() >= MAX_ITEMS {
            return None;
        }
        let mut props = Map::new();
        let ty = itemtype
            .split_ascii_whitespace()
            .map(|t| {
                t.trim_end_matches('/')
                    .rsplit(['/', '#'])
                    .next()
                    .unwrap_or(t)
            })
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>();
        if !ty.is_empty() {
            props.insert("@type".into(), Value::String(ty.join(" ")));
        }
        self.items.push(Some(Item {
            parent,
            prop_names: prop_names.map(str::to_string),
            depth,
            props,
            at,
        }));
        Some((self.items.len() - 1) as u32)
    }

    /// Adds a value under every name of a space-separated `itemprop`.
    pub fn add(&mut self, item: u32, names: &str, value: Value) {
        let Some(Some(it)) = self.items.get_mut(item as usize) else {
            return;
        };
        add_props(&mut it.props, names, value);
    }

    /// Closes an item: attaches it to its parent, or files it as top-level.
    pub fn close(&mut self, item: u32) {
        let Some(slot) = self.items.get_mut(item as usize) else {
            return;
        };
        let Some(it) = slot.take() else {
            return;
        };
        let value = Value::Object(it.props);
        match (it.parent, it.prop_names) {
            (Some(p), Some(names)) => {
                if let Some(Some(parent)) = self.items.get_mut(p as usize) {
                    add_props(&mut parent.props, &names, value);
                    return;
                }
                self.done.push((it.at, value));
            }
            _ => self.done.push((it.at, value)),
        }
    }
}

fn add_props(props: &mut Map<String, Value>, names: &str, value: Value) {
    for name in names.split_ascii_whitespace() {
        // `itemprop` may be a URL; its last segment is the name.
        let name = name
            .trim_end_matches('/')
            .rsplit(['/', '#'])
            .next()
            .unwrap_or(name);
        match props.get_mut(name) {
            None => {
                props.insert(name.to_string(), value.clone());
            }
            Some(Value::Array(list)) => list.push(value.clone()),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value.clone()]);
            }
        }
    }
}
