//! Every HTTP request the bot makes, checked against Discord's own OpenAPI description of its
//! API (`tests/fixtures/discord-openapi/openapi.json`, see the README there).
//!
//! [`check`] matches the method and path against the spec's routes (path templates such as
//! `/channels/{channel_id}/messages`, after the `/api/v10` base) and validates the JSON body, or
//! a multipart body's `payload_json` part, against the operation's request schema. Each problem
//! is a [`Violation`] naming the method, the path and the JSON pointer of the offending field.
//!
//! The spec is read and its request schemas compiled once per process ([`SPEC`]). Two of its
//! conventions are applied here (the spec's README): a snowflake may be sent as a string or as
//! an integer, and message `content` is held to the 2,000 characters Discord allows bots in
//! practice rather than the spec's 4,000. Nothing else is loosened.
//!
//! `DISCORD_SCHEMA_DEBUG=1` prints the validator's whole error tree of each rejected body.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use boon::{Compiler, Draft, ErrorKind, SchemaIndex, Schemas, ValidationError};
use serde_json::{Value, json};

/// Where the bot's HTTP client points: the spec's paths are relative to it.
pub const API_BASE_PATH: &str = "/api/v10";

/// Discord's limit on a message's `content` for bots (the spec says 4,000).
pub const BOT_CONTENT_MAX: u64 = 2000;

/// The spec's file, relative to the crate.
const SPEC_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/discord-openapi/openapi.json"
);

/// The URL the spec is registered under (never fetched).
const SPEC_URL: &str = "https://discord.invalid/openapi.json";

/// One request that Discord would not accept as the spec describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub method: String,
    pub path: String,
    /// JSON pointer into the body (`/components/0/components/1/custom_id`); empty for the
    /// route itself or the body as a whole.
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(body)"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{} {} at {}: {}",
            self.method, self.path, at, self.message
        )
    }
}

/// What a request carries, as the fake parsed it.
pub struct Request<'a> {
    pub method: &'a str,
    /// Percent-decoded, with the `/api/v10` base.
    pub path: &'a str,
    pub content_type: &'a str,
    /// The raw body (empty when none).
    pub body: &'a [u8],
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub json: Option<&'a Value>,
}

/// Checks one request; an empty list means Discord's schema accepts it.
pub fn check(request: &Request) -> Vec<Violation> {
    SPEC.check(request)
}

/// Checks `value` against the component schema `name` (one of [`COMPONENTS`]); each problem
/// as "pointer: message". For what the fake answers in Discord's place.
pub fn check_component(name: &str, value: &Value) -> Vec<String> {
    let Some(schema) = SPEC.components.get(name) else {
        return vec![format!("{name} is not one of discord_schema::COMPONENTS")];
    };
    match SPEC.schemas.validate(value, *schema) {
        Ok(()) => Vec::new(),
        Err(error) => leaves(&error)
            .into_iter()
            .map(|(pointer, message)| format!("{pointer}: {message}"))
            .collect(),
    }
}

/// One operation (method on a route) of the spec.
struct Operation {
    /// The schema of an `application/json` body.
    json: Option<SchemaIndex>,
    /// The schema of a `multipart/form-data` body, against which `payload_json` is checked.
    multipart: Option<SchemaIndex>,
    /// Whether the operation takes a body at all, and whether it must.
    takes_body: bool,
    body_required: bool,
}

struct Route {
    template: String,
    /// `None` for a `{parameter}` segment.
    segments: Vec<Option<String>>,
    operations: HashMap<String, Operation>,
}

pub struct Spec {
    routes: Vec<Route>,
    schemas: Schemas,
    /// The component schemas of [`COMPONENTS`], by name.
    components: HashMap<String, SchemaIndex>,
}

/// Schemas of what Discord answers that the fake builds itself (`check_component`): the
/// channels and roles it describes, and its 429 body.
pub const COMPONENTS: &[&str] = &[
    "GuildChannelResponse",
    "ThreadResponse",
    "GuildRoleResponse",
    "RatelimitedResponse",
];

/// The spec, read and compiled on first use.
pub static SPEC: LazyLock<Spec> = LazyLock::new(|| {
    let text = std::fs::read_to_string(SPEC_FILE)
        .unwrap_or_else(|e| panic!("reading Discord's API spec {SPEC_FILE}: {e}"));
    let document: Value = serde_json::from_str(&text).expect("Discord's API spec is JSON");
    Spec::compile(document)
});

impl Spec {
    fn compile(mut document: Value) -> Spec {
        apply_conventions(&mut document);

        // Each operation's request schema moves to `#/components/schemas/<synthetic name>`,
        // so it compiles from a plain JSON pointer, and its `$ref`s into
        // `#/components/schemas/...` resolve within the same document.
        let mut pending: Vec<(String, String, String, String)> = Vec::new(); // template, method, media, name
        let mut bodies: Vec<(String, String, bool)> = Vec::new(); // template, method, required
        let paths = document["paths"].as_object().cloned().unwrap_or_default();
        let mut moved = serde_json::Map::new();
        for (template, item) in &paths {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let Some(body) = operation.get("requestBody") else {
                    continue;
                };
                let required = body["required"].as_bool().unwrap_or(false);
                bodies.push((template.clone(), method.clone(), required));
                for (media, content) in body["content"].as_object().into_iter().flatten() {
                    if media != "application/json" && media != "multipart/form-data" {
                        continue;
                    }
                    let name = format!("__request_{}", moved.len());
                    moved.insert(name.clone(), content["schema"].clone());
                    pending.push((template.clone(), method.clone(), media.clone(), name));
                }
            }
        }
        let components = document["components"]["schemas"]
            .as_object_mut()
            .expect("the spec has components.schemas");
        components.extend(moved);

        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        compiler
            .add_resource(SPEC_URL, document)
            .expect("register the spec");
        let mut schemas = Schemas::new();

        let mut routes: Vec<Route> = paths
            .iter()
            .map(|(template, item)| Route {
                template: template.clone(),
                segments: template
                    .trim_start_matches('/')
                    .split('/')
                    .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_string()))
                    .collect(),
                operations: item
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(method, _)| {
                        ["get", "put", "post", "patch", "delete"].contains(&method.as_str())
                    })
                    .map(|(method, _)| {
                        (
                            method.to_uppercase(),
                            Operation {
                                json: None,
                                multipart: None,
                                takes_body: false,
                                body_required: false,
                            },
                        )
                    })
                    .collect(),
            })
            .collect();
        fn operation<'r>(
            routes: &'r mut [Route],
            template: &str,
            method: &str,
        ) -> &'r mut Operation {
            routes
                .iter_mut()
                .find(|r| r.template == template)
                .and_then(|r| r.operations.get_mut(&method.to_uppercase()))
                .expect("an operation of the spec")
        }
        for (template, method, required) in bodies {
            let op = operation(&mut routes, &template, &method);
            op.takes_body = true;
            op.body_required = required;
        }
        for (template, method, media, name) in pending {
            let location = format!("{SPEC_URL}#/components/schemas/{name}");
            let index = compiler
                .compile(&location, &mut schemas)
                .unwrap_or_else(|e| panic!("compiling {media} of {method} {template}: {e:#}"));
            let op = operation(&mut routes, &template, &method);
            if media == "application/json" {
                op.json = Some(index);
            } else {
                op.multipart = Some(index);
            }
        }
        let components = COMPONENTS
            .iter()
            .map(|name| {
                let location = format!("{SPEC_URL}#/components/schemas/{name}");
                let index = compiler
                    .compile(&location, &mut schemas)
                    .unwrap_or_else(|e| panic!("compiling {name}: {e:#}"));
                (name.to_string(), index)
            })
            .collect();
        Spec {
            routes,
            schemas,
            components,
        }
    }

    /// The route a path (without the `/api/v10` base) belongs to: the template whose segments
    /// all match, preferring literal segments (`/users/@me/channels` over
    /// `/users/{user_id}/channels`).
    fn route(&self, path: &str) -> Option<&Route> {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        self.routes
            .iter()
            .filter(|route| {
                route.segments.len() == segments.len()
                    && route.segments.iter().zip(&segments).all(|(t, s)| match t {
                        Some(literal) => literal == s,
                        None => !s.is_empty(),
                    })
            })
            .max_by_key(|route| route.segments.iter().filter(|s| s.is_some()).count())
    }

    pub fn check(&self, request: &Request) -> Vec<Violation> {
        let violation = |pointer: String, message: String| Violation {
            method: request.method.to_string(),
            path: request.path.to_string(),
            pointer,
            message,
        };
        let Some(path) = request.path.strip_prefix(API_BASE_PATH) else {
            return vec![violation(
                String::new(),
                format!("not under Discord's API base {API_BASE_PATH}"),
            )];
        };
        let Some(route) = self.route(path) else {
            return vec![violation(
                String::new(),
                "unknown route: no path of Discord's API matches".to_string(),
            )];
        };
        let Some(operation) = route.operations.get(&request.method.to_uppercase()) else {
            let mut allowed: Vec<&str> = route.operations.keys().map(String::as_str).collect();
            allowed.sort_unstable();
            return vec![violation(
                String::new(),
                format!(
                    "unknown route: {} {} does not exist (methods: {})",
                    request.method,
                    route.template,
                    allowed.join(", ")
                ),
            )];
        };

        let multipart = request.content_type.starts_with("multipart/form-data");
        let has_body = !request.body.is_empty();
        if !has_body {
            return if operation.body_required {
                vec![violation(
                    String::new(),
                    format!("{} {} requires a body", request.method, route.template),
                )]
            } else {
                Vec::new()
            };
        }
        if !operation.takes_body {
            return vec![violation(
                String::new(),
                format!("{} {} takes no body", request.method, route.template),
            )];
        }
        let schema = if multipart {
            operation.multipart
        } else {
            operation.json
        };
        let Some(schema) = schema else {
            return vec![violation(
                String::new(),
                format!(
                    "{} {} takes no {} body",
                    request.method,
                    route.template,
                    if multipart {
                        "multipart/form-data"
                    } else {
                        "application/json"
                    }
                ),
            )];
        };
        let Some(instance) = request.json else {
            return vec![violation(
                String::new(),
                if multipart {
                    "multipart body without a JSON payload_json part".to_string()
                } else {
                    "body is not JSON".to_string()
                },
            )];
        };
        match self.schemas.validate(instance, schema) {
            Ok(()) => Vec::new(),
            Err(error) => {
                if std::env::var_os("DISCORD_SCHEMA_DEBUG").is_some() {
                    eprintln!("{error:#}");
                }
                leaves(&error)
                    .into_iter()
                    .map(|(pointer, message)| violation(pointer, message))
                    .collect()
            }
        }
    }
}

/// The innermost failures of a validation error. Of a union (`oneOf`, `anyOf`) every branch
/// fails; branches of another kind than the value (an object is not `null`, a button is not a
/// select menu) are left out, so what remains is the failure of the branch the sender meant.
fn leaves(error: &ValidationError) -> Vec<(String, String)> {
    fn walk(error: &ValidationError, out: &mut Vec<(String, String)>) {
        let union = matches!(error.kind, ErrorKind::AnyOf | ErrorKind::OneOf(None));
        if union && !error.causes.is_empty() {
            let at = error.instance_location.to_string();
            let meant: Vec<&ValidationError> = error
                .causes
                .iter()
                .filter(|branch| !discriminator_mismatch(branch, &at))
                .collect();
            if meant.is_empty() {
                error.causes.iter().for_each(|branch| walk(branch, out));
            } else {
                meant.into_iter().for_each(|branch| walk(branch, out));
            }
        } else if error.causes.is_empty() {
            out.push((error.instance_location.to_string(), error.kind.to_string()));
        } else {
            error.causes.iter().for_each(|cause| walk(cause, out));
        }
    }
    let mut out = Vec::new();
    walk(error, &mut out);
    out.dedup();
    out
}

/// Whether a union's branch failed because the value is of another branch's kind: another
/// JSON type (an object is not `null`), or another `type` discriminator.
fn discriminator_mismatch(branch: &ValidationError, at: &str) -> bool {
    let location = branch.instance_location.to_string();
    if location == at && matches!(branch.kind, ErrorKind::Type { .. }) {
        return true;
    }
    if location == format!("{at}/type") {
        return matches!(
            branch.kind,
            ErrorKind::Enum { .. } | ErrorKind::Const { .. }
        );
    }
    location == at
        && branch
            .causes
            .iter()
            .any(|cause| discriminator_mismatch(cause, at))
}

/// The spec's conventions (its README), applied to the document before compiling.
fn apply_conventions(document: &mut Value) {
    let schemas = document["components"]["schemas"]
        .as_object_mut()
        .expect("the spec has components.schemas");

    // A snowflake is a string of digits; Discord accepts it as an integer too.
    if let Some(snowflake) = schemas.get_mut("SnowflakeType") {
        *snowflake = json!({
            "type": ["string", "integer"],
            "pattern": snowflake["pattern"].clone(),
            "minimum": 0,
            "format": "snowflake",
        });
    }

    // A bot's message content: 2,000 characters in practice, 4,000 in the spec. Message
    // components (text displays, text inputs) keep the spec's limit.
    for (name, schema) in schemas.iter_mut() {
        if name.contains("Component") {
            continue;
        }
        let Some(content) = schema
            .get_mut("properties")
            .and_then(|p| p.get_mut("content"))
        else {
            continue;
        };
        if content["maxLength"]
            .as_u64()
            .is_some_and(|max| max > BOT_CONTENT_MAX)
        {
            content["maxLength"] = json!(BOT_CONTENT_MAX);
        }
    }
}
