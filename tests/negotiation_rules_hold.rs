//! Hold and resume (RFC 3264 §8.4): our hold takes RECV off our streams in
//! offers and answers (sendrecv → sendonly, recvonly → inactive) and
//! resume gives it back, each a new `o=` version; a remote hold
//! (`a=sendonly`/`a=inactive`) is answered recvonly/inactive; the older
//! `c=0.0.0.0` hold (RFC 2543) is accepted, but with ICE 0.0.0.0 is only the
//! default address (RFC 8839 §4.2.1) and not a hold.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability, Negotiator};
use sdp_offer_answer::sdp::Direction;

fn negotiator(direction: Direction) -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::pcmu())
                .direction(direction),
        )
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

/// An established sendrecv session (we answered the remote's offer).
fn established(direction: Direction) -> Negotiator {
    let mut n = negotiator(direction);
    n.receive_offer(offer(&["m=audio 20000 RTP/AVP 0"]))
        .unwrap();
    n.confirm_answer().unwrap();
    n
}

fn answer_to(remote_version: u64, media: &[&str]) -> sdp_offer_answer::sdp::SessionDescription {
    offer_v(remote_version, media)
}

/// `hold()` makes the next offer sendonly (version +1); the remote's
/// recvonly answer leaves us sending only; `resume()` goes back to sendrecv.
#[test]
fn hold_and_resume_by_reoffer() {
    let mut n = established(Direction::SENDRECV);
    assert!(!n.is_holding());
    n.hold();
    assert!(n.is_holding());
    let o = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&o)[0].direction, Direction::SEND);
    assert_eq!(mlines(&o)[0].port, 4000);
    assert_eq!(version(&o), 2);
    let s = n
        .receive_answer(answer_to(2, &["m=audio 20000 RTP/AVP 0", "a=recvonly"]))
        .unwrap();
    assert_eq!(s.streams[0].direction, Direction::SEND);
    assert_eq!(s.local_version, 2);

    n.resume();
    assert!(!n.is_holding());
    let o = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&o)[0].direction, Direction::SENDRECV);
    assert_eq!(version(&o), 3);
    let s = n
        .receive_answer(answer_to(3, &["m=audio 20000 RTP/AVP 0"]))
        .unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
}

/// A receive-only capability on hold offers inactive (RFC 3264 §8.4).
#[test]
fn hold_of_recvonly_stream_is_inactive() {
    let mut n = established(Direction::RECV);
    n.hold();
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].direction, Direction::INACTIVE);
}

/// While we hold, our answers lose RECV too: a sendrecv re-offer is
/// answered sendonly, a sendonly one inactive.
#[test]
fn answers_while_holding_stay_on_hold() {
    let mut n = established(Direction::SENDRECV);
    n.hold();
    let a = n
        .receive_offer(offer_v(2, &["m=audio 20000 RTP/AVP 0"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].direction, Direction::SEND);
    n.confirm_answer().unwrap();
    let a = n
        .receive_offer(offer_v(3, &["m=audio 20000 RTP/AVP 0", "a=sendonly"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].direction, Direction::INACTIVE);
}

/// Holding before the first offer: the initial offer is already sendonly.
#[test]
fn hold_before_initial_offer() {
    let mut n = negotiator(Direction::SENDRECV);
    n.hold();
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].direction, Direction::SEND);
    assert_eq!(version(o), 1);
}

/// The remote holds us: sendonly is answered recvonly, inactive inactive;
/// the remote's resume (sendrecv) is answered sendrecv; each answer that
/// changes gets the next version.
#[test]
fn remote_hold_and_resume() {
    let mut n = established(Direction::SENDRECV);
    let a = n
        .receive_offer(offer_v(2, &["m=audio 20000 RTP/AVP 0", "a=sendonly"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].direction, Direction::RECV);
    assert_eq!(version(&a), 2);
    assert_eq!(
        n.confirm_answer().unwrap().streams[0].direction,
        Direction::RECV
    );
    let a = n
        .receive_offer(offer_v(3, &["m=audio 20000 RTP/AVP 0", "a=inactive"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].direction, Direction::INACTIVE);
    assert_eq!(version(&a), 3);
    n.confirm_answer().unwrap();
    let a = n
        .receive_offer(offer_v(4, &["m=audio 20000 RTP/AVP 0", "a=sendrecv"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].direction, Direction::SENDRECV);
    assert_eq!(version(&a), 4);
    assert_eq!(
        n.confirm_answer().unwrap().streams[0].direction,
        Direction::SENDRECV
    );
}

fn zero_address_offer(
    version: u64,
    level: &str,
    ice: bool,
) -> sdp_offer_answer::sdp::SessionDescription {
    let o = format!("o=remote 1000 {version} IN IP4 192.0.2.1");
    let session_c = if level == "session" {
        "c=IN IP4 0.0.0.0"
    } else {
        "c=IN IP4 192.0.2.1"
    };
    let mut lines = vec![
        "v=0",
        o.as_str(),
        "s=-",
        session_c,
        "t=0 0",
        "m=audio 20000 RTP/AVP 0",
    ];
    if level == "media" {
        lines.push("c=IN IP4 0.0.0.0");
    }
    if ice {
        lines.push("a=ice-ufrag:abcd");
        lines.push("a=ice-pwd:0123456789abcdef0123456789");
    }
    sdp(&lines)
}

/// The RFC 2543 hold (`c=0.0.0.0`, session or media level, no ICE) is
/// accepted: the answer's direction is left alone (RFC 4317 §5.2 answers
/// sendrecv; 0.0.0.0 may also be RFC 3725's "address not known yet"), the
/// session says the same direction, that the remote holds us, and has no
/// destination to send to (RFC 3264 §8.4); a later offer with a real
/// address resumes.
#[test]
fn old_style_zero_address_hold_accepted() {
    for level in ["session", "media"] {
        let mut n = established(Direction::SENDRECV);
        let a = n
            .receive_offer(zero_address_offer(2, level, false))
            .unwrap()
            .clone();
        assert_eq!(mlines(&a)[0].direction, Direction::SENDRECV, "{level}");
        assert_eq!(mlines(&a)[0].port, 4000);
        let s = n.confirm_answer().unwrap();
        assert_eq!(s.streams[0].direction, Direction::SENDRECV);
        assert!(s.streams[0].held_by_remote && !s.streams[0].holding_remote);
        assert!(s.streams[0].is_active());
        assert_eq!(s.streams[0].remote_rtp, None);
        let a = n
            .receive_offer(offer_v(3, &["m=audio 20000 RTP/AVP 0"]))
            .unwrap()
            .clone();
        assert_eq!(mlines(&a)[0].direction, Direction::SENDRECV);
        let s = n.confirm_answer().unwrap();
        assert_eq!(s.streams[0].remote_rtp, Some(ip_addr("192.0.2.1", 20000)));
        assert!(!s.streams[0].held_by_remote);
    }
}

/// With ICE in the offer, `c=0.0.0.0` is the ICE default address, not a
/// hold: answered sendrecv and we send (RFC 8839 §4.2.1).
#[test]
fn zero_address_with_ice_is_not_a_hold() {
    for level in ["session", "media"] {
        let mut n = negotiator(Direction::SENDRECV);
        let a = n
            .receive_offer(zero_address_offer(1, level, true))
            .unwrap()
            .clone();
        assert_eq!(mlines(&a)[0].direction, Direction::SENDRECV, "{level}");
        let s = n.confirm_answer().unwrap();
        assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    }
}

/// An answer with `c=0.0.0.0` (no ICE) holds us as offerer: nowhere to send.
#[test]
fn zero_address_answer_holds_the_offerer() {
    let mut n = negotiator(Direction::SENDRECV);
    n.create_offer().unwrap();
    let s = n
        .receive_answer(sdp(&[
            "v=0",
            "o=remote 1000 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 0.0.0.0",
            "t=0 0",
            "m=audio 20000 RTP/AVP 0",
        ]))
        .unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert!(s.streams[0].held_by_remote);
    assert_eq!(s.streams[0].remote_rtp, None);
}

/// One truth for hold: whatever the SDP says, the session says, and it
/// tells who holds whom (RFC 3264 §8.4): the remote holding us with
/// sendonly, inactive or `c=0.0.0.0`; we holding it with `hold()`.
#[test]
fn the_session_says_who_holds_whom() {
    // The remote holds us with sendonly: we answer recvonly, and say so.
    let mut n = established(Direction::SENDRECV);
    let a = n
        .receive_offer(offer_v(2, &["m=audio 20000 RTP/AVP 0", "a=sendonly"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].direction, Direction::RECV);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::RECV);
    assert!(s.streams[0].held_by_remote && !s.streams[0].holding_remote);
    // Inactive too.
    n.receive_offer(offer_v(3, &["m=audio 20000 RTP/AVP 0", "a=inactive"]))
        .unwrap();
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::INACTIVE);
    assert!(s.streams[0].held_by_remote && !s.streams[0].holding_remote);
    // Resumed.
    n.receive_offer(offer_v(4, &["m=audio 20000 RTP/AVP 0"]))
        .unwrap();
    let s = n.confirm_answer().unwrap();
    assert!(!s.streams[0].held_by_remote && !s.streams[0].holding_remote);
    // We hold the remote: our offer is sendonly, its answer recvonly.
    n.hold();
    n.create_offer().unwrap();
    let s = n
        .receive_answer(answer_to(5, &["m=audio 20000 RTP/AVP 0", "a=recvonly"]))
        .unwrap();
    assert_eq!(s.streams[0].direction, Direction::SEND);
    assert!(s.streams[0].holding_remote && !s.streams[0].held_by_remote);
}
