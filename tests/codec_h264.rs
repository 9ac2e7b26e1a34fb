//! H.264 (RFC 6184 §8.2.2): packetization-mode must be equal, the profile
//! the same (Baseline and Constrained Baseline count as one), and the
//! answer names the offer's profile at the lower level.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

fn caps() -> Vec<MediaCapability> {
    vec![MediaCapability::video(4002).codec(Codec::h264().payload_type(102))]
}

#[test]
fn packetization_mode_and_profile_decide_the_match() {
    let mut n = bob(caps());
    let a = n
        .receive_offer(offer(&[
            "m=video 20002 RTP/AVP 97 98",
            "a=rtpmap:97 H264/90000",
            "a=fmtp:97 profile-level-id=42e01f",
            "a=rtpmap:98 H264/90000",
            "a=fmtp:98 profile-level-id=42e00d;packetization-mode=1",
        ]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].formats, ["98"]);
    let fmtp = &attr_values(&a, 0, "fmtp")[0];
    assert!(
        fmtp.contains("profile-level-id=42e00d") && fmtp.contains("packetization-mode=1"),
        "{fmtp}"
    );
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=video 20002 RTP/AVP 97",
            "a=rtpmap:97 H264/90000",
            "a=fmtp:97 profile-level-id=640c1f;packetization-mode=1"
        ]))
        .is_err()
    );
}
