//! The application answers an incoming renegotiation with its own SDP
//! (UCWA `answer` with the application's media answer): the provider checks
//! it against the offer (RFC 3264 §6) and adopts it; a wrong answer is a
//! typed error, nothing is sent and the renegotiation stays pending, so the
//! application can still answer with the provider or dismiss it.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{CallError, RenegotiationAnswer};
use sdp_offer_answer::sdp::Direction;
use sdp_offer_answer::testing::Side;

#[test]
fn an_application_answer_is_checked_and_adopted() {
    let mut p = established();
    p.b.hold(p.now).unwrap();
    p.run();
    let reneg = started(&p.take_events(Side::A));
    let (alice_sdp, _) = session_bytes(&p.a);
    // Wrong: answers sendonly with sendonly (RFC 3264 §6.1 wants recvonly
    // or inactive).
    let wrong = bump_version(&alice_sdp).replace("a=sendrecv", "a=sendonly");
    let err =
        p.a.answer_renegotiation(
            reneg.operation_id(),
            RenegotiationAnswer::Sdp(wrong.into_bytes()),
            p.now,
        )
        .unwrap_err();
    assert!(matches!(err, CallError::Provider(_)), "{err}");
    assert!(p.a.poll_transmit().is_none());
    assert!(p.a.incoming_renegotiation().is_some(), "still pending");
    // Right: inactive (we stop sending too).
    let mine = bump_version(&alice_sdp).replace("a=sendrecv", "a=inactive");
    p.a.answer_renegotiation(
        reneg.operation_id(),
        RenegotiationAnswer::Sdp(mine.clone().into_bytes()),
        p.now,
    )
    .unwrap();
    p.run();
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!(result, Ok(()));
    assert_eq!(done.media_answer(), Some(mine.as_bytes()));
    assert_eq!(
        log(&mut p.a),
        [
            "set_local_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP) -> Err",
            "set_local_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
        ]
    );
    assert_eq!(session_bytes(&p.a).0, mine);
    assert_eq!(direction(&p.a, 0), Direction::empty());
    assert_sessions_agree(&p);
}
