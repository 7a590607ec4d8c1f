//! Wording shared by several handlers.

use chrono::NaiveDate;

use crate::model::{Entry, EntryKind, Ledger};
use crate::money::format_money;
use crate::store::Recorded;

use super::{ButtonStyle, Reply};

/// `$4.50` for an expense, `+$2,500.00` for income.
pub fn signed_amount(entry: &Entry) -> String {
    let money = format_money(entry.amount.value(), entry.currency);
    match entry.kind {
        EntryKind::Expense => money,
        EntryKind::Income => format!("+{money}"),
    }
}

/// One line of a list: `#12 · Nov 24 · coffee · $4.50 · Dining`.
pub fn entry_line(entry: &Entry) -> String {
    let description = if entry.description.is_empty() {
        "(no description)"
    } else {
        &entry.description
    };
    format!(
        "#{} · {} · {} · {} · {}",
        entry.seq,
        entry.date.format("%b %-d"),
        description,
        signed_amount(entry),
        entry.category
    )
}

/// The short confirmation under a recorded message, with its Undo button.
pub fn recorded(ledger: &Ledger, recorded: &[Recorded], today: NaiveDate) -> Reply {
    let lines: Vec<String> = recorded
        .iter()
        .map(|r| {
            let e = &r.entry;
            let what = if e.description.is_empty() {
                String::new()
            } else {
                format!("{} · ", e.description)
            };
            format!(
                "Recorded {}{} · {} · {} (#{}{})",
                what,
                signed_amount(e),
                e.category,
                ledger.name,
                e.seq,
                if e.date != today {
                    format!(", {}", e.date.format("%b %-d"))
                } else {
                    String::new()
                }
            )
        })
        .collect();
    let seqs: Vec<String> = recorded.iter().map(|r| r.entry.seq.to_string()).collect();
    Reply::text(lines.join("\n"))
        .with_reaction('✅')
        .with_button(
            format!("undo:{}:{}", ledger.id, seqs.join(",")),
            "Undo",
            ButtonStyle::Secondary,
        )
}
