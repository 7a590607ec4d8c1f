//! Budget vs actual: one row per category, each bar drawn as a share of that category's own
//! budget so a $50 budget and a $1,500 one are equally readable. The track up to 100 % is the
//! budget; the bar is what was spent, a lighter bar behind it where spending is projected to
//! end. Colour says the state (within, projected over, over) and the text says it again, so
//! nothing depends on colour alone.

use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::canvas::{self, Canvas};
use super::scale::{Linear, to_f64};
use super::theme::{self, BAD, GOOD, GRID, MARGIN, MUTED, OTHER, TEXT, TITLE_HEIGHT, WARN};
use super::{BudgetChart, BudgetRow, ChartError, HEIGHT, WIDTH};

/// Rows drawn at most; the rest are summed into one "Other (k more)" row.
const MAX_ROWS: usize = 10;
/// Widest the category label column may get.
const MAX_LABEL_PX: i32 = 170;
/// The x axis always reaches at least this share of the budget, and at most the second.
const MIN_SCALE: f64 = 1.25;
const MAX_SCALE: f64 = 2.0;

/// Where a row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Within,
    ProjectedOver,
    Over,
}

/// One drawn row.
struct Row {
    label: String,
    budget: Decimal,
    spent: Decimal,
    projected: Option<Decimal>,
    folded: bool,
}

impl Row {
    fn state(&self) -> State {
        if self.spent > self.budget {
            State::Over
        } else if self.projected.is_some_and(|p| p > self.budget) {
            State::ProjectedOver
        } else {
            State::Within
        }
    }

    /// Spent (or projected) as a share of the budget; with no budget, anything spent is
    /// off the scale.
    fn share(&self, v: Decimal) -> f64 {
        if self.budget > Decimal::ZERO {
            to_f64(v) / to_f64(self.budget)
        } else if v > Decimal::ZERO {
            f64::INFINITY
        } else {
            0.0
        }
    }
}

/// Draws budget vs actual as PNG bytes.
pub fn budget(data: &BudgetChart) -> Result<Vec<u8>, ChartError> {
    let rows = rows(&data.rows);
    canvas::render(|c| {
        if rows.is_empty() {
            return c.empty(&data.title, "No budgets set yet.");
        }
        draw(c, data, &rows)
    })
}

/// Rows most at risk first (highest share of budget spent, then projected), the rest folded.
fn rows(input: &[BudgetRow]) -> Vec<Row> {
    let mut all: Vec<Row> = input
        .iter()
        .map(|r| Row {
            label: theme::clean_label(&r.category),
            budget: r.budget.max(Decimal::ZERO),
            spent: r.spent.max(Decimal::ZERO),
            projected: r.projected.map(|p| p.max(Decimal::ZERO)),
            folded: false,
        })
        .filter(|r| r.budget > Decimal::ZERO || r.spent > Decimal::ZERO)
        .collect();
    let key = |r: &Row| (r.share(r.spent), r.projected.map_or(0.0, |p| r.share(p)));
    all.sort_by(|a, b| {
        key(b)
            .partial_cmp(&key(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.label.cmp(&b.label))
    });
    if all.len() <= MAX_ROWS {
        return all;
    }
    let tail = all.split_off(MAX_ROWS - 1);
    let any_projected = tail.iter().any(|r| r.projected.is_some());
    all.push(Row {
        label: format!("Other ({} more)", tail.len()),
        budget: tail.iter().map(|r| r.budget).sum(),
        spent: tail.iter().map(|r| r.spent).sum(),
        projected: any_projected.then(|| tail.iter().map(|r| r.projected.unwrap_or(r.spent)).sum()),
        folded: true,
    });
    all
}

fn draw(c: &mut Canvas, data: &BudgetChart, rows: &[Row]) -> Result<(), ChartError> {
    let cur = data.currency;
    let spent: Decimal = rows.iter().map(|r| r.spent).sum();
    let budget: Decimal = rows.iter().map(|r| r.budget).sum();
    let note = format!(
        "{} of {}",
        theme::money(spent, cur),
        theme::money(budget, cur)
    );
    c.header(&data.title, Some(&note));

    // Legend under the title.
    let ly = MARGIN + TITLE_HEIGHT + 2;
    let mut lx = MARGIN;
    for (color, label) in [
        (GOOD, "within budget"),
        (WARN, "projected over"),
        (BAD, "over budget"),
        (theme::over_background(GOOD, 0.4), "projected"),
    ] {
        lx = c.legend_item(lx, ly, color, label)?;
    }

    let labels: Vec<String> = rows
        .iter()
        .map(|r| theme::truncate_to_width(&r.label, theme::LABEL_SIZE, MAX_LABEL_PX))
        .collect();
    let notes: Vec<(String, String)> = rows.iter().map(|r| row_text(r, cur)).collect();
    let label_w = labels
        .iter()
        .map(|l| theme::text_width(l, theme::LABEL_SIZE))
        .max()
        .unwrap_or(0);
    let note_w = notes
        .iter()
        .map(|(a, b)| {
            theme::text_width(a, theme::SMALL_SIZE).max(theme::text_width(b, theme::SMALL_SIZE))
        })
        .max()
        .unwrap_or(0);

    let right = WIDTH as i32 - MARGIN;
    let x0 = MARGIN + label_w + 12;
    let x1 = (right - note_w - 14).max(x0 + 60);
    let top = ly + 20;
    let bottom = HEIGHT as i32 - MARGIN - 24;
    let row_h = ((bottom - top) / rows.len().max(1) as i32).min(48);
    let bar_h = (row_h * 55 / 100).clamp(6, 24);

    let widest = rows
        .iter()
        .flat_map(|r| [r.share(r.spent), r.projected.map_or(0.0, |p| r.share(p))])
        .fold(0.0f64, f64::max);
    let scale_max = (widest * 1.05).clamp(MIN_SCALE, MAX_SCALE);
    let xs = Linear::new(0.0, scale_max, x0, x1);
    let x100 = xs.px(1.0);

    let mut ticks = vec![
        (xs.px(0.0), "0%".to_string()),
        (xs.px(0.5), "50%".to_string()),
        (x100, "100%".to_string()),
    ];
    if scale_max >= 1.5 {
        ticks.push((xs.px(1.5), "150%".to_string()));
    }
    let rows_bottom = top + row_h * rows.len() as i32;
    c.x_grid(&ticks, top, rows_bottom)?;

    for (i, ((row, name), (amounts, status))) in rows.iter().zip(&labels).zip(&notes).enumerate() {
        let cy = top + row_h * i as i32 + row_h / 2;
        let (y_a, y_b) = (cy - bar_h / 2, cy + bar_h / 2);
        // The budget track, 0–100 %.
        c.fill_rect((x0, y_a), (x100, y_b), GRID)?;
        let color = bar_color(row);
        if let Some(p) = row.projected.filter(|p| *p > row.spent) {
            let end = xs.px(row.share(p).min(scale_max));
            c.fill_rect(
                (x0, y_a + 3),
                (end, y_b - 3),
                theme::over_background(color, 0.4),
            )?;
        }
        let share = row.share(row.spent);
        let end = xs.px(share.min(scale_max));
        if end > x0 {
            c.fill_rect((x0, y_a), (end, y_b), color)?;
        }
        if share > scale_max {
            // Off the scale: an arrow head says the bar goes on.
            c.polygon(vec![(end, y_a - 3), (end + 9, cy), (end, y_b + 3)], color)?;
        }
        let name_color = if row.folded { MUTED } else { TEXT };
        c.label(
            name,
            (x0 - 10, cy),
            theme::LABEL_SIZE,
            name_color,
            (HPos::Right, VPos::Center),
        );
        c.label(
            amounts,
            (x1 + 14, cy - 8),
            theme::SMALL_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
        c.label(
            status,
            (x1 + 14, cy + 10),
            theme::SMALL_SIZE,
            state_text_color(row),
            (HPos::Left, VPos::Center),
        );
    }
    // The budget line, on top of the bars.
    c.fill_rect((x100, top - 4), (x100 + 1, rows_bottom + 4), TEXT)?;
    Ok(())
}

fn bar_color(row: &Row) -> RGBColor {
    if row.folded && row.state() == State::Within {
        return OTHER;
    }
    match row.state() {
        State::Within => GOOD,
        State::ProjectedOver => WARN,
        State::Over => BAD,
    }
}

fn state_text_color(row: &Row) -> RGBColor {
    match row.state() {
        State::Within => MUTED,
        State::ProjectedOver => WARN,
        State::Over => BAD,
    }
}

/// Two lines for the right column: "$320.00 of $400.00" and the state in words.
fn row_text(row: &Row, cur: crate::money::Currency) -> (String, String) {
    if row.budget.is_zero() {
        return (
            format!("{} spent", theme::money(row.spent, cur)),
            "no budget set".to_string(),
        );
    }
    let amounts = format!(
        "{} of {}",
        theme::money(row.spent, cur),
        theme::money(row.budget, cur)
    );
    let pct = (row.spent * Decimal::ONE_HUNDRED / row.budget).round();
    let status = match row.state() {
        State::Over => format!("over by {}", theme::money(row.spent - row.budget, cur)),
        State::ProjectedOver => {
            let p = row.projected.unwrap_or(row.spent);
            format!("{pct}% · heading for {}", theme::money(p, cur))
        }
        State::Within => match row.projected {
            Some(p) => format!("{pct}% · heading for {}", theme::money(p, cur)),
            None => format!("{pct}% used"),
        },
    };
    (amounts, status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn row(cat: &str, budget: i64, spent: i64, projected: Option<i64>) -> BudgetRow {
        BudgetRow {
            category: cat.into(),
            budget: Decimal::from(budget),
            spent: Decimal::from(spent),
            projected: projected.map(Decimal::from),
        }
    }

    #[test]
    fn most_at_risk_first_and_states_in_words() {
        let r = rows(&[
            row("a", 100, 10, None),
            row("b", 100, 120, None),
            row("c", 100, 50, Some(130)),
        ]);
        assert_eq!(
            r.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
            ["b", "c", "a"]
        );
        assert_eq!(r[0].state(), State::Over);
        assert_eq!(r[1].state(), State::ProjectedOver);
        assert_eq!(row_text(&r[0], Currency::USD).1, "over by $20.00");
        assert_eq!(row_text(&r[2], Currency::USD).1, "10% used");
    }

    #[test]
    fn zero_budget_rows_do_not_divide_by_zero() {
        let r = rows(&[row("a", 0, 15, None), row("b", 0, 0, None)]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].share(r[0].spent), f64::INFINITY);
        assert_eq!(row_text(&r[0], Currency::USD).1, "no budget set");
    }
}
