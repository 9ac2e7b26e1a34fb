//! UCMA semantics (issue 11, item 7): `get_offer`'s `last_sent` is the last
//! offer the Call sent, in whatever exchange (UCMA's `lastSentSdpOffers`),
//! on renegotiations too — not only after a 415 or 491. A side that never
//! offered gets `None` the first time.

mod call_harness;

use std::cell::RefCell;
use std::rc::Rc;

use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallState, RenegotiationMode,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::mime::Mime;
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, SdpAnswer, SdpOffer, SdpOfferAnswerReason,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::{BackToBack, Side};

/// What `get_offer` was given, per call: the reason and `last_sent`'s SDPs.
type Seen = Rc<RefCell<Vec<(SdpOfferAnswerReason, Option<Vec<Vec<u8>>>)>>>;

/// The standard provider, noting each `get_offer`'s `last_sent`.
struct Spy {
    inner: StandardMediaProvider,
    seen: Seen,
}

impl MediaProvider for Spy {
    fn supported_media_types(&self) -> &[sdp_offer_answer::sdp::MediaType] {
        self.inner.supported_media_types()
    }
    fn supported_content_types(&self) -> &[Mime] {
        self.inner.supported_content_types()
    }
    fn get_offer(
        &mut self,
        ctx: &OfferAnswerContext,
        last_sent: Option<&SdpOffer>,
    ) -> Result<SdpOffer, OfferAnswerError> {
        let bodies = last_sent.map(|o| o.descriptions.iter().map(|d| d.body.clone()).collect());
        self.seen.borrow_mut().push((ctx.reason, bodies));
        self.inner.get_offer(ctx, last_sent)
    }
    fn get_answer(
        &mut self,
        ctx: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<SdpAnswer, OfferAnswerError> {
        self.inner.get_answer(ctx, offer)
    }
    fn set_answer(
        &mut self,
        ctx: &OfferAnswerContext,
        offer: &SdpOffer,
        answer: SdpAnswer,
    ) -> Result<(), OfferAnswerError> {
        self.inner.set_answer(ctx, offer, answer)
    }
    fn set_incoming_call_offer(
        &mut self,
        ctx: &OfferAnswerContext,
        offer: &SdpOffer,
    ) -> Result<(), OfferAnswerError> {
        self.inner.set_incoming_call_offer(ctx, offer)
    }
    fn terminate_media(&mut self, ctx: &OfferAnswerContext) -> Result<(), OfferAnswerError> {
        self.inner.terminate_media(ctx)
    }
    fn is_session_refresh(&self, ctx: &OfferAnswerContext, offer: &SdpOffer) -> bool {
        self.inner.is_session_refresh(ctx, offer)
    }
    fn set_hold(&mut self, ctx: &OfferAnswerContext, hold: bool) -> Result<(), OfferAnswerError> {
        self.inner.set_hold(ctx, hold)
    }
}

#[test]
fn renegotiations_are_told_the_last_offer_sent() {
    use SdpOfferAnswerReason::{OutgoingCallEstablishment, OutgoingRenegotiation};
    let (alice_seen, bob_seen) = (Seen::default(), Seen::default());
    let spy = |inner, seen: &Seen| Spy {
        inner,
        seen: seen.clone(),
    };
    let mut p = BackToBack::new(
        Call::new(
            spy(call_harness::alice_provider(), &alice_seen),
            CallConfig::new(7)
                .with_local_tag("a1")
                .with_renegotiation_mode(RenegotiationMode::Automatic),
        ),
        Call::new(
            spy(call_harness::bob_provider(), &bob_seen),
            CallConfig::new(8)
                .with_local_tag("b1")
                .with_renegotiation_mode(RenegotiationMode::Automatic),
        ),
        std::time::Instant::now(),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    assert_eq!(p.a.state(), CallState::Established);
    let invite = p.ladder()[0].transmit.body().to_vec();

    // Alice's re-offer is told her INVITE's offer; her next one that re-offer.
    p.a.hold(p.now).unwrap();
    p.run();
    let reinvite = p.ladder()[3].transmit.body().to_vec();
    p.a.resume(p.now).unwrap();
    p.run();
    assert_eq!(
        *alice_seen.borrow(),
        [
            (OutgoingCallEstablishment, None),
            (OutgoingRenegotiation, Some(vec![invite])),
            (OutgoingRenegotiation, Some(vec![reinvite])),
        ]
    );
    // Bob only answered so far: his first offer has nothing before it.
    p.b.begin_renegotiation(p.now).unwrap();
    p.run();
    let bobs = p
        .ladder()
        .iter()
        .rev()
        .find(|e| e.from == Side::B && e.first_line().ends_with("INVITE"))
        .map(|e| e.transmit.body().to_vec());
    assert!(bobs.is_some());
    p.b.begin_renegotiation(p.now).unwrap();
    p.run();
    assert_eq!(
        *bob_seen.borrow(),
        [
            (OutgoingRenegotiation, None),
            (OutgoingRenegotiation, bobs.map(|b| vec![b]))
        ]
    );
    assert!(p.a.provider().inner.negotiated_session().is_some());
}
