//! The range of every value a user controls, in one place.
//!
//! Anything typed into an option or a message is checked here before it reaches a handler's
//! logic, so an extreme value (year 262142, a 6,000-character name, page four billion) is a
//! friendly refusal that changes nothing instead of a panic, a runaway loop or a flood of rows.
//! The parser reads dates only in [`FIRST_YEAR`]..=[`LAST_YEAR`]; every other way in
//! (`/edit date:`, `/recurring add starting:`, report periods) is held to the same range, so the
//! store never sees a date outside it and text comparison of `YYYY-MM-DD` stays calendar order.

use chrono::{Datelike, Duration, NaiveDate};

/// The earliest year a date may have anywhere in Tally (the parser's range).
pub const FIRST_YEAR: i32 = 1900;
/// The latest year a date may have anywhere in Tally.
pub const LAST_YEAR: i32 = 2199;
/// How far back a new schedule may start: catching up on more than this is an import, not a
/// schedule, and would write hundreds of rows at once.
pub const SCHEDULE_BACKFILL_DAYS: i64 = 366;
/// The longest household name kept, in characters (category names have their own, shorter
/// limit: `Category::MAX_CHARS`).
pub const MAX_NAME: usize = 60;
/// The longest description kept, in characters.
pub const MAX_DESCRIPTION: usize = 200;
/// The highest page number `/list` shows (10 entries a page: a million entries).
pub const MAX_PAGE: u32 = 100_000;

/// A value outside its range. The text is the reply the user sees.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OutOfRange(pub String);

/// Whether `day` is within [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn day_in_range(day: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

/// `day` when it is in range, else the friendly refusal.
pub fn check_day(day: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    if day_in_range(day) {
        Ok(day)
    } else {
        Err(OutOfRange(format!(
            "Dates go from {FIRST_YEAR} to {LAST_YEAR}; {day} is outside that."
        )))
    }
}

/// A day typed in an option: `today`, `yesterday` or `YYYY-MM-DD` within the range. Only four
/// digit years are read, so `+10000-06-01` and `-0005-01-01` are refused before chrono's wider
/// calendar sees them.
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let day = match lower.as_str() {
        "today" => Some(today),
        "yesterday" => today.pred_opt(),
        other => iso_day(other),
    };
    match day {
        Some(day) => check_day(day),
        None => Err(OutOfRange(format!(
            "“{}” is not a date: write it like 2026-03-14 (years {FIRST_YEAR} to {LAST_YEAR}).",
            shorten(text, 40)
        ))),
    }
}

/// `YYYY-MM-DD` with exactly four year digits, nothing else.
pub fn iso_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The start of a new schedule: in range, and not more than [`SCHEDULE_BACKFILL_DAYS`] before
/// today, so that its first catch-up is a bounded number of entries.
pub fn check_schedule_start(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    let day = check_day(day)?;
    if day < today - Duration::days(SCHEDULE_BACKFILL_DAYS) {
        return Err(OutOfRange(
            "A schedule can start at most a year ago; import older entries with /import instead."
                .into(),
        ));
    }
    Ok(day)
}

/// A household name with spaces collapsed, 1 to `MAX_NAME` characters.
pub fn name(what: &str, text: &str) -> Result<String, OutOfRange> {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = collapsed.chars().count();
    if count == 0 || count > MAX_NAME {
        return Err(OutOfRange(format!(
            "A {what} has 1 to {MAX_NAME} characters."
        )));
    }
    if collapsed.chars().any(char::is_control) {
        return Err(OutOfRange(format!(
            "A {what} can't contain control characters."
        )));
    }
    Ok(collapsed)
}

/// A description, trimmed, 1 to [`MAX_DESCRIPTION`] characters.
pub fn description(text: &str) -> Result<String, OutOfRange> {
    let text = text.trim();
    let count = text.chars().count();
    if count == 0 || count > MAX_DESCRIPTION {
        return Err(OutOfRange(format!(
            "A description needs 1 to {MAX_DESCRIPTION} characters."
        )));
    }
    Ok(text.to_string())
}

/// At most `max` characters of `text`, with an ellipsis when cut: for echoing user input back.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_outside_the_range_are_refused() {
        let today = d("2026-11-30");
        assert_eq!(parse_day("2026-03-14", today), Ok(d("2026-03-14")));
        assert_eq!(parse_day("Yesterday", today), Ok(d("2026-11-29")));
        for bad in [
            "+10000-06-01",
            "-0005-01-01",
            "0001-01-01",
            "2200-01-01",
            "1899-12-31",
            "262142-12-30",
            "2026-3-14",
            "",
        ] {
            assert!(parse_day(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn schedules_start_at_most_a_year_back() {
        let today = d("2026-11-30");
        assert!(check_schedule_start(d("2026-01-01"), today).is_ok());
        assert!(check_schedule_start(d("2025-11-28"), today).is_err());
        assert!(check_schedule_start(d("2199-12-31"), today).is_ok());
    }

    #[test]
    fn names_are_bounded_and_collapsed() {
        assert_eq!(name("name", "  a   b ").as_deref(), Ok("a b"));
        assert!(name("name", &"x".repeat(6000)).is_err());
        assert!(name("name", "   ").is_err());
        assert!(name("name", "a\u{0}b").is_err());
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("ééééé", 3), "éé…");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
