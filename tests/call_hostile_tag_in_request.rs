//! A remote request with a header no valid SIP message has (CR, LF or NUL
//! in a To-tag or a From header, a To-tag that is no token) is answered
//! 400 Bad Request with Warning 399 naming the header, never its value, and
//! is not processed (RFC 3261 §8.2, §21.4.1): an initial INVITE makes no
//! call, a re-INVITE no renegotiation, a BYE ends nothing; an ACK, which has
//! no response, is discarded (`Ok`, `CallEvent::Discarded` with
//! `PeerNoise::MalformedHeader`).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallConfig, CallEvent, CallState, HeaderFault, Method, PeerNoise, SipRequest, SipResponse,
};
use sdp_offer_answer::offer_answer::SignalingHeader;
use sdp_offer_answer::testing::RecordingProvider;

/// The 400 Bob sent, checked to carry only our own tag and a Warning 399
/// with `text`.
fn assert_400(response: SipResponse, method: Method, text: &str) {
    assert_eq!((response.status, response.method), (400, method));
    assert_eq!(response.headers.to_tag.as_deref(), Some("b1"));
    let warning = response.headers.warning.expect("Warning 399");
    assert_eq!(
        (warning.code, warning.agent.as_str(), warning.text.as_str()),
        (399, "pbx.example.com", text)
    );
    assert_eq!(
        warning.header_value(),
        format!("399 pbx.example.com \"{text}\"")
    );
    assert!(response.headers.extra.is_empty());
    assert!(response.body.is_empty());
}

fn bob() -> TestCall {
    let mut config = CallConfig::new(8).with_local_tag("b1");
    config.warning_agent = Some("pbx.example.com".to_owned());
    sdp_offer_answer::call::Call::new(RecordingProvider::new(bob_provider()), config)
}

#[test]
fn invite_with_crlf_in_to_or_from_tag_gets_400_and_makes_no_call() {
    let now = std::time::Instant::now();
    let mut bob = bob();

    let mut invite = request_with_sdp(Method::Invite, OFFER_A);
    invite.headers.to_tag = Some("x\r\nX-Evil: 1".to_owned());
    bob.handle_request(invite, now).unwrap();
    assert_400(
        only_response(drain(&mut bob)),
        Method::Invite,
        "malformed To header: the value holds CR, LF or NUL",
    );

    let mut invite = request_with_sdp(Method::Invite, OFFER_A);
    invite.headers.extra.push(SignalingHeader::new(
        "From",
        "<sip:alice@example.com>;tag=a1\rX-Evil: 1",
    ));
    bob.handle_request(invite, now).unwrap();
    assert_400(
        only_response(drain(&mut bob)),
        Method::Invite,
        "malformed From header: the value holds CR, LF or NUL",
    );

    let mut invite = request_with_sdp(Method::Invite, OFFER_A);
    invite.headers.to_tag = Some("x;maddr=203.0.113.9".to_owned());
    bob.handle_request(invite, now).unwrap();
    assert_400(
        only_response(drain(&mut bob)),
        Method::Invite,
        "malformed To header: the tag is not an RFC 3261 token",
    );

    // A header whose name is the problem is not named either.
    let mut invite = request_with_sdp(Method::Invite, OFFER_A);
    invite
        .headers
        .extra
        .push(SignalingHeader::new("X-Evil\r\nVia", "1"));
    bob.handle_request(invite, now).unwrap();
    assert_400(
        only_response(drain(&mut bob)),
        Method::Invite,
        "malformed extension header: the name is not an RFC 3261 token",
    );

    // Nothing was processed: no call, no provider involvement.
    assert_eq!(bob.state(), CallState::Idle);
    assert!(events(&mut bob).is_empty());
    assert!(log(&mut bob).is_empty());

    // The well-formed INVITE is taken.
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::IncomingCall { has_offer: true }]
    );
    assert_eq!(bob.state(), CallState::Incoming);
}

#[test]
fn in_dialog_requests_with_malformed_headers_change_nothing() {
    let now = std::time::Instant::now();
    let mut bob = bob();
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    bob.accept(now).unwrap();
    drain(&mut bob);
    events(&mut bob);

    // An ACK cannot be answered: it is refused and the 2xx stays unacked.
    let mut ack = SipRequest::new(Method::Ack);
    ack.headers.to_tag = Some("b1\r\n".to_owned());
    assert_eq!(bob.handle_request(ack, now), Ok(()));
    assert_eq!(
        events(&mut bob),
        [CallEvent::Discarded {
            noise: PeerNoise::MalformedHeader {
                name: "To".to_owned(),
                reason: HeaderFault::ForbiddenCharacter,
            }
        }]
    );
    assert_eq!(bob.state(), CallState::Establishing);
    bob.handle_request(SipRequest::new(Method::Ack).with_headers(tagged("b1")), now)
        .unwrap();
    assert_eq!(bob.state(), CallState::Established);
    events(&mut bob);
    log(&mut bob);

    // A re-INVITE: 400, no renegotiation.
    let mut reinvite = request_with_sdp(Method::Invite, OFFER_A);
    reinvite.headers.to_tag = Some("b1\0".to_owned());
    bob.handle_request(reinvite, now).unwrap();
    assert_400(
        only_response(drain(&mut bob)),
        Method::Invite,
        "malformed To header: the value holds CR, LF or NUL",
    );
    assert!(bob.incoming_renegotiation().is_none());

    // A BYE: 400, the call goes on.
    let mut bye = SipRequest::new(Method::Bye).with_headers(tagged("b1"));
    bye.headers.content_id = Some("<x@y>\n".to_owned());
    bob.handle_request(bye, now).unwrap();
    assert_400(
        only_response(drain(&mut bob)),
        Method::Bye,
        "malformed Content-ID header: the value holds CR, LF or NUL",
    );
    assert_eq!(bob.state(), CallState::Established);
    assert!(events(&mut bob).is_empty());
    assert!(log(&mut bob).is_empty());
}
