-- A ledger's version: bumped in the same transaction as every change to what filing and routing
-- a quick message read (categories, aliases, rules, corrections, budgets, settings, members,
-- bound channels). Bot processes cache that state per ledger and record an entry only while the
-- version they filed it under is still current, so a hot message costs one statement.
-- SQLite has no `ADD COLUMN IF NOT EXISTS`: the runner (src/store/migrations.rs) takes
-- "column already exists" as done, so this statement may run twice.
ALTER TABLE ledgers ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
