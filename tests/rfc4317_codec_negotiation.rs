//! RFC 4317 §2 (codec negotiation: audio and video 1–6, two audio streams,
//! audio only) as scenario tests. Each test builds the capabilities the RFC
//! gives the party we play (tests/data/rfc4317/README.md), feeds it the RFC's
//! descriptions and compares our SDP with the RFC's in every negotiated
//! value; ports, addresses and `o=` come from our capabilities and are
//! checked against them instead.
//!
//! Our parties use documentation addresses: Bob `192.0.2.20`
//! (`host.biloxi.example.com` in the RFC), Alice `192.0.2.10`
//! (`host.atlanta.example.com`).

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    AnswerCodecs, Codec, LocalCapabilities, MediaCapability, NegotiationState, Negotiator,
    RejectReason, StreamState,
};
use sdp_offer_answer::sdp::{Direction, MediaType};

/// Our `c=` is the configured address, our ports the configured ones.
fn assert_ours(answer: &sdp_offer_answer::sdp::SessionDescription, ip: &str, ports: &[u16]) {
    let m = mlines(answer);
    for (line, port) in m.iter().zip(ports) {
        assert_eq!(line.port, *port, "{answer}");
        if *port != 0 {
            assert_eq!(line.address.as_deref(), Some(ip));
        }
    }
    assert_eq!(m.len(), ports.len());
}

/// §2.1: multiple codecs offered, one accepted per stream (PCMU audio, MPV video).
#[test]
fn s2_1_audio_and_video_1_one_codec_per_stream() {
    let mut n = bob(vec![
        MediaCapability::audio(49174).codec(Codec::pcmu()),
        MediaCapability::video(49170).codec(mpv()),
    ]);
    let answer = n
        .receive_offer(rfc("2.1_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.1_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[49174, 49170]);
    assert_eq!(mlines(&answer)[0].formats(), ["0"]);
    assert_eq!(mlines(&answer)[1].formats(), ["32"]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("PCMU".into(), 8000, 0, 0)]);
    assert_eq!(agreed(&s.streams[1]), [("MPV".into(), 90000, 32, 32)]);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49170))
    );
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 51372))
    );
    assert!(
        s.streams
            .iter()
            .all(|st| st.direction == Direction::SENDRECV)
    );
}

/// §2.1 from Alice's side: our offer is the RFC's offer (same formats, PT
/// numbers, rtpmaps), and Bob's answer gives PCMU and MPV.
#[test]
fn s2_1_alice_offer_and_bob_answer() {
    let mut n = alice(vec![
        MediaCapability::audio(49170)
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .codec(ilbc().payload_type(97)),
        MediaCapability::video(51372).codec(h261()).codec(mpv()),
    ]);
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("2.1_1_alice_offer.sdp"));
    assert_ours(&offer, "192.0.2.10", &[49170, 51372]);
    assert_eq!(version(&offer), 1);
    let s = n.receive_answer(rfc("2.1_2_bob_answer.sdp")).unwrap();
    assert_eq!(agreed(&s.streams[0]), [("PCMU".into(), 8000, 0, 0)]);
    assert_eq!(agreed(&s.streams[1]), [("MPV".into(), 90000, 32, 32)]);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.biloxi.example.com", 49174))
    );
    assert_eq!(s.remote_version, 2808844564);
    assert_eq!(n.state(), NegotiationState::Stable);
}

/// §2.2: Bob accepts two audio codecs and rejects video; Alice re-offers
/// PCMU only with the video still at port 0, and Bob's answer (version +1)
/// narrows to PCMU.
/// Bob's rejected video lists the offer's first format only
/// (`m=video 0 RTP/AVP 31`), as the RFC's answer does.
#[test]
fn s2_2_audio_and_video_2_video_rejected_then_narrowed() {
    let mut n = bob(vec![
        MediaCapability::audio(49172)
            .codec(Codec::pcmu())
            .codec(Codec::pcma()),
    ]);
    let answer = n
        .receive_offer(rfc("2.2_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.2_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[49172, 0]);
    assert_eq!(mlines(&answer)[0].formats(), ["0", "8"]);
    assert_eq!(mlines(&answer)[1].formats(), ["31"]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[1].state,
        StreamState::Rejected(RejectReason::UnsupportedMediaType)
    );
    assert_eq!(
        agreed(&s.streams[0]),
        [("PCMU".into(), 8000, 0, 0), ("PCMA".into(), 8000, 8, 8)]
    );
    assert_eq!(version(&answer), 1);

    let answer2 = n
        .receive_offer(rfc("2.2_3_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer2, &rfc("2.2_4_bob_answer.sdp"));
    assert_ours(&answer2, "192.0.2.20", &[49172, 0]);
    // RFC 3264 §8: the answer changed, so its version is one more.
    assert_eq!(version(&answer2), 2);
    assert_eq!(session_id(&answer2), BOB_SESSION.to_string());
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("PCMU".into(), 8000, 0, 0)]);
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 51372))
    );
    assert_eq!(s.streams[1].state, StreamState::Disabled);
    assert_eq!(s.local_version, 2);
    assert_eq!(s.remote_version, 2890844527);
}

/// §2.2 with `AnswerCodecs::First`: an answerer that, like the RFC's Alice,
/// wants one codec at a time answers PCMU only at once.
#[test]
fn s2_2_first_codec_only_answers_pcmu() {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.20".parse().unwrap())
        .media(
            MediaCapability::audio(49172)
                .codec(Codec::pcmu())
                .codec(Codec::pcma()),
        )
        .answer_codecs(AnswerCodecs::First)
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, BOB_SESSION);
    let answer = n.receive_offer(rfc("2.2_1_alice_offer.sdp")).unwrap();
    assert_eq!(mlines(answer)[0].formats(), ["0"]);
    assert_eq!(mlines(answer)[0].codecs(), ["PCMU/8000"]);
}

/// §2.3: Bob answers iLBC and H.261.
///
/// Difference: the RFC's Bob renumbers iLBC from 97 to 99 (legal, RFC 3264
/// §6.1 only says SHOULD); we keep the offerer's number (`manual::negotiation_rules`), so
/// our answer lists 97. Everything else matches.
#[test]
fn s2_3_audio_and_video_3_answerer_keeps_offered_pt() {
    let mut n = bob(vec![
        MediaCapability::audio(49172).codec(ilbc()),
        MediaCapability::video(51374).codec(h261()),
    ]);
    let answer = n
        .receive_offer(rfc("2.3_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    let (ours, theirs) = (mlines(&answer), mlines(&rfc("2.3_2_bob_answer.sdp")));
    assert_eq!(ours[0].formats(), ["97"]);
    assert_eq!(theirs[0].formats(), ["99"]);
    assert_eq!(ours[0].codecs(), theirs[0].codecs());
    assert_eq!(ours[0].codecs(), ["iLBC/8000"]);
    assert_eq!(ours[0].direction, theirs[0].direction);
    assert_eq!(ours[1].formats, theirs[1].formats);
    assert_eq!(ours[1].codecs(), ["H261/90000"]);
    assert_ours(&answer, "192.0.2.20", &[49172, 51374]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(agreed(&s.streams[1]), [("H261".into(), 90000, 31, 31)]);
}

/// §2.3 from Alice's side: the answer's 99 names the offered 97 (matching
/// by rtpmap, not number); Alice sends iLBC as 99 and receives it as 97.
#[test]
fn s2_3_alice_accepts_renumbered_payload_type() {
    let mut n = alice(vec![
        MediaCapability::audio(49170)
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .codec(ilbc().payload_type(97)),
        MediaCapability::video(51372).codec(h261()).codec(mpv()),
    ]);
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("2.3_1_alice_offer.sdp"));
    let s = n.receive_answer(rfc("2.3_2_bob_answer.sdp")).unwrap();
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 99, 97)]);
    assert_eq!(agreed(&s.streams[1]), [("H261".into(), 90000, 31, 31)]);
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("host.biloxi.example.com", 51374))
    );
}

/// §2.4: two audio streams; the second carries only telephone-event,
/// offered sendonly and answered recvonly.
#[test]
fn s2_4_two_audio_streams_telephone_event_only_stream() {
    let mut n = bob(vec![
        MediaCapability::audio(49172).codec(ilbc()),
        MediaCapability::audio(49174)
            .codec(Codec::new("telephone-event", 8000))
            .direction(Direction::RECV),
    ]);
    let answer = n
        .receive_offer(rfc("2.4_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.4_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[49172, 49174]);
    assert_eq!(mlines(&answer)[1].formats(), ["98"]);
    assert_eq!(mlines(&answer)[1].direction, Direction::RECV);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(s.streams[0].direction, Direction::SENDRECV);
    assert_eq!(
        agreed(&s.streams[1]),
        [("telephone-event".into(), 8000, 98, 98)]
    );
    assert_eq!(s.streams[1].direction, Direction::RECV);
    assert_eq!(s.streams[1].codec(), None);
    assert_eq!(
        s.streams[1].telephone_event().map(|t| t.recv_payload_type),
        Some(98)
    );
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49172))
    );
}

/// §2.5: Bob accepts iLBC and H.261, then re-offers "with a new address".
/// Our address and ports come from our capabilities, which a negotiator
/// keeps, so our re-offer repeats our SDP; by RFC 3264 §8 its version then
/// stays (the RFC's Bob changed his address, so his went up by one). The
/// negotiated values of the re-offer are the RFC's, and Alice's answer
/// (identical to her offer, same version) completes the exchange.
#[test]
fn s2_5_audio_and_video_4_answerer_reoffers() {
    let mut n = bob(vec![
        MediaCapability::audio(49174).codec(ilbc()),
        MediaCapability::video(49170).codec(h261()),
    ]);
    let answer = n
        .receive_offer(rfc("2.5_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.5_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[49174, 49170]);
    n.confirm_answer().unwrap();

    let reoffer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&reoffer, &rfc("2.5_3_bob_offer.sdp"));
    assert_ours(&reoffer, "192.0.2.20", &[49174, 49170]);
    assert_eq!(
        reoffer, answer,
        "nothing changed: the same SDP, same version"
    );
    let s = n.receive_answer(rfc("2.5_4_alice_answer.sdp")).unwrap();
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 97, 97)]);
    assert_eq!(agreed(&s.streams[1]), [("H261".into(), 90000, 31, 31)]);
    assert_eq!(s.local_version, 1);
    assert_eq!(s.remote_version, 2890844526);
}

/// §2.5 from Alice's side: she answers Bob's re-offer with SDP identical to
/// her offer and the same version, as the RFC shows.
#[test]
fn s2_5_alice_answers_reoffer_with_identical_sdp_same_version() {
    let mut n = alice(vec![
        MediaCapability::audio(49170).codec(ilbc().payload_type(97)),
        MediaCapability::video(51372).codec(h261()),
    ]);
    let offer = n.create_offer().unwrap().clone();
    assert_same_negotiated_values(&offer, &rfc("2.5_1_alice_offer.sdp"));
    n.receive_answer(rfc("2.5_2_bob_answer.sdp")).unwrap();
    let answer = n.receive_offer(rfc("2.5_3_bob_offer.sdp")).unwrap().clone();
    assert_same_negotiated_values(&answer, &rfc("2.5_4_alice_answer.sdp"));
    assert_eq!(answer, offer, "identical SDP, same o= version");
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("newhost.biloxi.example.com", 49178))
    );
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("newhost.biloxi.example.com", 49188))
    );
    assert_eq!(s.local_version, 1);
    assert_eq!(s.remote_version, 2808844565);
}

/// §2.6: two alternative audio streams; Bob, without PCMU, rejects the
/// first (port 0) and accepts iLBC with telephone-event on the second.
#[test]
fn s2_6_audio_only_1_first_stream_rejected() {
    let mut n = bob(vec![
        MediaCapability::audio(49170)
            .codec(ilbc())
            .codec(Codec::new("telephone-event", 8000)),
    ]);
    let answer = n
        .receive_offer(rfc("2.6_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.6_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[0, 49170]);
    assert_eq!(mlines(&answer)[1].formats(), ["97", "101"]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].state,
        StreamState::Rejected(RejectReason::NoCommonFormat)
    );
    assert_eq!(
        agreed(&s.streams[1]),
        [
            ("iLBC".into(), 8000, 97, 97),
            ("telephone-event".into(), 8000, 101, 101)
        ]
    );
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 51372))
    );
}

/// §2.7: iLBC on 99 from the start; Alice's re-offer adds MPV to video and
/// Bob's answer (version +1) lists both video codecs.
#[test]
fn s2_7_audio_and_video_5_second_video_codec_added() {
    let mut n = bob(vec![
        MediaCapability::audio(49172).codec(ilbc()),
        MediaCapability::video(51374).codec(h261()).codec(mpv()),
    ]);
    let answer = n
        .receive_offer(rfc("2.7_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.7_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[49172, 51374]);
    assert_eq!(mlines(&answer)[0].formats(), ["99"]);
    n.confirm_answer().unwrap();

    let answer2 = n
        .receive_offer(rfc("2.7_3_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer2, &rfc("2.7_4_bob_answer.sdp"));
    assert_ours(&answer2, "192.0.2.20", &[49172, 51374]);
    assert_eq!(mlines(&answer2)[1].formats(), ["31", "32"]);
    assert_eq!(version(&answer2), version(&answer) + 1);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("iLBC".into(), 8000, 99, 99)]);
    assert_eq!(
        agreed(&s.streams[1]),
        [
            ("H261".into(), 90000, 31, 31),
            ("MPV".into(), 90000, 32, 32)
        ]
    );
}

/// §2.8: the answer puts video on another host. We have one address per
/// negotiator, so our video uses it (not comparable); the negotiated
/// values match, and from Alice's side the media-level `c=` of Bob's
/// answer is where video goes.
#[test]
fn s2_8_audio_and_video_6_video_at_another_address() {
    let mut n = bob(vec![
        MediaCapability::audio(49174).codec(Codec::pcmu()),
        MediaCapability::video(49172).codec(mpv()),
    ]);
    let answer = n
        .receive_offer(rfc("2.8_1_alice_offer.sdp"))
        .unwrap()
        .clone();
    assert_same_negotiated_values(&answer, &rfc("2.8_2_bob_answer.sdp"));
    assert_ours(&answer, "192.0.2.20", &[49174, 49172]);

    let mut a = alice(vec![
        MediaCapability::audio(49170)
            .codec(Codec::pcmu())
            .codec(Codec::pcma())
            .codec(ilbc().payload_type(97)),
        MediaCapability::video(51372).codec(h261()).codec(mpv()),
    ]);
    a.create_offer().unwrap();
    let s = a.receive_answer(rfc("2.8_2_bob_answer.sdp")).unwrap();
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("host.biloxi.example.com", 49174))
    );
    assert_eq!(
        s.streams[1].remote_rtp,
        Some(fqdn_addr("otherhost.biloxi.example.com", 49172))
    );
    assert_eq!(
        s.streams[1].remote_rtcp,
        Some(fqdn_addr("otherhost.biloxi.example.com", 49173))
    );
    assert_eq!(agreed(&s.streams[1]), [("MPV".into(), 90000, 32, 32)]);
    assert_eq!(s.streams[1].media, MediaType::Video);
}
