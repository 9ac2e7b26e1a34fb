//! The remote's renegotiation ends without a decision: a CANCEL of the
//! re-INVITE gets 200 and the re-INVITE 487 (RFC 3261 §9.2; the session
//! stays), and a BYE ends the call with 487 to the pending re-INVITE (RFC
//! 3261 §15.1.2) and both renegotiations completed with `CallEnded` — ours
//! also closed at the provider with `Failure`.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallEvent, CallState, Method, RenegotiationFailure, SipRequest, TerminationCause,
};
use sdp_offer_answer::renegotiation::RenegotiationState;
use sdp_offer_answer::testing::Side;

#[test]
fn a_canceled_reinvite_gets_487() {
    let mut p = established();
    let before = session_bytes(&p.a);
    p.b.hold(p.now).unwrap();
    p.run();
    let reneg = started(&p.take_events(Side::A));
    p.a.handle_request(SipRequest::new(Method::Cancel), p.now)
        .unwrap();
    let statuses: Vec<(u16, Method)> = drain(&mut p.a)
        .into_iter()
        .filter_map(|t| t.as_response().map(|r| (r.status, r.method.clone())))
        .collect();
    assert_eq!(statuses, [(200, Method::Cancel), (487, Method::Invite)]);
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!(done.operation_id(), reneg.operation_id());
    assert_eq!(done.state(), RenegotiationState::Failed);
    assert_eq!(result, Err(RenegotiationFailure::Canceled));
    assert_eq!(session_bytes(&p.a), before);
    assert_eq!(p.a.state(), CallState::Established);
    // With nothing pending, a CANCEL changes nothing.
    p.a.handle_request(SipRequest::new(Method::Cancel), p.now)
        .unwrap();
    assert!(p.take_events(Side::A).is_empty());
}

#[test]
fn a_bye_ends_both_renegotiations() {
    let mut p = established();
    p.b.hold(p.now).unwrap();
    p.run();
    let theirs = started(&p.take_events(Side::A));
    let ours = p.a.begin_renegotiation(p.now).unwrap(); // queued
    p.a.handle_request(SipRequest::new(Method::Bye), p.now)
        .unwrap();
    let statuses: Vec<(u16, Method)> = drain(&mut p.a)
        .into_iter()
        .filter_map(|t| t.as_response().map(|r| (r.status, r.method.clone())))
        .collect();
    assert_eq!(statuses, [(200, Method::Bye), (487, Method::Invite)]);
    let events = p.take_events(Side::A);
    let ended: Vec<(String, Result<(), RenegotiationFailure>)> = events
        .iter()
        .filter_map(|e| match e {
            CallEvent::RenegotiationCompleted {
                renegotiation,
                result,
            } => Some((renegotiation.operation_id().to_owned(), *result)),
            _ => None,
        })
        .collect();
    assert_eq!(
        ended,
        [
            (
                theirs.operation_id().to_owned(),
                Err(RenegotiationFailure::CallEnded)
            ),
            (ours, Err(RenegotiationFailure::CallEnded)),
        ]
    );
    assert_eq!(
        events.last(),
        Some(&CallEvent::Terminated {
            cause: TerminationCause::RemoteBye
        })
    );
    assert_eq!(p.a.poll_timeout(), None);
}

#[test]
fn terminate_closes_our_pending_offer() {
    let mut p = established();
    p.a.begin_renegotiation(p.now).unwrap();
    p.pump(); // in flight
    p.a.terminate(p.now).unwrap();
    let (_, result) = completed(&p.take_events(Side::A));
    assert_eq!(result, Err(RenegotiationFailure::CallEnded));
    let log = log(&mut p.a);
    assert_eq!(
        log[1..3],
        [
            "set_answer(OutgoingRenegotiation, dialog=b1, Failure, answer=None)",
            "terminate_media(OutgoingCallEstablishment, dialog=b1)",
        ]
    );
    // The re-INVITE crossing the BYE is answered 481 by Bob... or a 2xx
    // that still arrives is ACKed.
    p.inject_response(Side::A, invite_response(200, "b1"));
    let acks = drain(&mut p.a);
    assert!(
        acks.iter()
            .any(|t| t.as_request().is_some_and(|r| r.method == Method::Ack))
    );
}
