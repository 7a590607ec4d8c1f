//! The console adapter: quick messages, slash commands, meta-commands and buttons, persisted.

use std::path::Path;

use tally::commands::Engine;
use tally::console::Console;
use tally::model::Settings;
use tally::store::Store;

async fn session(db: &Path, out: &Path, input: &str) -> String {
    let store = Store::open(Some(&format!("sqlite:{}", db.display())))
        .await
        .unwrap();
    let mut console = Console::new(
        Engine::new(store.clone(), Settings::default()),
        out.to_path_buf(),
        "alice",
    );
    console.set_today(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let mut printed = Vec::new();
    console.run(input.as_bytes(), &mut printed).await.unwrap();
    store.close().await;
    String::from_utf8(printed).unwrap()
}

#[tokio::test]
async fn entries_persist_across_sessions_and_buttons_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tally.db");
    let out = dir.path().join("out");
    let first = session(&db, &out, "coffee 4.50\n/list\n").await;
    assert!(first.contains("Recorded coffee · $4.50"), "{first}");
    assert!(first.contains("#1 · Nov 24 · coffee · $4.50"), "{first}");
    let second = session(
        &db,
        &out,
        "/list\n:user sam\n/list\n:user alice\ntea 3\n/nope\n:press 1\n/list\n:quit\nbread 2\n",
    )
    .await;
    assert!(
        second.contains("#1 · Nov 24 · coffee · $4.50"),
        "persisted: {second}"
    );
    assert!(
        second.contains("· you are now sam\nNothing recorded here yet"),
        "sam has his own ledger: {second}"
    );
    assert!(second.contains("There is no /nope command"), "{second}");
    assert!(
        second.contains("Undone: #2"),
        "the Undo button of the last recorded entry: {second}"
    );
    assert!(!second.contains("bread"), ":quit stops reading: {second}");
}

/// The category menu is one line in the console, and `:choose` picks from the last one.
#[tokio::test]
async fn the_category_menu_is_chosen_from_with_choose() {
    let dir = tempfile::tempdir().unwrap();
    let shown = session(
        &dir.path().join("tally.db"),
        &dir.path().join("out"),
        ":choose Dining\nlunch 12\n:choose Groceries\n:choose Nope\n",
    )
    .await;
    assert!(shown.contains("No menu to choose from"), "{shown}");
    assert!(
        shown.contains("[▾ Dining]  (type :choose OPTION)"),
        "{shown}"
    );
    assert!(shown.contains("Filed under Groceries"), "{shown}");
    assert!(shown.contains("[▾ Groceries]"), "the menu again: {shown}");
    assert!(
        shown.contains("Nope"),
        "an unknown category is refused: {shown}"
    );
}

#[tokio::test]
async fn household_channels_are_silent_for_chatter_and_attachments_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tally.db");
    let out = dir.path().join("out");
    let store = Store::open(Some(&format!("sqlite:{}", db.display())))
        .await
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    tally::demo::seed(&store, Settings::default(), today, chrono::Utc::now())
        .await
        .unwrap();
    store.close().await;
    let printed = session(
        &db,
        &out,
        ":channel home\nsee you at 5pm\ngroceries 40\n/summary\n",
    )
    .await;
    assert!(
        printed.contains("· (no reply)"),
        "chatter gets no reply: {printed}"
    );
    assert!(
        printed.contains("Recorded groceries · $40.00 · Groceries · Home"),
        "{printed}"
    );
    assert!(out.join("summary.png").exists(), "{printed}");
}

#[tokio::test]
async fn households_record_only_for_members() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tally.db");
    let out = dir.path().join("out");
    let created = session(
        &db,
        &out,
        ":channel flat\n/household create name:Flat 3B\n/household bind\n",
    )
    .await;
    let code = created
        .split("code:")
        .nth(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .expect("an invite code");
    assert!(created.contains("now go to “Flat 3B”"), "{created}");
    let script = format!(
        ":user bob\n:channel flat\ngroceries 20\nsee you later\n/household join code:{code}\ngroceries 20\n\
         /household members\n/summary\n/household leave\ngroceries 5\n:user alice\n:channel flat\n/list\n"
    );
    let printed = session(&db, &out, &script).await;
    let lines: Vec<&str> = printed.lines().collect();
    assert!(
        lines[2].starts_with("Not recorded: this channel belongs to the household “Flat 3B”"),
        "{printed}"
    );
    assert_eq!(
        lines[3], "· (no reply)",
        "chatter from a non-member stays silent: {printed}"
    );
    assert!(printed.contains("Welcome to “Flat 3B”"), "{printed}");
    assert!(
        printed.contains("Recorded groceries · $20.00 · Groceries · Flat 3B"),
        "{printed}"
    );
    assert!(printed.contains("“Flat 3B”: alice, bob."), "{printed}");
    assert!(
        printed.contains("Summary for November 2026 · Flat 3B"),
        "{printed}"
    );
    assert!(printed.contains("You left “Flat 3B”"), "{printed}");
    assert_eq!(
        printed.matches("Not recorded").count(),
        2,
        "after leaving, not recorded again: {printed}"
    );
    assert!(
        printed.contains(
            "#1 · Nov 24 · groceries · $20.00 · Groceries\nPage 1 of 1 · 1 entry · Flat 3B"
        ),
        "{printed}"
    );
}

#[tokio::test]
async fn two_members_split_settle_and_leave() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tally.db");
    let out = dir.path().join("out");
    let script = "/household create Flat\n/household invite @sam\n:user sam\n:press 1\n\
        :user alice\n:channel flat\n/household bind\ndinner 60.01 split with @sam\n\
        :user sam\n:channel flat\ngroceries 30\ntaxi 12 for @alice\nbeer 9 split 3 ways\n/settle\n\
        :user alice\n:channel flat\n/settle record @sam 5\n/settle\n:press 1\n\
        dessert 8 split with @sam\n:user sam\n:channel flat\n/household leave\n/settle\n\
        :user alice\n:channel flat\n/settle\n";
    let printed = session(&db, &out, script).await;
    let expect = [
        "alice invites sam to the household “Flat”",
        "sam joined “Flat”.",
        "Split: you $30.01, sam $30.00 (it doesn't divide evenly, so you pay the extra $0.01)",
        "Recorded groceries · $30.00 · Groceries · Flat",
        "Split: alice $12.00",
        "“Flat” has 2 members, so “split 3 ways” doesn't add up.",
        // alice paid 60.01 (share 30.01 + 15 + 12 = 57.01); sam paid 42 (share 45).
        "• You pay alice $3.00",
        "Recorded: You paid sam $5.00.",
        "• Sam pays you $8.00",
        "Recorded: Sam paid you $8.00.\nEveryone is square in “Flat”.",
        "You left “Flat”. Your personal ledger is unchanged. Your balance there (you owe $4.00) stays on its /settle",
        "Settling up is for households",
        "• A former member pays you $4.00",
    ];
    for line in expect {
        assert!(printed.contains(line), "missing {line:?} in:\n{printed}");
    }
}

#[tokio::test]
async fn recurring_entries_follow_the_console_clock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tally.db");
    let out = dir.path().join("out");
    let script = ":today 2027-01-31\nnetflix 15.49 monthly\n:today 2027-04-01\n/list\n\
        /recurring pause netflix\n:today 2027-06-01\n/list\n/recurring resume netflix\n\
        :today 2027-06-30\n/recurring\n:press 1\n";
    let printed = session(&db, &out, script).await;
    let expect = [
        "Repeats netflix $15.49: every month on the 31st (the last day in shorter months), next on Feb 28, 2027.",
        "· 2 recurring entries recorded",
        "#3 · Mar 31 · netflix · $15.49 · Subscriptions (recurring)",
        "#2 · Feb 28 · netflix · $15.49 · Subscriptions (recurring)",
        "Paused netflix $15.49.",
        "Resumed netflix $15.49: every month on the 31st (the last day in shorter months), next on Jun 30, 2027.",
        "· 1 recurring entry recorded",
        "1. netflix $15.49 · every month on the 31st (the last day in shorter months), next on Jul 31, 2027",
    ];
    for line in expect {
        assert!(printed.contains(line), "missing {line:?} in:\n{printed}");
    }
    assert!(!printed.contains("Apr 30 · netflix"), "paused: {printed}");
}
