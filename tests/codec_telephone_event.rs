//! telephone-event (RFC 4733 §2.5.1.3, §2.1): answered once per clock rate
//! of a chosen codec, with the intersection of events; the negotiated
//! stream names the one that goes with the codec to send (a WebRTC peer
//! offering opus and PCMU with telephone-event/48000 and /8000: a SIP
//! gateway sending PCMU uses the 8000 one).

mod common;

use common::*;
use sdp_offer_answer::negotiation::{
    AnswerCodecs, Codec, CodecOrder, LocalCapabilities, MediaCapability, Negotiator,
};

const WEBRTC: [&str; 6] = [
    "m=audio 20000 RTP/AVP 111 0 110 126",
    "a=rtpmap:111 opus/48000/2",
    "a=rtpmap:110 telephone-event/48000",
    "a=rtpmap:126 telephone-event/8000",
    "a=fmtp:110 0-15",
    "a=fmtp:126 0-15",
];

fn gateway(answer_codecs: AnswerCodecs, order: CodecOrder) -> Negotiator {
    let caps = LocalCapabilities::builder()
        .ipv4("198.51.100.5".parse().unwrap())
        .media(
            MediaCapability::audio(4000)
                .codec(Codec::pcmu())
                .codec(Codec::opus().payload_type(111))
                .telephone_event(48000)
                .telephone_event(8000),
        )
        .answer_codecs(answer_codecs)
        .codec_order(order)
        .build()
        .unwrap();
    Negotiator::new(caps, 1)
}

/// One codec chosen (PCMU, ours first): only telephone-event/8000.
#[test]
fn the_telephone_event_of_the_chosen_codec_clock() {
    let mut n = gateway(AnswerCodecs::First, CodecOrder::Local);
    let a = n.receive_offer(offer(&WEBRTC)).unwrap().clone();
    assert_eq!(mlines(&a)[0].formats, ["0", "126"]);
    let s = n.confirm_answer().unwrap();
    assert_eq!(
        s.streams[0].telephone_event().unwrap().send_payload_type,
        126
    );
}

/// Both codecs answered: one telephone-event per clock rate; the stream's
/// telephone-event is the one at the send codec's (opus, 48000).
#[test]
fn one_per_clock_rate_and_the_send_codecs_is_named() {
    let mut n = gateway(AnswerCodecs::All, CodecOrder::Offerer);
    let a = n.receive_offer(offer(&WEBRTC)).unwrap().clone();
    assert_eq!(mlines(&a)[0].formats, ["111", "0", "110", "126"]);
    let s = n.confirm_answer().unwrap();
    let te = s.streams[0].telephone_event().unwrap();
    assert_eq!((te.clock_rate, te.send_payload_type), (48000, 110));
}
