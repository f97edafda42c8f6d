//! A dropped connection is not a lost consultation: the session waits for its client for the grace,
//! and the client comes back on a new connection, by their key's offer or by typing the code. The
//! new connection's session hands its connection to the kept one and ends; a code that leads
//! nowhere is told after a delay and counts like a consultant's wrong code.

use tokio::sync::oneshot;
use tokio::time::Instant;

use super::super::attachment::Attachment;
use super::super::instance::Peer;
use super::super::knock::{AtDoor, Return};
use super::super::participant::Participant;
use super::super::session_code::Found;
use super::super::settings::WRONG_CODE_STRIKES;
use super::room::{FailedResume, Presence, Room};
use super::{End, SessionSetup};
use crate::tui::consultation::{Event, OtherServer, ResumeFailure};
use crate::tui::run::Seat;

impl Room {
    /// The client's connection dropped: wait for them (or end now when nothing is kept).
    pub(super) fn client_gone(&mut self, grace: std::time::Duration) -> Option<End> {
        if grace.is_zero() {
            return Some(End::Disconnected);
        }
        let Presence::Here(client) = std::mem::replace(&mut self.client, Presence::Gone) else {
            return Some(End::Disconnected);
        };
        let (attachment, seat) = client.into_parts();
        tracing::info!(conn = attachment.conn, code = %self.code.code(), grace_s = grace.as_secs(), "client disconnected; session kept");
        drop(attachment);
        let now = Instant::now();
        self.client = Presence::Away {
            seat,
            until: now + grace,
            since: now,
        };
        self.code.set_kept(true);
        self.tell_app(Event::ClientAway);
        None
    }

    /// A client on a new connection asks for this session back: taken if the session waits for
    /// them, refused (their connection given back) otherwise.
    pub(super) fn returned(&mut self, back: Return) {
        let Return { attachment, reply } = back;
        let Presence::Away { seat, since, .. } =
            std::mem::replace(&mut self.client, Presence::Gone)
        else {
            let _ = reply.send(Err(attachment));
            return;
        };
        let conn = attachment.conn;
        match Participant::with_seat(attachment, seat) {
            Some(participant) => {
                tracing::info!(conn, code = %self.code.code(), away_s = since.elapsed().as_secs(), "client resumed the session");
                self.client = Presence::Here(participant);
                self.code.set_kept(false);
                let _ = reply.send(Ok(()));
                self.tell_app(Event::ClientBack);
            }
            None => self.client = Presence::Gone,
        }
    }

    /// The app asks to resume the kept session with `typed`: this connection goes there.
    pub(super) fn hand_over(&mut self, typed: &str, setup: &SessionSetup) -> Option<End> {
        let by_key = setup
            .kept
            .as_ref()
            .is_some_and(|kept| kept.to_string() == typed);
        // Only a session of this instance can be resumed here; another instance's code is told
        // where it lives, a strike like a wrong code (it depends on the name in front alone).
        let door = match setup.registry.find(typed) {
            Found::Here(code, door) if code != *self.code.code() => Some(door),
            Found::Elsewhere(peer) => {
                self.fail_resume(true, ResumeFailure::Elsewhere(other_server(&peer)), setup);
                return None;
            }
            _ => None,
        }
        // A key's session is resumed with that key only; a typed code opens the others.
        .filter(|door| door.owner == setup.owner && door.is_kept());
        let Some(door) = door else {
            self.fail_resume(!by_key, ResumeFailure::NoSuchSession, setup);
            return None;
        };
        let Presence::Here(client) = std::mem::replace(&mut self.client, Presence::Gone) else {
            return None;
        };
        let (attachment, seat) = client.into_parts();
        let (reply_in, reply) = oneshot::channel();
        let back = Return {
            attachment,
            reply: reply_in,
        };
        match door.sender.try_send(AtDoor::Return(back)) {
            Ok(()) => {
                self.client = Presence::Leaving {
                    seat,
                    reply,
                    typed: !by_key,
                };
            }
            Err(e) => {
                let attachment = match e.into_inner() {
                    AtDoor::Return(back) => back.attachment,
                    AtDoor::Knock(knock) => knock.attachment,
                };
                self.come_back(attachment, seat);
                self.fail_resume(!by_key, ResumeFailure::NoSuchSession, setup);
            }
        }
        None
    }

    /// The kept session's answer to a hand-over.
    pub(super) fn handed(
        &mut self,
        reply: Result<Result<(), Attachment>, oneshot::error::RecvError>,
        setup: &SessionSetup,
    ) -> Option<End> {
        let Presence::Leaving { seat, typed, .. } =
            std::mem::replace(&mut self.client, Presence::Gone)
        else {
            return None;
        };
        match reply {
            Ok(Ok(())) => Some(End::Resumed),
            Ok(Err(attachment)) => {
                self.come_back(attachment, seat);
                self.fail_resume(typed, ResumeFailure::NoSuchSession, setup);
                None
            }
            // The kept session ended meanwhile and took the connection with it.
            Err(_) => Some(End::Disconnected),
        }
    }

    /// The client's connection is this session's again.
    fn come_back(&mut self, attachment: Attachment, seat: Seat) {
        if let Some(participant) = Participant::with_seat(attachment, seat) {
            self.client = Presence::Here(participant);
        }
    }

    /// A resume that led nowhere: told after the delay; a typed code is a strike.
    fn fail_resume(&mut self, typed: bool, failure: ResumeFailure, setup: &SessionSetup) {
        if typed {
            self.strikes += 1;
            match &failure {
                ResumeFailure::Elsewhere(server) => {
                    tracing::info!(code = %self.code.code(), strikes = self.strikes, instance = %server.name, "session code of another instance to resume");
                }
                ResumeFailure::NoSuchSession => {
                    tracing::info!(code = %self.code.code(), strikes = self.strikes, "wrong session code to resume");
                }
            }
        }
        self.failed_resume = Some(FailedResume {
            told_at: Instant::now() + setup.wrong_code_delay,
            failure,
        });
    }

    /// The delay after a failed resume is over: the client is told, or disconnected after too many.
    pub(super) fn resume_failed(&mut self) -> Option<End> {
        let failed = self.failed_resume.take()?;
        if self.strikes >= WRONG_CODE_STRIKES {
            return Some(End::WrongCodes);
        }
        self.tell_app(Event::ResumeFailed(failed.failure));
        None
    }
}

/// Another instance as the client's screen names it.
fn other_server(peer: &Peer) -> OtherServer {
    OtherServer {
        name: peer.name.to_string(),
        host: peer.address.host.clone(),
        port: peer.address.port,
        command: peer.address.ssh_command(),
    }
}
