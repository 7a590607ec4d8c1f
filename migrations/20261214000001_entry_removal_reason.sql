-- Why an entry was removed, beside when (`deleted_at`): undone, deleted with /delete, or gone
-- with the Discord message it was recorded from (deleted, or edited into something else). A
-- later press of the Undo button under the bot's old reply reads it, so it can say that the
-- entries went with their deleted message rather than "already undone". NULL for entries
-- removed before this column existed, and for live ones.
-- SQLite has no `ADD COLUMN IF NOT EXISTS`: the runner (crates/tally-store/src/migrations.rs)
-- takes "column already exists" as done, so this statement may run twice.
ALTER TABLE entries ADD COLUMN deleted_why TEXT;
