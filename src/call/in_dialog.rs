//! Requests within the call: re-INVITE, UPDATE, BYE, CANCEL
//! (RFC 3261 §14, §15, §9.2; RFC 3311).

use std::time::Instant;

use super::TerminationCause;
use super::invite::incoming::IncomingBody;
use super::phase::Phase;
use super::{Call, CallDirection, CallState, Method, SipRequest, SipResponse};
use crate::media_provider::MediaProvider;
use crate::offer_answer::SdpOfferAnswerReason;

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
    /// * Established, our re-INVITE (or our offer in a 2xx) unanswered:
    ///   491 (RFC 3261 §14.2: glare).
    /// * Established, the remote has nothing in progress: a renegotiation
    ///   (`renegotiation/incoming.rs`): a body the provider cannot read is refused
    ///   (400, 413, 415); an offer repeating the remote's current SDP is
    ///   answered at once; anything else becomes a [`Renegotiation`](crate::renegotiation::Renegotiation).
    /// * Our initial INVITE is in progress: 491.
    /// * The remote has a renegotiation or INVITE in progress: 500 with
    ///   Retry-After (RFC 3261 §14.2).
    /// * Ending or ended: 481.
    pub(super) fn on_reinvite(&mut self, request: &mut SipRequest, now: Instant) {
        let outgoing = self.direction() == Some(CallDirection::Outgoing);
        match self.state() {
            CallState::Established if self.our_offer_outstanding() => {
                self.respond_status(491, Method::Invite);
            }
            CallState::Established if !self.remote_exchange_in_progress() => {
                let offer = match self.read_offer(request) {
                    IncomingBody::Refused(decline, reason) => {
                        return self.send_decline(*decline, reason);
                    }
                    IncomingBody::NoOffer => None,
                    IncomingBody::Offer(offer) => Some(offer),
                };
                let ctx = self.context(
                    SdpOfferAnswerReason::IncomingRenegotiation,
                    self.dialog_id(),
                    false,
                );
                self.on_remote_reoffer(Method::Invite, offer, ctx, now);
            }
            CallState::Establishing if outgoing => self.respond_status(491, Method::Invite),
            CallState::Established | CallState::Incoming | CallState::Establishing => {
                self.respond_retry_later(Method::Invite);
            }
            _ => self.respond_status(481, Method::Invite),
        }
    }

    /// An UPDATE (RFC 3311): without offer, 200; with an offer on an
    /// established call, or in an early dialog where a reliable 1xx
    /// answered our INVITE's offer, a renegotiation like a re-INVITE's,
    /// answered in the 200 (no ACK). An offer crossing ours gets 491; one
    /// arriving while the remote's own offer is unanswered, or before an
    /// offer/answer completed, gets 500 with Retry-After (RFC 3311 §5.2).
    pub(super) fn on_update(&mut self, request: &mut SipRequest, now: Instant) {
        if matches!(
            self.state(),
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
        let early = self.state() == CallState::Establishing
            && self.direction() == Some(CallDirection::Outgoing)
            && self
                .phase
                .invite()
                .is_some_and(|o| o.offer.is_some() && o.dialogs.first_reliable().is_some());
        if (self.state() != CallState::Established && !early) || self.reneg_in.is_some() {
            return self.respond_retry_later(Method::Update);
        }
        let dialog = if early {
            match self.finalize_early_answer() {
                Ok(tag) => Some(tag),
                Err(_) => return self.respond_retry_later(Method::Update),
            }
        } else {
            self.dialog_id().map(str::to_owned)
        };
        let ctx = self.context(
            SdpOfferAnswerReason::IncomingRenegotiation,
            dialog.as_deref(),
            early,
        );
        self.on_remote_reoffer(Method::Update, Some(offer), ctx, now);
    }

    /// A BYE: 200 and the call is over, once a dialog exists; else 481.
    pub(super) fn on_bye(&mut self) {
        // A dialog exists once a 2xx was sent or received (RFC 3261 §12):
        // ours is out in `Accepted`; after our CANCEL, the remote's 2xx may
        // have crossed it (RFC 3261 §9.1).
        let dialog = matches!(
            self.phase,
            Phase::Established(_)
                | Phase::Accepted { .. }
                | Phase::Outgoing {
                    cancelled: true,
                    ..
                }
        );
        if dialog {
            self.respond_status(200, Method::Bye);
            self.terminated(TerminationCause::RemoteBye);
        } else {
            self.respond_status(481, Method::Bye);
        }
    }

    /// A CANCEL: before we answered, 200 to it and 487 to the INVITE (RFC
    /// 3261 §9.2) and the call is over; on an established call, 200, and a
    /// re-INVITE still waiting for the application's decision gets 487 (the
    /// session stays); after we answered, 200 and nothing changes; with no
    /// INVITE of the remote, 481.
    pub(super) fn on_cancel(&mut self) {
        match (self.state(), self.direction()) {
            (CallState::Incoming, _) => {
                self.respond_status(200, Method::Cancel);
                self.respond_status(487, Method::Invite);
                self.terminated(TerminationCause::RemoteCancel);
            }
            (CallState::Established, _) if self.remote_reinvite_deciding() => {
                // A re-INVITE waiting for the application's decision is
                // canceled: 200 to the CANCEL, 487 to it.
                self.respond_status(200, Method::Cancel);
                self.cancel_remote();
            }
            (CallState::Idle | CallState::Terminated, _) | (_, Some(CallDirection::Outgoing)) => {
                self.respond_status(481, Method::Cancel);
            }
            _ => self.respond_status(200, Method::Cancel),
        }
    }
}
