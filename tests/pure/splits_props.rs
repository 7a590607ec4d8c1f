//! Balances always sum to zero, and the simplified transfers settle every balance exactly.

use proptest::prelude::*;
use rust_decimal::Decimal;
use tally::model::{Share, UserId};
use tally::money::Currency;
use tally::splits::{Balances, Settlement, SharedExpense, allocate, fewest_transfers};

const PEOPLE: u64 = 6;

fn expense() -> impl Strategy<Value = SharedExpense> {
    (
        1..=PEOPLE,
        1i64..10_000_000,
        prop::collection::vec((1..=PEOPLE, 0u32..100), 1..6),
        prop::bool::ANY,
    )
        .prop_map(|(payer, cents, shares, yen)| {
            let mut seen = Vec::new();
            let shares = shares
                .into_iter()
                .filter(|(u, w)| {
                    *w > 0 && !seen.contains(u) && {
                        seen.push(*u);
                        true
                    }
                })
                .map(|(u, weight)| Share {
                    user: UserId(u),
                    weight,
                })
                .collect();
            let (amount, currency) = if yen {
                (
                    Decimal::new(cents / 100, 0),
                    Currency::parse("JPY").unwrap(),
                )
            } else {
                (Decimal::new(cents, 2), Currency::USD)
            };
            SharedExpense {
                paid_by: UserId(payer),
                amount,
                currency,
                shares,
            }
        })
}

fn settlement() -> impl Strategy<Value = Settlement> {
    (1..=PEOPLE, 1..=PEOPLE, 1i64..100_000).prop_map(|(from, to, cents)| Settlement {
        from: UserId(from),
        to: UserId(to),
        amount: Decimal::new(cents, 2),
        currency: Currency::USD,
    })
}

proptest! {
    #[test]
    fn allocations_add_up_exactly(e in expense()) {
        let a = allocate(e.amount, e.currency, &e.shares);
        if !e.shares.is_empty() {
            let total: Decimal = a.parts.iter().map(|p| p.1).sum();
            prop_assert_eq!(total, e.amount);
            // Nobody is more than one unit away from their exact part.
            let weights: u32 = e.shares.iter().map(|s| s.weight).sum();
            for (share, (_, part)) in e.shares.iter().zip(&a.parts) {
                let exact = e.amount * Decimal::from(share.weight) / Decimal::from(weights);
                prop_assert!((exact - part).abs() < a.unit);
            }
        }
    }

    #[test]
    fn balances_sum_to_zero_and_transfers_settle_them(
        expenses in prop::collection::vec(expense(), 0..40),
        settlements in prop::collection::vec(settlement(), 0..10),
    ) {
        let mut balances = Balances::new();
        for e in &expenses {
            balances.add_expense(e);
        }
        for s in &settlements {
            balances.add_settlement(s);
        }
        for currency in balances.currencies().collect::<Vec<_>>() {
            let list = balances.balances(currency);
            let sum: Decimal = list.iter().map(|b| b.1).sum();
            prop_assert_eq!(sum, Decimal::ZERO);
            let transfers = fewest_transfers(&list);
            let open = list.iter().filter(|b| !b.1.is_zero()).count();
            prop_assert!(transfers.len() <= open.saturating_sub(1));
            let mut after = list.clone();
            for t in &transfers {
                prop_assert!(t.amount > Decimal::ZERO);
                prop_assert!(t.from != t.to);
                for (user, balance) in after.iter_mut() {
                    if *user == t.from { *balance += t.amount; }
                    if *user == t.to { *balance -= t.amount; }
                }
            }
            prop_assert!(after.iter().all(|b| b.1.is_zero()), "{:?} after {:?}", after, transfers);
        }
    }
}
