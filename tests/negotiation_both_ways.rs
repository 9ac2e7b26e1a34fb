//! Two negotiators with different capabilities negotiate with each other
//! in both directions (create_offer → receive_offer → confirm_answer →
//! receive_answer) and must agree: the same codec per stream, the send PT
//! of one is the recv PT of the other, opposite directions, each one's
//! remote address and port is the other's, SRTP keys and DTLS roles crossed.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability, NegotiatedSession,
    NegotiatedStream, Negotiator, SrtpPolicy,
};
use sdp_offer_answer::sdp::{Direction, Setup};

const A_IP: &str = "192.0.2.10";
const B_IP: &str = "192.0.2.20";
const FP_A: &str = "AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA";
const FP_B: &str = "BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB:BB";
const KEY_A: &str = "inline:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";
const KEY_B: &str = "inline:QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJC";

/// A softphone: opus, PCMA, PCMU, DTMF; VP8 and H.264 (PT 102).
fn a_caps() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .username("a")
        .ipv4(A_IP.parse().unwrap())
        .media(
            MediaCapability::audio(10000)
                .codec(Codec::opus().payload_type(111))
                .codec(Codec::pcma())
                .codec(Codec::pcmu())
                .telephone_event(8000)
                .ptime_ms(20),
        )
        .media(
            MediaCapability::video(10002)
                .codec(Codec::vp8().payload_type(96))
                .codec(Codec::h264().payload_type(102)),
        )
}

/// A desk phone: G.722, PCMU, PCMA, DTMF on 101 (0-15); H.264 on PT 100.
fn b_caps() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .username("b")
        .ipv4(B_IP.parse().unwrap())
        .media(
            MediaCapability::audio(20000)
                .codec(Codec::g722())
                .codec(Codec::pcmu())
                .codec(Codec::pcma())
                .codec(
                    Codec::new("telephone-event", 8000)
                        .fmtp("0-15")
                        .payload_type(101),
                )
                .ptime_ms(30),
        )
        .media(MediaCapability::video(20002).codec(Codec::h264().payload_type(100)))
}

/// One full exchange, `offerer` to `answerer`; returns (offerer's, answerer's) session.
fn exchange(
    offerer: &mut Negotiator,
    answerer: &mut Negotiator,
) -> (NegotiatedSession, NegotiatedSession) {
    let offer = offerer.create_offer().unwrap().clone();
    let answer = answerer.receive_offer(offer).unwrap().clone();
    let theirs = answerer.confirm_answer().unwrap().clone();
    let ours = offerer.receive_answer(answer).unwrap().clone();
    (ours, theirs)
}

/// The two sessions are the two ends of the same streams.
fn assert_agree(x: &NegotiatedSession, x_ip: &str, y: &NegotiatedSession, y_ip: &str) {
    assert_eq!(x.streams.len(), y.streams.len());
    assert_eq!(x.local_version, y.remote_version);
    assert_eq!(x.remote_version, y.local_version);
    for (s, t) in x.streams.iter().zip(&y.streams) {
        assert_eq!(s.media, t.media);
        assert_eq!(s.is_active(), t.is_active(), "{s:?}\n{t:?}");
        if !s.is_active() {
            continue;
        }
        assert_eq!(s.direction, t.direction.reversed());
        assert_eq!(s.codecs.len(), t.codecs.len());
        for (c, d) in s.codecs.iter().zip(&t.codecs) {
            assert!(c.encoding_name.eq_ignore_ascii_case(&d.encoding_name));
            assert_eq!((c.clock_rate, c.channels), (d.clock_rate, d.channels));
            assert_eq!(c.send_payload_type, d.recv_payload_type);
            assert_eq!(c.recv_payload_type, d.send_payload_type);
            assert_eq!(c.send_fmtp, d.recv_fmtp);
            assert_eq!(c.recv_fmtp, d.send_fmtp);
        }
        assert_eq!(s.remote_rtp, Some(ip_addr(y_ip, t.local_port)));
        assert_eq!(t.remote_rtp, Some(ip_addr(x_ip, s.local_port)));
        assert_eq!(s.rtcp_mux, t.rtcp_mux);
        match (&s.sdes, &t.sdes) {
            (Some(a), Some(b)) => {
                assert_eq!((a.tag, &a.suite), (b.tag, &b.suite));
                assert_eq!(
                    a.send.master_keys[0].to_inline(),
                    b.receive.master_keys[0].to_inline()
                );
                assert_eq!(
                    a.receive.master_keys[0].to_inline(),
                    b.send.master_keys[0].to_inline()
                );
            }
            (None, None) => {}
            other => panic!("SDES on one side only: {other:?}"),
        }
        match (&s.dtls, &t.dtls) {
            (Some(a), Some(b)) => {
                let roles = [a.local_setup, b.local_setup];
                assert!(
                    roles == [Setup::Active, Setup::Passive]
                        || roles == [Setup::Passive, Setup::Active],
                    "{roles:?}"
                );
            }
            (None, None) => {}
            other => panic!("DTLS on one side only: {other:?}"),
        }
    }
}

fn codec_of(s: &NegotiatedStream) -> (String, u8, u8) {
    let c = s.codec().unwrap();
    (
        c.encoding_name.to_string(),
        c.send_payload_type,
        c.recv_payload_type,
    )
}

#[test]
fn a_offers_to_b() {
    let mut a = Negotiator::new(a_caps().build().unwrap(), 1);
    let mut b = Negotiator::new(b_caps().build().unwrap(), 2);
    let (sa, sb) = exchange(&mut a, &mut b);
    assert_agree(&sa, A_IP, &sb, B_IP);
    // B answers in A's order: PCMA first; H.264 on A's PT 102.
    assert_eq!(codec_of(&sa.streams[0]), ("PCMA".into(), 8, 8));
    assert_eq!(codec_of(&sb.streams[0]), ("PCMA".into(), 8, 8));
    assert_eq!(codec_of(&sa.streams[1]), ("H264".into(), 102, 102));
    // DTMF: A offered 0-16 on its PT, B answers the intersection 0-15.
    let te = sa.streams[0].telephone_event().unwrap();
    assert_eq!(te.send_fmtp.as_deref(), Some("0-15"));
    assert_eq!(te.recv_fmtp.as_deref(), Some("0-16"));
    // Each sends with the other's ptime.
    assert_eq!(
        sa.streams[0].ptime,
        Some(std::time::Duration::from_millis(30))
    );
    assert_eq!(
        sb.streams[0].ptime,
        Some(std::time::Duration::from_millis(20))
    );
    assert!(
        sa.streams
            .iter()
            .all(|s| s.direction == Direction::SENDRECV)
    );
}

#[test]
fn b_offers_to_a() {
    let mut a = Negotiator::new(a_caps().build().unwrap(), 1);
    let mut b = Negotiator::new(b_caps().build().unwrap(), 2);
    let (sb, sa) = exchange(&mut b, &mut a);
    assert_agree(&sb, B_IP, &sa, A_IP);
    // A answers in B's order: PCMU first; H.264 on B's PT 100, DTMF on 101.
    assert_eq!(codec_of(&sa.streams[0]), ("PCMU".into(), 0, 0));
    assert_eq!(codec_of(&sa.streams[1]), ("H264".into(), 100, 100));
    assert_eq!(
        sa.streams[0].telephone_event().map(|t| t.send_payload_type),
        Some(101)
    );
}

/// In one session both ways: A offers, then B re-offers (with hold), then
/// A re-offers to resume; the PTs negotiated first stay (RFC 3264 §8.3.2).
#[test]
fn one_session_offers_both_ways() {
    let mut a = Negotiator::new(a_caps().build().unwrap(), 1);
    let mut b = Negotiator::new(b_caps().build().unwrap(), 2);
    let (sa, sb) = exchange(&mut a, &mut b);
    assert_agree(&sa, A_IP, &sb, B_IP);

    b.hold();
    let (sb, sa) = exchange(&mut b, &mut a);
    assert_agree(&sb, B_IP, &sa, A_IP);
    assert_eq!(sb.streams[0].direction, Direction::SEND);
    assert_eq!(sa.streams[0].direction, Direction::RECV);
    assert_eq!(codec_of(&sa.streams[1]).1, 102);
    assert_eq!(sb.local_version, 2);

    b.resume();
    let (sa, sb) = exchange(&mut a, &mut b);
    assert_agree(&sa, A_IP, &sb, B_IP);
    assert_eq!(sa.streams[0].direction, Direction::SENDRECV);
    assert_eq!(codec_of(&sb.streams[1]).1, 102);
    // Ports never moved.
    assert_eq!(sa.streams[0].local_port, 10000);
    assert_eq!(sb.streams[0].local_port, 20000);
}

/// SDES: A optional, B required. A's best-effort offer (RTP/AVP + crypto)
/// and B's RTP/SAVP offer both end encrypted with crossed keys.
#[test]
fn sdes_both_ways() {
    let a_caps = || {
        a_caps()
            .sdes(SrtpPolicy::Optional)
            .sdes_key("AES_CM_128_HMAC_SHA1_80", KEY_A)
    };
    let b_caps = || {
        b_caps()
            .sdes(SrtpPolicy::Required)
            .sdes_key("AES_CM_128_HMAC_SHA1_80", KEY_B)
    };
    for a_first in [true, false] {
        let mut a = Negotiator::new(a_caps().build().unwrap(), 1);
        let mut b = Negotiator::new(b_caps().build().unwrap(), 2);
        let (sa, sb) = if a_first {
            exchange(&mut a, &mut b)
        } else {
            let (sb, sa) = exchange(&mut b, &mut a);
            (sa, sb)
        };
        assert_agree(&sa, A_IP, &sb, B_IP);
        let k = sa.streams[0].sdes.as_ref().unwrap();
        assert_eq!(
            (
                k.send.master_keys[0].to_inline().as_str(),
                k.receive.master_keys[0].to_inline().as_str()
            ),
            (KEY_A, KEY_B)
        );
    }
}

/// DTLS: B requires it and offers actpass; A answers active. A's own offer
/// (DTLS optional) is plain RTP, which B refuses.
#[test]
fn dtls_both_ways() {
    let a_caps = || a_caps().dtls(SrtpPolicy::Optional, "sha-256", FP_A);
    let b_caps = || b_caps().dtls(SrtpPolicy::Required, "sha-256", FP_B);
    let mut a = Negotiator::new(a_caps().build().unwrap(), 1);
    let mut b = Negotiator::new(b_caps().build().unwrap(), 2);
    let (sb, sa) = exchange(&mut b, &mut a);
    assert_agree(&sb, B_IP, &sa, A_IP);
    let (da, db) = (
        sa.streams[0].dtls.as_ref().unwrap(),
        sb.streams[0].dtls.as_ref().unwrap(),
    );
    assert_eq!(
        (da.local_setup, db.local_setup),
        (Setup::Active, Setup::Passive)
    );
    assert_eq!(
        (
            da.remote_fingerprint.as_str(),
            db.remote_fingerprint.as_str()
        ),
        (FP_B, FP_A)
    );

    let mut a = Negotiator::new(a_caps().build().unwrap(), 1);
    let mut b = Negotiator::new(b_caps().build().unwrap(), 2);
    let offer = a.create_offer().unwrap().clone();
    assert_eq!(mlines(&offer)[0].proto, "RTP/AVP");
    let err = b.receive_offer(offer).unwrap_err();
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 302"
    );
}
