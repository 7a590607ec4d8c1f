//! Console transcripts of the main user journeys, as snapshot tests: what a person types and
//! exactly what Tally answers. A change of wording, of a figure or of a button shows up here as
//! a reviewed diff (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test engine transcripts::`
//! and read the `.snap` changes), never silently.
//!
//! Each journey runs on a fresh embedded database with "today" fixed, so the transcript is the
//! same on every machine; the output folder's temporary path is written as `<out>`.

use tally::commands::Engine;
use tally::console::Console;
use tally::model::Settings;
use tally::store::Store;

/// Runs `script` (one line per input line; `:user NAME` switches who types) and returns the
/// whole transcript, input lines marked with `> `.
async fn transcript(script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("tally.db").display());
    let out = dir.path().join("out");
    let store = Store::open(Some(&url)).await.unwrap();
    let mut console = Console::new(
        Engine::new(store.clone(), Settings::default()),
        out.clone(),
        "alice",
    );
    console.set_today(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let mut shown = String::new();
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut printed = Vec::new();
        let go_on = console.handle_line(line, &mut printed).await.unwrap();
        shown.push_str(&format!("> {line}\n"));
        shown.push_str(&String::from_utf8(printed).unwrap());
        if !go_on {
            break;
        }
    }
    store.close().await;
    redact_codes(&shown.replace(&out.display().to_string(), "<out>"))
}

/// Invite codes are random (80 bits): each `XXXX-XXXX-XXXX-XXXX` is written `<code>`.
fn redact_codes(text: &str) -> String {
    let is_code = |w: &str| {
        w.len() == 19
            && w.char_indices().all(|(i, c)| {
                if i % 5 == 4 {
                    c == '-'
                } else {
                    c.is_ascii_uppercase() || c.is_ascii_digit()
                }
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let candidate = rest.get(..19).unwrap_or("");
        if is_code(candidate) {
            out.push_str("<code>");
            rest = &rest[19..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[tokio::test]
async fn a_personal_month() {
    insta::assert_snapshot!(
        transcript(
            "coffee 4.50
             groceries 82.10 yesterday #food
             +2500 salary
             lunch 12 and bus 2.75
             uber 18 on friday
             /list
             /edit id:1 amount:5
             /undo
             /budget set category:Groceries amount:300
             /budget show
             /category rule words:uber category:Transport
             /summary
             /export period:month"
        )
        .await
    );
}

#[tokio::test]
async fn a_household_splits_and_settles() {
    insta::assert_snapshot!(
        transcript(
            ":channel kitchen
             /household create name:Flat 3B
             /household bind
             :user sam
             /household members
             :user alice
             /household invite user:@sam
             :user sam
             :press 1
             dinner 60 split
             :user alice
             groceries 45 split with @sam
             /settle
             :press 1
             /settle"
        )
        .await
    );
}

#[tokio::test]
async fn repeating_entries() {
    insta::assert_snapshot!(
        transcript(
            "rent 1200 monthly on the 1st
             netflix 15.49 every month
             gym 30 every 2 weeks until march
             /recurring list
             /recurring pause 2
             /recurring list
             /forecast"
        )
        .await
    );
}

#[tokio::test]
async fn what_it_refuses_and_how() {
    insta::assert_snapshot!(
        transcript(
            "coffee
             coffee 4 or 5
             lunch 12 on 2026-02-30
             /edit id:7 amount:1
             /summary period:-200000-01-01..2026-01-01
             /summary period:+10000-01-01..+262142-12-30
             /recurring add text:\"rent 1 daily\" starting:0001-01-01
             /household create name:[Verify](https://evil.example)
             /budget set category:Dining amount:-5
             /list page:0
             /nope
             what did I spend on coffee?"
        )
        .await
    );
}
