//! Prints the intent model's features of each message on stdin, one JSON line per message:
//! `{"features":[[index,value],…]}`, or `{"features":null}` when the grammar refuses it outright.
//! The first line names the named features. Used by `scripts/intent_train.py`.
//!
//! `cargo run --release --example intent_features -- [--currency INR] < messages.txt`

use std::io::{BufRead, Write};

use chrono::NaiveDate;
use tally::model::DateFormat;
use tally::money::Currency;
use tally::parser::{Context, intent_feature_names, intent_features};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let currency = match args.iter().position(|a| a == "--currency") {
        Some(i) => args
            .get(i + 1)
            .and_then(|c| Currency::parse(c).ok())
            .ok_or_else(|| anyhow::anyhow!("--currency needs an ISO code"))?,
        None => Currency::USD,
    };
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).ok_or_else(|| anyhow::anyhow!("date"))?,
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: currency,
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "{}", serde_json::to_string(intent_feature_names())?)?;
    for line in std::io::stdin().lock().lines() {
        let features = intent_features(&line?, &ctx);
        writeln!(out, "{}", serde_json::json!({ "features": features }))?;
    }
    Ok(())
}
