//! `/forecast` answers on synthetic ledgers.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use tally::category::Category;
use tally::forecast::ledger::{BudgetChance, Outlook, month_end, months_ahead};
use tally::forecast::recurring::Txn;
use tally::model::EntryKind;
use tally::money::Currency;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cat(name: &str) -> Category {
    Category::new(name).unwrap()
}

fn txn(date: NaiveDate, desc: &str, cents: i64, kind: EntryKind, category: &str) -> Txn {
    Txn {
        date,
        description: desc.into(),
        amount: Decimal::new(cents, 2),
        currency: Currency::USD,
        kind,
        category: cat(category),
    }
}

/// Rent 1,200 on the 1st, Netflix 15.49 on the 12th, salary 3,000 on the 25th, and groceries
/// of 15–25 every day, from `from` to `to` inclusive.
fn ledger(from: NaiveDate, to: NaiveDate) -> Vec<Txn> {
    let mut out = Vec::new();
    let mut day = from;
    let mut seed = 17u64;
    while day <= to {
        if day.day() == 1 {
            out.push(txn(day, "Rent", 120_000, EntryKind::Expense, "Housing"));
        }
        if day.day() == 12 {
            out.push(txn(
                day,
                "Netflix",
                1_549,
                EntryKind::Expense,
                "Subscriptions",
            ));
        }
        if day.day() == 25 {
            out.push(txn(day, "salary", 300_000, EntryKind::Income, "Income"));
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let cents = 1_500 + (seed >> 33) as i64 % 1_001;
        out.push(txn(
            day,
            "groceries",
            cents,
            EntryKind::Expense,
            "Groceries",
        ));
        day = day + Days::new(1);
    }
    out
}

#[test]
fn too_short_history_gives_what_is_known_and_no_number() {
    let today = d(2026, 2, 14);
    let h = ledger(d(2026, 1, 3), today);
    let me = month_end(&h, today, Currency::USD, None, None);
    assert!(!me.enough_history);
    assert!(me.forecast.is_none());
    assert_eq!(me.months_of_history, 1);
    let spent: Decimal = h
        .iter()
        .filter(|t| t.date >= d(2026, 2, 1) && t.kind == EntryKind::Expense)
        .map(|t| t.amount)
        .sum();
    assert_eq!(me.spent_so_far, spent);
    assert_eq!(me.known, spent);
    assert!(matches!(
        months_ahead(&h, today, Currency::USD, 3, None),
        Outlook::TooShort {
            months_of_history: 1,
            ..
        }
    ));
}

#[test]
fn recurring_charges_are_known_even_when_too_short_for_a_forecast() {
    // From Dec 10th: Netflix seen Dec 12, Jan 12, Feb 12; complete months: Jan, Feb only.
    let today = d(2026, 3, 5);
    let h = ledger(d(2025, 12, 10), today);
    let me = month_end(&h, today, Currency::USD, None, None);
    assert!(!me.enough_history);
    let due: Vec<&str> = me
        .recurring_due
        .iter()
        .map(|(_, c)| c.key.as_str())
        .collect();
    assert_eq!(due, ["netflix"]);
    assert_eq!(me.recurring_due[0].0, d(2026, 3, 12));
    assert_eq!(me.known, me.spent_so_far + Decimal::new(1_549, 2));
}

#[test]
fn month_end_adds_recurring_due_and_the_variable_rest() {
    let today = d(2026, 9, 10);
    let h = ledger(d(2026, 1, 1), today);
    let me = month_end(&h, today, Currency::USD, Some(Decimal::from(2_000)), None);
    assert!(me.enough_history);
    assert_eq!(me.months_of_history, 8);
    let f = me.forecast.clone().unwrap();
    // 20 remaining days of ~20/day groceries on top of what is known.
    let rest = f.expected - me.known;
    assert!(
        (Decimal::from(330)..Decimal::from(470)).contains(&rest),
        "{rest}"
    );
    assert!(f.lo95 <= f.lo80 && f.lo80 <= f.expected && f.expected <= f.hi80 && f.hi80 <= f.hi95);
    assert!(f.lo95 >= me.known);
    assert_eq!(f.expected.scale(), 2);
    let budget = me.budget.unwrap();
    assert_eq!(budget.chance, BudgetChance::LikelyUnder, "{f:?}");
    let tight = month_end(&h, today, Currency::USD, Some(Decimal::from(1_500)), None);
    assert_eq!(tight.budget.unwrap().chance, BudgetChance::LikelyOver);
}

#[test]
fn months_ahead_gives_spending_income_and_savings() {
    let today = d(2026, 9, 10);
    let h = ledger(d(2026, 1, 1), today);
    let Outlook::Forecast {
        months,
        history,
        recurring,
        ..
    } = months_ahead(&h, today, Currency::USD, 3, None)
    else {
        panic!("expected a forecast");
    };
    assert_eq!(history.len(), 8);
    assert_eq!(recurring.len(), 3, "{recurring:#?}");
    assert_eq!(months.len(), 3);
    assert_eq!(months[0].month, d(2026, 10, 1));
    for m in &months {
        let spend = m.spending.expected;
        // 1,200 + 15.49 + ~30 days × 20.
        assert!(
            (Decimal::from(1_700)..Decimal::from(1_950)).contains(&spend),
            "{spend}"
        );
        let income = m.income.as_ref().unwrap();
        assert_eq!(income.expected, Decimal::from(3_000));
        let savings = m.savings.as_ref().unwrap();
        assert_eq!(savings.expected, income.expected - spend);
        assert!(savings.lo80 <= savings.expected && savings.expected <= savings.hi80);
    }
}

#[test]
fn per_category_outlook_has_no_income() {
    let today = d(2026, 9, 10);
    let h = ledger(d(2026, 1, 1), today);
    let housing = cat("Housing");
    let Outlook::Forecast { months, .. } =
        months_ahead(&h, today, Currency::USD, 2, Some(&housing))
    else {
        panic!("expected a forecast");
    };
    assert_eq!(months[0].spending.expected, Decimal::from(1_200));
    assert!(months[0].income.is_none() && months[0].savings.is_none());
}
