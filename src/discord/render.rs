//! [`Reply`] → serenity and poise builders.
//!
//! One place decides how a reply looks on Discord: text as content (cut to Discord's limit),
//! fields as one embed, buttons in action rows, files as attachments, and always
//! `allowed_mentions` empty, so nothing the bot echoes back ("@everyone", "<@id>") pings anyone.
//!
//! The engine's replies are plain text, and much of it is the users' own (descriptions,
//! household and category names, display names). So every text is escaped here, once, on its
//! way to Discord: a household named `[Verify](https://evil.example)` shows as those characters
//! to the people it is sent to, not as a masked link, and `@everyone` or `<@id>` typed into a
//! description shows as text, not as a mention.

use serenity::all::{
    ActionRow, ActionRowComponent, ButtonKind, ButtonStyle as DiscordButtonStyle, ComponentType,
    CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton, CreateEmbed,
    CreateInputText, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage, CreateModal, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption,
    EditInteractionResponse, InputTextStyle, Message, ReactionType, SelectMenu,
};

use crate::commands::forms::limits as form_limits;
use crate::commands::{ButtonStyle, Form, Reply};

use crate::commands::reply::limits::{
    BUTTON_LABEL, BUTTONS_PER_ROW, CONTENT as MAX_CONTENT, FIELD_NAME as MAX_FIELD_NAME,
    FIELD_VALUE as MAX_FIELD_VALUE, FIELDS as MAX_FIELDS, OPTION_TEXT, PLACEHOLDER,
    ROWS as MAX_ROWS, SELECT_OPTIONS,
};
use crate::commands::reply::truncate;
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

/// A reply that takes the place of the message whose button was pressed (callback type 7):
/// everything of the old message is replaced, its buttons and embed included, and its
/// visibility stays what it was.
pub(crate) fn update_message(reply: &Reply) -> CreateInteractionResponseMessage {
    let message = CreateInteractionResponseMessage::new()
        .content(content(reply))
        .allowed_mentions(no_mentions())
        .components(components(reply))
        .embeds(embed(reply).into_iter().collect());
    message.files(attachments(reply))
}

/// A reply as an edit of an interaction's original message, after a deferral: the pressed
/// message itself after callback type 6 (like [`update_message`]), or the deferred answer after
/// type 5. Everything is replaced; the message's visibility stays what it was.
pub(crate) fn edit_original(reply: &Reply) -> EditInteractionResponse {
    let mut edit = EditInteractionResponse::new()
        .content(content(reply))
        .allowed_mentions(no_mentions())
        .components(components(reply))
        .embeds(embed(reply).into_iter().collect())
        .clear_attachments();
    for attachment in attachments(reply) {
        edit = edit.new_attachment(attachment);
    }
    edit
}

/// The components of a pressed message sent back with the used ones disabled: the pressed
/// button or menu (`pressed` is its custom id), or every one of them when `all`. Everything
/// else about them stays as Discord gave it (labels, styles, options), since the engine's
/// reply that made them is long gone. Link buttons are never ours and stay as they are.
pub(crate) fn retired(message: &Message, pressed: &str, all: bool) -> Vec<CreateActionRow> {
    let mut rows = Vec::new();
    for row in &message.components {
        let mut buttons = Vec::new();
        for component in &row.components {
            match component {
                ActionRowComponent::Button(button) => {
                    let used = match &button.data {
                        ButtonKind::NonLink { custom_id, .. } => all || custom_id == pressed,
                        _ => false,
                    };
                    buttons
                        .push(CreateButton::from(button.clone()).disabled(button.disabled || used));
                }
                ActionRowComponent::SelectMenu(menu) => {
                    let used = all || menu.custom_id.as_deref() == Some(pressed);
                    if let Some(menu) = select_again(menu, used) {
                        rows.push(CreateActionRow::SelectMenu(menu));
                    }
                }
                // Text inputs live in modals, never under a message.
                _ => {}
            }
        }
        if !buttons.is_empty() {
            rows.push(CreateActionRow::Buttons(buttons));
        }
    }
    rows
}

/// A string select menu as Discord showed it, disabled when `used`. Tally makes no other kind
/// of menu, so another kind (or one without an id) is left out.
fn select_again(menu: &SelectMenu, used: bool) -> Option<CreateSelectMenu> {
    let id = menu.custom_id.clone()?;
    if menu.kind != ComponentType::StringSelect {
        return None;
    }
    let options = menu
        .options
        .iter()
        .map(|o| {
            let mut option = CreateSelectMenuOption::new(o.label.clone(), o.value.clone())
                .default_selection(o.default);
            if let Some(description) = &o.description {
                option = option.description(description.clone());
            }
            option
        })
        .collect();
    let mut again = CreateSelectMenu::new(id, CreateSelectMenuKind::String { options })
        .disabled(menu.disabled || used);
    if let Some(placeholder) = &menu.placeholder {
        again = again.placeholder(placeholder.clone());
    }
    if let Some(min) = menu.min_values {
        again = again.min_values(min);
    }
    if let Some(max) = menu.max_values {
        again = again.max_values(max);
    }
    Some(again)
}

/// A reply as a follow-up: after a deferral, or after the pressed message was updated.
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

/// A form as a modal (callback type 9): each field a one-line text input in its own row.
/// Titles, labels and placeholders are the engine's own words, cut to Discord's limits.
pub(crate) fn modal(form: &Form) -> CreateModal {
    let rows = form
        .fields
        .iter()
        .take(form_limits::FIELDS)
        .map(|field| {
            CreateActionRow::InputText(
                CreateInputText::new(
                    InputTextStyle::Short,
                    truncate(field.label, form_limits::LABEL),
                    field.id,
                )
                .placeholder(truncate(field.placeholder, form_limits::PLACEHOLDER))
                .max_length(field.max_length.min(form_limits::VALUE))
                .required(field.required),
            )
        })
        .collect();
    CreateModal::new(form.id.clone(), truncate(form.title, form_limits::TITLE)).components(rows)
}

/// What was typed in a submitted modal: `(field id, value)` for each text input.
pub(crate) fn submitted(rows: &[ActionRow]) -> Vec<(String, String)> {
    rows.iter()
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            ActionRowComponent::InputText(input) => Some((
                input.custom_id.clone(),
                input.value.clone().unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

/// The reaction to put on the user's message, if any.
pub(crate) fn reaction(reply: &Reply) -> Option<ReactionType> {
    reply.reaction.map(|c| ReactionType::Unicode(c.to_string()))
}

/// The reply text within Discord's limit. A reply with nothing at all to show gets a dash, since
/// Discord refuses an empty message.
fn content(reply: &Reply) -> String {
    if reply.text.trim().is_empty() {
        let has_body = !reply.fields.is_empty()
            || !reply.attachments.is_empty()
            || !reply.buttons.is_empty()
            || !reply.selects.is_empty();
        return if has_body {
            String::new()
        } else {
            "—".to_string()
        };
    }
    truncate(&escape(&reply.text), MAX_CONTENT)
}

/// Plain text as Discord shows it literally: every character Discord's markdown gives a meaning
/// is preceded by a backslash (which Discord hides), and `@everyone` / `@here` get a zero-width
/// space so that they read as text even where mentions would be allowed.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut line_start = true;
    let mut rest = text.chars().peekable();
    while let Some(c) = rest.next() {
        let special = match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '<' | '[' | ']' => true,
            // Headings, lists and quotes only mean something at the start of a line.
            '#' | '-' | '>' => line_start,
            // `https://…` is a link even without brackets; `https\://…` is not.
            ':' => rest.peek() == Some(&'/'),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
        if c == '@' {
            out.push('\u{200B}');
        }
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    out
}

fn embed(reply: &Reply) -> Option<CreateEmbed> {
    if reply.fields.is_empty() {
        return None;
    }
    let fields = reply.fields.iter().take(MAX_FIELDS).map(|f| {
        (
            truncate(&escape(&f.name), MAX_FIELD_NAME),
            truncate(&escape(&f.value), MAX_FIELD_VALUE),
            true,
        )
    });
    Some(CreateEmbed::new().colour(COLOUR).fields(fields))
}

/// Buttons in rows of five, then each menu in a row of its own, five rows in all (the engine
/// has fitted the reply to that already; this only never sends more). Labels are not escaped:
/// Discord shows a component's text as it is, markdown and mentions included, so a backslash
/// would show.
fn components(reply: &Reply) -> Vec<CreateActionRow> {
    let menus = reply.selects.len().min(MAX_ROWS);
    let mut rows: Vec<CreateActionRow> = reply
        .buttons
        .chunks(BUTTONS_PER_ROW)
        .take(MAX_ROWS - menus)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(b.id.clone())
                            .label(truncate(&b.label, BUTTON_LABEL))
                            .style(style(b.style))
                    })
                    .collect(),
            )
        })
        .collect();
    rows.extend(reply.selects.iter().take(menus).map(|select| {
        let options = select
            .options
            .iter()
            .take(SELECT_OPTIONS)
            .map(|o| {
                CreateSelectMenuOption::new(truncate(&o.label, OPTION_TEXT), o.value.clone())
                    .default_selection(o.default)
            })
            .collect();
        CreateActionRow::SelectMenu(
            CreateSelectMenu::new(select.id.clone(), CreateSelectMenuKind::String { options })
                .placeholder(truncate(&select.placeholder, PLACEHOLDER)),
        )
    }));
    rows
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Attachment;

    #[test]
    fn user_text_reaches_discord_escaped() {
        let reply =
            Reply::text("Welcome to “[Verify](https://evil.example)” **now** @everyone <@1>")
                .with_field(
                    "[x](https://e.example)",
                    "`code` ~~gone~~ ||spoiler|| > quote",
                );
        let json = serde_json::to_value(message(&reply)).unwrap();
        let content = json["content"].as_str().unwrap();
        assert!(
            content.contains("\\[Verify\\](https\\://evil.example)"),
            "{content}"
        );
        assert!(content.contains("\\*\\*now\\*\\*"), "{content}");
        assert!(content.contains("@\u{200B}everyone"), "{content}");
        assert!(content.contains("\\<@\u{200B}1>"), "{content}");
        let field = &json["embeds"][0]["fields"][0];
        assert_eq!(field["name"], "\\[x\\](https\\://e.example)");
        assert!(
            field["value"]
                .as_str()
                .unwrap()
                .starts_with("\\`code\\` \\~\\~gone")
        );
    }

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
    fn a_menu_takes_a_row_of_its_own_after_the_buttons() {
        let mut reply = Reply::text("pick").with_button("undo:1", "Undo", ButtonStyle::Secondary);
        reply.selects.push(crate::commands::Select {
            id: "catmenu:1:1".into(),
            placeholder: "File under another category".into(),
            options: vec![crate::commands::SelectOption {
                label: "*Dining*".into(),
                value: "*Dining*".into(),
                default: true,
            }],
        });
        let json = serde_json::to_value(message(&reply)).unwrap();
        let rows = json["components"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        let menu = &rows[1]["components"][0];
        assert_eq!(menu["type"], 3);
        assert_eq!(menu["custom_id"], "catmenu:1:1");
        assert_eq!(menu["options"][0]["label"], "*Dining*", "shown as it is");
        assert_eq!(menu["options"][0]["default"], true);
    }

    #[test]
    fn an_empty_reply_still_has_content() {
        assert_eq!(content(&Reply::text("  ")), "—");
    }
}
