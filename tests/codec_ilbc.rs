//! iLBC (RFC 3952 §5): 20 or 30 ms frames; when the sides differ both use
//! 30. An offered `mode=30` against our `mode=20` is answered `mode=30`,
//! and the negotiated codec says 30.

mod common;

use common::*;
use sdp_offer_answer::negotiation::MediaCapability;

#[test]
fn offered_mode_30_is_answered_30_and_reported() {
    let mut n = bob(vec![
        MediaCapability::audio(4000).codec(ilbc().payload_type(97).fmtp("mode=20")),
    ]);
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 98",
            "a=rtpmap:98 iLBC/8000",
            "a=fmtp:98 mode=30",
        ]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "fmtp"), ["98 mode=30"]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(s.streams[0].codec().unwrap().ilbc_mode(), Some(30));
}

#[test]
fn both_20_stay_20() {
    let mut n = bob(vec![
        MediaCapability::audio(4000).codec(ilbc().payload_type(97).fmtp("mode=20")),
    ]);
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 98",
            "a=rtpmap:98 iLBC/8000",
            "a=fmtp:98 mode=20",
        ]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "fmtp"), ["98 mode=20"]);
    assert_eq!(
        n.confirm_answer().unwrap().streams[0]
            .codec()
            .unwrap()
            .ilbc_mode(),
        Some(20)
    );
}
