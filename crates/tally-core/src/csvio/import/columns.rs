//! Which column holds what: by the header's names when there is one, else by what the cells
//! look like.

use super::*;

/// Header words for each role, most specific first (English plus common bank languages).
pub(super) const DATE_NAMES: &[&str] = &[
    "transaction date",
    "date",
    "datum",
    "fecha",
    "data",
    "posted",
    "booking",
];
pub(super) const DESCRIPTION_NAMES: &[&str] = &[
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
pub(super) const AMOUNT_NAMES: &[&str] = &[
    "amount", "betrag", "bedrag", "importe", "montant", "value", "sum",
];
pub(super) const DEBIT_NAMES: &[&str] = &[
    "debit",
    "withdrawal",
    "money out",
    "paid out",
    "out",
    "soll",
];
pub(super) const CREDIT_NAMES: &[&str] =
    &["credit", "deposit", "money in", "paid in", "in", "haben"];

/// Roles named by a header row, or `None` when the row names no date or amount.
pub(super) fn header_columns(fields: &[String]) -> Option<Columns> {
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

pub(super) fn is_tally_header(fields: &[String]) -> bool {
    fields.len() >= export::COLUMNS.len()
        && export::COLUMNS
            .iter()
            .zip(fields)
            .all(|(want, got)| got.trim().eq_ignore_ascii_case(want))
}

/// A first row without any date or number while the next rows have them is a header.
pub(super) fn looks_like_header(records: &[Record]) -> bool {
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
pub(super) fn complete_columns(mut columns: Columns, data: &[Record], hint: DateFormat) -> Columns {
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
