//! The store on SQLite and on PostgreSQL (at SERIALIZABLE, as on CockroachDB): the ledger
//! suite, migrations, chunked imports, ledger versions, and the guard on CockroachDB-hostile SQL.
//!
//! One test binary per concern (linking is the slow part of a build): each file below was a
//! binary of its own; they share the harness in `tests/support`.

#[macro_use]
#[path = "../support/mod.rs"]
mod support;

mod concurrency;
mod import_chunks;
mod ledger;
mod ledger_snapshots;
mod migrations;
mod sql_guard;
