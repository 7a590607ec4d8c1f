//! Reading the file into records: its encoding, its delimiter, and its rows of cells.

use super::*;

/// UTF-8 (a BOM dropped), else Windows-1252-ish single bytes; NUL bytes mean a binary file.
pub(super) fn decode(bytes: &[u8]) -> Result<String, ImportError> {
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
pub(super) fn detect_delimiter(text: &str) -> u8 {
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
pub(super) fn modal_width(widths: impl Iterator<Item = usize>) -> usize {
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for w in widths {
        *counts.entry(w).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(w, n)| (n, w))
        .map_or(0, |(w, _)| w)
}

pub(super) fn read_records(text: &str, delimiter: u8) -> Result<Vec<Record>, ImportError> {
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

pub(super) fn cell(record: &Record, column: usize) -> &str {
    record.fields.get(column).map_or("", String::as_str)
}
