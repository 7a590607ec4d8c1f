//! [`Reply`] → serenity and poise builders.
//!
//! One place decides how a reply looks on Discord: text as content (cut to Discord's limit),
//! fields as one embed, buttons in action rows, files as attachments, and always
//! `allowed_mentions` empty, so nothing the bot echoes back ("@everyone", "<@id>") pings anyone.

use serenity::all::{
    ButtonStyle as DiscordButtonStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment,
    CreateButton, CreateEmbed, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage, ReactionType,
};

use crate::commands::{ButtonStyle, Reply};

/// Discord's limit on a message's content, in characters.
const MAX_CONTENT: usize = 2000;
/// Discord's limits on an embed's fields.
const MAX_FIELDS: usize = 25;
const MAX_FIELD_NAME: usize = 256;
const MAX_FIELD_VALUE: usize = 1024;
/// Discord's limits on components: 5 buttons a row, 5 rows a message.
const BUTTONS_PER_ROW: usize = 5;
const MAX_ROWS: usize = 5;
/// Embed colour: Tally green.
const COLOUR: u32 = 0x2e_b8_72;

/// Mentions nobody: no `@everyone`, no users, no roles, not even the replied-to author.
pub(crate) fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

/// A reply as a channel message (quick-message confirmations, DMs).
pub(crate) fn message(reply: &Reply) -> CreateMessage {
    let mut message = CreateMessage::new()
        .content(content(reply))
        .allowed_mentions(no_mentions())
        .components(components(reply));
    if let Some(embed) = embed(reply) {
        message = message.embed(embed);
    }
    for attachment in attachments(reply) {
        message = message.add_file(attachment);
    }
    message
}

/// A reply as the response to a component (button) interaction.
pub(crate) fn interaction_message(reply: &Reply) -> CreateInteractionResponseMessage {
    let mut message = CreateInteractionResponseMessage::new()
        .content(content(reply))
        .ephemeral(reply.ephemeral)
        .allowed_mentions(no_mentions())
        .components(components(reply));
    if let Some(embed) = embed(reply) {
        message = message.embed(embed);
    }
    message.files(attachments(reply))
}

/// A reply as a follow-up, after the interaction was deferred.
pub(crate) fn followup(reply: &Reply) -> CreateInteractionResponseFollowup {
    let mut message = CreateInteractionResponseFollowup::new()
        .content(content(reply))
        .ephemeral(reply.ephemeral)
        .allowed_mentions(no_mentions())
        .components(components(reply));
    if let Some(embed) = embed(reply) {
        message = message.embed(embed);
    }
    message.files(attachments(reply))
}

/// A reply to a slash command, sent through poise (which picks response or follow-up).
pub(crate) fn slash_reply(reply: &Reply) -> poise::CreateReply {
    let mut builder = poise::CreateReply::default()
        .content(content(reply))
        .ephemeral(reply.ephemeral)
        .allowed_mentions(no_mentions());
    let rows = components(reply);
    if !rows.is_empty() {
        builder = builder.components(rows);
    }
    if let Some(embed) = embed(reply) {
        builder = builder.embed(embed);
    }
    for attachment in attachments(reply) {
        builder = builder.attachment(attachment);
    }
    builder
}

/// The reaction to put on the user's message, if any.
pub(crate) fn reaction(reply: &Reply) -> Option<ReactionType> {
    reply.reaction.map(|c| ReactionType::Unicode(c.to_string()))
}

/// The reply text within Discord's limit. A reply with nothing at all to show gets a dash, since
/// Discord refuses an empty message.
fn content(reply: &Reply) -> String {
    if reply.text.trim().is_empty() {
        let has_body =
            !reply.fields.is_empty() || !reply.attachments.is_empty() || !reply.buttons.is_empty();
        return if has_body {
            String::new()
        } else {
            "—".to_string()
        };
    }
    truncate(&reply.text, MAX_CONTENT)
}

fn embed(reply: &Reply) -> Option<CreateEmbed> {
    if reply.fields.is_empty() {
        return None;
    }
    let fields = reply.fields.iter().take(MAX_FIELDS).map(|f| {
        (
            truncate(&f.name, MAX_FIELD_NAME),
            truncate(&f.value, MAX_FIELD_VALUE),
            true,
        )
    });
    Some(CreateEmbed::new().colour(COLOUR).fields(fields))
}

fn components(reply: &Reply) -> Vec<CreateActionRow> {
    reply
        .buttons
        .chunks(BUTTONS_PER_ROW)
        .take(MAX_ROWS)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(b.id.clone())
                            .label(truncate(&b.label, 80))
                            .style(style(b.style))
                    })
                    .collect(),
            )
        })
        .collect()
}

fn style(style: ButtonStyle) -> DiscordButtonStyle {
    match style {
        ButtonStyle::Primary => DiscordButtonStyle::Primary,
        ButtonStyle::Secondary => DiscordButtonStyle::Secondary,
        ButtonStyle::Danger => DiscordButtonStyle::Danger,
    }
}

fn attachments(reply: &Reply) -> Vec<CreateAttachment> {
    reply
        .attachments
        .iter()
        .map(|a| CreateAttachment::bytes(a.bytes.clone(), a.filename.clone()))
        .collect()
}

/// Cuts `text` to at most `max` characters, ending with an ellipsis when it was cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Attachment;

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let text = "é".repeat(3000);
        let cut = truncate(&text, MAX_CONTENT);
        assert_eq!(cut.chars().count(), MAX_CONTENT);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn a_message_mentions_nobody_and_carries_buttons_and_files() {
        let reply = Reply::text("@everyone lunch 12")
            .with_field("Dining", "$12.00")
            .with_button("undo:1", "Undo", ButtonStyle::Secondary)
            .with_attachment(Attachment::png("chart.png", vec![1, 2, 3]));
        let json = serde_json::to_value(message(&reply)).unwrap();
        assert_eq!(json["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(json["allowed_mentions"]["users"], serde_json::json!([]));
        assert_eq!(json["allowed_mentions"]["roles"], serde_json::json!([]));
        assert_eq!(json["allowed_mentions"]["replied_user"], false);
        assert_eq!(
            json["components"][0]["components"][0]["custom_id"],
            "undo:1"
        );
        assert_eq!(json["embeds"][0]["fields"][0]["name"], "Dining");
    }

    #[test]
    fn eleven_buttons_fill_three_rows() {
        let mut reply = Reply::text("pick");
        for i in 0..11 {
            reply = reply.with_button(format!("b{i}"), "x", ButtonStyle::Primary);
        }
        assert_eq!(components(&reply).len(), 3);
    }

    #[test]
    fn an_empty_reply_still_has_content() {
        assert_eq!(content(&Reply::text("  ")), "—");
    }
}
