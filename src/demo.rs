//! `tally console --demo`: six months of deterministic, realistic data, so that `/summary` and
//! `/forecast` have something to show at once.
//!
//! A two-person household ("Home", alice and sam, bound to the console channel `home`) and
//! alice's personal ledger. Seeding twice changes nothing: every entry has a demo source key.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::category::Category;
use crate::console::{channel_id, user_id};
use crate::model::{CategorySource, EntryKind, LedgerId, NewEntry, Settings, Source, UserId};
use crate::money::Amount;
use crate::reports::period::{add_months, first_of_month};
use crate::store::{Store, StoreError};

/// The console names the demo uses.
pub const USERS: [&str; 2] = ["alice", "sam"];
/// The console channel bound to the demo household: `:channel home` in the console reaches
/// it, through [`channel_id`] of this name.
pub const HOUSEHOLD_CHANNEL: &str = "home";

/// What the demo seeded.
#[derive(Debug, Clone, Copy)]
pub struct Seeded {
    /// alice's personal ledger, made if she had none.
    pub personal: LedgerId,
    /// The ledger of the household "Home" bound to [`HOUSEHOLD_CHANNEL`], made if the channel
    /// was not bound yet.
    pub household: LedgerId,
    /// Entries recorded by this call; those already there from an earlier seed are not
    /// counted.
    pub entries: usize,
}

struct Plan {
    rng: fastrand::Rng,
    out: Vec<(
        LedgerId,
        UserId,
        NaiveDate,
        &'static str,
        Decimal,
        &'static str,
        EntryKind,
    )>,
}

impl Plan {
    /// An amount around `base` (± `spread`), in cents.
    fn around(&mut self, base: u32, spread: u32) -> Decimal {
        let cents = base * 100 - spread * 100 + self.rng.u32(0..=spread * 200);
        Decimal::new(i64::from(cents), 2)
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        ledger: LedgerId,
        who: UserId,
        day: NaiveDate,
        what: &'static str,
        amount: Decimal,
        category: &'static str,
        kind: EntryKind,
    ) {
        self.out
            .push((ledger, who, day, what, amount, category, kind));
    }
}

/// Seeds the demo ledgers for the six months before `today` and this month so far.
pub async fn seed(
    store: &Store,
    defaults: Settings,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Seeded, StoreError> {
    let alice = user_id(USERS[0]);
    let sam = user_id(USERS[1]);
    let personal = store
        .personal_ledger(alice, USERS[0], defaults, now)
        .await?
        .id;
    let channel = channel_id(HOUSEHOLD_CHANNEL);
    let household = match store.ledger_for_channel(channel).await? {
        Some(ledger) => ledger.id,
        None => {
            let h = store
                .create_household("Home", None, (alice, USERS[0]), defaults, now)
                .await?;
            store.add_member(h.id, sam, USERS[1], now).await?;
            store.bind_channel(channel, h.id).await?;
            h.ledger
        }
    };
    let mut plan = Plan {
        rng: fastrand::Rng::with_seed(20_261_124),
        out: Vec::new(),
    };
    let start = add_months(first_of_month(today), -6);
    let mut day = start;
    while day <= today {
        daily(&mut plan, day, personal, household, alice, sam);
        day += Duration::days(1);
    }
    let mut entries = 0;
    for (n, (ledger, who, date, what, amount, category, kind)) in plan.out.into_iter().enumerate() {
        let Ok(amount) = Amount::new(amount) else {
            continue;
        };
        let category = Category::new(category).unwrap_or_else(|_| Category::other());
        let new = NewEntry {
            ledger,
            author: who,
            paid_by: who,
            amount,
            currency: defaults.currency,
            kind,
            description: what.to_string(),
            category,
            category_source: CategorySource::Builtin,
            tags: Vec::new(),
            note: None,
            date,
            source: Source::Demo { n: n as u64 },
            shares: Vec::new(),
        };
        if !store.record(&new, now).await?.duplicate {
            entries += 1;
        }
    }
    Ok(Seeded {
        personal,
        household,
        entries,
    })
}

/// The entries of one day.
fn daily(
    p: &mut Plan,
    day: NaiveDate,
    personal: LedgerId,
    home: LedgerId,
    alice: UserId,
    sam: UserId,
) {
    use EntryKind::{Expense, Income};
    let dom = day.day();
    let weekday = day.weekday().num_days_from_monday();
    // Household: fixed monthly charges.
    if dom == 1 {
        p.add(
            home,
            alice,
            day,
            "rent",
            Decimal::new(1200, 0),
            "Housing",
            Expense,
        );
    }
    if dom == 3 {
        let power = p.around(85, 25);
        p.add(home, sam, day, "electricity", power, "Utilities", Expense);
    }
    if dom == 5 {
        p.add(
            home,
            alice,
            day,
            "internet",
            Decimal::new(4999, 2),
            "Utilities",
            Expense,
        );
    }
    if dom == 12 {
        p.add(
            home,
            sam,
            day,
            "netflix",
            Decimal::new(1549, 2),
            "Subscriptions",
            Expense,
        );
    }
    // Household: groceries twice a week, takeaway on some Fridays.
    if weekday == 1 || weekday == 5 {
        let who = if weekday == 1 { alice } else { sam };
        let amount = p.around(70, 30);
        p.add(home, who, day, "groceries", amount, "Groceries", Expense);
    }
    if weekday == 4 && p.rng.u8(0..3) == 0 {
        let amount = p.around(38, 10);
        p.add(home, sam, day, "pizza delivery", amount, "Dining", Expense);
    }
    // Personal: salary, coffee, commute, lunches, the odd purchase.
    if dom == 25 {
        p.add(
            personal,
            alice,
            day,
            "salary",
            Decimal::new(3200, 0),
            "Income",
            Income,
        );
    }
    if dom == 17 {
        p.add(
            personal,
            alice,
            day,
            "spotify",
            Decimal::new(1099, 2),
            "Subscriptions",
            Expense,
        );
    }
    if weekday < 5 {
        if p.rng.u8(0..10) < 7 {
            let amount = p.around(4, 1);
            p.add(personal, alice, day, "coffee", amount, "Dining", Expense);
        }
        if p.rng.u8(0..10) < 3 {
            let amount = p.around(13, 4);
            p.add(personal, alice, day, "lunch", amount, "Dining", Expense);
        }
        if weekday == 0 {
            p.add(
                personal,
                alice,
                day,
                "metro card",
                Decimal::new(2500, 2),
                "Transport",
                Expense,
            );
        }
    }
    if weekday == 5 && p.rng.u8(0..4) == 0 {
        let amount = p.around(45, 30);
        p.add(personal, alice, day, "clothes", amount, "Shopping", Expense);
    }
    if weekday == 6 && p.rng.u8(0..3) == 0 {
        let amount = p.around(24, 8);
        p.add(
            personal,
            alice,
            day,
            "cinema",
            amount,
            "Entertainment",
            Expense,
        );
    }
    if dom == 20 && day.month().is_multiple_of(3) {
        let amount = p.around(60, 20);
        p.add(personal, alice, day, "pharmacy", amount, "Health", Expense);
    }
}
