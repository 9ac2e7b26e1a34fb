//! Ending a call: `terminate` and the timers.

use std::time::Instant;

use super::phase::{AwaitedAck, Phase};
use super::timers::TimerKind;
use super::{Call, CallError, CallEvent, CallState, Method, SipRequest, TerminationCause};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{SdpAnswerStatus, SdpOfferAnswerReason};

impl<P: MediaProvider> Call<P> {
    /// Ends the call (UCMA `BeginTerminate`):
    ///
    /// | state | what is sent |
    /// |---|---|
    /// | idle | nothing |
    /// | incoming, not accepted | 603 Decline |
    /// | our INVITE pending | CANCEL; the call is [`CallState::Terminating`] until the INVITE's final response (a 2xx that crossed the CANCEL is ACKed and ended with BYE) |
    /// | our 2xx sent, no ACK yet | BYE once the ACK comes (or the ACK timeout fires) |
    /// | established | BYE |
    ///
    /// A pending offer of ours is closed with `set_answer(None, Failure)`;
    /// the provider's `terminate_media` follows once the call is over
    /// ([`CallEvent::Terminated`] with
    /// [`TerminationCause::Local`]).
    ///
    /// # Errors
    /// [`CallError::InvalidState`] when already terminating or terminated;
    /// [`CallError::QueueFull`].
    pub fn terminate(&mut self, _now: Instant) -> Result<(), CallError> {
        let state = self.state();
        if matches!(state, CallState::Terminating | CallState::Terminated) {
            return Err(CallError::InvalidState {
                operation: "terminate",
                state,
            });
        }
        self.check_room()?;
        match &mut self.phase {
            Phase::Idle => self.terminated(TerminationCause::Local),
            Phase::Incoming(_) => {
                self.respond_status(603, Method::Invite);
                self.terminated(TerminationCause::Local);
            }
            Phase::Outgoing { invite, cancelled } => {
                *cancelled = true;
                let offer = invite.offer.clone();
                self.send_request(SipRequest::new(Method::Cancel), None);
                let ctx =
                    self.context(SdpOfferAnswerReason::OutgoingCallEstablishment, None, false);
                if let Some(offer) = offer {
                    self.close_offer(&ctx, &offer, SdpAnswerStatus::Failure);
                }
            }
            Phase::Accepted {
                exchange,
                bye_after_ack,
            } => {
                *bye_after_ack = true;
                let pending = exchange
                    .our_offer
                    .clone()
                    .map(|o| (exchange.ctx.clone(), o));
                if let Some((ctx, offer)) = pending {
                    self.close_offer(&ctx, &offer, SdpAnswerStatus::Failure);
                }
            }
            Phase::Established(_) | Phase::Terminated(_) => {
                self.send_bye();
                self.terminated(TerminationCause::Local);
            }
        }
        Ok(())
    }

    /// Runs the timers due at `now` (see [`Call::poll_timeout`]):
    ///
    /// * the ACK timeout ends the call with BYE (RFC 3261 §13.3.1.4): the
    ///   provider is told `Failure` for an offer of ours the ACK should have
    ///   answered, and [`CallEvent::Failed`] with
    ///   [`SdpAnswerStatus::Failure`] follows (or `Terminated` when we were
    ///   ending the call anyway);
    /// * the glare timer sends our renegotiation again after a 491
    ///   (RFC 3261 §14.1), or queues it behind the remote's;
    /// * the decision timer dismisses an incoming renegotiation the
    ///   application left undecided (488,
    ///   [`RenegotiationFailure::DecisionTimeout`](super::RenegotiationFailure::DecisionTimeout)).
    ///
    /// # Errors
    /// [`CallError::QueueFull`] (the timers stay due).
    pub fn handle_timeout(&mut self, now: Instant) -> Result<(), CallError> {
        self.check_room()?;
        while let Some(kind) = self.timers.pop_due(now) {
            match kind {
                TimerKind::AckWait => self.on_ack_timeout(),
                TimerKind::GlareRetry => self.on_glare_timer(),
                TimerKind::RenegotiationDecision => self.dismiss_remote(
                    crate::renegotiation::ReNegotiationDeclineReason::Unknown,
                    true,
                ),
            }
        }
        Ok(())
    }

    fn on_ack_timeout(&mut self) {
        let exchange = match self.phase.take_awaited_ack(&self.local_tag) {
            None => return,
            Some(AwaitedAck::Initial {
                bye_after_ack: true,
                ..
            }) => {
                self.send_bye();
                self.terminated(TerminationCause::Local);
                return;
            }
            Some(AwaitedAck::Initial { exchange, .. } | AwaitedAck::Reinvite(exchange)) => exchange,
        };
        self.send_bye();
        if let Some(offer) = &exchange.our_offer {
            self.close_offer(&exchange.ctx, offer, SdpAnswerStatus::Failure);
        }
        self.fail(SdpAnswerStatus::Failure, None);
    }

    /// The call is over: renegotiations, state, timers, media.
    pub(super) fn finish(&mut self) {
        self.abort_renegotiations();
        let phase = std::mem::replace(&mut self.phase, Phase::Idle);
        self.phase = phase.ended(&self.local_tag);
        self.timers.clear();
        self.end_media();
    }

    /// The call failed with `status` (after `response`).
    pub(super) fn fail(&mut self, status: SdpAnswerStatus, response: Option<u16>) {
        self.finish();
        self.events.push(CallEvent::Failed { status, response });
    }

    /// The call ended normally.
    pub(super) fn terminated(&mut self, cause: TerminationCause) {
        self.finish();
        self.events.push(CallEvent::Terminated { cause });
    }
}
