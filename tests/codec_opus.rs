//! opus (RFC 7587 §6.1, §7): `opus/48000/2` always; receiver parameters are
//! each side's own, so the answer carries ours.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

#[test]
fn receiver_parameters_are_ours_and_the_rtpmap_is_48000_2() {
    let mut n = bob(vec![
        MediaCapability::audio(4000).codec(
            Codec::opus()
                .payload_type(111)
                .fmtp("minptime=10;useinbandfec=1"),
        ),
    ]);
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 109",
            "a=rtpmap:109 opus/48000/2",
            "a=fmtp:109 maxplaybackrate=16000;stereo=1;sprop-stereo=1",
        ]))
        .unwrap()
        .clone();
    assert_eq!(attr_values(&a, 0, "rtpmap"), ["109 opus/48000/2"]);
    assert_eq!(
        attr_values(&a, 0, "fmtp"),
        ["109 minptime=10;useinbandfec=1"]
    );
    let s = n.confirm_answer().unwrap();
    let c = s.streams[0].codec().unwrap();
    assert_eq!(
        c.send_fmtp.as_deref(),
        Some("maxplaybackrate=16000;stereo=1;sprop-stereo=1")
    );
}
