//! A provider that implements only the six required `MediaProvider`
//! methods: the Call works, and the two optional features refuse at run
//! time with an error naming the method they need — `Call::hold` (no
//! `set_hold`) and an application-written renegotiation answer (no
//! `set_local_answer`). Nothing is sent, the call goes on.

use std::time::Instant;

use sdp_offer_answer::call::{
    Call, CallConfig, CallError, CallEvent, CallState, RenegotiationAnswer,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::mime::Mime;
use sdp_offer_answer::negotiation::LocalCapabilities;
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpOffer,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::{BackToBack, Side};

/// The standard provider behind only the required methods.
struct RequiredOnly(StandardMediaProvider);

impl MediaProvider for RequiredOnly {
    fn supported_media_types(&self) -> &[sdp_offer_answer::sdp::MediaType] {
        self.0.supported_media_types()
    }
    fn supported_content_types(&self) -> &[Mime] {
        self.0.supported_content_types()
    }
    fn get_offer(
        &mut self,
        context: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError> {
        self.0.get_offer(context, last_sent)
    }
    fn get_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError> {
        self.0.get_answer(context, offer)
    }
    fn set_answer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: SdpAnswer,
    ) -> Result<(), OfferAnswerError> {
        self.0.set_answer(context, offer, answer)
    }
    fn set_incoming_call_offer(
        &mut self,
        context: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError> {
        self.0.set_incoming_call_offer(context, offer)
    }
    fn terminate_media(&mut self, context: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
        self.0.terminate_media(context)
    }
}

fn provider(session_id: u64) -> RequiredOnly {
    RequiredOnly(StandardMediaProvider::new(
        LocalCapabilities::demo_softphone(),
        session_id,
    ))
}

#[test]
fn the_refusing_defaults_name_the_method() {
    let now = Instant::now();
    let mut p = BackToBack::new(
        Call::new(provider(1), CallConfig::new(11)),
        Call::new(provider(2), CallConfig::new(22)),
        now,
    );
    p.a.establish(Default::default(), now).unwrap();
    p.run();
    p.b.accept(now).unwrap();
    p.run();
    assert_eq!(p.a.state(), CallState::Established);
    let _ = p.take_ladder();

    // No set_hold: hold refuses, nothing is sent.
    let err = p.a.hold(now).unwrap_err();
    let CallError::Provider(e) = &err else {
        panic!("not a provider error: {err}");
    };
    assert_eq!(e.reason, OfferAnswerFailureReason::ServerInternalError);
    assert_eq!(
        e.message,
        "MediaProvider::set_hold is not implemented by this provider (the default refuses)"
    );
    assert_eq!(p.run(), 0);

    // No set_local_answer: Bob's renegotiation cannot be answered with
    // Alice's own SDP; it stays pending and the provider can still answer.
    p.b.begin_renegotiation(now).unwrap();
    p.run();
    let events = p.take_events(Side::A);
    let id = events
        .iter()
        .find_map(|e| match e {
            CallEvent::RenegotiationStarted { renegotiation } => {
                Some(renegotiation.operation_id().to_owned())
            }
            _ => None,
        })
        .expect("Alice sees Bob's renegotiation");
    let err =
        p.a.answer_renegotiation(&id, RenegotiationAnswer::Sdp(b"v=0\r\n".to_vec()), now)
            .unwrap_err();
    let CallError::Provider(e) = &err else {
        panic!("not a provider error: {err}");
    };
    assert_eq!(
        e.message,
        "MediaProvider::set_local_answer is not implemented by this provider (the default \
         refuses answers written by the application)"
    );
    assert!(p.a.incoming_renegotiation().is_some(), "still pending");
    p.a.answer_renegotiation(&id, RenegotiationAnswer::Provider, now)
        .unwrap();
    p.run();
    assert_eq!(p.a.state(), CallState::Established);
}
