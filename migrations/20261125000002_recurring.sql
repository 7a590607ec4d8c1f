-- Recurring entries: a schedule records an ordinary entry on each occurrence, with the source
-- ('schedule', '<id>:<date>'), so an occurrence is recorded once whatever happens.

CREATE TABLE IF NOT EXISTS schedules (
    id UUID PRIMARY KEY,
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    created_by BIGINT NOT NULL,
    paid_by BIGINT NOT NULL,
    amount_e4 BIGINT NOT NULL,
    currency TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    tags TEXT NOT NULL,
    -- `monthly on the 31st`, `every 2 weeks` (src/recurring/cadence.rs reads it back).
    cadence TEXT NOT NULL,
    start_date TEXT NOT NULL,
    -- Last occurrence on or before which everything is recorded (or deliberately skipped).
    last_recorded TEXT,
    end_date TEXT,
    -- For the scheduler's query; recomputed whenever last_recorded moves.
    next_date TEXT,
    -- active, paused, stopped (its payer left) or deleted (kept: its source stays taken).
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    UNIQUE (ledger_id, source_kind, source_ref)
);

CREATE INDEX IF NOT EXISTS schedules_due ON schedules (status, next_date);

-- Who shares each occurrence, as entry_shares does for one entry.
CREATE TABLE IF NOT EXISTS schedule_shares (
    schedule_id UUID NOT NULL REFERENCES schedules (id),
    user_id BIGINT NOT NULL,
    weight BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (schedule_id, user_id)
);
