//! In manual mode an incoming renegotiation waits for the application at
//! most `CallConfig::renegotiation_decision_timeout` (10 s by default,
//! inside the remote's 32 s UPDATE transaction timeout): the deadline is
//! shown by `poll_timeout`, and when it passes the Call dismisses the
//! offer itself (488 without Warning, `DecisionTimeout`); the session stays.

mod call_harness;
mod reneg_harness;

use std::time::Duration;

use reneg_harness::*;
use sdp_offer_answer::call::{CallConfig, RenegotiationFailure};
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason, RenegotiationState};
use sdp_offer_answer::testing::Side;

#[test]
fn an_undecided_renegotiation_is_dismissed_after_the_timeout() {
    assert_eq!(
        CallConfig::default().renegotiation_decision_timeout,
        Duration::from_secs(10)
    );
    let mut p = established();
    let before = session_bytes(&p.a);
    let start = p.now;
    p.b.hold(p.now).unwrap();
    p.run();
    let reneg = started(&p.take_events(Side::A));
    assert_eq!(p.a.poll_timeout(), Some(start + Duration::from_secs(10)));
    // Not yet.
    p.advance(Duration::from_millis(9_990));
    assert!(p.a.incoming_renegotiation().is_some());
    assert!(p.take_events(Side::A).is_empty());
    p.advance(Duration::from_millis(10));
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.to_string()).collect();
    assert_eq!(
        ladder.last().map(String::as_str),
        Some("A → B  488 Not Acceptable Here")
    );
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!(done.operation_id(), reneg.operation_id());
    assert_eq!(
        done.state(),
        RenegotiationState::Dismissed(ReNegotiationDeclineReason::Unknown)
    );
    assert_eq!(
        result,
        Err(RenegotiationFailure::DecisionTimeout { response: 488 })
    );
    assert_eq!(session_bytes(&p.a), before);
    assert_eq!(p.a.poll_timeout(), None);
    // Bob's renegotiation failed; both still agree.
    assert_eq!(
        outline(&p.take_events(Side::B)),
        [
            "started Outgoing",
            "completed Outgoing Err(Failed { status: NotAcceptable, response: Some(488) })"
        ]
    );
    assert_sessions_agree(&p);
}
