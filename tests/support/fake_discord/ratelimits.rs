//! Discord's per-route rate limits: every API answer carries the `X-RateLimit-*` headers of its
//! bucket, and a request beyond the bucket is refused with 429, `Retry-After` and Discord's JSON
//! body, without being acted on.
//!
//! Above the buckets sits Discord's global limit (50 requests a second per bot in production),
//! counted over every route but the interaction endpoints, which Discord exempts from it. A
//! request beyond it is refused the same way, marked `global` in the body and with the
//! `X-RateLimit-Global` header and scope `global`, and takes nothing from its route's bucket. No
//! test reaches the default ([`DEFAULT_GLOBAL_LIMIT`]); a test tightens it with
//! [`FakeDiscord::limit_global`].
//!
//! A bucket is a route (method and path template) per major parameter (the channel, guild or
//! webhook in the path), counted over a fixed window that starts with the first request after
//! the last one ended, as Discord's are. Routes the test has not tightened
//! ([`FakeDiscord::limit_route`]) get [`DEFAULT_LIMIT`] per [`DEFAULT_WINDOW`]: headers as
//! Discord sends them, a limit no test reaches.

use std::hash::{Hash, Hasher};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::*;

/// Requests per window on a route no test tightened.
pub const DEFAULT_LIMIT: u32 = 10_000;
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(1);
/// Requests per second across routes until a test tightens the global limit.
pub const DEFAULT_GLOBAL_LIMIT: u32 = 100_000;

/// A route a test tightened: `method` and a path template under `/api/v10` whose `{…}` segments
/// match any one segment.
struct RouteLimit {
    method: String,
    template: Vec<String>,
    limit: u32,
    window: Duration,
}

impl RouteLimit {
    fn matches(&self, method: &str, segments: &[&str]) -> bool {
        self.method.eq_ignore_ascii_case(method)
            && self.template.len() == segments.len()
            && self
                .template
                .iter()
                .zip(segments)
                .all(|(t, s)| (t.starts_with('{') && t.ends_with('}')) || t == s)
    }
}

/// One bucket's current window.
struct Window {
    started: Instant,
    used: u32,
}

#[derive(Default)]
pub(super) struct RateLimits {
    routes: Vec<RouteLimit>,
    /// By bucket id and major parameter.
    windows: HashMap<(String, String), Window>,
    /// The bot's global limit as a test set it (requests per window), and its current window.
    global: Option<(u32, Duration)>,
    global_window: Option<Window>,
}

/// What the fake tells the client about a request's bucket.
pub(super) struct Verdict {
    pub allowed: bool,
    limit: u32,
    remaining: u32,
    reset_after: Duration,
    bucket: String,
    /// Refused by the global limit, not the bucket: `reset_after` is the global wait.
    global: bool,
}

impl RateLimits {
    pub(super) fn limit(&mut self, method: &str, template: &str, limit: u32, window: Duration) {
        let template = template
            .trim_start_matches(discord_schema::API_BASE_PATH)
            .trim_start_matches('/')
            .split('/')
            .map(str::to_string)
            .collect();
        // The latest setting of a route wins.
        self.routes.insert(
            0,
            RouteLimit {
                method: method.to_uppercase(),
                template,
                limit,
                window,
            },
        );
    }

    pub(super) fn limit_global(&mut self, limit: u32, window: Duration) {
        self.global = Some((limit, window));
        self.global_window = None;
    }

    /// Counts a request on `segments` against the global limit: `Err` with the wait when it is
    /// beyond it. Interaction endpoints (the callback, and the webhook of an interaction's
    /// token) are not counted, as on Discord.
    fn take_global(&mut self, segments: &[&str]) -> Result<(), Duration> {
        let interaction = matches!(segments, ["interactions", ..])
            || matches!(segments, ["webhooks", app, ..] if *app == APP_ID.to_string());
        if interaction {
            return Ok(());
        }
        let (limit, window) = self
            .global
            .unwrap_or((DEFAULT_GLOBAL_LIMIT, DEFAULT_WINDOW));
        let now = Instant::now();
        let state = self.global_window.get_or_insert(Window {
            started: now,
            used: 0,
        });
        if now.duration_since(state.started) >= window {
            *state = Window {
                started: now,
                used: 0,
            };
        }
        if state.used < limit {
            state.used += 1;
            Ok(())
        } else {
            Err(window.saturating_sub(now.duration_since(state.started)))
        }
    }

    /// Counts `path` (with its `/api/v10` base) against the global limit, then its bucket.
    pub(super) fn take(&mut self, method: &str, path: &str) -> Verdict {
        let rest = path
            .strip_prefix(discord_schema::API_BASE_PATH)
            .unwrap_or(path)
            .trim_start_matches('/');
        let segments: Vec<&str> = rest.split('/').collect();
        let global = self.take_global(&segments);
        let (route, limit, window) = match self.routes.iter().find(|r| r.matches(method, &segments))
        {
            Some(r) => (r.template.join("/"), r.limit, r.window),
            None => (template_of(&segments), DEFAULT_LIMIT, DEFAULT_WINDOW),
        };
        let bucket = bucket_id(method, &route);
        let now = Instant::now();
        let state = self
            .windows
            .entry((bucket.clone(), major_parameter(&segments)))
            .or_insert(Window {
                started: now,
                used: 0,
            });
        if now.duration_since(state.started) >= window {
            *state = Window {
                started: now,
                used: 0,
            };
        }
        let reset_after = window.saturating_sub(now.duration_since(state.started));
        if let Err(wait) = global {
            return Verdict {
                allowed: false,
                limit,
                remaining: limit - state.used.min(limit),
                reset_after: wait,
                bucket,
                global: true,
            };
        }
        let allowed = state.used < limit;
        if allowed {
            state.used += 1;
        }
        Verdict {
            allowed,
            limit,
            remaining: limit - state.used.min(limit),
            reset_after,
            bucket,
            global: false,
        }
    }
}

impl Verdict {
    /// Adds the bucket's headers to an answer, as Discord does on every route it limits.
    pub(super) fn stamp(&self, response: &mut Response) {
        let reset = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            + self.reset_after;
        let headers = response.headers_mut();
        let mut set = |name: &'static str, value: String| {
            if let Ok(value) = value.parse() {
                headers.insert(name, value);
            }
        };
        set("x-ratelimit-limit", self.limit.to_string());
        set("x-ratelimit-remaining", self.remaining.to_string());
        set("x-ratelimit-reset", format!("{:.3}", reset.as_secs_f64()));
        set(
            "x-ratelimit-reset-after",
            format!("{:.3}", self.reset_after.as_secs_f64()),
        );
        set("x-ratelimit-bucket", self.bucket.clone());
    }

    /// Discord's 429: `Retry-After` in whole seconds (rounded up), the exact wait in the body,
    /// and the scope `user` (this bot's own route limit) or, beyond the global limit, `global`
    /// with the `X-RateLimit-Global` header (and no bucket headers, which describe a route).
    pub(super) fn refusal(&self) -> Response {
        let wait = self.reset_after.as_secs_f64();
        let body = json!({
            "message": "You are being rate limited.",
            "retry_after": (wait * 1000.0).ceil() / 1000.0,
            "global": self.global,
            // Discord's schema (`RatelimitedResponse`) makes it an `Error`, which has a code.
            "code": 0,
        });
        let violations = discord_schema::check_component("RatelimitedResponse", &body);
        assert!(violations.is_empty(), "the fake's 429 body: {violations:?}");
        let mut response = (
            StatusCode::TOO_MANY_REQUESTS,
            [("content-type", "application/json")],
            body.to_string(),
        )
            .into_response();
        if !self.global {
            self.stamp(&mut response);
        }
        let headers = response.headers_mut();
        if let Ok(value) = (wait.ceil() as u64).max(1).to_string().parse() {
            headers.insert("retry-after", value);
        }
        let scope = if self.global { "global" } else { "user" };
        headers.insert(
            "x-ratelimit-scope",
            axum::http::HeaderValue::from_static(scope),
        );
        if self.global {
            headers.insert(
                "x-ratelimit-global",
                axum::http::HeaderValue::from_static("true"),
            );
        }
        response
    }
}

/// The route of a path Discord counts: ids, tokens and emoji are placeholders.
fn template_of(segments: &[&str]) -> String {
    let mut template = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let after = i.checked_sub(1).map(|p| segments[p]);
        let two_after = i.checked_sub(2).map(|p| segments[p]);
        let placeholder = if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            "{id}"
        } else if after == Some("reactions") {
            "{emoji}"
        } else if matches!(two_after, Some("webhooks" | "interactions")) {
            "{token}"
        } else {
            segment
        };
        template.push(placeholder);
    }
    template.join("/")
}

/// The id a bucket is kept per: the channel, guild or webhook (with its token) in the path.
fn major_parameter(segments: &[&str]) -> String {
    match segments {
        ["channels" | "guilds", id, ..] => (*id).to_string(),
        ["webhooks" | "interactions", id, token, ..] => format!("{id}/{token}"),
        _ => String::new(),
    }
}

/// An opaque bucket id, the same for a route whatever its major parameter (Discord's
/// `X-RateLimit-Bucket` is a hash like this one).
fn bucket_id(method: &str, route: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    method.to_uppercase().hash(&mut hasher);
    route.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}
