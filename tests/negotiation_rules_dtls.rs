//! DTLS-SRTP (RFC 5763, RFC 8842, RFC 4145 roles): the answer's `a=setup`
//! is the counterpart of the offer's (actpass → our configured role,
//! default active; active → passive; passive → active), carries our
//! fingerprint; an offer without fingerprint is `MissingFingerprint`
//! (Warning 306); DTLS-SRTP while our DTLS is off is `SrtpNotSupported`
//! (Warning 302); DTLS required refuses plain RTP.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability, NegotiationError,
    Negotiator, RejectReason, SdpWarning, SrtpPolicy,
};
use sdp_offer_answer::sdp::{SessionDescription, Setup};

const OUR_FP: &str = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
const THEIR_FP: &str = "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";

fn builder(policy: SrtpPolicy) -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .dtls(policy, "sha-256", OUR_FP)
}

fn negotiator(b: LocalCapabilitiesBuilder) -> Negotiator {
    Negotiator::new(b.build().unwrap(), 1)
}

fn dtls_offer(setup: Option<&str>, fingerprint: bool) -> SessionDescription {
    let fp = format!("a=fingerprint:SHA-256 {THEIR_FP}");
    let setup = setup.map(|s| format!("a=setup:{s}"));
    let mut lines = vec!["m=audio 20000 UDP/TLS/RTP/SAVP 0"];
    if fingerprint {
        lines.push(&fp);
    }
    if let Some(s) = &setup {
        lines.push(s);
    }
    offer(&lines)
}

fn refusal(b: LocalCapabilitiesBuilder, offer: SessionDescription) -> NegotiationError {
    negotiator(b).receive_offer(offer).unwrap_err()
}

fn reason(err: &NegotiationError) -> RejectReason {
    match err {
        NegotiationError::NotAcceptable(r) => r.reason,
        other => panic!("{other:?}"),
    }
}

/// The setup role table (RFC 4145 §4.1, RFC 5763 §5).
#[test]
fn setup_role_table() {
    let cases = [
        (Some("actpass"), None, Setup::Active),
        (Some("actpass"), Some(Setup::Passive), Setup::Passive),
        (Some("active"), None, Setup::Passive),
        (Some("active"), Some(Setup::Active), Setup::Passive),
        (Some("passive"), None, Setup::Active),
        (Some("passive"), Some(Setup::Passive), Setup::Active),
        // Without a=setup the offer means active (RFC 4145 §4.1): we are passive.
        (None, None, Setup::Passive),
    ];
    for (offered, configured, expected) in cases {
        let mut b = builder(SrtpPolicy::Optional);
        if let Some(c) = configured {
            b = b.dtls_answer_setup(c);
        }
        let mut n = negotiator(b);
        let a = n.receive_offer(dtls_offer(offered, true)).unwrap().clone();
        assert_eq!(
            attr_values(&a, 0, "setup"),
            [expected.as_str()],
            "offered {offered:?}, configured {configured:?}"
        );
        assert_eq!(
            attr_values(&a, 0, "fingerprint"),
            [format!("sha-256 {OUR_FP}")]
        );
        assert_eq!(mlines(&a)[0].proto, "UDP/TLS/RTP/SAVP");
        assert!(attr_values(&a, 0, "crypto").is_empty());
        let s = n.confirm_answer().unwrap();
        let d = s.streams[0].dtls.as_ref().unwrap();
        assert_eq!(d.local_setup, expected);
        assert_eq!(d.remote_hash_function, "sha-256");
        assert_eq!(d.remote_fingerprint, THEIR_FP);
    }
}

/// A session-level fingerprint applies to every m-line (RFC 8122 §5).
#[test]
fn session_level_fingerprint_applies() {
    let mut n = negotiator(builder(SrtpPolicy::Required));
    n.receive_offer(sdp(&[
        "v=0",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "c=IN IP4 192.0.2.1",
        "t=0 0",
        &format!("a=fingerprint:sha-256 {THEIR_FP}"),
        "a=setup:actpass",
        "m=audio 20000 UDP/TLS/RTP/SAVPF 0",
    ]))
    .unwrap();
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].dtls.as_ref().unwrap().remote_fingerprint,
        THEIR_FP
    );
}

/// No fingerprint: `MissingFingerprint`, 488 + Warning 306.
#[test]
fn missing_fingerprint_is_306() {
    let err = refusal(
        builder(SrtpPolicy::Optional),
        dtls_offer(Some("actpass"), false),
    );
    assert_eq!(reason(&err), RejectReason::MissingFingerprint);
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(SdpWarning::AttributeNotUnderstood.code())
    );
    assert_eq!(err.decline_term(), Some("EncryptionMismatch"));
}

/// DTLS-SRTP offered while our DTLS is off: `SrtpNotSupported`, Warning 302.
#[test]
fn dtls_offer_with_dtls_off_is_302() {
    let b = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()));
    let err = refusal(b, dtls_offer(Some("actpass"), true));
    assert_eq!(reason(&err), RejectReason::SrtpNotSupported);
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 302"
    );
}

/// DTLS required: plain RTP is `SrtpRequired`.
#[test]
fn dtls_required_refuses_plain_rtp() {
    let err = refusal(
        builder(SrtpPolicy::Required),
        offer(&["m=audio 20000 RTP/AVP 0"]),
    );
    assert_eq!(reason(&err), RejectReason::SrtpRequired);
}

/// Our offer with DTLS required: UDP/TLS/RTP/SAVPF, `a=setup:actpass`
/// (RFC 5763 §5), our fingerprint; the answer's role gives ours.
#[test]
fn our_dtls_offer_is_actpass() {
    let mut n = negotiator(builder(SrtpPolicy::Required));
    let o = n.create_offer().unwrap().clone();
    assert_eq!(mlines(&o)[0].proto, "UDP/TLS/RTP/SAVPF");
    assert_eq!(attr_values(&o, 0, "setup"), ["actpass"]);
    assert_eq!(
        attr_values(&o, 0, "fingerprint"),
        [format!("sha-256 {OUR_FP}")]
    );
    let s = n
        .receive_answer(offer(&[
            "m=audio 20000 UDP/TLS/RTP/SAVPF 0",
            &format!("a=fingerprint:sha-256 {THEIR_FP}"),
            "a=setup:active",
        ]))
        .unwrap();
    let d = s.streams[0].dtls.as_ref().unwrap();
    assert_eq!(d.local_setup, Setup::Passive);
    assert_eq!(d.remote_fingerprint, THEIR_FP);
}

/// A WebRTC data channel (`UDP/DTLS/SCTP`, RFC 8841) is keyed by DTLS the
/// same way: the answer's role and fingerprint, and the session's DTLS
/// parameters; without DTLS it is `SrtpNotSupported`.
#[test]
fn data_channel_is_keyed_by_dtls() {
    let b = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::data_channel(5000))
        .dtls(SrtpPolicy::Optional, "sha-256", OUR_FP);
    let dc_offer = || {
        offer(&[
            "m=application 20000 UDP/DTLS/SCTP webrtc-datachannel",
            &format!("a=fingerprint:sha-256 {THEIR_FP}"),
            "a=setup:actpass",
            "a=sctp-port:5000",
        ])
    };
    let mut n = negotiator(b);
    let a = n.receive_offer(dc_offer()).unwrap().clone();
    assert_eq!(mlines(&a)[0].formats(), ["webrtc-datachannel"]);
    assert_eq!(attr_values(&a, 0, "setup"), ["active"]);
    assert_eq!(
        attr_values(&a, 0, "fingerprint"),
        [format!("sha-256 {OUR_FP}")]
    );
    assert_eq!(attr_values(&a, 0, "sctp-port"), ["5000"]);
    let s = n.confirm_answer().unwrap();
    let d = s.streams[0].dtls.as_ref().unwrap();
    assert_eq!(
        (d.local_setup, d.remote_fingerprint.as_str()),
        (Setup::Active, THEIR_FP)
    );

    let no_dtls = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::data_channel(5000));
    assert_eq!(
        reason(&refusal(no_dtls, dc_offer())),
        RejectReason::SrtpNotSupported
    );
}
