//! [`MediaProvider`]: who makes and takes the SDP of a
//! [`Call`](crate::call::Call) (UCMA 4.0's abstract `MediaProvider` class).
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
use crate::sdp::MediaType;

/// Makes offers and answers for a [`Call`](crate::call::Call) and learns the
/// outcome of each exchange (UCMA's `MediaProvider`).
///
/// The Call calls these in these orders (RFC 3264 §4–§8, RFC 6337 §2):
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
///   `last_sent`) when the glare timer fires (RFC 3261 §14.1);
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
/// [`OfferAnswerError`] for the SIP response it becomes (RFC 3261 §21.4,
/// RFC 3264 §6).
///
/// # Optional methods: the defaults refuse
///
/// Eight methods are required. [`is_session_refresh`](Self::is_session_refresh)
/// is an optional query (default `false`: every re-offer is a
/// renegotiation). Two are optional features of a provider and
/// have defaults that **refuse at run time**, so a provider that does not
/// implement them compiles and works for everything else:
///
/// * [`set_hold`](Self::set_hold): without it,
///   [`Call::hold`](crate::call::Call::hold) and
///   [`Call::resume`](crate::call::Call::resume) return
///   [`CallError::Provider`](crate::call::CallError::Provider) and send
///   nothing;
/// * [`set_local_answer`](Self::set_local_answer): without it,
///   [`Call::answer_renegotiation`](crate::call::Call::answer_renegotiation)
///   with [`RenegotiationAnswer::Sdp`](crate::call::RenegotiationAnswer::Sdp)
///   (an answer written by the application) returns the provider's error
///   and the renegotiation stays pending.
///
/// Both defaults return [`OfferAnswerFailureReason::ServerInternalError`]
/// with a message naming the method, e.g. `MediaProvider::set_hold is not
/// implemented by this provider (the default refuses)`.
/// [`StandardMediaProvider`](crate::provider::StandardMediaProvider)
/// implements both.
///
/// # Implementing it
///
/// Everything an implementation names is reachable through this crate
/// (the body types are [`mime`] types), so a provider
/// needs no other dependency. This one takes audio offers only and
/// delegates the SDP work to the standard provider:
///
/// ```
/// use sdp_offer_answer::media_provider::MediaProvider;
/// use sdp_offer_answer::mime::Mime;
/// use sdp_offer_answer::negotiation::LocalCapabilities;
/// use sdp_offer_answer::offer_answer::{
///     OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpOffer,
/// };
/// use sdp_offer_answer::provider::StandardMediaProvider;
/// use sdp_offer_answer::sdp::MediaType;
///
/// struct AudioOnly {
///     inner: StandardMediaProvider,
///     types: Vec<Mime>,
/// }
///
/// impl MediaProvider for AudioOnly {
///     fn supported_media_types(&self) -> &[MediaType] {
///         &[MediaType::Audio]
///     }
///     fn supported_content_types(&self) -> &[Mime] {
///         &self.types
///     }
///     fn get_offer(
///         &mut self,
///         context: &OfferAnswerContext,
///         last_sent: Option<&SdpOffer>,
///     ) -> Result<SdpOffer, OfferAnswerError> {
///         self.inner.get_offer(context, last_sent)
///     }
///     fn get_answer(
///         &mut self,
///         context: &OfferAnswerContext,
///         offer: &SdpOffer,
///     ) -> Result<SdpAnswer, OfferAnswerError> {
///         self.inner.get_answer(context, offer)
///     }
///     fn set_answer(
///         &mut self,
///         context: &OfferAnswerContext,
///         offer: &SdpOffer,
///         answer: SdpAnswer,
///     ) -> Result<(), OfferAnswerError> {
///         self.inner.set_answer(context, offer, answer)
///     }
///     fn set_incoming_call_offer(
///         &mut self,
///         context: &OfferAnswerContext,
///         offer: &SdpOffer,
///     ) -> Result<(), OfferAnswerError> {
///         let video = |text: &str| text.contains("\nm=video ");
///         if offer.descriptions.iter().any(|d| d.as_str().is_some_and(video)) {
///             return Err(OfferAnswerError::new(OfferAnswerFailureReason::UnsupportedMedia, "audio only"));
///         }
///         self.inner.set_incoming_call_offer(context, offer)
///     }
///     fn terminate_media(&mut self, context: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
///         self.inner.terminate_media(context)
///     }
///     // The inner provider owns the session: it knows a refresh.
///     fn is_session_refresh(&self, context: &OfferAnswerContext, offer: &SdpOffer) -> bool {
///         self.inner.is_session_refresh(context, offer)
///     }
///     // set_hold and set_local_answer: the refusing defaults.
/// }
///
/// let provider = AudioOnly {
///     inner: StandardMediaProvider::new(LocalCapabilities::demo_softphone(), 7),
///     types: vec!["application/sdp".parse::<Mime>()?],
/// };
/// assert_eq!(provider.supported_content_types()[0].essence_str(), "application/sdp");
/// assert_eq!(provider.supported_media_types(), [MediaType::Audio]);
/// # Ok::<(), sdp_offer_answer::mime::FromStrError>(())
/// ```
///
/// [`Provisional`]: crate::offer_answer::SdpAnswerStatus::Provisional
/// [`Final`]: crate::offer_answer::SdpAnswerStatus::Final
pub trait MediaProvider {
    /// The media this provider negotiates (UCMA's
    /// `MediaProvider.SupportedMediaTypes`: "supported media names, which
    /// are acceptable m-lines in SDP offer/answer"), e.g. `[Audio, Video]`.
    /// For the application and for routing an incoming call to a provider;
    /// the Call itself does not filter offers with it (the provider declines
    /// what it cannot take, RFC 3264 §6).
    fn supported_media_types(&self) -> &[MediaType];

    /// The message body types (MIME, RFC 2045 §5) this provider takes in
    /// offers and answers, in the order an Accept header lists them, e.g.
    /// `[application/sdp]`, or `[application/sdp, multipart/mixed,
    /// multipart/alternative]`. (What UCMA's Call works out from its
    /// signaling; not UCMA's `SupportedMediaTypes`, which are media.)
    ///
    /// An incoming body with a required part of another type is answered
    /// 415 with `Accept` listing these (RFC 3261 §21.4.13, RFC 5621 §9);
    /// our INVITEs carry them as `Accept`.
    fn supported_content_types(&self) -> &[Mime];

    /// Our offer (UCMA `BeginGetOffer`/`EndGetOffer`): one or more session
    /// descriptions, least preferred first. `last_sent` is the last offer
    /// this Call sent, in whatever exchange (UCMA's `lastSentSdpOffers`):
    /// the initial INVITE's, the offer of a 2xx, a re-INVITE's or UPDATE's;
    /// `None` before the Call sent any (our first offer, or the first of a
    /// called side). After a 415 it is the refused offer (once told
    /// `UnsupportedMediaCanRetry`, a provider that offered several SDPs
    /// should now offer one; RFC 3261 §21.4.13, RFC 5621 §9); after a 491
    /// the offer refused with it (RFC 3261 §14.1); on a renegotiation the
    /// offer the session was last built from (RFC 3264 §8: the re-offer
    /// keeps its m-lines).
    ///
    /// # Errors
    /// An [`OfferAnswerError`]; the Call does not send the request. An
    /// offer of no description is refused the same way
    /// ([`CallError::EmptyOffer`](crate::call::CallError::EmptyOffer),
    /// `set_answer(None, NotAcceptableLocally)`).
    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError>;

    /// Our answer to `offer` (UCMA `BeginGetAnswer`/`EndGetAnswer`). When
    /// the offer holds several descriptions (a `multipart/alternative`), the
    /// provider picks the one it answers and says which in
    /// [`SdpAnswer::answered_description`] (else the Call takes it to be
    /// the most preferred, the last). The returned
    /// [`SdpAnswer::answer`] must be `Some`; `status` is
    /// [`Final`](crate::offer_answer::SdpAnswerStatus::Final) (or
    /// [`Provisional`](crate::offer_answer::SdpAnswerStatus::Provisional)
    /// for an early-media answer). The Call sends the answer and considers
    /// it in force once sent.
    ///
    /// # Errors
    /// An [`OfferAnswerError`] declines the offer with the response its
    /// [`OfferAnswerFailureReason`] maps to (415, 488 + Warning, 491, 500,
    /// RFC 3261 §21.4). An offer in a 2xx or reliable 1xx cannot be declined
    /// (RFC 6337 §2.3): the Call then answers it with every stream at port 0
    /// and ends the call.
    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError>;

    /// Whether `offer`, received on an established call
    /// (`IncomingRenegotiation`), is a session refresh: it repeats the
    /// `o=` session id and version of the remote SDP in force (RFC 3264
    /// §8: "the offer changes nothing", e.g. an RFC 4028 session timer
    /// re-INVITE). The Call then answers it at once with
    /// [`get_answer`](Self::get_answer) — no
    /// [`Renegotiation`](crate::renegotiation::Renegotiation), no event,
    /// the application not asked — as UCMA answers it without raising a
    /// renegotiation. For an offer of several alternatives it is a refresh
    /// when one of them is, and `get_answer` then answers that one.
    ///
    /// Not a UCMA member (UCMA's provider sees every offer in
    /// `BeginGetAnswer`): the provider owns the session, so it is the one
    /// that knows the remote's current SDP. A query without side effects.
    /// The default says `false`: every re-offer becomes a renegotiation the
    /// application decides (or, in
    /// [`RenegotiationMode::Automatic`](crate::call::RenegotiationMode::Automatic),
    /// the provider answers).
    /// [`StandardMediaProvider`](crate::provider::StandardMediaProvider)
    /// asks [`Negotiator::is_refresh`](crate::negotiation::Negotiator::is_refresh).
    fn is_session_refresh(&self, context: &OfferAnswerContext, offer: &SdpOffer) -> bool {
        let _ = (context, offer);
        false
    }

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
    /// An [`OfferAnswerError`] declines the call with the response its
    /// [`OfferAnswerFailureReason`] maps to (RFC 3261 §21.4); the
    /// application never sees it.
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
            "MediaProvider::set_hold is not implemented by this provider (the default refuses)",
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
            "MediaProvider::set_local_answer is not implemented by this provider (the default \
             refuses answers written by the application)",
        ))
    }
}
