//! UCMA semantics (issue 11, item 7): `SdpAnswerStatus` holds what
//! Microsoft documents (Provisional, Final, UnsupportedMediaCanRetry,
//! UnsupportedMediaCannotRetry, RequestPending, NotAcceptable,
//! NotAcceptableLocally, NotAcceptableDueToBandwidthPolicy) and the
//! crate's `Failure`; there is no `RemoteRejectedNegotiation`. A rejected
//! renegotiation is told `NotAcceptable` ("any error ... not mapped to
//! UnsupportedMedia or RequestPending"), and the session stays.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{RenegotiationFailure, SipResponse};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;
use sdp_offer_answer::testing::Side;

#[test]
fn the_statuses_are_ucmas() {
    let names: Vec<&str> = SdpAnswerStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "Provisional",
            "Final",
            "UnsupportedMediaCanRetry",
            "UnsupportedMediaCannotRetry",
            "RequestPending",
            "NotAcceptable",
            "NotAcceptableLocally",
            "NotAcceptableDueToBandwidthPolicy",
            "Failure",
        ]
    );
}

#[test]
fn a_rejected_renegotiation_is_not_acceptable() {
    let mut p = established();
    let before = session_bytes(&p.a);
    p.a.begin_renegotiation(p.now).unwrap();
    assert_eq!(p.pump(), 1);
    p.drop_next(Side::A);
    log(&mut p.a);
    p.inject_response(
        Side::A,
        SipResponse::new(488, sdp_offer_answer::call::Method::Invite),
    );
    let (_, result) = completed(&p.take_events(Side::A));
    assert_eq!(
        result,
        Err(RenegotiationFailure::Failed {
            status: SdpAnswerStatus::NotAcceptable,
            response: Some(488)
        })
    );
    assert_eq!(
        log(&mut p.a),
        ["set_answer(OutgoingRenegotiation, dialog=b1, NotAcceptable, answer=None)"]
    );
    assert_eq!(session_bytes(&p.a), before);
}
