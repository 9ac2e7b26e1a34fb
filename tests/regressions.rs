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

/// prop_exchange: A (no SDES) and B (SDES optional) complete A→B, then B
/// re-offers (with `a=crypto`, best effort) and A answers plain. A's next
/// re-offer is unchanged, so it keeps its `o=` version; B took that as
/// "nothing changes" (RFC 3264 §8) and answered with its current SDP, which
/// was its own *offer*: its `a=crypto` answers no offered tag and A refused
/// the answer (RFC 4568 §7.1.2).
#[test]
fn unchanged_reoffer_after_our_offer_gets_a_valid_answer() {
    let video = || MediaCapability::video(12000).codec(Codec::new("H261", 90000));
    let plain = LocalCapabilities::builder()
        .ipv4("192.0.2.77".parse().unwrap())
        .media(video())
        .build()
        .unwrap();
    let sdes = LocalCapabilities::builder()
        .ipv4("192.0.2.78".parse().unwrap())
        .media(video())
        .sdes(sdp_offer_answer::negotiation::SrtpPolicy::Optional)
        .sdes_key(
            "AES_CM_128_HMAC_SHA1_80",
            "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
        )
        .build()
        .unwrap();
    let (mut a, mut b) = (Negotiator::new(plain, 1), Negotiator::new(sdes, 2));
    let exchange = |offerer: &mut Negotiator, answerer: &mut Negotiator| {
        let offer = offerer.create_offer().unwrap().clone();
        let answer = answerer.receive_offer(offer).unwrap().clone();
        answerer.confirm_answer().unwrap();
        offerer.receive_answer(answer).cloned()
    };
    exchange(&mut a, &mut b).unwrap();
    exchange(&mut b, &mut a).unwrap();
    let offer_before = a.local_description().unwrap().clone();
    let again = a.create_offer().unwrap().clone();
    assert_eq!(
        again.origin().unwrap().unwrap().session_version,
        offer_before.origin().unwrap().unwrap().session_version,
        "an unchanged re-offer keeps its version"
    );
    a.rollback();
    let session = exchange(&mut a, &mut b).expect("A accepts B's answer");
    assert!(session.streams[0].is_active());
    assert_eq!(session.streams[0].sdes, None);
}
