//! Reading, correcting and removing entries (recording them is in `recording.rs`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::retry::with_retry;
use super::rows::{ENTRY_COLUMNS, EntryRow, encode_tags, format_date, snowflake};
use super::{Store, StoreError, on_pool};
use tally_core::category::Category;
use tally_core::model::{
    CategorySource, Entry, EntryId, EntryKind, LedgerId, Share, Source, UserId,
};
use tally_core::money::{Amount, Currency};

/// A correction to an entry; `None` keeps the current value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryUpdate {
    /// The new amount; the shares are weights, so a shared entry is re-split in the same
    /// proportions.
    pub amount: Option<Amount>,
    /// The new currency; the amount is not converted.
    pub currency: Option<Currency>,
    /// Expense or income.
    pub kind: Option<EntryKind>,
    /// The new description (categorization is not run again: set `category` for that).
    pub description: Option<String>,
    /// The new category with how it was decided (a person's correction is `Manual`).
    pub category: Option<(Category, CategorySource)>,
    /// The new local day.
    pub date: Option<NaiveDate>,
    /// Replaces all the tags (words without `#`).
    pub tags: Option<Vec<String>>,
    /// `Some(None)` removes the note; `Some(Some(text))` replaces it.
    pub note: Option<Option<String>>,
    /// Replaces who shares the entry.
    pub shares: Option<Vec<Share>>,
}

/// Why an entry was removed. Kept with its tombstone (`entries.deleted_why`), so that a press of
/// an Undo button under an old reply can say what became of its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Removal {
    /// Its author undid it (`/undo`, the Undo button).
    Undone,
    /// Removed with `/delete`.
    Deleted,
    /// The Discord message it was recorded from was deleted.
    MessageDeleted,
    /// The message it was recorded from was edited and no longer records it.
    MessageEdited,
}

impl Removal {
    /// As stored; these words are in databases, so they never change.
    fn as_str(self) -> &'static str {
        match self {
            Removal::Undone => "undone",
            Removal::Deleted => "deleted",
            Removal::MessageDeleted => "message_deleted",
            Removal::MessageEdited => "message_edited",
        }
    }

    /// A stored word back; `None` for one this version does not know (a newer release wrote
    /// it), which readers treat like an unknown reason.
    fn parse(text: &str) -> Option<Removal> {
        [
            Removal::Undone,
            Removal::Deleted,
            Removal::MessageDeleted,
            Removal::MessageEdited,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

/// Which entries a list shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryFilter {
    /// Inclusive first local day.
    pub from: Option<NaiveDate>,
    /// Exclusive last local day.
    pub until: Option<NaiveDate>,
    /// Only entries filed under exactly this name, as stored.
    pub category: Option<Category>,
    /// Only entries this member paid.
    pub paid_by: Option<UserId>,
}

/// One page of a list, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryPage {
    /// At most `page_size` entries: latest local day first, then highest number.
    pub entries: Vec<Entry>,
    /// How many entries match on all pages.
    pub total: i64,
    /// 0-based: the first page is 0.
    pub page: u32,
    /// Entries per page, 1 to 100 (the size asked for, clamped).
    pub page_size: u32,
}

impl EntryPage {
    /// How many pages `total` fills; at least 1, so an empty list is one empty page.
    pub fn pages(&self) -> u32 {
        let size = i64::from(self.page_size.max(1));
        u32::try_from((self.total + size - 1) / size)
            .unwrap_or(u32::MAX)
            .max(1)
    }

    /// Whether another page follows this one.
    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages()
    }
}

impl Store {
    /// A live entry by its short number in a ledger.
    pub async fn entry_by_seq(
        &self,
        ledger: LedgerId,
        seq: i64,
    ) -> Result<Option<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND seq = $2 AND deleted_at IS NULL"
        );
        let row: Option<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(ledger.0)
            .bind(seq)
            .fetch_optional(pool)
            .await)?;
        row.map(EntryRow::into_entry).transpose()
    }

    /// Why the removed entry numbered `seq` in a ledger was removed; `None` when no removed
    /// entry has that number, or it was removed before reasons were kept.
    pub async fn removal(&self, ledger: LedgerId, seq: i64) -> Result<Option<Removal>, StoreError> {
        let why: Option<Option<String>> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT deleted_why FROM entries WHERE ledger_id = $1 AND seq = $2 AND deleted_at IS NOT NULL",
        )
        .bind(ledger.0)
        .bind(seq)
        .fetch_optional(pool)
        .await)?;
        Ok(why.flatten().as_deref().and_then(Removal::parse))
    }

    /// A live entry by id.
    pub async fn entry(&self, id: EntryId) -> Result<Option<Entry>, StoreError> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE id = $1 AND deleted_at IS NULL");
        let row: Option<EntryRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        row.map(EntryRow::into_entry).transpose()
    }

    /// Live entries recorded from the same source as `source`, all its parts (every entry of
    /// one message), in part order.
    pub async fn entries_from_source(&self, source: &Source) -> Result<Vec<Entry>, StoreError> {
        let (kind, reference, _) = source.key();
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE source_kind = $1 AND source_ref = $2 \
             AND deleted_at IS NULL ORDER BY source_part"
        );
        let rows: Vec<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(kind)
            .bind(&reference)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    /// The author's most recent live entry in a ledger (what `/undo` removes).
    pub async fn last_entry_by(
        &self,
        ledger: LedgerId,
        author: UserId,
    ) -> Result<Option<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND author_id = $2 \
             AND deleted_at IS NULL ORDER BY seq DESC LIMIT 1"
        );
        let row: Option<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(ledger.0)
            .bind(snowflake(author.0))
            .fetch_optional(pool)
            .await)?;
        row.map(EntryRow::into_entry).transpose()
    }

    /// Applies a correction and returns the entry as it now stands.
    ///
    /// Only the fields the correction names are written, each onto the row as it is when the
    /// statement runs: two corrections of different fields made at once (an `/edit` and a
    /// category button, say) both land, rather than the later one writing back the earlier
    /// one's fields as it had read them.
    pub async fn update_entry(
        &self,
        id: EntryId,
        update: &EntryUpdate,
    ) -> Result<Entry, StoreError> {
        let amount = update.amount.map(|a| a.to_units());
        let currency = update.currency.map(|c| c.code().to_string());
        let kind = update.kind.map(|k| k.as_str());
        let (category, category_source) = match &update.category {
            Some((category, source)) => (Some(category.as_str()), Some(source.as_str())),
            None => (None, None),
        };
        let date = update.date.map(format_date);
        let tags = update.tags.as_deref().map(encode_tags);
        let (set_note, note) = match &update.note {
            Some(note) => (true, note.as_deref()),
            None => (false, None),
        };
        let stats = &*self.stats;
        let changed = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let done = sqlx::query(
                "UPDATE entries SET amount_e4 = COALESCE($1, amount_e4), \
                 currency = COALESCE($2, currency), kind = COALESCE($3, kind), \
                 description = COALESCE($4, description), category = COALESCE($5, category), \
                 category_source = COALESCE($6, category_source), \
                 local_date = COALESCE($7, local_date), tags = COALESCE($8, tags), \
                 note = CASE WHEN $9 THEN $10 ELSE note END \
                 WHERE id = $11 AND deleted_at IS NULL",
            )
            .bind(amount)
            .bind(currency.as_deref())
            .bind(kind)
            .bind(update.description.as_deref())
            .bind(category)
            .bind(category_source)
            .bind(date.as_deref())
            .bind(tags.as_deref())
            .bind(set_note)
            .bind(note)
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if let (1, Some(shares)) = (done, &update.shares) {
                sqlx::query("DELETE FROM entry_shares WHERE entry_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                for (position, share) in (0i64..).zip(shares) {
                    insert_share(&mut *tx, id, position, share).await?;
                }
            }
            tx.commit().await?;
            Ok(done)
        })
        .await)?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.entry(id).await?.ok_or(StoreError::NotFound)
    }

    /// Removes an entry (kept as a tombstone so its source is never recorded again), noting
    /// `why`. Returns false when it was already gone (and its first reason stays).
    pub async fn delete_entry(
        &self,
        id: EntryId,
        now: DateTime<Utc>,
        why: Removal,
    ) -> Result<bool, StoreError> {
        let stats = &*self.stats;
        let n = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let n = sqlx::query("UPDATE entries SET deleted_at = $1, deleted_why = $2 WHERE id = $3 AND deleted_at IS NULL")
                .bind(now)
                .bind(why.as_str())
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(n)
        })
        .await)?;
        Ok(n > 0)
    }

    /// One page of a ledger's live entries, newest first.
    pub async fn list_entries(
        &self,
        ledger: LedgerId,
        filter: &EntryFilter,
        page: u32,
        page_size: u32,
    ) -> Result<EntryPage, StoreError> {
        let page_size = page_size.clamp(1, 100);
        let conditions = "ledger_id = $1 AND deleted_at IS NULL \
             AND ($2 IS NULL OR local_date >= $2) AND ($3 IS NULL OR local_date < $3) \
             AND ($4 IS NULL OR category = $4) AND ($5 IS NULL OR paid_by = $5)";
        let list_sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE {conditions} \
             ORDER BY local_date DESC, seq DESC LIMIT $6 OFFSET $7"
        );
        let count_sql = format!("SELECT COUNT(*) FROM entries WHERE {conditions}");
        let from = filter.from.map(format_date);
        let until = filter.until.map(format_date);
        let category = filter.category.as_ref().map(|c| c.as_str().to_string());
        let paid_by = filter.paid_by.map(|u| snowflake(u.0));
        let offset = i64::from(page) * i64::from(page_size);
        let (rows, total): (Vec<EntryRow>, i64) = on_pool!(self, pool => {
            let rows = sqlx::query_as(&list_sql)
                .bind(ledger.0)
                .bind(from.as_deref())
                .bind(until.as_deref())
                .bind(category.as_deref())
                .bind(paid_by)
                .bind(i64::from(page_size))
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let total: i64 = sqlx::query(&count_sql)
                .bind(ledger.0)
                .bind(from.as_deref())
                .bind(until.as_deref())
                .bind(category.as_deref())
                .bind(paid_by)
                .fetch_one(pool)
                .await?
                .try_get(0)?;
            (rows, total)
        });
        Ok(EntryPage {
            entries: rows
                .into_iter()
                .map(EntryRow::into_entry)
                .collect::<Result<_, _>>()?,
            total,
            page,
            page_size,
        })
    }

    /// Every live entry of a ledger between two local days (inclusive, exclusive), oldest first:
    /// for exports and forecasts, which need the individual rows.
    pub async fn entries_between(
        &self,
        ledger: LedgerId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND deleted_at IS NULL \
             AND local_date >= $2 AND local_date < $3 ORDER BY local_date, seq"
        );
        let rows: Vec<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(ledger.0)
            .bind(format_date(from))
            .bind(format_date(until))
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }
}

/// Inserts one share of an entry inside the transaction that records or corrects it.
pub(super) async fn insert_share<'c, E, DB>(
    executor: E,
    entry: EntryId,
    position: i64,
    share: &Share,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = DB>,
    DB: sqlx::Database,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> uuid::Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query::<DB>(
        "INSERT INTO entry_shares (entry_id, user_id, weight, position) VALUES ($1, $2, $3, $4)",
    )
    .bind(entry.0)
    .bind(snowflake(share.user.0))
    .bind(i64::from(share.weight))
    .bind(position)
    .execute(executor)
    .await?;
    Ok(())
}
