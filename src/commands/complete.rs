//! Suggestions while an option is being typed (Discord's autocomplete).
//!
//! Each suggestion is a label the user reads and the value the option then holds: an entry is
//! shown as its `/list` line but filled in as its number. Suggestions are only ever seen by the
//! person typing, and never change anything; a failure gives no suggestions, not an error.

use chrono_tz::TZ_VARIANTS;

use crate::money::Currency;
use crate::page::Page;
use crate::store::EntryFilter;

use super::{Engine, Request, format};

/// The most suggestions Discord shows (and accepts) for one option.
pub const MAX_SUGGESTIONS: usize = 25;

/// The longest label and value Discord accepts for a suggestion, in characters.
pub const MAX_SUGGESTION_CHARS: usize = 100;

/// How many of the newest entries an entry suggestion looks through.
const RECENT_ENTRIES: u32 = 100;

/// Periods offered before the user has typed anything that narrows them.
const NAMED_PERIODS: &[(&str, &str)] = &[
    ("this month", "month"),
    ("last month", "last-month"),
    ("this week", "week"),
    ("last week", "last-week"),
    ("today", "today"),
    ("this year", "year"),
    ("all time", "all"),
];

/// One suggestion: what the user reads, and what the option is filled with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Shown in the list; at most [`MAX_SUGGESTION_CHARS`] characters.
    pub label: String,
    /// The option's value once picked; at most [`MAX_SUGGESTION_CHARS`] characters.
    pub value: String,
}

impl Suggestion {
    fn new(label: impl AsRef<str>, value: impl AsRef<str>) -> Suggestion {
        Suggestion {
            label: crate::bounds::shorten(label.as_ref(), MAX_SUGGESTION_CHARS),
            value: value.as_ref().chars().take(MAX_SUGGESTION_CHARS).collect(),
        }
    }

    /// A suggestion whose label is its value.
    fn plain(value: impl AsRef<str>) -> Suggestion {
        Suggestion::new(value.as_ref(), value.as_ref())
    }
}

/// `candidates` whose text contains `partial` (any case), those starting with it first, at
/// most [`MAX_SUGGESTIONS`].
fn matching<T>(
    candidates: impl IntoIterator<Item = T>,
    partial: &str,
    text: impl Fn(&T) -> String,
) -> Vec<T> {
    let needle = partial.trim().to_lowercase();
    let mut found: Vec<(bool, T)> = candidates
        .into_iter()
        .filter_map(|c| {
            let haystack = text(&c).to_lowercase();
            haystack
                .contains(&needle)
                .then(|| (!haystack.starts_with(&needle), c))
        })
        .collect();
    // Stable: within each group the candidates keep their order.
    found.sort_by_key(|(later, _)| *later);
    found
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, c)| c)
        .collect()
}

/// IANA time zones containing `partial` (`berlin`, `america/`), as `/settings` accepts them.
pub fn time_zones(partial: &str) -> Vec<Suggestion> {
    matching(TZ_VARIANTS.iter(), partial, |tz| tz.name().to_string())
        .into_iter()
        .map(|tz| Suggestion::plain(tz.name()))
        .collect()
}

/// Currencies Tally knows by symbol or name whose code starts with or contains `partial`.
/// Any other three-letter code is still accepted when typed out.
pub fn currencies(partial: &str) -> Vec<Suggestion> {
    matching(Currency::known_codes(), partial, |code| code.to_string())
        .into_iter()
        .map(|code| {
            let label = match Currency::parse(code).ok().and_then(|c| c.symbol()) {
                Some(symbol) => format!("{code} ({symbol})"),
                None => code.to_string(),
            };
            Suggestion::new(label, code)
        })
        .collect()
}

/// The named periods matching `partial`; when none does, what the user typed is offered as
/// it is, since a month (`2026-03`) or a range is as good a period.
pub fn periods(partial: &str) -> Vec<Suggestion> {
    let mut found: Vec<Suggestion> = matching(NAMED_PERIODS.iter(), partial, |(label, value)| {
        format!("{label} {value}")
    })
    .into_iter()
    .map(|(label, value)| Suggestion::new(label, value))
    .collect();
    let typed = partial.trim();
    if found.is_empty() && !typed.is_empty() {
        found.push(Suggestion::plain(typed));
    }
    found
}

impl Engine {
    /// Entries of the caller's ledger for an entry-number option: the entry numbered
    /// `partial` first (`12`, `#12`), then the newest entries whose description contains it.
    /// Labelled as `/list` shows them, filled in as `#12`.
    pub async fn complete_entry(&self, req: &Request, partial: &str) -> Vec<Suggestion> {
        let Ok(ledger) = self.ledger_for(req).await else {
            return Vec::new();
        };
        let needle = partial.trim().trim_start_matches('#');
        let mut entries = Vec::new();
        if let Ok(seq) = needle.parse::<i64>()
            && let Ok(Some(entry)) = self.store().entry_by_seq(ledger.id, seq).await
        {
            entries.push(entry);
        }
        if let Ok(recent) = self
            .store()
            .list_entries(
                ledger.id,
                &EntryFilter::default(),
                Page::FIRST.index(),
                RECENT_ENTRIES,
            )
            .await
        {
            let wanted = needle.to_lowercase();
            let exact = entries.first().map(|e| e.seq);
            entries.extend(recent.entries.into_iter().filter(|e| {
                Some(e.seq) != exact
                    && (e.description.to_lowercase().contains(&wanted)
                        || e.seq.to_string().starts_with(&wanted))
            }));
        }
        entries
            .iter()
            .take(MAX_SUGGESTIONS)
            .map(|e| Suggestion::new(format::entry_line(e), format!("#{}", e.seq)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_match_any_part_prefix_first() {
        let berlin = time_zones("berlin");
        assert_eq!(berlin[0].value, "Europe/Berlin");
        let america = time_zones("america/");
        assert_eq!(america.len(), MAX_SUGGESTIONS);
        assert!(america.iter().all(|s| s.value.starts_with("America/")));
        assert!(time_zones("no such place").is_empty());
    }

    #[test]
    fn currencies_show_their_symbol() {
        let euro = currencies("eu");
        assert_eq!(euro[0], Suggestion::new("EUR (€)", "EUR"));
        assert!(currencies("").len() <= MAX_SUGGESTIONS);
    }

    #[test]
    fn a_typed_period_is_kept_beside_the_named_ones() {
        assert_eq!(periods("last")[0].value, "last-month");
        assert_eq!(periods("2026-03")[0].value, "2026-03");
        assert_eq!(periods("").len(), NAMED_PERIODS.len());
    }

    #[test]
    fn labels_fit_discord() {
        let long = Suggestion::new("x".repeat(300), "y".repeat(300));
        assert!(long.label.chars().count() <= MAX_SUGGESTION_CHARS);
        assert!(long.value.chars().count() <= MAX_SUGGESTION_CHARS);
    }
}
