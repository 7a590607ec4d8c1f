//! The one look every Tally chart shares: colours, type sizes, the embedded font, and the
//! text helpers (money labels, truncation) that keep labels readable.
//!
//! The background is an opaque dark card: it reads as a card on Discord's light theme and
//! blends in on the dark one. Series colours are the Okabe–Ito palette (safe for the common
//! colour-vision deficiencies) minus its black, which would vanish on the dark card.

use plotters::style::RGBColor;
use rust_decimal::Decimal;

use super::text;
use crate::money::{Currency, format_money};

/// The card every chart is painted on, edge to edge.
pub const BACKGROUND: RGBColor = RGBColor(0x23, 0x24, 0x28);
/// Titles, category names and values: what the chart says.
pub const TEXT: RGBColor = RGBColor(0xF2, 0xF3, 0xF5);
/// Secondary text (ticks, legends, notes, the folded "Other" row's name), still readable on
/// [`BACKGROUND`].
pub const MUTED: RGBColor = RGBColor(0xB5, 0xBA, 0xC1);
/// Grid lines and the empty track of a budget bar: visible, never mistaken for data.
pub const GRID: RGBColor = RGBColor(0x3A, 0x3C, 0x42);
/// Axis lines and the outline of the "nothing yet" glyph.
pub const AXIS: RGBColor = RGBColor(0x6D, 0x70, 0x78);

/// Okabe–Ito, ordered so neighbours in a stack differ strongly in hue and lightness.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
    RGBColor(0xF0, 0xE4, 0x42), // yellow
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
];
/// The folded "Other (k more)" group: neutral so it never competes with a real category.
pub const OTHER: RGBColor = RGBColor(0x8E, 0x92, 0x97);

/// Within budget / history.
pub const GOOD: RGBColor = PALETTE[0];
/// Projected to go over (or the forecast itself).
pub const WARN: RGBColor = PALETTE[1];
/// Over budget (or the budget line).
pub const BAD: RGBColor = PALETTE[6];

/// Font sizes: the font's ascent-to-descent height in pixels. This one: chart titles.
pub const TITLE_SIZE: f32 = 26.0;
/// Category names and their values beside bars, the note beside the title, the empty
/// chart's hint.
pub const LABEL_SIZE: f32 = 17.0;
/// Axis ticks, legend entries and the totals above trend columns.
pub const SMALL_SIZE: f32 = 15.0;

/// Outer margin of every chart, in pixels.
pub const MARGIN: i32 = 20;
/// Height reserved for the title line.
pub const TITLE_HEIGHT: i32 = 44;

/// The colour of the `i`-th series (wraps around past the palette).
pub fn series_color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Mixes `color` over the background at `opacity` into an opaque colour: bands are drawn
/// opaque so the PNG keeps few distinct colours and drawing needs no per-pixel blending.
pub fn over_background(color: RGBColor, opacity: f64) -> RGBColor {
    let mix =
        |c: u8, b: u8| (f64::from(c) * opacity + f64::from(b) * (1.0 - opacity)).round() as u8;
    RGBColor(
        mix(color.0, BACKGROUND.0),
        mix(color.1, BACKGROUND.1),
        mix(color.2, BACKGROUND.2),
    )
}

/// Width in whole pixels of `s` in the chart font at `size`.
pub fn text_width(s: &str, size: f32) -> i32 {
    text::width(s, size).ceil() as i32
}

/// Makes a user-given name safe to draw on one line: control characters become spaces and
/// an empty name gets a visible placeholder.
pub fn clean_label(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "(unnamed)".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Shortens `s` to fit `max_px` at `size`, ending in "…" when anything was cut.
pub fn truncate_to_width(s: &str, size: f32, max_px: i32) -> String {
    let s = clean_label(s);
    if text_width(&s, size) <= max_px {
        return s;
    }
    let chars: Vec<char> = s.chars().collect();
    // Binary search for the longest prefix that fits with the ellipsis.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(&candidate, size) <= max_px {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix: String = chars[..lo].iter().collect();
    format!("{}…", prefix.trim_end())
}

/// A value label: the full money format (`$1,234.50`).
pub fn money(value: Decimal, currency: Currency) -> String {
    format_money(value, currency)
}

/// An axis tick label: money without an all-zero fraction (`$1,200`, `1,200 CHF`), since
/// ticks are round numbers and `.00` on every tick is noise.
pub fn tick_money(value: Decimal, currency: Currency) -> String {
    let full = format_money(value, currency);
    strip_zero_fraction(&full)
}

/// Removes a `.000…` run that sits between digits and a non-digit (or the end).
fn strip_zero_fraction(s: &str) -> String {
    let Some(dot) = s.find('.') else {
        return s.to_string();
    };
    let after = &s[dot + 1..];
    let zeros = after.chars().take_while(|c| *c == '0').count();
    let rest = &after[zeros..];
    if zeros > 0 && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{}{}", &s[..dot], rest)
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn ticks_drop_zero_cents_only() {
        assert_eq!(tick_money(d("1200"), Currency::USD), "$1,200");
        assert_eq!(tick_money(d("2.5"), Currency::USD), "$2.50");
        let chf = Currency::parse("CHF").unwrap();
        assert_eq!(tick_money(d("1200"), chf), "1,200 CHF");
        assert_eq!(tick_money(d("0"), Currency::EUR), "€0");
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        let long = "A really very long category name that cannot possibly fit";
        let cut = truncate_to_width(long, LABEL_SIZE, 120);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, LABEL_SIZE) <= 120);
        assert_eq!(truncate_to_width("Food", LABEL_SIZE, 120), "Food");
    }

    #[test]
    fn control_characters_and_blank_names_are_cleaned() {
        assert_eq!(clean_label("a\nb"), "a b");
        assert_eq!(clean_label("  \t "), "(unnamed)");
    }

    #[test]
    fn background_mix_is_between_colour_and_background() {
        let c = over_background(RGBColor(255, 255, 255), 0.5);
        assert!(c.0 > BACKGROUND.0 && c.0 < 255);
        assert_eq!(over_background(GOOD, 1.0), GOOD);
    }
}
