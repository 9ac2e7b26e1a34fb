//! A re-offer with the same `o=` version as the remote's current SDP
//! changes nothing (RFC 3264 §8; a session refresh, e.g. RFC 4028): it is
//! answered at once with our current SDP, byte for byte, without a
//! `Renegotiation` (the application is not asked, even in manual mode), and
//! the session stays as it was. Between two Calls, a renegotiation whose
//! offer did not change is such a refresh.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{Method, RenegotiationMode, SipRequest};
use sdp_offer_answer::testing::Side;

#[test]
fn same_version_reoffers_are_answered_from_the_current_session() {
    for mode in [RenegotiationMode::Manual, RenegotiationMode::Automatic] {
        let mut p = established_with(alice_provider(), bob_provider(), mode);
        let (alice_sdp, bob_sdp) = session_bytes(&p.a);
        let before = p.a.provider().inner().negotiated_session().cloned();
        for method in [Method::Invite, Method::Update] {
            p.a.handle_request(request_with_sdp(method.clone(), bob_sdp.as_bytes()), p.now)
                .unwrap();
            let ok = only_response(drain(&mut p.a));
            assert_eq!((ok.status, ok.method.clone()), (200, method.clone()));
            assert_eq!(String::from_utf8(ok.body).unwrap(), alice_sdp, "{mode:?}");
            if method == Method::Invite {
                p.a.handle_request(SipRequest::new(Method::Ack), p.now)
                    .unwrap();
            }
            assert!(p.take_events(Side::A).is_empty(), "{mode:?} {method}");
            assert!(p.a.last_renegotiation().is_none());
        }
        assert_eq!(session_bytes(&p.a), (alice_sdp.clone(), bob_sdp.clone()));
        assert_eq!(p.a.provider().inner().negotiated_session().cloned(), before);
        assert_eq!(
            log(&mut p.a),
            [
                "get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
                "get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
            ]
        );
        // A changed version is a renegotiation (the application decides
        // in manual mode).
        let changed = bump_version(&bob_sdp);
        p.a.handle_request(request_with_sdp(Method::Update, changed.as_bytes()), p.now)
            .unwrap();
        let events = p.take_events(Side::A);
        assert_eq!(started(&events).media_offer(), changed.as_bytes());
    }
}

#[test]
fn an_unchanged_renegotiation_between_calls_is_a_refresh() {
    let mut p = established();
    let (a_before, b_before) = (session_bytes(&p.a), session_bytes(&p.b));
    p.b.begin_renegotiation(p.now).unwrap();
    p.run();
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(ladder, ["A ← B  INVITE", "A → B  200 OK", "A ← B  ACK"]);
    assert!(p.take_events(Side::A).is_empty(), "Alice was not asked");
    assert_eq!(
        outline(&p.take_events(Side::B)),
        ["started Outgoing", "completed Outgoing Ok"]
    );
    assert_eq!(session_bytes(&p.a), a_before);
    assert_eq!(session_bytes(&p.b), b_before);
}
