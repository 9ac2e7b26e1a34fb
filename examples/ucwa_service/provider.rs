//! The service's media: the standard provider on loopback audio, wrapped so
//! that `POST .../renegotiations` can put the application's own SDP in our
//! re-INVITE (the Call asks the provider for the offer:
//! `MediaProvider::get_offer`).

use std::net::Ipv4Addr;

use mime::Mime;
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability};
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, SdpAnswer, SdpContentDescription, SdpOffer,
};
use sdp_offer_answer::provider::StandardMediaProvider;

/// Audio (PCMU, PCMA, telephone-event) on `ip:rtp_port`.
pub fn capabilities(ip: Ipv4Addr, rtp_port: u16) -> Result<LocalCapabilities, String> {
    let audio = MediaCapability::audio(rtp_port)
        .codec(Codec::pcmu())
        .codec(Codec::pcma())
        .telephone_event(8000)
        .ptime_ms(20);
    LocalCapabilities::builder()
        .username("sdpoa")
        .session_name("ucwa_service")
        .ipv4(ip)
        .media(audio)
        .build()
        .map_err(|e| e.to_string())
}

/// [`StandardMediaProvider`] whose next offer can be the application's.
#[derive(Debug)]
pub struct ServiceProvider {
    /// The provider doing the work.
    pub inner: StandardMediaProvider,
    /// The application's SDP for the next `get_offer` (taken once).
    pub next_offer: Option<Vec<u8>>,
    /// The last offer was the application's: the provider did not make it,
    /// so it cannot judge the answer (it is taken as the session as is).
    app_offer_out: bool,
}

impl ServiceProvider {
    /// Wraps `inner`.
    pub fn new(inner: StandardMediaProvider) -> Self {
        ServiceProvider {
            inner,
            next_offer: None,
            app_offer_out: false,
        }
    }
}

impl MediaProvider for ServiceProvider {
    fn supported_media_types(&self) -> &[sdp_offer_answer::sdp::MediaType] {
        self.inner.supported_media_types()
    }
    fn supported_content_types(&self) -> &[Mime] {
        self.inner.supported_content_types()
    }
    fn is_session_refresh(&self, context: &OfferAnswerContext, offer: &SdpOffer) -> bool {
        self.inner.is_session_refresh(context, offer)
    }
    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError> {
        match self.next_offer.take() {
            Some(sdp) => {
                self.app_offer_out = true;
                Ok(SdpOffer::single(SdpContentDescription::new(sdp)))
            }
            None => {
                self.app_offer_out = false;
                self.inner.get_offer(context, last_sent)
            }
        }
    }
    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError> {
        self.inner.get_answer(context, offer)
    }
    fn set_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: SdpAnswer,
    ) -> Result<(), OfferAnswerError> {
        let result = self.inner.set_answer(context, offer, answer);
        if std::mem::take(&mut self.app_offer_out) {
            // The standard provider did not make this offer: its verdict on
            // the answer is not the application's. Keep the call going.
            return Ok(());
        }
        result
    }
    fn set_incoming_call_offer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError> {
        self.inner.set_incoming_call_offer(context, offer)
    }
    fn terminate_media(&mut self, context: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
        self.inner.terminate_media(context)
    }
    fn set_hold(
        &mut self,
        context: &OfferAnswerContext,
        hold: bool,
    ) -> Result<(), OfferAnswerError> {
        self.inner.set_hold(context, hold)
    }
    fn set_local_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: &SdpContentDescription,
    ) -> Result<(), OfferAnswerError> {
        self.inner.set_local_answer(context, offer, answer)
    }
}
