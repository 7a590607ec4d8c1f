//! Fuzz target: any bytes that are UTF-8 go through `parse` and the contract line; neither may
//! panic, and every answer must be well-formed.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use tally::model::DateFormat;
use tally::money::{Amount, Currency};
use tally::parser::{Context, contract::json_line, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
    for date_format in [DateFormat::Mdy, DateFormat::Dmy] {
        let ctx = Context {
            today,
            tz: chrono_tz::UTC,
            date_format,
            default_currency: Currency::USD,
        };
        let result = parse(text, &ctx);
        match &result {
            Ok(entries) => {
                assert!(!entries.is_empty());
                for e in entries {
                    assert!(e.span.start <= e.span.end && e.span.end <= text.len());
                    assert!(e.amount.value() < Amount::LIMIT);
                }
            }
            Err(e) => assert!(e.span.start <= e.span.end && e.span.end <= text.len()),
        }
        let _ = json_line(&result);
    }
});
