//! The `tally parse` output contract: one JSON object per input line.
//!
//! `{"ok":true,"entries":[{"amount":"4.50","currency":null,"kind":"expense","date":"2026-11-24",
//! "description":"coffee","category":null,"tags":[]}]}` or `{"ok":false,"error":"…"}`.
//! Keys and their order are fixed; nothing else is printed. With `--channel household`, a
//! message the bot would answer with silence there is `{"ok":false,"silent":true,"error":"…"}`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Channel, ParseError, ParsedEntry, Verdict};

#[derive(Serialize)]
struct EntryLine<'a> {
    amount: String,
    currency: Option<&'a str>,
    kind: &'static str,
    date: String,
    description: &'a str,
    category: Option<&'a str>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct OkLine<'a> {
    ok: bool,
    entries: Vec<EntryLine<'a>>,
}

#[derive(Serialize)]
struct ErrLine<'a> {
    ok: bool,
    error: &'a str,
}

#[derive(Serialize)]
struct SilentLine<'a> {
    ok: bool,
    silent: bool,
    error: &'a str,
}

/// The contract line for one message read in `channel`: [`json_line`] of its result, or the
/// silent line when the bot says nothing there.
pub fn json_line_in(verdict: &Verdict, channel: Channel) -> String {
    if !verdict.silent_in(channel) {
        return json_line(&verdict.result);
    }
    let error = match &verdict.result {
        Err(e) => &e.message,
        Ok(_) => "That reads as conversation, not an expense, so I stayed quiet.",
    };
    serde_json::to_string(&SilentLine {
        ok: false,
        silent: true,
        error,
    })
    .unwrap_or_else(|_| r#"{"ok":false,"silent":true,"error":"internal error"}"#.to_string())
}

/// The contract line for one parsed input line.
pub fn json_line(result: &Result<Vec<ParsedEntry>, ParseError>) -> String {
    let line = match result {
        Ok(entries) => serde_json::to_string(&OkLine {
            ok: true,
            entries: entries.iter().map(entry_line).collect(),
        }),
        Err(e) => serde_json::to_string(&ErrLine {
            ok: false,
            error: &e.message,
        }),
    };
    // Serialising strings and numbers cannot fail; keep a valid line regardless.
    line.unwrap_or_else(|_| r#"{"ok":false,"error":"internal error"}"#.to_string())
}

fn entry_line(e: &ParsedEntry) -> EntryLine<'_> {
    EntryLine {
        amount: amount_text(e.amount.value()),
        currency: e.currency.as_ref().map(|c| c.code()),
        kind: e.kind.as_str(),
        date: e.date.format("%Y-%m-%d").to_string(),
        description: &e.description,
        category: e.category.as_ref().map(|c| c.as_str()),
        tags: &e.tags,
    }
}

/// The exact decimal with at least two fraction digits: `4.50`, `11.00`, `0.005`.
pub fn amount_text(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.to_string()
}
