//! A bare CR (or a NUL) inside a line is malformed input (RFC 8866 §9:
//! `text` excludes NUL, CR and LF), refused with its line number, never
//! content: kept as content, a reader that ends lines on CR would see a
//! new line in our answer (`a=mid:0\rc=IN IP4 203.0.113.66` redirects media).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallState, Method};
use sdp_offer_answer::negotiation::NegotiationError;
use sdp_offer_answer::sdp::{SdpBuilder, SdpError, SessionDescription, check};

const HDR: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

/// Every place where offered text used to be copied into our answer, with
/// a CR that would have started a new `c=` line there.
const SHAPES: [&str; 6] = [
    "m=audio 4000 RTP/AVP 0\r\na=mid:0\rc=IN IP4 203.0.113.66\r\n",
    "m=audio 4000 RTP/AVP 0\r\nm=x-media\rc=IN IP4 203.0.113.66 0 RTP/AVP 0\r\n",
    "m=audio 4000 RTP/AVP 0\r\nm=video 4002 X/P\rc=IN IP4 203.0.113.66 31\r\n",
    "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\rc=IN IP4 203.0.113.66\r\n",
    "m=audio 4000 RTP/AVP 0 97\r\na=rtpmap:97 rtx/8000\r\na=fmtp:97 apt=0\rc=IN IP4 203.0.113.66\r\n",
    "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz KDR=1\rc=IN IP4 203.0.113.66\r\n",
];

#[test]
fn a_bare_cr_is_refused_with_its_line() {
    for media in SHAPES {
        let text = format!("{HDR}{media}");
        let line = 1 + text[..text.find("\rc=").unwrap()].matches('\n').count();
        let expected = SdpError::ForbiddenByte { line, byte: b'\r' };
        assert_eq!(
            SessionDescription::parse(&text).err(),
            Some(expected.clone()),
            "{media:?}"
        );
        assert_eq!(check::check_text(&text).err(), Some(expected.clone()));
        assert_eq!(
            expected.to_string(),
            format!("line {line}: holds a bare CR byte inside its value (RFC 8866 §9)")
        );
    }
}

/// Through the negotiator the offer is declined as malformed: 488 with
/// Warning 399, nothing answered.
#[test]
fn the_offer_is_declined_488_399() {
    let err = NegotiationError::InvalidSdp(
        SessionDescription::parse(&format!("{HDR}{}", SHAPES[0])).unwrap_err(),
    );
    assert_eq!(err.decline_term(), Some("InvalidMediaOffer"));
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 399"
    );
}

/// Through a Call: the INVITE is declined, and no byte of the offer's
/// injected line comes back in the response.
#[test]
fn a_call_declines_the_invite_and_echoes_nothing() {
    for media in SHAPES {
        let offer = format!("{HDR}{media}");
        let mut bob = call(bob_provider(), 8, "b1");
        bob.handle_request(
            request_with_sdp(Method::Invite, offer.as_bytes()),
            std::time::Instant::now(),
        )
        .unwrap();
        assert_eq!(bob.state(), CallState::Terminated);
        let response = only_response(drain(&mut bob));
        let w = response.headers.warning.clone().expect("a Warning");
        assert_eq!((response.status, w.code), (488, 399), "{media:?}");
        assert!(
            w.text
                .ends_with("holds a bare CR byte inside its value (RFC 8866 §9)"),
            "{}",
            w.text
        );
        assert!(response.body.is_empty());
    }
}

#[test]
fn a_nul_is_refused_and_line_end_crs_are_not() {
    let nul = format!("{HDR}m=audio 4000 RTP/AVP 0\r\na=x:\0y\r\n");
    assert_eq!(
        SessionDescription::parse(&nul).err(),
        Some(SdpError::ForbiddenByte { line: 7, byte: 0 })
    );
    // CRs that end a line (CRLF, or CR CR LF, trailing) are line endings.
    let crs = format!("{HDR}m=audio 4000 RTP/AVP 0\r\r\na=x:y \r\n");
    let sdp = SessionDescription::parse(&crs).unwrap();
    assert_eq!(
        sdp.serialize(),
        format!("{HDR}m=audio 4000 RTP/AVP 0\r\na=x:y\r\n")
    );
}

#[test]
fn the_builder_refuses_cr_lf_nul() {
    for bad in ["a\rb", "a\nb", "a\0b"] {
        assert_eq!(
            SdpBuilder::new().push_line(b'a', bad).err(),
            Some(SdpError::MalformedLine { line: 1 })
        );
    }
}
