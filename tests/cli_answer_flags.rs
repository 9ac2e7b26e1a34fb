//! `sdpoa answer`'s quick capability flags describe a plain SIP phone
//! (IPv4 192.0.2.10, audio 49170, video 49174, ptime 20) instead of the
//! softphone profile: `--codec` picks and orders the codecs, `--ipv6` takes
//! IPv6 streams (Warning 301 without it), `--srtp` sets the SDES policy
//! (Warning 302 on a mismatch; keys from the OS random source, so they are
//! masked here), `--dtls` takes DTLS-SRTP; they cannot be mixed with
//! `--local`.

mod cli_support;

use cli_support::*;

const OFFER_A: &str = "tests/data/bench/audio_offer_a.sdp";
const HEAD: &str =
    "v=0\r\no=sdpoa 3900000000 1 IN IP4 192.0.2.10\r\ns=sdpoa\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n";
const IPV6_OFFER: &[u8] = b"v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
const SRTP_OFFER: &[u8] = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n";

#[test]
fn codec_flags_choose_the_codecs() {
    let run = sdpoa(
        &[
            "answer",
            "--codec",
            "PCMA",
            "--codec",
            "telephone-event",
            OFFER_A,
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{HEAD}m=audio 49170 RTP/AVP 8 101\r\na=sendrecv\r\na=rtpmap:8 PCMA/8000\r\n\
             a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\n"
        )
    );
    assert_eq!(
        run.stderr,
        "m=0  audio  accepted  PCMA/8000 pt 8  telephone-event/8000 pt 101  sendrecv  ptime 20  -> 192.0.2.10:20000\n"
    );
    let run = sdpoa(&["answer", "--codec", "foo", OFFER_A], b"");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: --codec foo: give NAME/RATE for a codec sdpoa does not know\n"
    );
}

#[test]
fn ipv6_flag_takes_ipv6_streams() {
    let run = sdpoa(&["answer", "--codec", "PCMU", "-"], IPV6_OFFER);
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr,
        "not acceptable: IPv6NotSupported (IPv6 not supported; m-line 0: IPv6 not supported)\n\
         SIP response: 488 Not Acceptable Here; Warning: 301\n"
    );
    let run = sdpoa(&["answer", "--codec", "PCMU", "--ipv6", "-"], IPV6_OFFER);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "v=0\r\no=sdpoa 3900000000 1 IN IP6 2001:db8::10\r\ns=sdpoa\r\nc=IN IP6 2001:db8::10\r\nt=0 0\r\n\
         m=audio 49170 RTP/AVP 0\r\na=sendrecv\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
    );
    assert_eq!(
        run.stderr,
        "m=0  audio  accepted  PCMU/8000 pt 0  sendrecv  -> [2001:db8::1]:4000\n"
    );
}

#[test]
fn srtp_flag_sets_the_sdes_policy() {
    // Off (the default with quick flags): an RTP/SAVP offer is refused.
    let run = sdpoa(&["answer", "--codec", "PCMU", "-"], SRTP_OFFER);
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr,
        "not acceptable: EncryptionMismatch (SRTP keying not supported; m-line 0: SRTP keying not supported)\n\
         SIP response: 488 Not Acceptable Here; Warning: 302\n"
    );
    // Required: answered with the offered tag and suite and a fresh key.
    let run = sdpoa(
        &["answer", "--codec", "PCMU", "--srtp", "required", "-"],
        SRTP_OFFER,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let key_at = run.stdout.find("inline:").expect("a crypto line") + "inline:".len();
    let key: String = run.stdout[key_at..]
        .chars()
        .take_while(|&c| c != '\r')
        .collect();
    assert_eq!(key.len(), 40, "base64 of 30 bytes: {key}");
    assert_eq!(
        run.stdout.replace(&key, "KEY"),
        format!(
            "{HEAD}m=audio 49170 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:KEY\r\n\
             a=sendrecv\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
        )
    );
    assert_eq!(
        run.stderr,
        "m=0  audio  accepted  PCMU/8000 pt 0  sendrecv  -> 192.0.2.1:4000  sdes AES_CM_128_HMAC_SHA1_32 tag 1\n"
    );
    let again = sdpoa(
        &["answer", "--codec", "PCMU", "--srtp", "required", "-"],
        SRTP_OFFER,
    );
    assert!(!again.stdout.contains(&key), "a fresh key per run");
    // Required against a plain RTP offer.
    let run = sdpoa(&["answer", "--srtp", "required", OFFER_A], b"");
    assert_eq!(run.code, 3);
    assert_eq!(
        run.stderr,
        "not acceptable: EncryptionMismatch (SRTP required, plain RTP offered; m-line 0: SRTP required, plain RTP offered)\n\
         SIP response: 488 Not Acceptable Here; Warning: 302\n"
    );
}

#[test]
fn dtls_flag_takes_dtls_srtp() {
    let run = sdpoa(
        &[
            "answer",
            "--dtls",
            "--codec",
            "opus",
            "--codec",
            "VP8",
            "tests/data/corpus/16_chrome_offer.sdp",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("\r\nm=audio 49170 UDP/TLS/RTP/SAVPF 111\r\n")
    );
    assert!(run.stdout.contains("\r\na=setup:active\r\n"));
    assert_eq!(
        run.stderr,
        "m=0  audio        accepted  opus/48000/2 pt 111  sendrecv  -> 192.168.1.35:54609  dtls-srtp setup:active (client) sha-256\n\
         m=1  video        accepted  VP8/90000 pt 96      sendrecv  -> 0.0.0.0:9           dtls-srtp setup:active (client) sha-256\n\
         m=2  application  rejected  media type not supported (Warning 304)\n"
    );
}

#[test]
fn quick_flags_and_local_do_not_mix() {
    let run = sdpoa(&["answer", "--local", "caps.sdp", "--codec", "PCMU"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with(
        "error: the argument '--local <CAPS.sdp>' cannot be used with '--codec <NAME[/RATE]>'\n"
    ));
}
