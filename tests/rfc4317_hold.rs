//! RFC 4317 §3 (hold and unhold) as scenario tests: §3.1 (the answerer
//! holds in its first answer, then takes the offerer off hold with a
//! re-offer) and §3.2 (hold of one of two streams), against the RFC's
//! descriptions in tests/data/rfc4317/. Bob is `192.0.2.20`, Alice `192.0.2.10`.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    AnswerError, Codec, MediaCapability, NegotiationError, NegotiationState,
};
use sdp_offer_answer::sdp::Direction;

/// §3.1 as Bob: he answers with a hold (`a=sendonly`, iLBC only), then
/// re-offers without hold; Alice's answer (new port) makes the session
/// sendrecv.
///
/// Differences: the RFC's Bob answers from a placeholder host and re-offers
/// on another port; our address and port come from our capabilities and
/// stay. The version still goes up by one because the direction changed.
#[test]
fn s3_1_answerer_holds_then_unholds_with_reoffer() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        BOB_SESSION,
        vec![MediaCapability::audio(49172).codec(ilbc())],
    );
    n.hold();
    let answer = n
        .receive_offer(rfc("3.1_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("3.1_2_bob_answer.sdp"));
    assert_eq!(mlines(&answer)[0].direction, Direction::SEND);
    assert_eq!(mlines(&answer)[0].formats(), ["97"]);
    assert_eq!(mlines(&answer)[0].port, 49172);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::SEND);
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);

    n.resume();
    let reoffer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&reoffer, &rfc("3.1_3_bob_offer.sdp"));
    assert_eq!(mlines(&reoffer)[0].direction, Direction::SENDRECV);
    assert_eq!(mlines(&reoffer)[0].port, 49172);
    assert_eq!(version(&reoffer), version(&answer) + 1);
    assert_eq!(session_id(&reoffer), BOB_SESSION.to_string());

    let s = n.receive_answer(rfc("3.1_4_alice_answer.sdp")).unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49178))
    );
    assert_eq!(s.remote_version, 2890844527);
    assert_eq!(s.local_version, 2);
}

/// §3.1 as Alice: Bob's holding answer leaves her receive-only; she answers
/// his unhold re-offer sendrecv with iLBC (version +1, as in the RFC).
#[test]
fn s3_1_offerer_is_held_then_answers_unhold() {
    let mut n = negotiator(
        "alice",
        "192.0.2.10",
        ALICE_SESSION,
        vec![
            MediaCapability::audio(49170)
                .codec(Codec::pcmu())
                .codec(ilbc().payload_type(97)),
        ],
    );
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("3.1_1_alice_offer.sdp"));
    let s = n.receive_answer(rfc("3.1_2_bob_answer.sdp")).unwrap();
    // Bob only sends: Alice only receives (RFC 3264 §6.1).
    assert_eq!(s.streams[0].direction, Direction::RECV);
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("placeholder.biloxi.example.com", 49172))
    );

    let answer = n.receive_offer(rfc("3.1_3_bob_offer.sdp")).unwrap().clone();
    assert_same_negotiated_values(&answer, &rfc("3.1_4_alice_answer.sdp"));
    assert_eq!(version(&answer), version(&offer) + 1);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.biloxi.example.com", 49170))
    );
}

/// §3.2 first exchange as Bob (same as §2.4), then Bob's hold re-offer.
///
/// Difference: `Negotiator::hold` holds every stream (RFC 3264 §8.4 per
/// session), so the receive-only tone stream becomes `inactive` where the
/// RFC's Bob keeps it `recvonly`; the audio stream becomes `sendonly` as in
/// the RFC.
#[test]
fn s3_2_answerer_holds_both_streams() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        BOB_SESSION,
        vec![
            MediaCapability::audio(49172).codec(ilbc()),
            MediaCapability::audio(49174)
                .codec(telephone_event())
                .direction(Direction::RECV),
        ],
    );
    let answer = n
        .receive_offer(rfc("3.2_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("3.2_2_bob_answer.sdp"));
    n.confirm_answer().unwrap();

    n.hold();
    let reoffer = n.create_offer().unwrap().clone();
    let (ours, theirs) = (mlines(&reoffer), mlines(&rfc("3.2_3_bob_offer.sdp")));
    assert_eq!(ours.len(), 2);
    assert_eq!(ours[0].formats, theirs[0].formats);
    assert_eq!(ours[0].codecs(), theirs[0].codecs());
    assert_eq!(ours[0].direction, Direction::SEND);
    assert_eq!(theirs[0].direction, Direction::SEND);
    assert_eq!(ours[1].formats, theirs[1].formats);
    assert_eq!(ours[1].codecs(), ["telephone-event/8000"]);
    assert_eq!(ours[1].direction, Direction::INACTIVE);
    assert_eq!(theirs[1].direction, Direction::RECV);
    assert_eq!(version(&reoffer), version(&answer) + 1);

    // The RFC's answer is not a valid answer (known issue: sendrecv to a
    // sendonly offer): it is refused and our offer stays pending.
    let err = n.receive_answer(rfc("3.2_4_alice_answer.sdp")).unwrap_err();
    assert_eq!(
        err,
        NegotiationError::InvalidAnswer(AnswerError::DirectionNotAllowed {
            index: 0,
            offered: Direction::SEND,
            answered: Direction::SENDRECV,
        })
    );
    assert_eq!(n.state(), NegotiationState::LocalOfferPending);
    assert_eq!(n.pending_offer(), Some(&reoffer));

    // A conforming answer: recvonly to our sendonly, inactive to our inactive.
    let fixed = sdp(&[
        "v=0",
        "o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
        "s=",
        "c=IN IP4 host.atlanta.example.com",
        "t=0 0",
        "m=audio 49170 RTP/AVP 97",
        "a=rtpmap:97 iLBC/8000",
        "a=recvonly",
        "m=audio 49172 RTP/AVP 98",
        "a=rtpmap:98 telephone-event/8000",
        "a=inactive",
    ]);
    let s = n.receive_answer(fixed).unwrap();
    assert_eq!(s.streams[0].direction, Direction::SEND);
    assert_eq!(s.streams[1].direction, Direction::INACTIVE);
    assert!(s.streams.iter().all(|st| st.is_active()));
}

/// §3.2 with per-stream hold: Bob holds only the iLBC stream, so his
/// re-offer matches the RFC's exactly (sendonly audio, recvonly tones).
#[test]
fn s3_2_answerer_holds_one_stream_as_in_the_rfc() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        BOB_SESSION,
        vec![
            MediaCapability::audio(49172).codec(ilbc()),
            MediaCapability::audio(49174)
                .codec(telephone_event())
                .direction(Direction::RECV),
        ],
    );
    n.receive_offer(rfc("3.2_1_alice_offer.sdp")).unwrap();
    n.confirm_answer().unwrap();
    n.hold_stream(0);
    assert!(n.is_holding());
    let reoffer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&reoffer, &rfc("3.2_3_bob_offer.sdp"));
    let dirs: Vec<Direction> = mlines(&reoffer).iter().map(|m| m.direction).collect();
    assert_eq!(dirs, [Direction::SEND, Direction::RECV]);
    n.rollback();
    n.resume();
    assert!(!n.is_holding());
    let again = n.create_offer().unwrap().clone();
    let dirs: Vec<Direction> = mlines(&again).iter().map(|m| m.direction).collect();
    assert_eq!(dirs, [Direction::SENDRECV, Direction::RECV]);
}

/// §3.2 as Alice: the RFC's printed answer to Bob's hold re-offer is not a
/// legal answer (tests/data/rfc4317/README.md known issue: stream 1 answered
/// sendrecv to a sendonly offer, RFC 3264 §6.1). Our answer is the
/// conforming one: `recvonly` on stream 1 and only the offered iLBC (the
/// RFC's answer also lists PCMU, which Bob did not offer); stream 2 is
/// `sendonly` as in the RFC.
#[test]
fn s3_2_offerer_answers_hold_reoffer_with_recvonly_known_issue() {
    let mut n = negotiator(
        "alice",
        "192.0.2.10",
        ALICE_SESSION,
        vec![
            MediaCapability::audio(49170)
                .codec(Codec::pcmu())
                .codec(ilbc().payload_type(97)),
            MediaCapability::audio(49172)
                .codec(telephone_event().payload_type(98))
                .direction(Direction::SEND),
        ],
    );
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("3.2_1_alice_offer.sdp"));
    let s = n.receive_answer(rfc("3.2_2_bob_answer.sdp")).unwrap();
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(s.streams[1].direction, Direction::SEND);

    let answer = n.receive_offer(rfc("3.2_3_bob_offer.sdp")).unwrap().clone();
    let (ours, theirs) = (mlines(&answer), mlines(&rfc("3.2_4_alice_answer.sdp")));
    assert_eq!(ours[0].formats(), ["97"]);
    assert_eq!(theirs[0].formats(), ["0", "97"]);
    assert_eq!(ours[0].direction, Direction::RECV);
    assert_eq!(theirs[0].direction, Direction::SENDRECV);
    assert_eq!(ours[1].formats, theirs[1].formats);
    assert_eq!(ours[1].codecs(), theirs[1].codecs());
    assert_eq!(ours[1].direction, Direction::SEND);
    assert_eq!(ours[1].direction, theirs[1].direction);
    assert_eq!([ours[0].port, ours[1].port], [49170, 49172]);
    assert_eq!(version(&answer), version(&offer) + 1);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].direction, Direction::RECV);
    assert_eq!(s.streams[1].direction, Direction::SEND);
}
