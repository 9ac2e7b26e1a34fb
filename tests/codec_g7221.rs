//! G.722.1 (RFC 5577 §6): `bitrate` identifies the format. Capabilities
//! with PT 96 at 24 kbit/s and PT 97 at 32 kbit/s; an offer of 32 kbit/s is
//! answered with our 32 kbit/s codec under the offer's PT, never 24.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, MediaCapability};

fn caps() -> Vec<MediaCapability> {
    vec![
        MediaCapability::audio(4000)
            .codec(
                Codec::new("G7221", 16000)
                    .payload_type(96)
                    .fmtp("bitrate=24000"),
            )
            .codec(
                Codec::new("G7221", 16000)
                    .payload_type(97)
                    .fmtp("bitrate=32000"),
            ),
    ]
}

#[test]
fn the_offered_bitrate_is_answered() {
    let mut n = bob(caps());
    let a = n
        .receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 100",
            "a=rtpmap:100 G7221/16000",
            "a=fmtp:100 bitrate=32000",
        ]))
        .unwrap()
        .clone();
    assert_eq!(mlines(&a)[0].formats, ["100"]);
    assert_eq!(attr_values(&a, 0, "fmtp"), ["100 bitrate=32000"]);
}

#[test]
fn a_bitrate_we_do_not_have_is_no_common_format() {
    let mut n = bob(caps());
    assert!(
        n.receive_offer(offer(&[
            "m=audio 20000 RTP/AVP 100",
            "a=rtpmap:100 G7221/16000",
            "a=fmtp:100 bitrate=48000"
        ]))
        .is_err()
    );
}
