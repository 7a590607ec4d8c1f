//! The operations endpoint on `TALLY_HTTP_ADDR` (off unless set): `GET /healthz` and
//! `GET /metrics`.
//!
//! It listens apart from Discord so an orchestrator can ask "should traffic reach this
//! process?" and Prometheus can scrape it. Nothing here answers with user data or secrets:
//! the health body names only which part failed, never an error message (a database error
//! may carry a host name or a user name).

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;

use super::metrics::Metrics;

/// How long `/healthz` waits for the checks. An orchestrator's probe usually times out after
/// a few seconds; answering 503 first says more than a dropped connection.
pub const HEALTH_TIMEOUT: Duration = Duration::from_secs(2);

/// The content type of Prometheus' classic text format (what `curl` and most tools expect).
pub const PROMETHEUS_TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";
/// The content type of OpenMetrics text, served when the scraper asks for it (Prometheus does).
pub const OPENMETRICS_TEXT: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// What the readiness check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Health {
    /// The database answered a trivial query.
    pub database: bool,
    /// Every gateway shard this process runs is connected.
    pub gateway: bool,
}

impl Health {
    /// Ready to serve: every part passed.
    pub fn is_ready(&self) -> bool {
        self.database && self.gateway
    }
}

/// The caller's readiness check (the lead's: `SELECT 1` on the pool, plus the shard states).
///
/// A boxed future keeps the trait object-safe without `async_trait`.
pub trait HealthCheck: Send + Sync + 'static {
    /// Runs the check once per `/healthz` request. It is cut off after the server's health
    /// timeout and answered 503, so a hung database cannot hang the probe.
    fn check(&self) -> Pin<Box<dyn Future<Output = Health> + Send + '_>>;
}

/// Which gateway shards of this process are connected; the gateway half of [`Health`].
///
/// The Discord adapter marks a shard connected on `Ready`/`Resumed` and disconnected when its
/// stage leaves `Connected`; `/healthz` reports ready only when every expected shard is up.
#[derive(Debug)]
pub struct GatewayStatus {
    shards: Mutex<Vec<(u32, bool)>>,
    shutting_down: AtomicBool,
}

impl GatewayStatus {
    /// Tracks `shards` (the ids this process runs), all disconnected at first.
    pub fn new(shards: impl IntoIterator<Item = u32>) -> Self {
        GatewayStatus {
            shards: Mutex::new(shards.into_iter().map(|id| (id, false)).collect()),
            shutting_down: AtomicBool::new(false),
        }
    }

    /// Records that `shard` connected (`true`) or dropped (`false`). Unknown ids are added.
    pub fn set(&self, shard: u32, connected: bool) {
        let mut shards = self.shards.lock().unwrap_or_else(|p| p.into_inner());
        match shards.iter_mut().find(|(id, _)| *id == shard) {
            Some(entry) => entry.1 = connected,
            None => shards.push((shard, connected)),
        }
    }

    /// Marks the process as draining: from now on it reports not ready, so a load balancer
    /// or orchestrator stops counting on it while in-flight work finishes.
    pub fn set_shutting_down(&self) {
        self.shutting_down.store(true, Ordering::Relaxed);
    }

    /// True when there is at least one shard, all are connected, and shutdown has not begun.
    pub fn all_connected(&self) -> bool {
        if self.shutting_down.load(Ordering::Relaxed) {
            return false;
        }
        let shards = self.shards.lock().unwrap_or_else(|p| p.into_inner());
        !shards.is_empty() && shards.iter().all(|(_, up)| *up)
    }
}

#[derive(Clone)]
struct AppState {
    health: Arc<dyn HealthCheck>,
    metrics: &'static Metrics,
    timeout: Duration,
}

/// A bound (but not yet serving) operations listener. Binding first lets the caller learn the
/// port (tests bind `127.0.0.1:0`) and fail early on an address already in use.
#[derive(Debug)]
pub struct OpsServer {
    listener: TcpListener,
    local_addr: SocketAddr,
    health_timeout: Duration,
}

impl OpsServer {
    /// Binds `addr`.
    pub async fn bind(addr: SocketAddr) -> std::io::Result<OpsServer> {
        let listener = TcpListener::bind(addr).await?;
        let local_addr = listener.local_addr()?;
        Ok(OpsServer {
            listener,
            local_addr,
            health_timeout: HEALTH_TIMEOUT,
        })
    }

    /// How long `/healthz` waits for the check before answering 503 (default
    /// [`HEALTH_TIMEOUT`]).
    pub fn with_health_timeout(mut self, timeout: Duration) -> OpsServer {
        self.health_timeout = timeout;
        self
    }

    /// The address actually bound (the real port when `addr` asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves `/healthz` and `/metrics` (from [`Metrics::global`]) until `shutdown` resolves,
    /// then finishes the requests in progress and returns.
    pub async fn serve(
        self,
        health: Arc<dyn HealthCheck>,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = router(health, Metrics::global(), self.health_timeout);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Binds `addr` and serves until `shutdown` (see [`OpsServer`] to learn the bound port first).
pub async fn serve(
    addr: SocketAddr,
    health: Arc<dyn HealthCheck>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    OpsServer::bind(addr).await?.serve(health, shutdown).await
}

/// Reads `TALLY_HTTP_ADDR`: `None` when unset or empty (the endpoint is off), else `HOST:PORT`.
pub fn parse_http_addr(value: Option<&str>) -> Result<Option<SocketAddr>, BadHttpAddr> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| BadHttpAddr(v.to_string())),
    }
}

/// `TALLY_HTTP_ADDR` is not an `IP:PORT` pair.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("TALLY_HTTP_ADDR is set to “{0}”, which is not valid: use IP:PORT such as 0.0.0.0:8080")]
pub struct BadHttpAddr(pub String);

fn router(health: Arc<dyn HealthCheck>, metrics: &'static Metrics, timeout: Duration) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .with_state(AppState {
            health,
            metrics,
            timeout,
        })
}

async fn healthz(State(state): State<AppState>) -> Response {
    let found = tokio::time::timeout(state.timeout, state.health.check()).await;
    let (status, body) = match found {
        Ok(health) => {
            let status = if health.is_ready() {
                StatusCode::OK
            } else {
                StatusCode::SERVICE_UNAVAILABLE
            };
            let body = format!(
                r#"{{"status":"{}","database":"{}","gateway":"{}"}}"#,
                if health.is_ready() {
                    "ok"
                } else {
                    "unavailable"
                },
                if health.database { "ok" } else { "unreachable" },
                if health.gateway { "ok" } else { "disconnected" },
            );
            (status, body)
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"status":"unavailable","error":"health check timed out"}"#.to_string(),
        ),
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn metrics_text(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let wants_openmetrics = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("application/openmetrics-text"));
    let content_type = if wants_openmetrics {
        OPENMETRICS_TEXT
    } else {
        PROMETHEUS_TEXT
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, content_type)],
        state.metrics.render(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_addr_is_optional_and_checked() {
        assert_eq!(parse_http_addr(None), Ok(None));
        assert_eq!(parse_http_addr(Some("  ")), Ok(None));
        assert_eq!(
            parse_http_addr(Some("0.0.0.0:8080")),
            Ok(Some("0.0.0.0:8080".parse().unwrap()))
        );
        let err = parse_http_addr(Some("localhost")).unwrap_err();
        assert!(err.to_string().contains("TALLY_HTTP_ADDR"));
    }

    #[test]
    fn gateway_needs_every_shard_and_no_shutdown() {
        let g = GatewayStatus::new([0, 1]);
        assert!(!g.all_connected());
        g.set(0, true);
        assert!(!g.all_connected());
        g.set(1, true);
        assert!(g.all_connected());
        g.set(1, false);
        assert!(!g.all_connected());
        g.set(1, true);
        g.set_shutting_down();
        assert!(!g.all_connected());
        assert!(!GatewayStatus::new([]).all_connected());
    }
}
