//! `manual::answer_status`: 488 with Warning 370 → NotAcceptableDueToBandwidthPolicy.
//! Bob's provider declines for bandwidth policy; his Call answers 488 with
//! Warning 370 (`manual::decline_responses`); Alice's provider is told so, with no answer.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState};
use sdp_offer_answer::offer_answer::{OfferAnswerError, OfferAnswerFailureReason, SdpAnswerStatus};
use sdp_offer_answer::testing::{ProviderOp, Side};

#[test]
fn bandwidth_488_maps_to_bandwidth_policy() {
    let mut p = pair(alice_provider(), bob_provider());
    p.b.provider_mut().fail_next(
        ProviderOp::SetIncomingCallOffer,
        OfferAnswerError::new(
            OfferAnswerFailureReason::FailDueToBandwidthPolicy,
            "over budget",
        ),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    let lines: Vec<String> = ladder(&p)
        .iter()
        .map(|l| l.split("  Accept").next().unwrap().to_owned())
        .collect();
    assert_eq!(
        lines,
        vec![
            "A → B  INVITE  Content-Type: application/sdp",
            "A ← B  488 Not Acceptable Here  Warning: 370 - \"Insufficient bandwidth\"",
        ]
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, NotAcceptableDueToBandwidthPolicy, answer=None)",
            "terminate_media(OutgoingCallEstablishment)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptableDueToBandwidthPolicy,
            response: Some(488)
        }]
    );
    assert_eq!(
        p.take_events(Side::B),
        vec![CallEvent::OfferDeclined {
            response: 488,
            reason: OfferAnswerFailureReason::FailDueToBandwidthPolicy
        }]
    );
    assert_eq!(
        log(&mut p.b),
        vec![
            "set_incoming_call_offer(IncomingCallEstablishment, dialog=b1, offer=1 SDP) -> Err",
            "terminate_media(IncomingCallEstablishment)",
        ]
    );
    assert_eq!(
        (p.a.state(), p.b.state()),
        (CallState::Terminated, CallState::Terminated)
    );
}
