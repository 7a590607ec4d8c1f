use super::{ParseError, ParsedEntry};

pub fn json_line(result: &Result<Vec<ParsedEntry>, ParseError>) -> String {
    match result {
        Ok(entries) => {
            let entries: Vec<_> = entries
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "amount": e.amount.value().to_string(),
                        "currency": e.currency.map(|c| c.code().to_string()),
                        "kind": e.kind.as_str(),
                        "date": e.date.to_string(),
                        "description": e.description,
                        "category": e.category.as_ref().map(|c| c.as_str().to_string()),
                        "tags": e.tags,
                    })
                })
                .collect();
            serde_json::json!({"ok": true, "entries": entries}).to_string()
        }
        Err(e) => serde_json::json!({"ok": false, "error": e.message}).to_string(),
    }
}
