//! `CallConfig::local_tag` must be an RFC 3261 token (§19.3): a tag with
//! CR/LF (or any non-token) is a typed `CallError::InvalidHeader` from
//! `CallConfig::validate`, and a Call made with it refuses every input with
//! that error and sends nothing, so the tag never reaches a To or From.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    Call, CallConfig, CallError, CallEstablishOptions, CallState, HeaderFault, Method,
};
use sdp_offer_answer::testing::RecordingProvider;

fn invalid(reason: HeaderFault) -> CallError {
    CallError::InvalidHeader {
        name: "tag".to_owned(),
        reason,
    }
}

#[test]
fn local_tag_with_crlf_is_a_typed_error() {
    let now = std::time::Instant::now();
    let config = CallConfig::new(8).with_local_tag("b1\r\nX-Evil: 1");
    let expected = invalid(HeaderFault::ForbiddenCharacter);
    assert_eq!(config.validate(), Err(expected.clone()));
    for (tag, reason) in [
        ("b1\n", HeaderFault::ForbiddenCharacter),
        ("b1\0", HeaderFault::ForbiddenCharacter),
        ("", HeaderFault::TagNotToken),
        ("b 1", HeaderFault::TagNotToken),
        ("b1;x=y", HeaderFault::TagNotToken),
    ] {
        assert_eq!(
            CallConfig::new(8).with_local_tag(tag).validate(),
            Err(invalid(reason)),
            "{tag:?}"
        );
    }
    assert_eq!(CallConfig::new(8).with_local_tag("b1").validate(), Ok(()));
    assert_eq!(CallConfig::new(8).validate(), Ok(()), "the seeded tag");

    // As the called side: the INVITE is refused, nothing is answered.
    let mut bob = Call::new(RecordingProvider::new(bob_provider()), config.clone());
    assert_eq!(
        bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now),
        Err(expected.clone())
    );
    assert_eq!(bob.handle_timeout(now), Err(expected.clone()));
    assert_eq!(bob.terminate(now), Err(expected.clone()));
    assert_eq!(bob.state(), CallState::Idle);
    assert!(drain(&mut bob).is_empty());
    assert!(events(&mut bob).is_empty());
    assert!(log(&mut bob).is_empty());

    // As the caller: establish is refused before the provider is asked.
    let mut alice = Call::new(RecordingProvider::new(alice_provider()), config);
    assert_eq!(
        alice.establish(CallEstablishOptions::new(), now),
        Err(expected.clone())
    );
    assert_eq!(
        alice.handle_response(invite_response(200, "a1"), now),
        Err(expected)
    );
    assert_eq!(alice.state(), CallState::Idle);
    assert!(drain(&mut alice).is_empty());
    assert!(log(&mut alice).is_empty());
}
