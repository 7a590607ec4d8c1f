//! Tally: a Discord bot for personal and household money.
//!
//! The engine (parsing, categories, the store, reports) knows nothing of Discord; the
//! [`commands`] handlers take transport-free requests, and the adapters ([`console`], and the
//! Discord adapter) only translate.

pub mod bounds;
pub mod categorize;
pub mod category;
pub mod charts;
pub mod commands;
pub mod config;
pub mod console;
pub mod csvio;
pub mod demo;
pub mod discord;
pub mod forecast;
pub mod model;
pub mod money;
pub mod ops;
pub mod parser;
pub mod recurring;
pub mod reports;
pub mod splits;
pub mod store;
