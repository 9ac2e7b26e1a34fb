//! Properties of every answer we write, for any offer (generated valid
//! offers, and the same offers with hostile lines and bytes spliced in):
//!
//! * no line holds CR, LF or NUL (RFC 8866 §9), so the answer has the same
//!   lines whether a reader splits it on CRLF, on LF or on CR;
//! * it parses with our own default limits (else the offer is declined,
//!   never answered with something we would refuse);
//! * it carries none of the offer's key material or credentials (crypto
//!   keys, FEC keys, ICE passwords, fingerprints).

mod prop_support;

use prop_support::caps::caps;
use prop_support::offer::offer;
use proptest::prelude::*;
use sdp_offer_answer::negotiation::{LocalCapabilities, Negotiator};
use sdp_offer_answer::sdp::{ParseLimits, SessionDescription};

/// Lines a hostile offerer adds, each carrying text or secrets that must
/// not come back.
const HOSTILE_LINES: &[&str] = &[
    "a=mid:m0\rc=IN IP4 203.0.113.66",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz FEC_KEY=inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj",
    "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR KDR=anything;WSH=0",
    "a=crypto:3 aes_cm_128_hmac_sha1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj UNENCRYPTED_SRTP<script>",
    "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:a2V5",
    "a=fmtp:101 0-15,THEIR-TE-TEXT",
    "a=fmtp:97 apt=0;rtx-time=THEIR-RTX-TEXT",
    "a=extmap:99999/whatever urn:ietf:params:rtp-hdrext:sdes:mid",
    "a=group:BUNDLE m0 m0",
    "a=group:ANAT m0 nosuchmid",
    "a=rtcp-fb:* nack THEIR-FB-TEXT",
    "a=ice-pwd:their0secret0ice0password0",
    "a=fingerprint:sha-256 F1:E2:D3:C4:B5:A6:97:88:F1:E2:D3:C4:B5:A6:97:88:F1:E2:D3:C4:B5:A6:97:88:F1:E2:D3:C4:B5:A6:97:88",
    "a=x-nul:\0",
    "a=rtpmap:101 telephone-event/8000",
    "a=rtpmap:97 rtx/8000",
];

/// Texts of the offer that must never appear in an answer.
const SECRETS: &[&str] = &[
    "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
    "d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj",
    "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
    "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj",
    "their0secret0ice0password0",
    "offerer0ice0password0000",
    "F1:E2:D3:C4:B5:A6:97:88",
    "12:34:56:78:9A:BC:DE:F0",
    "THEIR-",
    "FEC_KEY",
    "203.0.113.66",
];

/// `text` with `picks` hostile lines inserted after line `at % lines`.
fn splice(text: &str, picks: &[(usize, usize)]) -> String {
    let mut lines: Vec<String> = text
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    for &(at, which) in picks {
        let at = 1 + at % lines.len();
        lines.insert(at, HOSTILE_LINES[which % HOSTILE_LINES.len()].to_owned());
    }
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

/// Checks the output properties of one answer to `offer_text`.
fn check_answer(offer_text: &str, caps: LocalCapabilities) -> Result<(), TestCaseError> {
    let Ok(offer) = SessionDescription::parse(offer_text) else {
        return Ok(());
    };
    let mut n = Negotiator::new(caps, 9);
    let Ok(answer) = n.receive_offer(offer) else {
        return Ok(());
    };
    let text = answer.serialize();
    let lines = answer.line_count();
    prop_assert!(!text.contains('\0'));
    prop_assert_eq!(text.split("\r\n").count(), lines + 1);
    prop_assert_eq!(text.split('\n').count(), lines + 1);
    prop_assert_eq!(text.split('\r').count(), lines + 1);
    let reparsed = SessionDescription::parse_with(&text, &ParseLimits::DEFAULT);
    prop_assert!(reparsed.is_ok(), "{:?}", reparsed.err());
    prop_assert_eq!(reparsed.unwrap().line_count(), lines);
    for s in SECRETS {
        prop_assert!(!text.contains(s), "{} in the answer:\n{}", s, text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn answers_to_generated_offers(spec in offer(), caps_spec in caps()) {
        check_answer(&spec.to_sdp(), caps_spec.build())?;
        check_answer(&spec.to_sdp(), LocalCapabilities::demo_softphone())?;
    }

    #[test]
    fn answers_to_offers_with_hostile_lines(
        spec in offer(),
        caps_spec in caps(),
        picks in prop::collection::vec((any::<usize>(), any::<usize>()), 1..12),
    ) {
        let text = splice(&spec.to_sdp(), &picks);
        check_answer(&text, caps_spec.build())?;
        check_answer(&text, LocalCapabilities::demo_softphone())?;
    }
}
