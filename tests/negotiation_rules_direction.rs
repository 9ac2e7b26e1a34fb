//! RFC 3264 §6.1 directions: sendonly → recvonly or inactive; recvonly →
//! sendonly or inactive; sendrecv → any; inactive → inactive; and never
//! more than our capability allows. The full table of offered direction ×
//! local capability direction, the session-level direction where the media
//! level says nothing, and the offerer's reading of the answer's direction.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability, Negotiator};
use sdp_offer_answer::sdp::Direction;

const SENDRECV: Direction = Direction::SENDRECV;
const SENDONLY: Direction = Direction::SEND;
const RECVONLY: Direction = Direction::RECV;
const INACTIVE: Direction = Direction::INACTIVE;

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

/// Answers an offer with media-level `a=<offered>` with capability `ours`.
fn answered(offered: Direction, ours: Direction) -> Direction {
    let attr = format!("a={}", offered.attribute_name());
    let mut n = negotiator(ours);
    let answer = n
        .receive_offer(offer(&["m=audio 20000 RTP/AVP 0", &attr]))
        .unwrap()
        .clone();
    // Exactly one direction attribute, the stream accepted (port not 0).
    let dirs: Vec<_> = answer
        .media(0)
        .unwrap()
        .attributes()
        .filter(|a| Direction::from_attribute(a.name()).is_some())
        .map(|a| a.name().to_owned())
        .collect();
    assert_eq!(dirs.len(), 1, "{answer}");
    assert_eq!(mlines(&answer)[0].port, 4000);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, mlines(&answer)[0].direction);
    mlines(&answer)[0].direction
}

/// The full RFC 3264 §6.1 table: rows are the offered direction, columns
/// our capability (sendrecv, sendonly, recvonly, inactive).
#[test]
fn answer_direction_table() {
    let ours = [SENDRECV, SENDONLY, RECVONLY, INACTIVE];
    let table = [
        (SENDRECV, [SENDRECV, SENDONLY, RECVONLY, INACTIVE]),
        (SENDONLY, [RECVONLY, INACTIVE, RECVONLY, INACTIVE]),
        (RECVONLY, [SENDONLY, SENDONLY, INACTIVE, INACTIVE]),
        (INACTIVE, [INACTIVE, INACTIVE, INACTIVE, INACTIVE]),
    ];
    for (offered, row) in table {
        for (cap, expected) in ours.iter().zip(row) {
            assert_eq!(
                answered(offered, *cap),
                expected,
                "offered {offered}, capability {cap}"
            );
        }
    }
}

/// No direction attribute means sendrecv (RFC 3264 §5.1).
#[test]
fn no_direction_attribute_means_sendrecv() {
    let mut n = negotiator(SENDRECV);
    let a = n
        .receive_offer(offer(&["m=audio 20000 RTP/AVP 0"]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "sendrecv"), [""]);
}

/// A session-level direction applies to m-lines that have none; a
/// media-level one overrides it (RFC 8866 §6.7).
#[test]
fn session_level_direction_applies_where_media_says_nothing() {
    let mut n = negotiator(SENDRECV);
    let a = n
        .receive_offer(sdp(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 192.0.2.1",
            "t=0 0",
            "a=sendonly",
            "m=audio 20000 RTP/AVP 0",
            "m=audio 20002 RTP/AVP 0",
            "a=inactive",
            "m=audio 20004 RTP/AVP 0",
            "a=recvonly",
        ]))
        .unwrap()
        .clone();
    assert_eq!(
        mlines(&a).iter().map(|m| m.direction).collect::<Vec<_>>(),
        [RECVONLY, INACTIVE, SENDONLY]
    );
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams.iter().map(|s| s.direction).collect::<Vec<_>>(),
        [RECVONLY, INACTIVE, SENDONLY]
    );
}

/// The offerer reads its own direction off the answer: the offer's
/// direction narrowed by what the answer does (RFC 3264 §6.1 from the
/// offerer's side).
#[test]
fn offerer_reads_direction_from_answer() {
    let cases = [
        (SENDRECV, SENDRECV, SENDRECV),
        (SENDRECV, RECVONLY, SENDONLY),
        (SENDRECV, SENDONLY, RECVONLY),
        (SENDRECV, INACTIVE, INACTIVE),
        (SENDONLY, RECVONLY, SENDONLY),
        (SENDONLY, INACTIVE, INACTIVE),
        (RECVONLY, SENDONLY, RECVONLY),
    ];
    for (ours, theirs, agreed) in cases {
        let mut n = negotiator(ours);
        let o = n.create_offer().unwrap().clone();
        assert_eq!(mlines(&o)[0].direction, ours);
        let attr = format!("a={}", theirs.attribute_name());
        let s = n
            .receive_answer(offer(&["m=audio 30000 RTP/AVP 0", &attr]))
            .unwrap();
        assert_eq!(s.streams[0].direction, agreed, "{ours} answered {theirs}");
    }
}
