//! The shapes of `tests/data/cases/` (see its README for where each comes
//! from), answered with exact outcomes.

mod common;

use std::time::Duration;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiatedSession, NegotiationError, Negotiator,
    RejectReason, validate_answer,
};
use sdp_offer_answer::sdp::SessionDescription;

fn case(name: &str) -> SessionDescription {
    load("cases", name)
}

fn answer(caps: LocalCapabilities, name: &str) -> (SessionDescription, NegotiatedSession) {
    let offer = case(name);
    let mut n = Negotiator::new(caps, 1);
    let a = n
        .receive_offer(offer.clone())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .clone();
    let s = n.confirm_answer().unwrap().clone();
    // The offerer's check of our answer (RFC 3264 §6) accepts it: a
    // lenient reading must not produce an answer the offer refuses.
    validate_answer(&offer, &a).unwrap_or_else(|e| panic!("{name}: offerer refuses: {e}"));
    (a, s)
}

fn audio(codecs: Vec<Codec>) -> LocalCapabilities {
    let mut m = MediaCapability::audio(4000);
    for c in codecs {
        m = m.codec(c);
    }
    LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(m.telephone_event(8000))
        .build()
        .unwrap()
}

#[test]
fn polycom_g7221_by_bitrate() {
    let caps = audio(vec![
        Codec::new("G7221", 16000)
            .payload_type(96)
            .fmtp("bitrate=24000"),
        Codec::new("G7221", 16000)
            .payload_type(97)
            .fmtp("bitrate=32000"),
    ]);
    let (a, s) = answer(caps, "polycom_g7221.sdp");
    assert_eq!(mlines(&a)[0].formats, ["102", "127"]);
    assert_eq!(attr_values(&a, 0, "fmtp")[0], "102 bitrate=32000");
    assert_eq!(agreed(&s.streams[0])[0], ("G7221".into(), 16000, 102, 102));
}

#[test]
fn ilbc_mode_30() {
    let (a, s) = answer(
        audio(vec![ilbc().payload_type(98).fmtp("mode=20")]),
        "ilbc_mode30.sdp",
    );
    assert_eq!(attr_values(&a, 0, "fmtp")[0], "97 mode=30");
    assert_eq!(s.streams[0].codec().unwrap().ilbc_mode(), Some(30));
}

#[test]
fn opus_without_channels() {
    let (a, _) = answer(
        audio(vec![Codec::opus().payload_type(111)]),
        "opus_no_channels.sdp",
    );
    assert_eq!(attr_values(&a, 0, "rtpmap")[0], "107 opus/48000/2");
}

#[test]
fn g722_at_16000() {
    let (a, _) = answer(audio(vec![Codec::g722()]), "g722_16000.sdp");
    assert_eq!(mlines(&a)[0].formats, ["9", "101"]);
}

#[test]
fn session_level_ptime() {
    let (_, s) = answer(audio(vec![Codec::pcmu()]), "session_ptime.sdp");
    assert_eq!(s.streams[0].ptime, Some(Duration::from_millis(30)));
}

#[test]
fn nettype_other_than_in() {
    let err = Negotiator::new(audio(vec![Codec::pcmu()]), 1)
        .receive_offer(case("nettype_af.sdp"))
        .unwrap_err();
    assert!(
        matches!(&err, NegotiationError::NotAcceptable(r) if r.reason == RejectReason::IncompatibleNetworkProtocol)
    );
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 300"
    );
}

#[test]
fn ice_mismatch_behind_an_sbc() {
    let (a, s) = answer(LocalCapabilities::demo_softphone(), "ice_mismatch_sbc.sdp");
    assert!(has_attr(&a, 0, "ice-mismatch"));
    assert!(attr_values(&a, 0, "ice-ufrag").is_empty());
    assert!(s.streams[0].ice_mismatch && s.streams[0].ice.is_none());
}

/// Chromium's `restartIce()`: the re-offer's new credentials are answered
/// with fresh ones.
#[test]
fn chrome_restart_ice() {
    let mut n = Negotiator::new(LocalCapabilities::demo_softphone(), 1);
    let a1 = n
        .receive_offer(case("chrome_initial_ice.sdp"))
        .unwrap()
        .clone();
    n.confirm_answer().unwrap();
    let a2 = n
        .receive_offer(case("chrome_restart_ice.sdp"))
        .unwrap()
        .clone();
    let s = n.confirm_answer().unwrap();
    assert_ne!(
        attr_values(&a2, 0, "ice-ufrag"),
        attr_values(&a1, 0, "ice-ufrag")
    );
    assert_ne!(
        attr_values(&a2, 0, "ice-pwd"),
        attr_values(&a1, 0, "ice-pwd")
    );
    assert!(s.streams[0].ice_restart);
    assert_eq!(s.streams[0].ice.as_ref().unwrap().ufrag, "Rst2");
}

#[test]
fn webrtc_two_telephone_events() {
    let (a, s) = answer(
        LocalCapabilities::demo_softphone(),
        "webrtc_two_telephone_events.sdp",
    );
    assert_eq!(mlines(&a)[0].formats, ["111", "0", "110", "126"]);
    let te = s.streams[0].telephone_event().unwrap();
    assert_eq!((te.clock_rate, te.send_payload_type), (48000, 110));
}
