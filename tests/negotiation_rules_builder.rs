//! `LocalCapabilitiesBuilder::build` checks (misuse is a typed
//! error): each `CapabilityError` variant the builder can produce.

use sdp_offer_answer::negotiation::{
    CapabilityError, Codec, KeySource, LocalCapabilities, LocalCapabilitiesBuilder,
    MediaCapability, SdesError, SrtpPolicy, SrtpSuite,
};
use sdp_offer_answer::sdp::MediaType;

fn base() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder().ipv4("192.0.2.5".parse().unwrap())
}

fn audio() -> MediaCapability {
    MediaCapability::audio(4000).codec(Codec::pcmu())
}

fn invalid(what: &'static str, value: &str) -> CapabilityError {
    CapabilityError::InvalidText {
        what,
        value: value.to_owned(),
    }
}

#[test]
fn a_valid_set_builds() {
    let caps = base().media(audio()).build().unwrap();
    assert_eq!(caps.media().len(), 1);
    // IPv6 only is an address too; a non-RTP capability needs no codec.
    LocalCapabilities::builder()
        .ipv6("2001:db8::5".parse().unwrap())
        .media(MediaCapability::new(MediaType::Image, 4010).non_rtp("udptl", &["t38"]))
        .build()
        .unwrap();
}

#[test]
fn no_address() {
    assert_eq!(
        LocalCapabilities::builder().media(audio()).build(),
        Err(CapabilityError::NoAddress)
    );
}

#[test]
fn text_that_would_break_an_sdp_line() {
    assert_eq!(
        base().username("a b").build(),
        Err(invalid("username", "a b"))
    );
    assert_eq!(base().username("").build(), Err(invalid("username", "")));
    assert_eq!(
        base().session_name("x\r\nm=audio").build(),
        Err(invalid("session name", "x\r\nm=audio"))
    );
    // A session name may hold spaces.
    base().session_name("my phone").build().unwrap();
    assert_eq!(
        base()
            .media(MediaCapability::audio(4000).codec(Codec::new("bad name", 8000)))
            .build(),
        Err(invalid("codec name", "bad name"))
    );
    assert_eq!(
        base()
            .media(MediaCapability::audio(4000).codec(Codec::pcmu().fmtp("a=1\nb")))
            .build(),
        Err(invalid("fmtp", "a=1\nb"))
    );
    assert_eq!(
        base()
            .media(audio())
            .sdes(SrtpPolicy::Optional)
            .sdes_key("AES_CM_128_HMAC_SHA1_80", "inline:a b")
            .build(),
        Err(CapabilityError::InvalidSdesKey {
            suite: "AES_CM_128_HMAC_SHA1_80".into(),
            reason: SdesError::NotBase64
        })
    );
}

/// A fixed SDES key must be base64 of exactly its suite's key‖salt length
/// (RFC 4568 §6.1, RFC 6188, RFC 7714), for a suite we know.
#[test]
fn sdes_key_of_the_wrong_length_or_suite_is_refused() {
    let sdes = |suite: &str, key: &str| {
        base()
            .media(audio())
            .sdes(SrtpPolicy::Optional)
            .sdes_key(suite, key)
            .build()
    };
    // The sip_ua example's old demo key: 32 bytes where 30 are needed.
    assert_eq!(
        sdes(
            "AES_CM_128_HMAC_SHA1_80",
            "inline:c2lwX3VhIGRlbW8ga2V5IG5vdCBmb3IgcmVhbCB1c2U"
        ),
        Err(CapabilityError::InvalidSdesKey {
            suite: "AES_CM_128_HMAC_SHA1_80".into(),
            reason: SdesError::WrongKeyLength {
                expected: 30,
                found: 32
            }
        })
    );
    assert_eq!(
        sdes("AES_CM_128_HMAC_SHA1_80", "garbage"),
        Err(CapabilityError::InvalidSdesKey {
            suite: "AES_CM_128_HMAC_SHA1_80".into(),
            reason: SdesError::NotInline
        })
    );
    assert_eq!(
        sdes(
            "AES_CM_128_HMAC_SHA1_99",
            "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"
        ),
        Err(CapabilityError::InvalidSdesKey {
            suite: "AES_CM_128_HMAC_SHA1_99".into(),
            reason: SdesError::UnknownSuite
        })
    );
    // 30 bytes is right for AES_CM_128, wrong for AES_256_CM (46).
    let key30 = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    assert!(sdes("aes_cm_128_hmac_sha1_32", key30).is_ok());
    assert_eq!(
        sdes("AES_256_CM_HMAC_SHA1_80", key30),
        Err(CapabilityError::InvalidSdesKey {
            suite: "AES_256_CM_HMAC_SHA1_80".into(),
            reason: SdesError::WrongKeyLength {
                expected: 46,
                found: 30
            }
        })
    );
}

/// A suite without a fixed key needs a key source.
#[test]
fn sdes_suite_needs_a_key_source() {
    let suite = || {
        base()
            .media(audio())
            .sdes(SrtpPolicy::Required)
            .sdes_suite(SrtpSuite::AeadAes128Gcm)
    };
    assert_eq!(suite().build(), Err(CapabilityError::SdesWithoutKey));
    let source: std::sync::Arc<dyn KeySource> = std::sync::Arc::new(|out: &mut [u8]| out.fill(9));
    let caps = suite().key_source(source).build().unwrap();
    assert_eq!(caps.sdes_suites(), [SrtpSuite::AeadAes128Gcm]);
}

#[test]
fn payload_type_out_of_range() {
    assert_eq!(
        base()
            .media(MediaCapability::audio(4000).codec(Codec::opus().payload_type(128)))
            .build(),
        Err(CapabilityError::PayloadTypeOutOfRange(128))
    );
}

#[test]
fn duplicate_payload_type() {
    assert_eq!(
        base()
            .media(
                MediaCapability::audio(4000)
                    .codec(Codec::opus().payload_type(111))
                    .codec(Codec::new("iLBC", 8000).payload_type(111)),
            )
            .build(),
        Err(CapabilityError::DuplicatePayloadType(111))
    );
    // Static PTs count too: a second codec claiming 0.
    assert_eq!(
        base()
            .media(audio().codec(Codec::new("X-PCMU", 8000).payload_type(0)))
            .build(),
        Err(CapabilityError::DuplicatePayloadType(0))
    );
}

#[test]
fn rtp_capability_without_codec() {
    assert_eq!(
        base().media(MediaCapability::video(5000)).build(),
        Err(CapabilityError::NoCodec(MediaType::Video))
    );
}

#[test]
fn sdes_without_key() {
    assert_eq!(
        base().media(audio()).sdes(SrtpPolicy::Optional).build(),
        Err(CapabilityError::SdesWithoutKey)
    );
    // Off needs no key.
    base().media(audio()).sdes(SrtpPolicy::Off).build().unwrap();
}

#[test]
fn dtls_fingerprint_must_be_text() {
    assert_eq!(
        base()
            .media(audio())
            .dtls(SrtpPolicy::Required, "sha-256", "")
            .build(),
        Err(invalid("fingerprint", ""))
    );
}

#[test]
fn ice_credentials_checked() {
    let pwd = "0123456789abcdefghijkl";
    assert_eq!(pwd.len(), 22);
    base().media(audio()).ice("abcd", pwd).build().unwrap();
    for (ufrag, pwd) in [
        ("abc", pwd),
        ("abcd", &pwd[1..]),
        ("ab-d", pwd),
        ("abcd", "0123456789abcdefghijk!"),
    ] {
        assert_eq!(
            base().media(audio()).ice(ufrag, pwd).build(),
            Err(CapabilityError::InvalidIceCredentials),
            "{ufrag} {pwd}"
        );
    }
}

#[test]
fn error_texts() {
    assert_eq!(
        CapabilityError::NoAddress.to_string(),
        "no local address: give an IPv4 or IPv6 address"
    );
    assert_eq!(
        CapabilityError::DuplicatePayloadType(0).to_string(),
        "payload type 0 is used twice in one media capability"
    );
    assert_eq!(
        CapabilityError::NoCodec(MediaType::Audio).to_string(),
        "the audio capability has no codec"
    );
}
