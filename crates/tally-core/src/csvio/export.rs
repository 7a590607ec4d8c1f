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
//! - `id`: the entry's short number as users see it (`#12`), which an import of the file reads
//!   back to recognise its own rows.
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
    /// The entry's day in the ledger's time zone, written `YYYY-MM-DD`.
    pub date: NaiveDate,
    /// Written `expense` or `income`; what `/import` reads the amount's direction from.
    pub kind: EntryKind,
    /// Positive: the kind says whether money went out or came in.
    pub amount: Decimal,
    /// Written as its code; entries keep their own currency, so one file may hold several.
    pub currency: Currency,
    /// Read back by `/import` when the importing ledger has a category of that name.
    pub category: Category,
    /// Written as is (formula-like text defused), and read back as the description.
    pub description: String,
    /// A display name, not an id: the file is for people and spreadsheets (the engine falls
    /// back to the user id when it knows no name).
    pub paid_by: String,
    /// Who recorded it, as a display name like `paid_by`.
    pub author: String,
    /// Without `#`, written space-separated in one cell.
    pub tags: Vec<String>,
    /// Written as an empty cell when `None`.
    pub note: Option<String>,
    /// The engine writes the entry's short number (`#12`), not its uuid: importing the file
    /// back into the same ledger recognises entries by it.
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
