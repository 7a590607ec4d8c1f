//! CockroachDB's typing, guarded: the store's SQL and its decodes are scanned for constructs
//! that CockroachDB rejects or types differently from PostgreSQL, so they cannot come back.
//!
//! - integer literals and `COUNT(*)` are INT8 there: an `i32` decode fails at run time (this is
//!   how `/healthz` was always 503 on CockroachDB: `SELECT 1` decoded as i32);
//! - no `SERIAL`, sequences, triggers, stored procedures or advisory locks.

use std::fs;
use std::path::Path;

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

#[test]
fn store_sql_stays_within_what_cockroachdb_types_the_same() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src/store"), &mut files);
    sources(&root.join("migrations"), &mut files);
    assert!(files.len() > 10, "the store's sources were found");
    let forbidden: &[(&str, &str)] = &[
        ("i32", "integers decode as i64 (INT8 on CockroachDB)"),
        ("u32>", "integers decode as i64 (INT8 on CockroachDB)"),
        ("SERIAL", "UUID keys, no SERIAL"),
        ("NEXTVAL", "no sequences"),
        ("CREATE SEQUENCE", "no sequences"),
        ("CREATE TRIGGER", "no triggers"),
        ("CREATE FUNCTION", "no stored procedures"),
        ("CREATE PROCEDURE", "no stored procedures"),
        ("PG_ADVISORY", "no advisory locks on CockroachDB"),
        (
            "INTEGER",
            "BIGINT, not INTEGER (INT4 on PostgreSQL, INT8 on CockroachDB)",
        ),
        (" INT ", "BIGINT, not INT"),
        (
            "SELECT 1\"",
            "a bare literal is INT4 on PostgreSQL and INT8 on CockroachDB",
        ),
    ];
    let mut found = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let code = code.split("--").next().unwrap_or("");
            let upper = code.to_uppercase();
            for (needle, why) in forbidden {
                let hit = if needle.chars().any(char::is_lowercase) {
                    code.contains(needle)
                } else {
                    // A whole word: SERIAL, not "serializable".
                    upper.match_indices(needle).any(|(at, _)| {
                        let after = upper[at + needle.len()..].chars().next();
                        !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                    })
                };
                if hit {
                    found.push(format!("{path}:{}: `{}` — {why}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "CockroachDB hazards:\n{}",
        found.join("\n")
    );
}
