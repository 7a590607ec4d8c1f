//! Recurring entries: what a schedule is ([`schedule`]), when a schedule repeats ([`cadence`]) and which occurrences
//! are due now ([`catch_up`]). Pure date arithmetic over plain data: the store keeps schedules
//! and the `(schedule, date)` source of every recorded occurrence, the scheduler calls
//! [`catch_up::due`] with the ledger's "today", and records each returned date once.

pub mod cadence;
pub mod catch_up;
pub mod schedule;

pub use cadence::{Anchor, Cadence, CadenceError, MAX_OCCURRENCES, Unit};
pub use catch_up::{CatchUp, due};
pub use schedule::{NewSchedule, Schedule, ScheduleStatus, ScheduleUpdate};
