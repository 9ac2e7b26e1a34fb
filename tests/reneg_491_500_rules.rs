//! One renegotiation at a time (RFC 3261 §14.2, RFC 3311 §5.2, RFC 6337
//! §4.3): an offer crossing ours gets 491; an offer while the remote's
//! previous one is unanswered gets 500 with Retry-After (0–10 s, from the
//! seed); a local request while ours is in progress is refused with
//! `AlreadyExists` (UCWA 409 Conflict/AlreadyExists).

mod call_harness;
mod reneg_harness;

use call_harness::*;
use reneg_harness::*;
use sdp_offer_answer::call::{CallError, Method, RenegotiationAnswer, SipRequest};
use sdp_offer_answer::testing::Side;

/// Bob's current SDP with the version moved on (a changed re-offer).
fn bob_reoffer(p: &Pair) -> Vec<u8> {
    let (local, _) = session_bytes(&p.b);
    bump_version(&local)
        .replace("a=sendrecv", "a=sendonly")
        .into_bytes()
}

#[test]
fn an_offer_crossing_ours_gets_491() {
    let mut p = established();
    let op = p.a.begin_renegotiation(p.now).unwrap();
    assert_eq!(p.pump(), 1); // Alice's re-INVITE is on its way
    let offer = bob_reoffer(&p);
    for method in [Method::Invite, Method::Update] {
        p.a.handle_request(request_with_sdp(method.clone(), &offer), p.now)
            .unwrap();
        let response = only_response(drain(&mut p.a));
        assert_eq!((response.status, response.method), (491, method));
        assert_eq!(response.headers.retry_after, None);
    }
    // A re-INVITE without offer crosses it too.
    p.a.handle_request(SipRequest::new(Method::Invite), p.now)
        .unwrap();
    assert_eq!(only_response(drain(&mut p.a)).status, 491);
    // The remote's attempts made no renegotiation.
    assert!(p.a.incoming_renegotiation().is_none());
    assert!(p.take_events(Side::A).iter().all(|e| {
        !outline(std::slice::from_ref(e))
            .iter()
            .any(|l| l.contains("Incoming"))
    }));
    // And ours is unaffected: delivered, answered, done.
    let (a_events, _) = settle(&mut p, 4);
    assert_eq!(outline(&a_events), ["completed Outgoing Ok"]);
    assert_eq!(completed(&a_events).0.operation_id(), op);
}

#[test]
fn a_second_offer_while_one_is_unanswered_gets_500_with_retry_after() {
    let mut p = established();
    p.a.hold(p.now).unwrap();
    p.run(); // Bob (manual) has Alice's offer and has not decided
    let pending = started(&p.take_events(Side::B));
    let offer = p.b.incoming_renegotiation().unwrap().media_offer().to_vec();
    let mut retry_afters = Vec::new();
    for method in [Method::Invite, Method::Update, Method::Invite] {
        p.b.handle_request(request_with_sdp(method.clone(), &offer), p.now)
            .unwrap();
        let response = only_response(drain(&mut p.b));
        assert_eq!((response.status, response.method), (500, method));
        let secs = response.headers.retry_after.expect("Retry-After");
        assert!(secs <= 10, "{secs}");
        retry_afters.push(secs);
    }
    // The first one is still the one pending.
    assert_eq!(
        p.b.incoming_renegotiation().map(|r| r.operation_id()),
        Some(pending.operation_id())
    );
    // Seeded: the same seed gives the same Retry-After values.
    let mut again = established();
    again.a.hold(again.now).unwrap();
    again.run();
    let mut same = Vec::new();
    for method in [Method::Invite, Method::Update, Method::Invite] {
        again
            .b
            .handle_request(request_with_sdp(method, &offer), again.now)
            .unwrap();
        same.push(
            only_response(drain(&mut again.b))
                .headers
                .retry_after
                .unwrap(),
        );
    }
    assert_eq!(same, retry_afters);
    p.b.answer_renegotiation(pending.operation_id(), RenegotiationAnswer::Provider, p.now)
        .unwrap();
    p.run();
    assert_sessions_agree(&p);
}

#[test]
fn an_offer_while_our_2xx_offer_is_unanswered_gets_491() {
    let mut p = established();
    // A re-INVITE without offer: Alice's offer goes in the 2xx.
    p.a.handle_request(SipRequest::new(Method::Invite), p.now)
        .unwrap();
    let reneg = started(&p.take_events(Side::A));
    p.a.answer_renegotiation(reneg.operation_id(), RenegotiationAnswer::Provider, p.now)
        .unwrap();
    assert_eq!(only_response(drain(&mut p.a)).status, 200);
    let offer = bob_reoffer(&p);
    p.a.handle_request(request_with_sdp(Method::Update, &offer), p.now)
        .unwrap();
    assert_eq!(only_response(drain(&mut p.a)).status, 491);
    p.a.handle_request(request_with_sdp(Method::Invite, &offer), p.now)
        .unwrap();
    assert_eq!(only_response(drain(&mut p.a)).status, 491);
}

#[test]
fn a_local_request_while_ours_is_in_progress_is_already_exists() {
    let mut p = established();
    let op = p.a.begin_renegotiation(p.now).unwrap();
    let already = CallError::AlreadyExists {
        operation_id: op.clone(),
    };
    assert_eq!(p.a.begin_renegotiation(p.now), Err(already.clone()));
    // hold/resume are checked before the provider is told.
    assert_eq!(p.a.hold(p.now), Err(already.clone()));
    assert_eq!(p.a.resume(p.now), Err(already.clone()));
    assert_eq!(
        log(&mut p.a),
        ["get_offer(OutgoingRenegotiation, dialog=b1, last_sent=1 SDP)"]
    );
    assert_eq!(
        only_request(drain(&mut p.a), Method::Invite).method,
        Method::Invite
    );
    #[cfg(feature = "ucwa")]
    {
        let body = already.ucwa_error().unwrap();
        assert_eq!(body.http_status(), 409);
        assert_eq!(
            body.to_json(),
            format!(
                r#"{{"code":"Conflict","subcode":"AlreadyExists","message":"renegotiation {op} is already in progress"}}"#
            )
        );
    }
    // Queued behind an incoming one, it is still in progress.
    let mut q = established();
    q.b.hold(q.now).unwrap();
    q.run();
    let queued = q.a.begin_renegotiation(q.now).unwrap();
    assert!(drain(&mut q.a).is_empty());
    assert!(matches!(
        q.a.begin_renegotiation(q.now),
        Err(CallError::AlreadyExists { operation_id }) if operation_id == queued
    ));
}
