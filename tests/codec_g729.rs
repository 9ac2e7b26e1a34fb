//! G.729 (RFC 4856, audio/G729): an offer refusing Annex B (`annexb=no`)
//! is answered `annexb=no`.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

#[test]
fn annexb_no_is_answered_no() {
    let mut n = bob(vec![MediaCapability::audio(4000).codec(Codec::g729())]);
    let a = n
        .receive_offer(offer(&["m=audio 20000 RTP/AVP 18", "a=fmtp:18 annexb=no"]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "fmtp"), ["18 annexb=no"]);
}
