//! What an operator relies on: /healthz and /metrics, write rate limits, metrics, shutdown.
//!
//! One test binary per concern (linking is the slow part of a build): each file below was a
//! binary of its own; they share the harness in `tests/support`.

#[macro_use]
#[path = "../support/mod.rs"]
mod support;

mod http;
mod limits;
mod metrics;
mod shutdown;
