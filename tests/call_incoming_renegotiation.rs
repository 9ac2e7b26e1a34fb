//! `RenegotiationMode::Automatic`: a remote re-INVITE or UPDATE on an
//! established call is answered through the provider (IncomingRenegotiation)
//! at once: Bob puts Alice on hold with a re-INVITE, then resumes with an
//! UPDATE; a declined re-offer leaves the session as it was; an offerless
//! re-INVITE gets Alice's offer; crossing requests get 500 with Retry-After.
//! Each renegotiation is still reported (started, then completed).

mod call_harness;

use call_harness::*;
use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, CallState, Method, RenegotiationFailure,
    RenegotiationMode, SipRequest,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::offer_answer::{
    OfferAnswerContext, OfferAnswerError, OfferAnswerFailureReason, SdpAnswer, SdpAnswerStatus,
    SdpContentDescription, SdpOfferAnswerReason,
};
use sdp_offer_answer::sdp::Direction;
use sdp_offer_answer::testing::{BackToBack, ProviderOp, RecordingProvider, Side};

fn established() -> Pair {
    let auto = |provider, seed, tag| {
        Call::new(
            RecordingProvider::new(provider),
            CallConfig::new(seed)
                .with_local_tag(tag)
                .with_renegotiation_mode(RenegotiationMode::Automatic),
        )
    };
    let mut p = BackToBack::new(
        auto(alice_provider(), 7, "a1"),
        auto(bob_provider(), 8, "b1"),
        std::time::Instant::now(),
    );
    p.a.establish(CallEstablishOptions::new(), p.now).unwrap();
    p.run();
    p.b.accept(p.now).unwrap();
    p.run();
    p.take_events(Side::A);
    log(&mut p.a);
    p
}

/// Bob's provider makes a re-offer (hold or not) and returns it.
fn bob_reoffer(p: &mut Pair, hold: bool) -> Vec<u8> {
    let provider = p.b.provider_mut().inner_mut();
    let negotiator = provider.negotiator_mut().unwrap();
    if hold {
        negotiator.hold();
    } else {
        negotiator.resume();
    }
    let ctx = OfferAnswerContext::new(SdpOfferAnswerReason::OutgoingRenegotiation);
    let offer = provider.get_offer(&ctx, None).unwrap();
    offer.descriptions[0].body.clone()
}

fn bob_takes_answer(p: &mut Pair, answer: &[u8]) {
    let provider = p.b.provider_mut().inner_mut();
    let ctx = OfferAnswerContext::new(SdpOfferAnswerReason::OutgoingRenegotiation);
    let offer = sdp_offer_answer::offer_answer::SdpOffer::default();
    provider
        .set_answer(
            &ctx,
            &offer,
            SdpAnswer::new(
                SdpContentDescription::new(answer.to_vec()),
                SdpAnswerStatus::Final,
            ),
        )
        .unwrap();
}

/// The events as `started`/`completed Ok`/`completed <failure>` lines.
fn outline(events: Vec<CallEvent>) -> Vec<String> {
    events
        .into_iter()
        .map(|e| match e {
            CallEvent::RenegotiationStarted { renegotiation } => {
                format!("started {}", renegotiation.direction())
            }
            CallEvent::RenegotiationCompleted {
                renegotiation,
                result,
            } => format!("completed {} {result:?}", renegotiation.direction()),
            other => format!("{other:?}"),
        })
        .collect()
}

fn alice_direction(p: &Pair) -> Direction {
    p.a.provider().inner().negotiated_session().unwrap().streams[0].direction
}

#[test]
fn reinvite_and_update_are_answered_through_the_provider() {
    let mut p = established();
    assert_eq!(alice_direction(&p), Direction::SEND | Direction::RECV);

    // Hold with a re-INVITE.
    let offer = bob_reoffer(&mut p, true);
    let mut reinvite = request_with_sdp(Method::Invite, &offer);
    reinvite.headers.to_tag = Some("a1".into());
    p.a.handle_request(reinvite, p.now).unwrap();
    let ok = only_response(drain(&mut p.a));
    assert_eq!((ok.status, ok.method.clone()), (200, Method::Invite));
    assert!(String::from_utf8_lossy(&ok.body).contains("a=recvonly"));
    assert_eq!(alice_direction(&p), Direction::RECV);
    bob_takes_answer(&mut p, &ok.body);
    // A crossing re-INVITE before the ACK: 500 + Retry-After.
    p.a.handle_request(request_with_sdp(Method::Invite, &offer), p.now)
        .unwrap();
    let busy = only_response(drain(&mut p.a));
    assert_eq!(busy.status, 500);
    assert!(busy.headers.retry_after.is_some_and(|s| s <= 10));
    p.a.handle_request(SipRequest::new(Method::Ack), p.now)
        .unwrap();
    assert_eq!(
        outline(events(&mut p.a)),
        ["started Incoming", "completed Incoming Ok(())"]
    );

    // Resume with an UPDATE.
    let offer = bob_reoffer(&mut p, false);
    p.a.handle_request(request_with_sdp(Method::Update, &offer), p.now)
        .unwrap();
    let ok = only_response(drain(&mut p.a));
    assert_eq!((ok.status, ok.method.clone()), (200, Method::Update));
    bob_takes_answer(&mut p, &ok.body);
    assert_eq!(
        outline(events(&mut p.a)),
        ["started Incoming", "completed Incoming Ok(())"]
    );
    assert_eq!(alice_direction(&p), Direction::SEND | Direction::RECV);

    // An UPDATE without body: 200, nothing else.
    p.a.handle_request(SipRequest::new(Method::Update), p.now)
        .unwrap();
    let ok = only_response(drain(&mut p.a));
    assert!(ok.body.is_empty());
    assert!(events(&mut p.a).is_empty());

    assert_eq!(
        log(&mut p.a),
        vec![
            "get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
            "get_answer(IncomingRenegotiation, dialog=b1, offer=1 SDP)",
        ]
    );
    assert_eq!(p.a.state(), CallState::Established);
}

#[test]
fn declined_reoffer_keeps_the_session() {
    let mut p = established();
    let before = p.a.provider().inner().negotiated_session().cloned();
    let offer = bob_reoffer(&mut p, true);
    p.a.provider_mut().fail_next(
        ProviderOp::GetAnswer,
        OfferAnswerError::new(OfferAnswerFailureReason::NotAcceptable, "no"),
    );
    p.a.handle_request(request_with_sdp(Method::Invite, &offer), p.now)
        .unwrap();
    let declined = only_response(drain(&mut p.a));
    assert_eq!(declined.status, 488);
    assert_eq!(declined.headers.warning.as_ref().map(|w| w.code), Some(305));
    assert_eq!(
        outline(events(&mut p.a)),
        [
            "started Incoming".to_owned(),
            format!(
                "completed Incoming {:?}",
                Err::<(), _>(RenegotiationFailure::Declined {
                    reason: OfferAnswerFailureReason::NotAcceptable,
                    response: 488
                })
            )
        ]
    );
    assert_eq!(p.a.state(), CallState::Established);
    assert_eq!(p.a.provider().inner().negotiated_session().cloned(), before);
}

#[test]
fn offerless_reinvite_gets_our_offer() {
    let mut p = established();
    p.a.handle_request(SipRequest::new(Method::Invite), p.now)
        .unwrap();
    let ok = only_response(drain(&mut p.a));
    assert_eq!(ok.status, 200);
    // Bob answers Alice's offer in the ACK.
    let answer = {
        let provider = p.b.provider_mut().inner_mut();
        let ctx = OfferAnswerContext::new(SdpOfferAnswerReason::IncomingRenegotiation);
        let offer = sdp_offer_answer::offer_answer::SdpOffer::single(SdpContentDescription::new(
            ok.body.clone(),
        ));
        provider
            .get_answer(&ctx, &offer)
            .unwrap()
            .answer
            .unwrap()
            .body
    };
    p.a.handle_request(request_with_sdp(Method::Ack, &answer), p.now)
        .unwrap();
    assert_eq!(
        outline(events(&mut p.a)),
        ["started Incoming", "completed Incoming Ok(())"]
    );
    assert_eq!(
        log(&mut p.a),
        vec![
            "get_offer(IncomingRenegotiation, dialog=b1, last_sent=1 SDP)",
            "set_answer(IncomingRenegotiation, dialog=b1, Final, answer=SDP)",
        ]
    );

    // Again, but the ACK has no answer: the session stays, the call too,
    // and Alice re-offers the session to put both sides in step.
    let before = p.a.provider().inner().negotiated_session().cloned();
    p.a.handle_request(SipRequest::new(Method::Invite), p.now)
        .unwrap();
    drain(&mut p.a);
    p.a.handle_request(SipRequest::new(Method::Ack), p.now)
        .unwrap();
    assert_eq!(
        outline(events(&mut p.a)),
        [
            "started Incoming".to_owned(),
            format!(
                "completed Incoming {:?}",
                Err::<(), _>(RenegotiationFailure::Failed {
                    status: SdpAnswerStatus::NotAcceptable,
                    response: None
                })
            ),
            "started Outgoing".to_owned(),
        ]
    );
    assert_eq!(p.a.state(), CallState::Established);
    assert_eq!(p.a.provider().inner().negotiated_session().cloned(), before);
    only_request(drain(&mut p.a), Method::Invite);
}
