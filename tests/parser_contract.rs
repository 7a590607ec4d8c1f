//! The `tally parse` contract line, byte for byte.

use chrono::NaiveDate;
use tally::model::DateFormat;
use tally::money::Currency;
use tally::parser::{Context, contract::json_line, parse};

fn line(text: &str) -> String {
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    };
    json_line(&parse(text, &ctx))
}

#[test]
fn contract_lines_have_the_exact_shape() {
    assert_eq!(
        line("coffee 4.50"),
        r#"{"ok":true,"entries":[{"amount":"4.50","currency":null,"kind":"expense","date":"2026-11-24","description":"coffee","category":null,"tags":[]}]}"#
    );
    assert_eq!(
        line("2x beer 5.50"),
        r#"{"ok":true,"entries":[{"amount":"11.00","currency":null,"kind":"expense","date":"2026-11-24","description":"beer","category":null,"tags":[]}]}"#
    );
    assert_eq!(
        line("+1.5k salary"),
        r#"{"ok":true,"entries":[{"amount":"1500.00","currency":null,"kind":"income","date":"2026-11-24","description":"salary","category":null,"tags":[]}]}"#
    );
    assert_eq!(
        line("gold 0.005"),
        r#"{"ok":true,"entries":[{"amount":"0.005","currency":null,"kind":"expense","date":"2026-11-24","description":"gold","category":null,"tags":[]}]}"#
    );
    assert_eq!(
        line("taxi 12eur yesterday #transport #work"),
        r#"{"ok":true,"entries":[{"amount":"12.00","currency":"EUR","kind":"expense","date":"2026-11-23","description":"taxi","category":"Transport","tags":["transport","work"]}]}"#
    );
    assert_eq!(
        line("uber 23.10; tip 4"),
        r#"{"ok":true,"entries":[{"amount":"23.10","currency":null,"kind":"expense","date":"2026-11-24","description":"uber","category":null,"tags":[]},{"amount":"4.00","currency":null,"kind":"expense","date":"2026-11-24","description":"tip","category":null,"tags":[]}]}"#
    );
}

#[test]
fn refusals_are_one_error_line() {
    let l = line("lunch 12 dinner 15");
    assert!(l.starts_with(r#"{"ok":false,"error":""#), "{l}");
    assert!(l.contains("12 or 15"));
    let v: serde_json::Value = serde_json::from_str(&line("say \"hi\" \\ 5pm")).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v.as_object().unwrap().len(), 2);
}
