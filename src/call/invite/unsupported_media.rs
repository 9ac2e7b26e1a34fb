//! The declined initial offer: 415 Unsupported Media Type (RFC 3261 §21.4.13,
//! RFC 5621 §9; UCMA `SdpAnswerStatus::UnsupportedMediaCanRetry` and
//! `UnsupportedMediaCannotRetry`; see the crate manual (`crate::manual`)).

use crate::body::{Handling, MimePart};
use crate::call::events::UnsupportedMediaRetry;
use crate::call::messages::bodies::offer_tree;
use crate::call::{Call, CallError, CallEvent, SipResponse};
use crate::media_provider::MediaProvider;
use crate::offer_answer::{SdpAnswerStatus, SdpOffer, SdpOfferAnswerReason};

/// Each branch once: at most two retries whatever the options say.
const MAX_RETRIES: u8 = 2;

impl<P: MediaProvider> Call<P> {
    /// A 415 to our INVITE.
    ///
    /// With N SDPs offered and custom parts C:
    /// 1. if C holds optional parts and (N ≤ 1 or the remote takes
    ///    `multipart/alternative`, from this 415's Accept or an earlier one),
    ///    and branch 1 was not used: the same offer again without the
    ///    optional parts (nested optional parts too);
    /// 2. else, if we offered and branch 2 was not used: `set_answer(None,
    ///    UnsupportedMediaCanRetry)`, `get_offer` again and send that; a new
    ///    body identical to the refused one is not sent (it would be refused
    ///    again): `set_answer(None, UnsupportedMediaCannotRetry)` instead;
    /// 3. else (both used, `max_retries` reached, or nothing can change):
    ///    `set_answer(None, UnsupportedMediaCannotRetry)` and the call fails.
    ///
    /// So a call sends at most three INVITEs. N ≤ 1 with no optional custom
    /// part skips to branch 2 (the provider may offer differently); N ≥ 2
    /// with a remote taking `multipart/alternative` but not the custom parts
    /// takes branch 1, and a later 415 still has branch 2.
    pub(in crate::call) fn on_unsupported_media(&mut self, response: &SipResponse) {
        let ctx = self.context(
            SdpOfferAnswerReason::OutgoingCallEstablishment,
            response.headers.to_tag.as_deref(),
            false,
        );
        let takes_alternative = self
            .remote_capabilities()
            .contains(crate::call::RemoteCapabilities::MULTIPART_ALTERNATIVE);
        let Some(out) = self.phase.invite_mut() else {
            return;
        };
        let sdp_count = out.offer.as_ref().map_or(0, |o| o.descriptions.len());
        let has_optional = out.options.custom_mime_parts.iter().any(has_optional_part);
        let retries_left = out.retry.count() < out.options.max_retries.min(MAX_RETRIES);
        // Taken, not copied: `resend` puts the offer sent back.
        let offer = out.offer.take();
        if retries_left
            && !out.retry.dropped_optional
            && has_optional
            && (sdp_count <= 1 || takes_alternative)
        {
            out.retry.dropped_optional = true;
            out.options.custom_mime_parts = out
                .options
                .custom_mime_parts
                .iter()
                .filter(|p| p.handling() == Handling::Required)
                .filter_map(MimePart::without_optional_parts)
                .collect();
            self.resend(offer, UnsupportedMediaRetry::WithoutOptionalParts, &ctx);
            return;
        }
        let Some(offer) = offer else {
            self.fail(SdpAnswerStatus::UnsupportedMediaCannotRetry, Some(415));
            return;
        };
        if retries_left && !out.retry.new_offer {
            out.retry.new_offer = true;
            self.close_offer(&ctx, &offer, SdpAnswerStatus::UnsupportedMediaCanRetry);
            let fresh = self.context(SdpOfferAnswerReason::OutgoingCallEstablishment, None, false);
            match self.provider_offer(&fresh) {
                Ok(new_offer) => {
                    self.resend(Some(new_offer), UnsupportedMediaRetry::NewOffer, &ctx)
                }
                // Nothing can be sent: a local failure.
                Err(CallError::EmptyOffer) => {
                    self.fail(SdpAnswerStatus::NotAcceptableLocally, None);
                }
                Err(_) => self.fail(SdpAnswerStatus::UnsupportedMediaCannotRetry, Some(415)),
            }
            return;
        }
        out.offer = Some(offer.clone());
        self.close_offer(&ctx, &offer, SdpAnswerStatus::UnsupportedMediaCannotRetry);
        self.fail(SdpAnswerStatus::UnsupportedMediaCannotRetry, Some(415));
    }

    /// Sends the INVITE again with `offer` and the current custom parts.
    fn resend(
        &mut self,
        offer: Option<SdpOffer>,
        branch: UnsupportedMediaRetry,
        ctx: &crate::offer_answer::OfferAnswerContext,
    ) {
        let Some(out) = self.phase.invite() else {
            return;
        };
        let options = out.options.clone();
        let tree = offer_tree(offer.as_ref(), &options.custom_mime_parts);
        if self.phase.invite().is_some_and(|o| o.last_tree == tree) {
            if let Some(offer) = &offer {
                self.close_offer(ctx, offer, SdpAnswerStatus::UnsupportedMediaCannotRetry);
            }
            self.fail(SdpAnswerStatus::UnsupportedMediaCannotRetry, Some(415));
            return;
        }
        let request = match self.invite(tree.as_ref(), &options, offer.as_ref()) {
            Ok(r) => r,
            Err(_) => {
                if let Some(offer) = &offer {
                    self.close_offer(ctx, offer, SdpAnswerStatus::NotAcceptableLocally);
                }
                self.fail(SdpAnswerStatus::NotAcceptableLocally, None);
                return;
            }
        };
        self.set_initial_types(tree.as_ref(), offer.as_ref());
        self.last_offer_sent.clone_from(&offer);
        if let Some(out) = self.phase.invite_mut() {
            out.offer = offer;
            out.last_tree = tree;
            out.dialogs.clear();
        }
        self.send_request(request, None);
        self.events
            .push(CallEvent::RetryingAfterUnsupportedMedia { branch });
    }
}

/// Whether `part` is optional or holds an optional part at any depth.
fn has_optional_part(part: &MimePart) -> bool {
    part.handling() == Handling::Optional || part.parts().iter().any(has_optional_part)
}
