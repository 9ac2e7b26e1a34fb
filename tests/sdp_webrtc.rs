//! Conversions to and from `webrtc_sdp::SdpSession`, and typing single
//! attributes with webrtc-sdp's attribute parser.

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;

use sdp_offer_answer::sdp::{Attribute, SdpError, SessionDescription};
use webrtc_sdp::SdpSession;
use webrtc_sdp::address::Address;
use webrtc_sdp::attribute_type::{
    SdpAttribute, SdpAttributeCandidateTransport, SdpAttributePayloadType, SdpAttributeRtcpFbType,
    SdpAttributeType,
};

fn corpus(name: &str) -> SessionDescription {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/corpus")
        .join(name);
    SessionDescription::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn webrtc_mids(session: &SdpSession) -> Vec<String> {
    session
        .media
        .iter()
        .map(|m| match m.get_attribute(SdpAttributeType::Mid) {
            Some(SdpAttribute::Mid(mid)) => mid.clone(),
            other => panic!("no mid: {other:?}"),
        })
        .collect()
}

#[test]
fn chrome_offer_converts() {
    let ours = corpus("16_chrome_offer.sdp");
    let session = SdpSession::try_from(&ours).unwrap();
    assert_eq!(session.media.len(), 3);
    assert_eq!(webrtc_mids(&session), ["0", "1", "2"]);
    assert_eq!(session.get_origin().session_id, 4611731400430051336);
    match session.get_attribute(SdpAttributeType::Group) {
        Some(SdpAttribute::Group(g)) => assert_eq!(g.tags, ["0", "1", "2"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn firefox_offer_converts() {
    let ours = corpus("17_firefox_offer.sdp");
    let session = SdpSession::try_from(&ours).unwrap();
    assert_eq!(session.media.len(), 2);
    assert_eq!(webrtc_mids(&session), ["0", "1"]);
    assert_eq!(session.get_origin().session_version, 0);
}

#[test]
fn missing_t_is_refused_for_the_whole_description() {
    let ours = corpus("18_missing_t.sdp");
    let err = SdpSession::try_from(&ours).unwrap_err();
    assert_eq!(err.line(), None);
    assert_eq!(
        err,
        SdpError::WebRtcSdp {
            line: 0,
            message: "Sequence error in line(0): Missing timing type at session level".to_owned(),
        }
    );
}

#[test]
fn webrtc_errors_name_the_source_line() {
    // Blank lines before the refused line: webrtc-sdp counts lines of our
    // serialization (0-based); the error must name the source line.
    let text = "v=0\r\n\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\n\nm=audio 4000 RTP/AVP 0\r\na=ptime:20.5\r\n";
    let ours = SessionDescription::parse(text).unwrap();
    match SdpSession::try_from(&ours).unwrap_err() {
        SdpError::WebRtcSdp { line, message } => {
            assert_eq!(line, 10);
            assert!(
                message.starts_with("Line error: Integer parsing error"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    // A sequence error (second c= in one media) names its line too.
    let text = "v=0\n\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0\nc=IN IP4 192.0.2.1\nc=IN IP4 192.0.2.2\n";
    let ours = SessionDescription::parse(text).unwrap();
    assert_eq!(
        SdpSession::try_from(&ours).unwrap_err(),
        SdpError::WebRtcSdp {
            line: 8,
            message:
                "Sequence error in line(6): connection type already exists at this media level"
                    .to_owned(),
        }
    );
}

#[test]
fn conversion_back_keeps_m_lines() {
    for name in [
        "16_chrome_offer.sdp",
        "17_firefox_offer.sdp",
        "02_asterisk_pjsip.sdp",
    ] {
        let ours = corpus(name);
        let session = SdpSession::try_from(&ours).unwrap();
        let back = SessionDescription::try_from(&session).unwrap();
        assert_eq!(back.media_count(), ours.media_count(), "{name}");
        assert_eq!(back.media_count(), session.media.len(), "{name}");
        let ours_kinds: Vec<&str> = ours
            .media_descriptions()
            .map(|m| m.media_line().unwrap().media)
            .collect();
        let back_kinds: Vec<&str> = back
            .media_descriptions()
            .map(|m| m.media_line().unwrap().media)
            .collect();
        assert_eq!(back_kinds, ours_kinds, "{name}");
        // webrtc-sdp writes canonical CRLF text, which we keep byte for byte.
        assert!(back.is_canonical(), "{name}");
        assert_eq!(back.serialize(), session.to_string(), "{name}");
    }
    let back = SessionDescription::try_from(
        &SdpSession::try_from(&corpus("16_chrome_offer.sdp")).unwrap(),
    )
    .unwrap();
    let mids: Vec<&str> = back
        .media_descriptions()
        .map(|m| m.attribute("mid").unwrap().value().unwrap())
        .collect();
    assert_eq!(mids, ["0", "1", "2"]);
}

#[test]
fn conversion_loses_what_webrtc_sdp_does_not_know() {
    // Documented loss: a=crypto does not survive the trip through webrtc-sdp.
    let ours = corpus("25_rtp_savp_crypto_only.sdp");
    assert!(ours.media(0).unwrap().attribute("crypto").is_some());
    let back = SessionDescription::try_from(&SdpSession::try_from(&ours).unwrap()).unwrap();
    assert_eq!(back.media_count(), 1);
    assert!(back.media(0).unwrap().attribute("crypto").is_none());
    assert_eq!(
        back.media(0).unwrap().rtpmap(101).unwrap().encoding_name,
        "telephone-event"
    );
}

#[test]
fn attribute_types_a_candidate() {
    let a = Attribute::from_value(
        "candidate:2999745851 1 udp 2122260223 192.168.1.35 54609 typ host generation 0 network-id 1 network-cost 10",
        9,
    );
    match a.to_webrtc().unwrap() {
        SdpAttribute::Candidate(c) => {
            assert_eq!(c.foundation, "2999745851");
            assert_eq!(c.component, 1);
            assert_eq!(c.transport, SdpAttributeCandidateTransport::Udp);
            assert_eq!(c.priority, 2122260223);
            assert_eq!(
                c.address,
                Address::Ip(IpAddr::V4(Ipv4Addr::new(192, 168, 1, 35)))
            );
            assert_eq!(c.port, 54609);
            assert_eq!(c.generation, Some(0));
            assert_eq!(c.networkcost, Some(10));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn attribute_types_an_extmap() {
    let a = Attribute::from_value(
        "extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
        20,
    );
    match a.to_webrtc().unwrap() {
        SdpAttribute::Extmap(e) => {
            assert_eq!(e.id, 3);
            assert!(e.direction.is_none());
            assert_eq!(
                e.url,
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn attribute_types_rtcp_fb() {
    let a = Attribute::from_value("rtcp-fb:96 nack pli", 30);
    match a.to_webrtc().unwrap() {
        SdpAttribute::Rtcpfb(fb) => {
            assert_eq!(fb.payload_type, SdpAttributePayloadType::PayloadType(96));
            assert!(matches!(fb.feedback_type, SdpAttributeRtcpFbType::Nack));
            assert_eq!(fb.parameter, "pli");
        }
        other => panic!("{other:?}"),
    }
    let wildcard = Attribute::from_value("rtcp-fb:* trr-int 100", 31);
    match wildcard.to_webrtc().unwrap() {
        SdpAttribute::Rtcpfb(fb) => {
            assert_eq!(fb.payload_type, SdpAttributePayloadType::Wildcard);
            assert!(matches!(fb.feedback_type, SdpAttributeRtcpFbType::TrrInt));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn attribute_types_property_attributes() {
    assert!(matches!(
        Attribute::from_value("rtcp-mux", 3).to_webrtc(),
        Ok(SdpAttribute::RtcpMux)
    ));
    assert!(matches!(
        Attribute::from_value("sendonly", 3).to_webrtc(),
        Ok(SdpAttribute::Sendonly)
    ));
    // A property attribute with a value is refused by webrtc-sdp.
    assert!(matches!(
        Attribute::from_value("sendonly:x", 4).to_webrtc(),
        Err(SdpError::WebRtcSdp { line: 4, .. })
    ));
}

#[test]
fn attribute_refuses_crypto() {
    let a = Attribute::from_value(
        "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4",
        10,
    );
    assert_eq!(
        a.to_webrtc().unwrap_err(),
        SdpError::WebRtcSdp {
            line: 10,
            message: "Unsupported parsing error: Unknown attribute type crypto".to_owned(),
        }
    );
}

#[test]
fn attribute_refuses_a_malformed_known_attribute() {
    let err = Attribute::from_value("extmap:x urn:foo", 12)
        .to_webrtc()
        .unwrap_err();
    assert!(
        matches!(err, SdpError::WebRtcSdp { line: 12, .. }),
        "{err:?}"
    );
    assert_eq!(err.line(), Some(12));
}
