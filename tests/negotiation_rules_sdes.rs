//! SDES-SRTP (RFC 4568) against our policy (`manual::negotiation_rules`): `RTP/SAVP`
//! with a suite we have a key for is answered with that tag and our key;
//! `RTP/AVP` with `a=crypto` is taken best effort when SDES is optional;
//! SDES required refuses plain RTP (`SrtpRequired`, Warning 302); no common
//! suite is `NoCommonCryptoSuite` (Warning 306); a crypto line with session
//! parameters we do not understand is not accepted (RFC 4568 §6.3).

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, Negotiator, RejectReason,
    SdpWarning, SrtpPolicy,
};
use sdp_offer_answer::sdp::SessionDescription;

const OUR_80: &str = "inline:b3VyLWtleS04MC0wMTIzNDU2Nzg5YWJjZGVmZ2hp";
const OUR_32: &str = "inline:b3VyLWtleS0zMi0wMTIzNDU2Nzg5YWJjZGVmZ2hp";
const THEIR_KEY: &str = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

fn negotiator(policy: SrtpPolicy) -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .sdes(policy)
        .sdes_key("AES_CM_128_HMAC_SHA1_80", OUR_80)
        .sdes_key("AES_CM_128_HMAC_SHA1_32", OUR_32)
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn srtp_offer(proto: &str, cryptos: &[&str]) -> SessionDescription {
    let m = format!("m=audio 20000 {proto} 0");
    let lines: Vec<String> = cryptos.iter().map(|c| format!("a=crypto:{c}")).collect();
    let mut all: Vec<&str> = vec![&m];
    all.extend(lines.iter().map(String::as_str));
    offer(&all)
}

fn refusal(policy: SrtpPolicy, offer: SessionDescription) -> NegotiationError {
    negotiator(policy).receive_offer(offer).unwrap_err()
}

fn reason(err: &NegotiationError) -> RejectReason {
    match err {
        NegotiationError::NotAcceptable(r) => r.reason,
        other => panic!("{other:?}"),
    }
}

/// RTP/SAVP, the first offered suite we have: its tag, our key (RFC 4568 §7.1.1).
#[test]
fn savp_with_matching_suite_accepted_with_its_tag() {
    for policy in [SrtpPolicy::Optional, SrtpPolicy::Required] {
        let mut n = negotiator(policy);
        let a = n
            .receive_offer(srtp_offer(
                "RTP/SAVP",
                &[
                    &format!("1 AES_256_CM_HMAC_SHA1_80 {THEIR_KEY}"),
                    &format!("2 AES_CM_128_HMAC_SHA1_32 {THEIR_KEY}|2^20|1:4"),
                    &format!("3 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
                ],
            ))
            .unwrap()
            .clone();
        assert_eq!(mlines(&a)[0].proto, "RTP/SAVP");
        assert_eq!(
            attr_values(&a, 0, "crypto"),
            [format!("2 AES_CM_128_HMAC_SHA1_32 {OUR_32}")]
        );
        let s = n.confirm_answer().unwrap();
        let sdes = s.streams[0].sdes.as_ref().unwrap();
        assert_eq!(
            (
                sdes.tag,
                sdes.suite.name(),
                sdes.send.master_keys[0].to_inline().as_str(),
                sdes.receive.master_keys[0].to_inline().as_str()
            ),
            (
                2,
                "AES_CM_128_HMAC_SHA1_32",
                OUR_32,
                format!("{THEIR_KEY}|2^20|1:4").as_str()
            )
        );
    }
}

/// RTP/SAVP without a suite we have a key for: `NoCommonCryptoSuite`, Warning 306.
#[test]
fn savp_without_common_suite_is_306() {
    let err = refusal(
        SrtpPolicy::Optional,
        srtp_offer(
            "RTP/SAVP",
            &[&format!("1 AES_256_CM_HMAC_SHA1_80 {THEIR_KEY}")],
        ),
    );
    assert_eq!(reason(&err), RejectReason::NoCommonCryptoSuite);
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(SdpWarning::AttributeNotUnderstood.code())
    );
    assert_eq!(err.decline_term(), Some("EncryptionMismatch"));
    // RTP/SAVP with no crypto line at all: the same.
    let err = refusal(SrtpPolicy::Optional, srtp_offer("RTP/SAVP", &[]));
    assert_eq!(reason(&err), RejectReason::NoCommonCryptoSuite);
}

/// RTP/SAVP while SDES is off: `SrtpNotSupported`, Warning 302.
#[test]
fn savp_with_sdes_off_is_302() {
    let err = refusal(
        SrtpPolicy::Off,
        srtp_offer(
            "RTP/SAVP",
            &[&format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}")],
        ),
    );
    assert_eq!(reason(&err), RejectReason::SrtpNotSupported);
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 302"
    );
}

/// RTP/AVP with `a=crypto` and SDES optional: best-effort SRTP, answered
/// RTP/AVP with our crypto line; without a common suite, plain RTP.
#[test]
fn avp_with_crypto_best_effort_when_optional() {
    let mut n = negotiator(SrtpPolicy::Optional);
    let a = n
        .receive_offer(srtp_offer(
            "RTP/AVP",
            &[&format!("7 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}")],
        ))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].proto, "RTP/AVP");
    assert_eq!(
        attr_values(&a, 0, "crypto"),
        [format!("7 AES_CM_128_HMAC_SHA1_80 {OUR_80}")]
    );
    assert_eq!(
        n.confirm_answer().unwrap().streams[0]
            .sdes
            .as_ref()
            .unwrap()
            .tag,
        7
    );

    let mut n = negotiator(SrtpPolicy::Optional);
    let a = n
        .receive_offer(srtp_offer(
            "RTP/AVP",
            &[&format!("1 AES_256_CM_HMAC_SHA1_80 {THEIR_KEY}")],
        ))
        .unwrap()
        .clone();
    assert!(attr_values(&a, 0, "crypto").is_empty());
    assert_eq!(n.confirm_answer().unwrap().streams[0].sdes, None);
}

/// Plain RTP/AVP with SDES optional: plain RTP; with SDES off, a crypto
/// line in an RTP/AVP offer is ignored.
#[test]
fn plain_rtp_accepted_unless_required() {
    let mut n = negotiator(SrtpPolicy::Optional);
    let a = n.receive_offer(srtp_offer("RTP/AVP", &[])).unwrap().clone();
    assert!(attr_values(&a, 0, "crypto").is_empty());
    let mut n = negotiator(SrtpPolicy::Off);
    let a = n
        .receive_offer(srtp_offer(
            "RTP/AVP",
            &[&format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}")],
        ))
        .unwrap()
        .clone();
    assert!(attr_values(&a, 0, "crypto").is_empty());
    assert_eq!(n.confirm_answer().unwrap().streams[0].sdes, None);
}

/// SDES required: plain RTP is refused `SrtpRequired` (Warning 302), and
/// RTP/AVP with only unusable crypto lines `NoCommonCryptoSuite`; RTP/AVP
/// with a usable crypto line is accepted encrypted.
#[test]
fn required_policy_refuses_plain_rtp() {
    let err = refusal(SrtpPolicy::Required, srtp_offer("RTP/AVP", &[]));
    assert_eq!(reason(&err), RejectReason::SrtpRequired);
    assert_eq!(
        err.sip_decline().unwrap().warning.map(|w| w.code),
        Some(SdpWarning::IncompatibleTransportProtocol.code())
    );
    assert_eq!(err.decline_term(), Some("EncryptionMismatch"));
    let err = refusal(
        SrtpPolicy::Required,
        srtp_offer(
            "RTP/AVP",
            &[&format!("1 AES_256_CM_HMAC_SHA1_80 {THEIR_KEY}")],
        ),
    );
    assert_eq!(reason(&err), RejectReason::NoCommonCryptoSuite);
    let mut n = negotiator(SrtpPolicy::Required);
    n.receive_offer(srtp_offer(
        "RTP/AVP",
        &[&format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}")],
    ))
    .unwrap();
    assert!(n.confirm_answer().unwrap().streams[0].sdes.is_some());
}

/// Session parameters: known ones are echoed (RFC 4568 §6.3.x), a line
/// with an unknown one is skipped in favour of the next.
#[test]
fn session_parameters_known_echoed_unknown_skipped() {
    let mut n = negotiator(SrtpPolicy::Optional);
    let a = n
        .receive_offer(srtp_offer(
            "RTP/SAVP",
            &[
                &format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY} FOO=1"),
                &format!("2 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY} UNENCRYPTED_SRTCP"),
            ],
        ))
        .unwrap()
        .clone();
    assert_eq!(
        attr_values(&a, 0, "crypto"),
        [format!(
            "2 AES_CM_128_HMAC_SHA1_80 {OUR_80} UNENCRYPTED_SRTCP"
        )]
    );
    let err = refusal(
        SrtpPolicy::Optional,
        srtp_offer(
            "RTP/SAVP",
            &[&format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY} FOO=1")],
        ),
    );
    assert_eq!(reason(&err), RejectReason::NoCommonCryptoSuite);
}

/// Our offers: optional SDES offers RTP/AVP with a crypto line per key
/// (tags 1, 2); required SDES offers RTP/SAVP.
#[test]
fn our_offers_carry_crypto_per_policy() {
    let mut n = negotiator(SrtpPolicy::Optional);
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].proto, "RTP/AVP");
    assert_eq!(
        attr_values(o, 0, "crypto"),
        [
            format!("1 AES_CM_128_HMAC_SHA1_80 {OUR_80}"),
            format!("2 AES_CM_128_HMAC_SHA1_32 {OUR_32}")
        ]
    );
    let mut n = negotiator(SrtpPolicy::Required);
    assert_eq!(mlines(n.create_offer().unwrap())[0].proto, "RTP/SAVP");
    let mut n = negotiator(SrtpPolicy::Off);
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].proto, "RTP/AVP");
    assert!(attr_values(o, 0, "crypto").is_empty());
}

/// Keys that are not base64 of exactly the suite's key‖salt length (RFC
/// 4568 §6.1: AES_CM_128 needs 30 bytes) make their line unusable: alone,
/// the RTP/SAVP offer is declined 488/306.
#[test]
fn unusable_keys_are_not_answered() {
    for key in [
        "inline:",
        "inline:a2V5",
        "inline:not base64!!",
        "inline:!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "inline:b3VyLWtleS04MC0wMTIzNDU2Nzg5YWJjZGVmZ2hpams",
        "uri:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
    ] {
        let err = refusal(
            SrtpPolicy::Optional,
            srtp_offer("RTP/SAVP", &[&format!("1 AES_CM_128_HMAC_SHA1_80 {key}")]),
        );
        assert_eq!(reason(&err), RejectReason::NoCommonCryptoSuite, "{key}");
        assert_eq!(
            err.sip_decline().unwrap().warning.map(|w| w.code),
            Some(SdpWarning::AttributeNotUnderstood.code())
        );
    }
}

/// Suite names are case-insensitive (RFC 4568 §9.2's ABNF strings, RFC
/// 5234 §2.3); the answer writes the registered spelling.
#[test]
fn suite_names_are_case_insensitive() {
    let mut n = negotiator(SrtpPolicy::Required);
    let a = n
        .receive_offer(srtp_offer(
            "RTP/SAVP",
            &[&format!("7 aes_cm_128_hmac_sha1_80 {THEIR_KEY}")],
        ))
        .unwrap()
        .clone();
    assert_eq!(
        attr_values(&a, 0, "crypto"),
        [format!("7 AES_CM_128_HMAC_SHA1_80 {OUR_80}")]
    );
}

/// A tag used by two lines names neither (RFC 4568 §5.1: the answer's tag
/// identifies the accepted line): both are skipped; a tag that is not 1–9
/// digits is not a crypto line.
#[test]
fn duplicate_and_non_numeric_tags_are_skipped() {
    let mut n = negotiator(SrtpPolicy::Required);
    let a = n
        .receive_offer(srtp_offer(
            "RTP/SAVP",
            &[
                &format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
                &format!("1 AES_CM_128_HMAC_SHA1_32 {THEIR_KEY}"),
                &format!("x2 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
                &format!("1234567890 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
                &format!("3 AES_CM_128_HMAC_SHA1_32 {THEIR_KEY}"),
            ],
        ))
        .unwrap()
        .clone();
    assert_eq!(
        attr_values(&a, 0, "crypto"),
        [format!("3 AES_CM_128_HMAC_SHA1_32 {OUR_32}")]
    );
    let err = refusal(
        SrtpPolicy::Required,
        srtp_offer(
            "RTP/SAVP",
            &[
                &format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
                &format!("1 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}"),
            ],
        ),
    );
    assert_eq!(reason(&err), RejectReason::NoCommonCryptoSuite);
}

/// What an SRTP stack needs, typed: suite, our key and the remote's as
/// bytes, lifetime, MKI, per direction.
#[test]
fn the_negotiated_stream_gives_typed_keys() {
    use sdp_offer_answer::negotiation::{Mki, SrtpSuite};
    let mut n = negotiator(SrtpPolicy::Required);
    n.receive_offer(srtp_offer(
        "RTP/SAVP",
        &[&format!(
            "5 AES_CM_128_HMAC_SHA1_80 {THEIR_KEY}|2^31|3:2 UNENCRYPTED_SRTCP"
        )],
    ))
    .unwrap();
    let s = n.confirm_answer().unwrap();
    let sdes = s.streams[0].sdes.as_ref().unwrap();
    assert_eq!((sdes.suite, sdes.tag), (SrtpSuite::AesCm128HmacSha1_80, 5));
    let ours = sdes.send.master_key().unwrap();
    assert_eq!(&ours.key[..], b"our-key-80-01234");
    assert_eq!(&ours.salt[..], b"56789abcdefghi");
    assert_eq!((ours.lifetime, ours.mki), (None, None));
    let theirs = sdes.receive.master_key().unwrap();
    assert_eq!(&theirs.key[..], b"YS___semctl () {");
    assert_eq!(theirs.salt.len(), 14);
    assert_eq!(theirs.lifetime, Some(1 << 31));
    assert_eq!(
        theirs.mki,
        Some(Mki {
            value: 3,
            length: 2
        })
    );
    assert!(sdes.receive.session_params.unencrypted_srtcp);
    assert!(sdes.send.session_params.unencrypted_srtcp);
}
