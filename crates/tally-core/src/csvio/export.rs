//! `/export`: a ledger's entries as an RFC 4180 CSV file.
//!
//! Columns (in this order, header row first):
//! - `date`: the entry's day, ISO 8601 (`2026-03-14`);
//! - `kind`: `expense` or `income`;
//! - `amount`: the amount, always positive, `.` as decimal point, no thousands separator;
//! - `currency`: ISO 4217 code;
//! - `category`, `description`, `paid_by`, `author`: text;
//! - `tags`: the entry's tags separated by spaces, without `#`;
//! - `note`: free text, empty when none;
//! - `id`: the entry's id.
//!
//! Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) is written
//! with a leading `'`; `/import` removes it again, so the file round-trips.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::category::Category;
use crate::model::EntryKind;
use crate::money::Currency;

/// The exported columns, in order.
pub const COLUMNS: &[&str] = &[
    "date",
    "kind",
    "amount",
    "currency",
    "category",
    "description",
    "paid_by",
    "author",
    "tags",
    "note",
    "id",
];

/// One entry as exported.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    pub date: NaiveDate,
    pub kind: EntryKind,
    /// Positive: the kind says whether money went out or came in.
    pub amount: Decimal,
    pub currency: Currency,
    pub category: Category,
    pub description: String,
    pub paid_by: String,
    pub author: String,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub id: String,
}

/// The CSV file for these rows (UTF-8, CRLF line ends, header first).
pub fn write(rows: &[ExportRow]) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failed record would only drop that record.
    let _ = out.write_record(COLUMNS);
    for row in rows {
        let amount = row.amount.abs().normalize().to_string();
        let tags = row.tags.join(" ");
        let record = [
            row.date.format("%Y-%m-%d").to_string(),
            row.kind.as_str().to_string(),
            amount,
            row.currency.code().to_string(),
            defuse(row.category.as_str()),
            defuse(&row.description),
            defuse(&row.paid_by),
            defuse(&row.author),
            defuse(&tags),
            defuse(row.note.as_deref().unwrap_or("")),
            row.id.clone(),
        ];
        let _ = out.write_record(&record);
    }
    out.into_inner().unwrap_or_default()
}

/// Characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@'];

/// Prefixes formula-like text with `'` so opening the export in a spreadsheet runs nothing.
fn defuse(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`defuse`] when reading Tally's own export back.
pub(crate) fn restore(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => text,
    }
}
