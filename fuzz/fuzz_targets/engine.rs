//! Fuzz target: the engine driven as the console drives it, by three people (two households
//! and an outsider), every decision taken from the fuzzer's bytes, every invariant of
//! `tests/support/hostile/` checked after every step (no panic, bounded rows per step, no
//! change by a non-member, totals equal to the entries, replies within Discord's limits).
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none engine -- -max_len=2048`.
#![no_main]

#[path = "../../tests/support/hostile/mod.rs"]
#[allow(dead_code)]
mod hostile;
// The driver builds its requests with the tests' shared builder.
#[path = "../../tests/support/requests.rs"]
#[allow(dead_code)]
mod requests;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    runtime().block_on(async {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite:{}", dir.path().join("tally.db").display());
        let store = tally::store::Store::open(Some(&url)).await.expect("open SQLite");
        let mut driver = hostile::Driver::new(store, &url).await;
        let mut choices = hostile::Bytes(data);
        while driver.step(&mut choices).await {}
    });
});
