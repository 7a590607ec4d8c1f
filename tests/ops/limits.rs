//! Abuse limits: the per-user write rate and the import size.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::FakeRelativeClock;
use tally::ops::limits::{
    LimitError, Limits, WriteLimiter, check_import_bytes, check_import_rows, spawn_sweeper,
};

const ALICE: u64 = 111_111_111_111_111_111;
const SAM: u64 = 222_222_222_222_222_222;

#[test]
fn the_21st_immediate_write_is_refused_for_that_user_only() {
    let clock = FakeRelativeClock::default();
    let limiter = WriteLimiter::with_clock(&Limits::default(), clock.clone());
    for i in 0..20 {
        assert_eq!(limiter.check(ALICE), Ok(()), "write {}", i + 1);
    }
    let refused = limiter.check(ALICE).unwrap_err();
    assert_eq!(refused.to_string(), "Slow down a little: try again in 1 s.");
    match refused {
        LimitError::RateLimited { retry_after } => {
            assert!(retry_after > Duration::ZERO && retry_after <= Duration::from_secs(1));
        }
        other => panic!("{other:?}"),
    }
    // Another user is not slowed down by Alice.
    assert_eq!(limiter.check(SAM), Ok(()));

    // After the refill interval, one more write from Alice is accepted, then refused again.
    clock.advance(Duration::from_secs(1));
    assert_eq!(limiter.check(ALICE), Ok(()));
    assert!(limiter.check(ALICE).is_err());
}

#[test]
fn the_wait_is_rounded_up_from_the_refill() {
    let clock = FakeRelativeClock::default();
    let limits = Limits {
        write_burst: NonZeroU32::new(2).unwrap(),
        write_refill: Duration::from_secs(10),
        ..Limits::default()
    };
    let limiter = WriteLimiter::with_clock(&limits, clock.clone());
    limiter.check(ALICE).unwrap();
    limiter.check(ALICE).unwrap();
    assert_eq!(
        limiter.check(ALICE).unwrap_err().to_string(),
        "Slow down a little: try again in 10 s."
    );
    clock.advance(Duration::from_millis(6_500));
    assert_eq!(
        limiter.check(ALICE).unwrap_err().to_string(),
        "Slow down a little: try again in 4 s."
    );
    clock.advance(Duration::from_millis(3_500));
    assert_eq!(limiter.check(ALICE), Ok(()));
}

#[test]
fn the_real_clock_refills_after_the_wait() {
    let limits = Limits {
        write_burst: NonZeroU32::new(3).unwrap(),
        write_refill: Duration::from_millis(100),
        ..Limits::default()
    };
    let limiter = WriteLimiter::new(&limits);
    for _ in 0..3 {
        limiter.check(ALICE).unwrap();
    }
    let LimitError::RateLimited { retry_after } = limiter.check(ALICE).unwrap_err() else {
        panic!("expected a rate limit");
    };
    std::thread::sleep(retry_after + Duration::from_millis(5));
    assert_eq!(limiter.check(ALICE), Ok(()));
}

#[test]
fn idle_users_are_forgotten() {
    let clock = FakeRelativeClock::default();
    let limiter = WriteLimiter::with_clock(&Limits::default(), clock.clone());
    for user in 0..1_000u64 {
        limiter.check(user).unwrap();
    }
    limiter.check(ALICE).unwrap();
    assert_eq!(limiter.len(), 1_001);
    // One write costs one refill interval; after it, those users' allowance is full again.
    clock.advance(Duration::from_secs(2));
    limiter.retain_recent();
    assert!(limiter.is_empty(), "{} users kept", limiter.len());
    // A user who is still being slowed down is kept.
    for _ in 0..21 {
        let _ = limiter.check(SAM);
    }
    clock.advance(Duration::from_secs(2));
    limiter.retain_recent();
    assert_eq!(limiter.len(), 1);
}

#[tokio::test]
async fn the_sweeper_runs_until_the_limiter_is_dropped() {
    let clock = FakeRelativeClock::default();
    let limiter = Arc::new(WriteLimiter::with_clock(&Limits::default(), clock.clone()));
    limiter.check(ALICE).unwrap();
    clock.advance(Duration::from_secs(5));
    let sweeper = spawn_sweeper(&limiter, Duration::from_millis(10));
    tokio::time::timeout(Duration::from_secs(2), async {
        while !limiter.is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("swept");
    drop(limiter);
    tokio::time::timeout(Duration::from_secs(2), sweeper)
        .await
        .expect("the sweeper ends with the limiter")
        .unwrap();
}

#[test]
fn imports_are_bounded() {
    let limits = Limits::default();
    assert_eq!(check_import_bytes(2 * 1024 * 1024, &limits), Ok(()));
    let too_big = check_import_bytes(2 * 1024 * 1024 + 1, &limits).unwrap_err();
    assert!(
        too_big.to_string().contains("the limit is 2 MiB"),
        "{too_big}"
    );
    assert_eq!(check_import_rows(20_000, &limits), Ok(()));
    let too_many = check_import_rows(20_001, &limits).unwrap_err();
    assert!(too_many.to_string().contains("20001 rows"), "{too_many}");
}
