//! The authorization matrix: every command and every button Tally makes, tried by the
//! household's owner, a member, a former member, an outsider and another household's owner, in
//! the household's channel, the other household's channel, an unbound channel and a DM.
//!
//! After every single step the whole state of every ledger is read back through the store, and
//! - no ledger the actor was not a member of (at that moment) has changed,
//! - no owner-only action changed a household for anyone but its owner,
//! - no reply showed text from a ledger the actor was not a member of.
//!
//! The buttons are not written by hand: they are every button of every reply the world's
//! setup produced (undo, settle, schedule, import, join, paging …), and a choice from every menu
//! (the category menu), so a new kind is in the matrix the day it first appears in a reply.

use crate::support;
use crate::support::requests;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, TimeZone, Utc};
use support::db::TestDb;
use tally::commands::{Command, Engine, HouseholdCommand, Reply, Request, Upload};
use tally::console::parse_slash;
use tally::model::{HouseholdId, LedgerId, Settings, UserId};
use tally::parser::Mention;
use tally::store::{EntryFilter, Store};

const ALICE: u64 = 9101;
const SAM: u64 = 9102;
const DAVE: u64 = 9103;
const CAROL: u64 = 9104;
const BOB: u64 = 9105;
/// Invited to Home but never answers: the invitation's Join button is live for nobody here.
const NOBODY: u64 = 9199;

const HOME: u64 = 901;
const OTHER: u64 = 902;
const LOOSE: u64 = 903;
const DM: u64 = 0;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn name(user: u64) -> &'static str {
    match user {
        ALICE => "alice",
        SAM => "sam",
        DAVE => "dave",
        CAROL => "carol",
        BOB => "bob",
        _ => "nobody",
    }
}

fn req(user: u64, channel: u64, message: bool) -> Request {
    let request = requests::from(user, name(user)).place(channel).at(now());
    if message {
        request.build()
    } else {
        request.interaction().build()
    }
}

/// One thing a user can do.
#[derive(Clone, Debug)]
enum Action {
    Message(&'static str),
    Slash(String),
    Command(Command),
    Press(String),
    /// A menu's id and the value chosen from it.
    Choose(String, String),
}

impl Action {
    async fn run(&self, engine: &Engine, user: u64, channel: u64) -> Reply {
        match self {
            Action::Message(text) => engine.message(&req(user, channel, true), text).await,
            Action::Slash(line) => {
                let command = parse_slash(line).unwrap_or_else(|e| panic!("{line}: {e}"));
                engine.command(&req(user, channel, false), command).await
            }
            Action::Command(command) => {
                engine
                    .command(&req(user, channel, false), command.clone())
                    .await
            }
            Action::Press(id) => engine.press(&req(user, channel, false), id).await,
            Action::Choose(id, value) => {
                engine
                    .choose(&req(user, channel, false), id, std::slice::from_ref(value))
                    .await
            }
        }
    }

    /// Actions only a household's owner may take (bind and unbind here: the console grants
    /// Manage Channels to nobody).
    fn owner_only(&self) -> bool {
        let Action::Slash(line) = self else {
            return false;
        };
        [
            "/household remove",
            "/household code",
            "/household bind",
            "/household unbind",
        ]
        .iter()
        .any(|prefix| line.starts_with(prefix))
    }
}

fn invite(user: u64) -> Command {
    Command::Household(HouseholdCommand::Invite {
        who: Mention {
            user: Some(UserId(user)),
            name: format!("<@{user}>"),
        },
    })
}

fn import(rows: &str, confirm: bool) -> Command {
    Command::Import {
        file: Some(Upload {
            filename: "bank.csv".into(),
            bytes: format!("date,description,amount\n{rows}").into_bytes(),
        }),
        confirm,
    }
}

/// Every word of a reply a person could read or a later press could carry.
fn everything(reply: &Reply) -> String {
    let mut text = reply.text.clone();
    for f in &reply.fields {
        text.push_str(&format!("\n{} {}", f.name, f.value));
    }
    for b in &reply.buttons {
        text.push_str(&format!("\n[{}] {}", b.id, b.label));
    }
    for menu in &reply.selects {
        text.push_str(&format!("\n[{}] {}", menu.id, menu.placeholder));
        for o in &menu.options {
            text.push_str(&format!(" {}={}", o.label, o.value));
        }
    }
    for a in &reply.attachments {
        text.push_str(&String::from_utf8_lossy(&a.bytes));
    }
    text
}

/// The world every user is tried in, and the buttons (and menu choices) its making left behind.
struct World {
    engine: Engine,
    home: HouseholdId,
    other: HouseholdId,
    buttons: BTreeSet<String>,
    /// For each menu, one choice that would change something: its first option not already
    /// chosen.
    choices: BTreeSet<(String, String)>,
}

impl World {
    async fn step(&mut self, user: u64, channel: u64, action: Action) -> Reply {
        let reply = action.run(&self.engine, user, channel).await;
        for b in &reply.buttons {
            self.buttons.insert(b.id.clone());
        }
        for menu in &reply.selects {
            if let Some(option) = menu.options.iter().find(|o| !o.default) {
                self.choices.insert((menu.id.clone(), option.value.clone()));
            }
        }
        reply
    }
}

/// Alice owns Home (bound to HOME) with sam as a member; dave joined and left; bob owns Other
/// (bound to OTHER); carol has only her own ledger. Each ledger holds a word only its people
/// may ever see.
async fn world(store: &Store) -> World {
    let engine = Engine::new(store.clone(), Settings::default());
    let mut w = World {
        engine,
        home: HouseholdId(uuid::Uuid::nil()),
        other: HouseholdId(uuid::Uuid::nil()),
        buttons: BTreeSet::new(),
        choices: BTreeSet::new(),
    };
    let slash = |line: &str| Action::Slash(line.to_string());

    w.step(ALICE, DM, Action::Message("alicesecret lunch 7"))
        .await;
    w.step(
        ALICE,
        DM,
        slash("/recurring add text:\"alicesecret gym 30 monthly\""),
    )
    .await;
    w.step(
        ALICE,
        DM,
        Action::Command(import("2026-11-20,alicesecret bank,12.00\n", false)),
    )
    .await;

    w.step(ALICE, DM, slash("/household create name:Home"))
        .await;
    w.step(ALICE, HOME, slash("/household bind")).await;
    let invitation = w.step(ALICE, HOME, Action::Command(invite(SAM))).await;
    w.engine
        .press(&req(SAM, HOME, false), &invitation.buttons[0].id)
        .await;
    w.step(ALICE, HOME, Action::Command(invite(NOBODY))).await;
    let code = w.step(ALICE, DM, slash("/household code")).await;
    let code: String = code.text[code.text.find("”: ").unwrap() + "”: ".len()..]
        .chars()
        .take(19)
        .collect();
    let joined = w
        .step(
            DAVE,
            DM,
            Action::Slash(format!("/household join code:{code}")),
        )
        .await;
    assert!(joined.text.contains("Welcome"), "{}", joined.text);
    w.step(DAVE, HOME, Action::Message("davesecret taxi 3"))
        .await;
    w.step(DAVE, DM, slash("/household leave")).await;

    w.step(ALICE, HOME, Action::Message("homesecret groceries 40"))
        .await;
    w.step(SAM, HOME, Action::Message("homesecret dinner 60"))
        .await;
    w.step(
        ALICE,
        HOME,
        slash("/recurring add text:\"homesecret rent 900 monthly\""),
    )
    .await;
    w.step(
        ALICE,
        HOME,
        slash("/budget set category:Groceries amount:300"),
    )
    .await;
    w.step(
        ALICE,
        HOME,
        slash("/category rule words:homesecret category:Groceries"),
    )
    .await;
    w.step(ALICE, HOME, slash("/settle")).await;
    w.step(ALICE, HOME, slash("/list")).await;
    w.step(ALICE, HOME, slash("/recurring list")).await;
    w.step(
        ALICE,
        HOME,
        Action::Command(import("2026-11-21,homesecret bank,15.00\n", false)),
    )
    .await;
    for day in 1..=12 {
        // Enough entries that /list pages.
        let text: &'static str = Box::leak(format!("homesecret snack {day}").into_boxed_str());
        w.step(ALICE, HOME, Action::Message(text)).await;
    }
    w.step(ALICE, HOME, slash("/list")).await;
    // Words of three categories at once: the categorizer asks, with a button per category.
    w.step(ALICE, HOME, Action::Message("train ticket coffee 6"))
        .await;

    w.step(BOB, DM, Action::Message("bobsecret lunch 4")).await;
    w.step(BOB, DM, slash("/household create name:Other")).await;
    w.step(BOB, OTHER, slash("/household bind")).await;
    w.step(BOB, OTHER, Action::Message("othersecret pizza 9"))
        .await;
    w.step(
        BOB,
        OTHER,
        slash("/recurring add text:\"othersecret rent 500 monthly\""),
    )
    .await;

    let households = |user: u64| {
        let store = store.clone();
        async move { store.households_of(UserId(user)).await.unwrap() }
    };
    w.home = households(ALICE).await[0].id;
    w.other = households(BOB).await[0].id;
    w
}

/// Everything a ledger holds, read through the store: entries with every field, schedules,
/// budgets, rules, categories, aliases, corrections, settlements, its settings and version;
/// for a household also members, channels and invite code.
async fn ledger_state(store: &Store, id: LedgerId) -> String {
    let mut state = format!("{:?}\n", store.ledger_with_version(id).await.unwrap());
    let mut page = 0;
    loop {
        let found = store
            .list_entries(id, &EntryFilter::default(), page, 100)
            .await
            .unwrap();
        for e in &found.entries {
            state.push_str(&format!("{e:?}\n"));
        }
        if found.entries.len() < 100 {
            break;
        }
        page += 1;
    }
    state.push_str(&format!("{:?}\n", store.schedules(id).await.unwrap()));
    state.push_str(&format!("{:?}\n", store.budgets(id).await.unwrap()));
    state.push_str(&format!("{:?}\n", store.rules(id).await.unwrap()));
    state.push_str(&format!(
        "{:?}\n",
        store.ledger_categories(id).await.unwrap()
    ));
    state.push_str(&format!("{:?}\n", store.aliases(id).await.unwrap()));
    state.push_str(&format!("{:?}\n", store.corrections(id).await.unwrap()));
    state.push_str(&format!("{:?}\n", store.settlements(id).await.unwrap()));
    state
}

async fn household_state(store: &Store, h: HouseholdId) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}",
        store.household(h).await.unwrap(),
        store.members(h).await.unwrap(),
        store.household_channels(h).await.unwrap(),
        store.current_invite_code(h, now()).await.unwrap(),
    )
}

/// The state of the world: per ledger, who may change it, what only they may see, and what
/// it holds.
struct Snapshot {
    ledgers: BTreeMap<&'static str, (BTreeSet<u64>, String)>,
    /// Owner-only state of each household (members, channels, invite code, settings).
    households: BTreeMap<&'static str, (u64, String)>,
}

/// The word each ledger keeps to itself.
const SECRETS: [(&str, &str); 5] = [
    ("home", "homesecret"),
    ("home", "davesecret"),
    ("alice", "alicesecret"),
    ("other", "othersecret"),
    ("bob", "bobsecret"),
];

async fn snapshot(w: &World) -> Snapshot {
    let store = w.engine.store();
    let mut ledgers = BTreeMap::new();
    for (label, user) in [
        ("alice", ALICE),
        ("bob", BOB),
        ("carol", CAROL),
        ("dave", DAVE),
        ("sam", SAM),
    ] {
        if let Some(l) = store.existing_personal_ledger(UserId(user)).await.unwrap() {
            ledgers.insert(
                label,
                (BTreeSet::from([user]), ledger_state(store, l.id).await),
            );
        }
    }
    let mut households = BTreeMap::new();
    for (label, h, owner) in [("home", w.home, ALICE), ("other", w.other, BOB)] {
        let household = store.household(h).await.unwrap().unwrap();
        let members = store
            .members(h)
            .await
            .unwrap()
            .into_iter()
            .map(|(u, _)| u.0)
            .collect();
        ledgers.insert(
            label,
            (members, ledger_state(store, household.ledger).await),
        );
        households.insert(label, (owner, household_state(store, h).await));
    }
    Snapshot {
        ledgers,
        households,
    }
}

/// Runs every action as `user` in every place, checking the three rules after each step.
/// Returns how many steps changed a ledger the user belonged to (the matrix is not vacuous).
async fn try_everything(w: &World, user: u64, actions: &[Action]) -> usize {
    let mut changed_own = 0;
    let mut before = snapshot(w).await;
    for channel in [HOME, OTHER, LOOSE, DM] {
        for action in actions {
            let reply = action.run(&w.engine, user, channel).await;
            let after = snapshot(w).await;
            let what = format!("{} in channel {channel} did {action:?}", name(user));
            for (label, (members, state)) in &before.ledgers {
                let now = &after.ledgers[label].1;
                if members.contains(&user) {
                    changed_own += usize::from(now != state);
                } else {
                    assert_eq!(state, now, "{what}: ledger {label} changed, not theirs");
                }
            }
            if action.owner_only() {
                for (label, (owner, state)) in &before.households {
                    if *owner != user {
                        assert_eq!(
                            state, &after.households[label].1,
                            "{what}: household {label} changed, only its owner may"
                        );
                    }
                }
            }
            let shown = everything(&reply);
            for (label, secret) in SECRETS {
                let allowed = before.ledgers[label].0.contains(&user);
                let echoed = matches!(action, Action::Press(id) if id.contains(secret));
                assert!(
                    allowed || echoed || !shown.contains(secret),
                    "{what}: the reply shows {secret} of {label}: {shown}"
                );
            }
            before = after;
        }
    }
    changed_own
}

fn actions(buttons: &BTreeSet<String>, choices: &BTreeSet<(String, String)>) -> Vec<Action> {
    let slash = |line: &str| Action::Slash(line.to_string());
    let mut all = vec![
        Action::Message("sneaky 5"),
        Action::Message("sneaky 10 split with @alice"),
        slash("/add text:\"sneaky 6\""),
        slash("/list"),
        slash("/list period:all page:2"),
        slash("/summary"),
        slash("/summary scope:household"),
        slash("/export period:all"),
        slash("/export period:all scope:household"),
        slash("/forecast"),
        slash("/settle"),
        slash("/budget show"),
        slash("/category list"),
        slash("/recurring list"),
        slash("/household members"),
        slash("/household settings"),
        slash("/edit id:1 amount:1"),
        slash("/edit id:2 description:changed category:Travel"),
        slash("/delete id:3"),
        slash("/undo"),
        slash("/budget set category:Dining amount:5"),
        slash("/budget clear category:Groceries"),
        slash("/category add name:Sneaky"),
        slash("/category rename from:Groceries to:Food"),
        slash("/category merge from:Dining into:Travel"),
        slash("/category remove name:Travel"),
        slash("/category alias alias:snk category:Dining"),
        slash("/category rule words:sneaky category:Dining"),
        slash("/settings currency:EUR"),
        slash("/household settings currency:JPY"),
        slash("/household invite user:@carol"),
        slash("/household remove user:@sam"),
        slash("/household code rotate"),
        slash("/household code revoke"),
        slash("/household join code:AAAA-BBBB-CCCC-DDDD"),
        slash("/settle record @alice 5"),
        slash("/recurring add text:\"sneaky 2 weekly\""),
        slash("/recurring pause 1"),
        slash("/recurring resume 1"),
        slash("/recurring edit 1 amount:1"),
        slash("/recurring delete 1"),
        slash("/summary subscribe weekly scope:household"),
        Action::Command(import("2026-11-22,sneaky import,3.00\n", true)),
        // Last: they move the channel they are typed in.
        slash("/household unbind"),
        slash("/household bind"),
    ];
    all.extend(buttons.iter().cloned().map(Action::Press));
    all.extend(
        choices
            .iter()
            .map(|(menu, value)| Action::Choose(menu.clone(), value.clone())),
    );
    all
}

/// Non-members (a former member, an outsider, another household's owner) change nothing of
/// Home or of alice's ledger, and read nothing of them; sam, a member, changes Home but
/// nothing of alice's own ledger and nothing only the owner may change.
async fn nobody_reaches_past_their_ledgers(db: TestDb) {
    for user in [DAVE, CAROL, BOB, SAM] {
        // Each user is tried in a world of their own, on a database of its own.
        let db = fresh(&db).await;
        let w = world(&db.store).await;
        let kinds: BTreeSet<&str> = w
            .buttons
            .iter()
            .chain(w.choices.iter().map(|(menu, _)| menu))
            .filter_map(|b| b.split(':').next())
            .collect();
        for kind in [
            "undo",
            "catmenu",
            "settle",
            "recur",
            "import",
            "household",
            "list",
        ] {
            assert!(
                kinds.contains(kind),
                "the world made no {kind} button: {kinds:?}"
            );
        }
        let changed_own = try_everything(&w, user, &actions(&w.buttons, &w.choices)).await;
        assert!(
            changed_own > 20,
            "{}'s own writes should have landed ({changed_own} did)",
            name(user)
        );
    }
}

/// The owner can do everything to Home, and still nothing to Other or bob's ledger.
async fn the_owner_reaches_only_their_own(db: TestDb) {
    let w = world(&db.store).await;
    let changed_own = try_everything(&w, ALICE, &actions(&w.buttons, &w.choices)).await;
    assert!(
        changed_own > 20,
        "alice's writes should have landed ({changed_own} did)"
    );
}

/// A new database on the same backend as `db`.
async fn fresh(db: &TestDb) -> TestDb {
    match db.backend() {
        tally::store::Backend::Sqlite => support::db::sqlite().await,
        tally::store::Backend::Postgres => support::db::postgres().await,
    }
}

on_both_backends!(
    nobody_reaches_past_their_ledgers,
    the_owner_reaches_only_their_own,
);
