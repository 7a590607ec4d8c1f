//! `/delete id:12` — remove an entry.

use super::{Engine, Outcome, Reply, Request, format, shows_privately};

pub(super) async fn run(engine: &Engine, req: &Request, id: &str) -> Outcome {
    let (ledger, entry) = engine.find_entry(req, id).await?;
    engine
        .store()
        .delete_entry(entry.id, req.now, crate::store::Removal::Deleted)
        .await?;
    let private = shows_privately(req, &ledger);
    Ok(Reply::text(format!("Deleted {}", format::entry_line(&entry))).ephemeral(private))
}
