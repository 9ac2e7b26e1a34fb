//! UCMA semantics (issue 11, item 7): "exclude the custom optional MIME
//! parts" works for parts built the obvious way. `MimePart::optional`
//! writes `handling=optional` (dropped by the first 415 retry, same offer
//! again); `MimePart::single` and `MimePart::required` are required
//! (RFC 3261 §20.11's default): kept, so a one-SDP offer goes to the next
//! branch (a new offer), which here would be the same body again: the call
//! fails with UnsupportedMediaCannotRetry instead.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::body::{Handling, MimePart};
use sdp_offer_answer::call::{CallEstablishOptions, CallEvent, Method, UnsupportedMediaRetry};
use sdp_offer_answer::offer_answer::SdpAnswerStatus;

/// Alice offers one SDP plus `part`; Bob answers 415: the branch and the
/// retried INVITE's Content-Type.
fn retry_with(part: MimePart) -> (Vec<CallEvent>, Option<String>) {
    let now = std::time::Instant::now();
    let mut alice = call(alice_provider(), 7, "a1");
    alice
        .establish(CallEstablishOptions::new().with_custom_mime_part(part), now)
        .unwrap();
    only_request(drain(&mut alice), Method::Invite);
    alice
        .handle_response(invite_response(415, "b1"), now)
        .unwrap();
    let retry = drain(&mut alice)
        .into_iter()
        .find_map(|t| t.as_request().and_then(|r| r.headers.content_type.clone()));
    (events(&mut alice), retry)
}

#[test]
fn optional_parts_are_said_so_at_construction() {
    let ty = || "application/x-custom".parse().unwrap();
    let optional = MimePart::optional(ty(), b"ticket=42".to_vec()).unwrap();
    assert_eq!(optional.handling(), Handling::Optional);
    assert_eq!(
        optional
            .content_disposition()
            .map(ToString::to_string)
            .as_deref(),
        Some("render;handling=optional")
    );
    let (events, content_type) = retry_with(optional);
    assert_eq!(
        events,
        [CallEvent::RetryingAfterUnsupportedMedia {
            branch: UnsupportedMediaRetry::WithoutOptionalParts
        }]
    );
    assert_eq!(
        content_type.as_deref(),
        Some("application/sdp"),
        "the part was left out"
    );

    for part in [
        MimePart::single(ty(), b"ticket=42".to_vec()).unwrap(),
        MimePart::required(ty(), b"ticket=42".to_vec()).unwrap(),
    ] {
        assert_eq!(part.handling(), Handling::Required);
        let (events, content_type) = retry_with(part);
        assert_eq!(
            events,
            [CallEvent::Failed {
                status: SdpAnswerStatus::UnsupportedMediaCannotRetry,
                response: Some(415)
            }]
        );
        assert_eq!(content_type, None, "nothing could change: no INVITE");
    }
    let required = MimePart::required(ty(), Vec::new()).unwrap();
    assert_eq!(
        required
            .content_disposition()
            .map(ToString::to_string)
            .as_deref(),
        Some("render;handling=required")
    );
    // The SDP default disposition stays session.
    let sdp = MimePart::optional("application/sdp".parse().unwrap(), b"v=0\r\n".to_vec()).unwrap();
    assert_eq!(
        sdp.content_disposition()
            .map(ToString::to_string)
            .as_deref(),
        Some("session;handling=optional")
    );
}
