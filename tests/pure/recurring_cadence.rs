//! Cadence arithmetic and the catch-up policy: month ends, leap years, anchors, intervals,
//! end dates, downtime and clock jumps.

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use tally::recurring::cadence::days_in_month;
use tally::recurring::{Anchor, Cadence, CadenceError, MAX_OCCURRENCES, Unit, due};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dates(list: &[&str]) -> Vec<NaiveDate> {
    list.iter().map(|s| d(s)).collect()
}

fn cad(s: &str) -> Cadence {
    s.parse().unwrap()
}

fn first_n(c: &Cadence, start: &str, n: u32) -> Vec<NaiveDate> {
    (0..n).map(|k| c.nth(d(start), k).unwrap()).collect()
}

#[test]
fn monthly_from_jan_31_keeps_the_month_end_without_drift() {
    let c = cad("monthly");
    assert_eq!(
        first_n(&c, "2026-01-31", 6),
        dates(&[
            "2026-01-31",
            "2026-02-28",
            "2026-03-31",
            "2026-04-30",
            "2026-05-31",
            "2026-06-30"
        ])
    );
    // Leap year: Feb 29.
    assert_eq!(
        first_n(&c, "2028-01-31", 3),
        dates(&["2028-01-31", "2028-02-29", "2028-03-31"])
    );
    // From the 30th: Feb is clamped, March goes back to the 30th.
    assert_eq!(
        first_n(&c, "2026-01-30", 3),
        dates(&["2026-01-30", "2026-02-28", "2026-03-30"])
    );
}

#[test]
fn yearly_from_feb_29_returns_to_feb_29_in_leap_years() {
    let c = cad("yearly");
    assert_eq!(
        first_n(&c, "2024-02-29", 5),
        dates(&[
            "2024-02-29",
            "2025-02-28",
            "2026-02-28",
            "2027-02-28",
            "2028-02-29"
        ])
    );
}

#[test]
fn month_day_anchor_overrides_the_start_day() {
    // Monthly on the 1st, created on Nov 24: first occurrence Dec 1.
    let c = cad("monthly on the 1st");
    assert_eq!(c.first_on_or_after(d("2026-11-24")), d("2026-12-01"));
    assert_eq!(
        first_n(&c, "2026-11-24", 3),
        dates(&["2026-12-01", "2027-01-01", "2027-02-01"])
    );
    // On the 1st, starting on a 1st: that day.
    assert_eq!(c.first_on_or_after(d("2026-12-01")), d("2026-12-01"));
    // On the 31st from Nov 24: Nov 30 is the 31st of a 30-day month.
    let c = cad("monthly on the 31st");
    assert_eq!(
        first_n(&c, "2026-11-24", 5),
        dates(&[
            "2026-11-30",
            "2026-12-31",
            "2027-01-31",
            "2027-02-28",
            "2027-03-31"
        ])
    );
    // On the 15th from the 20th: next month.
    let c = cad("monthly on the 15th");
    assert_eq!(c.first_on_or_after(d("2026-11-20")), d("2026-12-15"));
    // Across a year end.
    assert_eq!(c.first_on_or_after(d("2026-12-20")), d("2027-01-15"));
}

#[test]
fn weekday_anchor_is_the_next_such_day() {
    let c = cad("weekly on monday");
    // 2026-11-24 is a Tuesday.
    assert_eq!(
        first_n(&c, "2026-11-24", 3),
        dates(&["2026-11-30", "2026-12-07", "2026-12-14"])
    );
    assert_eq!(c.first_on_or_after(d("2026-11-30")), d("2026-11-30"));
    let c = cad("every 2 weeks on friday");
    assert_eq!(
        first_n(&c, "2026-11-24", 3),
        dates(&["2026-11-27", "2026-12-11", "2026-12-25"])
    );
}

#[test]
fn intervals() {
    assert_eq!(
        first_n(&cad("every 2 weeks"), "2026-11-24", 3),
        dates(&["2026-11-24", "2026-12-08", "2026-12-22"])
    );
    assert_eq!(
        first_n(&cad("every 3 months"), "2026-11-30", 4),
        dates(&["2026-11-30", "2027-02-28", "2027-05-30", "2027-08-30"])
    );
    assert_eq!(
        first_n(&cad("every 3 days"), "2026-12-30", 2),
        dates(&["2026-12-30", "2027-01-02"])
    );
    assert_eq!(
        first_n(&cad("daily"), "2026-02-28", 2),
        dates(&["2026-02-28", "2026-03-01"])
    );
}

#[test]
fn text_form_round_trips() {
    for text in [
        "daily",
        "weekly",
        "monthly",
        "yearly",
        "every 3 days",
        "every 2 weeks",
        "every 3 months",
        "every 2 years",
        "monthly on the 1st",
        "monthly on the 2nd",
        "monthly on the 3rd",
        "monthly on the 22nd",
        "monthly on the 31st",
        "every 3 months on the 15th",
        "weekly on monday",
        "every 2 weeks on sunday",
    ] {
        let c = cad(text);
        assert_eq!(c.to_string(), text);
        assert_eq!(c.to_string().parse::<Cadence>().unwrap(), c);
    }
    for (synonym, text) in [
        ("Monthly", "monthly"),
        ("annually", "yearly"),
        ("biweekly", "every 2 weeks"),
        ("fortnightly", "every 2 weeks"),
        ("every other week", "every 2 weeks"),
        ("quarterly", "every 3 months"),
        ("every week", "weekly"),
        ("every 1 month", "monthly"),
        ("monthly on 1", "monthly on the 1st"),
        ("weekly on mondays", "weekly on monday"),
        ("weekly on fri", "weekly on friday"),
    ] {
        assert_eq!(cad(synonym).to_string(), text, "{synonym}");
    }
}

#[test]
fn invalid_cadences_are_refused() {
    assert!(matches!(
        Cadence::new(Unit::Month, 0, None),
        Err(CadenceError::ZeroInterval(_))
    ));
    assert!(matches!(
        Cadence::new(Unit::Day, 10_000, None),
        Err(CadenceError::TooLong { .. })
    ));
    assert_eq!(
        Cadence::new(Unit::Month, 1, Some(Anchor::MonthDay(32))),
        Err(CadenceError::BadDay)
    );
    assert_eq!(
        Cadence::new(Unit::Month, 1, Some(Anchor::MonthDay(0))),
        Err(CadenceError::BadDay)
    );
    assert_eq!(
        Cadence::new(Unit::Week, 1, Some(Anchor::MonthDay(1))),
        Err(CadenceError::AnchorMismatch)
    );
    assert_eq!(
        Cadence::new(Unit::Month, 1, Some(Anchor::Weekday(Weekday::Mon))),
        Err(CadenceError::AnchorMismatch)
    );
    for bad in [
        "",
        "sometimes",
        "every",
        "every 0 weeks",
        "every -1 weeks",
        "every 2 fortnights",
        "monthly on the 32nd",
        "monthly on monday",
        "weekly on the 1st",
        "monthly on the",
        "yearly on the 1st",
        "every 99999999999 days",
    ] {
        assert!(bad.parse::<Cadence>().is_err(), "{bad:?}");
    }
}

#[test]
fn describe_says_how_short_months_are_handled() {
    assert_eq!(
        cad("monthly on the 31st").describe(d("2026-11-24")),
        "every month on the 31st (the last day in shorter months)"
    );
    assert_eq!(
        cad("monthly").describe(d("2026-01-31")),
        "every month on the 31st (the last day in shorter months)"
    );
    assert_eq!(
        cad("monthly").describe(d("2026-11-24")),
        "every month on the 24th"
    );
    assert_eq!(
        cad("every 2 weeks").describe(d("2026-11-24")),
        "every 2 weeks on Tuesday"
    );
    assert_eq!(
        cad("weekly on friday").describe(d("2026-11-24")),
        "every week on Friday"
    );
    assert_eq!(cad("daily").describe(d("2026-11-24")), "every day");
    assert_eq!(
        cad("yearly").describe(d("2024-02-29")),
        "every year on February 29 (February 28 in other years)"
    );
    assert_eq!(
        cad("yearly").describe(d("2026-11-24")),
        "every year on November 24"
    );
}

#[test]
fn occurrences_respect_after_through_and_until() {
    let c = cad("monthly");
    let start = d("2026-01-31");
    assert_eq!(
        c.occurrences(start, None, d("2026-04-29"), None),
        dates(&["2026-01-31", "2026-02-28", "2026-03-31"])
    );
    assert_eq!(
        c.occurrences(start, Some(d("2026-02-28")), d("2026-05-31"), None),
        dates(&["2026-03-31", "2026-04-30", "2026-05-31"])
    );
    // The end date is inclusive.
    assert_eq!(
        c.occurrences(start, None, d("2026-12-31"), Some(d("2026-03-31"))),
        dates(&["2026-01-31", "2026-02-28", "2026-03-31"])
    );
    assert_eq!(
        c.occurrences(start, None, d("2026-12-31"), Some(d("2026-03-30"))),
        dates(&["2026-01-31", "2026-02-28"])
    );
    // Nothing before the start.
    assert!(c.occurrences(start, None, d("2026-01-30"), None).is_empty());
    // `after` before the start changes nothing.
    assert_eq!(
        c.occurrences(start, Some(d("2025-06-01")), d("2026-02-28"), None),
        dates(&["2026-01-31", "2026-02-28"])
    );
}

#[test]
fn catch_up_after_three_months_of_downtime_records_three_once() {
    let c = cad("monthly");
    let start = d("2026-01-31");
    // Created on Jan 31 with today's entry recorded by the message itself.
    let now = due(&c, start, Some(start), None, d("2026-01-31"));
    assert!(now.due.is_empty());
    assert_eq!(now.next, Some(d("2026-02-28")));
    // The bot was down until May 1: Feb 28, Mar 31 and Apr 30 are due, once.
    let later = due(&c, start, Some(start), None, d("2026-05-01"));
    assert_eq!(
        later.due,
        dates(&["2026-02-28", "2026-03-31", "2026-04-30"])
    );
    assert_eq!(later.next, Some(d("2026-05-31")));
    assert!(!later.more);
    // Recorded: calling again (same day, or a process that restarts) finds nothing.
    let again = due(&c, start, later.due.last().copied(), None, d("2026-05-01"));
    assert!(again.due.is_empty());
    assert_eq!(again.next, Some(d("2026-05-31")));
    // On the day itself it is due.
    let on_day = due(&c, start, Some(d("2026-04-30")), None, d("2026-05-31"));
    assert_eq!(on_day.due, dates(&["2026-05-31"]));
}

#[test]
fn catch_up_with_an_anchor_starts_at_the_anchored_day() {
    // `rent 1200 on the 1st` sent on Nov 24: today's entry is recorded by the message.
    let c = cad("monthly on the 1st");
    let start = d("2026-11-24");
    let r = due(&c, start, Some(start), None, d("2026-11-30"));
    assert!(r.due.is_empty());
    assert_eq!(r.next, Some(d("2026-12-01")));
    let r = due(&c, start, Some(start), None, d("2027-01-01"));
    assert_eq!(r.due, dates(&["2026-12-01", "2027-01-01"]));
    // A schedule added without a first payment (`/recurring add`): nothing recorded yet.
    let r = due(&c, start, None, None, d("2026-12-01"));
    assert_eq!(r.due, dates(&["2026-12-01"]));
}

#[test]
fn catch_up_stops_at_the_end_date() {
    let c = cad("monthly");
    let start = d("2026-01-15");
    let until = Some(d("2026-03-15"));
    let r = due(&c, start, Some(start), until, d("2026-12-01"));
    assert_eq!(r.due, dates(&["2026-02-15", "2026-03-15"]));
    assert_eq!(r.next, None);
    let r = due(&c, start, Some(d("2026-03-15")), until, d("2026-12-01"));
    assert!(r.due.is_empty());
    assert_eq!(r.next, None);
}

#[test]
fn clock_going_back_records_nothing_twice() {
    let c = cad("weekly");
    let start = d("2026-11-03");
    let r = due(&c, start, Some(d("2026-11-24")), None, d("2026-11-10"));
    assert!(r.due.is_empty());
    assert_eq!(r.next, Some(d("2026-12-01")));
}

#[test]
fn a_far_clock_jump_is_bounded_and_resumable() {
    let c = cad("daily");
    let start = d("2026-01-01");
    let today = d("2126-01-01");
    let first = due(&c, start, Some(start), None, today);
    assert_eq!(first.due.len(), MAX_OCCURRENCES);
    assert!(first.more);
    assert_eq!(first.due[0], d("2026-01-02"));
    let last = *first.due.last().unwrap();
    assert_eq!(first.next, last.succ_opt());
    // The next call picks up right after, without repeating.
    let second = due(&c, start, Some(last), None, today);
    assert_eq!(second.due[0], last.succ_opt().unwrap());
    // The end of the calendar is not a panic.
    let r = due(&c, NaiveDate::MAX, None, None, NaiveDate::MAX);
    assert_eq!(r.due, vec![NaiveDate::MAX]);
    assert_eq!(r.next, None);
    let r = due(
        &cad("every 20 years"),
        d("2026-01-01"),
        None,
        None,
        NaiveDate::MAX,
    );
    assert_eq!(r.due.len(), MAX_OCCURRENCES);
}

#[test]
fn next_after_skips_to_the_right_occurrence() {
    let c = cad("monthly");
    let start = d("2026-01-31");
    assert_eq!(c.next_after(start, None), Some(start));
    assert_eq!(
        c.next_after(start, Some(d("2030-02-27"))),
        Some(d("2030-02-28"))
    );
    assert_eq!(
        c.next_after(start, Some(d("2030-02-28"))),
        Some(d("2030-03-31"))
    );
    let c = cad("every 2 weeks on friday");
    assert_eq!(
        c.next_after(d("2026-11-24"), Some(d("2026-11-27"))),
        Some(d("2026-12-11"))
    );
}

fn any_cadence() -> impl Strategy<Value = Cadence> {
    let unit = prop_oneof![
        Just(Unit::Day),
        Just(Unit::Week),
        Just(Unit::Month),
        Just(Unit::Year)
    ];
    (unit, 1u32..=12, 0u32..=31, 0u32..7).prop_map(|(unit, every, day, weekday)| {
        let anchor = match unit {
            Unit::Month if day > 0 => Some(Anchor::MonthDay(day)),
            Unit::Week if weekday > 0 => Weekday::try_from(weekday as u8).ok().map(Anchor::Weekday),
            _ => None,
        };
        Cadence::new(unit, every, anchor).unwrap()
    })
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..40_000).prop_map(|n| d("1990-01-01") + chrono::Duration::days(n))
}

proptest! {
    #[test]
    fn occurrences_are_increasing_and_match_nth(
        c in any_cadence(),
        start in any_date(),
        after_off in -400i64..4000,
        span in 0i64..3000,
    ) {
        let after = (after_off >= 0).then(|| start + chrono::Duration::days(after_off));
        let from = after.unwrap_or(start);
        let through = from + chrono::Duration::days(span);
        let got = c.occurrences(start, after, through, None);
        prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
        // Exactly the nth() dates in the window, none skipped.
        let all: Vec<NaiveDate> = (0..)
            .map_while(|k| c.nth(start, k))
            .take_while(|x| *x <= through)
            .filter(|x| after.is_none_or(|a| *x > a))
            .take(MAX_OCCURRENCES)
            .collect();
        prop_assert_eq!(&got, &all);
        if after.is_none() {
            for (k, x) in got.iter().enumerate() {
                prop_assert_eq!(Some(*x), c.nth(start, k as u32));
            }
        }
        prop_assert!(got.iter().all(|x| *x >= c.first_on_or_after(start)));
        prop_assert_eq!(c.to_string().parse::<Cadence>().unwrap(), c);
    }

    #[test]
    fn monthly_occurrences_fall_on_the_anchor_or_the_month_end(
        every in 1u32..=12,
        day in 1u32..=31,
        anchored in any::<bool>(),
        start in any_date(),
        k in 0u32..500,
    ) {
        let (c, want_day) = if anchored {
            (Cadence::new(Unit::Month, every, Some(Anchor::MonthDay(day))).unwrap(), day)
        } else {
            (Cadence::new(Unit::Month, every, None).unwrap(), start.day())
        };
        let x = c.nth(start, k).unwrap();
        prop_assert_eq!(x.day(), want_day.min(days_in_month(x.year(), x.month())));
        let first = c.first_on_or_after(start);
        let months = (x.year() - first.year()) * 12 + x.month() as i32 - first.month() as i32;
        prop_assert_eq!(months, (k * every) as i32);
        prop_assert!(first >= start && (first - start).num_days() < 32);
    }

    #[test]
    fn catch_up_is_exactly_once(
        c in any_cadence(),
        start in any_date(),
        steps in proptest::collection::vec(0i64..200, 1..8),
    ) {
        // A scheduler waking at random later times records every occurrence exactly once.
        let mut last = None;
        let mut today = start;
        let mut recorded = Vec::new();
        for s in steps {
            today += chrono::Duration::days(s);
            loop {
                let r = due(&c, start, last, None, today);
                prop_assert!(r.due.iter().all(|x| *x <= today && last.is_none_or(|l| *x > l)));
                if let Some(x) = r.due.last() {
                    last = Some(*x);
                }
                recorded.extend(r.due);
                prop_assert!(r.next.is_none_or(|n| n > today || r.more));
                if !r.more {
                    break;
                }
            }
        }
        let expected: Vec<NaiveDate> = (0..)
            .map_while(|k| c.nth(start, k))
            .take_while(|x| *x <= today)
            .collect();
        prop_assert_eq!(recorded, expected);
    }
}
