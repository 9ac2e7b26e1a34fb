//! Cross-checks over many inputs and capability sets (no
//! panic on any input; RFC 3264 §6): every SDP of tests/data answered under
//! every capability profile, held or not, is a well-formed answer or a
//! typed refusal (debug builds also read each answer back, `self_check`);
//! and every pair of profiles negotiates in both directions through re-offers
//! (hold, added and removed streams) with each answer accepted by the
//! offerer and both sessions agreeing.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    AnswerCodecs, Codec, CodecOrder, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability,
    NegotiatedSession, NegotiationError, Negotiator, SrtpPolicy,
};
use sdp_offer_answer::sdp::{Direction, MediaType, SessionDescription};

fn full(ip: &str) -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4(ip.parse().unwrap())
        .ipv6("2001:db8::5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::opus().payload_type(111))
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .codec(Codec::g722())
                .telephone_event(8000)
                .telephone_event(48000)
                .codec(Codec::new("CN", 8000)),
        )
        .media(
            MediaCapability::video(5000)
                .codec(Codec::vp8())
                .codec(Codec::h264())
                .codec(Codec::new("rtx", 90000))
                .codec(Codec::new("red", 90000))
                .codec(Codec::new("ulpfec", 90000)),
        )
        .media(MediaCapability::data_channel(5002))
        .media(MediaCapability::new(MediaType::Image, 5004).non_rtp("udptl", &["t38"]))
}

fn profiles() -> Vec<(&'static str, LocalCapabilities)> {
    vec![
        ("demo", LocalCapabilities::demo_softphone()),
        (
            "first-local",
            full("192.0.2.31")
                .answer_codecs(AnswerCodecs::First)
                .codec_order(CodecOrder::Local)
                .dtls(SrtpPolicy::Optional, "sha-256", "AA:BB")
                .build()
                .unwrap(),
        ),
        (
            "bundle-ice",
            full("192.0.2.32")
                .bundle(true)
                .rtcp_mux(true)
                .ice("abcd", "0123456789abcdefghijkl")
                .dtls(SrtpPolicy::Optional, "sha-256", "AA:BB")
                .sdes(SrtpPolicy::Optional)
                .sdes_key(
                    "AES_CM_128_HMAC_SHA1_80",
                    "inline:aW50ZXJvcC1tYXRyaXgta2V5LTAxMjM0NTY3ODlh",
                )
                .build()
                .unwrap(),
        ),
        (
            "sdes-required",
            full("192.0.2.33")
                .sdes(SrtpPolicy::Required)
                .sdes_key(
                    "AES_CM_128_HMAC_SHA1_32",
                    "inline:aW50ZXJvcC1tYXRyaXgta2V5LTAxMjM0NTY3ODlh",
                )
                .build()
                .unwrap(),
        ),
        (
            "ipv6-only",
            LocalCapabilities::builder()
                .ipv6("2001:db8::9".parse().unwrap())
                .media(
                    MediaCapability::audio(6000)
                        .codec(Codec::pcmu())
                        .telephone_event(8000),
                )
                .build()
                .unwrap(),
        ),
        (
            "dtls-required",
            LocalCapabilities::builder()
                .ipv4("192.0.2.34".parse().unwrap())
                .media(
                    MediaCapability::audio(6000)
                        .codec(Codec::pcma())
                        .codec(Codec::opus()),
                )
                .media(MediaCapability::video(6002).codec(Codec::h264()))
                .dtls(SrtpPolicy::Required, "sha-256", "CC:DD")
                .bundle(true)
                .rtcp_mux(true)
                .ice("wxyz", "0123456789abcdefghijkl")
                .build()
                .unwrap(),
        ),
        (
            "lite-local-order",
            LocalCapabilities::builder()
                .ipv6("2001:db8::7".parse().unwrap())
                .ipv4("192.0.2.35".parse().unwrap())
                .media(
                    MediaCapability::video(8000)
                        .codec(Codec::h264().payload_type(100))
                        .codec(Codec::vp8()),
                )
                .media(
                    MediaCapability::audio(8002)
                        .codec(Codec::g722())
                        .codec(Codec::opus())
                        .telephone_event(48000)
                        .ptime_ms(40)
                        .maxptime_ms(120)
                        .bandwidth_kbps(64),
                )
                .ice("lite", "0123456789abcdefghijkl")
                .ice_lite(true)
                .bundle(true)
                .codec_order(CodecOrder::Local)
                .build()
                .unwrap(),
        ),
        (
            "one-way",
            LocalCapabilities::builder()
                .ipv4("192.0.2.36".parse().unwrap())
                .media(
                    MediaCapability::audio(7000)
                        .codec(Codec::pcmu())
                        .direction(Direction::RECV),
                )
                .media(
                    MediaCapability::audio(7010)
                        .codec(Codec::pcmu())
                        .direction(Direction::SEND),
                )
                .build()
                .unwrap(),
        ),
    ]
}

fn all_test_sdps() -> Vec<(String, SessionDescription)> {
    let mut out = Vec::new();
    for sub in ["corpus", "rfc4317", "bench"] {
        let mut names: Vec<String> = std::fs::read_dir(data_dir(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sdp"))
            .collect();
        names.sort();
        for n in names {
            out.push((format!("{sub}/{n}"), load(sub, &n)));
        }
    }
    out
}

#[test]
fn every_test_sdp_answered_or_refused_under_every_profile() {
    let (mut answered, mut refused) = (0, 0);
    for (name, caps) in profiles() {
        for hold in [false, true] {
            for (file, offer) in all_test_sdps() {
                let mut n = Negotiator::new(caps.clone(), 9);
                if hold {
                    n.hold();
                }
                match n.receive_offer(offer.clone()) {
                    Ok(answer) => {
                        let answer = answer.clone();
                        let ctx = format!("{name} hold={hold} {file}");
                        assert_eq!(answer.media_count(), offer.media_count(), "{ctx}");
                        assert_eq!(
                            SessionDescription::parse(&answer.serialize()).unwrap(),
                            answer,
                            "{ctx}"
                        );
                        for (o, a) in mlines(&offer).iter().zip(mlines(&answer)) {
                            assert_eq!((&a.media, &a.proto), (&o.media, &o.proto), "{ctx}");
                            if a.accepted() {
                                assert!(a.formats.iter().all(|f| o.formats.contains(f)), "{ctx}");
                                if hold {
                                    assert!(
                                        !a.direction.contains(Direction::RECV)
                                            || a.proto == "udptl"
                                            || a.proto.contains("SCTP"),
                                        "{ctx}"
                                    );
                                }
                            }
                        }
                        n.confirm_answer().unwrap();
                        // A re-offer from us is always possible afterwards.
                        let reoffer = n.create_offer().unwrap().clone();
                        assert!(reoffer.media_count() >= offer.media_count(), "{ctx}");
                        answered += 1;
                    }
                    Err(NegotiationError::NotAcceptable(r)) => {
                        assert!(!r.streams.is_empty());
                        refused += 1;
                    }
                    Err(e) => panic!("{name} {file}: {e:?}"),
                }
            }
        }
    }
    // 8 profiles × 2 holds × 79 SDPs (RFC 4317 answers are fed as offers too;
    // iLBC/H.261 and plain RTP to SRTP-only profiles are refused).
    assert_eq!((answered, refused), (406, 858));
}

/// Both sessions describe the same streams from the two ends.
fn assert_agree(x: &NegotiatedSession, y: &NegotiatedSession, ctx: &str) {
    assert_eq!(x.streams.len(), y.streams.len(), "{ctx}");
    for (s, t) in x.streams.iter().zip(&y.streams) {
        assert_eq!(s.is_active(), t.is_active(), "{ctx}: {s:?} {t:?}");
        if !s.is_active() {
            continue;
        }
        assert_eq!(s.direction, t.direction.reversed(), "{ctx}");
        assert_eq!(s.codecs.len(), t.codecs.len(), "{ctx}");
        for (c, d) in s.codecs.iter().zip(&t.codecs) {
            assert_eq!(c.send_payload_type, d.recv_payload_type, "{ctx}");
            assert_eq!(c.send_fmtp, d.recv_fmtp, "{ctx}");
        }
        assert_eq!(s.sdes.is_some(), t.sdes.is_some(), "{ctx}");
        assert_eq!(s.dtls.is_some(), t.dtls.is_some(), "{ctx}");
        assert_eq!(s.rtcp_mux, t.rtcp_mux, "{ctx}");
        assert_eq!(
            s.remote_rtp.as_ref().map(|a| a.port),
            Some(t.local_port),
            "{ctx}"
        );
    }
}

/// Active streams on distinct ports unless BUNDLE shares them.
fn assert_distinct_ports(s: &NegotiatedSession, caps: &LocalCapabilities, ctx: &str) {
    if caps.bundle() {
        return;
    }
    let mut ports: Vec<u16> = s.active_streams().map(|s| s.local_port).collect();
    let n = ports.len();
    ports.sort_unstable();
    ports.dedup();
    assert_eq!(ports.len(), n, "{ctx}: port collision");
}

#[test]
fn every_pair_of_profiles_interoperates_both_ways() {
    let profiles = profiles();
    let mut completed = 0;
    for (an, a) in &profiles {
        for (bn, b) in &profiles {
            for variant in 0..3 {
                let mut x = Negotiator::new(a.clone(), 1);
                let mut y = Negotiator::new(b.clone(), 2);
                for round in 0..6 {
                    let ctx = format!("{an} <-> {bn}, variant {variant}, round {round}");
                    let (o, ans) = if round % 2 == 0 {
                        (&mut x, &mut y)
                    } else {
                        (&mut y, &mut x)
                    };
                    match (round, variant) {
                        (r, v) if r == v => o.hold(),
                        (1, _) => drop(o.add_stream(MediaType::Video)),
                        (2, _) => drop(o.add_stream(MediaType::Audio)),
                        (3, 1) => drop(o.remove_stream(1)),
                        (4, _) => o.resume(),
                        _ => {}
                    }
                    let offer = o.create_offer().unwrap().clone();
                    let Ok(answer) = ans.receive_offer(offer) else {
                        o.rollback();
                        continue;
                    };
                    let answer = answer.clone();
                    let theirs = ans.confirm_answer().unwrap().clone();
                    let ours = o
                        .receive_answer(answer)
                        .unwrap_or_else(|e| panic!("{ctx}: answer refused: {e}"))
                        .clone();
                    assert_agree(&ours, &theirs, &ctx);
                    assert_distinct_ports(&ours, o.capabilities(), &ctx);
                    assert_distinct_ports(&theirs, ans.capabilities(), &ctx);
                    completed += 1;
                }
            }
        }
    }
    assert_eq!(completed, 729);
}
