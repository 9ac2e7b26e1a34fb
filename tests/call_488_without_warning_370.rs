//! `manual::answer_status`: a 488 without Warning 370 → NotAcceptable: Bob's
//! negotiator finds no common codec (488 + Warning 305), or a bare 488.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, Method};
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability};
use sdp_offer_answer::offer_answer::{OfferAnswerFailureReason, SdpAnswerStatus};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::Side;

#[test]
fn no_common_codec_gives_488_305_and_not_acceptable() {
    let g729_only = LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::g729()))
        .build()
        .unwrap();
    let mut p = pair(
        alice_provider(),
        StandardMediaProvider::new(g729_only, 2002),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    assert_eq!(
        ladder(&p)[1],
        "A ← B  488 Not Acceptable Here  Warning: 305 - \"Incompatible media format\""
    );
    assert_eq!(
        p.take_events(Side::B),
        vec![CallEvent::OfferDeclined {
            response: 488,
            reason: OfferAnswerFailureReason::UnsupportedMedia
        }]
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, NotAcceptable, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptable,
            response: Some(488)
        }]
    );
}

#[test]
fn bare_488_is_not_acceptable() {
    let mut alice = call(alice_provider(), 7, "a1");
    let now = std::time::Instant::now();
    alice.establish(CallEstablishOptions::new(), now).unwrap();
    only_request(drain(&mut alice), Method::Invite);
    alice
        .handle_response(invite_response(488, "b9"), now)
        .unwrap();
    assert!(drain(&mut alice).is_empty(), "the transport ACKs a non-2xx");
    assert_eq!(
        log(&mut alice),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b9, NotAcceptable, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptable,
            response: Some(488)
        }]
    );
}
