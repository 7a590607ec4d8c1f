//! Tally: a Discord bot for personal and household money.
//!
//! The crates are the layers (see ARCHITECTURE.md): `tally-core` holds the pure engine parts
//! (money, the model, categories, recurring, splits, reports, forecasts, CSV), `tally-store`
//! holds SQL and nothing else, and this crate holds the reader of messages ([`parser`]), the
//! charts, the transport-free command handlers ([`commands`]) and the adapters ([`console`],
//! and the Discord adapter behind the `discord` feature), which only translate.
//!
//! The lower crates are re-exported under their old names, so `tally::model::Entry` and
//! `tally::store::Store` are what they always were.

#![warn(missing_docs)]

pub use tally_core::{
    bounds, categorize, category, choice, csvio, forecast, model, money, page, recurring, reports,
    splits,
};
pub use tally_store as store;

pub mod charts;
pub mod commands;
pub mod config;
pub mod console;
pub mod demo;
#[cfg(feature = "discord")]
pub mod discord;
pub mod ops;
pub mod parser;
