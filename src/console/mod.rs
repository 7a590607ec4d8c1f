//! The console adapter: the same engine on a terminal or a pipe, no Discord needed.
//!
//! A line starting with `/` is a slash command, `:` starts a meta-command, anything else is a
//! quick message. Attachments are written to the output directory and their paths printed.

pub(crate) mod slash;

pub use slash::parse_slash;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};
use uuid::Uuid;

use crate::commands::{Actor, Command, Engine, HouseholdCommand, Origin, Place, Reply, Request};
use crate::model::{ChannelId, GuildId, UserId};

/// The guild every console channel belongs to.
const CONSOLE_GUILD: GuildId = GuildId(1);

/// A console user's stable id, derived from the name (FNV-1a, kept below 2^63 like snowflakes).
pub fn user_id(name: &str) -> UserId {
    UserId(fnv(&format!("user:{}", name.to_lowercase())))
}

/// Console users are known by name: a person named in a command gets the id `:user` gives them.
fn with_console_ids(command: Command) -> Command {
    match command {
        Command::Household(HouseholdCommand::Invite { mut who }) => {
            who.user = who.user.or(Some(user_id(&who.name)));
            Command::Household(HouseholdCommand::Invite { who })
        }
        other => other,
    }
}

/// A console channel's stable id, derived from the name.
pub fn channel_id(name: &str) -> ChannelId {
    ChannelId(fnv(&format!("channel:{}", name.to_lowercase())))
}

fn fnv(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash >> 1
}

/// The console's session state: who is typing, where, and when.
pub struct Console {
    engine: Engine,
    out_dir: PathBuf,
    session: Uuid,
    line: u64,
    actor: Actor,
    place: Place,
    today: Option<NaiveDate>,
    last_buttons: Vec<String>,
    /// The id of the last reply's menu, for `:choose`.
    last_select: Option<String>,
}

impl Console {
    /// A session typing as `user` (whose id is [`user_id`] of the name), in a DM with Tally, on
    /// the real clock until [`set_today`](Self::set_today). Attachments are written to
    /// `out_dir`, created when the first one arrives.
    pub fn new(engine: Engine, out_dir: PathBuf, user: &str) -> Self {
        Console {
            engine,
            out_dir,
            session: Uuid::new_v4(),
            line: 0,
            actor: Actor {
                id: user_id(user),
                name: user.to_string(),
            },
            place: Place::Direct,
            today: None,
            last_buttons: Vec::new(),
            last_select: None,
        }
    }

    /// Pretends that today is `day` (noon UTC), for reproducible sessions.
    pub fn set_today(&mut self, day: NaiveDate) {
        self.today = Some(day);
    }

    fn now(&self) -> DateTime<Utc> {
        match self.today.and_then(|d| d.and_hms_opt(12, 0, 0)) {
            Some(t) => t.and_utc(),
            None => Utc::now(),
        }
    }

    /// What `tally serve`'s job loop does, at the console's clock: records the recurring
    /// entries that fell due (so `:today` moves time forward for schedules too).
    async fn record_due_now(&self) -> Option<usize> {
        match self.engine.record_due_occurrences(self.now()).await {
            Ok(n) => Some(n),
            Err(error) => {
                tracing::warn!(%error, "could not record recurring entries");
                None
            }
        }
    }

    /// Reads lines until end of input or `:quit`.
    pub async fn run(
        &mut self,
        input: impl AsyncBufRead + Unpin,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let mut lines = input.lines();
        while let Some(line) = lines.next_line().await? {
            if !self.handle_line(&line, out).await? {
                break;
            }
        }
        Ok(())
    }

    /// Handles one line; returns false on `:quit`.
    pub async fn handle_line(&mut self, line: &str, out: &mut impl Write) -> std::io::Result<bool> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(true);
        }
        self.line += 1;
        if let Some(button) = line.strip_prefix(":press") {
            let reply = self.press(&self.request(false), button.trim()).await;
            self.print(&reply, out)?;
            return Ok(true);
        }
        if let Some(choice) = line.strip_prefix(":choose") {
            let req = self.request(false);
            let reply = match &self.last_select {
                Some(menu) => {
                    self.engine
                        .choose(&req, menu, &[choice.trim().to_string()])
                        .await
                }
                None => {
                    Reply::error("No menu to choose from: :choose works on the last reply's menu.")
                }
            };
            self.print(&reply, out)?;
            return Ok(true);
        }
        if let Some(meta) = line.strip_prefix(':') {
            return self.meta(meta, out);
        }
        let (text, mentioned) = match line.strip_prefix("@tally") {
            Some(rest) => (rest.trim(), true),
            None => (line, false),
        };
        if let Some(n) = self.record_due_now().await.filter(|n| *n > 0) {
            let what = if n == 1 { "entry" } else { "entries" };
            writeln!(out, "· {n} recurring {what} recorded")?;
        }
        let req = self.request(mentioned);
        let reply = if text.starts_with('/') {
            match parse_slash(text) {
                Ok(command) => self.engine.command(&req, with_console_ids(command)).await,
                Err(message) => Reply::error(message),
            }
        } else {
            self.engine.message(&req, text).await
        };
        self.print(&reply, out)?;
        Ok(true)
    }

    fn request(&self, mentioned: bool) -> Request {
        let place = match self.place {
            Place::Channel { guild, channel, .. } => Place::Channel {
                guild,
                channel,
                mentioned,
            },
            Place::Direct => Place::Direct,
        };
        Request {
            actor: self.actor.clone(),
            place,
            origin: Origin::Console {
                session: self.session,
                line: self.line,
            },
            now: self.now(),
        }
    }

    async fn press(&self, req: &Request, which: &str) -> Reply {
        let id = match which.parse::<usize>() {
            Ok(n) => self.last_buttons.get(n.wrapping_sub(1)).cloned(),
            Err(_) => Some(which.to_string()),
        };
        match id {
            Some(id) => self.engine.press(req, &id).await,
            None => {
                Reply::error("No such button: :press 1 presses the first button of the last reply.")
            }
        }
    }

    fn meta(&mut self, meta: &str, out: &mut impl Write) -> std::io::Result<bool> {
        let (command, arg) = meta.split_once(char::is_whitespace).unwrap_or((meta, ""));
        let arg = arg.trim();
        match command {
            "quit" | "q" | "exit" => return Ok(false),
            "user" if !arg.is_empty() => {
                self.actor = Actor {
                    id: user_id(arg),
                    name: arg.to_string(),
                };
                writeln!(out, "· you are now {arg}")?;
            }
            "channel" if arg.eq_ignore_ascii_case("dm") => {
                self.place = Place::Direct;
                writeln!(out, "· in a direct message with Tally")?;
            }
            "channel" if !arg.is_empty() => {
                self.place = Place::Channel {
                    guild: Some(CONSOLE_GUILD),
                    channel: channel_id(arg),
                    mentioned: false,
                };
                writeln!(
                    out,
                    "· in #{arg} (start a line with @tally to mention the bot)"
                )?;
            }
            "today" => match NaiveDate::parse_from_str(arg, "%Y-%m-%d") {
                Ok(day) => {
                    self.today = Some(day);
                    writeln!(out, "· today is {day}")?;
                }
                Err(_) => writeln!(out, "· :today takes a date like 2026-11-24")?,
            },
            _ => writeln!(
                out,
                "· meta-commands: :user NAME, :channel dm|NAME, :today YYYY-MM-DD, :press N, :choose OPTION, :quit"
            )?,
        }
        Ok(true)
    }

    fn print(&mut self, reply: &Reply, out: &mut impl Write) -> std::io::Result<()> {
        if reply.silent && reply.notices.is_empty() {
            writeln!(out, "· (no reply)")?;
            return Ok(());
        }
        let mark = reply.reaction.map(|r| format!("{r} ")).unwrap_or_default();
        let private = if reply.ephemeral {
            " (only you can see this)"
        } else {
            ""
        };
        writeln!(out, "{mark}{}{private}", reply.text)?;
        for field in &reply.fields {
            writeln!(out, "  {}:", field.name)?;
            for line in field.value.lines() {
                writeln!(out, "    {line}")?;
            }
        }
        for attachment in &reply.attachments {
            match self.save(&attachment.filename, &attachment.bytes) {
                Ok(path) => writeln!(out, "  📎 {}", path.display())?,
                Err(e) => writeln!(out, "  could not write {}: {e}", attachment.filename)?,
            }
        }
        for notice in &reply.notices {
            let to = match notice.to {
                crate::commands::Recipient::Channel(_) => "to the household channel".to_string(),
                crate::commands::Recipient::Direct(user) if user == self.actor.id => {
                    "DM to you".to_string()
                }
                crate::commands::Recipient::Direct(_) => "DM to another person".to_string(),
            };
            writeln!(out, "  ✉ ({to}) {}", notice.text)?;
        }
        // Buttons stay pressable until a later reply brings buttons of its own.
        if !reply.buttons.is_empty() {
            self.last_buttons = reply.buttons.iter().map(|b| b.id.clone()).collect();
        }
        for (n, button) in reply.buttons.iter().enumerate() {
            writeln!(
                out,
                "  [{}] {}  (type :press {})",
                n + 1,
                button.label,
                n + 1
            )?;
        }
        // A menu is one line: what is chosen now, and how to choose another option.
        for select in &reply.selects {
            self.last_select = Some(select.id.clone());
            let chosen = select
                .options
                .iter()
                .find(|o| o.default)
                .map_or(select.placeholder.as_str(), |o| o.label.as_str());
            writeln!(out, "  [▾ {chosen}]  (type :choose OPTION)")?;
        }
        Ok(())
    }

    /// Writes an attachment without overwriting an earlier one of the same name.
    fn save(&self, filename: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.out_dir)?;
        let name = Path::new(filename)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attachment".into());
        let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, "bin"));
        let mut path = self.out_dir.join(&name);
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = self.out_dir.join(format!("{stem}-{n}.{ext}"));
        }
        std::fs::write(&path, bytes)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_fit_bigint() {
        assert_eq!(user_id("Alice"), user_id("alice"));
        assert_ne!(user_id("alice"), user_id("sam"));
        assert!(user_id("alice").0 < (1 << 63));
        assert_ne!(channel_id("home").0, user_id("home").0);
    }
}
