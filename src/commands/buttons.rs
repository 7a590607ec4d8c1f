//! Every button (and menu) Tally puts under a reply, as one type.
//!
//! What a press means is written into the button's id (Discord's `custom_id`, at most
//! [`limits::CUSTOM_ID`](super::reply::limits::CUSTOM_ID) characters) when the reply is made, and
//! read back when it is pressed, possibly days later and by someone else. This module is the only
//! place that knows how: [`ButtonId`]'s `Display` writes an id and `FromStr` reads one, so a
//! button made and a button pressed cannot disagree. The written forms are stable (buttons
//! outlive releases), and an id that does not read is an expired button, never an error of ours.
//!
//! Nothing here is trusted: ids come back from Discord, where a client may send any text. Each
//! handler checks who may press ([`super::access`]) as if the id were typed by a stranger.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::model::{HouseholdId, LedgerId, ScheduleId, UserId};
use crate::money::{Amount, Currency};
use crate::page::Page;
use crate::recurring::Cadence;

/// A button's meaning.
#[derive(Clone, Debug, PartialEq)]
pub enum ButtonId {
    /// Undo the entries one message recorded: `undo:<ledger>:<numbers as ranges>`.
    Undo {
        /// The ledger the entries are in; the presser must still be allowed to change it.
        ledger: LedgerId,
        /// The entries' numbers within the ledger (as `/list` shows them), at most
        /// [`MAX_ENTRIES`](crate::parser::MAX_ENTRIES); numbers already gone are skipped, and
        /// the presser must be the author of the rest.
        seqs: Vec<i64>,
    },
    /// Another page of a `/list`: `list:<0-based page>|<from..to>|<category>|<user id>`.
    Page {
        /// The page to show (written 0-based in the id, as it always was).
        page: Page,
        /// `YYYY-MM-DD..YYYY-MM-DD`, both days included, or empty for no period: read again
        /// as `/list`'s period option.
        period: String,
        /// The category filter as its name, or empty; it may hold `|`.
        category: String,
        /// The paying user, or `None` for everyone (written as the id in decimal, or empty).
        who: Option<UserId>,
    },
    /// File an entry under another category: `cat:<ledger>:<number>:<category>`. Replies no
    /// longer carry these buttons ([`ButtonId::CategoryMenu`] took their place), but those
    /// already in Discord still work.
    Category {
        /// The entry's ledger.
        ledger: LedgerId,
        /// The entry's number within the ledger; only its author may refile it.
        seq: i64,
        /// The category to file it under, by name; it must still exist when pressed.
        category: String,
    },
    /// The category menu under a recorded entry: `catmenu:<ledger>:<number>`. The category
    /// chosen is not in the id: it comes with the choice (Discord's `data.values`), so the menu
    /// can offer every category of the ledger within one id.
    CategoryMenu {
        /// The entry's ledger.
        ledger: LedgerId,
        /// The entry's number within the ledger; only its author may refile it.
        seq: i64,
    },
    /// Confirm a previewed import: `import:<token>`.
    Import {
        /// The key of the preview held in this process's memory: it is lost on restart and
        /// expires after 15 minutes, and only the uploader may use it.
        token: String,
    },
    /// Mark a household transfer paid: `settle:<ledger>:<from>:<to>:<units>:<currency>`.
    Settle {
        /// The household's ledger.
        ledger: LedgerId,
        /// Who pays.
        from: UserId,
        /// Who is paid.
        to: UserId,
        /// The transfer as `/settle` showed it; written as store units in the id. A press
        /// records nothing once the balances no longer call for exactly this transfer.
        amount: Amount,
        /// The currency of `amount`: balances are kept per currency.
        currency: Currency,
    },
    /// Stop a schedule: `recur:stop:<schedule>`.
    StopRepeating {
        /// The schedule to delete; entries it already recorded stay.
        schedule: ScheduleId,
    },
    /// Make a charge found in the history a schedule:
    /// `recur:make:<ledger>:<cadence>:<next date>:<units>:<description>`.
    MakeSchedule {
        /// The ledger the charge was found in.
        ledger: LedgerId,
        /// How often the charge came, as the forecaster detected it.
        cadence: Cadence,
        /// The next day it is expected: the schedule starts there, since the past charges
        /// are already in the ledger.
        next: NaiveDate,
        /// The expected amount, in the ledger's currency (written as store units in the id).
        amount: Amount,
        /// The charge's description; last in the id, so it may hold `:`.
        description: String,
    },
    /// Join the household an invitation is for: `household:<household>`.
    Join {
        /// The household; only the person it invited can accept.
        household: HouseholdId,
    },
    /// Record a message that did not read surely as an expense: `rec:<message id>:<text>`
    /// (0 when the message has no id, as in the console).
    RecordIt {
        /// The Discord message id, so the entries are keyed by the message as if it had been
        /// recorded at once; 0 when there is none.
        message: u64,
        /// The message as written, one line; last in the id, so it may hold `:`.
        text: String,
    },
}

/// The id does not read as any button Tally makes (an old format, or not Tally's at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("That button has expired.")]
pub struct Expired;

impl ButtonId {
    /// Whether pressing it may write: every button but paging takes from the write allowance.
    pub fn writes(&self) -> bool {
        !matches!(self, ButtonId::Page { .. })
    }

    /// What the button says after its kind (`settle:`, `recur:make:` …): what makes a second
    /// press of the same button, or of a copy of it, the same request. Written as it always
    /// was, so buttons already in Discord keep their keys.
    pub fn state(&self) -> String {
        let kind_words = match self {
            ButtonId::StopRepeating { .. } | ButtonId::MakeSchedule { .. } => 2,
            _ => 1,
        };
        self.to_string()
            .splitn(kind_words + 1, ':')
            .last()
            .unwrap_or_default()
            .to_string()
    }
}

impl fmt::Display for ButtonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ButtonId::Undo { ledger, seqs } => {
                write!(f, "undo:{ledger}:{}", super::format::seq_ranges(seqs))
            }
            ButtonId::Page {
                page,
                period,
                category,
                who,
            } => {
                let who = who.map(|u| u.to_string()).unwrap_or_default();
                write!(f, "list:{}|{period}|{category}|{who}", page.index())
            }
            ButtonId::Category {
                ledger,
                seq,
                category,
            } => write!(f, "cat:{ledger}:{seq}:{category}"),
            ButtonId::CategoryMenu { ledger, seq } => write!(f, "catmenu:{ledger}:{seq}"),
            ButtonId::Import { token } => write!(f, "import:{token}"),
            ButtonId::Settle {
                ledger,
                from,
                to,
                amount,
                currency,
            } => write!(
                f,
                "settle:{ledger}:{}:{}:{}:{}",
                from.0,
                to.0,
                amount.to_units(),
                currency.code()
            ),
            ButtonId::StopRepeating { schedule } => write!(f, "recur:stop:{schedule}"),
            ButtonId::MakeSchedule {
                ledger,
                cadence,
                next,
                amount,
                description,
            } => write!(
                f,
                "recur:make:{ledger}:{cadence}:{next}:{}:{description}",
                amount.to_units()
            ),
            ButtonId::Join { household } => write!(f, "household:{household}"),
            ButtonId::RecordIt { message, text } => write!(f, "rec:{message}:{text}"),
        }
    }
}

impl FromStr for ButtonId {
    type Err = Expired;

    fn from_str(id: &str) -> Result<ButtonId, Expired> {
        let (kind, rest) = id.split_once(':').ok_or(Expired)?;
        match kind {
            "undo" => {
                let (ledger, seqs) = rest.split_once(':').ok_or(Expired)?;
                // A message records at most the parser's limit of entries: a longer list is
                // not a button Tally made.
                let seqs = super::format::parse_seq_ranges(seqs, crate::parser::MAX_ENTRIES)
                    .ok_or(Expired)?;
                Ok(ButtonId::Undo {
                    ledger: ledger_id(ledger)?,
                    seqs,
                })
            }
            "list" => {
                let (page, rest) = rest.split_once('|').ok_or(Expired)?;
                let (period, rest) = rest.split_once('|').ok_or(Expired)?;
                // The user id is last and has no `|`; a category name may.
                let (category, who) = rest.rsplit_once('|').ok_or(Expired)?;
                let index = page.parse().map_err(|_| Expired)?;
                Ok(ButtonId::Page {
                    page: Page::from_index(index).map_err(|_| Expired)?,
                    period: period.to_string(),
                    category: category.to_string(),
                    who: match who {
                        "" => None,
                        id => Some(UserId(id.parse().map_err(|_| Expired)?)),
                    },
                })
            }
            "cat" => {
                let mut parts = rest.splitn(3, ':');
                let ledger = ledger_id(parts.next().ok_or(Expired)?)?;
                let seq = number(parts.next())?;
                let category = parts.next().ok_or(Expired)?.to_string();
                Ok(ButtonId::Category {
                    ledger,
                    seq,
                    category,
                })
            }
            "catmenu" => {
                let (ledger, seq) = rest.split_once(':').ok_or(Expired)?;
                Ok(ButtonId::CategoryMenu {
                    ledger: ledger_id(ledger)?,
                    seq: number(Some(seq))?,
                })
            }
            "import" => Ok(ButtonId::Import {
                token: rest.to_string(),
            }),
            "settle" => {
                let parts: Vec<&str> = rest.split(':').collect();
                let [ledger, from, to, units, currency] = parts[..] else {
                    return Err(Expired);
                };
                Ok(ButtonId::Settle {
                    ledger: ledger_id(ledger)?,
                    from: UserId(number(Some(from))?),
                    to: UserId(number(Some(to))?),
                    amount: Amount::from_units(number(Some(units))?).map_err(|_| Expired)?,
                    currency: Currency::parse(currency).map_err(|_| Expired)?,
                })
            }
            "recur" => match rest.split_once(':').ok_or(Expired)? {
                ("stop", schedule) => Ok(ButtonId::StopRepeating {
                    schedule: schedule.parse().map_err(|_| Expired)?,
                }),
                ("make", spec) => {
                    let mut parts = spec.splitn(5, ':');
                    let ledger = ledger_id(parts.next().ok_or(Expired)?)?;
                    let cadence = parts.next().and_then(|c| c.parse().ok()).ok_or(Expired)?;
                    let next = parts.next().and_then(|d| d.parse().ok()).ok_or(Expired)?;
                    let amount = Amount::from_units(number(parts.next())?).map_err(|_| Expired)?;
                    let description = parts.next().ok_or(Expired)?.to_string();
                    Ok(ButtonId::MakeSchedule {
                        ledger,
                        cadence,
                        next,
                        amount,
                        description,
                    })
                }
                _ => Err(Expired),
            },
            "household" => Ok(ButtonId::Join {
                household: rest.parse().map_err(|_| Expired)?,
            }),
            "rec" => {
                let (message, text) = rest.split_once(':').ok_or(Expired)?;
                Ok(ButtonId::RecordIt {
                    message: message.parse().map_err(|_| Expired)?,
                    text: text.to_string(),
                })
            }
            _ => Err(Expired),
        }
    }
}

fn ledger_id(text: &str) -> Result<LedgerId, Expired> {
    Uuid::parse_str(text).map(LedgerId).map_err(|_| Expired)
}

fn number<T: FromStr>(text: Option<&str>) -> Result<T, Expired> {
    text.and_then(|t| t.parse().ok()).ok_or(Expired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ledger() -> impl Strategy<Value = LedgerId> {
        any::<u128>().prop_map(|n| LedgerId(Uuid::from_u128(n)))
    }

    fn amount() -> impl Strategy<Value = Amount> {
        (1i64..=10_000_000_000_000)
            .prop_filter_map("an entry amount", |u| Amount::from_units(u).ok())
    }

    /// Text as users write it, `:` and `|` included (the last field of an id may hold them).
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 :|#@é€]{0,30}"
    }

    fn button() -> impl Strategy<Value = ButtonId> {
        prop_oneof![
            (
                ledger(),
                proptest::collection::btree_set(1i64..100_000, 1..10)
            )
                .prop_map(|(ledger, seqs)| ButtonId::Undo {
                    ledger,
                    seqs: seqs.into_iter().collect(),
                }),
            (
                (1..=crate::bounds::MAX_PAGE).prop_filter_map("a page", |n| Page::new(n).ok()),
                "[0-9.-]{0,22}",
                text(),
                proptest::option::of(any::<u64>().prop_map(UserId))
            )
                .prop_map(|(page, period, category, who)| ButtonId::Page {
                    page,
                    period,
                    category,
                    who,
                }),
            (ledger(), any::<i64>(), text()).prop_map(|(ledger, seq, category)| {
                ButtonId::Category {
                    ledger,
                    seq,
                    category,
                }
            }),
            (ledger(), any::<i64>())
                .prop_map(|(ledger, seq)| ButtonId::CategoryMenu { ledger, seq }),
            "[a-z0-9:]{0,40}".prop_map(|token| ButtonId::Import { token }),
            (ledger(), any::<u64>(), any::<u64>(), amount()).prop_map(
                |(ledger, from, to, amount)| ButtonId::Settle {
                    ledger,
                    from: UserId(from),
                    to: UserId(to),
                    amount,
                    currency: Currency::EUR,
                }
            ),
            any::<u128>().prop_map(|n| ButtonId::StopRepeating {
                schedule: ScheduleId(Uuid::from_u128(n)),
            }),
            (
                ledger(),
                prop_oneof![Just("weekly"), Just("monthly"), Just("yearly")],
                0i64..100_000,
                amount(),
                text()
            )
                .prop_map(|(ledger, cadence, day, amount, description)| {
                    ButtonId::MakeSchedule {
                        ledger,
                        cadence: cadence.parse().unwrap(),
                        next: NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
                            + chrono::Duration::days(day),
                        amount,
                        description,
                    }
                }),
            any::<u128>().prop_map(|n| ButtonId::Join {
                household: HouseholdId(Uuid::from_u128(n)),
            }),
            (any::<u64>(), text()).prop_map(|(message, text)| ButtonId::RecordIt { message, text }),
        ]
    }

    proptest! {
        #[test]
        fn every_button_reads_back_as_itself(button in button()) {
            let written = button.to_string();
            prop_assert_eq!(written.parse::<ButtonId>(), Ok(button));
        }

        #[test]
        fn no_text_makes_the_reader_panic(id in "\\PC{0,120}") {
            let _ = id.parse::<ButtonId>();
        }
    }

    #[test]
    fn the_written_forms_are_the_ones_buttons_in_discord_already_carry() {
        let ledger = LedgerId(Uuid::from_u128(1));
        assert_eq!(
            ButtonId::Undo {
                ledger,
                seqs: vec![3, 4, 5, 9]
            }
            .to_string(),
            "undo:00000000-0000-0000-0000-000000000001:3-5,9"
        );
        assert_eq!(
            "list:2|2026-11-01..2026-11-30|Dining|42".parse(),
            Ok(ButtonId::Page {
                // Written 0-based, as buttons already in Discord have it: the third page.
                page: Page::new(3).unwrap(),
                period: "2026-11-01..2026-11-30".into(),
                category: "Dining".into(),
                who: Some(UserId(42)),
            })
        );
        assert_eq!(
            "list:99999|||".parse::<ButtonId>().map(|b| b.to_string()),
            Ok("list:99999|||".to_string())
        );
        assert_eq!("list:100000|||".parse::<ButtonId>(), Err(Expired));
        assert_eq!(
            "settle:00000000-0000-0000-0000-000000000001:7:8:205000:USD".parse(),
            Ok(ButtonId::Settle {
                ledger,
                from: UserId(7),
                to: UserId(8),
                amount: Amount::from_units(205_000).unwrap(),
                currency: Currency::USD,
            })
        );
        assert_eq!(
            ButtonId::Settle {
                ledger,
                from: UserId(7),
                to: UserId(8),
                amount: Amount::from_units(205_000).unwrap(),
                currency: Currency::USD,
            }
            .state(),
            "00000000-0000-0000-0000-000000000001:7:8:205000:USD"
        );
        assert_eq!(
            ButtonId::CategoryMenu { ledger, seq: 12 }.to_string(),
            "catmenu:00000000-0000-0000-0000-000000000001:12"
        );
        assert_eq!(
            "cat:00000000-0000-0000-0000-000000000001:12:Dining".parse(),
            Ok(ButtonId::Category {
                ledger,
                seq: 12,
                category: "Dining".into(),
            })
        );
        assert_eq!("nonsense".parse::<ButtonId>(), Err(Expired));
        assert_eq!("undo:not-a-uuid:1".parse::<ButtonId>(), Err(Expired));
    }
}
