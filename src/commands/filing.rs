//! Filing entries under a category: the ledger's list, rules and learned model around
//! [`crate::categorize::decide`]; they are cached in the ledger's snapshot.

use rust_decimal::Decimal;

use crate::categorize::Decision;
use crate::category::Category;
use chrono::{DateTime, Utc};

use crate::model::{CategorySource, Entry, EntryKind, LedgerId};
use crate::store::{EntryUpdate, StoreError};

use super::snapshots::Freshness;

impl super::Engine {
    /// Decides the category of one entry of `ledger`, from the ledger as it is now.
    pub(crate) async fn file(
        &self,
        ledger: LedgerId,
        description: &str,
        amount: Decimal,
        kind: EntryKind,
        tags: &[String],
        explicit: Option<&Category>,
    ) -> Result<Decision, StoreError> {
        let snapshot = self.snapshot(ledger, Freshness::Verified).await?;
        Ok(snapshot
            .kit
            .decide(description, amount, kind, tags, explicit))
    }

    /// Sets an entry's category by hand and teaches its ledger at once.
    pub(crate) async fn correct(
        &self,
        entry: &Entry,
        category: &Category,
        now: DateTime<Utc>,
    ) -> Result<Entry, StoreError> {
        let update = EntryUpdate {
            category: Some((category.clone(), CategorySource::Manual)),
            ..EntryUpdate::default()
        };
        let updated = self.store.update_entry(entry.id, &update).await?;
        self.store
            .add_correction(
                entry.ledger,
                &updated.description,
                updated.amount,
                updated.kind,
                category,
                now,
            )
            .await?;
        Ok(updated)
    }

    /// The ledger's category named `text`, or a friendly error listing where to look.
    pub(crate) async fn known_category(
        &self,
        ledger: LedgerId,
        text: &str,
    ) -> Result<Category, super::CommandError> {
        match self.category_named(ledger, text).await? {
            Some(category) => Ok(category),
            None => Err(super::CommandError::user(format!(
                "There is no category “{}” here: see /category list, or add it with /category add.",
                text.trim()
            ))),
        }
    }

    /// The ledger's category named `text` (by name or alias), if it has one.
    pub(crate) async fn category_named(
        &self,
        ledger: LedgerId,
        text: &str,
    ) -> Result<Option<Category>, StoreError> {
        let categories = self.store.ledger_categories(ledger).await?;
        if let Some(c) = categories.iter().find(|c| c.same_as(text)) {
            return Ok(Some(c.clone()));
        }
        let aliases = self.store.aliases(ledger).await?;
        if let Some((_, c)) = aliases
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(text.trim()))
        {
            return Ok(Some(c.clone()));
        }
        // Common words for default categories (`food` → Groceries), if the ledger still has it.
        Ok(Category::default_named(text).and_then(|d| categories.into_iter().find(|c| *c == d)))
    }
}
