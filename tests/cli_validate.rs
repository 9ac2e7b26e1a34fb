//! `sdpoa validate OFFER ANSWER`: every violation of the answer, each with
//! its RFC section and the answer input's line — a 200 OK whose answer
//! breaks three rules (a static payload type remapped, RFC 3551 §6; an
//! extra m-line, RFC 3264 §6; a changed transport protocol, §6) to a
//! multipart INVITE — exit 5 (its extra format 18 is allowed, RFC 3264
//! §6.1: an answer may add formats); a correct
//! RFC 4317 answer prints what was agreed, exit 0.

mod cli_support;

use cli_support::*;

#[test]
fn a_wrong_answer_lists_every_violation() {
    let run = sdpoa(
        &[
            "validate",
            "tests/data/sip/invite_multipart.sip",
            "tests/data/sip/200_wrong_answer.sip",
        ],
        b"",
    );
    assert_eq!(run.code, 5);
    assert_eq!(
        run.stdout,
        "line 17: error: a=rtpmap:0 PCMA/8000 contradicts the static payload type 0 PCMU/8000 (RFC 3551 §6)\n\
         line 18: error: m-line 1: transport protocol differs from the offer (RFC 3264 §6)\n\
         line 20: error: answer has 3 m-lines, the offer 2 (RFC 3264 §6)\n"
    );
    assert_eq!(
        run.stderr,
        "tests/data/sip/200_wrong_answer.sip (200 OK): 3 violations against \
         tests/data/sip/invite_multipart.sip (INVITE)\n"
    );
}

#[test]
fn a_correct_answer_prints_what_was_agreed() {
    let offer = "tests/data/rfc4317/2.1_1_alice_offer.sdp";
    let answer = "tests/data/rfc4317/2.1_2_bob_answer.sdp";
    let run = sdpoa(&["validate", offer, answer], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "m=0  audio  accepted  PCMU/8000 pt 0   sendrecv  -> host.biloxi.example.com:49174\n\
         m=1  video  accepted  MPV/90000 pt 32  sendrecv  -> host.biloxi.example.com:49170\n"
    );
    assert_eq!(run.stderr, format!("{answer}: a valid answer to {offer}\n"));

    // The answer from stdin; a malformed one is exit 1.
    let run = sdpoa(&["validate", offer, "-"], read(answer).as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sdpoa(&["validate", offer, "-"], b"v=0\r\nnonsense\r\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: <stdin>: line 2: not a <type>=<value> line\n"
    );
}

#[test]
fn direction_and_crypto_faults_name_their_lines() {
    let offer = temp_file(
        "validate_offer.sdp",
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
         m=audio 4000 RTP/SAVP 0\r\na=sendonly\r\n\
         a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n\
         m=audio 4002 RTP/SAVP 0\r\n\
         a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n",
    );
    let answer = temp_file(
        "validate_answer.sdp",
        "v=0\r\no=- 2 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\n\
         m=audio 5000 RTP/SAVP 0\r\na=sendrecv\r\n\
         a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\n\
         m=audio 5002 RTP/SAVP 0\r\n\
         a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\n",
    );
    let run = sdpoa(&["validate", &offer, &answer], b"");
    assert_eq!(run.code, 5);
    assert_eq!(
        run.stdout,
        "line 7: error: m-line 0: answered sendrecv to an offered sendonly (RFC 3264 §6.1)\n\
         line 10: error: m-line 1: a=crypto does not match an offered tag and suite (RFC 4568 §7.1.2)\n"
    );
}
