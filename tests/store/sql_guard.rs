//! CockroachDB's typing, guarded: the store's SQL and its decodes are scanned for constructs
//! that CockroachDB rejects or types differently from PostgreSQL, so they cannot come back.
//!
//! - integer literals, `INT`, `INTEGER` and `COUNT(*)` are INT8 there: an `i32` decode fails at
//!   run time (this is how `/healthz` was always 503 on CockroachDB: `SELECT 1` decoded as
//!   i32), and a column declared INTEGER is INT4 on PostgreSQL but INT8 on CockroachDB;
//! - no `SERIAL` (unique_rowid() there, not a sequence), sequences, triggers, stored procedures
//!   or advisory locks.
//!
//! Every rule has a sample it must catch (`every_rule_catches_its_sample`), so a rule that
//! stopped matching anything would fail rather than pass vacuously. The scan is line by line,
//! after comments are cut off (`//` in Rust, `--` in SQL).

use std::fs;
use std::path::Path;

/// One construct the store must not use: its name, why, how it is recognised in a line of
/// code (comment removed), and lines it must catch.
struct Rule {
    name: &'static str,
    why: &'static str,
    caught: fn(&str) -> bool,
    samples: &'static [&'static str],
}

/// Whether `word` occurs in `code` (case-insensitively) as a whole word: not inside a longer
/// identifier, so `SERIAL` does not match `SERIALIZABLE` nor `INT` match `BIGINT`.
fn has_word(code: &str, word: &str) -> bool {
    let upper = code.to_uppercase();
    let word = word.to_uppercase();
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    upper.match_indices(&word).any(|(at, _)| {
        let before = upper[..at].chars().next_back();
        let after = upper[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// `words` in sequence, separated by any whitespace (`CREATE  SEQUENCE`, `CREATE\tTRIGGER`).
fn has_words(code: &str, words: &[&str]) -> bool {
    let normalized = code.split_whitespace().collect::<Vec<_>>().join(" ");
    has_word(&normalized, &words.join(" "))
}

/// A `SELECT 1` whose value is returned (and so decoded), not one inside `EXISTS (…)`.
fn bare_select_one(code: &str) -> bool {
    let normalized = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = normalized.to_uppercase();
    upper.match_indices("SELECT 1").any(|(at, needle)| {
        let after = upper[at + needle.len()..].chars().next();
        let number_goes_on = after.is_some_and(|c| c.is_ascii_digit() || c == '.');
        let in_subquery = upper[..at].trim_end().ends_with('(');
        !number_goes_on && !in_subquery
    })
}

/// A Rust integer type narrower than INT8 named in a decode (`query_scalar::<_, i32>`,
/// `try_get::<i32, _>`, `let n: i32 = …`, `Option<i32>`, `(Uuid, i32)`): any mention counts,
/// since the store has no other use for one.
fn narrow_integer(code: &str) -> bool {
    ["i32", "i16", "u32>", "u16"].iter().any(|t| {
        code.match_indices(t)
            .any(|(at, _)| is_type_mention(code, at, t))
    })
}

/// `t` at `at` is the type itself, not part of a name (`as_i32_lossy` would still count:
/// the store has no such names).
fn is_type_mention(code: &str, at: usize, t: &str) -> bool {
    let before = code[..at].chars().next_back();
    let after = code[at + t.len()..].chars().next();
    let is_ident = |c: char| c.is_ascii_alphanumeric();
    !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
}

const RULES: &[Rule] = &[
    Rule {
        name: "i32 decode",
        why: "integers decode as i64 (integer literals, COUNT(*) and BIGINT are INT8 on CockroachDB)",
        caught: narrow_integer,
        samples: &[
            r#"let n: i32 = sqlx::query_scalar("SELECT count(*) FROM entries")"#,
            r#"sqlx::query_scalar::<_, i32>("SELECT version FROM ledgers")"#,
            "let seq = row.try_get::<i32, _>(0)?;",
            "let weight: i16 = row.try_get(\"weight\")?;",
        ],
    },
    Rule {
        name: "SERIAL",
        why: "UUID keys, no SERIAL (unique_rowid() on CockroachDB, not a dense sequence)",
        caught: |code| has_word(code, "SERIAL") || has_word(code, "SERIAL4"),
        samples: &["id SERIAL PRIMARY KEY,"],
    },
    Rule {
        name: "BIGSERIAL",
        why: "UUID keys, no BIGSERIAL",
        caught: |code| has_word(code, "BIGSERIAL") || has_word(code, "SERIAL8"),
        samples: &["id BIGSERIAL PRIMARY KEY,"],
    },
    Rule {
        name: "SMALLSERIAL",
        why: "UUID keys, no SMALLSERIAL",
        caught: |code| has_word(code, "SMALLSERIAL") || has_word(code, "SERIAL2"),
        samples: &["n SMALLSERIAL,"],
    },
    Rule {
        name: "CREATE SEQUENCE",
        why: "no sequences",
        caught: |code| has_words(code, &["CREATE", "SEQUENCE"]),
        samples: &[
            "CREATE SEQUENCE entry_numbers;",
            "create  sequence IF NOT EXISTS s",
        ],
    },
    Rule {
        name: "nextval",
        why: "no sequences",
        caught: |code| has_word(code, "NEXTVAL") || has_word(code, "SETVAL"),
        samples: &["SELECT nextval('entry_numbers')"],
    },
    Rule {
        name: "CREATE TRIGGER",
        why: "no triggers (CockroachDB before v24.3 has none): bump versions in the query",
        caught: |code| has_words(code, &["CREATE", "TRIGGER"]),
        samples: &["CREATE TRIGGER bump AFTER INSERT ON entries"],
    },
    Rule {
        name: "CREATE FUNCTION",
        why: "no stored procedures",
        caught: |code| {
            has_words(code, &["CREATE", "FUNCTION"])
                || has_words(code, &["CREATE", "OR", "REPLACE", "FUNCTION"])
                || has_words(code, &["CREATE", "PROCEDURE"])
        },
        samples: &["CREATE OR REPLACE FUNCTION bump() RETURNS trigger"],
    },
    Rule {
        name: "advisory lock",
        why: "no advisory locks on CockroachDB (a lease row, as migrations.rs does)",
        caught: |code| {
            code.to_lowercase().contains("pg_advisory")
                || code.to_lowercase().contains("pg_try_advisory")
        },
        samples: &[
            "SELECT pg_advisory_lock($1)",
            "SELECT pg_try_advisory_xact_lock(42)",
        ],
    },
    Rule {
        name: "INTEGER",
        why: "BIGINT, not INTEGER (INT4 on PostgreSQL, INT8 on CockroachDB)",
        caught: |code| has_word(code, "INTEGER"),
        samples: &["seq INTEGER NOT NULL,"],
    },
    Rule {
        name: "INT",
        why: "BIGINT, not INT (INT4 on PostgreSQL, INT8 on CockroachDB)",
        caught: |code| has_word(code, "INT"),
        samples: &[
            "SELECT CAST(n AS INT) FROM t",
            "ALTER TABLE t ADD COLUMN n int",
        ],
    },
    Rule {
        name: "INT4",
        why: "BIGINT, not INT4",
        caught: |code| has_word(code, "INT4") || has_word(code, "INT2"),
        samples: &["weight INT4 NOT NULL,", "SELECT $1::int4"],
    },
    Rule {
        name: "SMALLINT",
        why: "BIGINT, not SMALLINT (INT2: decodes as i16, and overflows)",
        caught: |code| has_word(code, "SMALLINT"),
        samples: &["position SMALLINT NOT NULL,"],
    },
    Rule {
        name: "bare SELECT 1",
        why: "a bare literal is INT4 on PostgreSQL and INT8 on CockroachDB: SELECT CAST(1 AS BIGINT)",
        caught: bare_select_one,
        samples: &[
            r#"sqlx::query_scalar("SELECT 1").fetch_one(pool)"#,
            r#""SELECT 1 FROM ledgers WHERE id = $1""#,
        ],
    },
];

/// Lines that must pass: the words the rules must not confuse with their targets.
const ALLOWED: &[&str] = &[
    "BEGIN ISOLATION LEVEL SERIALIZABLE",
    "seq BIGINT NOT NULL,",
    "let n: i64 = sqlx::query_scalar(\"SELECT CAST(1 AS BIGINT)\")",
    "AND NOT EXISTS (SELECT 1 FROM budgets b WHERE b.ledger_id = $1)",
    "SELECT 10 FROM t",
    "i64::from(part)",
    "unnest($1::UUID[], $2::BIGINT[])",
    "the interval between points",
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "sql") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// A line without its comment.
fn code_of(line: &str) -> &str {
    let code = line.split("//").next().unwrap_or("");
    code.split("--").next().unwrap_or("")
}

/// The rules `line` breaks.
fn broken(line: &str) -> Vec<&'static Rule> {
    let code = code_of(line);
    RULES.iter().filter(|rule| (rule.caught)(code)).collect()
}

#[test]
fn every_rule_catches_its_sample() {
    for rule in RULES {
        assert!(
            !rule.samples.is_empty(),
            "rule `{}` has a sample",
            rule.name
        );
        for sample in rule.samples {
            assert!(
                (rule.caught)(sample),
                "rule `{}` does not catch its own sample `{sample}`",
                rule.name,
            );
        }
    }
}

#[test]
fn safe_lines_pass() {
    for line in ALLOWED {
        let names: Vec<_> = broken(line).iter().map(|r| r.name).collect();
        assert!(names.is_empty(), "`{line}` was flagged by {names:?}");
    }
    assert!(
        broken("// SELECT 1 in a comment").is_empty(),
        "comments are not code"
    );
    assert!(broken("CREATE SEQUENCE s; -- then SERIAL").len() == 1);
}

#[test]
fn store_sql_stays_within_what_cockroachdb_types_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("crates/tally-store/src"), &mut files);
    sources(&root.join("migrations"), &mut files);
    assert!(files.len() > 10, "the store's sources were found");
    assert!(
        files.iter().any(|(path, _)| path.ends_with(".sql")),
        "the migrations were found"
    );
    let mut found = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            for rule in broken(line) {
                found.push(format!(
                    "{path}:{}: `{}` — {}",
                    n + 1,
                    line.trim(),
                    rule.why
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "CockroachDB hazards:\n{}",
        found.join("\n")
    );
}
