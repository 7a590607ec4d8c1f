//! What the engine knows about a ledger, cached per ledger and labelled with its version.
//!
//! Filing one quick message needs the ledger's settings, categories, aliases, rules, learned
//! model, budgets and members: seven reads, against one write. A [`Snapshot`] holds all of them
//! as of one ledger version (see `store/versions.rs`), so a message from an active ledger files
//! from memory and records with one checked write: if anything changed meanwhile (in this
//! process or another), the write refuses and the message is filed again from a fresh snapshot.
//! Reads that must not act on a stale view ([`Freshness::Verified`]) pay one small version read.
//!
//! The caches are bounded (least recently used out), so memory stays flat with any number of
//! ledgers.

use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use hashlink::LruCache;

use crate::categorize::{LedgerModel, Rule};
use crate::model::{ChannelId, Ledger, LedgerId, LedgerOwner, UserId};
use crate::store::{Budget, StoreError};

use super::Engine;
use super::split::Members;
use crate::categorize::FilingKit;

/// Ledgers kept in memory per process: enough for every ledger active in the last minutes of a
/// busy bot; a snapshot is a few kilobytes.
const LEDGERS: usize = 2048;
/// Routes (user → personal ledger, channel → household ledger) are a few bytes each.
const ROUTES: usize = 16_384;

/// A ledger as of one version: everything a quick message is filed and checked against.
#[derive(Debug)]
pub(crate) struct Snapshot {
    pub version: i64,
    pub ledger: Ledger,
    pub kit: FilingKit,
    pub budgets: Vec<Budget>,
    /// The household's members, oldest first; empty for a personal ledger.
    pub members: Members,
}

impl Snapshot {
    /// Whether `user` may write in this ledger as of this snapshot.
    pub fn admits(&self, user: UserId) -> bool {
        match self.ledger.owner {
            LedgerOwner::Personal(owner) => owner == user,
            LedgerOwner::Household(_) => self.members.iter().any(|(m, _)| *m == user),
        }
    }
}

/// How fresh a snapshot must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Freshness {
    /// Whatever is cached: for a write that is checked against the version anyway.
    Cached,
    /// Checked against the ledger's current version first (one small read).
    Verified,
}

/// The per-process caches behind [`Engine::snapshot`] and the quick-message routes.
#[derive(Debug)]
pub(crate) struct Snapshots {
    ledgers: Mutex<LruCache<LedgerId, Arc<Snapshot>>>,
    personal: Mutex<LruCache<UserId, LedgerId>>,
    channels: Mutex<LruCache<ChannelId, LedgerId>>,
}

impl Default for Snapshots {
    fn default() -> Self {
        Snapshots {
            ledgers: Mutex::new(LruCache::new(LEDGERS)),
            personal: Mutex::new(LruCache::new(ROUTES)),
            channels: Mutex::new(LruCache::new(ROUTES)),
        }
    }
}

/// Locks a cache; a panic elsewhere while it was held cannot leave it inconsistent.
fn lock<K: Hash + Eq, V>(cache: &Mutex<LruCache<K, V>>) -> MutexGuard<'_, LruCache<K, V>> {
    cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Snapshots {
    fn cached(&self, ledger: LedgerId) -> Option<Arc<Snapshot>> {
        lock(&self.ledgers).get(&ledger).cloned()
    }

    fn keep(&self, snapshot: Arc<Snapshot>) {
        lock(&self.ledgers).insert(snapshot.ledger.id, snapshot);
    }

    pub fn personal_ledger_of(&self, user: UserId) -> Option<LedgerId> {
        lock(&self.personal).get(&user).copied()
    }

    pub fn remember_personal(&self, user: UserId, ledger: LedgerId) {
        lock(&self.personal).insert(user, ledger);
    }

    pub fn ledger_of_channel(&self, channel: ChannelId) -> Option<LedgerId> {
        lock(&self.channels).get(&channel).copied()
    }

    pub fn remember_channel(&self, channel: ChannelId, ledger: LedgerId) {
        lock(&self.channels).insert(channel, ledger);
    }

    pub fn forget_channel(&self, channel: ChannelId) {
        lock(&self.channels).remove(&channel);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        lock(&self.ledgers).len()
    }
}

impl Engine {
    /// `ledger` as of its current version ([`Freshness::Verified`]) or as last seen here
    /// ([`Freshness::Cached`], for writes that check the version themselves).
    pub(crate) async fn snapshot(
        &self,
        ledger: LedgerId,
        freshness: Freshness,
    ) -> Result<Arc<Snapshot>, StoreError> {
        if let Some(snapshot) = self.snapshots.cached(ledger) {
            match freshness {
                Freshness::Cached => return Ok(snapshot),
                Freshness::Verified => {
                    if self.store.ledger_version(ledger).await? == Some(snapshot.version) {
                        return Ok(snapshot);
                    }
                }
            }
        }
        let snapshot = Arc::new(self.load_snapshot(ledger).await?);
        self.snapshots.keep(snapshot.clone());
        Ok(snapshot)
    }

    async fn load_snapshot(&self, id: LedgerId) -> Result<Snapshot, StoreError> {
        // The version is read first: whatever is read after it is at least that new, so a
        // change landing in between makes the next checked write refuse instead of pass.
        let (ledger, version) = self
            .store
            .ledger_with_version(id)
            .await?
            .ok_or(StoreError::NotFound)?;
        // The rest is independent: read at once, so a cold ledger costs two round trips of
        // latency rather than seven.
        let store = &self.store;
        let members = async {
            match ledger.owner {
                LedgerOwner::Household(household) => store.members(household).await,
                LedgerOwner::Personal(_) => Ok(Vec::new()),
            }
        };
        let (corrections, rules, categories, aliases, budgets, members) = tokio::try_join!(
            store.corrections(id),
            store.rules(id),
            store.ledger_categories(id),
            store.aliases(id),
            store.budgets(id),
            members,
        )?;
        let mut model = LedgerModel::default();
        for c in corrections {
            model.learn(&c.description, c.amount, c.kind, &c.category);
        }
        let rules = rules
            .into_iter()
            .map(|r| Rule {
                words: r.words,
                category: r.category,
            })
            .collect();
        let kit = FilingKit {
            categories,
            aliases,
            rules,
            model,
        };
        Ok(Snapshot {
            version,
            budgets,
            ledger,
            kit,
            members,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Settings;

    fn snapshot(n: u128) -> Arc<Snapshot> {
        Arc::new(Snapshot {
            version: 0,
            ledger: Ledger {
                id: LedgerId(uuid::Uuid::from_u128(n)),
                owner: LedgerOwner::Personal(UserId(1)),
                name: "personal".into(),
                settings: Settings::default(),
            },
            kit: FilingKit {
                categories: Vec::new(),
                aliases: Vec::new(),
                rules: Vec::new(),
                model: LedgerModel::default(),
            },
            budgets: Vec::new(),
            members: Vec::new(),
        })
    }

    #[test]
    fn the_cache_keeps_at_most_its_capacity() {
        let snapshots = Snapshots::default();
        for n in 0..(LEDGERS as u128 + 10) {
            snapshots.keep(snapshot(n));
        }
        assert_eq!(snapshots.len(), LEDGERS);
        // The oldest went first.
        assert!(
            snapshots
                .cached(LedgerId(uuid::Uuid::from_u128(0)))
                .is_none()
        );
        assert!(
            snapshots
                .cached(LedgerId(uuid::Uuid::from_u128(LEDGERS as u128 + 9)))
                .is_some()
        );
    }
}
