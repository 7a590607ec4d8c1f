//! Monthly trend: one bar per month, stacked by category (largest categories at the bottom,
//! the rest folded into "Other"), with the month's total above the bar when it fits.

use chrono::{Datelike, NaiveDate};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::canvas::{self, Canvas};
use super::scale::to_f64;
use super::theme::{self, MARGIN, MUTED, OTHER, TITLE_HEIGHT};
use super::{ChartError, HEIGHT, Trend, WIDTH};

/// Categories drawn with their own colour; the rest become "Other".
const TOP: usize = 6;
/// Width of the legend column on the right.
const LEGEND_W: i32 = 170;

/// One stacked layer: a category (or the folded rest) and its per-month values.
struct Layer {
    name: String,
    color: RGBColor,
    values: Vec<Decimal>,
}

/// Draws the monthly trend as PNG bytes.
pub fn trend(data: &Trend) -> Result<Vec<u8>, ChartError> {
    let layers = layers(data);
    let totals = month_totals(&layers, data.months.len());
    canvas::render(|c| {
        if data.months.is_empty() || totals.iter().all(|t| t.is_zero()) {
            return c.empty(&data.title, "No spending in these months yet.");
        }
        draw(c, data, &layers, &totals)
    })
}

/// Values aligned to the months (missing = 0, negative = 0), ranked by total, folded.
fn layers(data: &Trend) -> Vec<Layer> {
    let n = data.months.len();
    let mut ranked: Vec<(String, Vec<Decimal>, Decimal)> = data
        .series
        .iter()
        .map(|(name, vals)| {
            let aligned: Vec<Decimal> = (0..n)
                .map(|i| vals.get(i).copied().unwrap_or_default().max(Decimal::ZERO))
                .collect();
            let total = aligned.iter().copied().sum();
            (theme::clean_label(name), aligned, total)
        })
        .filter(|(_, _, total)| *total > Decimal::ZERO)
        .collect();
    ranked.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let keep = if ranked.len() <= TOP + 1 {
        ranked.len()
    } else {
        TOP
    };
    let rest = ranked.split_off(keep);
    let mut out: Vec<Layer> = ranked
        .into_iter()
        .enumerate()
        .map(|(i, (name, values, _))| Layer {
            name,
            color: theme::series_color(i),
            values,
        })
        .collect();
    if !rest.is_empty() {
        let values = (0..n)
            .map(|i| rest.iter().map(|(_, v, _)| v[i]).sum())
            .collect();
        out.push(Layer {
            name: format!("Other ({} more)", rest.len()),
            color: OTHER,
            values,
        });
    }
    out
}

fn month_totals(layers: &[Layer], n: usize) -> Vec<Decimal> {
    (0..n)
        .map(|i| layers.iter().map(|l| l.values[i]).sum())
        .collect()
}

fn draw(
    c: &mut Canvas,
    data: &Trend,
    layers: &[Layer],
    totals: &[Decimal],
) -> Result<(), ChartError> {
    let grand: Decimal = totals.iter().copied().sum();
    let note = format!("Total {}", theme::money(grand, data.currency));
    c.header(&data.title, Some(&note));

    let top = MARGIN + TITLE_HEIGHT + 14;
    let bottom = HEIGHT as i32 - MARGIN - 40;
    let max = totals.iter().copied().max().unwrap_or(Decimal::ONE);
    let (ys, ticks) = canvas::money_axis(Decimal::ZERO, max, bottom, top, data.currency);
    let x0 = MARGIN + canvas::ticks_width(&ticks) + 10;
    let x1 = WIDTH as i32 - MARGIN - LEGEND_W;
    c.y_grid(&ticks, x0, x1)?;

    let n = data.months.len() as i32;
    let slot = (x1 - x0) / n.max(1);
    let bar_w = (slot * 65 / 100).max(1);
    let label_every = month_label_step(slot);
    for (i, month) in data.months.iter().enumerate() {
        let left = x0 + slot * i as i32 + (slot - bar_w) / 2;
        let mut acc = Decimal::ZERO;
        for layer in layers {
            let v = layer.values[i];
            if v.is_zero() {
                continue;
            }
            let y_lo = ys.px(to_f64(acc));
            acc += v;
            let y_hi = ys.px(to_f64(acc));
            if y_lo > y_hi {
                c.fill_rect((left, y_hi), (left + bar_w - 1, y_lo - 1), layer.color)?;
            }
        }
        let cx = left + bar_w / 2;
        let total = theme::tick_money(totals[i].round(), data.currency);
        if !totals[i].is_zero() && theme::text_width(&total, theme::SMALL_SIZE) < slot - 2 {
            let y = ys.px(to_f64(totals[i])) - 10;
            c.label(
                &total,
                (cx, y),
                theme::SMALL_SIZE,
                MUTED,
                (HPos::Center, VPos::Center),
            );
        }
        if i % label_every == 0 {
            c.label(
                &month_name(*month),
                (cx, bottom + 16),
                theme::SMALL_SIZE,
                MUTED,
                (HPos::Center, VPos::Center),
            );
            if i == 0 || month.month() == 1 {
                let year = month.year().to_string();
                c.label(
                    &year,
                    (cx, bottom + 34),
                    theme::SMALL_SIZE,
                    MUTED,
                    (HPos::Center, VPos::Center),
                );
            }
        }
    }
    c.axis_line((x0, bottom), (x1, bottom))?;

    // Legend, top category first (the reverse of the stack, which reads bottom-up).
    let lx = x1 + 20;
    let mut ly = top + 8;
    for layer in layers {
        let name = theme::truncate_to_width(&layer.name, theme::SMALL_SIZE, LEGEND_W - 40);
        c.legend_item(lx, ly, layer.color, &name)?;
        ly += 26;
    }
    Ok(())
}

/// Label every k-th month so labels never collide.
fn month_label_step(slot: i32) -> usize {
    let need = theme::text_width("May", theme::SMALL_SIZE) + 8;
    (need / slot.max(1) + 1).max(1) as usize
}

fn month_name(d: NaiveDate) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[d.month0() as usize % 12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn month(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap()
    }

    #[test]
    fn ragged_series_are_aligned_and_small_ones_folded() {
        let data = Trend {
            title: String::new(),
            currency: Currency::USD,
            months: vec![month(1), month(2), month(3)],
            series: (0..10)
                .map(|i| {
                    (
                        format!("c{i}"),
                        vec![Decimal::from(i + 1); (i % 4 + 1) as usize],
                    )
                })
                .collect(),
        };
        let layers = layers(&data);
        assert_eq!(layers.len(), TOP + 1);
        assert!(layers.iter().all(|l| l.values.len() == 3));
        assert!(layers.last().unwrap().name.starts_with("Other"));
    }
}
