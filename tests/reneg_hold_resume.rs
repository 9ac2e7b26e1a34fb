//! Hold and resume as renegotiations (RFC 3264 §8.4): Alice holds Bob
//! (`Call::hold`: the provider's hold, then a re-INVITE with `sendonly`),
//! Bob's application answers with the provider (`recvonly`); Alice resumes
//! (`sendrecv` again); then Bob holds Alice and Alice answers `recvonly`.
//! Both sides agree on the session after each step.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{Method, RenegotiationAnswer, Transmit};
use sdp_offer_answer::renegotiation::{RenegotiationDirection, RenegotiationState};
use sdp_offer_answer::sdp::Direction;
use sdp_offer_answer::testing::Side;

fn sendrecv() -> Direction {
    Direction::SEND | Direction::RECV
}

/// `holder` holds (or resumes) the other side, whose application answers
/// with its provider; returns the offer and answer bodies.
fn renegotiate(p: &mut Pair, holder: Side, hold: bool) -> (String, String) {
    let now = p.now;
    let op = match (holder, hold) {
        (Side::A, true) => p.a.hold(now),
        (Side::A, false) => p.a.resume(now),
        (Side::B, true) => p.b.hold(now),
        (Side::B, false) => p.b.resume(now),
    }
    .unwrap();
    p.run();
    let other = match holder {
        Side::A => Side::B,
        Side::B => Side::A,
    };
    let incoming = started(&p.take_events(other));
    assert_eq!(incoming.direction(), RenegotiationDirection::Incoming);
    assert_eq!(incoming.state(), RenegotiationState::Pending);
    let answerer = match other {
        Side::A => &mut p.a,
        Side::B => &mut p.b,
    };
    answerer
        .answer_renegotiation(incoming.operation_id(), RenegotiationAnswer::Provider, now)
        .unwrap();
    p.run();
    let (ours, result) = completed(&p.take_events(holder));
    assert_eq!(result, Ok(()));
    let (theirs, result) = completed(&p.take_events(other));
    assert_eq!(
        (theirs.operation_id(), result),
        (incoming.operation_id(), Ok(()))
    );
    // The answerer's answer is the offerer's media answer.
    assert_eq!(theirs.media_answer(), ours.media_answer());
    assert_eq!(ours.operation_id(), op);
    assert_eq!(ours.state(), RenegotiationState::Answered);
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.first_line()).collect();
    let (to, from) = match holder {
        Side::A => ("A → B", "A ← B"),
        Side::B => ("A ← B", "A → B"),
    };
    assert_eq!(
        ladder,
        [
            format!("{to}  INVITE"),
            format!("{from}  200 OK"),
            format!("{to}  ACK")
        ]
    );
    assert_sessions_agree(p);
    (
        String::from_utf8(ours.media_offer().to_vec()).unwrap(),
        String::from_utf8(ours.media_answer().unwrap().to_vec()).unwrap(),
    )
}

#[test]
fn hold_and_resume_both_ways() {
    let mut p = established();
    assert_eq!(direction(&p.a, 0), sendrecv());

    let (offer, answer) = renegotiate(&mut p, Side::A, true);
    assert!(offer.contains("a=sendonly"), "{offer}");
    assert!(answer.contains("a=recvonly"), "{answer}");
    assert_eq!(direction(&p.a, 0), Direction::SEND);
    assert_eq!(direction(&p.b, 0), Direction::RECV);
    assert_eq!(
        log(&mut p.a),
        [
            "set_hold(OutgoingRenegotiation, dialog=b1, hold)",
            "get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)",
            "set_answer(OutgoingRenegotiation, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert_eq!(
        log(&mut p.b),
        ["get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)"]
    );

    let (offer, answer) = renegotiate(&mut p, Side::A, false);
    assert!(offer.contains("a=sendrecv"), "{offer}");
    assert!(answer.contains("a=sendrecv"), "{answer}");
    assert_eq!(direction(&p.a, 0), sendrecv());

    // Bob holds Alice: Alice (manual) answers recvonly.
    let (offer, answer) = renegotiate(&mut p, Side::B, true);
    assert!(offer.contains("a=sendonly"), "{offer}");
    assert!(answer.contains("a=recvonly"), "{answer}");
    assert_eq!(direction(&p.a, 0), Direction::RECV);
    let (_, answer) = renegotiate(&mut p, Side::B, false);
    assert!(answer.contains("a=sendrecv"), "{answer}");
    assert_eq!(direction(&p.a, 0), sendrecv());
    assert!(p.errors().is_empty(), "{:?}", p.errors());
}

#[test]
fn the_reinvite_is_addressed_in_the_dialog() {
    let mut p = established();
    p.a.hold(p.now).unwrap();
    let reinvite = only_request(drain(&mut p.a), Method::Invite);
    // Alice sent the initial INVITE: her requests carry Bob's tag.
    assert_eq!(reinvite.headers.to_tag.as_deref(), Some("b1"));
    assert_eq!(
        reinvite.headers.content_type.as_deref(),
        Some("application/sdp")
    );
    // Bob was called: the transport knows his single dialog.
    p.b.hold(p.now).unwrap();
    match drain(&mut p.b).as_slice() {
        [Transmit::Request(r)] => assert_eq!(r.headers.to_tag, None),
        other => panic!("{other:?}"),
    }
}
