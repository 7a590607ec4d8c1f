//! Filing entries under a category: the ledger's list, rules and learned model around
//! [`crate::categorize::decide`], with the learned model cached per ledger.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rust_decimal::Decimal;

use crate::categorize::{Decision, LedgerModel, Rule, decide};
use crate::category::Category;
use chrono::{DateTime, Utc};

use crate::model::{CategorySource, Entry, EntryKind, LedgerId};
use crate::store::{EntryUpdate, Store, StoreError};

/// A ledger's learned model and the number of corrections it was built from.
type Cached = (i64, Arc<LedgerModel>);

/// Learned models by ledger, with the number of corrections each was built from. A model is
/// rebuilt when the ledger's correction count changed (also by another bot process).
#[derive(Clone, Debug, Default)]
pub struct ModelCache {
    models: Arc<Mutex<HashMap<LedgerId, Cached>>>,
}

impl ModelCache {
    async fn get(&self, store: &Store, ledger: LedgerId) -> Result<Arc<LedgerModel>, StoreError> {
        let count = store.corrections_count(ledger).await?;
        if let Some((n, model)) = self.lock().get(&ledger)
            && *n == count
        {
            return Ok(model.clone());
        }
        let mut model = LedgerModel::default();
        for c in store.corrections(ledger).await? {
            model.learn(&c.description, c.amount, c.kind, &c.category);
        }
        let model = Arc::new(model);
        self.lock().insert(ledger, (count, model.clone()));
        Ok(model)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<LedgerId, Cached>> {
        // A panic while holding the lock cannot leave the map inconsistent: recover it.
        self.models
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The category named by a `#tag`, among the ledger's categories and aliases.
fn tagged(
    tags: &[String],
    explicit: Option<&Category>,
    categories: &[Category],
    aliases: &[(String, Category)],
) -> Option<Category> {
    let known = |name: &str| categories.iter().find(|c| c.same_as(name)).cloned();
    explicit
        .and_then(|c| known(c.as_str()))
        .or_else(|| tags.iter().find_map(|t| known(t)))
        .or_else(|| {
            tags.iter().find_map(|t| {
                aliases
                    .iter()
                    .find(|(alias, _)| alias.eq_ignore_ascii_case(t))
                    .map(|(_, c)| c.clone())
            })
        })
}

/// Everything a ledger's categorization needs, loaded once (e.g. for a whole import).
pub(crate) struct FilingKit {
    pub categories: Vec<Category>,
    pub aliases: Vec<(String, Category)>,
    pub rules: Vec<Rule>,
    pub model: Arc<LedgerModel>,
}

impl super::Engine {
    pub(crate) async fn filing_kit(&self, ledger: LedgerId) -> Result<FilingKit, StoreError> {
        let rules = self
            .store
            .rules(ledger)
            .await?
            .into_iter()
            .map(|r| Rule {
                words: r.words,
                category: r.category,
            })
            .collect();
        Ok(FilingKit {
            categories: self.store.ledger_categories(ledger).await?,
            aliases: self.store.aliases(ledger).await?,
            rules,
            model: self.models.get(&self.store, ledger).await?,
        })
    }

    /// Decides the category of one entry of `ledger` (tag → rules → learned → built-in → Other).
    pub(crate) async fn file(
        &self,
        ledger: LedgerId,
        description: &str,
        amount: Decimal,
        kind: EntryKind,
        tags: &[String],
        explicit: Option<&Category>,
    ) -> Result<Decision, StoreError> {
        let kit = self.filing_kit(ledger).await?;
        let tag = tagged(tags, explicit, &kit.categories, &kit.aliases);
        Ok(decide(
            description,
            amount,
            kind,
            tag.as_ref(),
            &kit.rules,
            &kit.model,
            &kit.categories,
        ))
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
