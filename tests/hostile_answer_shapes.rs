//! Offers shaped to make answering expensive (issue: "quadratic answer
//! cost"): each is answered with exactly what a normal offer of the same
//! meaning gets. Their cost is measured in `benches/hostile.rs`
//! (`answer/hostile/*`), not here.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, Negotiator,
};
use sdp_offer_answer::sdp::{ParseLimits, SdpError, SessionDescription};

const HDR: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

fn caps() -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::pcmu())
                .codec(Codec::opus().payload_type(111))
                .telephone_event(8000),
        )
        .build()
        .unwrap()
}

/// `m=audio 4000 RTP/AVP 0 0 0 …` to `size` bytes, its rtpmap after 255
/// other attribute lines (the shape that cost 0.4 s at 64 KiB).
fn repeated_pt_far_rtpmap(size: usize, pt: &str, rtpmap: &str) -> String {
    let mut text = String::from(HDR);
    text.push_str("m=audio 40000 RTP/AVP");
    let filler: String = (0..255).map(|i| format!("a=x-filler:{i}\r\n")).collect();
    let room = size - HDR.len() - filler.len() - rtpmap.len() - 64;
    while text.len() < HDR.len() + room {
        text.push(' ');
        text.push_str(pt);
    }
    text.push_str("\r\n");
    text.push_str(&filler);
    text.push_str(rtpmap);
    text
}

#[test]
fn a_payload_type_listed_thousands_of_times_is_answered_once() {
    let text = repeated_pt_far_rtpmap(64 * 1024 - 100, "0", "a=rtpmap:0 PCMU/8000\r\n");
    assert!(text.len() < 64 * 1024, "{}", text.len());
    let offer = SessionDescription::parse(&text).unwrap();
    let mut n = Negotiator::new(caps(), 7);
    let answer = n.receive_offer(offer).unwrap().clone();
    assert_eq!(mlines(&answer)[0].formats, ["0"]);
    assert_eq!(attr_values(&answer, 0, "rtpmap"), ["0 PCMU/8000"]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(agreed(&s.streams[0]), [("PCMU".into(), 8000, 0, 0)]);
}

/// A dynamic payload type whose rtpmap sits past line 255 of its section
/// is still read: opus at PT 96 is answered (the index is not a window).
#[test]
fn a_far_rtpmap_of_a_dynamic_payload_type_is_found() {
    let text = repeated_pt_far_rtpmap(
        32 * 1024,
        "96",
        "a=rtpmap:96 opus/48000/2\r\na=fmtp:96 useinbandfec=1\r\n",
    );
    let offer = SessionDescription::parse(&text).unwrap();
    let mut n = Negotiator::new(caps(), 7);
    let answer = n.receive_offer(offer).unwrap().clone();
    assert_eq!(mlines(&answer)[0].formats, ["96"]);
    assert_eq!(attr_values(&answer, 0, "rtpmap"), ["96 opus/48000/2"]);
}

/// With raised limits (256 KiB) the same shape is answered the same way.
#[test]
fn raised_limits_same_answer() {
    let text = repeated_pt_far_rtpmap(256 * 1024, "0", "a=rtpmap:0 PCMU/8000\r\n");
    let limits = ParseLimits {
        max_size: 256 * 1024,
        ..ParseLimits::DEFAULT
    };
    let offer = SessionDescription::parse_with(&text, &limits).unwrap();
    let mut n = Negotiator::new(caps(), 7);
    let answer = n.receive_offer(offer).unwrap().clone();
    assert_eq!(mlines(&answer)[0].formats, ["0"]);
}

/// `telephone-event` events `0-255,` repeated thousands of times: answered
/// with the normalized intersection with ours (`0-16`), never the offer's text.
#[test]
fn repeated_event_ranges_are_answered_normalized() {
    let events = "0-255,".repeat(8000);
    let text = format!(
        "{HDR}m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 {events}THEIR-TE-TEXT\r\n"
    );
    let offer = SessionDescription::parse(&text).unwrap();
    let mut n = Negotiator::new(caps(), 7);
    let answer = n.receive_offer(offer).unwrap().clone();
    assert_eq!(attr_values(&answer, 0, "fmtp"), ["101 0-16"]);
    let small = format!(
        "{HDR}m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-11,THEIR-TE-TEXT,15\r\n"
    );
    let mut n = Negotiator::new(caps(), 7);
    let answer = n
        .receive_offer(SessionDescription::parse(&small).unwrap())
        .unwrap()
        .clone();
    assert_eq!(attr_values(&answer, 0, "fmtp"), ["101 0-11,15"]);
    assert!(!answer.serialize().contains("THEIR-TE-TEXT"));
}

/// A BUNDLE group of 10,000 ids, almost none of them an m-line's: the
/// answer's group lists only the accepted mids (RFC 9143 §7.3.1).
#[test]
fn a_huge_bundle_group_is_answered_with_the_accepted_mids() {
    let ids: String = (0..10_000).map(|i| format!(" x{i}")).collect();
    let text = format!(
        "{HDR}a=group:BUNDLE a0{ids}\r\nm=audio 40000 RTP/AVP 0\r\na=mid:a0\r\na=rtcp-mux\r\n"
    );
    let offer = SessionDescription::parse(&text).unwrap();
    let caps = LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .bundle(true)
        .rtcp_mux(true)
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, 7);
    let answer = n.receive_offer(offer).unwrap().clone();
    assert_eq!(session_attr_values(&answer, "group"), ["BUNDLE a0"]);
}

/// A mid listed twice in a BUNDLE group, or carried by two m-lines, makes
/// the offer ambiguous (RFC 5888 §4, §5; RFC 9143): malformed, 488 + 399.
#[test]
fn repeated_mids_are_a_malformed_offer() {
    let twice_in_group =
        format!("{HDR}a=group:BUNDLE a0 a0\r\nm=audio 40000 RTP/AVP 0\r\na=mid:a0\r\n");
    let err = Negotiator::new(caps(), 7)
        .receive_offer(SessionDescription::parse(&twice_in_group).unwrap())
        .unwrap_err();
    assert_eq!(
        err,
        NegotiationError::InvalidSdp(SdpError::InvalidValue {
            line: 6,
            field: "a=group",
            reason: "identification tag listed twice (RFC 5888 §5)"
        })
    );
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 399"
    );
    let two_mlines = format!(
        "{HDR}m=audio 40000 RTP/AVP 0\r\na=mid:a0\r\nm=audio 40002 RTP/AVP 0\r\na=mid:a0\r\n"
    );
    let err = Negotiator::new(caps(), 7)
        .receive_offer(SessionDescription::parse(&two_mlines).unwrap())
        .unwrap_err();
    assert_eq!(
        err,
        NegotiationError::InvalidSdp(SdpError::InvalidValue {
            line: 8,
            field: "a=mid",
            reason: "identification tag already used by another m-line (RFC 5888 §4)"
        })
    );
}
