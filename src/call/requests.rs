//! Requests within the call: re-INVITE, UPDATE, BYE, CANCEL
//! (RFC 3261 §14, §15, §9.2; RFC 3311).

use std::time::Instant;

use super::incoming::{IncomingBody, IncomingExchange, IncomingPhase};
use super::{Call, CallDirection, CallEvent, CallState, Method, SipRequest, SipResponse};
use super::{TerminationCause, bodies::write_sdp};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{OfferAnswerError, SdpOfferAnswerReason};

impl<P: MediaProvider> Call<P> {
    /// 500 with Retry-After 0–10 s: "try again later" (RFC 3261 §14.2,
    /// RFC 3311 §5.2).
    fn respond_retry_later(&mut self, method: Method) {
        let mut response = SipResponse::new(500, method);
        response.headers.retry_after = Some(self.rng.retry_after());
        self.respond(response);
    }

    /// An INVITE after the initial one.
    ///
    /// * Established, nothing in progress: a re-INVITE, answered through the
    ///   provider (`IncomingRenegotiation`): 200 with the answer, or with our
    ///   offer when it has none (the ACK answers); a provider error declines
    ///   it per design.md §3.3 and the session stays as it was.
    /// * Our INVITE is in progress: 491 (RFC 3261 §14.2).
    /// * The remote's INVITE is in progress: 500 with Retry-After.
    /// * Ending or ended: 481.
    pub(super) fn on_reinvite(&mut self, request: &mut SipRequest, now: Instant) {
        let outgoing = self.direction == Some(CallDirection::Outgoing);
        match self.state {
            CallState::Established if self.incoming.is_none() => {
                self.answer_reinvite(request, now);
            }
            CallState::Establishing if outgoing => self.respond_status(491, Method::Invite),
            CallState::Established | CallState::Incoming | CallState::Establishing => {
                self.respond_retry_later(Method::Invite);
            }
            _ => self.respond_status(481, Method::Invite),
        }
    }

    fn answer_reinvite(&mut self, request: &mut SipRequest, now: Instant) {
        let ctx = self.context(
            SdpOfferAnswerReason::IncomingRenegotiation,
            self.dialog_id.clone().as_deref(),
            false,
        );
        let mut response = SipResponse::new(200, Method::Invite);
        let (offer, our_offer) = match self.read_offer(request) {
            IncomingBody::Refused(decline, reason) => return self.send_decline(*decline, reason),
            IncomingBody::Offer(offer) => match self.answer_offer(&ctx, &offer) {
                Ok((answer, headers)) => {
                    response.body = write_sdp(&answer, &mut response.headers);
                    response.headers.extra.extend(headers);
                    (Some(offer), None)
                }
                Err(e) => return self.decline_offer(Method::Invite, &e),
            },
            IncomingBody::NoOffer => match self.provider.get_offer(&ctx, None) {
                Ok(ours) => match self.offer_body(&ours, &mut response.headers) {
                    Ok(body) => {
                        response.body = body;
                        (None, Some(ours))
                    }
                    Err(e) => {
                        let error = OfferAnswerError::new(
                            crate::offer_answer::OfferAnswerFailureReason::ServerInternalError,
                            e.to_string(),
                        );
                        return self.decline_offer(Method::Invite, &error);
                    }
                },
                Err(e) => return self.decline_offer(Method::Invite, &e),
            },
        };
        self.respond(response);
        self.incoming = Some(IncomingExchange {
            ctx,
            offer,
            early_answer: None,
            our_offer,
            phase: IncomingPhase::AwaitingAck,
            bye_after_ack: false,
            requires_100rel: false,
        });
        self.await_ack(now);
    }

    /// Declines a re-offer; the session stays as it was.
    fn decline_offer(&mut self, method: Method, error: &OfferAnswerError) {
        let response = self.decline_for(method, error);
        self.send_decline(response, error.reason);
    }

    /// An UPDATE (RFC 3311): without offer, 200; with an offer on an
    /// established call, answered through the provider in the 200 (or
    /// declined per design.md §3.3). An offer crossing ours gets 491, one
    /// arriving while the remote's own offer is unanswered or before the
    /// call is established gets 500 with Retry-After (RFC 3311 §5.2).
    pub(super) fn on_update(&mut self, request: &mut SipRequest) {
        if matches!(
            self.state,
            CallState::Idle | CallState::Terminating | CallState::Terminated
        ) {
            return self.respond_status(481, Method::Update);
        }
        let offer = match self.read_offer(request) {
            IncomingBody::Refused(decline, reason) => return self.send_decline(*decline, reason),
            IncomingBody::NoOffer => return self.respond_status(200, Method::Update),
            IncomingBody::Offer(offer) => offer,
        };
        if self.our_offer_outstanding() {
            return self.respond_status(491, Method::Update);
        }
        if self.state != CallState::Established {
            return self.respond_retry_later(Method::Update);
        }
        let ctx = self.context(
            SdpOfferAnswerReason::IncomingRenegotiation,
            self.dialog_id.clone().as_deref(),
            false,
        );
        match self.answer_offer(&ctx, &offer) {
            Ok((answer, headers)) => {
                let mut response = SipResponse::new(200, Method::Update);
                response.body = write_sdp(&answer, &mut response.headers);
                response.headers.extra.extend(headers);
                self.respond(response);
                self.events.push(CallEvent::SessionUpdated);
            }
            Err(e) => self.decline_offer(Method::Update, &e),
        }
    }

    /// A BYE: 200 and the call is over, once a dialog exists; else 481.
    pub(super) fn on_bye(&mut self) {
        let dialog = match self.state {
            CallState::Established | CallState::Terminating => true,
            CallState::Establishing => self.direction == Some(CallDirection::Incoming),
            _ => false,
        };
        if dialog {
            self.respond_status(200, Method::Bye);
            self.terminated(TerminationCause::RemoteBye);
        } else {
            self.respond_status(481, Method::Bye);
        }
    }

    /// A CANCEL: before we answered, 200 to it and 487 to the INVITE (RFC
    /// 3261 §9.2) and the call is over; after, 200 and nothing changes;
    /// with no INVITE of the remote, 481.
    pub(super) fn on_cancel(&mut self) {
        match (self.state, self.direction) {
            (CallState::Incoming, _) => {
                self.respond_status(200, Method::Cancel);
                self.respond_status(487, Method::Invite);
                self.terminated(TerminationCause::RemoteCancel);
            }
            (CallState::Idle | CallState::Terminated, _) | (_, Some(CallDirection::Outgoing)) => {
                self.respond_status(481, Method::Cancel);
            }
            _ => self.respond_status(200, Method::Cancel),
        }
    }
}
