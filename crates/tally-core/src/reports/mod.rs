//! Reports: periods and the figures shown by `/summary`, `/list` and `/budget`.

pub mod digest;
pub mod period;
pub mod summary;

pub use period::Period;
pub use summary::{CurrencySummary, summarize};
