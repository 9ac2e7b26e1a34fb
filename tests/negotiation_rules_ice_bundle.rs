//! ICE (RFC 8839) and BUNDLE (RFC 9143): ICE attributes are answered only
//! when both the offer and our capabilities have ICE; the answer's BUNDLE
//! group lists the accepted offered mids in the offer's order and every
//! bundled m-line shares the port of the first (with rtcp-mux); a
//! `bundle-only` m-line (port 0) is taken only when we do BUNDLE.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability, Negotiator, RemoteIce,
    StreamState,
};
use sdp_offer_answer::sdp::{MediaType, SessionDescription};

const PWD: &str = "0123456789abcdefghijkl";

fn builder() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .media(MediaCapability::video(5000).codec(Codec::vp8()))
}

fn answer(
    b: LocalCapabilitiesBuilder,
    offer: SessionDescription,
) -> (SessionDescription, Negotiator) {
    let mut n = Negotiator::new(b.build().unwrap(), 1);
    let a = n.receive_offer(offer).unwrap().clone();
    n.confirm_answer().unwrap();
    (a, n)
}

fn ice_offer(rtcp_mux: bool) -> SessionDescription {
    let mut lines = vec![
        "m=audio 20000 RTP/AVP 0",
        "a=ice-ufrag:rmt1",
        "a=ice-pwd:remotepassword0123456789",
        "a=candidate:1 1 udp 2130706431 192.0.2.1 20000 typ host",
    ];
    if rtcp_mux {
        lines.push("a=rtcp-mux");
    }
    offer(&lines)
}

const ICE_ATTRS: [&str; 4] = ["ice-ufrag", "ice-pwd", "candidate", "end-of-candidates"];

fn has_ice(a: &SessionDescription) -> bool {
    ICE_ATTRS.iter().any(|name| has_attr(a, 0, name))
}

/// Both sides do ICE: credentials, host candidates (RTP and RTCP without
/// rtcp-mux), end-of-candidates; the remote credentials are in the session.
#[test]
fn ice_answered_when_both_sides_do_it() {
    let (a, n) = answer(builder().ice("loc1", PWD), ice_offer(false));
    assert_eq!(attr_values(&a, 0, "ice-ufrag"), ["loc1"]);
    assert_eq!(attr_values(&a, 0, "ice-pwd"), [PWD]);
    assert_eq!(
        attr_values(&a, 0, "candidate"),
        [
            "1 1 udp 2130706431 192.0.2.5 4000 typ host",
            "1 2 udp 2130706430 192.0.2.5 4001 typ host"
        ]
    );
    assert!(has_attr(&a, 0, "end-of-candidates"));
    assert!(session_attr_values(&a, "ice-lite").is_empty());
    assert_eq!(
        n.negotiated_session().unwrap().streams[0].ice,
        Some(RemoteIce {
            ufrag: "rmt1".into(),
            pwd: "remotepassword0123456789".into(),
            lite: false
        })
    );
}

/// With rtcp-mux both ways, one host candidate (component 1) only.
#[test]
fn ice_with_rtcp_mux_has_one_component() {
    let (a, n) = answer(builder().ice("loc1", PWD).rtcp_mux(true), ice_offer(true));
    assert_eq!(
        attr_values(&a, 0, "candidate"),
        ["1 1 udp 2130706431 192.0.2.5 4000 typ host"]
    );
    assert!(has_attr(&a, 0, "rtcp-mux"));
    let s = &n.negotiated_session().unwrap().streams[0];
    assert!(s.rtcp_mux);
    assert_eq!(s.remote_rtcp, None);
}

/// ICE lite, and given candidates instead of generated host ones.
#[test]
fn ice_lite_and_configured_candidates() {
    let (a, _) = answer(
        builder()
            .ice("loc1", PWD)
            .ice_lite(true)
            .ice_host_candidates(false)
            .ice_candidate(
                MediaType::Audio,
                "7 1 udp 1694498815 198.51.100.9 40000 typ srflx raddr 192.0.2.5 rport 4000",
            )
            .ice_candidate(MediaType::Video, "8 1 udp 1 198.51.100.9 40002 typ srflx"),
        ice_offer(false),
    );
    assert_eq!(session_attr_values(&a, "ice-lite"), [""]);
    assert_eq!(
        attr_values(&a, 0, "candidate"),
        ["7 1 udp 1694498815 198.51.100.9 40000 typ srflx raddr 192.0.2.5 rport 4000"]
    );
}

/// No ICE in our capabilities: no ICE attribute in the answer and no remote
/// credentials in the session, even when the offer has ICE.
#[test]
fn no_ice_attributes_without_ice_capability() {
    let (a, n) = answer(builder(), ice_offer(false));
    assert!(!has_ice(&a));
    assert_eq!(n.negotiated_session().unwrap().streams[0].ice, None);
}

/// ICE capability but no ICE in the offer: the answer has no ICE either.
#[test]
fn no_ice_attributes_when_offer_has_none() {
    let (a, n) = answer(
        builder().ice("loc1", PWD),
        offer(&["m=audio 20000 RTP/AVP 0"]),
    );
    assert!(!has_ice(&a));
    assert_eq!(n.negotiated_session().unwrap().streams[0].ice, None);
}

fn bundle_offer() -> SessionDescription {
    bundle_offer_with(&["a=rtcp-mux"])
}

/// Video, audio, text and a bundle-only audio in one BUNDLE group; `last`
/// are the bundle-only m-line's attributes after `a=bundle-only`.
fn bundle_offer_with(last: &[&str]) -> SessionDescription {
    let mut lines = vec![
        "v=0",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "c=IN IP4 192.0.2.1",
        "t=0 0",
        "a=group:BUNDLE v1 a1 t1 a2",
        "m=video 30000 RTP/AVP 96",
        "a=mid:v1",
        "a=rtpmap:96 VP8/90000",
        "a=rtcp-mux",
        "m=audio 30000 RTP/AVP 0",
        "a=mid:a1",
        "a=rtcp-mux",
        "m=text 30000 RTP/AVP 98",
        "a=mid:t1",
        "a=rtpmap:98 t140/1000",
        "m=audio 0 RTP/AVP 0",
        "a=mid:a2",
        "a=bundle-only",
    ];
    lines.extend_from_slice(last);
    sdp(&lines)
}

/// BUNDLE: the group lists the accepted mids in the offer's order (the
/// rejected text stream left out), every bundled m-line uses the port of
/// the first accepted one, with rtcp-mux; the bundle-only stream is taken.
#[test]
fn bundle_group_lists_accepted_mids_and_shares_the_port() {
    let (a, n) = answer(builder().bundle(true).rtcp_mux(true), bundle_offer());
    assert_eq!(session_attr_values(&a, "group"), ["BUNDLE v1 a1 a2"]);
    let m = mlines(&a);
    assert_eq!(
        m.iter().map(|l| l.port).collect::<Vec<_>>(),
        [5000, 5000, 0, 5000]
    );
    assert_eq!(attr_values(&a, 2, "mid"), ["t1"]);
    assert!([0, 1, 3].iter().all(|&i| has_attr(&a, i, "rtcp-mux")));
    let s = n.negotiated_session().unwrap();
    assert_eq!(
        s.streams.iter().map(|s| s.local_port).collect::<Vec<_>>(),
        [5000, 5000, 0, 5000]
    );
    assert_eq!(
        s.streams[2].state,
        StreamState::Rejected(sdp_offer_answer::negotiation::RejectReason::UnsupportedMediaType)
    );
    assert!(s.streams[3].is_active());
    assert!(s.streams[1].rtcp_mux);
    assert_eq!(s.streams[0].mid.as_deref(), Some("v1"));
}

/// An offer breaking RFC 8843 §9.3.1.1 (no rtcp-mux on its bundle-only
/// m-line) gets rtcp-mux only where it offered it (RFC 5761 §5.1.1); the
/// answer and the session agree.
#[test]
fn bundle_only_line_without_rtcp_mux_is_not_muxed() {
    let (a, n) = answer(
        builder().bundle(true).rtcp_mux(true),
        bundle_offer_with(&[]),
    );
    assert_eq!(session_attr_values(&a, "group"), ["BUNDLE v1 a1 a2"]);
    assert_eq!(
        [0, 1, 2, 3].map(|i| has_attr(&a, i, "rtcp-mux")),
        [true, true, false, false]
    );
    // The session describes transports: the bundled m-line 3 rides on the
    // BUNDLE tag's transport (RFC 9143 §7.3.3), which is muxed.
    let s = n.negotiated_session().unwrap();
    assert_eq!(
        s.streams.iter().map(|s| s.rtcp_mux).collect::<Vec<_>>(),
        [true, true, false, true]
    );
    assert_eq!(s.bundle_group, [0, 1, 3]);
    assert_eq!(s.streams[3].local_port, 5000);
}

/// Without BUNDLE in our capabilities: no group, each stream its own port,
/// and the bundle-only stream (port 0) is a disabled one.
#[test]
fn no_bundle_capability_no_group() {
    let (a, n) = answer(builder(), bundle_offer());
    assert!(session_attr_values(&a, "group").is_empty());
    assert_eq!(
        mlines(&a).iter().map(|l| l.port).collect::<Vec<_>>(),
        [5000, 4000, 0, 0]
    );
    assert_eq!(
        n.negotiated_session().unwrap().streams[3].state,
        StreamState::Disabled
    );
}

/// Our offer with BUNDLE: mids 0, 1 and a group listing them.
#[test]
fn our_offer_with_bundle() {
    let mut n = Negotiator::new(builder().bundle(true).build().unwrap(), 1);
    let o = n.create_offer().unwrap();
    assert_eq!(session_attr_values(o, "group"), ["BUNDLE 0 1"]);
    assert_eq!(attr_values(o, 0, "mid"), ["0"]);
    assert_eq!(attr_values(o, 1, "mid"), ["1"]);
    let mut n = Negotiator::new(builder().build().unwrap(), 1);
    let o = n.create_offer().unwrap();
    assert!(session_attr_values(o, "group").is_empty());
    assert!(attr_values(o, 0, "mid").is_empty());
}
