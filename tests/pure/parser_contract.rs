//! The `tally parse` contract line, byte for byte.

use chrono::NaiveDate;
use tally::model::DateFormat;
use tally::money::Currency;
use tally::parser::{Channel, Context, contract::json_line, contract::json_line_in, parse, read};

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

fn line_in(text: &str, channel: Channel) -> String {
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    };
    json_line_in(&read(text, &ctx), channel)
}

#[test]
fn household_silence_is_one_line_and_nothing_else_changes() {
    for chatter in [
        "back in 15",
        "door code is 2580",
        "hello everyone",
        "meeting at 5pm",
    ] {
        let l = line_in(chatter, Channel::Household);
        assert!(
            l.starts_with(r#"{"ok":false,"silent":true,"error":""#),
            "{l}"
        );
        let v: serde_json::Value = serde_json::from_str(&l).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 3);
    }
    // Expenses, and refusals worth a hint, read the same in both channels.
    for text in [
        "coffee 4.50",
        "2x beer 5.50",
        "lunch 12 dinner 15",
        "6 donuts 9",
    ] {
        assert_eq!(line_in(text, Channel::Household), line(text), "{text}");
        assert_eq!(line_in(text, Channel::Dm), line(text), "{text}");
    }
    // A DM never gets the silent line.
    assert_eq!(line_in("back in 15", Channel::Dm), line("back in 15"));
}

fn features(text: &str) -> Vec<(usize, f32)> {
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    };
    tally::parser::intent_features(text, &ctx).expect("the grammar reads an entry")
}

#[test]
fn a_closing_full_stop_is_not_weighed_and_my_sister_is_someone_else() {
    assert_eq!(
        features("Copay at Dr. Patel's was 40."),
        features("Copay at Dr. Patel's was 40")
    );
    let names = tally::parser::intent_feature_names();
    let other = names.iter().position(|n| *n == "other_payer").unwrap();
    let has = |text: &str| features(text).iter().any(|&(i, _)| i == other);
    assert!(has("my sister paid 3k for a puppy"));
    assert!(!has("my sister paid me back 30"));
    assert!(!has("paid 3k for a puppy"));
}

#[test]
fn the_writer_is_no_other_payer_and_a_total_that_came_to_is_no_arrival() {
    let names = tally::parser::intent_feature_names();
    let index = |name: &str| names.iter().position(|n| *n == name).unwrap();
    let has = |text: &str, name: &str| features(text).iter().any(|&(i, _)| i == index(name));
    assert!(!has(
        "I've paid Fiona the £150 for our share",
        "other_payer"
    ));
    assert!(!has(
        "I\u{2019}ve paid Fiona the £150 for our share",
        "other_payer"
    ));
    assert!(has("Fiona paid the £150 for our share", "other_payer"));
    assert!(!has("The Waitrose shop came to £67.43", "activity"));
    assert!(has("The plumber came at 9, paid him 80", "activity"));
    assert!(!has(
        "New reading glasses at Walgreens, 2 pair at 14.99 each",
        "context"
    ));
    // A remark after the price does not make the note longer.
    assert!(has(
        "The chiropodist was £38 today. Worth every penny.",
        "words_3_6"
    ));
}
