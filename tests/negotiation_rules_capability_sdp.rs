//! Capability SDP (`manual::negotiation_rules`), the way PJSIP's local SDP works: each
//! m-line lists what we can do; `RTP/SAVP(F)` with `a=crypto` = SDES
//! required, `RTP/AVP` with `a=crypto` = SDES optional, `UDP/TLS/RTP/SAVPF`
//! with `a=fingerprint` = DTLS-SRTP required (and without fingerprint an
//! error); ICE, BUNDLE and rtcp-mux from their attributes.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    CapabilityError, Codec, LocalCapabilities, MediaCapability, Negotiator, SrtpPolicy,
};
use sdp_offer_answer::sdp::{Direction, MediaType, Setup};

const KEY: &str = "inline:b3VyLWtleS04MC0wMTIzNDU2Nzg5YWJjZGVmZ2hp";
const FP: &str = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

fn caps_text(lines: &[impl AsRef<str>]) -> Result<LocalCapabilities, CapabilityError> {
    let text: String = lines
        .iter()
        .map(|l| format!("{}\r\n", l.as_ref()))
        .collect();
    LocalCapabilities::from_sdp_text(&text)
}

/// A capability SDP: a session header for `198.51.100.5`, then `lines`.
fn with_header(lines: &[&str]) -> Vec<String> {
    let mut l: Vec<String> = [
        "v=0",
        "o=me 1 1 IN IP4 198.51.100.5",
        "s=cap",
        "c=IN IP4 198.51.100.5",
        "t=0 0",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    l.extend(lines.iter().map(|s| (*s).to_owned()));
    l
}

/// The bench's PJSIP-style local SDP reads as exactly these capabilities.
#[test]
fn bench_local_sdp_a_reads_as_expected() {
    let caps = LocalCapabilities::from_sdp(&load("bench", "audio_local_a.sdp")).unwrap();
    let expected = LocalCapabilities::builder()
        .username("-")
        .session_name("pjmedia")
        .ipv4("198.51.100.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::pcma().payload_type(8))
                .codec(Codec::pcmu().payload_type(0))
                .codec(
                    Codec::new("telephone-event", 8000)
                        .fmtp("0-16")
                        .payload_type(120),
                )
                .rtcp_attribute(true)
                .direction(Direction::SENDRECV),
        )
        .build()
        .unwrap();
    assert_eq!(caps, expected);
    let m = &caps.media()[0];
    assert_eq!(
        (m.media_type(), m.port(), m.is_rtp()),
        (MediaType::Audio, 4000, true)
    );
    assert_eq!(
        m.codecs()
            .iter()
            .map(|c| (
                c.name(),
                c.clock_rate(),
                c.preferred_payload_type(),
                c.fmtp_params()
            ))
            .collect::<Vec<_>>(),
        [
            ("PCMA", 8000, Some(8), None),
            ("PCMU", 8000, Some(0), None),
            ("telephone-event", 8000, Some(120), Some("0-16"))
        ]
    );
    assert_eq!(caps.ipv4(), Some("198.51.100.5".parse().unwrap()));
    assert_eq!(
        (caps.sdes_policy(), caps.dtls_policy()),
        (SrtpPolicy::Off, SrtpPolicy::Off)
    );
    assert_eq!((caps.ice(), caps.bundle()), (None, false));
}

/// Answering the bench offer A with local SDP A: the PJSIP result.
#[test]
fn bench_offer_a_answered_with_local_sdp_a() {
    let caps = LocalCapabilities::from_sdp(&load("bench", "audio_local_a.sdp")).unwrap();
    let mut n = Negotiator::new(caps, 1);
    let a = n
        .receive_offer(load("bench", "audio_offer_a.sdp"))
        .unwrap()
        .clone();
    assert_eq!(
        a.serialize(),
        "v=0\r\no=- 1 1 IN IP4 198.51.100.5\r\ns=pjmedia\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n\
         m=audio 4000 RTP/AVP 0 8 101\r\na=rtcp:4001 IN IP4 198.51.100.5\r\na=sendrecv\r\n\
         a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n\
         a=fmtp:101 0-16\r\n"
    );
    // And our own offer from it is the capability SDP's m-line again.
    let mut n = Negotiator::new(
        LocalCapabilities::from_sdp(&load("bench", "audio_local_a.sdp")).unwrap(),
        1,
    );
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].formats(), ["8", "0", "120"]);
    assert_eq!(attr_values(o, 0, "rtcp"), ["4001 IN IP4 198.51.100.5"]);
}

/// `RTP/SAVP` with `a=crypto`: SDES required, the key kept.
#[test]
fn savp_with_crypto_is_sdes_required() {
    let caps = caps_text(&with_header(&[
        "m=audio 4000 RTP/SAVP 0",
        &format!("a=crypto:1 AES_CM_128_HMAC_SHA1_80 {KEY}"),
    ]))
    .unwrap();
    assert_eq!(caps.sdes_policy(), SrtpPolicy::Required);
    let mut n = Negotiator::new(caps, 1);
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].proto, "RTP/SAVP");
    assert_eq!(
        attr_values(o, 0, "crypto"),
        [format!("1 AES_CM_128_HMAC_SHA1_80 {KEY}")]
    );
}

/// `RTP/AVP` with `a=crypto`: SDES optional (best effort).
#[test]
fn avp_with_crypto_is_sdes_optional() {
    let caps = caps_text(&with_header(&[
        "m=audio 4000 RTP/AVP 0",
        &format!("a=crypto:1 AES_CM_128_HMAC_SHA1_32 {KEY}"),
    ]))
    .unwrap();
    assert_eq!(caps.sdes_policy(), SrtpPolicy::Optional);
    assert_eq!(caps.dtls_policy(), SrtpPolicy::Off);
    let plain = caps_text(&with_header(&["m=audio 4000 RTP/AVP 0"])).unwrap();
    assert_eq!(plain.sdes_policy(), SrtpPolicy::Off);
}

/// `UDP/TLS/RTP/SAVPF` with a fingerprint: DTLS required; `a=setup:passive`
/// is the role we answer actpass with.
#[test]
fn udp_tls_with_fingerprint_is_dtls_required() {
    let caps = caps_text(&with_header(&[
        "m=audio 4000 UDP/TLS/RTP/SAVPF 0",
        &format!("a=fingerprint:SHA-256 {FP}"),
        "a=setup:passive",
    ]))
    .unwrap();
    assert_eq!(caps.dtls_policy(), SrtpPolicy::Required);
    assert_eq!(caps.sdes_policy(), SrtpPolicy::Off);
    let mut n = Negotiator::new(caps, 1);
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 UDP/TLS/RTP/SAVPF 0",
            &format!("a=fingerprint:sha-256 {FP}"),
            "a=setup:actpass",
        ]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "setup"), [Setup::Passive.as_str()]);
    assert_eq!(attr_values(&a, 0, "fingerprint"), [format!("sha-256 {FP}")]);
}

/// DTLS-SRTP without a fingerprint cannot be built.
#[test]
fn udp_tls_without_fingerprint_is_an_error() {
    assert_eq!(
        caps_text(&with_header(&["m=audio 4000 UDP/TLS/RTP/SAVPF 0"])),
        Err(CapabilityError::DtlsWithoutFingerprint)
    );
}

/// ICE, BUNDLE, rtcp-mux, direction, ptime; port-0 m-lines are not capabilities.
#[test]
fn ice_bundle_rtcp_mux_direction_ptime() {
    let caps = caps_text(&with_header(&[
        "a=group:BUNDLE 0",
        "a=ice-ufrag:abcd",
        "a=ice-pwd:0123456789abcdefghijkl",
        "m=audio 4000 RTP/AVP 0",
        "a=mid:0",
        "a=rtcp-mux",
        "a=recvonly",
        "a=ptime:30",
        "a=candidate:1 1 udp 1 198.51.100.5 4000 typ host",
        "m=video 0 RTP/AVP 96",
        "a=rtpmap:96 VP8/90000",
    ]))
    .unwrap();
    assert_eq!(caps.media().len(), 1);
    assert!(caps.bundle());
    let ice = caps.ice().unwrap();
    assert_eq!((&*ice.ufrag, &*ice.pwd), ("abcd", "0123456789abcdefghijkl"));
    assert!(!ice.host_candidates);
    assert_eq!(ice.candidates.len(), 1);
    let mut n = Negotiator::new(caps, 1);
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].direction, Direction::RECV);
    assert_eq!(attr_values(o, 0, "ptime"), ["30"]);
    assert!(has_attr(o, 0, "rtcp-mux"));
    assert_eq!(
        attr_values(o, 0, "candidate"),
        ["1 1 udp 1 198.51.100.5 4000 typ host"]
    );
}

/// A T.38 m-line is a non-RTP capability; its attributes are written as they are.
#[test]
fn t38_capability_keeps_protocol_formats_attributes() {
    let caps = caps_text(&with_header(&[
        "m=image 4010 udptl t38",
        "a=T38FaxVersion:0",
        "a=T38FaxRateManagement:transferredTCF",
    ]))
    .unwrap();
    let m = &caps.media()[0];
    assert_eq!(
        (m.media_type(), m.port(), m.is_rtp()),
        (MediaType::Image, 4010, false)
    );
    let mut n = Negotiator::new(caps, 1);
    let a = n
        .receive_offer(offer(&["m=image 40000 udptl t38"]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].port, 4010);
    assert_eq!(
        attr_values(&a, 0, "T38FaxRateManagement"),
        ["transferredTCF"]
    );
}

/// A dynamic PT without rtpmap or a malformed SDP: `CapabilityError::Sdp`.
#[test]
fn malformed_capability_sdp_is_an_error() {
    assert!(matches!(
        caps_text(&with_header(&["m=audio 4000 RTP/AVP 96"])),
        Err(CapabilityError::Sdp(_))
    ));
    assert!(matches!(
        LocalCapabilities::from_sdp_text("this is not sdp"),
        Err(CapabilityError::Sdp(_))
    ));
    // No address anywhere.
    assert_eq!(
        caps_text(&[
            "v=0",
            "o=- 1 1 IN IP4 0.0.0.0",
            "s=-",
            "t=0 0",
            "m=audio 4000 RTP/AVP 0"
        ]),
        Err(CapabilityError::NoAddress)
    );
}
