//! The drawing surface shared by every chart: an in-memory RGB buffer that plotters paints
//! shapes into, text queued and drawn on top afterwards, the title line, the "nothing yet"
//! card, and thin wrappers over plotters primitives that map its errors.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use rust_decimal::Decimal;

use super::scale::{Linear, nice_ticks, to_f64};
use super::text::{self, TextOp};
use super::theme::{self, AXIS, BACKGROUND, GRID, MARGIN, MUTED, TEXT};
use super::{ChartError, HEIGHT, WIDTH, encode};
use crate::money::Currency;

/// Shapes go to plotters' drawing area; text is queued and drawn once shapes are done.
pub struct Canvas<'a> {
    area: DrawingArea<BitMapBackend<'a>, Shift>,
    texts: Vec<TextOp>,
}

/// Allocates the buffer, paints the background, lets `draw` paint the chart, draws the
/// queued text, and encodes.
pub fn render(
    draw: impl FnOnce(&mut Canvas) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    text::font()?;
    let mut buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    let texts = {
        let area = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        area.fill(&BACKGROUND).map_err(draw_err)?;
        let mut canvas = Canvas {
            area,
            texts: Vec::new(),
        };
        draw(&mut canvas)?;
        canvas.area.present().map_err(draw_err)?;
        canvas.texts
    };
    for op in &texts {
        text::draw(&mut buf, WIDTH, HEIGHT, op)?;
    }
    encode::rgb_png(&buf, WIDTH, HEIGHT)
}

/// Maps any plotters drawing error to ours.
fn draw_err<E: std::error::Error>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

impl Canvas<'_> {
    /// Queues text at `at`, anchored as given.
    pub fn label(
        &mut self,
        s: &str,
        at: (i32, i32),
        size: f32,
        color: RGBColor,
        anchor: (HPos, VPos),
    ) {
        self.texts.push(TextOp {
            text: s.to_string(),
            at,
            size,
            color,
            anchor,
        });
    }

    /// A filled rectangle between two corners.
    pub fn fill_rect(
        &mut self,
        a: (i32, i32),
        b: (i32, i32),
        color: RGBColor,
    ) -> Result<(), ChartError> {
        self.area
            .draw(&Rectangle::new([a, b], color.filled()))
            .map_err(draw_err)
    }

    /// An outlined rectangle.
    pub fn stroke_rect(
        &mut self,
        a: (i32, i32),
        b: (i32, i32),
        color: RGBColor,
    ) -> Result<(), ChartError> {
        self.area
            .draw(&Rectangle::new([a, b], color.stroke_width(1)))
            .map_err(draw_err)
    }

    /// A polyline of the given stroke width.
    pub fn polyline(
        &mut self,
        points: Vec<(i32, i32)>,
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        if points.len() < 2 {
            return Ok(());
        }
        self.area
            .draw(&PathElement::new(points, color.stroke_width(width)))
            .map_err(draw_err)
    }

    /// A horizontal dashed line from `x0` to `x1` at `y`.
    pub fn dashed_hline(
        &mut self,
        x0: i32,
        x1: i32,
        y: i32,
        color: RGBColor,
        width: u32,
    ) -> Result<(), ChartError> {
        const DASH: i32 = 10;
        const GAP: i32 = 6;
        let mut x = x0;
        while x < x1 {
            let end = (x + DASH).min(x1);
            let half = (width as i32) / 2;
            self.fill_rect((x, y - half), (end, y - half + width as i32 - 1), color)?;
            x = end + GAP;
        }
        Ok(())
    }

    /// A filled polygon.
    pub fn polygon(&mut self, points: Vec<(i32, i32)>, color: RGBColor) -> Result<(), ChartError> {
        if points.len() < 3 {
            return Ok(());
        }
        self.area
            .draw(&Polygon::new(points, color.filled()))
            .map_err(draw_err)
    }

    /// The chart title top-left, and optionally a muted note top-right (a total, a legend
    /// hint); the title is cut to leave room for the note.
    pub fn header(&mut self, title: &str, note: Option<&str>) {
        let right = WIDTH as i32 - MARGIN;
        let mut room = right - MARGIN;
        if let Some(note) = note {
            let note_w = theme::text_width(note, theme::LABEL_SIZE);
            self.label(
                note,
                (right, MARGIN + 13),
                theme::LABEL_SIZE,
                MUTED,
                (HPos::Right, VPos::Center),
            );
            room -= note_w + 20;
        }
        let title = theme::truncate_to_width(title, theme::TITLE_SIZE, room);
        self.label(
            &title,
            (MARGIN, MARGIN + 13),
            theme::TITLE_SIZE,
            TEXT,
            (HPos::Left, VPos::Center),
        );
    }

    /// Horizontal grid lines with labels left of `x0`, for a vertical value axis.
    pub fn y_grid(&mut self, ticks: &[(i32, String)], x0: i32, x1: i32) -> Result<(), ChartError> {
        for (y, label) in ticks {
            self.polyline(vec![(x0, *y), (x1, *y)], GRID, 1)?;
            self.label(
                label,
                (x0 - 8, *y),
                theme::SMALL_SIZE,
                MUTED,
                (HPos::Right, VPos::Center),
            );
        }
        Ok(())
    }

    /// Vertical grid lines from `y0` to `y1` with labels under `y1`, for a horizontal axis.
    pub fn x_grid(&mut self, ticks: &[(i32, String)], y0: i32, y1: i32) -> Result<(), ChartError> {
        for (x, label) in ticks {
            self.polyline(vec![(*x, y0), (*x, y1)], GRID, 1)?;
            self.label(
                label,
                (*x, y1 + 6),
                theme::SMALL_SIZE,
                MUTED,
                (HPos::Center, VPos::Top),
            );
        }
        Ok(())
    }

    /// A legend entry at `(x, y)` (vertical centre): a swatch and its label. Returns the x
    /// where the next entry may start.
    pub fn legend_item(
        &mut self,
        x: i32,
        y: i32,
        color: RGBColor,
        label: &str,
    ) -> Result<i32, ChartError> {
        self.fill_rect((x, y - 6), (x + 12, y + 6), color)?;
        self.label(
            label,
            (x + 18, y),
            theme::SMALL_SIZE,
            MUTED,
            (HPos::Left, VPos::Center),
        );
        Ok(x + 18 + theme::text_width(label, theme::SMALL_SIZE) + 18)
    }

    /// A solid axis line.
    pub fn axis_line(&mut self, a: (i32, i32), b: (i32, i32)) -> Result<(), ChartError> {
        self.polyline(vec![a, b], AXIS, 1)
    }

    /// The "nothing yet" card: the title, a small empty-chart glyph and a one-line hint, so
    /// an empty period reads as a clear answer instead of a broken axis.
    pub fn empty(&mut self, title: &str, hint: &str) -> Result<(), ChartError> {
        self.header(title, None);
        let cx = WIDTH as i32 / 2;
        let base = HEIGHT as i32 / 2 - 10;
        for (i, h) in [28, 46, 20].iter().enumerate() {
            let x = cx - 45 + i as i32 * 32;
            self.stroke_rect((x, base - h), (x + 22, base), AXIS)?;
        }
        self.fill_rect((cx - 60, base), (cx + 60, base + 1), MUTED)?;
        self.label(
            "Nothing yet",
            (cx, base + 34),
            30.0,
            TEXT,
            (HPos::Center, VPos::Center),
        );
        let hint = theme::truncate_to_width(hint, theme::LABEL_SIZE, WIDTH as i32 - 4 * MARGIN);
        self.label(
            &hint,
            (cx, base + 72),
            theme::LABEL_SIZE,
            MUTED,
            (HPos::Center, VPos::Center),
        );
        Ok(())
    }
}

/// A money value axis from `lo` to `hi` mapped onto pixels `px_lo..px_hi`: the map, and the
/// round ticks as (pixel, label).
pub fn money_axis(
    lo: Decimal,
    hi: Decimal,
    px_lo: i32,
    px_hi: i32,
    currency: Currency,
) -> (Linear, Vec<(i32, String)>) {
    let ticks = nice_ticks(lo, hi, 5);
    let first = ticks.first().copied().unwrap_or(lo);
    let last = ticks.last().copied().unwrap_or(hi);
    let map = Linear::new(to_f64(first), to_f64(last), px_lo, px_hi);
    let labeled = ticks
        .iter()
        .map(|t| (map.px(to_f64(*t)), theme::tick_money(*t, currency)))
        .collect();
    (map, labeled)
}

/// Widest label among ticks, in pixels at the small size.
pub fn ticks_width(ticks: &[(i32, String)]) -> i32 {
    ticks
        .iter()
        .map(|(_, l)| theme::text_width(l, theme::SMALL_SIZE))
        .max()
        .unwrap_or(0)
}
