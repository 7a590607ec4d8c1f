//! Table-driven tests: every line of `tests/fixtures/messages.tsv` and every `/help` example.
//!
//! Fixture notation (one case per line, tab-separated: message, expectation, optional context):
//! - message: `\n` stands for a line break.
//! - expectation: `!kind` for a refusal (`!no_amount`, `!not_expense`, `!ambiguous`, `!too_large`,
//!   `!too_precise`, `!zero`, `!invalid_date`, `!empty`, `!too_long`), `!silent` for a message
//!   that gets silence in a household channel (chatter the grammar may read), or entries joined by ` || `,
//!   each a list of `key=value` (values with spaces in double quotes):
//!   `amount` (required), `cur` (ISO code written; default none), `kind` (default expense),
//!   `date` (default today), `desc` (checked when given), `tags` (comma list; default none),
//!   `cat` (default none), `note` (default none), `rec` (the cadence's text form, like
//!   `monthly` or `"every 2 weeks"`; default none), `until` (the end date; default none),
//!   `split` (`with:a,b;shares:60,40;ways:3;behalf`; default none), `mentions` (comma list, when given).
//! - context: space-separated `dmy`, `cur=EUR`, `today=2026-01-05`, `household` (the entries
//!   must also be recorded, not met with silence, in a household channel); defaults: today
//!   2026-11-24 (a Tuesday), UTC, USD, month-first, any channel.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tally::model::{DateFormat, EntryKind};
use tally::money::Currency;
use tally::parser::examples::EXAMPLES;
use tally::parser::{Channel, Context, Intent, ParsedEntry, Verdict, parse, read};

const FIXTURES: &str = include_str!("../fixtures/messages.tsv");

fn context(options: &str) -> Context {
    let mut ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    };
    for opt in options.split_whitespace() {
        match opt.split_once('=') {
            None if opt == "dmy" => ctx.date_format = DateFormat::Dmy,
            Some(("cur", c)) => ctx.default_currency = Currency::parse(c).unwrap(),
            Some(("today", d)) => ctx.today = d.parse().unwrap(),
            _ => panic!("unknown fixture option {opt:?}"),
        }
    }
    ctx
}

/// `key=value key="two words"` → pairs.
fn fields(spec: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = spec.trim();
    while !rest.is_empty() {
        let (key, after) = rest
            .split_once('=')
            .unwrap_or_else(|| panic!("bad field in {spec:?}"));
        let (value, after) = if let Some(q) = after.strip_prefix('"') {
            let end = q
                .find('"')
                .unwrap_or_else(|| panic!("unclosed quote in {spec:?}"));
            (&q[..end], &q[end + 1..])
        } else {
            after.split_once(' ').unwrap_or((after, ""))
        };
        out.push((key.trim().to_string(), value.to_string()));
        rest = after.trim_start();
    }
    out
}

fn render_split(e: &ParsedEntry) -> Option<String> {
    let s = e.split.as_ref()?;
    let mut parts = Vec::new();
    if !s.with.is_empty() {
        let names: Vec<&str> = s.with.iter().map(|m| m.name.as_str()).collect();
        parts.push(format!("with:{}", names.join(",")));
    }
    if let Some(sh) = &s.shares {
        let sh: Vec<String> = sh.iter().map(u32::to_string).collect();
        parts.push(format!("shares:{}", sh.join(",")));
    }
    if let Some(w) = s.ways {
        parts.push(format!("ways:{w}"));
    }
    if s.on_behalf {
        parts.push("behalf".into());
    }
    Some(parts.join(";"))
}

/// The entry in fixture notation (shown when a case fails).
fn render(e: &ParsedEntry) -> String {
    let mut s = format!("amount={}", e.amount.value());
    if let Some(c) = e.currency {
        s += &format!(" cur={c}");
    }
    if e.kind == EntryKind::Income {
        s += " kind=income";
    }
    s += &format!(" date={} desc=\"{}\"", e.date, e.description);
    if !e.tags.is_empty() {
        s += &format!(" tags={}", e.tags.join(","));
    }
    if let Some(c) = &e.category {
        s += &format!(" cat=\"{c}\"");
    }
    if let Some(n) = &e.note {
        s += &format!(" note=\"{n}\"");
    }
    if let Some(r) = e.recurrence {
        s += &format!(" rec=\"{r}\"");
    }
    if let Some(u) = e.until {
        s += &format!(" until={u}");
    }
    if let Some(sp) = render_split(e) {
        s += &format!(" split=\"{sp}\"");
    }
    if !e.mentions.is_empty() {
        let m: Vec<&str> = e.mentions.iter().map(|m| m.name.as_str()).collect();
        s += &format!(" mentions={}", m.join(","));
    }
    s
}

fn check_entry(e: &ParsedEntry, spec: &str, ctx: &Context) -> Result<(), String> {
    let f = fields(spec);
    let get = |k: &str| f.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let known = [
        "amount", "cur", "kind", "date", "desc", "tags", "cat", "note", "rec", "until", "split",
        "mentions",
    ];
    if let Some((k, _)) = f.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        return Err(format!("unknown key {k}"));
    }
    let want_amount = Decimal::from_str(get("amount").ok_or("no amount= in expectation")?)
        .map_err(|e| e.to_string())?;
    let mut bad = Vec::new();
    if e.amount.value() != want_amount {
        bad.push("amount");
    }
    if e.currency.map(|c| c.code().to_string()).as_deref() != get("cur") {
        bad.push("cur");
    }
    if e.kind.as_str() != get("kind").unwrap_or("expense") {
        bad.push("kind");
    }
    let want_date = get("date").map_or(ctx.today, |d| d.parse().unwrap());
    if e.date != want_date {
        bad.push("date");
    }
    if let Some(d) = get("desc")
        && e.description != d
    {
        bad.push("desc");
    }
    if e.tags.join(",") != get("tags").unwrap_or("") {
        bad.push("tags");
    }
    if e.category.as_ref().map(|c| c.as_str()) != get("cat") {
        bad.push("cat");
    }
    if e.note.as_deref() != get("note") {
        bad.push("note");
    }
    if e.recurrence.map(|r| r.to_string()).as_deref() != get("rec") {
        bad.push("rec");
    }
    if e.until.map(|u| u.to_string()).as_deref() != get("until") {
        bad.push("until");
    }
    if render_split(e).as_deref() != get("split") {
        bad.push("split");
    }
    if let Some(m) = get("mentions") {
        let names: Vec<&str> = e.mentions.iter().map(|m| m.name.as_str()).collect();
        if names.join(",") != m {
            bad.push("mentions");
        }
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("wrong {}", bad.join(", ")))
    }
}

/// Runs one case; `Err` describes the mismatch.
fn check(message: &str, expect: &str, ctx: &Context, household: bool) -> Result<(), String> {
    if expect == "!silent" {
        return match read(message, ctx) {
            v if v.silent_in(Channel::Household) => Ok(()),
            v => Err(format!(
                "wanted silence in a household channel, got {:?}",
                v.intent
            )),
        };
    }
    if household && read(message, ctx).silent_in(Channel::Household) {
        return Err("wanted it recorded in a household channel, got silence".to_string());
    }
    let result = parse(message, ctx);
    if let Some(kind) = expect.strip_prefix('!') {
        return match result {
            Err(e) if e.kind.as_str() == kind => {
                if e.message.trim().is_empty()
                    || e.span.end > message.len()
                    || e.span.start > e.span.end
                {
                    Err(format!("bad error payload {e:?}"))
                } else {
                    Ok(())
                }
            }
            Err(e) => Err(format!(
                "wanted !{kind}, got !{} ({})",
                e.kind.as_str(),
                e.message
            )),
            Ok(entries) => Err(format!(
                "wanted !{kind}, got {}",
                entries.iter().map(render).collect::<Vec<_>>().join(" || ")
            )),
        };
    }
    let entries = match result {
        Ok(entries) => entries,
        Err(e) => {
            return Err(format!(
                "wanted entries, got !{} ({})",
                e.kind.as_str(),
                e.message
            ));
        }
    };
    let specs: Vec<&str> = expect.split(" || ").collect();
    let got = entries.iter().map(render).collect::<Vec<_>>().join(" || ");
    if specs.len() != entries.len() {
        return Err(format!("wanted {} entries, got {got}", specs.len()));
    }
    for (e, spec) in entries.iter().zip(&specs) {
        if !message.is_char_boundary(e.span.start) || e.span.end > message.len() {
            return Err(format!("bad span {:?}", e.span));
        }
        check_entry(e, spec, ctx).map_err(|why| format!("{why}; got {got}"))?;
    }
    Ok(())
}

#[test]
fn fixture_table_passes() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in FIXTURES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() >= 2,
            "line {}: needs message<TAB>expectation",
            n + 1
        );
        let message = cols[0].replace("\\n", "\n").replace("\\t", "\t");
        let options = cols.get(2).copied().unwrap_or("");
        let household = options.split_whitespace().any(|o| o == "household");
        let ctx = context(&options.replace("household", ""));
        cases += 1;
        if let Err(why) = check(&message, cols[1], &ctx, household) {
            failures.push(format!("line {}: {:?}: {why}", n + 1, cols[0]));
        }
    }
    assert!(
        cases >= 300,
        "the table must hold at least 300 cases, has {cases}"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The two bars: a likely entry is recorded when sent to the bot and met with silence in a
/// household channel; an unsure one gets a hint in a DM.
#[test]
fn a_likely_entry_is_recorded_in_a_dm_and_silent_in_a_household() {
    let ctx = context("");
    let verdict = |intent| Verdict {
        result: parse("coffee 4.50", &ctx),
        intent,
    };
    let likely = verdict(Intent::Likely);
    assert!(!likely.doubted() && !likely.silent_in(Channel::Dm));
    assert!(likely.silent_in(Channel::Household));
    let sure = verdict(Intent::Expense);
    assert!(!sure.doubted() && !sure.silent_in(Channel::Household));
    let unsure = verdict(Intent::Unsure);
    assert!(unsure.doubted() && unsure.silent_in(Channel::Household));
}

/// A tag, split or schedule is syntax written only to the bot: in a DM such a message is
/// recorded however odd its words, while a household channel still wants the expense bar.
#[test]
fn a_tagged_message_is_never_doubted_in_a_dm() {
    let ctx = context("");
    for text in [
        "robert' OR 'a' = 'a' DROP TABLE entries 4.50 #test",
        "zorblax quux 12 split with @sam",
        "flibber 9 every month",
    ] {
        let v = read(text, &ctx);
        assert!(v.result.is_ok(), "{text}: {:?}", v.result);
        assert!(!v.doubted(), "{text} would get a hint instead of a record");
    }
}

/// What people send the bot directly is recorded: a DM asks first ("Record it") only when the
/// intent model doubts a message, and it may doubt at most 2 in 100 of the table's entries.
#[test]
fn entries_sent_to_the_bot_are_recorded() {
    let (mut doubted, mut all) = (Vec::new(), 0);
    for line in FIXTURES.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 2 || cols[1].starts_with('!') {
            continue;
        }
        let options = cols.get(2).copied().unwrap_or("");
        let ctx = context(&options.replace("household", ""));
        let message = cols[0].replace("\\n", "\n");
        all += 1;
        let v = read(&message, &ctx);
        if v.doubted() {
            doubted.push(cols[0]);
        }
    }
    assert!(
        doubted.len() * 100 <= all * 2,
        "{} of {all} entries would get a hint instead of a record: {doubted:?}",
        doubted.len()
    );
}

#[test]
fn help_examples_parse_as_documented() {
    let ctx = context("");
    for ex in EXAMPLES {
        assert!(!ex.meaning.is_empty());
        if let Err(why) = check(ex.input, ex.expect, &ctx, false) {
            panic!("help example {:?}: {why}", ex.input);
        }
        // What /help teaches is recorded when sent to the bot, never met with a doubt.
        let v = read(ex.input, &ctx);
        assert!(
            !v.doubted(),
            "help example {:?} would get a hint: {:?}",
            ex.input,
            v.intent
        );
    }
}

#[test]
fn refusal_kinds_say_whether_to_reply() {
    let ctx = context("");
    let ambiguous = parse("lunch 12 dinner 15", &ctx).unwrap_err();
    assert!(ambiguous.kind.deserves_hint());
    assert!(ambiguous.message.contains("12 or 15"));
    let chatter = parse("see you at 5pm", &ctx).unwrap_err();
    assert!(!chatter.kind.deserves_hint());
}
