//! UCMA semantics (issue 11, item 7): the 415 retry's branch choice reads
//! what the remote supports, and a stack that asked first (an OPTIONS 200,
//! RFC 3261 §11) can give the Call what it learned
//! (`Call::learn_remote_capabilities`, `Call::add_remote_capabilities`).
//! With two SDPs and an optional custom part, a 415 without Accept takes
//! branch 1 (same offer, optional part dropped) when the remote is known
//! to take `multipart/alternative`, and branch 2 (a new offer) when not.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    CallEstablishOptions, CallEvent, Method, RemoteCapabilities, SipHeaders, UnsupportedMediaRetry,
};

/// Alice (two SDPs + an optional part) after a bare 415: the branch taken
/// and the second INVITE's Content-Type.
fn branch_after_415(
    learn: impl FnOnce(&mut TestCall),
) -> (Vec<CallEvent>, Option<String>, RemoteCapabilities) {
    let now = std::time::Instant::now();
    let mut alice = call(alice_two_sdps(), 7, "a1");
    learn(&mut alice);
    let options = CallEstablishOptions::new().with_custom_mime_part(optional_custom());
    alice.establish(options, now).unwrap();
    only_request(drain(&mut alice), Method::Invite);
    alice
        .handle_response(invite_response(415, "b1"), now)
        .unwrap();
    let retry = only_request(drain(&mut alice), Method::Invite);
    let caps = alice.remote_capabilities();
    (
        events(&mut alice),
        retry
            .headers
            .content_type
            .map(|c| c.split(';').next().unwrap().to_owned()),
        caps,
    )
}

#[test]
fn an_options_answer_decides_the_415_branch() {
    // Nothing known: several SDPs and no multipart/alternative at the
    // remote → a new offer.
    let (events, content_type, caps) = branch_after_415(|_| {});
    assert_eq!(
        events,
        [CallEvent::RetryingAfterUnsupportedMedia {
            branch: UnsupportedMediaRetry::NewOffer
        }]
    );
    assert_eq!(content_type.as_deref(), Some("multipart/mixed"));
    assert_eq!(caps, RemoteCapabilities::empty());

    // The 200 to an earlier OPTIONS said what the remote takes.
    let options_200 = SipHeaders {
        accept: Some("application/sdp, multipart/alternative".to_owned()),
        supported: vec!["100rel".to_owned()],
        extra: vec![sdp_offer_answer::sip::SignalingHeader::new(
            "Allow",
            "INVITE, ACK, CANCEL, BYE, UPDATE",
        )],
        ..SipHeaders::default()
    };
    let (events, content_type, caps) =
        branch_after_415(|alice| alice.learn_remote_capabilities(&options_200));
    assert_eq!(
        events,
        [CallEvent::RetryingAfterUnsupportedMedia {
            branch: UnsupportedMediaRetry::WithoutOptionalParts
        }]
    );
    assert_eq!(content_type.as_deref(), Some("multipart/alternative"));
    assert_eq!(
        caps,
        RemoteCapabilities::MULTIPART_ALTERNATIVE
            | RemoteCapabilities::REL100
            | RemoteCapabilities::UPDATE
    );

    // Known from elsewhere: the same.
    let (events, _, _) = branch_after_415(|alice| {
        alice.add_remote_capabilities(RemoteCapabilities::MULTIPART_ALTERNATIVE)
    });
    assert_eq!(
        events,
        [CallEvent::RetryingAfterUnsupportedMedia {
            branch: UnsupportedMediaRetry::WithoutOptionalParts
        }]
    );
}
