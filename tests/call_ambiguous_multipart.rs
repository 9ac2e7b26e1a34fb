//! An INVITE whose body a proxy could read differently from us is answered
//! 400 Bad Request with Warning 399 (the `BodyError`), not negotiated: two
//! `boundary` parameters, a part with two Content-Type or two
//! Content-Disposition headers, a part with more than 64 headers.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEvent, CallState, Method, SipRequest};
use sdp_offer_answer::offer_answer::OfferAnswerFailureReason;

fn multipart(boundary: &str, headers: &str) -> Vec<u8> {
    let mut body = format!("--{boundary}\r\n{headers}\r\n").into_bytes();
    body.extend_from_slice(OFFER_A);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

/// Bob's answer to an INVITE with `body` of type `content_type`: the
/// response's status and Warning text, after checking the call ended
/// without the provider.
fn answer_to(content_type: &str, body: Vec<u8>) -> (u16, u16, String) {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let invite = SipRequest::new(Method::Invite).with_body(content_type, body);
    bob.handle_request(invite, now).unwrap();
    let response = only_response(drain(&mut bob));
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::OfferDeclined {
            response: response.status,
            reason: OfferAnswerFailureReason::NotAcceptable
        }]
    );
    assert_eq!(bob.state(), CallState::Terminated);
    assert!(log(&mut bob).is_empty(), "the provider never saw the offer");
    let warning = response.headers.warning.expect("Warning");
    (response.status, warning.code, warning.text)
}

#[test]
fn ambiguous_bodies_get_400() {
    let sdp = "Content-Type: application/sdp\r\n";
    assert_eq!(
        answer_to("multipart/mixed;boundary=a;boundary=b", multipart("a", sdp)),
        (
            400,
            399,
            "Content-Type has more than one \"boundary\" parameter".to_owned()
        )
    );
    assert_eq!(
        answer_to(
            "multipart/mixed;boundary=b",
            multipart(
                "b",
                "Content-Type: application/sdp\r\nContent-Type: text/plain\r\n"
            )
        ),
        (
            400,
            399,
            "body part 1 has more than one Content-Type header".to_owned()
        )
    );
    assert_eq!(
        answer_to(
            "multipart/mixed;boundary=b",
            multipart(
                "b",
                "Content-Type: application/sdp\r\nContent-Disposition: session\r\nContent-Disposition: render;handling=optional\r\n"
            )
        ),
        (
            400,
            399,
            "body part 1 has more than one Content-Disposition header".to_owned()
        )
    );
    let many = format!("{sdp}{}", "X-A: 1\r\n".repeat(64));
    assert_eq!(
        answer_to("multipart/mixed;boundary=b", multipart("b", &many)),
        (
            400,
            399,
            "body part 1 has more than 64 header fields".to_owned()
        )
    );
    // The same body with one boundary, one of each header, is an offer.
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let invite = SipRequest::new(Method::Invite)
        .with_body("multipart/mixed;boundary=a", multipart("a", sdp));
    bob.handle_request(invite, now).unwrap();
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::IncomingCall { has_offer: true }]
    );
}
