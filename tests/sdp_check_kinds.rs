//! `check::Problem::kind`: every check reports a machine-readable
//! `ProblemKind` naming its RFC rule, with the problem's line. One SDP per
//! kind triggers exactly that kind (plus, where unavoidable, the kinds
//! listed with it); every kind but the report cap has a rule.

use std::collections::BTreeSet;

use sdp_offer_answer::sdp::check::{ProblemKind as K, check_text};

/// Lines 1-5 of every test SDP (CRLF), then `rest`.
fn sdp(rest: &[&str]) -> String {
    let mut text =
        String::from("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n");
    for line in rest {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text
}

/// (line, kind) of every problem `check_text` finds.
fn kinds(text: &str) -> Vec<(usize, K)> {
    check_text(text)
        .unwrap()
        .into_iter()
        .map(|p| (p.line, p.kind))
        .collect()
}

#[test]
fn each_check_has_its_kind_and_line() {
    let m = "m=audio 4000 RTP/AVP 0";
    let cases: Vec<(String, Vec<(usize, K)>)> = vec![
        (
            "v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n".into(),
            vec![(1, K::VersionNotZero)],
        ),
        (
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\n".into(),
            vec![(0, K::MissingLine)],
        ),
        (sdp(&["s=again"]), vec![(6, K::RepeatedLine)]),
        (sdp(&["y=what"]), vec![(6, K::UnknownLineType)]),
        (sdp(&[m, "s=-"]), vec![(7, K::SessionLineInMedia)]),
        (sdp(&["p=+1 555 0100"]), vec![(6, K::LineOrder)]),
        (
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nr=7d 1h 0 25h\r\nt=0 0\r\n"
                .into(),
            vec![(5, K::RepeatWithoutTiming)],
        ),
        (
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n".into(),
            vec![(3, K::EmptySessionName)],
        ),
        (
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=now\r\n".into(),
            vec![(5, K::InvalidTiming)],
        ),
        (
            "v=0\r\no=- 1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n".into(),
            vec![(2, K::InvalidOrigin)],
        ),
        (
            "v=0\r\no=- x1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n".into(),
            vec![(2, K::SessionIdNotNumeric)],
        ),
        (
            "v=0\r\no=- 1 1 IN IP4 ::1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n".into(),
            vec![(2, K::OriginFamilyMismatch)],
        ),
        (sdp(&[m, "c=IN IP4"]), vec![(7, K::InvalidConnection)]),
        (sdp(&[m, "c=IN IP6 192.0.2.1"]), vec![(7, K::ConnectionFamilyMismatch)]),
        (sdp(&[m, "c=AF IP4 192.0.2.1"]), vec![(7, K::NetworkTypeNotIn)]),
        (
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n".into(),
            vec![(5, K::MissingConnection)],
        ),
        (sdp(&[m, "b=AS:lots"]), vec![(7, K::InvalidBandwidth)]),
        (sdp(&["m=audio port RTP/AVP 0"]), vec![(6, K::InvalidMediaLine)]),
        (sdp(&["m=audio 4000 RTP/AVP"]), vec![(6, K::NoFormats)]),
        (sdp(&["m=audio 4000 RTP/AVP 0 x"]), vec![(6, K::FormatNotPayloadType)]),
        (sdp(&["m=audio 4000 RTP/AVP 0 0"]), vec![(6, K::DuplicatePayloadType)]),
        (sdp(&["m=audio 4000 RTP/AVP 96"]), vec![(6, K::MissingRtpmap)]),
        (sdp(&["m=audio 4000 RTP/AVP 77"]), vec![(6, K::UnassignedPayloadType)]),
        (
            sdp(&[m, "a=rtpmap:0 PCMA/8000"]),
            vec![(7, K::StaticPayloadTypeMismatch)],
        ),
        (
            sdp(&["m=audio 4000 RTP/AVP 96", "a=rtpmap:96 opus/abc"]),
            vec![(6, K::MissingRtpmap), (7, K::InvalidRtpmap)],
        ),
        (
            sdp(&["m=audio 4000 RTP/AVP 96", "a=rtpmap:96 opus/48000/2", "a=rtpmap:96 opus/48000/2"]),
            vec![(8, K::DuplicateRtpmap)],
        ),
        (sdp(&[m, "a=rtpmap:8 PCMA/8000"]), vec![(7, K::RtpmapForUnlistedFormat)]),
        (sdp(&[m, "a=fmtp:"]), vec![(7, K::InvalidFmtp)]),
        (sdp(&[m, "a=fmtp:8 x=1"]), vec![(7, K::FmtpForUnlistedFormat)]),
        (sdp(&[m, "a=ptime:soon"]), vec![(7, K::InvalidPtime)]),
        (sdp(&[m, "a=ptime:2.5"]), vec![(7, K::DecimalPtime)]),
        (sdp(&[m, "a=maxptime:soon"]), vec![(7, K::InvalidMaxptime)]),
        (sdp(&[m, "a=maxptime:40.5"]), vec![(7, K::DecimalMaxptime)]),
        (sdp(&["a=ptime:20", m]), vec![(6, K::MediaAttributeAtSessionLevel)]),
        (sdp(&[m, "a=sendonly", "a=recvonly"]), vec![(8, K::SecondDirection)]),
        (sdp(&[m, "a=rtcp:port"]), vec![(7, K::InvalidRtcp)]),
        (sdp(&[m, "a=crypto:1"]), vec![(7, K::InvalidCrypto)]),
        (sdp(&[m, "a=fingerprint:sha-256"]), vec![(7, K::InvalidFingerprint)]),
        (sdp(&[m, "a=fingerprint:SHA-256 AB:CD"]), vec![(7, K::UppercaseFingerprintHash)]),
        (sdp(&[m, "a=setup:maybe"]), vec![(7, K::InvalidSetup)]),
        (sdp(&[m, "a=candidate:1"]), vec![(7, K::InvalidCandidate)]),
        (sdp(&["a=group:", m]), vec![(6, K::InvalidGroup)]),
        (sdp(&[m, "a=mid:a", "a=group:BUNDLE a"]), vec![(8, K::GroupAtMediaLevel)]),
        (sdp(&["a=group:BUNDLE a b", m, "a=mid:a"]), vec![(6, K::UnknownGroupMid)]),
        (sdp(&[m, "a=mid:"]), vec![(7, K::InvalidMid)]),
        (sdp(&[m, "a=mid:a", "a=mid:b"]), vec![(8, K::SecondMid)]),
        (sdp(&[m, "a=mid:a", m, "a=mid:a"]), vec![(9, K::DuplicateMid)]),
        (
            "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n".into(),
            vec![(1, K::LfLineEnding)],
        ),
        (format!("{}\r\n", sdp(&[])), vec![(6, K::BlankLine)]),
        (sdp(&["m=audio 4000 RTP/AVP 0 "]), vec![(6, K::TrailingWhitespace)]),
        (
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0".into(),
            vec![(5, K::NoFinalLineEnding)],
        ),
    ];
    let mut covered = BTreeSet::new();
    for (text, expected) in &cases {
        assert_eq!(&kinds(text), expected, "{text:?}");
        covered.extend(expected.iter().map(|&(_, k)| k));
    }

    // The cap: 16 + len/128 problems listed (18 for these 263 bytes), the
    // other 22 of the 40 counted at line 0.
    let many = sdp(&["y=1"; 40]);
    let problems = check_text(&many).unwrap();
    assert_eq!(problems[0].line, 0);
    assert_eq!(problems[0].kind, K::ProblemsNotListed);
    assert_eq!(problems[0].message, "22 more problems not listed");
    covered.insert(K::ProblemsNotListed);

    let all: BTreeSet<K> = K::ALL.iter().copied().collect();
    assert_eq!(covered, all, "every kind has a case");
}

#[test]
fn every_kind_names_its_rule_and_a_stable_name() {
    let mut names = BTreeSet::new();
    for &kind in K::ALL {
        let name = kind.as_str();
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{name}"
        );
        assert!(names.insert(name), "{name} twice");
        assert_eq!(kind.to_string(), name);
        match kind.rule() {
            Some(rule) => assert!(rule.starts_with("RFC ") && rule.contains(" §"), "{rule}"),
            None => assert_eq!(kind, K::ProblemsNotListed),
        }
    }
    assert_eq!(K::MissingRtpmap.rule(), Some("RFC 8866 §6.6"));
    assert_eq!(K::SecondDirection.rule(), Some("RFC 3264 §5.1"));
    assert_eq!(K::InvalidCrypto.as_str(), "invalid-crypto");
}
