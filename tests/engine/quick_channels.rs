//! Chatter in a household channel gets silence; in a DM an unsure message is not recorded
//! silently but answered with a "Record it" button (issue 18). SQLite only: the store is not
//! what is under test.

use crate::support;
use crate::support::requests;

use tally::commands::{Engine, Request};
use tally::console::parse_slash;
use tally::model::Settings;

const ALICE: u64 = 1001;
const HOME: u64 = 501;

fn req(channel: u64, message: u64) -> Request {
    requests::from(ALICE, "alice")
        .place(channel)
        .message(message)
        .on("2026-11-24")
        .build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn household_chatter_is_silent_and_a_dm_asks_first() {
    let db = support::db::sqlite().await;
    let engine = Engine::new(db.store.clone(), Settings::default());
    let mut id = 0;
    let mut next = || {
        id += 1;
        id
    };
    engine
        .command(
            &req(0, next()),
            parse_slash("/household create Home").unwrap(),
        )
        .await;
    engine
        .command(&req(HOME, next()), parse_slash("/household bind").unwrap())
        .await;
    for chatter in ["back in 15", "door code is 2580", "set the heating to 21"] {
        let reply = engine.message(&req(HOME, next()), chatter).await;
        assert!(reply.silent, "{chatter}: {}", reply.text);
    }
    let recorded = engine.message(&req(HOME, next()), "6 donuts 9").await;
    assert_eq!(recorded.reaction, Some('✅'), "{}", recorded.text);
    // A DM: the unsure message is not recorded, and the button records it.
    let message = next();
    let asked = engine.message(&req(0, message), "back in 15").await;
    assert!(!asked.silent && asked.reaction.is_none(), "{}", asked.text);
    let button = asked.buttons.first().expect("a Record it button");
    assert_eq!(button.id, format!("rec:{message}:back in 15"));
    let pressed = engine.press(&req(0, next()), &button.id).await;
    assert!(pressed.text.contains("15"), "{}", pressed.text);
    // A double press records it once: it is keyed by the message, not by the press.
    let again = engine.press(&req(0, next()), &button.id).await;
    assert!(!again.text.starts_with("Recorded"), "{}", again.text);
    let list = engine
        .command(&req(0, next()), parse_slash("/list").unwrap())
        .await;
    assert_eq!(list.text.matches("$15.00").count(), 1, "{}", list.text);
}
