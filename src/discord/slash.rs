//! Slash commands: one thin poise function per command, each building a [`Command`] for the
//! engine and rendering its [`Reply`]. Option values stay text: the engine validates them, so
//! the console and Discord give the same friendly errors.

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use poise::{FrameworkError, FrameworkOptions, PrefixFrameworkOptions};
use serenity::all::{Attachment, GuildId as DiscordGuild};

use super::request::{actor, place};
use super::{DEFER_AFTER, DiscordError, Hooks, notices, render};
use crate::commands::{
    BudgetCommand, CategoryCommand, Command, Engine, HouseholdCommand, Origin, RecurringCommand,
    Reply, Request, SettleCommand, Upload,
};
use crate::model::{DigestCadence, UserId};
use crate::ops::limits::check_import_bytes;
use crate::ops::metrics::{CommandName, Metrics, RefusalKind};
use crate::parser::Mention;

/// What every command can reach.
pub(crate) struct Data {
    engine: Arc<Engine>,
    hooks: Hooks,
}

type Ctx<'a> = poise::Context<'a, Data, DiscordError>;
/// Whether a command's answer reached Discord (the engine's own outcome is in the reply).
type Answered = Result<(), DiscordError>;

/// Said to a command that arrives while the process is stopping.
const RESTARTING: &str = "I'm restarting — please try again in a moment.";

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

/// Every slash command, in the order `/help` lists them.
pub(crate) fn commands() -> Vec<poise::Command<Data, DiscordError>> {
    vec![
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
    ]
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
        FrameworkError::UnknownInteraction { interaction, .. } => {
            tracing::warn!(command = %interaction.data.name, "unknown slash command (stale registration?)");
            "I don't know that command any more. Discord may still be updating the command list; try again in a minute."
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

/// The request behind an interaction: the caller, where, and "now".
fn request(ctx: Ctx<'_>) -> Request {
    let nick = match ctx {
        poise::Context::Application(app) => {
            app.interaction.member.as_ref().and_then(|m| m.nick.clone())
        }
        poise::Context::Prefix(_) => None,
    };
    Request {
        actor: actor(ctx.author(), nick.as_deref()),
        place: place(ctx.guild_id(), ctx.channel_id(), false),
        origin: Origin::Interaction(ctx.id()),
        now: Utc::now(),
    }
}

/// Runs one command: the engine's answer is sent at once if it comes within [`DEFER_AFTER`];
/// otherwise the interaction is deferred first (privately in a guild channel, where the answer
/// may be personal) and the answer follows when ready.
async fn run(ctx: Ctx<'_>, command: Command) -> Answered {
    let started = Instant::now();
    // Counted before the stop check, so the drain cannot miss a command that passed it.
    let _in_flight = ctx.data().hooks.in_flight.begin();
    if ctx.data().hooks.stop.is_triggered() {
        return send(ctx, Reply::error(RESTARTING)).await;
    }
    let req = request(ctx);
    let engine = Arc::clone(&ctx.data().engine);
    let name = CommandName::from_slash(&ctx.command().name);
    let work = engine.command(&req, command);
    tokio::pin!(work);
    let reply = match tokio::time::timeout(DEFER_AFTER, &mut work).await {
        Ok(reply) => reply,
        Err(_) => {
            if req.place.is_shared() {
                ctx.defer_ephemeral().await?;
            } else {
                ctx.defer().await?;
            }
            work.await
        }
    };
    Metrics::global().observe_command(name, started.elapsed());
    send(ctx, reply).await
}

/// An interaction must be answered, so a silent reply becomes a private "Done.".
async fn send(ctx: Ctx<'_>, reply: Reply) -> Answered {
    notices::deliver(ctx.http(), notices::of(&reply)).await;
    let reply = if reply.silent {
        Reply::text("Done.").ephemeral(true)
    } else {
        reply
    };
    ctx.send(render::slash_reply(&reply)).await?;
    Ok(())
}

/// Category names for autocompletion, from the engine (the caller's ledger's categories).
async fn complete_category(ctx: Ctx<'_>, partial: &str) -> Vec<String> {
    let req = request(ctx);
    ctx.data().engine.complete_category(&req, partial).await
}

/// The caller's schedules for autocompletion: the label shows it, the value is its id.
async fn complete_schedule(ctx: Ctx<'_>, partial: &str) -> Vec<serenity::all::AutocompleteChoice> {
    let req = request(ctx);
    ctx.data()
        .engine
        .complete_schedule(&req, partial)
        .await
        .into_iter()
        .map(|(label, value)| serenity::all::AutocompleteChoice::new(label, value))
        .collect()
}

/// Repeating entries: rent, subscriptions, salary
#[poise::command(
    slash_command,
    subcommands(
        "recurring_list",
        "recurring_add",
        "recurring_pause",
        "recurring_resume",
        "recurring_edit",
        "recurring_delete"
    ),
    subcommand_required
)]
async fn recurring(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// Your recurring entries and when they come next
#[poise::command(slash_command, rename = "list")]
async fn recurring_list(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Recurring(RecurringCommand::List)).await
}

/// Schedule a repeating entry without recording one now
#[poise::command(slash_command, rename = "add")]
async fn recurring_add(
    ctx: Ctx<'_>,
    #[description = "e.g. \"rent 1200 monthly on the 1st\", \"gym 30 every 2 weeks\""] text: String,
    #[description = "First date, YYYY-MM-DD (default: today or the day named)"] starting: Option<
        String,
    >,
) -> Answered {
    let command = RecurringCommand::Add { text, starting };
    run(ctx, Command::Recurring(command)).await
}

/// Stop a schedule for now
#[poise::command(slash_command, rename = "pause")]
async fn recurring_pause(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
) -> Answered {
    run(
        ctx,
        Command::Recurring(RecurringCommand::Pause { schedule }),
    )
    .await
}

/// Start a paused schedule again from its next date
#[poise::command(slash_command, rename = "resume")]
async fn recurring_resume(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
) -> Answered {
    run(
        ctx,
        Command::Recurring(RecurringCommand::Resume { schedule }),
    )
    .await
}

/// Change what future occurrences record
#[poise::command(slash_command, rename = "edit")]
async fn recurring_edit(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
    #[description = "New amount"] amount: Option<String>,
    #[description = "New description"] description: Option<String>,
    #[description = "New category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "How often: monthly, every 2 weeks, monthly on the 1st…"] cadence: Option<
        String,
    >,
    #[description = "Last date, YYYY-MM-DD, or never"] until: Option<String>,
) -> Answered {
    let command = RecurringCommand::Edit {
        schedule,
        amount,
        description,
        category,
        cadence,
        until,
    };
    run(ctx, Command::Recurring(command)).await
}

/// Stop and remove a schedule (entries already recorded stay)
#[poise::command(slash_command, rename = "delete")]
async fn recurring_delete(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
) -> Answered {
    run(
        ctx,
        Command::Recurring(RecurringCommand::Delete { schedule }),
    )
    .await
}

/// Record an expense or income, e.g. "coffee 4.50" or "+2500 salary"
#[poise::command(slash_command)]
async fn add(
    ctx: Ctx<'_>,
    #[description = "What you'd tell a friend: \"coffee 4.50\", \"groceries 82.10 yesterday #food\""]
    text: String,
) -> Answered {
    run(ctx, Command::Add { text }).await
}

/// List recent entries
#[poise::command(slash_command)]
async fn list(
    ctx: Ctx<'_>,
    #[description = "today, week, month, last month, 2026-03…"] period: Option<String>,
    #[description = "Only this category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "Only entries by this member (household)"] who: Option<String>,
    #[description = "Page number"]
    #[min = 1]
    #[max = 100000]
    page: Option<u32>,
) -> Answered {
    let command = Command::List {
        period,
        category,
        who,
        // Discord's page option counts from 1; the engine's pages from 0.
        page: page.unwrap_or(1).saturating_sub(1),
    };
    run(ctx, command).await
}

/// Undo the last entry you recorded here
#[poise::command(slash_command)]
async fn undo(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Undo).await
}

/// Change an entry (its #number is in /list)
#[poise::command(slash_command)]
async fn edit(
    ctx: Ctx<'_>,
    #[description = "The entry's #number from /list"] id: String,
    #[description = "New amount, e.g. 12.50 or 12 EUR"] amount: Option<String>,
    #[description = "New description"] description: Option<String>,
    #[description = "New category (teaches the ledger)"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "New date: yesterday, 2026-03-14, 14 mar…"] date: Option<String>,
) -> Answered {
    let command = Command::Edit {
        id,
        amount,
        description,
        category,
        date,
    };
    run(ctx, command).await
}

/// Delete an entry (its #number is in /list)
#[poise::command(slash_command)]
async fn delete(
    ctx: Ctx<'_>,
    #[description = "The entry's #number from /list"] id: String,
) -> Answered {
    run(ctx, Command::Delete { id }).await
}

/// Where the money went: totals by category, with a chart
#[poise::command(slash_command)]
async fn summary(
    ctx: Ctx<'_>,
    #[description = "week, month (default), last month, year…"] period: Option<String>,
    #[description = "personal or household"] scope: Option<String>,
    #[description = "Get it by DM: weekly, monthly, or unsubscribe"] subscribe: Option<
        Subscription,
    >,
    #[description = "With subscribe: local time to send, HH:MM (default 08:00)"] time: Option<
        String,
    >,
) -> Answered {
    let command = match subscribe {
        None => Command::Summary { period, scope },
        Some(Subscription::Unsubscribe) => Command::Unsubscribe { scope },
        Some(Subscription::Weekly) => Command::Subscribe {
            cadence: DigestCadence::Weekly.to_string(),
            time,
            scope,
        },
        Some(Subscription::Monthly) => Command::Subscribe {
            cadence: DigestCadence::Monthly.to_string(),
            time,
            scope,
        },
    };
    run(ctx, command).await
}

/// The choices of `/summary subscribe:`.
#[derive(Clone, Copy, Debug, poise::ChoiceParameter)]
enum Subscription {
    #[name = "weekly"]
    Weekly,
    #[name = "monthly"]
    Monthly,
    #[name = "unsubscribe"]
    Unsubscribe,
}

/// Where this month (and the next ones) will end
#[poise::command(slash_command)]
async fn forecast(
    ctx: Ctx<'_>,
    #[description = "How far ahead: 1 month (default), 3 months…"] horizon: Option<String>,
    #[description = "personal or household"] scope: Option<String>,
    #[description = "Only this category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
) -> Answered {
    let command = Command::Forecast {
        horizon,
        scope,
        category,
    };
    run(ctx, command).await
}

/// Budgets per category
#[poise::command(
    slash_command,
    subcommands("budget_set", "budget_show", "budget_clear"),
    subcommand_required
)]
async fn budget(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// Set a budget for a category
#[poise::command(slash_command, rename = "set")]
async fn budget_set(
    ctx: Ctx<'_>,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    category: String,
    #[description = "Amount, e.g. 300"] amount: String,
    #[description = "month (default) or week"] period: Option<String>,
) -> Answered {
    let command = BudgetCommand::Set {
        category,
        amount,
        period,
    };
    run(ctx, Command::Budget(command)).await
}

/// Show budgets and how much is left
#[poise::command(slash_command, rename = "show")]
async fn budget_show(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Budget(BudgetCommand::Show)).await
}

/// Clear one budget, or all of them
#[poise::command(slash_command, rename = "clear")]
async fn budget_clear(
    ctx: Ctx<'_>,
    #[description = "Category (all budgets when left out)"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
) -> Answered {
    run(ctx, Command::Budget(BudgetCommand::Clear { category })).await
}

/// Your categories and rules
#[poise::command(
    slash_command,
    subcommands(
        "category_list",
        "category_add",
        "category_rename",
        "category_merge",
        "category_remove",
        "category_alias",
        "category_rule"
    ),
    subcommand_required
)]
async fn category(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// List the categories
#[poise::command(slash_command, rename = "list")]
async fn category_list(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Category(CategoryCommand::List)).await
}

/// Add a category
#[poise::command(slash_command, rename = "add")]
async fn category_add(ctx: Ctx<'_>, #[description = "Name"] name: String) -> Answered {
    run(ctx, Command::Category(CategoryCommand::Add { name })).await
}

/// Rename a category
#[poise::command(slash_command, rename = "rename")]
async fn category_rename(
    ctx: Ctx<'_>,
    #[description = "Category to rename"]
    #[autocomplete = "complete_category"]
    from: String,
    #[description = "New name"] to: String,
) -> Answered {
    run(ctx, Command::Category(CategoryCommand::Rename { from, to })).await
}

/// Move every entry of one category into another
#[poise::command(slash_command, rename = "merge")]
async fn category_merge(
    ctx: Ctx<'_>,
    #[description = "Category to merge away"]
    #[autocomplete = "complete_category"]
    from: String,
    #[description = "Category to keep"]
    #[autocomplete = "complete_category"]
    into: String,
) -> Answered {
    run(
        ctx,
        Command::Category(CategoryCommand::Merge { from, into }),
    )
    .await
}

/// Remove a category
#[poise::command(slash_command, rename = "remove")]
async fn category_remove(
    ctx: Ctx<'_>,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    name: String,
) -> Answered {
    run(ctx, Command::Category(CategoryCommand::Remove { name })).await
}

/// Another name for a category (e.g. "food" for Groceries)
#[poise::command(slash_command, rename = "alias")]
async fn category_alias(
    ctx: Ctx<'_>,
    #[description = "The other name"] alias: String,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    category: String,
) -> Answered {
    run(
        ctx,
        Command::Category(CategoryCommand::Alias { alias, category }),
    )
    .await
}

/// File messages containing these words under a category
#[poise::command(slash_command, rename = "rule")]
async fn category_rule(
    ctx: Ctx<'_>,
    #[description = "Words, e.g. \"aldi lidl\""] words: String,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    category: String,
) -> Answered {
    run(
        ctx,
        Command::Category(CategoryCommand::Rule { words, category }),
    )
    .await
}

/// Share a ledger with the people you live with
#[poise::command(
    slash_command,
    subcommands(
        "household_create",
        "household_join",
        "household_leave",
        "household_bind",
        "household_unbind",
        "household_members",
        "household_invite",
        "household_remove",
        "household_code",
        "household_settings"
    ),
    subcommand_required
)]
async fn household(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// Create a household
#[poise::command(slash_command, rename = "create")]
async fn household_create(ctx: Ctx<'_>, #[description = "Name"] name: String) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Create { name })).await
}

/// Join a household with its invite code
#[poise::command(slash_command, rename = "join")]
async fn household_join(ctx: Ctx<'_>, #[description = "Invite code"] code: String) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Join { code })).await
}

/// Leave your household
#[poise::command(slash_command, rename = "leave")]
async fn household_leave(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Leave)).await
}

/// Send this channel's quick messages to the household ledger
#[poise::command(slash_command, rename = "bind")]
async fn household_bind(ctx: Ctx<'_>) -> Answered {
    let manages_channels = manages_channels(ctx);
    run(
        ctx,
        Command::Household(HouseholdCommand::Bind { manages_channels }),
    )
    .await
}

/// Stop sending this channel's quick messages to the household
#[poise::command(slash_command, rename = "unbind")]
async fn household_unbind(ctx: Ctx<'_>) -> Answered {
    let manages_channels = manages_channels(ctx);
    run(
        ctx,
        Command::Household(HouseholdCommand::Unbind { manages_channels }),
    )
    .await
}

/// Who is in the household
#[poise::command(slash_command, rename = "members")]
async fn household_members(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Members)).await
}

/// Invite someone to your household
#[poise::command(slash_command, rename = "invite")]
async fn household_invite(
    ctx: Ctx<'_>,
    #[description = "Who to invite"] user: serenity::all::User,
) -> Answered {
    let who = mention(&user);
    run(ctx, Command::Household(HouseholdCommand::Invite { who })).await
}

/// Remove a member from your household (owner only)
#[poise::command(slash_command, rename = "remove")]
async fn household_remove(
    ctx: Ctx<'_>,
    #[description = "Who to remove"] user: serenity::all::User,
) -> Answered {
    let who = mention(&user);
    run(ctx, Command::Household(HouseholdCommand::Remove { who })).await
}

/// Show, rotate or revoke the household's invite code (owner only)
#[poise::command(slash_command, rename = "code")]
async fn household_code(
    ctx: Ctx<'_>,
    #[description = "show (default), rotate or revoke"] action: Option<String>,
) -> Answered {
    let action = match action.as_deref().unwrap_or("show").parse() {
        Ok(action) => action,
        Err(message) => return send(ctx, Reply::error(message)).await,
    };
    run(ctx, Command::Household(HouseholdCommand::Code { action })).await
}

/// The household's currency, time zone and date format
#[poise::command(slash_command, rename = "settings")]
async fn household_settings(
    ctx: Ctx<'_>,
    #[description = "Currency, e.g. USD, EUR"] currency: Option<String>,
    #[description = "Time zone, e.g. Europe/Paris"] time_zone: Option<String>,
    #[description = "How to read 3/4: dmy or mdy"] date_format: Option<String>,
) -> Answered {
    let command = HouseholdCommand::Settings {
        currency,
        time_zone,
        date_format,
    };
    run(ctx, Command::Household(command)).await
}

/// Who owes whom in your household; or record that you paid someone back
#[poise::command(slash_command)]
async fn settle(
    ctx: Ctx<'_>,
    #[description = "Record that you paid this member…"] record: Option<serenity::all::User>,
    #[description = "…this amount, e.g. 40"] amount: Option<String>,
) -> Answered {
    let command = match (record, amount) {
        (Some(user), Some(amount)) => SettleCommand::Record {
            to: mention(&user),
            amount,
        },
        (None, None) => SettleCommand::Show,
        _ => {
            let reply =
                Reply::error("To record a payment give both: /settle record:@sam amount:40.");
            return send(ctx, reply).await;
        }
    };
    run(ctx, Command::Settle(command)).await
}

/// Whether the caller has Manage Channels where the command was typed (Discord resolves the
/// member's permissions for the channel into the interaction).
fn manages_channels(ctx: Ctx<'_>) -> bool {
    match ctx {
        poise::Context::Application(app) => app
            .interaction
            .member
            .as_ref()
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.manage_channels()),
        poise::Context::Prefix(_) => false,
    }
}

/// A Discord user as a mention the engine resolves by id.
fn mention(user: &serenity::all::User) -> Mention {
    Mention {
        user: Some(UserId(user.id.get())),
        name: format!("<@{}>", user.id.get()),
    }
}

/// Your currency, time zone and date format
#[poise::command(slash_command)]
async fn settings(
    ctx: Ctx<'_>,
    #[description = "Default currency, e.g. USD, EUR"] currency: Option<String>,
    #[description = "Time zone, e.g. Europe/Paris"] time_zone: Option<String>,
    #[description = "How to read 3/4: dmy or mdy"] date_format: Option<String>,
) -> Answered {
    let command = Command::Settings {
        currency,
        time_zone,
        date_format,
    };
    run(ctx, command).await
}

/// Download your entries as a CSV file
#[poise::command(slash_command)]
async fn export(
    ctx: Ctx<'_>,
    #[description = "month, year, all…"] period: Option<String>,
    #[description = "personal or household"] scope: Option<String>,
) -> Answered {
    run(ctx, Command::Export { period, scope }).await
}

/// Import entries from a CSV file (a preview first, then confirm)
#[poise::command(slash_command)]
async fn import(
    ctx: Ctx<'_>,
    #[description = "A CSV file (an export from Tally or your bank)"] file: Option<Attachment>,
    #[description = "Record the entries the preview showed"] confirm: Option<bool>,
) -> Answered {
    let upload = match file {
        Some(file) => {
            // Checked on the size Discord announces, before downloading anything.
            let size = usize::try_from(file.size).unwrap_or(usize::MAX);
            if let Err(limit) = check_import_bytes(size, ctx.data().engine.limits()) {
                Metrics::global().refused(RefusalKind::ImportTooLarge);
                return send(ctx, Reply::error(limit.to_string())).await;
            }
            // An import is a write: the allowance is taken before anything is downloaded, so
            // repeated uploads cost the sender, not the bot's bandwidth.
            let req = request(ctx);
            if let Err(limit) = ctx.data().engine.check_write_rate(&req) {
                return send(ctx, Reply::error(limit.to_string())).await;
            }
            // Downloading can be slow: acknowledge first.
            ctx.defer_ephemeral().await?;
            match file.download().await {
                Ok(bytes) => Some(Upload {
                    filename: file.filename.clone(),
                    bytes,
                }),
                Err(error) => {
                    tracing::warn!(%error, "could not download an import file");
                    return send(
                        ctx,
                        Reply::error("I couldn't download that file. Please attach it again."),
                    )
                    .await;
                }
            }
        }
        None => None,
    };
    let command = Command::Import {
        file: upload,
        confirm: confirm.unwrap_or(false),
    };
    run(ctx, command).await
}

/// How to use Tally
#[poise::command(slash_command)]
async fn help(
    ctx: Ctx<'_>,
    #[description = "A command or topic, e.g. add, budget, household"] topic: Option<String>,
) -> Answered {
    run(ctx, Command::Help { topic }).await
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
