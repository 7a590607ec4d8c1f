//! What Tally computes without a database or Discord: the parser, the categorizer, charts,
//! forecasts, recurring cadences and splits, each against its own contract.
//!
//! One test binary per concern (linking is the slow part of a build): each file below was a
//! binary of its own; they share the harness in `tests/support`.

#[macro_use]
#[path = "../support/mod.rs"]
mod support;

mod categorize_chat;
mod categorize_csv;
mod categorize_decide;
mod charts_images;
mod forecast_cli;
mod forecast_models;
mod forecast_month_end;
mod forecast_recurring;
mod parser_contract;
mod parser_devsets;
mod parser_props;
mod parser_recurring;
mod parser_table;
mod recurring_cadence;
mod splits_props;
