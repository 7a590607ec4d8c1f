-- Tally's schema. Portable between SQLite and CockroachDB/PostgreSQL:
-- UUID keys (never SERIAL or sequences), BIGINT integers, no triggers.
-- Money is stored as BIGINT in 1/10,000 units of its currency so sums are exact on both backends.
-- Local dates are ISO `YYYY-MM-DD` text: they sort and compare the same everywhere.

CREATE TABLE IF NOT EXISTS households (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    guild_id BIGINT,
    currency TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    date_format TEXT NOT NULL,
    invite_code TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS household_members (
    household_id UUID NOT NULL REFERENCES households (id),
    user_id BIGINT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (household_id, user_id)
);

CREATE TABLE IF NOT EXISTS household_channels (
    channel_id BIGINT PRIMARY KEY,
    household_id UUID NOT NULL REFERENCES households (id)
);

CREATE TABLE IF NOT EXISTS user_settings (
    user_id BIGINT PRIMARY KEY,
    display_name TEXT NOT NULL,
    currency TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    date_format TEXT NOT NULL,
    summary_schedule TEXT,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Exactly one of owner_user_id / household_id is set.
CREATE TABLE IF NOT EXISTS ledgers (
    id UUID PRIMARY KEY,
    owner_user_id BIGINT UNIQUE,
    household_id UUID UNIQUE REFERENCES households (id),
    -- Next short number for an entry (`#12`); incremented in the recording transaction.
    next_seq BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS entries (
    id UUID PRIMARY KEY,
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    seq BIGINT NOT NULL,
    author_id BIGINT NOT NULL,
    paid_by BIGINT NOT NULL,
    amount_e4 BIGINT NOT NULL,
    currency TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    category_source TEXT NOT NULL,
    tags TEXT NOT NULL,
    note TEXT,
    local_date TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    source_part BIGINT NOT NULL,
    -- Soft deletion keeps the source key taken, so a replayed message never comes back.
    deleted_at TIMESTAMPTZ,
    UNIQUE (ledger_id, source_kind, source_ref, source_part),
    UNIQUE (ledger_id, seq)
);

CREATE INDEX IF NOT EXISTS entries_by_ledger_date ON entries (ledger_id, local_date);
CREATE INDEX IF NOT EXISTS entries_by_source ON entries (source_kind, source_ref);

-- Categories a ledger added or renamed; the default taxonomy applies where none is stored.
CREATE TABLE IF NOT EXISTS ledger_categories (
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ledger_id, name)
);

CREATE TABLE IF NOT EXISTS category_aliases (
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    alias TEXT NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (ledger_id, alias)
);

CREATE TABLE IF NOT EXISTS category_rules (
    id UUID PRIMARY KEY,
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    words TEXT NOT NULL,
    category TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Every correction, replayed in order to rebuild what a ledger learned.
CREATE TABLE IF NOT EXISTS category_corrections (
    id UUID PRIMARY KEY,
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    description TEXT NOT NULL,
    amount_e4 BIGINT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX IF NOT EXISTS category_corrections_by_ledger ON category_corrections (ledger_id, created_at);

CREATE TABLE IF NOT EXISTS budgets (
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    category TEXT NOT NULL,
    period TEXT NOT NULL,
    amount_e4 BIGINT NOT NULL,
    currency TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ledger_id, category)
);

-- Scheduled messages (summaries, budget alerts) are claimed here before they are sent, so that
-- several bot processes sharing the database send each one once.
CREATE TABLE IF NOT EXISTS sent_log (
    key TEXT PRIMARY KEY,
    claimed_by TEXT NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ
);
