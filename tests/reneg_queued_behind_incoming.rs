//! UCMA's rule: a renegotiation of ours requested while the remote's is in
//! progress is queued behind it, not sent. Bob holds Alice; before Alice's
//! application decides, it asks for a renegotiation of its own (adding
//! nothing: a hold of Bob); only when Bob's exchange has ended (answered,
//! and its ACK received) does Alice's re-INVITE go, asking the provider for
//! its offer then.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::RenegotiationAnswer;
use sdp_offer_answer::renegotiation::{RenegotiationDirection, RenegotiationState};
use sdp_offer_answer::sdp::Direction;
use sdp_offer_answer::testing::Side;

#[test]
fn ours_waits_for_the_remotes_to_end() {
    let mut p = established();
    p.b.hold(p.now).unwrap();
    p.pump();
    assert!(p.deliver_next(Side::B)); // Bob's re-INVITE reaches Alice
    let theirs = started(&p.take_events(Side::A));
    let ours = p.a.hold(p.now).unwrap();
    assert!(drain(&mut p.a).is_empty(), "queued, not sent");
    let queued = p.a.outgoing_renegotiation().unwrap();
    assert_eq!(queued.operation_id(), ours);
    assert_eq!(queued.direction(), RenegotiationDirection::Outgoing);
    assert_eq!(queued.state(), RenegotiationState::Pending);
    assert!(queued.media_offer().is_empty(), "no offer made yet");
    // The remote's is the current one.
    assert_eq!(
        p.a.renegotiation().map(|r| r.operation_id()),
        Some(theirs.operation_id())
    );
    assert_eq!(
        log(&mut p.a),
        ["set_hold(OutgoingRenegotiation, dialog=b1, hold)"]
    );

    p.a.answer_renegotiation(theirs.operation_id(), RenegotiationAnswer::Provider, p.now)
        .unwrap();
    // The 200 goes; ours still waits for Bob's ACK (RFC 3261 §14.1).
    assert_eq!(p.pump(), 1);
    assert_eq!(
        p.peek_next(Side::A)
            .and_then(|t| t.as_response())
            .map(|r| r.status),
        Some(200)
    );
    assert!(p.take_events(Side::A).iter().all(|e| {
        !outline(std::slice::from_ref(e))
            .iter()
            .any(|l| l == "started Outgoing")
    }));
    p.run(); // 200 → Bob, ACK → Alice, then Alice's re-INVITE and the rest
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(
        ladder,
        [
            "A ← B  INVITE",
            "A → B  200 OK",
            "A ← B  ACK",
            "A → B  INVITE",
        ]
    );
    let a_events = p.take_events(Side::A);
    assert_eq!(outline(&a_events), ["started Outgoing"]);
    assert_eq!(started(&a_events).operation_id(), ours);
    assert_eq!(
        log(&mut p.a),
        [
            "get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
            "get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)",
        ]
    );
    // Bob's application answers; both hold each other now.
    let (a_events, _) = settle(&mut p, 4);
    assert_eq!(outline(&a_events), ["completed Outgoing Ok"]);
    assert_sessions_agree(&p);
    assert_eq!(direction(&p.a, 0), Direction::empty());
}
