//! Where every message comes in: [`Call::handle_request`] and
//! [`Call::handle_response`] check it and send it to the part of the Call it
//! belongs to (the initial INVITE in `invite/`, requests within the dialog
//! in `in_dialog.rs`, renegotiation in `renegotiation/`).

use std::time::Instant;

use super::media::MediaStatus;
use super::phase::{Ended, Origin, Phase};
use super::{Call, CallDirection, CallError, Method, PeerNoise, SipRequest, SipResponse};
use crate::media_provider::MediaProvider;
use std::sync::Arc;

impl<P: MediaProvider> Call<P> {
    /// Whether `request` is an INVITE starting the call again: we declined
    /// the previous initial INVITE before any dialog existed (e.g. 415 or
    /// 488) and this one has no To-tag (the caller's retry after our
    /// 415 or 488, RFC 3261 §21.4.13).
    pub(super) fn is_new_attempt(&self, request: &SipRequest) -> bool {
        matches!(
            self.phase,
            Phase::Terminated(Ended::Early(Origin::Incoming))
        ) && request.headers.to_tag.is_none()
    }

    /// Whether `request` (an INVITE) is a retransmission of the remote's
    /// initial INVITE that we are still answering: it has no To-tag (an
    /// INVITE within the dialog has one, RFC 3261 §12.2.1.1) and arrives
    /// before the ACK of our 2xx.
    pub(super) fn is_invite_retransmission(&self, request: &SipRequest) -> bool {
        matches!(self.phase, Phase::Incoming(_) | Phase::Accepted { .. })
            && request.headers.to_tag.is_none()
    }

    /// Back to idle for a new attempt, keeping the configuration, our tag,
    /// the seeded generators and what we learned about the remote.
    pub(super) fn reset_for_new_attempt(&mut self) {
        self.phase = Phase::Idle;
        self.initial_content_types = Arc::from(Vec::new());
        self.initial_media_types = Arc::from(Vec::new());
        self.media = MediaStatus::Uninvolved;
        self.last_offer_sent = None;
        self.timers.clear();
    }

    /// Takes a request the remote sent.
    ///
    /// INVITE (initial or re-INVITE), ACK, BYE, CANCEL, UPDATE and PRACK are
    /// handled; what the Call answers is queued as transmits (see the module
    /// docs). `now` is the current time (timers). An INVITE without To-tag
    /// after we declined the previous initial INVITE (no dialog was made)
    /// is the caller's retry (RFC 3261 §21.4.13): the call starts afresh and
    /// the application sees [`CallEvent::IncomingCall`](super::CallEvent::IncomingCall) again.
    ///
    ///
    /// A request with a header no valid SIP message has (a To-tag that is
    /// not a token, RFC 3261 §19.3; a value holding CR, LF or NUL; an extra
    /// header whose name is not a token) is answered 400 Bad Request with
    /// Warning 399 naming the header, and not processed further (RFC 3261
    /// §8.2, §21.4.1): the state is unchanged and nothing of it is copied.
    ///
    /// Peer noise is not an error: an ACK that acknowledges nothing (the
    /// ACK of each 2xx retransmission, RFC 3261 §13.2.2.4), a
    /// retransmitted initial INVITE, an ACK with a malformed header (it
    /// has no response to carry a 400) are discarded with
    /// [`CallEvent::Discarded`](super::CallEvent::Discarded) and `Ok`.
    ///
    /// # Errors
    /// [`CallError::QueueFull`]; [`CallError::MethodNotHandled`] for
    /// methods the Call does not handle (OPTIONS, INFO, ...: the
    /// application answers them). The state is then unchanged.
    pub fn handle_request(&mut self, request: SipRequest, now: Instant) -> Result<(), CallError> {
        self.check_room()?;
        if !matches!(request.method, Method::Other(_))
            && let Some((name, reason)) = request.headers.fault()
        {
            if request.method == Method::Ack {
                let name = name.to_owned();
                self.discard(PeerNoise::MalformedHeader { name, reason });
                return Ok(());
            }
            let name = name.to_owned();
            self.respond_malformed(request.method, &name, reason);
            return Ok(());
        }
        match request.method {
            Method::Invite => {
                self.learn_remote(&request.headers);
                if self.is_new_attempt(&request) {
                    self.reset_for_new_attempt();
                }
                let mut request = request;
                if self.is_invite_retransmission(&request) {
                    self.discard(PeerNoise::RetransmittedInvite);
                } else if matches!(self.phase, Phase::Idle) {
                    self.on_initial_invite(&mut request);
                } else {
                    self.on_reinvite(&mut request, now);
                }
                Ok(())
            }
            Method::Ack => {
                self.on_ack(request);
                Ok(())
            }
            Method::Bye => {
                self.on_bye();
                Ok(())
            }
            Method::Cancel => {
                self.on_cancel();
                Ok(())
            }
            Method::Update => {
                self.learn_remote(&request.headers);
                let mut request = request;
                self.on_update(&mut request, now);
                Ok(())
            }
            Method::Prack => {
                // We never send reliable provisional responses (RFC 3262 §3).
                self.respond_status(481, Method::Prack);
                Ok(())
            }
            Method::Other(method) => Err(CallError::MethodNotHandled {
                method: Method::Other(method),
            }),
        }
    }

    /// Takes a response to a request we sent.
    ///
    /// Responses to our INVITE drive the call (each mapped to a UCMA
    /// `SdpAnswerStatus`, the 415 retry included; see the crate manual (`crate::manual`));
    /// responses to our re-INVITE or UPDATE drive our renegotiation (see
    /// [`Call::begin_renegotiation`]); responses to other requests (PRACK,
    /// BYE, CANCEL, an UPDATE no longer pending) are absorbed. A
    /// transaction timeout is fed as a 408 response.
    ///
    /// While our re-INVITE is pending, an INVITE response with the dialog's
    /// To-tag (or none) is taken as its response: the transport, which
    /// matches responses to transactions (CSeq), should not pass
    /// retransmitted 2xx of the initial INVITE then (it can ACK them
    /// itself). A 2xx to a re-INVITE of ours that is no longer pending is
    /// ACKed again.
    ///
    /// Peer noise is not an error: a response answering nothing pending
    /// (a retransmission, a response while idle or to an INVITE we did not
    /// send), or one holding a header no valid SIP message has (a To-tag
    /// that is not a token, RFC 3261 §19.3; a value holding CR, LF or NUL;
    /// an extra header whose name is not a token: it is discarded, RFC 3261
    /// §8.1.3.3, so its To-tag never reaches an ACK, PRACK or BYE) gives
    /// [`CallEvent::Discarded`](super::CallEvent::Discarded) and `Ok`, the state unchanged.
    ///
    /// # Errors
    /// [`CallError::QueueFull`]; [`CallError::InvalidStatus`] outside
    /// 100–699 (no SIP parser produces one: the caller built it). The state
    /// is then unchanged.
    pub fn handle_response(
        &mut self,
        response: SipResponse,
        now: Instant,
    ) -> Result<(), CallError> {
        if !(100..=699).contains(&response.status) {
            return Err(CallError::InvalidStatus(response.status));
        }
        self.check_room()?;
        if let Some((name, reason)) = response.headers.fault() {
            let name = name.to_owned();
            self.discard(PeerNoise::MalformedHeader { name, reason });
            return Ok(());
        }
        let unmatched = |response: &SipResponse| PeerNoise::UnmatchedResponse {
            status: response.status,
            method: response.method.clone(),
        };
        if matches!(self.phase, Phase::Idle) {
            self.discard(unmatched(&response));
            return Ok(());
        }
        let mut response = response;
        if self.answers_local_offer(&response) {
            self.learn_remote(&response.headers);
            self.on_local_response(&mut response, now);
            return Ok(());
        }
        let late_reinvite_2xx = (200..300).contains(&response.status)
            && self.phase.dialog().is_some_and(|d| {
                d.sent_reinvite
                    && (matches!(d.origin, Origin::Incoming)
                        || response.headers.to_tag.as_deref().is_none_or(|t| t == d.id))
            });
        match response.method {
            Method::Invite if late_reinvite_2xx => {
                self.on_late_reinvite_success(&response);
                Ok(())
            }
            Method::Invite if self.direction() == Some(CallDirection::Outgoing) => {
                self.learn_remote(&response.headers);
                self.on_invite_response(&mut response);
                Ok(())
            }
            Method::Invite => {
                self.discard(unmatched(&response));
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
