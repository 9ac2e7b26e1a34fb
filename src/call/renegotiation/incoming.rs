//! The remote's renegotiation: a re-INVITE or UPDATE offer (or a re-INVITE
//! without offer) becomes a [`Renegotiation`] that the application answers
//! or dismisses (UCWA `audioVideoRenegotiation`), or that the provider
//! answers at once ([`RenegotiationMode::Automatic`]).

use std::time::Instant;

use crate::call::invite::incoming::{IncomingExchange, ProvidedAnswer};
use crate::call::messages::bodies::write_sdp;
use crate::call::phase::Phase;
use crate::call::renegotiation::{RemotePhase, RemoteRenegotiation, RenegotiationAnswer};
use crate::call::timers::TimerKind;
use crate::call::{
    Call, CallError, CallEvent, Method, RenegotiationFailure, RenegotiationMode, SipResponse,
    SipWarning,
};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpAnswerStatus,
    SdpContentDescription, SdpOffer, SignalingHeader,
};
use crate::renegotiation::{
    IncomingPendingRenegotiation, ReNegotiationDeclineReason, RenegotiationDirection,
    RenegotiationError,
};
use crate::sdp::{ParseLimits, SessionDescription};
use crate::sip::warn_text_of;

impl<P: MediaProvider> Call<P> {
    /// Answers the remote's renegotiation `operation_id` (UCWA: `POST` to
    /// the `answer` link) with the provider's answer or the application's
    /// own SDP ([`RenegotiationAnswer`]):
    ///
    /// * offer in a re-INVITE or UPDATE: 200 with the answer; the new
    ///   session is active and [`CallEvent::RenegotiationCompleted`] reports
    ///   `Ok` (for a re-INVITE the ACK is then awaited, at most
    ///   [`CallConfig::ack_timeout`](crate::call::CallConfig::ack_timeout));
    /// * re-INVITE without offer: 200 with the provider's offer
    ///   ([`MediaProvider::get_offer`]); the renegotiation completes when the
    ///   ACK brings the answer (`Ok`), or brings none the provider takes
    ///   (`Failed` with `NotAcceptable` or `NotAcceptableLocally`: the
    ///   previous session stays, and the Call re-offers it once so that both
    ///   sides agree again).
    ///
    /// When the provider cannot answer ([`RenegotiationAnswer::Provider`]
    /// and `get_answer`/`get_offer` fails), the offer is declined with the
    /// SIP response of its UCMA `OfferAnswerFailureReason` instead (see
    /// the crate manual (`crate::manual`)) and the renegotiation completes with
    /// [`RenegotiationFailure::Declined`]; this returns `Ok`.
    ///
    /// # Errors
    /// [`CallError::NoSuchRenegotiation`] for an unknown id;
    /// [`CallError::Renegotiation`] when it is ours (`NotIncoming`) or was
    /// already decided (`NotPending`, UCWA 409); [`CallError::InvalidState`]
    /// for [`RenegotiationAnswer::Sdp`] to a re-INVITE without offer, or
    /// after our 2xx offer went out; [`CallError::Provider`] when the
    /// provider refuses the application's SDP
    /// ([`MediaProvider::set_local_answer`]); [`CallError::QueueFull`].
    /// Nothing is sent then and the renegotiation stays pending.
    pub fn answer_renegotiation(
        &mut self,
        operation_id: &str,
        answer: RenegotiationAnswer,
        now: Instant,
    ) -> Result<(), CallError> {
        self.deciding(operation_id, "answer_renegotiation")?;
        self.check_room()?;
        self.answer_remote(answer, now)
    }

    /// Dismisses (declines) the remote's renegotiation `operation_id` with
    /// `reason` (UCWA: `POST` to the `dismiss` link with a
    /// `ReNegotiationDeclineReason`). The response is
    /// [`ReNegotiationDeclineReason::sip_response`] (UCMA `ReNegotiationDeclineReason`;
    /// see the crate manual (`crate::manual`)), with
    /// the Warning of its code written by our
    /// [`warning_agent`](crate::call::CallConfig::warning_agent) (for
    /// `InvalidMediaOffer`, Warning 399 carries the offer's parse error when
    /// it does not parse), and for `Conflict` a 500 with Retry-After 0–10 s
    /// drawn from the seed. The previous session stays active; the provider
    /// is not involved. [`CallEvent::RenegotiationCompleted`] reports
    /// [`RenegotiationFailure::Dismissed`]; a renegotiation of ours queued
    /// behind it is then sent.
    ///
    /// # Errors
    /// As [`Call::answer_renegotiation`] (without the provider errors).
    pub fn dismiss_renegotiation(
        &mut self,
        operation_id: &str,
        reason: ReNegotiationDeclineReason,
        _now: Instant,
    ) -> Result<(), CallError> {
        self.deciding(operation_id, "dismiss_renegotiation")?;
        self.check_room()?;
        self.dismiss_remote(reason, false);
        Ok(())
    }

    /// Checks that `operation_id` is the remote's renegotiation waiting for
    /// a decision.
    fn deciding(&self, operation_id: &str, operation: &'static str) -> Result<(), CallError> {
        if let Some(remote) = self
            .reneg_in
            .as_ref()
            .filter(|r| r.operation_id() == operation_id)
        {
            return match remote.phase {
                RemotePhase::Deciding { .. } => Ok(()),
                RemotePhase::AwaitingAck => Err(CallError::InvalidState {
                    operation,
                    state: self.state(),
                }),
            };
        }
        let ours = self
            .reneg_out
            .as_ref()
            .is_some_and(|o| o.entity.entity().operation_id() == operation_id);
        if ours {
            return Err(RenegotiationError::NotIncoming.into());
        }
        match self
            .last_reneg
            .as_ref()
            .filter(|r| r.operation_id() == operation_id)
        {
            Some(done) if done.direction() == RenegotiationDirection::Outgoing => {
                Err(RenegotiationError::NotIncoming.into())
            }
            Some(done) => Err(RenegotiationError::NotPending {
                state: done.state(),
            }
            .into()),
            None => Err(CallError::NoSuchRenegotiation {
                operation_id: operation_id.to_owned(),
            }),
        }
    }

    /// A re-INVITE or UPDATE the dialog can take as a renegotiation (the
    /// 491 and 500 rules were applied by the caller): a refresh is answered
    /// at once; anything else becomes the remote's [`Renegotiation`].
    pub(in crate::call) fn on_remote_reoffer(
        &mut self,
        method: Method,
        offer: Option<SdpOffer>,
        ctx: OfferAnswerContext,
        now: Instant,
    ) {
        if let Some(offer) = offer
            .as_ref()
            .filter(|o| self.provider.is_session_refresh(&ctx, o))
        {
            let offer = offer.clone();
            return self.answer_refresh(method, ctx, offer, now);
        }
        let media_offer = offer
            .as_ref()
            .and_then(|o| o.descriptions.last())
            .map(|d| d.body.clone())
            .unwrap_or_default();
        let entity = IncomingPendingRenegotiation::new(self.ids.operation_id(), media_offer);
        self.events.push(CallEvent::RenegotiationStarted {
            renegotiation: entity.entity().clone(),
        });
        let remote = RemoteRenegotiation {
            entity,
            method,
            ctx,
            phase: RemotePhase::Deciding { offer },
        };
        match self.config.renegotiation {
            RenegotiationMode::Automatic => self.answer_with_provider(remote, now),
            RenegotiationMode::Manual => {
                self.reneg_in = Some(remote);
                if let Some(at) = now.checked_add(self.config.renegotiation_decision_timeout) {
                    self.timers.set(TimerKind::RenegotiationDecision, at);
                }
            }
        }
    }

    /// An offer repeating the remote's current SDP (RFC 3264 §8: a session
    /// refresh, e.g. RFC 4028): the provider answers it with the current
    /// session, with no renegotiation and no event.
    fn answer_refresh(
        &mut self,
        method: Method,
        ctx: OfferAnswerContext,
        offer: SdpOffer,
        now: Instant,
    ) {
        match self.answer_offer(&ctx, &offer) {
            Ok(answer) => {
                self.respond_answer(method.clone(), &answer.description, answer.headers);
                if method == Method::Invite {
                    self.await_reinvite_ack(ctx, Some(offer), None, now);
                }
            }
            Err(e) => {
                let response = self.decline_for(method, &e);
                self.send_decline(response, e.reason);
            }
        }
    }

    /// Queues a 200 to `method` carrying `answer`.
    fn respond_answer(
        &mut self,
        method: Method,
        answer: &SdpContentDescription,
        headers: Vec<SignalingHeader>,
    ) {
        let mut response = SipResponse::new(200, method);
        response.body = write_sdp(answer, &mut response.headers);
        response.headers.extra.extend(headers);
        self.respond(response);
    }

    /// Our 2xx to a re-INVITE is out: wait for the ACK (which answers
    /// `our_offer` when there is one).
    fn await_reinvite_ack(
        &mut self,
        ctx: OfferAnswerContext,
        offer: Option<SdpOffer>,
        our_offer: Option<SdpOffer>,
        now: Instant,
    ) {
        let exchange = IncomingExchange {
            ctx,
            offer,
            early_answer: None,
            our_offer,
            requires_100rel: false,
        };
        // A remote renegotiation exists only while established: it ends
        // with the call (`abort_renegotiations`).
        if let Phase::Established(established) = &mut self.phase {
            established.reinvite = Some(exchange);
            self.await_ack(now);
        }
    }

    /// Answers the remote's renegotiation waiting for a decision.
    pub(in crate::call) fn answer_remote(
        &mut self,
        answer: RenegotiationAnswer,
        now: Instant,
    ) -> Result<(), CallError> {
        let deciding = self
            .reneg_in
            .as_ref()
            .is_some_and(RemoteRenegotiation::is_deciding);
        let Some(mut remote) = self.reneg_in.take().filter(|_| deciding) else {
            return Err(CallError::InvalidState {
                operation: "answer_renegotiation (no renegotiation waits for a decision)",
                state: self.state(),
            });
        };
        let sdp = match answer {
            RenegotiationAnswer::Provider => {
                self.answer_with_provider(remote, now);
                return Ok(());
            }
            RenegotiationAnswer::Sdp(sdp) => sdp,
        };
        let Some(offer) = remote.take_offer() else {
            self.reneg_in = Some(remote);
            return Err(CallError::InvalidState {
                operation: "answer_renegotiation with an SDP (the re-INVITE has no offer)",
                state: self.state(),
            });
        };
        let description = SdpContentDescription::new(sdp);
        self.media.involve();
        if let Err(e) = self
            .provider
            .set_local_answer(&remote.ctx, &offer, &description)
        {
            remote.phase = RemotePhase::Deciding { offer: Some(offer) };
            self.reneg_in = Some(remote);
            return Err(e.into());
        }
        self.timers.cancel(TimerKind::RenegotiationDecision);
        let answer = ProvidedAnswer {
            description,
            headers: Vec::new(),
            answered: None,
        };
        self.send_remote_answer(remote, offer, answer, now);
        Ok(())
    }

    /// The provider answers the remote's offer (or, for a re-INVITE
    /// without offer, makes ours for the 2xx); its failure declines the
    /// offer. Nothing here can be refused.
    fn answer_with_provider(&mut self, mut remote: RemoteRenegotiation, now: Instant) {
        self.timers.cancel(TimerKind::RenegotiationDecision);
        match remote.take_offer() {
            Some(offer) => match self.answer_offer(&remote.ctx, &offer) {
                Ok(answer) => self.send_remote_answer(remote, offer, answer, now),
                Err(e) => self.decline_remote(remote, &e),
            },
            None => self.offer_in_2xx(remote, now),
        }
    }

    /// Sends the answer to the remote's offer: the renegotiation succeeded.
    /// Of an offer of alternatives, the entity keeps the one answered.
    fn send_remote_answer(
        &mut self,
        mut remote: RemoteRenegotiation,
        offer: SdpOffer,
        answer: ProvidedAnswer,
        now: Instant,
    ) {
        let ProvidedAnswer {
            description,
            headers,
            answered,
        } = answer;
        self.respond_answer(remote.method.clone(), &description, headers);
        if let Some(chosen) = answered.and_then(|i| offer.descriptions.get(i)) {
            remote.entity.set_media_offer(chosen.body.clone());
        }
        let finished = remote.entity.answered(description.body);
        if remote.method == Method::Invite {
            self.await_reinvite_ack(remote.ctx, Some(offer), None, now);
        }
        self.complete(finished, Ok(()));
        self.after_remote_exchange();
    }

    /// A re-INVITE without offer: the provider's offer goes in the 2xx.
    fn offer_in_2xx(&mut self, mut remote: RemoteRenegotiation, now: Instant) {
        self.media.involve();
        let ours = match self.provider_offer(&remote.ctx) {
            Ok(ours) => ours,
            Err(e) => {
                return self
                    .decline_remote(remote, &crate::call::invite::incoming::offer_failure(e));
            }
        };
        let mut response = SipResponse::new(200, Method::Invite);
        match self.offer_body(&ours, &mut response.headers) {
            Ok(body) => response.body = body,
            Err(e) => {
                self.close_offer(&remote.ctx, &ours, SdpAnswerStatus::NotAcceptableLocally);
                let error = OfferAnswerError::new(
                    OfferAnswerFailureReason::ServerInternalError,
                    e.to_string(),
                );
                return self.decline_remote(remote, &error);
            }
        }
        if let Some(d) = ours.descriptions.last() {
            remote.entity.set_media_offer(d.body.clone());
        }
        self.last_offer_sent = Some(ours.clone());
        self.respond(response);
        remote.phase = RemotePhase::AwaitingAck;
        self.await_reinvite_ack(remote.ctx.clone(), None, Some(ours), now);
        self.reneg_in = Some(remote);
    }

    /// Declines the remote's offer for the provider's `error` (its UCMA
    /// `OfferAnswerFailureReason` gives the SIP response; see
    /// the crate manual (`crate::manual`)).
    fn decline_remote(&mut self, remote: RemoteRenegotiation, error: &OfferAnswerError) {
        let response = self.decline_for(remote.method.clone(), error);
        let status = response.status;
        self.respond(response);
        let finished = remote.entity.failed();
        self.complete(
            finished,
            Err(RenegotiationFailure::Declined {
                reason: error.reason,
                response: status,
            }),
        );
        self.after_remote_exchange();
    }

    /// Dismisses the remote's renegotiation with `reason` (by the
    /// application, or by the decision timer).
    pub(in crate::call) fn dismiss_remote(
        &mut self,
        reason: ReNegotiationDeclineReason,
        timed_out: bool,
    ) {
        let Some(remote) = self
            .reneg_in
            .take()
            .filter(RemoteRenegotiation::is_deciding)
        else {
            return;
        };
        self.timers.cancel(TimerKind::RenegotiationDecision);
        let retry_after = self.rng.retry_after();
        let mut decline = reason.sip_response(self.our_offer_outstanding(), retry_after);
        if let Some(w) = decline.warning.take() {
            // An invalid offer's 399 says what is wrong with it.
            decline = decline.with_warning(match w.code {
                399 => SipWarning::new(399, None, offer_fault(remote.offer())),
                _ => w,
            });
        }
        let response = decline
            .with_agent(self.config.warning_agent.as_deref())
            .to_response(remote.method.clone());
        let status = response.status;
        self.respond(response);
        let finished = remote.entity.dismissed(reason);
        let failure = if timed_out {
            RenegotiationFailure::DecisionTimeout { response: status }
        } else {
            RenegotiationFailure::Dismissed {
                reason,
                response: status,
            }
        };
        self.complete(finished, Err(failure));
        self.after_remote_exchange();
    }

    /// Whether the remote's re-INVITE waits for the application's decision.
    pub(in crate::call) fn remote_reinvite_deciding(&self) -> bool {
        self.reneg_in
            .as_ref()
            .is_some_and(RemoteRenegotiation::is_undecided_reinvite)
    }

    /// The remote canceled its re-INVITE while the application decided:
    /// 487 to it (the caller answers the CANCEL).
    pub(in crate::call) fn cancel_remote(&mut self) -> bool {
        let Some(remote) = self
            .reneg_in
            .take()
            .filter(RemoteRenegotiation::is_undecided_reinvite)
        else {
            return false;
        };
        self.timers.cancel(TimerKind::RenegotiationDecision);
        self.respond_status(487, Method::Invite);
        let finished = remote.entity.failed();
        self.complete(finished, Err(RenegotiationFailure::Canceled));
        self.after_remote_exchange();
        true
    }

    /// The ACK of our 2xx to a re-INVITE (`exchange`), carrying the answer
    /// to `our_offer` when the re-INVITE had no offer. The previous session
    /// stays when there is no answer or the provider refuses it, and the
    /// Call then re-offers the session once (RFC 3261 §13.2.2.4 wants an
    /// answer in that ACK: what the remote now believes is unknown, so we
    /// put both sides in step again).
    pub(in crate::call) fn on_reinvite_ack(
        &mut self,
        exchange: &IncomingExchange,
        answer: Option<SdpContentDescription>,
    ) {
        let awaiting = self
            .reneg_in
            .as_ref()
            .is_some_and(RemoteRenegotiation::is_awaiting_ack);
        if let (Some(our_offer), true) = (&exchange.our_offer, awaiting) {
            let Some(remote) = self.reneg_in.take() else {
                return;
            };
            let outcome = match answer {
                Some(description) => {
                    let body = description.body.clone();
                    let answer = SdpAnswer::new(description, SdpAnswerStatus::Final);
                    match self.provider.set_answer(&exchange.ctx, our_offer, answer) {
                        Ok(()) => Ok(body),
                        Err(_) => Err(SdpAnswerStatus::NotAcceptableLocally),
                    }
                }
                None => {
                    self.close_offer(&exchange.ctx, our_offer, SdpAnswerStatus::NotAcceptable);
                    Err(SdpAnswerStatus::NotAcceptable)
                }
            };
            match outcome {
                Ok(body) => {
                    let finished = remote.entity.answered(body);
                    self.complete(finished, Ok(()));
                }
                Err(status) => {
                    let finished = remote.entity.failed();
                    self.complete(
                        finished,
                        Err(RenegotiationFailure::Failed {
                            status,
                            response: None,
                        }),
                    );
                    self.resync();
                }
            }
        }
        self.after_remote_exchange();
    }
}

/// The text of a Warning 399 for an offer dismissed as invalid: its parse
/// error when it does not parse.
fn offer_fault(offer: Option<&SdpOffer>) -> String {
    let parsed = offer
        .and_then(|o| o.descriptions.last())
        .map(|d| SessionDescription::parse_bytes(&d.body, &ParseLimits::DEFAULT));
    match parsed {
        // The error may quote the peer's SDP: its text is bounded.
        Some(Err(e)) => warn_text_of(&e),
        _ => "Invalid media offer".to_owned(),
    }
}
