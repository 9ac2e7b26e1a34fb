//! [`MediaProvider`]: who makes and takes the SDP of a
//! [`Call`](crate::call::Call) (UCMA's abstract `MediaProvider` class,
//! design.md §2).
//!
//! UCMA's Begin/End pairs become one synchronous call returning
//! `Result<_, OfferAnswerError>`: the Call is sans-IO, so a provider that
//! needs to wait for something (a media server, a port allocation) prepares
//! it before driving the Call. The crate ships
//! [`StandardMediaProvider`](crate::provider::StandardMediaProvider), built
//! on the [`Negotiator`](crate::negotiation::Negotiator), so a Call works with
//! no user code.

use mime::Mime;

use crate::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer,
    SdpContentDescription, SdpOffer,
};

/// Makes offers and answers for a [`Call`](crate::call::Call) and learns the
/// outcome of each exchange (UCMA's `MediaProvider`).
///
/// The Call calls these in the orders of design.md §3:
///
/// * outgoing call: [`get_offer`](Self::get_offer) → INVITE →
///   [`set_answer`](Self::set_answer) with [`Provisional`] (1xx with SDP,
///   once per early dialog), then [`Final`] (2xx) or a failure status
///   (415 retry: `UnsupportedMediaCanRetry` then `get_offer` again; 491
///   `RequestPending`; 488 + Warning 370 `NotAcceptableDueToBandwidthPolicy`;
///   other failures `NotAcceptable`; local errors `NotAcceptableLocally`);
/// * outgoing call without offer (third-party call control):
///   [`get_answer`](Self::get_answer) for the offer of the 2xx (or of a
///   reliable 1xx);
/// * incoming call with offer: [`set_incoming_call_offer`](Self::set_incoming_call_offer)
///   (the provider sees the offer first and may decline it), then, when the
///   application accepts, [`get_answer`](Self::get_answer);
/// * incoming call without offer: [`get_offer`](Self::get_offer) for the 2xx,
///   then [`set_answer`](Self::set_answer) with the ACK's answer;
/// * our renegotiation ([`Call::begin_renegotiation`](crate::call::Call::begin_renegotiation),
///   UCMA `BeginSdpRenegotiation`): [`get_offer`](Self::get_offer) with
///   `OutgoingRenegotiation` → re-INVITE (or UPDATE in an early dialog) →
///   [`set_answer`](Self::set_answer) with `Final` or a failure status (the
///   previous session stays); after a 491, `get_offer` again (with
///   `last_sent`) when the glare timer fires (design.md §3.4);
///   [`Call::hold`](crate::call::Call::hold) / [`Call::resume`](crate::call::Call::resume)
///   call [`set_hold`](Self::set_hold) first;
/// * the remote's renegotiation: [`get_answer`](Self::get_answer) with
///   `IncomingRenegotiation` (or [`set_local_answer`](Self::set_local_answer)
///   when the application answers with its own SDP); for a re-INVITE
///   without offer, `get_offer` then `set_answer` with the ACK's answer;
/// * when the call ends: [`terminate_media`](Self::terminate_media), once.
///
/// Every method gets the [`OfferAnswerContext`] of the exchange (reason,
/// early-dialog flag, dialog id). An error declines: see
/// [`OfferAnswerError`] and design.md §3.3 for the SIP response it becomes.
///
/// [`Provisional`]: crate::offer_answer::SdpAnswerStatus::Provisional
/// [`Final`]: crate::offer_answer::SdpAnswerStatus::Final
pub trait MediaProvider {
    /// The body media types this provider takes in offers and answers, in
    /// the order an Accept header lists them (UCMA's
    /// `MediaProvider.SupportedMediaTypes`), e.g. `[application/sdp]`, or
    /// `[application/sdp, multipart/mixed, multipart/alternative]`.
    ///
    /// An incoming body with a required part of another type is answered
    /// 415 with `Accept` listing these (RFC 3261 §21.4.13, RFC 5621 §9);
    /// our INVITEs carry them as `Accept`.
    fn supported_media_types(&self) -> &[Mime];

    /// Our offer (UCMA `BeginGetOffer`/`EndGetOffer`): one or more session
    /// descriptions, least preferred first. `last_sent` is the previous
    /// offer of this exchange when the Call asks again (after a 415, design.md
    /// §3.1 step 2, once told `UnsupportedMediaCanRetry`: a provider that
    /// offered several SDPs should now offer one).
    ///
    /// # Errors
    /// An [`OfferAnswerError`]; the Call does not send the request.
    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError>;

    /// Our answer to `offer` (UCMA `BeginGetAnswer`/`EndGetAnswer`). When
    /// the offer holds several descriptions (a `multipart/alternative`), the
    /// provider picks the one it answers. The returned
    /// [`SdpAnswer::answer`] must be `Some`; `status` is
    /// [`Final`](crate::offer_answer::SdpAnswerStatus::Final) (or
    /// [`Provisional`](crate::offer_answer::SdpAnswerStatus::Provisional)
    /// for an early-media answer). The Call sends the answer and considers
    /// it in force once sent.
    ///
    /// # Errors
    /// An [`OfferAnswerError`] declines the offer with the response of
    /// design.md §3.3. An offer in a 2xx or reliable 1xx cannot be declined
    /// (RFC 6337 §2.3): the Call then answers it with every stream at port 0
    /// and ends the call.
    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError>;

    /// The outcome of our offer `offer` (UCMA `SetAnswer`): the remote
    /// answer with a `Provisional` or `Final` status, or `answer: None` with
    /// a failure status. After a failure the provider drops the pending
    /// offer; for a renegotiation the previous session stays active
    /// (RFC 3261 §14.1).
    ///
    /// # Errors
    /// For a `Final` answer, an error means the answer is not acceptable:
    /// the Call acknowledges the 2xx, ends the call with BYE and reports
    /// `NotAcceptableLocally`. Errors for other statuses are ignored.
    fn set_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: SdpAnswer,
    ) -> Result<(), OfferAnswerError>;

    /// An incoming call's offer, before the application sees the call
    /// (UCMA `SetIncomingCallOffer`). The provider may prepare its answer.
    ///
    /// # Errors
    /// An [`OfferAnswerError`] declines the call with the response of
    /// design.md §3.3; the application never sees it.
    fn set_incoming_call_offer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError>;

    /// The call ended: release media resources and drop pending state
    /// (UCMA `TerminateMedia`). Called once per call, when it ends after the
    /// provider took part in it.
    ///
    /// # Errors
    /// Reported by the provider for its own bookkeeping; the Call ignores it.
    fn terminate_media(&mut self, context: &OfferAnswerContext) -> Result<(), OfferAnswerError>;

    /// Puts the remote on hold (`hold == true`) or takes it off hold in
    /// the offers (and answers) this provider makes from now on (RFC 3264
    /// §8.4: our streams stop receiving: `sendrecv` → `sendonly`,
    /// `recvonly` → `inactive`). Called by
    /// [`Call::hold`](crate::call::Call::hold) and
    /// [`Call::resume`](crate::call::Call::resume) just before they ask for
    /// a new offer; the intent stays until changed again, also when that
    /// renegotiation fails. `context` is the renegotiation's
    /// (`OutgoingRenegotiation`).
    ///
    /// # Errors
    /// The default refuses (a provider that cannot hold must not pretend
    /// to): the Call then sends nothing and returns the error.
    /// [`StandardMediaProvider`](crate::provider::StandardMediaProvider)
    /// implements it with [`Negotiator::hold`](crate::negotiation::Negotiator::hold)
    /// and [`Negotiator::resume`](crate::negotiation::Negotiator::resume).
    fn set_hold(
        &mut self,
        context: &OfferAnswerContext,
        hold: bool,
    ) -> Result<(), OfferAnswerError> {
        let _ = (context, hold);
        Err(OfferAnswerError::new(
            OfferAnswerFailureReason::ServerInternalError,
            "this media provider does not implement hold",
        ))
    }

    /// The application answers `offer` with its own SDP `answer` (UCWA's
    /// `answer` of an `audioVideoRenegotiation` with the application's
    /// media answer) instead of [`get_answer`](Self::get_answer): the
    /// provider checks it against the offer (RFC 3264 §6) and makes it the
    /// session once it returns `Ok` (the Call then sends it).
    ///
    /// # Errors
    /// An answer that does not fit the offer; the Call sends nothing and
    /// the renegotiation stays pending. The default refuses: a provider
    /// must opt in to answers it did not write.
    fn set_local_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: &SdpContentDescription,
    ) -> Result<(), OfferAnswerError> {
        let _ = (context, offer, answer);
        Err(OfferAnswerError::new(
            OfferAnswerFailureReason::ServerInternalError,
            "this media provider does not take answers written by the application",
        ))
    }
}
