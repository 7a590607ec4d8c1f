//! `/import`: reading a bank statement CSV (or Tally's own export) into rows to preview and
//! import (the store writes them in chunks, each its own transaction: `tally-store`'s
//! `chunks.rs`).
//!
//! Banks disagree on everything, so [`analyze`] detects the delimiter, the header, the date
//! format, the decimal mark and the amount layout (one signed column, debit and credit columns,
//! or Tally's amount-and-kind). Rows it cannot read are listed with their line and the reason;
//! a file it cannot read at all is an [`ImportError`] and nothing is imported.
//!
//! Each row carries a fingerprint: the same (date, amount, normalized description, n-th
//! occurrence of that triple in the file) always gives the same fingerprint, so importing the
//! same file twice, or an overlapping statement, creates no duplicates (the store keeps
//! `Source::ImportRow { fingerprint }` unique per ledger).
mod columns;
mod records;
mod rows;

use columns::*;
use records::*;
use rows::*;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::cells::{self, DecimalMark};
use super::export;
use crate::categorize::{self, Decision, LedgerModel, Rule};
use crate::category::Category;
use crate::model::{CategorySource, DateFormat, EntryKind};
use crate::money::{Amount, Currency};

/// Largest file accepted (5 MB): a year of statements is far smaller.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Most data rows accepted in one file.
pub const MAX_ROWS: usize = 50_000;
/// Records looked at to detect the delimiter and the columns.
const SAMPLE: usize = 200;
/// The widest record read (see `read_records`).
pub const MAX_COLUMNS: usize = 64;
/// The longest note kept from a file.
const MAX_NOTE: usize = 500;

/// Why a file could not be imported at all (nothing is imported).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No bytes, or nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// Over [`MAX_BYTES`]; refused before anything is decoded.
    #[error("the file is too large ({size} bytes): the limit is 5 MB, split it by period")]
    TooLarge {
        /// The file's length in bytes.
        size: usize,
    },
    /// More than [`MAX_ROWS`] data rows.
    #[error("the file has more than {MAX_ROWS} rows: split it by period")]
    TooManyRows,
    /// A NUL byte: a binary file (a spreadsheet, a PDF), not CSV text.
    #[error("this is not a text CSV file")]
    NotText,
    /// The CSV reader refused a record.
    #[error("the CSV is malformed near line {line}: {reason}")]
    Malformed {
        /// 1-based line where the reader stopped; 0 when it could not say.
        line: u64,
        /// The CSV reader's own message.
        reason: String,
    },
    /// A record of more than [`MAX_COLUMNS`] fields, which would make column detection slow.
    #[error(
        "line {line} has more than {MAX_COLUMNS} columns: this is not a bank statement I can read"
    )]
    TooWide {
        /// 1-based line where the record starts; 0 when unknown.
        line: u64,
    },
    /// No column of dates, or none where one format reads more than half of the filled cells.
    #[error("I could not find a date column (a column of dates such as 2026-03-14 or 14/03/2026)")]
    NoDateColumn,
    /// Neither a signed amount column nor a pair of debit and credit columns.
    #[error("I could not find an amount column (a signed amount, or debit and credit columns)")]
    NoAmountColumn,
    /// The layout was found but every row was rejected: the first rejection, as an example.
    #[error("no row could be read: {reason} (line {line})")]
    NoRows {
        /// 1-based line of the first rejected row (of the table's first record when it has
        /// no data rows).
        line: usize,
        /// Why that row was rejected.
        reason: String,
    },
}

/// Where the amount is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountLayout {
    /// One column, negative for money out.
    Signed {
        /// 0-based index of the amount column.
        column: usize,
    },
    /// Money out in one column, money in in another (each row fills one).
    DebitCredit {
        /// 0-based index of the money-out column; its sign is ignored.
        debit: usize,
        /// 0-based index of the money-in column; its sign is ignored.
        credit: usize,
    },
    /// Tally's export: a positive amount and an `expense`/`income` kind column.
    KindAndAmount {
        /// 0-based index of the amount column; its sign is ignored.
        amount: usize,
        /// 0-based index of the `expense`/`income` column.
        kind: usize,
    },
}

/// A row that could not be read, by its line in the file (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedRow {
    /// Where the record starts, from 1 (a quoted field may span several lines).
    pub line: usize,
    /// What is wrong with it, for the person importing (`“abc” is not an amount`).
    pub reason: String,
}

/// One transaction read from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementRow {
    /// Line in the file (1-based), for the report.
    pub line: usize,
    /// The day as written in the file, read with the format detected for the whole column.
    pub date: NaiveDate,
    /// Whitespace collapsed and at most [`MAX_DESCRIPTION`](crate::bounds::MAX_DESCRIPTION)
    /// characters; never empty.
    pub description: String,
    /// Signed: negative is money out. Never zero, and its absolute value is a valid
    /// [`Amount`].
    pub amount: Decimal,
    /// The row's currency cell; `None` when the file has no such column or the cell is empty,
    /// and the ledger's currency applies.
    pub currency: Option<Currency>,
    /// The file's own category column (Tally's export), when present and valid.
    pub category: Option<Category>,
    /// Tally's export only: tags and note, so the file round-trips.
    pub tags: Vec<String>,
    /// The cell of a column headed `note` (any file), when filled; at most 500 characters.
    pub note: Option<String>,
    /// Stable identity of the transaction across files (see the module docs).
    pub fingerprint: String,
    /// Tally's export only: the entry number it had in the ledger it was exported from, so a
    /// ledger's own export imported back into it is recognised entry by entry.
    pub exported_seq: Option<i64>,
}

impl StatementRow {
    /// Expense for money out, income for money in.
    pub fn kind(&self) -> EntryKind {
        if self.amount > Decimal::ZERO {
            EntryKind::Income
        } else {
            EntryKind::Expense
        }
    }
}

/// What [`analyze`] found: the detected layout (for the preview) and the rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The detected field separator: `,`, `;`, tab or `|`.
    pub delimiter: u8,
    /// Whether the table's first record names the columns (and is not a row).
    pub has_header: bool,
    /// The chrono format of the date column, e.g. `%Y-%m-%d`.
    pub date_format: String,
    /// Where the amounts were found.
    pub layout: AmountLayout,
    /// Whether the file is Tally's own export.
    pub tally_format: bool,
    /// The rows read, in file order; never empty (that is [`ImportError::NoRows`]).
    pub rows: Vec<StatementRow>,
    /// The rows that could not be read, in file order: listed in the preview, not imported.
    pub rejected: Vec<RejectedRow>,
}

/// The columns a statement's header or content revealed.
#[derive(Clone, Debug, Default)]
struct Columns {
    date: Option<usize>,
    description: Option<usize>,
    amount: Option<usize>,
    debit: Option<usize>,
    credit: Option<usize>,
    currency: Option<usize>,
    category: Option<usize>,
    kind: Option<usize>,
    tags: Option<usize>,
    note: Option<usize>,
    /// Tally's export: the entry's `#number` in the ledger it came from.
    id: Option<usize>,
}

/// A record with the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Reads a statement file. `date_format_hint` settles dates that read either way (3/4).
pub fn analyze(bytes: &[u8], date_format_hint: DateFormat) -> Result<Statement, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { size: bytes.len() });
    }
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let delimiter = detect_delimiter(&text);
    let records = read_records(&text, delimiter)?;
    // Banks put account details above the table: the table starts at the first record as
    // wide as most records.
    let width = modal_width(records.iter().take(SAMPLE).map(|r| r.fields.len()));
    let start = records
        .iter()
        .position(|r| r.fields.len() == width)
        .unwrap_or(0);
    let records = &records[start..];
    let Some(first) = records.first() else {
        return Err(ImportError::Empty);
    };

    let header = header_columns(&first.fields);
    let has_header = header.is_some() || looks_like_header(records);
    let tally_format = is_tally_header(&first.fields);
    let data = if has_header { &records[1..] } else { records };
    if data.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows);
    }
    let columns = complete_columns(header.unwrap_or_default(), data, date_format_hint);

    let date_column = columns.date.ok_or(ImportError::NoDateColumn)?;
    let date_format = cells::detect_date_format(
        data.iter().take(SAMPLE * 5).map(|r| cell(r, date_column)),
        date_format_hint,
    )
    .ok_or(ImportError::NoDateColumn)?;
    let layout = match (columns.amount, columns.debit, columns.credit, columns.kind) {
        (Some(amount), _, _, Some(kind)) if tally_format => {
            AmountLayout::KindAndAmount { amount, kind }
        }
        (Some(column), _, _, _) => AmountLayout::Signed { column },
        (None, Some(debit), Some(credit), _) => AmountLayout::DebitCredit { debit, credit },
        _ => return Err(ImportError::NoAmountColumn),
    };
    let amount_columns = match layout {
        AmountLayout::Signed { column } | AmountLayout::KindAndAmount { amount: column, .. } => {
            vec![column]
        }
        AmountLayout::DebitCredit { debit, credit } => vec![debit, credit],
    };
    let marks: Vec<(usize, DecimalMark)> = amount_columns
        .iter()
        .map(|&c| {
            (
                c,
                cells::detect_decimal_mark(data.iter().map(|r| cell(r, c))),
            )
        })
        .collect();
    let reader = RowReader {
        columns: &columns,
        date_column,
        date_format,
        layout,
        marks: &marks,
        tally_format,
    };

    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut occurrences: std::collections::HashMap<String, u32> = Default::default();
    for record in data {
        if record.fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match reader.read(record) {
            Ok(mut row) => {
                let triple = format!(
                    "{}|{}|{}",
                    row.date,
                    row.amount.normalize(),
                    fingerprint_text(&row.description)
                );
                let n = occurrences.entry(triple.clone()).or_insert(0);
                *n += 1;
                row.fingerprint = fingerprint(&format!("{triple}|{n}"));
                rows.push(row);
            }
            Err(reason) => rejected.push(RejectedRow {
                line: record.line,
                reason,
            }),
        }
    }
    if rows.is_empty() {
        let (line, reason) = rejected
            .first()
            .map(|r| (r.line, r.reason.clone()))
            .unwrap_or((first.line, "the file has a header but no rows".to_string()));
        return Err(ImportError::NoRows { line, reason });
    }
    Ok(Statement {
        delimiter,
        has_header,
        date_format: date_format.to_string(),
        layout,
        tally_format,
        rows,
        rejected,
    })
}

/// Categorizes imported rows for a ledger: the file's own category when the ledger has it,
/// otherwise the usual decision (rules, learning, built-in).
pub fn categorize(
    statement: &Statement,
    rules: &[Rule],
    model: &LedgerModel,
    categories: &[Category],
) -> Vec<Decision> {
    statement
        .rows
        .iter()
        .map(|row| {
            let listed = row
                .category
                .as_ref()
                .and_then(|c| categories.iter().find(|k| k.same_as(c.as_str())));
            match listed {
                Some(category) => Decision {
                    category: category.clone(),
                    source: CategorySource::Manual,
                    confidence: 1.0,
                    alternatives: Vec::new(),
                    reason: "from the imported file".to_string(),
                },
                None => categorize::decide(
                    &row.description,
                    row.amount.abs(),
                    row.kind(),
                    None,
                    rules,
                    model,
                    categories,
                ),
            }
        })
        .collect()
}
