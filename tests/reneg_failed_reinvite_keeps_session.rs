//! A failed outgoing re-INVITE keeps the previous session (RFC 3261 §14.1,
//! `manual::answer_status`): for 488, 488 + Warning 370, 500 + Retry-After, 415,
//! 603 and a transaction timeout (the re-INVITE is lost; the transport
//! reports 408), the provider is told `set_answer(None, status)`, rolls its
//! negotiator back, and the negotiated session is byte-identical to the one
//! before; the call stays established. A 481 (the dialog is gone) also ends
//! the call.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{
    CallEvent, CallState, Method, RenegotiationFailure, SipHeaders, SipResponse, SipWarning,
};
use sdp_offer_answer::negotiation::NegotiationState;
use sdp_offer_answer::offer_answer::SdpAnswerStatus;
use sdp_offer_answer::renegotiation::RenegotiationState;
use sdp_offer_answer::testing::Side;

/// Alice holds Bob; the re-INVITE is lost and `response` comes back instead.
fn fails_with(
    response: SipResponse,
) -> (
    Pair,
    Result<(), RenegotiationFailure>,
    Vec<String>,
    Vec<CallEvent>,
) {
    let mut p = established();
    let before_a = session_bytes(&p.a);
    let before_session = p.a.provider().inner().negotiated_session().cloned();
    let op = p.a.hold(p.now).unwrap();
    p.pump();
    let lost = p.drop_next(Side::A).unwrap();
    assert_eq!(
        lost.as_request().map(|r| r.method.clone()),
        Some(Method::Invite)
    );
    p.inject_response(Side::A, response);
    p.run();
    let events = p.take_events(Side::A);
    let (done, result) = completed(&events);
    assert_eq!(done.operation_id(), op);
    assert_eq!(done.state(), RenegotiationState::Failed);
    assert_eq!(done.media_answer(), None);
    // Byte-identical: our SDP, theirs, and what they agreed.
    assert_eq!(session_bytes(&p.a), before_a);
    assert_eq!(
        p.a.provider().inner().negotiated_session().cloned(),
        before_session
    );
    let negotiator = p.a.provider().inner().negotiator().unwrap();
    assert_eq!(negotiator.state(), NegotiationState::Stable);
    assert!(negotiator.pending_offer().is_none());
    assert!(p.a.renegotiation().is_none());
    assert_eq!(p.a.poll_timeout(), None);
    let log = log(&mut p.a);
    (p, result, log, events)
}

fn failure(status: SdpAnswerStatus, response: u16) -> Result<(), RenegotiationFailure> {
    Err(RenegotiationFailure::Failed {
        status,
        response: Some(response),
    })
}

#[test]
fn each_failure_keeps_the_old_session() {
    let with_warning = |code| SipHeaders {
        warning: Some(SipWarning::standard(code, Some("b1.example.com"))),
        to_tag: Some("b1".into()),
        ..SipHeaders::default()
    };
    let retry_after = SipHeaders {
        retry_after: Some(5),
        to_tag: Some("b1".into()),
        ..SipHeaders::default()
    };
    let cases = [
        (invite_response(488, "b1"), SdpAnswerStatus::NotAcceptable),
        (
            SipResponse::new(488, Method::Invite).with_headers(with_warning(370)),
            SdpAnswerStatus::NotAcceptableDueToBandwidthPolicy,
        ),
        (
            SipResponse::new(488, Method::Invite).with_headers(with_warning(305)),
            SdpAnswerStatus::NotAcceptable,
        ),
        (
            SipResponse::new(500, Method::Invite).with_headers(retry_after),
            SdpAnswerStatus::NotAcceptable,
        ),
        (invite_response(415, "b1"), SdpAnswerStatus::NotAcceptable),
        (invite_response(603, "b1"), SdpAnswerStatus::NotAcceptable),
        // The transport's transaction timeout.
        (
            SipResponse::new(408, Method::Invite),
            SdpAnswerStatus::NotAcceptable,
        ),
    ];
    for (response, status) in cases {
        let code = response.status;
        let (p, result, log, _) = fails_with(response);
        assert_eq!(result, failure(status, code), "{code}");
        assert_eq!(
            log,
            [
                "set_hold(OutgoingRenegotiation, dialog=b1, hold)".to_owned(),
                "get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)".to_owned(),
                format!("set_answer(OutgoingRenegotiation, dialog=b1, {status}, answer=None)"),
            ],
            "{code}"
        );
        assert_eq!(p.a.state(), CallState::Established, "{code}");
        // Nothing else was sent (the transport ACKs non-2xx finals).
        assert!(p.ladder().is_empty(), "{code}: {:?}", p.ladder());
        assert_sessions_agree(&p);
    }
}

#[test]
fn after_a_failure_the_next_renegotiation_works() {
    let (mut p, _, _, _) = fails_with(invite_response(488, "b1"));
    // The hold intent stays with the provider: the next offer holds.
    p.a.begin_renegotiation(p.now).unwrap();
    let (_, b_events) = settle(&mut p, 4);
    assert_eq!(
        outline(&b_events),
        ["started Incoming", "completed Incoming Ok"]
    );
    assert_eq!(direction(&p.a, 0), sdp_offer_answer::sdp::Direction::SEND);
    assert_sessions_agree(&p);
}

#[test]
fn a_481_ends_the_call() {
    let (p, result, _, events) = fails_with(invite_response(481, "b1"));
    assert_eq!(result, failure(SdpAnswerStatus::NotAcceptable, 481));
    assert_eq!(p.a.state(), CallState::Terminated);
    assert_eq!(
        events.last(),
        Some(&CallEvent::Failed {
            status: SdpAnswerStatus::NotAcceptable,
            response: Some(481),
        })
    );
}
