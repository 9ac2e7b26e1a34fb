//! `receive_answer` checks the answer against our offer (RFC 3264 §6,
//! §6.1, RFC 4568 §7.1.2, RFC 5763 §5): each breach is its exact
//! `AnswerError`, the offer stays pending (the caller may wait for a
//! correct answer, roll back, or end the call), and a correct answer then
//! completes the exchange.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    AnswerError, Codec, LocalCapabilities, LocalCapabilitiesBuilder, MediaCapability,
    NegotiationError, NegotiationState, Negotiator, SrtpPolicy, validate_answer,
};
use sdp_offer_answer::sdp::{Direction, SessionDescription};

const FP: &str = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";
const KEY: &str = "inline:b3VyLWtleS04MC0wMTIzNDU2Nzg5YWJjZGVmZ2hp";

fn builder() -> LocalCapabilitiesBuilder {
    LocalCapabilities::builder()
        .ipv4("192.0.2.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::pcmu())
                .telephone_event(8000),
        )
        .media(MediaCapability::video(5000).codec(Codec::h264().payload_type(97)))
}

/// Our offer: `m=audio 4000 RTP/AVP 0 96` (telephone-event 96) and
/// `m=video 5000 RTP/AVP 97` (H.264 packetization-mode 1).
fn offered(b: LocalCapabilitiesBuilder) -> Negotiator {
    let mut n = Negotiator::new(b.build().unwrap(), 1);
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].formats(), ["0", "96"]);
    assert_eq!(mlines(o)[1].formats(), ["97"]);
    n
}

const GOOD_AUDIO: [&str; 1] = ["m=audio 30000 RTP/AVP 0"];
const GOOD_VIDEO: [&str; 3] = [
    "m=video 30002 RTP/AVP 97",
    "a=rtpmap:97 H264/90000",
    "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1",
];

fn answer(audio: &[&str], video: &[&str]) -> SessionDescription {
    let mut lines = audio.to_vec();
    lines.extend_from_slice(video);
    offer(&lines)
}

/// `answer` is refused with `expected`; the offer stays pending and a good
/// answer then completes.
fn assert_refused(mut n: Negotiator, bad: SessionDescription, expected: AnswerError) {
    let pending = n.pending_offer().unwrap().clone();
    let err = n.receive_answer(bad).unwrap_err();
    assert_eq!(err, NegotiationError::InvalidAnswer(expected));
    assert_eq!(err.sip_decline(), None);
    assert_eq!(n.state(), NegotiationState::LocalOfferPending);
    assert_eq!(n.pending_offer(), Some(&pending));
    assert_eq!(n.negotiated_session(), None);
    let good = answer(&GOOD_AUDIO, &GOOD_VIDEO);
    assert!(n.receive_answer(good).is_ok());
    assert_eq!(n.state(), NegotiationState::Stable);
}

#[test]
fn good_answer_is_accepted() {
    let mut n = offered(builder());
    let s = n.receive_answer(answer(&GOOD_AUDIO, &GOOD_VIDEO)).unwrap();
    assert_eq!(agreed(&s.streams[0]), [("PCMU".into(), 8000, 0, 0)]);
    assert_eq!(agreed(&s.streams[1]), [("H264".into(), 90000, 97, 97)]);
}

#[test]
fn different_mline_count() {
    assert_refused(
        offered(builder()),
        answer(&GOOD_AUDIO, &[]),
        AnswerError::MediaCountMismatch {
            offered: 2,
            answered: 1,
        },
    );
}

#[test]
fn media_type_changed() {
    assert_refused(
        offered(builder()),
        answer(
            &GOOD_AUDIO,
            &["m=audio 30002 RTP/AVP 97", "a=rtpmap:97 H264/90000"],
        ),
        AnswerError::MediaTypeMismatch { index: 1 },
    );
}

#[test]
fn protocol_changed() {
    assert_refused(
        offered(builder()),
        answer(&["m=audio 30000 RTP/SAVP 0"], &GOOD_VIDEO),
        AnswerError::ProtocolMismatch { index: 0 },
    );
}

/// RFC 3264 §6.1: the answer "MAY indicate additional media formats, not
/// listed in the corresponding stream in the offer, that the answerer is
/// willing to send or receive". An offered PCMU plus an extra PCMA is
/// accepted; PCMA is reported apart and never sent with in this exchange.
#[test]
fn additional_formats_in_the_answer_are_accepted_and_not_used() {
    let mut n = offered(builder());
    let s = n
        .receive_answer(answer(&["m=audio 30000 RTP/AVP 8 0"], &GOOD_VIDEO))
        .unwrap()
        .clone();
    assert_eq!(agreed(&s.streams[0]), [("PCMU".into(), 8000, 0, 0)]);
    assert_eq!(s.streams[0].codec().unwrap().encoding_name.as_ref(), "PCMU");
    let extra: Vec<_> = s.streams[0]
        .extra_formats
        .iter()
        .map(|c| (c.encoding_name.to_string(), c.send_payload_type))
        .collect();
    assert_eq!(extra, [("PCMA".to_owned(), 8)]);
    // validate_answer (for B2BUAs and SBCs) agrees.
    let offer = n.local_description().unwrap().clone();
    let v = validate_answer(&offer, &answer(&["m=audio 30000 RTP/AVP 0 8"], &GOOD_VIDEO)).unwrap();
    assert_eq!(v.streams[0].extra_formats.len(), 1);
}

/// An answer with none of the offer's formats is still refused.
#[test]
fn format_not_offered() {
    // A dynamic PT whose rtpmap names nothing we offered, and nothing else.
    assert_refused(
        offered(builder()),
        answer(
            &["m=audio 30000 RTP/AVP 120", "a=rtpmap:120 opus/48000/2"],
            &GOOD_VIDEO,
        ),
        AnswerError::FormatNotOffered {
            index: 0,
            format: "120".into(),
        },
    );
}

#[test]
fn no_format_in_accepted_stream() {
    assert_refused(
        offered(builder()),
        answer(&["m=audio 30000 RTP/AVP"], &GOOD_VIDEO),
        AnswerError::NoFormat { index: 0 },
    );
}

/// H.264 answered with packetization-mode 0 to our mode 1 (RFC 6184 §8.2.2).
#[test]
fn fmtp_mismatch_h264_packetization_mode() {
    assert_refused(
        offered(builder()),
        answer(
            &GOOD_AUDIO,
            &[
                "m=video 30002 RTP/AVP 97",
                "a=rtpmap:97 H264/90000",
                "a=fmtp:97 profile-level-id=42e01f;packetization-mode=0",
            ],
        ),
        AnswerError::FmtpMismatch {
            index: 1,
            payload_type: 97,
        },
    );
}

/// We hold (sendonly); a sendrecv answer breaks §6.1.
#[test]
fn direction_not_allowed() {
    let mut n = Negotiator::new(builder().build().unwrap(), 1);
    n.hold();
    n.create_offer().unwrap();
    let mut video = GOOD_VIDEO.to_vec();
    video.push("a=recvonly");
    refused_then(
        n,
        answer(&["m=audio 30000 RTP/AVP 0", "a=sendrecv"], &video),
        AnswerError::DirectionNotAllowed {
            index: 0,
            offered: Direction::SEND,
            answered: Direction::SENDRECV,
        },
        answer(&["m=audio 30000 RTP/AVP 0", "a=recvonly"], &video),
    );
}

/// We disabled the video (port 0); the answer gives it a port.
#[test]
fn accepted_disabled_stream() {
    let mut n = offered(builder());
    n.receive_answer(answer(&GOOD_AUDIO, &GOOD_VIDEO)).unwrap();
    n.remove_stream(1).unwrap();
    n.create_offer().unwrap();
    let pending = n.pending_offer().unwrap().clone();
    let err = n
        .receive_answer(offer_v(
            2,
            &["m=audio 30000 RTP/AVP 0", "m=video 30002 RTP/AVP 97"],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        NegotiationError::InvalidAnswer(AnswerError::AcceptedDisabledStream { index: 1 })
    );
    assert_eq!(n.pending_offer(), Some(&pending));
    n.receive_answer(offer_v(
        2,
        &["m=audio 30000 RTP/AVP 0", "m=video 0 RTP/AVP 97"],
    ))
    .unwrap();
}

fn sdes_builder() -> LocalCapabilitiesBuilder {
    builder()
        .sdes(SrtpPolicy::Required)
        .sdes_key("AES_CM_128_HMAC_SHA1_80", KEY)
}

/// SDES: an answer crypto line whose tag we did not offer, or none at all
/// on an SRTP stream (RFC 4568 §7.1.2).
#[test]
fn crypto_tag_not_offered() {
    let video = [
        "m=video 30002 RTP/SAVP 97",
        "a=rtpmap:97 H264/90000",
        "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:dGhlaXIta2V5LTEyMzQ1Njc4OTBhYmNkZWZnaGlq",
    ];
    let n = offered_sdes();
    let bad = answer(
        &[
            "m=audio 30000 RTP/SAVP 0",
            "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:dGhlaXIta2V5LTEyMzQ1Njc4OTBhYmNkZWZnaGlq",
        ],
        &video,
    );
    let good = answer(
        &[
            "m=audio 30000 RTP/SAVP 0",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:dGhlaXIta2V5LTEyMzQ1Njc4OTBhYmNkZWZnaGlq",
        ],
        &video,
    );
    refused_then(
        n,
        bad,
        AnswerError::CryptoMismatch { index: 0 },
        good.clone(),
    );
    let no_crypto = answer(&["m=audio 30000 RTP/SAVP 0"], &video);
    refused_then(
        offered_sdes(),
        no_crypto,
        AnswerError::CryptoMismatch { index: 0 },
        good,
    );
}

fn offered_sdes() -> Negotiator {
    let mut n = Negotiator::new(sdes_builder().build().unwrap(), 1);
    let o = n.create_offer().unwrap();
    assert_eq!(mlines(o)[0].proto, "RTP/SAVP");
    assert_eq!(
        attr_values(o, 0, "crypto"),
        [format!("1 AES_CM_128_HMAC_SHA1_80 {KEY}")]
    );
    n
}

fn refused_then(
    mut n: Negotiator,
    bad: SessionDescription,
    expected: AnswerError,
    good: SessionDescription,
) {
    let err = n.receive_answer(bad).unwrap_err();
    assert_eq!(err, NegotiationError::InvalidAnswer(expected));
    assert_eq!(n.state(), NegotiationState::LocalOfferPending);
    let s = n.receive_answer(good).unwrap();
    assert!(s.streams.iter().all(|s| s.is_active()));
}

/// DTLS: the answer must not say actpass and must carry a fingerprint (RFC 5763 §5).
#[test]
fn dtls_answer_with_actpass_or_without_fingerprint() {
    let offered_dtls = || {
        let b = builder().dtls(SrtpPolicy::Required, "sha-256", FP);
        let mut n = Negotiator::new(b.build().unwrap(), 1);
        let o = n.create_offer().unwrap();
        assert_eq!(attr_values(o, 0, "setup"), ["actpass"]);
        n
    };
    let fp = format!("a=fingerprint:sha-256 {FP}");
    let audio = |setup: &str, with_fp: bool| {
        let mut l = vec!["m=audio 30000 UDP/TLS/RTP/SAVPF 0".to_owned()];
        if with_fp {
            l.push(fp.clone());
        }
        l.push(format!("a=setup:{setup}"));
        l
    };
    let video = |setup: &str| {
        vec![
            "m=video 30002 UDP/TLS/RTP/SAVPF 97".to_owned(),
            "a=rtpmap:97 H264/90000".to_owned(),
            "a=fmtp:97 profile-level-id=42e01f;packetization-mode=1".to_owned(),
            fp.clone(),
            format!("a=setup:{setup}"),
        ]
    };
    let build = |a: Vec<String>, v: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let v: Vec<&str> = v.iter().map(String::as_str).collect();
        answer(&a, &v)
    };
    let good = build(audio("active", true), video("active"));
    refused_then(
        offered_dtls(),
        build(audio("actpass", true), video("active")),
        AnswerError::DtlsMismatch { index: 0 },
        good.clone(),
    );
    refused_then(
        offered_dtls(),
        build(audio("active", true), video("actpass")),
        AnswerError::DtlsMismatch { index: 1 },
        good.clone(),
    );
    refused_then(
        offered_dtls(),
        build(audio("active", false), video("active")),
        AnswerError::DtlsMismatch { index: 0 },
        good,
    );
}

/// A malformed answer line is `AnswerError::Sdp` with its line number.
#[test]
fn malformed_answer() {
    let mut n = offered(builder());
    let bad = SessionDescription::parse(
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\nm=video 30002 RTP/AVP 97\r\n",
    )
    .unwrap();
    let err = n.receive_answer(bad).unwrap_err();
    let NegotiationError::InvalidAnswer(AnswerError::Sdp(e)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.line(), Some(6));
    assert_eq!(n.state(), NegotiationState::LocalOfferPending);
}

#[test]
fn answer_error_texts() {
    assert_eq!(
        AnswerError::MediaCountMismatch {
            offered: 2,
            answered: 1
        }
        .to_string(),
        "answer has 1 m-lines, the offer 2"
    );
    assert_eq!(
        AnswerError::DirectionNotAllowed {
            index: 0,
            offered: Direction::SEND,
            answered: Direction::SENDRECV
        }
        .to_string(),
        "m-line 0: answered sendrecv to an offered sendonly"
    );
}
