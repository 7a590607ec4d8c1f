//! What a handler answers: a transport-free reply that the Discord and console adapters render.

use crate::model::{ChannelId, UserId};

/// Discord's limits on what one message may carry, as its API documents them. The engine fits
/// every reply within them ([`Reply::fit`]) so that no adapter sends what Discord would refuse
/// (a refused reply is a lost answer); the Discord adapter renders with the same numbers.
pub mod limits {
    /// Characters of a message's content.
    pub const CONTENT: usize = 2000;
    /// Fields of one embed.
    pub const FIELDS: usize = 25;
    /// Characters of a field's name.
    pub const FIELD_NAME: usize = 256;
    /// Characters of a field's value.
    pub const FIELD_VALUE: usize = 1024;
    /// Bytes of a component's custom id (ASCII here, so characters too).
    pub const CUSTOM_ID: usize = 100;
    /// Characters of a button's label.
    pub const BUTTON_LABEL: usize = 80;
    /// Buttons in one action row.
    pub const BUTTONS_PER_ROW: usize = 5;
    /// Action rows in one message: with [`BUTTONS_PER_ROW`], 25 buttons a reply at most. A
    /// select menu takes a row of its own.
    pub const ROWS: usize = 5;
    /// Options of one select menu.
    pub const SELECT_OPTIONS: usize = 25;
    /// Characters of a select option's label, and of its value.
    pub const OPTION_TEXT: usize = 100;
    /// Characters of a select menu's placeholder.
    pub const PLACEHOLDER: usize = 150;
}

pub use crate::bounds::shorten as truncate;

/// A file sent with a reply (a chart, an export).
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    /// The name the recipient sees and saves under (the console keeps only its last path
    /// component); its extension must agree with `content_type`, since Discord is sent only
    /// the name.
    pub filename: String,
    /// The MIME type, `image/png` or `text/csv`.
    pub content_type: &'static str,
    /// The whole file, in memory.
    pub bytes: Vec<u8>,
}

impl Attachment {
    /// A chart: `bytes` are an encoded PNG (see [`crate::charts`]).
    pub fn png(filename: impl Into<String>, bytes: Vec<u8>) -> Self {
        Attachment {
            filename: filename.into(),
            content_type: "image/png",
            bytes,
        }
    }

    /// An export: `bytes` are RFC 4180 CSV, as `/import` reads it back.
    pub fn csv(filename: impl Into<String>, bytes: Vec<u8>) -> Self {
        Attachment {
            filename: filename.into(),
            content_type: "text/csv",
            bytes,
        }
    }
}

/// How a button looks; adapters map it to their own styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ButtonStyle {
    /// What the reply proposes (Import, Join, Mark paid, a category to file under).
    Primary,
    /// A side action or navigation (Undo, Stop repeating, page buttons).
    Secondary,
    /// An action that destroys something; no handler uses it yet.
    Danger,
}

/// A button under a reply. `id` comes back verbatim in [`crate::commands::Engine::press`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    /// A [`ButtonId`](super::ButtonId) as text: at most [`limits::CUSTOM_ID`] bytes, or
    /// [`Reply::fit`] drops the button.
    pub id: String,
    /// What the button says; cut to [`limits::BUTTON_LABEL`] characters.
    pub label: String,
    /// How it looks.
    pub style: ButtonStyle,
}

/// A menu under a reply from which one option is chosen (a string select on Discord). The
/// chosen option's `value` comes back in [`crate::commands::Engine::choose`] with `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Select {
    /// A [`ButtonId`](super::ButtonId) as text, like a button's: at most
    /// [`limits::CUSTOM_ID`] bytes, or [`Reply::fit`] drops the menu.
    pub id: String,
    /// What the menu says before anything is chosen; cut to [`limits::PLACEHOLDER`].
    pub placeholder: String,
    /// The choices, at most [`limits::SELECT_OPTIONS`] (the rest are left out).
    pub options: Vec<SelectOption>,
}

/// One choice of a [`Select`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectOption {
    /// What the option says: plain text, cut to [`limits::OPTION_TEXT`] characters.
    pub label: String,
    /// What comes back when it is chosen. An option whose value passes
    /// [`limits::OPTION_TEXT`] is left out rather than cut, since a cut value would name
    /// something else.
    pub value: String,
    /// Shown as chosen when the message appears (the entry's current category); one at most.
    pub default: bool,
}

/// What a button press does to the message whose button was pressed. The engine says what the
/// press meant; the adapter decides how its transport shows it (the console shows nothing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pressed {
    /// The message stays as it is: a refusal (its buttons still work for whoever may use
    /// them), or an answer that leaves them useful.
    #[default]
    Keep,
    /// The answer takes the message's place (the next page of a list, "Undone", "joined").
    /// Where it cannot (a private answer to a message others read), the message stays and
    /// every one of its buttons is disabled, since the answer supersedes all of them, and the
    /// answer goes to the presser on its own.
    Replace,
    /// The pressed button is used up (Record it, Stop repeating, Import …): it is disabled on
    /// its message, which otherwise stays, and the answer goes on its own.
    Retire,
}

/// A label/value pair shown as a field (Discord) or an indented line (console).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The label: plain text (adapters escape it), cut to [`limits::FIELD_NAME`] characters.
    pub name: String,
    /// The value, possibly several lines: plain text, cut to [`limits::FIELD_VALUE`]
    /// characters.
    pub value: String,
}

/// Who receives a [`Notice`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// A guild channel (a household's bound channel).
    Channel(ChannelId),
    /// A direct message to a user.
    Direct(UserId),
}

/// A message sent on its own, apart from the reply (a budget alert, an invitation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Where it goes; the recipient need not be the person who made the request.
    pub to: Recipient,
    /// Plain text (adapters escape it), cut to [`limits::CONTENT`] characters.
    pub text: String,
    /// Buttons for the recipient (the Join button of an invitation).
    pub buttons: Vec<Button>,
}

/// A reply to one request.
///
/// `silent` replies send nothing at all: chatter in a shared channel must never get an answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reply {
    /// The message itself: plain text, much of it the users' own, so adapters escape it (see
    /// `discord::render`) and [`Reply::fit`] cuts it to [`limits::CONTENT`] characters.
    pub text: String,
    /// Label/value pairs under the text (one embed on Discord); at most [`limits::FIELDS`].
    pub fields: Vec<Field>,
    /// Files sent with the message (charts, exports).
    pub attachments: Vec<Attachment>,
    /// Buttons under the message, in rows of [`limits::BUTTONS_PER_ROW`]; pressing one calls
    /// [`Engine::press`](super::Engine::press) with its id.
    pub buttons: Vec<Button>,
    /// Menus under the buttons, a row each; choosing from one calls
    /// [`Engine::choose`](super::Engine::choose) with its id and the chosen value.
    pub selects: Vec<Select>,
    /// Only the caller sees it (personal data in a guild channel).
    pub ephemeral: bool,
    /// A reaction to put on the user's message (✅ when recorded).
    pub reaction: Option<char>,
    /// Send nothing: no message, no reaction. [`notices`](Self::notices) still go out.
    pub silent: bool,
    /// Our side failed (the database), so the request may not have been carried out: an
    /// adapter that drops repeated events must let a redelivery of this one through.
    pub failed: bool,
    /// Messages to deliver elsewhere (budget alerts), whatever the reply itself is.
    pub notices: Vec<Notice>,
    /// For a button press: what happens to the message whose button was pressed, so used
    /// buttons do not stay clickable and paging does not stack messages. Refusals keep it:
    /// they go to the presser alone, and the button still works for its owner.
    pub pressed: Pressed,
}

impl Reply {
    /// A plain answer, public unless made [`ephemeral`](Self::ephemeral).
    pub fn text(text: impl Into<String>) -> Self {
        Reply {
            text: text.into(),
            ..Reply::default()
        }
    }

    /// A friendly error: always ephemeral, never a reaction.
    pub fn error(text: impl Into<String>) -> Self {
        Reply {
            text: text.into(),
            ephemeral: true,
            ..Reply::default()
        }
    }

    /// Nothing is sent.
    pub fn silent() -> Self {
        Reply {
            silent: true,
            ..Reply::default()
        }
    }

    /// Makes the reply private to the caller when `yes`, public otherwise. A private answer
    /// to a channel message goes to its author by DM, since a channel message cannot be
    /// ephemeral.
    pub fn ephemeral(mut self, yes: bool) -> Self {
        self.ephemeral = yes;
        self
    }

    /// Answers a button press by replacing the message the button was on ([`Pressed::Replace`]).
    pub fn replacing_pressed(mut self) -> Self {
        self.pressed = Pressed::Replace;
        self
    }

    /// Answers a button press on its own and disables the pressed button ([`Pressed::Retire`]).
    pub fn retiring_pressed(mut self) -> Self {
        self.pressed = Pressed::Retire;
        self
    }

    /// Adds a label/value pair; see [`Field`].
    pub fn with_field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push(Field {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Adds a button; `id` is usually a [`ButtonId`](super::ButtonId)'s text.
    pub fn with_button(
        mut self,
        id: impl Into<String>,
        label: impl Into<String>,
        style: ButtonStyle,
    ) -> Self {
        self.buttons.push(Button {
            id: id.into(),
            label: label.into(),
            style,
        });
        self
    }

    /// Adds a menu; see [`Select`].
    pub fn with_select(mut self, select: Select) -> Self {
        self.selects.push(select);
        self
    }

    /// Adds a file.
    pub fn with_attachment(mut self, attachment: Attachment) -> Self {
        self.attachments.push(attachment);
        self
    }

    /// The reply within Discord's [`limits`]: long text is cut with an ellipsis, extra fields,
    /// buttons, menus and options are left out, and a component whose id (or option whose
    /// value) Discord would refuse is dropped (logged: it is a bug of ours, but the rest of the
    /// answer still reaches the user). Menus keep their rows first: a menu is the only way to
    /// its choices, while buttons past the limit are extra ones.
    pub fn fit(mut self) -> Self {
        self.text = truncate(&self.text, limits::CONTENT);
        self.fields.truncate(limits::FIELDS);
        for field in &mut self.fields {
            field.name = truncate(&field.name, limits::FIELD_NAME);
            field.value = truncate(&field.value, limits::FIELD_VALUE);
        }
        self.buttons.retain(|b| {
            let fits = b.id.len() <= limits::CUSTOM_ID;
            if !fits {
                tracing::warn!(id = %b.id, "a button id passes Discord's limit; left out");
            }
            fits
        });
        self.selects.retain(|s| {
            let fits = s.id.len() <= limits::CUSTOM_ID;
            if !fits {
                tracing::warn!(id = %s.id, "a menu id passes Discord's limit; left out");
            }
            fits
        });
        for select in &mut self.selects {
            select.placeholder = truncate(&select.placeholder, limits::PLACEHOLDER);
            select
                .options
                .retain(|o| !o.value.is_empty() && o.value.chars().count() <= limits::OPTION_TEXT);
            select.options.truncate(limits::SELECT_OPTIONS);
            let mut defaults = 0;
            for option in &mut select.options {
                option.label = truncate(&option.label, limits::OPTION_TEXT);
                // A menu of one choice shows one option as chosen, no more.
                defaults += usize::from(option.default);
                option.default &= defaults <= 1;
            }
        }
        // Discord refuses a menu without options.
        self.selects.retain(|s| !s.options.is_empty());
        self.selects.truncate(limits::ROWS);
        let button_rows = limits::ROWS - self.selects.len();
        self.buttons.truncate(limits::BUTTONS_PER_ROW * button_rows);
        for button in &mut self.buttons {
            button.label = truncate(&button.label, limits::BUTTON_LABEL);
        }
        for notice in &mut self.notices {
            notice.text = truncate(&notice.text, limits::CONTENT);
        }
        self
    }

    /// Puts `reaction` on the user's message (only message replies have one to react to).
    pub fn with_reaction(mut self, reaction: char) -> Self {
        self.reaction = Some(reaction);
        self
    }
}
