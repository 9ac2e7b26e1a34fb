//! H.265 (RFC 7798 §7.2.2): profile and tier must match; the answer's
//! `level-id` is the lower.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

#[test]
fn profile_tier_match_level_lower() {
    let caps = || {
        vec![
            MediaCapability::video(4002).codec(
                Codec::new("H265", 90000)
                    .payload_type(98)
                    .fmtp("profile-id=1;level-id=120"),
            ),
        ]
    };
    let mut n = bob(caps());
    let a = n
        .receive_offer(offer(&[
            "m=video 20002 RTP/AVP 100",
            "a=rtpmap:100 H265/90000",
            "a=fmtp:100 level-id=93",
        ]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "fmtp"), ["100 profile-id=1;level-id=93"]);
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=video 20002 RTP/AVP 100",
            "a=rtpmap:100 H265/90000",
            "a=fmtp:100 profile-id=2"
        ]))
        .is_err()
    );
}
