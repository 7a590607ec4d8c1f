//! Small parsers for what the bot uploads: multipart bodies and percent-encoded paths.

use super::*;

// ----- small parsers -------------------------------------------------------------------------

/// Splits a `multipart/form-data` body into its `payload_json` and its files.
pub(super) fn parse_multipart(content_type: &str, body: &[u8]) -> (Option<Value>, Vec<FilePart>) {
    let Some(boundary) = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_string())
    else {
        return (None, Vec::new());
    };
    let delimiter = format!("--{boundary}");
    let mut json = None;
    let mut files = Vec::new();
    for section in split_bytes(body, delimiter.as_bytes()).into_iter().skip(1) {
        if section.starts_with(b"--") {
            break;
        }
        let section = section.strip_prefix(b"\r\n").unwrap_or(section);
        let Some(split) = find_bytes(section, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&section[..split]).to_string();
        let data = &section[split + 4..];
        let data = data.strip_suffix(b"\r\n").unwrap_or(data);
        let name = header_param(&head, "name").unwrap_or_default();
        let content_type = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("Content-Type:")
                    .or_else(|| l.strip_prefix("content-type:"))
            })
            .map(|v| v.trim().to_string());
        match header_param(&head, "filename") {
            Some(filename) => files.push(FilePart {
                field: name,
                filename,
                content_type,
                bytes: data.to_vec(),
            }),
            None if name == "payload_json" => json = serde_json::from_slice(data).ok(),
            None => {}
        }
    }
    (json, files)
}

/// `name="value"` from a part's headers.
pub(super) fn header_param(head: &str, param: &str) -> Option<String> {
    let needle = format!("{param}=\"");
    head.split(';').find_map(|piece| {
        let piece = piece.trim();
        let rest = piece.strip_prefix(&needle)?;
        Some(rest.split('"').next().unwrap_or_default().to_string())
    })
}

pub(super) fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub(super) fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut rest = haystack;
    while let Some(at) = find_bytes(rest, needle) {
        pieces.push(&rest[..at]);
        rest = &rest[at + needle.len()..];
    }
    pieces.push(rest);
    pieces
}

pub(super) fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&path[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}
