//! Reading one cell of a bank statement: dates in the many formats banks use, and amounts with
//! their separators, currency marks and sign conventions.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::DateFormat;

/// Date formats tried on a date column, day-first and month-first variants both present.
pub const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d.%m.%y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d %B %Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%d-%b-%y",
];

/// Whether a format reads the day before the month (for the ambiguity tie-break).
pub fn day_first(format: &str) -> bool {
    let month = ["%m", "%b", "%B"].iter().find_map(|m| format.find(m));
    match (format.find("%d"), month) {
        (Some(d), Some(m)) => d < m,
        _ => false,
    }
}

/// The longest cell read as a date: `2023-10-27T00:00:00.000+02:00` and every bank's longer
/// spellings fit well within it. A longer cell is not a date, and is not scanned.
pub const MAX_DATE_CELL: usize = 64;

/// Parses a date cell with one format, ignoring a trailing time (`2023-10-10 00:00:00`,
/// `2023-10-27T00:00:00`). Linear in the cell's length: the time part is found from the last
/// ':' once, not by searching the rest of the cell at every space. Only dates in the calendar's
/// range ([`crate::bounds`]) are read.
pub fn parse_date(cell: &str, format: &str) -> Option<NaiveDate> {
    let cell = cell.trim();
    if cell.is_empty() || cell.len() > MAX_DATE_CELL {
        return None;
    }
    let date = match NaiveDate::parse_from_str(cell, format) {
        Ok(date) => date,
        Err(_) => {
            // Cut a time part off: the first 'T' or space that some ':' follows.
            let last_colon = cell.rfind(':')?;
            let cut = cell[..last_colon].find(['T', ' '])?;
            NaiveDate::parse_from_str(&cell[..cut], format).ok()?
        }
    };
    crate::bounds::day_in_range(date).then_some(date)
}

/// The format that reads the most of these cells; a tie (3/4 read either way) goes to the
/// user's setting. `None` when no format reads most non-empty cells.
pub fn detect_date_format<'a>(
    cells: impl Iterator<Item = &'a str> + Clone,
    hint: DateFormat,
) -> Option<&'static str> {
    let filled = cells.clone().filter(|c| !c.trim().is_empty()).count();
    if filled == 0 {
        return None;
    }
    let mut best: Option<(&'static str, usize)> = None;
    for &format in DATE_FORMATS {
        let parsed = cells
            .clone()
            .filter(|c| parse_date(c, format).is_some())
            .count();
        let better = match best {
            None => parsed > 0,
            Some((current, n)) => {
                parsed > n
                    || (parsed == n
                        && day_first(format) == (hint == DateFormat::Dmy)
                        && day_first(current) != (hint == DateFormat::Dmy))
            }
        };
        if better {
            best = Some((format, parsed));
        }
    }
    best.filter(|(_, n)| n * 2 > filled).map(|(f, _)| f)
}

/// How a column writes its decimal point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.56`: `.` before the cents, `,` (or a space or `'`) between thousands.
    Point,
    /// `1.234,56`: `,` before the cents, `.` (or a space or `'`) between thousands.
    Comma,
}

/// A column uses a decimal comma when some value ends in `,d` or `,dd` and none ends in `.d`
/// or `.dd` (`1.234,56`, `4,50`); otherwise a point (`1,234.56`, `1 234.56`).
pub fn detect_decimal_mark<'a>(cells: impl Iterator<Item = &'a str>) -> DecimalMark {
    let (mut comma, mut point) = (false, false);
    for cell in cells {
        let digits: String = cell
            .trim()
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .to_string();
        let tail = |mark: char| {
            digits
                .rfind(mark)
                .is_some_and(|i| (1..=2).contains(&(digits.len() - i - 1)))
        };
        comma |= tail(',');
        point |= tail('.');
    }
    if comma && !point {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// Parses an amount cell: currency marks and codes, spaces and thousands separators ignored;
/// negative as `-12.30`, `(12.30)`, `12.30-` or `12.30 DR`; `CR` marks money in.
pub fn parse_amount(cell: &str, mark: DecimalMark) -> Option<Decimal> {
    let text = cell.trim();
    if text.is_empty() {
        return None;
    }
    let upper = text.to_ascii_uppercase();
    let mut negative = upper.ends_with("DR") || (text.starts_with('(') && text.ends_with(')'));
    let (decimal, thousands) = match mark {
        DecimalMark::Point => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    let mut number = String::new();
    let mut seen_digit = false;
    let mut trailing_minus = false;
    for c in text.chars() {
        match c {
            '0'..='9' => {
                // A minus between digits (`470010 -0.80`) is two numbers, not one.
                if trailing_minus {
                    return None;
                }
                number.push(c);
                seen_digit = true;
            }
            '-' | '−' => {
                trailing_minus = seen_digit;
                negative = true;
            }
            c if c == decimal => number.push('.'),
            c if c == thousands || c.is_whitespace() || c == '\'' || c == '\u{a0}' => {}
            '+' | '(' | ')' => {}
            c if c.is_alphabetic() || "$€£¥₹".contains(c) => {}
            _ => return None,
        }
    }
    if !seen_digit || number.matches('.').count() > 1 {
        return None;
    }
    let value = Decimal::from_str(&number).ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_in_bank_notations() {
        let p = |s| parse_amount(s, DecimalMark::Point);
        assert_eq!(p("-12.30"), Some(d("-12.30")));
        assert_eq!(p("1,234.56"), Some(d("1234.56")));
        assert_eq!(p("-2 300.52"), Some(d("-2300.52")));
        assert_eq!(p("(45.00)"), Some(d("-45.00")));
        assert_eq!(p("45.00-"), Some(d("-45.00")));
        assert_eq!(p("R 120.00"), Some(d("120.00")));
        assert_eq!(p("$5"), Some(d("5")));
        assert_eq!(p("12.00 DR"), Some(d("-12.00")));
        assert_eq!(p("12.00 CR"), Some(d("12.00")));
        assert_eq!(p("abc"), None);
        assert_eq!(p("1.2.3"), None);
        assert_eq!(p("470010 -0.80"), None);
        assert_eq!(p(""), None);
        assert_eq!(
            parse_amount("-1.234,56", DecimalMark::Comma),
            Some(d("-1234.56"))
        );
        assert_eq!(parse_amount("4,50 €", DecimalMark::Comma), Some(d("4.50")));
    }

    #[test]
    fn decimal_mark_is_detected_per_column() {
        assert_eq!(
            detect_decimal_mark(["1.234,56", "4,50"].into_iter()),
            DecimalMark::Comma
        );
        assert_eq!(
            detect_decimal_mark(["1,234.56", "4.50"].into_iter()),
            DecimalMark::Point
        );
        assert_eq!(
            detect_decimal_mark(["1,234", "12"].into_iter()),
            DecimalMark::Point
        );
    }

    #[test]
    fn date_formats_with_ambiguity_and_times() {
        let cells = ["2023-10-10 00:00:00", "2023-10-27T00:00:00"];
        assert_eq!(
            detect_date_format(cells.into_iter(), DateFormat::Mdy),
            Some("%Y-%m-%d")
        );
        let unambiguous = ["03/04/2026", "25/04/2026"];
        assert_eq!(
            detect_date_format(unambiguous.into_iter(), DateFormat::Mdy),
            Some("%d/%m/%Y")
        );
        let ambiguous = ["03/04/2026", "05/04/2026"];
        assert_eq!(
            detect_date_format(ambiguous.into_iter(), DateFormat::Mdy),
            Some("%m/%d/%Y")
        );
        assert_eq!(
            detect_date_format(ambiguous.into_iter(), DateFormat::Dmy),
            Some("%d/%m/%Y")
        );
        assert_eq!(
            detect_date_format(["14 Mar 2026"].into_iter(), DateFormat::Mdy),
            Some("%d %b %Y")
        );
        assert_eq!(
            detect_date_format(["hello", "12.50"].into_iter(), DateFormat::Mdy),
            None
        );
    }
}
