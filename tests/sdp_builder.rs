//! `SdpBuilder`: what it writes, what it refuses, and that a built
//! description equals its own parsed serialization.

use sdp_offer_answer::sdp::{LineType, SdpBuilder, SdpError, SessionDescription};

fn built() -> SessionDescription {
    let mut b = SdpBuilder::with_capacity(256, 8);
    b.push_line(b'v', "0")
        .unwrap()
        .push_line(b'o', "- 1 1 IN IP4 192.0.2.1")
        .unwrap()
        .push_line(b's', "-")
        .unwrap()
        .push_line(b't', "0 0")
        .unwrap()
        .push_line(b'm', "audio 4000 RTP/AVP 0")
        .unwrap()
        .push_line(b'a', "sendrecv")
        .unwrap();
    assert_eq!(b.line_count(), 6);
    b.build()
}

#[test]
fn builds_crlf_text_with_line_positions() {
    let sdp = built();
    assert_eq!(
        sdp.serialize(),
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n"
    );
    assert!(sdp.is_canonical());
    assert_eq!(sdp.media_count(), 1);
    let numbers: Vec<(LineType, usize)> =
        sdp.lines().map(|l| (l.line_type(), l.number())).collect();
    assert_eq!(
        numbers,
        [
            (LineType::Version, 1),
            (LineType::Origin, 2),
            (LineType::SessionName, 3),
            (LineType::Timing, 4),
            (LineType::Media, 5),
            (LineType::Attribute, 6)
        ]
    );
    assert_eq!(SessionDescription::parse(&sdp.serialize()).unwrap(), sdp);
}

#[test]
fn trailing_whitespace_is_dropped_as_the_parser_drops_it() {
    // Fixed: `push_line(b's', "- ")` used to keep the space, so the built
    // description differed from the parse of its own serialization.
    let mut b = SdpBuilder::new();
    b.push_line(b'v', "0")
        .unwrap()
        .push_line(b's', "- \t ")
        .unwrap()
        .push_line(b'a', "x-y:1 ")
        .unwrap();
    let sdp = b.build();
    assert_eq!(sdp.serialize(), "v=0\r\ns=-\r\na=x-y:1\r\n");
    assert_eq!(sdp.session_name(), Some("-"));
    assert_eq!(SessionDescription::parse(&sdp.serialize()).unwrap(), sdp);
    // Leading whitespace is part of the value and survives.
    let mut lead = SdpBuilder::new();
    lead.push_line(b'v', "0")
        .unwrap()
        .push_line(b'a', " x")
        .unwrap();
    let lead = lead.build();
    assert_eq!(lead.serialize(), "v=0\r\na= x\r\n");
    assert_eq!(SessionDescription::parse(&lead.serialize()).unwrap(), lead);
}

#[test]
fn refuses_lines_that_would_not_stay_one_line() {
    let mut b = SdpBuilder::new();
    b.push_line(b'v', "0").unwrap();
    assert_eq!(
        b.push_line(b'a', "x\r\ny").err(),
        Some(SdpError::MalformedLine { line: 2 })
    );
    assert_eq!(
        b.push_line(b'a', "x\n").err(),
        Some(SdpError::MalformedLine { line: 2 })
    );
    assert_eq!(
        b.push_line(b'1', "x").err(),
        Some(SdpError::MalformedLine { line: 2 })
    );
    assert_eq!(
        b.push_line(b'=', "x").err(),
        Some(SdpError::MalformedLine { line: 2 })
    );
    assert_eq!(b.line_count(), 1);
    assert_eq!(b.build().serialize(), "v=0\r\n");
}
