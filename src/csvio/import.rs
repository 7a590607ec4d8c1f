//! `/import`: reading a bank statement CSV (or Tally's own export) into rows to preview and
//! import in one transaction.
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
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({size} bytes): the limit is 5 MB, split it by period")]
    TooLarge { size: usize },
    #[error("the file has more than {MAX_ROWS} rows: split it by period")]
    TooManyRows,
    #[error("this is not a text CSV file")]
    NotText,
    #[error("the CSV is malformed near line {line}: {reason}")]
    Malformed { line: u64, reason: String },
    #[error(
        "line {line} has more than {MAX_COLUMNS} columns: this is not a bank statement I can read"
    )]
    TooWide { line: u64 },
    #[error("I could not find a date column (a column of dates such as 2026-03-14 or 14/03/2026)")]
    NoDateColumn,
    #[error("I could not find an amount column (a signed amount, or debit and credit columns)")]
    NoAmountColumn,
    #[error("no row could be read: {reason} (line {line})")]
    NoRows { line: usize, reason: String },
}

/// Where the amount is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountLayout {
    /// One column, negative for money out.
    Signed { column: usize },
    /// Money out in one column, money in in another (each row fills one).
    DebitCredit { debit: usize, credit: usize },
    /// Tally's export: a positive amount and an `expense`/`income` kind column.
    KindAndAmount { amount: usize, kind: usize },
}

/// A row that could not be read, by its line in the file (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedRow {
    pub line: usize,
    pub reason: String,
}

/// One transaction read from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementRow {
    /// Line in the file (1-based), for the report.
    pub line: usize,
    pub date: NaiveDate,
    pub description: String,
    /// Signed: negative is money out.
    pub amount: Decimal,
    pub currency: Option<Currency>,
    /// The file's own category column (Tally's export), when present and valid.
    pub category: Option<Category>,
    /// Tally's export only: tags and note, so the file round-trips.
    pub tags: Vec<String>,
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
    pub delimiter: u8,
    pub has_header: bool,
    /// The chrono format of the date column, e.g. `%Y-%m-%d`.
    pub date_format: String,
    pub layout: AmountLayout,
    /// Whether the file is Tally's own export.
    pub tally_format: bool,
    pub rows: Vec<StatementRow>,
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

/// UTF-8 (a BOM dropped), else Windows-1252-ish single bytes; NUL bytes mean a binary file.
fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.contains(&0) {
        return Err(ImportError::NotText);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    })
}

/// The delimiter that splits the first records into the most consistent number of fields.
fn detect_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let widths: Vec<usize> = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .take(SAMPLE)
            .filter_map(Result::ok)
            .map(|r| r.len())
            .collect();
        let width = modal_width(widths.iter().copied());
        if width < 2 {
            continue;
        }
        let agreeing = widths.iter().filter(|&&w| w == width).count();
        if (agreeing, width) > (best.1, best.2) {
            best = (delimiter, agreeing, width);
        }
    }
    best.0
}

/// The most common record width (the widest on a tie).
fn modal_width(widths: impl Iterator<Item = usize>) -> usize {
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for w in widths {
        *counts.entry(w).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(w, n)| (n, w))
        .map_or(0, |(w, _)| w)
}

fn read_records(text: &str, delimiter: u8) -> Result<Vec<Record>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| ImportError::Malformed {
            line: e.position().map_or(0, |p| p.line()),
            reason: e.to_string(),
        })?;
        if out.len() > MAX_ROWS + SAMPLE {
            return Err(ImportError::TooManyRows);
        }
        // Column detection looks at every column of the sample: a row of a million fields
        // would make it quadratic. No bank statement is this wide.
        if record.len() > MAX_COLUMNS {
            return Err(ImportError::TooWide {
                line: record.position().map_or(0, |p| p.line()),
            });
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        out.push(Record {
            line,
            fields: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(out)
}

fn cell(record: &Record, column: usize) -> &str {
    record.fields.get(column).map_or("", String::as_str)
}

/// Header words for each role, most specific first (English plus common bank languages).
const DATE_NAMES: &[&str] = &[
    "transaction date",
    "date",
    "datum",
    "fecha",
    "data",
    "posted",
    "booking",
];
const DESCRIPTION_NAMES: &[&str] = &[
    "description",
    "details",
    "narrative",
    "payee",
    "merchant",
    "memo",
    "particulars",
    "beschreibung",
    "verwendungszweck",
    "omschrijving",
    "libelle",
    "libellé",
    "concepto",
    "name",
    "reference",
    "transaction",
];
const AMOUNT_NAMES: &[&str] = &[
    "amount", "betrag", "bedrag", "importe", "montant", "value", "sum",
];
const DEBIT_NAMES: &[&str] = &[
    "debit",
    "withdrawal",
    "money out",
    "paid out",
    "out",
    "soll",
];
const CREDIT_NAMES: &[&str] = &["credit", "deposit", "money in", "paid in", "in", "haben"];

/// Roles named by a header row, or `None` when the row names no date or amount.
fn header_columns(fields: &[String]) -> Option<Columns> {
    let names: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
    let find = |candidates: &[&str], taken: &[Option<usize>]| {
        candidates.iter().find_map(|want| {
            names.iter().enumerate().position(|(i, n)| {
                !taken.contains(&Some(i))
                    && !n.contains("balance")
                    && (n == want
                        || n.split(|c: char| !c.is_alphanumeric()).any(|w| w == *want)
                        || (want.contains(' ') && n.contains(want)))
            })
        })
    };
    let date = find(DATE_NAMES, &[]);
    let amount = find(AMOUNT_NAMES, &[date]);
    let debit = find(DEBIT_NAMES, &[date, amount]);
    let credit = find(CREDIT_NAMES, &[date, amount, debit]);
    if date.is_none() && amount.is_none() && (debit.is_none() || credit.is_none()) {
        return None;
    }
    let exact = |name: &str| names.iter().position(|n| n == name);
    let description = find(DESCRIPTION_NAMES, &[date, amount, debit, credit]);
    Some(Columns {
        date,
        description,
        amount,
        debit,
        credit,
        currency: exact("currency").or_else(|| exact("ccy")),
        category: exact("category"),
        kind: exact("kind"),
        tags: exact("tags"),
        note: exact("note"),
        id: exact("id"),
    })
}

fn is_tally_header(fields: &[String]) -> bool {
    fields.len() >= export::COLUMNS.len()
        && export::COLUMNS
            .iter()
            .zip(fields)
            .all(|(want, got)| got.trim().eq_ignore_ascii_case(want))
}

/// A first row without any date or number while the next rows have them is a header.
fn looks_like_header(records: &[Record]) -> bool {
    let has_data = |r: &Record| {
        r.fields.iter().any(|f| {
            cells::DATE_FORMATS
                .iter()
                .any(|fmt| cells::parse_date(f, fmt).is_some())
                || cells::parse_amount(f, DecimalMark::Point).is_some()
        })
    };
    match records {
        [first, second, ..] => !has_data(first) && has_data(second),
        _ => false,
    }
}

/// Fills the roles a header did not name from the content of the columns.
fn complete_columns(mut columns: Columns, data: &[Record], hint: DateFormat) -> Columns {
    let sample: Vec<&Record> = data.iter().take(SAMPLE).collect();
    let width = sample.iter().map(|r| r.fields.len()).max().unwrap_or(0);
    let column_cells = |c: usize| sample.iter().map(move |r| cell(r, c));
    if columns.date.is_none() {
        columns.date =
            (0..width).find(|&c| cells::detect_date_format(column_cells(c), hint).is_some());
    }
    let numeric: Vec<usize> = (0..width)
        .filter(|&c| Some(c) != columns.date)
        .filter(|&c| {
            let filled: Vec<&str> = column_cells(c).filter(|s| !s.trim().is_empty()).collect();
            let numbers = filled
                .iter()
                .filter(|s| cells::parse_amount(s, DecimalMark::Point).is_some())
                .count();
            !filled.is_empty() && numbers * 10 >= filled.len() * 8
        })
        .collect();
    let none_named =
        columns.amount.is_none() && (columns.debit.is_none() || columns.credit.is_none());
    if none_named {
        // Two numeric columns where each row fills exactly one: debit and credit.
        let pair = numeric.windows(2).find(|w| {
            let one_filled = sample
                .iter()
                .filter(|r| cell(r, w[0]).trim().is_empty() != cell(r, w[1]).trim().is_empty())
                .count();
            sample.len() >= 2 && one_filled * 10 >= sample.len() * 9
        });
        match pair {
            Some(w) => {
                columns.debit = Some(w[0]);
                columns.credit = Some(w[1]);
            }
            None => columns.amount = numeric.first().copied(),
        }
    }
    if columns.description.is_none() {
        let taken = [columns.date, columns.amount, columns.debit, columns.credit];
        columns.description = (0..width)
            .filter(|c| !taken.contains(&Some(*c)) && !numeric.contains(c))
            .max_by_key(|&c| {
                let total: usize = column_cells(c).map(|s| s.trim().len()).sum();
                (total, std::cmp::Reverse(c))
            });
    }
    columns
}

/// Reads one data record into a row, or says why not.
struct RowReader<'a> {
    columns: &'a Columns,
    date_column: usize,
    date_format: &'static str,
    layout: AmountLayout,
    marks: &'a [(usize, DecimalMark)],
    tally_format: bool,
}

impl RowReader<'_> {
    fn read(&self, record: &Record) -> Result<StatementRow, String> {
        let text = |column: Option<usize>| {
            let raw = column.map_or("", |c| cell(record, c)).trim();
            if self.tally_format {
                export::restore(raw).to_string()
            } else {
                raw.to_string()
            }
        };
        let date_cell = cell(record, self.date_column);
        let date = cells::parse_date(date_cell, self.date_format)
            .ok_or_else(|| format!("“{}” is not a date like the others", date_cell.trim()))?;
        let amount = self.amount(record)?;
        if amount.is_zero() {
            return Err("the amount is zero".into());
        }
        if Amount::new(amount.abs()).is_err() {
            return Err(format!("the amount {amount} is out of range"));
        }
        let description = text(self.columns.description)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let description = crate::bounds::shorten(&description, crate::bounds::MAX_DESCRIPTION);
        if description.is_empty() {
            return Err("the description is empty".into());
        }
        let currency = match text(self.columns.currency).as_str() {
            "" => None,
            code => Some(
                Currency::parse(code).map_err(|_| format!("“{code}” is not a currency code"))?,
            ),
        };
        let category = match text(self.columns.category).as_str() {
            "" => None,
            name => Category::new(name).ok(),
        };
        let tags = text(self.columns.tags)
            .split_whitespace()
            .map(|t| t.trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let note = Some(text(self.columns.note))
            .filter(|n| !n.is_empty())
            .map(|n| crate::bounds::shorten(&n, MAX_NOTE));
        let exported_seq = if self.tally_format {
            text(self.columns.id).trim_start_matches('#').parse().ok()
        } else {
            None
        };
        Ok(StatementRow {
            line: record.line,
            date,
            description,
            amount,
            currency,
            category,
            tags,
            note,
            fingerprint: String::new(),
            exported_seq,
        })
    }

    fn amount(&self, record: &Record) -> Result<Decimal, String> {
        let mark = |c: usize| {
            self.marks
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(DecimalMark::Point, |(_, m)| *m)
        };
        let parse = |c: usize| {
            let raw = cell(record, c).trim();
            if raw.is_empty() {
                return Ok(None);
            }
            cells::parse_amount(raw, mark(c))
                .map(Some)
                .ok_or_else(|| format!("“{raw}” is not an amount"))
        };
        match self.layout {
            AmountLayout::Signed { column } => {
                parse(column)?.ok_or_else(|| "the amount is missing".to_string())
            }
            AmountLayout::DebitCredit { debit, credit } => match (parse(debit)?, parse(credit)?) {
                (None, None) => Err("both debit and credit are empty".into()),
                (d, c) => Ok(c.unwrap_or_default().abs() - d.unwrap_or_default().abs()),
            },
            AmountLayout::KindAndAmount { amount, kind } => {
                let value = parse(amount)?
                    .ok_or_else(|| "the amount is missing".to_string())?
                    .abs();
                match cell(record, kind).trim().parse::<EntryKind>() {
                    Ok(EntryKind::Expense) => Ok(-value),
                    Ok(EntryKind::Income) => Ok(value),
                    Err(_) => Err(format!("“{}” is not expense or income", cell(record, kind))),
                }
            }
        }
    }
}

/// The description as compared across files: the normalized merchant, or the lower-cased
/// words when normalization leaves nothing.
fn fingerprint_text(description: &str) -> String {
    let merchant = categorize::normalize_merchant(description);
    if merchant.is_empty() {
        description
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        merchant
    }
}

/// A 128-bit FNV-1a digest (two offset bases) in hex, prefixed with the scheme version.
fn fingerprint(text: &str) -> String {
    let digest = |basis: u64| {
        text.bytes().fold(basis, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    format!(
        "v1:{:016x}{:016x}",
        digest(0xcbf2_9ce4_8422_2325),
        digest(0x6c62_272e_07bb_0142)
    )
}
