-- Invite codes that expire and can be rotated or revoked by the household's owner. They replace
-- `households.invite_code` (32 bits, never expiring), which is no longer read; existing
-- households get a new code from `/household code`.
CREATE TABLE IF NOT EXISTS household_codes (
    code TEXT PRIMARY KEY,
    household_id UUID NOT NULL REFERENCES households (id),
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX IF NOT EXISTS household_codes_by_household ON household_codes (household_id);
