//! Who owes whom in a household: shares of shared expenses, balances, and the fewest transfers
//! that settle them.
//!
//! Shares are stored as weights (`split 60/40` is 60 and 40, an equal split is 1 each), not as
//! amounts, so correcting an entry's amount re-splits it the same way. Amounts are worked out
//! here, exactly, in the currency's smallest unit.

mod allocate;
mod balances;
mod transfers;

pub use allocate::{Allocation, allocate};
pub use balances::{Balances, Settlement, SharedExpense};
pub use transfers::{Transfer, fewest_transfers};

pub use crate::model::Share;
