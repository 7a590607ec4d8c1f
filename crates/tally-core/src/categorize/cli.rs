//! `tally categorize`: the stable evaluation surface of the categorizer.
//!
//! Input is TSV, one transaction a line: `description<TAB>amount`, or with `--learn`
//! `description<TAB>amount<TAB>true_category`. The amount is signed as on a bank statement:
//! negative (or zero) is money out (an expense), positive is money in (income); a missing
//! amount counts as an expense. Output is one category name a line, in input order; with
//! `--learn` the printed category is the prediction made *before* the true category is learned
//! (as a user correction would teach it). Blank lines are skipped and print nothing.
//! A line that cannot be read (no description, an amount that is not a number, an unknown true
//! category) stops the run with an error naming the line; what was printed before stays valid.

use std::io::{BufRead, Write};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{LedgerModel, decide_prepared, default_categories, learned};
use crate::category::Category;
use crate::model::EntryKind;

/// Why `tally categorize` stopped.
#[derive(Debug, thiserror::Error)]
pub enum CategorizeError {
    /// Reading the input or writing the output failed.
    #[error("could not read or write: {0}")]
    Io(#[from] std::io::Error),
    /// A line that cannot be read; what was printed before it stays valid.
    #[error("line {line}: {reason}")]
    Malformed {
        /// The line's number in the input, from 1, blank lines included.
        line: usize,
        /// What is wrong with it, for the person running the evaluation.
        reason: String,
    },
}

/// One parsed input line.
struct Line<'a> {
    description: &'a str,
    amount: Decimal,
    truth: Option<Category>,
}

/// Runs the categorizer over `input`, writing one category per transaction to `output`.
pub fn run(
    input: impl BufRead,
    mut output: impl Write,
    learn: bool,
) -> Result<(), CategorizeError> {
    let categories = default_categories();
    let mut model = LedgerModel::default();
    for (index, text) in input.lines().enumerate() {
        let text = text?;
        let number = index + 1;
        if text.trim().is_empty() {
            continue;
        }
        let line = parse_line(&text, learn).map_err(|reason| CategorizeError::Malformed {
            line: number,
            reason,
        })?;
        let kind = if line.amount > Decimal::ZERO {
            EntryKind::Income
        } else {
            EntryKind::Expense
        };
        // No tag and no rules here, so this is `decide` without those steps, and the same
        // preparation serves the learning step that follows.
        let prepared = learned::prepare(line.description, line.amount, kind);
        let decision = decide_prepared(&prepared, &model, &categories);
        writeln!(output, "{}", decision.category)?;
        if let Some(truth) = &line.truth {
            model.learn_prepared(&prepared, truth);
        }
    }
    output.flush()?;
    Ok(())
}

/// Splits and validates one TSV line.
fn parse_line(text: &str, learn: bool) -> Result<Line<'_>, String> {
    let mut fields = text.trim_end_matches(['\r', '\n']).split('\t');
    let description = fields.next().unwrap_or("").trim();
    if description.is_empty() {
        return Err("the description (first column) is empty".into());
    }
    let amount = match fields.next().map(str::trim) {
        None | Some("") => Decimal::ZERO,
        Some(raw) => parse_amount(raw).ok_or_else(|| format!("“{raw}” is not an amount"))?,
    };
    let truth = if learn {
        let raw = fields.next().map(str::trim).unwrap_or("");
        if raw.is_empty() {
            return Err("--learn needs a true category in the third column".into());
        }
        let category = Category::default_named(raw)
            .ok_or_else(|| format!("“{raw}” is not a category of the default taxonomy"))?;
        Some(category)
    } else {
        None
    };
    Ok(Line {
        description,
        amount,
        truth,
    })
}

/// A signed decimal, allowing a leading `+` and spaces or commas as thousands separators.
fn parse_amount(raw: &str) -> Option<Decimal> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '+')
        .collect();
    Decimal::from_str(&cleaned).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_str(input: &str, learn: bool) -> Result<String, CategorizeError> {
        let mut out = Vec::new();
        run(input.as_bytes(), &mut out, learn)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn prints_one_category_per_line() {
        let out = run_str(
            "TESCO STORES 3041\t-23.10\nACME SALARY\t2500\n\nzzzz qqq\n",
            false,
        )
        .unwrap();
        assert_eq!(out, "Groceries\nIncome\nOther\n");
    }

    #[test]
    fn learn_predicts_before_learning() {
        let input = "Zorblax 12\t-10\tEntertainment\nZorblax 99\t-12\tEntertainment\n";
        assert_eq!(run_str(input, true).unwrap(), "Other\nEntertainment\n");
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = run_str("coffee\t-4\n\tx\n", false).unwrap_err();
        assert!(err.to_string().starts_with("line 2:"), "{err}");
        let err = run_str("coffee\tabc\n", false).unwrap_err();
        assert!(err.to_string().contains("not an amount"));
        let err = run_str("coffee\t-4\tNonsense\n", true).unwrap_err();
        assert!(err.to_string().contains("default taxonomy"));
    }
}
