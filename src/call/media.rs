//! What the Call asks of its [`MediaProvider`]: the offer/answer context,
//! the provider's offer, the body types it takes, and the end of the media.

use super::{Call, CallDirection, CallError, CallEvent, ProviderNotification, messages};
use crate::body::UnderstoodMedia;
use crate::media_provider::MediaProvider;
use crate::offer_answer::{
    OfferAnswerContext, SdpAnswer, SdpAnswerStatus, SdpOffer, SdpOfferAnswerReason,
};

/// The provider's part in the call: `terminate_media` is owed once it took
/// part, and given once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MediaStatus {
    /// Not asked anything yet.
    Uninvolved,
    /// It made or took an offer or answer: `terminate_media` is owed.
    Involved,
    /// `terminate_media` was called.
    Terminated,
}

impl MediaStatus {
    /// The provider took part (no effect once its media was terminated).
    pub(super) fn involve(&mut self) {
        if *self == MediaStatus::Uninvolved {
            *self = MediaStatus::Involved;
        }
    }
}

impl<P: MediaProvider> Call<P> {
    /// A context for `reason` in dialog `dialog`.
    pub(super) fn context(
        &self,
        reason: SdpOfferAnswerReason,
        dialog: Option<&str>,
        early: bool,
    ) -> OfferAnswerContext {
        OfferAnswerContext {
            reason,
            is_early_dialog: early,
            dialog_id: dialog.map(str::to_owned),
            initial_offer_media_types: self.initial_media_types.clone(),
            initial_offer_content_types: self.initial_content_types.clone(),
        }
    }

    /// The provider's offer for `ctx` ([`MediaProvider::get_offer`]), told
    /// the last offer this Call sent, whatever exchange it was for (UCMA's
    /// `lastSentSdpOffers`: on a renegotiation too). An offer without any
    /// session description cannot be sent (UCMA: `EndGetOffer` returning a
    /// null offer ends the call): the provider is told `set_answer(None,
    /// NotAcceptableLocally)` and nothing is sent.
    ///
    /// # Errors
    /// [`CallError::Provider`] when `get_offer` fails;
    /// [`CallError::EmptyOffer`] for an offer of no description.
    pub(super) fn provider_offer(
        &mut self,
        ctx: &OfferAnswerContext,
    ) -> Result<crate::offer_answer::SdpOffer, CallError> {
        let offer = self
            .provider
            .get_offer(ctx, self.last_offer_sent.as_ref())?;
        if offer.descriptions.is_empty() {
            self.close_offer(ctx, &offer, SdpAnswerStatus::NotAcceptableLocally);
            return Err(CallError::EmptyOffer);
        }
        Ok(offer)
    }

    /// What the provider takes, for the MIME selection of a multipart body
    /// (RFC 5621); single `application/sdp` bodies never need it.
    pub(super) fn understood(&self) -> UnderstoodMedia {
        UnderstoodMedia::new(self.provider.supported_content_types().to_vec())
    }

    /// The Accept value listing what the provider takes, e.g.
    /// `application/sdp, multipart/mixed, multipart/alternative`.
    pub(super) fn accept_value(&self) -> String {
        let types = self.provider.supported_content_types();
        let mut out = String::with_capacity(types.len() * 24);
        for (i, t) in types.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(t.as_ref());
        }
        out
    }

    /// The leaf media types of `tree` become the initial offer's.
    pub(super) fn set_initial_types(
        &mut self,
        tree: Option<&crate::body::MimePart>,
        offer: Option<&crate::offer_answer::SdpOffer>,
    ) {
        self.initial_content_types = messages::bodies::initial_types(tree);
        self.initial_media_types = messages::bodies::offer_media_types(offer);
    }

    /// Tells the provider the call is over, once, if it took part.
    pub(super) fn end_media(&mut self) {
        if self.media == MediaStatus::Involved {
            self.media = MediaStatus::Terminated;
            let reason = match self.direction() {
                Some(CallDirection::Incoming) => SdpOfferAnswerReason::IncomingCallEstablishment,
                _ => SdpOfferAnswerReason::OutgoingCallEstablishment,
            };
            let ctx = self.context(reason, self.dialog_id(), false);
            if let Err(error) = self.provider.terminate_media(&ctx) {
                self.events.push(CallEvent::ProviderNotificationFailed {
                    notification: ProviderNotification::TerminateMedia,
                    error,
                });
            }
        }
    }

    /// Tells the provider that its `offer` ends without an answer, for
    /// `status` (UCMA `SetAnswer` with a null answer). Nothing the Call
    /// does next depends on the reply (the offer is over either way): a
    /// provider error is reported as
    /// [`CallEvent::ProviderNotificationFailed`].
    pub(super) fn close_offer(
        &mut self,
        ctx: &OfferAnswerContext,
        offer: &SdpOffer,
        status: SdpAnswerStatus,
    ) {
        if let Err(error) = self
            .provider
            .set_answer(ctx, offer, SdpAnswer::declined(status))
        {
            self.events.push(CallEvent::ProviderNotificationFailed {
                notification: ProviderNotification::OfferClosed { status },
                error,
            });
        }
    }
}
