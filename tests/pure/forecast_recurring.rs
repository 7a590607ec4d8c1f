//! Recurring-charge detection and scheduling.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tally::category::Category;
use tally::forecast::recurring::{Anchor, Cadence, Txn, detect, normalize, upcoming};
use tally::model::EntryKind;
use tally::money::Currency;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn txn(date: NaiveDate, desc: &str, amount: &str) -> Txn {
    Txn {
        date,
        description: desc.into(),
        amount: amount.parse().unwrap(),
        currency: Currency::USD,
        kind: EntryKind::Expense,
        category: Category::other(),
    }
}

#[test]
fn monthly_rent_and_subscription_are_found_with_their_day() {
    let mut h = Vec::new();
    for m in 1..=6 {
        // Rent debited on the 1st, moved to the 3rd when the 1st is a weekend.
        h.push(txn(d(2026, m, if m == 3 { 3 } else { 1 }), "Rent", "1200"));
        h.push(txn(d(2026, m, 12), "Netflix 15.49 monthly", "15.49"));
        h.push(txn(d(2026, m, 7 + m), "coffee", "4.50"));
        h.push(txn(d(2026, m, 20), "coffee", "3.80"));
    }
    let found = detect(&h);
    assert_eq!(found.len(), 2, "{found:#?}");
    let rent = found.iter().find(|c| c.key == "rent").unwrap();
    assert_eq!(rent.cadence, Cadence::Monthly);
    assert_eq!(rent.anchor, Anchor::DayOfMonth(1));
    assert_eq!(rent.amount, Decimal::from(1200));
    assert_eq!(rent.next_due, d(2026, 7, 1));
    assert_eq!(rent.occurrences, 6);
    let netflix = found.iter().find(|c| c.key == "netflix").unwrap();
    assert_eq!(netflix.next_due, d(2026, 7, 12));
    assert_eq!(netflix.amount, "15.49".parse::<Decimal>().unwrap());
}

#[test]
fn weekly_and_yearly_cadences() {
    let mut h = Vec::new();
    for w in 0..6 {
        h.push(txn(
            d(2026, 1, 5) + chrono::Days::new(7 * w),
            "Gym class",
            "12",
        ));
    }
    h.push(txn(d(2024, 3, 10), "Domain renewal", "20"));
    h.push(txn(d(2025, 3, 11), "Domain renewal", "20"));
    let found = detect(&h);
    let gym = found.iter().find(|c| c.key == "gym class").unwrap();
    assert_eq!(gym.cadence, Cadence::Weekly);
    assert_eq!(gym.anchor, Anchor::Weekday(chrono::Weekday::Mon));
    let domain = found.iter().find(|c| c.key == "domain renewal").unwrap();
    assert_eq!(domain.cadence, Cadence::Yearly);
    assert_eq!(domain.next_due, d(2026, 3, 11));
}

#[test]
fn unstable_amounts_and_irregular_dates_are_not_recurring() {
    let mut h = Vec::new();
    for m in 1..=6 {
        h.push(txn(
            d(2026, m, 5),
            "Electricity",
            if m % 2 == 0 { "80" } else { "140" },
        ));
        let day = [2, 27, 5, 24, 10, 3][m as usize - 1];
        h.push(txn(d(2026, m, day), "Pharmacy", "10"));
    }
    // Only two months: not enough to call it monthly.
    h.push(txn(d(2026, 1, 9), "Spotify", "9.99"));
    h.push(txn(d(2026, 2, 9), "Spotify", "9.99"));
    assert!(detect(&h).is_empty(), "{:#?}", detect(&h));
}

#[test]
fn end_of_month_anchor_is_clamped_and_upcoming_lists_due_dates() {
    let h: Vec<Txn> = [(1, 31), (2, 28), (3, 31), (4, 30)]
        .into_iter()
        .map(|(m, day)| txn(d(2026, m, day), "Card fee", "5"))
        .collect();
    let found = detect(&h);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].anchor, Anchor::DayOfMonth(31));
    assert_eq!(found[0].next_due, d(2026, 5, 31));
    let due = upcoming(&found, d(2026, 5, 1), d(2026, 7, 31));
    let dates: Vec<NaiveDate> = due.iter().map(|(d, _)| *d).collect();
    assert_eq!(dates, [d(2026, 5, 31), d(2026, 6, 30), d(2026, 7, 31)]);
    // A few days overdue it is still expected; long overdue it is taken as cancelled.
    assert!(found[0].is_active(d(2026, 6, 5)));
    assert!(!found[0].is_active(d(2026, 7, 1)));
}

#[test]
fn normalization_drops_numbers_and_cadence_words() {
    assert_eq!(normalize("NETFLIX.COM 866-579 CA"), "netflix com ca");
    assert_eq!(normalize("netflix monthly"), "netflix");
    assert_eq!(normalize("  Rent! "), "rent");
}
