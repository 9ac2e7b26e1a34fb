//! RFC 4317 §4 (streams added and deleted) as scenario tests: §4.1 (the
//! answerer adds a telephone-event stream), §4.2 (the offerer adds video),
//! §4.3 (the answerer deletes video), against the RFC's descriptions in
//! tests/data/rfc4317/. Bob is `192.0.2.20`, Alice `192.0.2.10`.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, Negotiator, StreamState,
};
use sdp_offer_answer::sdp::{Direction, MediaType};

/// §4.1 as Bob: a single iLBC stream, then Bob's re-offer appends a
/// receive-only telephone-event stream (RFC 3264 §8.1: new streams go
/// below the existing ones) and Alice answers it sendonly.
///
/// Difference: the RFC's Bob receives the tones on a media server
/// (media-level `c=`); a negotiator has one address, so ours come to
/// `192.0.2.20` on the port configured for the second audio capability.
#[test]
fn s4_1_answerer_adds_telephone_event_stream() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        BOB_SESSION,
        vec![
            MediaCapability::audio(49170).codec(ilbc()),
            MediaCapability::audio(48282)
                .codec(Codec::new("telephone-event", 8000).payload_type(98))
                .direction(Direction::RECV),
        ],
    );
    let answer = n
        .receive_offer(rfc("4.1_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("4.1_2_bob_answer.sdp"));
    assert_eq!(mlines(&answer)[0].port, 49170);
    n.confirm_answer().unwrap();

    n.add_stream(MediaType::Audio).unwrap();
    let reoffer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&reoffer, &rfc("4.1_3_bob_offer.sdp"));
    let m = mlines(&reoffer);
    assert_eq!([m[0].port, m[1].port], [49170, 48282]);
    assert_eq!(m[1].address.as_deref(), Some("192.0.2.20"));
    assert_eq!(m[1].direction, Direction::RECV);
    assert_eq!(version(&reoffer), version(&answer) + 1);

    let s = n.receive_answer(rfc("4.1_4_alice_answer.sdp")).unwrap();
    assert_eq!(s.streams.len(), 2);
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(
        agreed(&s.streams[1]),
        [("telephone-event".into(), 8000, 98, 98)]
    );
    assert_eq!(s.streams[1].direction, Direction::RECV);
    assert_eq!(s.streams[1].local_port, 48282);
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49172))
    );
    // "Alice receives RTCP packets on port 49173 from the media server":
    // RTCP of the remote goes to RTP port + 1 (RFC 3550 / RFC 3264 §5.1).
    assert_eq!(
        s.streams[1].remote_rtcp,
        Some(fqdn_addr("host.atlanta.example.com", 49173))
    );
}

/// §4.1 as Alice: she answers Bob's re-offer; the added receive-only tone
/// stream is answered sendonly with the offered telephone-event.
///
/// Difference: our capabilities put telephone-event next to the voice
/// codecs, so Alice's first offer also lists it (PT 98) where the RFC's
/// lists `0 97` only; Bob's answer takes iLBC either way.
#[test]
fn s4_1_offerer_answers_added_stream_sendonly() {
    let mut n = negotiator(
        "alice",
        "192.0.2.10",
        ALICE_SESSION,
        vec![
            MediaCapability::audio(49170)
                .codec(Codec::pcmu())
                .codec(ilbc().payload_type(97))
                .codec(Codec::new("telephone-event", 8000).payload_type(98)),
        ],
    );
    let offer = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&offer)[0].formats(), ["0", "97", "98"]);
    n.receive_answer(rfc("4.1_2_bob_answer.sdp")).unwrap();

    let answer = n.receive_offer(rfc("4.1_3_bob_offer.sdp")).unwrap().clone();
    assert_same_negotiated_values(&answer, &rfc("4.1_4_alice_answer.sdp"));
    let m = mlines(&answer);
    // The second audio stream takes the next port pair of the capability.
    assert_eq!([m[0].port, m[1].port], [49170, 49172]);
    assert_eq!(m[1].direction, Direction::SEND);
    assert_eq!(version(&answer), version(&offer) + 1);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[1].direction, Direction::SEND);
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("mediaserver.biloxi.example.com", 48282))
    );
}

/// §4.2 as Bob: audio only, then Alice's re-offer adds H.261 video and
/// Bob's answer (version +1) accepts it.
#[test]
fn s4_2_offerer_adds_video() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        BOB_SESSION,
        vec![
            MediaCapability::audio(49172).codec(Codec::pcmu()),
            MediaCapability::video(49168).codec(h261()),
        ],
    );
    let answer = n
        .receive_offer(rfc("4.2_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("4.2_2_bob_answer.sdp"));
    n.confirm_answer().unwrap();

    let answer2 = n
        .receive_offer(rfc("4.2_3_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer2, &rfc("4.2_4_bob_answer.sdp"));
    let m = mlines(&answer2);
    assert_eq!([m[0].port, m[1].port], [49172, 49168]);
    assert_eq!(version(&answer2), version(&answer) + 1);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[1]), [("H261".into(), 90000, 31, 31)]);
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49172))
    );
}

/// §4.2 as Alice: `add_stream(Video)` appends the video m-line (RFC 3264
/// §8.1) after the established audio, whose port and PT stay.
#[test]
fn s4_2_offerer_add_stream_appends_video() {
    let caps = LocalCapabilities::builder()
        .username("alice")
        .ipv4("192.0.2.10".parse().unwrap())
        .media(MediaCapability::audio(49170).codec(Codec::pcmu()))
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, ALICE_SESSION);
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("4.2_1_alice_offer.sdp"));
    n.receive_answer(rfc("4.2_2_bob_answer.sdp")).unwrap();
    // No video capability: the stream cannot be added.
    assert_eq!(
        n.add_stream(MediaType::Video),
        Err(NegotiationError::NoCapability(MediaType::Video))
    );

    let caps = LocalCapabilities::builder()
        .username("alice")
        .ipv4("192.0.2.10".parse().unwrap())
        .media(MediaCapability::audio(49170).codec(Codec::pcmu()))
        .media(MediaCapability::video(49172).codec(h261()))
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, ALICE_SESSION);
    // The first offer has both capabilities; reject video from Bob's side
    // by answering with port 0, then add it back.
    n.create_offer().unwrap();
    n.receive_answer(sdp(&[
        "v=0",
        "o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com",
        "s=",
        "c=IN IP4 host.biloxi.example.com",
        "t=0 0",
        "m=audio 49172 RTP/AVP 0",
        "a=rtpmap:0 PCMU/8000",
        "m=video 0 RTP/AVP 31",
    ]))
    .unwrap();
    n.add_stream(MediaType::Video).unwrap();
    let reoffer = n.create_offer().unwrap().clone();
    // The rejected video slot is reused (RFC 3264 §8.1), so the re-offer is
    // the RFC's second offer.
    assert_same_negotiated_values(&reoffer, &rfc("4.2_3_alice_offer.sdp"));
    let m = mlines(&reoffer);
    assert_eq!([m[0].port, m[1].port], [49170, 49172]);
    assert_eq!(version(&reoffer), 2);
    let s = n.receive_answer(rfc("4.2_4_bob_answer.sdp")).unwrap();
    assert!(s.streams.iter().all(|st| st.is_active()));
    assert_eq!(agreed(&s.streams[1]), [("H261".into(), 90000, 31, 31)]);
}

/// §4.3 as Bob: audio and video, then Bob's re-offer deletes video (port 0,
/// RFC 3264 §8.2) and Alice's answer keeps it at port 0.
#[test]
fn s4_3_answerer_deletes_video() {
    let mut n = negotiator(
        "bob",
        "192.0.2.20",
        BOB_SESSION,
        vec![
            MediaCapability::audio(49174).codec(ilbc()),
            MediaCapability::video(49170).codec(h261()),
        ],
    );
    let answer = n
        .receive_offer(rfc("4.3_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("4.3_2_bob_answer.sdp"));
    n.confirm_answer().unwrap();

    n.remove_stream(1).unwrap();
    let reoffer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&reoffer, &rfc("4.3_3_bob_offer.sdp"));
    let m = mlines(&reoffer);
    assert_eq!([m[0].port, m[1].port], [49174, 0]);
    assert_eq!(m[1].formats(), ["31"]);
    assert_eq!(version(&reoffer), version(&answer) + 1);

    let s = n.receive_answer(rfc("4.3_4_alice_answer.sdp")).unwrap();
    assert_eq!(s.streams[0].state, StreamState::Active);
    assert_eq!(s.streams[1].state, StreamState::Disabled);
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert!(s.streams[1].codecs.is_empty());
}

/// §4.3 as Alice: she answers the deleting re-offer with video at port 0
/// and the version one up, as the RFC shows.
#[test]
fn s4_3_offerer_answers_deleted_video_with_port_0() {
    let mut n = negotiator(
        "alice",
        "192.0.2.10",
        ALICE_SESSION,
        vec![
            MediaCapability::audio(49170).codec(ilbc().payload_type(97)),
            MediaCapability::video(51372).codec(h261()),
        ],
    );
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("4.3_1_alice_offer.sdp"));
    n.receive_answer(rfc("4.3_2_bob_answer.sdp")).unwrap();
    let answer = n.receive_offer(rfc("4.3_3_bob_offer.sdp")).unwrap().clone();
    assert_same_negotiated_values(&answer, &rfc("4.3_4_alice_answer.sdp"));
    let m = mlines(&answer);
    assert_eq!([m[0].port, m[1].port], [49170, 0]);
    assert_eq!(version(&answer), version(&offer) + 1);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[1].state, StreamState::Disabled);
    assert_eq!(s.active_streams().count(), 1);
}
