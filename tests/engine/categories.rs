//! Categories end to end through the engine, on SQLite and PostgreSQL: the decision order,
//! learning per ledger, rename/merge moving entries, and imports that are idempotent and
//! all-or-nothing.

use crate::support;
use crate::support::requests;

use support::db::TestDb;
use tally::commands::{CategoryCommand, Command, Engine, ListArgs, Pressed, Request, Upload};
use tally::model::{Settings, UserId};
use tally::store::EntryFilter;

fn request(user: u64, message: u64) -> Request {
    requests::from(user, &format!("user{user}"))
        .message(message)
        .on("2026-11-24")
        .build()
}

async fn categories_of(db: &TestDb, user: u64) -> Vec<(String, String)> {
    let ledger = db
        .personal_ledger(UserId(user), "u", Settings::default(), request(user, 0).now)
        .await
        .unwrap();
    let page = db
        .list_entries(ledger.id, &EntryFilter::default(), 0, 100)
        .await
        .unwrap();
    page.entries
        .iter()
        .map(|e| (e.description.clone(), e.category.to_string()))
        .collect()
}

async fn category(engine: &Engine, user: u64, command: CategoryCommand) -> String {
    engine
        .command(&request(user, 0), Command::Category(command))
        .await
        .text
}

async fn a_correction_teaches_only_its_own_ledger(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let reply = engine.message(&request(1, 1), "zorblax 12").await;
    assert!(reply.text.contains("Other"), "{}", reply.text);
    let fixed = engine
        .command(
            &request(1, 2),
            Command::Edit {
                id: "1".into(),
                amount: None,
                description: None,
                category: Some("Entertainment".into()),
                date: None,
            },
        )
        .await;
    assert!(fixed.text.contains("Entertainment"), "{}", fixed.text);
    let again = engine.message(&request(1, 3), "zorblax 15").await;
    assert!(
        again.text.contains("Entertainment"),
        "learned at once: {}",
        again.text
    );
    let other_user = engine.message(&request(2, 4), "zorblax 15").await;
    assert!(
        other_user.text.contains("Other"),
        "another ledger did not learn: {}",
        other_user.text
    );
}

async fn the_category_button_corrects_and_teaches(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    engine.message(&request(1, 1), "quibbleshop 30").await;
    let ledger = db
        .personal_ledger(UserId(1), "u", Settings::default(), request(1, 0).now)
        .await
        .unwrap();
    let button = format!("cat:{}:1:Shopping", ledger.id);
    let stranger = engine.press(&request(2, 0), &button).await;
    assert!(stranger.text.contains("not part of"), "{}", stranger.text);
    let pressed = engine.press(&request(1, 0), &button).await;
    assert!(
        pressed.text.contains("Filed under Shopping"),
        "{}",
        pressed.text
    );
    let next = engine.message(&request(1, 2), "quibbleshop 12").await;
    assert!(
        next.text.contains("Shopping (learned from"),
        "the reply says why: {}",
        next.text
    );
    let list = engine
        .command(&request(1, 0), Command::List(ListArgs::default()))
        .await;
    assert!(
        list.text.contains("Shopping (learned)") && list.text.contains("Shopping (set by hand)"),
        "{}",
        list.text
    );
}

async fn rules_come_before_learning_and_tags_before_rules(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let text = category(
        &engine,
        1,
        CategoryCommand::Rule {
            words: "blue bottle".into(),
            category: "Groceries".into(),
        },
    )
    .await;
    assert!(text.contains("Rule added"), "{text}");
    engine.message(&request(1, 1), "blue bottle coffee 5").await;
    engine
        .message(&request(1, 2), "blue bottle coffee 5 #travel")
        .await;
    let filed = categories_of(&db, 1).await;
    assert!(
        filed.contains(&("blue bottle coffee".into(), "Groceries".into())),
        "{filed:?}"
    );
    assert!(
        filed.contains(&("blue bottle coffee".into(), "Travel".into())),
        "{filed:?}"
    );
}

/// The menu under a single recorded entry lists the ledger's categories, the current one shown
/// as chosen; a choice refiles the entry for its author alone and takes the reply's place with
/// its controls; a value the menu never offered, or several, changes nothing.
async fn the_category_menu_refiles_for_the_author_alone(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let recorded = engine.message(&request(1, 1), "zorblax 30").await;
    let [menu] = &recorded.selects[..] else {
        panic!("one menu: {recorded:?}");
    };
    assert!(menu.options.len() <= 25);
    assert_eq!(
        menu.options.iter().filter(|o| o.default).count(),
        1,
        "{menu:?}"
    );
    assert!(menu.options.iter().any(|o| o.value == "Shopping"));
    let several = engine.message(&request(1, 2), "tea 2; cake 3").await;
    assert!(several.selects.is_empty(), "a menu is for one entry");

    let stranger = engine
        .choose(&request(2, 0), &menu.id, &["Shopping".into()])
        .await;
    assert!(stranger.text.contains("not part of"), "{}", stranger.text);
    assert_eq!(stranger.pressed, Pressed::Keep);
    let unknown = engine
        .choose(&request(1, 0), &menu.id, &["Nope".into()])
        .await;
    assert_eq!(unknown.pressed, Pressed::Keep, "{}", unknown.text);
    let two = engine
        .choose(
            &request(1, 0),
            &menu.id,
            &["Shopping".into(), "Other".into()],
        )
        .await;
    assert_eq!(two.pressed, Pressed::Keep, "{}", two.text);
    let filed = categories_of(&db, 1).await;
    assert!(
        filed.contains(&("zorblax".into(), "Other".into())),
        "{filed:?}"
    );

    let chosen = engine
        .choose(&request(1, 0), &menu.id, &["Shopping".into()])
        .await;
    assert!(
        chosen.text.contains("Filed under Shopping"),
        "{}",
        chosen.text
    );
    assert_eq!(chosen.pressed, Pressed::Replace);
    assert!(chosen.buttons.iter().any(|b| b.id.starts_with("undo:")));
    let again = &chosen.selects[0];
    assert_eq!(again.id, menu.id);
    assert!(
        again
            .options
            .iter()
            .any(|o| o.default && o.value == "Shopping")
    );
    let filed = categories_of(&db, 1).await;
    assert!(
        filed.contains(&("zorblax".into(), "Shopping".into())),
        "{filed:?}"
    );
    let next = engine.message(&request(1, 3), "zorblax 12").await;
    assert!(
        next.text.contains("Shopping (learned from"),
        "{}",
        next.text
    );

    // A message that started a schedule keeps its Stop button in the refiled reply.
    let repeating = engine
        .message(&request(1, 4), "netflix 15.49 monthly")
        .await;
    let chosen = engine
        .choose(
            &request(1, 0),
            &repeating.selects[0].id,
            &["Entertainment".into()],
        )
        .await;
    assert!(
        chosen.text.contains("Filed under Entertainment"),
        "{}",
        chosen.text
    );
    assert!(
        chosen
            .buttons
            .iter()
            .any(|b| b.id.starts_with("recur:stop:")),
        "{:?}",
        chosen.buttons
    );
}

async fn rename_and_merge_move_entries(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    engine
        .message(&request(1, 1), "groceries 20 #groceries")
        .await;
    engine.message(&request(1, 2), "pizza 12 #dining").await;
    // A deleted entry moves with its category but is not counted as moved.
    engine.message(&request(1, 3), "bread 3 #groceries").await;
    engine.command(&request(1, 4), Command::Undo).await;
    let renamed = category(
        &engine,
        1,
        CategoryCommand::Rename {
            from: "Groceries".into(),
            to: "Food at home".into(),
        },
    )
    .await;
    assert!(renamed.contains("(1 entry moved)"), "{renamed}");
    let filed = categories_of(&db, 1).await;
    assert!(
        filed.contains(&("groceries".into(), "Food at home".into())),
        "{filed:?}"
    );
    let merged = category(
        &engine,
        1,
        CategoryCommand::Merge {
            from: "Dining".into(),
            into: "Food at home".into(),
        },
    )
    .await;
    assert!(merged.contains("(1 entry moved)"), "{merged}");
    let filed = categories_of(&db, 1).await;
    assert!(filed.iter().all(|(_, c)| c == "Food at home"), "{filed:?}");
    let list = engine
        .command(&request(1, 0), Command::Category(CategoryCommand::List))
        .await;
    let names = &list.fields[0].value;
    assert!(
        names.contains("Food at home") && !names.contains("Dining") && !names.contains("Groceries"),
        "{names}"
    );
    // Another ledger keeps the default taxonomy.
    let theirs = engine
        .command(&request(2, 0), Command::Category(CategoryCommand::List))
        .await;
    assert!(theirs.fields[0].value.contains("Dining"));
}

fn upload(name: &str, text: &str) -> Option<Upload> {
    Some(Upload {
        filename: name.into(),
        bytes: text.as_bytes().to_vec(),
    })
}

async fn imports_are_idempotent_across_overlapping_statements(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let october = "Date,Description,Amount\n2026-10-01,NETFLIX.COM,-15.49\n2026-10-02,WOOLWORTHS SANDTON,-82.10\n2026-10-25,SALARY ACME,2500.00\n";
    let overlap =
        "Date,Description,Amount\n2026-10-25,SALARY ACME,2500.00\n2026-11-01,NETFLIX.COM,-15.49\n";
    let preview = engine
        .command(
            &request(1, 0),
            Command::Import {
                file: upload("oct.csv", october),
                confirm: false,
            },
        )
        .await;
    assert!(preview.text.contains("3 rows"), "{}", preview.text);
    assert!(
        categories_of(&db, 1).await.is_empty(),
        "a preview imports nothing"
    );
    let pressed = engine.press(&request(1, 0), &preview.buttons[0].id).await;
    assert!(pressed.text.contains("imported 3 rows"), "{}", pressed.text);
    let again = engine
        .command(
            &request(1, 0),
            Command::Import {
                file: upload("oct.csv", october),
                confirm: true,
            },
        )
        .await;
    assert!(
        again.text.contains("imported 0 rows") && again.text.contains("skipped 3"),
        "{}",
        again.text
    );
    let next = engine
        .command(
            &request(1, 0),
            Command::Import {
                file: upload("nov.csv", overlap),
                confirm: true,
            },
        )
        .await;
    assert!(
        next.text.contains("imported 1 rows") && next.text.contains("skipped 1"),
        "{}",
        next.text
    );
    let filed = categories_of(&db, 1).await;
    assert_eq!(filed.len(), 4);
    assert!(
        filed.contains(&("NETFLIX.COM".into(), "Subscriptions".into())),
        "{filed:?}"
    );
    assert!(
        filed.contains(&("SALARY ACME".into(), "Income".into())),
        "{filed:?}"
    );
}

async fn a_malformed_file_imports_nothing(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    for (name, text) in [
        ("notes.csv", "hello world\nthis is not a statement\n"),
        (
            "quotes.csv",
            "Date,Description,Amount\n2026-10-01,\"unterminated,-3\n",
        ),
        ("empty.csv", ""),
    ] {
        let reply = engine
            .command(
                &request(1, 0),
                Command::Import {
                    file: upload(name, text),
                    confirm: true,
                },
            )
            .await;
        assert!(
            reply.ephemeral && reply.text.contains("Nothing was imported"),
            "{name}: {}",
            reply.text
        );
    }
    assert!(categories_of(&db, 1).await.is_empty());
}

async fn export_round_trips_through_import(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    engine.message(&request(1, 1), "coffee 4.50 #dining").await;
    engine.message(&request(1, 2), "+2500 salary").await;
    let export = engine
        .command(
            &request(1, 0),
            Command::Export {
                period: None,
                scope: None,
            },
        )
        .await;
    assert_eq!(export.attachments.len(), 1, "{}", export.text);
    let csv = export.attachments[0].bytes.clone();
    let reply = engine
        .command(
            &request(2, 0),
            Command::Import {
                file: Some(Upload {
                    filename: "export.csv".into(),
                    bytes: csv,
                }),
                confirm: true,
            },
        )
        .await;
    assert!(reply.text.contains("imported 2 rows"), "{}", reply.text);
    let mut mine = categories_of(&db, 1).await;
    let mut theirs = categories_of(&db, 2).await;
    mine.sort();
    theirs.sort();
    assert_eq!(mine, theirs);
}

on_both_backends!(
    a_correction_teaches_only_its_own_ledger,
    rules_come_before_learning_and_tags_before_rules,
    the_category_button_corrects_and_teaches,
    the_category_menu_refiles_for_the_author_alone,
    rename_and_merge_move_entries,
    imports_are_idempotent_across_overlapping_statements,
    a_malformed_file_imports_nothing,
    export_round_trips_through_import,
);
