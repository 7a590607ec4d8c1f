//! The operations endpoint: `/healthz` follows the readiness check, `/metrics` serves text.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tally::ops::http::{GatewayStatus, Health, HealthCheck, OpsServer};
use tally::ops::metrics::Metrics;
use tally::ops::shutdown;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A readiness check the test flips: the database flag, plus a real [`GatewayStatus`].
struct Switch {
    database: AtomicBool,
    gateway: GatewayStatus,
    slow: AtomicBool,
}

impl HealthCheck for Switch {
    fn check(&self) -> Pin<Box<dyn Future<Output = Health> + Send + '_>> {
        Box::pin(async move {
            if self.slow.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_secs(60)).await;
            }
            Health {
                database: self.database.load(Ordering::Relaxed),
                gateway: self.gateway.all_connected(),
            }
        })
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// One HTTP/1.1 request over a raw socket (no HTTP client in the dependency tree).
async fn get(addr: SocketAddr, path: &str, accept: Option<&str>) -> Reply {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let accept = accept
        .map(|a| format!("Accept: {a}\r\n"))
        .unwrap_or_default();
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{accept}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

async fn start(
    check: Arc<Switch>,
) -> (
    SocketAddr,
    shutdown::ShutdownTrigger,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let server = OpsServer::bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
        .with_health_timeout(Duration::from_millis(300));
    let addr = server.local_addr();
    assert_ne!(addr.port(), 0);
    let (trigger, stop) = shutdown::channel();
    let task = tokio::spawn(server.serve(check, stop.wait()));
    (addr, trigger, task)
}

#[tokio::test]
async fn healthz_follows_the_check_and_metrics_are_served() {
    let check = Arc::new(Switch {
        database: AtomicBool::new(true),
        gateway: GatewayStatus::new([0, 1]),
        slow: AtomicBool::new(false),
    });
    let (addr, trigger, task) = start(Arc::clone(&check)).await;

    // Shards not yet connected: not ready, and the body says which part.
    let r = get(addr, "/healthz", None).await;
    assert_eq!(r.status, 503);
    assert!(r.headers.contains("content-type: application/json"));
    assert!(r.body.contains(r#""gateway":"disconnected""#), "{}", r.body);
    assert!(r.body.contains(r#""database":"ok""#), "{}", r.body);

    check.gateway.set(0, true);
    check.gateway.set(1, true);
    let r = get(addr, "/healthz", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body, r#"{"status":"ok","database":"ok","gateway":"ok"}"#);

    check.database.store(false, Ordering::Relaxed);
    let r = get(addr, "/healthz", None).await;
    assert_eq!(r.status, 503);
    assert!(r.body.contains(r#""database":"unreachable""#), "{}", r.body);
    assert!(r.body.contains(r#""gateway":"ok""#), "{}", r.body);

    check.database.store(true, Ordering::Relaxed);
    check.gateway.set_shutting_down();
    assert_eq!(get(addr, "/healthz", None).await.status, 503);

    Metrics::global().message_seen();
    let r = get(addr, "/metrics", None).await;
    assert_eq!(r.status, 200);
    assert!(
        r.headers
            .contains("content-type: text/plain; version=0.0.4"),
        "{}",
        r.headers
    );
    assert!(r.body.contains("tally_messages_seen_total "));
    assert!(r.body.contains("tally_command_seconds_bucket{"));
    let r = get(
        addr,
        "/metrics",
        Some("application/openmetrics-text;version=1.0.0"),
    )
    .await;
    assert!(
        r.headers
            .contains("content-type: application/openmetrics-text")
    );

    assert_eq!(get(addr, "/nothing", None).await.status, 404);

    trigger.trigger();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the server stops on shutdown")
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn a_hung_check_answers_503_in_time() {
    let check = Arc::new(Switch {
        database: AtomicBool::new(true),
        gateway: GatewayStatus::new([0]),
        slow: AtomicBool::new(true),
    });
    let (addr, trigger, task) = start(check).await;
    let r = tokio::time::timeout(Duration::from_secs(5), get(addr, "/healthz", None))
        .await
        .expect("answered within the health timeout");
    assert_eq!(r.status, 503);
    assert!(r.body.contains("timed out"));
    trigger.trigger();
    task.await.unwrap().unwrap();
}
