//! Regression tests for bugs found by fuzzing (`fuzz/`) and the property
//! tests (`tests/prop_*.rs`): each names the input that broke and what went wrong.

use sdp_offer_answer::negotiation::{
    Codec, LocalCapabilities, MediaCapability, Negotiator, validate_answer,
};
use sdp_offer_answer::sdp::{Direction, MediaType, SessionDescription};

fn t38_caps() -> LocalCapabilities {
    LocalCapabilities::builder()
        .ipv4("198.51.100.7".parse().unwrap())
        .media(MediaCapability::audio(30000).codec(Codec::pcmu()))
        .media(
            MediaCapability::new(MediaType::Image, 30004)
                .non_rtp("udptl", &["t38"])
                .attribute("T38FaxVersion:0"),
        )
        .build()
        .unwrap()
}

/// fuzz `answer`: a non-RTP stream (T.38) offered `sendonly` was answered
/// without a direction attribute, i.e. `sendrecv`, which RFC 3264 §6.1
/// forbids: the offerer (`validate_answer`) refused our own answer.
#[test]
fn non_rtp_stream_answer_follows_the_offered_direction() {
    let offer = SessionDescription::parse(
        "v=0\r\no=- 1000 1002 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
         m=audio 0 RTP/AVP 0\r\n\
         m=image 40000 udptl t38\r\na=T38FaxVersion:0\r\na=sendonly\r\n",
    )
    .unwrap();
    let mut n = Negotiator::new(t38_caps(), 1);
    let answer = n.receive_offer(offer.clone()).unwrap().clone();
    let image = answer.media(1).unwrap();
    assert_eq!(image.media_line().unwrap().port, 30004);
    assert_eq!(image.direction(), Some(Direction::RECV));
    let seen_by_offerer = validate_answer(&offer, &answer).unwrap();
    assert_eq!(seen_by_offerer.streams[1].direction, Direction::SEND);
    let ours = n.confirm_answer().unwrap();
    assert_eq!(ours.streams[1].direction, Direction::RECV);
}

/// The usual sendrecv T.38 answer carries no direction attribute (its default).
#[test]
fn non_rtp_sendrecv_answer_has_no_direction_attribute() {
    let offer = SessionDescription::parse(
        "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
         m=image 40000 udptl t38\r\n",
    )
    .unwrap();
    let mut n = Negotiator::new(t38_caps(), 1);
    let answer = n.receive_offer(offer).unwrap();
    assert_eq!(answer.media(0).unwrap().direction(), None);
    assert_eq!(
        answer.media(0).unwrap().effective_direction(),
        Direction::SENDRECV
    );
}
