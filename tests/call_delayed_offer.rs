//! Delayed offer both ways: Alice uses third-party call control (INVITE
//! without offer; she answers the 2xx's offer in the ACK), Bob gets an
//! INVITE without offer (his offer goes in the 200, the ACK's answer is his
//! Final answer).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState};
use sdp_offer_answer::testing::Side;

#[test]
fn offer_in_200_answer_in_ack() {
    let mut p = pair(alice_provider(), bob_provider());
    p.a.establish(
        CallEstablishOptions::new().with_third_party_call_control(true),
        p.now,
    )
    .unwrap();
    p.run();
    assert_eq!(
        p.take_events(Side::B),
        vec![CallEvent::IncomingCall { has_offer: false }]
    );
    p.b.accept(p.now).unwrap();
    p.run();
    assert_eq!(
        ladder(&p),
        vec![
            "A → B  INVITE  Accept: application/sdp, multipart/mixed, multipart/alternative",
            "A ← B  200 OK  Content-Type: application/sdp  [application/sdp (IP4 audio:4000)]",
            "A → B  ACK  Content-Type: application/sdp  [application/sdp (IP4 audio:20000)]",
        ]
    );
    assert_eq!(
        log(&mut p.a),
        vec!["get_answer(OutgoingCallEstablishment, dialog=b1, offer=1 SDP)"]
    );
    assert_eq!(
        log(&mut p.b),
        vec![
            "get_offer(IncomingCallEstablishment, dialog=b1)",
            "set_answer(IncomingCallEstablishment, dialog=b1, Final, answer=SDP)",
        ]
    );
    assert_eq!(
        p.take_events(Side::A),
        vec![CallEvent::Established {
            dialog_id: "b1".into()
        }]
    );
    assert_eq!(
        p.take_events(Side::B),
        vec![CallEvent::Established {
            dialog_id: "b1".into()
        }]
    );
    assert_eq!(
        (p.a.state(), p.b.state()),
        (CallState::Established, CallState::Established)
    );
    let a = p.a.provider().inner().negotiated_session().unwrap();
    let b = p.b.provider().inner().negotiated_session().unwrap();
    assert_eq!(a.streams[0].remote_rtp.as_ref().unwrap().port, 4000);
    assert_eq!(b.streams[0].remote_rtp.as_ref().unwrap().port, 20000);
    assert!(
        p.b.poll_timeout().is_none(),
        "the ACK stopped the ACK timer"
    );
}
