//! `sdp::check`: one minimal SDP per check that triggers exactly that
//! problem, the things deliberately not flagged, the text-level checks, and
//! the exact, stable problem lists of the corpus.

use std::path::Path;

use sdp_offer_answer::sdp::check::{Problem, ProblemKind, Severity, check, check_text};
use sdp_offer_answer::sdp::{SdpBuilder, SdpError, SessionDescription};

use Severity::{Error, Warning};

/// Lines 1-5 of every test SDP.
const HEAD: [&str; 5] = [
    "v=0",
    "o=- 1 1 IN IP4 192.0.2.1",
    "s=-",
    "c=IN IP4 192.0.2.1",
    "t=0 0",
];

fn crlf(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

/// HEAD then `rest`, CRLF.
fn with_head(rest: &[&str]) -> String {
    let mut all: Vec<&str> = HEAD.to_vec();
    all.extend_from_slice(rest);
    crlf(&all)
}

/// A problem as a comparable tuple: (line, severity, message).
type Found = (usize, Severity, String);

fn found(text: &str) -> Vec<Found> {
    let sdp = SessionDescription::parse(text).unwrap();
    check(&sdp)
        .into_iter()
        .map(|p| (p.line, p.severity, p.message))
        .collect()
}

fn problem(line: usize, severity: Severity, message: &str) -> Found {
    (line, severity, message.to_owned())
}

/// Asserts that `text` has exactly one problem, the given one.
#[track_caller]
fn exactly(text: &str, line: usize, severity: Severity, message: &str) {
    assert_eq!(found(text), [problem(line, severity, message)], "{text}");
}

#[track_caller]
fn clean(text: &str) {
    assert_eq!(found(text), [], "{text}");
}

#[test]
fn a_correct_description_has_no_problem() {
    clean(&with_head(&[
        "m=audio 4000 RTP/AVP 0 96",
        "a=rtpmap:96 opus/48000/2",
        "a=sendrecv",
    ]));
}

// ------------------------------------------------------------ structure

#[test]
fn missing_mandatory_lines() {
    let m = "m=audio 4000 RTP/AVP 0";
    exactly(
        &crlf(&["v=0", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", m]),
        0,
        Error,
        "no o= line (RFC 8866 §5)",
    );
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "c=IN IP4 192.0.2.1",
            "t=0 0",
            m,
        ]),
        0,
        Error,
        "no s= line (RFC 8866 §5)",
    );
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 192.0.2.1",
            m,
        ]),
        0,
        Error,
        "no t= line (RFC 8866 §5)",
    );
}

#[test]
fn version_must_be_zero() {
    let text = with_head(&["m=audio 4000 RTP/AVP 0"]).replacen("v=0", "v=1", 1);
    exactly(&text, 1, Error, "v= must be 0 (RFC 8866 §5.1)");
}

#[test]
fn session_order() {
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "t=0 0",
            "c=IN IP4 192.0.2.1",
        ]),
        5,
        Error,
        "c= comes after t=, against the RFC 8866 §5 order v o s i u e p c b t r z k a",
    );
    exactly(
        &crlf(&[
            "v=0",
            "s=-",
            "o=- 1 1 IN IP4 192.0.2.1",
            "c=IN IP4 192.0.2.1",
            "t=0 0",
        ]),
        3,
        Error,
        "o= comes after s=, against the RFC 8866 §5 order v o s i u e p c b t r z k a",
    );
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 192.0.2.1",
            "a=sendrecv",
            "t=0 0",
        ]),
        6,
        Error,
        "t= comes after a=, against the RFC 8866 §5 order v o s i u e p c b t r z k a",
    );
}

#[test]
fn full_session_order_with_optional_lines_is_clean() {
    clean(&crlf(&[
        "v=0",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "i=A call",
        "u=http://example.com/",
        "e=alice@example.com",
        "e=bob@example.com",
        "p=+1 617 555-6011",
        "c=IN IP4 192.0.2.1",
        "b=AS:64",
        "t=0 0",
        "r=7d 1h 0 25h",
        "t=3034423619 3042462419",
        "z=2882844526 -1h",
        "k=prompt",
        "a=recvonly",
        "m=audio 4000 RTP/AVP 0",
        "i=voice",
        "c=IN IP4 192.0.2.2",
        "b=TIAS:64000",
        "k=prompt",
        "a=sendonly",
    ]));
}

#[test]
fn repeat_must_follow_timing() {
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "c=IN IP4 192.0.2.1",
            "r=7d 1h 0 25h",
            "t=0 0",
        ]),
        5,
        Error,
        "r= must follow a t= line (RFC 8866 §5.10)",
    );
}

#[test]
fn single_lines_repeated() {
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "s=again",
            "c=IN IP4 192.0.2.1",
            "t=0 0",
        ]),
        4,
        Error,
        "more than one s= line at session level (RFC 8866 §5)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "i=one", "i=two"]),
        8,
        Error,
        "more than one i= line in a media description (RFC 8866 §5)",
    );
}

#[test]
fn media_order() {
    exactly(
        &crlf(&[
            "v=0",
            "o=- 1 1 IN IP4 192.0.2.1",
            "s=-",
            "t=0 0",
            "m=audio 4000 RTP/AVP 0",
            "a=sendrecv",
            "c=IN IP4 192.0.2.1",
        ]),
        7,
        Error,
        "c= comes after a=, against the RFC 8866 §5 order m i c b k a",
    );
}

#[test]
fn session_lines_in_a_media_description() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "t=0 0"]),
        7,
        Error,
        "t= is not allowed in a media description (RFC 8866 §5)",
    );
}

#[test]
fn unknown_line_types() {
    exactly(
        &with_head(&["x=custom"]),
        6,
        Error,
        "unknown line type x= (RFC 8866 §5)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "Y=custom"]),
        7,
        Error,
        "unknown line type Y= (RFC 8866 §5)",
    );
}

#[test]
fn origin_problems() {
    let with_origin = |o: &str| with_head(&[]).replacen("o=- 1 1 IN IP4 192.0.2.1", o, 1);
    exactly(
        &with_origin("o=- 1 x IN IP4 192.0.2.1"),
        2,
        Error,
        "invalid o= line: session version is not a number (RFC 8866 §5.2)",
    );
    exactly(
        &with_origin("o=- 1 1 IN IP4"),
        2,
        Error,
        "invalid o= line: expected 6 fields (RFC 8866 §5.2)",
    );
    exactly(
        &with_origin("o=- abc 1 IN IP4 192.0.2.1"),
        2,
        Error,
        "o= session id abc is not a decimal number (RFC 8866 §5.2)",
    );
    exactly(
        &with_origin("o=- 1 1 IN IP4 2001:db8::1"),
        2,
        Error,
        "o= says IP4 but holds an IPv6 address (RFC 8866 §5.2)",
    );
}

#[test]
fn empty_session_name_is_a_warning() {
    exactly(
        &with_head(&[]).replacen("s=-", "s=", 1),
        3,
        Warning,
        "s= is empty; write s=- when there is no name (RFC 8866 §5.3)",
    );
}

#[test]
fn malformed_timing() {
    for t in ["t=0", "t=0 x", "t=0 0 0", "t=-1 0"] {
        exactly(
            &with_head(&[]).replacen("t=0 0", t, 1),
            5,
            Error,
            "t= must be two decimal times <start> <stop> (RFC 8866 §5.9)",
        );
    }
}

// ------------------------------------------------------------ c= and b=

#[test]
fn media_without_any_connection() {
    let text = crlf(&[
        "v=0",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "t=0 0",
        "m=audio 4000 RTP/AVP 0",
        "c=IN IP4 192.0.2.1",
        "m=video 4002 RTP/AVP 31",
    ]);
    exactly(
        &text,
        7,
        Error,
        "no c= line for this media and none at session level (RFC 8866 §5.7)",
    );
}

#[test]
fn connection_family_mismatch() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "c=IN IP4 2001:db8::1"]),
        7,
        Error,
        "c= says IP4 but holds an IPv6 address (RFC 8866 §5.7)",
    );
    exactly(
        &with_head(&[]).replacen("c=IN IP4 192.0.2.1", "c=IN IP6 192.0.2.1", 1),
        4,
        Error,
        "c= says IP6 but holds an IPv4 address (RFC 8866 §5.7)",
    );
    // Multicast suffixes do not hide the mismatch.
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "c=IN IP6 224.2.1.1/127"]),
        7,
        Error,
        "c= says IP6 but holds an IPv4 address (RFC 8866 §5.7)",
    );
}

#[test]
fn connection_and_bandwidth_unreadable() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "c=IN IP4"]),
        7,
        Error,
        "invalid c= line: expected <nettype> <addrtype> <address> (RFC 8866 §5.7)",
    );
    exactly(
        &with_head(&["b=AS:x"]).replacen("t=0 0\r\nb=AS:x", "b=AS:x\r\nt=0 0", 1),
        5,
        Error,
        "invalid b= line: bandwidth is not a number (RFC 8866 §5.8)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "b=TIAS"]),
        7,
        Error,
        "invalid b= line: expected <bwtype>:<bandwidth> (RFC 8866 §5.8)",
    );
}

// ------------------------------------------------------------ m= and formats

#[test]
fn media_line_unreadable() {
    exactly(
        &with_head(&["m=audio 70000 RTP/AVP 0"]),
        6,
        Error,
        "invalid m= line: port is not 0..=65535 (RFC 8866 §5.14)",
    );
}

#[test]
fn media_line_without_formats() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP"]),
        6,
        Error,
        "m= line lists no formats (RFC 8866 §5.14)",
    );
}

#[test]
fn rtp_format_not_a_payload_type() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0 abc"]),
        6,
        Error,
        "format abc is not an RTP payload type 0..=127 (RFC 8866 §5.14)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/SAVP 128 0"]),
        6,
        Error,
        "format 128 is not an RTP payload type 0..=127 (RFC 8866 §5.14)",
    );
}

#[test]
fn duplicate_payload_type() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0 8 0"]),
        6,
        Error,
        "payload type 0 is listed twice on the m= line (RFC 8866 §5.14)",
    );
}

#[test]
fn dynamic_payload_type_without_rtpmap() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0 97"]),
        6,
        Error,
        "dynamic payload type 97 has no a=rtpmap (RFC 8866 §6.6)",
    );
    exactly(
        &with_head(&["m=audio 4000 TCP/TLS/RTP/SAVP 20"]),
        6,
        Error,
        "payload type 20 has no static assignment and no a=rtpmap (RFC 3551 §6)",
    );
    // A disabled stream needs no rtpmap.
    clean(&with_head(&["m=audio 0 RTP/AVP 97"]));
}

#[test]
fn rtpmap_and_fmtp_for_unlisted_formats() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=rtpmap:98 opus/48000/2"]),
        7,
        Warning,
        "a=rtpmap for payload type 98, which the m= line does not list (RFC 8866 §6.6)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=fmtp:98 useinbandfec=1"]),
        7,
        Warning,
        "a=fmtp for format 98, which the m= line does not list (RFC 8866 §6.15)",
    );
    exactly(
        &with_head(&["m=image 4000 udptl t38", "a=fmtp:t39 x=1"]),
        7,
        Warning,
        "a=fmtp for format t39, which the m= line does not list (RFC 8866 §6.15)",
    );
    clean(&with_head(&["m=image 4000 udptl t38", "a=fmtp:t38 x=1"]));
}

#[test]
fn static_payload_type_contradicted() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=rtpmap:0 PCMA/8000"]),
        7,
        Error,
        "a=rtpmap:0 PCMA/8000 contradicts the static payload type 0 PCMU/8000 (RFC 3551 §6)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 9", "a=rtpmap:9 G722/16000"]),
        7,
        Error,
        "a=rtpmap:9 G722/16000 contradicts the static payload type 9 G722/8000 (RFC 3551 §6)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 10", "a=rtpmap:10 L16/44100"]),
        7,
        Error,
        "a=rtpmap:10 L16/44100 contradicts the static payload type 10 L16/44100/2 (RFC 3551 §6)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 8", "a=rtpmap:8 PCMA/8000/2"]),
        7,
        Error,
        "a=rtpmap:8 PCMA/8000/2 contradicts the static payload type 8 PCMA/8000 (RFC 3551 §6)",
    );
    // Names compare case-insensitively; G729A is G.729; explicit mono is mono; video has no channels.
    clean(&with_head(&[
        "m=audio 4000 RTP/AVP 0 18 9",
        "a=rtpmap:0 pcmu/8000",
        "a=rtpmap:18 G729A/8000",
        "a=rtpmap:9 G722/8000/1",
    ]));
    clean(&with_head(&[
        "m=video 4002 RTP/AVP 34 31",
        "a=rtpmap:34 H263/90000",
        "a=rtpmap:31 H261/90000",
    ]));
}

#[test]
fn second_rtpmap_for_a_payload_type() {
    exactly(
        &with_head(&[
            "m=audio 4000 RTP/AVP 96",
            "a=rtpmap:96 opus/48000/2",
            "a=rtpmap:96 PCMU/8000",
        ]),
        8,
        Error,
        "a second a=rtpmap for payload type 96 (RFC 8866 §6.6)",
    );
}

// ------------------------------------------------------------ attributes

#[test]
fn two_direction_attributes_in_one_section() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=sendrecv", "a=recvonly"]),
        8,
        Error,
        "a=recvonly is a second direction attribute in this section, after line 7 (RFC 3264 §5.1)",
    );
    exactly(
        &with_head(&["a=inactive", "a=inactive"]),
        7,
        Error,
        "a=inactive is a second direction attribute in this section, after line 6 (RFC 3264 §5.1)",
    );
    // One at session level and one at media level is the normal override.
    clean(&with_head(&[
        "a=sendrecv",
        "m=audio 4000 RTP/AVP 0",
        "a=sendonly",
    ]));
}

#[test]
fn ptime_values() {
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=ptime:22.5"]),
        7,
        Warning,
        "a=ptime has a decimal value, which some stacks refuse (RFC 8866 §6.4)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=maxptime:40.0"]),
        7,
        Warning,
        "a=maxptime has a decimal value, which some stacks refuse (RFC 8866 §6.5)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=ptime:x"]),
        7,
        Error,
        "invalid a=ptime: not a time in milliseconds (RFC 8866 §6.4)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=maxptime:20000"]),
        7,
        Error,
        "invalid a=maxptime: over 10 seconds (RFC 8866 §6.5)",
    );
}

#[test]
fn typed_attribute_views_that_fail() {
    let cases: [(&str, &str); 9] = [
        (
            "a=rtpmap:128 foo/8000",
            "invalid a=rtpmap: payload type is not 0..=127 (RFC 8866 §6.6)",
        ),
        ("a=fmtp:", "invalid a=fmtp: missing format (RFC 8866 §6.15)"),
        (
            "a=rtcp:x",
            "invalid a=rtcp: port is not 0..=65535 (RFC 3605 §2.1)",
        ),
        (
            "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:KEY",
            "invalid a=crypto: tag is not a number (RFC 4568 §9.1)",
        ),
        (
            "a=fingerprint:sha-256 7B:8",
            "invalid a=fingerprint: fingerprint is not colon-separated hex pairs (RFC 8122 §5)",
        ),
        (
            "a=setup:both",
            "invalid a=setup: not active, passive, actpass or holdconn (RFC 4145 §4)",
        ),
        (
            "a=candidate:1 1 UDP 1 192.0.2.1 65536 typ host",
            "invalid a=candidate: port is not 0..=65535 (RFC 8839 §5.1)",
        ),
        (
            "a=mid:",
            "invalid a=mid: missing identification tag (RFC 5888 §4)",
        ),
        (
            "a=rtcp:4001 IN IP4",
            "invalid c= line: expected <nettype> <addrtype> <address> (RFC 3605 §2.1)",
        ),
    ];
    for (attr, message) in cases {
        exactly(
            &with_head(&["m=audio 4000 RTP/AVP 0", attr]),
            7,
            Error,
            message,
        );
    }
    exactly(
        &with_head(&["a=group:"]),
        6,
        Error,
        "invalid a=group: missing semantics (RFC 5888 §5)",
    );
}

#[test]
fn upper_case_fingerprint_hash_is_a_warning() {
    exactly(
        &with_head(&[
            "m=audio 4000 UDP/TLS/RTP/SAVPF 0",
            "a=fingerprint:SHA-256 3E:16:D4:A5",
        ]),
        7,
        Warning,
        "a=fingerprint hash name SHA-256 is upper-case; legal, but some stacks only match lower case (RFC 8122 §5)",
    );
    clean(&with_head(&[
        "a=fingerprint:sha-256 3E:16:D4:A5",
        "m=audio 4000 UDP/TLS/RTP/SAVPF 0",
    ]));
}

#[test]
fn attributes_at_the_wrong_level() {
    exactly(
        &with_head(&["a=ptime:20", "m=audio 4000 RTP/AVP 0"]),
        6,
        Warning,
        "a=ptime is a media-level attribute (RFC 8866 §6.4)",
    );
    exactly(
        &with_head(&["a=rtpmap:0 PCMU/8000", "m=audio 4000 RTP/AVP 0"]),
        6,
        Warning,
        "a=rtpmap is a media-level attribute (RFC 8866 §6.6)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=group:LS"]),
        7,
        Warning,
        "a=group is a session-level attribute (RFC 5888 §5)",
    );
}

#[test]
fn group_names_a_missing_mid() {
    exactly(
        &with_head(&["a=group:BUNDLE 0 1", "m=audio 4000 RTP/AVP 0", "a=mid:0"]),
        6,
        Error,
        "a=group:BUNDLE names mid 1, which no m-line carries (RFC 5888 §5)",
    );
    // An empty BUNDLE group is allowed (RFC 8843).
    clean(&with_head(&["a=group:BUNDLE", "m=audio 4000 RTP/AVP 0"]));
}

#[test]
fn mids_unique_and_one_per_media() {
    exactly(
        &with_head(&[
            "m=audio 4000 RTP/AVP 0",
            "a=mid:a",
            "m=audio 4002 RTP/AVP 0",
            "a=mid:a",
        ]),
        9,
        Error,
        "a=mid:a is already used on line 7 (RFC 5888 §4)",
    );
    exactly(
        &with_head(&["m=audio 4000 RTP/AVP 0", "a=mid:a", "a=mid:b"]),
        8,
        Error,
        "more than one a=mid in this media description (RFC 5888 §4)",
    );
}

#[test]
fn deliberately_not_flagged() {
    // actpass in an offer, attributes under a port-0 m-line, unknown attributes.
    clean(&with_head(&[
        "m=audio 4000 UDP/TLS/RTP/SAVPF 111",
        "a=rtpmap:111 opus/48000/2",
        "a=setup:actpass",
        "a=x-anything:goes here",
        "m=video 0 RTP/AVP 96",
        "a=rtpmap:96 H264/90000",
        "a=fmtp:96 packetization-mode=1",
        "a=sendrecv",
    ]));
}

#[test]
fn problems_come_sorted_by_line_and_several_at_once() {
    let text = crlf(&[
        "v=2",
        "o=- 1 1 IN IP4 192.0.2.1",
        "s=-",
        "m=audio 4000 RTP/AVP 0 96 0",
        "a=ptime:20.5",
    ]);
    assert_eq!(
        found(&text),
        [
            problem(0, Error, "no t= line (RFC 8866 §5)"),
            problem(1, Error, "v= must be 0 (RFC 8866 §5.1)"),
            problem(
                4,
                Error,
                "no c= line for this media and none at session level (RFC 8866 §5.7)"
            ),
            problem(
                4,
                Error,
                "payload type 0 is listed twice on the m= line (RFC 8866 §5.14)"
            ),
            problem(
                4,
                Error,
                "dynamic payload type 96 has no a=rtpmap (RFC 8866 §6.6)"
            ),
            problem(
                5,
                Warning,
                "a=ptime has a decimal value, which some stacks refuse (RFC 8866 §6.4)"
            ),
        ]
    );
}

#[test]
fn long_tokens_are_cut_in_messages() {
    let long = "x".repeat(100);
    let text = with_head(&[&format!("m=audio 4000 RTP/AVP {long}")]);
    let problems = found(&text);
    assert_eq!(
        problems,
        [problem(
            6,
            Error,
            &format!(
                "format {}... is not an RTP payload type 0..=127 (RFC 8866 §5.14)",
                "x".repeat(32)
            )
        )]
    );
}

#[test]
fn built_descriptions_use_line_positions() {
    let mut b = SdpBuilder::new();
    b.push_line(b'v', "0").unwrap();
    b.push_line(b'o', "- 1 1 IN IP4 192.0.2.1").unwrap();
    b.push_line(b's', "-").unwrap();
    b.push_line(b't', "0 0").unwrap();
    b.push_line(b'm', "audio 4000 RTP/AVP 0").unwrap();
    let problems = check(&b.build());
    assert_eq!(
        problems,
        [Problem {
            line: 5,
            severity: Error,
            kind: ProblemKind::MissingConnection,
            message: "no c= line for this media and none at session level (RFC 8866 §5.7)"
                .to_owned(),
        }]
    );
}

#[test]
fn problem_and_severity_display() {
    let p = Problem {
        line: 7,
        severity: Warning,
        kind: ProblemKind::BlankLine,
        message: "m".to_owned(),
    };
    assert_eq!(p.to_string(), "line 7: warning: m");
    assert!(!p.is_error());
    let whole = Problem {
        line: 0,
        severity: Error,
        kind: ProblemKind::MissingLine,
        message: "no t= line (RFC 8866 §5)".to_owned(),
    };
    assert_eq!(whole.to_string(), "error: no t= line (RFC 8866 §5)");
    assert!(whole.is_error());
    assert!(Warning < Error);
}

// ------------------------------------------------------------ check_text

#[test]
fn text_level_problems() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1 \r\n\r\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\r\nm=audio 4000 RTP/AVP 0\t";
    let problems: Vec<Found> = check_text(text)
        .unwrap()
        .into_iter()
        .map(|p| (p.line, p.severity, p.message))
        .collect();
    assert_eq!(
        problems,
        [
            problem(
                2,
                Warning,
                "trailing whitespace after the value (RFC 8866 §5)"
            ),
            problem(3, Warning, "blank line; an SDP has none (RFC 8866 §5)"),
            problem(4, Warning, "lines 4-5 end in LF, not CRLF (RFC 8866 §5)"),
            problem(
                7,
                Warning,
                "trailing whitespace after the value (RFC 8866 §5)"
            ),
            problem(
                7,
                Warning,
                "the last line has no CRLF line ending (RFC 8866 §5)"
            ),
        ]
    );
}

#[test]
fn text_level_single_lf_line_and_model_problems_together() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\r\nc=IN IP4 192.0.2.1\r\n";
    let problems: Vec<Found> = check_text(text)
        .unwrap()
        .into_iter()
        .map(|p| (p.line, p.severity, p.message))
        .collect();
    assert_eq!(
        problems,
        [
            problem(0, Error, "no t= line (RFC 8866 §5)"),
            problem(2, Warning, "line 2 ends in LF, not CRLF (RFC 8866 §5)"),
        ]
    );
}

#[test]
fn canonical_text_has_no_text_problem() {
    let text = with_head(&["m=audio 4000 RTP/AVP 0"]);
    assert_eq!(check_text(&text), Ok(vec![]));
}

#[test]
fn check_text_reports_parse_errors() {
    assert_eq!(check_text(""), Err(SdpError::Empty));
    assert_eq!(
        check_text("v=0\r\nbad\r\n"),
        Err(SdpError::MalformedLine { line: 2 })
    );
}

// ------------------------------------------------------------ the corpus

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .unwrap()
}

fn corpus_problems(name: &str) -> Vec<Found> {
    found(&corpus_text(name))
}

#[test]
fn corpus_problem_lists_are_stable() {
    let expected: [(&str, Vec<Found>); 4] = [
        (
            "corpus/01_rfc4317_offer.sdp",
            vec![problem(
                3,
                Warning,
                "s= is empty; write s=- when there is no name (RFC 8866 §5.3)",
            )],
        ),
        (
            "corpus/18_missing_t.sdp",
            vec![problem(0, Error, "no t= line (RFC 8866 §5)")],
        ),
        (
            "corpus/21_session_level_ptime_rtpmap.sdp",
            vec![problem(
                6,
                Warning,
                "a=ptime is a media-level attribute (RFC 8866 §6.4)",
            )],
        ),
        (
            "corpus/24_sdes_savpf_asterisk_webrtc_upper_fp.sdp",
            vec![problem(
                11,
                Warning,
                "a=fingerprint hash name SHA-256 is upper-case; legal, but some stacks only match lower case (RFC 8122 §5)",
            )],
        ),
    ];
    for (name, problems) in &expected {
        assert_eq!(&corpus_problems(name), problems, "{name}");
    }
    // Every other file of the corpus and the bench is clean.
    let mut others = 0;
    for dir in ["corpus", "bench"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(dir);
        for entry in std::fs::read_dir(path).unwrap() {
            let name = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            if expected.iter().all(|(n, _)| *n != name) {
                assert_eq!(corpus_problems(&name), [], "{name}");
                others += 1;
            }
        }
    }
    assert_eq!(others, 21);
}

#[test]
fn chrome_firefox_and_asterisk_pjsip_have_no_errors() {
    for name in [
        "corpus/16_chrome_offer.sdp",
        "corpus/17_firefox_offer.sdp",
        "corpus/02_asterisk_pjsip.sdp",
    ] {
        let sdp = SessionDescription::parse(&corpus_text(name)).unwrap();
        let errors: Vec<Problem> = check(&sdp).into_iter().filter(Problem::is_error).collect();
        assert_eq!(errors, [], "{name}");
    }
}

#[test]
fn corpus_text_level_problems() {
    let cisco: Vec<Found> = check_text(&corpus_text("corpus/08_cisco_anat_ipv6.sdp"))
        .unwrap()
        .into_iter()
        .map(|p| (p.line, p.severity, p.message))
        .collect();
    assert_eq!(
        cisco,
        [
            problem(1, Warning, "lines 1-22 end in LF, not CRLF (RFC 8866 §5)"),
            problem(
                9,
                Warning,
                "trailing whitespace after the value (RFC 8866 §5)"
            ),
            problem(
                17,
                Warning,
                "trailing whitespace after the value (RFC 8866 §5)"
            ),
        ]
    );
    let ws = check_text(&corpus_text("corpus/19_trailing_ws.sdp")).unwrap();
    assert_eq!(ws.len(), 14);
    assert!(ws.iter().all(|p| p.severity == Warning));
    let trailing: Vec<usize> = ws
        .iter()
        .filter(|p| p.message == "trailing whitespace after the value (RFC 8866 §5)")
        .map(|p| p.line)
        .collect();
    assert_eq!(trailing, (1..=12).collect::<Vec<_>>());
    assert_eq!(
        ws[1].message,
        "lines 1-13 end in LF, not CRLF (RFC 8866 §5)"
    );
    assert_eq!(
        (ws[13].line, ws[13].message.as_str()),
        (13, "blank line; an SDP has none (RFC 8866 §5)")
    );
    // The CRLF bench files are clean as text too.
    assert_eq!(
        check_text(&corpus_text("bench/audio_offer_b.sdp")),
        Ok(vec![])
    );
}
