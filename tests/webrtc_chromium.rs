//! What Chromium 156 refused in the browser interop test
//! (`tests/interop/browser/`), replayed without a browser: Chromium's SDPs
//! from that run are in `tests/data/webrtc/`, and our side uses the same
//! WebRTC profile as `examples/webrtc_peer.rs`.
//!
//! 1. Our BUNDLE offer numbered header extensions per m-line (audio-level
//!    and abs-send-time both id 2): "Failed to set remote offer sdp: A
//!    BUNDLE group contains a codec collision for header extension id=2. The
//!    id must be the same across all bundled media descriptions".
//! 2. Our offer listed an `rtx` capability as `a=rtpmap:97 rtx/90000` with
//!    no `apt`: "Failed to set remote offer sdp: Failed to set remote video
//!    description send parameters for m-section with mid='1'."
//! 3. Our re-offer after answering Chromium renumbered the extensions
//!    Chromium had chosen: "Failed to set remote offer sdp: RTP extension ID
//!    reassignment not supported (collision on active MID 0, id=1,
//!    old_uri="urn:ietf:params:rtp-hdrext:ssrc-audio-level",
//!    new_uri="urn:ietf:params:rtp-hdrext:sdes:mid"). (mid=0)".

use std::collections::HashMap;
use std::net::Ipv4Addr;

use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiatedSession, Negotiator, SrtpPolicy,
    StreamState,
};
use sdp_offer_answer::sdp::{Direction, SessionDescription, Setup};

const CHROMIUM_ANSWER_TO_OUR_OFFER: &str =
    include_str!("data/webrtc/chromium_answer_to_our_offer.sdp");
const CHROMIUM_OFFER_AUDIO_VIDEO: &str = include_str!("data/webrtc/chromium_offer_audio_video.sdp");
const CHROMIUM_REOFFER_ADD_VIDEO: &str = include_str!("data/webrtc/chromium_reoffer_add_video.sdp");
const CHROMIUM_REOFFER_STOP_VIDEO: &str =
    include_str!("data/webrtc/chromium_reoffer_stop_video.sdp");
const CHROMIUM_ANSWER_TO_OUR_HOLD: &str =
    include_str!("data/webrtc/chromium_answer_to_our_hold.sdp");

const MID: &str = "urn:ietf:params:rtp-hdrext:sdes:mid";
const AUDIO_LEVEL: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
const TWCC: &str = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
const ABS_SEND_TIME: &str = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

/// `examples/webrtc_peer.rs`'s profile with BUNDLE, without the data channel.
fn chromium_profile() -> LocalCapabilities {
    let video_codec = |c: Codec| {
        c.rtcp_fb("goog-remb")
            .rtcp_fb("transport-cc")
            .rtcp_fb("ccm fir")
            .rtcp_fb("nack")
            .rtcp_fb("nack pli")
    };
    let audio = MediaCapability::audio(50000)
        .codec(
            Codec::opus()
                .payload_type(111)
                .fmtp("minptime=10;useinbandfec=1")
                .rtcp_fb("transport-cc"),
        )
        .telephone_event(48000)
        .telephone_event(8000)
        .extmap(MID)
        .extmap(AUDIO_LEVEL)
        .extmap(TWCC);
    let video = MediaCapability::video(50002)
        .codec(video_codec(Codec::vp8().payload_type(96)))
        .codec(video_codec(Codec::h264().payload_type(102)))
        .codec(Codec::new("rtx", 90000))
        .extmap(MID)
        .extmap(ABS_SEND_TIME)
        .extmap(TWCC);
    LocalCapabilities::builder()
        .username("sdpoa")
        .session_name("webrtc-peer")
        .ipv4(Ipv4Addr::LOCALHOST)
        .media(audio)
        .media(video)
        .dtls(
            SrtpPolicy::Required,
            "sha-256",
            "5B:1C:0E:93:7A:44:D2:68:F0:3B:A9:17:C6:2E:85:DB:40:9F:13:76:EA:58:21:BC:07:D4:6F:92:3A:E5:C8:11",
        )
        .dtls_answer_setup(Setup::Active)
        .ice("sdpoaPeer", "sdpoa0webrtc0peer0password")
        .rtcp_mux(true)
        .bundle(true)
        .build()
        .unwrap()
}

fn negotiator() -> Negotiator {
    Negotiator::new(chromium_profile(), 4_242_424_242)
}

fn parse(text: &str) -> SessionDescription {
    SessionDescription::parse(text).unwrap()
}

/// `(m-line index, id, uri)` of every `a=extmap`.
fn extmaps(sdp: &SessionDescription) -> Vec<(usize, u16, String)> {
    let mut out = Vec::new();
    for (i, m) in sdp.media_descriptions().enumerate() {
        for a in m.attributes().filter(|a| a.name() == "extmap") {
            let v = a.value().unwrap();
            let (id, uri) = v.split_once(' ').unwrap();
            let uri = uri.split(' ').next().unwrap();
            out.push((i, id.parse().unwrap(), uri.to_owned()));
        }
    }
    out
}

/// Chromium's rule for a BUNDLE group: one id names one URI, one URI has one id.
fn assert_one_mapping(sdp: &SessionDescription) -> HashMap<String, u16> {
    let mut by_uri: HashMap<String, u16> = HashMap::new();
    let mut by_id: HashMap<u16, String> = HashMap::new();
    for (i, id, uri) in extmaps(sdp) {
        assert_eq!(
            *by_uri.entry(uri.clone()).or_insert(id),
            id,
            "m-line {i}: {uri} has two ids"
        );
        assert_eq!(
            *by_id.entry(id).or_insert_with(|| uri.clone()),
            uri,
            "m-line {i}: id {id} names two URIs"
        );
    }
    by_uri
}

/// The `a=fmtp` parameters of `pt` in m-line `index`.
fn fmtp(sdp: &SessionDescription, index: usize, pt: &str) -> Option<String> {
    sdp.media(index)
        .unwrap()
        .fmtp(pt)
        .map(|f| f.params.to_owned())
}

fn formats(sdp: &SessionDescription, index: usize) -> Vec<String> {
    let m = sdp.media(index).unwrap();
    let line = m.media_line().unwrap();
    line.formats().map(str::to_owned).collect()
}

fn direction(session: &NegotiatedSession, index: usize) -> Direction {
    session.streams[index].direction
}

#[test]
fn our_bundled_offer_gives_each_header_extension_one_id() {
    let mut n = negotiator();
    let offer = n.create_offer().unwrap().clone();
    let ids = assert_one_mapping(&offer);
    assert_eq!(ids[MID], 1);
    assert_eq!(ids[AUDIO_LEVEL], 2);
    assert_eq!(ids[TWCC], 3);
    assert_eq!(ids[ABS_SEND_TIME], 4);
    // Chromium's answer to that offer (its audio sendrecv, its video recvonly).
    let session = n
        .receive_answer(parse(CHROMIUM_ANSWER_TO_OUR_OFFER))
        .unwrap();
    assert_eq!(session.bundle_group, [0, 1]);
    assert_eq!(direction(session, 0), Direction::SENDRECV);
    assert_eq!(direction(session, 1), Direction::SEND);
    assert_eq!(
        session.streams[0].dtls.as_ref().unwrap().local_setup,
        Setup::Passive
    );
}

#[test]
fn our_offer_gives_every_rtx_format_an_apt() {
    let mut n = negotiator();
    let offer = n.create_offer().unwrap().clone();
    // 96 and 97 are audio's telephone-events: BUNDLE keeps a payload type to
    // one meaning across the group (RFC 8843 §9.1), so VP8 takes 98.
    assert_eq!(formats(&offer, 1), ["98", "102", "99", "100"]);
    assert_eq!(fmtp(&offer, 1, "99").as_deref(), Some("apt=98"));
    assert_eq!(fmtp(&offer, 1, "100").as_deref(), Some("apt=102"));
    // The audio m-line has no codec at 90 kHz: no RTX there.
    assert_eq!(formats(&offer, 0), ["111", "96", "97"]);
    let session = n
        .receive_answer(parse(CHROMIUM_ANSWER_TO_OUR_OFFER))
        .unwrap();
    let rtx: Vec<(u8, Option<&str>)> = session.streams[1]
        .codecs
        .iter()
        .filter(|c| &*c.encoding_name == "rtx")
        .map(|c| (c.send_payload_type, c.send_fmtp.as_deref()))
        .collect();
    assert_eq!(rtx, [(99, Some("apt=98")), (100, Some("apt=102"))]);
}

#[test]
fn a_hold_after_answering_chromium_keeps_its_extension_ids_and_rtx_numbers() {
    let mut n = negotiator();
    for offer in [
        CHROMIUM_OFFER_AUDIO_VIDEO,
        CHROMIUM_REOFFER_ADD_VIDEO,
        CHROMIUM_REOFFER_STOP_VIDEO,
    ] {
        n.receive_offer(parse(offer)).unwrap();
        n.confirm_answer().unwrap();
    }
    let answered = n.local_description().unwrap().clone();
    assert_eq!(
        n.negotiated_session().unwrap().streams[2].state,
        StreamState::Disabled
    );
    n.hold();
    let offer = n.create_offer().unwrap().clone();
    // Chromium's numbering, as our answers echoed it.
    let ids = assert_one_mapping(&offer);
    assert_eq!(ids, assert_one_mapping(&answered));
    assert_eq!(ids[AUDIO_LEVEL], 1);
    assert_eq!(ids[ABS_SEND_TIME], 2);
    assert_eq!(ids[TWCC], 3);
    assert_eq!(ids[MID], 4);
    // RTX keeps the session's numbers for the codecs kept.
    assert_eq!(formats(&offer, 1), ["96", "102", "97", "103"]);
    assert_eq!(fmtp(&offer, 1, "97").as_deref(), Some("apt=96"));
    assert_eq!(fmtp(&offer, 1, "103").as_deref(), Some("apt=102"));
    // H.264 keeps payload type 102 with the fmtp our answer gave it (Chromium
    // offered Baseline 42001f there): a number keeps its meaning (RFC 3264 §8.3.2).
    assert_eq!(fmtp(&offer, 1, "102"), fmtp(&answered, 1, "102"));
    assert!(
        fmtp(&offer, 1, "102")
            .unwrap()
            .contains("profile-level-id=4200")
    );
    assert_eq!(offer.media(2).unwrap().media_line().unwrap().port, 0);
    let session = n
        .receive_answer(parse(CHROMIUM_ANSWER_TO_OUR_HOLD))
        .unwrap();
    assert_eq!(direction(session, 0), Direction::SEND);
    assert_eq!(direction(session, 1), Direction::SEND);
    assert_eq!(session.streams[2].state, StreamState::Disabled);
    assert_eq!(session.bundle_group, [0, 1]);
}
