//! One record → one statement row (or the reason it is rejected), and the fingerprint that
//! keeps a re-imported row from being recorded twice.

use super::*;

/// Reads one data record into a row, or says why not.
pub(super) struct RowReader<'a> {
    pub(super) columns: &'a Columns,
    pub(super) date_column: usize,
    pub(super) date_format: &'static str,
    pub(super) layout: AmountLayout,
    pub(super) marks: &'a [(usize, DecimalMark)],
    pub(super) tally_format: bool,
}

impl RowReader<'_> {
    pub(super) fn read(&self, record: &Record) -> Result<StatementRow, String> {
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
pub(super) fn fingerprint_text(description: &str) -> String {
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
pub(super) fn fingerprint(text: &str) -> String {
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
