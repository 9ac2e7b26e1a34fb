//! Every offer of the real-world corpus (tests/data/corpus/, copied from
//! ../shared/sdp-corpus/) answered by the built-in profile
//! (`LocalCapabilities::demo_softphone()`): the exact outcome per file
//! (which m-lines are accepted or rejected and why, the chosen codec and
//! PT, the answered direction, telephone-event PT, keying), or the exact
//! typed refusal with its SIP response. Every answer also re-parses to
//! itself, has the offer's m-line count, media and protos, lists only
//! offered formats under the offer's PT numbers and rtpmaps (RFC 3264 §6,
//! §6.1). (Debug builds also read each answer back against the offer,
//! `self_check` in negotiator.rs.)

mod common;

use std::time::Duration;

use common::*;
use sdp_offer_answer::negotiation::{
    LocalCapabilities, NegotiatedSession, NegotiationError, Negotiator, OfferRejection,
    RejectReason, SdpWarning, StreamState,
};
use sdp_offer_answer::sdp::{Direction, SessionDescription, Setup};

/// Demo profile: audio on 49170, video on 49174.
const AUDIO_PORT: u16 = 49170;
const VIDEO_PORT: u16 = 49174;

#[derive(Debug)]
enum Keying {
    Plain,
    Sdes { tag: u32, suite: &'static str },
    Dtls(Setup),
}

#[derive(Debug)]
enum Expect {
    Accepted {
        port: u16,
        formats: &'static [&'static str],
        /// The codec to send: encoding name and PT.
        codec: (&'static str, u8),
        direction: Direction,
        telephone_event: Option<u8>,
        keying: Keying,
    },
    Rejected(RejectReason),
}

struct Outcome {
    offer: SessionDescription,
    answer: SessionDescription,
    session: NegotiatedSession,
}

fn negotiate(name: &str) -> Result<Outcome, NegotiationError> {
    let offer = corpus(name);
    let mut n = Negotiator::new(LocalCapabilities::demo_softphone(), 42);
    let answer = n.receive_offer(offer.clone())?.clone();
    let session = n.confirm_answer().unwrap().clone();
    Ok(Outcome {
        offer,
        answer,
        session,
    })
}

/// The RFC 3551 §6 encodings of the static PTs the corpus uses without rtpmap.
fn static_rtpmap(pt: u8) -> Option<&'static str> {
    match pt {
        0 => Some("PCMU/8000"),
        8 => Some("PCMA/8000"),
        9 => Some("G722/8000"),
        _ => None,
    }
}

/// RFC 3264 §6 / §6.1 shape of an answer against its offer.
fn check_shape(name: &str, offer: &SessionDescription, answer: &SessionDescription) {
    let text = answer.serialize();
    assert_eq!(
        &SessionDescription::parse(&text).unwrap(),
        answer,
        "{name}: re-parse"
    );
    assert!(text.ends_with("\r\n"));
    let (o, a) = (mlines(offer), mlines(answer));
    assert_eq!(o.len(), a.len(), "{name}: m-line count");
    for (i, (o, a)) in o.iter().zip(&a).enumerate() {
        assert_eq!(a.media, o.media, "{name} m-line {i}: media");
        assert_eq!(a.proto, o.proto, "{name} m-line {i}: proto");
        if !a.accepted() {
            continue;
        }
        assert!(!a.formats.is_empty(), "{name} m-line {i}: no format");
        for f in &a.formats {
            assert!(o.formats.contains(f), "{name} m-line {i}: {f} not offered");
        }
        for (pt, map) in &a.rtpmaps {
            let offered = o
                .rtpmaps
                .iter()
                .find(|(p, _)| p == pt)
                .map(|(_, m)| m.as_str())
                .or_else(|| static_rtpmap(*pt));
            assert_eq!(
                offered.map(str::to_ascii_lowercase),
                Some(map.to_ascii_lowercase()),
                "{name} m-line {i}: PT {pt} keeps the offer's meaning"
            );
        }
    }
}

/// Checks the outcome of `name` against `expected` (one entry per m-line).
fn check(name: &str, expected: &[Expect]) -> Outcome {
    let out = negotiate(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    check_shape(name, &out.offer, &out.answer);
    let m = mlines(&out.answer);
    assert_eq!(m.len(), expected.len(), "{name}");
    assert_eq!(out.session.streams.len(), expected.len());
    for (i, e) in expected.iter().enumerate() {
        let s = &out.session.streams[i];
        assert_eq!(s.index, i);
        match e {
            Expect::Rejected(reason) => {
                assert_eq!(m[i].port, 0, "{name} m-line {i}");
                assert_eq!(s.state, StreamState::Rejected(*reason), "{name} m-line {i}");
                assert!(s.codecs.is_empty());
            }
            Expect::Accepted {
                port,
                formats,
                codec,
                direction,
                telephone_event,
                keying,
            } => {
                assert_eq!(s.state, StreamState::Active, "{name} m-line {i}");
                assert_eq!(m[i].port, *port, "{name} m-line {i}: port");
                assert_eq!(s.local_port, *port);
                assert_eq!(m[i].formats(), *formats, "{name} m-line {i}: formats");
                let c = s.codec().unwrap();
                assert_eq!(
                    (&*c.encoding_name, c.send_payload_type, c.recv_payload_type),
                    (codec.0, codec.1, codec.1),
                    "{name} m-line {i}: codec"
                );
                assert_eq!(m[i].direction, *direction, "{name} m-line {i}: direction");
                assert_eq!(s.direction, *direction);
                let written = attr_values(&out.answer, i, direction.attribute_name());
                assert_eq!(written.len(), 1, "{name} m-line {i}: a={direction}");
                assert_eq!(
                    s.telephone_event().map(|t| t.send_payload_type),
                    *telephone_event,
                    "{name} m-line {i}: telephone-event"
                );
                let crypto = attr_values(&out.answer, i, "crypto");
                let setup = attr_values(&out.answer, i, "setup");
                match keying {
                    Keying::Plain => {
                        assert!(crypto.is_empty() && setup.is_empty());
                        assert_eq!((&s.sdes, &s.dtls), (&None, &None));
                    }
                    Keying::Sdes { tag, suite } => {
                        let sdes = s.sdes.as_ref().unwrap();
                        let ours = sdes.send.master_keys[0].to_inline();
                        // Our own key, drawn for this session: 30 bytes, not the offer's.
                        assert_eq!(crypto, [format!("{tag} {suite} {ours}")]);
                        assert_eq!((sdes.tag, sdes.suite.name()), (*tag, *suite));
                        assert_eq!(
                            (
                                sdes.send.master_keys[0].key.len(),
                                sdes.send.master_keys[0].salt.len()
                            ),
                            (16, 14)
                        );
                        assert!(
                            !out.offer.serialize().contains(&ours[7..]),
                            "{name}: our key is in the offer"
                        );
                        assert!(setup.is_empty());
                    }
                    Keying::Dtls(role) => {
                        assert_eq!(setup, [role.as_str()]);
                        assert_eq!(s.dtls.as_ref().unwrap().local_setup, *role);
                        assert_eq!(attr_values(&out.answer, i, "fingerprint").len(), 1);
                        assert!(crypto.is_empty());
                    }
                }
            }
        }
    }
    out
}

fn refused(name: &str) -> (NegotiationError, OfferRejection) {
    let offer = corpus(name);
    let mut n = Negotiator::new(LocalCapabilities::demo_softphone(), 42);
    let err = n.receive_offer(offer).unwrap_err();
    assert_eq!(
        n.state(),
        sdp_offer_answer::negotiation::NegotiationState::Stable
    );
    assert_eq!(n.pending_answer(), None);
    match &err {
        NegotiationError::NotAcceptable(r) => {
            let r = r.clone();
            (err, r)
        }
        other => panic!("{name}: {other:?}"),
    }
}

fn audio(
    formats: &'static [&'static str],
    codec: (&'static str, u8),
    telephone_event: Option<u8>,
) -> Expect {
    Expect::Accepted {
        port: AUDIO_PORT,
        formats,
        codec,
        direction: Direction::SENDRECV,
        telephone_event,
        keying: Keying::Plain,
    }
}

#[test]
fn every_corpus_file_has_an_expected_outcome() {
    let mut names: Vec<String> = std::fs::read_dir(data_dir("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "01_rfc4317_offer.sdp",
            "02_asterisk_pjsip.sdp",
            "03_asterisk_chansip_srtp.sdp",
            "04_freeswitch_opus.sdp",
            "05_freeswitch_verto_webrtc.sdp",
            "06_pjsip_pjmedia.sdp",
            "08_cisco_anat_ipv6.sdp",
            "10_t38_no_media_c.sdp",
            "12_lync2013_no_tcp_cands.sdp",
            "16_chrome_offer.sdp",
            "17_firefox_offer.sdp",
            "18_missing_t.sdp",
            "19_trailing_ws.sdp",
            "21_session_level_ptime_rtpmap.sdp",
            "24_sdes_savpf_asterisk_webrtc_upper_fp.sdp",
            "25_rtp_savp_crypto_only.sdp",
            "26_rtcpfb_trrint_and_x.sdp",
            "29_tcp_tls_rtp_savp.sdp",
            "30_fmtp_defaults.sdp",
        ],
        "a new corpus file needs its expected outcome in this file"
    );
}

/// RFC 4317 §2.1 offer: PCMU and PCMA in common; H.261/MPV video is not
/// in the profile (VP8/H.264 only), so video is rejected with port 0.
#[test]
fn c01_rfc4317_offer_audio_accepted_video_no_common_format() {
    let out = check(
        "01_rfc4317_offer.sdp",
        &[
            audio(&["0", "8"], ("PCMU", 0), None),
            Expect::Rejected(RejectReason::NoCommonFormat),
        ],
    );
    // RFC 3264 §6 needs port 0 only; one format, as RFC 4317 §2.2 shows.
    assert_eq!(mlines(&out.answer)[1].formats(), ["31"]);
    assert_eq!(
        out.session.streams[0].remote_rtp,
        Some(fqdn_addr("host.atlanta.example.com", 49170))
    );
    assert_eq!(out.session.remote_version, 2890844526);
}

/// Asterisk (PJSIP channel): G.711 and G.722 in the offer's order, DTMF on 101 with 0-16.
#[test]
fn c02_asterisk_pjsip_all_common_codecs_in_offer_order() {
    let out = check(
        "02_asterisk_pjsip.sdp",
        &[audio(&["0", "8", "9", "101"], ("PCMU", 0), Some(101))],
    );
    assert_eq!(attr_values(&out.answer, 0, "fmtp"), ["101 0-16"]);
    assert_eq!(attr_values(&out.answer, 0, "ptime"), ["20"]);
    let s = &out.session.streams[0];
    assert_eq!(s.ptime, Some(Duration::from_millis(20)));
    assert_eq!(s.maxptime, Some(Duration::from_millis(150)));
    assert_eq!(s.remote_rtp, Some(ip_addr("192.168.1.10", 10000)));
    assert_eq!(s.remote_rtcp, Some(ip_addr("192.168.1.10", 10001)));
}

/// Asterisk chan_sip SRTP: RTP/SAVP with two suites; the first suite we
/// have a key for (tag 1, `AES_CM_128_HMAC_SHA1_80`) is answered with our
/// key (RFC 4568 §7.1.1); GSM is not in the profile.
#[test]
fn c03_asterisk_chansip_srtp_first_suite_accepted() {
    let out = check(
        "03_asterisk_chansip_srtp.sdp",
        &[Expect::Accepted {
            port: AUDIO_PORT,
            formats: &["0", "8", "101"],
            codec: ("PCMU", 0),
            direction: Direction::SENDRECV,
            telephone_event: Some(101),
            keying: Keying::Sdes {
                tag: 1,
                suite: "AES_CM_128_HMAC_SHA1_80",
            },
        }],
    );
    assert_eq!(
        out.session.streams[0]
            .sdes
            .as_ref()
            .unwrap()
            .receive
            .master_keys[0]
            .to_inline(),
        "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|1:1"
    );
}

/// FreeSWITCH opus offered `sendonly`: answered `recvonly` (RFC 3264 §6.1);
/// no 48 kHz telephone-event is offered, so telephone-event/8000 is answered
/// rather than losing DTMF (the pairing FreeSWITCH and Asterisk use); CN/8000
/// is not (no 8 kHz codec chosen); RTCP goes to the offered `a=rtcp` port.
#[test]
fn c04_freeswitch_sendonly_answered_recvonly() {
    let out = check(
        "04_freeswitch_opus.sdp",
        &[Expect::Accepted {
            port: AUDIO_PORT,
            formats: &["99", "101"],
            codec: ("opus", 99),
            direction: Direction::RECV,
            telephone_event: Some(101),
            keying: Keying::Plain,
        }],
    );
    let s = &out.session.streams[0];
    assert_eq!(s.remote_rtcp, Some(ip_addr("10.0.2.15", 24197)));
    assert_eq!(
        s.codec().unwrap().send_fmtp.as_deref(),
        Some("useinbandfec=1; minptime=10; maxptime=40")
    );
    assert_eq!(
        s.codec().unwrap().recv_fmtp.as_deref(),
        Some("useinbandfec=1")
    );
}

/// FreeSWITCH Verto (WebRTC): DTLS-SRTP with `a=setup:active` in the
/// offer, so we are passive (RFC 5763 §5); ICE and rtcp-mux answered.
#[test]
fn c05_verto_dtls_offer_active_we_are_passive() {
    let out = check(
        "05_freeswitch_verto_webrtc.sdp",
        &[Expect::Accepted {
            port: AUDIO_PORT,
            formats: &["111", "110"],
            codec: ("opus", 111),
            direction: Direction::SENDRECV,
            telephone_event: Some(110),
            keying: Keying::Dtls(Setup::Passive),
        }],
    );
    let s = &out.session.streams[0];
    assert!(s.rtcp_mux);
    assert_eq!(s.remote_rtcp, None);
    assert_eq!(s.ice.as_ref().unwrap().ufrag, "hBPTbvaghopn4oh1");
    // The session's own credentials, drawn from the profile's key source.
    let ours = s.local_ice.as_ref().unwrap();
    assert_eq!(
        attr_values(&out.answer, 0, "ice-ufrag"),
        vec![ours.ufrag.clone()]
    );
    assert_eq!(
        attr_values(&out.answer, 0, "ice-pwd"),
        vec![ours.pwd.clone()]
    );
    assert_eq!((ours.ufrag.len(), ours.pwd.len()), (8, 24));
    assert!(has_attr(&out.answer, 0, "rtcp-mux"));
    assert_eq!(s.dtls.as_ref().unwrap().remote_hash_function, "sha-256");
    assert!(session_attr_values(&out.answer, "group").is_empty());
}

/// PJSIP: opus first, two telephone-events (48 kHz and 8 kHz, one per
/// chosen clock rate); the media-level `b=TIAS:96000` is the bandwidth.
#[test]
fn c06_pjsip_two_telephone_events_one_per_clock_rate() {
    let out = check(
        "06_pjsip_pjmedia.sdp",
        &[audio(
            &["96", "9", "8", "0", "101", "102"],
            ("opus", 96),
            Some(101),
        )],
    );
    let s = &out.session.streams[0];
    let te: Vec<(u32, u8)> = s
        .codecs
        .iter()
        .filter(|c| c.is_telephone_event())
        .map(|c| (c.clock_rate, c.send_payload_type))
        .collect();
    assert_eq!(te, [(48000, 101), (8000, 102)]);
    assert_eq!(s.bandwidth_kbps, Some(96));
    assert_eq!(s.remote_rtcp, Some(ip_addr("10.172.68.90", 4015)));
}

/// Cisco ANAT (RFC 4091): the IPv6 alternative is accepted on our IPv6
/// address, the IPv4 one rejected as the alternative not chosen.
#[test]
fn c08_cisco_anat_ipv6_alternative_chosen() {
    let out = check(
        "08_cisco_anat_ipv6.sdp",
        &[
            audio(&["0", "101"], ("PCMU", 0), Some(101)),
            Expect::Rejected(RejectReason::AlternativeNotChosen),
        ],
    );
    assert_eq!(
        mlines(&out.answer)[0].address.as_deref(),
        Some("2001:db8::10")
    );
    assert_eq!(
        out.session.streams[0].remote_rtp,
        Some(ip_addr("2208:1:1:1:1:1:1:1115", 17836))
    );
    assert_eq!(out.session.streams[0].mid.as_deref(), Some("1"));
    assert_eq!(attr_values(&out.answer, 1, "mid"), ["2"]);
    assert_eq!(RejectReason::AlternativeNotChosen.warning(), None);
}

/// T.38 with the audio already disabled: nothing we can take (no `image`
/// capability), so the offer is refused: 488 + Warning 304.
#[test]
fn c10_t38_only_offer_refused_media_type_not_available() {
    let (err, r) = refused("10_t38_no_media_c.sdp");
    assert_eq!(r.reason, RejectReason::UnsupportedMediaType);
    assert_eq!(r.streams, [(1, RejectReason::UnsupportedMediaType)]);
    let decline = err.sip_decline().unwrap();
    assert_eq!(
        (
            decline.status,
            decline.reason_phrase(),
            decline.warning.as_ref().map(|w| w.code)
        ),
        (
            488,
            "Not Acceptable Here",
            Some(SdpWarning::MediaTypeNotAvailable.code())
        )
    );
    assert_eq!(decline.to_string(), "488 Not Acceptable Here; Warning: 304");
    assert_eq!(err.decline_term(), Some("UnsupportedMedia"));
}

/// Lync 2013: RTP/SAVP audio; the stereo G.722 (PT 117) is not our mono
/// G.722, so G.722 is PT 9; `a=cryptoscale` is ignored and tag 2 taken;
/// ICE and rtcp-mux answered; the proprietary video is rejected.
#[test]
fn c12_lync_sdes_tag_2_and_video_rejected() {
    let out = check(
        "12_lync2013_no_tcp_cands.sdp",
        &[
            Expect::Accepted {
                port: AUDIO_PORT,
                formats: &["9", "0", "8", "101"],
                codec: ("G722", 9),
                direction: Direction::SENDRECV,
                telephone_event: Some(101),
                keying: Keying::Sdes {
                    tag: 2,
                    suite: "AES_CM_128_HMAC_SHA1_80",
                },
            },
            Expect::Rejected(RejectReason::NoCommonFormat),
        ],
    );
    let s = &out.session.streams[0];
    assert!(s.rtcp_mux);
    assert_eq!(s.bandwidth_kbps, Some(99980));
    assert_eq!(s.maxptime, Some(Duration::from_millis(200)));
    assert_eq!(s.ice.as_ref().unwrap().ufrag, "lMRF");
    assert_eq!(mlines(&out.answer)[1].formats(), ["122"]);
}

/// Chrome: BUNDLE of audio and video on one port, DTLS `actpass` answered
/// `active`, VP8 first then both H.264 packetization-mode=1 PTs (mode 0 and
/// Main profile left out, RFC 6184 §8.2.2); the data channel is rejected.
#[test]
fn c16_chrome_bundle_dtls_vp8_h264_datachannel_rejected() {
    let out = check(
        "16_chrome_offer.sdp",
        &[
            Expect::Accepted {
                port: AUDIO_PORT,
                formats: &["111", "9", "0", "8", "110", "126"],
                codec: ("opus", 111),
                direction: Direction::SENDRECV,
                telephone_event: Some(110),
                keying: Keying::Dtls(Setup::Active),
            },
            Expect::Accepted {
                port: AUDIO_PORT,
                formats: &["96", "102", "106"],
                codec: ("VP8", 96),
                direction: Direction::SENDRECV,
                telephone_event: None,
                keying: Keying::Dtls(Setup::Active),
            },
            Expect::Rejected(RejectReason::UnsupportedMediaType),
        ],
    );
    assert_eq!(session_attr_values(&out.answer, "group"), ["BUNDLE 0 1"]);
    assert_eq!(attr_values(&out.answer, 2, "mid"), ["2"]);
    assert_eq!(
        attr_values(&out.answer, 1, "fmtp"),
        [
            "102 profile-level-id=42001f;packetization-mode=1",
            "106 profile-level-id=42e01f;packetization-mode=1"
        ]
    );
    // Only the feedback both sides do (RFC 4585 §4.2).
    assert_eq!(
        attr_values(&out.answer, 1, "rtcp-fb")
            .iter()
            .filter(|v| v.starts_with("96 "))
            .collect::<Vec<_>>(),
        ["96 nack", "96 nack pli", "96 ccm fir"]
    );
    let video = &out.session.streams[1];
    assert!(video.rtcp_mux);
    assert_eq!(
        video.dtls.as_ref().unwrap().remote_fingerprint,
        "7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08"
    );
    // 0.0.0.0 with ICE is not a hold (RFC 8839 §4.2.1).
    assert_eq!(video.direction, Direction::SENDRECV);
}

/// Firefox: session-level fingerprint, BUNDLE; VP8 and the
/// packetization-mode=1 H.264 (PT 126; PT 97 is mode 0), no RTX (not in the profile).
#[test]
fn c17_firefox_session_fingerprint_bundle() {
    let out = check(
        "17_firefox_offer.sdp",
        &[
            Expect::Accepted {
                port: AUDIO_PORT,
                formats: &["109", "9", "0", "8", "101"],
                codec: ("opus", 109),
                direction: Direction::SENDRECV,
                telephone_event: Some(101),
                keying: Keying::Dtls(Setup::Active),
            },
            Expect::Accepted {
                port: AUDIO_PORT,
                formats: &["120", "126"],
                codec: ("VP8", 120),
                direction: Direction::SENDRECV,
                telephone_event: None,
                keying: Keying::Dtls(Setup::Active),
            },
        ],
    );
    assert_eq!(session_attr_values(&out.answer, "group"), ["BUNDLE 0 1"]);
    assert_eq!(
        out.session.streams[0]
            .dtls
            .as_ref()
            .unwrap()
            .remote_fingerprint,
        "2C:0E:A5:7A:AF:28:5B:2A:25:4E:A9:E2:02:50:3B:91:C4:B6:9F:20:94:B8:64:7D:E7:CE:6F:1C:21:B1:BA:AA"
    );
    assert_eq!(out.session.streams[1].local_port, AUDIO_PORT);
}

/// No `t=` line: still answered (the SDP layer is lenient); DTMF 0-15 kept.
#[test]
fn c18_missing_t_answered() {
    let out = check(
        "18_missing_t.sdp",
        &[audio(&["0", "8", "101"], ("PCMU", 0), Some(101))],
    );
    assert_eq!(attr_values(&out.answer, 0, "fmtp"), ["101 0-15"]);
    assert_eq!(out.session.remote_version, 0);
}

/// Trailing whitespace on every line: read as if absent.
#[test]
fn c19_trailing_whitespace_answered() {
    let out = check(
        "19_trailing_ws.sdp",
        &[audio(&["0", "8", "101"], ("PCMU", 0), Some(101))],
    );
    assert_eq!(
        out.session.streams[0].ptime,
        Some(Duration::from_millis(20))
    );
    assert_eq!(
        out.session.streams[0].remote_rtp,
        Some(ip_addr("203.0.113.1", 54400))
    );
}

/// Static PTs without rtpmap (RFC 3551 table), PCMA first as offered; the
/// DTMF without fmtp means events 0-15 (RFC 4733 §2.5.1.3), which the
/// answer states.
#[test]
fn c21_static_pts_without_rtpmap_offer_order() {
    let out = check(
        "21_session_level_ptime_rtpmap.sdp",
        &[audio(&["8", "0", "101"], ("PCMA", 8), Some(101))],
    );
    assert_eq!(
        mlines(&out.answer)[0].codecs(),
        ["PCMA/8000", "PCMU/8000", "telephone-event/8000"]
    );
    assert_eq!(attr_values(&out.answer, 0, "fmtp"), ["101 0-15"]);
    assert_eq!(out.session.remote_version, 5678);
}

/// Asterisk WebRTC: DTLS with an upper-case hash name (compared
/// case-insensitively, stored lower case), BUNDLE of one.
#[test]
fn c24_asterisk_webrtc_upper_case_fingerprint_hash() {
    let out = check(
        "24_sdes_savpf_asterisk_webrtc_upper_fp.sdp",
        &[Expect::Accepted {
            port: AUDIO_PORT,
            formats: &["111", "0", "8", "126"],
            codec: ("opus", 111),
            direction: Direction::SENDRECV,
            telephone_event: Some(126),
            keying: Keying::Dtls(Setup::Active),
        }],
    );
    assert_eq!(session_attr_values(&out.answer, "group"), ["BUNDLE 0"]);
    let s = &out.session.streams[0];
    assert_eq!(s.dtls.as_ref().unwrap().remote_hash_function, "sha-256");
    assert_eq!(s.maxptime, Some(Duration::from_millis(120)));
}

/// RTP/SAVP with one crypto line: SDES tag 1.
#[test]
fn c25_rtp_savp_single_crypto() {
    let out = check(
        "25_rtp_savp_crypto_only.sdp",
        &[Expect::Accepted {
            port: AUDIO_PORT,
            formats: &["0", "101"],
            codec: ("PCMU", 0),
            direction: Direction::SENDRECV,
            telephone_event: Some(101),
            keying: Keying::Sdes {
                tag: 1,
                suite: "AES_CM_128_HMAC_SHA1_80",
            },
        }],
    );
    assert_eq!(
        out.session.streams[0]
            .sdes
            .as_ref()
            .unwrap()
            .receive
            .master_keys[0]
            .to_inline(),
        "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4"
    );
}

/// AVPF video with several feedback types: H.264 accepted, and only the
/// offered feedback we support is answered (`nack pli`, `ccm fir`; plain
/// `nack` was not offered for PT 96).
#[test]
fn c26_rtcp_fb_intersection() {
    let out = check(
        "26_rtcpfb_trrint_and_x.sdp",
        &[Expect::Accepted {
            port: VIDEO_PORT,
            formats: &["96"],
            codec: ("H264", 96),
            direction: Direction::SENDRECV,
            telephone_event: None,
            keying: Keying::Plain,
        }],
    );
    assert_eq!(
        attr_values(&out.answer, 0, "rtcp-fb"),
        ["96 nack pli", "96 ccm fir"]
    );
    assert_eq!(
        attr_values(&out.answer, 0, "fmtp"),
        ["96 profile-level-id=42e01f;packetization-mode=1"]
    );
}

/// RTP over TCP/TLS is not a transport we do, and the other stream's
/// H.264 has no fmtp (packetization-mode 0, RFC 6184 §8.1) where ours is
/// mode 1: refused, 488 + Warning 305 (the most specific reason).
#[test]
fn c29_tcp_tls_rtp_and_h264_mode_0_refused() {
    let (err, r) = refused("29_tcp_tls_rtp_savp.sdp");
    assert_eq!(r.reason, RejectReason::NoCommonFormat);
    assert_eq!(
        r.streams,
        [
            (0, RejectReason::UnsupportedTransport),
            (1, RejectReason::NoCommonFormat)
        ]
    );
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 305"
    );
    assert_eq!(
        RejectReason::UnsupportedTransport.warning(),
        Some(SdpWarning::IncompatibleTransportProtocol)
    );
}

/// fmtp defaults: only opus is common; telephone-event/8000 is answered
/// next to it (no 48 kHz one offered) with the events both sides know.
#[test]
fn c30_fmtp_defaults_only_opus() {
    let out = check(
        "30_fmtp_defaults.sdp",
        &[audio(&["111", "97"], ("opus", 111), Some(97))],
    );
    let c = out.session.streams[0].codec().unwrap();
    assert_eq!(
        c.send_fmtp.as_deref(),
        Some("maxplaybackrate=48000;useinbandfec=0")
    );
    assert_eq!(c.channels, 2);
}
