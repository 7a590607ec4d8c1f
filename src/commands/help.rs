//! `/help` — what Tally understands, with examples from the parser's own table.

use crate::parser::examples::EXAMPLES;

use super::Reply;
use super::reply::limits;

pub(crate) const COMMANDS: &[(&str, &str)] = &[
    (
        "/add",
        "record an expense or income, written like a quick message (on Discord, with no text: a form)",
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
    (
        "/forecast",
        "where this month and the next ones are heading",
    ),
    ("/budget", "set, show or clear budgets per category"),
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
    ("/help", "this list; /help topic:add shows one command"),
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
    let mut reply = Reply::text(
        "Tell me what you spent the way you would tell a friend, in a DM, \
         in your household's channel, or with a mention.",
    );
    // Discord cuts an embed field at 1,024 characters: the examples go in as many fields as
    // they need, whole lines each, rather than losing the last ones.
    for (n, chunk) in in_fields(&examples).into_iter().enumerate() {
        let name = if n == 0 { "Examples" } else { "More examples" };
        reply = reply.with_field(name, chunk);
    }
    reply
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

/// `lines` joined into field values of at most [`limits::FIELD_VALUE`] characters, whole
/// lines each (a line longer than that is left to [`Reply::fit`]).
fn in_fields(lines: &[String]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for line in lines {
        match fields.last_mut() {
            Some(field)
                if field.chars().count() + 1 + line.chars().count() <= limits::FIELD_VALUE =>
            {
                field.push('\n');
                field.push_str(line);
            }
            _ => fields.push(line.clone()),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_shown_and_every_field_fits_discord() {
        let reply = run(None).fit();
        for field in &reply.fields {
            assert!(
                field.value.chars().count() <= limits::FIELD_VALUE,
                "{}: {} characters",
                field.name,
                field.value.chars().count()
            );
        }
        let shown: String = reply.fields.iter().map(|f| f.value.as_str()).collect();
        for example in EXAMPLES {
            assert!(
                shown.contains(example.input),
                "{} is missing",
                example.input
            );
        }
    }
}
