//! The leniency options (`Leniency`): each sloppy-but-common input taken by
//! default, refused or ignored with `Leniency::STRICT`.

mod common;

use std::time::Duration;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, Leniency, LocalCapabilities, MediaCapability, NegotiationError, Negotiator,
};
use sdp_offer_answer::sdp::SessionDescription;

fn negotiator(leniency: Leniency) -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::opus().payload_type(111))
                .codec(Codec::g722()),
        )
        .leniency(leniency)
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn answer(
    leniency: Leniency,
    offer: SessionDescription,
) -> Result<SessionDescription, NegotiationError> {
    negotiator(leniency).receive_offer(offer).cloned()
}

/// `opus/48000` without `/2` (older SIP gateways): opus, answered
/// `opus/48000/2` (RFC 7587 §7); strict: no common format.
#[test]
fn opus_without_channel_count() {
    let o = || offer(&["m=audio 20000 RTP/AVP 100", "a=rtpmap:100 opus/48000"]);
    let a = answer(Leniency::default(), o()).unwrap();
    assert_eq!(attr_values(&a, 0, "rtpmap"), ["100 opus/48000/2"]);
    assert!(answer(Leniency::STRICT, o()).is_err());
}

/// `G722/16000` (softphones writing the sampling rate; RFC 3551 §4.5.2
/// fixes the RTP clock at 8000): G.722, answered with the offer's rtpmap.
#[test]
fn g722_written_at_16000() {
    let o = || offer(&["m=audio 20000 RTP/AVP 9", "a=rtpmap:9 G722/16000"]);
    let a = answer(Leniency::default(), o()).unwrap();
    assert_eq!(mlines(&a)[0].formats, ["9"]);
    assert!(answer(Leniency::STRICT, o()).is_err());
}

/// A session-level `a=ptime` (PBXs; RFC 8866 §6.4 puts it at media level)
/// applies to media without one; strict: ignored.
#[test]
fn session_level_ptime() {
    let o = || {
        sdp(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 192.0.2.1",
            "t=0 0",
            "a=ptime:30",
            "m=audio 20000 RTP/AVP 9",
        ])
    };
    let mut n = negotiator(Leniency::default());
    n.receive_offer(o()).unwrap();
    assert_eq!(
        n.confirm_answer().unwrap().streams[0].ptime,
        Some(Duration::from_millis(30))
    );
    let mut n = negotiator(Leniency::STRICT);
    n.receive_offer(o()).unwrap();
    assert_eq!(n.confirm_answer().unwrap().streams[0].ptime, None);
}
