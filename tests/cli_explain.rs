//! `sdpoa explain OFFER`: per offered m-line, each format, `a=crypto` line
//! and ICE/DTLS attribute, `taken` into the answer or `dropped`, and why —
//! an Asterisk SDES offer against the softphone and against quick flags,
//! a multipart INVITE (lines of the message) with a rejected video, and
//! Chrome's ICE/DTLS attributes.

mod cli_support;

use cli_support::*;

const ASTERISK: &str = "tests/data/corpus/03_asterisk_chansip_srtp.sdp";

#[test]
fn an_sdes_offer_explained() {
    let run = sdpoa(&["explain", ASTERISK], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "m=0 audio (line 6): accepted\n\
        \x20 line 7    format 0 PCMU/8000                  taken    the codec to send: first common format\n\
        \x20 line 8    format 8 PCMA/8000                  taken    we take PCMA/8000 too\n\
        \x20 line 9    format 3 GSM/8000                   dropped  not in our audio capabilities\n\
        \x20 line 10   format 101 telephone-event/8000     taken    DTMF (RFC 4733) at a chosen codec's clock rate\n\
        \x20 line 15   a=crypto 1 AES_CM_128_HMAC_SHA1_80  taken    suite AES_CM_128_HMAC_SHA1_80 is ours: answered with tag 1 and our own key\n\
        \x20 line 16   a=crypto 2 AES_CM_128_HMAC_SHA1_32  dropped  another crypto line was taken (the answer carries one)\n"
    );
    assert_eq!(run.stderr, "");

    let run = sdpoa(&["explain", "--codec", "PCMA", ASTERISK], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "m=0 audio (line 6): rejected, SRTP keying not supported (Warning 302)\n\
        \x20 line 7    format 0 PCMU/8000                  dropped  SRTP keying not supported (Warning 302)\n\
        \x20 line 8    format 8 PCMA/8000                  dropped  SRTP keying not supported (Warning 302)\n\
        \x20 line 9    format 3 GSM/8000                   dropped  SRTP keying not supported (Warning 302)\n\
        \x20 line 10   format 101 telephone-event/8000     dropped  SRTP keying not supported (Warning 302)\n\
        \x20 line 15   a=crypto 1 AES_CM_128_HMAC_SHA1_80  dropped  SRTP keying not supported (Warning 302)\n\
        \x20 line 16   a=crypto 2 AES_CM_128_HMAC_SHA1_32  dropped  SRTP keying not supported (Warning 302)\n"
    );
}

#[test]
fn a_sip_message_explained_on_its_own_lines() {
    let run = sdpoa(
        &[
            "explain",
            "--codec",
            "PCMU",
            "tests/data/sip/invite_multipart.sip",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "m=0 audio (line 20): accepted\n\
        \x20 line 21   format 0 PCMU/8000   taken    the codec to send: first common format\n\
        \x20 line 22   format 8 PCMA/8000   dropped  not in our audio capabilities\n\
        \x20 line 23   format 97 iLBC/8000  dropped  not in our audio capabilities\n\
         m=1 video (line 24): rejected, media type not supported (Warning 304)\n\
        \x20 line 25   format 31 H261/90000  dropped  media type not supported (Warning 304)\n\
        \x20 line 26   format 32 MPV/90000   dropped  media type not supported (Warning 304)\n"
    );
}

#[test]
fn ice_and_dtls_attributes_explained() {
    let chrome = "tests/data/corpus/16_chrome_offer.sdp";
    let run = sdpoa(&["explain", chrome], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let audio: Vec<&str> = run
        .stdout
        .lines()
        .take_while(|l| !l.starts_with("m=1"))
        .collect();
    let ice = "taken    we do ICE (RFC 8839): answered with our credentials and candidates";
    let dtls = "taken    DTLS-SRTP (RFC 5763): answered with our fingerprint and a=setup";
    assert_eq!(
        audio[9..],
        [
            format!("  line 11   a=candidate 2999745851 1 udp 2122260...    {ice}"),
            format!("  line 12   a=candidate 1233270739 1 udp 1686052...    {ice}"),
            format!("  line 13   a=candidate 4233069003 1 tcp 1518280...    {ice}"),
            format!("  line 14   a=ice-ufrag Cs6Z                           {ice}"),
            format!("  line 15   a=ice-pwd (not shown)                      {ice}"),
            format!("  line 16   a=ice-options trickle                      {ice}"),
            format!("  line 17   a=fingerprint sha-256 7B:8B:F0:65:5F:7...  {dtls}"),
            format!("  line 18   a=setup actpass                            {dtls}"),
        ]
    );
    // Quick flags: no ICE, no DTLS.
    let run = sdpoa(&["explain", "--codec", "opus", chrome], b"");
    assert_eq!(
        run.stdout.lines().next(),
        Some("m=0 audio (line 8): rejected, SRTP keying not supported (Warning 302)")
    );
    let run = sdpoa(&["explain", "--codec", "opus", "--dtls", chrome], b"");
    let audio: Vec<&str> = run
        .stdout
        .lines()
        .take_while(|l| !l.starts_with("m=1"))
        .collect();
    assert_eq!(
        audio[9],
        "  line 11   a=candidate 2999745851 1 udp 2122260...    dropped  no ICE in our capabilities"
    );
    assert_eq!(
        audio[16],
        "  line 18   a=setup actpass                            taken    DTLS-SRTP (RFC 5763): answered with our fingerprint and a=setup"
    );
}
