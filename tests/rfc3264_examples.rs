//! RFC 3264 §10's examples, from the RFC's words (`tests/data/rfc3264/`):
//! our negotiator plays one party, is fed the other party's SDPs as printed,
//! and its answers must agree with the RFC's in every negotiated value
//! (m-lines, accepted or rejected, formats, rtpmaps, directions).
//!
//! §10.1 also shows RFC 3264 §6's matching of each offered m-line against
//! any capability of its media type: Alice, who can do H.261 video and MPV
//! video, takes Bob's re-offered MPV stream with her MPV capability even
//! though the H.261 stream before it is now disabled.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability, RejectReason, StreamState};
use sdp_offer_answer::sdp::{Direction, SessionDescription};

fn ex(name: &str) -> SessionDescription {
    load("rfc3264", name)
}

/// §10.1, Bob: "does not want to receive or send the first video stream".
#[test]
fn s10_1_bob_answers_alice_rejecting_the_first_video() {
    let mut bob = negotiator(
        "bob",
        "192.0.2.20",
        2890844730,
        vec![
            MediaCapability::audio(49920).codec(Codec::pcmu()),
            MediaCapability::video(53000).codec(mpv()),
        ],
    );
    let answer = bob
        .receive_offer(ex("10.1_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &ex("10.1_2_bob_answer.sdp"));
    assert_eq!(
        mlines(&answer).iter().map(|m| m.port).collect::<Vec<_>>(),
        [49920, 0, 53000]
    );
    let s = bob.confirm_answer().unwrap();
    assert_eq!(
        s.streams[1].state,
        StreamState::Rejected(RejectReason::NoCommonFormat)
    );
    assert_eq!(agreed(&s.streams[2]), [("MPV".into(), 90000, 32, 32)]);
}

/// Alice's capabilities: PCMU audio, H.261 and MPV video, and a receive
/// of `telephone-events` (the RFC's spelling) on a second audio port.
fn alice_caps() -> Vec<MediaCapability> {
    vec![
        MediaCapability::audio(49170).codec(Codec::pcmu()),
        MediaCapability::video(51372).codec(h261()),
        MediaCapability::video(53000).codec(mpv()),
        MediaCapability::audio(53122).codec(Codec::new("telephone-events", 8000).payload_type(110)),
    ]
}

/// §10.1, Alice: "accepts the additional media stream". The MPV stream
/// after the disabled H.261 one goes to her MPV capability, the added
/// audio stream to her second audio capability, answered sendonly.
#[test]
fn s10_1_alice_answers_bobs_reoffer() {
    let mut alice = negotiator("alice", "192.0.2.10", 2890844526, alice_caps());
    let answer = alice
        .receive_offer(ex("10.1_3_bob_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &ex("10.1_4_alice_answer.sdp"));
    assert_eq!(
        mlines(&answer).iter().map(|m| m.port).collect::<Vec<_>>(),
        [49170, 0, 53000, 53122]
    );
    let s = alice.confirm_answer().unwrap();
    assert_eq!(s.streams[1].state, StreamState::Disabled);
    assert_eq!(agreed(&s.streams[2]), [("MPV".into(), 90000, 32, 32)]);
    assert_eq!(s.streams[3].direction, Direction::SEND);
    assert_eq!(
        agreed(&s.streams[3]),
        [("telephone-events".into(), 8000, 110, 110)]
    );
}

/// The flow of §10.1 with Alice answering twice: both videos established,
/// then the H.261 one disabled in a re-offer. The MPV stream keeps its
/// capability and port (RFC 3264 §8.3.2: a stream keeps its meaning).
#[test]
fn s10_1_an_established_stream_keeps_its_capability() {
    let mut alice = negotiator("alice", "192.0.2.10", 2890844526, alice_caps());
    let first = offer_v(
        1,
        &[
            "m=audio 49920 RTP/AVP 0",
            "m=video 51000 RTP/AVP 31",
            "m=video 53002 RTP/AVP 32",
        ],
    );
    let a1 = alice.receive_offer(first).unwrap().clone();
    assert_eq!(
        mlines(&a1).iter().map(|m| m.port).collect::<Vec<_>>(),
        [49170, 51372, 53000]
    );
    alice.confirm_answer().unwrap();
    let again = offer_v(
        2,
        &[
            "m=audio 65422 RTP/AVP 0",
            "m=video 0 RTP/AVP 31",
            "m=video 53002 RTP/AVP 32",
        ],
    );
    let a2 = alice.receive_offer(again).unwrap().clone();
    assert_eq!(
        mlines(&a2)
            .iter()
            .map(|m| (m.port, m.formats.clone()))
            .collect::<Vec<_>>(),
        [
            (49170, strings(&["0"])),
            (0, strings(&["31"])),
            (53000, strings(&["32"]))
        ]
    );
    // Our own re-offer then keeps MPV on that m-line too.
    alice.confirm_answer().unwrap();
    let ours = alice.create_offer().unwrap().clone();
    assert_eq!(mlines(&ours)[2].formats, strings(&["32"]));
    assert_eq!(mlines(&ours)[2].port, 53000);
}

/// §10.2, Bob: of PCMU, G.723 and G.729 he answers the two he can switch
/// between, inactive; then accepts the one Alice locks down, sendrecv.
#[test]
fn s10_2_one_of_n_codec_selection() {
    let mut bob = negotiator(
        "bob",
        "192.0.2.20",
        2890844730,
        vec![
            MediaCapability::audio(54344)
                .codec(Codec::pcmu())
                .codec(Codec::new("G723", 8000)),
        ],
    );
    let a1 = bob
        .receive_offer(ex("10.2_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&a1, &ex("10.2_2_bob_answer.sdp"));
    assert_eq!(
        bob.confirm_answer().unwrap().streams[0].direction,
        Direction::INACTIVE
    );
    let a2 = bob
        .receive_offer(ex("10.2_3_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&a2, &ex("10.2_4_bob_answer.sdp"));
    assert_eq!(version(&a2), version(&a1) + 1);
    let s = bob.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(agreed(&s.streams[0]), [("G723".into(), 8000, 4, 4)]);
}

/// Issue case: two audio capabilities (G.723 on 4000, iLBC on 4002); an
/// iLBC offer is taken by the second, not declined 488/305 by the first.
#[test]
fn a_second_capability_of_the_same_media_takes_the_stream() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        1,
        vec![
            MediaCapability::audio(4000).codec(Codec::new("G723", 8000)),
            MediaCapability::audio(4002).codec(ilbc().payload_type(97)),
        ],
    );
    let answer = n
        .receive_offer(offer(&[
            "m=audio 40000 RTP/AVP 97",
            "a=rtpmap:97 iLBC/8000",
        ]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&answer)[0].port, 4002);
    assert_eq!(mlines(&answer)[0].formats, strings(&["97"]));
}
