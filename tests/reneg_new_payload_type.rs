//! A re-offer that changes something — here telephone-event moves from
//! payload type 96 to 101, with the version one higher — is a
//! renegotiation (never answered from the previous answer): the application
//! answers with the provider, whose answer uses the new payload type (RFC
//! 3264 §6.1: the offerer's numbers), and the new session sends DTMF with 101.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{Method, RenegotiationAnswer, SipRequest};
use sdp_offer_answer::renegotiation::RenegotiationState;
use sdp_offer_answer::testing::Side;

#[test]
fn a_new_payload_type_is_renegotiated() {
    let mut p = established();
    let (alice_sdp, bob_sdp) = session_bytes(&p.a);
    assert!(bob_sdp.contains(" 96\r\n"), "{bob_sdp}");
    let te = p.a.provider().inner().negotiated_session().unwrap().streams[0]
        .telephone_event()
        .unwrap()
        .send_payload_type;
    assert_eq!(te, 96);
    let reoffer = bump_version(&bob_sdp)
        .replace(" 96\r\n", " 101\r\n")
        .replace("a=rtpmap:96 ", "a=rtpmap:101 ")
        .replace("a=fmtp:96 ", "a=fmtp:101 ");
    assert_ne!(reoffer, bob_sdp);
    p.a.handle_request(request_with_sdp(Method::Invite, reoffer.as_bytes()), p.now)
        .unwrap();
    assert!(drain(&mut p.a).is_empty(), "the application decides");
    let reneg = started(&p.take_events(Side::A));
    p.a.answer_renegotiation(reneg.operation_id(), RenegotiationAnswer::Provider, p.now)
        .unwrap();
    let ok = only_response(drain(&mut p.a));
    let answer = String::from_utf8(ok.body.clone()).unwrap();
    assert_ne!(answer, alice_sdp, "not the cached answer");
    assert!(
        answer.contains("a=rtpmap:101 telephone-event/8000"),
        "{answer}"
    );
    assert!(!answer.contains(" 96"), "{answer}");
    // Our version moved on by one (RFC 3264 §8).
    let version = |sdp: &str| -> u64 {
        sdp.lines()
            .find_map(|l| l.strip_prefix("o="))
            .and_then(|o| o.split(' ').nth(2))
            .and_then(|v| v.parse().ok())
            .unwrap()
    };
    assert_eq!(version(&answer), version(&alice_sdp) + 1);
    p.a.handle_request(SipRequest::new(Method::Ack), p.now)
        .unwrap();
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!(result, Ok(()));
    assert_eq!(done.state(), RenegotiationState::Answered);
    assert_eq!(done.media_answer(), Some(ok.body.as_slice()));
    let te = p.a.provider().inner().negotiated_session().unwrap().streams[0]
        .telephone_event()
        .unwrap()
        .send_payload_type;
    assert_eq!(te, 101);
    assert_eq!(session_bytes(&p.a), (answer, reoffer));
}
