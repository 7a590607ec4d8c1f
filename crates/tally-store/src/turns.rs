//! Writers of one ledger in this process take turns.
//!
//! Every recording transaction starts by updating its ledger's row (for the short number), so
//! at SERIALIZABLE two concurrent writers of one ledger always conflict and one of them retries
//! (SQLSTATE 40001). With many members writing into one household at once the retries pile up,
//! and a writer can run out of attempts. Queueing the writers of a ledger inside the process
//! removes those conflicts at their source; conflicts between processes remain, and the retry
//! helper absorbs them. Locks are striped, so memory is fixed whatever the number of ledgers.
//!
//! On PostgreSQL, quick recordings go through the group commit instead (its writers never hold
//! one ledger in two batches, and a batch numbers a ledger's entries itself); turns still order
//! imports and SQLite's writers.

use tokio::sync::{Mutex, MutexGuard};

use tally_core::model::LedgerId;

/// Enough stripes that unrelated ledgers rarely wait for each other.
const STRIPES: usize = 256;

#[derive(Debug)]
pub(crate) struct LedgerTurns {
    stripes: Vec<Mutex<()>>,
}

impl Default for LedgerTurns {
    fn default() -> Self {
        LedgerTurns {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
        }
    }
}

impl LedgerTurns {
    /// Waits for `ledger`'s turn; the turn lasts as long as the guard.
    pub(crate) async fn take(&self, ledger: LedgerId) -> MutexGuard<'_, ()> {
        // UUIDs are random: their low bits spread ledgers evenly over the stripes.
        let stripe = (ledger.0.as_u128() % STRIPES as u128) as usize;
        self.stripes[stripe].lock().await
    }
}
