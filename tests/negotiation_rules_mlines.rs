//! RFC 3264 §6 (`manual::negotiation_rules`): the answer has the offer's m-lines in the
//! offer's order; a stream we do not take is answered with port 0 and
//! stays in place; unknown media and protocols (T.38 `udptl`, `TCP/BFCP`,
//! `message`) are rejected, never dropped; an offer with nothing we can
//! take is refused with the most specific reason.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, NegotiationState, Negotiator,
    RejectReason, SdpWarning, StreamState,
};
use sdp_offer_answer::sdp::{Direction, MediaType};

fn audio_only() -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn states(n: &Negotiator) -> Vec<StreamState> {
    n.negotiated_session()
        .unwrap()
        .streams
        .iter()
        .map(|s| s.state)
        .collect()
}

/// Unknown media between known ones keep their place and are rejected
/// with port 0, each with its reason (RFC 3264 §6).
#[test]
fn unknown_media_kept_in_place_and_rejected() {
    let offer = offer(&[
        "m=image 40000 udptl t38",
        "a=T38FaxVersion:0",
        "m=audio 20000 RTP/AVP 0",
        "m=application 50000 TCP/BFCP *",
        "a=floorctrl:c-s",
        "m=message 5060 sip null",
        "m=video 30000 RTP/AVP 31",
    ]);
    let mut n = audio_only();
    let answer = n.receive_offer(offer).unwrap().clone();
    let m = mlines(&answer);
    assert_eq!(
        m.iter()
            .map(|l| (l.media.as_str(), l.port, l.proto.as_str()))
            .collect::<Vec<_>>(),
        [
            ("image", 0, "udptl"),
            ("audio", 4000, "RTP/AVP"),
            ("application", 0, "TCP/BFCP"),
            ("message", 0, "sip"),
            ("video", 0, "RTP/AVP"),
        ]
    );
    // Rejected m-lines keep their formats.
    assert_eq!(m[0].formats(), ["t38"]);
    assert_eq!(m[2].formats(), ["*"]);
    assert_eq!(m[3].formats(), ["null"]);
    // A rejected m-line carries no attributes of ours.
    assert_eq!(answer.media(0).unwrap().attributes().count(), 0);
    n.confirm_answer().unwrap();
    assert_eq!(
        states(&n),
        [
            StreamState::Rejected(RejectReason::UnsupportedMediaType),
            StreamState::Active,
            StreamState::Rejected(RejectReason::UnsupportedMediaType),
            StreamState::Rejected(RejectReason::UnsupportedMediaType),
            StreamState::Rejected(RejectReason::UnsupportedMediaType),
        ]
    );
    let s = n.negotiated_session().unwrap();
    assert_eq!(
        s.streams.iter().map(|s| s.media).collect::<Vec<_>>(),
        [
            MediaType::Image,
            MediaType::Audio,
            MediaType::Application,
            MediaType::Message,
            MediaType::Video
        ]
    );
    assert_eq!(s.active_streams().count(), 1);
}

/// A media type we have, on a protocol we do not (BFCP next to our data
/// channel, RTP over TCP next to our RTP audio): `UnsupportedTransport`.
#[test]
fn known_media_on_unknown_protocol_is_unsupported_transport() {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .media(MediaCapability::data_channel(5000))
        .dtls(
            sdp_offer_answer::negotiation::SrtpPolicy::Optional,
            "sha-256",
            "AA:BB",
        )
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, 1);
    let answer = n
        .receive_offer(offer(&[
            "m=application 50000 TCP/BFCP *",
            "m=audio 20000 TCP/RTP/AVP 0",
            "m=audio 20002 RTP/AVP 0",
        ]))
        .unwrap()
        .clone();
    assert_eq!(
        mlines(&answer).iter().map(|l| l.port).collect::<Vec<_>>(),
        [0, 0, 4000]
    );
    n.confirm_answer().unwrap();
    assert_eq!(
        states(&n),
        [
            StreamState::Rejected(RejectReason::UnsupportedTransport),
            StreamState::Rejected(RejectReason::UnsupportedTransport),
            StreamState::Active,
        ]
    );
}

/// With a T.38 capability, `m=image udptl t38` is accepted: our port, the
/// common format, our T.38 attributes, no RTP direction attribute.
#[test]
fn t38_accepted_with_image_capability() {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .media(
            MediaCapability::new(MediaType::Image, 4010)
                .non_rtp("udptl", &["t38"])
                .attribute("T38FaxVersion:0")
                .attribute("T38FaxRateManagement:transferredTCF"),
        )
        .build()
        .unwrap();
    let mut n = Negotiator::new(caps, 1);
    let answer = n
        .receive_offer(offer(&[
            "m=audio 0 RTP/AVP 0",
            "m=image 40000 udptl t38",
            "a=T38FaxVersion:0",
            "a=T38MaxBitRate:14400",
        ]))
        .unwrap()
        .clone();
    let m = mlines(&answer);
    assert_eq!((m[0].port, m[1].port), (0, 4010));
    assert_eq!(m[1].formats(), ["t38"]);
    assert_eq!(
        answer
            .media(1)
            .unwrap()
            .attributes()
            .map(|a| a
                .value()
                .map_or(a.name().to_owned(), |v| format!("{}:{v}", a.name())))
            .collect::<Vec<_>>(),
        ["T38FaxVersion:0", "T38FaxRateManagement:transferredTCF"]
    );
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].state, StreamState::Disabled);
    assert_eq!(s.streams[1].state, StreamState::Active);
    assert_eq!(s.streams[1].direction, Direction::SENDRECV);
    assert_eq!(s.streams[1].remote_rtp, Some(ip_addr("192.0.2.1", 40000)));
    assert!(s.streams[1].codecs.is_empty());
}

/// A stream the offer disables (port 0) is answered with port 0
/// (RFC 3264 §6) and is `Disabled`, not a rejection of ours.
#[test]
fn stream_disabled_in_offer_answered_with_port_0() {
    let mut n = audio_only();
    let answer = n
        .receive_offer(offer(&[
            "m=audio 0 RTP/AVP 0",
            "a=mid:a0",
            "m=audio 20000 RTP/AVP 0",
        ]))
        .unwrap()
        .clone();
    let m = mlines(&answer);
    assert_eq!((m[0].port, m[1].port), (0, 4000));
    assert_eq!(attr_values(&answer, 0, "mid"), ["a0"]);
    n.confirm_answer().unwrap();
    assert_eq!(states(&n), [StreamState::Disabled, StreamState::Active]);
}

/// An offer whose every stream is disabled is answered (all port 0), not
/// refused: nothing was asked for.
#[test]
fn all_streams_disabled_in_offer_is_answered() {
    let mut n = audio_only();
    let answer = n
        .receive_offer(offer(&["m=audio 0 RTP/AVP 0", "m=video 0 RTP/AVP 31"]))
        .unwrap()
        .clone();
    assert_eq!(
        mlines(&answer).iter().map(|l| l.port).collect::<Vec<_>>(),
        [0, 0]
    );
    let s = n.confirm_answer().unwrap();
    assert!(s.streams.iter().all(|s| s.state == StreamState::Disabled));
}

/// Nothing we can take: `NotAcceptable` with every stream's reason and the
/// most specific one naming the refusal; the state does not change.
#[test]
fn nothing_acceptable_is_refused_with_reasons() {
    let mut n = audio_only();
    let err = n
        .receive_offer(offer(&[
            "m=image 40000 udptl t38",
            "m=audio 20000 RTP/AVP 8",
            "m=audio 0 RTP/AVP 0",
        ]))
        .unwrap_err();
    let NegotiationError::NotAcceptable(r) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(r.reason, RejectReason::NoCommonFormat);
    assert_eq!(
        r.streams,
        [
            (0, RejectReason::UnsupportedMediaType),
            (1, RejectReason::NoCommonFormat)
        ]
    );
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(SdpWarning::IncompatibleMediaFormat.code())
    );
    assert_eq!(
        r.to_string(),
        "no common format; m-line 0: media type not supported; m-line 1: no common format"
    );
    assert_eq!(n.state(), NegotiationState::Stable);
    assert_eq!(n.negotiated_session(), None);
}

/// The k-th offered stream of a kind uses the k-th capability of that kind,
/// else the first with its port moved up by 2 per extra stream.
#[test]
fn several_streams_of_one_kind_get_distinct_ports() {
    let mut n = audio_only();
    let answer = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 0",
            "m=audio 20002 RTP/AVP 0",
            "m=audio 20004 RTP/AVP 0",
        ]))
        .unwrap()
        .clone();
    assert_eq!(
        mlines(&answer).iter().map(|l| l.port).collect::<Vec<_>>(),
        [4000, 4002, 4004]
    );
}
