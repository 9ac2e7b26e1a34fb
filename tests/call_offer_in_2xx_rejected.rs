//! Third-party call control: the 2xx carries an offer Alice's provider
//! cannot accept. An offer in a 2xx cannot be declined (RFC 6337 §2.3): the
//! ACK answers it with every stream at port 0, then BYE ends the call
//! (RFC 3261 §13.2.2.4); the call fails with NotAcceptableLocally.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, CallState, Method};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;

const VIDEO_ONLY: &[u8] = b"v=0\r\no=- 5 5 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\nm=application 5002 TCP/BFCP *\r\n";

#[test]
fn unacceptable_2xx_offer_gets_port_zero_answer_and_bye() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    alice
        .establish(
            CallEstablishOptions::new().with_third_party_call_control(true),
            now,
        )
        .unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    assert!(invite.body.is_empty());
    assert!(!invite.headers.supports("100rel"));

    alice
        .handle_response(with_sdp(invite_response(200, "b1"), VIDEO_ONLY), now)
        .unwrap();
    let out = drain(&mut alice);
    assert_eq!(out.len(), 2);
    let ack = out[0].as_request().unwrap();
    assert_eq!(ack.method, Method::Ack);
    assert_eq!(ack.headers.content_type.as_deref(), Some("application/sdp"));
    assert_eq!(
        String::from_utf8(ack.body.clone()).unwrap(),
        "v=0\r\no=- 7 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n\
         m=video 0 RTP/AVP 96\r\nm=application 0 TCP/BFCP *\r\n"
    );
    let bye = out[1].as_request().unwrap();
    assert_eq!(
        (bye.method.clone(), bye.headers.to_tag.as_deref()),
        (Method::Bye, Some("b1"))
    );
    assert_eq!(
        events(&mut alice),
        vec![CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptableLocally,
            response: Some(200)
        }]
    );
    assert_eq!(
        log(&mut alice),
        vec![
            "get_answer(OutgoingCallEstablishment, dialog=b1, offer=1 SDP) -> Err",
            "terminate_media(OutgoingCallEstablishment, dialog=b1)",
        ]
    );
    assert_eq!(alice.state(), CallState::Terminated);
}
