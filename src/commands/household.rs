//! `/household create|join|invite|bind|unbind|members|leave|settings` — sharing a ledger.
//!
//! A command acts on the household of the channel it is typed in (for a member), else on the
//! household the caller joined most recently.

use crate::model::{HouseholdId, Ledger, LedgerOwner, Settings};
use crate::parser::Mention;
use crate::store::Household;

use crate::money::format_money;

use super::{
    ButtonStyle, CommandError, Engine, HouseholdCommand, Notice, Outcome, Place, Recipient, Reply,
    Request,
};

/// Longest household name kept.
const MAX_NAME: usize = 60;

pub(super) async fn run(engine: &Engine, req: &Request, command: HouseholdCommand) -> Outcome {
    let store = engine.store();
    let text = match command {
        HouseholdCommand::Create { name } => {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty() || name.chars().count() > MAX_NAME {
                return Err(CommandError::user(format!(
                    "A household name has 1 to {MAX_NAME} characters."
                )));
            }
            let settings: Settings = engine.personal_ledger(req).await?.settings;
            let guild = match req.place {
                Place::Channel { guild, .. } => guild,
                Place::Direct => None,
            };
            let h = store
                .create_household(
                    &name,
                    guild,
                    (req.actor.id, &req.actor.name),
                    settings,
                    req.now,
                )
                .await?;
            format!(
                "Created the household “{}”. Others join with /household join code:{}; \
                 type /household bind in the channel you share.",
                h.name, h.invite_code
            )
        }
        HouseholdCommand::Join { code } => {
            let h = store
                .household_by_code(&code)
                .await?
                .ok_or_else(|| CommandError::user("No household has that invite code."))?;
            store
                .add_member(h.id, req.actor.id, &req.actor.name, req.now)
                .await?;
            format!("Welcome to “{}”.", h.name)
        }
        HouseholdCommand::Bind { manages_channels } => {
            let Place::Channel { channel, .. } = req.place else {
                return Err(CommandError::user(
                    "Type /household bind in the channel you want to share.",
                ));
            };
            let h = current(engine, req).await?;
            may_bind(engine, req, &h, manages_channels).await?;
            store.bind_channel(channel, h.id).await?;
            engine.snapshots.forget_channel(channel);
            format!("Quick messages in this channel now go to “{}”.", h.name)
        }
        HouseholdCommand::Unbind { manages_channels } => {
            let Place::Channel { channel, .. } = req.place else {
                return Err(CommandError::user(
                    "Type /household unbind in the bound channel.",
                ));
            };
            match store.ledger_for_channel(channel).await? {
                Some(ledger) if engine.is_member(req, &ledger).await? => {
                    if let LedgerOwner::Household(id) = ledger.owner
                        && !manages_channels
                        && !store.is_owner(id, req.actor.id).await?
                    {
                        return Err(not_allowed_to_bind());
                    }
                    store.unbind_channel(channel).await?;
                    // Other processes learn it from the household's version; this one at once.
                    engine.snapshots.forget_channel(channel);
                    format!("This channel no longer records for “{}”.", ledger.name)
                }
                _ => {
                    return Err(CommandError::user(
                        "This channel is not bound to a household of yours.",
                    ));
                }
            }
        }
        HouseholdCommand::Members => {
            let h = current(engine, req).await?;
            let names: Vec<String> = store
                .members(h.id)
                .await?
                .into_iter()
                .map(|(_, n)| n)
                .collect();
            format!("“{}”: {}.", h.name, names.join(", "))
        }
        HouseholdCommand::Leave => {
            let h = current(engine, req).await?;
            let ledger = Ledger {
                id: h.ledger,
                owner: LedgerOwner::Household(h.id),
                name: h.name.clone(),
                settings: h.settings,
            };
            // What they owe or are owed stays on the household's books; say so on the way out.
            let balances = super::settle::balances(engine, &ledger).await?;
            let open: Vec<String> = balances
                .currencies()
                .flat_map(|c| {
                    balances
                        .balances(c)
                        .into_iter()
                        .filter(|(u, b)| *u == req.actor.id && !b.is_zero())
                        .map(move |(_, b)| super::settle::balance_text(b, c))
                })
                .collect();
            store.remove_member(h.id, req.actor.id).await?;
            let mut text = format!("You left “{}”. Your personal ledger is unchanged.", h.name);
            if !open.is_empty() {
                text.push_str(&format!(
                    " Your balance there ({}) stays on its /settle until someone records the payment.",
                    open.join(", ").replace("is owed", "you are owed").replace("owes", "you owe")
                ));
            }
            // Nobody is left to pay what they paid: their schedules stop, and the others hear.
            let stopped = store.stop_schedules_paid_by(h.ledger, req.actor.id).await?;
            if !stopped.is_empty() {
                let names: Vec<String> = stopped
                    .iter()
                    .map(|s| {
                        format!(
                            "{} {}",
                            s.description,
                            format_money(s.amount.value(), s.currency)
                        )
                    })
                    .collect();
                let note = format!(
                    "{} left “{}”; the recurring entries they paid stopped: {}.",
                    req.actor.name,
                    h.name,
                    names.join(", ")
                );
                text.push_str(&format!(
                    " Your recurring entries there stopped: {}.",
                    names.join(", ")
                ));
                let notices = store
                    .household_channels(h.id)
                    .await?
                    .into_iter()
                    .map(|channel| Notice {
                        to: Recipient::Channel(channel),
                        text: note.clone(),
                    })
                    .collect();
                let mut reply = Reply::text(text).ephemeral(true);
                reply.notices = notices;
                return Ok(reply);
            }
            text
        }
        HouseholdCommand::Invite { who } => return invite(engine, req, &who).await,
        HouseholdCommand::Settings {
            currency,
            time_zone,
            date_format,
        } => {
            let h = current(engine, req).await?;
            let (settings, changing) =
                super::settings::apply(h.settings, currency, time_zone, date_format)?;
            if changing {
                store.update_household_settings(h.id, settings).await?;
            }
            let heading = if changing {
                format!("Settings of “{}” saved.", h.name)
            } else {
                format!("Settings of “{}”:", h.name)
            };
            return Ok(super::settings::show(&heading, settings).ephemeral(true));
        }
    };
    Ok(Reply::text(text).ephemeral(true))
}

/// `/household invite @sam`: a message with a button only sam can press.
async fn invite(engine: &Engine, req: &Request, who: &Mention) -> Outcome {
    let h = current(engine, req).await?;
    let Some(user) = who.user else {
        return Err(CommandError::user(
            "Name the person to invite: /household invite @name.",
        ));
    };
    if engine.store().is_member(h.id, user).await? {
        return Err(CommandError::user("They are already a member."));
    }
    engine
        .store()
        .invite(h.id, user, req.actor.id, req.now)
        .await?;
    // The invite code stays out of this message: it may be posted where others read, and the
    // code lets anyone join. The button only works for the person invited.
    Ok(Reply::text(format!(
        "{} invites {} to the household “{}”. Press Join to accept.",
        req.actor.name,
        invitee(who),
        h.name
    ))
    .with_button(format!("household:{}", h.id), "Join", ButtonStyle::Primary))
}

/// How the invitee is named in the invitation: a Discord mention shows their name (the adapter
/// allows no mentions, so it does not ping).
fn invitee(who: &Mention) -> String {
    match who.user {
        Some(user) if who.name.starts_with("<@") => format!("<@{}>", user.0),
        _ => who.name.trim_start_matches('@').to_string(),
    }
}

/// The Join button under an invitation: only the invited person can use it.
pub(super) async fn accept(engine: &Engine, req: &Request, id: &str) -> Outcome {
    let expired = || CommandError::user("That invitation has expired.");
    let household: HouseholdId = id.parse().map_err(|_| expired())?;
    let h = engine
        .store()
        .household(household)
        .await?
        .ok_or_else(expired)?;
    if engine.store().is_member(h.id, req.actor.id).await? {
        return Ok(Reply::text(format!("You are already in “{}”.", h.name)).ephemeral(true));
    }
    if !engine
        .store()
        .accept_invite(h.id, req.actor.id, &req.actor.name, req.now)
        .await?
    {
        return Err(CommandError::user(
            "That invitation is for someone else. Ask a member to invite you.",
        ));
    }
    Ok(Reply::text(format!(
        "{} joined “{}”.",
        req.actor.name, h.name
    )))
}

/// Binding a channel decides where everyone's messages go: the household's owner, or a member
/// who manages the channel, may do it.
async fn may_bind(
    engine: &Engine,
    req: &Request,
    h: &Household,
    manages_channels: bool,
) -> Result<(), CommandError> {
    if manages_channels || engine.store().is_owner(h.id, req.actor.id).await? {
        Ok(())
    } else {
        Err(not_allowed_to_bind())
    }
}

fn not_allowed_to_bind() -> CommandError {
    CommandError::user(
        "Only the household's owner, or a member who can manage this channel, can bind or unbind it.",
    )
}

/// The household a command acts on, or why there is none.
async fn current(engine: &Engine, req: &Request) -> Result<Household, CommandError> {
    let ledger = engine.household_ledger(req).await?.ok_or_else(|| {
        CommandError::user("You are not in a household yet: /household create or /household join.")
    })?;
    let LedgerOwner::Household(id) = ledger.owner else {
        return Err(CommandError::user("You are not in a household yet."));
    };
    engine
        .store()
        .household(id)
        .await?
        .ok_or_else(|| CommandError::user("That household no longer exists."))
}
