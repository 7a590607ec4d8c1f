//! Recurring markers in quick messages: the cadence, the end date, and that none of the marker
//! words end up in the description. Today is 2026-11-24 (a Tuesday), USD, month-first dates.

use chrono::NaiveDate;
use tally::model::DateFormat;
use tally::money::Currency;
use tally::parser::contract::json_line;
use tally::parser::{Context, ParseErrorKind, parse};

fn ctx() -> Context {
    Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    }
}

/// message, cadence text (`-` for none), description, end date (`-` for none).
const CASES: &[(&str, &str, &str, &str)] = &[
    // Plain markers (unchanged meaning).
    ("netflix 15.49 monthly", "monthly", "netflix", "-"),
    ("netflix 15.49/month", "monthly", "netflix", "-"),
    ("netflix $15.49/mo", "monthly", "netflix", "-"),
    ("netflix 15.49 a month", "monthly", "netflix", "-"),
    ("netflix 15.49 per month", "monthly", "netflix", "-"),
    ("gym 30 every week", "weekly", "gym", "-"),
    ("gym 30/wk", "weekly", "gym", "-"),
    ("coffee 3 daily", "daily", "coffee", "-"),
    ("domain 12 yearly", "yearly", "domain", "-"),
    ("insurance 480 annually", "yearly", "insurance", "-"),
    ("insurance 480/yr", "yearly", "insurance", "-"),
    // Intervals.
    ("gym 30 every 2 weeks", "every 2 weeks", "gym", "-"),
    ("gym 30 every two weeks", "every 2 weeks", "gym", "-"),
    ("gym 30 every other week", "every 2 weeks", "gym", "-"),
    ("+2000 paycheck biweekly", "every 2 weeks", "paycheck", "-"),
    (
        "allowance 20 fortnightly",
        "every 2 weeks",
        "allowance",
        "-",
    ),
    (
        "water bill 90 every 3 months",
        "every 3 months",
        "water bill",
        "-",
    ),
    (
        "water bill 90 quarterly",
        "every 3 months",
        "water bill",
        "-",
    ),
    ("haircut 25 every 6 weeks", "every 6 weeks", "haircut", "-"),
    // Weekday anchors.
    (
        "cleaner 60 every friday",
        "weekly on friday",
        "cleaner",
        "-",
    ),
    (
        "cleaner 60 every monday",
        "weekly on monday",
        "cleaner",
        "-",
    ),
    (
        "cleaner 60 every other friday",
        "every 2 weeks on friday",
        "cleaner",
        "-",
    ),
    // Month-day anchors: `on the Nth` alone is a monthly marker.
    ("rent 1200 on the 1st", "monthly on the 1st", "rent", "-"),
    (
        "+3000 salary on the 25th",
        "monthly on the 25th",
        "salary",
        "-",
    ),
    (
        "rent 1200 monthly on the 1st",
        "monthly on the 1st",
        "rent",
        "-",
    ),
    (
        "rent 1200 every month on the 15th",
        "monthly on the 15th",
        "rent",
        "-",
    ),
    (
        "rent 1200 on the 1st of every month",
        "monthly on the 1st",
        "rent",
        "-",
    ),
    (
        "rent 1200 the 1st of each month",
        "monthly on the 1st",
        "rent",
        "-",
    ),
    (
        "rent 1200 on the 31st of the month",
        "monthly on the 31st",
        "rent",
        "-",
    ),
    (
        "insurance 90 quarterly on the 15th",
        "every 3 months on the 15th",
        "insurance",
        "-",
    ),
    // End dates: without a year, the next one; a month alone means its last day.
    ("gym 30 monthly until june", "monthly", "gym", "2027-06-30"),
    (
        "gym 30 monthly until june 2027",
        "monthly",
        "gym",
        "2027-06-30",
    ),
    (
        "gym 30 monthly until june 15",
        "monthly",
        "gym",
        "2027-06-15",
    ),
    (
        "gym 30 monthly until 15 june",
        "monthly",
        "gym",
        "2027-06-15",
    ),
    (
        "gym 30 monthly until the 15th of june",
        "monthly",
        "gym",
        "2027-06-15",
    ),
    (
        "gym 30 monthly until 2027-03-01",
        "monthly",
        "gym",
        "2027-03-01",
    ),
    ("gym 30 monthly until 3/1", "monthly", "gym", "2027-03-01"),
    (
        "gym 30 monthly until 3/1/27",
        "monthly",
        "gym",
        "2027-03-01",
    ),
    ("gym 30 weekly until friday", "weekly", "gym", "2026-11-27"),
    (
        "netflix 15.49/mo until dec",
        "monthly",
        "netflix",
        "2026-12-31",
    ),
    (
        "netflix 15.49 a month until may",
        "monthly",
        "netflix",
        "2027-05-31",
    ),
    // `for N units`: N payments counting today's, so the end is the day before the next.
    (
        "gym 30 monthly for 6 months",
        "monthly",
        "gym",
        "2027-05-23",
    ),
    ("gym 30 weekly for two weeks", "weekly", "gym", "2026-12-07"),
    (
        "domain 12 yearly for a year",
        "yearly",
        "domain",
        "2027-11-23",
    ),
    (
        "gym 30 every week for 3 months",
        "weekly",
        "gym",
        "2027-02-23",
    ),
    // Without a recurring marker the words are just words.
    (
        "phone plan 120 for 6 months",
        "-",
        "phone plan for 6 months",
        "-",
    ),
    ("hotel 200 for 2 days", "-", "hotel for 2 days", "-"),
    ("hotel 200 until friday", "-", "hotel until friday", "-"),
    ("lunch 12 on the 32nd", "-", "lunch on the 32nd", "-"),
    (
        "netflix 15.49 every 500 days",
        "-",
        "netflix every 500 days",
        "-",
    ),
    // Dates stay dates.
    ("dinner 50 on the 3rd of march", "-", "dinner", "-"),
    ("rent 1200 on the 1st march", "-", "rent", "-"),
];

#[test]
fn recurring_markers_table() {
    let mut failures = Vec::new();
    for &(message, cadence, desc, until) in CASES {
        let entries = match parse(message, &ctx()) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{message:?}: refused ({})", e.message));
                continue;
            }
        };
        let [e] = entries.as_slice() else {
            failures.push(format!("{message:?}: {} entries", entries.len()));
            continue;
        };
        let got_cadence = e.recurrence.map_or("-".to_string(), |c| c.to_string());
        let got_until = e.until.map_or("-".to_string(), |u| u.to_string());
        if (
            got_cadence.as_str(),
            e.description.as_str(),
            got_until.as_str(),
        ) != (cadence, desc, until)
        {
            failures.push(format!(
                "{message:?}: got ({got_cadence:?}, {:?}, {got_until:?}), want ({cadence:?}, {desc:?}, {until:?})",
                e.description
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_entry_itself_is_dated_today_or_as_written() {
    let e = &parse("rent 1200 on the 1st", &ctx()).unwrap()[0];
    assert_eq!(e.date, ctx().today);
    let e = &parse("netflix 15.49 monthly yesterday", &ctx()).unwrap()[0];
    assert_eq!(e.date, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    assert_eq!(e.recurrence.unwrap().to_string(), "monthly");
    // `for 6 months` counts from the entry's own date.
    let e = &parse("gym 30 monthly for 6 months yesterday", &ctx()).unwrap()[0];
    assert_eq!(e.until, NaiveDate::from_ymd_opt(2027, 5, 22));
}

#[test]
fn each_entry_has_its_own_recurrence() {
    let entries = parse("netflix 15.49 monthly until june; coffee 4", &ctx()).unwrap();
    assert_eq!(entries.len(), 2);
    assert!(entries[0].recurrence.is_some() && entries[0].until.is_some());
    assert!(entries[1].recurrence.is_none() && entries[1].until.is_none());
}

#[test]
fn refusals() {
    for (message, kind) in [
        // A month day does not go with a weekly schedule.
        ("gym 30 weekly on the 1st", ParseErrorKind::Ambiguous),
        // Two different ends.
        (
            "phone 20 monthly for 6 months until june",
            ParseErrorKind::Ambiguous,
        ),
        // An end before the start, or that does not exist.
        (
            "gym 30 monthly until 2025-01-01",
            ParseErrorKind::InvalidDate,
        ),
        ("gym 30 monthly until 2/30", ParseErrorKind::InvalidDate),
        ("gym 30 monthly for 1000 years", ParseErrorKind::InvalidDate),
        // Ordinals without an amount are still not expenses.
        ("see you on the 3rd", ParseErrorKind::NotAnExpense),
        ("the 3rd", ParseErrorKind::NotAnExpense),
    ] {
        match parse(message, &ctx()) {
            Err(e) => {
                assert_eq!(e.kind, kind, "{message:?}: {}", e.message);
                assert!(e.span.end <= message.len() && e.span.start <= e.span.end);
            }
            Ok(entries) => panic!("{message:?} was read: {entries:?}"),
        }
    }
}

#[test]
fn the_parse_contract_does_not_change() {
    let line = json_line(&parse("netflix 15.49 monthly until june", &ctx()));
    assert_eq!(
        line,
        r#"{"ok":true,"entries":[{"amount":"15.49","currency":null,"kind":"expense","date":"2026-11-24","description":"netflix","category":null,"tags":[]}]}"#
    );
}
