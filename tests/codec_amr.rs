//! AMR-WB (RFC 4867 §8.3.1): `octet-align` must match; the answer's
//! `mode-set` is the intersection of both.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

fn caps() -> Vec<MediaCapability> {
    vec![
        MediaCapability::audio(4000).codec(
            Codec::new("AMR-WB", 16000)
                .payload_type(96)
                .fmtp("octet-align=1;mode-set=0,1,2"),
        ),
    ]
}

#[test]
fn mode_set_intersection_and_octet_align() {
    let mut n = bob(caps());
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 98",
            "a=rtpmap:98 AMR-WB/16000",
            "a=fmtp:98 octet-align=1;mode-set=1,2,8",
        ]))
        .unwrap()
        .clone();
    assert_eq!(
        attr_values(&a, 0, "fmtp"),
        ["98 octet-align=1;mode-set=1,2"]
    );
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 98",
            "a=rtpmap:98 AMR-WB/16000",
            "a=fmtp:98 mode-set=1"
        ]))
        .is_err()
    );
}
