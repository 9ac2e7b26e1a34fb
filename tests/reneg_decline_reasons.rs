//! Dismissing an incoming renegotiation (UCWA `dismiss`) with each
//! `ReNegotiationDeclineReason` gives the response of `manual::decline_responses` with
//! its Warning, written by our warn-agent; the session stays byte-identical
//! and the renegotiation completes with `Dismissed`. For re-INVITE and
//! UPDATE alike.

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{CallState, Method, RenegotiationFailure, SipResponse};
use sdp_offer_answer::renegotiation::{ReNegotiationDeclineReason, RenegotiationState};
use sdp_offer_answer::testing::Side;

/// Bob re-offers with video added; Alice dismisses with `reason`; returns
/// her response.
fn dismissed(method: Method, reason: ReNegotiationDeclineReason) -> (SipResponse, Pair) {
    let mut p = established_with(
        alice_provider(),
        bob_av_provider(),
        sdp_offer_answer::call::RenegotiationMode::Manual,
    );
    let before = session_bytes(&p.a);
    // Bob's provider makes the re-offer; sent by hand as `method`.
    let offer = {
        use sdp_offer_answer::media_provider::MediaProvider;
        use sdp_offer_answer::offer_answer::{OfferAnswerContext, SdpOfferAnswerReason};
        let provider = p.b.provider_mut().inner_mut();
        provider
            .negotiator_mut()
            .unwrap()
            .add_stream(sdp_offer_answer::sdp::MediaType::Video)
            .unwrap();
        let ctx = OfferAnswerContext::new(SdpOfferAnswerReason::OutgoingRenegotiation);
        provider.get_offer(&ctx, None).unwrap().descriptions[0]
            .body
            .clone()
    };
    p.a.handle_request(request_with_sdp(method.clone(), &offer), p.now)
        .unwrap();
    assert!(drain(&mut p.a).is_empty(), "manual mode waits");
    let reneg = started(&p.take_events(Side::A));
    assert_eq!(reneg.media_offer(), offer.as_slice());
    p.a.dismiss_renegotiation(reneg.operation_id(), reason, p.now)
        .unwrap();
    let response = only_response(drain(&mut p.a));
    assert_eq!(response.method, method);
    let (done, result) = completed(&p.take_events(Side::A));
    assert_eq!(done.operation_id(), reneg.operation_id());
    assert_eq!(done.state(), RenegotiationState::Dismissed(reason));
    assert_eq!(done.media_answer(), None);
    assert_eq!(
        result,
        Err(RenegotiationFailure::Dismissed {
            reason,
            response: response.status
        })
    );
    assert_eq!(session_bytes(&p.a), before, "the session is untouched");
    assert_eq!(p.a.state(), CallState::Established);
    assert!(p.a.renegotiation().is_none());
    assert_eq!(p.a.last_renegotiation(), Some(&done));
    (response, p)
}

fn warning(response: &SipResponse) -> Option<String> {
    response.headers.warning.as_ref().map(|w| w.header_value())
}

#[test]
fn each_reason_gives_its_response_and_warning() {
    use ReNegotiationDeclineReason as R;
    let expected: [(R, u16, Option<&str>); 7] = [
        (R::Unknown, 488, None),
        (R::MediaAllocationFailure, 500, None),
        (
            R::EncryptionMismatch,
            488,
            Some("306 a1.example.com \"Attribute not understood\""),
        ),
        (
            R::IPv6NotSupported,
            488,
            Some("301 a1.example.com \"Incompatible network address formats\""),
        ),
        (
            R::UnsupportedMedia,
            488,
            Some("304 a1.example.com \"Media type not available\""),
        ),
        (
            R::InvalidMediaOffer,
            488,
            Some("399 a1.example.com \"Invalid media offer\""),
        ),
        (
            R::InsufficientBandwidth,
            488,
            Some("370 a1.example.com \"Insufficient bandwidth\""),
        ),
    ];
    for method in [Method::Invite, Method::Update] {
        for (reason, status, warn) in expected {
            let (response, _) = dismissed(method.clone(), reason);
            assert_eq!(response.status, status, "{reason} {method}");
            assert_eq!(warning(&response).as_deref(), warn, "{reason} {method}");
            assert_eq!(response.headers.retry_after, None, "{reason}");
            assert_eq!(response.headers.to_tag.as_deref(), Some("a1"));
        }
        // Conflict with no offer of ours outstanding: 500 + Retry-After 0–10.
        let (response, _) = dismissed(method.clone(), R::Conflict);
        assert_eq!(response.status, 500);
        assert_eq!(warning(&response), None);
        assert!(response.headers.retry_after.is_some_and(|s| s <= 10));
    }
}

#[test]
fn an_invalid_offer_is_dismissed_with_its_parse_error() {
    let mut p = established();
    let broken = b"v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm audio 4000 RTP/AVP 0\r\n";
    p.b.handle_request(request_with_sdp(Method::Invite, broken), p.now)
        .unwrap();
    let reneg = started(&p.take_events(Side::B));
    p.b.dismiss_renegotiation(
        reneg.operation_id(),
        ReNegotiationDeclineReason::InvalidMediaOffer,
        p.now,
    )
    .unwrap();
    let response = only_response(drain(&mut p.b));
    assert_eq!(response.status, 488);
    let w = response.headers.warning.unwrap();
    assert_eq!((w.code, w.agent.as_str()), (399, "b1.example.com"));
    assert!(w.text.contains("line 6"), "{}", w.text);
}

#[test]
fn the_remote_sees_the_dismissal_as_a_failed_renegotiation() {
    // Between two Calls: Bob adds video, Alice dismisses with
    // InsufficientBandwidth; Bob's provider is told
    // NotAcceptableDueToBandwidthPolicy and both keep the audio session.
    let mut p = established_with(
        alice_provider(),
        bob_av_provider(),
        sdp_offer_answer::call::RenegotiationMode::Manual,
    );
    let (a_before, b_before) = (session_bytes(&p.a), session_bytes(&p.b));
    p.b.provider_mut()
        .inner_mut()
        .negotiator_mut()
        .unwrap()
        .add_stream(sdp_offer_answer::sdp::MediaType::Video)
        .unwrap();
    p.b.begin_renegotiation(p.now).unwrap();
    p.run();
    let reneg = started(&p.take_events(Side::A));
    assert_eq!(m_lines(reneg.media_offer()).len(), 2);
    p.a.dismiss_renegotiation(
        reneg.operation_id(),
        ReNegotiationDeclineReason::InsufficientBandwidth,
        p.now,
    )
    .unwrap();
    p.run();
    let ladder: Vec<String> = p.take_ladder().iter().map(|e| e.to_string()).collect();
    assert_eq!(ladder.len(), 2);
    assert!(ladder[0].starts_with("A ← B  INVITE"));
    assert_eq!(
        ladder[1],
        "A → B  488 Not Acceptable Here  Warning: 370 a1.example.com \"Insufficient bandwidth\""
    );
    let (_, result) = completed(&p.take_events(Side::B));
    assert_eq!(
        result,
        Err(RenegotiationFailure::Failed {
            status:
                sdp_offer_answer::offer_answer::SdpAnswerStatus::NotAcceptableDueToBandwidthPolicy,
            response: Some(488)
        })
    );
    assert_eq!(
        log(&mut p.b)[1..],
        [
            "set_answer(OutgoingRenegotiation, dialog=b1, NotAcceptableDueToBandwidthPolicy, answer=None)"
        ]
    );
    assert_eq!(session_bytes(&p.a), a_before);
    assert_eq!(session_bytes(&p.b), b_before);
    assert_sessions_agree(&p);
}
