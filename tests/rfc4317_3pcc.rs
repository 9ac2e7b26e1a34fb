//! RFC 4317 §5 (third-party call control flows) as scenario tests: §5.1
//! (no media, then audio added), §5.2 (offer with the `c=0.0.0.0` black
//! hole), §5.3 (answer with the black hole), against the RFC's
//! descriptions in tests/data/rfc4317/. Bob is `192.0.2.20`, Alice `192.0.2.10`.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationState, Negotiator,
};
use sdp_offer_answer::sdp::Direction;

fn ilbc_negotiator(user: &str, ip: &str, session: u64, port: u16, pt: Option<u8>) -> Negotiator {
    let mut codec = Codec::new("iLBC", 8000);
    if let Some(pt) = pt {
        codec = codec.payload_type(pt);
    }
    let caps = LocalCapabilities::builder()
        .username(user)
        .ipv4(ip.parse().unwrap())
        .media(MediaCapability::audio(port).codec(codec))
        .build()
        .unwrap();
    Negotiator::new(caps, session)
}

/// §5.1: an offer without m-lines is answered without m-lines (nothing to
/// reject, so it is not "not acceptable"); the re-offer adding audio is
/// answered with iLBC and the version one up.
#[test]
fn s5_1_no_media_then_audio_added() {
    let mut n = ilbc_negotiator("bob", "192.0.2.20", BOB_SESSION, 49172, None);
    let answer = n
        .receive_offer(rfc("5.1_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_eq!(answer.media_count(), 0);
    assert_same_negotiated_values(&answer, &rfc("5.1_2_bob_answer.sdp"));
    assert_eq!(version(&answer), 1);
    let s = n.confirm_answer().unwrap();
    assert!(s.streams.is_empty());
    assert_eq!(s.remote_version, 2890844526);

    let answer2 = n
        .receive_offer(rfc("5.1_3_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer2, &rfc("5.1_4_bob_answer.sdp"));
    let m = mlines(&answer2);
    assert_eq!(m[0].port, 49172);
    assert_eq!(m[0].address.as_deref(), Some("192.0.2.20"));
    assert_eq!(version(&answer2), 2);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49170))
    );
}

/// §5.2: the first offer has `c=IN IP4 0.0.0.0` (no address yet).
///
/// Like the RFC's Bob we answer sendrecv; our session does not send to
/// 0.0.0.0 (RFC 3264 §8.4: the older `c=0.0.0.0` hold is accepted) until Alice's
/// second offer brings her real address, which we answer with SDP identical
/// to our first answer and the same version, as the RFC shows.
#[test]
fn s5_2_black_hole_offer_then_real_address() {
    let mut n = ilbc_negotiator("bob", "192.0.2.20", BOB_SESSION, 49170, None);
    let answer = n
        .receive_offer(rfc("5.2_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    let (ours, theirs) = (mlines(&answer), mlines(&rfc("5.2_2_bob_answer.sdp")));
    assert_eq!(ours[0].formats, theirs[0].formats);
    assert_eq!(ours[0].codecs(), theirs[0].codecs());
    assert_eq!(ours[0].port, 49170);
    assert_eq!(ours[0].direction, Direction::SENDRECV);
    assert_eq!(theirs[0].direction, Direction::SENDRECV);
    let s = n.confirm_answer().unwrap();
    // The session says what the SDP says; the black hole holds us.
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert!(s.streams[0].held_by_remote);
    assert_eq!(s.streams[0].remote_rtp, None);

    let answer2 = n
        .receive_offer(rfc("5.2_3_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer2, &rfc("5.2_4_bob_answer.sdp"));
    assert_eq!(mlines(&answer2)[0].port, 49170);
    assert_eq!(
        answer2, answer,
        "unchanged answer, same version (RFC 3264 §8)"
    );
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49170))
    );
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
}

/// §5.3 as Alice: Bob's answer has the black hole, so Alice does not send;
/// his re-offer brings his address and Alice answers with SDP identical to
/// her offer and the same `o=` version, as the RFC shows (RFC 3264 §8).
#[test]
fn s5_3_black_hole_answer_then_answerer_reoffers() {
    let mut n = ilbc_negotiator("alice", "192.0.2.10", ALICE_SESSION, 49170, Some(97));
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("5.3_1_alice_offer.sdp"));
    assert_eq!(mlines(&offer)[0].port, 49170);
    let s = n.receive_answer(rfc("5.3_2_bob_answer.sdp")).unwrap();
    assert!(s.streams[0].is_active());
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert!(s.streams[0].held_by_remote);
    assert_eq!(s.streams[0].remote_rtp, None);

    let answer = n.receive_offer(rfc("5.3_3_bob_offer.sdp")).unwrap().clone();
    assert_same_negotiated_values(&answer, &rfc("5.3_4_alice_answer.sdp"));
    assert_eq!(answer, offer, "identical to the offer, same version");
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.biloxi.example.com", 49172))
    );
    assert_eq!(s.local_version, 1);
    assert_eq!(s.remote_version, 2808844565);
}

/// §5.3 as Bob: a negotiator whose address is the black hole answers with
/// `c=IN IP4 0.0.0.0`, the RFC's step 2; Alice's negotiator then does not
/// send to it.
#[test]
fn s5_3_black_hole_answer_from_unspecified_address() {
    let mut bob = ilbc_negotiator("bob", "0.0.0.0", BOB_SESSION, 9322, None);
    let answer = bob
        .receive_offer(rfc("5.3_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("5.3_2_bob_answer.sdp"));
    assert_eq!(mlines(&answer)[0].address.as_deref(), Some("0.0.0.0"));
    assert_eq!(mlines(&answer)[0].port, 9322);
    bob.confirm_answer().unwrap();
    assert_eq!(bob.state(), NegotiationState::Stable);

    let mut alice = ilbc_negotiator("alice", "192.0.2.10", ALICE_SESSION, 49170, Some(97));
    alice.create_offer().unwrap();
    let s = alice.receive_answer(answer).unwrap();
    assert!(s.streams[0].held_by_remote);
    assert_eq!(s.streams[0].remote_rtp, None);
}
