-- Households share expenses: who shares each entry, settlements between members, invitations,
-- and DM summary subscriptions. Same portability rules as the initial schema.

-- Who shares an expense, by weight (`split 60/40` is 60 and 40, an equal split is 1 each).
-- Written in the transaction that records the entry; amounts are worked out when read, so a
-- corrected amount is re-split the same way. `position` orders the odd-cent rule.
CREATE TABLE IF NOT EXISTS entry_shares (
    entry_id UUID NOT NULL REFERENCES entries (id),
    user_id BIGINT NOT NULL,
    weight BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (entry_id, user_id)
);

-- Money handed between members to settle up.
CREATE TABLE IF NOT EXISTS settlements (
    id UUID PRIMARY KEY,
    ledger_id UUID NOT NULL REFERENCES ledgers (id),
    from_user BIGINT NOT NULL,
    to_user BIGINT NOT NULL,
    amount_e4 BIGINT NOT NULL,
    currency TEXT NOT NULL,
    local_date TEXT NOT NULL,
    recorded_by BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    UNIQUE (ledger_id, source_kind, source_ref)
);

CREATE TABLE IF NOT EXISTS household_invites (
    household_id UUID NOT NULL REFERENCES households (id),
    user_id BIGINT NOT NULL,
    invited_by BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (household_id, user_id)
);

-- `/summary subscribe`: a DM at `send_at` local time after each week or month ends.
-- `scope` is 'personal' or a household id.
CREATE TABLE IF NOT EXISTS summary_subscriptions (
    user_id BIGINT NOT NULL,
    scope TEXT NOT NULL,
    cadence TEXT NOT NULL,
    send_at TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, scope)
);
