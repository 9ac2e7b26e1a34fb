//! `manual::decline_responses` with the standard provider: what the negotiator refuses
//! becomes 488 with the Warning of its reason (399 with the line number for
//! a malformed SDP, 301, 302, 305); a body that is not SDP at all or a
//! malformed multipart is 400 with Warning 399, an oversized one 413.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallState, Method, SipRequest, SipResponse};

fn respond(request: SipRequest) -> SipResponse {
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(request, std::time::Instant::now())
        .unwrap();
    assert_eq!(bob.state(), CallState::Terminated);
    only_response(drain(&mut bob))
}

fn warning(response: &SipResponse) -> (u16, String) {
    let w = response.headers.warning.clone().expect("a Warning");
    (w.code, w.text)
}

#[test]
fn malformed_sdp_is_488_399_with_line() {
    let offer = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio notaport RTP/AVP 0\r\n";
    let response = respond(request_with_sdp(Method::Invite, offer));
    assert_eq!(response.status, 488);
    let (code, text) = warning(&response);
    assert_eq!(code, 399);
    assert!(text.starts_with("line 6:"), "{text}");
}

#[test]
fn ipv6_only_offer_to_ipv4_only_is_301() {
    let offer = b"v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    let response = respond(request_with_sdp(Method::Invite, offer));
    assert_eq!(response.status, 488);
    assert_eq!(
        warning(&response),
        (301, "Incompatible network address formats".into())
    );
}

#[test]
fn srtp_offer_without_srtp_here_is_302() {
    let offer = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
    let response = respond(request_with_sdp(Method::Invite, offer));
    assert_eq!(response.status, 488);
    assert_eq!(warning(&response).0, 302);
}

#[test]
fn no_common_codec_is_305() {
    let offer = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\n";
    let response = respond(request_with_sdp(Method::Invite, offer));
    assert_eq!((response.status, warning(&response).0), (488, 305));
}

#[test]
fn not_sdp_at_all_is_400() {
    let response = respond(request_with_sdp(Method::Invite, b"hello, I am not SDP"));
    assert_eq!(
        (response.status, response.reason_phrase()),
        (400, "Bad Request")
    );
    assert_eq!(
        warning(&response),
        (
            399,
            "application/sdp body is not a session description".into()
        )
    );
}

#[test]
fn malformed_multipart_is_400() {
    let request = SipRequest::new(Method::Invite).with_body(
        "multipart/mixed;boundary=xyz",
        b"--xyz\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n".to_vec(),
    );
    let response = respond(request);
    assert_eq!(response.status, 400);
    let (code, text) = warning(&response);
    assert_eq!(code, 399);
    assert!(text.contains("close delimiter"), "{text}");
}

#[test]
fn oversized_body_is_413() {
    let request = request_with_sdp(Method::Invite, &vec![b'v'; 300 * 1024]);
    let response = respond(request);
    assert_eq!(
        (response.status, response.reason_phrase()),
        (413, "Request Entity Too Large")
    );
}
