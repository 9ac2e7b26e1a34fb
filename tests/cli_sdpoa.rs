//! End-to-end tests of the `sdpoa` example on bare SDP: `answer` with the
//! softphone profile and a capability SDP, `roundtrip`, `check`, exit codes,
//! stdout and stderr.

mod cli_support;

use cli_support::*;

/// The answer of `audio_local_a.sdp` (a PJSIP-style capability SDP: PCMA,
/// PCMU, telephone-event/8000 at PT 120, a=rtcp) to `audio_offer_a.sdp`
/// (PCMU, PCMA, telephone-event/8000 at PT 101, ptime 20). RFC 3264 §6.1:
/// formats in the offer's order, the offerer's PT 101 kept for
/// telephone-event (our preferred 120 is not used), rtpmaps for all
/// formats, the common event range 0-16; our address, port, a=rtcp and
/// session name; no ptime since the capabilities give none.
const ANSWER_A: &str = "v=0\r\n\
o=- 3900000000 1 IN IP4 198.51.100.5\r\n\
s=pjmedia\r\n\
c=IN IP4 198.51.100.5\r\n\
t=0 0\r\n\
m=audio 4000 RTP/AVP 0 8 101\r\n\
a=rtcp:4001 IN IP4 198.51.100.5\r\n\
a=sendrecv\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=rtpmap:8 PCMA/8000\r\n\
a=rtpmap:101 telephone-event/8000\r\n\
a=fmtp:101 0-16\r\n";

const SUMMARY_A: &str = "m=0  audio  accepted  PCMU/8000 pt 0  telephone-event/8000 pt 101  \
sendrecv  ptime 20  -> 192.0.2.10:20000\n";

/// A valid SDP but for line 7, whose rtpmap clock rate is not a number.
const BAD_RTPMAP: &str = "v=0\r\n\
o=- 1 1 IN IP4 192.0.2.1\r\n\
s=-\r\n\
c=IN IP4 192.0.2.1\r\n\
t=0 0\r\n\
m=audio 4000 RTP/AVP 0 96\r\n\
a=rtpmap:96 opus/abc\r\n";

#[test]
fn answers_the_bundled_offer_with_the_softphone_profile() {
    let run = sdpoa(&["answer"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("v=0\r\no=sdpoa 3900000000 1 IN IP4 192.0.2.10\r\n")
    );
    assert!(
        run.stdout
            .contains("\r\nm=audio 49170 RTP/SAVP 9 0 8 101\r\n")
    );
    assert!(run.stdout.ends_with("\r\nm=video 0 RTP/SAVP 122\r\n"));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "one summary line per m-line: {}",
        run.stderr
    );
    assert!(lines[0].starts_with(
        "m=0  audio  accepted  G722/8000 pt 9  telephone-event/8000 pt 101  sendrecv  \
         ptime 20 (max 200)  -> 192.168.56.1:27100  rtcp-mux"
    ));
    assert!(
        lines[0].contains("  sdes AES_CM_128_HMAC_SHA1_80 tag 2  ice ufrag lMRF, 4 candidates")
    );
    assert_eq!(
        lines[1],
        "m=1  video  rejected  no common format (Warning 305)"
    );
}

#[test]
fn answers_corpus_offers() {
    // (file, m-lines, a fact the summary must show per m-line)
    let cases: [(&str, &[&str]); 4] = [
        (
            "tests/data/corpus/01_rfc4317_offer.sdp",
            &[
                "m=0  audio  accepted  PCMU/8000 pt 0  sendrecv  -> host.atlanta.example.com:49170",
                "m=1  video  rejected  no common format (Warning 305)",
            ],
        ),
        (
            "tests/data/corpus/04_freeswitch_opus.sdp",
            // telephone-event/8000 next to opus/48000: answered rather than losing DTMF.
            &[
                "m=0  audio  accepted  opus/48000/2 pt 99  telephone-event/8000 pt 101  recvonly  ptime 20  -> 10.0.2.15:24196",
            ],
        ),
        (
            "tests/data/corpus/08_cisco_anat_ipv6.sdp",
            &[
                "m=0  audio  accepted  PCMU/8000 pt 0  telephone-event/8000 pt 101  sendrecv  \
                 ptime 20  -> [2208:1:1:1:1:1:1:1115]:17836",
                "m=1  audio  rejected  another ANAT alternative was chosen",
            ],
        ),
        (
            "tests/data/corpus/16_chrome_offer.sdp",
            &[
                "m=0  audio        accepted  opus/48000/2 pt 111  telephone-event/48000 pt 110  \
                 sendrecv  -> 192.168.1.35:54609  rtcp-mux  bundle  \
                 dtls-srtp setup:active (client) sha-256  ice ufrag Cs6Z, 3 candidates",
                // Bundled: the BUNDLE tag's transport, not the m-line's 0.0.0.0:9.
                "m=1  video        accepted  VP8/90000 pt 96",
                "m=2  application  rejected  media type not supported (Warning 304)",
            ],
        ),
    ];
    for (file, expected) in cases {
        let run = sdpoa(&["answer", file], b"");
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        let offer_m = read(file).lines().filter(|l| l.starts_with("m=")).count();
        let answer_m = run
            .stdout
            .split("\r\n")
            .filter(|l| l.starts_with("m="))
            .count();
        assert_eq!(answer_m, offer_m, "{file}: same m-line count (RFC 3264 §6)");
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), offer_m, "{file}: {}", run.stderr);
        for (line, want) in lines.iter().zip(expected) {
            assert!(line.starts_with(want), "{file}:\n got {line}\nwant {want}");
        }
    }
    let chrome = sdpoa(&["answer", "tests/data/corpus/16_chrome_offer.sdp"], b"");
    assert!(
        chrome
            .stderr
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("-> 192.168.1.35:54609  rtcp-mux  bundle"))
    );
}

#[test]
fn answers_with_a_capability_sdp_from_a_file_and_from_stdin() {
    let local = "tests/data/bench/audio_local_a.sdp";
    let offer = "tests/data/bench/audio_offer_a.sdp";
    let run = sdpoa(&["answer", "--local", local, offer], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, ANSWER_A);
    assert_eq!(run.stderr, SUMMARY_A);

    let run = sdpoa(&["answer", "--local", local, "-"], read(offer).as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, ANSWER_A);
    assert_eq!(run.stderr, SUMMARY_A);
}

#[test]
fn an_offer_that_cannot_be_accepted_exits_3_with_the_sip_response() {
    let run = sdpoa(&["answer", "tests/data/corpus/10_t38_no_media_c.sdp"], b"");
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "not acceptable: UnsupportedMedia (media type not supported; m-line 1: media type not supported)\n\
         SIP response: 488 Not Acceptable Here; Warning: 304\n"
    );
}

#[test]
fn malformed_input_exits_1_with_the_line_number() {
    let bad = temp_file("sdpoa_bad_rtpmap.sdp", BAD_RTPMAP);
    let run = sdpoa(&["answer", &bad], b"");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: {bad}: line 7: invalid a=rtpmap: clock rate is not a number\n\
             SIP response: 488 Not Acceptable Here; Warning: 399\n"
        )
    );

    let run = sdpoa(&["answer", "-"], b"v=0\r\nnot sdp\r\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: <stdin>: line 2: not a <type>=<value> line\n\
         SIP response: 488 Not Acceptable Here; Warning: 399\n"
    );

    let run = sdpoa(&["answer", "--local", "tests/data/no-such-caps.sdp"], b"");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error: cannot read tests/data/no-such-caps.sdp: ")
    );
}

#[test]
fn roundtrip_prints_the_crlf_serialization_exactly() {
    // LF-only input comes back with CRLF and nothing added.
    let file = "tests/data/corpus/02_asterisk_pjsip.sdp";
    let text = read(file);
    assert!(!text.contains('\r'));
    let run = sdpoa(&["roundtrip", file], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text.replace('\n', "\r\n"));
    assert_eq!(run.stderr, "");

    // CRLF input comes back byte for byte, from stdin too.
    let crlf = read("tests/data/bench/audio_offer_a.sdp");
    let run = sdpoa(&["roundtrip", "-"], crlf.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, crlf);
}

#[test]
fn check_lists_problems_and_sets_the_exit_code() {
    let run = sdpoa(&["check", "tests/data/bench/audio_offer_a.sdp"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "tests/data/bench/audio_offer_a.sdp: no problems\n"
    );

    let bad = temp_file("sdpoa_check_bad_rtpmap.sdp", BAD_RTPMAP);
    let run = sdpoa(&["check", &bad], b"");
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("line 7: error: invalid a=rtpmap: clock rate is not a number")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().all(|l| l.starts_with("line ")));
    assert!(
        run.stderr.ends_with(" errors, 0 warnings)\n"),
        "{}",
        run.stderr
    );

    // Text that does not parse at all.
    let run = sdpoa(&["check", "-"], b"hello\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: <stdin>: line 1: not a <type>=<value> line\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(sdpoa(&[], b"").code, 2);
    assert_eq!(sdpoa(&["answer", "a.sdp", "b.sdp"], b"").code, 2);
    assert_eq!(sdpoa(&["check"], b"").code, 2);
}
