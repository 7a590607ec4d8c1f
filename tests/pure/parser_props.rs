//! Property tests: the parser never panics, never overflows, and keeps its promises on any text.

use chrono::NaiveDate;
use proptest::prelude::*;
use tally::model::DateFormat;
use tally::money::{Amount, Currency};
use tally::parser::{Context, MAX_CHARS, ParseErrorKind, contract::json_line, parse};

fn ctx() -> Context {
    Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    }
}

/// Whatever comes back is well-formed: spans inside the text, amounts within bounds, and a
/// valid contract line.
fn check_invariants(text: &str) {
    let result = parse(text, &ctx());
    match &result {
        Ok(entries) => {
            assert!(!entries.is_empty());
            for e in entries {
                assert!(e.span.start <= e.span.end && e.span.end <= text.len());
                assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                assert!(e.amount.value() > rust_decimal::Decimal::ZERO);
                assert!(e.amount.value() < Amount::LIMIT);
                assert!(!e.description.chars().any(|c| c.is_control()));
            }
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            assert!(e.span.start <= e.span.end && e.span.end <= text.len());
        }
    }
    let line = json_line(&result);
    let v: serde_json::Value = serde_json::from_str(&line).expect("contract line is JSON");
    assert!(v.get("ok").is_some());
}

/// Pieces people (and attackers) type, glued in random orders.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("coffee".to_string()),
        Just(" ".to_string()),
        Just("$".to_string()),
        Just("€".to_string()),
        Just("+".to_string()),
        Just("-".to_string()),
        Just("--".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just("/".to_string()),
        Just(";".to_string()),
        Just("\n".to_string()),
        Just("x".to_string()),
        Just("k".to_string()),
        Just("#food".to_string()),
        Just("@sam".to_string()),
        Just("<@123>".to_string()),
        Just("\"".to_string()),
        Just("split".to_string()),
        Just("with".to_string()),
        Just("ways".to_string()),
        Just("yesterday".to_string()),
        Just("mar".to_string()),
        Just("last".to_string()),
        Just("fri".to_string()),
        Just("ago".to_string()),
        Just("days".to_string()),
        Just("monthly".to_string()),
        Just("%".to_string()),
        Just(":".to_string()),
        Just("pm".to_string()),
        Just("eur".to_string()),
        Just("🍕".to_string()),
        "[0-9]{1,40}",
        "[0-9]{1,3}([.,][0-9]{1,4}){0,4}",
        // Digits of other scripts, their separators, and the virama inside Indian words.
        "[০-৯]{1,6}",
        "[٠-٩]{1,4}([٫٬][٠-٩]{1,3})?",
        "[０-９]{1,5}([，．][０-９]{1,3})?",
        Just("কেজি".to_string()),
        Just("্".to_string()),
    ]
}

/// `s` with every ASCII digit written in the script whose zero is `zero`.
fn in_script(s: &str, zero: char) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(u32::from(zero) + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The number of characters before byte `at` of `s`.
fn chars_before(s: &str, at: usize) -> usize {
    s[..at].chars().count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_utf8_never_panics(text in "\\PC{0,200}") {
        check_invariants(&text);
    }

    #[test]
    fn any_chars_including_controls_never_panic(text in proptest::collection::vec(any::<char>(), 0..300)) {
        let text: String = text.into_iter().collect();
        check_invariants(&text);
    }

    #[test]
    fn glued_pieces_never_panic(pieces in proptest::collection::vec(piece(), 0..30)) {
        check_invariants(&pieces.concat());
    }

    /// Writing a message's digits in Bengali, Arabic, Devanagari or fullwidth changes nothing
    /// but the byte offsets of its spans, which still cover the same characters.
    #[test]
    fn digits_of_other_scripts_read_as_ascii(
        pieces in proptest::collection::vec(piece(), 0..20),
        zero in prop_oneof![Just('০'), Just('٠'), Just('०'), Just('０')],
    ) {
        let ascii = pieces.concat();
        let native = in_script(&ascii, zero);
        check_invariants(&native);
        match (parse(&ascii, &ctx()), parse(&native, &ctx())) {
            (Ok(a), Ok(n)) => {
                prop_assert_eq!(a.len(), n.len());
                for (a, n) in a.iter().zip(&n) {
                    prop_assert_eq!(a.amount, n.amount);
                    prop_assert_eq!(a.date, n.date);
                    prop_assert_eq!(a.kind, n.kind);
                    prop_assert_eq!(&a.description, &n.description);
                    prop_assert_eq!(chars_before(&ascii, a.span.start), chars_before(&native, n.span.start));
                    prop_assert_eq!(chars_before(&ascii, a.span.end), chars_before(&native, n.span.end));
                }
            }
            (Err(a), Err(n)) => {
                prop_assert_eq!(a.kind, n.kind);
                prop_assert_eq!(chars_before(&ascii, a.span.end), chars_before(&native, n.span.end));
            }
            (a, n) => prop_assert!(false, "{ascii:?} → {a:?}, but {native:?} → {n:?}"),
        }
    }

    #[test]
    fn huge_numbers_are_refused_not_overflowed(digits in "[1-9][0-9]{9,80}", frac in "[0-9]{0,30}") {
        for text in [format!("coffee ${digits}"), format!("coffee {digits}.{frac}"), format!("coffee {digits}k")] {
            let err = parse(&text, &ctx()).expect_err("above the limit");
            prop_assert!(
                matches!(err.kind, ParseErrorKind::TooLarge | ParseErrorKind::TooPrecise | ParseErrorKind::NotAnExpense | ParseErrorKind::Ambiguous),
                "{text}: {err:?}"
            );
            prop_assert!(!err.message.is_empty());
        }
        let err = parse(&format!("yacht ${digits}"), &ctx()).unwrap_err();
        prop_assert_eq!(err.kind, ParseErrorKind::TooLarge);
    }

    #[test]
    fn amounts_in_range_are_read_exactly(units in 1u64..99_999_999_999u64) {
        let value = rust_decimal::Decimal::new(units as i64, 2);
        let text = format!("lunch {value}");
        let entries = parse(&text, &ctx()).unwrap();
        prop_assert_eq!(entries[0].amount.value(), value.normalize());
    }
}

#[test]
fn long_messages_are_handled() {
    let long = "coffee 4.50 ".repeat(MAX_CHARS / 12);
    check_invariants(&long);
    let words = "blah ".repeat(MAX_CHARS / 5);
    check_invariants(&words);
    let digits = "9".repeat(MAX_CHARS);
    check_invariants(&digits);
    let too_long = "a".repeat(MAX_CHARS + 1);
    assert_eq!(
        parse(&too_long, &ctx()).unwrap_err().kind,
        ParseErrorKind::TooLong
    );
    let multibyte = "€".repeat(MAX_CHARS);
    check_invariants(&multibyte);
    let entries = "tip 1;".repeat(60);
    assert_eq!(
        parse(&entries, &ctx()).unwrap_err().kind,
        ParseErrorKind::TooLong
    );
    let controls: String = (0u8..32).map(char::from).cycle().take(MAX_CHARS).collect();
    check_invariants(&controls);
    // Runs of small numbers and zero-led groups, where each number looks for a phone number
    // around it (a search over the whole entry once made this line take seconds).
    for run in ["0 0 0 0 0 1 ", "1 2 3 4 5 6 ", "0400 555 336 after 4 "] {
        let text: String = run.repeat(MAX_CHARS / run.len());
        check_invariants(&text);
    }
}

/// A message full of numbers gets a short hint, not every number echoed back.
#[test]
fn an_ambiguous_hint_stays_short() {
    let many: String = (1..400).map(|n| format!("{n} ")).collect();
    let err = parse(&many, &ctx()).unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::Ambiguous, "{}", err.message);
    assert!(err.message.len() < 200, "{}", err.message);
    assert!(err.message.contains(", … or 399?"), "{}", err.message);
}

#[test]
fn an_ambiguous_hint_cuts_a_huge_number() {
    for digit in ['3', '٣'] {
        let text = format!("lunch 12 {}", String::from(digit).repeat(3990));
        let err = parse(&text, &ctx()).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Ambiguous, "{}", err.message);
        assert!(err.message.len() < 200, "{}", err.message);
        assert!(err.message.contains("12 or 33333"), "{}", err.message);
    }
}
