//! `max_retries = 0`: the first 415 ends the call with
//! UnsupportedMediaCannotRetry (step 3 of `manual::retry_415`), nothing re-sent.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, Method, PeerNoise};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;

#[test]
fn first_415_fails_when_retries_are_off() {
    let mut alice = call(alice_provider(), 7, "a1");
    let options = CallEstablishOptions::new()
        .with_custom_mime_part(optional_custom())
        .with_max_retries(0);
    let now = std::time::Instant::now();
    alice.establish(options, now).unwrap();
    only_request(drain(&mut alice), Method::Invite);
    let mut refusal = invite_response(415, "b1");
    refusal.headers.accept = Some("application/sdp".into());
    alice.handle_response(refusal, now).unwrap();
    assert!(drain(&mut alice).is_empty());
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::UnsupportedMediaCannotRetry,
            response: Some(415)
        }]
    );
    assert_eq!(
        log(&mut alice),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCannotRetry, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(alice.state(), CallState::Terminated);
    // Late 415s change nothing and never make the Call send: each is
    // discarded as noise.
    for _ in 0..10 {
        alice
            .handle_response(invite_response(415, "b1"), now)
            .unwrap();
        assert_eq!(
            events(&mut alice),
            [CallEvent::Discarded {
                noise: PeerNoise::UnmatchedResponse {
                    status: 415,
                    method: Method::Invite
                }
            }]
        );
    }
    assert!(drain(&mut alice).is_empty());
    assert_eq!(alice.state(), CallState::Terminated);
}
