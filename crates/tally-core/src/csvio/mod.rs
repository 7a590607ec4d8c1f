//! CSV files in and out: `/export` writes a ledger as RFC 4180 CSV, `/import` reads bank
//! statements (and Tally's own export) into rows to preview and import.

pub mod cells;
pub mod export;
pub mod import;
