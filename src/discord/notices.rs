//! Notices: messages the engine sends besides the reply (budget alerts, invitations), to a
//! household channel or to a member's DMs.

use serenity::all::{ChannelId as DiscordChannel, Http, UserId as DiscordUser};

use super::{codes, render};
use crate::commands::{Recipient, Reply};

/// Where a notice goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoticeTo {
    Channel(DiscordChannel),
    Direct(DiscordUser),
}

/// The notices a reply carries, as Discord recipients and the message each is sent.
pub(crate) fn of(reply: &Reply) -> Vec<(NoticeTo, Reply)> {
    reply
        .notices
        .iter()
        .filter_map(|n| {
            let to = match n.to {
                Recipient::Channel(c) if c.0 != 0 => NoticeTo::Channel(DiscordChannel::new(c.0)),
                Recipient::Direct(u) if u.0 != 0 => NoticeTo::Direct(DiscordUser::new(u.0)),
                _ => return None,
            };
            let mut message = Reply::text(n.text.clone());
            message.buttons = n.buttons.clone();
            Some((to, message))
        })
        .collect()
}

/// Sends each notice; a failure is logged and does not stop the others.
pub(crate) async fn deliver(http: &Http, notices: Vec<(NoticeTo, Reply)>) {
    for (to, _) in undelivered(http, notices).await {
        tracing::info!(
            ?to,
            "a notice was not delivered: the recipient's DMs are closed"
        );
    }
}

/// Sends each notice, and gives back those whose recipient's DMs are closed (Discord refuses
/// the message itself with 50007 or 50278), so the caller can show them another way. Other
/// failures are logged and dropped.
pub(crate) async fn undelivered(
    http: &Http,
    notices: Vec<(NoticeTo, Reply)>,
) -> Vec<(NoticeTo, Reply)> {
    let mut refused = Vec::new();
    for (to, notice) in notices {
        let message = render::message(&notice);
        let sent = match to {
            NoticeTo::Channel(channel) => channel.send_message(http, message).await,
            NoticeTo::Direct(user) => match user.create_dm_channel(http).await {
                Ok(dm) => dm.id.send_message(http, message).await,
                Err(error) => Err(error),
            },
        };
        match sent {
            Ok(_) => {}
            Err(error) if codes::dms_closed(&error) => refused.push((to, notice)),
            Err(error) => tracing::warn!(%error, ?to, "could not send a notice"),
        }
    }
    refused
}

/// The answer to an interaction Discord no longer knows (10062: it came after the three seconds,
/// as after a lag on the gateway). The work is done, but the user saw "The application did not
/// respond" and without an answer would do it again, so the answer goes to their DMs, where it
/// is private whatever it shows.
pub(crate) async fn late_answer(http: &Http, user: DiscordUser, reply: &Reply) {
    let mut late = reply.clone();
    late.text = format!(
        "Discord gave up waiting for my answer, but it went through:\n{}",
        reply.text
    );
    for (to, _) in undelivered(http, vec![(NoticeTo::Direct(user), late)]).await {
        tracing::info!(?to, "a late answer was not delivered: the DMs are closed");
    }
}
