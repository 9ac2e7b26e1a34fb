//! Misuse is a typed error and leaves the Call unchanged: establish twice,
//! accept on an outgoing call, an out-of-range status, methods the Call
//! does not handle, full queues. Peer noise (an ACK for nothing, a
//! response while idle) is not misuse: `Ok`, discarded with an event.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallError, CallEstablishOptions, CallEvent, CallState, Method, PeerNoise, SipRequest,
    SipResponse,
};

#[test]
fn misuse_is_typed_and_harmless() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    assert_eq!(
        alice.handle_request(SipRequest::new(Method::Ack), now),
        Ok(())
    );
    assert_eq!(
        alice.handle_response(invite_response(200, "b1"), now),
        Ok(())
    );
    assert_eq!(
        events(&mut alice),
        [
            CallEvent::Discarded {
                noise: PeerNoise::UnmatchedAck
            },
            CallEvent::Discarded {
                noise: PeerNoise::UnmatchedResponse {
                    status: 200,
                    method: Method::Invite
                }
            },
        ]
    );
    assert!(drain(&mut alice).is_empty());
    assert!(matches!(
        alice.accept(now),
        Err(CallError::InvalidState {
            operation: "accept",
            ..
        })
    ));
    assert_eq!(alice.state(), CallState::Idle);

    alice.establish(CallEstablishOptions::new(), now).unwrap();
    assert!(matches!(
        alice.establish(CallEstablishOptions::new(), now),
        Err(CallError::InvalidState {
            operation: "establish",
            state: CallState::Establishing
        })
    ));
    assert!(matches!(
        alice.accept_early_media(now),
        Err(CallError::InvalidState { .. })
    ));
    assert!(matches!(
        alice.decline(486, now),
        Err(CallError::InvalidState { .. })
    ));
    assert!(matches!(
        alice.handle_response(SipResponse::new(99, Method::Invite), now),
        Err(CallError::InvalidStatus(99))
    ));
    assert!(matches!(
        alice.handle_request(SipRequest::new(Method::Other("OPTIONS".into())), now),
        Err(CallError::MethodNotHandled { .. })
    ));
    assert_eq!(
        alice.handle_request(SipRequest::new(Method::Ack), now),
        Ok(())
    );
    assert_eq!(
        events(&mut alice),
        [CallEvent::Discarded {
            noise: PeerNoise::UnmatchedAck
        }]
    );
    assert_eq!(alice.state(), CallState::Establishing);
    assert_eq!(drain(&mut alice).len(), 1, "only the INVITE");
    assert_eq!(
        log(&mut alice),
        vec!["get_offer(OutgoingCallEstablishment)"]
    );
}

#[test]
fn full_queues_refuse_input_until_polled() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    // Ask for PRACK answers (481) without ever polling.
    let mut refused = 0;
    for _ in 0..100 {
        match bob.handle_request(SipRequest::new(Method::Prack), now) {
            Ok(()) => {}
            Err(CallError::QueueFull) => refused += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(refused > 0);
    assert!(bob.queued_transmits() <= sdp_offer_answer::call::MAX_QUEUED_TRANSMITS);
    assert_eq!(bob.state(), CallState::Incoming);
    assert_eq!(
        bob.queued_transmits(),
        27,
        "accepted while 6 slots were free"
    );
    assert_eq!(drain(&mut bob).len(), 27);
    bob.accept(now).unwrap();
    assert_eq!(only_response(drain(&mut bob)).status, 200);
}

#[test]
fn provider_failure_in_establish_keeps_the_call_idle() {
    use sdp_offer_answer::offer_answer::{OfferAnswerError, OfferAnswerFailureReason};
    use sdp_offer_answer::testing::ProviderOp;
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    let error = OfferAnswerError::new(OfferAnswerFailureReason::ServerInternalError, "no ports");
    alice
        .provider_mut()
        .fail_next(ProviderOp::GetOffer, error.clone());
    assert_eq!(
        alice.establish(CallEstablishOptions::new(), now),
        Err(CallError::Provider(error))
    );
    assert_eq!(alice.state(), CallState::Idle);
    assert!(drain(&mut alice).is_empty());
    // A custom part that cannot be written: the provider hears NotAcceptableLocally.
    let bad =
        sdp_offer_answer::body::MimePart::single("text/plain".parse().unwrap(), b"x".to_vec())
            .unwrap()
            .with_header("X-Bad", "line\r\nbreak");
    let options = CallEstablishOptions::new().with_custom_mime_part(bad);
    assert!(matches!(
        alice.establish(options, now),
        Err(CallError::Body(_))
    ));
    assert_eq!(alice.state(), CallState::Idle);
    assert_eq!(
        log(&mut alice),
        vec![
            "get_offer(OutgoingCallEstablishment) -> Err",
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, NotAcceptableLocally, answer=None)",
        ]
    );
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    assert_eq!(alice.state(), CallState::Establishing);
}

#[test]
fn no_unreliable_early_media_when_100rel_is_required() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let mut invite = request_with_sdp(Method::Invite, OFFER_A);
    invite.headers.require = vec!["100rel".into()];
    bob.handle_request(invite, now).unwrap();
    assert!(matches!(
        bob.accept_early_media(now),
        Err(CallError::InvalidState {
            operation: "accept_early_media",
            state: CallState::Incoming
        })
    ));
    assert!(drain(&mut bob).is_empty());
    bob.accept(now).unwrap();
    assert_eq!(only_response(drain(&mut bob)).status, 200);
}
