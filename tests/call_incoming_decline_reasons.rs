//! `manual::decline_responses`: every OfferAnswerFailureReason of an incoming offer, as
//! raised by the provider, becomes its exact response and Warning.

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{CallEvent, CallState, Method, SipResponse, SipWarning};
use sdp_offer_answer::offer_answer::{
    OfferAnswerError, OfferAnswerFailureReason as R, SignalingHeader,
};
use sdp_offer_answer::testing::ProviderOp;

/// Bob's response to an INVITE with Alice's offer when his provider's
/// `op` fails with `error` (on accept for `GetAnswer`).
fn declined(op: ProviderOp, error: OfferAnswerError) -> (SipResponse, Vec<CallEvent>, Vec<String>) {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.provider_mut().fail_next(op, error);
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    if op == ProviderOp::GetAnswer {
        assert_eq!(
            events(&mut bob),
            vec![CallEvent::IncomingCall { has_offer: true }]
        );
        bob.accept(now).unwrap();
    }
    let response = only_response(drain(&mut bob));
    assert_eq!(response.method, Method::Invite);
    assert_eq!(response.headers.to_tag.as_deref(), Some("b1"));
    assert_eq!(bob.state(), CallState::Terminated);
    (response, events(&mut bob), log(&mut bob))
}

fn warning(code: u16, text: &str) -> Option<SipWarning> {
    Some(SipWarning {
        code,
        agent: "-".into(),
        text: text.into(),
    })
}

#[test]
fn each_reason_maps_to_its_response() {
    let cases: Vec<(OfferAnswerError, u16, Option<SipWarning>)> = vec![
        (OfferAnswerError::new(R::UnsupportedMedia, "x"), 415, None),
        (
            OfferAnswerError::new(R::UnsupportedMedia, "x").with_warning(304, None),
            488,
            warning(304, "Media type not available"),
        ),
        (
            OfferAnswerError::new(R::NotAcceptable, "x"),
            488,
            warning(305, "Incompatible media format"),
        ),
        (
            OfferAnswerError::new(R::NotAcceptable, "x").with_warning(306, None),
            488,
            warning(306, "Attribute not understood"),
        ),
        (
            OfferAnswerError::new(R::ServerInternalError, "x"),
            500,
            None,
        ),
        (
            OfferAnswerError::new(R::RedirectDueToBandwidthPolicy, "x"),
            488,
            warning(370, "Insufficient bandwidth"),
        ),
        (
            OfferAnswerError::new(R::FailDueToBandwidthPolicy, "x"),
            488,
            warning(370, "Insufficient bandwidth"),
        ),
        (OfferAnswerError::new(R::RequestCanceled, "x"), 487, None),
    ];
    for (error, status, expected_warning) in cases {
        let reason = error.reason;
        for op in [ProviderOp::SetIncomingCallOffer, ProviderOp::GetAnswer] {
            let (response, events, log) = declined(op, error.clone());
            assert_eq!(response.status, status, "{reason} via {op:?}");
            assert_eq!(response.headers.warning, expected_warning, "{reason}");
            assert_eq!(response.headers.retry_after, None);
            let accept = (status == 415)
                .then(|| "application/sdp, multipart/mixed, multipart/alternative".to_owned());
            assert_eq!(response.headers.accept, accept);
            assert_eq!(
                events,
                vec![CallEvent::OfferDeclined {
                    response: status,
                    reason
                }]
            );
            assert_eq!(
                log.last().map(String::as_str),
                Some("terminate_media(IncomingCallEstablishment)")
            );
        }
    }
}

#[test]
fn request_pending_without_our_offer_is_500_with_retry_after() {
    let error = OfferAnswerError::new(R::RequestPending, "busy");
    let (response, events, _) = declined(ProviderOp::SetIncomingCallOffer, error.clone());
    assert_eq!(response.status, 500);
    let seconds = response.headers.retry_after.unwrap();
    assert!(seconds <= 10);
    // Drawn from the Call's seed: the same seed gives the same value.
    let (again, _, _) = declined(ProviderOp::SetIncomingCallOffer, error);
    assert_eq!(again.headers.retry_after, Some(seconds));
    assert_eq!(
        events,
        vec![CallEvent::OfferDeclined {
            response: 500,
            reason: R::RequestPending
        }]
    );
}

#[test]
fn error_headers_go_on_the_response() {
    let error = OfferAnswerError::new(R::NotAcceptable, "policy")
        .with_header(SignalingHeader::new("X-Reason", "policy 7"))
        .with_warning(399, Some("blocked by policy"));
    let (response, _, _) = declined(ProviderOp::SetIncomingCallOffer, error);
    assert_eq!(response.status, 488);
    assert_eq!(response.headers.warning, warning(399, "blocked by policy"));
    assert_eq!(
        response.headers.extra,
        vec![SignalingHeader::new("X-Reason", "policy 7")]
    );
}

#[test]
fn application_decline_sends_its_status() {
    let now = std::time::Instant::now();
    let mut bob = call(bob_provider(), 8, "b1");
    bob.handle_request(request_with_sdp(Method::Invite, OFFER_A), now)
        .unwrap();
    events(&mut bob);
    assert!(bob.decline(200, now).is_err());
    bob.decline(486, now).unwrap();
    let response = only_response(drain(&mut bob));
    assert_eq!(
        (response.status, response.reason_phrase()),
        (486, "Busy Here")
    );
    assert_eq!(
        log(&mut bob),
        vec![
            "set_incoming_call_offer(IncomingCallEstablishment, dialog=b1, offer=1 SDP)",
            "terminate_media(IncomingCallEstablishment)",
        ]
    );
}
