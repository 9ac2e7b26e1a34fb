//! Structure rules: the `c=` network type (RFC 8866 §5.7), rejected m-lines
//! that carry a format (RFC 8866 §5.14, RFC 3264 §6), FQDN addresses in
//! capability SDPs (RFC 8866 §5.7).

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, Negotiator, RejectReason,
    SdpWarning,
};
use sdp_offer_answer::sdp::{SessionDescription, check};

fn caps() -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .build()
        .unwrap()
}

/// `c=AF IP4 127.0.0.1`: only `IN` is defined, so the address is not
/// usable: the stream is declined with Warning 300 (RFC 3261 §20.43), and
/// `check` flags the line.
#[test]
fn a_network_type_other_than_in_is_declined_with_warning_300() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=AF IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    let offer = SessionDescription::parse(text).unwrap();
    let err = Negotiator::new(caps(), 1)
        .receive_offer(offer.clone())
        .unwrap_err();
    match &err {
        NegotiationError::NotAcceptable(r) => {
            assert_eq!(r.reason, RejectReason::IncompatibleNetworkProtocol)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(SdpWarning::IncompatibleNetworkProtocol.code())
    );
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 300"
    );
    let problems = check::check(&offer);
    assert!(
        problems.iter().any(|p| p.line == 4
            && p.message == "c= network type AF is not IN, the only one defined (RFC 8866 §5.7)"),
        "{problems:?}"
    );
}

/// `m=video 0 RTP/AVP` (no format) is answered with a format (RFC 8866
/// §5.14 wants one): `0` for RTP, and our answer passes our own check.
#[test]
fn a_rejected_mline_always_carries_a_format() {
    let offer = offer(&[
        "m=audio 4000 RTP/AVP 0",
        "m=video 0 RTP/AVP",
        "m=application 0 TCP/MSRP",
    ]);
    let answer = Negotiator::new(caps(), 1)
        .receive_offer(offer)
        .unwrap()
        .clone();
    let m = mlines(&answer);
    assert_eq!((m[1].port, m[1].formats.clone()), (0, strings(&["0"])));
    assert_eq!((m[2].port, m[2].formats.clone()), (0, strings(&["*"])));
    let errors: Vec<_> = check::check(&answer)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// A capability SDP whose `c=` is a host name (RFC 8866 §5.7 allows an
/// FQDN) builds, and our answers carry that name.
#[test]
fn a_capability_sdp_with_a_host_name() {
    let caps = LocalCapabilities::from_sdp_text(
        "v=0\r\no=- 1 1 IN IP4 pbx.example.com\r\ns=-\r\nc=IN IP4 pbx.example.com\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n",
    )
    .unwrap();
    let answer = Negotiator::new(caps, 1)
        .receive_offer(offer(&["m=audio 20000 RTP/AVP 0"]))
        .unwrap()
        .clone();
    assert!(
        answer
            .serialize()
            .contains("\r\nc=IN IP4 pbx.example.com\r\n"),
        "{answer}"
    );
}

/// An active `bundle-only` m-line (port 0, RFC 9143 §7.2.2) is checked like
/// any active stream: a dynamic payload type without rtpmap is flagged.
#[test]
fn a_bundle_only_mline_is_checked_as_active() {
    let sdp = sdp(&[
        "v=0",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "c=IN IP4 192.0.2.1",
        "t=0 0",
        "a=group:BUNDLE a v",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111",
        "a=mid:a",
        "a=rtpmap:111 opus/48000/2",
        "m=video 0 UDP/TLS/RTP/SAVPF 96",
        "a=mid:v",
        "a=bundle-only",
    ]);
    let problems = check::check(&sdp);
    assert!(
        problems.iter().any(|p| p.line == 10
            && p.message == "dynamic payload type 96 has no a=rtpmap (RFC 8866 §6.6)"),
        "{problems:?}"
    );
}
