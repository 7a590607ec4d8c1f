//! `/category list|add|rename|merge|remove|alias|rule`, and the category buttons under a reply.

use crate::category::Category;
use crate::model::{Entry, Ledger, LedgerId};

use super::{
    ButtonStyle, CategoryCommand, CommandError, Engine, Outcome, Reply, Request, format,
    shows_privately,
};

pub(super) async fn run(engine: &Engine, req: &Request, command: CategoryCommand) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let private = shows_privately(req, &ledger);
    let store = engine.store();
    let new_name = |text: &str| Category::new(text).map_err(|e| CommandError::user(e.to_string()));
    let text = match command {
        CategoryCommand::List => {
            let categories = store.ledger_categories(ledger.id).await?;
            let names: Vec<String> = categories.iter().map(|c| c.to_string()).collect();
            let mut reply = Reply::text(format!("Categories · {}", ledger.name))
                .with_field("Categories", names.join(", "));
            let aliases = store.aliases(ledger.id).await?;
            if !aliases.is_empty() {
                let lines: Vec<String> =
                    aliases.iter().map(|(a, c)| format!("#{a} → {c}")).collect();
                reply = reply.with_field("Aliases", lines.join("\n"));
            }
            let rules = store.rules(ledger.id).await?;
            if !rules.is_empty() {
                let lines: Vec<String> = rules
                    .iter()
                    .map(|r| format!("“{}” → {}", r.words, r.category))
                    .collect();
                reply = reply.with_field("Rules", lines.join("\n"));
            }
            return Ok(reply.ephemeral(private));
        }
        CategoryCommand::Add { name } => {
            let name = new_name(&name)?;
            if let Some(existing) = engine.category_named(ledger.id, name.as_str()).await? {
                return Err(CommandError::user(format!("{existing} already exists.")));
            }
            store.add_category(ledger.id, &name, req.now).await?;
            format!("Added the category {name}.")
        }
        CategoryCommand::Rename { from, to } => {
            let from = engine.known_category(ledger.id, &from).await?;
            let to = new_name(&to)?;
            if let Some(existing) = engine.category_named(ledger.id, to.as_str()).await?
                && existing != from
            {
                return Err(CommandError::user(format!(
                    "{existing} already exists: use /category merge to fold {from} into it."
                )));
            }
            let change = store.move_category(ledger.id, &from, &to, req.now).await?;
            format!(
                "Renamed {from} to {to} ({} moved).",
                super::format::entries(change.entries_moved)
            )
        }
        CategoryCommand::Merge { from, into } => {
            let from = engine.known_category(ledger.id, &from).await?;
            let into = engine.known_category(ledger.id, &into).await?;
            if from == into {
                return Err(CommandError::user(
                    "Pick two different categories to merge.",
                ));
            }
            let change = store
                .move_category(ledger.id, &from, &into, req.now)
                .await?;
            format!(
                "Merged {from} into {into} ({} moved).",
                super::format::entries(change.entries_moved)
            )
        }
        CategoryCommand::Remove { name } => {
            let name = engine.known_category(ledger.id, &name).await?;
            let other = Category::other();
            if name == other {
                return Err(CommandError::user(
                    "Other is where everything else goes: it cannot be removed.",
                ));
            }
            let change = store
                .move_category(ledger.id, &name, &other, req.now)
                .await?;
            format!(
                "Removed {name}; {} moved to Other.",
                super::format::entries(change.entries_moved)
            )
        }
        CategoryCommand::Alias { alias, category } => {
            let category = engine.known_category(ledger.id, &category).await?;
            let alias = alias.trim().trim_start_matches('#').to_lowercase();
            if alias.is_empty() || alias.contains(char::is_whitespace) {
                return Err(CommandError::user("An alias is one word, like #food."));
            }
            store.add_alias(ledger.id, &alias, &category).await?;
            format!("#{alias} now files under {category}.")
        }
        CategoryCommand::Rule { words, category } => {
            let category = engine.known_category(ledger.id, &category).await?;
            let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() || words.chars().count() > 100 {
                return Err(CommandError::user(
                    "A rule needs one to a few words, like “uber eats”.",
                ));
            }
            store
                .add_rule(ledger.id, &words, &category, req.now)
                .await?;
            format!("Rule added: descriptions with “{words}” go to {category}.")
        }
    };
    Ok(Reply::text(text).ephemeral(private))
}

/// A category button under a recorded entry (see [`ButtonId::Category`](super::ButtonId::Category)),
/// as replies made before the category menu carried them. It corrects the entry and teaches the
/// ledger.
pub(super) async fn press(
    engine: &Engine,
    req: &Request,
    ledger: LedgerId,
    seq: i64,
    name: &str,
) -> Outcome {
    let (_, category, updated) = refile(engine, req, ledger, seq, name).await?;
    Ok(Reply::text(format!(
        "Filed under {category}; I'll remember that. {}",
        format::entry_line(&updated)
    ))
    .ephemeral(true))
}

/// A category chosen from the menu under a recorded entry (see
/// [`ButtonId::CategoryMenu`](super::ButtonId::CategoryMenu)): the entry is refiled, the ledger
/// learns, and the answer takes the recorded message's place with the same controls (Undo, the
/// menu showing the new category, Stop for a schedule the message started), so the entry can
/// still be undone or refiled again from there.
pub(super) async fn choose(
    engine: &Engine,
    req: &Request,
    ledger: LedgerId,
    seq: i64,
    name: &str,
) -> Outcome {
    let (ledger, category, updated) = refile(engine, req, ledger, seq, name).await?;
    let mut reply = Reply::text(format!(
        "Filed under {category}; I'll remember that. {}",
        format::entry_line(&updated)
    ))
    .ephemeral(shows_privately(req, &ledger));
    if reply.ephemeral {
        // Only the author sees this answer; the message the menu was on is not replaced.
        return Ok(reply);
    }
    let undo = super::ButtonId::Undo {
        ledger: ledger.id,
        seqs: vec![updated.seq],
    };
    reply = reply.with_button(undo.to_string(), "Undo", ButtonStyle::Secondary);
    let schedules = engine
        .store()
        .schedules_from(ledger.id, &updated.source_kind, &updated.source_ref)
        .await?;
    for schedule in schedules {
        let stop = super::ButtonId::StopRepeating { schedule };
        reply = reply.with_button(stop.to_string(), "Stop repeating", ButtonStyle::Secondary);
    }
    let categories = engine.store().ledger_categories(ledger.id).await?;
    Ok(reply
        .with_select(format::category_menu(&ledger, &updated, &[], &categories))
        .replacing_pressed())
}

/// Files entry `seq` of `ledger` under the category `name`, for its author only.
async fn refile(
    engine: &Engine,
    req: &Request,
    ledger: LedgerId,
    seq: i64,
    name: &str,
) -> Result<(Ledger, Category, Entry), CommandError> {
    let ledger = engine.may_change(req, ledger).await?;
    let entry = engine
        .store()
        .entry_by_seq(ledger.id, seq)
        .await?
        .ok_or_else(|| CommandError::user("That entry is gone (undone or deleted)."))?;
    if entry.author != req.actor.id {
        return Err(CommandError::user(
            "Only the person who recorded this can change its category.",
        ));
    }
    let category = engine.known_category(ledger.id, name).await?;
    let updated = engine.correct(&entry, &category, req.now).await?;
    Ok((ledger, category, updated))
}
