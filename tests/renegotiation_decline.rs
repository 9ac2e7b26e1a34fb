//! ReNegotiationDeclineReason: UCWA spelling, parsing, and the SIP response
//! each reason becomes (a `sip::SipDecline`), plus the Warning header builder.

use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason as R, UnknownDeclineReason};
use sdp_offer_answer::sip::{
    SipDecline, SipWarning, WarningHeaderError, standard_warn_text, warning_header_value,
};

/// The Warning header value of `d` sent by `agent`, if it has one.
fn warning_header(d: &SipDecline, agent: Option<&str>) -> Option<String> {
    d.clone()
        .with_agent(agent)
        .warning
        .map(|w| w.header_value())
}

/// (reason, status, reason phrase, warn-code) with no offer of ours outstanding.
const TABLE: [(R, u16, &str, Option<u16>); 7] = [
    (R::Unknown, 488, "Not Acceptable Here", None),
    (
        R::MediaAllocationFailure,
        500,
        "Server Internal Error",
        None,
    ),
    (R::EncryptionMismatch, 488, "Not Acceptable Here", Some(306)),
    (R::IPv6NotSupported, 488, "Not Acceptable Here", Some(301)),
    (R::UnsupportedMedia, 488, "Not Acceptable Here", Some(304)),
    (R::InvalidMediaOffer, 488, "Not Acceptable Here", Some(399)),
    (
        R::InsufficientBandwidth,
        488,
        "Not Acceptable Here",
        Some(370),
    ),
];

#[test]
fn each_reason_maps_to_its_sip_response() {
    for (reason, status, phrase, warning) in TABLE {
        for outstanding in [false, true] {
            let d = reason.sip_response(outstanding, 7);
            assert_eq!(d.status, status, "{reason}");
            assert_eq!(d.reason_phrase(), phrase, "{reason}");
            assert_eq!(d.warning.as_ref().map(|w| w.code), warning, "{reason}");
            assert_eq!(d.retry_after, None, "{reason}: no Retry-After");
        }
    }
}

#[test]
fn conflict_with_our_offer_outstanding_is_491() {
    let d = R::Conflict.sip_response(true, 5);
    assert_eq!(d.status, 491);
    assert_eq!(d.reason_phrase(), "Request Pending");
    assert_eq!(d.warning, None);
    assert_eq!(d.retry_after, None);
}

#[test]
fn conflict_without_our_offer_is_500_with_retry_after() {
    let d = R::Conflict.sip_response(false, 4);
    assert_eq!(d.status, 500);
    assert_eq!(d.reason_phrase(), "Server Internal Error");
    assert_eq!(d.warning, None);
    assert_eq!(d.retry_after, Some(4));
    assert_eq!(R::Conflict.sip_response(false, 0).retry_after, Some(0));
    assert_eq!(R::Conflict.sip_response(false, 10).retry_after, Some(10));
    // Clamped to RFC 3261 §14.2's 10 seconds.
    assert_eq!(R::Conflict.sip_response(false, 3600).retry_after, Some(10));
    assert_eq!(SipDecline::MAX_RETRY_AFTER_SECS, 10);
}

#[test]
fn ucwa_spelling_round_trips() {
    let names = [
        "Unknown",
        "MediaAllocationFailure",
        "EncryptionMismatch",
        "IPv6NotSupported",
        "UnsupportedMedia",
        "InvalidMediaOffer",
        "InsufficientBandwidth",
        "Conflict",
    ];
    assert_eq!(R::ALL.len(), 8);
    for (reason, name) in R::ALL.into_iter().zip(names) {
        assert_eq!(reason.as_str(), name);
        assert_eq!(reason.to_string(), name);
        assert_eq!(name.parse::<R>(), Ok(reason));
    }
}

#[test]
fn parsing_is_ascii_case_insensitive() {
    assert_eq!(
        "insufficientbandwidth".parse(),
        Ok(R::InsufficientBandwidth)
    );
    assert_eq!("IPV6NOTSUPPORTED".parse(), Ok(R::IPv6NotSupported));
    assert_eq!("conflict".parse(), Ok(R::Conflict));
}

#[test]
fn unknown_reason_is_a_typed_error() {
    for bad in [
        "",
        "Busy",
        " Conflict",
        "Conflict ",
        "InsufficientBandwidth2",
        "Ünknown",
    ] {
        assert_eq!(bad.parse::<R>(), Err(UnknownDeclineReason(bad.to_owned())));
    }
    let err = "Busy".parse::<R>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown ReNegotiationDeclineReason \"Busy\""
    );
}

#[test]
fn warning_header_of_a_decline() {
    let d = R::InsufficientBandwidth.sip_response(false, 0);
    assert_eq!(
        d.warning.as_ref().map(|w| w.text.as_str()),
        Some("Insufficient bandwidth")
    );
    assert_eq!(
        warning_header(&d, Some("sbc.example.com")).as_deref(),
        Some("370 sbc.example.com \"Insufficient bandwidth\"")
    );
    assert_eq!(
        warning_header(&d, None).as_deref(),
        Some("370 - \"Insufficient bandwidth\"")
    );
    let expected = [
        (R::EncryptionMismatch, "306 - \"Attribute not understood\""),
        (
            R::IPv6NotSupported,
            "301 - \"Incompatible network address formats\"",
        ),
        (R::UnsupportedMedia, "304 - \"Media type not available\""),
        (R::InvalidMediaOffer, "399 - \"Miscellaneous warning\""),
    ];
    for (reason, header) in expected {
        let d = reason.sip_response(false, 0);
        assert_eq!(warning_header(&d, Some("")).as_deref(), Some(header));
    }
    for reason in [R::Unknown, R::MediaAllocationFailure, R::Conflict] {
        let d = reason.sip_response(false, 0);
        assert_eq!(d.warning, None);
        assert_eq!(warning_header(&d, Some("host")), None);
    }
    // An agent given by whoever built the Warning stays.
    let d = SipDecline::new(488).with_warning(SipWarning::standard(305, Some("sbc")));
    assert_eq!(
        warning_header(&d, Some("pbx")).as_deref(),
        Some("305 sbc \"Incompatible media format\"")
    );
}

#[test]
fn with_warning_overrides_the_code() {
    let d = R::EncryptionMismatch
        .sip_response(false, 0)
        .with_warning(SipWarning::standard(302, None));
    assert_eq!(
        (d.status, d.warning.as_ref().map(|w| w.code)),
        (488, Some(302))
    );
    assert_eq!(
        d.warning.as_ref().map(|w| w.text.as_str()),
        Some("Incompatible transport protocol")
    );
    let d = R::Unknown
        .sip_response(false, 0)
        .with_warning(SipWarning::standard(399, None));
    assert_eq!(
        warning_header(&d, Some("[2001:db8::1]:5060")).as_deref(),
        Some("399 [2001:db8::1]:5060 \"Miscellaneous warning\"")
    );
    // A code without a standard text falls back to 399's.
    let d = R::Unknown
        .sip_response(false, 0)
        .with_warning(SipWarning::standard(380, None));
    assert_eq!(standard_warn_text(380), None);
    assert_eq!(
        warning_header(&d, None).as_deref(),
        Some("380 - \"Miscellaneous warning\"")
    );
}

#[test]
fn warning_header_value_per_rfc3261() {
    assert_eq!(
        warning_header_value(370, Some("pc33.atlanta.com"), "Insufficient bandwidth").unwrap(),
        "370 pc33.atlanta.com \"Insufficient bandwidth\""
    );
    assert_eq!(
        warning_header_value(399, Some("proxy:5060"), "line 3: bad \"m=\" \\ line").unwrap(),
        "399 proxy:5060 \"line 3: bad \\\"m=\\\" \\\\ line\""
    );
    // CR/LF and other controls cannot break out of the header; tab and UTF-8 stay.
    assert_eq!(
        warning_header_value(399, None, "a\r\nInjected: x\u{0}\tü").unwrap(),
        "399 - \"a  Injected: x \tü\""
    );
    assert_eq!(
        warning_header_value(99, None, "x"),
        Err(WarningHeaderError::InvalidCode(99))
    );
    assert_eq!(
        warning_header_value(1000, None, "x"),
        Err(WarningHeaderError::InvalidCode(1000))
    );
    for agent in ["a b", "host\r\nX: y", "\"q\"", "h;p"] {
        assert_eq!(
            warning_header_value(370, Some(agent), "x"),
            Err(WarningHeaderError::InvalidAgent(agent.to_owned()))
        );
    }
}

#[test]
fn standard_warn_texts() {
    assert_eq!(
        standard_warn_text(301),
        Some("Incompatible network address formats")
    );
    assert_eq!(
        standard_warn_text(302),
        Some("Incompatible transport protocol")
    );
    assert_eq!(standard_warn_text(304), Some("Media type not available"));
    assert_eq!(standard_warn_text(305), Some("Incompatible media format"));
    assert_eq!(standard_warn_text(306), Some("Attribute not understood"));
    assert_eq!(standard_warn_text(370), Some("Insufficient bandwidth"));
    assert_eq!(standard_warn_text(399), Some("Miscellaneous warning"));
    assert_eq!(standard_warn_text(200), None);
}
