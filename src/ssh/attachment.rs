//! What a connection brings to the screen it is shown: the bytes the person types, their terminal's
//! state, the bounded output towards them, their language. A client's attachment stays with their
//! session; a consultant's moves from the console into a client's session and back.

use russh::ChannelId;
use russh::server::Handle;
use tokio::sync::{mpsc, watch};

use super::output::Output;
use kouteki_core::lang::Lang;

/// The client's terminal as the connection handler last saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientTerminal {
    /// Columns and rows, already clamped.
    pub size: (u16, u16),
    /// Whether the channel is still open.
    pub open: bool,
}

/// One connection's screen, input and output.
#[derive(Debug)]
pub struct Attachment {
    /// Bytes the person typed (a bounded queue: a flood is dropped, not stored).
    pub bytes: mpsc::Receiver<Vec<u8>>,
    /// Their terminal's state; always the latest.
    pub terminal: watch::Receiver<ClientTerminal>,
    /// Frames towards them, with a bounded budget.
    pub output: Output,
    /// To end the channel when they are done.
    pub handle: Handle,
    /// Their session channel.
    pub channel: ChannelId,
    /// The language they read: their client's LANG (else English) at first, then what they last
    /// switched to in a session they visited, so a consultant's console keeps it.
    pub lang: Lang,
    /// The connection's number, for logs.
    pub conn: u64,
}

impl Attachment {
    /// Their terminal's size now.
    pub fn size(&self) -> (u16, u16) {
        self.terminal.borrow().size
    }

    /// Whether their channel is closed.
    pub fn is_gone(&self) -> bool {
        !self.terminal.borrow().open
    }

    /// Drops whatever they typed while nobody read it (keys typed while waiting are not answers).
    pub fn discard_typed(&mut self) {
        while self.bytes.try_recv().is_ok() {}
    }

    /// Resolves when their channel closes (for an attachment nobody reads from meanwhile).
    pub async fn gone(&mut self) {
        loop {
            if self.is_gone() || self.terminal.changed().await.is_err() {
                return;
            }
        }
    }
}
