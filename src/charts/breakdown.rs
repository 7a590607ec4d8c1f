//! Category breakdown: one horizontal bar per category, largest first, each with its amount
//! and share; the tail beyond what fits is folded into "Other (k more)".

use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::canvas::{self, Canvas};
use super::scale::{Linear, to_f64};
use super::theme::{self, GOOD, MARGIN, MUTED, OTHER, TEXT, TITLE_HEIGHT};
use super::{Breakdown, ChartError, HEIGHT, WIDTH};

/// Rows drawn at most (the last one being "Other (k more)" when there are more categories).
const MAX_ROWS: usize = 12;
/// Widest the category label column may get.
const MAX_LABEL_PX: i32 = 190;

/// One drawn row.
struct Row {
    label: String,
    value: Decimal,
    folded: bool,
}

/// Draws the category breakdown as PNG bytes.
pub fn breakdown(data: &Breakdown) -> Result<Vec<u8>, ChartError> {
    let rows = rows(&data.items);
    canvas::render(|c| {
        if rows.is_empty() {
            return c.empty(&data.title, "No spending in this period yet.");
        }
        draw(c, data, &rows)
    })
}

/// Positive items, largest first (ties by name so the order is stable), with the tail folded.
fn rows(items: &[(String, Decimal)]) -> Vec<Row> {
    let mut kept: Vec<(String, Decimal)> = items
        .iter()
        .filter(|(_, v)| *v > Decimal::ZERO)
        .map(|(n, v)| (theme::clean_label(n), *v))
        .collect();
    kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if kept.len() <= MAX_ROWS {
        return kept
            .into_iter()
            .map(|(label, value)| Row {
                label,
                value,
                folded: false,
            })
            .collect();
    }
    let tail = kept.split_off(MAX_ROWS - 1);
    let mut out: Vec<Row> = kept
        .into_iter()
        .map(|(label, value)| Row {
            label,
            value,
            folded: false,
        })
        .collect();
    out.push(Row {
        label: format!("Other ({} more)", tail.len()),
        value: tail.iter().map(|(_, v)| *v).sum(),
        folded: true,
    });
    out
}

fn draw(c: &mut Canvas, data: &Breakdown, rows: &[Row]) -> Result<(), ChartError> {
    let total: Decimal = rows.iter().map(|r| r.value).sum();
    let total_text = format!("Total {}", theme::money(total, data.currency));
    c.header(&data.title, Some(&total_text));
    let right = WIDTH as i32 - MARGIN;

    let labels: Vec<String> = rows
        .iter()
        .map(|r| theme::truncate_to_width(&r.label, theme::LABEL_SIZE, MAX_LABEL_PX))
        .collect();
    let values: Vec<String> = rows
        .iter()
        .map(|r| value_text(r.value, total, data))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| theme::text_width(l, theme::LABEL_SIZE))
        .max()
        .unwrap_or(0);
    let value_w = values
        .iter()
        .map(|v| theme::text_width(v, theme::LABEL_SIZE))
        .max()
        .unwrap_or(0);

    let x0 = MARGIN + label_w + 12;
    let x1 = (right - value_w - 10).max(x0 + 40);
    let top = MARGIN + TITLE_HEIGHT + 8;
    let bottom = HEIGHT as i32 - MARGIN;
    let row_h = ((bottom - top) / rows.len().max(1) as i32).min(44);
    let bar_h = (row_h * 7 / 10).clamp(6, 26);
    let max = rows.iter().map(|r| r.value).max().unwrap_or(Decimal::ONE);
    let xs = Linear::new(0.0, to_f64(max), x0, x1);

    for (i, ((row, name), value)) in rows.iter().zip(&labels).zip(&values).enumerate() {
        let cy = top + row_h * i as i32 + row_h / 2;
        let color = if row.folded { OTHER } else { GOOD };
        let end = xs.px(to_f64(row.value)).max(x0 + 2);
        c.fill_rect((x0, cy - bar_h / 2), (end, cy + bar_h / 2), color)?;
        let name_color = if row.folded { MUTED } else { TEXT };
        c.label(
            name,
            (x0 - 10, cy),
            theme::LABEL_SIZE,
            name_color,
            (HPos::Right, VPos::Center),
        );
        c.label(
            value,
            (end + 8, cy),
            theme::LABEL_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
    }
    c.axis_line((x0, top), (x0, top + row_h * rows.len() as i32))
}

/// `$420.00 · 34%`: the amount and its share of the total.
fn value_text(value: Decimal, total: Decimal, data: &Breakdown) -> String {
    let money = theme::money(value, data.currency);
    if total.is_zero() {
        return money;
    }
    let pct = (value * Decimal::ONE_HUNDRED / total).round();
    format!("{money} · {pct}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_is_folded_into_other() {
        let items: Vec<(String, Decimal)> = (1..=20)
            .map(|i| (format!("c{i}"), Decimal::from(i)))
            .collect();
        let rows = rows(&items);
        assert_eq!(rows.len(), MAX_ROWS);
        assert_eq!(rows[0].label, "c20");
        let other = rows.last().unwrap();
        assert!(other.folded);
        assert_eq!(other.label, "Other (9 more)");
        assert_eq!(other.value, Decimal::from((1..=9).sum::<i64>()));
    }

    #[test]
    fn non_positive_items_are_left_out() {
        let items = vec![
            ("a".to_string(), Decimal::ZERO),
            ("b".to_string(), Decimal::NEGATIVE_ONE),
        ];
        assert!(rows(&items).is_empty());
    }
}
