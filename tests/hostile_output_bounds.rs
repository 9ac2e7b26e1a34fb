//! Our answers never exceed what our own parser accepts with its default
//! limits (64 KiB, 256 m-lines): an offer whose answer would be larger is
//! declined (488 + Warning 399), never answered with an SDP a peer running
//! this crate would refuse.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{LocalCapabilities, NegotiationError, Negotiator};
use sdp_offer_answer::sdp::{ParseLimits, SdpError, SessionDescription};

const HDR: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

/// `mlines` audio m-lines, each listing `pts` payload types that all map
/// to opus, which the demo profile answers with fmtp and ptime lines.
fn amplifying_offer(mlines: usize, pts: u8) -> String {
    let mut text = String::from(HDR);
    for m in 0..mlines {
        let formats: Vec<String> = (0..pts).map(|p| p.to_string()).collect();
        text.push_str(&format!(
            "m=audio {} RTP/AVP {}\r\n",
            40000 + 2 * m,
            formats.join(" ")
        ));
        for p in 0..pts {
            text.push_str(&format!("a=rtpmap:{p} opus/48000/2\r\n"));
        }
    }
    text
}

#[test]
fn an_answer_larger_than_our_cap_is_a_decline() {
    let text = amplifying_offer(22, 100);
    assert!(text.len() < 64 * 1024, "{}", text.len());
    let offer = SessionDescription::parse(&text).unwrap();
    let mut n = Negotiator::new(LocalCapabilities::demo_softphone(), 1);
    // A 63,929-byte offer whose answer would be 121,458 bytes (the issue's
    // reproduction, 63,907 bytes, had a shorter session header).
    assert_eq!(text.len(), 63_929);
    let err = n.receive_offer(offer).unwrap_err();
    assert_eq!(
        err,
        NegotiationError::Unwritable(SdpError::TooLarge {
            size: 121_458,
            limit: 65_536
        })
    );
    assert_eq!(err.decline_term(), Some("InvalidMediaOffer"));
    assert_eq!(
        err.sip_decline().unwrap().to_string(),
        "488 Not Acceptable Here; Warning: 399"
    );
    // Nothing is pending: the negotiator can take the next offer.
    assert_eq!(
        n.state(),
        sdp_offer_answer::negotiation::NegotiationState::Stable
    );
}

/// Whatever the shape, a produced answer re-parses with default limits.
#[test]
fn every_answer_fits_our_own_limits() {
    for (count, pts) in [(1, 100), (8, 100), (22, 100), (40, 50), (200, 4), (256, 1)] {
        let text = amplifying_offer(count, pts);
        let Ok(offer) = SessionDescription::parse(&text) else {
            continue;
        };
        let mut n = Negotiator::new(LocalCapabilities::demo_softphone(), 1);
        if let Ok(answer) = n.receive_offer(offer) {
            let out = answer.serialize();
            SessionDescription::parse_with(&out, &ParseLimits::DEFAULT)
                .unwrap_or_else(|e| panic!("{count}x{pts}: {e}"));
            assert_eq!(mlines(answer).len(), count);
        }
    }
}
