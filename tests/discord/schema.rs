//! The fake Discord's schema check (`tests/support/discord_schema.rs`) itself: what Discord's
//! published API schema rejects is reported with its method, path and field; a valid request
//! is not.

use crate::support;

use serde_json::{Value, json};
use support::discord_schema::{Request, Violation, check};

const MESSAGES: &str = "/api/v10/channels/920000000000000001/messages";

fn post_json(path: &str, body: &Value) -> Vec<Violation> {
    let bytes = serde_json::to_vec(body).unwrap();
    check(&Request {
        method: "POST",
        path,
        content_type: "application/json",
        body: &bytes,
        json: Some(body),
    })
}

/// A message as the bot sends one: content, an embed with a field, a row of buttons, no
/// mentions.
fn message() -> Value {
    json!({
        "content": "✅ Recorded **4.50 EUR** coffee",
        "embeds": [{
            "title": "Summary",
            "fields": [{"name": "Food", "value": "12.00 EUR", "inline": true}],
        }],
        "components": [{
            "type": 1,
            "components": [{
                "type": 2,
                "style": 2,
                "label": "Undo",
                "custom_id": "undo:0b5e6a34-6a3b-4f55-9a39-1f6c0f7e2d11:1",
            }],
        }],
        "allowed_mentions": {"parse": [], "users": [], "roles": []},
        "message_reference": {"message_id": "940000000000000001", "fail_if_not_exists": false},
    })
}

fn only_violation_at(violations: &[Violation], pointer: &str) {
    assert!(
        !violations.is_empty() && violations.iter().all(|v| v.pointer == pointer),
        "expected violations at {pointer}, got {violations:#?}"
    );
    for violation in violations {
        assert_eq!(violation.method, "POST");
        assert_eq!(violation.path, MESSAGES);
    }
}

#[test]
fn a_valid_message_passes() {
    assert_eq!(post_json(MESSAGES, &message()), vec![]);
}

#[test]
fn a_snowflake_may_be_a_string_or_an_integer() {
    let mut body = message();
    body["message_reference"]["message_id"] = json!(940_000_000_000_000_001_u64);
    assert_eq!(post_json(MESSAGES, &body), vec![]);
    body["message_reference"]["message_id"] = json!("not a snowflake");
    only_violation_at(&post_json(MESSAGES, &body), "/message_reference/message_id");
}

#[test]
fn content_over_2000_characters_is_reported() {
    let mut body = message();
    body["content"] = json!("x".repeat(2000));
    assert_eq!(post_json(MESSAGES, &body), vec![]);
    body["content"] = json!("x".repeat(2001));
    let violations = post_json(MESSAGES, &body);
    only_violation_at(&violations, "/content");
    assert!(
        violations[0].to_string().contains("POST")
            && violations[0].to_string().contains("/content"),
        "{}",
        violations[0]
    );
}

#[test]
fn a_custom_id_over_100_characters_is_reported() {
    let mut body = message();
    body["components"][0]["components"][0]["custom_id"] = json!("u".repeat(101));
    only_violation_at(
        &post_json(MESSAGES, &body),
        "/components/0/components/0/custom_id",
    );
}

#[test]
fn an_embed_field_value_over_1024_characters_is_reported() {
    let mut body = message();
    body["embeds"][0]["fields"][0]["value"] = json!("v".repeat(1025));
    only_violation_at(&post_json(MESSAGES, &body), "/embeds/0/fields/0/value");
}

#[test]
fn an_unknown_route_is_reported() {
    let violations = post_json("/api/v10/channels/920000000000000001/mesages", &message());
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert!(
        violations[0].message.contains("unknown route"),
        "{}",
        violations[0]
    );

    let wrong_method = check(&Request {
        method: "PUT",
        path: MESSAGES,
        content_type: "",
        body: b"",
        json: None,
    });
    assert_eq!(wrong_method.len(), 1, "{wrong_method:#?}");
    assert!(wrong_method[0].message.contains("unknown route"));

    let outside = post_json("/api/v9/channels/920000000000000001/messages", &message());
    assert_eq!(outside.len(), 1, "{outside:#?}");
}

#[test]
fn a_literal_segment_wins_over_a_parameter() {
    let body = json!({"recipient_id": "950000000000000001"});
    assert_eq!(post_json("/api/v10/users/@me/channels", &body), vec![]);
}

#[test]
fn a_multipart_payload_json_is_checked() {
    let mut payload = message();
    payload["attachments"] = json!([{"id": 0, "filename": "export.csv"}]);
    let ok = check(&Request {
        method: "POST",
        path: MESSAGES,
        content_type: "multipart/form-data; boundary=x",
        body: b"--x...",
        json: Some(&payload),
    });
    assert_eq!(ok, vec![]);
    payload["content"] = json!("x".repeat(2001));
    let bad = check(&Request {
        method: "POST",
        path: MESSAGES,
        content_type: "multipart/form-data; boundary=x",
        body: b"--x...",
        json: Some(&payload),
    });
    only_violation_at(&bad, "/content");
}

#[test]
fn a_bodiless_request_to_a_bodiless_route_passes() {
    let reaction = check(&Request {
        method: "PUT",
        path: "/api/v10/channels/920000000000000001/messages/940000000000000001/reactions/✅/@me",
        content_type: "",
        body: b"",
        json: None,
    });
    assert_eq!(reaction, vec![]);
}

/// The fake Discord records what the schema rejects, and dropping it fails the test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_records_a_violation_and_fails_on_drop() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let fake = support::fake_discord::FakeDiscord::start().await;
    let body = json!({"content": "x".repeat(2001)}).to_string();
    let addr = fake.api_base().trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let request = format!(
        "POST {MESSAGES} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();

    let violations = fake.schema_violations();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert_eq!(violations[0].method, "POST");
    assert_eq!(violations[0].path, MESSAGES);
    assert_eq!(violations[0].pointer, "/content");

    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(fake)));
    let message = dropped.expect_err("dropping a fake with violations panics");
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("POST") && message.contains(MESSAGES) && message.contains("/content"),
        "{message}"
    );
}
