//! What a test asks the fake: awaiting the bot's requests and sessions, or asserting that none
//! came; gateway sessions, heartbeats and reconnects.

use super::*;

impl FakeDiscord {
    /// Waits for a request (any so far or to come) matching `predicate`.
    pub async fn await_request(
        &self,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        self.await_request_since(0, predicate, timeout).await
    }

    /// Waits for a request recorded at or after `mark` matching `predicate`; panics with every
    /// request seen when none comes within `timeout`.
    pub async fn await_request_since(
        &self,
        mark: usize,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        let found = self
            .wait_for(timeout, || {
                let requests = self.shared.requests.lock().unwrap();
                requests.iter().skip(mark).find(|r| predicate(r)).cloned()
            })
            .await;
        match found {
            Some(request) => request,
            None => panic!(
                "no matching request within {timeout:?}; requests since #{mark}:\n{}",
                self.describe_since(mark)
            ),
        }
    }

    /// Waits until `count` requests recorded at or after `mark` match `predicate`, and returns
    /// them; panics with every request seen when they do not all come within `timeout`.
    pub async fn await_requests_since(
        &self,
        mark: usize,
        count: usize,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Vec<Recorded> {
        let found = self
            .wait_for(timeout, || {
                let matching = self.requests_since(mark, &predicate);
                (matching.len() >= count).then_some(matching)
            })
            .await;
        match found {
            Some(requests) => requests,
            None => panic!(
                "fewer than {count} matching requests within {timeout:?}; requests since #{mark}:\n{}",
                self.describe_since(mark)
            ),
        }
    }

    /// Asserts that the bot makes no HTTP request at all for `duration`.
    pub async fn assert_no_request_within(&self, duration: Duration) {
        self.assert_no_request_matching_within(|_| true, duration)
            .await;
    }

    /// Asserts that no request matching `predicate` comes within `duration`.
    pub async fn assert_no_request_matching_within(
        &self,
        predicate: impl Fn(&Recorded) -> bool,
        duration: Duration,
    ) {
        let mark = self.mark();
        tokio::time::sleep(duration).await;
        let unexpected: Vec<String> = self
            .requests()
            .iter()
            .skip(mark)
            .filter(|r| predicate(r))
            .map(Recorded::summary)
            .collect();
        assert!(
            unexpected.is_empty(),
            "expected no request, got:\n{}",
            unexpected.join("\n")
        );
    }

    /// Requests recorded at or after `mark` that match `predicate`.
    pub fn requests_since(
        &self,
        mark: usize,
        predicate: impl Fn(&Recorded) -> bool,
    ) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .skip(mark)
            .filter(|r| predicate(r))
            .collect()
    }

    pub fn describe_since(&self, mark: usize) -> String {
        self.requests()
            .iter()
            .skip(mark)
            .map(|r| format!("  {}", r.summary()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Polls `check` on every change until it returns `Some` or `timeout` passes.
    pub(super) async fn wait_for<T>(
        &self,
        timeout: Duration,
        check: impl Fn() -> Option<T>,
    ) -> Option<T> {
        let mut changes = self.shared.changes.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(found) = check() {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                _ => return check(),
            }
        }
    }

    // ----- gateway -----------------------------------------------------------------------

    /// Waits until the bot has identified and its slash commands are registered: from then on
    /// it handles messages and interactions.
    pub async fn await_ready(&self, timeout: Duration) {
        let identified = self
            .wait_for(timeout, || self.shared.identify.lock().unwrap().clone())
            .await;
        assert!(identified.is_some(), "the bot never identified");
        self.await_request(
            |r| r.method == "PUT" && r.path.ends_with("/commands"),
            timeout,
        )
        .await;
    }

    /// Waits until every shard `0..total` has a live session identified as `[id, total]`, and
    /// every bot process behind them (told apart by token) has registered its slash commands,
    /// which it does once its first shard is READY. Returns the IDENTIFY payloads by shard id.
    pub async fn await_ready_shards(&self, total: u32, timeout: Duration) -> Vec<Value> {
        let identifies = self
            .wait_for(timeout, || {
                let gateway = self.shared.gateway.lock().unwrap();
                let live = (0..total).all(|id| {
                    gateway
                        .get(&id)
                        .is_some_and(|s| s.total == total && s.live.is_some())
                });
                drop(gateway);
                live.then(|| {
                    (0..total)
                        .filter_map(|id| self.identify_of(id))
                        .collect::<Vec<Value>>()
                })
            })
            .await;
        let Some(identifies) = identifies else {
            let live: Vec<(u32, u32)> = self
                .shared
                .gateway
                .lock()
                .unwrap()
                .iter()
                .filter(|(_, s)| s.live.is_some())
                .map(|(id, s)| (*id, s.total))
                .collect();
            panic!("shards 0..{total} of {total} never all connected; live [id, total]: {live:?}");
        };
        let mut tokens: Vec<String> = identifies
            .iter()
            .filter_map(|i| i["token"].as_str().map(str::to_string))
            .collect();
        tokens.sort();
        tokens.dedup();
        for token in tokens {
            self.await_request(
                |r| r.method == "PUT" && r.path.ends_with("/commands") && r.authorization == token,
                timeout,
            )
            .await;
        }
        identifies
    }

    /// The IDENTIFY payload's `d`, once the bot sent it (the last one, with several shards).
    pub fn identify(&self) -> Option<Value> {
        self.shared.identify.lock().unwrap().clone()
    }

    /// The last IDENTIFY payload's `d` of shard `id`.
    pub fn identify_of(&self, id: u32) -> Option<Value> {
        self.shared.identifies.lock().unwrap().get(&id).cloned()
    }

    /// The shard ids whose session a connection carries now.
    pub fn live_shards(&self) -> Vec<u32> {
        self.shared
            .gateway
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, s)| s.live.is_some())
            .map(|(id, _)| *id)
            .collect()
    }

    /// Every event dispatched so far, with the shard it was sent to.
    pub fn dispatches(&self) -> Vec<Dispatched> {
        self.shared.dispatched.lock().unwrap().clone()
    }

    /// Events sent again so far to connections that resumed a session (all shards).
    pub fn replayed(&self) -> u64 {
        self.shared.replayed.load(Ordering::SeqCst)
    }

    /// Heartbeats acknowledged so far (all shards).
    pub fn heartbeats(&self) -> u64 {
        self.shared.heartbeats.load(Ordering::SeqCst)
    }

    pub async fn await_heartbeats(&self, count: u64, timeout: Duration) -> bool {
        self.wait_for(timeout, || (self.heartbeats() >= count).then_some(()))
            .await
            .is_some()
    }

    /// Asks the bot to reconnect shard 0 (the only one of a single-shard bot): see
    /// [`Self::reconnect_shard`].
    pub async fn reconnect(&self, timeout: Duration) {
        self.reconnect_shard(0, timeout).await;
    }

    /// Asks shard `id` to reconnect (`op` 7, as Discord does before maintenance) and waits
    /// until it has resumed its session on a new connection.
    pub async fn reconnect_shard(&self, id: u32, timeout: Duration) {
        let before = self.shared.resumes(id);
        let live = self
            .shared
            .live(id)
            .unwrap_or_else(|| panic!("no gateway connection for shard {id}"));
        live.outbound
            .send(Outbound::Frame(
                json!({"op": 7, "s": null, "t": null, "d": null}).to_string(),
            ))
            .expect("gateway connection closed");
        self.await_resumed(id, before, live.conn, timeout).await;
    }

    /// Cuts shard `id`'s connection as a network failure would (no close frame), and holds
    /// every new gateway connection before its HELLO until [`Self::let_resume`]. The session
    /// lives on at the fake: what is dispatched meanwhile is kept for the RESUME, as Discord
    /// keeps it.
    pub async fn cut_shard(&self, id: u32, timeout: Duration) {
        self.shared.held.store(true, Ordering::SeqCst);
        let live = self
            .shared
            .live(id)
            .unwrap_or_else(|| panic!("no gateway connection for shard {id}"));
        live.outbound
            .send(Outbound::Drop)
            .expect("gateway connection closed");
        let cut = self
            .wait_for(timeout, || self.shared.live(id).is_none().then_some(()))
            .await;
        assert!(cut.is_some(), "shard {id}'s connection did not close");
    }

    /// Lets the connections held since [`Self::cut_shard`] through, and waits until shard `id`
    /// has resumed its session.
    pub async fn let_resume(&self, id: u32, timeout: Duration) {
        // Held connections have not been read yet: no RESUME of theirs is counted.
        let before = self.shared.resumes(id);
        self.shared.held.store(false, Ordering::SeqCst);
        self.shared.bump();
        self.await_resumed(id, before, u64::MAX, timeout).await;
    }

    /// Waits until shard `id` has resumed more than `before` times and a connection other than
    /// `old` carries its session.
    async fn await_resumed(&self, id: u32, before: u64, old: u64, timeout: Duration) {
        let resumed = self
            .wait_for(timeout, || {
                let resumed = self.shared.resumes(id) > before;
                let connected = self.shared.live(id).is_some_and(|l| l.conn != old);
                (resumed && connected).then_some(())
            })
            .await;
        assert!(resumed.is_some(), "shard {id} did not resume");
    }
}
