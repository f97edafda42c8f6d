//! One client's session: a task that owns the client's app and everyone looking at it. The client
//! is there, or away for a while after their connection dropped; a consultant who knocked at the
//! session's door (its code) and was let in sits beside them with a terminal and language of their
//! own. Nothing here is shared with other sessions, and nothing of the answers leaves the task
//! except a recording the client agreed to.

mod resume;
mod room;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiff::civil::Date;
use tokio::sync::watch;

use super::attachment::Attachment;
use super::instance::NamedCode;
use super::participant::FLUSH_LIMIT;
use super::session_code::Registry;
use crate::strings::ssh as words;
use kouteki_core::content::Content;
use kouteki_core::lang::Lang;
use room::Room;

/// Why a session ended (logged; never anything the client typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The client quit the app.
    Quit,
    /// The client went away (and did not come back within the grace).
    Disconnected,
    /// No input for the idle timeout.
    Idle,
    /// The session reached its maximum length.
    MaxLength,
    /// The server is shutting down.
    ServerClosing,
    /// The client went back to their kept session; this connection is now that session's.
    Resumed,
    /// Too many wrong codes typed to resume a session.
    WrongCodes,
}

impl End {
    /// A short name for logs.
    pub fn as_str(self) -> &'static str {
        match self {
            End::Quit => "quit",
            End::Disconnected => "client disconnected",
            End::Idle => "idle timeout",
            End::MaxLength => "maximum session length",
            End::ServerClosing => "server closing",
            End::Resumed => "client resumed a kept session",
            End::WrongCodes => "too many wrong session codes",
        }
    }

    /// The last line the client sees, in their language (none when they are gone).
    fn farewell(self, lang: Lang) -> Option<&'static str> {
        let text = match self {
            End::Quit => words::FAREWELL_QUIT,
            End::Idle => words::FAREWELL_IDLE,
            End::MaxLength => words::FAREWELL_MAX_LENGTH,
            End::ServerClosing => words::FAREWELL_SERVER_CLOSING,
            End::WrongCodes => crate::strings::console::TOO_MANY,
            End::Disconnected | End::Resumed => return None,
        };
        Some(text.get(lang))
    }
}

/// What a session starts with.
#[derive(Debug)]
pub struct SessionSetup {
    /// The content.
    pub content: Arc<Content>,
    /// Where to record, with consent.
    pub record_dir: Option<PathBuf>,
    /// Evaluation date.
    pub as_of: Date,
    /// Idle timeout on input (anyone's).
    pub idle: Duration,
    /// Maximum session length.
    pub max_length: Duration,
    /// How long the client has to answer a request to join.
    pub join_answer: Duration,
    /// How long a session is kept after its client's connection dropped (zero: not at all).
    pub grace: Duration,
    /// How long a wrong code takes to be told.
    pub wrong_code_delay: Duration,
    /// Becomes true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
    /// Where the session's code and door are registered.
    pub registry: Registry,
    /// The fingerprint of the key the client logged in with, if any.
    pub owner: Option<String>,
    /// A session kept for that key, offered first.
    pub kept: Option<NamedCode>,
}

/// Runs the session until it ends; restores the client's terminal and closes the channel (unless
/// the connection went to another session, or is gone).
pub async fn run(setup: SessionSetup, attachment: Attachment) -> End {
    let Some(mut room) = Room::open(&setup, attachment) else {
        return End::Disconnected;
    };
    let end = room.drive(&setup).await;
    let lang = room.lang();
    room.close(end);
    let Some(client) = room.take_client() else {
        return end;
    };
    let attachment = client.restore(end.farewell(lang));
    if !matches!(end, End::Disconnected | End::Resumed) {
        let (handle, channel) = (attachment.handle.clone(), attachment.channel);
        attachment.output.finish(FLUSH_LIMIT).await;
        close_channel(handle, channel).await;
    }
    end
}

/// Ends the channel with status 0, each step bounded so a client that stopped reading cannot hold the
/// task; a client that stays connected is disconnected shortly after (one session per connection).
pub async fn close_channel(handle: russh::server::Handle, channel: russh::ChannelId) {
    let limit = Duration::from_secs(1);
    let _ = tokio::time::timeout(limit, handle.exit_status_request(channel, 0)).await;
    let _ = tokio::time::timeout(limit, handle.eof(channel)).await;
    let _ = tokio::time::timeout(limit, handle.close(channel)).await;
    // OpenSSH leaves by itself, with the exit status it was sent.
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let reason = "session ended".to_string();
        let _ = handle
            .disconnect(russh::Disconnect::ByApplication, reason, "en".into())
            .await;
    });
}
