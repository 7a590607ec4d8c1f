//! Running Tally in production: metrics, the health/metrics endpoint, abuse limits and
//! graceful shutdown. Pure infrastructure: nothing here knows Discord or SQL; `tally serve`
//! plugs the store and the gateway into it (see `docs/deploy.md`).

pub mod http;
pub mod limits;
pub use tally_core::metrics;
pub mod shards;
pub mod shutdown;

pub use http::{GatewayStatus, Health, HealthCheck, OpsServer};
pub use limits::{LimitError, Limits, WriteLimiter};
pub use metrics::{CommandName, Metrics, RefusalKind};
pub use shards::ShardPlan;
pub use shutdown::{InFlight, Shutdown, ShutdownTrigger, shutdown_signal};
