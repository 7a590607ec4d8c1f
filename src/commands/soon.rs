//! Commands whose feature has not landed yet answer plainly instead of failing.

use super::Reply;

pub(super) fn reply(command: &str) -> Reply {
    Reply::error(format!(
        "{command} is coming soon. Type /help to see what works today."
    ))
}
