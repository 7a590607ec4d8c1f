//! The hostile values the driver picks from: dates outside the calendar, huge and negative
//! amounts, other people's ids, pages past the end, strings built to break formatting.

pub(super) const DATES: &[&str] = &[
    "2026-03-14",
    "+10000-06-01",
    "-0005-01-01",
    "0001-01-01",
    "2199-12-31",
    "1900-01-01",
    "262142-12-30",
    "2026-02-30",
    "today",
    "yesterday",
    "2025-11-30",
];
pub(super) const PERIODS: &[&str] = &[
    "month",
    "all",
    "last-month",
    "+10000-01-01..+262142-12-30",
    "-200000-01-01..2026-01-01",
    "1900-01-01..2199-12-31",
    "2026",
    "0000",
    "2026-02",
    "2026-03-14..2026-03-01",
    "year",
];
pub(super) const AMOUNTS: &[&str] = &[
    "4.50",
    "-3",
    "0",
    "0.00001",
    "0.0001",
    "99999999999",
    "999999999.9999",
    "1000000000",
    "NaN",
    "1e9",
    "1,000,000",
    "¥5",
    "12 EUR",
    "79228162514264337593543950335",
];
pub(super) const IDS: &[&str] = &[
    "1",
    "#2",
    "3",
    "-1",
    "0",
    "99999999999999999999",
    "9223372036854775807",
    "abc",
];
pub(super) const PAGES: &[&str] = &["1", "2", "0", "4294967295", "-1", "100001"];

pub(super) fn strings() -> Vec<String> {
    vec![
        "Dining".into(),
        "x".repeat(6000),
        "🧾".repeat(300),
        "[Verify](https://evil.example)".into(),
        "@everyone".into(),
        "<@7001>".into(),
        "**bold** ~~gone~~ ||spoiler|| `code`".into(),
        "\u{202E}evil\u{200B}\u{0}".into(),
        "a\nb\nc".into(),
        "  ".into(),
        "Ünïcödé café".into(),
    ]
}
