//! IPv4/IPv6 (`manual::negotiation_rules`, `manual::decline_responses`): an `IN IP6` stream needs an IPv6 address
//! of ours (else `Ipv6NotSupported`, 488 + Warning 301) and is answered
//! from it, per stream when the families differ; ANAT groups (RFC 4091)
//! get exactly one alternative accepted.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability, NegotiationError,
    Negotiator, RejectReason, SdpWarning, StreamState,
};
use sdp_offer_answer::sdp::{AddressType, SessionDescription};

fn with_audio(b: LocalCapabilitiesBuilder) -> Negotiator {
    let caps = b
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn v4_only() -> Negotiator {
    with_audio(LocalCapabilities::builder().ipv4("192.0.2.5".parse().unwrap()))
}

fn v6_only() -> Negotiator {
    with_audio(LocalCapabilities::builder().ipv6("2001:db8::5".parse().unwrap()))
}

fn dual() -> Negotiator {
    with_audio(
        LocalCapabilities::builder()
            .ipv4("192.0.2.5".parse().unwrap())
            .ipv6("2001:db8::5".parse().unwrap()),
    )
}

fn v6_offer() -> SessionDescription {
    sdp(&[
        "v=0",
        "o=- 1 1 IN IP6 2001:db8::1",
        "s=-",
        "c=IN IP6 2001:db8::1",
        "t=0 0",
        "m=audio 20000 RTP/AVP 0",
    ])
}

fn refusal(n: &mut Negotiator, offer: SessionDescription) -> NegotiationError {
    n.receive_offer(offer).unwrap_err()
}

/// IPv6 offered, IPv4 only here: refused, 488 + Warning 301, `IPv6NotSupported`.
#[test]
fn ipv6_offer_to_ipv4_only_is_refused_301() {
    let err = refusal(&mut v4_only(), v6_offer());
    let NegotiationError::NotAcceptable(r) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(r.reason, RejectReason::Ipv6NotSupported);
    let d = err.sip_decline().unwrap();
    assert_eq!(
        d.warning.as_ref().map(|w| w.code),
        Some(SdpWarning::IncompatibleNetworkAddressFormats.code())
    );
    assert_eq!(d.to_string(), "488 Not Acceptable Here; Warning: 301");
    assert_eq!(err.decline_term(), Some("IPv6NotSupported"));
}

/// The mirror: IPv4 offered to an IPv6-only endpoint, also Warning 301.
#[test]
fn ipv4_offer_to_ipv6_only_is_refused_301() {
    let err = refusal(&mut v6_only(), offer(&["m=audio 20000 RTP/AVP 0"]));
    let NegotiationError::NotAcceptable(r) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(r.reason, RejectReason::Ipv4NotSupported);
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(301)
    );
}

/// An IPv6 offer to a dual-stack endpoint is answered from our IPv6 address.
#[test]
fn ipv6_offer_answered_from_our_ipv6_address() {
    let mut n = dual();
    let a = n.receive_offer(v6_offer()).unwrap().clone();
    let o = a.origin().unwrap().unwrap();
    assert_eq!(
        (o.address_type, o.address),
        (AddressType::Ip6, "2001:db8::5")
    );
    let c = a.connection().unwrap().unwrap();
    assert_eq!(
        (c.address_type, c.address_text),
        (AddressType::Ip6, "2001:db8::5")
    );
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].remote_rtp, Some(ip_addr("2001:db8::1", 20000)));
}

/// Mixed families: a stream whose family differs from the session's gets
/// its own `c=` line (RFC 8866 §5.7).
#[test]
fn mixed_families_answered_per_stream() {
    let mut n = dual();
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 0",
            "m=audio 20002 RTP/AVP 0",
            "c=IN IP6 2001:db8::1",
        ]))
        .unwrap()
        .clone();
    let m = mlines(&a);
    assert_eq!(m[0].address.as_deref(), Some("192.0.2.5"));
    assert_eq!(m[1].address.as_deref(), Some("2001:db8::5"));
    assert_eq!(a.media(0).unwrap().connections().count(), 0);
    assert_eq!(a.media(1).unwrap().connections().count(), 1);
}

/// With IPv4 only, an IPv6 stream is rejected next to an accepted IPv4 one.
#[test]
fn ipv6_stream_rejected_next_to_ipv4_stream() {
    let mut n = v4_only();
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 0",
            "c=IN IP6 2001:db8::1",
            "m=audio 20002 RTP/AVP 0",
        ]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].port, 0);
    assert_eq!(mlines(&a)[1].port, 4000);
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].state,
        StreamState::Rejected(RejectReason::Ipv6NotSupported)
    );
}

fn anat_offer() -> SessionDescription {
    sdp(&[
        "v=0",
        "o=- 1 1 IN IP6 2001:db8::1",
        "s=-",
        "t=0 0",
        "a=group:ANAT 1 2",
        "m=audio 20000 RTP/AVP 0",
        "c=IN IP6 2001:db8::1",
        "a=mid:1",
        "m=audio 20002 RTP/AVP 0",
        "c=IN IP4 192.0.2.1",
        "a=mid:2",
    ])
}

/// ANAT (RFC 4091): dual-stack takes the first alternative and rejects the other.
#[test]
fn anat_dual_stack_takes_first_alternative() {
    let mut n = dual();
    let a = n.receive_offer(anat_offer()).unwrap().clone();
    assert_eq!(
        mlines(&a).iter().map(|m| m.port).collect::<Vec<_>>(),
        [4000, 0]
    );
    assert_eq!(mlines(&a)[0].address.as_deref(), Some("2001:db8::5"));
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[1].state,
        StreamState::Rejected(RejectReason::AlternativeNotChosen)
    );
}

/// ANAT with IPv4 only: the IPv6 alternative cannot be taken, the IPv4 one is.
#[test]
fn anat_ipv4_only_takes_ipv4_alternative() {
    let mut n = v4_only();
    let a = n.receive_offer(anat_offer()).unwrap().clone();
    assert_eq!(
        mlines(&a).iter().map(|m| m.port).collect::<Vec<_>>(),
        [0, 4000]
    );
    assert_eq!(mlines(&a)[1].address.as_deref(), Some("192.0.2.5"));
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].state,
        StreamState::Rejected(RejectReason::Ipv6NotSupported)
    );
    assert_eq!(s.streams[1].state, StreamState::Active);
    assert_eq!(s.streams[1].remote_rtp, Some(ip_addr("192.0.2.1", 20002)));
}

/// A domain name in `c=` is kept as a name to resolve (RFC 8866 §5.7).
#[test]
fn fqdn_connection_address_kept() {
    let mut n = v4_only();
    n.receive_offer(sdp(&[
        "v=0",
        "o=- 1 1 IN IP4 pbx.example.com",
        "s=-",
        "c=IN IP4 pbx.example.com",
        "t=0 0",
        "m=audio 20000 RTP/AVP 0",
    ]))
    .unwrap();
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].remote_rtp,
        Some(fqdn_addr("pbx.example.com", 20000))
    );
    assert_eq!(
        s.streams[0].remote_rtcp,
        Some(fqdn_addr("pbx.example.com", 20001))
    );
}
