//! Wording shared by several handlers.

use chrono::NaiveDate;

use crate::categorize::Decision;
use crate::model::{CategorySource, Entry, EntryKind, Ledger};
use crate::money::format_money;
use crate::store::Recorded;

use super::{ButtonStyle, Reply, Select, SelectOption};
use crate::category::Category;

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

/// The short confirmation under a recorded message, with its Undo button, and for a single entry
/// the menu of `categories` (the ledger's) to refile it under.
pub fn recorded(
    ledger: &Ledger,
    recorded: &[(Recorded, Decision)],
    today: NaiveDate,
    categories: &[Category],
) -> Reply {
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
    let seqs: Vec<i64> = recorded.iter().map(|(r, _)| r.entry.seq).collect();
    let mut reply = Reply::text(lines.join("\n")).with_reaction('✅');
    let undo = super::ButtonId::Undo {
        ledger: ledger.id,
        seqs,
    }
    .to_string();
    // Entries of one message are numbered together, so their ranges are short; if another
    // writer's entries interleaved so much that the id passes Discord's limit, /undo remains.
    if undo.len() <= super::reply::limits::CUSTOM_ID {
        reply = reply.with_button(undo, "Undo", ButtonStyle::Secondary);
    }
    // A single entry can be refiled from a menu, the likely categories first; when unsure,
    // the reply says so rather than guessing silently.
    if let [(r, decision)] = recorded {
        if !decision.is_confident() && !decision.alternatives.is_empty() {
            reply.text.push_str(&format!(
                "\nNot sure about the category ({}): pick one below to teach me.",
                decision.reason
            ));
        }
        reply = reply.with_select(category_menu(
            ledger,
            &r.entry,
            &decision.alternatives,
            categories,
        ));
    }
    reply
}

/// The menu that refiles `entry`: its current category first, shown as chosen, then the
/// categorizer's `suggestions`, then the rest of the ledger's `categories` in their order, at
/// most [`SELECT_OPTIONS`](super::reply::limits::SELECT_OPTIONS) in all (a ledger with more
/// categories than that still has `/edit category:` for the others).
pub fn category_menu(
    ledger: &Ledger,
    entry: &Entry,
    suggestions: &[Category],
    categories: &[Category],
) -> Select {
    let mut order: Vec<&Category> = vec![&entry.category];
    for category in suggestions.iter().chain(categories) {
        if order.len() == super::reply::limits::SELECT_OPTIONS {
            break;
        }
        if !order.contains(&category) {
            order.push(category);
        }
    }
    Select {
        id: super::ButtonId::CategoryMenu {
            ledger: ledger.id,
            seq: entry.seq,
        }
        .to_string(),
        placeholder: "File under another category".to_string(),
        options: order
            .into_iter()
            .map(|category| SelectOption {
                label: category.to_string(),
                value: category.to_string(),
                default: *category == entry.category,
            })
            .collect(),
    }
}

/// Entry numbers as ranges: `[3, 4, 5, 9]` → `3-5,9`.
/// "1 entry", "3 entries": a count of entries as a reply says it (counts are never negative;
/// one that were would read as 0).
pub(super) fn entries(count: impl TryInto<u64>) -> String {
    match count.try_into().unwrap_or(0) {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    }
}

pub(super) fn seq_ranges(seqs: &[i64]) -> String {
    let mut sorted = seqs.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if end > start {
            format!("{start}-{end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    parts.join(",")
}

/// The entry numbers of [`seq_ranges`] back, or `None` when the text is not such a list of at
/// most `max` numbers (a forged button).
pub(super) fn parse_seq_ranges(text: &str, max: usize) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let (start, end) = match part.split_once('-') {
            Some((a, b)) => (a.parse::<i64>().ok()?, b.parse::<i64>().ok()?),
            None => {
                let n = part.parse::<i64>().ok()?;
                (n, n)
            }
        };
        let span = usize::try_from(end.checked_sub(start)?).ok()?;
        if out.len() + span >= max {
            return None;
        }
        out.extend(start..=end);
    }
    Some(out)
}
