//! An `a=mid` identification tag is a token (RFC 5888 §4, RFC 8866 §9):
//! the answer echoes it (and names it in its BUNDLE group), so a tag with
//! spaces, tabs or control bytes would carry the offerer's text into our
//! SDP. It is refused as malformed with its line, never echoed (found by
//! the `answer` fuzz target: a mid of tabs, vertical tabs and the offer's
//! ICE password came back in our answer).

use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, NegotiationError, Negotiator,
};
use sdp_offer_answer::sdp::check::ProblemKind;
use sdp_offer_answer::sdp::{SdpError, SessionDescription, check};

const HDR: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

fn negotiator() -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(MediaCapability::audio(4000).codec(Codec::pcmu()))
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

fn offer(media: &str) -> SessionDescription {
    SessionDescription::parse(&format!("{HDR}{media}")).unwrap()
}

#[test]
fn a_mid_that_is_not_a_token_is_refused_with_its_line() {
    for mid in ["0 \x0bsecret", "a\tb", "x\"y", "a/b", "m;id", "a:b", "\x01"] {
        let o = offer(&format!("m=audio 4000 RTP/AVP 0\r\na=mid:{mid}\r\n"));
        let err = negotiator().receive_offer(o.clone()).unwrap_err();
        assert_eq!(
            err,
            NegotiationError::InvalidSdp(SdpError::InvalidValue {
                line: 7,
                field: "a=mid",
                reason: "identification tag is not a token (RFC 5888 §4, RFC 8866 §9)",
            }),
            "{mid:?}"
        );
        assert_eq!(
            err.sip_decline().unwrap().to_string(),
            "488 Not Acceptable Here; Warning: 399"
        );
        let report = check::check(&o);
        assert!(
            report.iter().any(|p| p.is_error()
                && p.line == 7
                && p.kind == ProblemKind::InvalidMid
                && p.message.contains("not a token")),
            "{mid:?}: {report:?}"
        );
    }
}

#[test]
fn token_mids_are_echoed() {
    for mid in ["0", "audio", "a-b.c_d~!#$%&'*+^`|", "{x}"] {
        let o = offer(&format!(
            "a=group:BUNDLE {mid}\r\nm=audio 4000 RTP/AVP 0\r\na=mid:{mid}\r\n"
        ));
        let answer = negotiator().receive_offer(o).unwrap().to_string();
        assert!(answer.contains(&format!("a=mid:{mid}\r\n")), "{answer}");
    }
}

#[test]
fn a_group_id_that_is_not_a_token_is_refused() {
    let o = offer("a=group:BUNDLE 0 a\x0bb\r\nm=audio 4000 RTP/AVP 0\r\na=mid:0\r\n");
    let err = negotiator().receive_offer(o).unwrap_err();
    assert!(
        matches!(
            &err,
            NegotiationError::InvalidSdp(SdpError::InvalidValue {
                line: 6,
                field: "a=group",
                ..
            })
        ),
        "{err:?}"
    );
}
