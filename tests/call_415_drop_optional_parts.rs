//! Step 1 of `manual::retry_415`: one SDP plus an optional custom part; the callee
//! takes only `application/sdp` and answers 415 with Accept; the same offer
//! goes again without the custom part; 200; ACK.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallEstablishOptions, CallEvent, CallState, TerminationCause, UnsupportedMediaRetry,
};
use sdp_offer_answer::offer_answer::OfferAnswerFailureReason;
use sdp_offer_answer::testing::Side;

const ACCEPT: &str = "Accept: application/sdp, multipart/mixed, multipart/alternative";

#[test]
fn optional_part_dropped_then_established() {
    let mut p = pair(alice_provider(), sdp_only(bob_provider()));
    let options = CallEstablishOptions::new().with_custom_mime_part(optional_custom());
    p.a.establish(options, p.now).unwrap();
    p.run();
    assert_eq!(
        p.take_events(Side::B),
        vec![
            CallEvent::OfferDeclined {
                response: 415,
                reason: OfferAnswerFailureReason::UnsupportedMedia
            },
            CallEvent::IncomingCall { has_offer: true },
        ]
    );
    p.b.accept(p.now).unwrap();
    p.run();

    assert_eq!(
        ladder(&p),
        vec![
            format!(
                "A → B  INVITE  Content-Type: multipart/mixed;boundary=B  {ACCEPT}  \
                 [application/sdp (IP4 audio:20000), application/x-custom (optional)]"
            ),
            "A ← B  415 Unsupported Media Type  Accept: application/sdp".to_owned(),
            format!(
                "A → B  INVITE  Content-Type: application/sdp  {ACCEPT}  \
                 [application/sdp (IP4 audio:20000)]"
            ),
            "A ← B  200 OK  Content-Type: application/sdp  [application/sdp (IP4 audio:4000)]"
                .to_owned(),
            "A → B  ACK".to_owned(),
        ]
    );
    // The same offer, re-sent: the provider made one offer and saw one answer.
    let first = p.ladder()[0].transmit.body().to_vec();
    let second = p.ladder()[2].transmit.body().to_vec();
    let first = String::from_utf8(first).unwrap();
    assert!(first.contains(std::str::from_utf8(&second).unwrap()));
    let final_call = &p.a.provider().calls()[1];
    assert_eq!(
        final_call.context.initial_offer_content_types.to_vec(),
        vec!["application/sdp".parse::<mime::Mime>().unwrap()]
    );
    assert_eq!(
        final_call.context.initial_offer_media_types.to_vec(),
        [sdp_offer_answer::sdp::MediaType::Audio]
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(OutgoingCallEstablishment)",
            "set_answer(OutgoingCallEstablishment, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert_eq!(
        log(&mut p.b),
        vec![
            "set_incoming_call_offer(IncomingCallEstablishment, dialog=b1, offer=1 SDP)",
            "get_answer(IncomingCallEstablishment, dialog=b1, offer=1 SDP)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![
            CallEvent::RetryingAfterUnsupportedMedia {
                branch: UnsupportedMediaRetry::WithoutOptionalParts
            },
            CallEvent::Established {
                dialog_id: "b1".into()
            },
        ]
    );
    assert_eq!(
        p.take_events(Side::B),
        vec![CallEvent::Established {
            dialog_id: "b1".into()
        }]
    );
    assert_eq!(p.a.state(), CallState::Established);
    assert_eq!(p.b.state(), CallState::Established);
    assert!(p.a.provider().inner().negotiated_session().is_some());
    assert!(p.errors().is_empty());

    // And hang up.
    p.a.terminate(p.now).unwrap();
    p.run();
    assert_eq!(
        p.take_events(Side::B),
        vec![CallEvent::Terminated {
            cause: TerminationCause::RemoteBye
        }]
    );
    assert_eq!(p.b.state(), CallState::Terminated);
    assert_eq!(
        log(&mut p.a),
        vec!["terminate_media(OutgoingCallEstablishment, dialog=b1)"]
    );
}
