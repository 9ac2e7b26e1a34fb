//! Parser limits and the parse errors: size cap, m-line cap, empty input,
//! missing `v=`, malformed lines (with their source line numbers) and
//! invalid UTF-8.

use sdp_offer_answer::sdp::{ParseLimits, SdpError, SessionDescription};

const HEAD: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";

/// A valid SDP of exactly `size` bytes: `HEAD` then `a=x-pad:ppp...` lines.
fn sdp_of_size(size: usize) -> String {
    let mut s = String::with_capacity(size);
    s.push_str(HEAD);
    let pad_line = |s: &mut String, len: usize| {
        // "a=x-pad:" + fill + "\r\n" is len bytes.
        s.push_str("a=x-pad:");
        s.extend(std::iter::repeat_n('p', len - 10));
        s.push_str("\r\n");
    };
    while size - s.len() > 1010 {
        pad_line(&mut s, 1000);
    }
    let rest = size - s.len();
    assert!(rest >= 11, "size {size} too small to pad exactly");
    pad_line(&mut s, rest);
    assert_eq!(s.len(), size);
    s
}

fn media_sdp(count: usize) -> String {
    let mut s =
        String::from("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n");
    for i in 0..count {
        s.push_str(&format!("m=audio {} RTP/AVP 0\r\n", 4000 + 2 * i));
    }
    s
}

#[test]
fn default_limits() {
    assert_eq!(ParseLimits::default(), ParseLimits::DEFAULT);
    assert_eq!(ParseLimits::DEFAULT.max_size, 65536);
    assert_eq!(ParseLimits::DEFAULT.max_media, 256);
}

#[test]
fn exactly_at_the_size_cap_parses() {
    let text = sdp_of_size(64 * 1024);
    let sdp = SessionDescription::parse(&text).unwrap();
    assert_eq!(sdp.media_count(), 1);
    assert_eq!(sdp.line_count(), text.matches("\r\n").count());
    assert_eq!(sdp.serialize(), text);
    let from_bytes =
        SessionDescription::parse_bytes(text.as_bytes(), &ParseLimits::DEFAULT).unwrap();
    assert_eq!(from_bytes, sdp);
}

#[test]
fn one_byte_over_the_cap_is_too_large() {
    let text = sdp_of_size(64 * 1024 + 1);
    let err = SessionDescription::parse(&text).unwrap_err();
    assert_eq!(
        err,
        SdpError::TooLarge {
            size: 65537,
            limit: 65536
        }
    );
    assert_eq!(err.line(), None);
    assert_eq!(
        err.to_string(),
        "SDP is 65537 bytes, over the 65536-byte limit"
    );
    assert_eq!(
        SessionDescription::parse_bytes(text.as_bytes(), &ParseLimits::DEFAULT),
        Err(SdpError::TooLarge {
            size: 65537,
            limit: 65536
        })
    );
}

#[test]
fn size_is_checked_before_utf8() {
    let mut bytes = sdp_of_size(64 * 1024 + 10).into_bytes();
    bytes[3] = 0xff;
    assert_eq!(
        SessionDescription::parse_bytes(&bytes, &ParseLimits::DEFAULT),
        Err(SdpError::TooLarge {
            size: 65546,
            limit: 65536
        })
    );
}

#[test]
fn raised_cap_parses_256_kib() {
    let text = sdp_of_size(256 * 1024);
    assert_eq!(
        SessionDescription::parse(&text),
        Err(SdpError::TooLarge {
            size: 262144,
            limit: 65536
        })
    );
    let limits = ParseLimits {
        max_size: 256 * 1024,
        ..ParseLimits::DEFAULT
    };
    let sdp = SessionDescription::parse_with(&text, &limits).unwrap();
    assert_eq!(sdp.line_count(), text.matches("\r\n").count());
    assert_eq!(
        sdp.media(0).unwrap().attributes().count(),
        sdp.line_count() - 6
    );
    assert_eq!(sdp.serialize().len(), 256 * 1024);
}

#[test]
fn media_cap() {
    let ok = SessionDescription::parse(&media_sdp(256)).unwrap();
    assert_eq!(ok.media_count(), 256);
    assert_eq!(
        SessionDescription::parse(&media_sdp(257)),
        Err(SdpError::TooManyMedia { limit: 256 })
    );
    let two = ParseLimits {
        max_media: 2,
        ..ParseLimits::DEFAULT
    };
    assert_eq!(
        SessionDescription::parse_with(&media_sdp(2), &two)
            .unwrap()
            .media_count(),
        2
    );
    let err = SessionDescription::parse_with(&media_sdp(3), &two).unwrap_err();
    assert_eq!(err, SdpError::TooManyMedia { limit: 2 });
    assert_eq!(err.to_string(), "SDP has more than 2 m-lines");
    let none = ParseLimits {
        max_media: 0,
        ..ParseLimits::DEFAULT
    };
    assert_eq!(
        SessionDescription::parse_with(&media_sdp(0), &none)
            .unwrap()
            .media_count(),
        0
    );
    assert_eq!(
        SessionDescription::parse_with(&media_sdp(1), &none),
        Err(SdpError::TooManyMedia { limit: 0 })
    );
}

#[test]
fn empty_inputs() {
    for text in ["", "\r\n", "\n\n", " \t\r\n\n   "] {
        assert_eq!(
            SessionDescription::parse(text),
            Err(SdpError::Empty),
            "{text:?}"
        );
    }
    assert_eq!(
        SessionDescription::parse_bytes(b"", &ParseLimits::DEFAULT),
        Err(SdpError::Empty)
    );
    assert_eq!(SdpError::Empty.to_string(), "SDP is empty");
}

#[test]
fn missing_version_names_the_first_non_blank_line() {
    assert_eq!(
        SessionDescription::parse("o=- 1 1 IN IP4 192.0.2.1\r\nv=0\r\n"),
        Err(SdpError::MissingVersion { line: 1 })
    );
    assert_eq!(
        SessionDescription::parse("\r\n\n  \r\ns=-\r\nv=0\r\n"),
        Err(SdpError::MissingVersion { line: 4 })
    );
    // An upper-case V is another letter (RFC 8866 §5 types are lower case).
    assert_eq!(
        SessionDescription::parse("V=0\r\n"),
        Err(SdpError::MissingVersion { line: 1 })
    );
    assert_eq!(
        SdpError::MissingVersion { line: 4 }.to_string(),
        "line 4: an SDP must start with v=0"
    );
}

#[test]
fn malformed_lines_with_their_numbers() {
    let cases: [(&str, usize); 10] = [
        ("v=0\r\nfoo\r\n", 2),
        ("v=0\r\n\r\n\r\nxx\r\n", 4),
        ("v=0\n\n\nxx\n", 4),
        ("v=0\r\n\n\r\n  \r\ns=-\r\n=x\r\n", 6),
        ("v=0\r\nab=c\r\n", 2),
        ("v=0\r\n1=x\r\n", 2),
        ("v=0\r\n s=-\r\n", 2),
        ("v=0\r\ns =-\r\n", 2),
        ("v=0\r\ns", 2),
        (" v=0\r\n", 1),
    ];
    for (text, line) in cases {
        let err = SessionDescription::parse(text).unwrap_err();
        assert_eq!(err, SdpError::MalformedLine { line }, "{text:?}");
        assert_eq!(err.line(), Some(line));
    }
    assert_eq!(
        SdpError::MalformedLine { line: 2 }.to_string(),
        "line 2: not a <type>=<value> line"
    );
    // A non-ASCII first byte is not a type letter either.
    assert_eq!(
        SessionDescription::parse("v=0\r\né=x\r\n"),
        Err(SdpError::MalformedLine { line: 2 })
    );
}

#[test]
fn line_numbers_count_blank_lines_and_any_ending() {
    let sdp = SessionDescription::parse("v=0\r\n\r\no=- 1 1 IN IP4 192.0.2.1\n\n  \ns=-\r\nt=0 0")
        .unwrap();
    let numbers: Vec<(u8, usize)> = sdp.lines().map(|l| (l.letter(), l.number())).collect();
    assert_eq!(numbers, [(b'v', 1), (b'o', 3), (b's', 6), (b't', 7)]);
    assert!(!sdp.is_canonical());
    assert_eq!(
        sdp.serialize(),
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
    );
}

#[test]
fn type_letter_with_empty_value_is_a_line() {
    let sdp = SessionDescription::parse("v=0\r\ns=\r\n").unwrap();
    assert_eq!(sdp.line_count(), 2);
    assert_eq!(sdp.session_name(), Some(""));
}

#[test]
fn invalid_utf8_names_the_line() {
    let limits = ParseLimits::DEFAULT;
    assert_eq!(
        SessionDescription::parse_bytes(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=\xff\r\n", &limits),
        Err(SdpError::InvalidUtf8 { line: 3 })
    );
    assert_eq!(
        SessionDescription::parse_bytes(b"v=\xc3\r\n", &limits),
        Err(SdpError::InvalidUtf8 { line: 1 })
    );
    // Blank lines and LF-only endings count.
    assert_eq!(
        SessionDescription::parse_bytes(b"v=0\n\n\r\ns=ok\na=x:\xe2\x82\n", &limits),
        Err(SdpError::InvalidUtf8 { line: 5 })
    );
    // A truncated multi-byte character at the very end.
    assert_eq!(
        SessionDescription::parse_bytes(b"v=0\r\ns=caf\xc3", &limits),
        Err(SdpError::InvalidUtf8 { line: 2 })
    );
    let err = SdpError::InvalidUtf8 { line: 3 };
    assert_eq!(err.line(), Some(3));
    assert_eq!(err.to_string(), "line 3: not valid UTF-8");
}

#[test]
fn valid_utf8_bytes_parse_like_text() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=café\r\nt=0 0\r\n";
    let from_bytes =
        SessionDescription::parse_bytes(text.as_bytes(), &ParseLimits::DEFAULT).unwrap();
    assert_eq!(from_bytes, SessionDescription::parse(text).unwrap());
    assert_eq!(from_bytes.session_name(), Some("café"));
    assert_eq!(from_bytes.serialize(), text);
}

#[test]
fn from_str_is_parse() {
    let sdp: SessionDescription = "v=0\r\ns=-\r\n".parse().unwrap();
    assert_eq!(sdp.line_count(), 2);
    assert_eq!(
        "x=0".parse::<SessionDescription>(),
        Err(SdpError::MissingVersion { line: 1 })
    );
}
