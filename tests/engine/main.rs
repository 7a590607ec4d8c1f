//! The engine as a user meets it, through transport-free requests and the console: commands,
//! households, access rules, hostile input, limits, reports, and transcripts of whole journeys.
//!
//! One test binary per concern (linking is the slow part of a build): each file below was a
//! binary of its own; they share the harness in `tests/support`.

#[macro_use]
#[path = "../support/mod.rs"]
mod support;

mod access;
mod categories;
mod commands;
mod console;
mod forecast_ledger;
mod hostile;
mod hostile_values;
mod households;
mod limits;
mod quick_channels;
mod recurring;
mod reports;
mod transcripts;
