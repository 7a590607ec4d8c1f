//! Date arithmetic against "today" in the user's time zone.
//!
//! Expenses happen in the past, so a date written without a year (`14 mar`, `11/20`) is its most
//! recent occurrence on or before today, and a bare weekday is the most recent such day.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::TimeUnit;
use crate::model::DateFormat;

/// Years searched backwards for a month/day without a year (covers 29 February).
const YEAR_SEARCH: i32 = 8;
/// `N days ago` beyond this is refused (ten years).
const MAX_DAYS_AGO: u64 = 3660;

/// The most recent `weekday` on or before today (`strict`: strictly before, as in `last fri`).
pub(crate) fn recent_weekday(today: NaiveDate, weekday: Weekday, strict: bool) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    let back = if back == 0 && strict { 7 } else { back };
    today
        .checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(today)
}

/// `n` units before today, or `None` if out of range.
pub(crate) fn ago(today: NaiveDate, n: u32, unit: TimeUnit) -> Option<NaiveDate> {
    let n64 = u64::from(n);
    match unit {
        TimeUnit::Day if n64 <= MAX_DAYS_AGO => today.checked_sub_days(Days::new(n64)),
        TimeUnit::Week if n64 * 7 <= MAX_DAYS_AGO => today.checked_sub_days(Days::new(n64 * 7)),
        TimeUnit::Month if n <= 120 => today.checked_sub_months(Months::new(n)),
        TimeUnit::Year if n <= 10 => today.checked_sub_months(Months::new(n * 12)),
        _ => None,
    }
}

/// One day after or before today.
pub(crate) fn shift(today: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// A month and day, with or without a year. `None` when no such date exists.
pub(crate) fn month_day(
    today: NaiveDate,
    month: u32,
    day: u32,
    year: Option<i32>,
) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    (0..YEAR_SEARCH)
        .filter_map(|back| NaiveDate::from_ymd_opt(today.year() - back, month, day))
        .find(|d| *d <= today)
}

/// A numeric date `a/b[/c]` read in the user's order; two-digit years are 20xx.
pub(crate) fn numeric(
    today: NaiveDate,
    parts: [u32; 3],
    count: u8,
    format: DateFormat,
) -> Option<NaiveDate> {
    let (month, day) = match format {
        DateFormat::Mdy => (parts[0], parts[1]),
        DateFormat::Dmy => (parts[1], parts[0]),
    };
    let year = match count {
        3 => Some(full_year(parts[2])?),
        _ => None,
    };
    month_day(today, month, day, year)
}

/// `26` → 2026; four-digit years as written; other widths are not years.
pub(crate) fn full_year(y: u32) -> Option<i32> {
    match y {
        0..=99 => Some(2000 + i32::try_from(y).ok()?),
        1900..=2199 => i32::try_from(y).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_are_the_most_recent_past_one() {
        let tue = d("2026-11-24");
        assert_eq!(recent_weekday(tue, Weekday::Fri, false), d("2026-11-20"));
        assert_eq!(recent_weekday(tue, Weekday::Tue, false), tue);
        assert_eq!(recent_weekday(tue, Weekday::Tue, true), d("2026-11-17"));
        assert_eq!(recent_weekday(tue, Weekday::Mon, true), d("2026-11-23"));
    }

    #[test]
    fn dates_without_a_year_are_in_the_past() {
        let today = d("2026-11-24");
        assert_eq!(month_day(today, 12, 25, None), Some(d("2025-12-25")));
        assert_eq!(month_day(today, 11, 24, None), Some(today));
        assert_eq!(month_day(today, 2, 29, None), Some(d("2024-02-29")));
        assert_eq!(month_day(today, 2, 30, None), None);
    }
}
