//! Peer noise is not an error (issue 11): a retransmitted initial INVITE,
//! a retransmitted final response, a response to an INVITE we never sent
//! and a response while idle are discarded with `CallEvent::Discarded`,
//! `Ok`, nothing sent and nothing changed; the application's misuse stays
//! an error.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallError, CallEstablishOptions, CallEvent, CallState, Method, PeerNoise, SipRequest,
};

fn discarded(noise: PeerNoise) -> Vec<CallEvent> {
    vec![CallEvent::Discarded { noise }]
}

#[test]
fn a_retransmitted_initial_invite_gets_nothing() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let invite = request_with_sdp(Method::Invite, OFFER_A);
    bob.handle_request(invite.clone(), now).unwrap();
    assert_eq!(
        events(&mut bob),
        [CallEvent::IncomingCall { has_offer: true }]
    );
    log(&mut bob);
    // Before the application decides...
    assert_eq!(bob.handle_request(invite.clone(), now), Ok(()));
    assert_eq!(events(&mut bob), discarded(PeerNoise::RetransmittedInvite));
    assert!(drain(&mut bob).is_empty(), "no 500: it is the same INVITE");
    assert!(log(&mut bob).is_empty(), "the provider is not asked again");
    assert_eq!(bob.state(), CallState::Incoming);
    // ...and after the 200, before its ACK.
    bob.accept(now).unwrap();
    assert_eq!(only_response(drain(&mut bob)).status, 200);
    assert_eq!(bob.handle_request(invite, now), Ok(()));
    assert_eq!(events(&mut bob), discarded(PeerNoise::RetransmittedInvite));
    assert!(drain(&mut bob).is_empty());
    assert_eq!(bob.state(), CallState::Establishing);
    // A re-INVITE in the dialog before the ACK (it has a To-tag) is not a
    // retransmission: 500 with Retry-After (RFC 3261 §14.2).
    let reinvite = request_with_sdp(Method::Invite, OFFER_A).with_headers({
        let mut h = tagged("b1");
        h.content_type = Some("application/sdp".to_owned());
        h
    });
    bob.handle_request(reinvite, now).unwrap();
    let response = only_response(drain(&mut bob));
    assert_eq!(response.status, 500);
    assert!(response.headers.retry_after.is_some());
    bob.handle_request(SipRequest::new(Method::Ack).with_headers(tagged("b1")), now)
        .unwrap();
    assert_eq!(bob.state(), CallState::Established);
}

#[test]
fn stray_and_retransmitted_responses_are_discarded() {
    let now = std::time::Instant::now();
    // Bob was called: a response to an INVITE is for nobody here.
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    events(&mut bob);
    assert_eq!(bob.handle_response(invite_response(180, "x"), now), Ok(()));
    assert_eq!(
        events(&mut bob),
        discarded(PeerNoise::UnmatchedResponse {
            status: 180,
            method: Method::Invite
        })
    );
    assert!(drain(&mut bob).is_empty());
    assert_eq!(bob.state(), CallState::Incoming);

    // Alice's INVITE got 486: its retransmission changes nothing.
    let mut alice = call(alice_provider(), 7, "a1");
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    drain(&mut alice);
    alice
        .handle_response(invite_response(486, "b1"), now)
        .unwrap();
    assert_eq!(alice.state(), CallState::Terminated);
    events(&mut alice);
    log(&mut alice);
    assert_eq!(
        alice.handle_response(invite_response(486, "b1"), now),
        Ok(())
    );
    assert_eq!(
        events(&mut alice),
        discarded(PeerNoise::UnmatchedResponse {
            status: 486,
            method: Method::Invite
        })
    );
    assert!(drain(&mut alice).is_empty());
    assert!(log(&mut alice).is_empty());

    // The application's misuse is still an error.
    assert_eq!(
        alice.accept(now),
        Err(CallError::InvalidState {
            operation: "accept",
            state: CallState::Terminated
        })
    );
}
