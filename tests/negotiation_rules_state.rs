//! The offer/answer state machine (RFC 3264 §4; misuse is a typed error): every call
//! in the wrong state is `WrongState` naming the operation and the state,
//! and changes nothing; rollback returns to the last stable session byte
//! for byte; an offer repeating the session's version is answered with our
//! current SDP and changes nothing (RFC 3264 §8); a re-offer with fewer
//! m-lines is `InvalidReOffer`; a malformed offer is `InvalidSdp` (488 +
//! Warning 399).

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiatedSession, NegotiationError,
    NegotiationState, Negotiator, SdpWarning,
};
use sdp_offer_answer::sdp::{Direction, SessionDescription};

use NegotiationState::{LocalOfferPending, RemoteOfferPending, Stable};

fn negotiator() -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .media(MediaCapability::video(5000).codec(Codec::vp8()))
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn remote_offer(version: u64) -> SessionDescription {
    offer_v(
        version,
        &[
            "m=audio 20000 RTP/AVP 0",
            "m=video 30000 RTP/AVP 96",
            "a=rtpmap:96 VP8/90000",
        ],
    )
}

fn remote_answer() -> SessionDescription {
    offer(&[
        "m=audio 20000 RTP/AVP 0",
        "m=video 30000 RTP/AVP 96",
        "a=rtpmap:96 VP8/90000",
    ])
}

/// Everything a caller can observe.
type Snapshot = (
    NegotiationState,
    Option<SessionDescription>,
    Option<SessionDescription>,
    Option<SessionDescription>,
    Option<SessionDescription>,
    Option<NegotiatedSession>,
);

fn snapshot(n: &Negotiator) -> Snapshot {
    (
        n.state(),
        n.pending_offer().cloned(),
        n.pending_answer().cloned(),
        n.local_description().cloned(),
        n.remote_description().cloned(),
        n.negotiated_session().cloned(),
    )
}

fn wrong(operation: &'static str, state: NegotiationState) -> NegotiationError {
    NegotiationError::WrongState { operation, state }
}

fn assert_wrong(
    n: &mut Negotiator,
    call: impl FnOnce(&mut Negotiator) -> NegotiationError,
    operation: &'static str,
) {
    let before = snapshot(n);
    let state = n.state();
    let err = call(n);
    assert_eq!(err, wrong(operation, state));
    assert_eq!(err.sip_decline(), None);
    assert_eq!(
        snapshot(n),
        before,
        "{operation} in {state:?} changed the negotiator"
    );
}

#[test]
fn wrong_state_calls_while_stable() {
    for established in [false, true] {
        let mut n = negotiator();
        if established {
            n.receive_offer(remote_offer(1)).unwrap();
            n.confirm_answer().unwrap();
        }
        assert_wrong(
            &mut n,
            |n| n.receive_answer(remote_answer()).unwrap_err(),
            "receive_answer",
        );
        assert_wrong(
            &mut n,
            |n| n.confirm_answer().unwrap_err(),
            "confirm_answer",
        );
    }
}

#[test]
fn wrong_state_calls_while_local_offer_pending() {
    let mut n = negotiator();
    n.create_offer().unwrap();
    assert_eq!(n.state(), LocalOfferPending);
    assert_wrong(&mut n, |n| n.create_offer().unwrap_err(), "create_offer");
    // An offer while ours is pending is glare (answer 491, RFC 3261 §14.2).
    assert_wrong(
        &mut n,
        |n| n.receive_offer(remote_offer(1)).unwrap_err(),
        "receive_offer",
    );
    assert_wrong(
        &mut n,
        |n| n.confirm_answer().unwrap_err(),
        "confirm_answer",
    );
}

#[test]
fn wrong_state_calls_while_remote_offer_pending() {
    let mut n = negotiator();
    n.receive_offer(remote_offer(1)).unwrap();
    assert_eq!(n.state(), RemoteOfferPending);
    assert_wrong(&mut n, |n| n.create_offer().unwrap_err(), "create_offer");
    assert_wrong(
        &mut n,
        |n| n.receive_offer(remote_offer(2)).unwrap_err(),
        "receive_offer",
    );
    assert_wrong(
        &mut n,
        |n| n.receive_answer(remote_answer()).unwrap_err(),
        "receive_answer",
    );
}

#[test]
fn wrong_state_error_text() {
    assert_eq!(
        wrong("create_offer", LocalOfferPending).to_string(),
        "create_offer is not allowed while LocalOfferPending"
    );
}

/// The happy paths move through the states.
#[test]
fn state_transitions() {
    let mut n = negotiator();
    assert_eq!(n.state(), Stable);
    assert_eq!(n.negotiated_session(), None);
    n.create_offer().unwrap();
    assert_eq!(n.state(), LocalOfferPending);
    assert!(n.pending_offer().is_some());
    n.receive_answer(remote_answer()).unwrap();
    assert_eq!(n.state(), Stable);
    assert_eq!(n.pending_offer(), None);
    n.receive_offer(remote_offer(2)).unwrap();
    assert_eq!(n.state(), RemoteOfferPending);
    assert!(n.pending_answer().is_some());
    n.confirm_answer().unwrap();
    assert_eq!((n.state(), n.pending_answer()), (Stable, None));
}

/// Rolling back our pending offer restores the last stable session byte for byte.
#[test]
fn rollback_of_local_offer_restores_stable_session() {
    let mut n = negotiator();
    n.receive_offer(remote_offer(1)).unwrap();
    n.confirm_answer().unwrap();
    let stable = snapshot(&n);
    let text = n.local_description().unwrap().serialize();
    n.hold();
    n.create_offer().unwrap();
    n.rollback();
    assert_eq!(snapshot(&n), stable);
    assert_eq!(n.local_description().unwrap().serialize(), text);
    // The hold intent survives: the next offer still holds.
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].direction, Direction::SEND);
}

/// Rolling back a pending answer restores the last stable session too.
#[test]
fn rollback_of_remote_offer_restores_stable_session() {
    let mut n = negotiator();
    n.receive_offer(remote_offer(1)).unwrap();
    n.confirm_answer().unwrap();
    let stable = snapshot(&n);
    n.receive_offer(offer_v(
        2,
        &[
            "m=audio 20000 RTP/AVP 0",
            "a=sendonly",
            "m=video 0 RTP/AVP 96",
        ],
    ))
    .unwrap();
    n.rollback();
    assert_eq!(snapshot(&n), stable);
    // Rollback when stable is a no-op.
    n.rollback();
    assert_eq!(snapshot(&n), stable);
}

/// An offer with the session's current version changes nothing: it is
/// answered with our current SDP, byte for byte (RFC 3264 §8), even when
/// its content differs.
#[test]
fn same_version_reoffer_answered_with_current_sdp() {
    let mut n = negotiator();
    n.receive_offer(remote_offer(5)).unwrap();
    let session = n.confirm_answer().unwrap().clone();
    let ours = n.local_description().unwrap().clone();
    let a = n.receive_offer(remote_offer(5)).unwrap().clone();
    assert_eq!(a.serialize(), ours.serialize());
    assert_eq!(n.confirm_answer().unwrap(), &session);
    // Not byte-identical (a peer breaking §8), but our SDP still answers it.
    let a = n
        .receive_offer(offer_v(
            5,
            &[
                "m=audio 20000 RTP/AVP 0 8",
                "a=sendrecv",
                "m=video 30000 RTP/AVP 96",
                "a=rtpmap:96 VP8/90000",
            ],
        ))
        .unwrap()
        .clone();
    assert_eq!(a, ours);
    assert_eq!(n.confirm_answer().unwrap(), &session);
    assert_eq!(n.remote_description(), Some(&remote_offer(5)));
}

/// A same-version offer our current SDP is no valid answer to is answered
/// like any offer: after we offered and the peer re-offers its unchanged
/// answer (roles swapped, RFC 3264 §8), our SDP is our offer, which lists
/// what the peer did not take; likewise a peer that changes its SDP
/// without a new version. Never an invalid answer.
#[test]
fn same_version_offer_our_sdp_cannot_answer_is_answered_afresh() {
    let mut a = negotiator();
    let caps_b = LocalCapabilities::builder()
        .ipv4("192.0.2.6".parse().unwrap())
        .media(MediaCapability::audio(6000).codec(Codec::pcmu()))
        .build()
        .unwrap();
    let mut b = Negotiator::new(caps_b, 2);
    let offer_a = a.create_offer().unwrap().clone();
    assert_eq!(mlines(&offer_a)[1].formats(), ["96"]);
    let answer_b = b.receive_offer(offer_a).unwrap().clone();
    b.confirm_answer().unwrap();
    a.receive_answer(answer_b.clone()).unwrap();
    // B re-offers its unchanged SDP: same content, same version.
    let reoffer_b = b.create_offer().unwrap().clone();
    assert_eq!(reoffer_b, answer_b);
    let answer_a = a.receive_offer(reoffer_b).unwrap().clone();
    // A's offer listed VP8 video, which B rejected: A answers it port 0.
    assert_eq!(
        mlines(&answer_a).iter().map(|m| m.port).collect::<Vec<_>>(),
        [4000, 0]
    );
    assert_eq!(version(&answer_a), 2);
    a.confirm_answer().unwrap();
    let s = b.receive_answer(answer_a).unwrap();
    assert!(s.streams[0].is_active());

    // A peer changing its SDP without a new version (video disabled).
    let mut n = negotiator();
    n.receive_offer(remote_offer(5)).unwrap();
    n.confirm_answer().unwrap();
    let a = n
        .receive_offer(offer_v(
            5,
            &["m=audio 20000 RTP/AVP 0", "m=video 0 RTP/AVP 96"],
        ))
        .unwrap()
        .clone();
    assert_eq!(
        mlines(&a).iter().map(|m| m.port).collect::<Vec<_>>(),
        [4000, 0]
    );
    assert_eq!(version(&a), 2);
}

/// A re-offer with fewer m-lines breaks RFC 3264 §8: `InvalidReOffer`,
/// declined 488 + Warning 399, nothing changes.
#[test]
fn reoffer_with_fewer_mlines_is_invalid() {
    let mut n = negotiator();
    n.receive_offer(remote_offer(1)).unwrap();
    n.confirm_answer().unwrap();
    let before = snapshot(&n);
    let err = n
        .receive_offer(offer_v(2, &["m=audio 20000 RTP/AVP 0"]))
        .unwrap_err();
    assert_eq!(
        err,
        NegotiationError::InvalidReOffer {
            offered: 1,
            current: 2
        }
    );
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(SdpWarning::Miscellaneous.code())
    );
    assert_eq!(err.decline_term(), Some("InvalidMediaOffer"));
    assert_eq!(snapshot(&n), before);
}

/// A malformed m-line: `InvalidSdp` with the line number, 488 + Warning
/// 399 (UCWA `InvalidMediaOffer`, `manual::decline_responses`); the state does not change.
#[test]
fn malformed_offer_is_invalid_sdp() {
    let mut n = negotiator();
    let bad = SessionDescription::parse(
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio seventy RTP/AVP 0\r\n",
    )
    .unwrap();
    let err = n.receive_offer(bad).unwrap_err();
    let NegotiationError::InvalidSdp(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.line(), Some(6));
    let d = err.sip_decline().unwrap();
    assert_eq!(d.to_string(), "488 Not Acceptable Here; Warning: 399");
    assert_eq!(err.decline_term(), Some("InvalidMediaOffer"));
    assert_eq!(n.state(), Stable);
}

/// A `Negotiator` is `Send`: it can move between threads.
#[test]
fn negotiator_is_send_and_sync() {
    fn assert_send<T: Send + Sync>() {}
    assert_send::<Negotiator>();
    assert_send::<NegotiationError>();
}
