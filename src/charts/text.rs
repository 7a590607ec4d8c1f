//! Text, drawn straight into the RGB buffer with ab_glyph from the embedded font.
//!
//! Plotters' own text path truncates every glyph to a whole pixel (uneven spacing such as
//! "T ransport") and calls the backend once per pixel; laying glyphs out here keeps
//! sub-pixel positions and kerning, and blends coverage directly. Text is always drawn
//! last, on top of the shapes, so it can wait until plotters has released the buffer.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::ChartError;

/// DejaVu Sans 2.37 (Bitstream Vera licence, see assets/fonts/LICENSE-DejaVuSans.txt),
/// embedded so nothing is read from the system at run time.
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The parsed embedded font (parsed once per process).
pub fn font() -> Result<&'static FontRef<'static>, ChartError> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
        .ok_or(ChartError::Font)
}

/// Width in pixels of `s` at `size` (the font's ascent-to-descent height in pixels).
pub fn width(s: &str, size: f32) -> f32 {
    let Ok(font) = font() else { return 0.0 };
    let scaled = font.as_scaled(PxScale::from(size));
    let mut w = 0.0;
    let mut prev = None;
    for c in s.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            w += scaled.kern(p, id);
        }
        w += scaled.h_advance(id);
        prev = Some(id);
    }
    w
}

/// One piece of text waiting to be drawn.
#[derive(Clone)]
pub struct TextOp {
    pub text: String,
    pub at: (i32, i32),
    pub size: f32,
    pub color: RGBColor,
    pub anchor: (HPos, VPos),
}

/// Draws `op` into an RGB buffer of `w × h` pixels, clipping at the edges.
pub fn draw(buf: &mut [u8], w: u32, h: u32, op: &TextOp) -> Result<(), ChartError> {
    let font = font()?;
    let scaled = font.as_scaled(PxScale::from(op.size));
    let total = width(&op.text, op.size);
    let x0 = op.at.0 as f32
        - match op.anchor.0 {
            HPos::Left => 0.0,
            HPos::Center => total / 2.0,
            HPos::Right => total,
        };
    let (ascent, descent) = (scaled.ascent(), scaled.descent());
    let baseline = op.at.1 as f32
        + match op.anchor.1 {
            VPos::Top => ascent,
            // Centre the cap height on y: digits and capitals look centred.
            VPos::Center => cap_height(font, op.size) / 2.0,
            VPos::Bottom => descent,
        };
    let mut x = x0;
    let mut prev = None;
    for c in op.text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        prev = Some(id);
        let glyph = id.with_scale_and_position(op.size, point(x, baseline.round()));
        x += scaled.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        let (bx, by) = (bounds.min.x as i32, bounds.min.y as i32);
        outline.draw(|gx, gy, coverage| {
            let px = bx + gx as i32;
            let py = by + gy as i32;
            if px < 0 || py < 0 || px >= w as i32 || py >= h as i32 {
                return;
            }
            let i = (py as usize * w as usize + px as usize) * 3;
            let a = coverage.clamp(0.0, 1.0);
            if let Some(pixel) = buf.get_mut(i..i + 3) {
                blend(pixel, op.color, a);
            }
        });
    }
    Ok(())
}

/// Height of a capital letter at `size`, for vertical centring.
fn cap_height(font: &FontRef<'static>, size: f32) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let glyph = scaled.scaled_glyph('H');
    font.outline_glyph(glyph)
        .map(|o| o.px_bounds().height())
        .unwrap_or(size * 0.6)
}

fn blend(pixel: &mut [u8], color: RGBColor, a: f32) {
    let mix = |bg: u8, fg: u8| (f32::from(fg) * a + f32::from(bg) * (1.0 - a)).round() as u8;
    pixel[0] = mix(pixel[0], color.0);
    pixel[1] = mix(pixel[1], color.1);
    pixel[2] = mix(pixel[2], color.2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_grows_with_text_and_size() {
        assert!(width("Groceries", 16.0) > width("Food", 16.0));
        assert!(width("Food", 20.0) > width("Food", 16.0));
        assert_eq!(width("", 16.0), 0.0);
    }

    #[test]
    fn drawing_off_canvas_is_clipped_not_a_panic() {
        let mut buf = vec![0u8; 10 * 10 * 3];
        let op = TextOp {
            text: "Hello".into(),
            at: (-5, 8),
            size: 30.0,
            color: RGBColor(255, 255, 255),
            anchor: (HPos::Left, VPos::Center),
        };
        draw(&mut buf, 10, 10, &op).unwrap();
        assert!(buf.iter().any(|&b| b > 0));
    }
}
