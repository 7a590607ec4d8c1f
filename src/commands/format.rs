//! Wording shared by several handlers.

use chrono::NaiveDate;

use crate::categorize::Decision;
use crate::model::{CategorySource, Entry, EntryKind, Ledger};
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
        "#{} · {} · {} · {} · {}{}",
        entry.seq,
        entry.date.format("%b %-d"),
        description,
        signed_amount(entry),
        entry.category,
        match entry.category_source {
            CategorySource::Rule => " (rule)",
            CategorySource::Learned => " (learned)",
            CategorySource::Manual => " (set by hand)",
            CategorySource::Schedule => " (recurring)",
            _ => "",
        }
    )
}

/// The short confirmation under a recorded message, with its Undo button.
pub fn recorded(ledger: &Ledger, recorded: &[(Recorded, Decision)], today: NaiveDate) -> Reply {
    let lines: Vec<String> = recorded
        .iter()
        .map(|(r, decision)| {
            let e = &r.entry;
            let what = if e.description.is_empty() {
                String::new()
            } else {
                format!("{} · ", e.description)
            };
            // Say why when the ledger's own rules or learning decided.
            let why = match decision.source {
                CategorySource::Rule | CategorySource::Learned => format!(" ({})", decision.reason),
                _ => String::new(),
            };
            format!(
                "Recorded {}{} · {}{} · {} (#{}{})",
                what,
                signed_amount(e),
                e.category,
                why,
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
    let seqs: Vec<String> = recorded
        .iter()
        .map(|(r, _)| r.entry.seq.to_string())
        .collect();
    let mut reply = Reply::text(lines.join("\n"))
        .with_reaction('✅')
        .with_button(
            format!("undo:{}:{}", ledger.id, seqs.join(",")),
            "Undo",
            ButtonStyle::Secondary,
        );
    // Unsure about a single entry: offer the likely categories instead of a silent guess.
    if let [(r, decision)] = recorded
        && !decision.is_confident()
        && !decision.alternatives.is_empty()
    {
        reply.text.push_str(&format!(
            "\nNot sure about the category ({}): pick one below to teach me.",
            decision.reason
        ));
        for choice in decision.alternatives.iter().take(3) {
            reply = reply.with_button(
                format!("cat:{}:{}:{}", ledger.id, r.entry.seq, choice),
                choice.to_string(),
                ButtonStyle::Primary,
            );
        }
    }
    reply
}
