//! `/help` — what Tally understands, with examples from the parser's own table.

use crate::parser::examples::EXAMPLES;

use super::Reply;

const COMMANDS: &[(&str, &str)] = &[
    (
        "/add",
        "record an expense or income, written like a quick message",
    ),
    ("/list", "recent entries, newest first, with their #numbers"),
    ("/undo", "remove the last entry you recorded"),
    (
        "/edit",
        "correct an entry: /edit id:12 amount:5.50 category:Dining",
    ),
    ("/delete", "remove an entry by its #number"),
    (
        "/summary",
        "spending by category, income and savings for a period; subscribe to get it by DM",
    ),
    ("/budget", "set, show or clear budgets per category"),
    (
        "/forecast",
        "where this month and the next ones are heading",
    ),
    ("/category", "list, add, rename, merge categories and rules"),
    ("/household", "share a ledger with the people you live with"),
    (
        "/settle",
        "who owes whom in your household; record a payment back",
    ),
    (
        "/recurring",
        "list, add, pause, resume, edit or delete repeating entries",
    ),
    ("/settings", "currency, time zone and date format"),
    ("/export", "download your entries as CSV"),
    ("/import", "import a bank statement CSV"),
];

pub(super) fn run(topic: Option<&str>) -> Reply {
    let examples: Vec<String> = EXAMPLES
        .iter()
        .map(|e| format!("“{}” → {}", e.input, e.meaning))
        .collect();
    let commands: Vec<String> = COMMANDS
        .iter()
        .filter(|(name, _)| {
            topic.is_none_or(|t| name.trim_start_matches('/') == t.trim_start_matches('/'))
        })
        .map(|(name, what)| format!("{name} — {what}"))
        .collect();
    Reply::text(
        "Tell me what you spent the way you would tell a friend, in a DM, \
         in your household's channel, or with a mention.",
    )
    .with_field("Examples", examples.join("\n"))
    .with_field(
        "Commands",
        if commands.is_empty() {
            "No such command.".to_string()
        } else {
            commands.join("\n")
        },
    )
    .ephemeral(true)
}
