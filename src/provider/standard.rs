//! [`StandardMediaProvider`].

use std::sync::Arc;

use mime::Mime;

use super::errors::offer_answer_error;
use super::variants;
use crate::media_provider::MediaProvider;
use crate::negotiation::{LocalCapabilities, NegotiatedSession, NegotiationState, Negotiator};
use crate::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpAnswerStatus,
    SdpContentDescription, SdpOffer, SdpOfferAnswerReason,
};
use crate::sdp::{MediaType, ParseLimits, SessionDescription};

/// Most early dialogs whose provisional answer is kept (the oldest is
/// dropped past this).
const MAX_PROVISIONAL: usize = 16;

/// The media provider the crate ships: a [`Negotiator`] per SDP variant over
/// [`LocalCapabilities`].
///
/// * [`get_offer`](MediaProvider::get_offer) → [`Negotiator::create_offer`]
///   (a pending offer from an earlier attempt is rolled back first). With
///   alternatives ([`with_alternative`](Self::with_alternative)) the initial
///   offer holds one SDP per variant, least preferred first (sent as
///   `multipart/alternative`); after
///   [`UnsupportedMediaCanRetry`](SdpAnswerStatus::UnsupportedMediaCanRetry)
///   it holds the preferred variant only.
/// * [`set_answer`](MediaProvider::set_answer): `Provisional` →
///   [`Negotiator::preview_answer`], kept per dialog (the latest);
///   `Final` → [`Negotiator::receive_answer`] on the variant the answer
///   matches (the others are dropped); any failure →
///   [`Negotiator::rollback`] (a renegotiation keeps the active session),
///   and, unless it is `RequestPending` (glare: the retry carries them),
///   [`Negotiator::discard_stream_changes`].
/// * [`set_incoming_call_offer`](MediaProvider::set_incoming_call_offer) →
///   [`Negotiator::receive_offer`] (the answer is prepared);
///   [`get_answer`](MediaProvider::get_answer) →
///   [`Negotiator::confirm_answer`] of it for `IncomingCallEstablishment`
///   (the Call's order: the answer to the offer it was given), else
///   `receive_offer` + `confirm_answer`. Several offered descriptions (a
///   `multipart/alternative`) are tried most preferred (last) first — a
///   refresh of the current session first — and the answer says which it
///   took ([`SdpAnswer::answered_description`]); before a session exists
///   every variant is tried, primary first. Refusals map per
///   [`super::offer_answer_error`].
/// * [`is_session_refresh`](MediaProvider::is_session_refresh) →
///   [`Negotiator::is_refresh`] of the active variant, for any of the
///   offer's descriptions.
/// * [`terminate_media`](MediaProvider::terminate_media) drops pending state.
/// * [`set_hold`](MediaProvider::set_hold) → [`Negotiator::hold`] /
///   [`Negotiator::resume`] (every variant);
///   [`set_local_answer`](MediaProvider::set_local_answer) →
///   [`Negotiator::receive_offer`], [`Negotiator::set_local_answer`] (the
///   application's answer is checked against the offer, RFC 3264 §6) and
///   [`Negotiator::confirm_answer`].
///
/// ```
/// use sdp_offer_answer::media_provider::MediaProvider;
/// use sdp_offer_answer::negotiation::LocalCapabilities;
/// use sdp_offer_answer::offer_answer::{OfferAnswerContext, SdpOfferAnswerReason};
/// use sdp_offer_answer::provider::StandardMediaProvider;
///
/// let mut alice = StandardMediaProvider::new(LocalCapabilities::demo_softphone(), 1);
/// let mut bob = StandardMediaProvider::new(LocalCapabilities::demo_softphone(), 2);
/// let out = OfferAnswerContext::new(SdpOfferAnswerReason::OutgoingCallEstablishment);
/// let inc = OfferAnswerContext::new(SdpOfferAnswerReason::IncomingCallEstablishment);
/// let offer = alice.get_offer(&out, None)?;
/// bob.set_incoming_call_offer(&inc, &offer)?;
/// let answer = bob.get_answer(&inc, &offer)?;
/// alice.set_answer(&out, &offer, answer)?;
/// assert!(alice.negotiated_session().is_some());
/// assert!(bob.negotiated_session().is_some());
/// # Ok::<(), sdp_offer_answer::offer_answer::OfferAnswerError>(())
/// ```
#[derive(Debug, Clone)]
pub struct StandardMediaProvider {
    /// Index 0: the primary (most preferred) variant, and the active one
    /// once a session exists; then the alternatives, less preferred.
    variants: Vec<Negotiator>,
    /// The body types we take (Accept).
    content_types: Vec<Mime>,
    /// The media of the capabilities (every variant's), in order.
    media_types: Vec<MediaType>,
    /// Offer one SDP only (set by `UnsupportedMediaCanRetry`).
    single_sdp: bool,
    /// Variants holding our pending offer, in preference order.
    offered: Vec<usize>,
    /// The latest provisional answer per early dialog.
    provisional: Vec<(Option<String>, NegotiatedSession)>,
    /// The answer `set_incoming_call_offer` prepared.
    prepared: Option<Prepared>,
    limits: ParseLimits,
    session_id: u64,
}

impl StandardMediaProvider {
    /// A provider negotiating with `capabilities`; `session_id` is the `o=`
    /// session id of our SDPs (draw it from your own randomness, RFC 8866
    /// §5.2). It takes `application/sdp`, `multipart/mixed` and
    /// `multipart/alternative` bodies; its
    /// [`supported_media_types`](MediaProvider::supported_media_types) are
    /// the media of the capabilities.
    pub fn new(capabilities: impl Into<Arc<LocalCapabilities>>, session_id: u64) -> Self {
        let content_types = [
            "application/sdp",
            "multipart/mixed",
            "multipart/alternative",
        ]
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
        let capabilities = capabilities.into();
        let mut media_types = Vec::new();
        add_media_types(&mut media_types, &capabilities);
        StandardMediaProvider {
            variants: vec![Negotiator::new(capabilities, session_id)],
            content_types,
            media_types,
            single_sdp: false,
            offered: Vec::new(),
            provisional: Vec::new(),
            prepared: None,
            limits: ParseLimits::DEFAULT,
            session_id,
        }
    }

    /// This provider with one more, less preferred, SDP variant (e.g. plain
    /// RTP next to an SRTP primary, or IPv4 next to an IPv6 primary): the
    /// initial offer then holds one SDP per variant as
    /// `multipart/alternative`, least preferred (the last added) first and
    /// the primary last (RFC 2046 §5.1.4), with the same `o=` session id.
    pub fn with_alternative(mut self, capabilities: impl Into<Arc<LocalCapabilities>>) -> Self {
        let capabilities = capabilities.into();
        add_media_types(&mut self.media_types, &capabilities);
        self.variants
            .push(Negotiator::new(capabilities, self.session_id));
        self
    }

    /// This provider taking (and listing in Accept) the body types `types`
    /// instead of the default three, e.g. `[application/sdp]` for a UA that
    /// does not take multipart bodies
    /// ([`MediaProvider::supported_content_types`]).
    pub fn with_supported_content_types(mut self, types: Vec<Mime>) -> Self {
        self.content_types = types;
        self
    }

    /// The active negotiator (the primary variant, or the alternative the
    /// remote chose): hold/resume, add/remove streams, descriptions.
    pub fn negotiator(&self) -> Option<&Negotiator> {
        self.variants.first()
    }

    /// The active negotiator, mutably (e.g. [`Negotiator::hold`] before a
    /// renegotiation).
    pub fn negotiator_mut(&mut self) -> Option<&mut Negotiator> {
        self.variants.first_mut()
    }

    /// What the last completed exchange agreed; `None` before the first.
    pub fn negotiated_session(&self) -> Option<&NegotiatedSession> {
        self.variants.first()?.negotiated_session()
    }

    /// The latest provisional (early media) session of early dialog
    /// `dialog_id` (the remote To-tag), until the final answer.
    pub fn provisional_session(&self, dialog_id: &str) -> Option<&NegotiatedSession> {
        self.provisional
            .iter()
            .find(|(d, _)| d.as_deref() == Some(dialog_id))
            .map(|(_, s)| s)
    }

    /// How many SDP variants the provider offers before a session exists.
    pub fn variant_count(&self) -> usize {
        self.variants.len()
    }

    fn rollback_all(&mut self) {
        for n in &mut self.variants {
            n.rollback();
        }
        self.offered.clear();
        self.prepared = None;
    }

    /// Keeps only variant `index`, as the active one.
    fn keep_only(&mut self, index: usize) {
        if index != 0 && index < self.variants.len() {
            self.variants.swap(0, index);
        }
        self.variants.truncate(1);
        self.single_sdp = true;
    }

    fn parse(
        &self,
        description: &SdpContentDescription,
    ) -> Result<SessionDescription, OfferAnswerError> {
        SessionDescription::parse_bytes(&description.body, &self.limits)
            .map_err(|e| offer_answer_error(&e.into()))
    }

    /// Negotiates `offer`: returns the variant that took it, with its
    /// answer pending (`RemoteOfferPending`), and the index of the
    /// description it took. Descriptions are tried most preferred (last)
    /// first, except that on an established session a refresh of it (RFC
    /// 3264 §8) goes first: an unchanged re-offer is answered as such even
    /// when it comes with alternatives.
    fn negotiate(&mut self, offer: &SdpOffer) -> Result<(usize, usize), OfferAnswerError> {
        if self
            .variants
            .iter()
            .any(|n| n.state() == NegotiationState::LocalOfferPending)
        {
            return Err(OfferAnswerError::new(
                OfferAnswerFailureReason::RequestPending,
                "an offer of ours is outstanding",
            ));
        }
        self.rollback_all();
        let established = self.negotiated_session().is_some();
        let variant_count = if established { 1 } else { self.variants.len() };
        let mut parsed: Vec<(usize, Result<SessionDescription, OfferAnswerError>)> = offer
            .descriptions
            .iter()
            .enumerate()
            .rev()
            .map(|(index, d)| (index, self.parse(d)))
            .collect();
        if let Some(active) = self.variants.first().filter(|_| established) {
            let refresh = parsed
                .iter()
                .position(|(_, sdp)| sdp.as_ref().is_ok_and(|sdp| active.is_refresh(sdp)));
            if let Some(position) = refresh.filter(|&p| p > 0) {
                let first = parsed.remove(position);
                parsed.insert(0, first);
            }
        }
        let mut first_error = None;
        for (index, sdp) in parsed {
            let sdp = match sdp {
                Ok(sdp) => sdp,
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            let mut sdp = Some(sdp);
            for (i, negotiator) in self.variants.iter_mut().take(variant_count).enumerate() {
                // The last variant tried takes the description itself.
                let candidate = if i + 1 == variant_count {
                    sdp.take()
                } else {
                    sdp.clone()
                };
                let Some(candidate) = candidate else { break };
                match negotiator.receive_offer(candidate) {
                    Ok(_) => return Ok((i, index)),
                    Err(e) => {
                        first_error.get_or_insert_with(|| offer_answer_error(&e));
                    }
                }
            }
        }
        Err(first_error.unwrap_or_else(|| {
            OfferAnswerError::new(
                OfferAnswerFailureReason::NotAcceptable,
                "the offer holds no SDP",
            )
        }))
    }

    fn remember_provisional(&mut self, dialog: Option<String>, session: NegotiatedSession) {
        if let Some(slot) = self.provisional.iter_mut().find(|(d, _)| *d == dialog) {
            slot.1 = session;
            return;
        }
        if self.provisional.len() >= MAX_PROVISIONAL {
            self.provisional.remove(0);
        }
        self.provisional.push((dialog, session));
    }
}

/// Adds the media of `capabilities` not yet in `out`, in order.
fn add_media_types(out: &mut Vec<MediaType>, capabilities: &LocalCapabilities) {
    for media in capabilities.media() {
        if !out.contains(&media.media_type()) {
            out.push(media.media_type());
        }
    }
}

/// The initial offer `set_incoming_call_offer` negotiated, whose answer
/// `get_answer` (for `IncomingCallEstablishment`) gives.
#[derive(Debug, Clone, Copy)]
struct Prepared {
    /// The variant holding the pending answer.
    variant: usize,
    /// The offer's description it answers.
    description: usize,
}

impl MediaProvider for StandardMediaProvider {
    fn supported_media_types(&self) -> &[MediaType] {
        &self.media_types
    }

    fn supported_content_types(&self) -> &[Mime] {
        &self.content_types
    }

    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        _last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError> {
        self.rollback_all();
        let several = !self.single_sdp
            && self.variants.len() > 1
            && context.reason == SdpOfferAnswerReason::OutgoingCallEstablishment
            && self.negotiated_session().is_none();
        let count = if several { self.variants.len() } else { 1 };
        let mut descriptions = Vec::with_capacity(count);
        // Least preferred first: the primary (index 0) goes last.
        for i in (0..count).rev() {
            let Some(negotiator) = self.variants.get_mut(i) else {
                continue;
            };
            match negotiator.create_offer() {
                Ok(sdp) => {
                    descriptions.push(SdpContentDescription::new(sdp.serialize()));
                    self.offered.push(i);
                }
                Err(e) => {
                    self.rollback_all();
                    return Err(OfferAnswerError::new(
                        OfferAnswerFailureReason::ServerInternalError,
                        e.to_string(),
                    ));
                }
            }
        }
        self.offered.reverse();
        Ok(SdpOffer::alternatives(descriptions))
    }

    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError> {
        // The initial offer was negotiated by `set_incoming_call_offer`:
        // its answer is pending in the variant that took it.
        let prepared = self.prepared.take().filter(|p| {
            context.reason == SdpOfferAnswerReason::IncomingCallEstablishment
                && self
                    .variants
                    .get(p.variant)
                    .is_some_and(|n| n.state() == NegotiationState::RemoteOfferPending)
        });
        let (variant, description) = match prepared {
            Some(p) => (p.variant, p.description),
            None => self.negotiate(offer)?,
        };
        let Some(negotiator) = self.variants.get_mut(variant) else {
            return Err(OfferAnswerError::new(
                OfferAnswerFailureReason::ServerInternalError,
                "variant lost",
            ));
        };
        let answer = negotiator
            .pending_answer()
            .map(SessionDescription::serialize)
            .unwrap_or_default();
        if let Err(e) = negotiator.confirm_answer() {
            self.rollback_all();
            return Err(OfferAnswerError::new(
                OfferAnswerFailureReason::ServerInternalError,
                e.to_string(),
            ));
        }
        if self.variants.len() > 1 {
            self.keep_only(variant);
        }
        Ok(
            SdpAnswer::new(SdpContentDescription::new(answer), SdpAnswerStatus::Final)
                .answering(description),
        )
    }

    fn set_answer(
        &mut self,
        context: &OfferAnswerContext,
        _offer: &SdpOffer,
        answer: SdpAnswer,
    ) -> Result<(), OfferAnswerError> {
        match (answer.status, answer.answer) {
            (SdpAnswerStatus::Provisional, Some(description)) => {
                let sdp = self.parse(&description)?;
                let variant = variants::pick(&self.variants, &self.offered, &sdp);
                let negotiator = variant.and_then(|i| self.variants.get(i));
                let Some(negotiator) = negotiator else {
                    return Err(OfferAnswerError::new(
                        OfferAnswerFailureReason::NotAcceptable,
                        "the provisional answer matches no pending offer",
                    )
                    .with_warning(399, Some("answer matches no offer")));
                };
                let session = negotiator
                    .preview_answer(&sdp)
                    .map_err(|e| offer_answer_error(&e))?;
                self.remember_provisional(context.dialog_id.clone(), session);
                Ok(())
            }
            (SdpAnswerStatus::Final, Some(description)) => {
                let parsed = self.parse(&description);
                let result = parsed.and_then(|sdp| {
                    let i =
                        variants::pick(&self.variants, &self.offered, &sdp).ok_or_else(|| {
                            OfferAnswerError::new(
                                OfferAnswerFailureReason::NotAcceptable,
                                "the answer matches no pending offer",
                            )
                            .with_warning(399, Some("answer matches no offer"))
                        })?;
                    let negotiator = self.variants.get_mut(i).ok_or_else(|| {
                        OfferAnswerError::new(
                            OfferAnswerFailureReason::ServerInternalError,
                            "variant lost",
                        )
                    })?;
                    negotiator
                        .receive_answer(sdp)
                        .map_err(|e| offer_answer_error(&e))?;
                    Ok(i)
                });
                self.provisional.clear();
                match result {
                    Ok(i) => {
                        self.offered.clear();
                        if self.variants.len() > 1 {
                            self.keep_only(i);
                        }
                        Ok(())
                    }
                    Err(e) => {
                        self.rollback_all();
                        Err(e)
                    }
                }
            }
            (SdpAnswerStatus::UnsupportedMediaCanRetry, _) => {
                self.single_sdp = true;
                self.rollback_all();
                self.provisional.clear();
                Ok(())
            }
            (status, _) => {
                self.rollback_all();
                self.provisional.clear();
                if status.is_failure() && status != SdpAnswerStatus::RequestPending {
                    // A final failure: streams the refused offer added or
                    // removed are not carried into later offers (after a
                    // 491 the retry carries them).
                    for negotiator in &mut self.variants {
                        negotiator.discard_stream_changes();
                    }
                }
                if status.is_failure() {
                    Ok(())
                } else {
                    Err(OfferAnswerError::new(
                        OfferAnswerFailureReason::NotAcceptable,
                        "an answer status without an answer",
                    ))
                }
            }
        }
    }

    fn is_session_refresh(&self, _context: &OfferAnswerContext, offer: &SdpOffer) -> bool {
        let Some(active) = self.variants.first() else {
            return false;
        };
        self.negotiated_session().is_some()
            && offer
                .descriptions
                .iter()
                .filter_map(|d| self.parse(d).ok())
                .any(|sdp| active.is_refresh(&sdp))
    }

    fn set_incoming_call_offer(
        &mut self,
        _context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError> {
        let (variant, description) = self.negotiate(offer)?;
        self.prepared = Some(Prepared {
            variant,
            description,
        });
        Ok(())
    }

    fn terminate_media(&mut self, _context: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
        self.rollback_all();
        self.provisional.clear();
        Ok(())
    }

    fn set_hold(
        &mut self,
        _context: &OfferAnswerContext,
        hold: bool,
    ) -> Result<(), OfferAnswerError> {
        for negotiator in &mut self.variants {
            if hold {
                negotiator.hold();
            } else {
                negotiator.resume();
            }
        }
        Ok(())
    }

    fn set_local_answer(
        &mut self,
        _context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: &SdpContentDescription,
    ) -> Result<(), OfferAnswerError> {
        let sdp = self.parse(answer)?;
        let (variant, _) = self.negotiate(offer)?;
        let Some(negotiator) = self.variants.get_mut(variant) else {
            return Err(OfferAnswerError::new(
                OfferAnswerFailureReason::ServerInternalError,
                "variant lost",
            ));
        };
        let confirmed = negotiator
            .set_local_answer(sdp)
            .map(|_| ())
            .and_then(|()| negotiator.confirm_answer().map(|_| ()));
        if let Err(e) = confirmed {
            self.rollback_all();
            return Err(offer_answer_error(&e));
        }
        if self.variants.len() > 1 {
            self.keep_only(variant);
        }
        Ok(())
    }
}
