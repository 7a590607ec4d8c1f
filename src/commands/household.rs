//! `/household create|join|invite|bind|unbind|members|leave|settings` — sharing a ledger.
//!
//! A command acts on the household of the channel it is typed in (for a member), else on the
//! household the caller joined most recently.

use crate::bounds;
use crate::model::{HouseholdId, Ledger, LedgerOwner, Settings};
use crate::parser::Mention;
use crate::store::Household;
use crate::store::INVITE_CODE_DAYS;

use crate::money::format_money;

use super::{
    Button, ButtonStyle, CodeAction, CommandError, Engine, HouseholdCommand, Notice, Outcome,
    Place, Recipient, Reply, Request,
};

pub(super) async fn run(engine: &Engine, req: &Request, command: HouseholdCommand) -> Outcome {
    let store = engine.store();
    let text = match command {
        HouseholdCommand::Create { name } => {
            let name =
                bounds::name("household name", &name).map_err(|e| CommandError::user(e.0))?;
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
            let (code, _) = store.rotate_invite_code(h.id, req.now).await?;
            format!(
                "Created the household “{}”. Others join with /household join code:{code} \
                 (valid for {INVITE_CODE_DAYS} days; /household code rotate makes a new one); \
                 type /household bind in the channel you share.",
                h.name
            )
        }
        HouseholdCommand::Join { code } => {
            // Every attempt costs a write allowance (`Command::writes`), so codes cannot be
            // guessed at speed, on top of their 80 bits.
            let h = match store.household_for_code(&code, req.now).await? {
                Some(id) => store.household(id).await?,
                None => None,
            }
            .ok_or_else(|| {
                CommandError::user(
                    "No household has that invite code (codes expire after a week: ask the owner for a new one).",
                )
            })?;
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
            engine.may_bind(req, &h, manages_channels).await?;
            engine
                .may_take_channel(req, channel, &h, manages_channels)
                .await?;
            store.bind_channel(channel, h.id).await?;
            engine.snapshots.forget_channel(channel);
            format!("Quick messages in this channel now go to “{}”.", h.name)
        }
        HouseholdCommand::Remove { who } => {
            let h = current(engine, req).await?;
            engine.may_manage(req, &h, "remove members").await?;
            let members = store.members(h.id).await?;
            let user = super::split::resolve(&who, &h.name, &members)?;
            if user == req.actor.id {
                return Err(CommandError::user(
                    "You own this household: to go, give it up with /household leave once the others have left.",
                ));
            }
            let name = members
                .iter()
                .find(|(m, _)| *m == user)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            store.remove_member(h.id, user).await?;
            store.stop_schedules_paid_by(h.ledger, user).await?;
            // The code they may know stops working; the owner shares the new one as they like.
            store.rotate_invite_code(h.id, req.now).await?;
            format!(
                "Removed {name} from “{}”. Their entries stay; they can no longer read or change the household, and its invite code was rotated (/household code shows the new one).",
                h.name
            )
        }
        HouseholdCommand::Code { action } => {
            let h = current(engine, req).await?;
            engine
                .may_manage(req, &h, "see or change its invite code")
                .await?;
            let shown = |code: &str, expires: chrono::DateTime<chrono::Utc>| {
                format!(
                    "Invite code of “{}”: {code} (works until {}). Anyone with it can join: share it privately.",
                    h.name,
                    expires.format("%b %-d, %Y %H:%M UTC")
                )
            };
            match action {
                CodeAction::Revoke => {
                    store.revoke_invite_codes(h.id).await?;
                    format!(
                        "The invite code of “{}” no longer works. /household code rotate makes a new one.",
                        h.name
                    )
                }
                CodeAction::Rotate => {
                    let (code, expires) = store.rotate_invite_code(h.id, req.now).await?;
                    shown(&code, expires)
                }
                CodeAction::Show => match store.current_invite_code(h.id, req.now).await? {
                    Some((code, expires)) => shown(&code, expires),
                    None => {
                        let (code, expires) = store.rotate_invite_code(h.id, req.now).await?;
                        shown(&code, expires)
                    }
                },
            }
        }
        HouseholdCommand::Unbind { manages_channels } => {
            let Place::Channel { channel, .. } = req.place else {
                return Err(CommandError::user(
                    "Type /household unbind in the bound channel.",
                ));
            };
            let not_yours =
                || CommandError::user("This channel is not bound to a household of yours.");
            let bound = match store.ledger_for_channel(channel).await? {
                Some(Ledger {
                    owner: LedgerOwner::Household(id),
                    ..
                }) => store.household(id).await?.ok_or_else(not_yours)?,
                _ => return Err(not_yours()),
            };
            if !store.is_member(bound.id, req.actor.id).await? {
                return Err(not_yours());
            }
            engine.may_bind(req, &bound, manages_channels).await?;
            store.unbind_channel(channel).await?;
            // Other processes learn it from the household's version; this one at once.
            engine.snapshots.forget_channel(channel);
            format!("This channel no longer records for “{}”.", bound.name)
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
            let ledger = Ledger::from(h.clone());
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
                        buttons: Vec::new(),
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
    // The invite code stays out of these messages: the reply may be posted where others read,
    // and the code lets anyone join. The button only works for the person invited, who gets
    // the invitation in their DMs too: mentions are off in everything Tally sends, so the
    // reply alone would never reach them.
    let join = Button {
        id: super::ButtonId::Join { household: h.id }.to_string(),
        label: "Join".to_string(),
        style: ButtonStyle::Primary,
    };
    let mut reply = Reply::text(format!(
        "{} invites {} to the household “{}”. Press Join to accept.",
        req.actor.name,
        invitee(who),
        h.name
    ));
    reply.buttons.push(join.clone());
    reply.notices.push(Notice {
        to: Recipient::Direct(user),
        text: format!(
            "{} invites you to share the household “{}” in Tally. Press Join to accept.",
            req.actor.name, h.name
        ),
        buttons: vec![join],
    });
    Ok(reply)
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
pub(super) async fn accept(engine: &Engine, req: &Request, household: HouseholdId) -> Outcome {
    let expired = || CommandError::user("That invitation has expired.");
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
    Ok(Reply::text(format!("{} joined “{}”.", req.actor.name, h.name)).replacing_pressed())
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
