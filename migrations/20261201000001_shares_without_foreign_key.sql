-- The share rows of a household expense no longer carry a foreign key to their entry, on
-- PostgreSQL and CockroachDB.
--
-- Why: a share row is only ever written together with its entry (in the same statement on
-- PostgreSQL and CockroachDB, the group commit's batch; in the same transaction on SQLite),
-- shares are replaced only in the transaction that edits their entry, and entries are never
-- deleted (deletion is soft, so a replayed message stays a replay). The key could therefore
-- never refuse a row, but it checked every one: a lookup of the entry, locking it, per share.
-- A household of 16 writes 16 shares per message, and those checks were a third of the
-- database's work on that path (docs/BENCHMARKS.md, "Write path under load").
-- tests/store/concurrency.rs checks that no share is ever without its entry.
--
-- SQLite keeps the key: it cannot drop a constraint without rebuilding the table, and its
-- check is an in-process index probe that costs next to nothing.

-- only: postgres
ALTER TABLE entry_shares DROP CONSTRAINT IF EXISTS entry_shares_entry_id_fkey;
