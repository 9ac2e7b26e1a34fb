//! VP9 `profile-id` and AV1 `profile` must match (RFC 9628 §6; AV1 RTP
//! payload §7.2); AV1's answered `level-idx` does not exceed the offer's.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

#[test]
fn vp9_profile_id_must_match() {
    let caps =
        || vec![MediaCapability::video(4002).codec(Codec::new("VP9", 90000).payload_type(98))];
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=video 20002 RTP/AVP 100",
            "a=rtpmap:100 VP9/90000",
            "a=fmtp:100 profile-id=0"
        ]))
        .is_ok()
    );
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=video 20002 RTP/AVP 100",
            "a=rtpmap:100 VP9/90000",
            "a=fmtp:100 profile-id=2"
        ]))
        .is_err()
    );
}

#[test]
fn av1_profile_and_level() {
    let caps = || {
        vec![
            MediaCapability::video(4002).codec(
                Codec::new("AV1", 90000)
                    .payload_type(98)
                    .fmtp("profile=0;level-idx=8"),
            ),
        ]
    };
    let mut n = bob(caps());
    let a = n
        .receive_offer(offer(&[
            "m=video 20002 RTP/AVP 100",
            "a=rtpmap:100 AV1/90000",
            "a=fmtp:100 level-idx=5",
        ]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "fmtp"), ["100 profile=0;level-idx=5"]);
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=video 20002 RTP/AVP 100",
            "a=rtpmap:100 AV1/90000",
            "a=fmtp:100 profile=1"
        ]))
        .is_err()
    );
}
