//! The Discord JSON error codes the bot acts on, and reading them off a failed request.

use serenity::all::HttpError;

/// The channel does not exist (or not for the bot).
pub(crate) const UNKNOWN_CHANNEL: isize = 10003;
/// The message replied to is gone (deleted between the event and the answer).
pub(crate) const UNKNOWN_MESSAGE: isize = 10008;
/// The interaction is unknown to Discord: answered after its three seconds (or never
/// acknowledged in time), so the user sees "The application did not respond".
pub(crate) const UNKNOWN_INTERACTION: isize = 10062;
/// The bot cannot see the channel at all.
pub(crate) const MISSING_ACCESS: isize = 50001;
/// The bot may see the channel but not post, react or attach there.
pub(crate) const MISSING_PERMISSIONS: isize = 50013;
/// A DM that cannot be delivered: 50007 "Cannot send messages to this user", and the newer
/// 50278 (the recipient's DM settings refuse it).
pub(crate) const DMS_CLOSED: [isize; 2] = [50007, 50278];

/// Discord's code for a request it refused, if it was one.
pub(crate) fn code(error: &serenity::Error) -> Option<isize> {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            Some(response.error.code)
        }
        _ => None,
    }
}

/// Whether a DM was refused because the recipient does not accept the bot's DMs.
pub(crate) fn dms_closed(error: &serenity::Error) -> bool {
    code(error).is_some_and(|c| DMS_CLOSED.contains(&c))
}

/// Whether the bot lacks the rights to post where it tried to.
pub(crate) fn may_not_post(error: &serenity::Error) -> bool {
    matches!(code(error), Some(MISSING_ACCESS | MISSING_PERMISSIONS))
}
