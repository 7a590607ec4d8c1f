//! What must hold after every step: totals equal their entries, nothing of anyone else
//! changed, and every reply fits Discord's limits.

use super::*;

/// How often the full (entry by entry) totals check runs.
pub(super) const FULL_CHECK_EVERY: u64 = 25;

pub(super) struct Observation {
    pub(super) ledgers: BTreeMap<String, (BTreeSet<u64>, LedgerState)>,
    pub(super) rows: i64,
}

#[derive(PartialEq, Debug, Default)]
pub(super) struct LedgerState {
    /// Count and order-sensitive sums of every field of the live entries.
    pub(super) entries: Vec<i64>,
    pub(super) members: Vec<u64>,
    pub(super) channels: Vec<u64>,
    pub(super) schedules: String,
    pub(super) settlements: i64,
    pub(super) rows: i64,
}

pub(super) async fn check_ledger_totals(store: &Store, id: LedgerId) {
    let mut sums: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    let mut page = 0;
    loop {
        let result = store
            .list_entries(id, &EntryFilter::default(), page, 100)
            .await
            .expect("list entries");
        for e in &result.entries {
            *sums
                .entry((e.currency.code().to_string(), e.kind.as_str().to_string()))
                .or_default() += e.amount.value();
        }
        if result.entries.len() < 100 {
            break;
        }
        page += 1;
    }
    let from = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let until = NaiveDate::from_ymd_opt(2200, 1, 1).unwrap();
    let mut totals: BTreeMap<(String, String), Decimal> = BTreeMap::new();
    for t in store
        .totals_by_category(id, from, until)
        .await
        .expect("totals")
    {
        *totals
            .entry((t.currency.code().to_string(), t.kind.as_str().to_string()))
            .or_default() += t.total;
    }
    sums.retain(|_, v| !v.is_zero());
    totals.retain(|_, v| !v.is_zero());
    assert_eq!(
        sums, totals,
        "ledger {id:?}: totals differ from its entries"
    );
}

/// Invariants 2 and 3.
pub(super) fn check_changes(before: &Observation, after: &Observation, actor: u64) {
    let written = after.rows - before.rows;
    assert!(
        written <= MAX_ROWS_PER_STEP,
        "one step wrote {written} rows"
    );
    for (id, (members, state)) in &before.ledgers {
        // The bot itself (a job tick) may write anywhere.
        if actor == 0 || members.contains(&actor) {
            continue;
        }
        let Some((_, now)) = after.ledgers.get(id) else {
            continue;
        };
        // Joining with a code or an invitation adds the actor themself: that is theirs to do.
        let mut now_members = now.members.clone();
        now_members.retain(|m| *m != actor);
        assert_eq!(
            (
                &state.entries,
                &state.members,
                &state.channels,
                &state.schedules,
                state.settlements
            ),
            (
                &now.entries,
                &now_members,
                &now.channels,
                &now.schedules,
                now.settlements
            ),
            "user {actor}, not a member, changed ledger {id}"
        );
    }
}

/// Invariant 5: the reply fits what Discord accepts.
pub fn check_limits(reply: &Reply) {
    assert!(
        reply.text.chars().count() <= MAX_CONTENT,
        "content of {} characters",
        reply.text.chars().count()
    );
    assert!(
        reply.fields.len() <= MAX_FIELDS,
        "{} fields",
        reply.fields.len()
    );
    for f in &reply.fields {
        assert!(
            f.name.chars().count() <= MAX_FIELD_NAME,
            "field name {}",
            f.name
        );
        assert!(
            f.value.chars().count() <= MAX_FIELD_VALUE,
            "field value of {} characters",
            f.value.chars().count()
        );
    }
    assert!(
        reply.buttons.len() <= MAX_BUTTONS,
        "{} buttons",
        reply.buttons.len()
    );
    for b in &reply.buttons {
        assert!(b.id.len() <= MAX_CUSTOM_ID, "custom_id {}", b.id);
        assert!(
            b.label.chars().count() <= MAX_BUTTON_LABEL,
            "label {}",
            b.label
        );
    }
    let rows = reply.buttons.len().div_ceil(5) + reply.selects.len();
    assert!(rows <= 5, "{rows} action rows");
    for menu in &reply.selects {
        assert!(menu.id.len() <= MAX_CUSTOM_ID, "custom_id {}", menu.id);
        assert!(
            (1..=25).contains(&menu.options.len()),
            "{} options",
            menu.options.len()
        );
        assert!(menu.options.iter().filter(|o| o.default).count() <= 1);
        for o in &menu.options {
            assert!(o.label.chars().count() <= 100, "label {}", o.label);
            assert!(
                (1..=100).contains(&o.value.chars().count()),
                "value {}",
                o.value
            );
        }
    }
    for n in &reply.notices {
        assert!(
            n.text.chars().count() <= MAX_CONTENT,
            "notice of {} characters",
            n.text.chars().count()
        );
    }
}
