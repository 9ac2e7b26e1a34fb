//! ptime/maxptime (RFC 8866 §6.4, RFC 3264 §6.1: each side says what it
//! wants to receive) and bandwidth (`b=AS`, `b=TIAS`, `b=CT`; RFC 8866 §5.8,
//! RFC 3890): our values are written in the answer, the remote's are what
//! we send with; a codec needing more than the bandwidth is left out, and
//! when none is left the stream is rejected `InsufficientBandwidth`
//! (488 + Warning 370).

mod common;

use std::time::Duration;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, Negotiator, RejectReason,
    SdpWarning, StreamState,
};
use sdp_offer_answer::sdp::SessionDescription;

fn negotiator(media: MediaCapability) -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(media)
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn answer(media: MediaCapability, offer: SessionDescription) -> (SessionDescription, Negotiator) {
    let mut n = negotiator(media);
    let a = n.receive_offer(offer).unwrap().clone();
    n.confirm_answer().unwrap();
    (a, n)
}

/// Our ptime/maxptime are written in the answer; the remote's are the
/// session's (what we packetize with), decimals included.
#[test]
fn ptime_and_maxptime_ours_written_theirs_read() {
    let (a, n) = answer(
        MediaCapability::audio(4000)
            .codec(Codec::pcmu())
            .ptime_ms(20)
            .maxptime_ms(60),
        offer(&["m=audio 20000 RTP/AVP 0", "a=ptime:30", "a=maxptime:120"]),
    );
    assert_eq!(attr_values(&a, 0, "ptime"), ["20"]);
    assert_eq!(attr_values(&a, 0, "maxptime"), ["60"]);
    let s = &n.negotiated_session().unwrap().streams[0];
    assert_eq!(s.ptime, Some(Duration::from_millis(30)));
    assert_eq!(s.maxptime, Some(Duration::from_millis(120)));

    let (a, n) = answer(
        MediaCapability::audio(4000).codec(Codec::pcmu()),
        offer(&["m=audio 20000 RTP/AVP 0", "a=ptime:22.5"]),
    );
    assert!(attr_values(&a, 0, "ptime").is_empty());
    assert_eq!(
        n.negotiated_session().unwrap().streams[0].ptime,
        Some(Duration::from_micros(22_500))
    );
}

/// `b=AS` (kbit/s), `b=TIAS` (bit/s, rounded up), media level over session
/// level `b=CT`; our capability's bandwidth is written as `b=AS`.
#[test]
fn bandwidth_read_per_modifier_and_written_as_as() {
    let media = || {
        MediaCapability::audio(4000)
            .codec(Codec::pcmu())
            .bandwidth_kbps(80)
    };
    let cases: [(&[&str], Option<u64>); 4] = [
        (&["m=audio 20000 RTP/AVP 0", "b=AS:64"], Some(64)),
        (&["m=audio 20000 RTP/AVP 0", "b=TIAS:64001"], Some(65)),
        (&["m=audio 20000 RTP/AVP 0"], None),
        (&["m=audio 20000 RTP/AVP 0", "b=RR:800"], None),
    ];
    for (lines, kbps) in cases {
        let (a, n) = answer(media(), offer(lines));
        assert_eq!(
            n.negotiated_session().unwrap().streams[0].bandwidth_kbps,
            kbps,
            "{lines:?}"
        );
        let b: Vec<String> = a
            .media(0)
            .unwrap()
            .bandwidths()
            .map(|b| {
                let b = b.unwrap();
                format!("{:?}:{}", b.bw_type, b.value)
            })
            .collect();
        assert_eq!(b, ["As:80"]);
    }
    let (_, n) = answer(
        media(),
        sdp(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 192.0.2.1",
            "b=CT:1000",
            "t=0 0",
            "m=audio 20000 RTP/AVP 0",
            "m=audio 20002 RTP/AVP 0",
            "b=AS:32",
        ]),
    );
    let s = n.negotiated_session().unwrap();
    assert_eq!(s.streams[0].bandwidth_kbps, Some(1000));
    assert_eq!(s.streams[1].bandwidth_kbps, Some(32));
}

fn wideband() -> MediaCapability {
    MediaCapability::audio(4000)
        .codec(Codec::opus().payload_type(111).min_bitrate_kbps(32))
        .codec(Codec::pcmu().min_bitrate_kbps(64))
        .codec(Codec::new("G729", 8000))
}

/// A codec whose `min_bitrate_kbps` exceeds the offered bandwidth is left
/// out; the others stay.
#[test]
fn codec_above_offered_bandwidth_left_out() {
    let (a, _) = answer(
        wideband(),
        offer(&[
            "m=audio 20000 RTP/AVP 111 0 18",
            "b=AS:40",
            "a=rtpmap:111 opus/48000/2",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["111", "18"]);
}

/// No codec fits: the stream is rejected `InsufficientBandwidth`; alone it
/// refuses the offer with 488 + Warning 370.
#[test]
fn no_codec_fits_is_insufficient_bandwidth() {
    let mut n = negotiator(wideband());
    let err = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 111 0",
            "b=TIAS:24000",
            "a=rtpmap:111 opus/48000/2",
        ]))
        .unwrap_err();
    let NegotiationError::NotAcceptable(r) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(r.reason, RejectReason::InsufficientBandwidth);
    assert_eq!(r.streams, [(0, RejectReason::InsufficientBandwidth)]);
    let d = err.sip_decline().unwrap();
    assert_eq!(
        d.warning.as_ref().map(|w| w.code),
        Some(SdpWarning::InsufficientBandwidth.code())
    );
    assert_eq!(d.to_string(), "488 Not Acceptable Here; Warning: 370");
    assert_eq!(err.decline_term(), Some("InsufficientBandwidth"));
    assert_eq!(
        SdpWarning::InsufficientBandwidth.text(),
        "Insufficient bandwidth"
    );
}

/// With another stream accepted, the starved one is answered port 0 with
/// the reason kept in the session.
#[test]
fn starved_stream_rejected_next_to_accepted_one() {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .media(MediaCapability::video(5000).codec(Codec::vp8().min_bitrate_kbps(200)))
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, 1);
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 0",
            "m=video 30000 RTP/AVP 96",
            "b=AS:128",
            "a=rtpmap:96 VP8/90000",
        ]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[1].port, 0);
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[1].state,
        StreamState::Rejected(RejectReason::InsufficientBandwidth)
    );
}

/// Our own capability bandwidth also limits the codecs (the lower of both).
#[test]
fn our_bandwidth_limits_codecs_too() {
    let (a, _) = answer(
        wideband().bandwidth_kbps(40),
        offer(&[
            "m=audio 20000 RTP/AVP 0 111 18",
            "a=rtpmap:111 opus/48000/2",
        ]),
    );
    assert_eq!(mlines(&a)[0].formats(), ["111", "18"]);
    assert_eq!(
        a.media(0)
            .unwrap()
            .bandwidths()
            .next()
            .unwrap()
            .unwrap()
            .value,
        40
    );
}
