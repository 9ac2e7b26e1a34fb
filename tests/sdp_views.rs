//! Unit tests of each typed view: good values, every error with its exact
//! `SdpError` and line, and the edge cases real SDP carries.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use sdp_offer_answer::sdp::views::{InlineKey, KeyParam, parse_ptime};
use sdp_offer_answer::sdp::{
    AddressType, Attribute, Bandwidth, BandwidthType, Candidate, Connection, ConnectionAddress,
    Crypto, Direction, Fingerprint, Fmtp, FmtpParameter, Group, MediaLine, MediaType, Origin, Rtcp,
    RtpMap, SdpError, Setup, TransportProtocol,
};

fn invalid(line: usize, field: &'static str, reason: &'static str) -> SdpError {
    SdpError::InvalidValue {
        line,
        field,
        reason,
    }
}

// ---------------------------------------------------------------- m=

#[test]
fn media_line_plain() {
    let m = MediaLine::parse("audio 49170 RTP/AVP 0 8 97", 6).unwrap();
    assert_eq!(m.media, "audio");
    assert_eq!(m.media_type(), MediaType::Audio);
    assert_eq!(m.port, 49170);
    assert_eq!(m.port_count, None);
    assert_eq!(m.proto, "RTP/AVP");
    assert_eq!(m.transport(), TransportProtocol::RtpAvp);
    assert_eq!(m.formats, "0 8 97");
    assert_eq!(m.formats().collect::<Vec<_>>(), ["0", "8", "97"]);
}

#[test]
fn media_line_port_count() {
    let m = MediaLine::parse("audio 49170/2 RTP/AVP 0", 1).unwrap();
    assert_eq!(m.port, 49170);
    assert_eq!(m.port_count, Some(2));
    assert_eq!(m.formats().collect::<Vec<_>>(), ["0"]);
}

#[test]
fn media_line_extra_spaces_and_port_zero_without_formats() {
    let m = MediaLine::parse("video  0  RTP/AVPF   96  97 ", 3).unwrap();
    assert_eq!(m.port, 0);
    assert_eq!(m.proto, "RTP/AVPF");
    assert_eq!(m.formats, "96  97");
    assert_eq!(m.formats().collect::<Vec<_>>(), ["96", "97"]);
    let empty = MediaLine::parse("audio 0 RTP/AVP", 3).unwrap();
    assert_eq!(empty.formats, "");
    assert_eq!(empty.formats().count(), 0);
}

#[test]
fn media_line_errors() {
    const F: &str = "m= line";
    let shape = "expected <media> <port> <proto> <fmt>...";
    assert_eq!(MediaLine::parse("audio", 4), Err(invalid(4, F, shape)));
    assert_eq!(MediaLine::parse("audio 4000", 4), Err(invalid(4, F, shape)));
    assert_eq!(MediaLine::parse("", 9), Err(invalid(9, F, shape)));
    let port = "port is not 0..=65535";
    assert_eq!(
        MediaLine::parse("audio 65536 RTP/AVP 0", 5),
        Err(invalid(5, F, port))
    );
    assert_eq!(
        MediaLine::parse("audio -1 RTP/AVP 0", 5),
        Err(invalid(5, F, port))
    );
    assert_eq!(
        MediaLine::parse("audio x RTP/AVP 0", 5),
        Err(invalid(5, F, port))
    );
    let count = "port count is not a number";
    assert_eq!(
        MediaLine::parse("audio 4000/ RTP/AVP 0", 7),
        Err(invalid(7, F, count))
    );
    assert_eq!(
        MediaLine::parse("audio 4000/x RTP/AVP 0", 7),
        Err(invalid(7, F, count))
    );
    assert_eq!(
        MediaLine::parse("audio 4000/70000 RTP/AVP 0", 7),
        Err(invalid(7, F, count))
    );
}

#[test]
fn media_types() {
    for (text, t) in [
        ("audio", MediaType::Audio),
        ("VIDEO", MediaType::Video),
        ("text", MediaType::Text),
        ("application", MediaType::Application),
        ("message", MediaType::Message),
        ("image", MediaType::Image),
        ("control", MediaType::Other),
    ] {
        assert_eq!(MediaType::parse(text), t, "{text}");
    }
    assert_eq!(MediaType::Image.as_str(), "image");
    assert_eq!(MediaType::Other.to_string(), "other");
}

#[test]
fn transport_protocols() {
    use TransportProtocol as T;
    let cases = [
        ("RTP/AVP", T::RtpAvp, true, false, false, false),
        ("rtp/avpf", T::RtpAvpf, true, false, false, true),
        ("RTP/SAVP", T::RtpSavp, true, true, false, false),
        ("RTP/SAVPF", T::RtpSavpf, true, true, false, true),
        (
            "UDP/TLS/RTP/SAVP",
            T::UdpTlsRtpSavp,
            true,
            false,
            true,
            false,
        ),
        (
            "UDP/TLS/RTP/SAVPF",
            T::UdpTlsRtpSavpf,
            true,
            false,
            true,
            true,
        ),
        (
            "TCP/TLS/RTP/SAVP",
            T::RtpOverTcp,
            false,
            false,
            false,
            false,
        ),
        ("TCP/RTP/AVP", T::RtpOverTcp, false, false, false, false),
        ("UDP/DTLS/SCTP", T::DtlsSctp, false, false, false, false),
        ("TCP/DTLS/SCTP", T::DtlsSctp, false, false, false, false),
        ("udptl", T::Udptl, false, false, false, false),
        ("TCP/BFCP", T::Bfcp, false, false, false, false),
        ("TCP/TLS/BFCP", T::Bfcp, false, false, false, false),
        ("TCP/MSRP", T::Msrp, false, false, false, false),
        ("RTP/XYZ", T::Other, false, false, false, false),
    ];
    for (text, t, rtp, sdes, dtls, fb) in cases {
        let p = TransportProtocol::parse(text);
        assert_eq!(p, t, "{text}");
        assert_eq!(
            (
                p.is_rtp(),
                p.is_sdes_srtp(),
                p.is_dtls_srtp(),
                p.has_feedback()
            ),
            (rtp, sdes, dtls, fb),
            "{text}"
        );
    }
}

// ---------------------------------------------------------------- c=

#[test]
fn connection_ip4() {
    let c = Connection::parse("IN IP4 192.0.2.1", 4).unwrap();
    assert_eq!(c.net_type, "IN");
    assert_eq!(c.address_type, AddressType::Ip4);
    assert_eq!(
        c.address,
        ConnectionAddress::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)))
    );
    assert_eq!(c.address_text, "192.0.2.1");
    assert_eq!((c.ttl, c.count), (None, None));
    assert!(!c.is_unspecified());
    assert_eq!(c.ip(), Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))));
}

#[test]
fn connection_multicast_ip4_ttl_and_count() {
    let c = Connection::parse("IN IP4 224.2.1.1/127/3", 4).unwrap();
    assert_eq!(c.address_text, "224.2.1.1");
    assert_eq!(c.ip(), Some(IpAddr::V4(Ipv4Addr::new(224, 2, 1, 1))));
    assert_eq!(c.ttl, Some(127));
    assert_eq!(c.count, Some(3));
    let ttl_only = Connection::parse("IN IP4 224.2.1.1/127", 4).unwrap();
    assert_eq!((ttl_only.ttl, ttl_only.count), (Some(127), None));
}

#[test]
fn connection_multicast_ip6_count() {
    let c = Connection::parse("IN IP6 ff15::101/3", 4).unwrap();
    assert_eq!(c.address_type, AddressType::Ip6);
    assert_eq!(
        c.ip(),
        Some(IpAddr::V6(Ipv6Addr::new(0xff15, 0, 0, 0, 0, 0, 0, 0x101)))
    );
    assert_eq!(c.ttl, None);
    assert_eq!(c.count, Some(3));
}

#[test]
fn connection_fqdn_and_hold() {
    let c = Connection::parse("IN IP4 host.atlanta.example.com", 4).unwrap();
    assert_eq!(
        c.address,
        ConnectionAddress::Fqdn("host.atlanta.example.com")
    );
    assert_eq!(c.ip(), None);
    assert!(!c.is_unspecified());
    let c6 = Connection::parse("IN IP6 host6.example.com", 4).unwrap();
    assert_eq!(c6.address, ConnectionAddress::Fqdn("host6.example.com"));
    let hold = Connection::parse("IN IP4 0.0.0.0", 4).unwrap();
    assert!(hold.is_unspecified());
    let hold6 = Connection::parse("IN IP6 ::", 4).unwrap();
    assert!(hold6.is_unspecified());
}

#[test]
fn connection_errors() {
    const F: &str = "c= line";
    let shape = "expected <nettype> <addrtype> <address>";
    assert_eq!(Connection::parse("IN IP4", 8), Err(invalid(8, F, shape)));
    assert_eq!(Connection::parse("", 8), Err(invalid(8, F, shape)));
    assert_eq!(
        Connection::parse("IN IP4 192.0.2.1 extra", 8),
        Err(invalid(8, F, "unexpected text after the address"))
    );
    assert_eq!(
        Connection::parse("IN IP4 224.2.1.1/1/2/3", 8),
        Err(invalid(8, F, "too many / suffixes"))
    );
    assert_eq!(
        Connection::parse("IN IP6 ff15::101/3/2", 8),
        Err(invalid(8, F, "IP6 takes no TTL"))
    );
    assert_eq!(
        Connection::parse("IN IP4 224.2.1.1/256", 8),
        Err(invalid(8, F, "TTL over 255"))
    );
    assert_eq!(
        Connection::parse("IN IP4 224.2.1.1/x", 8),
        Err(invalid(8, F, "suffix is not a number"))
    );
    assert_eq!(
        Connection::parse("IN IP4 224.2.1.1/1/", 8),
        Err(invalid(8, F, "suffix is not a number"))
    );
    let not_addr = "not an address of its type nor a domain name";
    assert_eq!(
        Connection::parse("IN IP4 ::1", 8),
        Err(invalid(8, F, not_addr))
    );
    assert_eq!(
        Connection::parse("IN IP6 192.0.2.1", 8),
        Err(invalid(8, F, not_addr))
    );
    assert_eq!(
        Connection::parse("IN IP4 300.1.2.3", 8),
        Err(invalid(8, F, not_addr))
    );
    assert_eq!(
        Connection::parse("IN IP4 a*b", 8),
        Err(invalid(8, F, not_addr))
    );
}

#[test]
fn address_types() {
    assert_eq!(AddressType::parse("ip4"), AddressType::Ip4);
    assert_eq!(AddressType::parse("IP6"), AddressType::Ip6);
    assert_eq!(AddressType::parse("IPX"), AddressType::Other);
    assert_eq!(AddressType::Ip6.as_str(), "IP6");
}

// ---------------------------------------------------------------- b=

#[test]
fn bandwidths() {
    let a = Bandwidth::parse("AS:84", 4).unwrap();
    assert_eq!(
        (a.bw_type, a.value, a.kbps()),
        (BandwidthType::As, 84, Some(84))
    );
    let ct = Bandwidth::parse("CT:99980", 4).unwrap();
    assert_eq!((ct.bw_type, ct.kbps()), (BandwidthType::Ct, Some(99980)));
    let tias = Bandwidth::parse("TIAS:64000", 4).unwrap();
    assert_eq!(
        (tias.bw_type, tias.value, tias.kbps()),
        (BandwidthType::Tias, 64000, Some(64))
    );
    assert_eq!(Bandwidth::parse("TIAS:64001", 4).unwrap().kbps(), Some(65));
    let rs = Bandwidth::parse("RS:800", 4).unwrap();
    assert_eq!((rs.bw_type, rs.kbps()), (BandwidthType::Rtcp("RS"), None));
    let rr = Bandwidth::parse("rr:2400", 4).unwrap();
    assert_eq!(rr.bw_type, BandwidthType::Rtcp("rr"));
    let x = Bandwidth::parse("X-YZ:5", 4).unwrap();
    assert_eq!(
        (x.bw_type, x.value, x.kbps()),
        (BandwidthType::Other("X-YZ"), 5, None)
    );
}

#[test]
fn bandwidth_errors() {
    const F: &str = "b= line";
    let shape = "expected <bwtype>:<bandwidth>";
    assert_eq!(Bandwidth::parse("AS", 3), Err(invalid(3, F, shape)));
    // Fixed: an empty modifier used to read as `Other("")`.
    assert_eq!(Bandwidth::parse(":64", 3), Err(invalid(3, F, shape)));
    let nan = "bandwidth is not a number";
    assert_eq!(Bandwidth::parse("AS:", 3), Err(invalid(3, F, nan)));
    assert_eq!(Bandwidth::parse("AS:6.4", 3), Err(invalid(3, F, nan)));
    assert_eq!(Bandwidth::parse("AS:-1", 3), Err(invalid(3, F, nan)));
}

// ---------------------------------------------------------------- o=

#[test]
fn origin_fields() {
    let o = Origin::parse(
        "alice 2890844526 2890844527 IN IP4 host.atlanta.example.com",
        2,
    )
    .unwrap();
    assert_eq!(o.username, "alice");
    assert_eq!(o.session_id, "2890844526");
    assert_eq!(o.session_version, 2890844527);
    assert_eq!(o.net_type, "IN");
    assert_eq!(o.address_type, AddressType::Ip4);
    assert_eq!(o.address, "host.atlanta.example.com");
}

#[test]
fn origin_same_session() {
    let a = Origin::parse("- 1946541546 1 IN IP4 192.168.1.10", 2).unwrap();
    let newer = Origin::parse("- 1946541546 2 IN IP4 192.168.1.10", 2).unwrap();
    let other_id = Origin::parse("- 1946541547 1 IN IP4 192.168.1.10", 2).unwrap();
    let other_user = Origin::parse("bob 1946541546 1 IN IP4 192.168.1.10", 2).unwrap();
    let other_addr = Origin::parse("- 1946541546 1 IN IP4 192.168.1.11", 2).unwrap();
    assert!(a.same_session(&newer));
    assert!(newer.same_session(&a));
    assert!(!a.same_session(&other_id));
    assert!(!a.same_session(&other_user));
    assert!(!a.same_session(&other_addr));
}

#[test]
fn origin_errors() {
    const F: &str = "o= line";
    let six = "expected 6 fields";
    assert_eq!(Origin::parse("- 1 1 IN IP4", 2), Err(invalid(2, F, six)));
    assert_eq!(
        Origin::parse("- 1 1 IN IP4 1.2.3.4 extra", 2),
        Err(invalid(2, F, six))
    );
    assert_eq!(Origin::parse("", 2), Err(invalid(2, F, six)));
    assert_eq!(
        Origin::parse("- 1 v2 IN IP4 1.2.3.4", 2),
        Err(invalid(2, F, "session version is not a number"))
    );
}

// ---------------------------------------------------------------- a=rtpmap

#[test]
fn rtpmaps() {
    let opus = RtpMap::parse("111 opus/48000/2", 9).unwrap();
    assert_eq!(
        (
            opus.payload_type,
            opus.encoding_name,
            opus.clock_rate,
            opus.channels
        ),
        (111, "opus", 48000, Some(2))
    );
    assert_eq!(opus.channel_count(), 2);
    let pcmu = RtpMap::parse("0 PCMU/8000", 9).unwrap();
    assert_eq!(
        (pcmu.payload_type, pcmu.channels, pcmu.channel_count()),
        (0, None, 1)
    );
    let max = RtpMap::parse("127 rtx/90000", 9).unwrap();
    assert_eq!(max.payload_type, 127);
}

#[test]
fn rtpmap_errors() {
    const F: &str = "a=rtpmap";
    let pt = "payload type is not 0..=127";
    assert_eq!(RtpMap::parse("128 foo/8000", 11), Err(invalid(11, F, pt)));
    assert_eq!(RtpMap::parse("x PCMU/8000", 11), Err(invalid(11, F, pt)));
    assert_eq!(RtpMap::parse("", 11), Err(invalid(11, F, pt)));
    let name = "missing encoding name";
    assert_eq!(RtpMap::parse("96", 11), Err(invalid(11, F, name)));
    assert_eq!(RtpMap::parse("96 /8000", 11), Err(invalid(11, F, name)));
    assert_eq!(
        RtpMap::parse("96 opus x/48000", 11),
        Err(invalid(11, F, name))
    );
    // Fixed: a tab inside the name used to be kept as part of it.
    assert_eq!(
        RtpMap::parse("96 opus\t/48000", 11),
        Err(invalid(11, F, name))
    );
    let rate = "clock rate is not a number";
    assert_eq!(RtpMap::parse("96 opus", 11), Err(invalid(11, F, rate)));
    assert_eq!(RtpMap::parse("96 opus/48k", 11), Err(invalid(11, F, rate)));
    assert_eq!(
        RtpMap::parse("96 opus/48000/two", 11),
        Err(invalid(11, F, "channels is not a number"))
    );
    assert_eq!(
        RtpMap::parse("96 opus/48000/2/1", 11),
        Err(invalid(11, F, "too many / fields"))
    );
}

// ---------------------------------------------------------------- a=fmtp

#[test]
fn fmtp_opaque() {
    let f = Fmtp::parse("101 0-15", 10).unwrap();
    assert_eq!((f.format, f.params), ("101", "0-15"));
    assert_eq!(
        f.parameters().collect::<Vec<_>>(),
        [FmtpParameter {
            name: None,
            value: "0-15"
        }]
    );
    assert_eq!(f.get("0-15"), None);
    let red = Fmtp::parse("63 111/111", 10).unwrap();
    assert_eq!(
        red.parameters().next().map(|p| (p.name, p.value)),
        Some((None, "111/111"))
    );
}

#[test]
fn fmtp_key_values_with_spaces_in_order() {
    let f = Fmtp::parse("99 useinbandfec=1; minptime=10 ;  maxptime = 40", 10).unwrap();
    let params: Vec<(Option<&str>, &str)> = f.parameters().map(|p| (p.name, p.value)).collect();
    assert_eq!(
        params,
        [
            (Some("useinbandfec"), "1"),
            (Some("minptime"), "10"),
            (Some("maxptime"), "40")
        ]
    );
    assert_eq!(f.get("MINPTIME"), Some("10"));
    assert_eq!(f.get("maxptime"), Some("40"));
    assert_eq!(f.get("stereo"), None);
}

#[test]
fn fmtp_empty_params_and_empty_items() {
    let f = Fmtp::parse("96", 10).unwrap();
    assert_eq!((f.format, f.params), ("96", ""));
    assert_eq!(f.parameters().count(), 0);
    let g = Fmtp::parse("96 ;;a=1;", 10).unwrap();
    assert_eq!(
        g.parameters()
            .map(|p| (p.name, p.value))
            .collect::<Vec<_>>(),
        [(Some("a"), "1")]
    );
}

#[test]
fn fmtp_errors() {
    assert_eq!(
        Fmtp::parse("", 12),
        Err(invalid(12, "a=fmtp", "missing format"))
    );
    assert_eq!(
        Fmtp::parse("   ", 12),
        Err(invalid(12, "a=fmtp", "missing format"))
    );
}

// ---------------------------------------------------------------- a=ptime

#[test]
fn ptimes() {
    assert_eq!(
        parse_ptime("20", 5, "a=ptime"),
        Ok(Duration::from_millis(20))
    );
    assert_eq!(
        parse_ptime("20.0", 5, "a=ptime"),
        Ok(Duration::from_millis(20))
    );
    assert_eq!(
        parse_ptime("22.5", 5, "a=ptime"),
        Ok(Duration::from_micros(22_500))
    );
    assert_eq!(
        parse_ptime("0.125", 5, "a=ptime"),
        Ok(Duration::from_micros(125))
    );
    // Fraction digits beyond the microsecond are dropped, not rounded.
    assert_eq!(
        parse_ptime("1.999999", 5, "a=ptime"),
        Ok(Duration::from_micros(1_999))
    );
    assert_eq!(
        parse_ptime("10000", 5, "a=maxptime"),
        Ok(Duration::from_secs(10))
    );
}

#[test]
fn ptime_errors() {
    let nan = "not a time in milliseconds";
    assert_eq!(
        parse_ptime("", 5, "a=ptime"),
        Err(invalid(5, "a=ptime", nan))
    );
    assert_eq!(
        parse_ptime("x", 5, "a=ptime"),
        Err(invalid(5, "a=ptime", nan))
    );
    assert_eq!(
        parse_ptime("-20", 5, "a=ptime"),
        Err(invalid(5, "a=ptime", nan))
    );
    assert_eq!(
        parse_ptime(".5", 5, "a=ptime"),
        Err(invalid(5, "a=ptime", nan))
    );
    assert_eq!(
        parse_ptime("20.5.1", 5, "a=ptime"),
        Err(invalid(5, "a=ptime", nan))
    );
    assert_eq!(
        parse_ptime("1.1234567", 6, "a=maxptime"),
        Err(invalid(6, "a=maxptime", nan))
    );
    assert_eq!(
        parse_ptime("123456", 6, "a=maxptime"),
        Err(invalid(6, "a=maxptime", nan))
    );
    assert_eq!(
        parse_ptime("10001", 6, "a=maxptime"),
        Err(invalid(6, "a=maxptime", "over 10 seconds"))
    );
}

// ---------------------------------------------------------------- a=rtcp

#[test]
fn rtcps() {
    let r = Rtcp::parse("53020", 7).unwrap();
    assert_eq!((r.port, r.connection), (53020, None));
    let with_addr = Rtcp::parse("24197 IN IP4 10.0.2.15", 7).unwrap();
    assert_eq!(with_addr.port, 24197);
    let c = with_addr.connection.unwrap();
    assert_eq!(c.ip(), Some(IpAddr::V4(Ipv4Addr::new(10, 0, 2, 15))));
}

#[test]
fn rtcp_errors() {
    let port = "port is not 0..=65535";
    assert_eq!(Rtcp::parse("", 7), Err(invalid(7, "a=rtcp", port)));
    assert_eq!(Rtcp::parse("70000", 7), Err(invalid(7, "a=rtcp", port)));
    assert_eq!(
        Rtcp::parse("53020 IN IP4", 7),
        Err(invalid(
            7,
            "c= line",
            "expected <nettype> <addrtype> <address>"
        ))
    );
}

// ---------------------------------------------------------------- a=crypto

#[test]
fn crypto_with_lifetime_and_mki() {
    let c = Crypto::parse(
        "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
        13,
    )
    .unwrap();
    assert_eq!(c.tag, 1);
    assert_eq!(c.suite, "AES_CM_128_HMAC_SHA1_80");
    assert_eq!(c.session_params, "");
    let keys: Vec<KeyParam<'_>> = c.keys().collect();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].method, "inline");
    assert_eq!(
        keys[0].inline(),
        Some(InlineKey {
            key_salt: "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
            lifetime: Some("2^20"),
            mki: Some(("1", "32")),
        })
    );
}

#[test]
fn crypto_mki_without_lifetime_and_session_params() {
    let c = Crypto::parse(
        "2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|1:4 KDR=1 UNENCRYPTED_SRTCP",
        13,
    )
    .unwrap();
    assert_eq!(c.tag, 2);
    assert_eq!(c.session_params, "KDR=1 UNENCRYPTED_SRTCP");
    let key = c.keys().next().and_then(|k| k.inline()).unwrap();
    assert_eq!(key.lifetime, None);
    assert_eq!(key.mki, Some(("1", "4")));
}

#[test]
fn crypto_several_keys_and_other_methods() {
    let c = Crypto::parse(
        "3 F8_128_HMAC_SHA1_80 inline:AAAA|2^31;inline:BBBB|2^31",
        13,
    )
    .unwrap();
    let keys: Vec<_> = c
        .keys()
        .filter_map(|k| k.inline())
        .map(|k| k.key_salt)
        .collect();
    assert_eq!(keys, ["AAAA", "BBBB"]);
    let other = Crypto::parse("4 AES_CM_128_HMAC_SHA1_80 uri:http://x", 13).unwrap();
    let k = other.keys().next().unwrap();
    assert_eq!((k.method, k.info, k.inline()), ("uri", "http://x", None));
    let bare = Crypto::parse("5 AES_CM_128_HMAC_SHA1_80 AAAA", 13).unwrap();
    let b = bare.keys().next().unwrap();
    assert_eq!((b.method, b.info), ("", "AAAA"));
}

#[test]
fn crypto_errors() {
    const F: &str = "a=crypto";
    assert_eq!(
        Crypto::parse("x AES_CM_128_HMAC_SHA1_80 inline:K", 14),
        Err(invalid(14, F, "tag is not a number"))
    );
    assert_eq!(
        Crypto::parse("1234567890 AES_CM_128_HMAC_SHA1_80 inline:K", 14),
        Err(invalid(14, F, "tag has more than 9 digits"))
    );
    let max = Crypto::parse("999999999 AES_CM_128_HMAC_SHA1_80 inline:K", 14).unwrap();
    assert_eq!(max.tag, 999_999_999);
    let shape = "expected <tag> <suite> <key-params>";
    assert_eq!(
        Crypto::parse("1 AES_CM_128_HMAC_SHA1_80", 14),
        Err(invalid(14, F, shape))
    );
    assert_eq!(Crypto::parse("1", 14), Err(invalid(14, F, shape)));
}

// ---------------------------------------------------------------- a=setup, a=fingerprint

#[test]
fn setup_roles_case_insensitive() {
    assert_eq!(Setup::parse("actpass", 3), Ok(Setup::Actpass));
    assert_eq!(Setup::parse("ACTIVE", 3), Ok(Setup::Active));
    assert_eq!(Setup::parse(" Passive ", 3), Ok(Setup::Passive));
    assert_eq!(Setup::parse("holdconn", 3), Ok(Setup::Holdconn));
    assert_eq!(Setup::Actpass.as_str(), "actpass");
    assert_eq!(
        Setup::parse("both", 3),
        Err(invalid(
            3,
            "a=setup",
            "not active, passive, actpass or holdconn"
        ))
    );
    assert_eq!(
        Setup::parse("", 3),
        Err(invalid(
            3,
            "a=setup",
            "not active, passive, actpass or holdconn"
        ))
    );
}

#[test]
fn fingerprints() {
    let f = Fingerprint::parse("SHA-256 3E:16:D4:a5", 11).unwrap();
    assert_eq!((f.hash_function, f.fingerprint), ("SHA-256", "3E:16:D4:a5"));
    assert!(f.hash_is("sha-256"));
    assert!(!f.hash_is("sha-1"));
    let shape = "expected <hash-func> <fingerprint>";
    assert_eq!(
        Fingerprint::parse("sha-256", 11),
        Err(invalid(11, "a=fingerprint", shape))
    );
    let hex = "fingerprint is not colon-separated hex pairs";
    assert_eq!(
        Fingerprint::parse("sha-256 7B:8", 11),
        Err(invalid(11, "a=fingerprint", hex))
    );
    assert_eq!(
        Fingerprint::parse("sha-256 ZZ:00", 11),
        Err(invalid(11, "a=fingerprint", hex))
    );
    assert_eq!(
        Fingerprint::parse("sha-256 7B8B", 11),
        Err(invalid(11, "a=fingerprint", hex))
    );
}

// ---------------------------------------------------------------- a=candidate

#[test]
fn candidates() {
    let raw = "1233270739 1 udp 1686052607 198.51.100.77 54609 typ srflx raddr 192.168.1.35 rport 54609 generation 0";
    let c = Candidate::parse(raw, 12).unwrap();
    assert_eq!(c.foundation, "1233270739");
    assert_eq!(c.component, 1);
    assert_eq!(c.transport, "udp");
    assert_eq!(c.priority, 1686052607);
    assert_eq!(c.address, "198.51.100.77");
    assert_eq!(c.port, 54609);
    assert_eq!(c.kind, "srflx");
    assert_eq!(c.extensions, "raddr 192.168.1.35 rport 54609 generation 0");
    assert_eq!(c.raw, raw);
    let typed = c.to_webrtc(12).unwrap();
    assert_eq!(typed.port, 54609);
    assert_eq!(typed.priority, 1686052607);
}

#[test]
fn candidate_ms_ice_kept_raw_but_not_typed_by_webrtc_sdp() {
    let c = Candidate::parse(
        "3 1 TCP-ACT 1684798975 192.0.2.1 50428 typ srflx raddr 10.0.0.1 rport 50428",
        20,
    )
    .unwrap();
    assert_eq!(c.transport, "TCP-ACT");
    assert!(matches!(
        c.to_webrtc(20),
        Err(SdpError::WebRtcSdp { line: 20, .. })
    ));
}

#[test]
fn candidate_errors() {
    const F: &str = "a=candidate";
    let shape =
        "expected <foundation> <component> <transport> <priority> <address> <port> typ <type>";
    assert_eq!(
        Candidate::parse("1 1 UDP 1 192.0.2.1 5000 host", 4),
        Err(invalid(4, F, shape))
    );
    assert_eq!(
        Candidate::parse("1 1 UDP 1 192.0.2.1 5000 typ", 4),
        Err(invalid(4, F, shape))
    );
    assert_eq!(Candidate::parse("", 4), Err(invalid(4, F, shape)));
    assert_eq!(
        Candidate::parse("1 x UDP 1 192.0.2.1 5000 typ host", 4),
        Err(invalid(4, F, "component is not a number"))
    );
    assert_eq!(
        Candidate::parse("1 1 UDP -5 192.0.2.1 5000 typ host", 4),
        Err(invalid(4, F, "priority is not a number"))
    );
    assert_eq!(
        Candidate::parse("1 1 UDP 1 192.0.2.1 65536 typ host", 4),
        Err(invalid(4, F, "port is not 0..=65535"))
    );
}

// ---------------------------------------------------------------- a=group, attributes

#[test]
fn groups() {
    let g = Group::parse("BUNDLE 0 1  2");
    assert_eq!(g.semantics, "BUNDLE");
    assert!(g.is("bundle"));
    assert!(!g.is("LS"));
    assert_eq!(g.mids().collect::<Vec<_>>(), ["0", "1", "2"]);
    let empty = Group::parse("BUNDLE");
    assert_eq!(empty.mids().count(), 0);
    assert_eq!(Group::parse("").semantics, "");
}

#[test]
fn attribute_split() {
    let a = Attribute::from_value("rtpmap:0 PCMU/8000", 7);
    assert_eq!(
        (a.name(), a.value(), a.line()),
        ("rtpmap", Some("0 PCMU/8000"), 7)
    );
    let p = Attribute::from_value("rtcp-mux", 8);
    assert_eq!((p.name(), p.value()), ("rtcp-mux", None));
    let spaced = Attribute::from_value("msid-semantic: WMS *", 9);
    assert_eq!(
        (spaced.name(), spaced.value()),
        ("msid-semantic", Some(" WMS *"))
    );
    let colons = Attribute::from_value("extmap:2 http://x/y", 9);
    assert_eq!(colons.value(), Some("2 http://x/y"));
    let empty = Attribute::from_value("x-empty:", 9);
    assert_eq!(empty.value(), Some(""));
}

// ---------------------------------------------------------------- direction

#[test]
fn direction_attribute_names() {
    for (name, d) in [
        ("sendrecv", Direction::SENDRECV),
        ("sendonly", Direction::SEND),
        ("recvonly", Direction::RECV),
        ("inactive", Direction::INACTIVE),
    ] {
        assert_eq!(Direction::from_attribute(name), Some(d));
        assert_eq!(d.attribute_name(), name);
        assert_eq!(d.to_string(), name);
    }
    assert_eq!(Direction::from_attribute("rtcp-mux"), None);
    assert_eq!(Direction::from_attribute("SENDONLY"), None);
}

#[test]
fn direction_reversed_and_answer_rule() {
    assert_eq!(Direction::SEND.reversed(), Direction::RECV);
    assert_eq!(Direction::RECV.reversed(), Direction::SEND);
    assert_eq!(Direction::SENDRECV.reversed(), Direction::SENDRECV);
    assert_eq!(Direction::INACTIVE.reversed(), Direction::INACTIVE);
    // RFC 3264 §6.1: offer sendonly, local sendrecv -> answer recvonly.
    assert_eq!(
        Direction::SEND.reversed() & Direction::SENDRECV,
        Direction::RECV
    );
    // offer recvonly, local recvonly -> inactive.
    assert_eq!(
        Direction::RECV.reversed() & Direction::RECV,
        Direction::INACTIVE
    );
}

#[test]
fn sdp_error_lines_and_messages() {
    let e = invalid(5, "a=ptime", "over 10 seconds");
    assert_eq!(e.line(), Some(5));
    assert_eq!(e.to_string(), "line 5: invalid a=ptime: over 10 seconds");
}
