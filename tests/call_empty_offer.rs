//! Regression (issue 11, fault 3): a provider's offer without any session
//! description cannot be sent (UCMA: the Call "cannot send out the offer
//! received from MediaProvider", `NotAcceptableLocally`). It used to go out
//! as an INVITE without body, and the remote's offer in the 200 was then
//! handed to `set_answer` as if it were an answer. Now it is a typed local
//! failure: `CallError::EmptyOffer`, nothing sent, the provider told
//! `set_answer(None, NotAcceptableLocally)`: for `establish`, for
//! `begin_renegotiation`, and for the offer of our 2xx to an INVITE
//! without offer (declined 500 instead).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    Call, CallConfig, CallError, CallEstablishOptions, CallEvent, CallState, Method, SipRequest,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::mime::Mime;
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpOffer,
};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::RecordingProvider;

/// The standard provider, except that its offers hold no SDP while `empty`.
struct Empty {
    inner: StandardMediaProvider,
    empty: bool,
}

impl MediaProvider for Empty {
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
        if self.empty {
            return Ok(SdpOffer::default());
        }
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
}

fn empty_call(inner: StandardMediaProvider, tag: &str) -> Call<RecordingProvider<Empty>> {
    Call::new(
        RecordingProvider::new(Empty { inner, empty: true }),
        CallConfig::new(3).with_local_tag(tag),
    )
}

#[test]
fn an_empty_initial_offer_is_not_sent() {
    let now = std::time::Instant::now();
    let mut alice = empty_call(alice_provider(), "a1");
    assert_eq!(
        alice.establish(CallEstablishOptions::new(), now),
        Err(CallError::EmptyOffer)
    );
    assert!(drain(&mut alice).is_empty(), "no INVITE without body");
    assert!(events(&mut alice).is_empty());
    assert_eq!(alice.state(), CallState::Idle);
    assert_eq!(
        alice.provider_mut().take_log(),
        [
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, NotAcceptableLocally, answer=None)",
        ]
    );
    // With an offer, the same Call goes on.
    alice.provider_mut().inner_mut().empty = false;
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    assert!(!invite.body.is_empty());
    assert_eq!(alice.state(), CallState::Establishing);
}

#[test]
fn an_empty_offer_in_our_2xx_declines_the_call() {
    let now = std::time::Instant::now();
    let mut bob = empty_call(bob_provider(), "b1");
    bob.handle_request(SipRequest::new(Method::Invite), now)
        .unwrap();
    assert_eq!(
        events(&mut bob),
        [CallEvent::IncomingCall { has_offer: false }]
    );
    bob.accept(now).unwrap();
    let response = only_response(drain(&mut bob));
    assert_eq!((response.status, response.method), (500, Method::Invite));
    assert!(response.body.is_empty());
    assert_eq!(
        events(&mut bob),
        [CallEvent::OfferDeclined {
            response: 500,
            reason: OfferAnswerFailureReason::ServerInternalError
        }]
    );
    assert_eq!(bob.state(), CallState::Terminated);
    assert_eq!(
        bob.provider_mut().take_log(),
        [
            "get_offer(IncomingCallEstablishment, dialog=b1)",
            "set_answer(IncomingCallEstablishment, dialog=b1, NotAcceptableLocally, answer=None)",
            "terminate_media(IncomingCallEstablishment)",
        ]
    );
}

#[test]
fn an_empty_renegotiation_offer_is_not_sent() {
    let now = std::time::Instant::now();
    let mut alice = empty_call(alice_provider(), "a1");
    alice.provider_mut().inner_mut().empty = false;
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    let answer = bob_answer_to(&invite.body);
    alice
        .handle_response(with_sdp(invite_response(200, "b1"), &answer), now)
        .unwrap();
    only_request(drain(&mut alice), Method::Ack);
    assert_eq!(alice.state(), CallState::Established);
    events(&mut alice);
    alice.provider_mut().take_log();

    alice.provider_mut().inner_mut().empty = true;
    assert_eq!(alice.begin_renegotiation(now), Err(CallError::EmptyOffer));
    assert!(drain(&mut alice).is_empty(), "no re-INVITE without body");
    assert!(events(&mut alice).is_empty());
    assert!(alice.renegotiation().is_none());
    assert_eq!(alice.state(), CallState::Established);
    assert_eq!(
        alice.provider_mut().take_log(),
        [
            "get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)",
            "set_answer(OutgoingRenegotiation, dialog=b1, NotAcceptableLocally, answer=None)",
        ]
    );
    // The session stays, and an offer goes out once there is one.
    assert!(
        alice
            .provider()
            .inner()
            .inner
            .negotiated_session()
            .is_some()
    );
    alice.provider_mut().inner_mut().empty = false;
    alice.begin_renegotiation(now).unwrap();
    only_request(drain(&mut alice), Method::Invite);
}

#[test]
fn an_empty_offer_after_415_fails_the_call_locally() {
    use sdp_offer_answer::offer_answer::SdpAnswerStatus;
    let now = std::time::Instant::now();
    let mut alice = empty_call(alice_provider(), "a1");
    alice.provider_mut().inner_mut().empty = false;
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    only_request(drain(&mut alice), Method::Invite);
    alice.provider_mut().take_log();
    alice.provider_mut().inner_mut().empty = true;
    alice
        .handle_response(invite_response(415, "b1"), now)
        .unwrap();
    assert!(drain(&mut alice).is_empty(), "no second INVITE");
    assert_eq!(
        events(&mut alice),
        [CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptableLocally,
            response: None
        }]
    );
    assert_eq!(
        alice.provider_mut().take_log(),
        [
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCanRetry, answer=None)",
            "get_offer(OutgoingCallEstablishment, last_sent=1 SDP)",
            "set_answer(OutgoingCallEstablishment, NotAcceptableLocally, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(alice.state(), CallState::Terminated);
}
