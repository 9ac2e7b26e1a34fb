//! The incoming call: the remote's INVITE, `accept`, `accept_early_media`,
//! `decline`, and the ACK of our 2xx (RFC 3261 §13.3, RFC 6337).

use std::time::Instant;

use crate::body::BodyError;
use crate::call::decline::{DeclineContext, decline_response};
use crate::call::messages::bodies::{
    answer_description, looks_like_sdp, offer_tree, parse_message_body, root_type_refused,
    session_descriptions, single_sdp, write_body, write_sdp,
};
use crate::call::phase::{AwaitedAck, Ended, Origin, Phase};
use crate::call::timers::TimerKind;
use crate::call::{
    Call, CallError, CallEvent, CallState, Method, SipHeaders, SipRequest, SipResponse, SipWarning,
    TerminationCause,
};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpAnswerStatus,
    SdpContentDescription, SdpOffer, SdpOfferAnswerReason,
};
use crate::sip::warn_text_of;

/// The remote's INVITE in progress: the incoming offer/answer slot.
#[derive(Debug, Clone)]
pub(crate) struct IncomingExchange {
    pub(crate) ctx: OfferAnswerContext,
    /// The remote's offer; `None` when ours goes in the 2xx.
    pub(crate) offer: Option<SdpOffer>,
    /// The answer sent in a 183 (early media), repeated in the 2xx.
    pub(crate) early_answer: Option<SdpContentDescription>,
    /// Our offer in the 2xx, answered in the ACK.
    pub(crate) our_offer: Option<SdpOffer>,
    /// The INVITE said `Require: 100rel`: its provisional responses must be
    /// reliable, which we do not send.
    pub(crate) requires_100rel: bool,
}

/// The provider's answer to an offer (from `get_answer`).
pub(crate) struct ProvidedAnswer {
    pub(crate) description: SdpContentDescription,
    /// Extra headers for the response carrying it.
    pub(crate) headers: Vec<crate::offer_answer::SignalingHeader>,
    /// Which of the offer's descriptions it answers, when the provider said.
    pub(crate) answered: Option<usize>,
}

/// What an incoming body holds.
pub(crate) enum IncomingBody {
    /// No session description: our offer goes in the response.
    NoOffer,
    /// The session descriptions offered.
    Offer(SdpOffer),
    /// Refused: this response was built (400, 413 or 415) with its reason.
    Refused(Box<SipResponse>, OfferAnswerFailureReason),
}

impl<P: MediaProvider> Call<P> {
    /// Reads the body of an INVITE or UPDATE: the offer, or the response
    /// that refuses it (400 + Warning 399 for a malformed body or one that
    /// is not SDP at all, 413 past the size limit, 415 + Accept for a
    /// required part of a type the provider does not take, RFC 5621 §9).
    pub(in crate::call) fn read_offer(&mut self, request: &mut SipRequest) -> IncomingBody {
        let bad = |call: &Self, status: u16, text: String| {
            let mut response = SipResponse::new(status, request.method.clone());
            response.headers.warning = Some(SipWarning::new(
                399,
                call.config.warning_agent.as_deref(),
                text,
            ));
            IncomingBody::Refused(Box::new(response), OfferAnswerFailureReason::NotAcceptable)
        };
        if let Some(description) = single_sdp(
            &request.headers,
            &mut request.body,
            self.provider.supported_content_types(),
            &self.config.body_limits,
        ) {
            if request.method == Method::Invite && matches!(self.phase, Phase::Idle) {
                self.initial_content_types = crate::call::messages::bodies::SDP_ONLY.clone();
            }
            if !looks_like_sdp(&description.body) {
                return bad(
                    self,
                    400,
                    "application/sdp body is not a session description".to_owned(),
                );
            }
            return IncomingBody::Offer(SdpOffer::single(description));
        }
        if root_type_refused(
            &request.headers,
            &request.body,
            self.provider.supported_content_types(),
        ) {
            let mut response = SipResponse::new(415, request.method.clone());
            response.headers.accept = Some(self.accept_value());
            return IncomingBody::Refused(
                Box::new(response),
                OfferAnswerFailureReason::UnsupportedMedia,
            );
        }
        let root =
            match parse_message_body(&request.headers, &request.body, &self.config.body_limits) {
                Ok(Some(root)) => root,
                Ok(None) => return IncomingBody::NoOffer,
                Err(e @ BodyError::TooLarge { .. }) => return bad(self, 413, warn_text_of(&e)),
                // The error may quote the peer's input: its text is bounded.
                Err(e) => return bad(self, 400, warn_text_of(&e)),
            };
        if request.method == Method::Invite && matches!(self.phase, Phase::Idle) {
            self.initial_content_types = crate::call::messages::bodies::initial_types(Some(&root));
        }
        match session_descriptions(&root, &self.understood()) {
            Err(unsupported) => {
                let mut response = SipResponse::new(415, request.method.clone());
                response.headers.accept = Some(unsupported.accept);
                IncomingBody::Refused(
                    Box::new(response),
                    OfferAnswerFailureReason::UnsupportedMedia,
                )
            }
            Ok(descriptions) if descriptions.is_empty() => IncomingBody::NoOffer,
            Ok(descriptions) if descriptions.iter().any(|d| !looks_like_sdp(&d.body)) => bad(
                self,
                400,
                "application/sdp body is not a session description".to_owned(),
            ),
            Ok(descriptions) => IncomingBody::Offer(SdpOffer::alternatives(descriptions)),
        }
    }

    /// Sends `response` declining an offer, and the event.
    pub(in crate::call) fn send_decline(
        &mut self,
        response: SipResponse,
        reason: OfferAnswerFailureReason,
    ) {
        let status = response.status;
        self.respond(response);
        self.events.push(CallEvent::OfferDeclined {
            response: status,
            reason,
        });
    }

    /// The response declining an offer of a `method` request for `error`
    /// (its UCMA `OfferAnswerFailureReason` gives the SIP response).
    pub(in crate::call) fn decline_for(
        &mut self,
        method: Method,
        error: &OfferAnswerError,
    ) -> SipResponse {
        let our_offer_outstanding = self.our_offer_outstanding();
        let retry_after = self.rng.retry_after();
        let accept = self.accept_value();
        decline_response(
            method,
            error,
            &DeclineContext {
                our_offer_outstanding,
                retry_after,
                accept: &accept,
                agent: self.config.warning_agent.as_deref(),
            },
        )
    }

    /// Whether an offer of ours waits for its answer.
    pub(in crate::call) fn our_offer_outstanding(&self) -> bool {
        let outgoing = self.state() == CallState::Establishing
            && self
                .phase
                .invite()
                .is_some_and(|o| o.offer.is_some() && !o.dialogs.any_reliable_answer());
        let incoming = self
            .phase
            .awaiting_ack()
            .is_some_and(|i| i.our_offer.is_some());
        outgoing || incoming || self.local_offer_outstanding()
    }

    /// The initial INVITE of an incoming call.
    pub(in crate::call) fn on_initial_invite(&mut self, request: &mut SipRequest) {
        let offer = match self.read_offer(request) {
            IncomingBody::Refused(response, reason) => {
                self.phase = Phase::Terminated(Ended::Early(Origin::Incoming));
                self.send_decline(*response, reason);
                self.finish();
                return;
            }
            IncomingBody::NoOffer => None,
            IncomingBody::Offer(offer) => Some(offer),
        };
        self.initial_media_types = crate::call::messages::bodies::offer_media_types(offer.as_ref());
        let tag = self.local_tag.clone();
        let ctx = self.context(
            SdpOfferAnswerReason::IncomingCallEstablishment,
            Some(&tag),
            false,
        );
        if let Some(offer) = &offer {
            self.media.involve();
            if let Err(e) = self.provider.set_incoming_call_offer(&ctx, offer) {
                self.phase = Phase::Terminated(Ended::Early(Origin::Incoming));
                let response = self.decline_for(Method::Invite, &e);
                self.send_decline(response, e.reason);
                self.finish();
                return;
            }
        }
        let has_offer = offer.is_some();
        self.phase = Phase::Incoming(IncomingExchange {
            ctx,
            offer,
            early_answer: None,
            our_offer: None,
            requires_100rel: request.headers.requires("100rel"),
        });
        self.events.push(CallEvent::IncomingCall { has_offer });
    }

    fn awaiting_accept(&self, operation: &'static str) -> Result<(), CallError> {
        if matches!(self.phase, Phase::Incoming(_)) {
            Ok(())
        } else {
            Err(CallError::InvalidState {
                operation,
                state: self.state(),
            })
        }
    }

    /// Accepts the incoming call (UCMA `BeginAccept`): 200 OK with the
    /// provider's answer ([`MediaProvider::get_answer`], or the answer of an
    /// earlier 183), or, for an INVITE without offer, with the provider's
    /// offer ([`MediaProvider::get_offer`]), whose answer the ACK brings. The
    /// call is then [`CallState::Establishing`] until the ACK
    /// ([`CallEvent::Established`]), or the ACK timeout ends it.
    ///
    /// When the provider fails, the offer is declined with the SIP response of
    /// its UCMA `OfferAnswerFailureReason` instead ([`CallEvent::OfferDeclined`]) and the call is over.
    ///
    /// # Errors
    /// [`CallError::InvalidState`] unless an incoming call waits;
    /// [`CallError::QueueFull`].
    pub fn accept(&mut self, now: Instant) -> Result<(), CallError> {
        self.awaiting_accept("accept")?;
        self.check_room()?;
        // Taken, not copied, and put back below.
        let Phase::Incoming(mut exchange) = std::mem::replace(&mut self.phase, Phase::Idle) else {
            return Ok(()); // checked by `awaiting_accept`
        };
        let mut response = SipResponse::new(200, Method::Invite);
        match &exchange.offer {
            Some(offer) => {
                let answer = match exchange.early_answer.take() {
                    Some(a) => Ok((a, Vec::new())),
                    None => self
                        .answer_offer(&exchange.ctx, offer)
                        .map(|a| (a.description, a.headers)),
                };
                match answer {
                    Ok((description, headers)) => {
                        response.body = write_sdp(&description, &mut response.headers);
                        response.headers.extra.extend(headers);
                        exchange.early_answer = Some(description);
                    }
                    Err(e) => {
                        self.phase = Phase::Incoming(exchange);
                        return self.decline_call(&e);
                    }
                }
            }
            None => match self.provider_offer(&exchange.ctx) {
                Ok(offer) => {
                    self.media.involve();
                    match self.offer_body(&offer, &mut response.headers) {
                        Ok(body) => response.body = body,
                        Err(e) => {
                            self.close_offer(
                                &exchange.ctx,
                                &offer,
                                SdpAnswerStatus::NotAcceptableLocally,
                            );
                            let e = OfferAnswerError::new(
                                OfferAnswerFailureReason::ServerInternalError,
                                e.to_string(),
                            );
                            self.phase = Phase::Incoming(exchange);
                            return self.decline_call(&e);
                        }
                    }
                    self.last_offer_sent = Some(offer.clone());
                    exchange.our_offer = Some(offer);
                }
                Err(e) => {
                    self.media.involve();
                    self.phase = Phase::Incoming(exchange);
                    return self.decline_call(&offer_failure(e));
                }
            },
        }
        self.phase = Phase::Accepted {
            exchange,
            bye_after_ack: false,
        };
        self.respond(response);
        self.await_ack(now);
        Ok(())
    }

    /// Our 2xx is out: the ACK timer runs (RFC 3261 §13.3.1.4).
    pub(in crate::call) fn await_ack(&mut self, now: Instant) {
        // A timeout too large for `Instant` never fires.
        if let Some(at) = now.checked_add(self.config.ack_timeout) {
            self.timers.set(TimerKind::AckWait, at);
        }
    }

    /// The provider's answer to `offer`, with its extra headers.
    pub(in crate::call) fn answer_offer(
        &mut self,
        ctx: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<ProvidedAnswer, OfferAnswerError> {
        self.media.involve();
        let answer = self.provider.get_answer(ctx, offer)?;
        match answer.answer {
            Some(description) => Ok(ProvidedAnswer {
                description,
                headers: answer.headers,
                answered: answer
                    .answered_description
                    .filter(|&i| i < offer.descriptions.len()),
            }),
            None => Err(OfferAnswerError::new(
                failure_reason(answer.status),
                "the provider gave no answer",
            )),
        }
    }

    /// The body carrying our `offer` (no custom parts).
    pub(in crate::call) fn offer_body(
        &mut self,
        offer: &SdpOffer,
        headers: &mut SipHeaders,
    ) -> Result<Vec<u8>, BodyError> {
        let tree = offer_tree(Some(offer), &[]);
        headers.extra.extend(offer.headers.iter().cloned());
        write_body(tree.as_ref(), &mut self.boundaries, headers)
    }

    /// Declines the waiting incoming call for `error` and ends it.
    fn decline_call(&mut self, error: &OfferAnswerError) -> Result<(), CallError> {
        let response = self.decline_for(Method::Invite, error);
        self.send_decline(response, error.reason);
        self.finish();
        Ok(())
    }

    /// Sends the provider's answer in a 183 Session Progress (early media,
    /// UCMA `BeginEstablishEarlyMedia`); [`Call::accept`] then repeats it in
    /// the 200. The 183 is unreliable: we do not send reliable provisional
    /// responses. When the provider fails, the offer is declined (UCMA
    /// `OfferAnswerFailureReason` → SIP response) and the call is over.
    ///
    /// # Errors
    /// [`CallError::InvalidState`] unless an incoming call with an offer
    /// waits and no early answer was sent, or when the INVITE says
    /// `Require: 100rel` (its provisional responses would have to be
    /// reliable, RFC 3262 §3); [`CallError::QueueFull`].
    pub fn accept_early_media(&mut self, _now: Instant) -> Result<(), CallError> {
        self.awaiting_accept("accept_early_media")?;
        let Some(exchange) = self.phase.exchange().cloned() else {
            return Ok(()); // checked by `awaiting_accept`
        };
        let (Some(offer), None, false) = (
            &exchange.offer,
            &exchange.early_answer,
            exchange.requires_100rel,
        ) else {
            return Err(CallError::InvalidState {
                operation: "accept_early_media",
                state: self.state(),
            });
        };
        self.check_room()?;
        let ctx = exchange
            .ctx
            .clone()
            .in_dialog(exchange.ctx.dialog_id.clone(), true);
        match self.answer_offer(&ctx, offer) {
            Ok(ProvidedAnswer {
                description,
                headers,
                ..
            }) => {
                let mut response = SipResponse::new(183, Method::Invite);
                response.body = write_sdp(&description, &mut response.headers);
                response.headers.extra.extend(headers);
                self.respond(response);
                if let Some(i) = self.phase.exchange_mut() {
                    i.early_answer = Some(description);
                }
                Ok(())
            }
            Err(e) => self.decline_call(&e),
        }
    }

    /// Declines the incoming call with `status` (300–699, e.g. 486 Busy
    /// Here, 603 Decline; UCMA `Decline`). The call is over
    /// ([`CallEvent::Terminated`] with [`TerminationCause::Local`]).
    ///
    /// # Errors
    /// [`CallError::InvalidStatus`] outside 300–699;
    /// [`CallError::InvalidState`] unless an incoming call waits;
    /// [`CallError::QueueFull`].
    pub fn decline(&mut self, status: u16, _now: Instant) -> Result<(), CallError> {
        if !(300..=699).contains(&status) {
            return Err(CallError::InvalidStatus(status));
        }
        self.awaiting_accept("decline")?;
        self.check_room()?;
        self.respond_status(status, Method::Invite);
        self.terminated(TerminationCause::Local);
        Ok(())
    }

    /// An ACK: completes the INVITE exchange we answered with a 2xx.
    pub(in crate::call) fn on_ack(&mut self, mut request: SipRequest) {
        if matches!(self.phase, Phase::Terminated(_)) {
            return; // e.g. the ACK of a final response of ours
        }
        let (exchange, initial) = match self.phase.take_awaited_ack(&self.local_tag) {
            None => {
                // The ACK of a 2xx retransmission (RFC 3261 §13.2.2.4), or
                // of nothing: noise.
                self.events.push(CallEvent::Discarded {
                    noise: crate::call::PeerNoise::UnmatchedAck,
                });
                return;
            }
            Some(AwaitedAck::Initial {
                bye_after_ack: true,
                ..
            }) => {
                // `terminate` already told the provider.
                self.timers.cancel(TimerKind::AckWait);
                self.send_bye();
                self.terminated(TerminationCause::Local);
                return;
            }
            Some(AwaitedAck::Initial { exchange, .. }) => (exchange, true),
            Some(AwaitedAck::Reinvite(exchange)) => (exchange, false),
        };
        self.timers.cancel(TimerKind::AckWait);
        let answer = match exchange.our_offer {
            Some(_) => answer_description(
                &request.headers,
                &mut request.body,
                self.provider.supported_content_types(),
                &self.config.body_limits,
            ),
            None => None,
        };
        if !initial {
            self.on_reinvite_ack(&exchange, answer);
            return;
        }
        let mut failure = None;
        if let Some(our_offer) = &exchange.our_offer {
            let (answer, status) = match answer {
                Some(a) => (
                    SdpAnswer::new(a, SdpAnswerStatus::Final),
                    SdpAnswerStatus::NotAcceptableLocally,
                ),
                None => (
                    SdpAnswer::declined(SdpAnswerStatus::NotAcceptable),
                    SdpAnswerStatus::NotAcceptable,
                ),
            };
            let has_answer = answer.answer.is_some();
            let accepted = self
                .provider
                .set_answer(&exchange.ctx, our_offer, answer)
                .is_ok();
            if !(has_answer && accepted) {
                failure = Some(status);
            }
        }
        match failure {
            None => {
                let dialog_id = self.local_tag.clone();
                self.events.push(CallEvent::Established { dialog_id });
            }
            Some(status) => {
                self.send_bye();
                self.fail(status, None);
            }
        }
    }
}

/// The error declining an offerless INVITE when we have no offer to put
/// in the 2xx: the provider's, or a 500 for an offer we could not send.
pub(in crate::call) fn offer_failure(error: CallError) -> OfferAnswerError {
    match error {
        CallError::Provider(e) => e,
        other => OfferAnswerError::new(
            OfferAnswerFailureReason::ServerInternalError,
            other.to_string(),
        ),
    }
}

/// The failure reason for an answer status without answer.
fn failure_reason(status: SdpAnswerStatus) -> OfferAnswerFailureReason {
    match status {
        SdpAnswerStatus::RequestPending => OfferAnswerFailureReason::RequestPending,
        SdpAnswerStatus::UnsupportedMediaCanRetry
        | SdpAnswerStatus::UnsupportedMediaCannotRetry => {
            OfferAnswerFailureReason::UnsupportedMedia
        }
        SdpAnswerStatus::NotAcceptableDueToBandwidthPolicy => {
            OfferAnswerFailureReason::FailDueToBandwidthPolicy
        }
        SdpAnswerStatus::Failure => OfferAnswerFailureReason::ServerInternalError,
        _ => OfferAnswerFailureReason::NotAcceptable,
    }
}
