//! Regression (issue 11, fault 1): Alice offers IPv6 (preferred) with an
//! IPv4 alternative as `multipart/alternative`; Bob, IPv4 only, answers
//! the IPv4 one. Alice's later unchanged re-INVITE repeats that SDP's `o=`
//! version (RFC 3264 §8): it is a refresh, answered at once with Bob's
//! current SDP, exactly as after a single-SDP offer — the application is
//! not asked. (The Call used to remember the `o=` of the *last*
//! alternative, the IPv6 one, and showed Bob a renegotiation to decide.)

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallEstablishOptions, CallState, Method, RenegotiationAnswer, RenegotiationMode, SipRequest,
};
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability};
use sdp_offer_answer::provider::StandardMediaProvider;
use sdp_offer_answer::testing::{BackToBack, Side};

/// Alice (IPv6 preferred, IPv4 alternative) and Bob (IPv4) established,
/// with `mode` on Bob's side; events, ladder and logs cleared.
fn established_over_alternatives(mode: RenegotiationMode) -> Pair {
    let alice = StandardMediaProvider::new(ipv6_caps(), 1001)
        .with_alternative(audio_caps("192.0.2.10", 20000));
    let mut p = BackToBack::new(
        call_with(alice, 7, "a1", RenegotiationMode::Manual),
        call_with(bob_provider(), 8, "b1", mode),
        std::time::Instant::now(),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    p.take_events(Side::A);
    p.take_events(Side::B);
    p.take_ladder();
    log(&mut p.a);
    log(&mut p.b);
    p
}

/// An INVITE whose body is `multipart/alternative` of `sdps`.
fn alternatives_invite(sdps: &[&str]) -> SipRequest {
    let mut body = String::new();
    for sdp in sdps {
        body.push_str("--alt\r\nContent-Type: application/sdp\r\n\r\n");
        body.push_str(sdp);
        body.push_str("\r\n");
    }
    body.push_str("--alt--\r\n");
    SipRequest::new(Method::Invite).with_body("multipart/alternative;boundary=alt", body)
}

fn ipv6_caps() -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv6("2001:db8::10".parse().unwrap())
        .media(
            MediaCapability::audio(20000)
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .telephone_event(8000)
                .ptime_ms(20),
        )
        .build()
        .unwrap()
}

#[test]
fn an_unchanged_reinvite_after_alternatives_is_a_refresh() {
    let alice = StandardMediaProvider::new(ipv6_caps(), 1001)
        .with_alternative(audio_caps("192.0.2.10", 20000));
    let mut p = BackToBack::new(
        call_with(alice, 7, "a1", RenegotiationMode::Manual),
        call_with(bob_provider(), 8, "b1", RenegotiationMode::Manual),
        std::time::Instant::now(),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    assert_eq!(
        ladder(&p),
        [
            "A → B  INVITE  Content-Type: multipart/alternative;boundary=B  \
             Accept: application/sdp, multipart/mixed, multipart/alternative  \
             [application/sdp (IP4 audio:20000), application/sdp (IP6 audio:20000)]",
            "A ← B  200 OK  Content-Type: application/sdp  [application/sdp (IP4 audio:4000)]",
            "A → B  ACK",
        ]
    );
    assert_eq!(
        (p.a.state(), p.b.state()),
        (CallState::Established, CallState::Established)
    );
    p.take_events(Side::A);
    p.take_events(Side::B);
    p.take_ladder();
    log(&mut p.a);
    log(&mut p.b);
    let (a_before, b_before) = (session_bytes(&p.a), session_bytes(&p.b));
    assert!(
        b_before.1.contains("IN IP4 192.0.2.10"),
        "Bob took the IPv4 SDP"
    );

    // Alice renegotiates without changing anything.
    p.a.begin_renegotiation(p.now).unwrap();
    p.run();
    let lines: Vec<String> = p.take_ladder().iter().map(|e| e.first_line()).collect();
    assert_eq!(lines, ["A → B  INVITE", "A ← B  200 OK", "A → B  ACK"]);
    assert!(
        p.take_events(Side::B).is_empty(),
        "Bob's application was not asked"
    );
    assert_eq!(
        log(&mut p.b),
        ["get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)"]
    );
    assert_eq!(
        outline(&p.take_events(Side::A)),
        ["started Outgoing", "completed Outgoing Ok"]
    );
    assert_eq!(session_bytes(&p.a), a_before);
    assert_eq!(session_bytes(&p.b), b_before);
}

#[test]
fn alternatives_repeating_the_session_are_a_refresh() {
    // Alice's UA sends its original two alternatives again, unchanged:
    // one of them is Bob's current remote SDP, so nothing changes.
    let mut p = established_over_alternatives(RenegotiationMode::Manual);
    let (bob_local, bob_remote) = session_bytes(&p.b);
    let ipv6 = bob_remote.replace("IN IP4 192.0.2.10", "IN IP6 2001:db8::10");
    p.b.handle_request(alternatives_invite(&[&bob_remote, &ipv6]), p.now)
        .unwrap();
    let ok = only_response(drain(&mut p.b));
    assert_eq!((ok.status, ok.method), (200, Method::Invite));
    assert_eq!(String::from_utf8(ok.body).unwrap(), bob_local);
    assert!(p.take_events(Side::B).is_empty(), "no renegotiation");
    assert_eq!(
        log(&mut p.b),
        ["get_answer(IncomingRenegotiation, dialog=b1, offer=2 SDP)"]
    );
}

#[test]
fn a_renegotiation_of_alternatives_records_the_one_answered() {
    // Changed alternatives: a renegotiation; Bob's provider answers the
    // IPv4 one (it takes no IPv6), and the completed renegotiation's
    // media_offer is that SDP, not the last (preferred) alternative.
    let mut p = established_over_alternatives(RenegotiationMode::Manual);
    let (_, bob_remote) = session_bytes(&p.b);
    let ipv4 = bump_version(&bob_remote);
    let ipv6 = ipv4.replace("IN IP4 192.0.2.10", "IN IP6 2001:db8::10");
    p.b.handle_request(alternatives_invite(&[&ipv4, &ipv6]), p.now)
        .unwrap();
    let events = p.take_events(Side::B);
    let pending = started(&events);
    assert_eq!(
        pending.media_offer(),
        ipv6.as_bytes(),
        "the preferred one, until answered"
    );
    p.b.answer_renegotiation(pending.operation_id(), RenegotiationAnswer::Provider, p.now)
        .unwrap();
    assert_eq!(only_response(drain(&mut p.b)).status, 200);
    let (done, result) = completed(&p.take_events(Side::B));
    assert_eq!(result, Ok(()));
    assert_eq!(done.media_offer(), ipv4.as_bytes());
    assert_eq!(session_bytes(&p.b).1, ipv4);
}
