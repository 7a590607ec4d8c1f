//! Commands in a message's context menu (Apps → …): Discord sends the message itself, and the
//! engine acts on it for whoever picked the command.

use serenity::all::Message;

use super::{Answered, Ctx, run_with};
use crate::commands::QuotedMessage;
use crate::discord::request::{bot_role, strip_mention};
use crate::model::{MessageId, UserId};
use crate::ops::metrics::CommandName;

/// Records a message's text as an expense or income paid by you, wherever it was written and
/// whoever wrote it (a friend's "taxi 18", a receipt line pasted by someone else).
#[poise::command(context_menu_command = "Record as expense")]
pub(super) async fn record_as_expense(ctx: Ctx<'_>, message: Message) -> Answered {
    let bot = ctx.framework().bot_id;
    let role = bot_role(&ctx.serenity_context().cache, ctx.guild_id(), bot);
    let quoted = QuotedMessage {
        id: MessageId(message.id.get()),
        author: UserId(message.author.id.get()),
        // "@Tally lunch 12" reads "lunch 12", as a quick message would.
        text: strip_mention(&message.content, bot, role),
    };
    run_with(ctx, CommandName::Add, move |engine, req| async move {
        engine.record_as_expense(&req, &quoted).await
    })
    .await
}
