//! RFC 5621 §9 / `manual::decline_responses`: an INVITE whose body holds a required part
//! of a type the provider does not take is answered 415 with Accept listing
//! what it takes; the same part marked optional is ignored.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::body::{
    BoundaryGenerator, ContentDisposition, DispositionType, Handling, MessageBody, MimePart,
};
use sdp_offer_answer::call::{CallEvent, CallState, Method, SipRequest};
use sdp_offer_answer::offer_answer::OfferAnswerFailureReason;

fn invite_with(isup: MimePart) -> SipRequest {
    let body = MimePart::mixed(vec![MimePart::sdp(OFFER_A.to_vec()), isup]);
    let built = MessageBody::build(&body, &mut BoundaryGenerator::new(3)).unwrap();
    SipRequest::new(Method::Invite).with_body(&built.content_type, built.body)
}

fn isup() -> MimePart {
    MimePart::single(
        "application/isup;version=itu-t92+".parse().unwrap(),
        vec![1, 2, 3],
    )
    .unwrap()
}

#[test]
fn required_unknown_part_gets_415_with_accept() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let required = isup().with_content_disposition(
        ContentDisposition::new(DispositionType::from_token("signal"))
            .with_handling(Handling::Required),
    );
    bob.handle_request(invite_with(required), now).unwrap();
    let response = only_response(drain(&mut bob));
    assert_eq!(
        (response.status, response.reason_phrase()),
        (415, "Unsupported Media Type")
    );
    assert_eq!(
        response.headers.accept.as_deref(),
        Some("application/sdp, multipart/mixed, multipart/alternative")
    );
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::OfferDeclined {
            response: 415,
            reason: OfferAnswerFailureReason::UnsupportedMedia
        }]
    );
    assert!(log(&mut bob).is_empty(), "the provider never saw the offer");
    assert_eq!(bob.state(), CallState::Terminated);
}

#[test]
fn part_without_disposition_is_required() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(invite_with(isup()), now).unwrap();
    assert_eq!(only_response(drain(&mut bob)).status, 415);
}

#[test]
fn optional_unknown_part_is_ignored() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    let optional = isup().with_content_disposition(
        ContentDisposition::new(DispositionType::from_token("signal"))
            .with_handling(Handling::Optional),
    );
    bob.handle_request(invite_with(optional), now).unwrap();
    assert!(drain(&mut bob).is_empty());
    assert_eq!(
        events(&mut bob),
        vec![CallEvent::IncomingCall { has_offer: true }]
    );
    bob.accept(now).unwrap();
    let ok = only_response(drain(&mut bob));
    assert_eq!(ok.status, 200);
    let context = &bob.provider().calls()[0].context;
    let types: Vec<String> = context
        .initial_offer_content_types
        .iter()
        .map(|m| m.essence_str().to_owned())
        .collect();
    assert_eq!(types, ["application/sdp", "application/isup"]);
    assert_eq!(
        context.initial_offer_media_types.to_vec(),
        [sdp_offer_answer::sdp::MediaType::Audio]
    );
}
