//! `manual::answer_status`: 491 Request Pending → RequestPending; and a Call whose
//! INVITE is pending answers a crossing INVITE or UPDATE offer with 491
//! (RFC 3261 §14.2, RFC 3311 §5.2).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, Method, SipResponse};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;

#[test]
fn a_491_response_is_request_pending() {
    let mut alice = call(alice_provider(), 7, "a1");
    let now = std::time::Instant::now();
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    only_request(drain(&mut alice), Method::Invite);
    alice
        .handle_response(invite_response(491, "b1"), now)
        .unwrap();
    assert!(drain(&mut alice).is_empty());
    assert_eq!(
        log(&mut alice),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, RequestPending, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::RequestPending,
            response: Some(491)
        }]
    );
    assert_eq!(alice.state(), CallState::Terminated);
    assert!(
        alice
            .provider()
            .inner()
            .negotiator()
            .unwrap()
            .pending_offer()
            .is_none()
    );
}

#[test]
fn crossing_offers_get_491_while_our_invite_is_pending() {
    let mut alice = call(alice_provider(), 7, "a1");
    let now = std::time::Instant::now();
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    drain(&mut alice);
    alice
        .handle_response(invite_response(180, "b1"), now)
        .unwrap();
    for method in [Method::Invite, Method::Update] {
        let mut request = request_with_sdp(method.clone(), OFFER_A);
        request.headers.to_tag = Some("a1".into());
        alice.handle_request(request, now).unwrap();
        let response = only_response(drain(&mut alice));
        assert_eq!((response.status, response.method), (491, method));
        assert_eq!(response.headers.to_tag.as_deref(), Some("a1"));
    }
    assert_eq!(alice.state(), CallState::Establishing);
    assert_eq!(
        log(&mut alice),
        vec!["get_offer(OutgoingCallEstablishment)"]
    );
    // The call goes on.
    let answer = bob_answer_to(
        alice
            .provider()
            .inner()
            .negotiator()
            .unwrap()
            .pending_offer()
            .unwrap()
            .serialize()
            .as_bytes(),
    );
    alice
        .handle_response(
            with_sdp(
                SipResponse::new(200, Method::Invite).with_to_tag("b1"),
                &answer,
            ),
            now,
        )
        .unwrap();
    assert_eq!(alice.state(), CallState::Established);
}
