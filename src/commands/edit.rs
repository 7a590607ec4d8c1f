//! `/edit id:12 [amount] [description] [category] [date]` — correct an entry.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::{Amount, Currency};
use crate::store::EntryUpdate;

use super::{CommandError, Engine, Outcome, Reply, Request, format, shows_privately};

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    id: &str,
    amount: Option<String>,
    description: Option<String>,
    category: Option<String>,
    date: Option<String>,
) -> Outcome {
    let (ledger, entry) = engine.find_entry(req, id).await?;
    let today = engine.today(req, &ledger);
    let mut update = EntryUpdate::default();
    if let Some(text) = amount {
        let (amount, currency) = parse_amount(&text)?;
        update.amount = Some(amount);
        update.currency = currency;
    }
    if let Some(text) = description {
        update.description =
            Some(crate::bounds::description(&text).map_err(|e| CommandError::user(e.0))?);
    }
    let corrected = match category {
        Some(text) => Some(engine.known_category(ledger.id, &text).await?),
        None => None,
    };
    if let Some(text) = date {
        update.date = Some(parse_day(&text, today)?);
    }
    let changes_fields = update != EntryUpdate::default();
    if !changes_fields && corrected.is_none() {
        return Err(CommandError::user(
            "Tell me what to change: amount, description, category or date.",
        ));
    }
    let mut updated = entry;
    if changes_fields {
        updated = engine.store().update_entry(updated.id, &update).await?;
    }
    if let Some(category) = &corrected {
        // A correction teaches the ledger at once.
        updated = engine.correct(&updated, category, req.now).await?;
    }
    let private = shows_privately(req, &ledger);
    Ok(Reply::text(format!("Updated {}", format::entry_line(&updated))).ephemeral(private))
}

/// An amount typed in an option: `5`, `5.50`, `$5.50`, `1,200`, `12 EUR`.
pub(super) fn parse_amount(text: &str) -> Result<(Amount, Option<Currency>), CommandError> {
    let bad = || {
        CommandError::user(format!(
            "“{}” is not an amount I can read: write it like 4.50 or 1,200.",
            text.trim()
        ))
    };
    let mut currency = None;
    let mut number = String::new();
    for token in text.split_whitespace() {
        if let Some(c) = Currency::known(token) {
            currency = Some(c);
            continue;
        }
        number.push_str(token);
    }
    let symbols = [
        ("$", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("₹", "INR"),
    ];
    for (symbol, code) in symbols {
        if number.contains(symbol) {
            number = number.replace(symbol, "");
            currency = Currency::known(code);
        }
    }
    let cleaned = number.replace(',', "");
    let value: Decimal = cleaned.parse().map_err(|_| bad())?;
    let amount = Amount::new(value).map_err(|e| CommandError::user(sentence(&e.to_string())))?;
    Ok((amount, currency))
}

/// `amounts must be…` → `Amounts must be….`
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// A day typed in an option: `today`, `yesterday` or `YYYY-MM-DD`, within the calendar's range.
pub(super) fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, CommandError> {
    crate::bounds::parse_day(text, today).map_err(|e| CommandError::user(e.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_options() {
        let (a, c) = parse_amount("$1,200.50").unwrap();
        assert_eq!(a.value().to_string(), "1200.5");
        assert_eq!(c, Some(Currency::USD));
        let (_, c) = parse_amount("12 eur").unwrap();
        assert_eq!(c, Some(Currency::EUR));
        assert!(parse_amount("twelve").is_err());
        assert!(parse_amount("-3").is_err());
        assert!(parse_amount("99999999999").is_err());
    }
}
