//! `sdpoa` reads whole SIP messages as well as bare SDP: an INVITE with a
//! `multipart/mixed` body (SDP + an optional PIDF part) is answered from
//! its SDP part, from a file and from stdin; `check` names the message's
//! lines; a message without SDP, or with a broken one, is an exit-1 error
//! on the message's line.

mod cli_support;

use cli_support::*;

const INVITE: &str = "tests/data/sip/invite_multipart.sip";

/// The softphone's answer to RFC 4317 §2.1's offer (PCMU, PCMA, iLBC;
/// H261, MPV): PCMU and PCMA in the offer's order, the video rejected.
const ANSWER: &str = "v=0\r\n\
o=sdpoa 3900000000 1 IN IP4 192.0.2.10\r\n\
s=sdp-offer-answer\r\n\
c=IN IP4 192.0.2.10\r\n\
t=0 0\r\n\
m=audio 49170 RTP/AVP 0 8\r\n\
a=sendrecv\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=rtpmap:8 PCMA/8000\r\n\
a=ptime:20\r\n\
m=video 0 RTP/AVP 31\r\n";

const SUMMARY: &str = "m=0  audio  accepted  PCMU/8000 pt 0  sendrecv  -> host.atlanta.example.com:49170\n\
m=1  video  rejected  no common format (Warning 305)\n";

#[test]
fn a_multipart_invite_is_answered_from_its_sdp_part() {
    let run = sdpoa(&["answer", INVITE], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, ANSWER);
    assert_eq!(run.stderr, SUMMARY);

    let run = sdpoa(&["answer", "-"], read(INVITE).as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, ANSWER);
    assert_eq!(run.stderr, SUMMARY);

    // roundtrip prints the SDP part alone.
    let run = sdpoa(&["roundtrip", INVITE], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("v=0\r\no=alice 2890844526 "));
    assert!(run.stdout.ends_with("a=rtpmap:32 MPV/90000\r\n"));
}

#[test]
fn check_names_the_lines_of_the_message() {
    // The SDP part starts on line 15 of the message: its s= is line 17.
    let run = sdpoa(&["check", INVITE], b"");
    assert_eq!(run.code, 5);
    assert_eq!(
        run.stdout,
        "line 17: warning: s= is empty; write s=- when there is no name (RFC 8866 §5.3)\n"
    );
    assert_eq!(
        run.stderr,
        "tests/data/sip/invite_multipart.sip (INVITE): 1 problem (0 errors, 1 warning)\n"
    );
    let run = sdpoa(&["check", "tests/data/sip/200_wrong_answer.sip"], b"");
    assert_eq!(run.code, 5);
    assert_eq!(
        run.stdout,
        "line 17: error: a=rtpmap:0 PCMA/8000 contradicts the static payload type 0 PCMU/8000 (RFC 3551 §6)\n"
    );
}

#[test]
fn messages_without_usable_sdp_exit_1() {
    let run = sdpoa(
        &["answer", "-"],
        b"SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\n\r\n",
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: <stdin>: 180 Ringing: the message has no body\n"
    );

    let run = sdpoa(
        &["answer", "-"],
        b"ACK sip:bob@biloxi.example.com SIP/2.0\r\nContent-Type: application/sdp\r\n\r\n\
          v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 96\r\n\
          a=rtpmap:96 opus/abc\r\n",
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: <stdin>: line 9: invalid a=rtpmap: clock rate is not a number\n\
         SIP response: 488 Not Acceptable Here; Warning: 399\n"
    );

    let run = sdpoa(
        &["check", "-"],
        b"MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\nContent-Type: text/plain\r\n\r\nhello",
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: <stdin>: MESSAGE: no application/sdp in its text/plain body\n"
    );
}
