//! The UA's media: local capabilities for loopback RTP, and the standard
//! provider wrapped so that `--decline REASON` can refuse the initial offer
//! with a UCWA `ReNegotiationDeclineReason` (re-offers are dismissed
//! through the Call: `Call::dismiss_renegotiation`).

use std::net::Ipv4Addr;

use mime::Mime;
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, SrtpPolicy, SrtpSuite,
};
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer,
    SdpContentDescription, SdpOffer,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::renegotiation::ReNegotiationDeclineReason;

/// Audio on `ip:port` with `codecs` (by name, in preference order) and
/// telephone-event/8000, ptime 20; SDES-SRTP required (`RTP/SAVP`) when
/// `srtp`.
pub fn capabilities(
    ip: Ipv4Addr,
    port: u16,
    codecs: &[String],
    srtp: bool,
) -> Result<LocalCapabilities, String> {
    let mut audio = MediaCapability::audio(port);
    for name in codecs {
        audio = audio.codec(codec(name)?);
    }
    let audio = audio.telephone_event(8000).ptime_ms(20);
    let mut builder = LocalCapabilities::builder()
        .username("sdpoa")
        .session_name("sip_ua")
        .ipv4(ip)
        .media(audio);
    if srtp {
        // Every call draws its own master key from the OS CSPRNG (RFC 3711 §8.2).
        builder = builder
            .sdes(SrtpPolicy::Required)
            .sdes_suite(SrtpSuite::AesCm128HmacSha1_80)
            .key_source(std::sync::Arc::new(|out: &mut [u8]| {
                getrandom::fill(out).expect("the OS random number generator failed")
            }));
    }
    builder.build().map_err(|e| e.to_string())
}

fn codec(name: &str) -> Result<Codec, String> {
    Ok(match name.to_ascii_uppercase().as_str() {
        "PCMU" => Codec::pcmu(),
        "PCMA" => Codec::pcma(),
        "G722" => Codec::g722(),
        "G729" => Codec::g729(),
        "OPUS" => Codec::opus().payload_type(111),
        other => {
            return Err(format!(
                "unknown codec {other:?} (PCMU, PCMA, G722, G729, OPUS)"
            ));
        }
    })
}

/// The [`OfferAnswerError`] that declines an offer for `reason`: the SIP
/// response of [`ReNegotiationDeclineReason::sip_response`]
/// ([`sdp_offer_answer::manual::decline_responses`]) through the Call's decline table.
pub fn decline_error(reason: ReNegotiationDeclineReason) -> OfferAnswerError {
    use OfferAnswerFailureReason as F;
    use ReNegotiationDeclineReason as R;
    let failure = match reason {
        R::Unknown | R::EncryptionMismatch | R::IPv6NotSupported | R::InvalidMediaOffer => {
            F::NotAcceptable
        }
        R::UnsupportedMedia => F::UnsupportedMedia,
        R::InsufficientBandwidth => F::FailDueToBandwidthPolicy,
        R::MediaAllocationFailure => F::ServerInternalError,
        R::Conflict => F::RequestPending,
        _ => F::NotAcceptable,
    };
    let error = OfferAnswerError::new(failure, format!("dismissed: {reason}"));
    match reason.sip_response(false, 0).warning {
        Some(warning) => error.with_sip_warning(warning),
        None => error,
    }
}

/// [`StandardMediaProvider`] that refuses initial offers on command.
#[derive(Debug)]
pub struct UaProvider {
    /// The provider doing the work.
    pub inner: StandardMediaProvider,
    /// Refuse the initial offer of an incoming call.
    pub decline_initial: Option<ReNegotiationDeclineReason>,
}

impl MediaProvider for UaProvider {
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
        self.inner.get_offer(context, last_sent)
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
        self.inner.set_answer(context, offer, answer)
    }

    fn set_incoming_call_offer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError> {
        if let Some(reason) = self.decline_initial {
            return Err(decline_error(reason));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insufficient_bandwidth_is_a_370() {
        let e = decline_error(ReNegotiationDeclineReason::InsufficientBandwidth);
        assert_eq!(e.reason, OfferAnswerFailureReason::FailDueToBandwidthPolicy);
        assert_eq!(e.warning_code(), Some(370));
    }

    #[test]
    fn codecs_by_name() {
        let caps = capabilities(
            Ipv4Addr::LOCALHOST,
            40000,
            &["pcma".into(), "PCMU".into()],
            false,
        )
        .unwrap();
        assert_eq!(caps.media()[0].codecs()[0].name(), "PCMA");
        assert!(capabilities(Ipv4Addr::LOCALHOST, 1, &["x".into()], false).is_err());
    }
}
