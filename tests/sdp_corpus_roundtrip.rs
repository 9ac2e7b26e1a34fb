//! Every corpus and bench SDP (copied into `tests/data/`) parses, serializes
//! back to its own text (CRLF, no trailing whitespace, no blank lines) and
//! keeps every line; plus exact typed values of the interesting files.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sdp_offer_answer::sdp::views::parse_ptime;
use sdp_offer_answer::sdp::{
    AddressType, BandwidthType, Crypto, Direction, Fingerprint, Group, MediaType,
    SessionDescription, Setup, TransportProtocol,
};

fn data_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(sub)
}

fn files(sub: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data_dir(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sdp"))
        .collect();
    v.sort();
    v
}

fn all_files() -> Vec<PathBuf> {
    let mut v = files("corpus");
    v.extend(files("bench"));
    v
}

fn load(sub: &str, name: &str) -> (String, SessionDescription) {
    let text = std::fs::read_to_string(data_dir(sub).join(name)).unwrap();
    let sdp = SessionDescription::parse(&text).unwrap();
    (text, sdp)
}

fn corpus(name: &str) -> SessionDescription {
    load("corpus", name).1
}

/// The source lines as the RFC sees them, computed without crate code:
/// split at LF, drop a CR and trailing spaces/tabs, skip blank lines.
fn naive_lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.trim_end_matches([' ', '\t', '\r']))
        .filter(|l| !l.is_empty())
        .collect()
}

fn naive_crlf(text: &str) -> String {
    naive_lines(text)
        .iter()
        .map(|l| format!("{l}\r\n"))
        .collect()
}

/// Attributes the crate (or webrtc-sdp) gives a meaning to; any other `a=`
/// line is "unknown" and must survive untouched.
const KNOWN: [&str; 30] = [
    "rtpmap",
    "fmtp",
    "ptime",
    "maxptime",
    "rtcp",
    "crypto",
    "fingerprint",
    "setup",
    "candidate",
    "group",
    "mid",
    "sendrecv",
    "sendonly",
    "recvonly",
    "inactive",
    "ice-ufrag",
    "ice-pwd",
    "ice-options",
    "extmap",
    "extmap-allow-mixed",
    "rtcp-fb",
    "rtcp-mux",
    "rtcp-rsize",
    "ssrc",
    "ssrc-group",
    "msid",
    "msid-semantic",
    "end-of-candidates",
    "sctp-port",
    "max-message-size",
];

#[test]
fn the_data_folders_hold_the_whole_corpus() {
    let names: Vec<String> = all_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 25, "{names:?}");
    assert!(names.contains(&"16_chrome_offer.sdp".to_owned()));
    assert!(names.contains(&"sip_audio_video_offer.sdp".to_owned()));
}

#[test]
fn every_file_round_trips() {
    for path in all_files() {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let sdp = SessionDescription::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = sdp.serialize();
        assert_eq!(out, naive_crlf(&text), "{name}: serialize(parse(x))");
        assert_eq!(sdp.to_string(), out, "{name}: Display");
        let mut written = String::from("prefix:");
        sdp.write_to(&mut written);
        assert_eq!(written, format!("prefix:{out}"), "{name}: write_to");
        let again = SessionDescription::parse(&out).unwrap();
        assert_eq!(again, sdp, "{name}: parse(serialize(parse(x)))");
        assert!(again.is_canonical(), "{name}");
        assert_eq!(again.serialize(), out, "{name}: idempotent");
    }
}

#[test]
fn every_file_keeps_every_line_in_order() {
    for path in all_files() {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let sdp = SessionDescription::parse(&text).unwrap();
        let naive = naive_lines(&text);
        assert_eq!(sdp.line_count(), naive.len(), "{name}: line count");
        let naive_m = naive.iter().filter(|l| l.starts_with("m=")).count();
        assert_eq!(sdp.media_count(), naive_m, "{name}: m-line count");
        let ours: Vec<String> = sdp.lines().map(|l| l.to_string()).collect();
        assert_eq!(ours, naive, "{name}: lines");
        // Section sizes add up: session lines + every media section.
        let in_media: usize = sdp.media_descriptions().map(|m| m.lines().count()).sum();
        assert_eq!(
            sdp.session_lines().count() + in_media,
            naive.len(),
            "{name}"
        );
    }
}

#[test]
fn unknown_attribute_lines_survive() {
    let mut unknown_seen = 0;
    for path in all_files() {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let sdp = SessionDescription::parse(&text).unwrap();
        let out = sdp.serialize();
        let unknown: Vec<&str> = naive_lines(&text)
            .into_iter()
            .filter(|l| {
                l.strip_prefix("a=").is_some_and(|v| {
                    let attr_name = v.split(':').next().unwrap_or("");
                    !KNOWN.contains(&attr_name)
                })
            })
            .collect();
        unknown_seen += unknown.len();
        for line in &unknown {
            assert!(
                out.contains(&format!("\r\n{line}\r\n")),
                "{name}: {line} lost"
            );
            let value = &line[2..];
            let name_part = value.split(':').next().unwrap_or("");
            let found = sdp
                .lines()
                .filter(|l| l.letter() == b'a' && l.value() == value)
                .count();
            let expected = unknown.iter().filter(|u| **u == *line).count();
            assert_eq!(found, expected, "{name}: {line}");
            let as_attr = sdp
                .lines()
                .filter_map(|l| l.as_attribute())
                .find(|a| a.name() == name_part)
                .unwrap();
            assert_eq!(as_attr.name(), name_part);
        }
    }
    // The corpus does carry unknown attributes (x-*, T.38, silenceSupp, ...).
    assert_eq!(unknown_seen, 25);
}

#[test]
fn crlf_bench_files_are_canonical_and_serialize_to_themselves() {
    for name in [
        "audio_local_a.sdp",
        "audio_local_b.sdp",
        "audio_offer_a.sdp",
        "audio_offer_b.sdp",
    ] {
        let (text, sdp) = load("bench", name);
        assert!(sdp.is_canonical(), "{name}");
        assert_eq!(sdp.serialize(), text, "{name}");
    }
    let (_, lf) = load("bench", "sip_audio_video_offer.sdp");
    assert!(!lf.is_canonical());
}

#[test]
fn rfc4317_offer() {
    let sdp = corpus("01_rfc4317_offer.sdp");
    assert_eq!(sdp.session_name(), Some(""));
    let o = sdp.origin().unwrap().unwrap();
    assert_eq!(
        (o.username, o.session_id, o.session_version),
        ("alice", "2890844526", 2890844526)
    );
    let c = sdp.connection().unwrap().unwrap();
    assert_eq!(c.address_text, "host.atlanta.example.com");
    assert_eq!(c.ip(), None);
    let audio = sdp.media(0).unwrap();
    let ml = audio.media_line().unwrap();
    assert_eq!(
        (ml.media_type(), ml.port, ml.formats),
        (MediaType::Audio, 49170, "0 8 97")
    );
    let maps: Vec<(u8, &str, u32)> = audio
        .rtpmaps()
        .map(|r| r.unwrap())
        .map(|r| (r.payload_type, r.encoding_name, r.clock_rate))
        .collect();
    assert_eq!(
        maps,
        [(0, "PCMU", 8000), (8, "PCMA", 8000), (97, "iLBC", 8000)]
    );
    let video = sdp.media(1).unwrap();
    assert_eq!(video.media_line().unwrap().port, 51372);
    assert_eq!(video.rtpmap(32).unwrap().encoding_name, "MPV");
    assert!(sdp.media(2).is_none());
}

#[test]
fn asterisk_chansip_srtp_crypto() {
    let sdp = corpus("03_asterisk_chansip_srtp.sdp");
    let audio = sdp.media(0).unwrap();
    assert_eq!(
        audio.media_line().unwrap().transport(),
        TransportProtocol::RtpSavp
    );
    let cryptos: Vec<Crypto<'_>> = audio
        .attributes()
        .filter(|a| a.name() == "crypto")
        .map(|a| Crypto::parse(a.value().unwrap(), a.line()).unwrap())
        .collect();
    assert_eq!(cryptos.len(), 2);
    assert_eq!(
        (cryptos[0].tag, cryptos[0].suite),
        (1, "AES_CM_128_HMAC_SHA1_80")
    );
    assert_eq!(
        (cryptos[1].tag, cryptos[1].suite),
        (2, "AES_CM_128_HMAC_SHA1_32")
    );
    let key = cryptos[1].keys().next().unwrap().inline().unwrap();
    assert_eq!(key.key_salt, "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj");
    assert_eq!((key.lifetime, key.mki), (Some("2^20"), Some(("1", "32"))));
    assert_eq!(
        audio.attribute("silenceSupp").unwrap().value(),
        Some("off - - - -")
    );
}

#[test]
fn freeswitch_fmtp_params_with_semicolon_space_in_order() {
    let sdp = corpus("04_freeswitch_opus.sdp");
    let audio = sdp.media(0).unwrap();
    let fmtp = audio.fmtp("99").unwrap();
    let params: Vec<(Option<&str>, &str)> = fmtp.parameters().map(|p| (p.name, p.value)).collect();
    assert_eq!(
        params,
        [
            (Some("useinbandfec"), "1"),
            (Some("minptime"), "10"),
            (Some("maxptime"), "40")
        ]
    );
    assert_eq!(audio.fmtp("101").unwrap().params, "0-16");
    assert_eq!(audio.rtpmap(99).unwrap().channels, Some(2));
    assert_eq!(audio.direction(), Some(Direction::SEND));
    assert_eq!(audio.effective_direction(), Direction::SEND);
    let rtcp = audio.attribute("rtcp").unwrap();
    let rtcp = sdp_offer_answer::sdp::Rtcp::parse(rtcp.value().unwrap(), rtcp.line()).unwrap();
    assert_eq!(rtcp.port, 24197);
    assert_eq!(
        rtcp.connection.unwrap().ip(),
        Some(IpAddr::V4(Ipv4Addr::new(10, 0, 2, 15)))
    );
}

#[test]
fn pjsip_media_level_connection_and_bandwidths() {
    let sdp = corpus("06_pjsip_pjmedia.sdp");
    assert!(sdp.connection().unwrap().is_none());
    let session_bw: Vec<_> = sdp.bandwidths().map(|b| b.unwrap()).collect();
    assert_eq!(session_bw.len(), 1);
    assert_eq!(
        (session_bw[0].bw_type, session_bw[0].kbps()),
        (BandwidthType::As, Some(84))
    );
    let audio = sdp.media(0).unwrap();
    let media_bw: Vec<_> = audio.bandwidths().map(|b| b.unwrap()).collect();
    assert_eq!(
        (media_bw[0].bw_type, media_bw[0].value, media_bw[0].kbps()),
        (BandwidthType::Tias, 96000, Some(96))
    );
    let c = audio.effective_connection().unwrap().unwrap();
    assert_eq!(c.ip(), Some(IpAddr::V4(Ipv4Addr::new(10, 172, 68, 90))));
    assert_eq!(sdp.attribute("X-nat").unwrap().value(), Some("0"));
    let te: Vec<(u8, u32)> = audio
        .rtpmaps()
        .map(|r| r.unwrap())
        .filter(|r| r.encoding_name == "telephone-event")
        .map(|r| (r.payload_type, r.clock_rate))
        .collect();
    assert_eq!(te, [(101, 48000), (102, 8000)]);
}

#[test]
fn cisco_anat_two_m_lines_ip6_then_ip4() {
    let sdp = corpus("08_cisco_anat_ipv6.sdp");
    assert_eq!(sdp.media_count(), 2);
    assert_eq!(
        sdp.origin().unwrap().unwrap().address_type,
        AddressType::Ip6
    );
    let first = sdp.media(0).unwrap();
    let second = sdp.media(1).unwrap();
    let c0 = first.connections().next().unwrap().unwrap();
    assert_eq!(c0.address_type, AddressType::Ip6);
    assert_eq!(
        c0.ip(),
        Some(IpAddr::V6(Ipv6Addr::new(0x2208, 1, 1, 1, 1, 1, 1, 0x1115)))
    );
    let c1 = second.effective_connection().unwrap().unwrap();
    assert_eq!(c1.address_type, AddressType::Ip4);
    assert_eq!(c1.ip(), Some(IpAddr::V4(Ipv4Addr::new(9, 45, 36, 111))));
    // The trailing spaces after a=mid are not part of the value.
    assert_eq!(first.attribute("mid").unwrap().value(), Some("1"));
    assert_eq!(second.attribute("mid").unwrap().value(), Some("2"));
    let group = Group::parse(sdp.attribute("group").unwrap().value().unwrap());
    assert!(group.is("ANAT"));
    assert_eq!(group.mids().collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(first.rtpmap(19).unwrap().encoding_name, "CN");
}

#[test]
fn t38_image_stream_and_port_zero_audio() {
    let sdp = corpus("10_t38_no_media_c.sdp");
    let audio = sdp.media(0).unwrap().media_line().unwrap();
    assert_eq!(audio.port, 0);
    let image = sdp.media(1).unwrap();
    let ml = image.media_line().unwrap();
    assert_eq!(
        (ml.media_type(), ml.transport(), ml.formats),
        (MediaType::Image, TransportProtocol::Udptl, "t38")
    );
    assert_eq!(
        image.attribute("T38FaxMaxDatagram").unwrap().value(),
        Some("400")
    );
    assert_eq!(image.connections().count(), 0);
    assert_eq!(
        image.effective_connection().unwrap().unwrap().ip(),
        Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)))
    );
}

#[test]
fn lync_ms_ice_and_crypto_tags() {
    let sdp = corpus("12_lync2013_no_tcp_cands.sdp");
    let ct = sdp.bandwidths().next().unwrap().unwrap();
    assert_eq!((ct.bw_type, ct.value), (BandwidthType::Ct, 99980));
    assert_eq!(
        sdp.attribute("x-devicecaps").unwrap().value(),
        Some("audio:send,recv;video:send,recv")
    );
    let audio = sdp.media(0).unwrap();
    let ipv6: Vec<&str> = audio
        .attributes()
        .filter(|a| a.name() == "x-candidate-ipv6")
        .map(|a| a.value().unwrap())
        .collect();
    assert_eq!(
        ipv6,
        [
            "6 1 UDP 2130703871 fd00:7:495:1::4c 14530 typ host",
            "6 2 UDP 2130703358 fd00:7:495:1::4c 14531 typ host"
        ]
    );
    let candidates: Vec<_> = audio
        .attributes()
        .filter(|a| a.name() == "candidate")
        .map(|a| sdp_offer_answer::sdp::Candidate::parse(a.value().unwrap(), a.line()).unwrap())
        .collect();
    assert_eq!(candidates.len(), 4);
    // This capture has no TCP candidates (no MS-ICE TCP-ACT / TCP-PASS).
    assert!(candidates.iter().all(|c| c.transport == "UDP"));
    assert_eq!(
        candidates
            .iter()
            .map(|c| (c.component, c.port))
            .collect::<Vec<_>>(),
        [(1, 27100), (2, 27101), (1, 21074), (2, 21075)]
    );
    let tags: Vec<u32> = audio
        .attributes()
        .filter(|a| a.name() == "crypto")
        .map(|a| Crypto::parse(a.value().unwrap(), a.line()).unwrap().tag)
        .collect();
    assert_eq!(tags, [2, 3]);
    let crypto3 = audio
        .attributes()
        .filter(|a| a.name() == "crypto")
        .nth(1)
        .unwrap();
    let key3 = Crypto::parse(crypto3.value().unwrap(), crypto3.line())
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .inline()
        .unwrap();
    assert_eq!((key3.lifetime, key3.mki), (Some("2^31"), None));
    assert!(
        audio
            .attribute("cryptoscale")
            .unwrap()
            .value()
            .unwrap()
            .starts_with("1 client ")
    );
    assert_eq!(audio.rtpmap(117).unwrap().channels, Some(2));
    let video = sdp.media(1).unwrap();
    let video_tags: Vec<u32> = video
        .attributes()
        .filter(|a| a.name() == "crypto")
        .map(|a| Crypto::parse(a.value().unwrap(), a.line()).unwrap().tag)
        .collect();
    assert_eq!(video_tags, [2]);
    assert_eq!(video.fmtp("122").unwrap().get("mst-mode"), Some("NI-TC"));
}

#[test]
fn chrome_offer_bundle_and_data_channel() {
    let sdp = corpus("16_chrome_offer.sdp");
    assert_eq!(sdp.media_count(), 3);
    let group = Group::parse(sdp.attribute("group").unwrap().value().unwrap());
    assert!(group.is("BUNDLE"));
    let mids: Vec<&str> = sdp
        .media_descriptions()
        .map(|m| m.attribute("mid").unwrap().value().unwrap())
        .collect();
    assert_eq!(mids, ["0", "1", "2"]);
    assert_eq!(group.mids().collect::<Vec<_>>(), mids);
    let video = sdp.media(1).unwrap();
    assert_eq!(video.media_line().unwrap().formats().count(), 21);
    assert_eq!(
        video.fmtp("102").unwrap().get("profile-level-id"),
        Some("42001f")
    );
    let app = sdp.media(2).unwrap().media_line().unwrap();
    assert_eq!(
        (app.media_type(), app.transport()),
        (MediaType::Application, TransportProtocol::DtlsSctp)
    );
    assert_eq!(
        sdp.media(0)
            .unwrap()
            .fmtp("63")
            .unwrap()
            .parameters()
            .next()
            .unwrap()
            .value,
        "111/111"
    );
}

#[test]
fn missing_t_parses() {
    let sdp = corpus("18_missing_t.sdp");
    assert_eq!(sdp.line_count(), 10);
    assert!(sdp.lines().all(|l| l.letter() != b't'));
    assert_eq!(sdp.media_count(), 1);
    assert_eq!(sdp.media(0).unwrap().fmtp("101").unwrap().params, "0-15");
}

#[test]
fn trailing_whitespace_is_not_part_of_values() {
    let (text, sdp) = load("corpus", "19_trailing_ws.sdp");
    assert!(!sdp.is_canonical());
    assert_eq!(sdp.line_count(), 12);
    assert_eq!(text.lines().count(), 13);
    let o = sdp.origin().unwrap().unwrap();
    assert_eq!(o.address, "203.0.113.1");
    let audio = sdp.media(0).unwrap();
    assert_eq!(audio.rtpmap(8).unwrap().encoding_name, "PCMA");
    assert_eq!(audio.rtpmap(8).unwrap().clock_rate, 8000);
    assert_eq!(audio.attribute("ptime").unwrap().value(), Some("20"));
    assert_eq!(audio.direction(), Some(Direction::SENDRECV));
}

#[test]
fn session_level_ptime_and_direction() {
    let sdp = corpus("21_session_level_ptime_rtpmap.sdp");
    let ptime = sdp.attribute("ptime").unwrap();
    assert_eq!(ptime.value(), Some("20"));
    assert_eq!(ptime.line(), 6);
    assert_eq!(
        parse_ptime(ptime.value().unwrap(), ptime.line(), "a=ptime"),
        Ok(Duration::from_millis(20))
    );
    assert_eq!(sdp.direction(), Some(Direction::SENDRECV));
    let audio = sdp.media(0).unwrap();
    assert!(audio.attribute("ptime").is_none());
    assert_eq!(audio.direction(), None);
    assert_eq!(audio.effective_direction(), Direction::SENDRECV);
    assert!(audio.rtpmap(8).is_none());
    assert_eq!(audio.rtpmap(101).unwrap().encoding_name, "telephone-event");
}

#[test]
fn upper_case_fingerprint_hash() {
    let sdp = corpus("24_sdes_savpf_asterisk_webrtc_upper_fp.sdp");
    let audio = sdp.media(0).unwrap();
    let fp = audio.attribute("fingerprint").unwrap();
    let fp = Fingerprint::parse(fp.value().unwrap(), fp.line()).unwrap();
    assert_eq!(fp.hash_function, "SHA-256");
    assert!(fp.hash_is("sha-256"));
    assert_eq!(fp.fingerprint.split(':').count(), 32);
    let setup = audio.attribute("setup").unwrap();
    assert_eq!(
        Setup::parse(setup.value().unwrap(), setup.line()),
        Ok(Setup::Actpass)
    );
    assert_eq!(audio.attribute("connection").unwrap().value(), Some("new"));
    assert_eq!(
        audio.attribute("rtcp-fb").unwrap().value(),
        Some("* transport-cc")
    );
}

#[test]
fn tcp_tls_rtp_savp() {
    let sdp = corpus("29_tcp_tls_rtp_savp.sdp");
    let ml = sdp.media(0).unwrap().media_line().unwrap();
    assert_eq!(
        (ml.port, ml.transport()),
        (5061, TransportProtocol::RtpOverTcp)
    );
    let crypto = sdp.media(0).unwrap().attribute("crypto").unwrap();
    let key = Crypto::parse(crypto.value().unwrap(), crypto.line())
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .inline()
        .unwrap();
    assert_eq!((key.lifetime, key.mki), (None, None));
}

#[test]
fn telephone_event_ranges_stay_opaque() {
    let sdp = corpus("30_fmtp_defaults.sdp");
    let audio = sdp.media(0).unwrap();
    let te = audio.fmtp("97").unwrap();
    let params: Vec<(Option<&str>, &str)> = te.parameters().map(|p| (p.name, p.value)).collect();
    assert_eq!(params, [(None, "0-15,66,70")]);
    assert_eq!(audio.fmtp("18").unwrap().get("annexb"), Some("no"));
    assert_eq!(audio.fmtp("96").unwrap().get("octet-align"), Some("1"));
    assert_eq!(audio.fmtp("111").unwrap().get("useinbandfec"), Some("0"));
}

#[test]
fn bench_sip_audio_video_offer() {
    let (_, sdp) = load("bench", "sip_audio_video_offer.sdp");
    assert_eq!(sdp.media_count(), 2);
    let video = sdp.media(1).unwrap();
    assert_eq!(
        video.media_line().unwrap().transport(),
        TransportProtocol::RtpAvpf
    );
    let tias = video.bandwidths().next().unwrap().unwrap();
    assert_eq!(tias.kbps(), Some(1984));
    assert_eq!(video.fmtp("34").unwrap().get("cif"), Some("1"));
}
