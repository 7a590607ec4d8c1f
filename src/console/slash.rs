//! Reads a typed slash command (`/summary period:month`) into a [`Command`], for the console.
//! Discord delivers options already split, so its adapter builds `Command`s directly.

use crate::choice::{self, Choice};
use crate::commands::{
    BudgetCommand, CategoryCommand, Command, HouseholdCommand, ListArgs, RecurringCommand,
    SettleCommand, Upload, Who,
};
use crate::page::Page;
use crate::parser::Mention;

/// Option names recognised as `name:value`; anything else stays part of a value.
/// (Discord declares its own options; a test in `discord::slash` checks that the console knows
/// every name Discord offers.)
pub(crate) const OPTION_NAMES: &[&str] = &[
    "text",
    "period",
    "category",
    "who",
    "page",
    "id",
    "amount",
    "description",
    "date",
    "scope",
    "horizon",
    "currency",
    "time_zone",
    "timezone",
    "date_format",
    "name",
    "from",
    "to",
    "into",
    "alias",
    "words",
    "code",
    "action",
    "topic",
    "file",
    "confirm",
    "time",
    "user",
    "schedule",
    "cadence",
    "until",
    "starting",
    "subscribe",
    "record",
];

struct Options {
    positional: String,
    named: Vec<(String, String)>,
}

impl Options {
    fn parse(text: &str) -> Options {
        let mut positional = Vec::new();
        let mut named: Vec<(String, Vec<&str>)> = Vec::new();
        for word in text.split_whitespace() {
            let option = word
                .split_once(':')
                .filter(|(key, _)| OPTION_NAMES.contains(&key.to_ascii_lowercase().as_str()));
            match (option, named.last_mut()) {
                (Some((key, value)), _) => {
                    let first = if value.is_empty() {
                        vec![]
                    } else {
                        vec![value]
                    };
                    named.push((key.to_ascii_lowercase(), first));
                }
                (None, Some((_, values))) => values.push(word),
                (None, None) => positional.push(word),
            }
        }
        Options {
            positional: positional.join(" "),
            named: named
                .into_iter()
                .map(|(k, v)| (k, unquote(&v.join(" ")).to_string()))
                .collect(),
        }
    }

    /// A named option, or the positional text when `positional` allows it.
    fn get(&self, name: &str) -> Option<String> {
        self.named
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }

    fn get_or_positional(&self, name: &str) -> Option<String> {
        self.get(name)
            .or_else(|| Some(self.positional.clone()).filter(|p| !p.is_empty()))
    }

    /// A named option picked from `T`'s list, by the names Discord offers as its choices.
    fn choice<T: Choice>(&self, name: &str) -> Result<Option<T>, String> {
        self.get(name).map(|value| picked(&value, name)).transpose()
    }

    fn required(&self, name: &str, command: &str) -> Result<String, String> {
        self.get_or_positional(name)
            .ok_or_else(|| format!("{command} needs {name}:…"))
    }
}

/// `value` read as one of `T`'s choices, or a refusal that lists them.
fn picked<T: Choice>(value: &str, option: &str) -> Result<T, String> {
    choice::parse(value).ok_or_else(|| {
        format!(
            "“{}” is not a choice for {option}: use {}.",
            crate::bounds::shorten(value.trim(), 30),
            choice::names::<T>()
        )
    })
}

fn unquote(text: &str) -> &str {
    let t = text.trim();
    t.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(t)
}

/// A person named in a console command: `@sam` or `sam`, matched by display name.
fn person(text: &str) -> Mention {
    Mention {
        user: None,
        name: text.trim().trim_start_matches('@').to_string(),
    }
}

/// Reads `/name [sub] option:value …`. Errors are friendly sentences.
pub fn parse_slash(line: &str) -> Result<Command, String> {
    let line = line.trim().trim_start_matches('/');
    let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let name = name.to_ascii_lowercase();
    let (sub, sub_rest) = rest
        .trim()
        .split_once(char::is_whitespace)
        .unwrap_or((rest.trim(), ""));
    let sub_is_word = !sub.contains(':') && !sub.is_empty();
    let o = Options::parse(rest);
    let so = Options::parse(if sub_is_word { sub_rest } else { rest });
    let sub = sub.to_ascii_lowercase();
    Ok(match name.as_str() {
        "add" => Command::Add {
            text: o.required("text", "/add")?,
        },
        "list" => Command::List(ListArgs {
            period: o.get_or_positional("period"),
            category: o.get("category"),
            who: o.get("who").map(|w| w.parse::<Who>()).transpose()?,
            page: match o.get("page") {
                Some(p) => p.parse::<Page>().map_err(|e| e.to_string())?,
                None => Page::FIRST,
            },
        }),
        "undo" => Command::Undo,
        "edit" => Command::Edit {
            id: o.required("id", "/edit")?,
            amount: o.get("amount"),
            description: o.get("description"),
            category: o.get("category"),
            date: o.get("date"),
        },
        "delete" => Command::Delete {
            id: o.required("id", "/delete")?,
        },
        // Discord's shape, `/summary subscribe:weekly time:08:00`, as well as the console's own
        // `/summary subscribe weekly`.
        "summary" if o.get("subscribe").is_some() => {
            let choice = o.get("subscribe").unwrap_or_default();
            if choice.trim().eq_ignore_ascii_case("unsubscribe") {
                Command::Unsubscribe {
                    scope: o.choice("scope")?,
                }
            } else {
                Command::Subscribe {
                    cadence: picked(&choice, "subscribe")?,
                    time: o.get("time"),
                    scope: o.choice("scope")?,
                }
            }
        }
        "summary" => match sub.as_str() {
            "subscribe" => Command::Subscribe {
                cadence: picked(
                    &so.get_or_positional("period")
                        .ok_or("Say how often: /summary subscribe weekly (or monthly).")?,
                    "subscribe",
                )?,
                time: so.get("time"),
                scope: so.choice("scope")?,
            },
            "unsubscribe" => Command::Unsubscribe {
                scope: so.choice("scope")?,
            },
            _ => Command::Summary {
                period: o.get_or_positional("period"),
                scope: o.choice("scope")?,
            },
        },
        "recurring" => Command::Recurring({
            let schedule = || so.required("schedule", &format!("/recurring {sub}"));
            match sub.as_str() {
                "" | "list" => RecurringCommand::List,
                "add" => RecurringCommand::Add {
                    text: so.required("text", "/recurring add")?,
                    starting: so.get("starting"),
                },
                "pause" => RecurringCommand::Pause {
                    schedule: schedule()?,
                },
                "resume" => RecurringCommand::Resume {
                    schedule: schedule()?,
                },
                "delete" => RecurringCommand::Delete {
                    schedule: schedule()?,
                },
                "edit" => RecurringCommand::Edit {
                    schedule: schedule()?,
                    amount: so.get("amount"),
                    description: so.get("description"),
                    category: so.get("category"),
                    cadence: so.get("cadence"),
                    until: so.get("until"),
                },
                other => return Err(format!("/recurring has no “{other}”")),
            }
        }),
        // Discord's shape, `/settle record:@sam amount:40`, as well as the console's own.
        "settle" if o.get("record").is_some() => Command::Settle(SettleCommand::Record {
            to: person(&o.get("record").unwrap_or_default()),
            amount: o
                .get("amount")
                .ok_or("Write it as /settle record:@sam amount:40 (you paid sam 40).")?,
        }),
        "settle" => Command::Settle(match sub.as_str() {
            "" | "show" => SettleCommand::Show,
            "record" => {
                let usage = "Write it as /settle record @sam 40 (you paid sam 40).";
                let text = so.get_or_positional("user").ok_or(usage)?;
                let (who, amount) = match so.get("amount") {
                    Some(amount) => (text, amount),
                    None => {
                        let (who, amount) = text.split_once(char::is_whitespace).ok_or(usage)?;
                        (who.to_string(), amount.trim().to_string())
                    }
                };
                SettleCommand::Record {
                    to: person(&who),
                    amount,
                }
            }
            other => return Err(format!("/settle has no “{other}”")),
        }),
        "forecast" => Command::Forecast {
            horizon: o
                .get_or_positional("horizon")
                .map(|h| {
                    h.trim()
                        .trim_end_matches("months")
                        .trim_end_matches("month")
                        .trim()
                        .parse::<u32>()
                        .map_err(|_| "The horizon is a number of months from 1 to 12.")
                })
                .transpose()?,
            scope: o.choice("scope")?,
            category: o.get("category"),
        },
        "budget" => Command::Budget(match sub.as_str() {
            "set" => BudgetCommand::Set {
                category: so.required("category", "/budget set")?,
                amount: so.get("amount").ok_or("/budget set needs amount:…")?,
                period: so.choice("period")?,
            },
            "show" | "" => BudgetCommand::Show,
            "clear" => BudgetCommand::Clear {
                category: so.get_or_positional("category"),
            },
            other => return Err(format!("/budget has set, show and clear, not “{other}”")),
        }),
        "category" => Command::Category(match sub.as_str() {
            "list" | "" => CategoryCommand::List,
            "add" => CategoryCommand::Add {
                name: so.required("name", "/category add")?,
            },
            "rename" => CategoryCommand::Rename {
                from: so.get("from").ok_or("/category rename needs from:… to:…")?,
                to: so.get("to").ok_or("/category rename needs from:… to:…")?,
            },
            "merge" => CategoryCommand::Merge {
                from: so
                    .get("from")
                    .ok_or("/category merge needs from:… into:…")?,
                into: so
                    .get("into")
                    .ok_or("/category merge needs from:… into:…")?,
            },
            "remove" => CategoryCommand::Remove {
                name: so.required("name", "/category remove")?,
            },
            "alias" => CategoryCommand::Alias {
                alias: so
                    .get("alias")
                    .ok_or("/category alias needs alias:… category:…")?,
                category: so
                    .get("category")
                    .ok_or("/category alias needs alias:… category:…")?,
            },
            "rule" => CategoryCommand::Rule {
                words: so
                    .get("words")
                    .ok_or("/category rule needs words:… category:…")?,
                category: so
                    .get("category")
                    .ok_or("/category rule needs words:… category:…")?,
            },
            other => return Err(format!("/category has no “{other}”")),
        }),
        "household" => Command::Household(match sub.as_str() {
            "create" => HouseholdCommand::Create {
                name: so.required("name", "/household create")?,
            },
            "join" => HouseholdCommand::Join {
                code: so.required("code", "/household join")?,
            },
            "leave" => HouseholdCommand::Leave,
            // The console has no channel permissions: nobody there manages a channel, so only
            // a household's owner binds or unbinds (as on Discord without Manage Channels).
            "bind" => HouseholdCommand::Bind {
                manages_channels: false,
            },
            "unbind" => HouseholdCommand::Unbind {
                manages_channels: false,
            },
            "remove" => HouseholdCommand::Remove {
                who: person(&so.required("user", "/household remove")?),
            },
            "code" => HouseholdCommand::Code {
                action: so.get_or_positional("action").unwrap_or_default().parse()?,
            },
            "members" | "" => HouseholdCommand::Members,
            "invite" => HouseholdCommand::Invite {
                who: person(&so.required("user", "/household invite")?),
            },
            "settings" => HouseholdCommand::Settings {
                currency: so.get("currency"),
                time_zone: so.get("time_zone").or_else(|| so.get("timezone")),
                date_format: so.choice("date_format")?,
            },
            other => return Err(format!("/household has no “{other}”")),
        }),
        "settings" => Command::Settings {
            currency: o.get("currency"),
            time_zone: o.get("time_zone").or_else(|| o.get("timezone")),
            date_format: o.choice("date_format")?,
        },
        "export" => Command::Export {
            period: o.get_or_positional("period"),
            scope: o.choice("scope")?,
        },
        "import" => {
            let file = match o.get_or_positional("file") {
                Some(path) => Some(read_upload(&path)?),
                None => None,
            };
            Command::Import {
                file,
                confirm: o
                    .get("confirm")
                    .is_some_and(|c| matches!(c.as_str(), "yes" | "true")),
            }
        }
        "help" => Command::Help {
            topic: o.get_or_positional("topic"),
        },
        "" => return Err("Type a command after the slash, e.g. /help.".into()),
        other => {
            return Err(format!(
                "There is no /{other} command. Type /help for the list."
            ));
        }
    })
}

/// The console "attaches" a file by path.
fn read_upload(path: &str) -> Result<Upload, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("could not read {path}: {e}"))?;
    Ok(Upload {
        filename: std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.to_string()),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_positional_text() {
        assert_eq!(
            parse_slash("/add coffee 4.50").unwrap(),
            Command::Add {
                text: "coffee 4.50".into()
            }
        );
        assert_eq!(
            parse_slash("/add text:lunch at 12:30 15").unwrap(),
            Command::Add {
                text: "lunch at 12:30 15".into()
            }
        );
        assert_eq!(
            parse_slash("/summary period:last-month").unwrap(),
            Command::Summary {
                period: Some("last-month".into()),
                scope: None
            }
        );
        assert_eq!(
            parse_slash("/edit 3 amount:5 category:Dining out").unwrap(),
            Command::Edit {
                id: "3".into(),
                amount: Some("5".into()),
                description: None,
                category: Some("Dining out".into()),
                date: None
            }
        );
        assert_eq!(
            parse_slash("/budget set category:Dining amount:200 period:weekly").unwrap(),
            Command::Budget(BudgetCommand::Set {
                category: "Dining".into(),
                amount: "200".into(),
                period: Some(crate::store::BudgetPeriod::Weekly)
            })
        );
    }

    #[test]
    fn discords_shapes_of_subscribe_and_settle_read_too() {
        assert_eq!(
            parse_slash("/summary subscribe:weekly time:09:30 scope:household").unwrap(),
            Command::Subscribe {
                cadence: crate::model::DigestCadence::Weekly,
                time: Some("09:30".into()),
                scope: Some(crate::commands::Scope::Household),
            }
        );
        assert_eq!(
            parse_slash("/summary subscribe:unsubscribe").unwrap(),
            Command::Unsubscribe { scope: None }
        );
        assert!(matches!(
            parse_slash("/settle record:@sam amount:40").unwrap(),
            Command::Settle(SettleCommand::Record { amount, .. }) if amount == "40"
        ));
        assert!(
            parse_slash("/summary scope:everyone")
                .unwrap_err()
                .contains("personal or household")
        );
    }

    #[test]
    fn bad_commands_explain_themselves() {
        assert!(parse_slash("/nope").unwrap_err().contains("/help"));
        assert!(parse_slash("/delete").unwrap_err().contains("id"));
        assert!(parse_slash("/list page:0").is_err());
    }
}
