//! Invite codes: 80 random bits, valid for [`INVITE_CODE_DAYS`], rotated or revoked by the
//! household's owner.
//!
//! A code is the only secret between a household and a stranger, so it is long enough that
//! guessing is hopeless at any rate Discord lets through (2^80 codes), it expires, and it
//! changes whenever the owner asks or removes a member. Expiry is compared in Rust, not in
//! SQL: SQLite keeps timestamps as text whose fraction digits vary.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use uuid::Uuid;

use super::retry::with_retry;
use super::versions::{Touched, bump};
use super::{Store, StoreError, on_pool};
use tally_core::model::HouseholdId;

/// How long an invite code works.
pub const INVITE_CODE_DAYS: i64 = 7;

/// Crockford's base 32: no I, L, O or U, so a code read aloud or retyped survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh code, `XXXX-XXXX-XXXX-XXXX`, from 80 bits of the operating system's randomness
/// (a v4 UUID's random bytes; bytes 6 and 8 carry its fixed version and variant bits).
pub fn new_invite_code() -> String {
    let bytes = Uuid::new_v4().into_bytes();
    let random: Vec<u8> = bytes[..6].iter().chain(&bytes[10..]).copied().collect();
    let mut bits: u128 = 0;
    for b in &random {
        bits = (bits << 8) | u128::from(*b);
    }
    let mut code = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        let index = ((bits >> (75 - 5 * i)) & 31) as usize;
        code.push(char::from(ALPHABET[index]));
    }
    code
}

/// A code as typed (any case, with or without dashes or spaces) in its stored form.
pub fn normalize_invite_code(text: &str) -> Option<String> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    if chars.len() != 16 || !chars.iter().all(|c| ALPHABET.contains(&(*c as u8))) {
        return None;
    }
    let mut code = String::with_capacity(19);
    for (i, c) in chars.into_iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(c);
    }
    Some(code)
}

impl Store {
    /// Replaces every code of `household` with a new one, valid for [`INVITE_CODE_DAYS`].
    pub async fn rotate_invite_code(
        &self,
        household: HouseholdId,
        now: DateTime<Utc>,
    ) -> Result<(String, DateTime<Utc>), StoreError> {
        let code = new_invite_code();
        let expires = now + Duration::days(INVITE_CODE_DAYS);
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM household_codes WHERE household_id = $1")
                .bind(household.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO household_codes (code, household_id, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(&code)
            .bind(household.0)
            .bind(expires)
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::Household(household)).await?;
            tx.commit().await
        })
        .await)?;
        Ok((code, expires))
    }

    /// Revokes every code of `household`: nobody joins by code until the owner makes a new one.
    pub async fn revoke_invite_codes(&self, household: HouseholdId) -> Result<(), StoreError> {
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "DELETE FROM household_codes WHERE household_id = $1",
        )
        .bind(household.0)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The household's current code and when it expires, if it has one still valid at `now`.
    pub async fn current_invite_code(
        &self,
        household: HouseholdId,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
        let rows: Vec<(String, DateTime<Utc>)> = on_pool!(self, pool => sqlx::query(
            "SELECT code, expires_at FROM household_codes WHERE household_id = $1",
        )
        .bind(household.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1))).collect()))?;
        Ok(rows.into_iter().find(|(_, expires)| *expires > now))
    }

    /// The household a valid (unexpired) invite code belongs to.
    pub async fn household_for_code(
        &self,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<HouseholdId>, StoreError> {
        let Some(code) = normalize_invite_code(code) else {
            return Ok(None);
        };
        let row: Option<(Uuid, DateTime<Utc>)> = on_pool!(self, pool => sqlx::query(
            "SELECT household_id, expires_at FROM household_codes WHERE code = $1",
        )
        .bind(&code)
        .fetch_optional(pool)
        .await
        .map(|r| r.map(|r| (r.get(0), r.get(1)))))?;
        Ok(row
            .filter(|(_, expires)| *expires > now)
            .map(|(id, _)| HouseholdId(id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_and_read_back() {
        let a = new_invite_code();
        let b = new_invite_code();
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert_eq!(normalize_invite_code(&a.to_lowercase()), Some(a.clone()));
        assert_eq!(normalize_invite_code(&a.replace('-', " ")), Some(a));
        assert_eq!(normalize_invite_code("1234abcd"), None);
        assert_eq!(normalize_invite_code(&"A".repeat(6000)), None);
    }
}
