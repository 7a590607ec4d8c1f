//! Tally's pure core: what money, entries and ledgers are, and everything computed from them
//! without I/O (categories, recurring charges, splits, reports, forecasts, CSV cells).
//!
//! Nothing here opens a file, a socket or a database, and nothing names serenity or sqlx: the
//! store (`tally-store`) and the engine (`tally`) build on these types, never the other way
//! round, and the compiler keeps it so.

#![warn(missing_docs)]

pub mod bounds;
pub mod categorize;
pub mod category;
pub mod choice;
pub mod csvio;
pub mod forecast;
pub mod metrics;
pub mod model;
pub mod money;
pub mod page;
pub mod recurring;
pub mod reports;
pub mod splits;
