//! Slash commands: one thin poise function per command, each building a [`Command`] for the
//! engine and rendering its [`Reply`]. Option values stay text: the engine validates them, so
//! the console and Discord give the same friendly errors.

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use poise::{FrameworkError, FrameworkOptions, PrefixFrameworkOptions};
use serenity::all::{
    AutocompleteChoice, GuildId as DiscordGuild, InstallationContext, InteractionContext,
};

use super::notices::NoticeTo;
use super::request::{actor, interaction_place, place};
use super::{DEFER_AFTER, DiscordError, Hooks, codes, notices, render};
use crate::commands::complete::{self, Suggestion};
use crate::commands::{Command, Engine, Form, Origin, Reply, Request};
use crate::ops::metrics::{CommandName, Metrics};

mod budget;
mod category;
mod choice;
mod context_menu;
mod entries;
mod files;
mod household;
mod recurring;
mod reports;
mod settings;

use budget::*;
use category::*;
use context_menu::*;
use entries::*;
use files::*;
use household::*;
use recurring::*;
use reports::*;
use settings::*;

/// What every command can reach.
pub(crate) struct Data {
    engine: Arc<Engine>,
    hooks: Hooks,
}

type Ctx<'a> = poise::Context<'a, Data, DiscordError>;
/// Whether a command's answer reached Discord (the engine's own outcome is in the reply).
type Answered = Result<(), DiscordError>;

/// Said to a command that arrives while the process is stopping.
pub(super) const RESTARTING: &str = "I'm restarting — please try again in a moment.";

/// Said when something failed on our side; the details go to the log, not to the user.
const SORRY: &str =
    "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.";

/// The poise framework: commands, error handling, registration on READY.
pub(crate) fn framework(
    engine: Arc<Engine>,
    dev_guild: Option<u64>,
    hooks: Hooks,
) -> poise::Framework<Data, DiscordError> {
    let options = FrameworkOptions {
        commands: commands(),
        on_error: |error| Box::pin(on_error(error)),
        allowed_mentions: Some(render::no_mentions()),
        // No prefix commands: "@Tally lunch 12" is a quick message, not a command.
        prefix_options: PrefixFrameworkOptions {
            prefix: None,
            mention_as_prefix: false,
            ..Default::default()
        },
        ..Default::default()
    };
    poise::Framework::builder()
        .options(options)
        // Owners are not used, and looking them up costs a request at start-up. (The builder's
        // own flag overrides `FrameworkOptions::initialize_owners`.)
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                let registered = match dev_guild {
                    Some(guild) => {
                        poise::builtins::register_in_guild(ctx, commands, DiscordGuild::new(guild))
                            .await
                    }
                    None => poise::builtins::register_globally(ctx, commands).await,
                };
                // Commands that fail to register must not stop the bot: quick messages still work.
                match registered {
                    Ok(()) => tracing::info!(
                        count = commands.len(),
                        ?dev_guild,
                        "slash commands registered"
                    ),
                    Err(error) => tracing::error!(%error, "could not register the slash commands"),
                }
                Ok(Data { engine, hooks })
            })
        })
        .build()
}

/// Every slash command, in the order `/help` lists them, each installable to a server and to a
/// user (see [`available_everywhere`]).
pub(crate) fn commands() -> Vec<poise::Command<Data, DiscordError>> {
    let mut commands = vec![
        add(),
        list(),
        undo(),
        edit(),
        delete(),
        summary(),
        forecast(),
        budget(),
        category(),
        household(),
        settle(),
        recurring(),
        settings(),
        export(),
        import(),
        help(),
        // Apps → Record as expense, on any message.
        record_as_expense(),
    ];
    for command in &mut commands {
        available_everywhere(command);
    }
    commands
}

/// Lets a person add Tally to their own account (a user install) as well as to a server, and
/// use its commands in servers, in DMs with the bot and in other DMs and group DMs. Their
/// personal ledger follows them everywhere; in a place others can read, what shows personal data
/// is private (see [`request`]). Only `/household bind` needs the bot in the server itself.
fn available_everywhere(command: &mut poise::Command<Data, DiscordError>) {
    command.install_context = Some(vec![InstallationContext::Guild, InstallationContext::User]);
    command.interaction_context = Some(vec![
        InteractionContext::Guild,
        InteractionContext::BotDm,
        InteractionContext::PrivateChannel,
    ]);
}

/// Logs every failure and tells the user in one friendly, private sentence.
async fn on_error(error: FrameworkError<'_, Data, DiscordError>) {
    let sentence = match &error {
        FrameworkError::Setup { error, .. } => {
            tracing::error!(%error, "bot set-up failed");
            return;
        }
        FrameworkError::ArgumentParse { error, input, .. } => {
            tracing::info!(%error, ?input, "slash option not understood");
            "I couldn't read one of the options. Check it and try again; /help shows examples."
        }
        FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(%error, command = %ctx.command().qualified_name, "command failed");
            SORRY
        }
        FrameworkError::UnknownInteraction {
            ctx, interaction, ..
        } => {
            tracing::warn!(command = %interaction.data.name, "unknown slash command (stale registration?)");
            // poise has no command context to answer through here: answer the interaction
            // itself, or the user sees "The application did not respond".
            let sentence = "I don't know that command any more. Discord may still be updating the command list; try again in a minute.";
            let response = serenity::all::CreateInteractionResponse::Message(
                render::interaction_message(&Reply::error(sentence)),
            );
            if let Err(error) = interaction.create_response(&ctx.http, response).await {
                tracing::warn!(%error, "could not tell the user about an unknown command");
            }
            return;
        }
        other => {
            tracing::warn!(error = %other, "interaction failed");
            SORRY
        }
    };
    if let Some(ctx) = error.ctx() {
        let reply = render::slash_reply(&Reply::error(sentence));
        if let Err(error) = ctx.send(reply).await {
            tracing::warn!(%error, "could not tell the user about an error");
        }
    }
}

/// The request behind an interaction: the caller, where (see [`interaction_place`]), and "now".
fn request(ctx: Ctx<'_>) -> Request {
    let (nick, place) = match ctx {
        poise::Context::Application(app) => (
            app.interaction.member.as_ref().and_then(|m| m.nick.clone()),
            interaction_place(
                ctx.guild_id(),
                ctx.channel_id(),
                app.interaction.channel.as_ref(),
                app.interaction.context,
            ),
        ),
        poise::Context::Prefix(_) => (None, place(ctx.guild_id(), ctx.channel_id(), false)),
    };
    Request {
        actor: actor(ctx.author(), nick.as_deref()),
        place,
        origin: Origin::Interaction(ctx.id()),
        now: Utc::now(),
    }
}

/// Runs one command: the engine's answer is sent at once if it comes within [`DEFER_AFTER`];
/// otherwise the interaction is deferred first (privately in a guild channel, where the answer
/// may be personal) and the answer follows when ready.
async fn run(ctx: Ctx<'_>, command: Command) -> Answered {
    let name = command.metric();
    run_with(ctx, name, move |engine, req| async move {
        engine.command(&req, command).await
    })
    .await
}

/// [`run`] for any work of the engine's on the command's request (a context-menu command
/// calls the engine otherwise than with a [`Command`]).
async fn run_with<F, Fut>(ctx: Ctx<'_>, name: CommandName, work: F) -> Answered
where
    F: FnOnce(Arc<Engine>, Request) -> Fut,
    Fut: Future<Output = Reply>,
{
    let started = Instant::now();
    // Counted before the stop check, so the drain cannot miss a command that passed it.
    let _in_flight = ctx.data().hooks.in_flight.begin();
    if ctx.data().hooks.stop.is_triggered() {
        return send(ctx, Reply::error(RESTARTING)).await;
    }
    let req = request(ctx);
    let engine = Arc::clone(&ctx.data().engine);
    let work = work(engine, req.clone());
    tokio::pin!(work);
    let reply = match tokio::time::timeout(DEFER_AFTER, &mut work).await {
        Ok(reply) => reply,
        Err(_) => {
            let deferred = if req.place.is_shared() {
                ctx.defer_ephemeral().await
            } else {
                ctx.defer().await
            };
            // The handler finishes whatever Discord said to the deferral: stopped halfway, it
            // would leave half a change behind (an import's first chunks, a schedule without
            // its first entry).
            let reply = work.await;
            if let Err(error) = deferred {
                tracing::warn!(%error, "could not defer an interaction; its answer may not arrive");
            }
            if req.place.is_shared() && !reply.ephemeral && !reply.silent {
                make_room_for_a_public_answer(ctx).await;
            }
            reply
        }
    };
    Metrics::global().observe_command(name, started.elapsed());
    send(ctx, reply).await
}

/// Answers a command with a form (a modal, callback type 9), which can only be the first answer.
/// Its submit comes back as its own interaction, handled in `events.rs` by the form's id: no
/// state is kept here, so a restart between the two loses nothing.
async fn open_form(ctx: Ctx<'_>, form: Form) -> Answered {
    let poise::Context::Application(app) = ctx else {
        return Ok(());
    };
    if ctx.data().hooks.stop.is_triggered() {
        return send(ctx, Reply::error(RESTARTING)).await;
    }
    let response = serenity::all::CreateInteractionResponse::Modal(render::modal(&form));
    app.interaction
        .create_response(ctx.http(), response)
        .await?;
    // poise must not try a first answer of its own after this one.
    app.has_sent_initial_response
        .store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// After a private deferral, Discord makes the first follow-up the deferred message itself, and
/// keeps it private whatever the follow-up asks. A public answer (a household's summary in its
/// channel) must not turn private, so the deferred message is filled first with a private
/// pointer, and the answer then goes out as a new, public message.
async fn make_room_for_a_public_answer(ctx: Ctx<'_>) {
    let poise::Context::Application(app) = ctx else {
        return;
    };
    let pointer = serenity::all::EditInteractionResponse::new()
        .content("Posted in the channel.")
        .allowed_mentions(render::no_mentions());
    if let Err(error) = app.interaction.edit_response(ctx.http(), pointer).await {
        tracing::warn!(%error, "could not fill a deferred response");
    }
}

/// An interaction must be answered, so a silent reply becomes a private "Done.".
///
/// The answer goes first and the notices (budget alerts) after it: Discord gives an interaction
/// three seconds for its first response, and a user who sees none sends the command again.
async fn send(ctx: Ctx<'_>, reply: Reply) -> Answered {
    let notices = notices::of(&reply);
    let reply = if reply.silent {
        Reply::text("Done.").ephemeral(true)
    } else {
        reply
    };
    let answered = ctx.send(render::slash_reply(&reply)).await;
    if let Err(error) = &answered
        && codes::code(error) == Some(codes::UNKNOWN_INTERACTION)
    {
        notices::late_answer(ctx.http(), ctx.author().id, &reply).await;
        return Ok(());
    }
    // A notice for the caller whose DMs are closed (their own budget alert) comes as a private
    // follow-up of the command instead: the one way left that only they can read.
    for (to, notice) in notices::undelivered(ctx.http(), notices).await {
        if to != NoticeTo::Direct(ctx.author().id) {
            tracing::info!(
                ?to,
                "a notice was not delivered: the recipient's DMs are closed"
            );
            continue;
        }
        let private = render::slash_reply(&notice.ephemeral(true));
        if let Err(error) = ctx.send(private).await {
            tracing::warn!(%error, "could not show an undelivered notice to its recipient");
        }
    }
    answered?;
    Ok(())
}

/// Category names for autocompletion, from the engine (the caller's ledger's categories).
async fn complete_category(ctx: Ctx<'_>, partial: &str) -> Vec<String> {
    let req = request(ctx);
    ctx.data().engine.complete_category(&req, partial).await
}

/// The caller's schedules for autocompletion: the label shows it, the value is its id.
async fn complete_schedule(ctx: Ctx<'_>, partial: &str) -> Vec<AutocompleteChoice> {
    let req = request(ctx);
    ctx.data()
        .engine
        .complete_schedule(&req, partial)
        .await
        .into_iter()
        .map(|(label, value)| AutocompleteChoice::new(label, value))
        .collect()
}

/// The caller's entries for an entry number: shown as `/list` shows them, filled in as `#12`.
async fn complete_entry(ctx: Ctx<'_>, partial: &str) -> Vec<AutocompleteChoice> {
    let req = request(ctx);
    choices(ctx.data().engine.complete_entry(&req, partial).await)
}

/// Named periods, and what the user typed (a month or a range is as good a period).
async fn complete_period(_ctx: Ctx<'_>, partial: &str) -> Vec<AutocompleteChoice> {
    choices(complete::periods(partial))
}

/// IANA time zones for `/settings`.
async fn complete_time_zone(_ctx: Ctx<'_>, partial: &str) -> Vec<AutocompleteChoice> {
    choices(complete::time_zones(partial))
}

/// Currencies for `/settings`.
async fn complete_currency(_ctx: Ctx<'_>, partial: &str) -> Vec<AutocompleteChoice> {
    choices(complete::currencies(partial))
}

fn choices(suggestions: Vec<Suggestion>) -> Vec<AutocompleteChoice> {
    suggestions
        .into_iter()
        .map(|s| AutocompleteChoice::new(s.label, s.value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_of_the_spec_is_registered() {
        let names: Vec<String> = commands().iter().map(|c| c.name.clone()).collect();
        for name in [
            "add",
            "list",
            "undo",
            "edit",
            "delete",
            "summary",
            "forecast",
            "budget",
            "category",
            "household",
            "settings",
            "export",
            "import",
            "help",
            "settle",
            "recurring",
        ] {
            assert!(names.contains(&name.to_string()), "missing /{name}");
        }
        let menu = commands()
            .into_iter()
            .find(|c| c.context_menu_name.as_deref() == Some("Record as expense"))
            .expect("the message context-menu command");
        assert!(menu.slash_action.is_none(), "a context-menu command only");
    }

    /// Every option name of every command and subcommand, as Discord sees them.
    fn option_names(commands: &[poise::Command<Data, DiscordError>]) -> Vec<(String, String)> {
        let mut names = Vec::new();
        for command in commands {
            for parameter in &command.parameters {
                names.push((command.qualified_name.clone(), parameter.name.clone()));
            }
            names.extend(option_names(&command.subcommands));
        }
        names
    }

    /// The console reads `name:value` only for names it knows: an option Discord offers that
    /// the console does not know would silently become part of another value there.
    #[test]
    fn the_console_knows_every_option_discord_offers() {
        let slash: Vec<_> = commands()
            .into_iter()
            .filter(|c| c.slash_action.is_some())
            .collect();
        let unknown: Vec<(String, String)> = option_names(&slash)
            .into_iter()
            // `/settle record:@sam` is a subcommand word in the console (`/settle record @sam`).
            .filter(|(command, name)| !(command == "settle" && name == "record"))
            .filter(|(_, name)| !crate::console::slash::OPTION_NAMES.contains(&name.as_str()))
            .collect();
        assert_eq!(unknown, Vec::<(String, String)>::new());
    }

    /// `/help` lists exactly the slash commands Discord registers (a context-menu command has
    /// no name to type).
    #[test]
    fn help_lists_every_registered_command() {
        let registered: Vec<String> = commands()
            .iter()
            .filter(|c| c.slash_action.is_some())
            .map(|c| format!("/{}", c.name))
            .collect();
        let helped: Vec<String> = crate::commands::help::COMMANDS
            .iter()
            .map(|(name, _)| name.to_string())
            .collect();
        assert_eq!(registered, helped);
    }

    /// The page option's maximum (a literal, as poise wants it) is the engine's.
    #[test]
    fn the_page_option_is_bounded_like_a_page() {
        let registration = poise::builtins::create_application_commands(&commands());
        let json = serde_json::to_value(&registration).unwrap_or_default();
        let list = json
            .as_array()
            .and_then(|all| all.iter().find(|c| c["name"] == "list"))
            .cloned()
            .unwrap_or_default();
        let page = list["options"]
            .as_array()
            .and_then(|o| o.iter().find(|o| o["name"] == "page"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            page["max_value"].as_f64(),
            Some(f64::from(crate::bounds::MAX_PAGE))
        );
        assert_eq!(page["min_value"].as_f64(), Some(1.0));
    }

    #[test]
    fn groups_have_their_subcommands() {
        let all = commands();
        let sub = |group: &str| -> Vec<String> {
            all.iter()
                .find(|c| c.name == group)
                .map(|c| c.subcommands.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(sub("budget"), ["set", "show", "clear"]);
        assert_eq!(sub("category").len(), 7);
        assert_eq!(
            sub("household"),
            [
                "create", "join", "leave", "bind", "unbind", "members", "invite", "remove", "code",
                "settings"
            ]
        );
    }
}
