//! Charts as PNG images, from plain data: category breakdown, monthly trend, budget vs
//! actual, and the forecast. No Discord types here: adapters send the bytes as they like.
//!
//! Every chart is drawn by plotters into an in-memory RGB buffer at [`WIDTH`] × [`HEIGHT`],
//! with the embedded font and the one [`theme`], then encoded as PNG. Output depends only
//! on the data (no clock, no randomness), so the same data gives the same bytes.
//! Amounts stay `Decimal`; they become `f64` only as pixel coordinates.

mod breakdown;
mod budget;
mod canvas;
mod encode;
mod forecast;
mod scale;
mod text;
pub mod theme;
mod trend;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::Currency;

pub use breakdown::breakdown;
pub use budget::budget;
pub use forecast::forecast;
pub use trend::trend;

/// Width of every chart, in pixels.
pub const WIDTH: u32 = 800;
/// Height of every chart, in pixels.
pub const HEIGHT: u32 = 500;

/// Why a chart could not be drawn. Bad data never lands here: it is drawn as best it can be
/// (or as the "nothing yet" image); these are failures of the drawing machinery itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    /// The embedded font did not parse: every chart fails the same way until a fixed build.
    #[error("the chart font could not be loaded")]
    Font,
    /// plotters refused a drawing operation, or the thread drawing the chart panicked; the
    /// text is the underlying error, for the log.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The PNG encoder failed; the text is its error, for the log.
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(String),
}

/// Spending per category over one period, drawn as sorted horizontal bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// Drawn top-left, cut with an ellipsis to leave room for the note beside it; also
    /// heads the "nothing yet" image.
    pub title: String,
    /// What every amount is in: labels are formatted in it, nothing is converted.
    pub currency: Currency,
    /// (category, amount). Order does not matter; amounts ≤ 0 are left out.
    pub items: Vec<(String, Decimal)>,
}

/// Spending per month, stacked by category.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Drawn top-left, cut with an ellipsis to leave room for the note beside it; also
    /// heads the "nothing yet" image.
    pub title: String,
    /// What every amount is in: labels are formatted in it, nothing is converted.
    pub currency: Currency,
    /// First day of each month, oldest first.
    pub months: Vec<NaiveDate>,
    /// (category, one amount per month, aligned with `months`; missing months count as 0,
    /// extra values are ignored, negative values are drawn as 0).
    pub series: Vec<(String, Vec<Decimal>)>,
}

/// One category's budget and what has been spent against it.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// The row's label: user text, drawn on one line (control characters become spaces).
    pub category: String,
    /// The limit, in the chart's currency: the row's 100 %. A row with neither budget nor
    /// spending is left out.
    pub budget: Decimal,
    /// Spent so far this period, in the chart's currency; negative counts as 0.
    pub spent: Decimal,
    /// Where spending is expected to end the period, if forecast.
    pub projected: Option<Decimal>,
}

/// Budget vs actual for several categories.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetChart {
    /// Drawn top-left, cut with an ellipsis to leave room for the note beside it; also
    /// heads the "nothing yet" image.
    pub title: String,
    /// What every row's amounts are in: rows in another currency must be left out by the
    /// caller, since nothing is converted.
    pub currency: Currency,
    /// Any order: drawn most at risk first; past ten rows, the tenth and later are folded
    /// into one "Other (k more)" row.
    pub rows: Vec<BudgetRow>,
}

/// History and forecast of one amount over time (e.g. spending per month, or month-to-date).
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastChart {
    /// Drawn top-left, cut with an ellipsis to leave room for the note beside it; also
    /// heads the "nothing yet" image.
    pub title: String,
    /// What every amount is in: labels are formatted in it, nothing is converted.
    pub currency: Currency,
    /// Observed values, drawn as a solid line.
    pub history: Vec<(NaiveDate, Decimal)>,
    /// Forecast mean, drawn as a line continuing the history.
    pub mean: Vec<(NaiveDate, Decimal)>,
    /// (date, low, high) of the 80 % prediction interval.
    pub band80: Vec<(NaiveDate, Decimal, Decimal)>,
    /// (date, low, high) of the 95 % prediction interval.
    pub band95: Vec<(NaiveDate, Decimal, Decimal)>,
    /// Drawn as a dashed horizontal line.
    pub budget: Option<Decimal>,
    /// Recurring charges: (date, label, amount), marked along the time axis.
    pub recurring: Vec<(NaiveDate, String, Decimal)>,
}
