//! Categories of messages typed in a chat (`tests/fixtures/dev/chat_categories.tsv`: 600
//! messages by six writers, labelled by a helper who had not read the categorizer), filed the
//! way the engine files an entry: the description and kind the parser read, then `decide` for
//! a ledger with no corrections. A floor against regressions, set below the first score
//! (68.0 % cold start, docs/BENCHMARKS.md); `scripts/chat_categories.py` prints the figures.

use chrono::NaiveDate;
use tally::categorize::{LedgerModel, decide, default_categories};
use tally::model::{DateFormat, EntryKind};
use tally::money::Currency;
use tally::parser::{Context, read};

const CHAT: &str = include_str!("../fixtures/dev/chat_categories.tsv");

#[test]
fn chat_messages_find_their_category_at_cold_start() {
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::parse("USD").unwrap(),
    };
    let (model, categories) = (LedgerModel::default(), default_categories());
    let (mut right, mut all) = (0, 0);
    for line in CHAT
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (message, want) = line.split_once('\t').unwrap();
        let verdict = read(message, &ctx);
        let (description, amount, kind) = match verdict.result.as_deref() {
            Ok([entry, ..]) => (entry.description.as_str(), entry.amount.value(), entry.kind),
            _ => (message, rust_decimal::Decimal::ONE, EntryKind::Expense),
        };
        let decision = decide(description, amount, kind, None, &[], &model, &categories);
        all += 1;
        if decision.category.as_str() == want {
            right += 1;
        }
    }
    let percent = 100.0 * right as f64 / all as f64;
    println!("chat categories at cold start: {right}/{all} ({percent:.1} %)");
    assert_eq!(all, 600);
    assert!(percent >= 66.0, "{percent:.1} %");
}
