//! Shutdown fans out to every listener and waits for in-flight writes, within a bound.

use std::time::Duration;

use tally::ops::shutdown::{InFlight, channel};

#[tokio::test]
async fn every_listener_sees_the_trigger() {
    let (trigger, first) = channel();
    let second = trigger.subscribe();
    let late = first.clone();
    assert!(!first.is_triggered());
    let a = tokio::spawn(first.wait());
    let b = tokio::spawn(second.wait());
    trigger.trigger();
    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(1), async {
        a.await.unwrap();
        b.await.unwrap();
    })
    .await
    .unwrap();
    assert!(late.is_triggered());
    // A listener created after the trigger returns at once.
    tokio::time::timeout(Duration::from_secs(1), trigger.subscribe().wait())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_dropped_trigger_releases_listeners() {
    let (trigger, stop) = channel();
    drop(trigger);
    tokio::time::timeout(Duration::from_secs(1), stop.wait())
        .await
        .unwrap();
}

#[tokio::test]
async fn drain_waits_for_in_flight_writes() {
    let in_flight = InFlight::new();
    assert!(in_flight.drained(Duration::from_millis(10)).await);

    let guard = in_flight.begin();
    let other = in_flight.begin();
    assert_eq!(in_flight.count(), 2);
    drop(other);
    // Still one in flight: the drain times out.
    assert!(!in_flight.drained(Duration::from_millis(50)).await);

    let finishing = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(guard);
    });
    assert!(in_flight.drained(Duration::from_secs(2)).await);
    assert_eq!(in_flight.count(), 0);
    finishing.await.unwrap();
}

#[tokio::test]
async fn sigterm_resolves_the_signal_future() {
    fn assert_send<T: Send + 'static>(_: &T) {}
    let signal = tally::ops::shutdown::shutdown_signal();
    assert_send(&signal);
    let waiting = tokio::spawn(signal);
    // Let the task install its handlers before the signal is raised.
    tokio::time::sleep(Duration::from_millis(100)).await;
    #[cfg(unix)]
    {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &std::process::id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        tokio::time::timeout(Duration::from_secs(2), waiting)
            .await
            .expect("SIGTERM ends the wait")
            .unwrap();
    }
}
