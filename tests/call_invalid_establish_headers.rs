//! `CallEstablishOptions::headers` are checked by `establish` before
//! anything happens: a name that is not an RFC 3261 token (CR/LF in it) or a
//! value holding CR, LF or NUL is `CallError::InvalidHeader`, the provider
//! is not asked for an offer and nothing is sent; valid headers go on the
//! INVITE (and on its retry without optional parts after a 415).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallError, CallEstablishOptions, CallState, HeaderFault, Method, SipResponse,
};
use sdp_offer_answer::offer_answer::SignalingHeader;

fn with_header(name: &str, value: &str) -> CallEstablishOptions {
    let mut options = CallEstablishOptions::new();
    options.headers.push(SignalingHeader::new("X-Ok", "fine"));
    options.headers.push(SignalingHeader::new(name, value));
    options
}

#[test]
fn crlf_in_an_extra_header_is_refused_by_establish() {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    for (name, value, reason) in [
        ("X-Evil\r\nVia", "1", HeaderFault::NameNotToken),
        (
            "X-Evil",
            "1\r\nVia: SIP/2.0/UDP 203.0.113.9",
            HeaderFault::ForbiddenCharacter,
        ),
        ("X-Evil", "1\n", HeaderFault::ForbiddenCharacter),
        ("X-Evil", "1\0", HeaderFault::ForbiddenCharacter),
        ("X Evil", "1", HeaderFault::NameNotToken),
        ("X-Evil:", "1", HeaderFault::NameNotToken),
        ("", "1", HeaderFault::NameNotToken),
    ] {
        assert_eq!(
            alice.establish(with_header(name, value), now),
            Err(CallError::InvalidHeader {
                name: name.to_owned(),
                reason,
            }),
            "{name:?}: {value:?}"
        );
    }
    assert_eq!(alice.state(), CallState::Idle);
    assert!(drain(&mut alice).is_empty());
    assert!(log(&mut alice).is_empty(), "get_offer was never called");

    // Valid headers are sent, on the INVITE and on its retry after a 415.
    let options =
        with_header("X-Ticket", "42 \"quoted\" ünïcode").with_custom_mime_part(optional_custom());
    alice.establish(options, now).unwrap();
    let invite = only_request(drain(&mut alice), Method::Invite);
    assert_eq!(invite.headers.extra("X-Ok"), Some("fine"));
    assert_eq!(
        invite.headers.extra("X-Ticket"),
        Some("42 \"quoted\" ünïcode")
    );
    let mut refused = SipResponse::new(415, Method::Invite);
    refused.headers.accept = Some("application/sdp".to_owned());
    alice.handle_response(refused, now).unwrap();
    let retry = only_request(drain(&mut alice), Method::Invite);
    assert_eq!(
        retry.headers.extra("X-Ticket"),
        Some("42 \"quoted\" ünïcode")
    );
}
