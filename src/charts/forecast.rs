//! Forecast: observed history as a solid line, the forecast mean continuing it, shaded 80 %
//! and 95 % prediction bands, a dashed budget line, and recurring charges marked on the
//! time axis at their dates.

use chrono::{Datelike, NaiveDate};
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use super::canvas::{self, Canvas};
use super::scale::{Linear, to_f64};
use super::theme::{
    self, AXIS, BACKGROUND, BAD, GOOD, GRID, MARGIN, MUTED, TEXT, TITLE_HEIGHT, WARN,
};
use super::{ChartError, ForecastChart, HEIGHT, WIDTH};

/// Recurring-charge labels drawn at most (markers are always drawn).
const MAX_RECURRING_LABELS: usize = 8;

/// Draws the forecast chart as PNG bytes.
pub fn forecast(data: &ForecastChart) -> Result<Vec<u8>, ChartError> {
    canvas::render(|c| {
        if data.history.is_empty() && data.mean.is_empty() {
            return c.empty(&data.title, "Not enough history to forecast yet.");
        }
        draw(c, data)
    })
}

/// The data made drawable: sorted by date, the forecast joined to the last observation.
struct Prepared {
    history: Vec<(NaiveDate, Decimal)>,
    mean: Vec<(NaiveDate, Decimal)>,
    band80: Vec<(NaiveDate, Decimal, Decimal)>,
    band95: Vec<(NaiveDate, Decimal, Decimal)>,
}

fn prepare(data: &ForecastChart) -> Prepared {
    let mut history = data.history.clone();
    history.sort_by_key(|p| p.0);
    let mut mean = data.mean.clone();
    mean.sort_by_key(|p| p.0);
    let mut band80 = data.band80.clone();
    band80.sort_by_key(|p| p.0);
    let mut band95 = data.band95.clone();
    band95.sort_by_key(|p| p.0);
    // Start the forecast where the history ends, so the lines and bands join up.
    if let Some(&(last_d, last_v)) = history.last() {
        if mean.first().is_some_and(|(d, _)| *d > last_d) {
            mean.insert(0, (last_d, last_v));
        }
        for band in [&mut band80, &mut band95] {
            if band.first().is_some_and(|(d, _, _)| *d > last_d) {
                band.insert(0, (last_d, last_v, last_v));
            }
        }
    }
    Prepared {
        history,
        mean,
        band80,
        band95,
    }
}

fn draw(c: &mut Canvas, data: &ForecastChart) -> Result<(), ChartError> {
    let p = prepare(data);
    let end_note = p.mean.last().map(|(d, v)| {
        format!(
            "heading for {} by {}",
            theme::money(*v, data.currency),
            short_date(*d)
        )
    });
    c.header(&data.title, end_note.as_deref());
    let band80_color = theme::over_background(WARN, 0.42);
    let band95_color = theme::over_background(WARN, 0.2);

    // Legend under the title: only what is drawn.
    let ly = MARGIN + TITLE_HEIGHT + 2;
    let mut lx = MARGIN;
    if !p.history.is_empty() {
        lx = line_legend(c, lx, ly, GOOD, "history")?;
    }
    if !p.mean.is_empty() {
        lx = line_legend(c, lx, ly, WARN, "forecast")?;
    }
    if !p.band80.is_empty() {
        lx = c.legend_item(lx, ly, band80_color, "80% range")?;
    }
    if !p.band95.is_empty() {
        lx = c.legend_item(lx, ly, band95_color, "95% range")?;
    }
    if data.budget.is_some() {
        c.dashed_hline(lx, lx + 22, ly, BAD, 2)?;
        c.label(
            "budget",
            (lx + 28, ly),
            theme::SMALL_SIZE,
            MUTED,
            (HPos::Left, VPos::Center),
        );
        lx += 28 + theme::text_width("budget", theme::SMALL_SIZE) + 18;
    }
    if !data.recurring.is_empty() {
        diamond(c, lx + 6, ly, 6)?;
        c.label(
            "recurring",
            (lx + 18, ly),
            theme::SMALL_SIZE,
            MUTED,
            (HPos::Left, VPos::Center),
        );
    }

    // Domains.
    let dates = p
        .history
        .iter()
        .map(|x| x.0)
        .chain(p.mean.iter().map(|x| x.0))
        .chain(p.band80.iter().map(|x| x.0))
        .chain(p.band95.iter().map(|x| x.0));
    let (Some(d_min), Some(d_max)) = (dates.clone().min(), dates.max()) else {
        return Ok(());
    };
    // A single date gets a day either side so its point sits mid-chart, not on the axis.
    let (d_min, d_max) = if d_min == d_max {
        (
            d_min.pred_opt().unwrap_or(d_min),
            d_max.succ_opt().unwrap_or(d_max),
        )
    } else {
        (d_min, d_max)
    };
    let values = p
        .history
        .iter()
        .map(|x| x.1)
        .chain(p.mean.iter().map(|x| x.1))
        .chain(p.band80.iter().flat_map(|x| [x.1, x.2]))
        .chain(p.band95.iter().flat_map(|x| [x.1, x.2]))
        .chain(data.budget);
    let v_max = values.clone().max().unwrap_or(Decimal::ONE);
    let v_min = values.min().unwrap_or(Decimal::ZERO).min(Decimal::ZERO);

    let top = ly + 26;
    let bottom = HEIGHT as i32 - MARGIN - 40;
    let (ys, ticks) = canvas::money_axis(v_min, v_max, bottom, top, data.currency);
    let x0 = MARGIN + canvas::ticks_width(&ticks) + 10;
    let x1 = WIDTH as i32 - MARGIN - 10;
    let span = (d_max - d_min).num_days().max(1) as f64;
    let xs = Linear::new(0.0, span, x0, x1);
    let x_of = |d: NaiveDate| xs.px((d - d_min).num_days() as f64);
    let y_of = |v: Decimal| ys.px(to_f64(v));

    c.y_grid(&ticks, x0, x1)?;
    let date_ticks = date_ticks(d_min, d_max);
    for d in &date_ticks {
        let x = x_of(*d);
        c.polyline(vec![(x, top), (x, bottom)], GRID, 1)?;
        c.label(
            &date_label(*d, span),
            (x, bottom + 18),
            theme::SMALL_SIZE,
            MUTED,
            (HPos::Center, VPos::Center),
        );
    }

    for (band, color) in [(&p.band95, band95_color), (&p.band80, band80_color)] {
        let upper = band.iter().map(|(d, _, hi)| (x_of(*d), y_of(*hi)));
        let lower = band.iter().rev().map(|(d, lo, _)| (x_of(*d), y_of(*lo)));
        c.polygon(upper.chain(lower).collect(), color)?;
    }
    if let Some(history_end) = p.history.last().filter(|_| !p.mean.is_empty()) {
        let x = x_of(history_end.0);
        c.polyline(vec![(x, top), (x, bottom)], AXIS, 1)?;
        c.label(
            "forecast →",
            (x + 6, top + 10),
            theme::SMALL_SIZE,
            MUTED,
            (HPos::Left, VPos::Center),
        );
    }
    if let Some(b) = data.budget {
        let y = y_of(b);
        c.dashed_hline(x0, x1, y, BAD, 2)?;
        // Labelled at the left, over the history, which is usually clear of the bands.
        let text = format!("budget {}", theme::money(b, data.currency));
        let w = theme::text_width(&text, theme::SMALL_SIZE);
        // Above the line, or below it when the line runs along the top.
        let ty = if y - 21 < top { y + 13 } else { y - 12 };
        c.fill_rect((x0 + 4, ty - 9), (x0 + 12 + w, ty + 8), BACKGROUND)?;
        c.label(
            &text,
            (x0 + 8, ty),
            theme::SMALL_SIZE,
            BAD,
            (HPos::Left, VPos::Center),
        );
    }
    c.polyline(
        p.mean.iter().map(|(d, v)| (x_of(*d), y_of(*v))).collect(),
        WARN,
        3,
    )?;
    c.polyline(
        p.history
            .iter()
            .map(|(d, v)| (x_of(*d), y_of(*v)))
            .collect(),
        GOOD,
        3,
    )?;
    if let [(d, v)] = p.history.as_slice() {
        c.fill_rect(
            (x_of(*d) - 4, y_of(*v) - 4),
            (x_of(*d) + 4, y_of(*v) + 4),
            GOOD,
        )?;
    }
    c.axis_line((x0, bottom), (x1, bottom))?;

    recurring(c, data, (d_min, d_max), &x_of, (x0, bottom))
}

/// Diamonds on the time axis at each recurring charge, labelled where labels do not collide.
fn recurring(
    c: &mut Canvas,
    data: &ForecastChart,
    (d_min, d_max): (NaiveDate, NaiveDate),
    x_of: &dyn Fn(NaiveDate) -> i32,
    (x0, bottom): (i32, i32),
) -> Result<(), ChartError> {
    let mut marks: Vec<&(NaiveDate, String, Decimal)> = data
        .recurring
        .iter()
        .filter(|(d, _, _)| *d >= d_min && *d <= d_max)
        .collect();
    marks.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    // Two label rows above the axis; a label goes in the first row where it fits.
    let mut row_end = [i32::MIN; 2];
    let mut labelled = 0;
    for (d, name, amount) in marks {
        let x = x_of(*d);
        diamond(c, x, bottom, 6)?;
        if labelled >= MAX_RECURRING_LABELS {
            continue;
        }
        let name = theme::truncate_to_width(name, theme::SMALL_SIZE, 110);
        let text = format!("{name} {}", theme::tick_money(*amount, data.currency));
        let w = theme::text_width(&text, theme::SMALL_SIZE);
        let left = (x - w / 2).clamp(x0 + 4, (WIDTH as i32 - MARGIN - w).max(x0 + 4));
        if let Some(row) = row_end.iter().position(|end| left > end + 8) {
            let y = bottom - 18 - row as i32 * 20;
            c.polyline(vec![(x, bottom - 6), (x, y + 7)], AXIS, 1)?;
            c.label(
                &text,
                (left, y),
                theme::SMALL_SIZE,
                TEXT,
                (HPos::Left, VPos::Center),
            );
            row_end[row] = left + w;
            labelled += 1;
        }
    }
    Ok(())
}

fn diamond(c: &mut Canvas, x: i32, y: i32, r: i32) -> Result<(), ChartError> {
    c.polygon(vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)], TEXT)
}

fn line_legend(
    c: &mut Canvas,
    x: i32,
    y: i32,
    color: plotters::style::RGBColor,
    label: &str,
) -> Result<i32, ChartError> {
    c.fill_rect((x, y - 1), (x + 22, y + 1), color)?;
    c.label(
        label,
        (x + 28, y),
        theme::SMALL_SIZE,
        MUTED,
        (HPos::Left, VPos::Center),
    );
    Ok(x + 28 + theme::text_width(label, theme::SMALL_SIZE) + 18)
}

/// At most about eight ticks: month starts for long spans, evenly spaced days for short ones.
fn date_ticks(d_min: NaiveDate, d_max: NaiveDate) -> Vec<NaiveDate> {
    let days = (d_max - d_min).num_days();
    if days > 62 {
        let months =
            (d_max.year() - d_min.year()) * 12 + d_max.month() as i32 - d_min.month() as i32;
        let step = (months / 8 + 1).max(1);
        let mut out = Vec::new();
        let mut m = first_of_next_month_or_same(d_min);
        while m <= d_max && out.len() < 16 {
            out.push(m);
            for _ in 0..step {
                m = next_month(m);
            }
        }
        out
    } else {
        let step = (days / 7).max(1);
        (0..=days)
            .step_by(step as usize)
            .filter_map(|i| d_min.checked_add_days(chrono::Days::new(i as u64)))
            .collect()
    }
}

fn first_of_next_month_or_same(d: NaiveDate) -> NaiveDate {
    if d.day() == 1 { d } else { next_month(d) }
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Mar 2026" on month ticks of long spans, "Mar 14" on day ticks.
fn date_label(d: NaiveDate, span_days: f64) -> String {
    let month = MONTHS[d.month0() as usize % 12];
    if span_days > 62.0 {
        if d.month() == 1 {
            format!("{month} {}", d.year())
        } else {
            month.to_string()
        }
    } else {
        format!("{month} {}", d.day())
    }
}

fn short_date(d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        MONTHS[d.month0() as usize % 12],
        d.day(),
        d.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn long_spans_tick_on_month_starts() {
        let t = date_ticks(date(2025, 3, 15), date(2026, 6, 1));
        assert!(t.iter().all(|d| d.day() == 1));
        assert!(t.len() <= 9 && t.len() >= 4);
    }

    #[test]
    fn short_spans_tick_on_days() {
        let t = date_ticks(date(2026, 3, 1), date(2026, 3, 31));
        assert_eq!(t.first(), Some(&date(2026, 3, 1)));
        assert!(t.len() <= 8);
    }

    #[test]
    fn forecast_is_joined_to_the_last_observation() {
        let data = ForecastChart {
            title: String::new(),
            currency: crate::money::Currency::USD,
            history: vec![
                (date(2026, 3, 1), Decimal::ONE),
                (date(2026, 2, 1), Decimal::TWO),
            ],
            mean: vec![(date(2026, 4, 1), Decimal::TEN)],
            band80: vec![(date(2026, 4, 1), Decimal::ONE, Decimal::TEN)],
            band95: vec![],
            budget: None,
            recurring: vec![],
        };
        let p = prepare(&data);
        assert_eq!(p.history[0].0, date(2026, 2, 1));
        assert_eq!(p.mean[0], (date(2026, 3, 1), Decimal::ONE));
        assert_eq!(p.band80[0], (date(2026, 3, 1), Decimal::ONE, Decimal::ONE));
    }
}
