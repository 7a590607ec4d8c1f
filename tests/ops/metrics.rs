//! The metrics registry renders every series, with the counts recorded.

use std::time::Duration;

use tally::ops::metrics::{CommandName, Metrics, RefusalKind};

/// The value of the sample line that starts with `prefix` (name plus labels), if any.
fn sample(text: &str, prefix: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(prefix)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
}

#[test]
fn every_series_is_present_at_zero() {
    let text = Metrics::new().render();
    assert_eq!(sample(&text, "tally_messages_seen_total"), Some(0.0));
    assert_eq!(sample(&text, "tally_entries_recorded_total"), Some(0.0));
    assert_eq!(sample(&text, "tally_transaction_retries_total"), Some(0.0));
    for kind in RefusalKind::ALL {
        let line = format!("tally_refusals_total{{kind=\"{}\"}}", kind.as_str());
        assert_eq!(sample(&text, &line), Some(0.0), "{line}");
    }
    for command in CommandName::ALL {
        let line = format!(
            "tally_command_seconds_count{{command=\"{}\"}}",
            command.as_str()
        );
        assert_eq!(sample(&text, &line), Some(0.0), "{line}");
    }
    assert!(text.contains("# TYPE tally_command_seconds histogram"));
    assert!(text.trim_end().ends_with("# EOF"));
}

#[test]
fn counts_and_latencies_are_rendered() {
    let m = Metrics::new();
    for _ in 0..3 {
        m.message_seen();
    }
    m.entry_recorded(2);
    m.entry_recorded(1);
    m.refused(RefusalKind::RateLimited);
    m.refused(RefusalKind::RateLimited);
    m.refused(RefusalKind::Parse);
    m.retried(4);
    m.observe_command(CommandName::Quick, Duration::from_micros(700));
    m.observe_command(CommandName::Quick, Duration::from_millis(30));
    m.observe_command(CommandName::Summary, Duration::from_secs(9));

    let text = m.render();
    assert_eq!(sample(&text, "tally_messages_seen_total"), Some(3.0));
    assert_eq!(sample(&text, "tally_entries_recorded_total"), Some(3.0));
    assert_eq!(sample(&text, "tally_transaction_retries_total"), Some(4.0));
    assert_eq!(
        sample(&text, "tally_refusals_total{kind=\"rate_limited\"}"),
        Some(2.0)
    );
    assert_eq!(
        sample(&text, "tally_refusals_total{kind=\"parse\"}"),
        Some(1.0)
    );
    assert_eq!(
        sample(&text, "tally_refusals_total{kind=\"store_error\"}"),
        Some(0.0)
    );
    assert_eq!(
        sample(&text, "tally_command_seconds_count{command=\"quick\"}"),
        Some(2.0)
    );
    // Cumulative buckets: 0.7 ms is under 1 ms, 30 ms under 50 ms, 9 s only in +Inf.
    assert_eq!(
        sample(
            &text,
            "tally_command_seconds_bucket{le=\"0.001\",command=\"quick\"}"
        ),
        Some(1.0)
    );
    assert_eq!(
        sample(
            &text,
            "tally_command_seconds_bucket{le=\"0.05\",command=\"quick\"}"
        ),
        Some(2.0)
    );
    assert_eq!(
        sample(
            &text,
            "tally_command_seconds_bucket{le=\"5.0\",command=\"summary\"}"
        ),
        Some(0.0)
    );
    assert_eq!(
        sample(
            &text,
            "tally_command_seconds_bucket{le=\"+Inf\",command=\"summary\"}"
        ),
        Some(1.0)
    );

    let snap = m.snapshot();
    assert_eq!(snap.messages_seen, 3);
    assert_eq!(m.refusals(RefusalKind::RateLimited), 2);
}

#[test]
fn global_is_one_registry() {
    let before = Metrics::global().snapshot().messages_seen;
    Metrics::global().message_seen();
    assert!(Metrics::global().snapshot().messages_seen > before);
    assert!(std::ptr::eq(Metrics::global(), Metrics::global()));
}
