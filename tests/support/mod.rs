//! Shared test harness: fresh databases per test (and, for the Discord tests, a fake Discord).
#![allow(dead_code)]

#[macro_use]
pub mod db;
pub mod discord_schema;
#[cfg(feature = "discord")]
pub mod fake_discord;
pub mod hostile;
pub mod requests;
