//! The real serenity client against the fake Discord on 127.0.0.1, which checks every request
//! against Discord's own OpenAPI schema: end-to-end journeys, shards, faults, and the checker.
//!
//! One test binary per concern (linking is the slow part of a build): each file below was a
//! binary of its own; they share the harness in `tests/support`.

#[macro_use]
#[path = "../support/mod.rs"]
mod support;

mod e2e;
mod faults;
mod schema;
mod shards;
