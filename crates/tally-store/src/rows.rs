//! Row shapes as the database returns them, and their conversion into domain types.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::StoreError;
use tally_core::category::Category;
use tally_core::model::{CategorySource, Entry, EntryId, EntryKind, LedgerId, UserId};
use tally_core::money::{Amount, Currency};

/// Snowflakes are u64; BIGINT is i64. The bit pattern is kept, so the round trip is exact.
pub(crate) fn snowflake(id: u64) -> i64 {
    id as i64
}

pub(crate) fn from_snowflake(id: i64) -> u64 {
    id as u64
}

/// The column list matching [`EntryRow`], for `SELECT`s.
pub(crate) const ENTRY_COLUMNS: &str = "id, seq, ledger_id, author_id, paid_by, amount_e4, currency, \
     kind, description, category, category_source, tags, note, local_date, created_at, \
     source_kind, source_ref";

#[derive(sqlx::FromRow)]
pub(crate) struct EntryRow {
    id: Uuid,
    seq: i64,
    ledger_id: Uuid,
    author_id: i64,
    paid_by: i64,
    amount_e4: i64,
    currency: String,
    kind: String,
    description: String,
    category: String,
    category_source: String,
    tags: String,
    note: Option<String>,
    local_date: String,
    created_at: DateTime<Utc>,
    source_kind: String,
    source_ref: String,
}

impl EntryRow {
    pub(crate) fn into_entry(self) -> Result<Entry, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("{what} of entry {}", self.id));
        Ok(Entry {
            id: EntryId(self.id),
            seq: self.seq,
            ledger: LedgerId(self.ledger_id),
            author: UserId(from_snowflake(self.author_id)),
            paid_by: UserId(from_snowflake(self.paid_by)),
            amount: Amount::from_units(self.amount_e4).map_err(|_| corrupt("amount"))?,
            currency: Currency::parse(&self.currency).map_err(|_| corrupt("currency"))?,
            kind: EntryKind::from_str(&self.kind).map_err(|_| corrupt("kind"))?,
            category: Category::new(&self.category).map_err(|_| corrupt("category"))?,
            category_source: CategorySource::from_str(&self.category_source)
                .map_err(|_| corrupt("category source"))?,
            tags: decode_tags(&self.tags),
            date: parse_date(&self.local_date).ok_or_else(|| corrupt("date"))?,
            description: self.description,
            note: self.note,
            created_at: self.created_at,
            source_kind: self.source_kind,
            source_ref: self.source_ref,
        })
    }
}

pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Tags are single words (the parser splits on whitespace), so a space-joined list is lossless.
pub(crate) fn encode_tags(tags: &[String]) -> String {
    tags.iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn decode_tags(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}
