//! Graceful shutdown for `tally serve`: a signal, a fan-out to every task, and a wait for
//! in-flight writes.
//!
//! The order `tally serve` follows on SIGTERM (or Ctrl-C):
//! 1. [`shutdown_signal`] resolves; the serve loop calls [`ShutdownTrigger::trigger`].
//! 2. Every task holding a [`Shutdown`] sees it: the gateway shards stop taking events, the
//!    periodic-job loop stops claiming jobs, `/healthz` turns 503, the ops server stops.
//! 3. [`InFlight::drained`] waits (bounded) for writes already begun to commit and reply.
//! 4. The pool is closed (`Store::close`), and the process exits 0.
//!
//! An orchestrator sends SIGTERM and waits its grace period (10 s in Compose, 30 s in
//! Kubernetes) before SIGKILL; the drain timeout must stay below it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Notify, watch};

/// Resolves on the first SIGTERM or Ctrl-C (SIGINT). If a signal cannot be listened for
/// (no signal driver, an unusual platform), that source is ignored rather than treated as a
/// request to stop.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received: shutting down"),
        () = terminate => tracing::info!("SIGTERM received: shutting down"),
    }
}

/// The sending half: call [`trigger`](ShutdownTrigger::trigger) once to stop every task.
#[derive(Debug)]
pub struct ShutdownTrigger {
    tx: watch::Sender<bool>,
}

/// The receiving half, cloned into each task that must stop.
#[derive(Clone, Debug)]
pub struct Shutdown {
    rx: watch::Receiver<bool>,
}

/// A new trigger and its first listener.
pub fn channel() -> (ShutdownTrigger, Shutdown) {
    let (tx, rx) = watch::channel(false);
    (ShutdownTrigger { tx }, Shutdown { rx })
}

impl ShutdownTrigger {
    /// Tells every [`Shutdown`] to stop. Calling it again does nothing more.
    pub fn trigger(&self) {
        self.tx.send_replace(true);
    }

    /// Another listener.
    pub fn subscribe(&self) -> Shutdown {
        Shutdown {
            rx: self.tx.subscribe(),
        }
    }
}

impl Shutdown {
    /// True once shutdown has been triggered.
    pub fn is_triggered(&self) -> bool {
        *self.rx.borrow()
    }

    /// Resolves when shutdown is triggered, or when the trigger is dropped (its owner is
    /// gone, so nobody could ever trigger it).
    pub async fn wait(mut self) {
        let _ = self.rx.wait_for(|stop| *stop).await;
    }
}

/// Counts writes in progress, so shutdown can wait for them to finish.
#[derive(Clone, Debug, Default)]
pub struct InFlight {
    inner: Arc<InFlightInner>,
}

#[derive(Debug, Default)]
struct InFlightInner {
    count: AtomicUsize,
    idle: Notify,
}

/// One write in progress; dropping it (on success, error or panic) ends it.
#[derive(Debug)]
#[must_use = "the write counts as in flight only while the guard lives"]
pub struct InFlightGuard {
    inner: Arc<InFlightInner>,
}

impl InFlight {
    /// A counter at zero. Clones share it: hand one to every handler and keep one to drain.
    pub fn new() -> Self {
        InFlight::default()
    }

    /// Marks a write as begun until the guard is dropped.
    pub fn begin(&self) -> InFlightGuard {
        self.inner.count.fetch_add(1, Ordering::AcqRel);
        InFlightGuard {
            inner: Arc::clone(&self.inner),
        }
    }

    /// Writes in progress now.
    pub fn count(&self) -> usize {
        self.inner.count.load(Ordering::Acquire)
    }

    /// Waits until no write is in progress or `timeout` passes; true when drained.
    pub async fn drained(&self, timeout: Duration) -> bool {
        let wait = async {
            loop {
                let notified = self.inner.idle.notified();
                tokio::pin!(notified);
                // Register before reading the count, so a guard dropped in between still wakes us.
                notified.as_mut().enable();
                if self.count() == 0 {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(timeout, wait).await.is_ok()
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.inner.count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.inner.idle.notify_waiters();
        }
    }
}
