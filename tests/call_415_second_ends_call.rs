//! Step 3 of `manual::retry_415`: after the optional part is dropped, a second 415
//! leaves nothing new to offer (one SDP, no custom part): the provider is
//! told UnsupportedMediaCanRetry, its new offer equals the refused one so it
//! is not sent, and the call fails with UnsupportedMediaCannotRetry.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, UnsupportedMediaRetry};
use sdp_offer_answer::testing::Side;

#[test]
fn second_415_cannot_retry() {
    // Bob takes no body type we can send.
    let bob = bob_provider().with_supported_content_types(vec!["text/plain".parse().unwrap()]);
    let mut p = pair(alice_provider(), bob);
    let options = CallEstablishOptions::new().with_custom_mime_part(optional_custom());
    p.a.establish(options, p.now).unwrap();
    p.run();
    let lines: Vec<String> = p.ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(
        lines,
        vec![
            "A → B  INVITE",
            "A ← B  415 Unsupported Media Type",
            "A → B  INVITE",
            "A ← B  415 Unsupported Media Type",
        ]
    );
    assert_eq!(
        p.ladder()[1].transmit.headers().accept.as_deref(),
        Some("text/plain")
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCanRetry, answer=None)",
            "get_offer(OutgoingCallEstablishment, last_sent=1 SDP)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, UnsupportedMediaCannotRetry, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![
            CallEvent::RetryingAfterUnsupportedMedia {
                branch: UnsupportedMediaRetry::WithoutOptionalParts
            },
            CallEvent::Failed {
                status:
                    sdp_offer_answer::offer_answer::SdpAnswerStatus::UnsupportedMediaCannotRetry,
                response: Some(415)
            },
        ]
    );
    assert_eq!(p.a.state(), CallState::Terminated);
    assert!(p.a.provider().inner().negotiated_session().is_none());
}
