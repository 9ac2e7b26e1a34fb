//! A re-INVITE without SDP (RFC 3261 §14.2, RFC 6337 §2): a renegotiation
//! whose offer is ours, in the 2xx, and whose answer comes in the ACK.
//! The application answers it (with the provider: `get_offer`); the ACK's
//! answer completes it. An ACK without a usable answer fails it: the
//! previous session stays, byte-identical, and the Call re-offers that
//! session once so that both sides agree again.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallError, Method, RenegotiationAnswer, RenegotiationFailure, SipRequest,
};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;
use sdp_offer_answer::renegotiation::{RenegotiationDirection, RenegotiationState};
use sdp_offer_answer::testing::Side;

/// Bob sends a re-INVITE without body; Alice's application answers with
/// the provider; returns the operation id and Alice's 2xx offer.
fn offerless(p: &mut Pair) -> (String, Vec<u8>) {
    p.a.handle_request(SipRequest::new(Method::Invite), p.now)
        .unwrap();
    assert!(drain(&mut p.a).is_empty());
    let reneg = started(&p.take_events(Side::A));
    assert_eq!(reneg.direction(), RenegotiationDirection::Incoming);
    assert!(
        reneg.media_offer().is_empty(),
        "no offer yet: ours goes in the 2xx"
    );
    let id = reneg.operation_id().to_owned();
    // There is nothing to answer with an SDP.
    assert!(matches!(
        p.a.answer_renegotiation(&id, RenegotiationAnswer::Sdp(OFFER_A.to_vec()), p.now),
        Err(CallError::InvalidState { .. })
    ));
    p.a.answer_renegotiation(&id, RenegotiationAnswer::Provider, p.now)
        .unwrap();
    let ok = only_response(drain(&mut p.a));
    assert_eq!((ok.status, ok.method.clone()), (200, Method::Invite));
    let pending = p.a.incoming_renegotiation().unwrap();
    assert_eq!(pending.state(), RenegotiationState::Pending);
    assert_eq!(pending.media_offer(), ok.body.as_slice());
    // Decided already: a second answer or a dismissal is refused.
    assert!(matches!(
        p.a.answer_renegotiation(&id, RenegotiationAnswer::Provider, p.now),
        Err(CallError::InvalidState { .. })
    ));
    assert!(p.take_events(Side::A).is_empty());
    (id, ok.body)
}

#[test]
fn our_offer_in_the_2xx_is_answered_in_the_ack() {
    let mut p = established();
    let (id, offer) = offerless(&mut p);
    let answer = {
        use sdp_offer_answer::media_provider::MediaProvider;
        use sdp_offer_answer::offer_answer::{
            OfferAnswerContext, SdpContentDescription, SdpOffer, SdpOfferAnswerReason,
        };
        let ctx = OfferAnswerContext::new(SdpOfferAnswerReason::IncomingRenegotiation);
        let offer = SdpOffer::single(SdpContentDescription::new(offer.clone()));
        p.b.provider_mut()
            .inner_mut()
            .get_answer(&ctx, &offer)
            .unwrap()
            .answer
            .unwrap()
            .body
    };
    p.a.handle_request(request_with_sdp(Method::Ack, &answer), p.now)
        .unwrap();
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!((done.operation_id(), result), (id.as_str(), Ok(())));
    assert_eq!(done.state(), RenegotiationState::Answered);
    assert_eq!(done.media_offer(), offer.as_slice());
    assert_eq!(done.media_answer(), Some(answer.as_slice()));
    assert_eq!(
        log(&mut p.a),
        [
            "get_offer(IncomingRenegotiation, dialog=b1, last_sent=1 SDP)",
            "set_answer(IncomingRenegotiation, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert!(drain(&mut p.a).is_empty());
    assert_sessions_agree(&p);
}

#[test]
fn an_ack_without_answer_keeps_the_session_and_re_offers_it() {
    let mut p = established();
    let before = session_bytes(&p.a);
    let (id, _) = offerless(&mut p);
    p.a.handle_request(SipRequest::new(Method::Ack), p.now)
        .unwrap();
    let events = p.take_events(Side::A);
    assert_eq!(
        outline(&events),
        [
            format!(
                "completed Incoming Err({:?})",
                RenegotiationFailure::Failed {
                    status: SdpAnswerStatus::NotAcceptable,
                    response: None
                }
            ),
            "started Outgoing".to_owned(),
        ]
    );
    assert_eq!(completed(&events).0.operation_id(), id);
    assert_eq!(completed(&events).0.state(), RenegotiationState::Failed);
    assert_eq!(session_bytes(&p.a), before, "byte-identical");
    assert_eq!(
        log(&mut p.a),
        [
            "get_offer(IncomingRenegotiation, dialog=b1, last_sent=1 SDP)",
            "set_answer(IncomingRenegotiation, dialog=b1, NotAcceptable, answer=None)",
            "get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)",
        ]
    );
    // The re-offer reaches Bob (his application answers) and both agree.
    let (a_events, _) = settle(&mut p, 4);
    assert_eq!(outline(&a_events), ["completed Outgoing Ok"]);
    assert_sessions_agree(&p);
    assert_eq!(
        session_bytes(&p.a).0,
        before.0,
        "the same session re-offered"
    );
}

#[test]
fn an_ack_with_an_answer_the_provider_refuses_fails_the_same_way() {
    let mut p = established();
    let before = session_bytes(&p.a);
    offerless(&mut p);
    let junk = b"v=0\r\no=- 9 9 IN IP4 203.0.113.9\r\ns=-\r\nc=IN IP4 203.0.113.9\r\nt=0 0\r\nm=video 9 RTP/AVP 31\r\n";
    p.a.handle_request(request_with_sdp(Method::Ack, junk), p.now)
        .unwrap();
    let (_, result) = completed(&p.take_events(Side::A));
    assert_eq!(
        result,
        Err(RenegotiationFailure::Failed {
            status: SdpAnswerStatus::NotAcceptableLocally,
            response: None
        })
    );
    assert_eq!(session_bytes(&p.a), before);
    only_request(drain(&mut p.a), Method::Invite);
}
