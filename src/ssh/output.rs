//! Output to one client with a bounded budget: frames are queued for a writer task that sends them
//! over the channel (russh applies the SSH window and TCP backpressure there). When a client stops
//! reading, the budget fills and frames are dropped instead of piling up in memory; the session then
//! redraws the whole screen once the client catches up.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// The most bytes queued for one client before frames are dropped.
pub const MAX_QUEUED_BYTES: usize = 1 << 20;

/// The sending side of one client's output.
#[derive(Debug)]
pub struct Output {
    sender: mpsc::Sender<Vec<u8>>,
    queued: Arc<AtomicUsize>,
    writer: JoinHandle<()>,
}

impl Output {
    /// Starts the writer task for `channel`.
    pub fn start(handle: Handle, channel: ChannelId) -> Output {
        let (sender, mut receiver) = mpsc::channel::<Vec<u8>>(1024);
        let queued = Arc::new(AtomicUsize::new(0));
        let sent = Arc::clone(&queued);
        let writer = tokio::spawn(async move {
            while let Some(bytes) = receiver.recv().await {
                let len = bytes.len();
                let result = handle.data(channel, bytes).await;
                sent.fetch_sub(len, Ordering::Relaxed);
                if result.is_err() {
                    break;
                }
            }
        });
        Output {
            sender,
            queued,
            writer,
        }
    }

    /// Queues bytes; `false` when they were dropped because the client is not keeping up.
    pub fn send(&self, bytes: Vec<u8>) -> bool {
        if bytes.is_empty() {
            return true;
        }
        let len = bytes.len();
        if self.queued.load(Ordering::Relaxed) + len > MAX_QUEUED_BYTES {
            return false;
        }
        self.queued.fetch_add(len, Ordering::Relaxed);
        if self.sender.try_send(bytes).is_err() {
            self.queued.fetch_sub(len, Ordering::Relaxed);
            return false;
        }
        true
    }

    /// Whether more than half the budget is waiting (skip drawing until the client catches up).
    pub fn congested(&self) -> bool {
        self.queued.load(Ordering::Relaxed) > MAX_QUEUED_BYTES / 2
    }

    /// Waits until everything queued was sent, or `limit` passed; then stops the writer.
    pub async fn finish(self, limit: Duration) {
        let Output {
            sender,
            queued,
            writer,
        } = self;
        drop(sender);
        let deadline = tokio::time::Instant::now() + limit;
        while queued.load(Ordering::Relaxed) > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        writer.abort();
    }
}
