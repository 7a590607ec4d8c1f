//! `/import` — a bank statement CSV: analyzed and previewed first, then imported on
//! confirmation in chunks, each its own transaction (`Store::record_batch`). Each row's
//! fingerprint is its source key, so re-importing the same file, an overlapping statement, or a
//! file whose import stopped halfway adds nothing twice: a re-run records the missing rows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::csvio::import::{AmountLayout, Statement, analyze, categorize};
use crate::model::{Ledger, NewEntry, Source};
use crate::money::{Amount, format_money};
use crate::ops::limits::{check_import_bytes, check_import_rows};

use super::{ButtonStyle, CommandError, Engine, Outcome, Reply, Request, Upload};

/// How long a previewed file waits for its confirmation.
const PENDING_FOR: Duration = Duration::from_secs(15 * 60);
/// Previews kept at once (oldest dropped first).
const MAX_PENDING: usize = 100;

/// A previewed file waiting for its "Import" button, in this process's memory: a restart
/// forgets it and the user uploads again.
struct Pending {
    owner: crate::model::UserId,
    ledger: Ledger,
    filename: String,
    statement: Statement,
    created: Instant,
}

#[derive(Clone, Default)]
pub(crate) struct PendingImports(Arc<Mutex<HashMap<String, Pending>>>);

impl std::fmt::Debug for PendingImports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PendingImports")
    }
}

impl PendingImports {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Pending>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn put(&self, pending: Pending) -> String {
        let mut map = self.lock();
        map.retain(|_, p| p.created.elapsed() < PENDING_FOR);
        if map.len() >= MAX_PENDING
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, p)| p.created)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        let token = Uuid::new_v4().simple().to_string();
        map.insert(token.clone(), pending);
        token
    }

    fn take(&self, token: &str) -> Option<Pending> {
        self.lock()
            .remove(token)
            .filter(|p| p.created.elapsed() < PENDING_FOR)
    }
}

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    file: Option<Upload>,
    confirm: bool,
) -> Outcome {
    let Some(file) = file else {
        return Err(CommandError::user(
            "Attach your bank statement as a CSV file to /import.",
        ));
    };
    // Size first, before any parsing: the adapter may not have checked (the console does not).
    check_import_bytes(file.bytes.len(), engine.limits())?;
    let ledger = engine.ledger_for(req).await?;
    let Upload { filename, bytes } = file;
    let filename = crate::bounds::shorten(&filename, 100);
    // Reading a file of megabytes is CPU work: off the async runtime, so heartbeats and other
    // users' messages go on meanwhile.
    let format = ledger.settings.date_format;
    let analyzed = tokio::task::spawn_blocking(move || analyze(&bytes, format))
        .await
        .map_err(|_| {
            CommandError::user(format!(
                "{filename}: I could not read that file. Nothing was imported."
            ))
        })?;
    let statement = analyzed
        .map_err(|e| CommandError::user(format!("{filename}: {e}. Nothing was imported.")))?;
    let file = Pending {
        owner: req.actor.id,
        ledger: ledger.clone(),
        filename,
        statement,
        created: Instant::now(),
    };
    let (filename, statement) = (&file.filename, &file.statement);
    check_import_rows(statement.rows.len(), engine.limits())?;
    if confirm {
        return import(engine, req, &ledger, filename, statement).await;
    }
    let preview = preview(filename, statement, &ledger);
    let rows = statement.rows.len();
    let token = engine.pending_imports.put(file);
    Ok(Reply::text(preview)
        .with_button(
            super::ButtonId::Import { token }.to_string(),
            format!("Import {rows} rows"),
            ButtonStyle::Primary,
        )
        .ephemeral(true))
}

/// The "Import" button under a preview.
pub(super) async fn press(engine: &Engine, req: &Request, token: &str) -> Outcome {
    let pending = engine
        .pending_imports
        .take(token)
        .ok_or_else(|| CommandError::user("That preview has expired: run /import again."))?;
    if pending.owner != req.actor.id {
        return Err(CommandError::user(
            "Only the person who uploaded the file can import it.",
        ));
    }
    // They may have left the household since the preview.
    engine.may_change(req, pending.ledger.id).await?;
    // The preview stays for reference; its Import button is used up (the preview is gone).
    import(
        engine,
        req,
        &pending.ledger,
        &pending.filename,
        &pending.statement,
    )
    .await
    .map(Reply::retiring_pressed)
}

fn preview(filename: &str, statement: &Statement, ledger: &Ledger) -> String {
    let layout = match statement.layout {
        AmountLayout::Signed { .. } => "one signed amount column",
        AmountLayout::DebitCredit { .. } => "debit and credit columns",
        AmountLayout::KindAndAmount { .. } => "Tally's own export",
    };
    let delimiter = match statement.delimiter {
        b'\t' => "tab".to_string(),
        d => format!("“{}”", d as char),
    };
    let mut lines = vec![format!(
        "{filename}: {} rows to import into {}, {} rejected. Delimiter {delimiter}, {}, dates as {}, {layout}.",
        statement.rows.len(),
        ledger.name,
        statement.rejected.len(),
        if statement.has_header {
            "with a header"
        } else {
            "no header"
        },
        statement.date_format,
    )];
    for row in statement.rows.iter().take(5) {
        let currency = row.currency.unwrap_or(ledger.settings.currency);
        lines.push(format!(
            "  {} · {} · {}",
            row.date,
            row.description,
            format_money(row.amount, currency)
        ));
    }
    for rejected in statement.rejected.iter().take(5) {
        lines.push(format!(
            "  line {} rejected: {}",
            rejected.line, rejected.reason
        ));
    }
    lines.push("Press Import to add them (rows already imported are skipped).".into());
    lines.join("\n")
}

async fn import(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    filename: &str,
    statement: &Statement,
) -> Outcome {
    let snapshot = engine
        .snapshot(ledger.id, super::snapshots::Freshness::Verified)
        .await?;
    let members = &snapshot.members;
    // Filing thousands of rows is CPU work: off the async runtime, like the file's analysis.
    let decisions = {
        let (snapshot, statement) = (Arc::clone(&snapshot), statement.clone());
        tokio::task::spawn_blocking(move || {
            let kit = &snapshot.kit;
            categorize(&statement, &kit.rules, &kit.model, &kit.categories)
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "categorizing an import failed");
            CommandError::user(format!(
                "{filename}: I could not file those rows. Nothing was imported."
            ))
        })?
    };
    let mut entries = Vec::with_capacity(statement.rows.len());
    let mut already_here = 0;
    let mut rejected: Vec<String> = statement
        .rejected
        .iter()
        .map(|r| format!("line {}: {}", r.line, r.reason))
        .collect();
    for (row, decision) in statement.rows.iter().zip(decisions) {
        let amount = match Amount::new(row.amount.abs()) {
            Ok(amount) => amount,
            Err(e) => {
                rejected.push(format!("line {}: {e}", row.line));
                continue;
            }
        };
        let currency = row.currency.unwrap_or(ledger.settings.currency);
        if is_own_export(engine, ledger, row, currency).await? {
            already_here += 1;
            continue;
        }
        entries.push(NewEntry {
            ledger: ledger.id,
            author: req.actor.id,
            paid_by: req.actor.id,
            amount,
            currency,
            kind: row.kind(),
            description: row.description.clone(),
            category: decision.category,
            category_source: decision.source,
            tags: row.tags.clone(),
            note: row.note.clone(),
            date: row.date,
            source: Source::ImportRow {
                fingerprint: row.fingerprint.clone(),
            },
            shares: super::split::default_shares(row.kind(), req.actor.id, ledger, members),
        });
    }
    let recorded = engine
        .store()
        .record_batch(ledger.id, &entries, req.now)
        .await?;
    let duplicates = recorded.iter().filter(|r| r.duplicate).count() + already_here;
    let mut text = format!(
        "{filename}: imported {} rows into {}, skipped {duplicates} already imported, rejected {}.",
        recorded.len() + already_here - duplicates,
        ledger.name,
        rejected.len()
    );
    for line in rejected.iter().take(10) {
        text.push_str(&format!("\n  {line}"));
    }
    if rejected.len() > 10 {
        text.push_str(&format!("\n  … and {} more", rejected.len() - 10));
    }
    Ok(Reply::text(text).ephemeral(true))
}

/// Whether `row` is this ledger's own entry coming back through its export: the export's `#n`
/// names an entry here with the same day, amount, currency and description. Such a row is the
/// entry itself (recorded from a message, a command or an earlier import), not a new one.
async fn is_own_export(
    engine: &Engine,
    ledger: &Ledger,
    row: &crate::csvio::import::StatementRow,
    currency: crate::money::Currency,
) -> Result<bool, CommandError> {
    let Some(seq) = row.exported_seq else {
        return Ok(false);
    };
    Ok(engine
        .store()
        .entry_by_seq(ledger.id, seq)
        .await?
        .is_some_and(|e| {
            e.date == row.date
                && e.amount.value() == row.amount.abs()
                && e.currency == currency
                && e.kind == row.kind()
                && e.description == row.description
        }))
}
