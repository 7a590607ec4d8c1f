//! Placeholder quick-message reader (`<words> <amount>`), replaced by the full nom grammar.

use std::ops::Range;

use chrono::NaiveDate;
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::category::Category;
use crate::model::{DateFormat, EntryKind, UserId};
use crate::money::{Amount, Currency};

pub mod contract;
pub mod examples;

pub struct Context {
    pub today: NaiveDate,
    pub tz: Tz,
    pub date_format: DateFormat,
    pub default_currency: Currency,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recurrence {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub user: Option<UserId>,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub with: Vec<Mention>,
    pub shares: Option<Vec<u32>>,
    pub ways: Option<u32>,
    pub on_behalf: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParsedEntry {
    pub amount: Amount,
    pub currency: Option<Currency>,
    pub kind: EntryKind,
    pub date: NaiveDate,
    pub description: String,
    pub category: Option<Category>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub recurrence: Option<Recurrence>,
    pub split: Option<Split>,
    pub mentions: Vec<Mention>,
    pub span: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    Empty,
    NoAmount,
    NotAnExpense,
    Ambiguous,
    TooLarge,
    InvalidDate,
    TooLong,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub message: String,
    pub span: Range<usize>,
}

pub fn parse(text: &str, ctx: &Context) -> Result<Vec<ParsedEntry>, ParseError> {
    let err = |kind, message: &str| ParseError {
        kind,
        message: message.into(),
        span: 0..text.len(),
    };
    let mut amount = None;
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        match word.parse::<Decimal>() {
            Ok(d) if amount.is_none() => amount = Some(d),
            Ok(_) => return Err(err(ParseErrorKind::Ambiguous, "two amounts")),
            Err(_) => words.push(word),
        }
    }
    let amount = amount.ok_or_else(|| err(ParseErrorKind::NoAmount, "no amount"))?;
    let amount = Amount::new(amount).map_err(|e| err(ParseErrorKind::TooLarge, &e.to_string()))?;
    Ok(vec![ParsedEntry {
        amount,
        currency: None,
        kind: EntryKind::Expense,
        date: ctx.today,
        description: words.join(" "),
        category: None,
        tags: vec![],
        note: None,
        recurrence: None,
        split: None,
        mentions: vec![],
        span: 0..text.len(),
    }])
}
