//! Headers a media provider hands the Call go through the same check as
//! the application's: an offer header with CR/LF makes `establish` fail
//! with `CallError::InvalidHeader` (the provider is told
//! `NotAcceptableLocally`); on an answer or a decline, which the remote is
//! waiting for, an invalid header (or Content-ID) is left out of the
//! response and the valid ones are sent.

mod call_harness;

use call_harness::*;
use mime::Mime;
use sdp_offer_answer::call::{
    Call, CallConfig, CallError, CallEstablishOptions, CallState, HeaderFault, Method,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpOffer,
    SignalingHeader,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::RecordingProvider;

/// The standard provider, with a bad and a good header on everything it
/// gives, and a Content-ID with CRLF on its answers.
struct Sloppy {
    inner: StandardMediaProvider,
    decline: bool,
}

fn sloppy_headers() -> Vec<SignalingHeader> {
    vec![
        SignalingHeader::new("X-Evil", "1\r\nVia: SIP/2.0/UDP 203.0.113.9"),
        SignalingHeader::new("X-Good", "1"),
    ]
}

impl MediaProvider for Sloppy {
    fn supported_media_types(&self) -> &[sdp_offer_answer::sdp::MediaType] {
        self.inner.supported_media_types()
    }
    fn supported_content_types(&self) -> &[Mime] {
        self.inner.supported_content_types()
    }
    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError> {
        let mut offer = self.inner.get_offer(context, last_sent)?;
        offer.headers.extend(sloppy_headers());
        Ok(offer)
    }
    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError> {
        if self.decline {
            let mut e = OfferAnswerError::new(OfferAnswerFailureReason::NotAcceptable, "no");
            e.headers.extend(sloppy_headers());
            return Err(e);
        }
        let mut answer = self.inner.get_answer(context, offer)?;
        answer.headers.extend(sloppy_headers());
        if let Some(a) = answer.answer.as_mut() {
            a.content_id = Some("<a@b>\r\nX-Evil: 2".to_owned());
        }
        Ok(answer)
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
        self.inner.set_incoming_call_offer(context, offer)
    }
    fn terminate_media(&mut self, context: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
        self.inner.terminate_media(context)
    }
}

fn sloppy(inner: StandardMediaProvider, decline: bool) -> Sloppy {
    Sloppy { inner, decline }
}

#[test]
fn provider_headers_are_checked_too() {
    let now = std::time::Instant::now();

    let mut alice = Call::new(
        RecordingProvider::new(sloppy(alice_provider(), false)),
        CallConfig::new(7).with_local_tag("a1"),
    );
    assert_eq!(
        alice.establish(CallEstablishOptions::new(), now),
        Err(CallError::InvalidHeader {
            name: "X-Evil".to_owned(),
            reason: HeaderFault::ForbiddenCharacter,
        })
    );
    assert_eq!(alice.state(), CallState::Idle);
    assert!(drain(&mut alice).is_empty());
    assert_eq!(
        alice.provider_mut().take_log(),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, NotAcceptableLocally, answer=None)",
        ]
    );

    // Answering: the 200 goes out without the bad header and Content-ID.
    let mut bob = Call::new(
        sloppy(bob_provider(), false),
        CallConfig::new(8).with_local_tag("b1"),
    );
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    bob.accept(now).unwrap();
    let ok = only_response(drain(&mut bob));
    assert_eq!(ok.status, 200);
    assert_eq!(ok.headers.extra, vec![SignalingHeader::new("X-Good", "1")]);
    assert_eq!(ok.headers.content_id, None);
    assert_eq!(ok.headers.content_type.as_deref(), Some("application/sdp"));
    assert!(ok.body.starts_with(b"v=0\r\n"));

    // Declining: the 488 goes out without the bad header.
    let mut bob = Call::new(
        sloppy(bob_provider(), true),
        CallConfig::new(8).with_local_tag("b1"),
    );
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    bob.accept(now).unwrap();
    let declined = only_response(drain(&mut bob));
    assert_eq!(declined.status, 488);
    assert_eq!(
        declined.headers.extra,
        vec![SignalingHeader::new("X-Good", "1")]
    );
}
