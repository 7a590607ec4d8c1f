//! Files in and out: `/export` and `/import` (the attachment's size checked before it is downloaded).

use super::choice::{Pick, picked};
use super::{Answered, Ctx, complete_period, request, run, send};
use crate::commands::{Command, Reply, Scope, Upload};
use crate::ops::limits::check_import_bytes;
use crate::ops::metrics::{Metrics, RefusalKind};
use serenity::all::Attachment;

/// Download your entries as a CSV file
#[poise::command(slash_command)]
pub(super) async fn export(
    ctx: Ctx<'_>,
    #[description = "month, year, all…"]
    #[autocomplete = "complete_period"]
    period: Option<String>,
    #[description = "Your own entries or your household's (default: this channel's)"] scope: Option<
        Pick<Scope>,
    >,
) -> Answered {
    let scope = picked(scope);
    run(ctx, Command::Export { period, scope }).await
}

/// Import entries from a CSV file (a preview first, then confirm)
#[poise::command(slash_command)]
pub(super) async fn import(
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
