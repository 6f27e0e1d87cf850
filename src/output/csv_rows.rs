//! The CSV view of a record: the contract's columns, one row per tier.

use crate::record::{Money, Record, Tier};

const COLUMNS: &[&str] = &[
    "id",
    "source_url",
    "source_file",
    "language",
    "code",
    "auto_applied",
    "title",
    "tier",
    "discount_type",
    "discount_amount",
    "discount_currency",
    "discount_percent",
    "min_order_amount",
    "min_order_currency",
    "max_discount_amount",
    "max_discount_currency",
    "recurring",
    "free_shipping",
    "scope_kind",
    "scope_stores",
    "scope_categories",
    "scope_excluded",
    "valid_from",
    "valid_until",
    "time_zone",
    "days_after_claim",
    "per_user_limit",
    "total_limit",
    "first_come_first_served",
    "new_users_only",
    "app_only",
    "regions",
    "payment_methods",
    "stackable",
    "warnings",
];

/// The CSV header, in the contract's order.
pub fn csv_header() -> Vec<&'static str> {
    COLUMNS.to_vec()
}

/// A cell a spreadsheet would run as a formula is prefixed with `'` so it
/// shows as text.
fn guard(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

fn money(m: &Option<Money>) -> (String, String) {
    match m {
        Some(m) => (m.amount.to_string(), m.currency.clone().unwrap_or_default()),
        None => (String::new(), String::new()),
    }
}

/// The rows of a record: one per tier, or one with empty tier cells.
pub fn csv_rows(r: &Record) -> Vec<Vec<String>> {
    let tiers: Vec<Option<&Tier>> = if r.tiers.is_empty() {
        vec![None]
    } else {
        r.tiers.iter().map(Some).collect()
    };
    tiers
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let (dtype, (da, dc), dp, (ma, mc), (xa, xc), rec) = match t {
                Some(t) => (
                    match t.discount.kind {
                        crate::record::DiscountType::Amount => "amount".to_string(),
                        crate::record::DiscountType::Percent => "percent".to_string(),
                    },
                    money(&t.discount.amount),
                    opt(&t.discount.percent),
                    money(&t.min_order),
                    money(&t.max_discount),
                    t.recurring.to_string(),
                ),
                None => Default::default(),
            };
            let row = vec![
                r.id.clone(),
                opt(&r.source.url),
                opt(&r.source.file),
                r.language.clone(),
                opt(&r.code),
                r.auto_applied.to_string(),
                opt(&r.title),
                if t.is_some() {
                    i.to_string()
                } else {
                    String::new()
                },
                dtype,
                da,
                dc,
                dp,
                ma,
                mc,
                xa,
                xc,
                rec,
                r.free_shipping.to_string(),
                r.scope
                    .kind
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default(),
                r.scope.stores.join("|"),
                r.scope.categories.join("|"),
                r.scope.excluded.join("|"),
                opt(&r.validity.starts),
                opt(&r.validity.ends),
                opt(&r.validity.time_zone),
                opt(&r.validity.days_after_claim),
                opt(&r.usage.per_user),
                opt(&r.usage.total),
                r.usage.first_come_first_served.to_string(),
                r.eligibility.new_users_only.to_string(),
                r.eligibility.app_only.to_string(),
                r.eligibility.regions.join("|"),
                r.eligibility.payment_methods.join("|"),
                opt(&r.stackable),
                r.warnings.join("|"),
            ];
            row.into_iter().map(guard).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Source;

    #[test]
    fn formula_cells_are_shown_as_text() {
        let mut r = Record::empty(Source::default(), "en");
        r.title = Some("=HYPERLINK(\"x\")".into());
        r.code = Some("-5OFF".into());
        let rows = csv_rows(&r);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][6], "'=HYPERLINK(\"x\")");
        assert_eq!(rows[0][4], "'-5OFF");
        assert_eq!(rows[0].len(), csv_header().len());
    }
}
